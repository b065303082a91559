// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-body-stream-private.h"
#include "mistral-error.h"
#include "mistral-http-private.h"
#include "mistral-io-thread-private.h"
#include "mistral-sync-call-private.h"

/* The I/O thread reads libsoup's stream ahead of the caller, as fast as
 * the bytes come, into a buffer of READ_AHEAD_SIZE bytes: a caller's read
 * takes what is there at once, in its own thread, without a round trip to
 * the I/O thread; only a read that finds the buffer empty goes there and
 * waits. When the buffer is full the reads pause, and the caller's read
 * that empties it to half resumes them: one wakeup of the I/O thread per
 * batch, and never more than READ_AHEAD_SIZE bytes held. */
#define READ_AHEAD_SIZE (256 * 1024)
#define READ_SIZE       (64 * 1024)
/* Less room than this at the end of the buffer: its bytes are moved to
 * the front first (or, if there is none before them, the reads pause). */
#define MIN_READ_SIZE   (16 * 1024)

/* What the I/O thread owns, and only it touches (but for the buffer, see
 * below): libsoup's stream and message. Kept apart from the GObject, which
 * the caller may drop at any time from its own thread. */
typedef struct {
  GInputStream *base;
  SoupMessage *message;
  GCancellable *cancellable;  /* of the reads of @base: a close cancels it */
  gboolean message_done;
  gboolean reading;     /* a read of @base is in flight, into buffer[end…] */
  gboolean closing;     /* closed while it was: @base is closed when it returns */
  gboolean eof;         /* @base is at its end (and closed) */
  GError *error;        /* @base failed: told once the bytes before it are */
  GTask *waiting;       /* a caller's read that found nothing buffered */
  goffset length;       /* the body's length, or -1 if unknown */
  goffset received;     /* bytes read from @base so far */
  guint idle_timeout;   /* seconds a caller's read may wait for bytes; 0: no limit */

  /* Shared with the caller's thread, under @lock: the bytes read ahead
   * are buffer[start…end). libsoup writes past @end, outside the lock,
   * while @reading; the caller only takes from @start; only the I/O
   * thread moves the bytes, and only when no read is in flight. An
   * abandoned read (the caller's cancel) writes here, never into the
   * caller's buffer, which it may have let go. Once @base has nothing
   * more to give, the buffer goes as soon as it is empty. */
  GMutex lock;
  guint8 *buffer;
  gsize start;
  gsize end;
  gboolean paused;      /* full: the caller resumes the reads */
  gboolean ended;       /* @base is at its end or failed: no more bytes */
} BodyIo;

struct _MistralBodyStream
{
  GInputStream parent_instance;

  BodyIo *io;           /* NULL once closed */
};

G_DEFINE_FINAL_TYPE (MistralBodyStream, mistral_body_stream, G_TYPE_INPUT_STREAM)

typedef struct {
  BodyIo *io;
  void *buffer;
  gsize count;
  GSource *cancel_source;
  GSource *idle_source;
} ReadOp;

static void
read_op_free (ReadOp *op)
{
  g_assert (op->cancel_source == NULL && op->idle_source == NULL);
  g_free (op);
}

static void body_io_fill          (BodyIo      *io);
static void body_io_on_finished_cb (SoupMessage *message,
                                    BodyIo      *io);

/* Takes up to @count buffered bytes; under @io->lock. Returns whether the
 * reads of @base, paused, should resume. */
static gboolean
take_locked (BodyIo *io,
             void   *buffer,
             gsize   count,
             gsize  *n)
{
  *n = MIN (count, io->end - io->start);
  if (*n == 0)
    return FALSE;
  memcpy (buffer, io->buffer + io->start, *n);
  io->start += *n;
  if (io->ended && io->start == io->end)
    g_clear_pointer (&io->buffer, g_free);

  if (io->paused && io->end - io->start <= READ_AHEAD_SIZE / 2)
    {
      io->paused = FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
body_io_resume (gpointer user_data)
{
  body_io_fill (user_data);
  return G_SOURCE_REMOVE;
}

static void
body_io_free (BodyIo *io)
{
  g_assert (!io->reading && io->waiting == NULL);

  /* Closed before its end, the body's connection is dropped. */
  g_input_stream_close (io->base, NULL, NULL);
  g_signal_handlers_disconnect_by_func (io->message, body_io_on_finished_cb, io);
  g_object_unref (io->message);
  g_object_unref (io->base);
  g_object_unref (io->cancellable);
  g_clear_error (&io->error);
  g_mutex_clear (&io->lock);
  g_free (io->buffer);
  g_free (io);
}

/* Completes the waiting read, in the I/O thread, with @n bytes or @error. */
static void
return_waiting (BodyIo *io,
                gssize  n,
                GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&io->waiting);
  ReadOp *op = g_task_get_task_data (task);

  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }
  if (op->idle_source != NULL)
    {
      g_source_destroy (op->idle_source);
      g_clear_pointer (&op->idle_source, g_source_unref);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

/* Serves the waiting read, if there is one and something to tell it: the
 * bytes first, then the error or the end. */
static void
serve_waiting (BodyIo *io)
{
  ReadOp *op;
  gsize n;

  if (io->waiting == NULL)
    return;

  op = g_task_get_task_data (io->waiting);
  g_mutex_lock (&io->lock);
  take_locked (io, op->buffer, op->count, &n);
  g_mutex_unlock (&io->lock);

  if (n > 0)
    return_waiting (io, n, NULL);
  else if (io->error != NULL)
    return_waiting (io, -1, g_error_copy (io->error));
  /* libsoup 3.2 gives the connection back to the pool once the message
   * has finished, an iteration after its body stream was closed. The end
   * is told after that, so that the caller's next request finds the
   * connection free. */
  else if (io->eof && io->message_done)
    return_waiting (io, 0, NULL);
}

static void
body_io_on_finished_cb (SoupMessage *message,
                        BodyIo      *io)
{
  io->message_done = TRUE;
  serve_waiting (io);
}

static void
body_io_on_filled (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BodyIo *io = user_data;
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  io->reading = FALSE;
  if (io->closing)
    {
      g_clear_error (&error);
      body_io_free (io);
      return;
    }

  g_mutex_lock (&io->lock);
  if (n > 0)
    io->end += n;
  else
    {
      io->ended = TRUE;
      if (io->start == io->end)
        g_clear_pointer (&io->buffer, g_free);
    }
  g_mutex_unlock (&io->lock);

  if (n > 0)
    io->received += n;
  else if (n < 0)
    io->error = error;
  else
    {
      io->eof = TRUE;
      g_input_stream_close (io->base, NULL, NULL);
      /* libsoup 3.2 ends a body cut short under its Content-Length (the
       * server closed early) as if it were whole. */
      if (io->length >= 0 && io->received < io->length)
        io->error = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                 "the body ended after %" G_GOFFSET_FORMAT " of %" G_GOFFSET_FORMAT " bytes",
                                 io->received, io->length);
    }

  serve_waiting (io);
  body_io_fill (io);
}

/* Starts the next read of @base, unless one is in flight, the end came or
 * the buffer is full. */
static void
body_io_fill (BodyIo *io)
{
  gboolean full;
  gsize space;

  if (io->reading || io->closing || io->eof || io->error != NULL)
    return;

  g_mutex_lock (&io->lock);
  if (io->start == io->end)
    io->start = io->end = 0;
  space = READ_AHEAD_SIZE - io->end;
  if (space < MIN_READ_SIZE && io->start > 0)
    {
      memmove (io->buffer, io->buffer + io->start, io->end - io->start);
      io->end -= io->start;
      io->start = 0;
      space = READ_AHEAD_SIZE - io->end;
    }
  full = space < MIN_READ_SIZE;
  io->paused = full;
  g_mutex_unlock (&io->lock);
  if (full)
    return;

  io->reading = TRUE;
  g_input_stream_read_async (io->base, io->buffer + io->end, MIN (space, READ_SIZE), G_PRIORITY_DEFAULT,
                             io->cancellable, body_io_on_filled, io);
}

/* A cancel ends the caller's read at once, as in the request path: the
 * reading ahead goes on (within its bound) until the stream is closed. */
static gboolean
body_io_on_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  BodyIo *io = user_data;
  ReadOp *op = g_task_get_task_data (io->waiting);
  GError *error = NULL;

  g_clear_pointer (&op->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  return_waiting (io, -1, error);

  return G_SOURCE_REMOVE;
}

/* A caller's read waited longer than the idle timeout for a byte: the
 * server stalled, or its HTTP/2 stream was reset after the response
 * headers, which libsoup 3.2 keeps to itself (set_http2_error_for_data()
 * in soup-client-message-io-http2.c) and so never ends the body. */
static gboolean
body_io_on_idle_timeout (gpointer user_data)
{
  BodyIo *io = user_data;
  ReadOp *op = g_task_get_task_data (io->waiting);

  g_clear_pointer (&op->idle_source, g_source_unref);
  return_waiting (io, -1, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT,
                                       "The body stalled longer than the timeout, %u s", io->idle_timeout));

  return G_SOURCE_REMOVE;
}

/* In the I/O thread: a caller's read that found nothing buffered. */
static gboolean
body_io_read (gpointer user_data)
{
  GTask *task = user_data;
  ReadOp *op = g_task_get_task_data (task);
  BodyIo *io = op->io;
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* GInputStream allows one read at a time, and a cancelled one has
   * returned before the caller could start the next. */
  g_assert (io->waiting == NULL);
  io->waiting = task;

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (body_io_on_cancelled), io, NULL);
      g_source_attach (op->cancel_source, g_main_context_get_thread_default ());
    }

  g_mutex_lock (&io->lock);
  io->paused = FALSE;
  g_mutex_unlock (&io->lock);

  serve_waiting (io);
  if (io->waiting == task && io->idle_timeout > 0)
    {
      /* Not g_timeout_source_new_seconds(): see mistral-deadline.c. */
      op->idle_source = g_timeout_source_new (MIN (io->idle_timeout, G_MAXUINT / 1000) * 1000);
      g_source_set_callback (op->idle_source, body_io_on_idle_timeout, io, NULL);
      g_source_attach (op->idle_source, g_main_context_get_thread_default ());
    }
  body_io_fill (io);
  return G_SOURCE_REMOVE;
}

/* Closing hands the rest to the I/O thread: a read of @base in flight is
 * cancelled, and @base closed once it returns. */
static gboolean
body_io_close (gpointer user_data)
{
  BodyIo *io = user_data;

  io->closing = TRUE;
  if (io->reading)
    {
      g_cancellable_cancel (io->cancellable);
      return G_SOURCE_REMOVE;
    }

  body_io_free (io);
  return G_SOURCE_REMOVE;
}

static void
mistral_body_stream_read_async (GInputStream        *stream,
                                void                *buffer,
                                gsize                count,
                                int                  io_priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  MistralBodyStream *self = MISTRAL_BODY_STREAM (stream);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  BodyIo *io = self->io;
  gboolean resume = FALSE;
  gsize n = 0;
  ReadOp *op;

  g_task_set_source_tag (task, mistral_body_stream_read_async);
  /* What happened, as it happened: a read that ended before a cancel
   * reports its bytes. */
  g_task_set_check_cancellable (task, FALSE);

  /* What was read ahead is taken here, in the caller's thread. */
  g_mutex_lock (&io->lock);
  if (io->end > io->start)
    resume = take_locked (io, buffer, count, &n);
  g_mutex_unlock (&io->lock);
  if (resume)
    mistral_io_thread_invoke (body_io_resume, io, NULL);
  if (n > 0 || count == 0)
    {
      g_task_return_int (task, n);
      g_object_unref (task);
      return;
    }

  op = g_new0 (ReadOp, 1);
  op->io = io;
  op->buffer = buffer;
  op->count = count;
  g_task_set_task_data (task, op, (GDestroyNotify) read_op_free);

  mistral_io_thread_invoke (body_io_read, task, NULL);
}

static gssize
mistral_body_stream_read_finish (GInputStream  *stream,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* The blocking read is the asynchronous one, waited for. */
static gssize
mistral_body_stream_read_fn (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  MistralSyncCall call;
  gssize n;

  mistral_sync_call_begin (&call);
  mistral_body_stream_read_async (stream, buffer, count, G_PRIORITY_DEFAULT, cancellable,
                                  mistral_sync_call_done, &call);
  n = mistral_body_stream_read_finish (stream, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return n;
}

/* Hands the close to the I/O thread, without waiting. GInputStream allows
 * no close while one of our reads is pending, but the I/O thread's read
 * ahead may be in flight on libsoup's stream: body_io_close() cancels it,
 * and closes libsoup's stream once it returns. */
static gboolean
mistral_body_stream_close_fn (GInputStream  *stream,
                              GCancellable  *cancellable,
                              GError       **error)
{
  MistralBodyStream *self = MISTRAL_BODY_STREAM (stream);

  if (self->io != NULL)
    mistral_io_thread_invoke (body_io_close, g_steal_pointer (&self->io), NULL);

  return TRUE;
}

static void
mistral_body_stream_close_async (GInputStream        *stream,
                                 int                  io_priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, mistral_body_stream_close_async);
  mistral_body_stream_close_fn (stream, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
mistral_body_stream_close_finish (GInputStream  *stream,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mistral_body_stream_finalize (GObject *object)
{
  MistralBodyStream *self = MISTRAL_BODY_STREAM (object);

  /* GInputStream's dispose closed it. */
  g_assert (self->io == NULL);

  G_OBJECT_CLASS (mistral_body_stream_parent_class)->finalize (object);
}

static void
mistral_body_stream_class_init (MistralBodyStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = mistral_body_stream_finalize;
  stream_class->read_fn = mistral_body_stream_read_fn;
  stream_class->read_async = mistral_body_stream_read_async;
  stream_class->read_finish = mistral_body_stream_read_finish;
  stream_class->close_fn = mistral_body_stream_close_fn;
  stream_class->close_async = mistral_body_stream_close_async;
  stream_class->close_finish = mistral_body_stream_close_finish;
}

static void
mistral_body_stream_init (MistralBodyStream *self)
{
}

GInputStream *
mistral_body_stream_new (GInputStream *base,
                         SoupMessage  *message,
                         gboolean      message_done,
                         goffset       length,
                         guint         idle_timeout)
{
  MistralBodyStream *self = g_object_new (MISTRAL_TYPE_BODY_STREAM, NULL);
  BodyIo *io = g_new0 (BodyIo, 1);

  io->base = base;
  io->length = length;
  io->message = g_object_ref (message);
  io->message_done = message_done;
  io->idle_timeout = idle_timeout;
  io->cancellable = g_cancellable_new ();
  g_mutex_init (&io->lock);
  io->buffer = g_malloc (READ_AHEAD_SIZE);
  g_signal_connect (message, "finished", G_CALLBACK (body_io_on_finished_cb), io);
  self->io = io;

  /* The body is read from now on. */
  body_io_fill (io);

  return G_INPUT_STREAM (self);
}

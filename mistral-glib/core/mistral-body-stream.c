// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-body-stream-private.h"
#include "mistral-http-private.h"
#include "mistral-io-thread-private.h"
#include "mistral-sync-call-private.h"

/* What the I/O thread owns, and only it touches: libsoup's stream and
 * message. Kept apart from the GObject, which the caller may drop at any
 * time from its own thread. */
typedef struct {
  GInputStream *base;
  SoupMessage *message;
  gboolean message_done;
  gboolean reading;     /* a read of @base is in flight */
  gboolean closing;     /* closed while it was: @base is closed when it returns */
  GTask *eof_task;      /* a read that found the end, told once "finished" came */
  /* libsoup reads into this, and the bytes are copied to the caller's
   * buffer when the read returns: an abandoned read may still write after
   * the caller has let its buffer go. */
  guint8 *scratch;
  gsize scratch_size;
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
  int priority;
  GSource *cancel_source;
  gboolean returned;    /* cancelled: told already, the result is dropped */
} ReadOp;

static void
read_op_free (ReadOp *op)
{
  g_assert (op->cancel_source == NULL);
  g_free (op);
}

static gboolean body_io_close (gpointer user_data);

static void
body_io_on_finished (SoupMessage *message,
                     BodyIo      *io)
{
  io->message_done = TRUE;
  if (io->eof_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&io->eof_task);

      g_task_return_int (task, 0);
    }
}

static void
body_io_on_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadOp *op = g_task_get_task_data (task);
  BodyIo *io = op->io;
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  io->reading = FALSE;
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }
  if (op->returned)
    {
      g_clear_error (&error);
      if (io->closing)
        body_io_close (io);
      return;
    }

  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  memcpy (op->buffer, io->scratch, n);
  if (n == 0)
    {
      /* libsoup 3.2 gives the connection back to the pool once the message
       * has finished, an iteration after its body stream was closed. The
       * end is told after that, so that the caller's next request finds
       * the connection free. */
      g_input_stream_close (io->base, NULL, NULL);
      if (!io->message_done)
        {
          io->eof_task = g_steal_pointer (&task);
          return;
        }
    }

  g_task_return_int (task, n);
}

/* A cancel ends the read at once, as in the request path: libsoup 3.2 may
 * notice it only when the next frame of an HTTP/2 connection arrives. The
 * read of libsoup's stream goes on, abandoned, and @base is closed once it
 * returns. */
static gboolean
body_io_on_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  ReadOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&op->cancel_source, g_source_unref);
  op->returned = TRUE;
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (task, error);

  return G_SOURCE_REMOVE;
}

static gboolean
body_io_read (gpointer user_data)
{
  GTask *task = user_data;
  ReadOp *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* A cancelled read still in flight keeps libsoup's stream (and the
   * scratch buffer) busy. */
  if (op->io->reading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A cancelled read of the body has not returned yet");
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (body_io_on_cancelled), task, NULL);
      g_source_attach (op->cancel_source, g_main_context_get_thread_default ());
    }
  if (op->io->scratch_size < op->count)
    {
      g_free (op->io->scratch);
      op->io->scratch = g_malloc (op->count);
      op->io->scratch_size = op->count;
    }
  op->io->reading = TRUE;
  g_input_stream_read_async (op->io->base, op->io->scratch, op->count, op->priority,
                             g_task_get_cancellable (task), body_io_on_read, task);
  return G_SOURCE_REMOVE;
}

static gboolean
body_io_close (gpointer user_data)
{
  BodyIo *io = user_data;

  if (io->reading)
    {
      io->closing = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* Closed before its end, the body's connection is dropped. */
  g_input_stream_close (io->base, NULL, NULL);
  g_signal_handlers_disconnect_by_func (io->message, body_io_on_finished, io);
  g_object_unref (io->message);
  g_object_unref (io->base);
  g_free (io->scratch);
  g_free (io);

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
  ReadOp *op;

  g_task_set_source_tag (task, mistral_body_stream_read_async);
  /* What happened, as it happened: a read that ended before a cancel
   * reports its bytes. */
  g_task_set_check_cancellable (task, FALSE);

  op = g_new0 (ReadOp, 1);
  op->io = self->io;
  op->buffer = buffer;
  op->count = count;
  op->priority = io_priority;
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
 * no close while one of our reads is pending, but a cancelled read may
 * still be in flight on libsoup's stream: body_io_close() then closes it
 * once that read returns. */
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
                         gboolean      message_done)
{
  MistralBodyStream *self = g_object_new (MISTRAL_TYPE_BODY_STREAM, NULL);

  self->io = g_new0 (BodyIo, 1);
  self->io->base = base;
  self->io->message = g_object_ref (message);
  self->io->message_done = message_done;
  g_signal_connect (message, "finished", G_CALLBACK (body_io_on_finished), self->io);

  return G_INPUT_STREAM (self);
}

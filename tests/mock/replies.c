// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * replies.c: MockReply, a scripted or default reply, and serving one: at
 * once, after a delay, as an event stream (split, slowed, cut, stalled),
 * or as a reset connection.
 */

#include "mock-server-private.h"

#include <errno.h>
#include <sys/socket.h>

#define RANDOM_SPLIT_MAX 32

typedef enum {
  JOB_UNPAUSE,                  /* delayed plain reply */
  JOB_RESET,                    /* close without a response */
  JOB_STREAM,
} JobKind;

typedef enum {
  END_COMPLETE,
  END_CLOSE,
  END_STALL,
} StreamEnd;

typedef struct {
  guint delay_ms;
  GPtrArray *pieces;            /* GBytes*, one HTTP chunk each */
} Step;

/* A reply that outlives the handler: it waits, streams or closes. */
typedef struct {
  MockServer *self;
  JobKind kind;
  SoupServerMessage *msg;
  GSocket *socket;
  GSource *timeout;
  GSource *idle;
  GSource *watch;
  GPtrArray *steps;             /* Step* */
  guint next_step;
  gboolean started;
  gboolean delay_done;
  StreamEnd end;
  guint pending_chunks;
  gboolean headers_written;
  gboolean all_appended;
  GBytes *partial;              /* the event a close cuts in half, if any */
} Job;

/* ------------------------------------------------------------------ */
/* MockReply builder                                                  */
/* ------------------------------------------------------------------ */

static void
stream_item_free (MockStreamItem *item)
{
  g_free (item->text);
  g_free (item);
}

static MockReply *
reply_new (MockReplyKind kind,
           guint         status)
{
  MockReply *reply = g_new0 (MockReply, 1);

  reply->kind = kind;
  reply->status = status;
  reply->validate = TRUE;
  reply->headers = g_ptr_array_new_with_free_func (g_free);
  reply->items = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_item_free);
  reply->done = TRUE;
  return reply;
}

MockReply *
mock_reply_new (guint status)
{
  return reply_new (MOCK_REPLY_PLAIN, status);
}

MockReply *
mock_reply_new_json (guint       status,
                     const char *json)
{
  MockReply *reply = reply_new (MOCK_REPLY_PLAIN, status);

  mock_reply_set_body (reply, "application/json", json);
  return reply;
}

MockReply *
mock_reply_new_stream (void)
{
  return reply_new (MOCK_REPLY_STREAM, SOUP_STATUS_OK);
}

MockReply *
mock_reply_new_reset (void)
{
  return reply_new (MOCK_REPLY_RESET, 0);
}

void
mock_reply_free (MockReply *reply)
{
  if (!reply)
    return;
  g_free (reply->content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_ptr_array_unref (reply->headers);
  g_ptr_array_unref (reply->items);
  g_free (reply);
}

void
mock_reply_set_status (MockReply *reply,
                       guint      status)
{
  reply->status = status;
}

/* FALSE serves the reply whatever the request holds (even no auth). */
void
mock_reply_set_validate (MockReply *reply,
                         gboolean   validate)
{
  reply->validate = validate;
}

void
mock_reply_set_body (MockReply  *reply,
                     const char *content_type,
                     const char *body)
{
  g_free (reply->content_type);
  reply->content_type = g_strdup (content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  if (body)
    reply->body = g_bytes_new (body, strlen (body));
}

void
mock_reply_add_header (MockReply  *reply,
                       const char *name,
                       const char *value)
{
  g_ptr_array_add (reply->headers, g_strdup (name));
  g_ptr_array_add (reply->headers, g_strdup (value));
}

/* Wait before anything (status line included) is sent. */
void
mock_reply_set_delay_ms (MockReply *reply,
                         guint      delay_ms)
{
  reply->delay_ms = delay_ms;
}

static void
reply_add_item (MockReply  *reply,
                gboolean    raw,
                const char *text)
{
  MockStreamItem *item = g_new0 (MockStreamItem, 1);

  item->raw = raw;
  item->text = g_strdup (text);
  g_ptr_array_add (reply->items, item);
}

/* Each line of @data becomes one "data:" line of a single event. */
void
mock_reply_add_event (MockReply  *reply,
                      const char *data)
{
  reply_add_item (reply, FALSE, data);
}

void
mock_reply_add_raw (MockReply  *reply,
                    const char *raw)
{
  reply_add_item (reply, TRUE, raw);
}

void
mock_reply_set_done (MockReply *reply,
                     gboolean   done)
{
  reply->done = done;
}

void
mock_reply_set_split (MockReply *reply,
                      MockSplit  split,
                      guint32    seed)
{
  reply->split = split;
  reply->seed = seed;
}

void
mock_reply_set_crlf (MockReply *reply,
                     gboolean   crlf)
{
  reply->crlf = crlf;
}

void
mock_reply_set_keepalive (MockReply *reply,
                          gboolean   keepalive)
{
  reply->keepalive = keepalive;
}

void
mock_reply_set_event_delay_ms (MockReply *reply,
                               guint      delay_ms)
{
  reply->event_delay_ms = delay_ms;
}

/* After @n_events items (events or raw pieces) the connection is closed
 * with no [DONE] and no terminating chunk. */
void
mock_reply_set_close_after (MockReply *reply,
                            guint      n_events)
{
  reply->has_close_after = TRUE;
  reply->close_after = n_events;
}

/* With close_after: before closing, send the next event (or [DONE]) cut
 * in half, inside an HTTP chunk announcing its full length, so the client
 * sees a partial line and a body that ends mid-chunk (an error for libsoup,
 * which takes a close between chunks for a clean end). */
void
mock_reply_set_close_mid_event (MockReply *reply,
                                gboolean   mid_event)
{
  reply->close_mid_event = mid_event;
}

/* After the items, send nothing more (no [DONE]) until the client leaves. */
void
mock_reply_set_stall (MockReply *reply,
                      gboolean   stall)
{
  reply->stall = stall;
}

/* ------------------------------------------------------------------ */
/* Jobs: replies that wait, stream or close                           */
/* ------------------------------------------------------------------ */

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->pieces);
  g_free (step);
}

static void
job_end (Job *job)
{
  MockServer *self = job->self;

  g_hash_table_remove (self->jobs, job);
  mock_clear_source (&job->timeout);
  mock_clear_source (&job->idle);
  mock_clear_source (&job->watch);
  g_signal_handlers_disconnect_by_data (job->msg, job);
  mock_defer_unref (self, job->msg);
  g_clear_object (&job->socket);
  g_clear_pointer (&job->steps, g_ptr_array_unref);
  g_clear_pointer (&job->partial, g_bytes_unref);
  g_free (job);
}

/* Ends every job (on the server's context), as the server stops. */
void
mock_jobs_end_all (MockServer *self)
{
  GList *jobs = g_hash_table_get_keys (self->jobs);

  for (GList *l = jobs; l; l = l->next)
    job_end (l->data);
  g_list_free (jobs);
}

static void
send_all (GSocket    *socket,
          const char *data,
          gsize       size)
{
  while (size > 0)
    {
      gssize n = g_socket_send_with_blocking (socket, data, size, TRUE, NULL, NULL);

      if (n <= 0)
        return;
      data += n;
      size -= n;
    }
}

/* Drops the connection under libsoup's feet: the client sees the body cut
 * short (FIN), or a connection reset (RST) when @reset. */
static void
job_abort (Job      *job,
           gboolean  reset)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (job->msg);
  g_autoptr(GSocket) socket = g_object_ref (job->socket);
  g_autoptr(GBytes) partial = job->partial ? g_bytes_ref (job->partial) : NULL;
  g_autoptr(GIOStream) stream = NULL;

  job_end (job);
  if (reset)
    {
      struct linger linger = { 1, 0 };

      /* close() with a zero linger sends RST; nothing was written yet. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  else
    {
      if (partial)
        {
          gsize size;
          const char *data = g_bytes_get_data (partial, &size);
          g_autofree char *head = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", size);

          /* A chunk announcing the whole event, holding half of it. */
          send_all (socket, head, strlen (head));
          send_all (socket, data, size / 2);
        }
      /* Stealing disposes libsoup's chunked body stream, which would
       * write the terminating chunk: make that write fail. */
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream)
    g_io_stream_close (stream, NULL, NULL);
  else
    g_socket_close (socket, NULL);
}

/* While we hold a message paused, libsoup does not poll its socket, so
 * watch for the client going away ourselves. */
static gboolean
job_watch_cb (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  Job *job = user_data;
  char c;
  gssize n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n > 0)
    {
      /* A pipelined request: not ours to read, stop watching. */
      mock_clear_source (&job->watch);
      return G_SOURCE_REMOVE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  job_abort (job, FALSE);
  return G_SOURCE_REMOVE;
}

static void
job_msg_gone_cb (SoupServerMessage *msg,
                 Job               *job)
{
  job_end (job);
}

static gboolean job_timeout_cb (gpointer user_data);

static void
job_start_timeout (Job   *job,
                   guint  delay_ms)
{
  mock_clear_source (&job->timeout);
  job->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (job->timeout, job_timeout_cb, job, NULL);
  g_source_attach (job->timeout, job->self->context);
}

static gboolean
job_close_idle_cb (gpointer user_data)
{
  Job *job = user_data;

  mock_clear_source (&job->idle);
  job_abort (job, FALSE);
  return G_SOURCE_REMOVE;
}

/* A close must wait until libsoup has written everything we queued. */
static void
job_check_close (Job *job)
{
  if (job->kind != JOB_STREAM || job->end != END_CLOSE || !job->all_appended
      || job->pending_chunks > 0 || !job->headers_written || job->idle)
    return;
  job->idle = g_idle_source_new ();
  g_source_set_callback (job->idle, job_close_idle_cb, job, NULL);
  g_source_attach (job->idle, job->self->context);
}

static void
job_wrote_headers_cb (SoupServerMessage *msg,
                      Job               *job)
{
  job->headers_written = TRUE;
  job_check_close (job);
}

static void
job_wrote_chunk_cb (SoupServerMessage *msg,
                    Job               *job)
{
  if (job->pending_chunks > 0)
    job->pending_chunks--;
  job_check_close (job);
}

/* Queues the steps that are due; @unpause is FALSE inside the handler,
 * where libsoup carries on by itself once we return. */
static void
job_stream_advance (Job      *job,
                    gboolean  unpause)
{
  SoupMessageBody *body = soup_server_message_get_response_body (job->msg);
  gboolean queued = FALSE;

  while (job->next_step < job->steps->len)
    {
      Step *step = job->steps->pdata[job->next_step];

      if (step->delay_ms > 0 && !job->delay_done)
        {
          job_start_timeout (job, step->delay_ms);
          break;
        }
      job->delay_done = FALSE;
      for (guint i = 0; i < step->pieces->len; i++)
        {
          soup_message_body_append_bytes (body, step->pieces->pdata[i]);
          job->pending_chunks++;
        }
      job->next_step++;
      queued = TRUE;
    }

  if (job->next_step == job->steps->len && !job->all_appended)
    {
      job->all_appended = TRUE;
      if (job->end == END_COMPLETE)
        {
          soup_message_body_complete (body);
          queued = TRUE;
        }
    }
  if (queued && unpause)
    soup_server_message_unpause (job->msg);
  job_check_close (job);
}

static gboolean
job_timeout_cb (gpointer user_data)
{
  Job *job = user_data;

  mock_clear_source (&job->timeout);
  switch (job->kind)
    {
    case JOB_UNPAUSE:
      soup_server_message_unpause (job->msg);
      break;
    case JOB_RESET:
      job_abort (job, TRUE);
      break;
    case JOB_STREAM:
      if (job->started)
        job->delay_done = TRUE;
      job->started = TRUE;
      job_stream_advance (job, TRUE);
      break;
    }
  return G_SOURCE_REMOVE;
}

static Job *
job_new (MockServer        *self,
         SoupServerMessage *msg,
         JobKind            kind)
{
  Job *job = g_new0 (Job, 1);

  job->self = self;
  job->kind = kind;
  job->msg = g_object_ref (msg);
  job->socket = g_object_ref (soup_server_message_get_socket (msg));
  g_hash_table_add (self->jobs, job);

  g_signal_connect (msg, "finished", G_CALLBACK (job_msg_gone_cb), job);
  g_signal_connect (msg, "disconnected", G_CALLBACK (job_msg_gone_cb), job);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (job_wrote_headers_cb), job);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (job_wrote_chunk_cb), job);

  job->watch = g_socket_create_source (job->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (job->watch, G_SOURCE_FUNC (job_watch_cb), job, NULL);
  g_source_attach (job->watch, self->context);
  return job;
}

static GBytes *
render_item (MockReply      *reply,
             MockStreamItem *item)
{
  const char *eol = reply->crlf ? "\r\n" : "\n";
  g_auto(GStrv) lines = NULL;
  GString *s;

  if (item->raw)
    return g_bytes_new (item->text, strlen (item->text));

  s = g_string_new (NULL);
  lines = g_strsplit (item->text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (s, "data: %s%s", lines[i], eol);
  g_string_append (s, eol);
  return g_string_free_to_bytes (s);
}

static void
steps_add (GPtrArray *steps,
           guint      delay_ms,
           GBytes    *bytes)
{
  Step *step;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_bytes_unref (bytes);
      return;
    }
  if (steps->len == 0 || delay_ms > 0)
    {
      step = g_new0 (Step, 1);
      step->delay_ms = delay_ms;
      step->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_ptr_array_add (steps, step);
    }
  step = steps->pdata[steps->len - 1];
  g_ptr_array_add (step->pieces, bytes);
}

/* Re-cuts each step's bytes into the HTTP chunks @split asks for. */
static void
steps_split (GPtrArray *steps,
             MockSplit  split,
             guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  if (split == MOCK_SPLIT_NONE)
    return;
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = steps->pdata[i];
      GByteArray *all = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize size, offset = 0;

      for (guint j = 0; j < step->pieces->len; j++)
        {
          const guint8 *data = g_bytes_get_data (step->pieces->pdata[j], &size);

          g_byte_array_append (all, data, size);
        }
      bytes = g_byte_array_free_to_bytes (all);
      size = g_bytes_get_size (bytes);
      g_ptr_array_set_size (step->pieces, 0);
      while (offset < size)
        {
          gsize len = split == MOCK_SPLIT_ONE_BYTE ? 1 : (gsize) g_rand_int_range (rand, 1, RANDOM_SPLIT_MAX + 1);

          len = MIN (len, size - offset);
          g_ptr_array_add (step->pieces, g_bytes_new_from_bytes (bytes, offset, len));
          offset += len;
        }
    }
}

static GPtrArray *
build_steps (MockReply *reply,
             StreamEnd *end)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  const char *eol = reply->crlf ? "\r\n" : "\n";
  guint n = reply->items->len;
  guint limit = reply->has_close_after ? MIN (reply->close_after, n) : n;

  for (guint i = 0; i < limit; i++)
    {
      guint delay = i > 0 ? reply->event_delay_ms : 0;

      if (reply->keepalive && i > 0)
        {
          steps_add (steps, delay, mock_bytes_take_string (g_strdup_printf (": keep-alive%s%s", eol, eol)));
          delay = 0;
        }
      steps_add (steps, delay, render_item (reply, reply->items->pdata[i]));
    }

  if (reply->has_close_after)
    *end = END_CLOSE;
  else if (reply->stall)
    *end = END_STALL;
  else
    {
      *end = END_COMPLETE;
      if (reply->done)
        steps_add (steps, n > 0 ? reply->event_delay_ms : 0,
                   mock_bytes_take_string (g_strdup_printf ("data: [DONE]%s%s", eol, eol)));
    }
  steps_split (steps, reply->split, reply->seed);
  return steps;
}

void
mock_set_stream_headers (SoupServerMessage *msg,
                         guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  /* Written chunks are not kept: long streams stay small in memory. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
}

/* Answers @msg with @reply (consumed). */
void
mock_serve_reply (MockServer        *self,
                  SoupServerMessage *msg,
                  MockReply         *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Job *job;

  switch (reply->kind)
    {
    case MOCK_REPLY_RESET:
      job = job_new (self, msg, JOB_RESET);
      soup_server_message_pause (msg);
      job_start_timeout (job, reply->delay_ms);
      break;

    case MOCK_REPLY_PLAIN:
      soup_server_message_set_status (msg, reply->status, NULL);
      if (reply->body)
        {
          gsize size;
          const char *data = g_bytes_get_data (reply->body, &size);

          soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, data, size);
        }
      for (guint i = 0; i + 1 < reply->headers->len; i += 2)
        soup_message_headers_append (headers, reply->headers->pdata[i], reply->headers->pdata[i + 1]);
      if (reply->delay_ms > 0)
        {
          job = job_new (self, msg, JOB_UNPAUSE);
          soup_server_message_pause (msg);
          job_start_timeout (job, reply->delay_ms);
        }
      break;

    case MOCK_REPLY_STREAM:
      mock_set_stream_headers (msg, reply->status);
      for (guint i = 0; i + 1 < reply->headers->len; i += 2)
        soup_message_headers_append (headers, reply->headers->pdata[i], reply->headers->pdata[i + 1]);
      job = job_new (self, msg, JOB_STREAM);
      job->steps = build_steps (reply, &job->end);
      if (reply->has_close_after && reply->close_mid_event)
        {
          const char *eol = reply->crlf ? "\r\n" : "\n";

          if (reply->close_after < reply->items->len)
            job->partial = render_item (reply, reply->items->pdata[reply->close_after]);
          else
            job->partial = mock_bytes_take_string (g_strdup_printf ("data: [DONE]%s%s", eol, eol));
        }
      if (reply->delay_ms > 0)
        {
          soup_server_message_pause (msg);
          job_start_timeout (job, reply->delay_ms);
        }
      else
        {
          job->started = TRUE;
          job_stream_advance (job, FALSE);
        }
      break;
    }
  mock_reply_free (reply);
}

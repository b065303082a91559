// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-deadline-private.h"
#include "mistral-error.h"
#include "mistral-event-stream-private.h"
#include "mistral-http-private.h"
#include "mistral-sse-parser-private.h"

#define READ_BUFFER_SIZE (64 * 1024)
/* After [DONE], the rest of the body is read (so that the connection goes
 * back to the pool instead of being dropped), within these bounds. */
#define DRAIN_MAX_BYTES  (64 * 1024)
#define DRAIN_TIMEOUT_S  1
#define DONE_MARKER      "[DONE]"
/* The most of a stream that is kept for the cache: as much as a whole
 * reply may be (core/mistral-http.c). A longer stream is not cached. */
#define RECORD_MAX_BYTES (32 * 1024 * 1024)

typedef enum {
  STATE_IDLE,      /* nothing sent yet */
  STATE_SENDING,   /* sent: waiting for the headers */
  STATE_READING,   /* reading events */
  STATE_DRAINING,  /* [DONE] came: only the rest of the body is read */
  STATE_FINISHED,  /* no more reads: the end, an error or a cancel */
} State;

struct _MistralEventStream
{
  MistralClient *client;
  char *path;
  GBytes *body;
  GError *request_error;  /* the request was invalid: reported on first use */
  MistralEventStreamFuncs funcs;
  gpointer user_data;

  State state;
  MistralSseParser *parser;
  MistralHttpReply *reply;
  guint8 *buffer;
  GQueue pending;         /* items decoded, not yet delivered (pull) */
  GTask *current;         /* the pull or run in progress, if any */
  gboolean running;       /* ... and it is a run: items go out as they are decoded */
  GError *error;          /* how the stream ended, once the pending items are out */
  gint64 last_event_time;
  gint64 read_time;       /* when the bytes being parsed came */
  guint timeout;
  guint64 n_events;
  gsize drained;
  GByteArray *recorded;   /* the raw stream so far, to be cached when it is whole */
};

MistralEventStream *
mistral_event_stream_new (MistralClient                 *client,
                          const char                    *path,
                          GBytes                        *body,
                          GError                        *request_error,
                          const MistralEventStreamFuncs *funcs,
                          gpointer                       user_data)
{
  MistralEventStream *self = g_new0 (MistralEventStream, 1);

  self->client = g_object_ref (client);
  self->path = g_strdup (path);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
  self->request_error = request_error;
  self->funcs = *funcs;
  self->user_data = user_data;
  self->timeout = mistral_client_get_timeout (client);
  g_queue_init (&self->pending);

  return self;
}

void
mistral_event_stream_free (MistralEventStream *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->reply, mistral_http_reply_free);
  g_clear_object (&self->client);
  g_free (self->path);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_error (&self->request_error);
  g_clear_error (&self->error);
  g_clear_pointer (&self->parser, mistral_sse_parser_free);
  g_free (self->buffer);
  g_clear_pointer (&self->recorded, g_byte_array_unref);
  g_queue_clear_full (&self->pending, g_object_unref);
  g_free (self);
}

/* One pull or run: the caller's cancellable, and the idle timeout between
 * reads. */
typedef struct {
  MistralEventStream *stream;
  MistralDeadline deadline;
} ReadData;

static void
read_data_free (ReadData *data)
{
  mistral_deadline_clear (&data->deadline);
  g_free (data);
}

static void
events_finish (MistralEventStream *self,
               GError             *error)
{
  /* Only a stream that ran to its end is cached: never one that was
   * cancelled, failed, or cut short. */
  if (error == NULL && self->recorded != NULL && self->state != STATE_FINISHED && self->reply != NULL)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&self->recorded));

      mistral_http_reply_store (self->reply, body);
    }
  g_clear_pointer (&self->recorded, g_byte_array_unref);

  self->state = STATE_FINISHED;
  /* A server may echo the key back in an error event. */
  if (error != NULL)
    mistral_http_scrub_error (self->client, error);
  if (error != NULL && self->error == NULL)
    self->error = error;
  else if (error != NULL)
    g_error_free (error);

  /* Closing a body that was not read to the end drops the connection. */
  if (self->reply != NULL)
    mistral_http_drop_stream (&self->reply->stream);
}

static void
return_error_or (GTask    *task,
                 GError   *error,
                 gpointer  result)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
  g_object_unref (task);
}

/* Completes the current call if it can be: a pull with the next pending
 * item, or at the end; a run at the end. TRUE if it did. */
static gboolean
events_complete (MistralEventStream *self)
{
  GTask *task = self->current;
  gpointer item;

  if (!self->running && (item = g_queue_pop_head (&self->pending)) != NULL)
    {
      self->current = NULL;
      self->funcs.deliver (item, self->user_data);
      return_error_or (task, NULL, item);
      return TRUE;
    }

  if (self->state != STATE_FINISHED)
    return FALSE;

  self->current = NULL;
  if (self->running)
    {
      GError *error = g_steal_pointer (&self->error);

      self->running = FALSE;
      return_error_or (task, error, error == NULL ? self->funcs.result (self->user_data) : NULL);
      return TRUE;
    }

  return_error_or (task, g_steal_pointer (&self->error), NULL);
  return TRUE;
}

static gboolean
events_on_event (const char *event,
                 const char *data,
                 gsize       length,
                 gpointer    user_data)
{
  MistralEventStream *self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer item;
  gint64 now;

  self->n_events++;

  if (self->funcs.shape == MISTRAL_EVENT_STREAM_DATA_ONLY &&
      length == strlen (DONE_MARKER) && memcmp (data, DONE_MARKER, length) == 0)
    {
      self->state = STATE_DRAINING;
      return FALSE;
    }

  /* The events of one read came at once: one clock reading for them. */
  now = self->read_time;
  /* An event without a name is a "message", as in a browser. */
  item = self->funcs.decode (event != NULL ? event : "message", data, length, now - self->last_event_time, now - self->reply->sent_time,
                             self->user_data, &error);
  if (item == NULL)
    {
      events_finish (self, g_steal_pointer (&error));
      return FALSE;
    }
  self->last_event_time = now;

  if (!self->running)
    {
      g_queue_push_tail (&self->pending, item);
      return TRUE;
    }

  /* Run: out at once, without a round trip through the main loop. */
  self->funcs.deliver (item, self->user_data);
  g_object_unref (item);

  /* A handler may have cancelled: no further item. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (self->current), &error))
    {
      events_finish (self, g_steal_pointer (&error));
      return FALSE;
    }
  return TRUE;
}

static GError *
events_map_read_error (ReadData *data,
                       GError   *error)
{
  if (data->deadline.expired)
    return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT,
                                "The stream stalled longer than the timeout");
  return mistral_http_body_error_new (error, "The stream broke");
}

/* The end of the body, before the stream said it was done. */
static GError *
events_end_of_body_error (MistralEventStream *self)
{
  if (self->funcs.shape == MISTRAL_EVENT_STREAM_DATA_ONLY &&
      (!mistral_sse_parser_is_clean (self->parser) || self->n_events > 0))
    return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                "The stream ended before [DONE]: the reply is truncated");
  if (!mistral_sse_parser_is_clean (self->parser))
    return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                "The stream ended inside an event: the reply is truncated");
  if (self->n_events == 0)
    return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                "The reply is not an event stream");
  /* Named events: the end of the body is the end of the stream. */
  return NULL;
}

static void events_read_more (GTask *task);

static void
events_on_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  MistralEventStream *self = data->stream;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  self->read_time = g_get_monotonic_time ();
  if (self->state == STATE_DRAINING)
    {
      /* The reply is whole: an error, a timeout or too many bytes now only
       * cost the connection. */
      self->drained += MAX (n, 0);
      if (n <= 0 || self->drained > DRAIN_MAX_BYTES)
        events_finish (self, NULL);
    }
  else if (n < 0)
    events_finish (self, events_map_read_error (data, error));
  else if (n == 0)
    events_finish (self, events_end_of_body_error (self));
  else
    {
      gsize consumed = 0;

      if (!mistral_sse_parser_feed (self->parser, (const char *) self->buffer, n, events_on_event, self,
                                    &consumed, &error))
        events_finish (self, g_steal_pointer (&error));
      else if (self->recorded != NULL && self->recorded->len + consumed > RECORD_MAX_BYTES)
        g_clear_pointer (&self->recorded, g_byte_array_unref);
      else if (self->recorded != NULL)
        /* Up to the end of [DONE]: what follows it is never an event. */
        g_byte_array_append (self->recorded, self->buffer, consumed);
    }

  if (!events_complete (self))
    events_read_more (task);
}

static void
events_read_more (GTask *task)
{
  ReadData *data = g_task_get_task_data (task);
  MistralEventStream *self = data->stream;

  /* The timeout bounds the silence between two reads. */
  mistral_deadline_start (&data->deadline, self->state == STATE_DRAINING ? DRAIN_TIMEOUT_S : self->timeout,
                          g_task_get_context (task));

  g_input_stream_read_async (self->reply->stream, self->buffer, READ_BUFFER_SIZE,
                             G_PRIORITY_DEFAULT, data->deadline.cancellable, events_on_read, task);
}

static void
events_on_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  MistralEventStream *self = data->stream;
  GError *error = NULL;

  self->reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (self->reply == NULL)
    {
      events_finish (self, error);
      events_complete (self);
      return;
    }

  self->state = STATE_READING;
  self->last_event_time = self->reply->sent_time;
  if (self->reply->cache != NULL)
    self->recorded = g_byte_array_new ();
  self->parser = mistral_sse_parser_new (0);
  self->buffer = g_malloc (READ_BUFFER_SIZE);
  events_read_more (task);
}

/* The common start of a pull and a run. */
static void
events_begin (MistralEventStream *self,
              GTask              *task,
              gboolean            run)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  ReadData *data;

  g_task_set_check_cancellable (task, FALSE);

  if (self->current != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The stream is already being read");
      g_object_unref (task);
      return;
    }
  self->current = task;
  self->running = run;

  data = g_new0 (ReadData, 1);
  data->stream = self;
  mistral_deadline_init (&data->deadline, cancellable);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  /* After a cancel, no further item: what was pending is dropped. */
  if (g_cancellable_is_cancelled (data->deadline.cancellable))
    {
      g_autoptr(GError) error = NULL;

      g_cancellable_set_error_if_cancelled (data->deadline.cancellable, &error);
      g_queue_clear_full (&self->pending, g_object_unref);
      g_clear_error (&self->error);
      events_finish (self, g_steal_pointer (&error));
      events_complete (self);
      return;
    }

  /* A run takes over the items a pull left pending. */
  if (run)
    {
      gpointer item;

      while ((item = g_queue_pop_head (&self->pending)) != NULL)
        {
          self->funcs.deliver (item, self->user_data);
          g_object_unref (item);
        }
    }

  if (events_complete (self))
    return;

  if (self->state == STATE_IDLE)
    {
      self->state = STATE_SENDING;
      if (self->request_error != NULL)
        {
          events_finish (self, g_steal_pointer (&self->request_error));
          events_complete (self);
          return;
        }
      MistralHttpRequest request = {
        .method = "POST", .path = self->path, .body = self->body, .reply = MISTRAL_HTTP_REPLY_EVENTS,
        .cacheable = self->funcs.cacheable,
      };

      mistral_http_send_async (self->client, &request, data->deadline.cancellable, events_on_sent, task);
      return;
    }

  events_read_more (task);
}

void
mistral_event_stream_pull (MistralEventStream *self,
                           GTask              *task)
{
  events_begin (self, task, FALSE);
}

void
mistral_event_stream_run (MistralEventStream *self,
                          GTask              *task)
{
  events_begin (self, task, TRUE);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-chat-completion-accumulator.h"
#include "mistral-chat-completion-stream-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-error.h"
#include "mistral-deadline-private.h"
#include "mistral-http-private.h"
#include "mistral-sync-call-private.h"
#include "mistral-chat-completion-request-private.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-sse-parser-private.h"

/**
 * MistralChatCompletionStream:
 *
 * A streamed chat completion: the reply arrives as a series of
 * [class@Mistral.CompletionChunk]s, one per server-sent event.
 *
 * Get one from [method@Mistral.Client.chat_completion_stream]; nothing is
 * sent until it is run or pulled. Then either:
 *
 * - push: connect to [signal@Mistral.ChatCompletionStream::chunk] and call
 *   [method@Mistral.ChatCompletionStream.run_async], which reads to the end
 *   and returns the accumulated [class@Mistral.ChatCompletionResponse]; or
 * - pull: call [method@Mistral.ChatCompletionStream.next_chunk_async] until
 *   it returns %NULL.
 *
 * The `chunk` signal is emitted for every chunk, in order, in both modes, on
 * the thread-default main context of the caller. An error (an HTTP status,
 * an error sent inside the stream, a stream that ends before `[DONE]`, the
 * timeout) is reported after the chunks that did arrive were delivered.
 * Cancelling closes the connection and no further `chunk` is emitted.
 *
 * A stream is read once, by one caller at a time; the blocking and the
 * asynchronous calls must not be mixed on one stream.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_chunk (MistralChatCompletionStream *stream, MistralCompletionChunk *chunk, gpointer user_data)
 * {
 *   MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
 *   const char *text = delta ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)) : NULL;
 *
 *   if (text != NULL)
 *     g_print ("%s", text);
 * }
 *
 * g_autoptr(MistralChatCompletionStream) stream =
 *   mistral_client_chat_completion_stream (client, request);
 * g_signal_connect (stream, "chunk", G_CALLBACK (on_chunk), NULL);
 * response = mistral_chat_completion_stream_run (stream, NULL, &error);
 * ```
 *
 * Since: 1.0
 */

#define READ_BUFFER_SIZE (64 * 1024)
/* After [DONE], the rest of the body is read (so that the connection goes
 * back to the pool instead of being dropped), within these bounds. */
#define DRAIN_MAX_BYTES  (64 * 1024)
#define DRAIN_TIMEOUT_S  1
#define DONE_MARKER      "[DONE]"

struct _MistralChatCompletionStream
{
  GObject parent_instance;

  MistralClient *client;
  GBytes *body;
  GError *request_error;  /* the request was invalid: reported on first use */

  MistralChatCompletionAccumulator *accumulator;
  MistralChunkDecoder *decoder;
  MistralSseParser *parser;
  MistralHttpReply *reply;
  guint8 *buffer;
  GQueue pending;         /* parsed chunks not yet delivered (pull) */
  GTask *run_task;        /* while run: chunks are delivered as they are decoded */
  GError *error;          /* how the stream ended, once the pending chunks are out */
  gint64 last_chunk_time;
  gint64 read_time;       /* when the bytes being parsed came */
  guint timeout;

  gboolean started;
  gboolean finished;      /* no more reads: [DONE], an error or a cancel */
  gboolean busy;          /* a pull or run is in progress */
  gboolean saw_event;
  gboolean saw_done;      /* [DONE] came: only the end of the body is read */
  gsize drained;
};

G_DEFINE_FINAL_TYPE (MistralChatCompletionStream, mistral_chat_completion_stream, G_TYPE_OBJECT)

enum {
  SIGNAL_CHUNK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mistral_chat_completion_stream_finalize (GObject *object)
{
  MistralChatCompletionStream *self = MISTRAL_CHAT_COMPLETION_STREAM (object);

  g_clear_pointer (&self->reply, mistral_http_reply_free);
  g_clear_object (&self->client);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_error (&self->request_error);
  g_clear_error (&self->error);
  g_clear_object (&self->accumulator);
  g_clear_pointer (&self->parser, mistral_sse_parser_free);
  g_clear_pointer (&self->decoder, mistral_chunk_decoder_free);
  g_free (self->buffer);
  g_queue_clear_full (&self->pending, g_object_unref);

  G_OBJECT_CLASS (mistral_chat_completion_stream_parent_class)->finalize (object);
}

static void
mistral_chat_completion_stream_class_init (MistralChatCompletionStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_chat_completion_stream_finalize;

  /**
   * MistralChatCompletionStream::chunk:
   * @self: the stream
   * @chunk: the chunk that arrived
   *
   * Emitted once per server-sent event of the reply, in order, on the
   * thread-default main context of the caller, before the pull that
   * returns @chunk completes.
   *
   * To use @chunk (or its delta) after the handler returns, keep a
   * reference to it: a chunk that nobody kept is reused for the next
   * event, which saves a stream of hundreds of thousands of chunks as many
   * objects. A chunk that is kept never changes.
   *
   * Since: 1.0
   */
  signals[SIGNAL_CHUNK] =
    g_signal_new ("chunk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, MISTRAL_TYPE_COMPLETION_CHUNK);
  /* Emitted for every chunk: the direct marshallers, not libffi's. */
  g_signal_set_va_marshaller (signals[SIGNAL_CHUNK], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__OBJECTv);
}

static void
mistral_chat_completion_stream_init (MistralChatCompletionStream *self)
{
  g_queue_init (&self->pending);
  self->accumulator = mistral_chat_completion_accumulator_new ();
}

MistralChatCompletionStream *
mistral_chat_completion_stream_new (MistralClient                *client,
                                    MistralChatCompletionRequest *request)
{
  MistralChatCompletionStream *self = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_STREAM, NULL);

  self->client = g_object_ref (client);
  /* The body is fixed now, so later changes to the request do not leak
   * into a stream that was already asked for. */
  self->body = mistral_chat_completion_request_to_bytes (request, TRUE, &self->request_error);
  self->timeout = mistral_client_get_timeout (client);

  return self;
}

/* One pull or run: the caller's cancellable, and the idle timeout between
 * reads. */
typedef struct {
  MistralDeadline deadline;
} ReadData;

static void
read_data_free (ReadData *data)
{
  mistral_deadline_clear (&data->deadline);
  g_free (data);
}

static void
finish_stream (MistralChatCompletionStream *self,
               GError                      *error)
{
  self->finished = TRUE;
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

/* What every chunk goes through, once, in order: into the reply, then out
 * to the handlers. */
static void
deliver_chunk (MistralChatCompletionStream *self,
               MistralCompletionChunk      *chunk)
{
  mistral_chat_completion_accumulator_add_chunk (self->accumulator, chunk);
  g_signal_emit (self, signals[SIGNAL_CHUNK], 0, chunk);
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

/* Completes @task if it can be: with the next pending chunk (pull), or at
 * the end of the stream. Returns FALSE if more must be read first. */
static gboolean
complete (MistralChatCompletionStream *self,
          GTask                       *task)
{
  MistralCompletionChunk *chunk;
  GError *error;

  if (task == self->run_task)
    {
      if (!self->finished)
        return FALSE;

      error = g_steal_pointer (&self->error);
      self->run_task = NULL;
      self->busy = FALSE;
      return_error_or (task, error,
                       error == NULL ? mistral_chat_completion_accumulator_get_response (self->accumulator) : NULL);
      return TRUE;
    }

  chunk = g_queue_pop_head (&self->pending);
  if (chunk != NULL)
    {
      self->busy = FALSE;
      deliver_chunk (self, chunk);
      return_error_or (task, NULL, chunk);
      return TRUE;
    }

  if (!self->finished)
    return FALSE;

  self->busy = FALSE;
  return_error_or (task, g_steal_pointer (&self->error), NULL);
  return TRUE;
}

static gboolean
on_event (const char *event,
          const char *data,
          gsize       length,
          gpointer    user_data)
{
  MistralChatCompletionStream *self = user_data;
  g_autoptr(GError) error = NULL;
  MistralCompletionChunk *chunk;
  gint64 now;

  self->saw_event = TRUE;

  if (length == strlen (DONE_MARKER) && memcmp (data, DONE_MARKER, length) == 0)
    {
      self->saw_done = TRUE;
      return FALSE;
    }

  /* The events of one read came at once. */
  now = self->read_time;
  chunk = mistral_chunk_decoder_decode (self->decoder, data, length,
                                        now - self->last_chunk_time, now - self->reply->sent_time, &error);
  if (chunk == NULL)
    {
      finish_stream (self, g_steal_pointer (&error));
      return FALSE;
    }
  self->last_chunk_time = now;

  if (self->run_task == NULL)
    {
      g_queue_push_tail (&self->pending, chunk);
      return TRUE;
    }

  /* Run: out at once, without a round trip through the main loop. */
  deliver_chunk (self, chunk);
  g_object_unref (chunk);

  /* A handler may have cancelled: no further chunk. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (self->run_task), &error))
    {
      finish_stream (self, g_steal_pointer (&error));
      return FALSE;
    }
  return TRUE;
}

static void read_more (GTask *task);

static GError *
map_read_error (ReadData *data,
                GError   *error)
{
  if (data->deadline.expired)
    return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT,
                                "The stream stalled longer than the timeout");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "The stream broke: %s", error->message);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MistralChatCompletionStream *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  self->read_time = g_get_monotonic_time ();
  if (self->saw_done)
    {
      /* The reply is whole: an error, a timeout or too many bytes now only
       * cost the connection. */
      self->drained += MAX (n, 0);
      if (n <= 0 || self->drained > DRAIN_MAX_BYTES)
        finish_stream (self, NULL);
    }
  else if (n < 0)
    finish_stream (self, map_read_error (data, error));
  else if (n == 0)
    {
      if (!mistral_sse_parser_is_clean (self->parser) || self->saw_event)
        finish_stream (self, g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                                  "The stream ended before [DONE]: the reply is truncated"));
      else
        finish_stream (self, g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                                  "The reply is not an event stream"));
    }
  else if (!mistral_sse_parser_feed (self->parser, (const char *) self->buffer, n, on_event, self, NULL, &error))
    finish_stream (self, g_steal_pointer (&error));

  if (!complete (self, task))
    read_more (task);
}

static void
read_more (GTask *task)
{
  MistralChatCompletionStream *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);

  /* The timeout bounds the silence between two reads. */
  mistral_deadline_start (&data->deadline, self->saw_done ? DRAIN_TIMEOUT_S : self->timeout,
                          g_task_get_context (task));

  g_input_stream_read_async (self->reply->stream, self->buffer, READ_BUFFER_SIZE,
                             G_PRIORITY_DEFAULT, data->deadline.cancellable, on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MistralChatCompletionStream *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (self->reply == NULL)
    {
      finish_stream (self, error);
      complete (self, task);
      return;
    }

  self->last_chunk_time = self->reply->sent_time;
  self->parser = mistral_sse_parser_new (0);
  self->decoder = mistral_chunk_decoder_new ();
  self->buffer = g_malloc (READ_BUFFER_SIZE);
  read_more (task);
}

/* The common start of a pull and a run. */
static void
begin (MistralChatCompletionStream *self,
       GTask                       *task,
       GCancellable                *cancellable)
{
  ReadData *data;

  g_task_set_check_cancellable (task, FALSE);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The stream is already being read");
      g_object_unref (task);
      return;
    }
  self->busy = TRUE;

  data = g_new0 (ReadData, 1);
  mistral_deadline_init (&data->deadline, cancellable);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  /* After a cancel, no further chunk: what was pending is dropped. */
  if (g_cancellable_is_cancelled (data->deadline.cancellable))
    {
      g_autoptr(GError) error = NULL;

      g_cancellable_set_error_if_cancelled (data->deadline.cancellable, &error);
      g_queue_clear_full (&self->pending, g_object_unref);
      g_clear_error (&self->error);
      finish_stream (self, g_steal_pointer (&error));
      complete (self, task);
      return;
    }

  /* A run takes over the chunks a pull left pending. */
  if (task == self->run_task)
    {
      MistralCompletionChunk *chunk;

      while ((chunk = g_queue_pop_head (&self->pending)) != NULL)
        {
          deliver_chunk (self, chunk);
          g_object_unref (chunk);
        }
    }

  if (complete (self, task))
    return;

  if (!self->started)
    {
      self->started = TRUE;
      if (self->request_error != NULL)
        {
          finish_stream (self, g_steal_pointer (&self->request_error));
          complete (self, task);
          return;
        }
      mistral_http_send_async (self->client, "POST", "/v1/chat/completions", self->body, TRUE,
                               data->deadline.cancellable, on_sent, task);
      return;
    }

  read_more (task);
}

/**
 * mistral_chat_completion_stream_next_chunk_async:
 * @self: a stream
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the next chunk, the end, or an error
 * @user_data: data for @callback
 *
 * Pulls the next chunk. The first call sends the request.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_stream_next_chunk_async (MistralChatCompletionStream *self,
                                                 GCancellable                *cancellable,
                                                 GAsyncReadyCallback          callback,
                                                 gpointer                     user_data)
{
  GTask *task;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_chat_completion_stream_next_chunk_async);
  begin (self, task, cancellable);
}

/**
 * mistral_chat_completion_stream_next_chunk_finish:
 * @self: a stream
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.ChatCompletionStream.next_chunk_async].
 *
 * Returns: (transfer full) (nullable): the next chunk, or %NULL at the end
 *   of the stream (with @error unset) or on error
 *
 * Since: 1.0
 */
MistralCompletionChunk *
mistral_chat_completion_stream_next_chunk_finish (MistralChatCompletionStream  *self,
                                                  GAsyncResult                 *result,
                                                  GError                      **error)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_chat_completion_stream_next_chunk_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_chat_completion_stream_next_chunk:
 * @self: a stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.ChatCompletionStream.next_chunk_async].
 *
 * Returns: (transfer full) (nullable): the next chunk, or %NULL at the end
 *   of the stream (with @error unset) or on error
 *
 * Since: 1.0
 */
MistralCompletionChunk *
mistral_chat_completion_stream_next_chunk (MistralChatCompletionStream  *self,
                                           GCancellable                 *cancellable,
                                           GError                      **error)
{
  MistralSyncCall call;
  MistralCompletionChunk *chunk;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_chat_completion_stream_next_chunk_async (self, cancellable, mistral_sync_call_done, &call);
  chunk = mistral_chat_completion_stream_next_chunk_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return chunk;
}

/**
 * mistral_chat_completion_stream_run_async:
 * @self: a stream
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the stream ended
 * @user_data: data for @callback
 *
 * Reads the stream to its end, emitting
 * [signal@Mistral.ChatCompletionStream::chunk] for each chunk, and
 * accumulates the reply.
 *
 * Since: 1.0
 */
void
mistral_chat_completion_stream_run_async (MistralChatCompletionStream *self,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data)
{
  GTask *task;

  g_return_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_chat_completion_stream_run_async);
  if (!self->busy)
    self->run_task = task;
  begin (self, task, cancellable);
}

/**
 * mistral_chat_completion_stream_run_finish:
 * @self: a stream
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.ChatCompletionStream.run_async].
 *
 * Returns: (transfer full): the accumulated reply: the content
 *   concatenated, tool calls assembled, finish reasons and usage; or %NULL
 *   on error (what arrived before it stays in
 *   [method@Mistral.ChatCompletionStream.get_response])
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_stream_run_finish (MistralChatCompletionStream  *self,
                                           GAsyncResult                 *result,
                                           GError                      **error)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_chat_completion_stream_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_chat_completion_stream_run:
 * @self: a stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.ChatCompletionStream.run_async]. The
 * `chunk` signal is emitted on the calling thread while it runs.
 *
 * Returns: (transfer full): the accumulated reply, or %NULL on error
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_stream_run (MistralChatCompletionStream  *self,
                                    GCancellable                 *cancellable,
                                    GError                      **error)
{
  MistralSyncCall call;
  MistralChatCompletionResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_chat_completion_stream_run_async (self, cancellable, mistral_sync_call_done, &call);
  response = mistral_chat_completion_stream_run_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

/**
 * mistral_chat_completion_stream_get_response:
 * @self: a stream
 *
 * Gets the reply accumulated from the chunks delivered so far.
 *
 * Returns: (transfer full): the reply so far
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_stream_get_response (MistralChatCompletionStream *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_STREAM (self), NULL);

  return mistral_chat_completion_accumulator_get_response (self->accumulator);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-chat-completion-accumulator.h"
#include "mistral-chat-completion-stream-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-error.h"
#include "mistral-event-stream-private.h"
#include "mistral-sync-call-private.h"

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

struct _MistralChatCompletionStream
{
  GObject parent_instance;

  MistralEventStream *events;
  MistralChatCompletionAccumulator *accumulator;
  MistralChunkDecoder *decoder;
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

  g_clear_pointer (&self->events, mistral_event_stream_free);
  g_clear_object (&self->accumulator);
  g_clear_pointer (&self->decoder, mistral_chunk_decoder_free);

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
   * reference to it; a chunk never changes. A handler that only needs the
   * text is fastest with [method@Mistral.CompletionChunk.get_content],
   * which makes no delta message.
   *
   * The stream reuses, for later events, the chunks and delta messages
   * that nobody holds a reference to any more (their weak references are
   * notified as when an object is freed); so set object data
   * (g_object_set_data()) only on one you keep.
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
  self->accumulator = mistral_chat_completion_accumulator_new ();
  self->decoder = mistral_chunk_decoder_new ();
}

/* Each event is a chunk: decoded here, then into the reply and out
 * through the signal, once, in order. */
static gpointer
decode_chunk (const char  *event,
              const char  *data,
              gsize        length,
              GTimeSpan    since_last,
              GTimeSpan    since_sent,
              gpointer     user_data,
              GError     **error)
{
  MistralChatCompletionStream *self = user_data;

  return mistral_chunk_decoder_decode (self->decoder, data, length, since_last, since_sent, error);
}

static void
deliver_chunk (gpointer item,
               gpointer user_data)
{
  MistralChatCompletionStream *self = user_data;

  mistral_chat_completion_accumulator_add_chunk (self->accumulator, item);
  g_signal_emit (self, signals[SIGNAL_CHUNK], 0, item);
}

static gpointer
get_result (gpointer user_data)
{
  MistralChatCompletionStream *self = user_data;

  return mistral_chat_completion_accumulator_get_response (self->accumulator);
}

/* Chat and FIM completions have no side effect: cacheable. */
static const MistralEventStreamFuncs chunk_funcs = {
  MISTRAL_EVENT_STREAM_DATA_ONLY, decode_chunk, deliver_chunk, get_result, TRUE,
};

/* A stream of chat.completion.chunk events from @path (chat, FIM). The
 * body is fixed now, so later changes to the request do not leak into a
 * stream that was already asked for; an invalid body is reported on first
 * use. */
MistralChatCompletionStream *
mistral_chat_completion_stream_new_for_body (MistralClient *client,
                                             const char    *path,
                                             GBytes        *body,
                                             GError        *body_error)
{
  MistralChatCompletionStream *self = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_STREAM, NULL);

  self->events = mistral_event_stream_new (client, path, body, body_error, &chunk_funcs, self);
  return self;
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
  mistral_event_stream_pull (self->events, task);
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
  mistral_event_stream_run (self->events, task);
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

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's FIM methods: /v1/fim/completions, plain and streamed. The
 * replies have the chat shapes, so chat's reader and stream serve. */

#include "mistral-chat-completion-response-private.h"
#include "mistral-chat-completion-stream-private.h"
#include "mistral-client-fim.h"
#include "mistral-fim-completion-request-private.h"
#include "mistral-http-private.h"
#include "mistral-sync-call-private.h"

#define FIM_PATH "/v1/fim/completions"

/**
 * mistral_client_fim_completion_async:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Sends @request and asks for a single (not streamed) completion, whatever
 * [property@Mistral.FimCompletionRequest:stream] says. The completion is
 * the text of the response's assistant message. An invalid request fails
 * with %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_fim_completion_async (MistralClient               *self,
                                     MistralFimCompletionRequest *request,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = mistral_fim_completion_request_to_bytes (request, FALSE, &error);
  mistral_http_call_body_async (self, &(MistralHttpRequest) { .method = "POST", .path = FIM_PATH, .body = body,
                                                               .cacheable = TRUE },
                                error, mistral_chat_completion_response_read_reply, NULL, NULL,
                                mistral_client_fim_completion_async, cancellable, callback, user_data);
}

/**
 * mistral_client_fim_completion_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.fim_completion_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_client_fim_completion_finish (MistralClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_fim_completion_async, error);
}

/**
 * mistral_client_fim_completion:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.fim_completion_async], for
 * worker threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_client_fim_completion (MistralClient                *self,
                               MistralFimCompletionRequest  *request,
                               GCancellable                 *cancellable,
                               GError                      **error)
{
  MistralSyncCall call;
  MistralChatCompletionResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_fim_completion_async (self, request, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_fim_completion_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

/**
 * mistral_client_fim_completion_stream:
 * @self: a client
 * @request: the request
 *
 * Creates a stream for a streamed completion of @request, whatever
 * [property@Mistral.FimCompletionRequest:stream] says: the same class,
 * signals and accumulator as a streamed chat reply. Nothing is sent until
 * the stream is run or pulled; the body is taken from @request now. An
 * invalid request is reported by the first pull or run, with
 * %MISTRAL_ERROR_INVALID_REQUEST.
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 1.0
 */
MistralChatCompletionStream *
mistral_client_fim_completion_stream (MistralClient               *self,
                                      MistralFimCompletionRequest *request)
{
  GError *error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_FIM_COMPLETION_REQUEST (request), NULL);

  body = mistral_fim_completion_request_to_bytes (request, TRUE, &error);
  return mistral_chat_completion_stream_new_for_body (self, FIM_PATH, body, error);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's embeddings method: /v1/embeddings. */

#include "mistral-client-embeddings.h"
#include "mistral-embedding-request-private.h"
#include "mistral-embedding-response-private.h"
#include "mistral-http-private.h"
#include "mistral-sync-call-private.h"

/* One call's reader: the body is read as it arrives, without json-glib's
 * tree of its numbers and without holding its text (see
 * mistral-embedding-scan-private.h), unless it comes whole (from the
 * cache, or read whole to be kept there). */
typedef struct {
  MistralEmbeddingReader *reader;
  MistralEmbeddingDtype   dtype;  /* asked for: the reply does not say */
} EmbeddingsCall;

static void
embeddings_call_free (gpointer data)
{
  EmbeddingsCall *call = data;

  mistral_embedding_reader_free (call->reader);
  g_free (call);
}

/* In the I/O thread, piece by piece. */
static gsize
embeddings_sink (const char *data,
                 gsize       length,
                 gpointer    user_data)
{
  EmbeddingsCall *call = user_data;

  return mistral_embedding_reader_feed (call->reader, data, length, FALSE);
}

static gpointer
embeddings_read_body (MistralHttpReply  *reply,
                      gpointer           data,
                      GError           **error)
{
  EmbeddingsCall *call = data;
  GTimeSpan latency = reply->done_time - reply->sent_time;
  const char *body;
  gsize length;

  if (reply->sunk > 0)
    return mistral_embedding_response_new_from_reader (call->reader, call->dtype, latency, error);

  body = g_bytes_get_data (reply->body, &length);
  return mistral_embedding_response_new_from_body (body, length, call->dtype, latency, TRUE, error);
}

/**
 * mistral_client_embeddings_async:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Sends @request to embed its inputs. An invalid request fails with
 * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * The reply is read as it arrives, its vectors packed as floats, without
 * holding its body, unless the client has a [property@Mistral.Client:cache]
 * that does not have it yet: the body is then held whole, to be stored.
 *
 * Since: 1.0
 */
void
mistral_client_embeddings_async (MistralClient           *self,
                                 MistralEmbeddingRequest *request,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  EmbeddingsCall *call;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = mistral_embedding_request_to_bytes (request, &error);
  call = g_new0 (EmbeddingsCall, 1);
  call->reader = mistral_embedding_reader_new ();
  call->dtype = mistral_embedding_request_get_reply_dtype (request);
  mistral_http_call_body_async (self, &(MistralHttpRequest) { .method = "POST", .path = "/v1/embeddings", .body = body,
                                                               .cacheable = TRUE, .sink = embeddings_sink,
                                                               .sink_data = call },
                                error, embeddings_read_body, call, embeddings_call_free,
                                mistral_client_embeddings_async, cancellable, callback, user_data);
}

/**
 * mistral_client_embeddings_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.embeddings_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralEmbeddingResponse *
mistral_client_embeddings_finish (MistralClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_embeddings_async, error);
}

/**
 * mistral_client_embeddings:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.embeddings_async], for
 * worker threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR
 *   or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralEmbeddingResponse *
mistral_client_embeddings (MistralClient            *self,
                           MistralEmbeddingRequest  *request,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  MistralSyncCall call;
  MistralEmbeddingResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_embeddings_async (self, request, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_embeddings_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

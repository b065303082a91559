// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's OCR method: /v1/ocr. A local file is read (asynchronously)
 * before the body is made, or uploaded first and deleted after the reply;
 * anything else is sent at once. */

#include "mistral-client-files.h"
#include "mistral-client-ocr.h"
#include "mistral-http-private.h"
#include "mistral-ocr-request-private.h"
#include "mistral-ocr-response-private.h"
#include "mistral-sync-call-private.h"

static gpointer
ocr_read_reply (JsonNode          *node,
                MistralHttpReply  *reply,
                GError           **error)
{
  return mistral_ocr_response_new_from_json (node, error);
}

/* What a call keeps while its local file is read. */
typedef struct {
  MistralClient *client;
  GCancellable *cancellable;
  GAsyncReadyCallback callback;
  gpointer user_data;
} OcrCall;

/* Sends @request's body, made with @contents (the local file's bytes, or
 * NULL); @error, if set, fails the call without sending. OCR has no side
 * effect: cacheable, under a key that covers the whole body (a local
 * file's base64 included, so another file is another key). */
static void
ocr_send (MistralClient       *self,
          MistralOcrRequest   *request,
          GBytes              *contents,
          GError              *error,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  if (error == NULL)
    body = mistral_ocr_request_to_bytes (request, contents, &error);
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "POST", .path = "/v1/ocr", .body = body,
                                                          .cacheable = TRUE },
                           error, ocr_read_reply, mistral_client_ocr_async, cancellable, callback, user_data);
}

static void
ocr_file_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OcrCall *call = user_data;
  GError *error = NULL;
  g_autoptr(GBytes) contents = NULL;

  contents = mistral_ocr_request_load_file_finish (MISTRAL_OCR_REQUEST (source), result, &error);
  ocr_send (call->client, MISTRAL_OCR_REQUEST (source), contents, error, call->cancellable,
            call->callback, call->user_data);

  g_object_unref (call->client);
  g_clear_object (&call->cancellable);
  g_free (call);
}

/* A local file uploaded first: upload, OCR by id, delete, then finish. */
typedef struct {
  MistralOcrRequest *request;
  char *file_id;
  MistralOcrResponse *response;
  GError *error;
} OcrUpload;

static void
ocr_upload_free (OcrUpload *upload)
{
  g_clear_object (&upload->request);
  g_free (upload->file_id);
  g_clear_object (&upload->response);
  g_clear_error (&upload->error);
  g_free (upload);
}

static void
ocr_upload_deleted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OcrUpload *upload = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The OCR's outcome is the call's: a file left behind is only logged. */
  if (!mistral_client_delete_file_finish (MISTRAL_CLIENT (source), result, &error))
    g_debug ("The uploaded file %s of an OCR request was not deleted: %s", upload->file_id, error->message);
  if (upload->error != NULL)
    g_task_return_error (task, g_steal_pointer (&upload->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&upload->response), g_object_unref);
}

static void
ocr_upload_sent (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  OcrUpload *upload = g_task_get_task_data (task);

  upload->response = mistral_http_call_finish (MISTRAL_CLIENT (source), result, ocr_upload_sent, &upload->error);
  /* Deleted even when the OCR was cancelled: no cancellable here. */
  mistral_client_delete_file_async (MISTRAL_CLIENT (source), upload->file_id, NULL, ocr_upload_deleted, task);
}

static void
ocr_uploaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  OcrUpload *upload = g_task_get_task_data (task);
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  file = mistral_client_upload_file_finish (MISTRAL_CLIENT (source), result, &error);
  if (file == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  upload->file_id = g_strdup (mistral_file_get_id (file));
  body = mistral_ocr_request_to_bytes_for_upload (upload->request, upload->file_id, &error);
  mistral_http_call_async (MISTRAL_CLIENT (source),
                           &(MistralHttpRequest) { .method = "POST", .path = "/v1/ocr", .body = body },
                           error, ocr_read_reply, ocr_upload_sent, g_task_get_cancellable (task),
                           ocr_upload_sent, task);
}

static void
ocr_upload_start (MistralClient       *self,
                  MistralOcrRequest   *request,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  OcrUpload *upload = g_new0 (OcrUpload, 1);

  /* The same tag as a direct call, so that one finish reads both. */
  g_task_set_source_tag (task, mistral_client_ocr_async);
  upload->request = g_object_ref (request);
  g_task_set_task_data (task, upload, (GDestroyNotify) ocr_upload_free);
  mistral_client_upload_file_async (self, mistral_ocr_request_get_file (request), MISTRAL_FILE_PURPOSE_OCR,
                                    NULL, cancellable, ocr_uploaded, task);
}

/**
 * mistral_client_ocr_async:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Sends @request to read its document, as `POST /v1/ocr`. A local file
 * ([property@Mistral.OcrRequest:file]) is read first, without blocking; a
 * file that cannot be read fails the call with its #GIOErrorEnum error.
 * With [property@Mistral.OcrRequest:upload-local-file], the local file is
 * uploaded instead (`POST /v1/files`, purpose `ocr`), named by its id, and
 * deleted (`DELETE /v1/files/{file_id}`) once the OCR request ended,
 * whether it succeeded, failed or was cancelled; a failed upload fails the
 * call with the upload's error.
 * An invalid request fails with %MISTRAL_ERROR_INVALID_REQUEST before
 * anything is sent.
 *
 * With a [property@Mistral.Client:cache], the same request (the same
 * document URL, or the same bytes of a local file, and the same options)
 * is answered from the cache.
 *
 * Since: 1.0
 */
void
mistral_client_ocr_async (MistralClient       *self,
                          MistralOcrRequest   *request,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  OcrCall *call;
  GError *error = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_OCR_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* An invalid request fails before its file is read. */
  if (mistral_ocr_request_get_document_type (request) != MISTRAL_OCR_DOCUMENT_TYPE_FILE ||
      !mistral_ocr_request_validate (request, &error))
    {
      ocr_send (self, request, NULL, error, cancellable, callback, user_data);
      return;
    }

  if (mistral_ocr_request_get_upload_local_file (request))
    {
      ocr_upload_start (self, request, cancellable, callback, user_data);
      return;
    }

  call = g_new0 (OcrCall, 1);
  call->client = g_object_ref (self);
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->callback = callback;
  call->user_data = user_data;
  mistral_ocr_request_load_file_async (request, cancellable, ocr_file_loaded, call);
}

/**
 * mistral_client_ocr_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.ocr_async].
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR,
 *   %G_IO_ERROR_CANCELLED, or the error of reading the local file
 *
 * Since: 1.0
 */
MistralOcrResponse *
mistral_client_ocr_finish (MistralClient  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_ocr_async, error);
}

/**
 * mistral_client_ocr:
 * @self: a client
 * @request: the request
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.ocr_async], for worker
 * threads and scripts.
 *
 * Returns: (transfer full): the response, or %NULL with a %MISTRAL_ERROR,
 *   %G_IO_ERROR_CANCELLED, or the error of reading the local file
 *
 * Since: 1.0
 */
MistralOcrResponse *
mistral_client_ocr (MistralClient      *self,
                    MistralOcrRequest  *request,
                    GCancellable       *cancellable,
                    GError            **error)
{
  MistralSyncCall call;
  MistralOcrResponse *response;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_OCR_REQUEST (request), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_ocr_async (self, request, cancellable, mistral_sync_call_done, &call);
  response = mistral_client_ocr_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return response;
}

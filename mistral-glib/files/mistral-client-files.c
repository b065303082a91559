// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's methods of the Files area: /v1/files and its
 * sub-resources. An upload is a multipart body streamed from the file
 * (core/mistral-multipart.c); a download is the reply read as a stream
 * into a temporary file beside the destination, renamed over it only once
 * the whole body arrived. */

#include "mistral-client-files-private.h"
#include "mistral-file-private.h"
#include "mistral-file-query-private.h"
#include "mistral-file-transfer-private.h"
#include "mistral-http-private.h"
#include "mistral-json-private.h"
#include "mistral-sync-call-private.h"

#define FILES_PATH "/v1/files"
#define DOWNLOAD_CHUNK_SIZE (64 * 1024)

static gpointer
files_read_file (JsonNode          *node,
                 MistralHttpReply  *reply,
                 GError           **error)
{
  return mistral_file_new_from_json_node (node, error);
}

static gpointer
files_read_list (JsonNode          *node,
                 MistralHttpReply  *reply,
                 GError           **error)
{
  return mistral_file_list_from_json_node (node, error);
}

/* "/v1/files/ID" and a sub-resource ("" or "/url"), the id escaped whole. */
static char *
files_path (const char *file_id,
            const char *sub)
{
  g_autofree char *id = g_uri_escape_string (file_id, NULL, FALSE);

  return g_strconcat (FILES_PATH "/", id, sub, NULL);
}

/* An empty id would name the list itself: refused before sending. */
static GError *
files_check_id (const char *file_id)
{
  if (file_id != NULL && *file_id != '\0')
    return NULL;
  return g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The file id is empty");
}

/* Upload -------------------------------------------------------------------- */

MistralMultipart *
mistral_file_upload_body_new (MistralFilePurpose purpose)
{
  MistralMultipart *body = mistral_multipart_new ();
  const char *name = mistral_file_purpose_to_string (purpose);

  if (name != NULL)
    mistral_multipart_add_field (body, "purpose", name);
  return body;
}

static void
upload_on_progress (goffset  written,
                    goffset  total,
                    gpointer data)
{
  mistral_file_transfer_report (data, written, total);
}

static void
upload_on_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MistralFileTransfer *transfer = g_task_get_task_data (task);
  GError *error = NULL;
  MistralFile *file;

  file = mistral_http_call_finish (MISTRAL_CLIENT (source), result, mistral_client_upload_multipart_async,
                                   &error);
  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The last figures before the callback, whatever is still on its way. */
  if (transfer != NULL)
    mistral_file_transfer_set (transfer, mistral_file_transfer_get_total_bytes (transfer),
                               mistral_file_transfer_get_total_bytes (transfer));
  g_task_return_pointer (task, file, g_object_unref);
}

void
mistral_client_upload_multipart_async (MistralClient        *self,
                                       MistralMultipart     *body,
                                       MistralFileTransfer  *transfer,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mistral_client_upload_file_async);
  if (transfer != NULL)
    {
      /* The task's reference keeps the progress data alive for the call. */
      g_task_set_task_data (task, g_object_ref (transfer), g_object_unref);
      mistral_file_transfer_start (transfer, mistral_multipart_get_length (body));
    }

  /* A file's body can always be sent again from its start, so the request
   * path retries it as any other; a caller's stream that cannot seek back
   * is sent once (mistral_multipart_can_resend()). */
  mistral_http_call_async (self, &(MistralHttpRequest) {
                             .method = "POST",
                             .path = FILES_PATH,
                             .multipart = body,
                             .progress = transfer != NULL ? upload_on_progress : NULL,
                             .progress_data = transfer,
                           },
                           NULL, files_read_file, mistral_client_upload_multipart_async,
                           cancellable, upload_on_sent, task);
}

typedef struct {
  GFile *file;
  MistralFilePurpose purpose;
  MistralFileTransfer *transfer;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->transfer);
  g_free (data);
}

static void
upload_on_uploaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MistralFile *file = mistral_client_upload_file_finish (MISTRAL_CLIENT (source), result, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

static void
upload_on_info (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(MistralMultipart) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *filename = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "Cannot upload the file: %s", error->message);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "Cannot upload the file: it is not a regular file");
      return;
    }

  /* The name goes in a header: made valid UTF-8 whatever the bytes on disk. */
  basename = g_file_get_basename (data->file);
  filename = g_utf8_make_valid (basename, -1);
  body = mistral_file_upload_body_new (data->purpose);
  mistral_multipart_add_file (body, "file", filename, "application/octet-stream", data->file,
                              g_file_info_get_size (info));
  mistral_client_upload_multipart_async (g_task_get_source_object (task), body, data->transfer,
                                         g_task_get_cancellable (task), upload_on_uploaded,
                                         g_object_ref (task));
}

/**
 * mistral_client_upload_file_async:
 * @self: a client
 * @file: the file to upload (a regular file)
 * @purpose: what it is for; %MISTRAL_FILE_PURPOSE_UNKNOWN sends none
 * @transfer: (nullable): a [class@Mistral.FileTransfer] to follow the upload
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is uploaded or the upload failed
 * @user_data: data for @callback
 *
 * Uploads @file (`POST /v1/files`, as `multipart/form-data` with the
 * fields `purpose` and `file`), under its base name, as
 * `application/octet-stream`. The file is read as it is sent, never held
 * in memory whole: a file of hundreds of MB costs a few buffers.
 *
 * @transfer, if given, counts the bytes of the request as they go out,
 * notified on the thread-default main context of the caller. A cancel
 * stops the upload at once. An upload that fails before any reply (or with
 * a status the client retries) is sent again from the start, up to the
 * client's [property@Mistral.Client:max-retries].
 *
 * Since: 1.0
 */
void
mistral_client_upload_file_async (MistralClient        *self,
                                  GFile                *file,
                                  MistralFilePurpose    purpose,
                                  MistralFileTransfer  *transfer,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  GTask *task;
  UploadData *data;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (transfer == NULL || MISTRAL_IS_FILE_TRANSFER (transfer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_upload_file_async);
  data = g_new0 (UploadData, 1);
  data->file = g_object_ref (file);
  data->purpose = purpose;
  data->transfer = transfer != NULL ? g_object_ref (transfer) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable, upload_on_info, task);
}

/**
 * mistral_client_upload_file_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.upload_file_async].
 *
 * Returns: (transfer full): the uploaded file, or %NULL with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralFile *
mistral_client_upload_file_finish (MistralClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_upload_file_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_upload_file:
 * @self: a client
 * @file: the file to upload (a regular file)
 * @purpose: what it is for; %MISTRAL_FILE_PURPOSE_UNKNOWN sends none
 * @transfer: (nullable): a [class@Mistral.FileTransfer] to follow the upload
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.upload_file_async]; @transfer
 * is notified in this thread while the call blocks.
 *
 * Returns: (transfer full): the uploaded file, or %NULL with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralFile *
mistral_client_upload_file (MistralClient        *self,
                            GFile                *file,
                            MistralFilePurpose    purpose,
                            MistralFileTransfer  *transfer,
                            GCancellable         *cancellable,
                            GError              **error)
{
  MistralSyncCall call;
  MistralFile *uploaded;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_upload_file_async (self, file, purpose, transfer, cancellable, mistral_sync_call_done, &call);
  uploaded = mistral_client_upload_file_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return uploaded;
}

/* List ---------------------------------------------------------------------- */

/**
 * mistral_client_list_files_async:
 * @self: a client
 * @query: (nullable): which files: a page, filters; %NULL for the API's
 *   first page of every file
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list arrived or the request failed
 * @user_data: data for @callback
 *
 * Lists the files of the organisation (`GET /v1/files`), one page of them.
 *
 * Since: 1.0
 */
void
mistral_client_list_files_async (MistralClient        *self,
                                 MistralFileQuery     *query,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GPtrArray) params = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (query == NULL || MISTRAL_IS_FILE_QUERY (query));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  params = mistral_file_query_to_params (query);
  mistral_http_call_async (self, &(MistralHttpRequest) {
                             .method = "GET",
                             .path = FILES_PATH,
                             .query = params->len > 1 ? (const char * const *) params->pdata : NULL,
                           },
                           NULL, files_read_list, mistral_client_list_files_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_list_files_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.list_files_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.File], in the API's
 *   order, or %NULL with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_files_finish (MistralClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_list_files_async, error);
}

/**
 * mistral_client_list_files:
 * @self: a client
 * @query: (nullable): which files; %NULL for the API's first page
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.list_files_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.File], or %NULL with
 *   a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_files (MistralClient     *self,
                           MistralFileQuery  *query,
                           GCancellable      *cancellable,
                           GError           **error)
{
  MistralSyncCall call;
  GListModel *files;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_list_files_async (self, query, cancellable, mistral_sync_call_done, &call);
  files = mistral_client_list_files_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return files;
}

/* Get ----------------------------------------------------------------------- */

/**
 * mistral_client_get_file_async:
 * @self: a client
 * @file_id: the file's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file arrived or the request failed
 * @user_data: data for @callback
 *
 * Gets what the API knows of one file (`GET /v1/files/{file_id}`); an
 * unknown id fails with %MISTRAL_ERROR_NOT_FOUND.
 *
 * Since: 1.0
 */
void
mistral_client_get_file_async (MistralClient        *self,
                               const char           *file_id,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = files_path (file_id != NULL ? file_id : "", "");
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "GET", .path = path },
                           files_check_id (file_id), files_read_file, mistral_client_get_file_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_get_file_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.get_file_async].
 *
 * Returns: (transfer full): the file, or %NULL with a %MISTRAL_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralFile *
mistral_client_get_file_finish (MistralClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_get_file_async, error);
}

/**
 * mistral_client_get_file:
 * @self: a client
 * @file_id: the file's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.get_file_async].
 *
 * Returns: (transfer full): the file, or %NULL with a %MISTRAL_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralFile *
mistral_client_get_file (MistralClient  *self,
                         const char     *file_id,
                         GCancellable   *cancellable,
                         GError        **error)
{
  MistralSyncCall call;
  MistralFile *file;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_get_file_async (self, file_id, cancellable, mistral_sync_call_done, &call);
  file = mistral_client_get_file_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return file;
}

/* Delete -------------------------------------------------------------------- */

/**
 * mistral_client_delete_file_async:
 * @self: a client
 * @file_id: the file's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is deleted or the request failed
 * @user_data: data for @callback
 *
 * Deletes a file (`DELETE /v1/files/{file_id}`).
 *
 * Since: 1.0
 */
void
mistral_client_delete_file_async (MistralClient        *self,
                                  const char           *file_id,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The reply, {id, object, deleted}, is read as a file object. */
  path = files_path (file_id != NULL ? file_id : "", "");
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "DELETE", .path = path },
                           files_check_id (file_id), files_read_file, mistral_client_delete_file_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_delete_file_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.delete_file_async].
 *
 * Returns: %TRUE if the API says the file is deleted; %FALSE with a
 *   %MISTRAL_ERROR (%MISTRAL_ERROR_FAILED when the API answered that it
 *   did not delete it) or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
gboolean
mistral_client_delete_file_finish (MistralClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_autoptr(MistralFile) reply = NULL;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reply = mistral_http_call_finish (self, result, mistral_client_delete_file_async, error);
  if (reply == NULL)
    return FALSE;
  if (!mistral_file_get_deleted (reply))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                   "The API did not delete the file %s", mistral_file_get_id (reply));
      return FALSE;
    }
  return TRUE;
}

/**
 * mistral_client_delete_file:
 * @self: a client
 * @file_id: the file's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.delete_file_async].
 *
 * Returns: %TRUE if the file is deleted, else %FALSE with @error set
 *
 * Since: 1.0
 */
gboolean
mistral_client_delete_file (MistralClient  *self,
                            const char     *file_id,
                            GCancellable   *cancellable,
                            GError        **error)
{
  MistralSyncCall call;
  gboolean deleted;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mistral_sync_call_begin (&call);
  mistral_client_delete_file_async (self, file_id, cancellable, mistral_sync_call_done, &call);
  deleted = mistral_client_delete_file_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return deleted;
}

/* Signed URL ---------------------------------------------------------------- */

static void
url_on_sent (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MistralHttpReply) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  char *url = NULL;
  GError *error = NULL;

  reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (reply != NULL)
    node = mistral_json_parse (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), &error);
  if (node != NULL)
    url = mistral_file_url_from_json_node (node, &error);

  if (url == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, url, g_free);
}

/**
 * mistral_client_get_file_url_async:
 * @self: a client
 * @file_id: the file's id
 * @expiry_hours: how long the URL works, 1 to 168 hours; 0 for the API's
 *   default (24)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the URL arrived or the request failed
 * @user_data: data for @callback
 *
 * Gets a signed URL that downloads the file without the API key
 * (`GET /v1/files/{file_id}/url`), for a browser or another program.
 *
 * Since: 1.0
 */
void
mistral_client_get_file_url_async (MistralClient        *self,
                                   const char           *file_id,
                                   guint                 expiry_hours,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expiry = g_strdup_printf ("%u", expiry_hours);
  const char *query[] = { "expiry", expiry, NULL };
  GError *error;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_get_file_url_async);
  error = files_check_id (file_id);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  path = files_path (file_id, "/url");
  mistral_http_send_async (self, &(MistralHttpRequest) {
                             .method = "GET",
                             .path = path,
                             .query = expiry_hours > 0 ? query : NULL,
                           },
                           cancellable, url_on_sent, g_steal_pointer (&task));
}

/**
 * mistral_client_get_file_url_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.get_file_url_async].
 *
 * Returns: (transfer full): the signed URL, or %NULL with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
char *
mistral_client_get_file_url_finish (MistralClient  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_get_file_url_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_get_file_url:
 * @self: a client
 * @file_id: the file's id
 * @expiry_hours: how long the URL works, 1 to 168 hours; 0 for the API's default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.get_file_url_async].
 *
 * Returns: (transfer full): the signed URL, or %NULL with @error set
 *
 * Since: 1.0
 */
char *
mistral_client_get_file_url (MistralClient  *self,
                             const char     *file_id,
                             guint           expiry_hours,
                             GCancellable   *cancellable,
                             GError        **error)
{
  MistralSyncCall call;
  char *url;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_get_file_url_async (self, file_id, expiry_hours, cancellable, mistral_sync_call_done, &call);
  url = mistral_client_get_file_url_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return url;
}

/* Download ------------------------------------------------------------------ */

/* The body goes into a new file beside the destination (the same file
 * system, so the rename is atomic), renamed over it only once whole. Not
 * g_file_replace(): for a destination that does not exist yet it writes
 * straight into it, and a broken download would leave a partial file. */
typedef struct {
  GFile *destination;
  GFile *temp;
  MistralFileTransfer *transfer;
  GInputStream *body;
  GOutputStream *out;
  goffset length;         /* Content-Length, or -1 */
  goffset received;
  guint8 *buffer;
} DownloadData;

static void
download_data_free (DownloadData *data)
{
  mistral_http_drop_stream (&data->body);
  g_clear_object (&data->out);
  g_clear_object (&data->destination);
  g_clear_object (&data->temp);
  g_clear_object (&data->transfer);
  g_free (data->buffer);
  g_free (data);
}

/* Ends the download with @error: the temporary file goes, the destination
 * stays as it was. */
static void
download_fail (GTask  *task,
               GError *error)
{
  DownloadData *data = g_task_get_task_data (task);

  mistral_http_drop_stream (&data->body);
  if (data->out != NULL)
    {
      g_output_stream_close (data->out, NULL, NULL);
      g_clear_object (&data->out);
    }
  if (data->temp != NULL)
    g_file_delete (data->temp, NULL, NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* A failure to read the body: the network's (cancellation passes as it is). */
static GError *
download_read_error (DownloadData *data,
                     GError       *error)
{
  return mistral_http_body_error_new (error, "Network error: the download broke off after %" G_GOFFSET_FORMAT " bytes",
                                      data->received);
}

static void download_read (GTask *task);

static void
download_on_moved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      download_fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                        "Cannot write the download: %s", error->message));
      return;
    }
  g_clear_object (&data->temp);
  if (data->transfer != NULL)
    mistral_file_transfer_set (data->transfer, data->received, data->received);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
download_on_closed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      download_fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                        "Cannot write the download: %s", error->message));
      return;
    }
  g_clear_object (&data->out);
  if (g_task_return_error_if_cancelled (task))
    {
      g_file_delete (data->temp, NULL, NULL);
      g_object_unref (task);
      return;
    }
  g_file_move_async (data->temp, data->destination, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT, NULL, NULL, NULL, download_on_moved, task);
}

static void
download_on_written (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &written, &error))
    {
      download_fail (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? g_steal_pointer (&error)
                             : g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                            "Cannot write the download: %s", error->message));
      return;
    }
  data->received += written;
  if (data->transfer != NULL)
    mistral_file_transfer_set (data->transfer, data->received, data->length);
  download_read (task);
}

static void
download_on_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      download_fail (task, download_read_error (data, error));
      return;
    }
  if (data->length >= 0 && data->received + n > data->length)
    {
      download_fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                        "Invalid response: the download is longer than its "
                                        "Content-Length, %" G_GOFFSET_FORMAT " bytes", data->length));
      return;
    }
  if (n > 0)
    {
      g_output_stream_write_all_async (data->out, data->buffer, n, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), download_on_written, task);
      return;
    }

  /* A body cut short under its Content-Length failed its last read
   * (mistral-body-stream.c). */
  mistral_http_drop_stream (&data->body);
  g_output_stream_close_async (data->out, G_PRIORITY_DEFAULT, NULL, download_on_closed, task);
}

static void
download_read (GTask *task)
{
  DownloadData *data = g_task_get_task_data (task);

  g_input_stream_read_async (data->body, data->buffer, DOWNLOAD_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), download_on_read, task);
}

static void
download_on_created (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->out = G_OUTPUT_STREAM (g_file_create_finish (G_FILE (source), result, &error));
  if (data->out == NULL)
    {
      /* Not ours: nothing to delete. */
      g_clear_object (&data->temp);
      download_fail (task, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                             ? g_steal_pointer (&error)
                             : g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                                            "Cannot write the download: %s", error->message));
      return;
    }
  download_read (task);
}

static void
download_on_sent (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  DownloadData *data = g_task_get_task_data (task);
  g_autoptr(MistralHttpReply) reply = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *random = NULL;
  GError *error = NULL;

  reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      download_fail (task, error);
      return;
    }
  data->body = g_steal_pointer (&reply->stream);
  data->length = reply->content_length;
  if (data->transfer != NULL)
    mistral_file_transfer_start (data->transfer, data->length);

  parent = g_file_get_parent (data->destination);
  basename = g_file_get_basename (data->destination);
  random = g_uuid_string_random ();
  name = g_strdup_printf (".%s.%.8s.part", basename, random);
  data->temp = g_file_get_child (parent, name);
  g_file_create_async (data->temp, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), download_on_created, task);
}

/**
 * mistral_client_download_file_async:
 * @self: a client
 * @file_id: the file's id
 * @destination: where to write the file's content
 * @transfer: (nullable): a [class@Mistral.FileTransfer] to follow the download
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the file is written or the download failed
 * @user_data: data for @callback
 *
 * Downloads a file's content (`GET /v1/files/{file_id}/content`) into
 * @destination, replacing it atomically: the body is written, as it comes,
 * to a temporary file beside @destination, which is renamed over it only
 * once the whole body arrived. A download that fails, is cut short, or is
 * cancelled leaves no partial file, and an existing @destination as it was.
 *
 * When the reply has a `Content-Length`, a body shorter or longer than it
 * is an error. A reply without one is accepted, its end then the
 * transport's: the last chunk of `Transfer-Encoding: chunked`, the end of
 * an HTTP/2 stream; a connection reset before it, or closed inside a
 * chunk, is an error too. What cannot be told from a whole body, and is
 * taken as one: an HTTP/1.x body delimited by the connection's close
 * alone (no length, not chunked) that the server closes early, and, with
 * libsoup 3.2 (which reads a close between two chunks as the end), a
 * chunked body whose server closes cleanly between two chunks.
 *
 * @transfer, if given, counts the bytes received, notified on the
 * thread-default main context of the caller; its
 * [property@Mistral.FileTransfer:total-bytes] is the `Content-Length`, or
 * -1 without one or when the body is compressed (`Content-Encoding`, which
 * libsoup decodes).
 *
 * Since: 1.0
 */
void
mistral_client_download_file_async (MistralClient        *self,
                                    const char           *file_id,
                                    GFile                *destination,
                                    MistralFileTransfer  *transfer,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  GTask *task;
  DownloadData *data;
  g_autofree char *path = NULL;
  g_autoptr(GFile) parent = NULL;
  GError *error;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (transfer == NULL || MISTRAL_IS_FILE_TRANSFER (transfer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_download_file_async);
  data = g_new0 (DownloadData, 1);
  data->destination = g_object_ref (destination);
  data->transfer = transfer != NULL ? g_object_ref (transfer) : NULL;
  data->buffer = g_malloc (DOWNLOAD_CHUNK_SIZE);
  data->length = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) download_data_free);

  error = files_check_id (file_id);
  parent = g_file_get_parent (destination);
  if (error == NULL && parent == NULL)
    error = g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                                 "Cannot download into the root of a file system");
  if (error != NULL)
    {
      download_fail (task, error);
      return;
    }

  path = files_path (file_id, "/content");
  mistral_http_send_async (self, &(MistralHttpRequest) {
                             .method = "GET",
                             .path = path,
                             .reply = MISTRAL_HTTP_REPLY_STREAM,
                           },
                           cancellable, download_on_sent, task);
}

/**
 * mistral_client_download_file_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.download_file_async].
 *
 * Returns: %TRUE if the destination now holds the whole file; %FALSE
 *   with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED, the destination then
 *   untouched
 *
 * Since: 1.0
 */
gboolean
mistral_client_download_file_finish (MistralClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_download_file_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mistral_client_download_file:
 * @self: a client
 * @file_id: the file's id
 * @destination: where to write the file's content
 * @transfer: (nullable): a [class@Mistral.FileTransfer] to follow the download
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.download_file_async].
 *
 * Returns: %TRUE if the destination now holds the whole file, else %FALSE
 *   with @error set
 *
 * Since: 1.0
 */
gboolean
mistral_client_download_file (MistralClient        *self,
                              const char           *file_id,
                              GFile                *destination,
                              MistralFileTransfer  *transfer,
                              GCancellable         *cancellable,
                              GError              **error)
{
  MistralSyncCall call;
  gboolean done;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  mistral_sync_call_begin (&call);
  mistral_client_download_file_async (self, file_id, destination, transfer, cancellable,
                                      mistral_sync_call_done, &call);
  done = mistral_client_download_file_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);

  return done;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client's batch methods: /v1/batch/jobs (create, get, list, cancel),
 * waiting for a job by polling it, and reading its results back from its
 * output and error files, line by line as they download. */

#include "mistral-batch-job-private.h"
#include "mistral-batch-job-request-private.h"
#include "mistral-batch-result-private.h"
#include "mistral-client-batch.h"
#include "mistral-client-files.h"
#include "mistral-enum-types.h"
#include "mistral-http-private.h"
#include "mistral-json-private.h"
#include "mistral-sync-call-private.h"

#define BATCH_JOBS_PATH "/v1/batch/jobs"

/* Polling: the first wait, doubled after each poll up to the last. */
#define BATCH_POLL_FIRST_MS 1000
#define BATCH_POLL_MAX_MS   30000

static char *
batch_job_path (const char *job_id,
                const char *suffix)
{
  g_autofree char *id = g_uri_escape_string (job_id, NULL, FALSE);

  return g_strconcat (BATCH_JOBS_PATH "/", id, suffix, NULL);
}

/* Create ------------------------------------------------------------------- */

typedef struct {
  MistralBatchJobRequest *request;
  GFile *input;        /* the JSONL written, removed once uploaded */
} BatchCreateData;

static void
batch_create_data_free (BatchCreateData *data)
{
  if (data->input != NULL)
    g_file_delete (data->input, NULL, NULL);
  g_clear_object (&data->input);
  g_clear_object (&data->request);
  g_free (data);
}

static void
batch_create_sent (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MistralBatchJob *job;

  job = mistral_http_call_finish (MISTRAL_CLIENT (source), result, batch_create_sent, &error);
  if (job == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, job, g_object_unref);
}

static void
batch_create_post (GTask  *task,
                   GBytes *body,
                   GError *error)
{
  mistral_http_call_async (g_task_get_source_object (task),
                           &(MistralHttpRequest) { .method = "POST", .path = BATCH_JOBS_PATH, .body = body },
                           error, mistral_batch_job_read_reply, batch_create_sent,
                           g_task_get_cancellable (task), batch_create_sent, task);
}

static void
batch_create_send (GTask      *task,
                   const char *input_file_id)
{
  BatchCreateData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = mistral_batch_job_request_to_bytes (data->request, input_file_id, g_task_get_cancellable (task), &error);
  batch_create_post (task, body, error);
}

static void
batch_create_body_written (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = g_task_propagate_pointer (G_TASK (result), &error);
  batch_create_post (task, body, error);
}

/* In a worker thread: the inline body, when it reads local files. */
static void
batch_create_write_body (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  BatchCreateData *data = task_data;
  GError *error = NULL;
  GBytes *body = mistral_batch_job_request_to_bytes (data->request, NULL, cancellable, &error);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

static void
batch_create_uploaded (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BatchCreateData *data = g_task_get_task_data (task);
  g_autoptr(MistralFile) file = NULL;
  GError *error = NULL;

  /* Uploaded or not, the temporary file has done its work. */
  g_file_delete (data->input, NULL, NULL);
  g_clear_object (&data->input);
  file = mistral_client_upload_file_finish (MISTRAL_CLIENT (source), result, &error);
  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  batch_create_send (g_steal_pointer (&task), mistral_file_get_id (file));
}

static void
batch_create_written (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BatchCreateData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  mistral_client_upload_file_async (g_task_get_source_object (task), data->input, MISTRAL_FILE_PURPOSE_BATCH,
                                    NULL, g_task_get_cancellable (task), batch_create_uploaded, task);
  task = NULL;   /* the upload's callback owns it */
}

/* In a worker thread: the JSONL, one request at a time, to a new
 * temporary file, which the task data owns (and removes) from here on. */
static void
batch_create_write_input (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  BatchCreateData *data = task_data;
  g_autoptr(GFileIOStream) io = NULL;
  GOutputStream *out;
  g_autoptr(GOutputStream) buffered = NULL;
  GError *error = NULL;

  data->input = g_file_new_tmp ("mistral-batch-XXXXXX.jsonl", &io, &error);
  if (data->input == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  out = g_io_stream_get_output_stream (G_IO_STREAM (io));
  buffered = g_buffered_output_stream_new_sized (out, 64 * 1024);
  if (!mistral_batch_job_request_write_jsonl (data->request, buffered, cancellable, &error) ||
      !g_output_stream_close (buffered, cancellable, &error) ||
      !g_io_stream_close (G_IO_STREAM (io), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
batch_create_upload (GTask *task)
{
  g_autoptr(GTask) writer = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                                        batch_create_written, task);

  g_task_set_task_data (writer, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (writer, batch_create_write_input);
}

/**
 * mistral_client_create_batch_job_async:
 * @self: a client
 * @request: the job's requests (or input files) and options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job was created or the request failed
 * @user_data: data for @callback
 *
 * Creates a batch job: the API runs its requests on its own machines
 * within the job's timeout, at a lower price than one call at a time, and
 * writes their replies to files that
 * [method@Mistral.Client.get_batch_results_async] reads back.
 *
 * Sends `POST /v1/batch/jobs`, with the requests inline or, as
 * [property@Mistral.BatchJobRequest:input] says, in a JSONL file that is
 * first written to a temporary file (one request at a time, so memory
 * does not grow with the job), uploaded with the purpose
 * %MISTRAL_FILE_PURPOSE_BATCH, and named in `input_files`; the temporary
 * file is removed in every case. The local files of OCR requests are read
 * in a worker thread. Each request's body is written by its
 * endpoint's own writer: a request that endpoint would refuse, requests
 * for different endpoints, a timeout outside 1–168 hours or metadata out of
 * the API's bounds fail with %MISTRAL_ERROR_INVALID_REQUEST before
 * anything is sent.
 *
 * The requests must not change until the callback runs.
 *
 * Since: 1.0
 */
void
mistral_client_create_batch_job_async (MistralClient          *self,
                                       MistralBatchJobRequest *request,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  GTask *task;
  BatchCreateData *data;
  const char *endpoint;
  GError *error = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_create_batch_job_async);
  data = g_new0 (BatchCreateData, 1);
  data->request = g_object_ref (request);
  g_task_set_task_data (task, data, (GDestroyNotify) batch_create_data_free);

  if (!mistral_batch_job_request_check (request, &endpoint, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (mistral_batch_job_request_use_file (request))
    {
      batch_create_upload (task);
      return;
    }
  if (mistral_batch_job_request_reads_files (request))
    {
      g_autoptr(GTask) writer = g_task_new (self, cancellable, batch_create_body_written, task);

      g_task_set_task_data (writer, data, NULL);
      g_task_run_in_thread (writer, batch_create_write_body);
      return;
    }
  batch_create_send (task, NULL);
}

/**
 * mistral_client_create_batch_job_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.create_batch_job_async].
 *
 * Returns: (transfer full): the new job, or %NULL with a %MISTRAL_ERROR,
 *   %G_IO_ERROR_CANCELLED, or an error of the temporary file
 *
 * Since: 1.0
 */
MistralBatchJob *
mistral_client_create_batch_job_finish (MistralClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_create_batch_job_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_create_batch_job:
 * @self: a client
 * @request: the job's requests (or input files) and options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.create_batch_job_async].
 *
 * Returns: (transfer full): the new job, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralBatchJob *
mistral_client_create_batch_job (MistralClient           *self,
                                 MistralBatchJobRequest  *request,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  MistralSyncCall call;
  MistralBatchJob *job;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_create_batch_job_async (self, request, cancellable, mistral_sync_call_done, &call);
  job = mistral_client_create_batch_job_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);
  return job;
}

/* Get ---------------------------------------------------------------------- */

/**
 * mistral_client_get_batch_job_async:
 * @self: a client
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Gets a batch job by its id. Sends `GET /v1/batch/jobs/{job_id}`; an
 * unknown job fails with %MISTRAL_ERROR_NOT_FOUND.
 *
 * Since: 1.0
 */
void
mistral_client_get_batch_job_async (MistralClient       *self,
                                    const char          *job_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (job_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = batch_job_path (job_id, NULL);
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "GET", .path = path },
                           NULL, mistral_batch_job_read_reply, mistral_client_get_batch_job_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_get_batch_job_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.get_batch_job_async].
 *
 * Returns: (transfer full): the job, or %NULL with a %MISTRAL_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
MistralBatchJob *
mistral_client_get_batch_job_finish (MistralClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_http_call_finish (self, result, mistral_client_get_batch_job_async, error);
}

/**
 * mistral_client_get_batch_job:
 * @self: a client
 * @job_id: the job's id
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.get_batch_job_async].
 *
 * Returns: (transfer full): the job, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralBatchJob *
mistral_client_get_batch_job (MistralClient  *self,
                              const char     *job_id,
                              GCancellable   *cancellable,
                              GError        **error)
{
  MistralSyncCall call;
  MistralBatchJob *job;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_get_batch_job_async (self, job_id, cancellable, mistral_sync_call_done, &call);
  job = mistral_client_get_batch_job_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);
  return job;
}

/* List --------------------------------------------------------------------- */

static GQuark
batch_list_total_quark (void)
{
  return g_quark_from_static_string ("mistral-batch-list-total");
}

static gpointer
batch_read_list (JsonNode          *node,
                 MistralHttpReply  *reply,
                 GError           **error)
{
  JsonObject *object;
  JsonArray *data = NULL;
  guint total = 0;
  GListStore *store;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the list", NULL, "an object", error), NULL;
  object = json_node_get_object (node);
  if (!mistral_json_read_member (object, "data", "", MISTRAL_JSON_ARRAY, &data, error) ||
      !mistral_json_read_member (object, "total", "", MISTRAL_JSON_UINT, &total, error))
    return NULL;
  if (data != NULL)
    store = mistral_json_read_list (data, "data", MISTRAL_TYPE_BATCH_JOB, mistral_batch_job_new_from_json_object, error);
  else
    store = g_list_store_new (MISTRAL_TYPE_BATCH_JOB);
  if (store == NULL)
    return NULL;
  if (!json_object_has_member (object, "total"))
    total = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_object_set_qdata (G_OBJECT (store), batch_list_total_quark (), GUINT_TO_POINTER (total));
  return store;
}

/* The list's own parameters, which metadata keys must not shadow. */
static const char * const batch_list_parameters[] = {
  "page", "page_size", "model", "agent_id", "metadata", "created_after", "created_by_me", "status", "order_by", NULL
};

static int
batch_compare_strings (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * mistral_client_list_batch_jobs_async:
 * @self: a client
 * @page: the page, from 0
 * @page_size: jobs per page, or 0 for the API's default (100)
 * @model: (nullable): only the jobs of this model
 * @agent_id: (nullable): only the jobs of this agent
 * @metadata: (nullable) (element-type utf8 utf8): only the jobs whose
 *   metadata has each of these keys with this value
 * @statuses: (array length=n_statuses) (nullable): only the jobs in one of these states
 * @n_statuses: the length of @statuses
 * @created_after: (nullable): only the jobs created after this time
 * @created_by_me: only the jobs created with this API key's user
 * @oldest_first: the oldest jobs first, instead of the newest
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Lists batch jobs, newest first (or oldest first). Sends
 * `GET /v1/batch/jobs` with the filters given as its query, in this order:
 * `page`, `page_size`, `model`, `agent_id`, the metadata, one `status` per
 * state, `created_after`, `created_by_me`, `order_by` (`created` for
 * @oldest_first; left out otherwise, the API's default being `-created`).
 *
 * The OpenAPI description gives `metadata` as an object in the query with
 * the default style (form, exploded), as the official SDKs send it: each
 * entry is its own `key=value` parameter, in the order of the keys
 * (sorted). A key that is the name of another parameter of the list
 * (`page`, `model`, `status`, …) cannot be told apart from it and fails
 * with %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * Since: 1.0
 */
void
mistral_client_list_batch_jobs_async (MistralClient            *self,
                                      guint                     page,
                                      guint                     page_size,
                                      const char               *model,
                                      const char               *agent_id,
                                      GHashTable               *metadata,
                                      const MistralBatchStatus *statuses,
                                      gsize                     n_statuses,
                                      GDateTime                *created_after,
                                      gboolean                  created_by_me,
                                      gboolean                  oldest_first,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (statuses != NULL || n_statuses == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_ptr_array_add (query, g_strdup ("page"));
  g_ptr_array_add (query, g_strdup_printf ("%u", page));
  if (page_size > 0)
    {
      g_ptr_array_add (query, g_strdup ("page_size"));
      g_ptr_array_add (query, g_strdup_printf ("%u", page_size));
    }
  if (model != NULL)
    {
      g_ptr_array_add (query, g_strdup ("model"));
      g_ptr_array_add (query, g_strdup (model));
    }
  if (agent_id != NULL)
    {
      g_ptr_array_add (query, g_strdup ("agent_id"));
      g_ptr_array_add (query, g_strdup (agent_id));
    }
  if (metadata != NULL)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (metadata, NULL);
      gsize n_keys = g_hash_table_size (metadata);

      g_qsort_with_data (keys, n_keys, sizeof (gpointer), batch_compare_strings, NULL);
      for (gsize i = 0; i < n_keys; i++)
        {
          if (g_strv_contains (batch_list_parameters, keys[i]))
            {
              if (error == NULL)
                g_set_error (&error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                             "The metadata key “%s” is the name of a parameter of the list", (char *) keys[i]);
              continue;
            }
          g_ptr_array_add (query, g_strdup (keys[i]));
          g_ptr_array_add (query, g_strdup (g_hash_table_lookup (metadata, keys[i])));
        }
    }
  for (gsize i = 0; i < n_statuses; i++)
    {
      GEnumClass *enum_class = g_type_class_ref (MISTRAL_TYPE_BATCH_STATUS);
      GEnumValue *value = g_enum_get_value (enum_class, statuses[i]);

      if (value == NULL || statuses[i] == MISTRAL_BATCH_STATUS_UNKNOWN)
        {
          if (error == NULL)
            g_set_error (&error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                         "%d is not a batch job status to filter by", statuses[i]);
        }
      else
        {
          /* "MISTRAL_BATCH_STATUS_RUNNING" → "RUNNING" */
          g_ptr_array_add (query, g_strdup ("status"));
          g_ptr_array_add (query, g_strdup (value->value_name + strlen ("MISTRAL_BATCH_STATUS_")));
        }
      g_type_class_unref (enum_class);
    }
  if (created_after != NULL)
    {
      g_ptr_array_add (query, g_strdup ("created_after"));
      g_ptr_array_add (query, g_date_time_format_iso8601 (created_after));
    }
  if (created_by_me)
    {
      g_ptr_array_add (query, g_strdup ("created_by_me"));
      g_ptr_array_add (query, g_strdup ("true"));
    }
  if (oldest_first)
    {
      g_ptr_array_add (query, g_strdup ("order_by"));
      g_ptr_array_add (query, g_strdup ("created"));
    }
  g_ptr_array_add (query, NULL);

  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "GET", .path = BATCH_JOBS_PATH,
                                                         .query = (const char * const *) query->pdata },
                           error, batch_read_list, mistral_client_list_batch_jobs_async,
                           cancellable, callback, user_data);
}

/**
 * mistral_client_list_batch_jobs_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @total: (out) (optional): how many jobs match, over all pages
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.list_batch_jobs_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.BatchJob], or %NULL
 *   with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_batch_jobs_finish (MistralClient  *self,
                                       GAsyncResult   *result,
                                       guint          *total,
                                       GError        **error)
{
  GListModel *list;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = mistral_http_call_finish (self, result, mistral_client_list_batch_jobs_async, error);
  if (total != NULL)
    *total = list != NULL ? GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (list), batch_list_total_quark ())) : 0;
  return list;
}

/**
 * mistral_client_list_batch_jobs:
 * @self: a client
 * @page: the page, from 0
 * @page_size: jobs per page, or 0 for the API's default (100)
 * @model: (nullable): only the jobs of this model
 * @agent_id: (nullable): only the jobs of this agent
 * @metadata: (nullable) (element-type utf8 utf8): only the jobs whose
 *   metadata has each of these keys with this value
 * @statuses: (array length=n_statuses) (nullable): only the jobs in one of these states
 * @n_statuses: the length of @statuses
 * @created_after: (nullable): only the jobs created after this time
 * @created_by_me: only the jobs created with this API key's user
 * @oldest_first: the oldest jobs first, instead of the newest
 * @total: (out) (optional): how many jobs match, over all pages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.list_batch_jobs_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.BatchJob], or %NULL
 *   with @error set
 *
 * Since: 1.0
 */
GListModel *
mistral_client_list_batch_jobs (MistralClient            *self,
                                guint                     page,
                                guint                     page_size,
                                const char               *model,
                                const char               *agent_id,
                                GHashTable               *metadata,
                                const MistralBatchStatus *statuses,
                                gsize                     n_statuses,
                                GDateTime                *created_after,
                                gboolean                  created_by_me,
                                gboolean                  oldest_first,
                                guint                    *total,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  MistralSyncCall call;
  GListModel *list;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mistral_sync_call_begin (&call);
  mistral_client_list_batch_jobs_async (self, page, page_size, model, agent_id, metadata, statuses, n_statuses,
                                        created_after, created_by_me, oldest_first, cancellable,
                                        mistral_sync_call_done, &call);
  list = mistral_client_list_batch_jobs_finish (self, mistral_sync_call_wait (&call), total, error);
  mistral_sync_call_end (&call);
  return list;
}

/* Cancel ------------------------------------------------------------------- */

static void
batch_cancel_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MistralBatchJob) fresh = NULL;
  GError *error = NULL;

  fresh = mistral_http_call_finish (MISTRAL_CLIENT (source), result, batch_cancel_done, &error);
  if (fresh == NULL || !mistral_batch_job_update_from_job (g_task_get_task_data (task), fresh, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mistral_client_cancel_batch_job_async:
 * @self: a client
 * @job: the job
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply arrived or the request failed
 * @user_data: data for @callback
 *
 * Asks the API to cancel @job: sends `POST /v1/batch/jobs/{job_id}/cancel`
 * and updates @job from the reply (its status usually becomes
 * %MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED, then
 * %MISTRAL_BATCH_STATUS_CANCELLED once the service stopped it: wait for
 * that with [method@Mistral.Client.wait_batch_job_async]).
 *
 * Since: 1.0
 */
void
mistral_client_cancel_batch_job_async (MistralClient       *self,
                                       MistralBatchJob     *job,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_BATCH_JOB (job));
  g_return_if_fail (mistral_batch_job_get_id (job) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_cancel_batch_job_async);
  g_task_set_task_data (task, g_object_ref (job), g_object_unref);
  path = batch_job_path (mistral_batch_job_get_id (job), "/cancel");
  mistral_http_call_async (self, &(MistralHttpRequest) { .method = "POST", .path = path },
                           NULL, mistral_batch_job_read_reply, batch_cancel_done,
                           cancellable, batch_cancel_done, task);
}

/**
 * mistral_client_cancel_batch_job_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.cancel_batch_job_async].
 *
 * Returns: %TRUE once the API took the cancel, %FALSE with a
 *   %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
gboolean
mistral_client_cancel_batch_job_finish (MistralClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_cancel_batch_job_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mistral_client_cancel_batch_job:
 * @self: a client
 * @job: the job
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.cancel_batch_job_async].
 *
 * Returns: %TRUE once the API took the cancel, %FALSE with @error set
 *
 * Since: 1.0
 */
gboolean
mistral_client_cancel_batch_job (MistralClient    *self,
                                 MistralBatchJob  *job,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  MistralSyncCall call;
  gboolean ok;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (job), FALSE);

  mistral_sync_call_begin (&call);
  mistral_client_cancel_batch_job_async (self, job, cancellable, mistral_sync_call_done, &call);
  ok = mistral_client_cancel_batch_job_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);
  return ok;
}

/* Wait --------------------------------------------------------------------- */

typedef struct {
  MistralBatchJob *job;
  char *path;
  gint64 deadline;      /* monotonic µs; 0 for none */
  guint timeout_seconds;
  guint interval_ms;
  guint max_ms;
  GSource *timer;
  GSource *cancel;
} BatchWaitData;

static void
batch_wait_clear_sources (BatchWaitData *data)
{
  if (data->timer != NULL)
    g_source_destroy (data->timer);
  g_clear_pointer (&data->timer, g_source_unref);
  if (data->cancel != NULL)
    g_source_destroy (data->cancel);
  g_clear_pointer (&data->cancel, g_source_unref);
}

static void
batch_wait_data_free (BatchWaitData *data)
{
  batch_wait_clear_sources (data);
  g_clear_object (&data->job);
  g_free (data->path);
  g_free (data);
}

/* MISTRAL_BATCH_POLL_MS="FIRST[,MAX]" sets the waits (in ms), for tests. */
static void
batch_wait_read_intervals (BatchWaitData *data)
{
  const char *env = g_getenv ("MISTRAL_BATCH_POLL_MS");
  g_auto(GStrv) parts = NULL;

  data->interval_ms = BATCH_POLL_FIRST_MS;
  data->max_ms = BATCH_POLL_MAX_MS;
  if (env == NULL || *env == '\0')
    return;
  parts = g_strsplit (env, ",", 2);
  data->interval_ms = CLAMP (g_ascii_strtoull (parts[0], NULL, 10), 1, BATCH_POLL_MAX_MS);
  data->max_ms = parts[1] != NULL ? CLAMP (g_ascii_strtoull (parts[1], NULL, 10), data->interval_ms, BATCH_POLL_MAX_MS)
                                  : MAX (data->interval_ms, data->max_ms);
}

static void batch_wait_poll (GTask *task);

static gboolean
batch_wait_timer_done (gpointer user_data)
{
  GTask *task = user_data;
  BatchWaitData *data = g_task_get_task_data (task);

  batch_wait_clear_sources (data);
  if (data->deadline != 0 && g_get_monotonic_time () >= data->deadline)
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT,
                               "Batch job %s did not finish within %u s: it is still %s",
                               mistral_batch_job_get_id (data->job), data->timeout_seconds,
                               mistral_batch_job_get_status_string (data->job));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  batch_wait_poll (task);
  return G_SOURCE_REMOVE;
}

static gboolean
batch_wait_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;

  batch_wait_clear_sources (g_task_get_task_data (task));
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
batch_wait_sleep (GTask *task)
{
  BatchWaitData *data = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);
  guint ms = data->interval_ms;

  if (data->deadline != 0)
    {
      gint64 left_ms = (data->deadline - g_get_monotonic_time ()) / 1000;

      ms = CLAMP (left_ms, 0, (gint64) ms);
    }
  data->interval_ms = MIN (data->interval_ms * 2, data->max_ms);

  /* The task holds itself while a source may fire: one of them returns it. */
  data->timer = g_timeout_source_new (ms);
  g_source_set_callback (data->timer, batch_wait_timer_done, task, NULL);
  g_source_attach (data->timer, context);
  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancel = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (data->cancel, G_SOURCE_FUNC (batch_wait_cancelled), task, NULL);
      g_source_attach (data->cancel, context);
    }
}

static void
batch_wait_polled (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  BatchWaitData *data = g_task_get_task_data (task);
  g_autoptr(MistralBatchJob) fresh = NULL;
  GError *error = NULL;

  fresh = mistral_http_call_finish (MISTRAL_CLIENT (source), result, batch_wait_polled, &error);
  if (fresh == NULL || !mistral_batch_job_update_from_job (data->job, fresh, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (mistral_batch_job_is_finished (data->job))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  batch_wait_sleep (task);
}

static void
batch_wait_poll (GTask *task)
{
  BatchWaitData *data = g_task_get_task_data (task);

  mistral_http_call_async (g_task_get_source_object (task),
                           &(MistralHttpRequest) { .method = "GET", .path = data->path },
                           NULL, mistral_batch_job_read_reply, batch_wait_polled,
                           g_task_get_cancellable (task), batch_wait_polled, task);
}

/**
 * mistral_client_wait_batch_job_async:
 * @self: a client
 * @job: the job
 * @timeout_seconds: how long to wait at most, or 0 for no limit
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job ended, or the wait failed
 * @user_data: data for @callback
 *
 * Waits for @job to end, by polling `GET /v1/batch/jobs/{job_id}`: at
 * once, then after 1 s, 2 s, 4 s, … up to one poll every 30 s. Each poll
 * updates @job in place, so `notify::completed-requests` follows the
 * progress and `notify::status` the states.
 *
 * The wait ends when the job is in a final state (see
 * [method@Mistral.BatchJob.is_finished]; a FAILED, TIMEOUT_EXCEEDED or
 * CANCELLED job is not an error of the wait), when @cancellable is
 * cancelled (at once, even between polls: %G_IO_ERROR_CANCELLED), when a
 * poll fails, or after @timeout_seconds, with %MISTRAL_ERROR_TIMEOUT. The
 * job itself goes on in each of these cases.
 *
 * Since: 1.0
 */
void
mistral_client_wait_batch_job_async (MistralClient       *self,
                                     MistralBatchJob     *job,
                                     guint                timeout_seconds,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  BatchWaitData *data;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_BATCH_JOB (job));
  g_return_if_fail (mistral_batch_job_get_id (job) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_wait_batch_job_async);
  data = g_new0 (BatchWaitData, 1);
  data->job = g_object_ref (job);
  data->path = batch_job_path (mistral_batch_job_get_id (job), NULL);
  data->timeout_seconds = timeout_seconds;
  if (timeout_seconds > 0)
    data->deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;
  batch_wait_read_intervals (data);
  g_task_set_task_data (task, data, (GDestroyNotify) batch_wait_data_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  batch_wait_poll (task);
}

/**
 * mistral_client_wait_batch_job_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.wait_batch_job_async].
 *
 * Returns: %TRUE when the job ended (whatever its final state), %FALSE
 *   with %MISTRAL_ERROR_TIMEOUT, %G_IO_ERROR_CANCELLED or the error of a
 *   poll
 *
 * Since: 1.0
 */
gboolean
mistral_client_wait_batch_job_finish (MistralClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_wait_batch_job_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mistral_client_wait_batch_job:
 * @self: a client
 * @job: the job
 * @timeout_seconds: how long to wait at most, or 0 for no limit
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.wait_batch_job_async]; the
 * job's notifications are emitted in the calling thread.
 *
 * Returns: %TRUE when the job ended, %FALSE with @error set
 *
 * Since: 1.0
 */
gboolean
mistral_client_wait_batch_job (MistralClient    *self,
                               MistralBatchJob  *job,
                               guint             timeout_seconds,
                               GCancellable     *cancellable,
                               GError          **error)
{
  MistralSyncCall call;
  gboolean ok;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (job), FALSE);

  mistral_sync_call_begin (&call);
  mistral_client_wait_batch_job_async (self, job, timeout_seconds, cancellable, mistral_sync_call_done, &call);
  ok = mistral_client_wait_batch_job_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);
  return ok;
}

/* Results ------------------------------------------------------------------ */

#define BATCH_READ_CHUNK (64 * 1024)

/* The longest line read; tests make it small. */
static gsize batch_results_max_line = MISTRAL_BATCH_RESULT_MAX_LINE;

void
mistral_batch_results_set_max_line (gsize max_line)
{
  batch_results_max_line = max_line != 0 ? max_line : MISTRAL_BATCH_RESULT_MAX_LINE;
}

typedef struct {
  char *endpoint;
  char *files[2];       /* the output file, then the error file */
  guint index;
  GListStore *results;
  GInputStream *stream; /* the file being read */
  guint8 *chunk;        /* BATCH_READ_CHUNK bytes read from it */
  GByteArray *line;     /* the line so far, at most the limit */
  guint64 line_length;  /* its length, counting what was dropped */
  guint line_number;
} BatchResultsData;

static void
batch_results_data_free (BatchResultsData *data)
{
  g_free (data->endpoint);
  g_free (data->files[0]);
  g_free (data->files[1]);
  g_clear_object (&data->results);
  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);
  g_clear_object (&data->stream);
  g_free (data->chunk);
  g_byte_array_unref (data->line);
  g_free (data);
}

static void batch_results_next_file (GTask *task);

/* The line held (without its "\n") becomes a result; an empty one none. */
static void
batch_results_end_line (BatchResultsData *data)
{
  g_autoptr(MistralBatchResult) item = NULL;
  gsize length = data->line->len;

  data->line_number++;
  if (data->line_length > batch_results_max_line)
    item = mistral_batch_result_new_too_long ((const char *) data->line->data, length, data->line_length,
                                              data->line_number, batch_results_max_line);
  else
    {
      if (length > 0 && data->line->data[length - 1] == '\r')
        length--;
      if (length > 0)
        item = mistral_batch_result_read_line (data->endpoint, (const char *) data->line->data, length,
                                               data->line_number);
    }
  if (item != NULL)
    g_list_store_append (data->results, item);
  g_byte_array_set_size (data->line, 0);
  data->line_length = 0;
}

/* Adds @n bytes to the line; beyond the limit, only counts them. */
static void
batch_results_add (BatchResultsData *data,
                   const guint8     *bytes,
                   gsize             n)
{
  if (data->line_length + n <= batch_results_max_line)
    g_byte_array_append (data->line, bytes, n);
  else if (data->line_length < batch_results_max_line)
    g_byte_array_append (data->line, bytes, batch_results_max_line - data->line_length);
  data->line_length += n;
}

static void
batch_results_read (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  BatchResultsData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;
  const guint8 *p, *end;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      g_task_return_error (task, mistral_http_body_error_new (error, "Network error: the results broke off after line %u",
                                                              data->line_number));
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  if (n == 0)
    {
      /* A last line without "\n" is a line too. */
      if (data->line_length > 0)
        batch_results_end_line (data);
      g_input_stream_close (data->stream, NULL, NULL);
      g_clear_object (&data->stream);
      data->index++;
      batch_results_next_file (task);
      return;
    }

  p = data->chunk;
  end = data->chunk + n;
  while (p < end)
    {
      const guint8 *newline = memchr (p, '\n', end - p);

      if (newline == NULL)
        {
          batch_results_add (data, p, end - p);
          break;
        }
      batch_results_add (data, p, newline - p);
      batch_results_end_line (data);
      p = newline + 1;
    }
  g_input_stream_read_async (data->stream, data->chunk, BATCH_READ_CHUNK, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), batch_results_read, task);
}

static void
batch_results_opened (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BatchResultsData *data = g_task_get_task_data (task);
  g_autoptr(MistralHttpReply) reply = NULL;
  GError *error = NULL;

  reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->stream = g_object_ref (reply->stream);
  data->line_number = 0;
  g_byte_array_set_size (data->line, 0);
  data->line_length = 0;
  g_input_stream_read_async (data->stream, data->chunk, BATCH_READ_CHUNK, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), batch_results_read, task);
}

static void
batch_results_next_file (GTask *task)
{
  BatchResultsData *data = g_task_get_task_data (task);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  while (data->index < G_N_ELEMENTS (data->files) && data->files[data->index] == NULL)
    data->index++;
  if (data->index == G_N_ELEMENTS (data->files))
    {
      g_task_return_pointer (task, g_object_ref (data->results), g_object_unref);
      g_object_unref (task);
      return;
    }
  id = g_uri_escape_string (data->files[data->index], NULL, FALSE);
  path = g_strconcat ("/v1/files/", id, "/content", NULL);
  mistral_http_send_async (g_task_get_source_object (task),
                           &(MistralHttpRequest) { .method = "GET", .path = path,
                                                   .reply = MISTRAL_HTTP_REPLY_STREAM },
                           g_task_get_cancellable (task), batch_results_opened, task);
}

/**
 * mistral_client_get_batch_results_async:
 * @self: a client
 * @job: a job, usually one that ended
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the results were read, or the reading failed
 * @user_data: data for @callback
 *
 * Reads the results of @job: its output file (the replies), then its
 * error file (the requests that failed), each downloaded with
 * `GET /v1/files/{file_id}/content` and read line by line as it arrives,
 * so that only the results, not the files, are held in memory.
 *
 * Each line gives one [class@Mistral.BatchResult], matched to its request by
 * [property@Mistral.BatchResult:custom-id]. A line that cannot be read
 * gives a result that carries %MISTRAL_ERROR_INVALID_RESPONSE and the
 * line; the other lines are still read. A job that has its results inline
 * ([property@Mistral.BatchJob:outputs]) gives those, and nothing is
 * downloaded. A line longer than
 * %MISTRAL_BATCH_RESULT_MAX_LINE bytes is not held whole: it gives one
 * such error result (with its first kilobyte in `raw`), the rest of it is
 * skipped as it arrives, and reading goes on at the next line, so memory
 * stays bounded whatever the file holds. A job without files (still
 * running, or failed as a whole) has no results.
 *
 * Since: 1.0
 */
void
mistral_client_get_batch_results_async (MistralClient       *self,
                                        MistralBatchJob     *job,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  BatchResultsData *data;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (MISTRAL_IS_BATCH_JOB (job));
  g_return_if_fail (mistral_batch_job_get_id (job) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_get_batch_results_async);
  data = g_new0 (BatchResultsData, 1);
  data->endpoint = g_strdup (mistral_batch_job_get_endpoint (job));
  data->files[0] = g_strdup (mistral_batch_job_get_output_file (job));
  data->files[1] = g_strdup (mistral_batch_job_get_error_file (job));
  data->results = g_list_store_new (MISTRAL_TYPE_BATCH_RESULT);
  data->chunk = g_malloc (BATCH_READ_CHUNK);
  data->line = g_byte_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) batch_results_data_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (mistral_batch_job_get_outputs (job) != NULL)
    {
      /* Inline outputs: the results are there already, nothing to download. */
      GListModel *outputs = mistral_batch_job_get_outputs (job);

      for (guint i = 0; i < g_list_model_get_n_items (outputs); i++)
        {
          g_autoptr(MistralBatchResult) item = g_list_model_get_item (outputs, i);

          g_list_store_append (data->results, item);
        }
      g_task_return_pointer (task, g_object_ref (data->results), g_object_unref);
      g_object_unref (task);
      return;
    }
  batch_results_next_file (task);
}

/**
 * mistral_client_get_batch_results_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Mistral.Client.get_batch_results_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.BatchResult], or
 *   %NULL with a %MISTRAL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Since: 1.0
 */
GListModel *
mistral_client_get_batch_results_finish (MistralClient  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_get_batch_results_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_get_batch_results:
 * @self: a client
 * @job: a job, usually one that ended
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking twin of [method@Mistral.Client.get_batch_results_async].
 *
 * Returns: (transfer full): a list of [class@Mistral.BatchResult], or
 *   %NULL with @error set
 *
 * Since: 1.0
 */
GListModel *
mistral_client_get_batch_results (MistralClient    *self,
                                  MistralBatchJob  *job,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  MistralSyncCall call;
  GListModel *results;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (job), NULL);

  mistral_sync_call_begin (&call);
  mistral_client_get_batch_results_async (self, job, cancellable, mistral_sync_call_done, &call);
  results = mistral_client_get_batch_results_finish (self, mistral_sync_call_wait (&call), error);
  mistral_sync_call_end (&call);
  return results;
}

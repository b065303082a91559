// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * batch.c: POST and GET /v1/batch/jobs, GET /v1/batch/jobs/{job_id} and
 * POST /v1/batch/jobs/{job_id}/cancel (API-NOTES.md §7; the OpenAPI
 * schemas CreateBatchJobRequest, BatchJob, ListBatchJobsResponse).
 *
 * A job moves through its states over time, one step every
 * mock_server_set_batch_step_ms () (20 ms unless set): QUEUED, then
 * RUNNING, running its requests through the server's own endpoints (one
 * a step, or a hundredth of them for a job of more than 100)
 * by loopback requests to itself with the key of the create request, its
 * counts growing; then its replies and errors are written as JSONL
 * into the files store (files.c) and the job is SUCCESS. Requests come
 * inline or from the JSONL input files in that store.
 *
 * A job runs its requests (and leaves RUNNING) only after a reply (get,
 * list or cancel) has shown it RUNNING with none done, so that a client
 * that polls sees each state and count in order, however loaded the
 * machine.
 *
 * Cancel: CANCELLATION_REQUESTED, then CANCELLED at the next step, with
 * the files of what was done. Knobs, by the job's model:
 * "mock-batch-fail" makes the job FAILED at its first step (with an entry
 * in errors), "mock-batch-timeout" makes it TIMEOUT_EXCEEDED once half of
 * its requests ran. Job ids are UUIDs (422 otherwise); an unknown one is a
 * 404 with the API's error body.
 */

#include "mock-server-private.h"

#define BATCH_PATH "/v1/batch/jobs"
#define BATCH_DEFAULT_STEP_MS 20

static const char * const batch_endpoints[] = {
  "/v1/chat/completions", "/v1/embeddings", "/v1/fim/completions", "/v1/moderations",
  "/v1/chat/moderations", "/v1/ocr", "/v1/classifications", "/v1/chat/classifications",
  "/v1/conversations", "/v1/audio/transcriptions", NULL
};

static const char * const create_keys[] = {
  "input_files", "requests", "endpoint", "model", "agent_id", "metadata", "timeout_hours", NULL
};

static const char * const request_keys[] = { "custom_id", "body", NULL };

static const char * const statuses[] = {
  "QUEUED", "RUNNING", "SUCCESS", "FAILED", "TIMEOUT_EXCEEDED", "CANCELLATION_REQUESTED", "CANCELLED", NULL
};

typedef struct _BatchStore BatchStore;

typedef struct {
  BatchStore *store;      /* not a reference: the store owns the job */
  MockServer *server;
  char *id;
  char *status;
  char *endpoint;
  char *model;
  char *agent_id;
  JsonNode *metadata;     /* or NULL */
  GPtrArray *input_files; /* char* */
  GPtrArray *requests;    /* JsonObject* {custom_id, body}, or NULL for a broken line */
  GPtrArray *broken;      /* char*: the broken input lines, as failed requests */
  guint completed, succeeded, failed;
  gint64 created_at, started_at, completed_at;
  char *output_file, *error_file;
  GString *output, *errors;
  GPtrArray *job_errors;  /* char*: messages of the job's "errors" */
  char *auth;
  guint next;
  guint in_flight;        /* its requests out now */
  gboolean running_shown; /* a reply has shown it RUNNING */
  GSource *timer;
} BatchJob;

struct _BatchStore {
  GPtrArray *jobs;        /* BatchJob*, oldest first */
  SoupSession *session;   /* the loopback */
  GCancellable *cancellable;
};

static void
batch_job_free (BatchJob *job)
{
  if (job->timer != NULL)
    g_source_destroy (job->timer);
  g_clear_pointer (&job->timer, g_source_unref);
  g_free (job->id);
  g_free (job->status);
  g_free (job->endpoint);
  g_free (job->model);
  g_free (job->agent_id);
  g_clear_pointer (&job->metadata, json_node_unref);
  g_ptr_array_unref (job->input_files);
  g_ptr_array_unref (job->requests);
  g_ptr_array_unref (job->broken);
  g_free (job->output_file);
  g_free (job->error_file);
  g_string_free (job->output, TRUE);
  g_string_free (job->errors, TRUE);
  g_ptr_array_unref (job->job_errors);
  g_free (job->auth);
  g_free (job);
}

static void
batch_store_free (BatchStore *store)
{
  g_cancellable_cancel (store->cancellable);
  g_ptr_array_unref (store->jobs);
  g_clear_object (&store->session);
  g_clear_object (&store->cancellable);
  g_free (store);
}

/* The server's jobs, made at first use, freed with its SoupServer. */
static BatchStore *
batch_store (MockServer *self)
{
  BatchStore *store = g_object_get_data (G_OBJECT (self->server), "mock-batch");

  if (store == NULL)
    {
      store = g_new0 (BatchStore, 1);
      store->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_job_free);
      store->cancellable = g_cancellable_new ();
      g_object_set_data_full (G_OBJECT (self->server), "mock-batch", store, (GDestroyNotify) batch_store_free);
    }
  return store;
}

static JsonObject *
batch_job_object (BatchJob *job)
{
  JsonObject *object = json_object_new ();

  if (strcmp (job->status, "RUNNING") == 0)
    job->running_shown = TRUE;
  JsonArray *files = json_array_new ();
  JsonArray *errors = json_array_new ();

  json_object_set_string_member (object, "id", job->id);
  json_object_set_string_member (object, "object", "batch");
  for (guint i = 0; i < job->input_files->len; i++)
    json_array_add_string_element (files, job->input_files->pdata[i]);
  json_object_set_array_member (object, "input_files", files);
  if (job->metadata != NULL)
    json_object_set_member (object, "metadata", json_node_copy (job->metadata));
  else
    json_object_set_null_member (object, "metadata");
  json_object_set_string_member (object, "endpoint", job->endpoint);
  if (job->model != NULL)
    json_object_set_string_member (object, "model", job->model);
  else
    json_object_set_null_member (object, "model");
  if (job->agent_id != NULL)
    json_object_set_string_member (object, "agent_id", job->agent_id);
  else
    json_object_set_null_member (object, "agent_id");
  if (job->output_file != NULL)
    json_object_set_string_member (object, "output_file", job->output_file);
  else
    json_object_set_null_member (object, "output_file");
  if (job->error_file != NULL)
    json_object_set_string_member (object, "error_file", job->error_file);
  else
    json_object_set_null_member (object, "error_file");
  for (guint i = 0; i < job->job_errors->len; i++)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "message", job->job_errors->pdata[i]);
      json_object_set_int_member (error, "count", 1);
      json_array_add_object_element (errors, error);
    }
  json_object_set_array_member (object, "errors", errors);
  json_object_set_string_member (object, "status", job->status);
  json_object_set_int_member (object, "created_at", job->created_at);
  json_object_set_int_member (object, "total_requests", job->requests->len + job->broken->len);
  json_object_set_int_member (object, "completed_requests", job->completed);
  json_object_set_int_member (object, "succeeded_requests", job->succeeded);
  json_object_set_int_member (object, "failed_requests", job->failed);
  if (job->started_at != 0)
    json_object_set_int_member (object, "started_at", job->started_at);
  else
    json_object_set_null_member (object, "started_at");
  if (job->completed_at != 0)
    json_object_set_int_member (object, "completed_at", job->completed_at);
  else
    json_object_set_null_member (object, "completed_at");
  return object;
}

static void
batch_serve_job (MockServer        *self,
                 SoupServerMessage *msg,
                 BatchJob          *job)
{
  g_autoptr(JsonObject) object = batch_job_object (job);
  g_autofree char *text = mock_object_to_string (object);

  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

/* Running ------------------------------------------------------------------ */

static guint
batch_step_ms (MockServer *self)
{
  guint ms = g_atomic_int_get (&self->batch_step_ms);

  return ms != 0 ? ms : BATCH_DEFAULT_STEP_MS;
}

static void batch_job_schedule (BatchJob *job);

/* One line of a results file: {id, custom_id, response: {status_code,
 * body}, error}. */
static void
batch_job_add_line (GString    *file,
                    const char *custom_id,
                    guint       status,
                    JsonNode   *body,
                    const char *error)
{
  g_autoptr(JsonObject) line = json_object_new ();
  g_autofree char *id = mock_random_hex (24);
  g_autofree char *line_id = g_strconcat ("batch-", id, NULL);
  g_autofree char *text = NULL;

  json_object_set_string_member (line, "id", line_id);
  if (custom_id != NULL)
    json_object_set_string_member (line, "custom_id", custom_id);
  else
    json_object_set_null_member (line, "custom_id");
  if (body != NULL)
    {
      JsonObject *response = json_object_new ();

      json_object_set_int_member (response, "status_code", status);
      json_object_set_member (response, "body", json_node_copy (body));
      json_object_set_object_member (line, "response", response);
    }
  else
    json_object_set_null_member (line, "response");
  if (error != NULL)
    {
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "message", error);
      json_object_set_object_member (line, "error", object);
    }
  else
    json_object_set_null_member (line, "error");
  text = mock_object_to_string (line);
  g_string_append (file, text);
  g_string_append_c (file, '\n');
}

/* The job ends in @status: its files go into the store (an empty one is
 * not written, as the API does). */
static void
batch_job_end (BatchJob   *job,
               const char *status)
{
  g_free (job->status);
  job->status = g_strdup (status);
  job->completed_at = g_get_real_time () / G_USEC_PER_SEC;
  if (job->output->len > 0)
    {
      g_autoptr(GBytes) content = g_bytes_new (job->output->str, job->output->len);
      g_autofree char *name = g_strdup_printf ("%s.jsonl", job->id);

      job->output_file = mock_files_add (job->server, name, "batch", content);
    }
  if (job->errors->len > 0)
    {
      g_autoptr(GBytes) content = g_bytes_new (job->errors->str, job->errors->len);
      g_autofree char *name = g_strdup_printf ("%s_error.jsonl", job->id);

      job->error_file = mock_files_add (job->server, name, "batch", content);
    }
}

typedef struct {
  BatchStore *store;
  char *job_id;
  char *custom_id;
} BatchRun;

static void
batch_run_free (BatchRun *run)
{
  g_free (run->job_id);
  g_free (run->custom_id);
  g_free (run);
}

static BatchJob *
batch_store_find (BatchStore *store,
                  const char *id)
{
  for (guint i = 0; i < store->jobs->len; i++)
    {
      BatchJob *job = store->jobs->pdata[i];

      if (g_ascii_strcasecmp (job->id, id) == 0)
        return job;
    }
  return NULL;
}

static void
batch_run_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BatchRun *run = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonNode) node = NULL;
  BatchJob *job;
  guint status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      batch_run_free (run);   /* the store is gone */
      return;
    }
  job = batch_store_find (run->store, run->job_id);
  if (job == NULL)
    {
      batch_run_free (run);
      return;
    }
  job->in_flight--;
  status = message != NULL ? soup_message_get_status (message) : 0;
  if (body != NULL)
    node = json_from_string (g_bytes_get_data (body, NULL), NULL);
  job->completed++;
  if (status == SOUP_STATUS_OK && node != NULL)
    {
      job->succeeded++;
      batch_job_add_line (job->output, run->custom_id, status, node, NULL);
    }
  else
    {
      job->failed++;
      if (node != NULL)
        batch_job_add_line (job->errors, run->custom_id, status, node, NULL);
      else
        batch_job_add_line (job->errors, run->custom_id, status, NULL,
                            error != NULL ? error->message : "The request failed");
    }
  batch_run_free (run);
  if (job->in_flight == 0)
    batch_job_schedule (job);
}

/* Sends request @job->next to the server itself. */
static void
batch_job_run_next (BatchJob *job)
{
  BatchStore *store = job->store;
  JsonObject *request = job->requests->pdata[job->next++];
  g_autofree char *url = g_uri_resolve_relative (job->server->url, job->endpoint, G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autofree char *text = mock_node_to_string (json_object_get_member (request, "body"));
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  BatchRun *run;

  if (store->session == NULL)
    store->session = soup_session_new ();
  if (job->auth != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", job->auth);
  soup_message_set_request_body_from_bytes (message, "application/json", bytes);

  run = g_new0 (BatchRun, 1);
  run->store = store;
  run->job_id = g_strdup (job->id);
  run->custom_id = g_strdup (mock_object_get_string (request, "custom_id"));
  job->in_flight++;
  soup_session_send_and_read_async (store->session, message, G_PRIORITY_DEFAULT, store->cancellable,
                                    batch_run_done, run);
}

static gboolean
batch_job_step (gpointer user_data)
{
  BatchJob *job = user_data;
  guint total = job->requests->len + job->broken->len;

  g_clear_pointer (&job->timer, g_source_unref);

  if (strcmp (job->status, "QUEUED") == 0)
    {
      g_free (job->status);
      job->status = g_strdup ("RUNNING");
      job->started_at = g_get_real_time () / G_USEC_PER_SEC;
      /* Broken input lines fail at once. */
      for (guint i = 0; i < job->broken->len; i++)
        {
          job->completed++;
          job->failed++;
          batch_job_add_line (job->errors, NULL, 400, NULL, "Invalid JSONL line");
        }
    }
  else if (strcmp (job->status, "CANCELLATION_REQUESTED") == 0)
    batch_job_end (job, "CANCELLED");
  else if (!job->running_shown)
    {
      /* A job runs its requests, and leaves RUNNING, only once a reply
       * has shown it RUNNING with no request done: on a loaded machine a
       * client's poll could otherwise come too late to see the states and
       * counts in the order the tests follow. */
      batch_job_schedule (job);
      return G_SOURCE_REMOVE;
    }
  else if (g_strcmp0 (job->model, "mock-batch-fail") == 0)
    {
      g_ptr_array_add (job->job_errors, g_strdup ("The job failed: mock-batch-fail"));
      batch_job_end (job, "FAILED");
    }
  else if (g_strcmp0 (job->model, "mock-batch-timeout") == 0 && job->completed * 2 >= total)
    batch_job_end (job, "TIMEOUT_EXCEEDED");
  else if (job->next < job->requests->len)
    {
      /* A hundredth of the job at a time (one for a small job): a large
       * one ends in about a hundred steps. */
      guint n = MAX (job->requests->len / 100, 1);

      for (guint i = 0; i < n && job->next < job->requests->len; i++)
        batch_job_run_next (job);
      return G_SOURCE_REMOVE;   /* the last reply schedules the next step */
    }
  else
    batch_job_end (job, "SUCCESS");

  batch_job_schedule (job);
  return G_SOURCE_REMOVE;
}

static void
batch_job_schedule (BatchJob *job)
{
  if (job->timer != NULL || job->in_flight > 0 || job->completed_at != 0)
    return;
  job->timer = g_timeout_source_new (batch_step_ms (job->server));
  g_source_set_callback (job->timer, batch_job_step, job, NULL);
  g_source_attach (job->timer, g_main_context_get_thread_default ());
}

/* Create ------------------------------------------------------------------- */

static void
batch_check_metadata (JsonArray *detail,
                      JsonNode  *root,
                      JsonArray *loc)
{
  JsonNode *metadata = mock_check_member (detail, root, "metadata", loc, MOCK_KIND_DICT, FALSE, TRUE, NULL);
  g_autoptr(JsonArray) metadata_loc = mock_loc_new (loc, "metadata", 0);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (metadata == NULL)
    return;
  json_object_iter_init (&iter, json_node_get_object (metadata));
  while (json_object_iter_next (&iter, &key, &value))
    {
      glong length = g_utf8_strlen (key, -1);

      if (length < 1 || length > 32)
        {
          g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), key);

          mock_add_error (detail, length < 1 ? "string_too_short" : "string_too_long",
                          mock_loc_new (metadata_loc, key, 0),
                          length < 1 ? "String should have at least 1 character"
                                     : "String should have at most 32 characters", input, NULL);
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        mock_add_type_error (detail, MOCK_KIND_STRING, mock_loc_new (metadata_loc, key, 0), value);
      else if (g_utf8_strlen (json_node_get_string (value), -1) < 1 || g_utf8_strlen (json_node_get_string (value), -1) > 512)
        mock_add_error (detail, "string_too_long", mock_loc_new (metadata_loc, key, 0),
                        "String should have 1 to 512 characters", value, NULL);
    }
}

static JsonArray *
batch_validate_create (JsonNode *root)
{
  static const MockBounds hours = { .has_ge = TRUE, .ge = 1, .has_le = TRUE, .le = 168 };
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();
  JsonNode *files, *requests;

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from", root, NULL);
      return detail;
    }
  if (mock_check_member (detail, root, "endpoint", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL) != NULL)
    mock_check_enum_member (detail, root, "endpoint", loc, batch_endpoints, FALSE);
  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_member (detail, root, "agent_id", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_member (detail, root, "timeout_hours", loc, MOCK_KIND_INT, FALSE, FALSE, &hours);
  batch_check_metadata (detail, root, loc);

  files = mock_check_member (detail, root, "input_files", loc, MOCK_KIND_LIST, FALSE, TRUE, NULL);
  if (files != NULL)
    {
      JsonArray *array = json_node_get_array (files);
      g_autoptr(JsonArray) files_loc = mock_loc_new (loc, "input_files", 0);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            mock_add_type_error (detail, MOCK_KIND_STRING, mock_loc_new (files_loc, NULL, i), element);
          else if (!g_uuid_string_is_valid (json_node_get_string (element)))
            mock_add_error (detail, "uuid_parsing", mock_loc_new (files_loc, NULL, i),
                            "Input should be a valid UUID", element, NULL);
        }
    }
  requests = mock_check_member (detail, root, "requests", loc, MOCK_KIND_LIST, FALSE, TRUE, NULL);
  if (requests != NULL)
    {
      JsonArray *array = json_node_get_array (requests);
      g_autoptr(JsonArray) requests_loc = mock_loc_new (loc, "requests", 0);

      if (json_array_get_length (array) > 10000)
        mock_add_error (detail, "too_long", json_array_ref (requests_loc),
                        "List should have at most 10000 items after validation", requests, NULL);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(JsonArray) element_loc = mock_loc_new (requests_loc, NULL, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              mock_add_model_type_error (detail, "BatchRequest", json_array_ref (element_loc), element);
              continue;
            }
          mock_check_member (detail, element, "custom_id", element_loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
          mock_check_member (detail, element, "body", element_loc, MOCK_KIND_DICT, TRUE, FALSE, NULL);
          mock_check_extra (detail, element, element_loc, request_keys);
        }
    }
  mock_check_extra (detail, root, loc, create_keys);
  return detail;
}

static BatchJob *
batch_job_new (MockServer *self,
               JsonObject *body)
{
  BatchJob *job = g_new0 (BatchJob, 1);

  job->server = self;
  job->store = batch_store (self);
  job->id = g_uuid_string_random ();
  job->status = g_strdup ("QUEUED");
  job->endpoint = g_strdup (mock_object_get_string (body, "endpoint"));
  job->model = g_strdup (mock_object_get_string (body, "model"));
  job->agent_id = g_strdup (mock_object_get_string (body, "agent_id"));
  if (json_object_has_member (body, "metadata") && !json_object_get_null_member (body, "metadata"))
    job->metadata = json_node_copy (json_object_get_member (body, "metadata"));
  job->input_files = g_ptr_array_new_with_free_func (g_free);
  job->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  job->broken = g_ptr_array_new_with_free_func (g_free);
  job->created_at = g_get_real_time () / G_USEC_PER_SEC;
  job->output = g_string_new (NULL);
  job->errors = g_string_new (NULL);
  job->job_errors = g_ptr_array_new_with_free_func (g_free);
  return job;
}

/* Reads the requests of input file @id; FALSE when there is no such file. */
static gboolean
batch_job_read_input (BatchJob   *job,
                      const char *id)
{
  g_autoptr(GBytes) content = mock_files_read (job->server, id);
  g_auto(GStrv) lines = NULL;

  if (content == NULL)
    return FALSE;
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));

    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      node = json_from_string (line, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          mock_object_get_object (json_node_get_object (node), "body") != NULL)
        g_ptr_array_add (job->requests, json_object_ref (json_node_get_object (node)));
      else
        g_ptr_array_add (job->broken, g_strdup (line));
    }
  g_ptr_array_add (job->input_files, g_strdup (id));
  return TRUE;
}

static void
batch_serve_create (MockServer        *self,
                    SoupServerMessage *msg,
                    JsonObject        *body)
{
  JsonArray *files = mock_object_get_array (body, "input_files");
  JsonArray *requests = mock_object_get_array (body, "requests");
  BatchJob *job;

  if ((files == NULL || json_array_get_length (files) == 0) && (requests == NULL || json_array_get_length (requests) == 0))
    {
      mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_BAD_REQUEST,
                                                         "Either input_files or requests must be provided",
                                                         "invalid_request_error"));
      return;
    }

  job = batch_job_new (self, body);
  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      const char *id = json_array_get_string_element (files, i);

      if (!batch_job_read_input (job, id))
        {
          g_autofree char *message = g_strdup_printf ("File not found: %s", id);

          batch_job_free (job);
          mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_NOT_FOUND, message, "invalid_request_error"));
          return;
        }
    }
  for (guint i = 0; requests != NULL && i < json_array_get_length (requests); i++)
    g_ptr_array_add (job->requests, json_object_ref (json_array_get_object_element (requests, i)));
  job->auth = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization"));

  g_ptr_array_add (job->store->jobs, job);
  batch_job_schedule (job);
  batch_serve_job (self, msg, job);
}

/* Get, list, cancel -------------------------------------------------------- */

/* The loc [@where, @name] of a path or query parameter, [@where, @name,
 * @index] for an item of a list parameter (@index ≥ 0). */
static JsonArray *
batch_loc (const char *where,
           const char *name,
           gint64      index)
{
  JsonArray *loc = json_array_new ();

  json_array_add_string_element (loc, where);
  json_array_add_string_element (loc, name);
  if (index >= 0)
    json_array_add_int_element (loc, index);
  return loc;
}

/* The job the path names; or NULL, the request then answered (422 for an
 * id that is no UUID, 404 for an unknown one). */
static BatchJob *
batch_requested_job (MockServer        *self,
                     SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg)) + strlen (BATCH_PATH "/");
  const char *slash = strchr (path, '/');
  g_autofree char *id = slash != NULL ? g_strndup (path, slash - path) : g_strdup (path);
  BatchJob *job;

  if (!g_uuid_string_is_valid (id))
    {
      g_autoptr(JsonArray) detail = json_array_new ();
      g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), id);

      mock_add_error (detail, "uuid_parsing", batch_loc ("path", "job_id", -1),
                      "Input should be a valid UUID", input, NULL);
      mock_serve_reply (self, msg, mock_validation_reply (detail));
      return NULL;
    }
  job = batch_store_find (batch_store (self), id);
  if (job == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Batch job not found: %s", id);

      mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_NOT_FOUND, message, "invalid_request_error"));
    }
  return job;
}

static void
batch_serve_get (MockServer        *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  BatchJob *job = batch_requested_job (self, msg);

  if (job != NULL)
    batch_serve_job (self, msg, job);
}

static void
batch_serve_cancel (MockServer        *self,
                    SoupServerMessage *msg,
                    JsonObject        *body)
{
  BatchJob *job = batch_requested_job (self, msg);

  if (job == NULL)
    return;
  if (strcmp (job->status, "QUEUED") == 0 || strcmp (job->status, "RUNNING") == 0)
    {
      g_free (job->status);
      job->status = g_strdup ("CANCELLATION_REQUESTED");
    }
  batch_serve_job (self, msg, job);
}

/* The query's metadata filters: the OpenAPI's object parameter, form
 * style and exploded, so every parameter that is not one of the list's
 * own is a metadata key and its value. */
static GHashTable *
batch_query_metadata (const char *query)
{
  static const char * const known[] = {
    "page", "page_size", "model", "agent_id", "metadata", "created_after", "created_by_me", "status", "order_by", NULL
  };
  GHashTable *wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL)
        continue;
      name = g_uri_unescape_segment (pairs[i], equals, NULL);
      if (name == NULL || g_strv_contains (known, name))
        continue;
      g_hash_table_insert (wanted, g_steal_pointer (&name), g_uri_unescape_string (equals + 1, NULL));
    }
  return wanted;
}

static gboolean
batch_job_has_metadata (BatchJob   *job,
                        GHashTable *wanted)
{
  GHashTableIter iter;
  gpointer key, value;
  JsonObject *metadata = job->metadata != NULL && JSON_NODE_HOLDS_OBJECT (job->metadata)
                           ? json_node_get_object (job->metadata) : NULL;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (metadata == NULL || g_strcmp0 (mock_object_get_string (metadata, key), value) != 0)
      return FALSE;
  return TRUE;
}

static void
batch_serve_list (MockServer        *self,
                  SoupServerMessage *msg,
                  JsonObject        *body)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GPtrArray) page_values = mock_query_values (query, "page");
  g_autoptr(GPtrArray) size_values = mock_query_values (query, "page_size");
  g_autoptr(GPtrArray) model_values = mock_query_values (query, "model");
  g_autoptr(GPtrArray) status_values = mock_query_values (query, "status");
  g_autoptr(GPtrArray) after_values = mock_query_values (query, "created_after");
  g_autoptr(GPtrArray) order_values = mock_query_values (query, "order_by");
  g_autoptr(GPtrArray) agent_values = mock_query_values (query, "agent_id");
  g_autoptr(GHashTable) wanted_metadata = batch_query_metadata (query);
  g_autoptr(JsonArray) detail = json_array_new ();
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GDateTime) after = NULL;
  JsonArray *data = json_array_new ();
  BatchStore *store = batch_store (self);
  gint64 page = 0, page_size = 100;
  gboolean oldest_first = FALSE;
  g_autofree char *text = NULL;

  if (page_values->len > 0 && !g_ascii_string_to_signed (page_values->pdata[0], 10, 0, G_MAXINT, &page, NULL))
    {
      g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), page_values->pdata[0]);

      mock_add_error (detail, "int_parsing", batch_loc ("query", "page", -1),
                      "Input should be a valid integer, unable to parse string as an integer", input, NULL);
    }
  if (size_values->len > 0 && !g_ascii_string_to_signed (size_values->pdata[0], 10, 1, G_MAXINT, &page_size, NULL))
    {
      g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), size_values->pdata[0]);

      mock_add_error (detail, "int_parsing", batch_loc ("query", "page_size", -1),
                      "Input should be a valid integer, unable to parse string as an integer", input, NULL);
    }
  for (guint i = 0; i < status_values->len; i++)
    if (!g_strv_contains (statuses, status_values->pdata[i]))
      {
        g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), status_values->pdata[i]);

        mock_add_error (detail, "enum", batch_loc ("query", "status", i),
                        "Input should be 'QUEUED', 'RUNNING', 'SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', "
                        "'CANCELLATION_REQUESTED' or 'CANCELLED'", input, NULL);
      }
  if (after_values->len > 0 && (after = g_date_time_new_from_iso8601 (after_values->pdata[0], NULL)) == NULL)
    {
      g_autoptr(JsonNode) input = json_node_init_string (json_node_alloc (), after_values->pdata[0]);

      mock_add_error (detail, "datetime_from_date_parsing",
                      batch_loc ("query", "created_after", -1),
                      "Input should be a valid datetime", input, NULL);
    }
  if (order_values->len > 0)
    oldest_first = g_strcmp0 (order_values->pdata[0], "created") == 0;
  if (json_array_get_length (detail) > 0)
    {
      mock_serve_reply (self, msg, mock_validation_reply (detail));
      return;
    }

  for (guint i = 0; i < store->jobs->len; i++)
    {
      BatchJob *job = store->jobs->pdata[oldest_first ? i : store->jobs->len - 1 - i];

      if (model_values->len > 0 && g_strcmp0 (job->model, model_values->pdata[0]) != 0)
        continue;
      if (agent_values->len > 0 && g_strcmp0 (job->agent_id, agent_values->pdata[0]) != 0)
        continue;
      if (!batch_job_has_metadata (job, wanted_metadata))
        continue;
      if (status_values->len > 0 && !g_ptr_array_find_with_equal_func (status_values, job->status, g_str_equal, NULL))
        continue;
      if (after != NULL && job->created_at <= g_date_time_to_unix (after))
        continue;
      g_ptr_array_add (matching, job);
    }
  for (gint64 i = page * page_size; i < (gint64) matching->len && i < (page + 1) * page_size; i++)
    json_array_add_object_element (data, batch_job_object (matching->pdata[i]));

  json_object_set_array_member (reply, "data", data);
  json_object_set_string_member (reply, "object", "list");
  json_object_set_int_member (reply, "total", matching->len);
  text = mock_object_to_string (reply);
  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

const MockEndpoint mock_batch_endpoints[] = {
  { "POST", BATCH_PATH, batch_validate_create, batch_serve_create },
  { "GET", BATCH_PATH, NULL, batch_serve_list },
  { "GET", BATCH_PATH "/{job_id}", NULL, batch_serve_get },
  { "POST", BATCH_PATH "/{job_id}/cancel", NULL, batch_serve_cancel },
  { NULL, NULL, NULL, NULL }
};

/**
 * mock_server_set_batch_step_ms:
 * @self: a server
 * @ms: the time between two steps of a batch job; 0 for the default (20)
 *
 * How fast batch jobs move: a step is a change of state or one request.
 */
void
mock_server_set_batch_step_ms (MockServer *self,
                               guint       ms)
{
  g_atomic_int_set (&self->batch_step_ms, ms);
}

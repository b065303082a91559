// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Batch jobs over real HTTP against the local server: the exact JSON of
 * create (inline with every request kind, through an uploaded JSONL file,
 * from input file ids), invalid jobs never sent, every field of a job,
 * in-place updates and their notifications, jobs followed to each final
 * state, cancel while waiting, the wait's timeout, results matched to
 * their custom ids, a results file with broken lines, hostile replies and
 * the API's errors. MISTRAL_BATCH_POLL_MS makes the polls fast. */

#include <glib/gstdio.h>

#include <mistral-glib.h>

#include "mistral-batch-job-private.h"
#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

#define CHAT_BODY(text) "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"" text "\"}]}"

static MistralBatchRequest *
chat_entry (const char *custom_id,
            const char *model,
            const char *text)
{
  g_autoptr(MistralChatCompletionRequest) chat = mistral_chat_completion_request_new (model);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (text);

  mistral_chat_completion_request_add_message (chat, MISTRAL_CHAT_MESSAGE (user));
  return mistral_batch_request_new (custom_id, G_OBJECT (chat));
}

static void
add_chat (MistralBatchJobRequest *job_request,
          const char             *custom_id,
          const char             *model,
          const char             *text)
{
  g_autoptr(MistralBatchRequest) entry = chat_entry (custom_id, model, text);

  mistral_batch_job_request_add (job_request, entry);
}

/* The body of the last request for @method @path (the server's own
 * loopback requests are recorded too). */
static char *
sent_body (Fixture    *fixture,
           const char *method,
           const char *path)
{
  for (guint i = mock_server_get_n_requests (fixture->server); i > 0; i--)
    {
      g_autoptr(MockRequest) sent = mock_server_get_request (fixture->server, i - 1);

      if (strcmp (sent->method, method) == 0 && strcmp (sent->path, path) == 0)
        {
          g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
          return mock_request_dup_body (sent);
        }
    }
  g_assert_not_reached ();
}

static guint
count_sent (Fixture    *fixture,
            const char *path)
{
  guint n = 0;

  for (guint i = 0; i < mock_server_get_n_requests (fixture->server); i++)
    {
      g_autoptr(MockRequest) sent = mock_server_get_request (fixture->server, i);

      n += strcmp (sent->path, path) == 0;
    }
  return n;
}

static MistralBatchJob *
create_job (Fixture                *fixture,
            MistralBatchJobRequest *job_request)
{
  g_autoptr(GError) error = NULL;
  MistralBatchJob *job = mistral_client_create_batch_job (fixture->client, job_request, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_assert_true (g_uuid_string_is_valid (mistral_batch_job_get_id (job)));
  return job;
}

/* Create ------------------------------------------------------------------- */

static void
test_create_chat (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autofree char *body = NULL;
  JsonObject *metadata;

  add_chat (job_request, "q0", "mistral-small-latest", "Hello");
  add_chat (job_request, NULL, "mistral-small-latest", "World");
  mistral_batch_job_request_set_metadata_value (job_request, "project", "faq");
  mistral_batch_job_request_set_metadata_value (job_request, "owner", "me");
  mistral_batch_job_request_set_metadata_value (job_request, "project", "faq2");
  mistral_batch_job_request_set_timeout_hours (job_request, 48);
  g_assert_cmpstr (mistral_batch_job_request_get_metadata_value (job_request, "project"), ==, "faq2");

  job = create_job (fixture, job_request);
  body = sent_body (fixture, "POST", "/v1/batch/jobs");
  /* Byte for byte: the order of the members is the library's. */
  g_assert_cmpstr (body, ==,
                   "{\"endpoint\":\"/v1/chat/completions\",\"metadata\":{\"project\":\"faq2\",\"owner\":\"me\"},"
                   "\"timeout_hours\":48,\"requests\":[{\"custom_id\":\"q0\",\"body\":" CHAT_BODY ("Hello") "},"
                   "{\"custom_id\":\"1\",\"body\":" CHAT_BODY ("World") "}]}");

  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_QUEUED);
  g_assert_cmpstr (mistral_batch_job_get_status_string (job), ==, "QUEUED");
  g_assert_cmpstr (mistral_batch_job_get_endpoint (job), ==, "/v1/chat/completions");
  g_assert_null (mistral_batch_job_get_model (job));
  g_assert_cmpuint (mistral_batch_job_get_total_requests (job), ==, 2);
  g_assert_cmpuint (mistral_batch_job_get_completed_requests (job), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) mistral_batch_job_get_input_files (job)), ==, 0);
  metadata = mistral_batch_job_get_metadata (job);
  g_assert_nonnull (metadata);
  g_assert_cmpstr (json_object_get_string_member (metadata, "project"), ==, "faq2");
  g_assert_cmpstr (json_object_get_string_member (metadata, "owner"), ==, "me");
  g_assert_nonnull (mistral_batch_job_get_created_at (job));
  g_assert_null (mistral_batch_job_get_started_at (job));
  g_assert_false (mistral_batch_job_is_finished (job));
}

static void
test_create_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *texts[] = { "the cat", "the dog", NULL };
  g_autoptr(MistralFimCompletionRequest) fim = mistral_fim_completion_request_new ("codestral-latest", "def f(", "):");
  g_autoptr(MistralEmbeddingRequest) embed = mistral_embedding_request_new ("mistral-embed", texts);
  g_autoptr(GListStore) conversation = g_list_store_new (MISTRAL_TYPE_CHAT_MESSAGE);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("I will kill the process");
  struct {
    MistralBatchRequest *entry;
    const char *expected;
  } kinds[4];

  g_list_store_append (conversation, user);
  kinds[0].entry = mistral_batch_request_new ("f", G_OBJECT (fim));
  kinds[0].expected = "{\"endpoint\":\"/v1/fim/completions\",\"requests\":[{\"custom_id\":\"f\",\"body\":"
                      "{\"model\":\"codestral-latest\",\"prompt\":\"def f(\",\"suffix\":\"):\"}}]}";
  kinds[1].entry = mistral_batch_request_new ("e", G_OBJECT (embed));
  kinds[1].expected = "{\"endpoint\":\"/v1/embeddings\",\"requests\":[{\"custom_id\":\"e\",\"body\":"
                      "{\"model\":\"mistral-embed\",\"input\":[\"the cat\",\"the dog\"]}}]}";
  kinds[2].entry = mistral_batch_request_new_moderation ("m", "mistral-moderation-latest", texts);
  kinds[2].expected = "{\"endpoint\":\"/v1/moderations\",\"requests\":[{\"custom_id\":\"m\",\"body\":"
                      "{\"model\":\"mistral-moderation-latest\",\"input\":[\"the cat\",\"the dog\"]}}]}";
  kinds[3].entry = mistral_batch_request_new_chat_moderation ("c", "mistral-moderation-latest", G_LIST_MODEL (conversation));
  kinds[3].expected = "{\"endpoint\":\"/v1/chat/moderations\",\"requests\":[{\"custom_id\":\"c\",\"body\":"
                      "{\"model\":\"mistral-moderation-latest\",\"input\":[{\"role\":\"user\","
                      "\"content\":\"I will kill the process\"}]}}]}";

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
      g_autoptr(MistralBatchJob) job = NULL;
      g_autofree char *body = NULL;

      mistral_batch_job_request_add (job_request, kinds[i].entry);
      g_assert_true (mistral_batch_request_get_request (kinds[i].entry) == NULL || i < 2);
      job = create_job (fixture, job_request);
      body = sent_body (fixture, "POST", "/v1/batch/jobs");
      g_assert_cmpstr (body, ==, kinds[i].expected);
      g_assert_cmpstr (mistral_batch_job_get_endpoint (job), ==, mistral_batch_request_get_endpoint (kinds[i].entry));
      g_object_unref (kinds[i].entry);
    }
}

static void
test_create_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(MockRequest) upload = NULL;
  g_autofree char *create = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *upload_body = NULL;
  g_autofree char *tmp_path = NULL;
  const char *jsonl =
    "{\"custom_id\":\"a\\\"b\",\"body\":" CHAT_BODY ("Hello") "}\n"
    "{\"custom_id\":\"1\",\"body\":" CHAT_BODY ("Wörld ☔") "}\n";
  const char *filename, *end;

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  add_chat (job_request, "a\"b", "mistral-small-latest", "Hello");
  add_chat (job_request, NULL, "mistral-small-latest", "Wörld ☔");
  mistral_batch_job_request_set_input (job_request, MISTRAL_BATCH_INPUT_FILE);
  mistral_batch_job_request_set_model (job_request, "mistral-small-latest");
  job = create_job (fixture, job_request);

  /* The upload: purpose batch, and the JSONL exactly. */
  for (guint i = 0; i < mock_server_get_n_requests (fixture->server); i++)
    {
      g_autoptr(MockRequest) sent = mock_server_get_request (fixture->server, i);

      if (strcmp (sent->path, "/v1/files") == 0)
        upload = mock_request_ref (sent);
    }
  g_assert_nonnull (upload);
  upload_body = mock_request_dup_body (upload);
  g_assert_nonnull (strstr (upload_body, "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"));
  /* The part holds the JSONL, right after its headers. */
  {
    g_autofree char *part = g_strconcat ("Content-Type: application/octet-stream\r\n\r\n", jsonl, NULL);

    g_assert_nonnull (strstr (upload_body, part));
  }
  /* … and nothing more. */
  g_assert_true (g_str_has_prefix (strstr (upload_body, jsonl) + strlen (jsonl), "\r\n--"));

  /* The temporary file is gone. */
  filename = strstr (upload_body, "filename=\"");
  g_assert_nonnull (filename);
  filename += strlen ("filename=\"");
  end = strchr (filename, '"');
  {
    g_autofree char *name = g_strndup (filename, end - filename);

    tmp_path = g_build_filename (g_get_tmp_dir (), name, NULL);
  }
  g_assert_true (g_str_has_prefix (filename, "mistral-batch-"));
  g_assert_false (g_file_test (tmp_path, G_FILE_TEST_EXISTS));

  create = sent_body (fixture, "POST", "/v1/batch/jobs");
  g_assert_cmpuint (g_strv_length ((char **) mistral_batch_job_get_input_files (job)), ==, 1);
  expected = g_strdup_printf ("{\"endpoint\":\"/v1/chat/completions\",\"model\":\"mistral-small-latest\","
                              "\"input_files\":[\"%s\"]}", mistral_batch_job_get_input_files (job)[0]);
  g_assert_cmpstr (create, ==, expected);
  g_assert_cmpuint (mistral_batch_job_get_total_requests (job), ==, 2);
  g_assert_cmpstr (mistral_batch_job_get_model (job), ==, "mistral-small-latest");
}

static void
test_create_input_files (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *jsonl = "{\"custom_id\":\"x\",\"body\":" CHAT_BODY ("Hello") "}\n";
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(GFile) local = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *expected = NULL;
  const char *ids[2] = { NULL, NULL };

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  local = g_file_new_tmp ("batch-test-XXXXXX.jsonl", &io, &error);
  g_assert_no_error (error);
  g_file_replace_contents (local, jsonl, strlen (jsonl), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  file = mistral_client_upload_file (fixture->client, local, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (local, NULL, NULL);

  ids[0] = mistral_file_get_id (file);
  mistral_batch_job_request_set_input_files (job_request, ids);
  mistral_batch_job_request_set_endpoint (job_request, "/v1/chat/completions");
  mistral_batch_job_request_set_agent_id (job_request, "ag-1");
  mistral_batch_job_request_set_timeout_hours (job_request, 1);
  job = create_job (fixture, job_request);
  body = sent_body (fixture, "POST", "/v1/batch/jobs");
  expected = g_strdup_printf ("{\"endpoint\":\"/v1/chat/completions\",\"agent_id\":\"ag-1\",\"timeout_hours\":1,"
                              "\"input_files\":[\"%s\"]}", ids[0]);
  g_assert_cmpstr (body, ==, expected);
  g_assert_cmpstr (mistral_batch_job_get_input_files (job)[0], ==, ids[0]);
  g_assert_cmpstr (mistral_batch_job_get_agent_id (job), ==, "ag-1");
  g_assert_cmpuint (mistral_batch_job_get_total_requests (job), ==, 1);
}

static void
test_create_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *ids[] = { "b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d", NULL };
  const char *texts[] = { "x", NULL };
  g_autofree char *long_key = g_strnfill (33, 'k');
  g_autofree char *long_value = g_strnfill (513, 'v');

  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
      g_autoptr(MistralBatchJob) job = NULL;
      g_autoptr(GError) error = NULL;

      switch (i)
        {
        case 0:   /* nothing */
          break;
        case 1:
          add_chat (job_request, "a", "mistral-small-latest", "x");
          mistral_batch_job_request_set_timeout_hours (job_request, 169);
          break;
        case 2:
          {
            g_autoptr(MistralBatchRequest) moderation = mistral_batch_request_new_moderation ("m", "mod", texts);

            add_chat (job_request, "a", "mistral-small-latest", "x");
            mistral_batch_job_request_add (job_request, moderation);
          }
          break;
        case 3:
          add_chat (job_request, "a", "mistral-small-latest", "x");
          mistral_batch_job_request_set_input_files (job_request, ids);
          break;
        case 4:   /* input files without an endpoint */
          mistral_batch_job_request_set_input_files (job_request, ids);
          break;
        case 5:
          add_chat (job_request, "a", "mistral-small-latest", "x");
          mistral_batch_job_request_set_metadata_value (job_request, long_key, "v");
          break;
        case 6:
          add_chat (job_request, "a", "mistral-small-latest", "x");
          mistral_batch_job_request_set_metadata_value (job_request, "k", long_value);
          break;
        case 7:   /* a chat request without messages: chat's own rule */
          {
            g_autoptr(MistralChatCompletionRequest) chat = mistral_chat_completion_request_new ("mistral-small-latest");
            g_autoptr(MistralBatchRequest) entry = mistral_batch_request_new ("a", G_OBJECT (chat));

            mistral_batch_job_request_add (job_request, entry);
          }
          break;
        case 8:
          mistral_batch_job_request_set_input_files (job_request, ids);
          mistral_batch_job_request_set_endpoint (job_request, "/v1/nothing");
          break;
        default:
          g_assert_not_reached ();
        }
      job = mistral_client_create_batch_job (fixture->client, job_request, NULL, &error);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_null (job);
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

static void
test_api_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *bad_ids[] = { "not-a-uuid", NULL };
  const char *unknown_ids[] = { "b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d", NULL };
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(MistralClient) stranger = NULL;
  GError *error = NULL;

  mistral_batch_job_request_set_endpoint (job_request, "/v1/embeddings");
  mistral_batch_job_request_set_input_files (job_request, bad_ids);
  job = mistral_client_create_batch_job (fixture->client, job_request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "UUID"));
  g_clear_error (&error);

  mistral_batch_job_request_set_input_files (job_request, unknown_ids);
  job = mistral_client_create_batch_job (fixture->client, job_request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, unknown_ids[0]));
  g_clear_error (&error);

  job = mistral_client_get_batch_job (fixture->client, unknown_ids[0], NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Batch job not found"));
  g_clear_error (&error);

  job = mistral_client_get_batch_job (fixture->client, "nope", NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  mock_server_set_api_key (fixture->server, "test-key");
  stranger = mistral_client_new ("wrong-key");
  g_object_set (stranger, "base-url", mock_server_get_url (fixture->server), NULL);
  job = mistral_client_get_batch_job (stranger, unknown_ids[0], NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* A cancelled call never goes out. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    guint before = mock_server_get_n_requests (fixture->server);

    g_cancellable_cancel (cancellable);
    job = mistral_client_get_batch_job (fixture->client, unknown_ids[0], cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, before);
  }
  g_assert_null (job);
}

/* Reading a job ------------------------------------------------------------ */

#define FULL_JOB \
  "{\"id\":\"0b9e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"object\":\"batch\"," \
  "\"input_files\":[\"11111111-2222-4333-8444-555555555555\"],\"metadata\":{\"project\":\"faq\",\"n\":3}," \
  "\"endpoint\":\"/v1/embeddings\",\"model\":\"mistral-embed\",\"agent_id\":null," \
  "\"output_file\":\"aaaaaaaa-2222-4333-8444-555555555555\",\"error_file\":\"bbbbbbbb-2222-4333-8444-555555555555\"," \
  "\"errors\":[{\"message\":\"3 lines could not be parsed\",\"count\":3},{\"message\":\"once\"}]," \
  "\"outputs\":null,\"status\":\"TIMEOUT_EXCEEDED\",\"created_at\":1767261600,\"total_requests\":10," \
  "\"completed_requests\":9,\"succeeded_requests\":6,\"failed_requests\":3,\"started_at\":1767261660," \
  "\"completed_at\":1767265200,\"unknown_member\":[1,2]}"

static void
test_job_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralBatchJob) job = mistral_batch_job_new_from_json (FULL_JOB, &error);
  g_autoptr(MistralBatchError) first = NULL, second = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *status_nick = NULL;
  GListModel *errors;
  JsonObject *metadata;
  MistralBatchStatus status;

  g_assert_no_error (error);
  g_assert_cmpstr (mistral_batch_job_get_id (job), ==, "0b9e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED);
  g_assert_cmpstr (mistral_batch_job_get_status_string (job), ==, "TIMEOUT_EXCEEDED");
  g_assert_true (mistral_batch_job_is_finished (job));
  g_assert_cmpstr (mistral_batch_job_get_endpoint (job), ==, "/v1/embeddings");
  g_assert_cmpstr (mistral_batch_job_get_model (job), ==, "mistral-embed");
  g_assert_null (mistral_batch_job_get_agent_id (job));
  g_assert_cmpuint (g_strv_length ((char **) mistral_batch_job_get_input_files (job)), ==, 1);
  g_assert_cmpstr (mistral_batch_job_get_input_files (job)[0], ==, "11111111-2222-4333-8444-555555555555");
  g_assert_cmpstr (mistral_batch_job_get_output_file (job), ==, "aaaaaaaa-2222-4333-8444-555555555555");
  g_assert_cmpstr (mistral_batch_job_get_error_file (job), ==, "bbbbbbbb-2222-4333-8444-555555555555");
  g_assert_cmpuint (mistral_batch_job_get_total_requests (job), ==, 10);
  g_assert_cmpuint (mistral_batch_job_get_completed_requests (job), ==, 9);
  g_assert_cmpuint (mistral_batch_job_get_succeeded_requests (job), ==, 6);
  g_assert_cmpuint (mistral_batch_job_get_failed_requests (job), ==, 3);
  g_assert_cmpint (g_date_time_to_unix (mistral_batch_job_get_created_at (job)), ==, 1767261600);
  g_assert_cmpint (g_date_time_to_unix (mistral_batch_job_get_started_at (job)), ==, 1767261660);
  g_assert_cmpint (g_date_time_to_unix (mistral_batch_job_get_completed_at (job)), ==, 1767265200);
  metadata = mistral_batch_job_get_metadata (job);
  g_assert_cmpstr (json_object_get_string_member (metadata, "project"), ==, "faq");
  g_assert_cmpint (json_object_get_int_member (metadata, "n"), ==, 3);
  errors = mistral_batch_job_get_errors (job);
  g_assert_cmpuint (g_list_model_get_n_items (errors), ==, 2);
  first = g_list_model_get_item (errors, 0);
  second = g_list_model_get_item (errors, 1);
  g_assert_cmpstr (mistral_batch_error_get_message (first), ==, "3 lines could not be parsed");
  g_assert_cmpuint (mistral_batch_error_get_count (first), ==, 3);
  g_assert_cmpstr (mistral_batch_error_get_message (second), ==, "once");
  g_assert_cmpuint (mistral_batch_error_get_count (second), ==, 1);

  /* The same through the properties, as bindings see them. */
  g_object_get (job, "status", &status, "created-at", &created, NULL);
  g_assert_cmpint (status, ==, MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED);
  g_assert_cmpint (g_date_time_to_unix (created), ==, 1767261600);

  /* Every status of the API, and one it may add. */
  {
    static const struct { const char *name; MistralBatchStatus status; gboolean finished; } statuses[] = {
      { "QUEUED", MISTRAL_BATCH_STATUS_QUEUED, FALSE },
      { "RUNNING", MISTRAL_BATCH_STATUS_RUNNING, FALSE },
      { "SUCCESS", MISTRAL_BATCH_STATUS_SUCCESS, TRUE },
      { "FAILED", MISTRAL_BATCH_STATUS_FAILED, TRUE },
      { "TIMEOUT_EXCEEDED", MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED, TRUE },
      { "CANCELLATION_REQUESTED", MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED, FALSE },
      { "CANCELLED", MISTRAL_BATCH_STATUS_CANCELLED, TRUE },
      { "PAUSED", MISTRAL_BATCH_STATUS_UNKNOWN, FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_autofree char *json = g_strdup_printf ("{\"id\":\"j\",\"status\":\"%s\"}", statuses[i].name);
        g_autoptr(MistralBatchJob) other = mistral_batch_job_new_from_json (json, &error);

        g_assert_no_error (error);
        g_assert_cmpint (mistral_batch_job_get_status (other), ==, statuses[i].status);
        g_assert_cmpstr (mistral_batch_job_get_status_string (other), ==, statuses[i].name);
        g_assert_cmpint (mistral_batch_job_is_finished (other), ==, statuses[i].finished);
        /* Missing members: defaults, never a crash. */
        g_assert_null (mistral_batch_job_get_created_at (other));
        g_assert_null (mistral_batch_job_get_metadata (other));
        g_assert_cmpuint (g_list_model_get_n_items (mistral_batch_job_get_errors (other)), ==, 0);
      }
  }
}

static void
test_job_hostile (void)
{
  static const char * const hostile[] = {
    "[]",
    "\"job\"",
    "{}",
    "{\"id\":\"j\"}",
    "{\"status\":\"QUEUED\"}",
    "{\"id\":5,\"status\":\"QUEUED\"}",
    "{\"id\":\"j\",\"status\":[]}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"total_requests\":-1}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"total_requests\":1e300}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"completed_requests\":\"3\"}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"created_at\":\"yesterday\"}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"created_at\":99999999999999}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"started_at\":-5}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"input_files\":[1]}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"input_files\":\"f\"}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"errors\":[{\"message\":3}]}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"errors\":[\"boom\"]}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"errors\":[{\"message\":\"m\",\"count\":-2}]}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"metadata\":\"m\"}",
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"output_file\":{}}",
    "{\"id\":\"\",\"status\":\"QUEUED\"}",
    "{\"id\":\"j\",\"status\":\"QUEUED\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralBatchJob) job = mistral_batch_job_new_from_json (hostile[i], &error);

      g_test_message ("%s", hostile[i]);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      g_assert_null (job);
    }
}

/* Hostile replies through the client: get and list. */
static void
test_hostile_replies (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const jobs[] = {
    "{\"id\":\"j\",\"status\":\"QUEUED\",\"failed_requests\":true}",
    "{\"id\":null,\"status\":\"QUEUED\"}",
    "not json",
    "",
  };
  static const char * const lists[] = {
    "{\"data\":{},\"total\":0}",
    "{\"data\":[{\"id\":\"j\"}],\"total\":1}",
    "{\"data\":[3],\"total\":1}",
    "{\"data\":[],\"total\":\"1\"}",
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralBatchJob) job = NULL;

      mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", jobs[i]));
      job = mistral_client_get_batch_job (fixture->client, "j", NULL, &error);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      g_assert_null (job);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;
      guint total = 7;

      mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", lists[i]));
      list = mistral_client_list_batch_jobs (fixture->client, 0, 0, NULL, NULL, NULL, NULL, 0, NULL, FALSE, FALSE,
                                             &total, NULL, &error);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      g_assert_null (list);
      g_assert_cmpuint (total, ==, 0);
    }

  /* A wait whose poll reads another job's reply fails, the job unchanged. */
  {
    g_autoptr(MistralBatchJob) job = mistral_batch_job_new_from_json ("{\"id\":\"j1\",\"status\":\"RUNNING\"}", NULL);
    g_autoptr(GError) error = NULL;

    mock_server_push_reply (fixture->server,
                            test_reply_body (200, "application/json", "{\"id\":\"j2\",\"status\":\"SUCCESS\"}"));
    g_assert_false (mistral_client_wait_batch_job (fixture->client, job, 0, NULL, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_RUNNING);
  }
}

/* Notifications ------------------------------------------------------------ */

typedef struct {
  GPtrArray *log;   /* "name=value" */
} Recorder;

static void
recorder_notify (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  Recorder *recorder = user_data;
  MistralBatchJob *job = MISTRAL_BATCH_JOB (object);
  const char *name = g_param_spec_get_name (pspec);
  char *entry;

  if (strcmp (name, "status") == 0)
    /* With the counts as they are then: they must be final for a final state. */
    entry = g_strdup_printf ("status=%s %u/%u", mistral_batch_job_get_status_string (job),
                             mistral_batch_job_get_completed_requests (job),
                             mistral_batch_job_get_total_requests (job));
  else if (strcmp (name, "completed-requests") == 0)
    entry = g_strdup_printf ("completed=%u", mistral_batch_job_get_completed_requests (job));
  else
    entry = g_strdup (name);
  g_ptr_array_add (recorder->log, entry);
}

static Recorder *
recorder_new (MistralBatchJob *job)
{
  Recorder *recorder = g_new0 (Recorder, 1);

  recorder->log = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (job, "notify", G_CALLBACK (recorder_notify), recorder);
  return recorder;
}

static void
recorder_free (Recorder *recorder)
{
  g_ptr_array_unref (recorder->log);
  g_free (recorder);
}

static gint
recorder_find (Recorder   *recorder,
               const char *prefix)
{
  for (guint i = 0; i < recorder->log->len; i++)
    if (g_str_has_prefix (recorder->log->pdata[i], prefix))
      return i;
  return -1;
}

static void
test_job_update (void)
{
  g_autoptr(MistralBatchJob) job = mistral_batch_job_new_from_json (
    "{\"id\":\"j\",\"status\":\"RUNNING\",\"total_requests\":4,\"completed_requests\":1,\"endpoint\":\"/v1/embeddings\"}", NULL);
  g_autoptr(MistralBatchJob) same = mistral_batch_job_new_from_json (
    "{\"id\":\"j\",\"status\":\"RUNNING\",\"total_requests\":4,\"completed_requests\":1,\"endpoint\":\"/v1/embeddings\"}", NULL);
  g_autoptr(MistralBatchJob) done = mistral_batch_job_new_from_json (
    "{\"id\":\"j\",\"status\":\"SUCCESS\",\"total_requests\":4,\"completed_requests\":4,\"succeeded_requests\":4,"
    "\"endpoint\":\"/v1/embeddings\",\"output_file\":\"o\",\"completed_at\":1767261700,\"errors\":[{\"message\":\"m\"}]}", NULL);
  g_autoptr(MistralBatchJob) other = mistral_batch_job_new_from_json ("{\"id\":\"k\",\"status\":\"FAILED\"}", NULL);
  Recorder *recorder = recorder_new (job);
  GListModel *errors = mistral_batch_job_get_errors (job);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  /* The same job again: nothing changed, nothing notified. */
  g_assert_true (mistral_batch_job_update_from_job (job, same, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder->log->len, ==, 0);

  /* Only what changed, the counts before the status. */
  g_assert_true (mistral_batch_job_update_from_job (job, done, &error));
  g_ptr_array_add (recorder->log, NULL);
  log = g_strjoinv (" ", (char **) recorder->log->pdata);
  g_assert_cmpstr (log, ==, "completed=4 succeeded-requests output-file errors completed-at status-string status=SUCCESS 4/4");
  /* The errors list is the same object, updated. */
  g_assert_true (mistral_batch_job_get_errors (job) == errors);
  g_assert_cmpuint (g_list_model_get_n_items (errors), ==, 1);
  g_ptr_array_set_size (recorder->log, 0);

  /* Another job's reply: refused, the job as it was. */
  g_assert_false (mistral_batch_job_update_from_job (job, other, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_SUCCESS);
  g_assert_cmpuint (recorder->log->len, ==, 0);
  recorder_free (recorder);
}

/* Following a job ---------------------------------------------------------- */

static void
follow (Fixture          *fixture,
        MistralBatchJob  *job,
        Recorder        **recorder)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  *recorder = recorder_new (job);
  mistral_client_wait_batch_job_async (fixture->client, job, 30, NULL, test_async_result_cb, &result);
  g_assert_true (mistral_client_wait_batch_job_finish (fixture->client, test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (mistral_batch_job_is_finished (job));
}

static GListModel *
results_of (Fixture         *fixture,
            MistralBatchJob *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *results;

  mistral_client_get_batch_results_async (fixture->client, job, NULL, test_async_result_cb, &result);
  results = mistral_client_get_batch_results_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (results) == MISTRAL_TYPE_BATCH_RESULT);
  return results;
}

static MistralBatchResult *
result_for (GListModel *results,
            const char *custom_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(MistralBatchResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (mistral_batch_result_get_custom_id (result), custom_id) == 0)
        return g_steal_pointer (&result);
    }
  return NULL;
}

static void
test_follow_success (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(MistralBatchResult) q0 = NULL, q2 = NULL, bad = NULL;
  const GError *result_error;
  Recorder *recorder;
  gint running, success;
  guint last_completed = 0;

  add_chat (job_request, "q0", "mistral-small-latest", "Hello");
  add_chat (job_request, "q1", "mistral-small-latest", "World");
  add_chat (job_request, "bad", "mock-error-400", "refused");
  add_chat (job_request, "q2", "mistral-small-latest", "Again");
  job = create_job (fixture, job_request);
  follow (fixture, job, &recorder);

  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_SUCCESS);
  g_assert_cmpuint (mistral_batch_job_get_completed_requests (job), ==, 4);
  g_assert_cmpuint (mistral_batch_job_get_succeeded_requests (job), ==, 3);
  g_assert_cmpuint (mistral_batch_job_get_failed_requests (job), ==, 1);
  g_assert_nonnull (mistral_batch_job_get_output_file (job));
  g_assert_nonnull (mistral_batch_job_get_error_file (job));
  g_assert_nonnull (mistral_batch_job_get_started_at (job));
  g_assert_nonnull (mistral_batch_job_get_completed_at (job));

  /* RUNNING, the counts growing, then SUCCESS with the counts final, last. */
  running = recorder_find (recorder, "status=RUNNING");
  success = recorder_find (recorder, "status=SUCCESS 4/4");
  g_assert_cmpint (running, >=, 0);
  g_assert_cmpint (success, ==, (gint) recorder->log->len - 1);
  g_assert_cmpint (recorder_find (recorder, "started-at"), <, running);
  g_assert_cmpint (recorder_find (recorder, "completed-at"), <, success);
  g_assert_cmpint (recorder_find (recorder, "output-file"), <, success);
  for (guint i = 0; i < recorder->log->len; i++)
    {
      const char *entry = recorder->log->pdata[i];

      if (g_str_has_prefix (entry, "completed="))
        {
          guint n = atoi (entry + strlen ("completed="));

          g_assert_cmpuint (n, >, last_completed);
          g_assert_cmpint (i, >, running);
          last_completed = n;
        }
      /* Each property at most once per poll: never twice in a row. */
      if (i > 0)
        g_assert_cmpstr (entry, !=, recorder->log->pdata[i - 1]);
    }
  g_assert_cmpuint (last_completed, ==, 4);
  recorder_free (recorder);

  /* The results, matched to their custom ids. */
  results = results_of (fixture, job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 4);
  q0 = result_for (results, "q0");
  q2 = result_for (results, "q2");
  bad = result_for (results, "bad");
  g_assert_nonnull (q0);
  g_assert_cmpuint (mistral_batch_result_get_status_code (q0), ==, 200);
  g_assert_null (mistral_batch_result_get_error (q0));
  g_assert_null (mistral_batch_result_get_raw (q0));
  g_assert_true (mistral_batch_result_propagate_error (q0, NULL));
  g_assert_true (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (mistral_batch_result_get_response (q0)));
  g_assert_cmpstr (mistral_chat_completion_response_get_content (MISTRAL_CHAT_COMPLETION_RESPONSE (
                     mistral_batch_result_get_response (q0))), ==, "Echo: Hello");
  g_assert_cmpstr (mistral_chat_completion_response_get_content (MISTRAL_CHAT_COMPLETION_RESPONSE (
                     mistral_batch_result_get_response (q2))), ==, "Echo: Again");
  g_assert_true (g_str_has_prefix (mistral_batch_result_get_id (q0), "batch-"));
  g_assert_cmpuint (mistral_batch_result_get_line (q0), ==, 1);

  g_assert_nonnull (bad);
  g_assert_null (mistral_batch_result_get_response (bad));
  g_assert_cmpuint (mistral_batch_result_get_status_code (bad), ==, 400);
  result_error = mistral_batch_result_get_error (bad);
  g_assert_error ((GError *) result_error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (result_error->message, "Invalid model: mock-error-400"));
  g_assert_nonnull (strstr (mistral_batch_result_get_raw (bad), "\"code\":\"unknown_model\""));
  {
    g_autoptr(GError) copy = NULL;

    g_assert_false (mistral_batch_result_propagate_error (bad, &copy));
    g_assert_error (copy, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  }
  /* The error file after the output file, each counted from line 1. */
  {
    g_autoptr(MistralBatchResult) last = g_list_model_get_item (results, 3);

    g_assert_true (last == bad);
    g_assert_cmpuint (mistral_batch_result_get_line (bad), ==, 1);
  }
}

/* Each endpoint's replies come back typed. */
static void
test_follow_kinds (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *texts[] = { "I will kill", NULL };
  g_autoptr(MistralEmbeddingRequest) embed = mistral_embedding_request_new ("mistral-embed", texts);
  g_autoptr(MistralFimCompletionRequest) fim = mistral_fim_completion_request_new ("codestral-latest", "def add(a, b):", NULL);
  MistralBatchRequest *entries[] = {
    mistral_batch_request_new ("e", G_OBJECT (embed)),
    mistral_batch_request_new_moderation ("m", "mistral-moderation-latest", texts),
    mistral_batch_request_new ("f", G_OBJECT (fim)),
  };
  GType types[] = { MISTRAL_TYPE_EMBEDDING_RESPONSE, MISTRAL_TYPE_MODERATION_RESPONSE,
                    MISTRAL_TYPE_CHAT_COMPLETION_RESPONSE };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
      g_autoptr(MistralBatchJob) job = NULL;
      g_autoptr(GListModel) results = NULL;
      g_autoptr(MistralBatchResult) result = NULL;
      Recorder *recorder;

      mistral_batch_job_request_add (job_request, entries[i]);
      job = create_job (fixture, job_request);
      follow (fixture, job, &recorder);
      recorder_free (recorder);
      g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_SUCCESS);
      results = results_of (fixture, job);
      g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
      result = g_list_model_get_item (results, 0);
      g_assert_no_error ((GError *) mistral_batch_result_get_error (result));
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (mistral_batch_result_get_response (result), types[i]));
      g_object_unref (entries[i]);
    }
}

static void
test_follow_failed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(MistralBatchError) error = NULL;
  Recorder *recorder;

  add_chat (job_request, "a", "mistral-small-latest", "x");
  mistral_batch_job_request_set_model (job_request, "mock-batch-fail");
  job = create_job (fixture, job_request);
  follow (fixture, job, &recorder);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_FAILED);
  g_assert_cmpint (recorder_find (recorder, "errors"), <, recorder_find (recorder, "status=FAILED"));
  g_assert_cmpint (recorder_find (recorder, "status=FAILED 0/1"), ==, (gint) recorder->log->len - 1);
  recorder_free (recorder);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_batch_job_get_errors (job)), ==, 1);
  error = g_list_model_get_item (mistral_batch_job_get_errors (job), 0);
  g_assert_cmpstr (mistral_batch_error_get_message (error), ==, "The job failed: mock-batch-fail");
  g_assert_null (mistral_batch_job_get_output_file (job));
  results = results_of (fixture, job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpuint (count_sent (fixture, "/v1/chat/completions"), ==, 0);
}

static void
test_follow_timeout_exceeded (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GListModel) results = NULL;
  Recorder *recorder;

  for (guint i = 0; i < 4; i++)
    add_chat (job_request, NULL, "mistral-small-latest", "x");
  mistral_batch_job_request_set_model (job_request, "mock-batch-timeout");
  job = create_job (fixture, job_request);
  follow (fixture, job, &recorder);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED);
  g_assert_cmpint (recorder_find (recorder, "status=TIMEOUT_EXCEEDED 2/4"), ==, (gint) recorder->log->len - 1);
  recorder_free (recorder);
  g_assert_cmpuint (mistral_batch_job_get_completed_requests (job), ==, 2);
  results = results_of (fixture, job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
}

static void
test_follow_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GError) error = NULL;
  Recorder *recorder;

  mock_server_set_batch_step_ms (fixture->server, 300);
  for (guint i = 0; i < 10; i++)
    add_chat (job_request, NULL, "mistral-small-latest", "x");
  job = create_job (fixture, job_request);
  g_assert_true (mistral_client_cancel_batch_job (fixture->client, job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED);
  g_assert_false (mistral_batch_job_is_finished (job));
  follow (fixture, job, &recorder);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_CANCELLED);
  g_assert_cmpint (recorder_find (recorder, "status=CANCELLED"), ==, (gint) recorder->log->len - 1);
  recorder_free (recorder);
  g_assert_cmpuint (mistral_batch_job_get_completed_requests (job), <, 10);
}

/* Waiting ------------------------------------------------------------------ */

static void
test_wait_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  /* A job that does not move while the test waits, and polls far apart. */
  mock_server_set_batch_step_ms (fixture->server, 60000);
  g_setenv ("MISTRAL_BATCH_POLL_MS", "5000", TRUE);
  add_chat (job_request, NULL, "mistral-small-latest", "x");
  job = create_job (fixture, job_request);

  mistral_client_wait_batch_job_async (fixture->client, job, 0, cancellable, test_async_result_cb, &result);
  g_timeout_add (300, test_cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  test_wait_result (&result);
  elapsed = g_get_monotonic_time () - start;
  g_setenv ("MISTRAL_BATCH_POLL_MS", "10,40", TRUE);
  g_assert_false (mistral_client_wait_batch_job_finish (fixture->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled between two polls: at once, not at the next poll. */
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
  g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_QUEUED);
}

static void
test_wait_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  mock_server_set_batch_step_ms (fixture->server, 60000);
  add_chat (job_request, NULL, "mistral-small-latest", "x");
  job = create_job (fixture, job_request);

  start = g_get_monotonic_time ();
  g_assert_false (mistral_client_wait_batch_job (fixture->client, job, 1, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not finish within 1 s"));
  g_assert_nonnull (strstr (error->message, "QUEUED"));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
}

/* Results ------------------------------------------------------------------ */

static void
test_results_broken (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *output =
    "{\"id\":\"batch-1\",\"custom_id\":\"good-1\",\"response\":{\"status_code\":200,\"body\":"
    "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1767261600,\"model\":\"m\",\"choices\":"
    "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"one\"},\"finish_reason\":\"stop\"}],"
    "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}},\"error\":null}\n"
    "{\"custom_id\": \"cut\", \"response\": {\"status_c\n"
    "\n"
    "[1,2,3]\n"
    "{\"custom_id\":\"typed\",\"response\":{\"status_code\":\"200\",\"body\":{}}}\n"
    "{\"custom_id\":\"shape\",\"response\":{\"status_code\":200,\"body\":{\"choices\":3}}}\n"
    "{\"custom_id\":\"nothing\"}\n"
    "{\"id\":\"batch-2\",\"custom_id\":\"good-2\",\"response\":{\"status_code\":200,\"body\":"
    "{\"id\":\"c2\",\"object\":\"chat.completion\",\"created\":1767261600,\"model\":\"m\",\"choices\":"
    "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"two\"},\"finish_reason\":\"stop\"}]}},\"error\":null}\r\n"
    "{\"custom_id\":\"failed\",\"response\":null,\"error\":{\"message\":\"Model overloaded\",\"code\":\"3000\"}}\n"
    "{\"custom_id\":\"limited\",\"response\":{\"status_code\":429,\"body\":{\"message\":\"Too many tokens\"}}}";
  g_autoptr(GFile) local = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  static const struct {
    const char *custom_id;   /* NULL: an unreadable line */
    guint line;
    const char *content;     /* NULL: an error */
    gint code;
    guint status;
  } expected[] = {
    { "good-1", 1, "one", 0, 200 },
    { NULL, 2, NULL, MISTRAL_ERROR_INVALID_RESPONSE, 0 },
    { NULL, 4, NULL, MISTRAL_ERROR_INVALID_RESPONSE, 0 },
    { NULL, 5, NULL, MISTRAL_ERROR_INVALID_RESPONSE, 0 },
    { "shape", 6, NULL, MISTRAL_ERROR_INVALID_RESPONSE, 200 },
    { NULL, 7, NULL, MISTRAL_ERROR_INVALID_RESPONSE, 0 },
    { "good-2", 8, "two", 0, 200 },
    { "failed", 9, NULL, MISTRAL_ERROR_FAILED, 0 },
    { "limited", 10, NULL, MISTRAL_ERROR_RATE_LIMITED, 429 },
  };

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  local = g_file_new_tmp ("batch-results-XXXXXX.jsonl", &io, &error);
  g_assert_no_error (error);
  g_file_replace_contents (local, output, strlen (output), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  file = mistral_client_upload_file (fixture->client, local, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (local, NULL, NULL);

  json = g_strdup_printf ("{\"id\":\"j\",\"status\":\"SUCCESS\",\"endpoint\":\"/v1/chat/completions\","
                          "\"output_file\":\"%s\"}", mistral_file_get_id (file));
  job = mistral_batch_job_new_from_json (json, &error);
  g_assert_no_error (error);
  results = mistral_client_get_batch_results (fixture->client, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(MistralBatchResult) result = g_list_model_get_item (results, i);
      GObject *response = mistral_batch_result_get_response (result);

      g_test_message ("result %u", i);
      g_assert_cmpstr (mistral_batch_result_get_custom_id (result), ==, expected[i].custom_id);
      g_assert_cmpuint (mistral_batch_result_get_line (result), ==, expected[i].line);
      g_assert_cmpuint (mistral_batch_result_get_status_code (result), ==, expected[i].status);
      if (expected[i].content != NULL)
        {
          g_assert_null (mistral_batch_result_get_error (result));
          g_assert_cmpstr (mistral_chat_completion_response_get_content (MISTRAL_CHAT_COMPLETION_RESPONSE (response)),
                           ==, expected[i].content);
        }
      else
        {
          g_assert_null (response);
          g_assert_error ((GError *) mistral_batch_result_get_error (result), MISTRAL_ERROR, expected[i].code);
          g_assert_nonnull (mistral_batch_result_get_raw (result));
        }
    }
  /* An unreadable line is kept as it was. */
  {
    g_autoptr(MistralBatchResult) cut = g_list_model_get_item (results, 1);

    g_assert_cmpstr (mistral_batch_result_get_raw (cut), ==, "{\"custom_id\": \"cut\", \"response\": {\"status_c");
    g_assert_nonnull (strstr (mistral_batch_result_get_error (cut)->message, "Line 2"));
  }
  {
    g_autoptr(MistralBatchResult) failed = g_list_model_get_item (results, 7);
    g_autoptr(MistralBatchResult) limited = g_list_model_get_item (results, 8);

    g_assert_nonnull (strstr (mistral_batch_result_get_error (failed)->message, "Model overloaded"));
    g_assert_nonnull (strstr (mistral_batch_result_get_error (limited)->message, "Too many tokens"));
    g_assert_cmpstr (mistral_batch_result_get_raw (limited), ==, "{\"message\":\"Too many tokens\"}");
  }

  /* The line reader alone: a result whose request failed is no error. */
  {
    g_autoptr(MistralBatchResult) one = mistral_batch_result_new_from_line ("/v1/chat/completions", "[", &error);

    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_null (one);
    g_clear_error (&error);
    one = mistral_batch_result_new_from_line ("/v1/moderations",
                                              "{\"custom_id\":\"x\",\"response\":{\"status_code\":500,\"body\":{}}}",
                                              &error);
    g_assert_no_error (error);
    g_assert_error ((GError *) mistral_batch_result_get_error (one), MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  }

  /* A missing output file: the download's error. */
  {
    g_autoptr(MistralBatchJob) gone = mistral_batch_job_new_from_json (
      "{\"id\":\"j\",\"status\":\"SUCCESS\",\"output_file\":\"b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d\"}", NULL);
    g_autoptr(GListModel) none = mistral_client_get_batch_results (fixture->client, gone, NULL, &error);

    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
    g_assert_null (none);
  }
}

/* Listing ------------------------------------------------------------------ */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  const MistralBatchStatus wanted[] = { MISTRAL_BATCH_STATUS_QUEUED, MISTRAL_BATCH_STATUS_RUNNING };
  g_autoptr(GDateTime) after = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(MistralBatchJob) first = NULL, newest = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[3];
  guint total = 0;

  mock_server_set_batch_step_ms (fixture->server, 60000);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
      MistralBatchJob *job;

      add_chat (job_request, NULL, "mistral-small-latest", "x");
      mistral_batch_job_request_set_model (job_request, i == 1 ? "other" : "mistral-small-latest");
      mistral_batch_job_request_set_metadata_value (job_request, "project", i == 0 ? "faq" : "docs");
      mistral_batch_job_request_set_metadata_value (job_request, "run", i == 2 ? "2" : "1");
      job = create_job (fixture, job_request);
      ids[i] = g_strdup (mistral_batch_job_get_id (job));
      g_object_unref (job);
    }

  list = mistral_client_list_batch_jobs (fixture->client, 0, 10, "mistral-small-latest", NULL, NULL, wanted,
                                         G_N_ELEMENTS (wanted), after, TRUE, FALSE, &total, NULL, &error);
  g_assert_no_error (error);
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, "/v1/batch/jobs");
  g_assert_cmpstr (sent->query, ==, "page=0&page_size=10&model=mistral-small-latest&status=QUEUED&status=RUNNING"
                                    "&created_after=2026-01-01T12%3A00%3A00Z&created_by_me=true");
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  /* Newest first. */
  newest = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mistral_batch_job_get_id (newest), ==, ids[2]);
  g_assert_cmpstr (mistral_batch_job_get_model (newest), ==, "mistral-small-latest");

  page = mistral_client_list_batch_jobs (fixture->client, 2, 1, NULL, NULL, NULL, NULL, 0, NULL, FALSE, FALSE,
                                         &total, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&sent, mock_request_unref);
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->query, ==, "page=2&page_size=1");
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 1);
  first = g_list_model_get_item (page, 0);
  g_assert_cmpstr (mistral_batch_job_get_id (first), ==, ids[0]);

  /* Get by id: the same job, a new object. */
  {
    g_autoptr(MistralBatchJob) again = mistral_client_get_batch_job (fixture->client, ids[1], NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mistral_batch_job_get_model (again), ==, "other");
    g_clear_pointer (&sent, mock_request_unref);
    sent = mock_server_get_last_request (fixture->server);
    g_assert_true (g_str_has_prefix (sent->path, "/v1/batch/jobs/"));
    g_assert_cmpstr (sent->path + strlen ("/v1/batch/jobs/"), ==, ids[1]);
  }

  /* agent_id, metadata (one parameter per key, sorted), order_by. */
  {
    g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GListModel) by_metadata = NULL;
    g_autoptr(GListModel) by_agent = NULL;
    g_autoptr(MistralBatchJob) oldest = NULL;

    g_hash_table_insert (metadata, "run", "1");
    g_hash_table_insert (metadata, "project", "docs");
    by_metadata = mistral_client_list_batch_jobs (fixture->client, 0, 0, NULL, NULL, metadata, NULL, 0, NULL,
                                                  FALSE, TRUE, &total, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&sent, mock_request_unref);
    sent = mock_server_get_last_request (fixture->server);
    g_assert_cmpstr (sent->query, ==, "page=0&project=docs&run=1&order_by=created");
    g_assert_cmpuint (total, ==, 1);
    oldest = g_list_model_get_item (by_metadata, 0);
    g_assert_cmpstr (mistral_batch_job_get_id (oldest), ==, ids[1]);

    by_agent = mistral_client_list_batch_jobs (fixture->client, 0, 0, NULL, "ag:1", NULL, NULL, 0, NULL,
                                               FALSE, FALSE, &total, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&sent, mock_request_unref);
    sent = mock_server_get_last_request (fixture->server);
    g_assert_cmpstr (sent->query, ==, "page=0&agent_id=ag%3A1");
    g_assert_cmpuint (total, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (by_agent), ==, 0);

    /* Oldest first, every job. */
    g_clear_object (&by_metadata);
    g_hash_table_remove_all (metadata);
    by_metadata = mistral_client_list_batch_jobs (fixture->client, 0, 0, NULL, NULL, metadata, NULL, 0, NULL,
                                                  FALSE, TRUE, &total, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 3);
    g_clear_object (&oldest);
    oldest = g_list_model_get_item (by_metadata, 0);
    g_assert_cmpstr (mistral_batch_job_get_id (oldest), ==, ids[0]);

    /* A key that shadows a parameter is refused, nothing sent. */
    {
      guint before = mock_server_get_n_requests (fixture->server);
      g_autoptr(GListModel) none = NULL;

      g_hash_table_insert (metadata, "model", "x");
      none = mistral_client_list_batch_jobs (fixture->client, 0, 0, NULL, NULL, metadata, NULL, 0, NULL,
                                             FALSE, FALSE, &total, NULL, &error);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_null (none);
      g_clear_error (&error);
      g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, before);
    }
  }
  for (guint i = 0; i < 3; i++)
    g_free ((char *) ids[i]);
}

/* OCR in a batch: exact bodies, a local file read, typed results. */
static void
test_ocr (Fixture       *fixture,
          gconstpointer  data)
{
  const char *text = "Invoice 12\fTotal: 3 EUR";
  g_autoptr(GFile) local = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(MistralOcrRequest) by_url = mistral_ocr_request_new ("mistral-ocr-latest");
  g_autoptr(MistralOcrRequest) by_file = NULL;
  g_autoptr(MistralBatchRequest) url_entry = NULL;
  g_autoptr(MistralBatchRequest) file_entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base64 = g_base64_encode ((const guchar *) text, strlen (text));
  g_autofree char *basename = NULL;
  g_autofree char *url_body = NULL;
  g_autofree char *file_body = NULL;

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  local = g_file_new_tmp ("batch-ocr-XXXXXX.txt", &io, &error);
  g_assert_no_error (error);
  g_file_replace_contents (local, text, strlen (text), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  basename = g_file_get_basename (local);
  by_file = mistral_ocr_request_new_for_file ("mistral-ocr-latest", local);
  mistral_ocr_request_set_include_image_base64 (by_file, FALSE);
  mistral_ocr_request_set_document_url (by_url, "https://example.com/a.pdf");
  url_entry = mistral_batch_request_new ("url", G_OBJECT (by_url));
  file_entry = mistral_batch_request_new ("file", G_OBJECT (by_file));
  g_assert_cmpstr (mistral_batch_request_get_endpoint (file_entry), ==, "/v1/ocr");

  url_body = g_strdup ("{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
                       "\"document_url\":\"https://example.com/a.pdf\"}}");
  file_body = g_strdup_printf ("{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
                               "\"document_url\":\"data:text/plain;base64,%s\",\"document_name\":\"%s\"},"
                               "\"include_image_base64\":false}", base64, basename);

  for (MistralBatchInput input = MISTRAL_BATCH_INPUT_INLINE; input <= MISTRAL_BATCH_INPUT_FILE; input++)
    {
      g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
      g_autoptr(MistralBatchJob) job = NULL;
      g_autoptr(GListModel) results = NULL;
      g_autofree char *create = NULL;
      g_autofree char *expected = NULL;
      Recorder *recorder;

      mistral_batch_job_request_add (job_request, url_entry);
      mistral_batch_job_request_add (job_request, file_entry);
      mistral_batch_job_request_set_input (job_request, input);
      job = create_job (fixture, job_request);
      create = sent_body (fixture, "POST", "/v1/batch/jobs");
      if (input == MISTRAL_BATCH_INPUT_INLINE)
        {
          expected = g_strdup_printf ("{\"endpoint\":\"/v1/ocr\",\"requests\":[{\"custom_id\":\"url\",\"body\":%s},"
                                      "{\"custom_id\":\"file\",\"body\":%s}]}", url_body, file_body);
          g_assert_cmpstr (create, ==, expected);
        }
      else
        {
          g_autofree char *upload = sent_body (fixture, "POST", "/v1/files");
          g_autofree char *jsonl = g_strdup_printf ("{\"custom_id\":\"url\",\"body\":%s}\n"
                                                    "{\"custom_id\":\"file\",\"body\":%s}\n", url_body, file_body);
          g_autofree char *part = g_strconcat ("\r\n\r\n", jsonl, "\r\n--", NULL);

          g_assert_nonnull (strstr (upload, part));
          expected = g_strdup_printf ("{\"endpoint\":\"/v1/ocr\",\"input_files\":[\"%s\"]}",
                                      mistral_batch_job_get_input_files (job)[0]);
          g_assert_cmpstr (create, ==, expected);
        }

      follow (fixture, job, &recorder);
      recorder_free (recorder);
      g_assert_cmpint (mistral_batch_job_get_status (job), ==, MISTRAL_BATCH_STATUS_SUCCESS);
      results = results_of (fixture, job);
      g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(MistralBatchResult) result = g_list_model_get_item (results, i);
          MistralOcrResponse *response = MISTRAL_OCR_RESPONSE (mistral_batch_result_get_response (result));
          const char *custom_id = mistral_batch_result_get_custom_id (result);
          g_autofree char *markdown = NULL;

          g_assert_no_error ((GError *) mistral_batch_result_get_error (result));
          g_assert_true (MISTRAL_IS_OCR_RESPONSE (response));
          g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_response_get_pages (response)), ==, 2);
          markdown = mistral_ocr_response_get_markdown (response);
          if (g_strcmp0 (custom_id, "file") == 0)
            {
              g_assert_cmpstr (markdown, ==, "Invoice 12\n\nTotal: 3 EUR");
              g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (response), ==, strlen (text));
            }
          else
            {
              g_assert_cmpstr (custom_id, ==, "url");
              g_assert_nonnull (strstr (markdown, "https://example.com/a.pdf"));
            }
        }
    }

  /* A local file that cannot be read fails the create, nothing sent. */
  {
    g_autoptr(GFile) gone = g_file_new_for_path ("/nonexistent/scan.pdf");
    g_autoptr(MistralOcrRequest) bad = mistral_ocr_request_new_for_file ("mistral-ocr-latest", gone);
    g_autoptr(MistralBatchRequest) entry = mistral_batch_request_new ("bad", G_OBJECT (bad));
    g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
    g_autoptr(MistralBatchJob) job = NULL;
    guint before = mock_server_get_n_requests (fixture->server);

    mistral_batch_job_request_add (job_request, entry);
    job = mistral_client_create_batch_job (fixture->client, job_request, NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_null (job);
    g_clear_error (&error);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, before);
  }
  g_file_delete (local, NULL, NULL);
}

/* A results file whose download breaks off: the network's error, in the
 * library's domain, as for any other body (the server resets the
 * connection, or closes it early under its Content-Length). */
static void
test_results_broken_off (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *const ids[] = { MOCK_FILE_RESET_ID, MOCK_FILE_TRUNCATED_ID };

  if (test_skip_through_front ("h2", TEST_FRONT_H2_RESETS))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"j\",\"status\":\"SUCCESS\",\"endpoint\":\"/v1/chat/completions\","
                                               "\"output_file\":\"%s\"}", ids[i]);
      g_autoptr(MistralBatchJob) job = NULL;
      g_autoptr(GListModel) results = NULL;
      g_autoptr(GError) error = NULL;

      job = mistral_batch_job_new_from_json (json, &error);
      g_assert_no_error (error);
      results = mistral_client_get_batch_results (fixture->client, job, NULL, &error);
      g_assert_null (results);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
      g_assert_nonnull (strstr (error->message, "the results broke off"));
    }
}

/* A results file with lines longer than the limit: each one error, the
 * reading goes on at the next line. */
static void
test_results_long_lines (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *good = "{\"custom_id\":\"g\",\"response\":{\"status_code\":200,\"body\":{\"id\":\"e\",\"object\":\"list\","
                     "\"data\":[{\"object\":\"embedding\",\"embedding\":[0.5],\"index\":0}],\"model\":\"m\","
                     "\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}}}";
  g_autoptr(GString) file_text = g_string_new (NULL);
  g_autoptr(GFile) local = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  /* The line number of each result, and whether it is the good one. */
  static const struct { guint line; gboolean good; gsize length; } expected[] = {
    { 1, TRUE, 0 }, { 2, FALSE, 5000 }, { 3, TRUE, 0 }, { 4, FALSE, 1025 }, { 5, TRUE, 0 }, { 6, FALSE, 300000 },
  };

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  mistral_batch_results_set_max_line (1024);
  g_assert_cmpuint (strlen (good), <=, 1024);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (expected[i].good)
        g_string_append (file_text, good);
      else
        {
          /* A hostile line: "[[[[…", never closed. */
          for (gsize j = 0; j < expected[i].length; j++)
            g_string_append_c (file_text, '[');
        }
      /* The last line has no newline. */
      if (i + 1 < G_N_ELEMENTS (expected))
        g_string_append_c (file_text, '\n');
    }

  local = g_file_new_tmp ("batch-long-XXXXXX.jsonl", &io, &error);
  g_assert_no_error (error);
  g_file_replace_contents (local, file_text->str, file_text->len, NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  file = mistral_client_upload_file (fixture->client, local, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (local, NULL, NULL);
  json = g_strdup_printf ("{\"id\":\"j\",\"status\":\"SUCCESS\",\"endpoint\":\"/v1/embeddings\","
                          "\"output_file\":\"%s\"}", mistral_file_get_id (file));
  job = mistral_batch_job_new_from_json (json, &error);
  g_assert_no_error (error);
  results = mistral_client_get_batch_results (fixture->client, job, NULL, &error);
  mistral_batch_results_set_max_line (0);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(MistralBatchResult) result = g_list_model_get_item (results, i);

      g_assert_cmpuint (mistral_batch_result_get_line (result), ==, expected[i].line);
      if (expected[i].good)
        {
          g_assert_no_error ((GError *) mistral_batch_result_get_error (result));
          g_assert_cmpstr (mistral_batch_result_get_custom_id (result), ==, "g");
          g_assert_true (MISTRAL_IS_EMBEDDING_RESPONSE (mistral_batch_result_get_response (result)));
        }
      else
        {
          const GError *line_error = mistral_batch_result_get_error (result);
          g_autofree char *count = g_strdup_printf ("has %" G_GSIZE_FORMAT " bytes, more than the 1024", expected[i].length);

          g_assert_error ((GError *) line_error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
          g_assert_nonnull (strstr (line_error->message, count));
          g_assert_null (mistral_batch_result_get_response (result));
          g_assert_null (mistral_batch_result_get_custom_id (result));
          /* Its first kilobyte only. */
          g_assert_cmpuint (strlen (mistral_batch_result_get_raw (result)), ==, 1024);
        }
    }
}

/* Inline outputs: the results without a download. */
static void
test_outputs (Fixture       *fixture,
              gconstpointer  data)
{
  const char *json =
    "{\"id\":\"j\",\"status\":\"SUCCESS\",\"endpoint\":\"/v1/moderations\",\"output_file\":null,"
    "\"outputs\":[{\"custom_id\":\"a\",\"response\":{\"status_code\":200,\"body\":{\"id\":\"m1\",\"model\":\"mm\","
    "\"results\":[{\"categories\":{\"violence\":true},\"category_scores\":{\"violence\":0.9}}]}}},"
    "{\"custom_id\":\"b\",\"response\":{\"status_code\":429,\"body\":{\"message\":\"Slow down\"}}}]}";
  g_autoptr(MistralBatchJob) job = NULL;
  g_autoptr(MistralBatchJob) plain = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(MistralBatchResult) first = NULL;
  g_autoptr(MistralBatchResult) second = NULL;
  g_autoptr(GError) error = NULL;
  guint before = mock_server_get_n_requests (fixture->server);
  guint notified = 0;

  job = mistral_batch_job_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_batch_job_get_outputs (job)), ==, 2);
  results = mistral_client_get_batch_results (fixture->client, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  first = g_list_model_get_item (results, 0);
  second = g_list_model_get_item (results, 1);
  g_assert_cmpstr (mistral_batch_result_get_custom_id (first), ==, "a");
  g_assert_true (MISTRAL_IS_MODERATION_RESPONSE (mistral_batch_result_get_response (first)));
  g_assert_cmpuint (mistral_batch_result_get_line (second), ==, 2);
  g_assert_error ((GError *) mistral_batch_result_get_error (second), MISTRAL_ERROR, MISTRAL_ERROR_RATE_LIMITED);

  /* A job without outputs has none; reading them in notifies once. */
  plain = mistral_batch_job_new_from_json ("{\"id\":\"j\",\"status\":\"SUCCESS\",\"endpoint\":\"/v1/moderations\","
                                           "\"outputs\":null}", &error);
  g_assert_no_error (error);
  g_assert_null (mistral_batch_job_get_outputs (plain));
  g_signal_connect_swapped (plain, "notify::outputs", G_CALLBACK (count_notify), &notified);
  g_assert_true (mistral_batch_job_update_from_job (plain, job, &error));
  g_assert_no_error (error);
  g_assert_true (mistral_batch_job_update_from_job (plain, job, &error));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_batch_job_get_outputs (plain)), ==, 2);

  /* Hostile: outputs of the wrong type. */
  g_clear_object (&plain);
  plain = mistral_batch_job_new_from_json ("{\"id\":\"j\",\"status\":\"SUCCESS\",\"outputs\":{}}", &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_null (plain);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MISTRAL_BATCH_POLL_MS", "10,40", TRUE);

  g_test_add_func ("/batch/job/fields", test_job_fields);
  g_test_add_func ("/batch/job/hostile", test_job_hostile);
  g_test_add_func ("/batch/job/update", test_job_update);
  TEST_ADD_HTTP ("/batch/create/chat", test_create_chat);
  TEST_ADD_HTTP ("/batch/create/kinds", test_create_kinds);
  TEST_ADD_HTTP ("/batch/create/file", test_create_file);
  TEST_ADD_HTTP ("/batch/create/input-files", test_create_input_files);
  TEST_ADD_HTTP ("/batch/create/invalid", test_create_invalid);
  TEST_ADD_HTTP ("/batch/errors", test_api_errors);
  TEST_ADD_HTTP ("/batch/hostile-replies", test_hostile_replies);
  TEST_ADD_HTTP ("/batch/follow/success", test_follow_success);
  TEST_ADD_HTTP ("/batch/follow/kinds", test_follow_kinds);
  TEST_ADD_HTTP ("/batch/follow/failed", test_follow_failed);
  TEST_ADD_HTTP ("/batch/follow/timeout-exceeded", test_follow_timeout_exceeded);
  TEST_ADD_HTTP ("/batch/follow/cancelled", test_follow_cancelled);
  TEST_ADD_HTTP ("/batch/wait/cancel", test_wait_cancel);
  TEST_ADD_HTTP ("/batch/wait/timeout", test_wait_timeout);
  TEST_ADD_HTTP ("/batch/results/broken-lines", test_results_broken);
  TEST_ADD_HTTP ("/batch/list", test_list);
  TEST_ADD_HTTP ("/batch/ocr", test_ocr);
  TEST_ADD_HTTP ("/batch/results/long-lines", test_results_long_lines);
  TEST_ADD_HTTP ("/batch/results/broken-off", test_results_broken_off);
  TEST_ADD_HTTP ("/batch/outputs", test_outputs);

  return g_test_run ();
}

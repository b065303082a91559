// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The Files area against the local server: the exact multipart upload and
 * its progress, retries and cancel; list with paging and filters; get,
 * delete, signed URL; downloads replaced atomically (cancelled, reset,
 * truncated: no partial file, the old one kept); error statuses; hostile
 * replies; and the memory of a large upload. */

#include <mistral-glib.h>

#include <glib/gstdio.h>
#include <string.h>

#include "mock-server.h"
#include "test-utils.h"

typedef struct {
  MockServer *server;
  MistralClient *client;
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  TestHttp http;
  g_autoptr(GError) error = NULL;

  test_http_setup (&http, data);
  fixture->server = http.server;
  fixture->client = http.client;
  fixture->dir = g_dir_make_tmp ("mistral-files-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  TestHttp http = { fixture->server, fixture->client };
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  test_http_teardown (&http, data);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
read_file (GFile *file)
{
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return NULL;
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the test's directory, sorted, joined by ",". */
static char *
dir_listing (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* Every value of bytes-transferred notified, in order. */
typedef struct {
  GArray *values;
  GCancellable *cancel_at_bytes;
  gint64 cancel_threshold;
} Progress;

static void
on_progress (MistralFileTransfer *transfer,
             GParamSpec          *pspec,
             Progress            *progress)
{
  gint64 value = mistral_file_transfer_get_bytes_transferred (transfer);

  g_array_append_val (progress->values, value);
  if (progress->cancel_at_bytes != NULL && value >= progress->cancel_threshold)
    g_cancellable_cancel (progress->cancel_at_bytes);
}

static void
assert_progress_in_order (Progress *progress,
                          gint64    total)
{
  g_assert_cmpuint (progress->values->len, >, 0);
  for (guint i = 1; i < progress->values->len; i++)
    g_assert_cmpint (g_array_index (progress->values, gint64, i), >, g_array_index (progress->values, gint64, i - 1));
  g_assert_cmpint (g_array_index (progress->values, gint64, progress->values->len - 1), ==, total);
}

static MistralFile *
upload_async (MistralClient        *client,
              GFile                *file,
              MistralFilePurpose    purpose,
              MistralFileTransfer  *transfer,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_client_upload_file_async (client, file, purpose, transfer, cancellable, test_async_result_cb, &result);
  return mistral_client_upload_file_finish (client, test_wait_result (&result), error);
}

static gboolean
download_async (MistralClient        *client,
                const char           *id,
                GFile                *destination,
                MistralFileTransfer  *transfer,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_client_download_file_async (client, id, destination, transfer, cancellable, test_async_result_cb, &result);
  return mistral_client_download_file_finish (client, test_wait_result (&result), error);
}

/* The boundary of a recorded multipart request. */
static const char *
request_boundary (MockRequest *request)
{
  const char *type = mock_request_get_header (request, "Content-Type");

  g_assert_nonnull (type);
  g_assert_true (g_str_has_prefix (type, "multipart/form-data; boundary="));
  return type + strlen ("multipart/form-data; boundary=");
}

#define NOTES "{\"custom_id\":\"1\"}\n{\"custom_id\":\"2\"}\n"

static void
test_upload (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) source = write_file (fixture, "notes.jsonl", NOTES);
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;
  g_autofree char *length = NULL;
  const char *boundary;

  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  file = upload_async (fixture->client, source, MISTRAL_FILE_PURPOSE_BATCH, transfer, NULL, &error);
  g_assert_no_error (error);

  /* The exact body: purpose, then the file, with the headers a browser sends. */
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/v1/files");
  g_assert_null (sent->query);
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  boundary = request_boundary (sent);
  g_assert_true (g_str_has_prefix (boundary, "mistral-glib-"));
  expected = g_strdup_printf ("--%s\r\n"
                              "Content-Disposition: form-data; name=\"purpose\"\r\n"
                              "\r\n"
                              "batch\r\n"
                              "--%s\r\n"
                              "Content-Disposition: form-data; name=\"file\"; filename=\"notes.jsonl\"\r\n"
                              "Content-Type: application/octet-stream\r\n"
                              "\r\n"
                              NOTES "\r\n"
                              "--%s--\r\n", boundary, boundary, boundary);
  body = mock_request_dup_body (sent);
  g_assert_cmpstr (body, ==, expected);
  length = g_strdup_printf ("%zu", strlen (expected));
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Length"), ==, length);

  /* Every field of the reply. */
  g_assert_true (g_uuid_string_is_valid (mistral_file_get_id (file)));
  g_assert_cmpstr (mistral_file_get_filename (file), ==, "notes.jsonl");
  g_assert_cmpint (mistral_file_get_bytes (file), ==, strlen (NOTES));
  g_assert_nonnull (mistral_file_get_created_at (file));
  g_assert_cmpint (ABS (g_date_time_to_unix (mistral_file_get_created_at (file)) - g_get_real_time () / G_USEC_PER_SEC), <=, 5);
  g_assert_cmpint (mistral_file_get_purpose (file), ==, MISTRAL_FILE_PURPOSE_BATCH);
  g_assert_cmpstr (mistral_file_get_purpose_name (file), ==, "batch");
  g_assert_cmpstr (mistral_file_get_sample_type (file), ==, "batch_request");
  g_assert_cmpstr (mistral_file_get_source (file), ==, "upload");
  g_assert_cmpstr (mistral_file_get_mimetype (file), ==, "application/jsonl");
  g_assert_cmpint (mistral_file_get_num_lines (file), ==, 2);
  g_assert_null (mistral_file_get_expires_at (file));
  g_assert_null (mistral_file_get_signature (file));
  g_assert_cmpstr (mistral_file_get_visibility (file), ==, "workspace");
  g_assert_false (mistral_file_get_deleted (file));

  /* Progress: in order, ending at the whole body, before the callback. */
  assert_progress_in_order (&progress, strlen (expected));
  g_assert_cmpint (mistral_file_transfer_get_total_bytes (transfer), ==, strlen (expected));
  g_array_unref (progress.values);
}

static void
test_upload_blocking (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) source = write_file (fixture, "scan.pdf", "%PDF-1.4 not really");
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  /* The blocking twin notifies in the calling thread, while it blocks. */
  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  file = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_OCR, transfer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mistral_file_get_purpose (file), ==, MISTRAL_FILE_PURPOSE_OCR);
  g_assert_cmpstr (mistral_file_get_mimetype (file), ==, "application/octet-stream");
  g_assert_cmpint (mistral_file_get_num_lines (file), ==, -1);
  sent = mock_server_get_last_request (fixture->server);
  assert_progress_in_order (&progress, g_bytes_get_size (sent->body));
  g_array_unref (progress.values);

  /* No purpose: no purpose field. */
  g_clear_object (&file);
  g_clear_pointer (&sent, mock_request_unref);
  file = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_UNKNOWN, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mistral_file_get_purpose (file), ==, MISTRAL_FILE_PURPOSE_UNKNOWN);
  g_assert_null (mistral_file_get_purpose_name (file));
  sent = mock_server_get_last_request (fixture->server);
  body = mock_request_dup_body (sent);
  g_assert_null (strstr (body, "name=\"purpose\""));
  g_assert_nonnull (strstr (body, "name=\"file\"; filename=\"scan.pdf\""));
}

static void
test_upload_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.jsonl", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) source = write_file (fixture, "a.jsonl", NOTES);
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused before anything is sent. */
  file = mistral_client_upload_file (fixture->client, missing, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  file = mistral_client_upload_file (fixture->client, dir, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_true (strstr (error->message, "not a regular file") != NULL);
  g_clear_error (&error);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);

  /* The API's statuses, with their messages. */
  mock_server_push_reply (fixture->server,
                          test_reply_body (422, "application/json",
                                           "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\","
                                           "\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null}]},"
                                           "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}"));
  file = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "Field required (body.file)"));
  g_clear_error (&error);
  mock_server_push_reply (fixture->server, mock_reply_new_json (401, "{\"message\":\"Unauthorized\",\"request_id\":\"ab\"}"));
  file = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
}

/* The client retries a 503: the body goes again, whole, from its start. */
static void
test_upload_retry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MistralClient) client = test_client_new (fixture->server);
  g_autoptr(GFile) source = write_file (fixture, "retry.jsonl", NOTES);
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MockRequest) first = NULL;
  g_autoptr(MockRequest) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_body = NULL;
  g_autofree char *second_body = NULL;

  g_object_set (client, "max-retries", 1, NULL);
  mock_server_push_reply (fixture->server, mock_reply_new_json (503, "{\"object\":\"error\",\"message\":\"Busy\","
                                                                "\"type\":\"server_error\",\"param\":null,\"code\":null}"));
  file = mistral_client_upload_file (client, source, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);
  first = mock_server_get_request (fixture->server, 0);
  second = mock_server_get_request (fixture->server, 1);
  first_body = mock_request_dup_body (first);
  second_body = mock_request_dup_body (second);
  g_assert_cmpstr (first_body, ==, second_body);
  g_assert_nonnull (strstr (second_body, NOTES "\r\n--"));
}

/* A cancel mid-upload ends the call at once, and the server never gets
 * the whole body. */
static void
test_upload_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "big.bin", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)), cancellable, 1024 * 1024 };
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  FILE *out = fopen (path, "w");

  /* 256 MiB, sparse: made at once, read as zeros. */
  g_assert_nonnull (out);
  g_assert_cmpint (ftruncate (fileno (out), 256 * 1024 * 1024), ==, 0);
  fclose (out);

  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  start = g_get_monotonic_time ();
  file = upload_async (fixture->client, source, MISTRAL_FILE_PURPOSE_BATCH, transfer, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (file);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (mistral_file_transfer_get_bytes_transferred (transfer), <, 256 * 1024 * 1024);
  g_array_unref (progress.values);
}

/* List ---------------------------------------------------------------------- */

static MistralFile *
file_at (GListModel *files,
         guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (files, position);

  g_assert_true (MISTRAL_IS_FILE (item));
  return MISTRAL_FILE (item);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  const char *names[] = { "one.jsonl", "two.pdf", "three.jsonl" };
  MistralFilePurpose purposes[] = { MISTRAL_FILE_PURPOSE_BATCH, MISTRAL_FILE_PURPOSE_OCR, MISTRAL_FILE_PURPOSE_BATCH };
  g_autoptr(MistralFileQuery) query = mistral_file_query_new ();
  g_autoptr(GListModel) files = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  const char *sample_types[] = { "batch_request", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) source = write_file (fixture, names[i], NOTES);
      g_autoptr(MistralFile) file = mistral_client_upload_file (fixture->client, source, purposes[i], NULL, NULL, &error);

      g_assert_no_error (error);
    }

  /* Every file, newest first, and no query sent. */
  files = mistral_client_list_files (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 3);
  g_assert_true (g_list_model_get_item_type (files) == MISTRAL_TYPE_FILE);
  g_assert_cmpstr (mistral_file_get_filename (file_at (files, 0)), ==, "three.jsonl");
  g_assert_cmpstr (mistral_file_get_filename (file_at (files, 2)), ==, "one.jsonl");
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, "/v1/files");
  g_assert_null (sent->query);
  g_clear_pointer (&sent, mock_request_unref);
  g_clear_object (&files);

  /* Filters and paging. */
  mistral_file_query_set_purpose (query, MISTRAL_FILE_PURPOSE_BATCH);
  mistral_file_query_set_page_size (query, 1);
  mistral_file_query_set_page (query, 1);
  files = mistral_client_list_files (fixture->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  g_assert_cmpstr (mistral_file_get_filename (file_at (files, 0)), ==, "one.jsonl");
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->query, ==, "page=1&page_size=1&purpose=batch");
  g_clear_pointer (&sent, mock_request_unref);
  g_clear_object (&files);

  g_object_set (query, "page", 0, "page-size", 0, "purpose", MISTRAL_FILE_PURPOSE_UNKNOWN,
                "search", "two", "sample-types", NULL, NULL);
  files = mistral_client_list_files (fixture->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
  g_assert_cmpint (mistral_file_get_purpose (file_at (files, 0)), ==, MISTRAL_FILE_PURPOSE_OCR);
  g_clear_object (&files);

  g_object_set (query, "search", NULL, "sample-types", sample_types, "sources", (const char *[]) { "upload", NULL },
                "mimetypes", (const char *[]) { "application/jsonl", NULL }, NULL);
  files = mistral_client_list_files (fixture->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 2);
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->query, ==, "sample_type=batch_request&source=upload&mimetypes=application%2Fjsonl");
  g_clear_pointer (&sent, mock_request_unref);
  g_clear_object (&files);

  /* The server's 422 for a value it does not know. */
  g_object_set (query, "sources", (const char *[]) { "elsewhere", NULL }, NULL);
  files = mistral_client_list_files (fixture->client, query, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "query.source.0"));
}

/* Get, delete, signed URL ---------------------------------------------------- */

#define UNKNOWN_ID "0b9a4c52-7e1d-4c4e-9f3a-5d2b8e6f1a07"

static void
test_get_delete_url (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) source = write_file (fixture, "doc.jsonl", NOTES);
  g_autoptr(MistralFile) uploaded = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_FINE_TUNE,
                                                                NULL, NULL, NULL);
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  const char *id;

  g_assert_nonnull (uploaded);
  id = mistral_file_get_id (uploaded);
  g_assert_cmpint (mistral_file_get_purpose (uploaded), ==, MISTRAL_FILE_PURPOSE_FINE_TUNE);
  g_assert_cmpstr (mistral_file_get_purpose_name (uploaded), ==, "fine-tune");

  file = mistral_client_get_file (fixture->client, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_file_get_id (file), ==, id);
  g_assert_cmpstr (mistral_file_get_filename (file), ==, "doc.jsonl");
  g_assert_cmpint (mistral_file_get_bytes (file), ==, strlen (NOTES));
  g_assert_false (mistral_file_get_deleted (file));
  sent = mock_server_get_last_request (fixture->server);
  path = g_strconcat ("/v1/files/", id, NULL);
  g_assert_cmpstr (sent->method, ==, "GET");
  g_assert_cmpstr (sent->path, ==, path);
  g_clear_pointer (&sent, mock_request_unref);

  url = mistral_client_get_file_url (fixture->client, id, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://files.mock.invalid/fine-tune/"));
  g_assert_nonnull (strstr (url, "&sig="));
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->query, ==, "expiry=48");
  g_clear_pointer (&sent, mock_request_unref);
  g_clear_pointer (&url, g_free);
  url = mistral_client_get_file_url (fixture->client, id, 0, NULL, &error);
  g_assert_no_error (error);
  sent = mock_server_get_last_request (fixture->server);
  g_assert_null (sent->query);
  g_clear_pointer (&sent, mock_request_unref);
  g_clear_pointer (&url, g_free);
  url = mistral_client_get_file_url (fixture->client, id, 169, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "less than or equal to 168"));
  g_clear_error (&error);

  g_assert_true (mistral_client_delete_file (fixture->client, id, NULL, &error));
  g_assert_no_error (error);
  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "DELETE");
  g_assert_cmpstr (sent->path, ==, path);
  g_clear_pointer (&sent, mock_request_unref);

  /* Gone: 404 with the API's message. */
  g_clear_object (&file);
  file = mistral_client_get_file (fixture->client, id, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "File not found"));
  g_clear_error (&error);
  g_assert_false (mistral_client_delete_file (fixture->client, UNKNOWN_ID, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Not a UUID: the API's 422; an empty id is refused unsent. */
  g_assert_null (mistral_client_get_file_url (fixture->client, "nope", 1, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "valid UUID (path.file_id)"));
  g_clear_error (&error);
  mock_server_clear_requests (fixture->server);
  g_assert_null (mistral_client_get_file (fixture->client, "", NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (mistral_client_download_file (fixture->client, "", source, NULL, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);

  /* The API said it did not delete. */
  g_clear_error (&error);
  mock_server_push_reply (fixture->server, mock_reply_new_json (200, "{\"id\":\"" UNKNOWN_ID "\",\"object\":\"file\","
                                                                "\"deleted\":false}"));
  g_assert_false (mistral_client_delete_file (fixture->client, UNKNOWN_ID, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
}

/* Download ------------------------------------------------------------------ */

static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) source = write_file (fixture, "src.jsonl", NOTES);
  g_autoptr(MistralFile) uploaded = mistral_client_upload_file (fixture->client, source, MISTRAL_FILE_PURPOSE_BATCH,
                                                                NULL, NULL, NULL);
  g_autoptr(GFile) dir = g_file_get_parent (source);
  g_autoptr(GFile) fresh = g_file_get_child (dir, "fresh.jsonl");
  g_autoptr(GFile) existing = write_file (fixture, "existing.jsonl", "old contents");
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *path = NULL;

  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  g_assert_true (download_async (fixture->client, mistral_file_get_id (uploaded), fresh, transfer, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (fresh);
  g_assert_cmpstr (contents, ==, NOTES);
  assert_progress_in_order (&progress, strlen (NOTES));
  g_assert_cmpint (mistral_file_transfer_get_total_bytes (transfer), ==, strlen (NOTES));
  sent = mock_server_get_last_request (fixture->server);
  path = g_strconcat ("/v1/files/", mistral_file_get_id (uploaded), "/content", NULL);
  g_assert_cmpstr (sent->path, ==, path);
  g_assert_cmpstr (mock_request_get_header (sent, "Accept"), ==, "*/*");

  g_clear_pointer (&contents, g_free);
  g_assert_true (mistral_client_download_file (fixture->client, mistral_file_get_id (uploaded), existing, NULL, NULL,
                                               &error));
  g_assert_no_error (error);
  contents = read_file (existing);
  g_assert_cmpstr (contents, ==, NOTES);

  /* No temporary file left behind. */
  listing = dir_listing (fixture);
  g_assert_cmpstr (listing, ==, "existing.jsonl,fresh.jsonl,src.jsonl");
  g_array_unref (progress.values);
}

/* The total at the first notification of bytes. */
static void
record_total (gint64              *total,
              GParamSpec          *pspec,
              MistralFileTransfer *transfer)
{
  if (*total == 0)
    *total = mistral_file_transfer_get_total_bytes (transfer);
}

/* A failed download leaves no partial file and the old one as it was. */
static void
assert_download_fails (Fixture      *fixture,
                       const char   *id,
                       gint64        total,
                       GCancellable *cancellable,
                       GQuark        domain,
                       int           code)
{
  g_autoptr(GFile) existing = write_file (fixture, "keep.bin", "old contents");
  g_autoptr(GFile) dir = g_file_get_parent (existing);
  g_autoptr(GFile) fresh = g_file_get_child (dir, "new.bin");
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)), cancellable, MOCK_FILE_FAULT_SIZE / 4 };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  g_assert_false (download_async (fixture->client, id, existing, transfer, cancellable, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (mistral_file_transfer_get_total_bytes (transfer), ==, total);
  g_assert_cmpint (mistral_file_transfer_get_bytes_transferred (transfer), <, MOCK_FILE_FAULT_SIZE);
  g_assert_cmpint (mistral_file_transfer_get_bytes_transferred (transfer), >, 0);
  contents = read_file (existing);
  g_assert_cmpstr (contents, ==, "old contents");
  g_clear_error (&error);
  if (cancellable != NULL)
    g_cancellable_reset (cancellable);

  g_assert_false (download_async (fixture->client, id, fresh, transfer, cancellable, &error));
  g_assert_error (error, domain, code);
  g_assert_false (g_file_query_exists (fresh, NULL));
  listing = dir_listing (fixture);
  g_assert_cmpstr (listing, ==, "keep.bin");
  g_array_unref (progress.values);
}

static void
test_download_reset (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_download_fails (fixture, MOCK_FILE_RESET_ID, MOCK_FILE_FAULT_SIZE, NULL, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
}

static void
test_download_truncated (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_download_fails (fixture, MOCK_FILE_TRUNCATED_ID, MOCK_FILE_FAULT_SIZE, NULL, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
}

/* Without a Content-Length, a chunked body that ends before its last
 * chunk is cut short all the same. */
static void
test_download_chunked_truncated (Fixture       *fixture,
                                 gconstpointer  data)
{
  assert_download_fails (fixture, MOCK_FILE_CHUNKED_TRUNCATED_ID, -1, NULL, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
}

/* @file holds the mock server's whole fault download: its
 * MOCK_FILE_FAULT_SIZE bytes of 'x'. */
static void
assert_fault_file_whole (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, MOCK_FILE_FAULT_SIZE);
  for (gsize i = 0; i < length; i++)
    g_assert_cmpint (contents[i], ==, 'x');
}

/* A whole chunked body, with no Content-Length, is accepted: its size is
 * unknown until its end. */
static void
test_download_chunked (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) existing = write_file (fixture, "keep.bin", "old contents");
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  gint64 total_during = 0;

  g_signal_connect (transfer, "notify::bytes-transferred", G_CALLBACK (on_progress), &progress);
  g_signal_connect_swapped (transfer, "notify::bytes-transferred", G_CALLBACK (record_total), &total_during);
  g_assert_true (download_async (fixture->client, MOCK_FILE_CHUNKED_ID, existing, transfer, NULL, &error));
  g_assert_no_error (error);
  assert_fault_file_whole (existing);
  /* Unknown while it came, the whole at the end. */
  g_assert_cmpint (total_during, ==, -1);
  assert_progress_in_order (&progress, MOCK_FILE_FAULT_SIZE);
  g_assert_cmpint (mistral_file_transfer_get_total_bytes (transfer), ==, MOCK_FILE_FAULT_SIZE);
  listing = dir_listing (fixture);
  g_assert_cmpstr (listing, ==, "keep.bin");
  g_array_unref (progress.values);
}

/* A coded body (an edge that compresses) is decoded by libsoup: longer
 * than its Content-Length, which then says nothing of what is read. */
static void
test_download_gzip (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "coded.bin", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (download_async (fixture->client, MOCK_FILE_GZIP_ID, target, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_fault_file_whole (target);
}

static void
test_download_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();

  /* The server sends half, then stalls: the cancel, made once bytes
   * arrived, is what ends it. */
  assert_download_fails (fixture, MOCK_FILE_STALL_ID, MOCK_FILE_FAULT_SIZE, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* A server that sends half, then nothing: the client's timeout bounds the
 * wait for the next byte, so the download ends with a timeout, not a
 * hang. Through the h2 front this is also what a reset download becomes
 * (TEST_FRONT_H2_RESETS). */
static void
test_download_stall (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) existing = write_file (fixture, "keep.bin", "old contents");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  gint64 start, elapsed;

  g_object_set (fixture->client, "timeout", 2, NULL);

  start = g_get_monotonic_time ();
  assert_download_fails (fixture, MOCK_FILE_STALL_ID, MOCK_FILE_FAULT_SIZE, NULL, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
  elapsed = g_get_monotonic_time () - start;
  /* Two downloads, each ended by the timeout, not earlier; the bound
   * above leaves room for a loaded machine. */
  g_assert_cmpint (elapsed, >=, 2 * (2 * G_USEC_PER_SEC - 50 * 1000));
  g_assert_cmpint (elapsed, <, 2 * 2 * G_USEC_PER_SEC + 6 * G_USEC_PER_SEC);

  /* The blocking twin likewise. */
  start = g_get_monotonic_time ();
  g_assert_false (mistral_client_download_file (fixture->client, MOCK_FILE_STALL_ID, existing, NULL, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC - 50 * 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC + 3 * G_USEC_PER_SEC);
  contents = read_file (existing);
  g_assert_cmpstr (contents, ==, "old contents");
  listing = dir_listing (fixture);
  g_assert_cmpstr (listing, ==, "keep.bin");
}

static void
test_download_not_found (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) existing = write_file (fixture, "keep.bin", "old contents");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (mistral_client_download_file (fixture->client, UNKNOWN_ID, existing, NULL, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  contents = read_file (existing);
  g_assert_cmpstr (contents, ==, "old contents");
  listing = dir_listing (fixture);
  g_assert_cmpstr (listing, ==, "keep.bin");
}

/* Hostile replies ------------------------------------------------------------- */

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct { const char *body; const char *needle; } files[] = {
    { "[]", "the response" },
    { "{\"object\":\"file\"}", "id is missing" },
    { "{\"id\":42}", "id" },
    { "{\"id\":\"x\",\"bytes\":\"12\"}", "bytes" },
    { "{\"id\":\"x\",\"bytes\":-5}", "bytes is negative" },
    { "{\"id\":\"x\",\"created_at\":1e300}", "created_at" },
    { "{\"id\":\"x\",\"created_at\":99999999999999}", "created_at is out of range" },
    { "{\"id\":\"x\",\"purpose\":[\"batch\"]}", "purpose" },
    { "{\"id\":\"x\",\"num_lines\":true}", "num_lines" },
    { "{\"id\":\"x\",\"deleted\":\"no\"}", "deleted" },
    { "{\"id\":\"x\",\"expires_at\":\"tomorrow\"}", "expires_at" },
  };
  static const struct { const char *body; const char *needle; } lists[] = {
    { "{\"object\":\"list\"}", "data is missing" },
    { "{\"data\":{},\"object\":\"list\"}", "data" },
    { "{\"data\":[1],\"object\":\"list\"}", "data[0]" },
    { "{\"data\":[{\"id\":\"a\"},{\"filename\":\"b\"}],\"object\":\"list\"}", "data[1].id is missing" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(MistralFile) file = NULL;

      mock_server_push_reply (fixture->server, mock_reply_new_json (200, files[i].body));
      file = mistral_client_get_file (fixture->client, UNKNOWN_ID, NULL, &error);
      g_assert_null (file);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, files[i].needle) == NULL)
        g_error ("%s: \"%s\" does not name %s", files[i].body, error->message, files[i].needle);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GListModel) list = NULL;

      mock_server_push_reply (fixture->server, mock_reply_new_json (200, lists[i].body));
      list = mistral_client_list_files (fixture->client, NULL, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, lists[i].needle) == NULL)
        g_error ("%s: \"%s\" does not name %s", lists[i].body, error->message, lists[i].needle);
      g_clear_error (&error);
    }

  /* Unknown members and purposes are fine; nulls are "unknown". */
  {
    g_autoptr(MistralFile) file = NULL;

    mock_server_push_reply (fixture->server,
                            mock_reply_new_json (200, "{\"id\":\"x\",\"object\":\"file\",\"bytes\":null,\"purpose\":\"audio\","
                                                 "\"num_lines\":null,\"future\":{\"a\":1}}"));
    file = mistral_client_get_file (fixture->client, UNKNOWN_ID, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (mistral_file_get_bytes (file), ==, -1);
    g_assert_cmpint (mistral_file_get_num_lines (file), ==, -1);
    g_assert_cmpint (mistral_file_get_purpose (file), ==, MISTRAL_FILE_PURPOSE_UNKNOWN);
    g_assert_cmpstr (mistral_file_get_purpose_name (file), ==, "audio");
    g_assert_null (mistral_file_get_created_at (file));
  }

  /* Signed URL replies. */
  {
    const char *urls[] = { "{}", "{\"url\":7}", "[\"u\"]", "not json" };

    for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
      {
        g_autofree char *url = NULL;

        mock_server_push_reply (fixture->server, mock_reply_new_json (200, urls[i]));
        url = mistral_client_get_file_url (fixture->client, UNKNOWN_ID, 1, NULL, &error);
        g_assert_null (url);
        g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
        g_clear_error (&error);
      }
  }
}

/* Memory of a large upload ------------------------------------------------------ */

/* VmHWM (the peak resident size) from /proc/self/status, in KiB, or -1. */
static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmHWM:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("\nVmHWM:"), NULL, 10) : -1;
}

/* A 200 MiB file (sparse) uploaded to the mistral-mock-server program, so
 * that the server's copy of the body is not counted: the client's peak
 * resident size grows by far less than the file. */
static void
test_upload_memory (void)
{
  const char *server_path = g_getenv ("MISTRAL_MOCK_SERVER");
  const char *preload = g_getenv ("LD_PRELOAD");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(MistralFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) source = NULL;
  gint64 before, after;
  FILE *out;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's quarantine grows the process with what it freed");
  return;
#endif
  if (preload != NULL && strstr (preload, "vgpreload") != NULL)
    {
      g_test_skip ("valgrind's allocator");
      return;
    }
  if (server_path == NULL)
    {
      g_test_skip ("MISTRAL_MOCK_SERVER is not set");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The record of bodies for the conformance check would get the 200 MiB. */
  g_subprocess_launcher_unsetenv (launcher, "MISTRAL_MOCK_RECORD");
  g_subprocess_launcher_unsetenv (launcher, "MISTRAL_TEST_FRONT");
  server = g_subprocess_launcher_spawn (launcher, &error, server_path, "--api-key", "test-key", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);

  dir = g_dir_make_tmp ("mistral-files-memory-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "large.bin", NULL);
  out = fopen (path, "w");
  g_assert_nonnull (out);
  g_assert_cmpint (ftruncate (fileno (out), 200 * 1024 * 1024), ==, 0);
  fclose (out);
  source = g_file_new_for_path (path);

  client = mistral_client_new ("test-key");
  g_object_set (client, "base-url", url, "max-retries", 0, "timeout", 300, NULL);
  before = peak_rss_kb ();
  file = mistral_client_upload_file (client, source, MISTRAL_FILE_PURPOSE_BATCH, NULL, NULL, &error);
  after = peak_rss_kb ();
  g_assert_no_error (error);
  g_assert_cmpint (mistral_file_get_bytes (file), ==, 200 * 1024 * 1024);
  g_test_message ("peak RSS %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " KiB after a 200 MiB upload",
                  before, after);
  g_assert_cmpint (after - before, <, 32 * 1024);

  g_unlink (path);
  g_rmdir (dir);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD ("/files/upload", test_upload);
  TEST_ADD ("/files/upload/blocking", test_upload_blocking);
  TEST_ADD ("/files/upload/errors", test_upload_errors);
  TEST_ADD ("/files/upload/retry", test_upload_retry);
  TEST_ADD ("/files/upload/cancel", test_upload_cancel);
  TEST_ADD ("/files/list", test_list);
  TEST_ADD ("/files/get-delete-url", test_get_delete_url);
  TEST_ADD ("/files/download", test_download);
  TEST_ADD ("/files/download/reset", test_download_reset);
  TEST_ADD ("/files/download/gzip", test_download_gzip);
  TEST_ADD ("/files/download/truncated", test_download_truncated);
  TEST_ADD ("/files/download/chunked", test_download_chunked);
  TEST_ADD ("/files/download/chunked-truncated", test_download_chunked_truncated);
  TEST_ADD ("/files/download/cancel", test_download_cancel);
  TEST_ADD ("/files/download/stall", test_download_stall);
  TEST_ADD ("/files/download/not-found", test_download_not_found);
  TEST_ADD ("/files/hostile", test_hostile);
  g_test_add_func ("/files/upload/memory", test_upload_memory);

  return g_test_run ();
}

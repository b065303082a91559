// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The helpers every endpoint builds on, below the public API: the request
 * path with methods, query parameters, multipart bodies streamed from files
 * and streams (uploads) and bodies handed back as a stream (downloads), the send-and-read helper, and the event-stream reader with
 * named events. Private API, so this links the internal library; the
 * server is a SoupServer of its own on 127.0.0.1. */

#include <string.h>

#include "mistral-glib.h"
#include "mistral-event-stream-private.h"
#include "mistral-http-private.h"
#include "test-utils.h"

typedef struct {
  SoupServer *server;
  MistralClient *client;
  GString *log;       /* "METHOD path?query" of each request, one per line */
  guint n_flaky;      /* requests to /v1/files-flaky so far */
} Fixture;

/* What the server read of a multipart body, as JSON: each part's name,
 * file name, type, size and SHA-256, and the Content-Length sent. */
static void
describe_multipart (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, bytes);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (multipart);
  g_string_append_printf (out, "{\"length\":%" G_GOFFSET_FORMAT ",\"parts\":[",
                          soup_message_headers_get_content_length (headers));
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *sum = NULL;
      const char *type;

      g_assert_true (soup_multipart_get_part (multipart, i, &part_headers, &part_body));
      g_assert_true (soup_message_headers_get_content_disposition (part_headers, NULL, &params));
      type = soup_message_headers_get_content_type (part_headers, NULL);
      sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, part_body);
      g_string_append_printf (out, "%s{\"name\":\"%s\",\"filename\":\"%s\",\"type\":\"%s\",\"size\":%" G_GSIZE_FORMAT ",\"sha256\":\"%s\"}",
                              i > 0 ? "," : "", (char *) g_hash_table_lookup (params, "name"),
                              (char *) g_hash_table_lookup (params, "filename"), type,
                              g_bytes_get_size (part_body), sum);
    }
  g_string_append (out, "]}");
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, out->str, out->len);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fixture *fixture = user_data;
  GUri *uri = soup_server_message_get_uri (message);
  const char *raw_query = g_uri_get_query (uri);

  g_string_append_printf (fixture->log, "%s %s%s%s\n", soup_server_message_get_method (message), path,
                          raw_query != NULL ? "?" : "", raw_query != NULL ? raw_query : "");
  /* One connection a request: none is left open when a test ends. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");

  if (g_str_equal (path, "/v1/files") ||
      (g_str_equal (path, "/v1/files-flaky") && fixture->n_flaky++ > 0))
    describe_multipart (message);
  else if (g_str_equal (path, "/v1/files-flaky"))
    {
      soup_server_message_set_status (message, 503, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After", "0");
    }
  else if (g_str_equal (path, "/v1/things/missing"))
    {
      soup_server_message_set_status (message, 404, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"detail\":\"Not Found\"}", strlen ("{\"detail\":\"Not Found\"}"));
    }
  else if (g_str_has_prefix (path, "/v1/things"))
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"object\":\"thing\",\"n\":3}", strlen ("{\"object\":\"thing\",\"n\":3}"));
    }
  else if (g_str_equal (path, "/v1/download"))
    {
      g_autofree guint8 *data = g_malloc (1024 * 1024);

      for (guint i = 0; i < 1024 * 1024; i++)
        data[i] = (guint8) (i * 7 + i / 251);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE,
                                        (const char *) g_steal_pointer (&data), 1024 * 1024);
    }
  else if (g_str_equal (path, "/v1/named") || g_str_equal (path, "/v1/named-truncated"))
    {
      const char *body = g_str_equal (path, "/v1/named")
        ? "event: conversation.response.started\ndata: {\"a\":1}\n\n"
          ": a comment\n"
          "event: message.output.delta\ndata: {\"b\":2}\n\n"
          "data: {\"c\":3}\n\n"
        : "event: conversation.response.started\ndata: {\"a\":1}\n\nevent: message.output.delta\ndata: {\"b\"";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/event-stream", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else
    soup_server_message_set_status (message, 500, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = NULL;

  fixture->log = g_string_new (NULL);
  fixture->server = test_soup_server_new (&url);
  soup_server_add_handler (fixture->server, NULL, handle, fixture, NULL);

  fixture->client = mistral_client_new ("key");
  mistral_client_set_base_url (fixture->client, url);
  mistral_client_set_max_retries (fixture->client, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  /* The server's connections end in sources of this context. */
  for (gint64 end = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND; g_get_monotonic_time () < end;)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_string_free (fixture->log, TRUE);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The reader of the send-and-read tests: keeps the JSON it was given. */
static gpointer
read_as_text (JsonNode          *node,
              MistralHttpReply  *reply,
              GError           **error)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_assert_cmpint (reply->done_time, >=, reply->sent_time);
  g_object_set_data_full (object, "json", json_to_string (node, FALSE), g_free);
  return object;
}

static GObject *
call (Fixture                   *fixture,
      const MistralHttpRequest  *request,
      GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_http_call_async (fixture->client, request, NULL, read_as_text, call, NULL, on_done, &result);
  return mistral_http_call_finish (fixture->client, wait_for (&result), call, error);
}

/* Methods other than POST, with their query parameters escaped. */
static void
test_methods_and_query (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const query[] = { "page", "0", "purpose", "fine tune&batch", "search", "é/?", NULL };
  const MistralHttpRequest get = { .method = "GET", .path = "/v1/things", .query = query };
  const MistralHttpRequest del = { .method = "DELETE", .path = "/v1/things/ft%3Aabc" };
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  g_autoptr(GError) error = NULL;

  first = call (fixture, &get, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (first, "json"), ==, "{\"object\":\"thing\",\"n\":3}");

  second = call (fixture, &del, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);

  g_assert_cmpstr (fixture->log->str, ==,
                   "GET /v1/things?page=0&purpose=fine%20tune%26batch&search=%C3%A9%2F%3F\n"
                   "DELETE /v1/things/ft:abc\n");
}

/* The helper maps statuses, and returns an error made before sending
 * without sending anything. */
static void
test_call_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  const MistralHttpRequest missing = { .method = "GET", .path = "/v1/things/missing" };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;

  object = call (fixture, &missing, &error);
  g_assert_null (object);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Not Found (HTTP 404)");
  g_clear_error (&error);

  mistral_http_call_async (fixture->client, &missing,
                           g_error_new_literal (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "bad"),
                           read_as_text, call, NULL, on_done, &result);
  object = mistral_http_call_finish (fixture->client, wait_for (&result), call, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (fixture->log->str, ==, "GET /v1/things/missing\n");
}

/* A download: the body as a stream, of any type, byte for byte. */
static void
test_download_stream (Fixture       *fixture,
                      gconstpointer  data)
{
  const MistralHttpRequest request = { .method = "GET", .path = "/v1/download", .reply = MISTRAL_HTTP_REPLY_STREAM };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MistralHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  const guint8 *bytes;
  gssize n;

  mistral_http_send_async (fixture->client, &request, NULL, on_done, &result);
  reply = mistral_http_send_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_null (reply->body);
  g_assert_nonnull (reply->stream);

  n = g_output_stream_splice (sink, reply->stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1024 * 1024);
  bytes = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (sink));
  for (guint i = 0; i < 1024 * 1024; i++)
    if (bytes[i] != (guint8) (i * 7 + i / 251))
      g_assert_cmpuint (i, ==, G_MAXUINT);
}

typedef struct {
  GString *events;
} NamedData;

static gpointer
decode_named (const char  *event,
              const char  *data,
              gsize        length,
              GTimeSpan    since_last,
              GTimeSpan    since_sent,
              gpointer     user_data,
              GError     **error)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_assert_cmpint (since_sent, >=, 0);
  g_object_set_data_full (object, "text", g_strdup_printf ("%s=%.*s", event, (int) length, data), g_free);
  return object;
}

static void
deliver_named (gpointer item,
               gpointer user_data)
{
  NamedData *named = user_data;

  g_string_append_printf (named->events, "%s;", (char *) g_object_get_data (item, "text"));
}

static gpointer
named_result (gpointer user_data)
{
  NamedData *named = user_data;
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (object, "all", g_strdup (named->events->str), g_free);
  return object;
}

static const MistralEventStreamFuncs named_funcs = {
  MISTRAL_EVENT_STREAM_NAMED, decode_named, deliver_named, named_result,
};

/* Named events, no [DONE]: the end of the body ends the stream; an event
 * cut short by the end of the body is a truncated reply. Run and pull. */
static void
test_named_events (Fixture       *fixture,
                   gconstpointer  data)
{
  NamedData named = { g_string_new (NULL) };
  g_autoptr(MistralEventStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GObject) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) item = NULL;

  stream = mistral_event_stream_new (fixture->client, "/v1/named", NULL, NULL, &named_funcs, &named);
  mistral_event_stream_run (stream, g_task_new (NULL, NULL, on_done, &result));
  all = g_task_propagate_pointer (G_TASK (wait_for (&result)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (all, "all"), ==,
                   "conversation.response.started={\"a\":1};message.output.delta={\"b\":2};message={\"c\":3};");
  g_clear_pointer (&stream, mistral_event_stream_free);
  g_clear_object (&result);

  /* Pulled one by one, then cut short. */
  g_string_truncate (named.events, 0);
  stream = mistral_event_stream_new (fixture->client, "/v1/named-truncated", NULL, NULL, &named_funcs, &named);
  mistral_event_stream_pull (stream, g_task_new (NULL, NULL, on_done, &result));
  item = g_task_propagate_pointer (G_TASK (wait_for (&result)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_object_get_data (item, "text"), ==, "conversation.response.started={\"a\":1}");
  g_clear_object (&result);
  g_clear_object (&item);
  mistral_event_stream_pull (stream, g_task_new (NULL, NULL, on_done, &result));
  item = g_task_propagate_pointer (G_TASK (wait_for (&result)), &error);
  g_assert_null (item);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, "The stream ended inside an event: the reply is truncated");
  g_assert_cmpstr (named.events->str, ==, "conversation.response.started={\"a\":1};");

  g_string_free (named.events, TRUE);
}

/* A file of @size bytes of varied content; its SHA-256 in @sum. */
static GFile *
make_file (gsize   size,
           char  **sum)
{
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = g_malloc (size);
  GFile *file;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + i / 4099);
  file = g_file_new_tmp ("mistral-upload-XXXXXX", &io, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)), data, size, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (io), NULL, &error);
  g_assert_no_error (error);
  *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  return file;
}

static char *
upload (Fixture           *fixture,
        const char        *path,
        MistralMultipart  *multipart,
        GError           **error)
{
  const MistralHttpRequest request = { .method = "POST", .path = path, .multipart = multipart };
  g_autoptr(GObject) reply = call (fixture, &request, error);

  return reply != NULL ? g_strdup (g_object_get_data (reply, "json")) : NULL;
}

/* Fields and a 5 MiB file, streamed from disk, as the server's own
 * multipart reader sees them; with the exact Content-Length. The file name
 * keeps its quote, percent-encoded as browsers do. */
static void
test_multipart_upload (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sum = NULL;
  g_autoptr(GFile) file = make_file (5 * 1024 * 1024, &sum);
  g_autoptr(MistralMultipart) multipart = mistral_multipart_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *purpose_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "batch", -1);

  mistral_multipart_add_field (multipart, "purpose", "batch");
  mistral_multipart_add_file (multipart, "file", "data \"x\".jsonl", "application/jsonl", file, 5 * 1024 * 1024);
  g_assert_true (g_str_has_prefix (mistral_multipart_get_content_type (multipart), "multipart/form-data; boundary="));

  seen = upload (fixture, "/v1/files", multipart, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("{\"length\":%" G_GOFFSET_FORMAT ",\"parts\":["
                              "{\"name\":\"purpose\",\"filename\":\"(null)\",\"type\":\"(null)\",\"size\":5,\"sha256\":\"%s\"},"
                              "{\"name\":\"file\",\"filename\":\"data %%22x%%22.jsonl\",\"type\":\"application/jsonl\",\"size\":5242880,\"sha256\":\"%s\"}]}",
                              mistral_multipart_get_length (multipart), purpose_sum, sum);
  g_assert_cmpstr (seen, ==, expected);
  g_file_delete (file, NULL, NULL);
}

/* A file is read anew for a retry; a caller's stream that can seek goes
 * back to where it was; one that cannot is sent once, and the failure is
 * what the server said. */
static void
test_multipart_retry (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sum = NULL;
  g_autoptr(GFile) file = make_file (300000, &sum);
  g_autoptr(MistralMultipart) from_file = mistral_multipart_new ();
  g_autoptr(MistralMultipart) from_seekable = mistral_multipart_new ();
  g_autoptr(MistralMultipart) from_pipe = mistral_multipart_new ();
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data ("skipHello", 9, NULL);
  g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", "UTF-8", NULL);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data ("Hello", 5, NULL);
  g_autoptr(GInputStream) pipe = g_converter_input_stream_new (plain, G_CONVERTER (converter));
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *hello_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Hello", -1);
  g_autofree char *hello_part = g_strdup_printf ("\"size\":5,\"sha256\":\"%s\"", hello_sum);
  g_autofree char *file_part = g_strdup_printf ("\"size\":300000,\"sha256\":\"%s\"", sum);

  mistral_client_set_max_retries (fixture->client, 2);

  mistral_multipart_add_file (from_file, "file", "a.bin", NULL, file, 300000);
  seen = upload (fixture, "/v1/files-flaky", from_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (seen, file_part));
  g_assert_cmpuint (fixture->n_flaky, ==, 2);
  g_clear_pointer (&seen, g_free);

  fixture->n_flaky = 0;
  g_assert_true (g_seekable_seek (G_SEEKABLE (memory), 4, G_SEEK_SET, NULL, NULL));
  mistral_multipart_add_stream (from_seekable, "file", "b.txt", "text/plain", memory, 5);
  seen = upload (fixture, "/v1/files-flaky", from_seekable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (seen, hello_part));
  g_assert_cmpuint (fixture->n_flaky, ==, 2);

  fixture->n_flaky = 0;
  g_assert_false (G_IS_SEEKABLE (pipe) && g_seekable_can_seek (G_SEEKABLE (pipe)));
  mistral_multipart_add_stream (from_pipe, "file", "c.txt", "text/plain", pipe, -1);
  g_assert_cmpint (mistral_multipart_get_length (from_pipe), ==, -1);
  g_clear_pointer (&seen, g_free);
  seen = upload (fixture, "/v1/files-flaky", from_pipe, &error);
  g_assert_null (seen);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_cmpuint (fixture->n_flaky, ==, 1);

  g_file_delete (file, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/request-path/methods-and-query", Fixture, NULL, fixture_setup, test_methods_and_query, fixture_teardown);
  g_test_add ("/request-path/call-errors", Fixture, NULL, fixture_setup, test_call_errors, fixture_teardown);
  g_test_add ("/request-path/download-stream", Fixture, NULL, fixture_setup, test_download_stream, fixture_teardown);
  g_test_add ("/request-path/multipart-upload", Fixture, NULL, fixture_setup, test_multipart_upload, fixture_teardown);
  g_test_add ("/request-path/multipart-retry", Fixture, NULL, fixture_setup, test_multipart_retry, fixture_teardown);
  g_test_add ("/request-path/named-events", Fixture, NULL, fixture_setup, test_named_events, fixture_teardown);

  return g_test_run ();
}

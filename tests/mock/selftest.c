// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * selftest.c, the mock-server-selftest test: proves each behaviour of the
 * mock server with a plain SoupSession (and a raw socket where HTTP
 * framing matters).  Blocking client calls are fine: the server runs on
 * its own thread.
 */

#include "mock-server.h"
#include "test-utils.h"

#include <string.h>

#define AUTH "Bearer test-key"
#define CHAT "/v1/chat/completions"
#define SIMPLE_BODY "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello big wide world\"}]}"

/* API-NOTES.md F1 and F1b (the latter completed with a model). */
#define F1_BODY \
  "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a terse weather assistant.\"}," \
  "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Do I need an umbrella in Lyon tomorrow?\"}]}]," \
  "\"temperature\":0.3,\"top_p\":0.95,\"max_tokens\":256,\"random_seed\":42,\"stop\":[\"\\n\\nUser:\"]," \
  "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Daily forecast for a city\"," \
  "\"strict\":true,\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}," \
  "\"day_offset\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":7}},\"required\":[\"city\",\"day_offset\"]," \
  "\"additionalProperties\":false}}}],\"tool_choice\":\"auto\",\"parallel_tool_calls\":false,\"safe_prompt\":false}"
#define F1B_MESSAGES \
  "\"messages\":[{\"role\":\"user\",\"content\":\"Do I need an umbrella in Lyon tomorrow?\"}," \
  "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"Rk7mQ2xPz\",\"type\":\"function\"," \
  "\"function\":{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\": \\\"Lyon\\\", \\\"day_offset\\\": 1}\"},\"index\":0}]}," \
  "{\"role\":\"tool\",\"tool_call_id\":\"Rk7mQ2xPz\",\"name\":\"get_forecast\",\"content\":\"{\\\"rain_mm\\\": 6.5, \\\"prob\\\": 0.8}\"}]"
#define F1B_FORMAT \
  "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"umbrella_advice\",\"schema\":{\"type\":\"object\"," \
  "\"properties\":{\"umbrella\":{\"type\":\"boolean\"},\"reason\":{\"type\":\"string\"}},\"required\":[\"umbrella\",\"reason\"]," \
  "\"additionalProperties\":false},\"strict\":true}}"

typedef struct {
  MockServer *server;
  SoupSession *session;
} Fixture;

typedef struct {
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  char *text;
  JsonNode *json;
  GError *error;
} Response;

static void
response_free (Response *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->text);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_error (&response->error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = mock_server_new ();
  f->session = new_session ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, mock_server_free);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *path,
             const char *auth,
             const char *content_type,
             const char *body)
{
  g_autofree char *url = g_strconcat (mock_server_get_url (f->server), path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (auth)
    soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return msg;
}

static Response *
send_message (Fixture     *f,
              SoupMessage *msg)
{
  Response *response = g_new0 (Response, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  response->body = soup_session_send_and_read (f->session, msg, NULL, &response->error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (!response->body)
    return response;
  data = g_bytes_get_data (response->body, &size);
  response->text = g_strndup (data, size);
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    response->json = json_parser_steal_root (parser);
  return response;
}

static Response *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *auth,
         const char *content_type,
         const char *body)
{
  g_autoptr(SoupMessage) msg = new_message (f, method, path, auth, content_type, body);

  return send_message (f, msg);
}

static Response *
post (Fixture    *f,
      const char *body)
{
  return request (f, "POST", CHAT, AUTH, "application/json", body);
}

static JsonObject *
response_object (Response *response)
{
  g_assert_no_error (response->error);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

static gboolean
is_hex (const char *s,
        gsize       len)
{
  if (!s || strlen (s) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
        return FALSE;
    }
  return TRUE;
}

/* The pydantic "detail" list of a 422 response. */
static JsonArray *
response_detail (Response *response)
{
  JsonObject *root = response_object (response);

  g_assert_cmpuint (response->status, ==, 422);
  g_assert_cmpstr (json_object_get_string_member (root, "object"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "invalid_request_error");
  g_assert_true (json_object_get_null_member (root, "param"));
  g_assert_true (json_object_get_null_member (root, "code"));
  return json_object_get_array_member (json_object_get_object_member (root, "message"), "detail");
}

/* Asserts @detail holds an error of @type at @loc (compact JSON). */
static JsonObject *
find_error (JsonArray  *detail,
            const char *type,
            const char *loc)
{
  for (guint i = 0; i < json_array_get_length (detail); i++)
    {
      JsonObject *error = json_array_get_object_element (detail, i);
      g_autofree char *error_loc = node_to_string (json_object_get_member (error, "loc"));

      if (strcmp (json_object_get_string_member (error, "type"), type) == 0
          && strcmp (error_loc, loc) == 0)
        return error;
    }
  g_error ("no %s error at %s", type, loc);
  return NULL;
}

/* Waits for the server to hold at most @max_open connections, running the
 * client's main context meanwhile: libsoup closes sockets asynchronously. */
static gboolean
wait_closed (Fixture *f,
             guint    max_open)
{
  for (guint i = 0; i < 400; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (mock_server_wait_open_connections (f->server, max_open, 5))
        return TRUE;
    }
  return FALSE;
}

/* ---------- SSE helpers ---------- */

/* Reads a whole streamed body; *error is set if the read failed. */
static GBytes *
read_stream (Fixture      *f,
             SoupMessage  *msg,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GInputStream) stream = soup_session_send (f->session, msg, cancellable, error);
  GByteArray *data = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  if (!stream)
    return g_byte_array_free_to_bytes (data);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    g_byte_array_append (data, buffer, n);
  return g_byte_array_free_to_bytes (data);
}

static char *
stream_text (Fixture    *f,
             const char *body)
{
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", body);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = read_stream (f, msg, NULL, &error);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "text/event-stream");
  return g_strndup (data, size);
}

/* A by-hand SSE parser: the data of each event, CR/LF agnostic. */
static GPtrArray *
parse_sse (const char *text)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *normal = NULL;
  g_auto(GStrv) blocks = NULL;

  {
    GString *s = g_string_new (NULL);

    for (const char *p = text; *p; p++)
      {
        if (*p == '\r')
          {
            g_string_append_c (s, '\n');
            if (p[1] == '\n')
              p++;
          }
        else
          g_string_append_c (s, *p);
      }
    normal = g_string_free (s, FALSE);
  }

  blocks = g_strsplit (normal, "\n\n", -1);
  for (guint i = 0; blocks[i]; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      GString *event = NULL;

      for (guint j = 0; lines[j]; j++)
        {
          if (!g_str_has_prefix (lines[j], "data:"))
            continue;
          if (!event)
            event = g_string_new (NULL);
          else
            g_string_append_c (event, '\n');
          g_string_append (event, lines[j][5] == ' ' ? lines[j] + 6 : lines[j] + 5);
        }
      if (event)
        g_ptr_array_add (events, g_string_free (event, FALSE));
    }
  return events;
}

static JsonObject *
parse_object (const char *json,
              JsonNode  **out_node)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  *out_node = json_parser_steal_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*out_node));
  return json_node_get_object (*out_node);
}

/* ---------- Raw HTTP helpers (to see the chunk framing) ---------- */

static GBytes *
raw_exchange (Fixture     *f,
              const char  *body,
              GError     **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autofree char *head = NULL;
  GByteArray *data = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  g_socket_client_set_enable_proxy (client, FALSE);

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", mock_server_get_port (f->server), NULL, error);
  if (!conn)
    return g_byte_array_free_to_bytes (data);
  head = g_strdup_printf ("POST " CHAT " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " AUTH "\r\n"
                          "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          strlen (body), body);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                  head, strlen (head), NULL, NULL, error))
    return g_byte_array_free_to_bytes (data);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buffer, sizeof buffer, NULL, error)) > 0)
    g_byte_array_append (data, buffer, n);
  return g_byte_array_free_to_bytes (data);
}

/* Decodes a chunked response; records each chunk size. */
static char *
dechunk (GBytes    *raw,
         GArray    *sizes,
         gboolean  *terminated)
{
  gsize size;
  const char *data = g_bytes_get_data (raw, &size);
  g_autofree char *text = g_strndup (data, size);
  const char *p = strstr (text, "\r\n\r\n");
  GString *out = g_string_new (NULL);

  *terminated = FALSE;
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (text, "Transfer-Encoding: chunked"));
  p += 4;
  while (*p)
    {
      char *end;
      guint64 len = g_ascii_strtoull (p, &end, 16);

      if (end == p || strncmp (end, "\r\n", 2) != 0)
        break;
      p = end + 2;
      if (len == 0)
        {
          *terminated = TRUE;
          break;
        }
      if (strlen (p) < len + 2)
        break;
      g_array_append_val (sizes, len);
      g_string_append_len (out, p, len);
      p += len + 2;
    }
  return g_string_free (out, FALSE);
}

/* ---------- auth ---------- */

static void
check_unauthorized (Response *response)
{
  JsonObject *root;

  g_assert_cmpuint (response->status, ==, 401);
  root = response_object (response);
  g_assert_cmpuint (json_object_get_size (root), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "message"), ==, "Unauthorized");
  g_assert_true (is_hex (json_object_get_string_member (root, "request_id"), 32));
}

static void
test_auth_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = request (f, "POST", CHAT, NULL, "application/json", SIMPLE_BODY);

  check_unauthorized (response);
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 1);
}

static void
test_auth_scheme (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) basic = request (f, "POST", CHAT, "Basic dGVzdDp0ZXN0", "application/json", SIMPLE_BODY);
  g_autoptr(Response) bare = request (f, "POST", CHAT, "test-key", "application/json", SIMPLE_BODY);
  g_autoptr(Response) empty = request (f, "POST", CHAT, "Bearer ", "application/json", SIMPLE_BODY);
  g_autoptr(Response) invalid = request (f, "POST", CHAT, "Bearer invalid-key", "application/json", SIMPLE_BODY);

  check_unauthorized (basic);
  check_unauthorized (bare);
  check_unauthorized (empty);
  check_unauthorized (invalid);
}

static void
test_auth_api_key (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) right = NULL;
  g_autoptr(Response) any = NULL;

  mock_server_set_api_key (f->server, "sk-secret");
  wrong = request (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  check_unauthorized (wrong);
  right = request (f, "POST", CHAT, "Bearer sk-secret", "application/json", SIMPLE_BODY);
  g_assert_cmpuint (right->status, ==, 200);
  mock_server_set_api_key (f->server, NULL);
  any = request (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  g_assert_cmpuint (any->status, ==, 200);
}

/* ---------- routing and body ---------- */

static void
test_routing_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = request (f, "GET", "/v1/nothing", AUTH, NULL, NULL);
  g_autoptr(Response) post_response = request (f, "POST", "/v1/chat/completion", AUTH, "application/json", SIMPLE_BODY);
  /* A path template ("/v1/models/{model_id}") matches one segment only. */
  g_autoptr(Response) deeper = request (f, "GET", "/v1/models/a/b", AUTH, NULL, NULL);
  g_autoptr(Response) models = request (f, "GET", "/v1/models", AUTH, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 404);
  g_assert_cmpstr (response->text, ==, "{\"detail\":\"Not Found\"}");
  g_assert_cmpuint (post_response->status, ==, 404);
  g_assert_cmpuint (deeper->status, ==, 404);
  g_assert_cmpstr (deeper->text, ==, "{\"detail\":\"Not Found\"}");
  /* The models area exists (tests/models-api.c tests it). */
  g_assert_cmpuint (models->status, ==, 200);
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 4);
}

static void
test_routing_method (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = request (f, "GET", CHAT, AUTH, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 405);
  g_assert_cmpstr (response->text, ==, "{\"detail\":\"Method Not Allowed\"}");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Allow"), ==, "POST");
}

static void
test_body_invalid_json (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post (f, "{\"model\": \"x\", ");
  g_autoptr(Response) empty = post (f, "");

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (response->text, ==,
                   "{\"object\":\"error\",\"message\":\"Invalid JSON body\",\"type\":\"invalid_request_error\","
                   "\"param\":null,\"code\":null}");
  g_assert_cmpuint (empty->status, ==, 400);
}

static void
test_body_content_type (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) text = request (f, "POST", CHAT, AUTH, "text/plain", SIMPLE_BODY);
  g_autoptr(Response) charset = request (f, "POST", CHAT, AUTH, "application/json; charset=utf-8", SIMPLE_BODY);

  g_assert_cmpuint (text->status, ==, 400);
  g_assert_cmpuint (charset->status, ==, 200);
}

static void
test_body_not_object (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post (f, "[1, 2]");
  JsonArray *detail = response_detail (response);

  g_assert_cmpuint (json_array_get_length (detail), ==, 1);
  find_error (detail, "model_attributes_type", "[\"body\"]");
}

/* ---------- 422 ---------- */

static void
test_validate_extra_forbidden (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
             "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

  /* Byte for byte the F5 body. */
  g_assert_cmpuint (response->status, ==, 422);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Content-Type"), ==,
                   "application/json; charset=utf-8");
  g_assert_cmpstr (response->text, ==,
                   "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                   "\"loc\":[\"body\",\"stream_options\"],\"msg\":\"Extra inputs are not permitted\","
                   "\"input\":{\"include_usage\":true}}]},\"type\":\"invalid_request_error\","
                   "\"param\":null,\"code\":null}");
}

static void
test_validate_missing (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post (f, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  g_autoptr(Response) both = post (f, "{}");
  JsonArray *detail = response_detail (response);
  JsonObject *error;

  g_assert_cmpuint (json_array_get_length (detail), ==, 1);
  error = find_error (detail, "missing", "[\"body\",\"model\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Field required");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (error, "input")));

  detail = response_detail (both);
  g_assert_cmpuint (json_array_get_length (detail), ==, 2);
  find_error (detail, "missing", "[\"body\",\"model\"]");
  find_error (detail, "missing", "[\"body\",\"messages\"]");
}

static void
test_validate_types (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":42,\"messages\":\"hi\",\"temperature\":\"0.5\",\"top_p\":true,\"max_tokens\":1.5,"
             "\"n\":\"2\",\"random_seed\":[],\"stream\":\"yes\",\"safe_prompt\":1,\"parallel_tool_calls\":null,"
             "\"stop\":5,\"presence_penalty\":{},\"metadata\":[],\"tools\":{},\"tool_choice\":\"sometimes\","
             "\"prompt_cache_key\":7,\"reasoning_effort\":\"max\"}");
  JsonArray *detail = response_detail (response);
  JsonObject *error;

  error = find_error (detail, "string_type", "[\"body\",\"model\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Input should be a valid string");
  g_assert_cmpint (json_object_get_int_member (error, "input"), ==, 42);
  find_error (detail, "list_type", "[\"body\",\"messages\"]");
  error = find_error (detail, "float_type", "[\"body\",\"temperature\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Input should be a valid number");
  find_error (detail, "float_type", "[\"body\",\"top_p\"]");
  find_error (detail, "int_from_float", "[\"body\",\"max_tokens\"]");
  find_error (detail, "int_type", "[\"body\",\"n\"]");
  find_error (detail, "int_type", "[\"body\",\"random_seed\"]");
  find_error (detail, "bool_type", "[\"body\",\"stream\"]");
  find_error (detail, "bool_type", "[\"body\",\"safe_prompt\"]");
  find_error (detail, "bool_type", "[\"body\",\"parallel_tool_calls\"]");
  find_error (detail, "string_type", "[\"body\",\"stop\",\"str\"]");
  find_error (detail, "list_type", "[\"body\",\"stop\",\"list[str]\"]");
  find_error (detail, "float_type", "[\"body\",\"presence_penalty\"]");
  find_error (detail, "dict_type", "[\"body\",\"metadata\"]");
  find_error (detail, "list_type", "[\"body\",\"tools\"]");
  find_error (detail, "enum", "[\"body\",\"tool_choice\"]");
  find_error (detail, "string_type", "[\"body\",\"prompt_cache_key\"]");
  error = find_error (detail, "enum", "[\"body\",\"reasoning_effort\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==,
                   "Input should be 'none', 'minimal', 'low', 'medium', 'high' or 'xhigh'");
  g_assert_cmpuint (json_array_get_length (detail), ==, 18);
}

static void
test_validate_ranges (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) high =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":1.6,"
             "\"top_p\":1.1,\"presence_penalty\":2.5,\"frequency_penalty\":-3}");
  g_autoptr(Response) low =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":-0.1,"
             "\"top_p\":0,\"n\":0,\"max_tokens\":-1,\"random_seed\":-5}");
  g_autoptr(Response) edges =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":1.5,"
             "\"top_p\":1,\"n\":1,\"max_tokens\":0,\"random_seed\":0,\"presence_penalty\":-2,"
             "\"frequency_penalty\":2,\"stop\":null,\"tools\":null}");
  JsonArray *detail = response_detail (high);
  JsonObject *error;

  g_assert_cmpuint (json_array_get_length (detail), ==, 4);
  error = find_error (detail, "less_than_equal", "[\"body\",\"temperature\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==,
                   "Input should be less than or equal to 1.5");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (error, "ctx"), "le"), ==, 1.5);
  find_error (detail, "less_than_equal", "[\"body\",\"top_p\"]");
  find_error (detail, "less_than_equal", "[\"body\",\"presence_penalty\"]");
  find_error (detail, "greater_than_equal", "[\"body\",\"frequency_penalty\"]");

  detail = response_detail (low);
  g_assert_cmpuint (json_array_get_length (detail), ==, 5);
  find_error (detail, "greater_than_equal", "[\"body\",\"temperature\"]");
  error = find_error (detail, "greater_than", "[\"body\",\"top_p\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Input should be greater than 0");
  find_error (detail, "greater_than_equal", "[\"body\",\"n\"]");
  find_error (detail, "greater_than_equal", "[\"body\",\"max_tokens\"]");
  find_error (detail, "greater_than_equal", "[\"body\",\"random_seed\"]");

  g_assert_cmpuint (edges->status, ==, 200);
}

static void
test_validate_messages (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"m\",\"messages\":["
             "{\"role\":\"user\",\"content\":\"hi\",\"name\":\"bob\"},"
             "{\"role\":\"user\",\"content\":\"hi\",\"tool_calls\":[]},"
             "{\"role\":\"assistant\",\"content\":\"x\",\"reasoning_content\":\"y\"},"
             "{\"role\":\"robot\",\"content\":\"x\"},"
             "{\"content\":\"x\"},"
             "{\"role\":\"system\"},"
             "\"just a string\","
             "{\"role\":\"tool\",\"content\":\"x\",\"tool_call_id\":5},"
             "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"abcdefghi\",\"function\":{\"name\":\"f\"}}],\"prefix\":\"no\"},"
             "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"txt\":\"x\"},{\"type\":\"video\"}]},"
             "{\"role\":\"user\",\"content\":null}]}");
  g_autoptr(Response) empty = post (f, "{\"model\":\"m\",\"messages\":[]}");
  JsonArray *detail = response_detail (response);
  JsonObject *error;

  error = find_error (detail, "extra_forbidden", "[\"body\",\"messages\",0,\"user\",\"name\"]");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Extra inputs are not permitted");
  g_assert_cmpstr (json_object_get_string_member (error, "input"), ==, "bob");
  find_error (detail, "extra_forbidden", "[\"body\",\"messages\",1,\"user\",\"tool_calls\"]");
  find_error (detail, "extra_forbidden", "[\"body\",\"messages\",2,\"assistant\",\"reasoning_content\"]");
  find_error (detail, "union_tag_invalid", "[\"body\",\"messages\",3]");
  find_error (detail, "union_tag_not_found", "[\"body\",\"messages\",4]");
  find_error (detail, "missing", "[\"body\",\"messages\",5,\"system\",\"content\"]");
  find_error (detail, "model_attributes_type", "[\"body\",\"messages\",6]");
  find_error (detail, "string_type", "[\"body\",\"messages\",7,\"tool\",\"tool_call_id\"]");
  find_error (detail, "missing", "[\"body\",\"messages\",8,\"assistant\",\"tool_calls\",0,\"function\",\"arguments\"]");
  find_error (detail, "bool_type", "[\"body\",\"messages\",8,\"assistant\",\"prefix\"]");
  find_error (detail, "missing", "[\"body\",\"messages\",9,\"user\",\"content\",0,\"text\",\"text\"]");
  find_error (detail, "extra_forbidden", "[\"body\",\"messages\",9,\"user\",\"content\",0,\"text\",\"txt\"]");
  find_error (detail, "union_tag_invalid", "[\"body\",\"messages\",9,\"user\",\"content\",1]");
  g_assert_cmpuint (json_array_get_length (detail), ==, 13);

  detail = response_detail (empty);
  g_assert_cmpuint (json_array_get_length (detail), ==, 1);
  find_error (detail, "too_short", "[\"body\",\"messages\"]");
}

static void
test_validate_nested (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
             "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema_definition\":{}}},"
             "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},{\"type\":\"web_search\"},{\"type\":\"magic\"}],"
             "\"tool_choice\":{\"type\":\"function\",\"function\":{}}}");
  g_autoptr(Response) fixture = post (f, F1_BODY);
  g_autoptr(Response) followup = post (f, "{\"model\":\"mistral-small-latest\"," F1B_MESSAGES ","
                                          "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\"}},"
                                          F1B_FORMAT "}");
  JsonArray *detail = response_detail (response);

  find_error (detail, "missing", "[\"body\",\"response_format\",\"json_schema\",\"schema\"]");
  find_error (detail, "extra_forbidden", "[\"body\",\"response_format\",\"json_schema\",\"schema_definition\"]");
  find_error (detail, "missing", "[\"body\",\"tools\",0,\"function\",\"function\",\"parameters\"]");
  find_error (detail, "union_tag_invalid", "[\"body\",\"tools\",2]");
  find_error (detail, "missing", "[\"body\",\"tool_choice\",\"function\",\"name\"]");
  g_assert_cmpuint (json_array_get_length (detail), ==, 5);

  /* The fixtures of API-NOTES §8 are valid requests. */
  g_assert_cmpuint (fixture->status, ==, 200);
  g_assert_cmpuint (followup->status, ==, 200);
}

/* ---------- recording ---------- */

static void
test_record (Fixture *f, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT "?trace=1", AUTH, "application/json", SIMPLE_BODY);
  g_autoptr(Response) response = NULL;
  g_autoptr(MockRequest) recorded = NULL;
  g_autoptr(MockRequest) last = NULL;
  g_autofree char *body = NULL;
  JsonObject *object;

  soup_message_headers_append (soup_message_get_request_headers (msg), "User-Agent", "mistral-glib/0.1");
  soup_message_headers_append (soup_message_get_request_headers (msg), "X-Test", "yes");
  response = send_message (f, msg);
  g_assert_cmpuint (response->status, ==, 200);

  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 1);
  g_assert_null (mock_server_get_request (f->server, 1));
  recorded = mock_server_get_request (f->server, 0);
  g_assert_cmpstr (recorded->method, ==, "POST");
  g_assert_cmpstr (recorded->path, ==, CHAT);
  g_assert_cmpstr (recorded->query, ==, "trace=1");
  g_assert_cmpstr (mock_request_get_header (recorded, "authorization"), ==, AUTH);
  g_assert_cmpstr (mock_request_get_header (recorded, "User-Agent"), ==, "mistral-glib/0.1");
  g_assert_cmpstr (mock_request_get_header (recorded, "X-Test"), ==, "yes");
  g_assert_cmpstr (mock_request_get_header (recorded, "Content-Type"), ==, "application/json");
  body = mock_request_dup_body (recorded);
  g_assert_cmpstr (body, ==, SIMPLE_BODY);
  object = mock_request_get_object (recorded);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "mistral-small-latest");

  last = mock_server_get_last_request (f->server);
  g_assert_true (last == recorded);

  mock_server_clear_requests (f->server);
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 0);
  /* A copy survives clearing. */
  g_assert_cmpstr (recorded->path, ==, CHAT);
}

/* ---------- scripted replies ---------- */

static void
test_script_reply (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new (503);
  g_autoptr(Response) scripted = NULL;
  g_autoptr(Response) after = NULL;

  mock_reply_set_body (reply, "application/json", "{\"object\":\"error\",\"message\":\"Service tier capacity exceeded for this model.\"}");
  mock_reply_add_header (reply, "x-ratelimit-remaining-req-minute", "3");
  mock_server_push_reply (f->server, reply);
  g_assert_cmpuint (mock_server_get_n_pending_replies (f->server), ==, 1);

  scripted = post (f, SIMPLE_BODY);
  g_assert_cmpuint (scripted->status, ==, 503);
  g_assert_cmpstr (scripted->text, ==, "{\"object\":\"error\",\"message\":\"Service tier capacity exceeded for this model.\"}");
  g_assert_cmpstr (soup_message_headers_get_one (scripted->headers, "x-ratelimit-remaining-req-minute"), ==, "3");
  g_assert_cmpuint (mock_server_get_n_pending_replies (f->server), ==, 0);

  after = post (f, SIMPLE_BODY);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_script_fifo (Fixture *f, gconstpointer data)
{
  mock_server_push_reply (f->server, mock_reply_new_json (201, "{\"n\":1}"));
  mock_server_push_reply (f->server, mock_reply_new_json (202, "{\"n\":2}"));
  mock_server_push_reply (f->server, mock_reply_new (204));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) response = post (f, SIMPLE_BODY);
      g_autofree char *expected = g_strdup_printf ("{\"n\":%u}", i + 1);

      g_assert_cmpuint (response->status, ==, 201 + i);
      g_assert_cmpstr (response->text, ==, expected);
    }
  g_assert_cmpuint (mock_server_get_n_pending_replies (f->server), ==, 1);
  mock_server_clear_replies (f->server);
  g_assert_cmpuint (mock_server_get_n_pending_replies (f->server), ==, 0);
}

static void
test_script_validate (Fixture *f, gconstpointer data)
{
  MockReply *forced = mock_reply_new_json (500, "{\"forced\":true}");
  g_autoptr(Response) rejected = NULL;
  g_autoptr(Response) served = NULL;
  g_autoptr(Response) unscripted = NULL;

  /* Validated (the default): a bad request gets its error, the reply is used up. */
  mock_server_push_reply (f->server, mock_reply_new_json (500, "{\"forced\":false}"));
  rejected = request (f, "POST", CHAT, NULL, "application/json", SIMPLE_BODY);
  g_assert_cmpuint (rejected->status, ==, 401);
  g_assert_cmpuint (mock_server_get_n_pending_replies (f->server), ==, 0);

  mock_reply_set_validate (forced, FALSE);
  mock_server_push_reply (f->server, forced);
  served = request (f, "POST", CHAT, NULL, "text/plain", "garbage");
  g_assert_cmpuint (served->status, ==, 500);
  g_assert_cmpstr (served->text, ==, "{\"forced\":true}");

  unscripted = request (f, "GET", "/nowhere", NULL, NULL, NULL);
  g_assert_cmpuint (unscripted->status, ==, 404);
}

static void
test_script_delay (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_json (200, "{}");
  g_autoptr(Response) response = NULL;
  gint64 start;

  mock_reply_set_delay_ms (reply, 300);
  mock_server_push_reply (f->server, reply);
  start = g_get_monotonic_time ();
  response = post (f, SIMPLE_BODY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->text, ==, "{}");
}

/* ---------- default replies ---------- */

static JsonObject *
first_message (JsonObject *root)
{
  JsonArray *choices = json_object_get_array_member (root, "choices");

  return json_object_get_object_member (json_array_get_object_element (choices, 0), "message");
}

static const char *
first_finish_reason (JsonObject *root)
{
  JsonArray *choices = json_object_get_array_member (root, "choices");

  return json_object_get_string_member (json_array_get_object_element (choices, 0), "finish_reason");
}

static void
test_default_text (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post (f, SIMPLE_BODY);
  JsonObject *root = response_object (response);
  JsonObject *message, *usage;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "application/json");
  g_assert_true (is_hex (json_object_get_string_member (root, "id"), 32));
  g_assert_cmpstr (json_object_get_string_member (root, "object"), ==, "chat.completion");
  g_assert_cmpint (ABS (json_object_get_int_member (root, "created") - now), <=, 5);
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "mistral-small-latest");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "choices")), ==, 1);
  message = first_message (root);
  g_assert_cmpstr (json_object_get_string_member (message, "role"), ==, "assistant");
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==, "Echo: Hello big wide world");
  g_assert_true (json_object_get_null_member (message, "tool_calls"));
  g_assert_false (json_object_get_boolean_member (message, "prefix"));
  g_assert_cmpstr (first_finish_reason (root), ==, "stop");
  usage = json_object_get_object_member (root, "usage");
  g_assert_cmpint (json_object_get_int_member (usage, "completion_tokens"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (usage, "prompt_tokens"), >, 0);
  g_assert_cmpint (json_object_get_int_member (usage, "total_tokens"), ==,
                   json_object_get_int_member (usage, "prompt_tokens") + 5);
}

static void
test_default_chunks (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"été à Lyon ☔\"}]}]}");

  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (response)), "content"),
                   ==, "Echo: été à Lyon ☔");
}

static void
test_default_tool_call (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post (f, F1_BODY);
  JsonObject *root = response_object (response);
  JsonObject *message = first_message (root);
  JsonArray *calls = json_object_get_array_member (message, "tool_calls");
  JsonObject *call, *function;
  const char *id;
  g_autoptr(JsonNode) args = NULL;
  JsonObject *args_object;

  g_assert_cmpstr (first_finish_reason (root), ==, "tool_calls");
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==, "");
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  call = json_array_get_object_element (calls, 0);
  id = json_object_get_string_member (call, "id");
  g_assert_cmpuint (strlen (id), ==, 9);
  for (guint i = 0; i < 9; i++)
    g_assert_true (g_ascii_isalnum (id[i]));
  g_assert_cmpstr (json_object_get_string_member (call, "type"), ==, "function");
  g_assert_cmpint (json_object_get_int_member (call, "index"), ==, 0);
  function = json_object_get_object_member (call, "function");
  g_assert_cmpstr (json_object_get_string_member (function, "name"), ==, "get_forecast");
  args_object = parse_object (json_object_get_string_member (function, "arguments"), &args);
  g_assert_cmpstr (json_object_get_string_member (args_object, "city"), ==, "test");
  g_assert_cmpint (json_object_get_int_member (args_object, "day_offset"), ==, 1);
}

static void
test_default_tool_result (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"mistral-small-latest\",\"tools\":[{\"type\":\"function\",\"function\":"
             "{\"name\":\"get_forecast\",\"parameters\":{}}}]," F1B_MESSAGES "}");
  JsonObject *root = response_object (response);

  g_assert_cmpstr (first_finish_reason (root), ==, "stop");
  g_assert_cmpstr (json_object_get_string_member (first_message (root), "content"), ==,
                   "Tool said: {\"rain_mm\": 6.5, \"prob\": 0.8}");
}

/* With a tool keyword, only a user text that mentions it calls the tool;
 * any other text is answered, tools or not. */
static void
test_default_tool_keyword (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) plain = NULL;
  g_autoptr(Response) asked = NULL;
  g_autoptr(Response) after = NULL;
  JsonArray *calls;

  mock_server_set_tool_keyword (f->server, "UMBRELLA");
  plain = post (f, "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
                   "\"parameters\":{}}}],\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
  g_assert_cmpstr (first_finish_reason (response_object (plain)), ==, "stop");
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (plain)), "content"), ==,
                   "Echo: Hello");

  asked = post (f, F1_BODY);
  g_assert_cmpstr (first_finish_reason (response_object (asked)), ==, "tool_calls");
  calls = json_object_get_array_member (first_message (response_object (asked)), "tool_calls");
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);

  /* Back to the default: a tool whenever the request has one. */
  mock_server_set_tool_keyword (f->server, NULL);
  after = post (f, "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
                   "\"parameters\":{}}}],\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
  g_assert_cmpstr (first_finish_reason (response_object (after)), ==, "tool_calls");
}

static void
test_default_json (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) object_response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"hi\\\"\"}],"
             "\"response_format\":{\"type\":\"json_object\"}}");
  g_autoptr(Response) schema_response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Umbrella?\"}]," F1B_FORMAT "}");
  g_autoptr(Response) types_response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":"
             "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"t\",\"schema\":{\"type\":\"object\",\"properties\":"
             "{\"s\":{\"type\":\"string\"},\"f\":{\"type\":\"number\"},\"i\":{\"type\":\"integer\"},"
             "\"b\":{\"type\":\"boolean\"},\"a\":{\"type\":\"array\"},\"o\":{\"type\":\"object\"},"
             "\"optional\":{\"type\":\"string\"}},\"required\":[\"s\",\"f\",\"i\",\"b\",\"a\",\"o\"]}}}}");
  /* Typed enums and nested objects, as mistral_response_format_new_for_type() writes them. */
  g_autoptr(Response) nested_response =
    post (f, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":"
             "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"t\",\"schema\":{\"type\":\"object\",\"properties\":"
             "{\"e\":{\"type\":\"string\",\"enum\":[\"calm\",\"glad\"]},"
             "\"o\":{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\"}},\"required\":[\"s\"]}},"
             "\"required\":[\"e\",\"o\"]}}}}");

  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (object_response)), "content"),
                   ==, "{\"echo\":\"say \\\"hi\\\"\"}");
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (schema_response)), "content"),
                   ==, "{\"umbrella\":true,\"reason\":\"example\"}");
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (types_response)), "content"),
                   ==, "{\"s\":\"example\",\"f\":1,\"i\":1,\"b\":true,\"a\":[],\"o\":{}}");
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (nested_response)), "content"),
                   ==, "{\"e\":\"calm\",\"o\":{\"s\":\"example\"}}");
}

static void
test_default_n (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"m\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  JsonArray *choices = json_object_get_array_member (response_object (response), "choices");
  JsonObject *usage = json_object_get_object_member (response_object (response), "usage");

  g_assert_cmpuint (json_array_get_length (choices), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *choice = json_array_get_object_element (choices, i);
      g_autofree char *expected = g_strdup_printf ("Echo (%u): hi", i);

      g_assert_cmpint (json_object_get_int_member (choice, "index"), ==, i);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (choice, "message"), "content"),
                       ==, expected);
    }
  g_assert_cmpint (json_object_get_int_member (usage, "completion_tokens"), ==, 9);
}

static void
test_default_length (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response =
    post (f, "{\"model\":\"m\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hello big wide world\"}]}");
  g_autoptr(Response) enough =
    post (f, "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hello big wide world\"}]}");
  JsonObject *root = response_object (response);

  g_assert_cmpstr (json_object_get_string_member (first_message (root), "content"), ==, "Echo: Hello");
  g_assert_cmpstr (first_finish_reason (root), ==, "length");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "usage"), "completion_tokens"), ==, 2);
  g_assert_cmpstr (first_finish_reason (response_object (enough)), ==, "stop");
}

/* ---------- magic models ---------- */

static Response *
post_model (Fixture    *f,
            const char *model,
            gboolean    stream)
{
  g_autofree char *body =
    g_strdup_printf ("{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                     model, stream ? "true" : "false");

  return post (f, body);
}

static void
test_magic_errors (Fixture *f, gconstpointer data)
{
  static const guint statuses[] = { 400, 401, 422, 429, 500, 502, 503, 504, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *model = g_strdup_printf ("mock-error-%u", statuses[i]);
      g_autoptr(Response) response = post_model (f, model, i % 2);
      JsonObject *root;

      g_assert_cmpuint (response->status, ==, statuses[i]);
      if (statuses[i] == 502)
        {
          g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "text/html");
          g_assert_cmpstr (response->text, ==, "<html><body><h1>502 Bad Gateway</h1></body></html>");
          continue;
        }
      root = response_object (response);
      switch (statuses[i])
        {
        case 400:
          g_assert_cmpstr (response->text, ==,
                           "{\"object\":\"error\",\"message\":\"Invalid model: mock-error-400\","
                           "\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"unknown_model\"}");
          break;
        case 401:
          check_unauthorized (response);
          break;
        case 422:
          g_assert_cmpstr (response->text, ==,
                           "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                           "\"loc\":[\"body\",\"stream_options\"],\"msg\":\"Extra inputs are not permitted\","
                           "\"input\":{\"include_usage\":true}}]},\"type\":\"invalid_request_error\","
                           "\"param\":null,\"code\":null}");
          break;
        case 429:
          g_assert_cmpstr (response->text, ==,
                           "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\","
                           "\"param\":null,\"code\":\"1300\"}");
          g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Retry-After"), ==, "1");
          break;
        case 403:
          g_assert_cmpstr (json_object_get_string_member (root, "message"), ==, "Forbidden");
          break;
        default:
          g_assert_cmpstr (response->text, ==,
                           "{\"object\":\"error\",\"message\":\"Internal server error\",\"type\":\"server_error\","
                           "\"param\":null,\"code\":null}");
          break;
        }
    }
}

static void
test_magic_slow (Fixture *f, gconstpointer data)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Response) response = post_model (f, "mock-slow-300", FALSE);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (response_object (response), "model"), ==, "mock-slow-300");

  start = g_get_monotonic_time ();
  text = stream_text (f, "{\"model\":\"mock-slow-200\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  events = parse_sse (text);
  g_assert_cmpstr (events->pdata[events->len - 1], ==, "[DONE]");
}

static void
test_magic_stream_error (Fixture *f, gconstpointer data)
{
  g_autofree char *text =
    stream_text (f, "{\"model\":\"mock-stream-error-2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}");
  g_autoptr(GPtrArray) events = parse_sse (text);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  /* The first two events of the default reply ("" then "Echo:"), then
   * the error object. */
  g_assert_cmpuint (events->len, >=, 3);
  g_assert_nonnull (strstr (events->pdata[0], "\"delta\":{\"role\":\"assistant\",\"content\":\"\"}"));
  g_assert_nonnull (strstr (events->pdata[1], "\"delta\":{\"content\":\"Echo:\"}"));
  error = parse_object (events->pdata[2], &node);
  g_assert_cmpstr (json_object_get_string_member (error, "object"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "Generation failed");
  g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, "server_error");
  for (guint i = 3; i < events->len; i++)
    g_assert_cmpstr (events->pdata[i], ==, "[DONE]");
}

static void
test_magic_stream_slow (Fixture *f, gconstpointer data)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *text =
    stream_text (f, "{\"model\":\"mock-stream-slow-100\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
  g_autoptr(GPtrArray) events = parse_sse (text);

  /* "", "Echo:", " a", " b", then [DONE]: four waits of 100 ms. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_nonnull (strstr (events->pdata[3], "\"delta\":{\"content\":\" b\"},\"finish_reason\":\"stop\""));
  g_assert_cmpstr (events->pdata[4], ==, "[DONE]");
}

/* The server's stream delay slows every default stream as the magic
 * model does, and a magic model's own delay wins. */
static void
test_stream_delay (Fixture *f, gconstpointer data)
{
  gint64 start;
  g_autofree char *text = NULL;
  g_autofree char *magic = NULL;
  g_autoptr(GPtrArray) events = NULL;

  mock_server_set_stream_delay (f->server, 100);
  start = g_get_monotonic_time ();
  text = stream_text (f, "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
  events = parse_sse (text);
  /* "", "Echo:", " a", " b", then [DONE]: four waits of 100 ms. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (events->len, ==, 5);

  start = g_get_monotonic_time ();
  magic = stream_text (f, "{\"model\":\"mock-stream-slow-0\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 400 * 1000);
  mock_server_set_stream_delay (f->server, 0);
}

/* ---------- fault injection ---------- */

static void
test_faults_each (Fixture *f, gconstpointer data)
{
  MockFaults faults = { 0 };
  MockFaultCounts counts;
  g_autoptr(Response) limited = NULL;
  g_autoptr(Response) unavailable = NULL;
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) late = NULL;
  g_autoptr(Response) magic = NULL;
  gint64 start;

  faults.rate_429 = 1;
  faults.retry_after = 7;
  mock_server_set_faults (f->server, &faults, 1);
  limited = post (f, SIMPLE_BODY);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (response_object (limited), "message"), ==, "Rate limit exceeded");
  /* Magic models are never faulted. */
  magic = post_model (f, "mock-stream-slow-0", FALSE);
  g_assert_cmpuint (magic->status, ==, 200);

  memset (&faults, 0, sizeof faults);
  faults.rate_503 = 1;
  mock_server_set_faults (f->server, &faults, 1);
  unavailable = post (f, SIMPLE_BODY);
  g_assert_cmpuint (unavailable->status, ==, 503);

  memset (&faults, 0, sizeof faults);
  faults.rate_reset = 1;
  mock_server_set_faults (f->server, &faults, 1);
  reset = post (f, SIMPLE_BODY);
  g_assert_nonnull (reset->error);
  g_assert_null (reset->body);

  memset (&faults, 0, sizeof faults);
  faults.rate_stall = 1;
  faults.stall_ms = 300;
  /* Cuts are for streams: a plain reply is not cut. */
  faults.rate_cut = 1;
  mock_server_set_faults (f->server, &faults, 1);
  start = g_get_monotonic_time ();
  late = post (f, SIMPLE_BODY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (late->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (late)), "content"),
                   ==, "Echo: Hello big wide world");

  mock_server_get_fault_counts (f->server, &counts);
  g_assert_cmpuint (counts.n_stall, ==, 1);
  g_assert_cmpuint (counts.n_429 + counts.n_503 + counts.n_reset + counts.n_cut, ==, 0);

  /* No faults any more. */
  mock_server_set_faults (f->server, NULL, 0);
  g_clear_pointer (&late, response_free);
  late = post (f, SIMPLE_BODY);
  g_assert_cmpuint (late->status, ==, 200);
}

static void
test_faults_streams (Fixture *f, gconstpointer data)
{
  static const char body[] =
    "{\"model\":\"mistral-small-latest\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}";
  /* Sync reads give up after 1 s of silence. */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 1, NULL);
  MockFaults faults = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *text = NULL;
  SoupSession *saved = f->session;

  /* The default reply has 5 events ("", "Echo:", " a", " b", " c"): a cut
   * closes the connection after the first 2. */
  faults.rate_cut = 1;
  mock_server_set_faults (f->server, &faults, 1);
  msg = new_message (f, "POST", CHAT, AUTH, "application/json", body);
  /* A close between events reads as an end without [DONE] (see
   * stream/close-after): the truncation shows in the events only. */
  bytes = read_stream (f, msg, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  events = parse_sse (text);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_nonnull (strstr (events->pdata[1], "\"delta\":{\"content\":\"Echo:\"}"));

  /* A stall sends as much and then nothing, the connection left open. */
  faults.rate_cut = 0;
  faults.rate_stall = 1;
  mock_server_set_faults (f->server, &faults, 1);
  g_clear_error (&error);
  g_clear_object (&msg);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&events, g_ptr_array_unref);
  f->session = session;
  msg = new_message (f, "POST", CHAT, AUTH, "application/json", body);
  bytes = read_stream (f, msg, NULL, &error);
  f->session = saved;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  events = parse_sse (text);
  g_assert_cmpuint (events->len, ==, 2);
}

/* The same seed gives the same faults, request after request. */
static void
test_faults_seed (Fixture *f, gconstpointer data)
{
  MockFaults faults = { .rate_429 = 0.3, .rate_503 = 0.3, .rate_stall = 0.2, .stall_ms = 1, .retry_after = 1 };
  MockFaultCounts counts;
  GString *runs[2];

  for (guint run = 0; run < 2; run++)
    {
      runs[run] = g_string_new (NULL);
      mock_server_set_faults (f->server, &faults, 42);
      for (guint i = 0; i < 40; i++)
        {
          g_autoptr(Response) response = post (f, SIMPLE_BODY);

          g_string_append_printf (runs[run], "%u ", response->status);
        }
      mock_server_get_fault_counts (f->server, &counts);
      g_assert_cmpuint (counts.n_429 + counts.n_503 + counts.n_stall, >, 0);
      g_assert_cmpuint (counts.n_429 + counts.n_503 + counts.n_stall, <, 40);
      g_assert_cmpuint (counts.n_reset + counts.n_cut, ==, 0);
    }
  g_assert_cmpstr (runs[0]->str, ==, runs[1]->str);
  g_assert_nonnull (strstr (runs[0]->str, "429 "));
  g_assert_nonnull (strstr (runs[0]->str, "503 "));
  g_assert_nonnull (strstr (runs[0]->str, "200 "));
  g_string_free (runs[0], TRUE);
  g_string_free (runs[1], TRUE);
}

/* ---------- streaming ---------- */

static void
test_stream_default (Fixture *f, gconstpointer data)
{
  g_autofree char *text =
    stream_text (f, "{\"model\":\"mistral-small-latest\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Bring an umbrella – été à Lyon ☔.\"}]}");
  g_autoptr(GPtrArray) events = parse_sse (text);
  GString *content = g_string_new (NULL);
  const char *id = NULL;
  gint64 created = 0;

  /* role chunk + 9 words + [DONE] */
  g_assert_cmpuint (events->len, ==, 11);
  g_assert_cmpstr (events->pdata[events->len - 1], ==, "[DONE]");
  g_assert_true (g_str_has_suffix (text, "data: [DONE]\n\n"));
  g_assert_null (strstr (text, "\r"));

  for (guint i = 0; i + 1 < events->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *chunk = parse_object (events->pdata[i], &node);
      JsonObject *choice = json_array_get_object_element (json_object_get_array_member (chunk, "choices"), 0);
      JsonObject *delta = json_object_get_object_member (choice, "delta");
      gboolean last = i + 2 == events->len;

      g_assert_cmpstr (json_object_get_string_member (chunk, "object"), ==, "chat.completion.chunk");
      g_assert_cmpstr (json_object_get_string_member (chunk, "model"), ==, "mistral-small-latest");
      if (i == 0)
        {
          id = g_intern_string (json_object_get_string_member (chunk, "id"));
          created = json_object_get_int_member (chunk, "created");
          g_assert_true (is_hex (id, 32));
          g_assert_cmpstr (json_object_get_string_member (delta, "role"), ==, "assistant");
          g_assert_cmpstr (json_object_get_string_member (delta, "content"), ==, "");
        }
      else
        {
          g_assert_false (json_object_has_member (delta, "role"));
          g_string_append (content, json_object_get_string_member (delta, "content"));
        }
      g_assert_cmpstr (json_object_get_string_member (chunk, "id"), ==, id);
      g_assert_cmpint (json_object_get_int_member (chunk, "created"), ==, created);
      g_assert_cmpint (json_object_get_int_member (choice, "index"), ==, 0);
      if (last)
        {
          JsonObject *usage = json_object_get_object_member (chunk, "usage");

          g_assert_cmpstr (json_object_get_string_member (choice, "finish_reason"), ==, "stop");
          g_assert_cmpint (json_object_get_int_member (usage, "completion_tokens"), ==, 9);
        }
      else
        {
          g_assert_true (json_object_get_null_member (choice, "finish_reason"));
          g_assert_false (json_object_has_member (chunk, "usage"));
        }
    }
  g_assert_cmpstr (content->str, ==, "Echo: Bring an umbrella – été à Lyon ☔.");
  g_string_free (content, TRUE);
}

static void
test_stream_tools (Fixture *f, gconstpointer data)
{
  g_autofree char *prefix = g_strndup (F1_BODY, strlen (F1_BODY) - 1);
  g_autofree char *body = g_strconcat (prefix, ",\"stream\":true}", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *chunk, *choice, *call;

  text = stream_text (f, body);
  events = parse_sse (text);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (events->pdata[2], ==, "[DONE]");
  chunk = parse_object (events->pdata[1], &node);
  choice = json_array_get_object_element (json_object_get_array_member (chunk, "choices"), 0);
  g_assert_cmpstr (json_object_get_string_member (choice, "finish_reason"), ==, "tool_calls");
  call = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (choice, "delta"),
                                                                      "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"), "name"),
                   ==, "get_forecast");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"), "arguments"),
                   ==, "{\"city\":\"test\",\"day_offset\":1}");
  g_assert_true (json_object_has_member (chunk, "usage"));
}

static void
test_stream_n (Fixture *f, gconstpointer data)
{
  g_autofree char *text =
    stream_text (f, "{\"model\":\"m\",\"n\":2,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}");
  g_autoptr(GPtrArray) events = parse_sse (text);
  GString *content[2] = { g_string_new (NULL), g_string_new (NULL) };

  /* 2 role chunks + 2 x 4 words, alternating by index + [DONE] */
  g_assert_cmpuint (events->len, ==, 11);
  for (guint i = 0; i + 1 < events->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonObject *chunk = parse_object (events->pdata[i], &node);
      JsonObject *choice = json_array_get_object_element (json_object_get_array_member (chunk, "choices"), 0);
      gint64 index = json_object_get_int_member (choice, "index");

      g_assert_cmpint (index, ==, i % 2);
      if (i >= 2)
        g_string_append (content[index], json_object_get_string_member (json_object_get_object_member (choice, "delta"),
                                                                         "content"));
    }
  g_assert_cmpstr (content[0]->str, ==, "Echo (0): a b");
  g_assert_cmpstr (content[1]->str, ==, "Echo (1): a b");
  g_string_free (content[0], TRUE);
  g_string_free (content[1], TRUE);
}

static char *
scripted_stream (Fixture   *f,
                 MockReply *reply,
                 GError   **error)
{
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  mock_server_push_reply (f->server, reply);
  bytes = read_stream (f, msg, NULL, error);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data ? data : "", size);
}

static void
test_stream_scripted (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mock_reply_add_event (reply, "{\"a\":1}");
  mock_reply_add_raw (reply, ": a comment\n\n");
  mock_reply_add_event (reply, "line one\nline two");
  mock_reply_add_header (reply, "X-Stream", "yes");
  text = scripted_stream (f, reply, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "data: {\"a\":1}\n\n: a comment\n\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n");

  reply = mock_reply_new_stream ();
  mock_reply_add_event (reply, "x");
  mock_reply_set_done (reply, FALSE);
  g_clear_pointer (&text, g_free);
  text = scripted_stream (f, reply, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "data: x\n\n");
}

#define SPLIT_EXPECTED "data: {\"a\":1}\n\ndata: été ☔\n\ndata: [DONE]\n\n"

static MockReply *
split_reply (MockSplit split)
{
  MockReply *reply = mock_reply_new_stream ();

  mock_reply_add_event (reply, "{\"a\":1}");
  mock_reply_add_event (reply, "été ☔");
  mock_reply_set_split (reply, split, 42);
  return reply;
}

static void
test_stream_split_one_byte (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  gboolean terminated;

  /* Through libsoup: the same bytes. */
  text = scripted_stream (f, split_reply (MOCK_SPLIT_ONE_BYTE), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, SPLIT_EXPECTED);

  /* On the wire: one HTTP chunk per byte. */
  mock_server_push_reply (f->server, split_reply (MOCK_SPLIT_ONE_BYTE));
  raw = raw_exchange (f, SIMPLE_BODY, &error);
  g_assert_no_error (error);
  decoded = dechunk (raw, sizes, &terminated);
  g_assert_true (terminated);
  g_assert_cmpstr (decoded, ==, SPLIT_EXPECTED);
  g_assert_cmpuint (sizes->len, ==, strlen (SPLIT_EXPECTED));
  for (guint i = 0; i < sizes->len; i++)
    g_assert_cmpuint (g_array_index (sizes, guint64, i), ==, 1);
}

static void
test_stream_split_random (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) none_sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *decoded = NULL;
  g_autofree char *none_decoded = NULL;
  GString *expected = g_string_new (NULL);
  gboolean terminated, bigger = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    {
      MockReply *reply = mock_reply_new_stream ();

      for (guint i = 0; i < 20; i++)
        {
          g_autofree char *event = g_strdup_printf ("{\"n\":%u,\"text\":\"été ☔\"}", i);

          mock_reply_add_event (reply, event);
          if (pass == 0)
            g_string_append_printf (expected, "data: %s\n\n", event);
        }
      mock_reply_set_split (reply, pass == 0 ? MOCK_SPLIT_RANDOM : MOCK_SPLIT_NONE, 42);
      mock_server_push_reply (f->server, reply);
    }
  g_string_append (expected, "data: [DONE]\n\n");

  raw = raw_exchange (f, SIMPLE_BODY, &error);
  g_assert_no_error (error);
  decoded = dechunk (raw, sizes, &terminated);
  g_assert_true (terminated);
  g_assert_cmpstr (decoded, ==, expected->str);
  /* ~600 bytes in pieces of 1..32 bytes, cut regardless of events. */
  g_assert_cmpuint (sizes->len, >, 21);
  for (guint i = 0; i < sizes->len; i++)
    {
      g_assert_cmpuint (g_array_index (sizes, guint64, i), <=, 32);
      bigger |= g_array_index (sizes, guint64, i) > 1;
    }
  g_assert_true (bigger);

  /* Unsplit: one HTTP chunk per event. */
  g_clear_pointer (&raw, g_bytes_unref);
  raw = raw_exchange (f, SIMPLE_BODY, &error);
  g_assert_no_error (error);
  none_decoded = dechunk (raw, none_sizes, &terminated);
  g_assert_cmpstr (none_decoded, ==, expected->str);
  g_assert_cmpuint (none_sizes->len, ==, 21);
  g_string_free (expected, TRUE);
}

static void
test_stream_crlf (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;

  mock_reply_add_event (reply, "a");
  mock_reply_add_event (reply, "b\nc");
  mock_reply_set_crlf (reply, TRUE);
  mock_reply_set_keepalive (reply, TRUE);
  text = scripted_stream (f, reply, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "data: a\r\n\r\n: keep-alive\r\n\r\ndata: b\r\ndata: c\r\n\r\ndata: [DONE]\r\n\r\n");
  events = parse_sse (text);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (events->pdata[1], ==, "b\nc");
}

static void
test_stream_keepalive (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  mock_reply_add_event (reply, "a");
  mock_reply_add_event (reply, "b");
  mock_reply_add_event (reply, "c");
  mock_reply_set_keepalive (reply, TRUE);
  mock_reply_set_event_delay_ms (reply, 100);
  start = g_get_monotonic_time ();
  text = scripted_stream (f, reply, &error);
  g_assert_no_error (error);
  /* Two gaps between events and one before [DONE]. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpstr (text, ==, "data: a\n\n: keep-alive\n\ndata: b\n\n: keep-alive\n\ndata: c\n\ndata: [DONE]\n\n");
}

static MockReply *
close_reply (guint    close_after,
             gboolean mid_event)
{
  MockReply *reply = mock_reply_new_stream ();

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *event = g_strdup_printf ("{\"n\":%u}", i);

      mock_reply_add_event (reply, event);
    }
  mock_reply_set_close_after (reply, close_after);
  mock_reply_set_close_mid_event (reply, mid_event);
  return reply;
}

static void
test_stream_close_after (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  gboolean terminated;

  /* Cut between events: libsoup 3.2 takes a close at a chunk boundary
   * for the end of the body, so the client sees a truncated read with
   * no error and no [DONE]. */
  text = scripted_stream (f, close_reply (2, FALSE), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "data: {\"n\":0}\n\ndata: {\"n\":1}\n\n");

  /* On the wire: two event chunks, no terminating zero-length chunk. */
  mock_server_push_reply (f->server, close_reply (2, FALSE));
  raw = raw_exchange (f, SIMPLE_BODY, &error);
  g_assert_no_error (error);
  decoded = dechunk (raw, sizes, &terminated);
  g_assert_false (terminated);
  g_assert_cmpuint (sizes->len, ==, 2);
  g_assert_cmpstr (decoded, ==, "data: {\"n\":0}\n\ndata: {\"n\":1}\n\n");

  /* Cut inside the third event: libsoup reports the truncation. */
  g_clear_pointer (&text, g_free);
  text = scripted_stream (f, close_reply (2, TRUE), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_cmpstr (text, ==, "data: {\"n\":0}\n\ndata: {\"n\":1}\n\ndata: {");
  g_clear_error (&error);

  /* Zero events: headers, then the connection drops. */
  g_clear_pointer (&text, g_free);
  text = scripted_stream (f, close_reply (0, FALSE), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "");

  /* Past the last event, mid-event cuts the [DONE] line. */
  g_clear_pointer (&text, g_free);
  text = scripted_stream (f, close_reply (9, TRUE), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_true (g_str_has_suffix (text, "data: {\"n\":4}\n\ndata: ["));

  g_assert_true (wait_closed (f, 1));
}

static void
test_stream_reset (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(SoupSession) fresh = new_session ();

  mock_server_push_reply (f->server, mock_reply_new_reset ());
  reset = post (f, SIMPLE_BODY);
  g_assert_nonnull (reset->error);
  g_assert_null (reset->body);
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 1);

  /* The server is fine afterwards. */
  after = post (f, SIMPLE_BODY);
  g_assert_cmpuint (after->status, ==, 200);
}

typedef struct {
  GCancellable *cancellable;
  guint delay_ms;
} CancelData;

static gpointer
cancel_thread (gpointer user_data)
{
  CancelData *data = user_data;

  g_usleep (data->delay_ms * 1000);
  g_cancellable_cancel (data->cancellable);
  return NULL;
}

static void
test_stream_stall (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  CancelData cancel = { cancellable, 200 };
  GThread *thread;
  char buffer[256];
  GString *received = g_string_new (NULL);
  gssize n;
  gint64 start;

  mock_reply_add_event (reply, "first");
  mock_reply_set_stall (reply, TRUE);
  mock_server_push_reply (f->server, reply);

  stream = soup_session_send (f->session, msg, cancellable, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_thread, &cancel);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &error)) > 0)
    g_string_append_len (received, buffer, n);
  g_thread_join (thread);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 190 * 1000);
  g_assert_cmpstr (received->str, ==, "data: first\n\n");
  g_string_free (received, TRUE);

  /* The client drops the connection; the server notices. */
  g_clear_object (&stream);
  soup_session_abort (f->session);
  g_assert_true (wait_closed (f, 0));
}

/* The client goes away mid-stream: no crash, no leak, connection gone. */
static void
test_stream_client_abort (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[64];

  for (guint i = 0; i < 100; i++)
    mock_reply_add_event (reply, "tick");
  mock_reply_set_event_delay_ms (reply, 20);
  mock_server_push_reply (f->server, reply);

  stream = soup_session_send (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), >, 0);
  g_input_stream_close (stream, NULL, NULL);
  g_clear_object (&stream);
  soup_session_abort (f->session);
  g_assert_true (wait_closed (f, 0));

  /* And the server still serves. */
  {
    g_autoptr(Response) after = post (f, SIMPLE_BODY);

    g_assert_cmpuint (after->status, ==, 200);
  }
}

/* ---------- connections ---------- */

static gboolean
wait_open_at_least (MockServer *server,
                    guint       n)
{
  for (guint i = 0; i < 200; i++)
    {
      if (mock_server_get_n_open_connections (server) >= n)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
test_connections_count (Fixture *f, gconstpointer data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *conns[5];
  g_autoptr(GError) error = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  g_assert_cmpuint (mock_server_get_n_open_connections (f->server), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      conns[i] = g_socket_client_connect_to_host (client, "127.0.0.1", mock_server_get_port (f->server), NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (wait_open_at_least (f->server, 5));
  g_assert_cmpuint (mock_server_get_n_open_connections (f->server), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      g_io_stream_close (G_IO_STREAM (conns[i]), NULL, NULL);
      g_object_unref (conns[i]);
    }
  g_assert_true (wait_closed (f, 0));

  /* Keep-alive: sequential requests share one connection.  libsoup 3.2
   * only reuses a connection for a POST flagged idempotent. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
      g_autoptr(Response) response = NULL;

      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      response = send_message (f, msg);
      g_assert_cmpuint (response->status, ==, 200);
    }
  g_assert_cmpuint (mock_server_get_n_open_connections (f->server), ==, 1);

  soup_session_abort (f->session);
  g_assert_true (wait_closed (f, 0));

  /* Three clients, three connections. */
  {
    SoupSession *sessions[3];

    for (guint i = 0; i < 3; i++)
      {
        SoupSession *saved = f->session;
        g_autoptr(Response) response = NULL;

        sessions[i] = new_session ();
        f->session = sessions[i];
        response = post (f, SIMPLE_BODY);
        f->session = saved;
        g_assert_cmpuint (response->status, ==, 200);
      }
    g_assert_cmpuint (mock_server_get_n_open_connections (f->server), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_object_unref (sessions[i]);
    g_assert_true (wait_closed (f, 0));
  }
}

/* Many requests, half dropped mid-stream: the server ends up holding no
 * more connections than the client keeps. */
static void
test_connections_churn (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 200; i++)
    {
      const char *body = i % 2
        ? SIMPLE_BODY
        : "{\"model\":\"mock-bench\",\"stream\":true,\"max_tokens\":100000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", body);
      g_autoptr(GError) error = NULL;

      if (i % 3 == 0)
        soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      if (i % 2 == 0)
        {
          g_autoptr(GInputStream) stream = soup_session_send (f->session, msg, NULL, &error);
          char buffer[64];

          g_assert_no_error (error);
          g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), >, 0);
        }
      else
        {
          g_autoptr(Response) response = send_message (f, msg);

          g_assert_cmpuint (response->status, ==, 200);
        }
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 200);
  g_assert_true (wait_closed (f, 2));
  soup_session_abort (f->session);
  g_assert_true (wait_closed (f, 0));
}

/* ---------- bench ---------- */

static void
test_bench_stream (Fixture *f, gconstpointer data)
{
  g_autofree char *text =
    stream_text (f, "{\"model\":\"mock-bench\",\"stream\":true,\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
  g_autoptr(GPtrArray) events = parse_sse (text);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *last, *choice;

  /* Exactly N chunks for max_tokens = N, then [DONE]. */
  g_assert_cmpuint (events->len, ==, 1001);
  g_assert_cmpstr (events->pdata[1000], ==, "[DONE]");
  g_assert_nonnull (strstr (events->pdata[0], "\"delta\":{\"role\":\"assistant\",\"content\":\" tok\"}"));
  for (guint i = 1; i < 999; i++)
    g_assert_nonnull (strstr (events->pdata[i], "\"delta\":{\"content\":\" tok\"},\"finish_reason\":null"));
  last = parse_object (events->pdata[999], &node);
  choice = json_array_get_object_element (json_object_get_array_member (last, "choices"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (choice, "delta"), "content"), ==, " tok");
  g_assert_cmpstr (json_object_get_string_member (choice, "finish_reason"), ==, "length");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (last, "usage"), "completion_tokens"),
                   ==, 1000);
}

static void
test_bench_stream_one (Fixture *f, gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *choice;

  /* Bench mode answers whatever the model is called. */
  mock_server_set_bench_mode (f->server, TRUE);
  text = stream_text (f, "{\"model\":\"mistral-small-latest\",\"stream\":true,\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
  events = parse_sse (text);

  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (events->pdata[1], ==, "[DONE]");
  choice = json_array_get_object_element (json_object_get_array_member (parse_object (events->pdata[0], &node), "choices"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (choice, "delta"), "role"), ==, "assistant");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (choice, "delta"), "content"), ==, " tok");
  g_assert_cmpstr (json_object_get_string_member (choice, "finish_reason"), ==, "length");
}

static void
test_bench_plain (Fixture *f, gconstpointer data)
{
  g_autoptr(Response) response = post_model (f, "mock-bench", FALSE);
  JsonObject *root = response_object (response);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (root, "object"), ==, "chat.completion");
  g_assert_cmpstr (json_object_get_string_member (first_message (root), "content"), ==, " tok");
}

/* In bench mode, the same plain request again is answered from a cache:
 * the same reply, counted but not recorded; anything different (another
 * body, another key) goes through every check again. */
static void
test_bench_plain_repeated (Fixture *f, gconstpointer data)
{
  const char *body = "{\"model\":\"mistral-small-latest\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) other_key = NULL;
  g_autoptr(Response) other_body = NULL;
  g_autoptr(MockRequest) recorded = NULL;

  mock_server_set_bench_mode (f->server, TRUE);
  mock_server_set_api_key (f->server, "test-key");
  first = post (f, body);
  again = post (f, body);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpstr (json_object_get_string_member (first_message (response_object (again)), "content"), ==, " tok");
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 2);
  recorded = mock_server_get_request (f->server, 1);
  g_assert_null (recorded);

  other_key = request (f, "POST", CHAT, "Bearer wrong-key", "application/json", body);
  g_assert_cmpuint (other_key->status, ==, 401);
  other_body = post (f, "{\"model\":\"mistral-small-latest\",\"messages\":[]}");
  g_assert_cmpuint (other_body->status, ==, 422);
  g_assert_cmpuint (mock_server_get_n_requests (f->server), ==, 4);
  mock_server_set_api_key (f->server, NULL);
}

/* ---------- life cycle ---------- */

static void
test_free_while_streaming (Fixture *f, gconstpointer data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autoptr(SoupMessage) msg = new_message (f, "POST", CHAT, AUTH, "application/json", SIMPLE_BODY);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[256];
  gssize n;

  mock_reply_add_event (reply, "first");
  mock_reply_set_stall (reply, TRUE);
  mock_server_push_reply (f->server, reply);
  mock_server_push_reply (f->server, mock_reply_new_json (200, "{}"));
  stream = soup_session_send (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), >, 0);

  /* Pending jobs and replies are dropped; the client sees the end. */
  g_clear_pointer (&f->server, mock_server_free);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    ;
  g_assert_cmpint (n, <=, 0);
}

static void
test_new_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MockServer) first = mock_server_new_full (0, TRUE, &error);
  g_autoptr(MockServer) clash = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (mock_server_get_url (first), "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (mock_server_get_url (first), "/"));
  clash = mock_server_new_full (mock_server_get_port (first), TRUE, &error);
  g_assert_null (clash);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD ("/mock-server/auth/missing", test_auth_missing);
  TEST_ADD ("/mock-server/auth/scheme", test_auth_scheme);
  TEST_ADD ("/mock-server/auth/api-key", test_auth_api_key);
  TEST_ADD ("/mock-server/routing/not-found", test_routing_not_found);
  TEST_ADD ("/mock-server/routing/method", test_routing_method);
  TEST_ADD ("/mock-server/body/invalid-json", test_body_invalid_json);
  TEST_ADD ("/mock-server/body/content-type", test_body_content_type);
  TEST_ADD ("/mock-server/body/not-object", test_body_not_object);
  TEST_ADD ("/mock-server/validate/extra-forbidden", test_validate_extra_forbidden);
  TEST_ADD ("/mock-server/validate/missing", test_validate_missing);
  TEST_ADD ("/mock-server/validate/types", test_validate_types);
  TEST_ADD ("/mock-server/validate/ranges", test_validate_ranges);
  TEST_ADD ("/mock-server/validate/messages", test_validate_messages);
  TEST_ADD ("/mock-server/validate/nested", test_validate_nested);
  TEST_ADD ("/mock-server/record/body-and-headers", test_record);
  TEST_ADD ("/mock-server/script/reply", test_script_reply);
  TEST_ADD ("/mock-server/script/fifo", test_script_fifo);
  TEST_ADD ("/mock-server/script/validate", test_script_validate);
  TEST_ADD ("/mock-server/script/delay", test_script_delay);
  TEST_ADD ("/mock-server/default/text", test_default_text);
  TEST_ADD ("/mock-server/default/content-chunks", test_default_chunks);
  TEST_ADD ("/mock-server/default/tool-call", test_default_tool_call);
  TEST_ADD ("/mock-server/default/tool-result", test_default_tool_result);
  TEST_ADD ("/mock-server/default/tool-keyword", test_default_tool_keyword);
  TEST_ADD ("/mock-server/default/json", test_default_json);
  TEST_ADD ("/mock-server/default/n", test_default_n);
  TEST_ADD ("/mock-server/default/length", test_default_length);
  TEST_ADD ("/mock-server/magic/errors", test_magic_errors);
  TEST_ADD ("/mock-server/magic/slow", test_magic_slow);
  TEST_ADD ("/mock-server/magic/stream-error", test_magic_stream_error);
  TEST_ADD ("/mock-server/magic/stream-slow", test_magic_stream_slow);
  TEST_ADD ("/mock-server/stream/delay", test_stream_delay);
  TEST_ADD ("/mock-server/faults/each", test_faults_each);
  TEST_ADD ("/mock-server/faults/streams", test_faults_streams);
  TEST_ADD ("/mock-server/faults/seed", test_faults_seed);
  TEST_ADD ("/mock-server/stream/default", test_stream_default);
  TEST_ADD ("/mock-server/stream/tools", test_stream_tools);
  TEST_ADD ("/mock-server/stream/n", test_stream_n);
  TEST_ADD ("/mock-server/stream/scripted", test_stream_scripted);
  TEST_ADD ("/mock-server/stream/split-one-byte", test_stream_split_one_byte);
  TEST_ADD ("/mock-server/stream/split-random", test_stream_split_random);
  TEST_ADD ("/mock-server/stream/crlf", test_stream_crlf);
  TEST_ADD ("/mock-server/stream/keepalive", test_stream_keepalive);
  TEST_ADD ("/mock-server/stream/close-after", test_stream_close_after);
  TEST_ADD ("/mock-server/stream/reset", test_stream_reset);
  TEST_ADD ("/mock-server/stream/stall", test_stream_stall);
  TEST_ADD ("/mock-server/stream/client-abort", test_stream_client_abort);
  TEST_ADD ("/mock-server/connections/count", test_connections_count);
  TEST_ADD ("/mock-server/connections/churn", test_connections_churn);
  TEST_ADD ("/mock-server/bench/stream", test_bench_stream);
  TEST_ADD ("/mock-server/bench/stream-one", test_bench_stream_one);
  TEST_ADD ("/mock-server/bench/plain-repeated", test_bench_plain_repeated);
  TEST_ADD ("/mock-server/bench/plain", test_bench_plain);
  TEST_ADD ("/mock-server/lifecycle/free-while-streaming", test_free_while_streaming);
  g_test_add_func ("/mock-server/lifecycle/new-full", test_new_full);

  return g_test_run ();
}

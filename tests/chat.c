// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Chat completion over real HTTP against the local Mistral-compatible
 * server: what goes on the wire, what comes back, and every way it fails. */

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

static void
assert_request_on_wire (MockServer *server,
                        const char *expected_body)
{
  g_autoptr(MockRequest) sent = mock_server_get_last_request (server);
  g_autofree char *body = NULL;

  g_assert_nonnull (sent);
  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/v1/chat/completions");
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Type"), ==, "application/json");
  g_assert_cmpstr (mock_request_get_header (sent, "Accept"), ==, "application/json");
  g_assert_cmpstr (mock_request_get_header (sent, "User-Agent"), ==, "mistral-glib/" MISTRAL_VERSION_S);

  body = mock_request_dup_body (sent);
  g_assert_cmpstr (body, ==, expected_body);
}

static void
test_text_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello there");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  MistralUsageInfo *usage;

  mistral_chat_completion_request_set_temperature (request, 0.5);
  response = test_chat_async (fixture->client, request, NULL, &error);
  g_assert_no_error (error);

  assert_request_on_wire (fixture->server,
                          "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\","
                          "\"content\":\"Hello there\"}],\"temperature\":0.5}");
  g_assert_cmpstr (test_reply_text (response), ==, "Echo: Hello there");
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, "mistral-small-latest");
  g_assert_cmpstr (mistral_chat_completion_response_get_object (response), ==, "chat.completion");
  g_assert_cmpuint (strlen (mistral_chat_completion_response_get_id (response)), ==, 32);
  g_assert_nonnull (mistral_chat_completion_response_get_created (response));
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), >, 0);
  usage = mistral_chat_completion_response_get_usage (response);
  g_assert_nonnull (usage);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==,
                    mistral_usage_info_get_prompt_tokens (usage) + mistral_usage_info_get_completion_tokens (usage));
}

static void
test_text_blocking (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Blocking");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  /* The stream flag of the request does not matter to the plain call. */
  mistral_chat_completion_request_set_streaming (request, TRUE);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, "Echo: Blocking");
  assert_request_on_wire (fixture->server,
                          "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Blocking\"}]}");

  /* The same request object can be sent again. */
  g_clear_object (&response);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);
}

static void
test_scripted_fixture (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Umbrella?");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  mock_server_push_reply (fixture->server, mock_reply_new_json (200,
    "{\"id\":\"b3e0c6f1a9d24e7c8f5a2d1e0c9b8a71\",\"object\":\"chat.completion\",\"created\":1767261600,"
    "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
    "\"content\":\"Yes: rain is likely in Lyon tomorrow afternoon, so take an umbrella.\",\"tool_calls\":null,"
    "\"prefix\":false},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":17,\"total_tokens\":58}}"));

  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, "b3e0c6f1a9d24e7c8f5a2d1e0c9b8a71");
  g_assert_cmpstr (test_reply_text (response), ==, "Yes: rain is likely in Lyon tomorrow afternoon, so take an umbrella.");
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (mistral_chat_completion_response_get_usage (response)), ==, 41);
}

static void
test_tool_call_conversation (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Weather in Lyon?");
  g_autoptr(MistralChatCompletionResponse) first = NULL, second = NULL;
  g_autoptr(MistralTool) tool = NULL;
  g_autoptr(MistralToolCall) call = NULL;
  g_autoptr(MistralToolMessage) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MockRequest) sent = NULL;
  MistralAssistantMessage *assistant;
  JsonArray *messages;

  tool = mistral_tool_new_from_string ("get_forecast", "Daily forecast",
                                       "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                                       "\"required\":[\"city\"]}", &error);
  g_assert_no_error (error);
  mistral_chat_completion_request_set_tools (request, &tool, 1);

  first = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(MistralChatCompletionChoice) choice =
      g_list_model_get_item (mistral_chat_completion_response_get_choices (first), 0);

    g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);
  }
  assistant = mistral_chat_completion_response_get_assistant_message (first);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (assistant)), ==, 1);
  call = g_list_model_get_item (mistral_assistant_message_get_tool_calls (assistant), 0);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_forecast");
  g_assert_cmpuint (strlen (mistral_tool_call_get_id (call)), ==, 9);
  assert_json_equal (mistral_tool_call_get_arguments (call), "{\"city\":\"test\"}");

  /* Answer the call: the assistant message goes back as it came. */
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (assistant));
  result = mistral_tool_message_new (mistral_tool_call_get_id (call), "get_forecast", "{\"rain_mm\": 6.5}");
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (result));
  second = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (second), ==, "Tool said: {\"rain_mm\": 6.5}");

  sent = mock_server_get_last_request (fixture->server);
  messages = json_object_get_array_member (mock_request_get_object (sent), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 3);
  {
    g_autofree char *tool_json = json_to_string (json_array_get_element (messages, 2), FALSE);
    g_autofree char *expected = g_strdup_printf ("{\"role\":\"tool\",\"tool_call_id\":\"%s\",\"name\":\"get_forecast\","
                                                 "\"content\":\"{\\\"rain_mm\\\": 6.5}\"}",
                                                 mistral_tool_call_get_id (call));

    g_assert_cmpstr (tool_json, ==, expected);
  }
}

static void
test_json_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Umbrella? Answer in JSON.");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (mistral_chat_completion_request_set_response_json_schema_from_string (
    request, "advice", "{\"type\":\"object\",\"properties\":{\"umbrella\":{\"type\":\"boolean\"},"
    "\"reason\":{\"type\":\"string\"}},\"required\":[\"umbrella\",\"reason\"]}", TRUE, &error));
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);

  node = json_from_string (test_reply_text (response), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "umbrella"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "reason"), ==, "example");
}

static void
test_several_choices (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Pick");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *choices;

  mistral_chat_completion_request_set_n (request, 3);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  choices = mistral_chat_completion_response_get_choices (response);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MistralChatCompletionChoice) choice = g_list_model_get_item (choices, i);

      g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, i);
    }
}

static void
test_max_tokens_length (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("one two three four five");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MistralChatCompletionChoice) choice = NULL;
  g_autoptr(GError) error = NULL;

  mistral_chat_completion_request_set_max_tokens (request, 2);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_LENGTH);
}

/* Each HTTP error maps to its code and keeps the API's own message. */
static void
test_http_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    guint status;
    const char *content_type;
    const char *body;
    MistralError code;
    const char *message;
  } cases[] = {
    { 400, "application/json", "{\"object\":\"error\",\"message\":\"Invalid model: mistral-nonexistent\",\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"unknown_model\"}",
      MISTRAL_ERROR_INVALID_REQUEST, "Invalid model: mistral-nonexistent (HTTP 400)" },
    { 401, "application/json", "{\"message\":\"Unauthorized\",\"request_id\":\"5d2f8e1c0b7a4936a1e4c8d2f6b0a937\"}",
      MISTRAL_ERROR_UNAUTHORIZED, "Unauthorized (HTTP 401)" },
    { 401, "application/json", "{\"detail\":\"Unauthorized\"}", MISTRAL_ERROR_UNAUTHORIZED, "Unauthorized (HTTP 401)" },
    { 401, NULL, NULL, MISTRAL_ERROR_UNAUTHORIZED, "Unauthorized (HTTP 401)" },
    { 403, "application/json", "{\"object\":\"error\",\"message\":\"No access to this model\",\"type\":\"invalid_request_error\"}",
      MISTRAL_ERROR_FORBIDDEN, "No access to this model (HTTP 403)" },
    { 404, "application/json", "{\"detail\":\"Not Found\"}", MISTRAL_ERROR_NOT_FOUND, "Not Found (HTTP 404)" },
    { 422, "application/json", "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"stream_options\"],\"msg\":\"Extra inputs are not permitted\",\"input\":{\"include_usage\":true}}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}",
      MISTRAL_ERROR_INVALID_REQUEST, "Extra inputs are not permitted (body.stream_options) (HTTP 422)" },
    { 422, "application/json", "{\"object\":\"error\",\"message\":\"{\\\"detail\\\":[{\\\"type\\\":\\\"missing\\\",\\\"loc\\\":[\\\"body\\\",\\\"model\\\"],\\\"msg\\\":\\\"Field required\\\"}]}\",\"type\":\"internal_error_proxy\",\"code\":\"1000\"}",
      MISTRAL_ERROR_INVALID_REQUEST, "Field required (body.model) (HTTP 422)" },
    { 422, "application/json", "{\"detail\":[{\"type\":\"float_type\",\"loc\":[\"body\",\"messages\",0,\"content\"],\"msg\":\"bad\"},{\"loc\":[\"body\",\"n\"],\"msg\":\"too small\"}]}",
      MISTRAL_ERROR_INVALID_REQUEST, "bad (body.messages.0.content); too small (body.n) (HTTP 422)" },
    { 422, "application/json", "{\"object\":\"Error\",\"detail\":[{\"loc\":[\"body\"],\"msg\":\"x\"}],\"message\":[{\"loc\":[\"body\",\"top_p\"],\"msg\":\"Input should be greater than 0\"}],\"type\":\"invalid_request_error\",\"code\":3001}",
      MISTRAL_ERROR_INVALID_REQUEST, "Input should be greater than 0 (body.top_p) (HTTP 422)" },
    { 429, "application/json", "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}",
      MISTRAL_ERROR_RATE_LIMITED, "Rate limit exceeded (HTTP 429)" },
    { 500, "application/json", "{\"object\":\"error\",\"message\":\"Internal server error\",\"type\":\"server_error\",\"param\":null,\"code\":null}",
      MISTRAL_ERROR_SERVER, "Internal server error (HTTP 500)" },
    { 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>",
      MISTRAL_ERROR_SERVER, "<html><body><h1>502 Bad Gateway</h1></body></html> (HTTP 502)" },
    { 503, "application/json", "{\"object\":\"error\",\"message\":\"Service tier capacity exceeded for this model.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}",
      MISTRAL_ERROR_SERVER, "Service tier capacity exceeded for this model. (HTTP 503)" },
    { 409, "text/plain", "", MISTRAL_ERROR_FAILED, "Conflict (HTTP 409)" },
    { 418, "application/json", "{\"message\":{\"unexpected\":true}}", MISTRAL_ERROR_FAILED, "{\"message\":{\"unexpected\":true}} (HTTP 418)" },
    /* Escapes json-glib 1.6 would decode to bytes that are not UTF-8 (found
     * by fuzz/fuzz-error-body): the body is not taken as JSON. */
    { 400, "application/json", "{\"message\":\"\\ud800 bad\"}",
      MISTRAL_ERROR_INVALID_REQUEST, "{\"message\":\"\\ud800 bad\"} (HTTP 400)" },
    { 400, "application/json", "\"\\6666\"", MISTRAL_ERROR_INVALID_REQUEST, "\"\\6666\" (HTTP 400)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      MockReply *reply = mock_reply_new (cases[i].status);

      mock_reply_set_validate (reply, FALSE);
      if (cases[i].body != NULL)
        mock_reply_set_body (reply, cases[i].content_type, cases[i].body);
      mock_server_push_reply (fixture->server, reply);

      /* Alternate the two twins: they share one path and must agree. */
      if (i % 2 == 0)
        response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
      else
        response = test_chat_async (fixture->client, request, NULL, &error);

      g_test_message ("HTTP %u: %s", cases[i].status, error ? error->message : "(no error)");
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_null (strstr (error->message, "test-key"));
    }
}

/* The local server checks requests as the API does. */
static void
test_server_side_rejection (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  mock_server_set_api_key (fixture->server, "another-key");
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Unauthorized (HTTP 401)");
}

static void
test_invalid_request_not_sent (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(MistralChatCompletionRequest) empty = mistral_chat_completion_request_new ("m");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  mistral_chat_completion_request_set_temperature (request, 2.0);
  response = test_chat_async (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  response = mistral_client_chat_completion (fixture->client, empty, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);

  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

static void
test_invalid_reply (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *content_type; const char *body; } cases[] = {
    { "text/html", "<html>Maintenance</html>" },
    { "application/json", "" },
    { "application/json", "{\"choices\":\"none\"}" },
    { "application/json", "[1,2,3]" },
    { "application/json", "{\"choices\":[{\"message\":{\"content\":\"\xc3\x28\"}}]}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      MockReply *reply = mock_reply_new (200);

      mock_reply_set_body (reply, cases[i].content_type, cases[i].body);
      mock_server_push_reply (fixture->server, reply);
      response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    }
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  g_cancellable_cancel (cancellable);
  response = test_chat_async (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  response = mistral_client_chat_completion (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Nothing reached libsoup: it would have started a connection (asked
   * the proxy resolver, looked the name up) before it noticed. */
  {
    g_autoptr(GProxyResolver) resolver = test_slow_proxy_resolver_new (10);
    g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", resolver, NULL);
    g_autoptr(MistralClient) client = test_client_new_for_session (fixture->server, session);
    gint64 until;

    response = test_chat_async (client, request, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    response = mistral_client_chat_completion (client, request, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    /* libsoup would have started it in its next turn of the I/O thread. */
    until = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (test_slow_proxy_resolver_get_lookups (resolver), ==, 0);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
  }
}

static gpointer
cancel_later_thread (gpointer cancellable)
{
  g_usleep (100 * 1000);
  g_cancellable_cancel (cancellable);
  return NULL;
}

/* Cancelling while the server thinks ends the call at once. */
static void
test_cancel_waiting (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GThread) thread = NULL;
  MockReply *reply;
  gint64 start;

  reply = mock_reply_new_json (200, "{\"choices\":[]}");
  mock_reply_set_delay_ms (reply, 5000);
  mock_server_push_reply (fixture->server, reply);
  g_timeout_add (100, test_cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  response = test_chat_async (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The blocking twin, cancelled from another thread. */
  g_object_unref (cancellable);
  cancellable = g_cancellable_new ();
  reply = mock_reply_new_json (200, "{\"choices\":[]}");
  mock_reply_set_delay_ms (reply, 5000);
  mock_server_push_reply (fixture->server, reply);
  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  start = g_get_monotonic_time ();
  response = mistral_client_chat_completion (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  MockReply *reply = mock_reply_new_json (200, "{\"choices\":[]}");
  gint64 start;

  mock_reply_set_delay_ms (reply, 5000);
  mock_server_push_reply (fixture->server, reply);
  mistral_client_set_timeout (fixture->client, 1);
  start = g_get_monotonic_time ();
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_network_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autofree char *dead_url = g_strdup (mock_server_get_url (fixture->server));

  if (test_skip_through_front (NULL, TEST_FRONT_ANSWERS_RESETS))
    return;

  /* A reset connection, with no response at all. */
  mock_server_push_reply (fixture->server, mock_reply_new_reset ());
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
  g_clear_error (&error);

  /* Nobody listening. */
  g_clear_pointer (&fixture->server, mock_server_free);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
  g_clear_error (&error);

  /* Not a URL the client can use. */
  mistral_client_set_base_url (fixture->client, "not a url");
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  mistral_client_set_base_url (fixture->client, "ftp://example.com");
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
}

static void
test_redirect_not_followed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  MockReply *reply = mock_reply_new (307);

  mock_reply_add_header (reply, "Location", "http://127.0.0.2:9/steal");
  mock_server_push_reply (fixture->server, reply);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "redirect"));
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
}

static void
test_base_url_trailing_slash (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autofree char *url = g_strconcat (mock_server_get_url (fixture->server), "/", NULL);

  mistral_client_set_base_url (fixture->client, url);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
}

static void
test_retry_then_success (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Again");
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  MockReply *reply = mock_reply_new_json (503, "{\"object\":\"error\",\"message\":\"Busy\",\"type\":\"server_error\"}");

  mock_reply_add_header (reply, "Retry-After", "0");
  mock_server_push_reply (fixture->server, reply);
  reply = mock_reply_new_json (400, "{\"object\":\"error\",\"message\":\"Nope\",\"type\":\"invalid_request_error\"}");
  mistral_client_set_max_retries (fixture->client, 1);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, "Echo: Again");
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);

  /* A 400 is never retried. */
  g_clear_object (&response);
  mock_server_clear_requests (fixture->server);
  mock_server_push_reply (fixture->server, reply);
  response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
}

static void
test_environment (void)
{
  g_autoptr(MistralClient) client = NULL;

  g_setenv ("MISTRAL_API_KEY", "env-key", TRUE);
  g_setenv ("MISTRAL_BASE_URL", "http://127.0.0.1:1", TRUE);
  client = mistral_client_new_from_environment ();
  g_assert_cmpstr (mistral_client_get_api_key (client), ==, "env-key");
  g_assert_cmpstr (mistral_client_get_base_url (client), ==, "http://127.0.0.1:1");
  g_clear_object (&client);

  g_unsetenv ("MISTRAL_BASE_URL");
  client = mistral_client_new_from_environment ();
  g_assert_cmpstr (mistral_client_get_base_url (client), ==, "https://api.mistral.ai");
  g_assert_cmpuint (mistral_client_get_max_retries (client), ==, 2);
  g_assert_cmpuint (mistral_client_get_timeout (client), ==, 120);
  g_assert_cmpstr (mistral_client_get_user_agent (client), ==, "mistral-glib/" MISTRAL_VERSION_S);
  g_assert_true (SOUP_IS_SESSION (mistral_client_get_session (client)));
  g_unsetenv ("MISTRAL_API_KEY");
}

static void
test_custom_session (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(MistralClient) client = g_object_new (MISTRAL_TYPE_CLIENT, "session", session, NULL);

  g_assert_true (mistral_client_get_session (client) == session);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD_HTTP ("/chat/text/async", test_text_async);
  TEST_ADD_HTTP ("/chat/text/blocking", test_text_blocking);
  TEST_ADD_HTTP ("/chat/text/fixture", test_scripted_fixture);
  TEST_ADD_HTTP ("/chat/tool-calls", test_tool_call_conversation);
  TEST_ADD_HTTP ("/chat/json-schema", test_json_mode);
  TEST_ADD_HTTP ("/chat/several-choices", test_several_choices);
  TEST_ADD_HTTP ("/chat/max-tokens", test_max_tokens_length);
  TEST_ADD_HTTP ("/chat/errors/http", test_http_errors);
  TEST_ADD_HTTP ("/chat/errors/server-checks", test_server_side_rejection);
  TEST_ADD_HTTP ("/chat/errors/invalid-request", test_invalid_request_not_sent);
  TEST_ADD_HTTP ("/chat/errors/invalid-reply", test_invalid_reply);
  TEST_ADD_HTTP ("/chat/errors/network", test_network_errors);
  TEST_ADD_HTTP ("/chat/errors/redirect", test_redirect_not_followed);
  TEST_ADD_HTTP ("/chat/cancel/before", test_cancel_before);
  TEST_ADD_HTTP ("/chat/cancel/waiting", test_cancel_waiting);
  TEST_ADD_HTTP ("/chat/timeout", test_timeout);
  TEST_ADD_HTTP ("/chat/base-url/trailing-slash", test_base_url_trailing_slash);
  TEST_ADD_HTTP ("/chat/retry/then-success", test_retry_then_success);
  g_test_add_func ("/chat/client/environment", test_environment);
  g_test_add_func ("/chat/client/custom-session", test_custom_session);

  return g_test_run ();
}

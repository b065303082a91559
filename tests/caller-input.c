// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Hostile input from the caller, header by header: every public function
 * given NULL, an object of the wrong type, an empty string, NaN or a
 * negative number either refuses it with a critical (g_return_if_fail:
 * a programming error, and nothing changes) or, for values a request may
 * hold until it is sent, fails with MISTRAL_ERROR_INVALID_REQUEST before
 * anything goes on the wire. Never a crash. (request-json.c covers the
 * numeric ranges; objects.c a few constructors.) */

#include <math.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

#define LOG_DOMAIN "Mistral"

/* Not one of ours: every type check must refuse it. */
static GObject *stranger;

/* @expr, evaluated with `self` NULL and then an object of another type,
 * must emit a critical each time (and do nothing). */
#define BAD_SELF(expr) \
  G_STMT_START { \
    for (guint bad_ = 0; bad_ < 2; bad_++) \
      { \
        gpointer self = bad_ == 0 ? NULL : (gpointer) stranger; \
        g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*"); \
        (void) (expr); \
        g_test_assert_expected_messages (); \
      } \
  } G_STMT_END

#define CRITICAL(expr) \
  G_STMT_START { \
    g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*assertion*failed*"); \
    (void) (expr); \
    g_test_assert_expected_messages (); \
  } G_STMT_END

/* The request is refused before sending, and the message says why. */
static void
assert_invalid (MistralChatCompletionRequest *request,
                const char                   *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_chat_completion_request_to_json (request, &error);

  g_test_message ("-> %s", error ? error->message : json);
  g_assert_null (json);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
assert_valid (MistralChatCompletionRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_chat_completion_request_to_json (request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

/* mistral-client.h ----------------------------------------------------------- */

static void
on_never (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_assert_not_reached ();
}

static void
test_client (void)
{
  g_autoptr(MistralClient) client = mistral_client_new ("test-key");
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) foreign = g_task_new (stranger, NULL, NULL, NULL);

  BAD_SELF (mistral_client_get_api_key (self));
  BAD_SELF (mistral_client_set_api_key (self, "k"));
  BAD_SELF (mistral_client_get_base_url (self));
  BAD_SELF (mistral_client_set_base_url (self, "http://localhost"));
  BAD_SELF (mistral_client_get_timeout (self));
  BAD_SELF (mistral_client_set_timeout (self, 1));
  BAD_SELF (mistral_client_get_max_retries (self));
  BAD_SELF (mistral_client_set_max_retries (self, 1));
  BAD_SELF (mistral_client_get_user_agent (self));
  BAD_SELF (mistral_client_set_user_agent (self, "ua"));
  BAD_SELF (mistral_client_get_session (self));
  BAD_SELF (mistral_client_chat_completion_async (self, request, NULL, on_never, NULL));
  BAD_SELF (mistral_client_chat_completion (self, request, NULL, NULL));
  BAD_SELF (mistral_client_chat_completion_stream (self, request));

  /* The request, the cancellable, the error and the result. */
  BAD_SELF (mistral_client_chat_completion_async (client, self, NULL, on_never, NULL));
  BAD_SELF (mistral_client_chat_completion (client, self, NULL, NULL));
  BAD_SELF (mistral_client_chat_completion_stream (client, self));
  CRITICAL (mistral_client_chat_completion_async (client, request, (GCancellable *) stranger, on_never, NULL));
  CRITICAL (mistral_client_chat_completion (client, request, (GCancellable *) stranger, NULL));
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "already set");
  CRITICAL (mistral_client_chat_completion (client, request, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  CRITICAL (mistral_client_chat_completion_finish (client, G_ASYNC_RESULT (foreign), NULL));
  CRITICAL (mistral_client_chat_completion_finish (client, NULL, NULL));

  /* Out of range: refused, the value kept. */
  CRITICAL (mistral_client_set_max_retries (client, 101));
  g_assert_cmpuint (mistral_client_get_max_retries (client), ==, 2);
  CRITICAL (mistral_client_set_max_retries (client, (guint) -1));
  g_assert_cmpuint (mistral_client_get_max_retries (client), ==, 2);
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*max-retries*");
  g_object_set (client, "max-retries", 1000, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (mistral_client_get_max_retries (client), ==, 2);

  /* NULL restores a default, where there is one. */
  mistral_client_set_base_url (client, NULL);
  g_assert_cmpstr (mistral_client_get_base_url (client), ==, MISTRAL_DEFAULT_BASE_URL);
  mistral_client_set_user_agent (client, NULL);
  g_assert_cmpstr (mistral_client_get_user_agent (client), ==, "mistral-glib/" MISTRAL_VERSION_S);
  mistral_client_set_api_key (client, NULL);
  g_assert_null (mistral_client_get_api_key (client));

  /* A session of the wrong type: GObject refuses it, the client makes its own. */
  {
    g_autoptr(MistralClient) other = NULL;

    g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_CRITICAL, "*invalid object type*SoupSession*");
    other = g_object_new (MISTRAL_TYPE_CLIENT, "session", stranger, NULL);
    g_test_assert_expected_messages ();
    g_assert_true (SOUP_IS_SESSION (mistral_client_get_session (other)));
  }

  /* A cancelled cancellable is not an error of the caller's. */
  g_cancellable_cancel (cancellable);
  g_assert_null (mistral_client_chat_completion (client, request, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Base URLs and keys a request cannot use: refused when sent, with nothing
 * sent; an empty or missing key goes out without Authorization. */
static void
test_client_values (void)
{
  g_autoptr(MockServer) server = mock_server_new ();
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  const char *bad_urls[] = { "", "   ", "http://", "http:///v1", "file:///etc/passwd", "ftp://example.com",
                             "mailto:someone@example.com", "localhost:8080",
                             "http://[::1", "\xff\xfe" };
  const char *no_keys[] = { NULL, "" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr(MistralClient) client = mistral_client_new ("test-key");
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(MistralChatCompletionStream) stream = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (bad_urls[i], NULL);

      /* Escaped: TAP readers reject a line that is not UTF-8. */
      g_test_message ("base URL “%s”", shown);
      mistral_client_set_base_url (client, bad_urls[i]);
      response = mistral_client_chat_completion (client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, "base URL"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);

      stream = mistral_client_chat_completion_stream (client, request);
      response = mistral_chat_completion_stream_run (stream, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (no_keys); i++)
    {
      g_autoptr(MistralClient) client = mistral_client_new (no_keys[i]);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(MockRequest) sent = NULL;
      g_autoptr(GError) error = NULL;

      mistral_client_set_base_url (client, mock_server_get_url (server));
      mistral_client_set_timeout (client, 0);
      mistral_client_set_user_agent (client, "");
      response = mistral_client_chat_completion (client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
      sent = mock_server_get_last_request (server);
      g_assert_null (mock_request_get_header (sent, "Authorization"));
    }
  g_assert_cmpuint (mock_server_get_n_requests (server), ==, 2);
}

/* mistral-chat-completion-request.h ------------------------------------------ */

static void
test_request_bad_self (void)
{
  g_autoptr(JsonNode) schema = json_from_string ("{\"type\":\"object\"}", NULL);
  const char *stop[] = { "x", NULL };

  BAD_SELF (mistral_chat_completion_request_get_model (self));
  BAD_SELF (mistral_chat_completion_request_set_model (self, "m"));
  BAD_SELF (mistral_chat_completion_request_get_messages (self));
  BAD_SELF (mistral_chat_completion_request_add_message (self, NULL));
  BAD_SELF (mistral_chat_completion_request_get_tools (self));
  BAD_SELF (mistral_chat_completion_request_add_tool (self, NULL));
  BAD_SELF (mistral_chat_completion_request_set_tools (self, NULL, 0));
  BAD_SELF (mistral_chat_completion_request_get_max_tokens (self));
  BAD_SELF (mistral_chat_completion_request_set_max_tokens (self, 1));
  BAD_SELF (mistral_chat_completion_request_get_temperature (self));
  BAD_SELF (mistral_chat_completion_request_set_temperature (self, 0.5));
  BAD_SELF (mistral_chat_completion_request_get_top_p (self));
  BAD_SELF (mistral_chat_completion_request_set_top_p (self, 0.5));
  BAD_SELF (mistral_chat_completion_request_get_frequency_penalty (self));
  BAD_SELF (mistral_chat_completion_request_set_frequency_penalty (self, 0.5));
  BAD_SELF (mistral_chat_completion_request_get_presence_penalty (self));
  BAD_SELF (mistral_chat_completion_request_set_presence_penalty (self, 0.5));
  BAD_SELF (mistral_chat_completion_request_get_n (self));
  BAD_SELF (mistral_chat_completion_request_set_n (self, 1));
  BAD_SELF (mistral_chat_completion_request_get_random_seed (self));
  BAD_SELF (mistral_chat_completion_request_set_random_seed (self, 1));
  BAD_SELF (mistral_chat_completion_request_get_parallel_tool_calls (self));
  BAD_SELF (mistral_chat_completion_request_set_parallel_tool_calls (self, TRUE));
  BAD_SELF (mistral_chat_completion_request_get_safe_prompt (self));
  BAD_SELF (mistral_chat_completion_request_set_safe_prompt (self, TRUE));
  BAD_SELF (mistral_chat_completion_request_get_prompt_mode (self));
  BAD_SELF (mistral_chat_completion_request_set_prompt_mode (self, "reasoning"));
  BAD_SELF (mistral_chat_completion_request_get_stop (self));
  BAD_SELF (mistral_chat_completion_request_set_stop (self, stop));
  BAD_SELF (mistral_chat_completion_request_get_stream (self));
  BAD_SELF (mistral_chat_completion_request_set_streaming (self, TRUE));
  BAD_SELF (mistral_chat_completion_request_get_response_format (self));
  BAD_SELF (mistral_chat_completion_request_set_response_format (self, NULL));
  BAD_SELF (mistral_chat_completion_request_set_response_text_format (self));
  BAD_SELF (mistral_chat_completion_request_set_response_json_object_format (self));
  BAD_SELF (mistral_chat_completion_request_set_response_json_schema (self, "s", schema, TRUE));
  BAD_SELF (mistral_chat_completion_request_set_response_json_schema_from_string (self, "s", "{}", TRUE, NULL));
  BAD_SELF (mistral_chat_completion_request_get_tool_choice (self));
  BAD_SELF (mistral_chat_completion_request_set_tool_choice (self, MISTRAL_TOOL_CHOICE_TYPE_ANY));
  BAD_SELF (mistral_chat_completion_request_get_tool_choice_function (self));
  BAD_SELF (mistral_chat_completion_request_set_tool_choice_function (self, "f"));
  BAD_SELF (mistral_chat_completion_request_to_json (self, NULL));
}

static void
test_request_bad_arguments (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(MistralTool) tool = mistral_tool_new ("f", NULL, NULL);
  g_autoptr(JsonNode) schema = json_from_string ("{\"type\":\"object\"}", NULL);
  g_autoptr(GError) error = NULL;
  MistralTool *with_null[] = { tool, NULL };
  MistralTool *with_stranger[] = { tool, (MistralTool *) stranger };
  g_autofree char *before = mistral_chat_completion_request_to_json (request, NULL);
  g_autofree char *after = NULL;

  BAD_SELF (mistral_chat_completion_request_add_message (request, self));
  BAD_SELF (mistral_chat_completion_request_add_tool (request, self));
  CRITICAL (mistral_chat_completion_request_set_response_format (request, (gpointer) stranger));
  CRITICAL (mistral_chat_completion_request_set_tools (request, NULL, 3));
  CRITICAL (mistral_chat_completion_request_set_tools (request, with_null, 2));
  CRITICAL (mistral_chat_completion_request_set_tools (request, with_stranger, 2));
  CRITICAL (mistral_chat_completion_request_set_tool_choice (request, (MistralToolChoiceType) -1));
  CRITICAL (mistral_chat_completion_request_set_tool_choice (request, (MistralToolChoiceType) 99));
  CRITICAL (mistral_chat_completion_request_set_response_json_schema (request, NULL, schema, TRUE));
  CRITICAL (mistral_chat_completion_request_set_response_json_schema (request, "s", NULL, TRUE));
  CRITICAL (mistral_chat_completion_request_set_response_json_schema_from_string (request, NULL, "{}", TRUE, NULL));
  CRITICAL (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", NULL, TRUE, NULL));
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "already set");
  CRITICAL (mistral_chat_completion_request_to_json (request, &error));
  CRITICAL (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", "{}", TRUE, &error));
  g_clear_error (&error);

  /* None of it changed the request. */
  after = mistral_chat_completion_request_to_json (request, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* Values a request may hold while it is being built, refused when it is
 * serialised or sent. */
static void
test_request_values (void)
{
  static const double bad_doubles[] = { NAN, INFINITY, -INFINITY, -1.0, -0.0001, 1e308, -1e308 };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_doubles); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");

      /* Each alone, so that each is caught on its own. */
      mistral_chat_completion_request_set_temperature (request, bad_doubles[i]);
      assert_invalid (request, "temperature");
      g_clear_object (&request);

      request = test_hello_request ("Hi");
      mistral_chat_completion_request_set_top_p (request, bad_doubles[i]);
      assert_invalid (request, "top-p");
      g_clear_object (&request);

      if (bad_doubles[i] < -2.0 || bad_doubles[i] > 2.0 || isnan (bad_doubles[i]))
        {
          request = test_hello_request ("Hi");
          mistral_chat_completion_request_set_frequency_penalty (request, bad_doubles[i]);
          assert_invalid (request, "frequency-penalty");
          g_clear_object (&request);

          request = test_hello_request ("Hi");
          mistral_chat_completion_request_set_presence_penalty (request, bad_doubles[i]);
          assert_invalid (request, "presence-penalty");
        }
    }

  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");

    mistral_chat_completion_request_set_max_tokens (request, G_MININT);
    assert_invalid (request, "max-tokens");
    mistral_chat_completion_request_set_max_tokens (request, 10);
    mistral_chat_completion_request_set_n (request, G_MININT);
    assert_invalid (request, "n is");
    mistral_chat_completion_request_set_n (request, 1);
    mistral_chat_completion_request_set_random_seed (request, G_MININT64);
    assert_invalid (request, "random-seed");
    mistral_chat_completion_request_set_random_seed (request, G_MAXINT64);
    assert_valid (request);
  }

  /* Strings: NULL unsets what is optional; empty is refused. */
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    const char *empty_stop[] = { NULL };

    mistral_chat_completion_request_set_model (request, NULL);
    assert_invalid (request, "model");
    mistral_chat_completion_request_set_model (request, "");
    assert_invalid (request, "model");
    mistral_chat_completion_request_set_model (request, "m");

    mistral_chat_completion_request_set_prompt_mode (request, "");
    assert_invalid (request, "prompt-mode");
    mistral_chat_completion_request_set_prompt_mode (request, NULL);
    assert_valid (request);

    mistral_chat_completion_request_set_tool_choice_function (request, "");
    assert_invalid (request, "tool-choice-function");
    mistral_chat_completion_request_set_tool_choice_function (request, NULL);
    assert_valid (request);

    mistral_chat_completion_request_set_stop (request, empty_stop);
    assert_valid (request);
    mistral_chat_completion_request_set_stop (request, NULL);
    g_assert_null (mistral_chat_completion_request_get_stop (request));
  }

  /* A schema must be a JSON object with a name. */
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(JsonNode) schema = json_from_string ("{\"type\":\"object\"}", NULL);
    g_autoptr(JsonNode) not_object = json_from_string ("\"object\"", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *deep = NULL;

    mistral_chat_completion_request_set_response_json_schema (request, "", schema, TRUE);
    assert_invalid (request, "name");
    mistral_chat_completion_request_set_response_json_schema (request, "s", not_object, TRUE);
    assert_invalid (request, "schema");

    mistral_chat_completion_request_set_response_text_format (request);
    g_assert_false (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", "not json", TRUE, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    g_assert_false (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", "[1,2]", TRUE, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    g_assert_false (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", "", TRUE, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    deep = g_strnfill (100000, '[');
    g_assert_false (mistral_chat_completion_request_set_response_json_schema_from_string (request, "s", deep, TRUE, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    /* The failed calls left the text format alone. */
    g_assert_cmpint (mistral_response_format_get_format_type (mistral_chat_completion_request_get_response_format (request)),
                     ==, MISTRAL_RESPONSE_FORMAT_TYPE_TEXT);
    assert_valid (request);
  }
}

/* Text that is not UTF-8 would make a body that is not JSON: refused. */
static void
test_request_invalid_utf8 (void)
{
  const char *bad = "caf\xe9 \xff\xfe";

  {
    g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new (bad);
    g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Hi");

    mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
    assert_invalid (request, "UTF-8");
  }
  {
    g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("m");
    g_autoptr(MistralUserMessage) user = mistral_user_message_new (bad);

    mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
    assert_invalid (request, "UTF-8");
  }
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    const char *stop[] = { "ok", bad, NULL };

    mistral_chat_completion_request_set_stop (request, stop);
    assert_invalid (request, "UTF-8");
  }
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralTool) tool = mistral_tool_new ("f", bad, NULL);

    mistral_chat_completion_request_add_tool (request, tool);
    assert_invalid (request, "UTF-8");
  }

  /* And nothing of it was sent. */
  {
    g_autoptr(MockServer) server = mock_server_new ();
    g_autoptr(MistralClient) client = mistral_client_new ("test-key");
    g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("m");
    g_autoptr(MistralUserMessage) user = mistral_user_message_new (bad);
    g_autoptr(MistralChatCompletionStream) stream = NULL;
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
    mistral_client_set_base_url (client, mock_server_get_url (server));
    response = mistral_client_chat_completion (client, request, NULL, &error);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    stream = mistral_client_chat_completion_stream (client, request);
    response = mistral_chat_completion_stream_run (stream, NULL, &error);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_assert_cmpuint (mock_server_get_n_requests (server), ==, 0);
  }
}

/* Messages, tools, tool calls, response formats, content chunks ---------------- */

static void
test_messages (void)
{
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Hi");
  g_autoptr(MistralAssistantMessage) assistant = mistral_assistant_message_new (NULL);
  g_autoptr(MistralToolMessage) tool_message = mistral_tool_message_new (NULL, NULL, NULL);
  g_autoptr(MistralContentChunk) chunk = mistral_content_chunk_new_text ("x");

  BAD_SELF (mistral_chat_message_get_role (self));
  BAD_SELF (mistral_chat_message_get_content (self));
  BAD_SELF (mistral_chat_message_set_content (self, "x"));
  BAD_SELF (mistral_chat_message_get_chunks (self));
  BAD_SELF (mistral_chat_message_add_chunk (self, chunk));
  BAD_SELF (mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), self));
  BAD_SELF (mistral_assistant_message_get_tool_calls (self));
  BAD_SELF (mistral_assistant_message_add_tool_call (self, NULL));
  BAD_SELF (mistral_assistant_message_add_tool_call (assistant, self));
  BAD_SELF (mistral_assistant_message_get_prefix (self));
  BAD_SELF (mistral_assistant_message_set_prefix (self, TRUE));
  BAD_SELF (mistral_tool_message_get_tool_call_id (self));
  BAD_SELF (mistral_tool_message_set_tool_call_id (self, "x"));
  BAD_SELF (mistral_tool_message_get_name (self));
  BAD_SELF (mistral_tool_message_set_name (self, "x"));

  /* A message of the wrong subclass. */
  CRITICAL (mistral_assistant_message_get_prefix ((MistralAssistantMessage *) user));
  CRITICAL (mistral_tool_message_get_name ((MistralToolMessage *) user));

  CRITICAL (mistral_system_message_new (NULL));
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (tool_message), ==, NULL);

  /* A user or system message needs some content by the time it is sent. */
  {
    g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("m");
    g_autoptr(MistralUserMessage) empty = mistral_user_message_new (NULL);

    mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (empty));
    assert_invalid (request, "messages[0]");
    mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (empty), chunk);
    assert_valid (request);
  }
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralSystemMessage) system = mistral_system_message_new ("Be brief");

    mistral_chat_message_set_content (MISTRAL_CHAT_MESSAGE (system), NULL);
    mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
    assert_invalid (request, "messages[1]");
  }
}

static void
test_tools (void)
{
  g_autoptr(MistralTool) tool = mistral_tool_new ("f", NULL, NULL);
  g_autoptr(MistralToolCall) call = mistral_tool_call_new (NULL, "f", NULL);
  g_autoptr(JsonNode) params = json_from_string ("{\"type\":\"object\"}", NULL);
  g_autoptr(JsonNode) not_object = json_from_string ("[1]", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = g_strnfill (100000, '{');

  BAD_SELF (mistral_tool_get_name (self));
  BAD_SELF (mistral_tool_set_name (self, "f"));
  BAD_SELF (mistral_tool_get_description (self));
  BAD_SELF (mistral_tool_set_description (self, "d"));
  BAD_SELF (mistral_tool_get_parameters (self));
  BAD_SELF (mistral_tool_set_parameters (self, params));
  BAD_SELF (mistral_tool_set_parameters_from_string (self, "{}", NULL));
  BAD_SELF (mistral_tool_get_strict (self));
  BAD_SELF (mistral_tool_set_strict (self, TRUE));
  BAD_SELF (mistral_tool_call_get_id (self));
  BAD_SELF (mistral_tool_call_set_id (self, "x"));
  BAD_SELF (mistral_tool_call_get_index (self));
  BAD_SELF (mistral_tool_call_set_index (self, 1));
  BAD_SELF (mistral_tool_call_get_function_name (self));
  BAD_SELF (mistral_tool_call_set_function_name (self, "f"));
  BAD_SELF (mistral_tool_call_get_arguments (self));
  BAD_SELF (mistral_tool_call_set_arguments (self, "{}"));
  BAD_SELF (mistral_tool_call_parse_arguments (self, NULL));

  CRITICAL (mistral_tool_new (NULL, NULL, NULL));
  CRITICAL (mistral_tool_new_from_string (NULL, NULL, NULL, NULL));
  CRITICAL (mistral_tool_call_new (NULL, NULL, NULL));

  /* Parameters must be an object: from a string, an error; as a node,
   * when sent. */
  g_assert_null (mistral_tool_new_from_string ("f", NULL, "[1]", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (mistral_tool_new_from_string ("f", NULL, deep, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (mistral_tool_set_parameters_from_string (tool, "nope", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_null (mistral_tool_get_parameters (tool));

  /* A tool needs a name, and object parameters, by the time it is sent. */
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralTool) nameless = mistral_tool_new ("", NULL, NULL);

    mistral_chat_completion_request_add_tool (request, nameless);
    assert_invalid (request, "tools[0]");
    mistral_tool_set_name (nameless, NULL);
    assert_invalid (request, "tools[0]");
    mistral_tool_set_name (nameless, "f");
    assert_valid (request);
    mistral_tool_set_parameters (nameless, not_object);
    assert_invalid (request, "tools[0]");
  }

  /* Arguments that are not JSON are the model's mistake, reported when
   * parsed. */
  mistral_tool_call_set_arguments (call, "{\"city\":");
  g_assert_null (mistral_tool_call_parse_arguments (call, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  mistral_tool_call_set_arguments (call, deep);
  g_assert_null (mistral_tool_call_parse_arguments (call, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
}

static void
test_response_format (void)
{
  g_autoptr(MistralResponseFormat) format = mistral_response_format_new_text ();
  g_autoptr(GError) error = NULL;

  BAD_SELF (mistral_response_format_get_format_type (self));
  BAD_SELF (mistral_response_format_get_name (self));
  BAD_SELF (mistral_response_format_get_description (self));
  BAD_SELF (mistral_response_format_set_description (self, "d"));
  BAD_SELF (mistral_response_format_get_schema (self));
  BAD_SELF (mistral_response_format_get_strict (self));

  CRITICAL (mistral_response_format_new_json_schema_from_string (NULL, "{}", TRUE, NULL));
  CRITICAL (mistral_response_format_new_json_schema_from_string ("s", NULL, TRUE, NULL));
  g_assert_null (mistral_response_format_new_json_schema_from_string ("s", "1", TRUE, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  mistral_response_format_set_description (format, NULL);
  g_assert_null (mistral_response_format_get_description (format));
}

static void
test_content_chunks (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  gint64 ids[] = { 1, 2 };

  BAD_SELF (mistral_content_chunk_get_chunk_type (self));
  BAD_SELF (mistral_content_chunk_get_type_name (self));
  BAD_SELF (mistral_content_chunk_get_text (self));
  BAD_SELF (mistral_content_chunk_get_url (self));
  BAD_SELF (mistral_content_chunk_get_detail (self));
  BAD_SELF (mistral_content_chunk_get_name (self));
  BAD_SELF (mistral_content_chunk_get_file_id (self));
  BAD_SELF (mistral_content_chunk_get_reference_ids (self, NULL));
  BAD_SELF (mistral_content_chunk_get_thinking (self));
  BAD_SELF (mistral_content_chunk_get_closed (self));
  BAD_SELF (mistral_content_chunk_get_signature (self));
  BAD_SELF (mistral_content_chunk_get_raw_json (self));

  CRITICAL (mistral_content_chunk_new_image_url (NULL, NULL));
  CRITICAL (mistral_content_chunk_new_document_url (NULL, "n"));
  CRITICAL (mistral_content_chunk_new_file (NULL));
  CRITICAL (mistral_content_chunk_new_reference (NULL, 2));
  CRITICAL (mistral_content_chunk_new_input_audio (NULL));
  CRITICAL (mistral_content_chunk_new_thinking (NULL));
  CRITICAL (mistral_content_chunk_new_image_from_bytes (bytes, ""));

  /* Edge values that are fine. */
  {
    g_autoptr(MistralContentChunk) none = mistral_content_chunk_new_reference (NULL, 0);
    g_autoptr(MistralContentChunk) two = mistral_content_chunk_new_reference (ids, 2);
    gsize n = 99;

    mistral_content_chunk_get_reference_ids (none, &n);
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpint (mistral_content_chunk_get_reference_ids (two, &n)[1], ==, 2);
  }
}

/* Objects that come from replies. */
static void
test_reply_objects (void)
{
  g_autoptr(MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr(GError) error = NULL;

  BAD_SELF (mistral_chat_completion_response_get_id (self));
  BAD_SELF (mistral_chat_completion_response_get_object (self));
  BAD_SELF (mistral_chat_completion_response_get_created (self));
  BAD_SELF (mistral_chat_completion_response_get_model (self));
  BAD_SELF (mistral_chat_completion_response_get_choices (self));
  BAD_SELF (mistral_chat_completion_response_get_usage (self));
  BAD_SELF (mistral_chat_completion_response_get_latency (self));
  BAD_SELF (mistral_chat_completion_response_get_assistant_message (self));
  BAD_SELF (mistral_chat_completion_choice_get_index (self));
  BAD_SELF (mistral_chat_completion_choice_get_finish_reason (self));
  BAD_SELF (mistral_chat_completion_choice_get_finish_reason_name (self));
  BAD_SELF (mistral_chat_completion_choice_get_message (self));
  BAD_SELF (mistral_completion_chunk_get_id (self));
  BAD_SELF (mistral_completion_chunk_get_object (self));
  BAD_SELF (mistral_completion_chunk_get_created (self));
  BAD_SELF (mistral_completion_chunk_get_model (self));
  BAD_SELF (mistral_completion_chunk_get_choices (self));
  BAD_SELF (mistral_completion_chunk_get_usage (self));
  BAD_SELF (mistral_completion_chunk_get_is_last_chunk (self));
  BAD_SELF (mistral_completion_chunk_get_chunk_latency (self));
  BAD_SELF (mistral_completion_chunk_get_total_latency (self));
  BAD_SELF (mistral_completion_chunk_get_delta_message (self));
  BAD_SELF (mistral_completion_response_stream_choice_get_index (self));
  BAD_SELF (mistral_completion_response_stream_choice_get_delta (self));
  BAD_SELF (mistral_completion_response_stream_choice_get_finish_reason (self));
  BAD_SELF (mistral_completion_response_stream_choice_get_finish_reason_name (self));
  BAD_SELF (mistral_usage_info_get_prompt_tokens (self));
  BAD_SELF (mistral_usage_info_get_completion_tokens (self));
  BAD_SELF (mistral_usage_info_get_total_tokens (self));
  BAD_SELF (mistral_usage_info_get_prompt_audio_seconds (self));
  BAD_SELF (mistral_chat_completion_accumulator_add_chunk (self, NULL));
  BAD_SELF (mistral_chat_completion_accumulator_add_chunk (accumulator, self));
  BAD_SELF (mistral_chat_completion_accumulator_get_n_chunks (self));
  BAD_SELF (mistral_chat_completion_accumulator_get_response (self));

  CRITICAL (mistral_chat_completion_response_new_from_string (NULL, NULL));
  CRITICAL (mistral_chat_completion_response_new_from_json (NULL, NULL));
  CRITICAL (mistral_completion_chunk_new_from_json (NULL, -1, NULL));
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 0);

  g_assert_null (mistral_chat_completion_response_new_from_string ("", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (mistral_completion_chunk_new_from_json ("", 0, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
}

/* mistral-chat-completion-stream.h ------------------------------------------------ */

static void
test_stream (void)
{
  g_autoptr(MistralClient) client = mistral_client_new ("test-key");
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (client, request);
  g_autoptr(GTask) foreign = g_task_new (stranger, NULL, NULL, NULL);

  BAD_SELF (mistral_chat_completion_stream_next_chunk_async (self, NULL, on_never, NULL));
  BAD_SELF (mistral_chat_completion_stream_next_chunk_finish (self, G_ASYNC_RESULT (foreign), NULL));
  BAD_SELF (mistral_chat_completion_stream_next_chunk (self, NULL, NULL));
  BAD_SELF (mistral_chat_completion_stream_run_async (self, NULL, on_never, NULL));
  BAD_SELF (mistral_chat_completion_stream_run_finish (self, G_ASYNC_RESULT (foreign), NULL));
  BAD_SELF (mistral_chat_completion_stream_run (self, NULL, NULL));
  BAD_SELF (mistral_chat_completion_stream_get_response (self));

  CRITICAL (mistral_chat_completion_stream_next_chunk_async (stream, (GCancellable *) stranger, on_never, NULL));
  CRITICAL (mistral_chat_completion_stream_run_async (stream, (GCancellable *) stranger, on_never, NULL));
  CRITICAL (mistral_chat_completion_stream_next_chunk_finish (stream, G_ASYNC_RESULT (foreign), NULL));
  CRITICAL (mistral_chat_completion_stream_run_finish (stream, G_ASYNC_RESULT (foreign), NULL));
}

/* Pulling while a run is on is refused with an error, not a crash. The
 * last test: its connection is the only one of this program, and GIO logs
 * (g_debug) in the I/O thread as it opens it, which must not overlap an
 * expected message of another test (GLib's list of them has no lock). An
 * ASan run crashed in g_logv so, 1 run in 17, when the call made with a
 * cancelled cancellable in /caller-input/client still started a connection
 * in libsoup (it no longer does, see /chat/cancel/before). */
static void
test_stream_busy (void)
{
  g_autoptr(MistralClient) client = mistral_client_new ("test-key");
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");

  {
    g_autoptr(MockServer) server = mock_server_new ();
    g_autoptr(MistralChatCompletionStream) busy = NULL;
    g_autoptr(GAsyncResult) run = NULL;
    g_autoptr(GAsyncResult) pull = NULL;
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(MistralCompletionChunk) chunk = NULL;
    g_autoptr(GError) error = NULL;

    mistral_client_set_base_url (client, mock_server_get_url (server));
    busy = mistral_client_chat_completion_stream (client, request);
    mistral_chat_completion_stream_run_async (busy, NULL, test_async_result_cb, &run);
    mistral_chat_completion_stream_next_chunk_async (busy, NULL, test_async_result_cb, &pull);
    while (run == NULL || pull == NULL)
      g_main_context_iteration (NULL, TRUE);
    chunk = mistral_chat_completion_stream_next_chunk_finish (busy, pull, &error);
    g_assert_null (chunk);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
    g_clear_error (&error);
    response = mistral_chat_completion_stream_run_finish (busy, run, &error);
    g_assert_no_error (error);
    g_assert_nonnull (response);
  }
}

/* The blocking twins wrap the async ones: a refused argument must make
 * them return, not wait forever for a callback that never comes. Run in
 * a subprocess, so that a hang is a failure rather than a stuck suite. */
static void
test_stream_blocking_bad_cancellable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(MistralClient) client = mistral_client_new ("test-key");
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
      g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (client, request);

      /* The object of the wrong type made in main(). */
      CRITICAL (mistral_chat_completion_stream_next_chunk (stream, (GCancellable *) stranger, NULL));
      CRITICAL (mistral_chat_completion_stream_run (stream, (GCancellable *) stranger, NULL));
      return;
    }

  /* In a subprocess: were the blocking twins to wait for a callback that
   * the refused call never makes, the test would hang. */
  g_test_trap_subprocess (NULL, 5 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  stranger = g_object_new (G_TYPE_OBJECT, NULL);
  /* GIO loads its proxy resolver on first use and logs as it does; from the
   * library's I/O thread that log would race g_test_expect_message(), whose
   * list GLib does not lock (an ASan run crashed in g_logv there). */
  g_assert_nonnull (g_proxy_resolver_get_default ());

  g_test_add_func ("/caller-input/client", test_client);
  g_test_add_func ("/caller-input/client/values", test_client_values);
  g_test_add_func ("/caller-input/request/bad-self", test_request_bad_self);
  g_test_add_func ("/caller-input/request/bad-arguments", test_request_bad_arguments);
  g_test_add_func ("/caller-input/request/values", test_request_values);
  g_test_add_func ("/caller-input/request/invalid-utf8", test_request_invalid_utf8);
  g_test_add_func ("/caller-input/messages", test_messages);
  g_test_add_func ("/caller-input/tools", test_tools);
  g_test_add_func ("/caller-input/response-format", test_response_format);
  g_test_add_func ("/caller-input/content-chunks", test_content_chunks);
  g_test_add_func ("/caller-input/reply-objects", test_reply_objects);
  g_test_add_func ("/caller-input/stream", test_stream);
  g_test_add_func ("/caller-input/stream/blocking-bad-cancellable", test_stream_blocking_bad_cancellable);
  g_test_add_func ("/caller-input/stream/busy", test_stream_busy);

  ret = g_test_run ();
  g_clear_object (&stranger);
  return ret;
}

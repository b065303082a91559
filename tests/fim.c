// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* FIM (code completion) over real HTTP against the local server: the
 * request's exact JSON for every field, its validation, every field of a
 * reply, blocking, async and streamed (the chunks in order, and the
 * accumulated reply), the error statuses and cancellation. */

#include <math.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

#define PROMPT "def add(a, b):\n    "
#define SUFFIX "\n\nprint(add(1, 2))\n"
#define PROMPT_JSON "def add(a, b):\\n    "
#define SUFFIX_JSON "\\n\\nprint(add(1, 2))\\n"

static void
assert_json (MistralFimCompletionRequest *request,
             const char                  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_fim_completion_request_to_json (request, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static void
assert_invalid (MistralFimCompletionRequest *request,
                const char                  *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_fim_completion_request_to_json (request, &error);

  g_assert_null (json);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_request_json (void)
{
  const char *stop[] = { "\n\n", "def ", NULL };
  g_autoptr(MistralFimCompletionRequest) request =
    mistral_fim_completion_request_new ("codestral-latest", PROMPT, NULL);
  g_auto(GStrv) stop_back = NULL;
  guint notified = 0;
  gboolean is_set = TRUE;
  gint64 seed = 0;

  /* Nothing optional is sent until it is set. */
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\"}");

  g_signal_connect_swapped (request, "notify", G_CALLBACK (count_notify), &notified);
  mistral_fim_completion_request_set_suffix (request, SUFFIX);
  mistral_fim_completion_request_set_temperature (request, 0.25);
  mistral_fim_completion_request_set_top_p (request, 0.5);
  mistral_fim_completion_request_set_max_tokens (request, 64);
  mistral_fim_completion_request_set_min_tokens (request, 2);
  mistral_fim_completion_request_set_stop (request, stop);
  mistral_fim_completion_request_set_random_seed (request, 42);
  /* suffix, stop: 1 each; the five options: value and -set flag each. */
  g_assert_cmpuint (notified, ==, 2 + 5 * 2);

  /* The same values again notify nothing. */
  notified = 0;
  mistral_fim_completion_request_set_temperature (request, 0.25);
  mistral_fim_completion_request_set_max_tokens (request, 64);
  mistral_fim_completion_request_set_stop (request, stop);
  mistral_fim_completion_request_set_suffix (request, SUFFIX);
  g_assert_cmpuint (notified, ==, 0);

  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\",\"suffix\":\"" SUFFIX_JSON "\","
                        "\"temperature\":0.25,\"top_p\":0.5,\"max_tokens\":64,\"min_tokens\":2,"
                        "\"stop\":[\"\\n\\n\",\"def \"],\"random_seed\":42}");

  /* The stream property asks for a stream. */
  mistral_fim_completion_request_set_stream (request, TRUE);
  g_assert_true (mistral_fim_completion_request_get_stream (request));
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\",\"suffix\":\"" SUFFIX_JSON "\","
                        "\"temperature\":0.25,\"top_p\":0.5,\"max_tokens\":64,\"min_tokens\":2,\"stream\":true,"
                        "\"stop\":[\"\\n\\n\",\"def \"],\"random_seed\":42}");

  /* The getters and the properties give the values back. */
  g_assert_cmpstr (mistral_fim_completion_request_get_model (request), ==, "codestral-latest");
  g_assert_cmpstr (mistral_fim_completion_request_get_prompt (request), ==, PROMPT);
  g_assert_cmpstr (mistral_fim_completion_request_get_suffix (request), ==, SUFFIX);
  g_assert_cmpfloat (mistral_fim_completion_request_get_temperature (request), ==, 0.25);
  g_assert_cmpfloat (mistral_fim_completion_request_get_top_p (request), ==, 0.5);
  g_assert_cmpint (mistral_fim_completion_request_get_max_tokens (request), ==, 64);
  g_assert_cmpint (mistral_fim_completion_request_get_min_tokens (request), ==, 2);
  g_assert_cmpint (mistral_fim_completion_request_get_random_seed (request), ==, 42);
  g_assert_true (g_strv_equal (mistral_fim_completion_request_get_stop (request), stop));
  g_object_get (request, "stop", &stop_back, "random-seed", &seed, "min-tokens-set", &is_set, NULL);
  g_assert_true (g_strv_equal ((const char * const *) stop_back, stop));
  g_assert_cmpint (seed, ==, 42);
  g_assert_true (is_set);

  /* Each -set flag unsets its field again, and so does NULL. */
  g_object_set (request, "stream", FALSE, "temperature-set", FALSE, "top-p-set", FALSE, "max-tokens-set", FALSE,
                "min-tokens-set", FALSE, "random-seed-set", FALSE, "suffix", NULL, "stop", NULL, NULL);
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\"}");

  /* Set through properties, as the bindings do. */
  g_object_set (request, "max-tokens", 0, "random-seed", (gint64) 0, "suffix", "", NULL);
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\",\"suffix\":\"\","
                        "\"max_tokens\":0,\"random_seed\":0}");
}

static void
test_request_invalid (void)
{
  g_autoptr(MistralFimCompletionRequest) request = mistral_fim_completion_request_new (NULL, "x", NULL);

  assert_invalid (request, "The request has no model");
  mistral_fim_completion_request_set_model (request, "");
  assert_invalid (request, "The request has no model");
  mistral_fim_completion_request_set_model (request, "codestral-latest");
  mistral_fim_completion_request_set_prompt (request, NULL);
  assert_invalid (request, "The request has no prompt");

  /* An empty prompt is a prompt. */
  mistral_fim_completion_request_set_prompt (request, "");
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"\"}");

  mistral_fim_completion_request_set_temperature (request, 1.6);
  assert_invalid (request, "temperature is 1.6; it must be at least 0 and at most 1.5");
  mistral_fim_completion_request_set_temperature (request, NAN);
  assert_invalid (request, "temperature is nan; it must be at least 0 and at most 1.5");
  mistral_fim_completion_request_set_temperature (request, 1.5);
  mistral_fim_completion_request_set_top_p (request, 0);
  assert_invalid (request, "top-p is 0; it must be greater than 0 and at most 1");
  mistral_fim_completion_request_set_top_p (request, 1);
  mistral_fim_completion_request_set_max_tokens (request, -1);
  assert_invalid (request, "max-tokens is -1; it must be at least 0 and at most 2.14748e+09");
  mistral_fim_completion_request_set_max_tokens (request, 0);
  mistral_fim_completion_request_set_min_tokens (request, -3);
  assert_invalid (request, "min-tokens is -3; it must be at least 0 and at most 2.14748e+09");
  mistral_fim_completion_request_set_min_tokens (request, 0);
  mistral_fim_completion_request_set_random_seed (request, -1);
  assert_invalid (request, "random-seed is -1; it must be at least 0 and at most 9.22337e+18");
  mistral_fim_completion_request_set_random_seed (request, 7);
  assert_json (request, "{\"model\":\"codestral-latest\",\"prompt\":\"\",\"temperature\":1.5,\"top_p\":1.0,"
                        "\"max_tokens\":0,\"min_tokens\":0,\"random_seed\":7}");
}

static MistralFimCompletionRequest *
add_request (void)
{
  return mistral_fim_completion_request_new ("codestral-latest", PROMPT, SUFFIX);
}

static const char *
message_text (MistralChatCompletionResponse *response)
{
  return mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (mistral_chat_completion_response_get_assistant_message (response)));
}

/* The default completion, as the local server derives it. */
static void
assert_add_completion (MistralChatCompletionResponse *response,
                       MistralFinishReason            finish_reason)
{
  g_autoptr(MistralChatCompletionChoice) choice = NULL;
  MistralUsageInfo *usage = mistral_chat_completion_response_get_usage (response);
  gboolean whole = finish_reason == MISTRAL_FINISH_REASON_STOP;

  g_assert_cmpuint (strlen (mistral_chat_completion_response_get_id (response)), ==, 32);
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, "codestral-latest");
  g_assert_cmpint (g_date_time_to_unix (mistral_chat_completion_response_get_created (response)), >, 1700000000);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 1);
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, finish_reason);
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (mistral_chat_completion_choice_get_message (choice))),
                   ==, MISTRAL_ROLE_ASSISTANT);
  g_assert_cmpstr (message_text (response), ==, whole ? "return a + b" : "return a");
  g_assert_cmpstr (mistral_chat_completion_response_get_content (response), ==, message_text (response));
  /* "def", "add(a,", "b):", "print(add(1,", "2))"; "return", " a", " +", " b". */
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage), ==, 5);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, whole ? 4 : 2);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==, whole ? 9 : 7);
}

static void
test_blocking (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  /* A streamed request is still answered whole here. */
  mistral_fim_completion_request_set_stream (request, TRUE);
  response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);

  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/v1/fim/completions");
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Type"), ==, "application/json");
  body = mock_request_dup_body (sent);
  g_assert_cmpstr (body, ==, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\",\"suffix\":\"" SUFFIX_JSON "\"}");
  assert_add_completion (response, MISTRAL_FINISH_REASON_STOP);
}

/* Every field of a scripted reply, exactly. */
static void
test_reply_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MistralChatCompletionChoice) choice = NULL;
  g_autoptr(GError) error = NULL;
  MistralUsageInfo *usage;

  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json",
    "{\"id\":\"5b35cc2e69bf4ba9a11373ee1f1937f8\",\"object\":\"chat.completion\",\"created\":1767261700,"
    "\"model\":\"codestral-2508\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
    "\"content\":\"return a + b\",\"tool_calls\":null,\"prefix\":false},\"finish_reason\":\"length\"}],"
    "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}"));
  response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, "5b35cc2e69bf4ba9a11373ee1f1937f8");
  g_assert_cmpstr (mistral_chat_completion_response_get_object (response), ==, "chat.completion");
  g_assert_cmpint (g_date_time_to_unix (mistral_chat_completion_response_get_created (response)), ==, 1767261700);
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, "codestral-2508");
  g_assert_cmpstr (mistral_chat_completion_response_get_content (response), ==, "return a + b");
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_LENGTH);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "length");
  usage = mistral_chat_completion_response_get_usage (response);
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage), ==, 12);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, 5);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==, 17);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Every option, which the server accepts; cut at max_tokens: finish
   * reason "length". */
  mistral_fim_completion_request_set_max_tokens (request, 2);
  mistral_fim_completion_request_set_min_tokens (request, 1);
  mistral_fim_completion_request_set_temperature (request, 0.0);
  mistral_fim_completion_request_set_top_p (request, 1.0);
  mistral_fim_completion_request_set_random_seed (request, 1);
  mistral_fim_completion_request_set_stop (request, (const char *[]) { "\n\n", NULL });
  mistral_client_fim_completion_async (fixture->client, request, NULL, test_async_result_cb, &result);
  response = mistral_client_fim_completion_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  assert_add_completion (response, MISTRAL_FINISH_REASON_LENGTH);
}

static void
record_chunk (MistralChatCompletionStream *stream,
              MistralCompletionChunk      *chunk,
              GPtrArray                   *texts)
{
  const char *text = test_delta_text (chunk);

  g_ptr_array_add (texts, g_strdup_printf ("%s%s", text != NULL ? text : "(none)",
                                           mistral_completion_chunk_get_usage (chunk) != NULL ? " +usage" : ""));
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const expected[] = { "", "return", " a", " +", " b +usage", NULL };
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(MistralChatCompletionStream) stream = mistral_client_fim_completion_stream (fixture->client, request);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(MockRequest) sent = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      g_ptr_array_set_size (texts, 0);
      g_signal_connect (stream, "chunk", G_CALLBACK (record_chunk), texts);
      if (async)
        response = test_stream_run_async (stream, NULL, &error);
      else
        response = mistral_chat_completion_stream_run (stream, NULL, &error);
      g_assert_no_error (error);

      sent = mock_server_get_last_request (fixture->server);
      g_assert_cmpstr (sent->path, ==, "/v1/fim/completions");
      body = mock_request_dup_body (sent);
      g_assert_cmpstr (body, ==, "{\"model\":\"codestral-latest\",\"prompt\":\"" PROMPT_JSON "\",\"suffix\":\""
                                 SUFFIX_JSON "\",\"stream\":true}");

      /* The chunks, in order, the last with the usage; then the reply
       * they add up to, the same as the plain one. */
      g_ptr_array_add (texts, NULL);
      g_assert_cmpstrv ((const char * const *) texts->pdata, expected);
      g_ptr_array_set_size (texts, texts->len - 1);
      assert_add_completion (response, MISTRAL_FINISH_REASON_STOP);
      g_clear_object (&response);
      response = mistral_chat_completion_stream_get_response (stream);
      g_assert_cmpstr (mistral_chat_completion_response_get_content (response), ==, "return a + b");
    }
}

/* Pulled one chunk at a time, into an accumulator of one's own. */
static void
test_stream_pull (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(MistralChatCompletionStream) stream = mistral_client_fim_completion_stream (fixture->client, request);
  g_autoptr(MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  MistralCompletionChunk *chunk;

  while ((chunk = mistral_chat_completion_stream_next_chunk (stream, NULL, &error)) != NULL)
    {
      mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
      g_object_unref (chunk);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 5);
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpstr (mistral_chat_completion_response_get_content (response), ==, "return a + b");
}

static void
test_completion_shapes (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *prompt;
    const char *completion;
  } cases[] = {
    { "int\nsum3 (int a, int *b, const char *c) {\n  ", "return a + b + c;" },
    { "def area(self, width: float, height=2):\n    ", "return width + height" },
    { "def answer():\n    ", "return None" },
    { "int main (void) {\n", "return 0;" },
    { "x = ", "pass" },
    { "", "pass" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralFimCompletionRequest) request =
        mistral_fim_completion_request_new ("codestral-latest", cases[i].prompt, NULL);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (mistral_chat_completion_response_get_content (response), ==, cases[i].completion);
    }
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *model;
    int code;
    const char *message;
  } cases[] = {
    { "mock-error-401", MISTRAL_ERROR_UNAUTHORIZED, "Unauthorized" },
    { "mock-error-422", MISTRAL_ERROR_INVALID_REQUEST, "Extra inputs are not permitted" },
    { "mock-error-429", MISTRAL_ERROR_RATE_LIMITED, "Rate limit exceeded" },
    { "mock-error-500", MISTRAL_ERROR_SERVER, "Internal server error" },
  };
  g_autoptr(MistralFimCompletionRequest) request = add_request ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionStream) stream = NULL;
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      mistral_fim_completion_request_set_model (request, cases[i].model);
      response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);

      stream = mistral_client_fim_completion_stream (fixture->client, request);
      response = mistral_chat_completion_stream_run (stream, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, cases[i].code);
    }

  /* The server's own 422, to a body it refuses. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    mock_server_push_reply (fixture->server, test_reply_body (422, "application/json",
      "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"prompt\"],"
      "\"msg\":\"Field required\",\"input\":{}}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}"));
    mistral_fim_completion_request_set_model (request, "codestral-latest");
    response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_assert_nonnull (strstr (error->message, "Field required"));
  }

  /* An invalid request is never sent, plain or streamed. */
  {
    g_autoptr(MistralChatCompletionStream) stream = NULL;
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    guint n = mock_server_get_n_requests (fixture->server);

    mistral_fim_completion_request_set_top_p (request, 2);
    response = mistral_client_fim_completion (fixture->client, request, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_clear_error (&error);
    stream = mistral_client_fim_completion_stream (fixture->client, request);
    response = mistral_chat_completion_stream_run (stream, NULL, &error);
    g_assert_null (response);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, n);
  }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MistralFimCompletionRequest) request = add_request ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MistralChatCompletionStream) stream = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* While waiting for a slow reply. */
  mistral_fim_completion_request_set_model (request, "mock-slow-5000");
  g_timeout_add (100, test_cancel_cb, cancellable);
  mistral_client_fim_completion_async (fixture->client, request, cancellable, test_async_result_cb, &result);
  response = mistral_client_fim_completion_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Mid-stream. */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  start = g_get_monotonic_time ();
  mistral_fim_completion_request_set_model (request, "mock-stream-slow-1000");
  stream = mistral_client_fim_completion_stream (fixture->client, request);
  g_timeout_add (300, test_cancel_cb, cancellable);
  response = test_stream_run_async (stream, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing is sent. */
  mock_server_clear_requests (fixture->server);
  response = mistral_client_fim_completion (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fim/request/json", test_request_json);
  g_test_add_func ("/fim/request/invalid", test_request_invalid);
  TEST_ADD_HTTP ("/fim/blocking", test_blocking);
  TEST_ADD_HTTP ("/fim/reply-fields", test_reply_fields);
  TEST_ADD_HTTP ("/fim/async", test_async);
  TEST_ADD_HTTP ("/fim/stream", test_stream);
  TEST_ADD_HTTP ("/fim/stream-pull", test_stream_pull);
  TEST_ADD_HTTP ("/fim/completion-shapes", test_completion_shapes);
  TEST_ADD_HTTP ("/fim/errors", test_errors);
  TEST_ADD_HTTP ("/fim/cancel", test_cancel);

  return g_test_run ();
}

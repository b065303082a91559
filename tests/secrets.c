// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The API key never shows in a log or an error: with MISTRAL_DEBUG
 * logging every exchange (headers, or bodies too), against a server that
 * echoes the key back in error bodies, in a Location header and in a
 * reply, every line printed or logged and every error message is checked. */

#include <stdio.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

#define KEY "sk-SECRET-0123456789abcdef"

static GMutex output_lock;
static GString *output;   /* everything printed (g_print, g_printerr) */

static void
capture_print (const char *text)
{
  g_mutex_lock (&output_lock);
  g_string_append (output, text);
  g_mutex_unlock (&output_lock);
  fputs (text, stdout);
  fflush (stdout);
}

static void
capture_printerr (const char *text)
{
  g_mutex_lock (&output_lock);
  g_string_append (output, text);
  g_mutex_unlock (&output_lock);
  fputs (text, stderr);
}

/* Everything printed and logged since the last call. */
static char *
take_output (void)
{
  g_autoptr(GPtrArray) lines = test_log_capture_take ();
  GString *all;

  g_mutex_lock (&output_lock);
  all = g_string_new (output->str);
  g_string_truncate (output, 0);
  g_mutex_unlock (&output_lock);

  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (all, lines->pdata[i]);
      g_string_append_c (all, '\n');
    }
  return g_string_free (all, FALSE);
}

typedef struct {
  MockServer *server;
  MistralClient *client;
  GPtrArray *messages;   /* every error message */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  /* Read when the client makes its session; set before the server's
   * thread starts (setenv is not thread-safe). */
  g_setenv ("MISTRAL_DEBUG", data, TRUE);
  fixture->client = mistral_client_new (KEY);
  g_unsetenv ("MISTRAL_DEBUG");
  fixture->server = mock_server_new ();
  mock_server_set_api_key (fixture->server, KEY);
  mistral_client_set_base_url (fixture->client, mock_server_get_url (fixture->server));
  mistral_client_set_max_retries (fixture->client, 0);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  g_free (take_output ());
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, mock_server_free);
  g_clear_pointer (&fixture->messages, g_ptr_array_unref);
}

/* A plain request (or a stream) answered by @reply, that must fail with
 * @code; its message is kept for the final check. */
static void
expect_failure (Fixture     *fixture,
                MockReply   *reply,
                gboolean     streamed,
                MistralError code)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  if (reply != NULL)
    mock_server_push_reply (fixture->server, reply);
  if (streamed)
    {
      g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (fixture->client, request);

      response = mistral_chat_completion_stream_run (stream, NULL, &error);
    }
  else
    response = mistral_client_chat_completion (fixture->client, request, NULL, &error);

  g_assert_null (response);
  /* Not printed as it is: this output is checked too. */
  g_test_message ("error: %s", strstr (error->message, KEY) != NULL ? "(contains the key)" : error->message);
  g_assert_error (error, MISTRAL_ERROR, (int) code);
  g_ptr_array_add (fixture->messages, g_strdup (error->message));
}

static void
assert_no_key (Fixture    *fixture,
               const char *logs)
{
  g_assert_null (strstr (logs, KEY));
  for (guint i = 0; i < fixture->messages->len; i++)
    g_assert_null (strstr (fixture->messages->pdata[i], KEY));
}

static MockReply *
echo_reply (guint       status,
            const char *content_type,
            const char *body)
{
  MockReply *reply = mock_reply_new (status);

  mock_reply_set_validate (reply, FALSE);
  mock_reply_set_body (reply, content_type, body);
  return reply;
}

static void
test_requests (Fixture       *fixture,
               gconstpointer  data)
{
  gboolean bodies = g_strcmp0 (data, "body") == 0;
  g_autofree char *logs = NULL;
  MockReply *reply;

  /* Success: the logger is on, and shows the header without the key. */
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (fixture->client, request);
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&response);
    response = mistral_chat_completion_stream_run (stream, NULL, &error);
    g_assert_no_error (error);
  }

  /* A reply that carries the key (the model repeating the prompt). */
  {
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    mock_server_push_reply (fixture->server,
                            mock_reply_new_json (200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                                      "\"content\":\"Your key is " KEY "\"},\"finish_reason\":\"stop\"}]}"));
    response = mistral_client_chat_completion (fixture->client, request, NULL, &error);
    g_assert_no_error (error);
  }

  /* Error bodies that echo the key, as JSON and as text. */
  expect_failure (fixture, echo_reply (401, "application/json",
                                       "{\"message\":\"Invalid API key " KEY "\",\"request_id\":\"x\"}"),
                  FALSE, MISTRAL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (fixture->messages->pdata[0], ==, "Invalid API key [redacted] (HTTP 401)");
  expect_failure (fixture, echo_reply (403, "text/html", "<html>Forbidden: Bearer " KEY "</html>"),
                  FALSE, MISTRAL_ERROR_FORBIDDEN);
  expect_failure (fixture, echo_reply (401, "application/json",
                                       "{\"message\":{\"detail\":[{\"msg\":\"bad key " KEY "\",\"loc\":[\"header\"]}]}}"),
                  TRUE, MISTRAL_ERROR_UNAUTHORIZED);
  expect_failure (fixture, echo_reply (422, "application/json",
                                       "{\"object\":\"error\",\"message\":\"{\\\"detail\\\":\\\"" KEY "\\\"}\"}"),
                  TRUE, MISTRAL_ERROR_INVALID_REQUEST);

  /* Retried, then failed: the debug message of the retry too. */
  mistral_client_set_max_retries (fixture->client, 1);
  reply = echo_reply (503, "text/plain", "Overloaded, key " KEY);
  mock_reply_add_header (reply, "Retry-After", "0");
  mock_server_push_reply (fixture->server, reply);
  expect_failure (fixture, echo_reply (503, "text/plain", "Still overloaded, key " KEY), FALSE, MISTRAL_ERROR_SERVER);
  mistral_client_set_max_retries (fixture->client, 0);

  /* A redirect whose target carries it. */
  reply = mock_reply_new (302);
  mock_reply_set_validate (reply, FALSE);
  mock_reply_add_header (reply, "Location", "https://evil.example/collect?key=" KEY);
  expect_failure (fixture, reply, FALSE, MISTRAL_ERROR_FAILED);
  g_assert_nonnull (strstr (fixture->messages->pdata[fixture->messages->len - 1], "evil.example"));

  /* Network errors. */
  expect_failure (fixture, mock_reply_new_reset (), FALSE, MISTRAL_ERROR_NETWORK);
  g_clear_pointer (&fixture->server, mock_server_free);
  expect_failure (fixture, NULL, TRUE, MISTRAL_ERROR_NETWORK);

  logs = take_output ();
  g_test_message ("%" G_GSIZE_FORMAT " bytes of output checked", strlen (logs));
  /* The logger was on, and was checked: not a test that cannot fail. */
  g_assert_nonnull (strstr (logs, "POST /v1/chat/completions"));
  g_assert_nonnull (strstr (logs, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (logs, "Mistral: Retrying"));
  if (bodies)
    {
      g_assert_nonnull (strstr (logs, "Your key is [redacted]"));
      g_assert_nonnull (strstr (logs, "Invalid API key [redacted]"));
    }
  assert_no_key (fixture, logs);
}

/* An error event inside a stream that echoes the key. */
static void
test_stream_error_event (Fixture       *fixture,
                         gconstpointer  data)
{
  MockReply *reply = mock_reply_new_stream ();
  g_autofree char *logs = NULL;

  mock_reply_add_event (reply, "{\"object\":\"error\",\"message\":\"Key " KEY " was revoked\",\"type\":\"auth\"}");
  expect_failure (fixture, reply, TRUE, MISTRAL_ERROR_SERVER);

  logs = take_output ();
  g_assert_null (strstr (logs, KEY));
  /* The message is made by the stream-chunk reader; the stream scrubs it. */
  g_assert_null (strstr (fixture->messages->pdata[0], KEY));
  assert_no_key (fixture, logs);
}

int
main (int argc, char **argv)
{
  output = g_string_new (NULL);
  test_log_capture_install ();
  g_set_print_handler (capture_print);
  g_set_printerr_handler (capture_printerr);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/secrets/headers-logged", Fixture, "1", fixture_setup, test_requests, fixture_teardown);
  g_test_add ("/secrets/bodies-logged", Fixture, "body", fixture_setup, test_requests, fixture_teardown);
  g_test_add ("/secrets/stream-error-event", Fixture, "body", fixture_setup, test_stream_error_event, fixture_teardown);

  return g_test_run ();
}

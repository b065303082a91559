// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "test-utils.h"

static char *
canonical (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

void
assert_request_json (MistralChatCompletionRequest *request,
                     const char                   *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actual = mistral_chat_completion_request_to_json (request, &error);
  g_autofree char *expected = canonical (expected_json);

  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) a = json_from_string (actual, NULL);
  g_autoptr(JsonNode) b = json_from_string (expected, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  if (!json_node_equal (a, b))
    {
      g_autofree char *a_text = json_to_string (a, FALSE);
      g_autofree char *b_text = json_to_string (b, FALSE);

      g_assert_cmpstr (a_text, ==, b_text);
    }
}

void
count_notify (guint *counter)
{
  (*counter)++;
}

MistralClient *
test_client_new (MockServer *server)
{
  MistralClient *client = mistral_client_new ("test-key");

  mistral_client_set_base_url (client, mock_server_get_url (server));
  return client;
}

void
test_http_setup (TestHttp      *http,
                 gconstpointer  data)
{
  http->server = mock_server_new ();
  http->client = test_client_new (http->server);
  mistral_client_set_max_retries (http->client, 0);
}

void
test_http_teardown (TestHttp      *http,
                    gconstpointer  data)
{
  g_clear_object (&http->client);
  g_clear_pointer (&http->server, mock_server_free);
}

MistralChatCompletionRequest *
test_hello_request (const char *text)
{
  MistralChatCompletionRequest *request = mistral_chat_completion_request_new ("mistral-small-latest");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (text);

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  return request;
}

const char *
test_reply_text (MistralChatCompletionResponse *response)
{
  MistralAssistantMessage *message = mistral_chat_completion_response_get_assistant_message (response);

  /* NULL rather than a critical: the caller's assertion then says which
   * text it expected. */
  return message != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message)) : NULL;
}

static void
count_chunk (MistralChatCompletionStream *stream,
             MistralCompletionChunk      *chunk,
             guint                       *n_chunks)
{
  (*n_chunks)++;
}

void
test_count_chunks (MistralChatCompletionStream *stream,
                   guint                       *n_chunks)
{
  *n_chunks = 0;
  g_signal_connect (stream, "chunk", G_CALLBACK (count_chunk), n_chunks);
}

static GMutex log_capture_lock;
static GPtrArray *log_capture_lines;

static GLogWriterOutput
log_capture_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  g_mutex_lock (&log_capture_lock);
  g_ptr_array_add (log_capture_lines, g_strdup_printf ("%s: %s", domain ? domain : "(none)", message ? message : ""));
  g_mutex_unlock (&log_capture_lock);

  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
test_log_capture_install (void)
{
  log_capture_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_capture_writer, NULL, NULL);
}

GPtrArray *
test_log_capture_take (void)
{
  GPtrArray *lines;

  g_mutex_lock (&log_capture_lock);
  lines = log_capture_lines;
  log_capture_lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&log_capture_lock);

  return lines;
}

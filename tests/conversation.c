// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* MistralConversation against the local server: the items and their
 * signals through a whole turn, the tool loop, cancellation at every phase,
 * truncate and regenerate, and the JSON round trip. */

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef struct {
  MockServer *server;
  MistralClient *client;
  MistralConversation *conversation;
  GString *changes;            /* "position,removed,added;" per items-changed */
  GPtrArray *contents;         /* the content at each notify::content */
  guint n_approvals;
  gboolean busy_in_callback;
} Fixture;

static void
fixture_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Fixture    *fixture)
{
  g_string_append_printf (fixture->changes, "%u,%u,%u;", position, removed, added);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = mock_server_new ();
  fixture->client = test_client_new (fixture->server);
  mistral_client_set_max_retries (fixture->client, 0);
  fixture->conversation = mistral_conversation_new (fixture->client, "mistral-small-latest");
  fixture->changes = g_string_new (NULL);
  fixture->contents = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (fixture_items_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  gpointer weak = fixture->conversation;

  /* A cancelled stream still winds down (its connection, its retry timer)
   * after the send ended; it must soon let go of the conversation. */
  g_object_add_weak_pointer (weak, &weak);
  g_object_unref (fixture->conversation);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, mock_server_free);
  g_string_free (fixture->changes, TRUE);
  g_ptr_array_unref (fixture->contents);
}

static MistralChatMessage *
item_at (MistralConversation *conversation,
         guint                position)
{
  g_autoptr(MistralChatMessage) item = g_list_model_get_item (G_LIST_MODEL (conversation), position);

  g_assert_nonnull (item);
  /* The list keeps it alive. */
  return item;
}

static guint
n_items (MistralConversation *conversation)
{
  return g_list_model_get_n_items (G_LIST_MODEL (conversation));
}

static void
content_notify_cb (MistralChatMessage *message,
                   GParamSpec         *pspec,
                   Fixture            *fixture)
{
  g_ptr_array_add (fixture->contents, g_strdup (mistral_chat_message_get_content (message)));
}

/* Follows the content of each assistant message as it is added. */
static void
watch_replies_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  for (guint i = position; i < position + added; i++)
    {
      MistralChatMessage *item = item_at (MISTRAL_CONVERSATION (model), i);

      if (MISTRAL_IS_ASSISTANT_MESSAGE (item))
        {
          g_ptr_array_add (fixture->contents, g_strdup_printf ("added:%s", mistral_chat_message_get_content (item)));
          g_signal_connect (item, "notify::content", G_CALLBACK (content_notify_cb), fixture);
        }
    }
}

typedef struct {
  Fixture *fixture;
  GAsyncResult *result;
} SendWait;

static void
send_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SendWait *wait = user_data;

  wait->fixture->busy_in_callback = mistral_conversation_get_busy (MISTRAL_CONVERSATION (source));
  wait->result = g_object_ref (result);
}

static MistralAssistantMessage *
send_text (Fixture       *fixture,
           const char    *text,
           GCancellable  *cancellable,
           GError       **error)
{
  SendWait wait = { fixture, NULL };
  MistralAssistantMessage *reply;

  mistral_conversation_send_async (fixture->conversation, text, cancellable, send_done_cb, &wait);
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    g_assert_true (mistral_conversation_get_busy (fixture->conversation));
  reply = mistral_conversation_send_finish (fixture->conversation, test_wait_result (&wait.result), error);
  g_object_unref (wait.result);
  g_assert_false (fixture->busy_in_callback);
  g_assert_false (mistral_conversation_get_busy (fixture->conversation));
  return reply;
}

static char *
request_body (MockServer *server,
              guint       index)
{
  g_autoptr(MockRequest) request = mock_server_get_request (server, index);

  g_assert_nonnull (request);
  return mock_request_dup_body (request);
}

typedef enum {
  TOOL_NOW,               /* answers at once */
  TOOL_LATER,             /* answers after delay_ms */
  TOOL_UNTIL_CANCELLED,   /* never answers, ends when cancelled */
  TOOL_IGNORES_CANCEL,    /* answers after delay_ms, cancelled or not */
  TOOL_FAILS,             /* fails with an error */
} TestToolMode;

#define TEST_TYPE_TOOL (test_tool_get_type ())
G_DECLARE_FINAL_TYPE (TestTool, test_tool, TEST, TOOL, MistralFunctionTool)

/* A turn ------------------------------------------------------------------ */

static void
test_turn (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  guint n_busy = 0;

  mistral_conversation_set_system_prompt (fixture->conversation, "Be brief.");
  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (watch_replies_cb), fixture);
  g_signal_connect_swapped (fixture->conversation, "notify::busy", G_CALLBACK (count_notify), &n_busy);

  reply = send_text (fixture, "Hello there", NULL, &error);
  g_assert_no_error (error);

  /* The user's message, then the reply from its first chunk on. */
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 2);
  g_assert_true (MISTRAL_IS_USER_MESSAGE (item_at (fixture->conversation, 0)));
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 0)), ==, "Hello there");
  g_assert_true (item_at (fixture->conversation, 1) == MISTRAL_CHAT_MESSAGE (reply));
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: Hello there");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (reply)), ==, 0);

  /* One notification per chunk with text, the text growing: the mock
   * streams a word per chunk after an empty first one. */
  g_assert_cmpuint (fixture->contents->len, ==, 4);
  g_assert_cmpstr (fixture->contents->pdata[0], ==, "added:");
  g_assert_cmpstr (fixture->contents->pdata[1], ==, "Echo:");
  g_assert_cmpstr (fixture->contents->pdata[2], ==, "Echo: Hello");
  g_assert_cmpstr (fixture->contents->pdata[3], ==, "Echo: Hello there");
  g_assert_cmpuint (n_busy, ==, 2);

  body = request_body (fixture->server, 0);
  g_assert_cmpstr (body, ==,
                   "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"Hello there\"}],\"stream\":true}");

  /* A second turn sends the whole history, the reply included. */
  g_clear_object (&reply);
  reply = send_text (fixture, "Again", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_free);
  body = request_body (fixture->server, 1);
  g_assert_cmpstr (body, ==,
                   "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                   "{\"role\":\"user\",\"content\":\"Hello there\"},"
                   "{\"role\":\"assistant\",\"content\":\"Echo: Hello there\"},"
                   "{\"role\":\"user\",\"content\":\"Again\"}],\"stream\":true}");
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;2,0,1;3,0,1;");
}

static void
thinking_notify_cb (MistralAssistantMessage *message,
                    GParamSpec              *pspec,
                    GPtrArray               *thoughts)
{
  g_ptr_array_add (thoughts, g_strdup (mistral_assistant_message_get_thinking (message)));
}

static void
watch_thinking_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GPtrArray  *thoughts)
{
  for (guint i = position; i < position + added; i++)
    {
      MistralChatMessage *item = item_at (MISTRAL_CONVERSATION (model), i);
      const char *thinking;

      if (!MISTRAL_IS_ASSISTANT_MESSAGE (item))
        continue;
      thinking = mistral_assistant_message_get_thinking (MISTRAL_ASSISTANT_MESSAGE (item));
      g_ptr_array_add (thoughts, g_strdup_printf ("added:%s", thinking != NULL ? thinking : "(null)"));
      g_signal_connect (item, "notify::thinking", G_CALLBACK (thinking_notify_cb), thoughts);
    }
}

/* A reasoning model: the reply's thinking is live, notified once per chunk
 * that carries reasoning with the text so far; its content too, after it;
 * the reply ends as the whole reply's chunks, and is sent back as such. */
static void
test_thinking (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) thoughts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *json = NULL;
  GListModel *chunks;

  mistral_conversation_set_model (fixture->conversation, "mock-thinking");
  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (watch_replies_cb), fixture);
  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (watch_thinking_cb), thoughts);

  reply = send_text (fixture, "Hello there", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;");

  /* Added on the first chunk (the role, no reasoning yet), then one
   * notification per reasoning chunk, growing; at the end, one more with
   * the whole reply's reasoning (the same text). */
  g_assert_cmpuint (thoughts->len, ==, 5);
  g_assert_cmpstr (thoughts->pdata[0], ==, "added:(null)");
  g_assert_cmpstr (thoughts->pdata[1], ==, "Let");
  g_assert_cmpstr (thoughts->pdata[2], ==, "Let me");
  g_assert_cmpstr (thoughts->pdata[3], ==, "Let me think.");
  g_assert_cmpstr (thoughts->pdata[4], ==, "Let me think.");

  /* The text is live as without reasoning: "" while the model thinks. */
  g_assert_cmpuint (fixture->contents->len, ==, 5);
  g_assert_cmpstr (fixture->contents->pdata[0], ==, "added:");
  g_assert_cmpstr (fixture->contents->pdata[1], ==, "Echo:");
  g_assert_cmpstr (fixture->contents->pdata[2], ==, "Echo: Hello");
  g_assert_cmpstr (fixture->contents->pdata[3], ==, "Echo: Hello there");
  g_assert_cmpstr (fixture->contents->pdata[4], ==, "Echo: Hello there");

  g_assert_cmpstr (mistral_assistant_message_get_thinking (reply), ==, "Let me think.");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: Hello there");
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (reply));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 0)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 1)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_TEXT);

  /* Saved and loaded with its reasoning. */
  json = mistral_conversation_to_json (fixture->conversation);
  {
    g_autoptr(MistralConversation) loaded = mistral_conversation_new_from_json (json, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mistral_assistant_message_get_thinking (MISTRAL_ASSISTANT_MESSAGE (item_at (loaded, 1))), ==,
                     "Let me think.");
    g_assert_cmpstr (mistral_chat_message_get_content (item_at (loaded, 1)), ==, "Echo: Hello there");
  }

  /* The next turn sends the reasoning back, as chunks. */
  g_clear_object (&reply);
  reply = send_text (fixture, "Again", NULL, &error);
  g_assert_no_error (error);
  body = request_body (fixture->server, 1);
  g_assert_cmpstr (body, ==,
                   "{\"model\":\"mock-thinking\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"},"
                   "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\","
                   "\"text\":\"Let me think.\"}]},{\"type\":\"text\",\"text\":\"Echo: Hello there\"}]},"
                   "{\"role\":\"user\",\"content\":\"Again\"}],\"stream\":true}");
}

static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) options = mistral_chat_completion_request_new ("mistral-large-latest");
  g_autoptr(MistralUserMessage) ignored = mistral_user_message_new ("not sent");
  g_autoptr(MistralTool) tool = mistral_tool_new_from_string ("not_sent", NULL, "{\"type\":\"object\"}", NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char * const stop[] = { "END", NULL };

  mistral_chat_completion_request_set_temperature (options, 0.25);
  mistral_chat_completion_request_set_max_tokens (options, 64);
  mistral_chat_completion_request_set_random_seed (options, 7);
  mistral_chat_completion_request_set_stop (options, stop);
  mistral_chat_completion_request_set_safe_prompt (options, TRUE);
  mistral_chat_completion_request_set_prompt_cache_key (options, "cache-1");
  mistral_chat_completion_request_add_message (options, MISTRAL_CHAT_MESSAGE (ignored));
  mistral_chat_completion_request_add_tool (options, tool);

  /* The template's model applies when the conversation has none. */
  mistral_conversation_set_model (fixture->conversation, NULL);
  mistral_conversation_set_options (fixture->conversation, options);
  reply = send_text (fixture, "Hi", NULL, &error);
  g_assert_no_error (error);

  body = request_body (fixture->server, 0);
  assert_json_equal (body,
                     "{\"model\":\"mistral-large-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                     "\"temperature\":0.25,\"max_tokens\":64,\"random_seed\":7,\"stop\":[\"END\"],"
                     "\"safe_prompt\":true,\"prompt_cache_key\":\"cache-1\",\"stream\":true}");

  /* The template is read at each request; the conversation's model wins. */
  mistral_chat_completion_request_set_temperature (options, 0.5);
  mistral_conversation_set_model (fixture->conversation, "mistral-small-latest");
  g_clear_object (&reply);
  reply = send_text (fixture, "Hi again", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&body, g_free);
  body = request_body (fixture->server, 1);
  assert_json_equal (body,
                     "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                     "{\"role\":\"assistant\",\"content\":\"Echo: Hi\"},{\"role\":\"user\",\"content\":\"Hi again\"}],"
                     "\"temperature\":0.5,\"max_tokens\":64,\"random_seed\":7,\"stop\":[\"END\"],"
                     "\"safe_prompt\":true,\"prompt_cache_key\":\"cache-1\",\"stream\":true}");
}

static void
test_send_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MistralUserMessage) message = mistral_user_message_new ("What is this?");
  g_autoptr(MistralContentChunk) image = mistral_content_chunk_new_image_url ("https://example.com/cat.png", NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (message), image);
  mistral_conversation_send_message_async (fixture->conversation, MISTRAL_CHAT_MESSAGE (message), NULL,
                                           test_async_result_cb, &result);
  reply = mistral_conversation_send_message_finish (fixture->conversation, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (item_at (fixture->conversation, 0) == MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: What is this?");
  body = request_body (fixture->server, 0);
  g_assert_cmpstr (body, ==,
                   "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":["
                   "{\"type\":\"text\",\"text\":\"What is this?\"},"
                   "{\"type\":\"image_url\",\"image_url\":\"https://example.com/cat.png\"}]}],\"stream\":true}");
}

static void
test_blocking (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (watch_replies_cb), fixture);
  reply = mistral_conversation_send (fixture->conversation, "Blocking", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: Blocking");
  g_assert_false (mistral_conversation_get_busy (fixture->conversation));
  /* The signals came in this thread, while it waited. */
  g_assert_cmpuint (fixture->contents->len, ==, 3);
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;");
}

static MockReply *tool_calls_reply (const char *calls);
static TestTool *test_tool_new (const char   *name,
                                TestToolMode  mode,
                                guint         delay_ms,
                                const char   *answer,
                                GPtrArray    *log);

static void
test_blocking_tool (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) later = test_tool_new ("later", TOOL_LATER, 50, "later result", log);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* The tool answers from a timeout of the default main context, which the
   * blocking send iterates. */
  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (later));
  mock_server_push_reply (fixture->server,
                          tool_calls_reply ("[{\"id\":\"call_a\",\"type\":\"function\",\"function\":"
                                            "{\"name\":\"later\",\"arguments\":\"{}\"},\"index\":0}]"));
  reply = mistral_conversation_send (fixture->conversation, "Blocking", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Tool said: later result");
  g_assert_cmpuint (log->len, ==, 2);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MistralConversation) lonely = mistral_conversation_new (NULL, "mistral-small-latest");
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* No client: refused before anything changes. */
  mistral_conversation_send_async (lonely, "Hi", NULL, test_async_result_cb, &result);
  reply = mistral_conversation_send_finish (lonely, test_wait_result (&result), &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_null (reply);
  g_assert_cmpuint (n_items (lonely), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Nothing to regenerate. */
  mistral_conversation_regenerate_async (lonely, NULL, test_async_result_cb, &result);
  reply = mistral_conversation_regenerate_finish (lonely, test_wait_result (&result), &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_clear_object (&result);

  /* An HTTP error: the user's message stays, nothing else. */
  mistral_conversation_set_model (fixture->conversation, "mock-error-500");
  reply = send_text (fixture, "Fail", NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_null (reply);
  g_assert_cmpuint (n_items (fixture->conversation), ==, 1);
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;");
}

static void
test_pending (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  mistral_conversation_send_async (fixture->conversation, "One", NULL, test_async_result_cb, &first);
  mistral_conversation_send_async (fixture->conversation, "Two", NULL, test_async_result_cb, &second);
  reply = mistral_conversation_send_finish (fixture->conversation, test_wait_result (&second), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_null (reply);
  g_clear_error (&error);
  g_assert_true (mistral_conversation_get_busy (fixture->conversation));

  reply = mistral_conversation_send_finish (fixture->conversation, test_wait_result (&first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: One");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 2);
}

static void
test_truncate_regenerate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(MistralAssistantMessage) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  reply = send_text (fixture, "First", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&reply);
  reply = send_text (fixture, "Second", NULL, &error);
  g_assert_no_error (error);
  g_string_truncate (fixture->changes, 0);

  /* Regenerate: the last reply goes, a new one comes. */
  mistral_conversation_regenerate_async (fixture->conversation, NULL, test_async_result_cb, &result);
  g_assert_true (mistral_conversation_get_busy (fixture->conversation));
  again = mistral_conversation_regenerate_finish (fixture->conversation, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (again != reply);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (again)), ==, "Echo: Second");
  g_assert_cmpstr (fixture->changes->str, ==, "3,1,0;3,0,1;");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 4);
  body = request_body (fixture->server, 2);
  g_assert_cmpstr (body, ==,
                   "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"First\"},"
                   "{\"role\":\"assistant\",\"content\":\"Echo: First\"},"
                   "{\"role\":\"user\",\"content\":\"Second\"}],\"stream\":true}");

  /* Edit: truncate at the second user message, send the new text. */
  g_string_truncate (fixture->changes, 0);
  mistral_conversation_truncate (fixture->conversation, 2);
  g_assert_cmpuint (n_items (fixture->conversation), ==, 2);
  mistral_conversation_truncate (fixture->conversation, 5);
  g_assert_cmpstr (fixture->changes->str, ==, "2,2,0;");
  g_clear_object (&reply);
  reply = send_text (fixture, "Second, edited", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: Second, edited");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 4);
  mistral_conversation_truncate (fixture->conversation, 0);
  g_assert_cmpuint (n_items (fixture->conversation), ==, 0);
}

/* Tools ------------------------------------------------------------------- */

struct _TestTool
{
  MistralFunctionTool parent_instance;
  TestToolMode mode;
  guint delay_ms;
  char *answer;
  GPtrArray *log;       /* "start NAME ARGS" and "end NAME" */
};

G_DEFINE_FINAL_TYPE (TestTool, test_tool, MISTRAL_TYPE_FUNCTION_TOOL)

static gboolean
test_tool_later_cb (gpointer user_data)
{
  GTask *task = user_data;
  TestTool *self = g_task_get_source_object (task);

  g_ptr_array_add (self->log, g_strdup_printf ("end %s", mistral_function_tool_get_name (MISTRAL_FUNCTION_TOOL (self))));
  g_task_return_pointer (task, g_strdup (self->answer), g_free);
  return G_SOURCE_REMOVE;
}

static void
test_tool_cancelled_cb (GCancellable *cancellable,
                        GTask        *task)
{
  g_task_return_error_if_cancelled (task);
}

static void
test_tool_invoke_async (MistralFunctionTool *tool,
                        const char          *arguments,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TestTool *self = TEST_TOOL (tool);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_ptr_array_add (self->log, g_strdup_printf ("start %s %s", mistral_function_tool_get_name (tool), arguments));
  switch (self->mode)
    {
    case TOOL_NOW:
      g_task_return_pointer (task, g_strdup (self->answer), g_free);
      break;
    case TOOL_LATER:
    case TOOL_IGNORES_CANCEL:
      g_timeout_add_full (G_PRIORITY_DEFAULT, self->delay_ms, test_tool_later_cb, g_object_ref (task), g_object_unref);
      break;
    case TOOL_UNTIL_CANCELLED:
      g_assert_nonnull (cancellable);
      g_task_set_check_cancellable (task, TRUE);
      g_cancellable_connect (cancellable, G_CALLBACK (test_tool_cancelled_cb), g_object_ref (task), g_object_unref);
      break;
    case TOOL_FAILS:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such city");
      break;
    }
  g_object_unref (task);
}

static char *
test_tool_invoke_finish (MistralFunctionTool  *tool,
                         GAsyncResult         *result,
                         GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_tool_finalize (GObject *object)
{
  TestTool *self = TEST_TOOL (object);

  g_free (self->answer);
  g_ptr_array_unref (self->log);
  G_OBJECT_CLASS (test_tool_parent_class)->finalize (object);
}

static void
test_tool_class_init (TestToolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_tool_finalize;
  MISTRAL_FUNCTION_TOOL_CLASS (klass)->invoke_async = test_tool_invoke_async;
  MISTRAL_FUNCTION_TOOL_CLASS (klass)->invoke_finish = test_tool_invoke_finish;
}

static void
test_tool_init (TestTool *self)
{
}

static TestTool *
test_tool_new (const char   *name,
               TestToolMode  mode,
               guint         delay_ms,
               const char   *answer,
               GPtrArray    *log)
{
  TestTool *self = g_object_new (TEST_TYPE_TOOL, "name", name, "description", "A test tool", NULL);

  self->mode = mode;
  self->delay_ms = delay_ms;
  self->answer = g_strdup (answer);
  self->log = g_ptr_array_ref (log);
  return self;
}

#define WEATHER_SCHEMA \
  "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"

static char *
weather_call_cb (MistralFunctionTool *tool,
                 JsonObject          *arguments,
                 GPtrArray           *log)
{
  g_ptr_array_add (log, g_strdup_printf ("call %s", json_object_get_string_member (arguments, "city")));
  return g_strdup ("{\"temperature\":21}");
}

static gboolean
count_approval_cb (MistralConversation     *conversation,
                   MistralToolCallApproval *approval,
                   Fixture                 *fixture)
{
  fixture->n_approvals++;
  return FALSE;
}

static void
test_tool_loop (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MistralFunctionTool) weather = mistral_function_tool_new ("get_weather", "The weather now",
                                                                      WEATHER_SCHEMA, NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected = NULL;
  MistralChatMessage *call_item;
  MistralToolCall *call;
  MistralToolMessage *result;

  g_signal_connect (weather, "call", G_CALLBACK (weather_call_cb), log);
  g_signal_connect (fixture->conversation, "approve-tool-call", G_CALLBACK (count_approval_cb), fixture);
  mistral_conversation_add_tool (fixture->conversation, weather);

  /* The mock calls the first tool for a user message, and repeats a tool
   * message's content. */
  reply = send_text (fixture, "Weather in Lyon?", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==,
                   "Tool said: {\"temperature\":21}");
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;2,0,1;3,0,1;");
  g_assert_cmpuint (fixture->n_approvals, ==, 1);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (log->pdata[0], ==, "call test");

  call_item = item_at (fixture->conversation, 1);
  g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (call_item));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (MISTRAL_ASSISTANT_MESSAGE (call_item))), ==, 1);
  call = test_tool_call_at (MISTRAL_ASSISTANT_MESSAGE (call_item), 0);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_weather");
  g_assert_cmpstr (mistral_tool_call_get_arguments (call), ==, "{\"city\":\"test\"}");
  result = MISTRAL_TOOL_MESSAGE (item_at (fixture->conversation, 2));
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (result), ==, mistral_tool_call_get_id (call));
  g_assert_cmpstr (mistral_tool_message_get_name (result), ==, "get_weather");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (result)), ==, "{\"temperature\":21}");
  g_assert_true (item_at (fixture->conversation, 3) == MISTRAL_CHAT_MESSAGE (reply));

  /* Both requests carry the tool; the second the call and its result. */
  first = request_body (fixture->server, 0);
  g_assert_cmpstr (first, ==,
                   "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Lyon?\"}],"
                   "\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                   "\"description\":\"The weather now\",\"parameters\":" WEATHER_SCHEMA "}}]}");
  second = request_body (fixture->server, 1);
  expected = g_strdup_printf ("{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Lyon?\"},"
                              "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"%s\",\"type\":\"function\","
                              "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"test\\\"}\"},\"index\":0}]},"
                              "{\"role\":\"tool\",\"tool_call_id\":\"%s\",\"name\":\"get_weather\",\"content\":\"{\\\"temperature\\\":21}\"}],"
                              "\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                              "\"description\":\"The weather now\",\"parameters\":" WEATHER_SCHEMA "}}]}",
                              mistral_tool_call_get_id (call), mistral_tool_call_get_id (call));
  assert_json_equal (second, expected);

  /* Regenerate drops the reply with its tool round, and runs it again. */
  {
    g_autoptr(MistralAssistantMessage) again = NULL;
    g_autoptr(GAsyncResult) regenerated = NULL;

    g_string_truncate (fixture->changes, 0);
    mistral_conversation_regenerate_async (fixture->conversation, NULL, test_async_result_cb, &regenerated);
    again = mistral_conversation_regenerate_finish (fixture->conversation, test_wait_result (&regenerated), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (fixture->changes->str, ==, "1,3,0;1,0,1;2,0,1;3,0,1;");
    g_assert_cmpuint (log->len, ==, 2);
    g_assert_cmpuint (fixture->n_approvals, ==, 2);
    g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (again)), ==,
                     "Tool said: {\"temperature\":21}");
  }
}

/* A reply whose one chunk calls @calls (a JSON array of tool calls). */
static MockReply *
tool_calls_reply (const char *calls)
{
  g_autofree char *event = g_strdup_printf (TEST_F3_HEAD "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":%s},"
                                            "\"finish_reason\":\"tool_calls\"}]}", calls);

  return test_reply_events (event, NULL);
}

#define CALL(id, name, index) \
  "{\"id\":\"" id "\",\"type\":\"function\",\"function\":{\"name\":\"" name "\",\"arguments\":\"{}\"},\"index\":" #index "}"

static void
test_tool_parallel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) slow = test_tool_new ("slow", TOOL_LATER, 100, "slow result", log);
  g_autoptr(TestTool) fast = test_tool_new ("fast", TOOL_NOW, 0, "fast result", log);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (slow));
  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (fast));
  g_signal_connect (fixture->conversation, "approve-tool-call", G_CALLBACK (count_approval_cb), fixture);
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "slow", 0) "," CALL ("call_b", "fast", 1) "]"));

  reply = send_text (fixture, "Both", NULL, &error);
  g_assert_no_error (error);

  /* Both started before the slow one ended: they ran at once. */
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (log->pdata[0], ==, "start slow {}");
  g_assert_cmpstr (log->pdata[1], ==, "start fast {}");
  g_assert_cmpstr (log->pdata[2], ==, "end slow");
  g_assert_cmpuint (fixture->n_approvals, ==, 2);

  /* The results, in the order of the calls, in one change. */
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;2,0,2;4,0,1;");
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (MISTRAL_TOOL_MESSAGE (item_at (fixture->conversation, 2))), ==, "call_a");
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 2)), ==, "slow result");
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (MISTRAL_TOOL_MESSAGE (item_at (fixture->conversation, 3))), ==, "call_b");
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 3)), ==, "fast result");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Tool said: fast result");
}

static gboolean
deny_later_idle (gpointer approval)
{
  mistral_tool_call_approval_deny (approval, "Not today.");
  /* Only the first answer counts. */
  mistral_tool_call_approval_approve (approval);
  return G_SOURCE_REMOVE;
}

static gboolean
deny_later_cb (MistralConversation     *conversation,
               MistralToolCallApproval *approval,
               Fixture                 *fixture)
{
  fixture->n_approvals++;
  g_assert_cmpstr (mistral_function_tool_get_name (mistral_tool_call_approval_get_tool (approval)), ==, "slow");
  g_assert_cmpstr (mistral_tool_call_get_id (mistral_tool_call_approval_get_tool_call (approval)), ==, "call_a");
  g_assert_false (mistral_tool_call_approval_get_resolved (approval));
  g_idle_add_full (G_PRIORITY_DEFAULT, deny_later_idle, g_object_ref (approval), g_object_unref);
  return TRUE;
}

static void
test_tool_denied (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) slow = test_tool_new ("slow", TOOL_NOW, 0, "never", log);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (slow));
  g_signal_connect (fixture->conversation, "approve-tool-call", G_CALLBACK (deny_later_cb), fixture);
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "slow", 0) "]"));

  reply = send_text (fixture, "Try", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_approvals, ==, 1);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 2)), ==, "Not today.");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Tool said: Not today.");
}

static void
test_tool_failing_and_unknown (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) failing = test_tool_new ("failing", TOOL_FAILS, 0, NULL, log);
  g_autoptr(MistralFunctionTool) silent = mistral_function_tool_new ("silent", NULL, NULL, NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (failing));
  /* A tool without a handler of its call signal. */
  mistral_conversation_add_tool (fixture->conversation, silent);
  g_signal_connect (fixture->conversation, "approve-tool-call", G_CALLBACK (count_approval_cb), fixture);
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "failing", 0) ","
                                                             CALL ("call_b", "nope", 1) ","
                                                             CALL ("call_c", "silent", 2) "]"));

  reply = send_text (fixture, "Try", NULL, &error);
  g_assert_no_error (error);
  /* No approval is asked for a tool that does not exist. */
  g_assert_cmpuint (fixture->n_approvals, ==, 2);
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 2)), ==, "Error: No such city");
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 3)), ==,
                   "Error: there is no tool named \"nope\".");
  g_assert_cmpstr (mistral_chat_message_get_content (item_at (fixture->conversation, 4)), ==,
                   "Error: The tool silent gave no result");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 6);
  g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (item_at (fixture->conversation, 5)));
}

static void
test_tool_round_limit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) tool = test_tool_new ("again", TOOL_NOW, 0, "done", log);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (tool));
  mistral_conversation_set_max_tool_rounds (fixture->conversation, 2);
  for (guint i = 0; i < 3; i++)
    mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "again", 0) "]"));

  reply = send_text (fixture, "Loop", NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "max-tool-rounds"));
  g_assert_null (reply);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 3);
  /* The two complete rounds stay; the third call, unanswered, goes. */
  g_assert_cmpuint (n_items (fixture->conversation), ==, 5);
  g_assert_true (MISTRAL_IS_TOOL_MESSAGE (item_at (fixture->conversation, 4)));
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;2,0,1;3,0,1;4,0,1;5,0,1;5,1,0;");
}

static char *
unset_client_cb (MistralFunctionTool *tool,
                 JsonObject          *arguments,
                 MistralConversation *conversation)
{
  mistral_conversation_set_client (conversation, NULL);
  return g_strdup ("done");
}

static void
test_tool_unsets_client (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MistralFunctionTool) tool = mistral_function_tool_new ("unset", NULL, NULL, NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (tool, "call", G_CALLBACK (unset_client_cb), fixture->conversation);
  mistral_conversation_add_tool (fixture->conversation, tool);
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "unset", 0) "]"));
  reply = send_text (fixture, "Unset", NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_null (reply);
  /* The round was complete: it stays. */
  g_assert_cmpuint (n_items (fixture->conversation), ==, 3);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
}

/* Cancellation ------------------------------------------------------------ */

/* Sends @text, cancels after @cancel_ms (or never, for 0, when the test
 * cancels itself), and checks the end came within @within_ms. */
static void
send_and_cancel (Fixture      *fixture,
                 GCancellable *cancellable,
                 guint         cancel_ms,
                 guint         within_ms)
{
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (cancel_ms > 0)
    g_timeout_add (cancel_ms, test_cancel_cb, cancellable);
  reply = send_text (fixture, "Stop me", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reply);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, within_ms);
  /* The history: the user's message only. */
  g_assert_cmpuint (n_items (fixture->conversation), ==, 1);
  g_assert_true (MISTRAL_IS_USER_MESSAGE (item_at (fixture->conversation, 0)));
}

static void
test_cancel_before_headers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MockReply *reply = test_reply_events (TEST_EVENT ("Late"), TEST_LAST_EVENT, NULL);

  mock_reply_set_delay_ms (reply, 5000);
  mock_server_push_reply (fixture->server, reply);
  send_and_cancel (fixture, cancellable, 100, 1000);
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;");

  /* Sending again works. */
  {
    g_autoptr(MistralAssistantMessage) again = NULL;
    g_autoptr(GError) error = NULL;

    again = send_text (fixture, "Again", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_items (fixture->conversation), ==, 3);
  }
}

static void
cancel_on_second_text_cb (MistralChatMessage *message,
                          GParamSpec         *pspec,
                          GCancellable       *cancellable)
{
  if (g_strcmp0 (mistral_chat_message_get_content (message), "One two") == 0)
    g_cancellable_cancel (cancellable);
}

static void
cancel_mid_stream_added_cb (GListModel   *model,
                            guint         position,
                            guint         removed,
                            guint         added,
                            GCancellable *cancellable)
{
  if (added == 1 && MISTRAL_IS_ASSISTANT_MESSAGE (item_at (MISTRAL_CONVERSATION (model), position)))
    g_signal_connect (item_at (MISTRAL_CONVERSATION (model), position), "notify::content",
                      G_CALLBACK (cancel_on_second_text_cb), cancellable);
}

static void
test_cancel_mid_stream (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MockReply *reply = test_reply_events (TEST_EVENT ("One"), TEST_EVENT (" two"), TEST_EVENT (" three"),
                                        TEST_EVENT (" four"), TEST_LAST_EVENT, NULL);

  mock_reply_set_event_delay_ms (reply, 200);
  mock_server_push_reply (fixture->server, reply);
  g_signal_connect (fixture->conversation, "items-changed", G_CALLBACK (cancel_mid_stream_added_cb), cancellable);
  /* Cancelled from a handler of the reply's own notification. */
  send_and_cancel (fixture, cancellable, 0, 2000);
  /* The partial reply was an item, and is removed. */
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;1,1,0;");
}

static void
test_cancel_in_tool (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) waiting = test_tool_new ("waiting", TOOL_UNTIL_CANCELLED, 0, NULL, log);
  g_autoptr(TestTool) quick = test_tool_new ("quick", TOOL_NOW, 0, "quick", log);

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (waiting));
  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (quick));
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "quick", 0) ","
                                                             CALL ("call_b", "waiting", 1) "]"));
  send_and_cancel (fixture, cancellable, 200, 1000);
  g_assert_cmpuint (log->len, ==, 2);
  /* The call and its unfinished round are removed: no call without result. */
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;1,1,0;");
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
}

static gboolean
invocation_answer_cb (gpointer invocation)
{
  JsonObject *arguments = mistral_tool_invocation_get_arguments_object (invocation);
  g_autofree char *answer = g_strdup_printf ("{\"city\":\"%s\",\"later\":true}",
                                             json_object_get_string_member (arguments, "city"));

  mistral_tool_invocation_return_value (invocation, answer);
  return G_SOURCE_REMOVE;
}

/* call-async: answered from a timeout, or kept until the send is cancelled. */
static gboolean
call_async_cb (MistralFunctionTool    *tool,
               MistralToolInvocation  *invocation,
               MistralToolInvocation **kept)
{
  if (kept != NULL)
    g_set_object (kept, invocation);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, 50, invocation_answer_cb, g_object_ref (invocation), g_object_unref);
  return TRUE;
}

static void
test_tool_call_async (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MistralFunctionTool) weather = mistral_function_tool_new ("get_weather", "The weather now",
                                                                      WEATHER_SCHEMA, NULL);
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (weather, "call-async", G_CALLBACK (call_async_cb), NULL);
  mistral_conversation_add_tool (fixture->conversation, weather);
  reply = send_text (fixture, "Weather in Lyon?", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==,
                   "Tool said: {\"city\":\"test\",\"later\":true}");
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;2,0,1;3,0,1;");
}

static void
test_cancel_in_call_async (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralFunctionTool) weather = mistral_function_tool_new ("get_weather", NULL, WEATHER_SCHEMA, NULL);
  g_autoptr(MistralToolInvocation) kept = NULL;

  g_signal_connect (weather, "call-async", G_CALLBACK (call_async_cb), &kept);
  mistral_conversation_add_tool (fixture->conversation, weather);
  send_and_cancel (fixture, cancellable, 200, 1000);
  g_assert_cmpstr (fixture->changes->str, ==, "0,0,1;1,0,1;1,1,0;");
  /* The invocation was answered by its cancel: the tool's invoke ended. */
  g_assert_nonnull (kept);
  while (!mistral_tool_invocation_get_resolved (kept))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mistral_tool_invocation_get_cancellable (kept) == cancellable);
  mistral_tool_invocation_return_value (kept, "ignored");
}

static gboolean
quit_loop_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_tool_ignores (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) stubborn = test_tool_new ("stubborn", TOOL_IGNORES_CANCEL, 600, "too late", log);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (stubborn));
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "stubborn", 0) "]"));
  /* The send ends long before the tool does. */
  send_and_cancel (fixture, cancellable, 100, 500);
  g_assert_cmpuint (log->len, ==, 1);

  /* The tool's late answer is dropped: nothing changes, nothing is sent. */
  g_timeout_add (800, quit_loop_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (log->pdata[1], ==, "end stubborn");
  g_assert_cmpuint (n_items (fixture->conversation), ==, 1);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
  g_assert_false (mistral_conversation_get_busy (fixture->conversation));
}

static gboolean
hold_approval_cb (MistralConversation      *conversation,
                  MistralToolCallApproval  *approval,
                  MistralToolCallApproval **held)
{
  *held = g_object_ref (approval);
  return TRUE;
}

static void
test_cancel_in_approval (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TestTool) tool = test_tool_new ("tool", TOOL_NOW, 0, "ran", log);
  g_autoptr(MistralToolCallApproval) held = NULL;

  mistral_conversation_add_tool (fixture->conversation, MISTRAL_FUNCTION_TOOL (tool));
  g_signal_connect (fixture->conversation, "approve-tool-call", G_CALLBACK (hold_approval_cb), &held);
  mock_server_push_reply (fixture->server, tool_calls_reply ("[" CALL ("call_a", "tool", 0) "]"));
  send_and_cancel (fixture, cancellable, 200, 1000);
  g_assert_nonnull (held);

  /* An answer after the end is ignored. */
  mistral_tool_call_approval_approve (held);
  g_assert_true (mistral_tool_call_approval_get_approved (held));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_cmpuint (n_items (fixture->conversation), ==, 1);
}

static void
test_cancel_retry_wait (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  MockReply *busy = test_reply_body (503, "application/json", "{\"object\":\"error\",\"message\":\"Busy\"}");

  /* Retries on, and a 503 that asks for a 5 s wait. */
  mistral_client_set_max_retries (fixture->client, 3);
  mock_reply_add_header (busy, "Retry-After", "5");
  mock_server_push_reply (fixture->server, busy);
  send_and_cancel (fixture, cancellable, 300, 1500);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  reply = send_text (fixture, "Never", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_items (fixture->conversation), ==, 0);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

/* JSON -------------------------------------------------------------------- */

static MistralConversation *
rich_conversation (void)
{
  MistralConversation *conversation = mistral_conversation_new (NULL, "mistral-small-latest");
  g_autoptr(GListStore) store = g_list_store_new (MISTRAL_TYPE_CHAT_MESSAGE);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Look:");
  g_autoptr(MistralContentChunk) image = mistral_content_chunk_new_image_url ("https://example.com/a.png", "high");
  g_autoptr(MistralAssistantMessage) calling = mistral_assistant_message_new (NULL);
  g_autoptr(MistralToolCall) call = mistral_tool_call_new ("call_1", "get_weather", "{\"city\":\"Lyon\"}");
  g_autoptr(MistralToolMessage) result = mistral_tool_message_new ("call_1", "get_weather", "{\"t\":21}");
  g_autoptr(MistralAssistantMessage) answer = mistral_assistant_message_new ("Sunny, 21 °C.");
  g_autoptr(MistralContentChunk) thinking = mistral_content_chunk_new_thinking ("It is warm.");
  g_autoptr(MistralContentChunk) text = mistral_content_chunk_new_text ("Warm.");
  g_autoptr(MistralAssistantMessage) reasoned = mistral_assistant_message_new (NULL);
  g_autoptr(MistralSystemMessage) system = mistral_system_message_new ("A mid-conversation note.");
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), image);
  mistral_assistant_message_add_tool_call (calling, call);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (reasoned), thinking);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (reasoned), text);
  mistral_conversation_set_system_prompt (conversation, "Be brief.");
  mistral_conversation_set_max_tool_rounds (conversation, 3);

  /* Items come in through a JSON load: the public way to add them. */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    MistralChatMessage *messages[] = {
      MISTRAL_CHAT_MESSAGE (user), MISTRAL_CHAT_MESSAGE (calling), MISTRAL_CHAT_MESSAGE (result),
      MISTRAL_CHAT_MESSAGE (answer), MISTRAL_CHAT_MESSAGE (system), MISTRAL_CHAT_MESSAGE (reasoned),
    };
    g_autoptr(JsonNode) root = NULL;
    MistralConversation *loaded;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "format");
    json_builder_add_string_value (builder, "mistral-glib-conversation");
    json_builder_set_member_name (builder, "version");
    json_builder_add_int_value (builder, 1);
    json_builder_set_member_name (builder, "model");
    json_builder_add_string_value (builder, "mistral-small-latest");
    json_builder_set_member_name (builder, "system_prompt");
    json_builder_add_string_value (builder, "Be brief.");
    json_builder_set_member_name (builder, "max_tool_rounds");
    json_builder_add_int_value (builder, 3);
    json_builder_set_member_name (builder, "messages");
    json_builder_begin_array (builder);
    for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
      json_builder_add_value (builder, mistral_chat_message_to_json_node (messages[i]));
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json = json_to_string (root, FALSE);
    loaded = mistral_conversation_new_from_json (json, &error);
    g_assert_no_error (error);
    g_object_unref (conversation);
    return loaded;
  }
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MistralConversation) conversation = rich_conversation ();
  g_autoptr(MistralConversation) loaded = NULL;
  g_autofree char *json = mistral_conversation_to_json (conversation);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  MistralChatMessage *item;
  MistralContentChunk *chunk;

  assert_json_equal (json,
                     "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"model\":\"mistral-small-latest\","
                     "\"system_prompt\":\"Be brief.\",\"max_tool_rounds\":3,\"messages\":["
                     "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Look:\"},"
                     "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\",\"detail\":\"high\"}}]},"
                     "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                     "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\"}\"},\"index\":0}]},"
                     "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"name\":\"get_weather\",\"content\":\"{\\\"t\\\":21}\"},"
                     "{\"role\":\"assistant\",\"content\":\"Sunny, 21 °C.\"},"
                     "{\"role\":\"system\",\"content\":\"A mid-conversation note.\"},"
                     "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\","
                     "\"text\":\"It is warm.\"}]},{\"type\":\"text\",\"text\":\"Warm.\"}]}]}");

  loaded = mistral_conversation_new_from_json (json, &error);
  g_assert_no_error (error);
  again = mistral_conversation_to_json (loaded);
  g_assert_cmpstr (again, ==, json);

  g_assert_cmpstr (mistral_conversation_get_model (loaded), ==, "mistral-small-latest");
  g_assert_cmpstr (mistral_conversation_get_system_prompt (loaded), ==, "Be brief.");
  g_assert_cmpuint (mistral_conversation_get_max_tool_rounds (loaded), ==, 3);
  g_assert_null (mistral_conversation_get_client (loaded));
  g_assert_cmpuint (n_items (loaded), ==, 6);
  item = item_at (loaded, 0);
  g_assert_true (MISTRAL_IS_USER_MESSAGE (item));
  chunk = test_content_chunk_at (mistral_chat_message_get_chunks (item), 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL);
  g_assert_cmpstr (mistral_content_chunk_get_url (chunk), ==, "https://example.com/a.png");
  item = item_at (loaded, 1);
  g_assert_cmpstr (mistral_tool_call_get_arguments (test_tool_call_at (MISTRAL_ASSISTANT_MESSAGE (item), 0)), ==,
                   "{\"city\":\"Lyon\"}");
  item = item_at (loaded, 2);
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (MISTRAL_TOOL_MESSAGE (item)), ==, "call_1");
  g_assert_true (MISTRAL_IS_SYSTEM_MESSAGE (item_at (loaded, 4)));
  item = item_at (loaded, 5);
  g_assert_cmpstr (mistral_chat_message_get_content (item), ==, "Warm.");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (mistral_chat_message_get_chunks (item), 0)),
                   ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);

  /* An empty conversation, without model nor system prompt. */
  {
    g_autoptr(MistralConversation) empty = mistral_conversation_new (NULL, NULL);
    g_autofree char *text = mistral_conversation_to_json (empty);

    g_assert_cmpstr (text, ==, "{\n  \"format\" : \"mistral-glib-conversation\",\n  \"version\" : 1,\n"
                               "  \"max_tool_rounds\" : 8,\n  \"messages\" : []\n}");
  }
}

static void
test_json_continue (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralConversation) loaded = rich_conversation ();
  g_autoptr(MistralAssistantMessage) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MockRequest) request = NULL;

  /* A loaded conversation goes on once it has a client. */
  mistral_conversation_set_client (loaded, fixture->client);
  mistral_conversation_send_async (loaded, "And tomorrow?", NULL, test_async_result_cb, &result);
  reply = mistral_conversation_send_finish (loaded, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Echo: And tomorrow?");
  request = mock_server_get_last_request (fixture->server);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (mock_request_get_object (request), "messages")),
                    ==, 8);
}

static void
test_json_hostile (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "", "empty" },
    { "{\"format\":[]}{\"format\":[]}", "not one value" },
    { "{\"format\":\"\\ud800\"}", "surrogate" },
    { "{\"format\":\"\xff\"}", "UTF-8" },
    { "{\"format\":", "not JSON" },
    { "[]", "not a JSON object" },
    { "42", "not a JSON object" },
    { "{\"version\":1,\"messages\":[]}", "format is not" },
    { "{\"format\":\"other\",\"version\":1,\"messages\":[]}", "format is not" },
    { "{\"format\":7,\"version\":1,\"messages\":[]}", "format is an integer" },
    { "{\"format\":\"mistral-glib-conversation\",\"messages\":[]}", "version 0" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":2,\"messages\":[]}", "version 2" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":\"1\",\"messages\":[]}", "version is a string" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1}", "messages is missing" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":{}}", "messages is an object" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"model\":[],\"messages\":[]}", "model is a list" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"max_tool_rounds\":-1,\"messages\":[]}", "max_tool_rounds" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[7]}", "messages[0]" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"content\":\"x\"}]}", "role is missing" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":\"wizard\"}]}", "\"wizard\"" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":7}]}", "role is a number" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":\"user\",\"content\":{}}]}",
      "content is an object" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
      "{\"role\":\"assistant\",\"tool_calls\":\"x\"}]}", "messages[1]: Invalid response: tool_calls is a string" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":\"tool\",\"tool_call_id\":1}]}",
      "tool_call_id is a number" },
    { "{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":7}]}]}",
      "messages[0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralConversation) loaded = mistral_conversation_new_from_json (cases[i].json, &error);

      g_autofree char *shown = g_utf8_make_valid (cases[i].json, -1);

      g_test_message ("%s", shown);
      g_assert_null (loaded);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("\"%s\" does not say \"%s\"", error->message, cases[i].message);
    }

  /* Deep nesting, refused before json-glib recurses into it. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"format\":\"mistral-glib-conversation\",\"version\":1,\"messages\":[");
    g_autoptr(GError) error = NULL;
    g_autoptr(MistralConversation) loaded = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    loaded = mistral_conversation_new_from_json (deep->str, &error);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "nested"));
  }

  /* Brackets inside strings do not count. */
  {
    g_autoptr(GString) text = g_string_new ("{\"format\":\"mistral-glib-conversation\",\"version\":1,"
                                            "\"messages\":[{\"role\":\"user\",\"content\":\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(MistralConversation) loaded = NULL;

    for (guint i = 0; i < 1000; i++)
      g_string_append (text, "[{\\\"");
    g_string_append (text, "\"}]}");
    loaded = mistral_conversation_new_from_json (text->str, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_items (loaded), ==, 1);
  }

  /* Huge: refused by size, before parsing. */
  {
    gsize size = 64 * 1024 * 1024 + 16;
    g_autofree char *huge = g_malloc (size + 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(MistralConversation) loaded = NULL;

    memset (huge, ' ', size);
    huge[size] = '\0';
    loaded = mistral_conversation_new_from_json (huge, &error);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "larger than"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD ("/conversation/turn", test_turn);
  TEST_ADD ("/conversation/thinking", test_thinking);
  TEST_ADD ("/conversation/options", test_options);
  TEST_ADD ("/conversation/send-message", test_send_message);
  TEST_ADD ("/conversation/blocking", test_blocking);
  TEST_ADD ("/conversation/blocking-tool", test_blocking_tool);
  TEST_ADD ("/conversation/errors", test_errors);
  TEST_ADD ("/conversation/pending", test_pending);
  TEST_ADD ("/conversation/truncate-regenerate", test_truncate_regenerate);
  TEST_ADD ("/conversation/tools/loop", test_tool_loop);
  TEST_ADD ("/conversation/tools/parallel", test_tool_parallel);
  TEST_ADD ("/conversation/tools/denied", test_tool_denied);
  TEST_ADD ("/conversation/tools/failing-and-unknown", test_tool_failing_and_unknown);
  TEST_ADD ("/conversation/tools/round-limit", test_tool_round_limit);
  TEST_ADD ("/conversation/tools/call-async", test_tool_call_async);
  TEST_ADD ("/conversation/tools/client-unset", test_tool_unsets_client);
  TEST_ADD ("/conversation/cancel/before-start", test_cancel_before_start);
  TEST_ADD ("/conversation/cancel/before-headers", test_cancel_before_headers);
  TEST_ADD ("/conversation/cancel/mid-stream", test_cancel_mid_stream);
  TEST_ADD ("/conversation/cancel/in-tool", test_cancel_in_tool);
  TEST_ADD ("/conversation/cancel/tool-ignores-cancel", test_cancel_tool_ignores);
  TEST_ADD ("/conversation/cancel/in-approval", test_cancel_in_approval);
  TEST_ADD ("/conversation/cancel/in-call-async", test_cancel_in_call_async);
  TEST_ADD ("/conversation/cancel/retry-wait", test_cancel_retry_wait);
  TEST_ADD ("/conversation/json/round-trip", test_json_round_trip);
  TEST_ADD ("/conversation/json/continue", test_json_continue);
  TEST_ADD ("/conversation/json/hostile", test_json_hostile);

  return g_test_run ();
}

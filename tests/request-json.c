// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The exact JSON bodies requests serialise to, and the checks that refuse
 * invalid requests before anything is sent. */

#include <math.h>

#include <mistral-glib.h>

#include "test-utils.h"

static void
test_minimal (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");

  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\","
                       "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_changes)
{
  (*n_changes)++;
}

/* Editing the conversation: a message removed, then all of them; the
 * list tells its views each time. */
static void
test_remove_clear_messages (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("First");
  g_autoptr(MistralAssistantMessage) reply = mistral_assistant_message_new ("Answer");
  g_autoptr(MistralUserMessage) second = mistral_user_message_new ("Second");
  GListModel *messages = mistral_chat_completion_request_get_messages (request);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint n_changes = 0;

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (reply));
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (second));
  g_signal_connect (messages, "items-changed", G_CALLBACK (count_items_changed), &n_changes);

  mistral_chat_completion_request_remove_message (request, 1);
  g_assert_cmpuint (n_changes, ==, 1);
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\",\"messages\":["
                       "{\"role\":\"user\",\"content\":\"First\"},"
                       "{\"role\":\"user\",\"content\":\"Second\"}]}");

  mistral_chat_completion_request_clear_messages (request);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);
  /* No messages: invalid again, until one is added. */
  json = mistral_chat_completion_request_to_json (request, &error);
  g_assert_null (json);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (second));
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\",\"messages\":["
                       "{\"role\":\"user\",\"content\":\"Second\"}]}");
  g_signal_handlers_disconnect_by_func (messages, count_items_changed, &n_changes);
}

/* Fixture F1 of API-NOTES.md, built through the API. */
static void
test_fixture_f1 (void)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("mistral-small-latest");
  g_autoptr(MistralSystemMessage) system = mistral_system_message_new ("You are a terse weather assistant.");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (NULL);
  g_autoptr(MistralContentChunk) text = mistral_content_chunk_new_text ("Do I need an umbrella in Lyon tomorrow?");
  g_autoptr(MistralTool) tool = NULL;
  g_autoptr(GError) error = NULL;
  const char *stop[] = { "\n\nUser:", NULL };

  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), text);
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_set_temperature (request, 0.3);
  mistral_chat_completion_request_set_top_p (request, 0.95);
  mistral_chat_completion_request_set_max_tokens (request, 256);
  mistral_chat_completion_request_set_random_seed (request, 42);
  mistral_chat_completion_request_set_stop (request, stop);

  tool = mistral_tool_new_from_string ("get_forecast", "Daily forecast for a city",
                                       "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                                       "\"day_offset\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":7}},"
                                       "\"required\":[\"city\",\"day_offset\"],\"additionalProperties\":false}",
                                       &error);
  g_assert_no_error (error);
  mistral_tool_set_strict (tool, TRUE);
  mistral_chat_completion_request_set_tools (request, &tool, 1);
  mistral_chat_completion_request_set_parallel_tool_calls (request, FALSE);
  mistral_chat_completion_request_set_safe_prompt (request, FALSE);

  assert_request_json (request,
    "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a terse weather assistant.\"},"
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Do I need an umbrella in Lyon tomorrow?\"}]}],"
    "\"temperature\":0.3,\"top_p\":0.95,\"max_tokens\":256,\"random_seed\":42,\"stop\":[\"\\n\\nUser:\"],"
    "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Daily forecast for a city\","
    "\"strict\":true,\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
    "\"day_offset\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":7}},\"required\":[\"city\",\"day_offset\"],"
    "\"additionalProperties\":false}}}],\"tool_choice\":\"auto\",\"parallel_tool_calls\":false,\"safe_prompt\":false}");
}

/* Fixture F1b: the tool-call round trip, a named tool choice, a JSON schema. */
static void
test_fixture_f1b (void)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("mistral-small-latest");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Do I need an umbrella in Lyon tomorrow?");
  g_autoptr(MistralAssistantMessage) assistant = mistral_assistant_message_new ("");
  g_autoptr(MistralToolCall) call = mistral_tool_call_new ("Rk7mQ2xPz", "get_forecast",
                                                           "{\"city\": \"Lyon\", \"day_offset\": 1}");
  g_autoptr(MistralToolMessage) tool = mistral_tool_message_new ("Rk7mQ2xPz", "get_forecast",
                                                                 "{\"rain_mm\": 6.5, \"prob\": 0.8}");
  g_autoptr(GError) error = NULL;

  mistral_assistant_message_add_tool_call (assistant, call);
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (assistant));
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (tool));
  mistral_chat_completion_request_set_tool_choice_function (request, "get_forecast");
  g_assert_cmpint (mistral_chat_completion_request_get_tool_choice (request), ==, MISTRAL_TOOL_CHOICE_TYPE_FUNCTION);
  g_assert_true (mistral_chat_completion_request_set_response_json_schema_from_string (
    request, "umbrella_advice",
    "{\"type\":\"object\",\"properties\":{\"umbrella\":{\"type\":\"boolean\"},\"reason\":{\"type\":\"string\"}},"
    "\"required\":[\"umbrella\",\"reason\"],\"additionalProperties\":false}",
    TRUE, &error));
  g_assert_no_error (error);

  assert_request_json (request,
    "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Do I need an umbrella in Lyon tomorrow?\"},"
    "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"Rk7mQ2xPz\",\"type\":\"function\",\"function\":"
    "{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\": \\\"Lyon\\\", \\\"day_offset\\\": 1}\"},\"index\":0}]},"
    "{\"role\":\"tool\",\"tool_call_id\":\"Rk7mQ2xPz\",\"name\":\"get_forecast\",\"content\":\"{\\\"rain_mm\\\": 6.5, \\\"prob\\\": 0.8}\"}],"
    "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"umbrella_advice\",\"schema\":{\"type\":\"object\","
    "\"properties\":{\"umbrella\":{\"type\":\"boolean\"},\"reason\":{\"type\":\"string\"}},\"required\":[\"umbrella\",\"reason\"],"
    "\"additionalProperties\":false},\"strict\":true}},"
    "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\"}}}");
}

/* Each option alone, so that a value of 0 or FALSE is sent too (the Go
 * client's omitempty could not). */
static void
test_options (void)
{
  static const struct {
    const char *property;
    const char *value;  /* GValue contents as JSON text */
    const char *member; /* the JSON the body must gain */
  } cases[] = {
    { "temperature", "0", "\"temperature\":0.0" },
    { "top-p", "1", "\"top_p\":1.0" },
    { "max-tokens", "0", "\"max_tokens\":0" },
    { "n", "3", "\"n\":3" },
    { "random-seed", "0", "\"random_seed\":0" },
    { "frequency-penalty", "-0.5", "\"frequency_penalty\":-0.5" },
    { "presence-penalty", "1.5", "\"presence_penalty\":1.5" },
    { "parallel-tool-calls", "false", "\"parallel_tool_calls\":false" },
    { "safe-prompt", "true", "\"safe_prompt\":true" },
    { "prompt-mode", "\"reasoning\"", "\"prompt_mode\":\"reasoning\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
      g_autoptr(JsonNode) value = json_from_string (cases[i].value, NULL);
      g_auto(GValue) gvalue = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (request), cases[i].property);
      g_autofree char *set_name = g_strconcat (cases[i].property, "-set", NULL);
      g_autofree char *expected = NULL;
      gboolean is_set = TRUE;

      g_assert_nonnull (pspec);
      g_value_init (&gvalue, pspec->value_type);
      if (pspec->value_type == G_TYPE_INT)
        g_value_set_int (&gvalue, json_node_get_int (value));
      else if (pspec->value_type == G_TYPE_INT64)
        g_value_set_int64 (&gvalue, json_node_get_int (value));
      else if (pspec->value_type == G_TYPE_DOUBLE)
        g_value_set_double (&gvalue, json_node_get_double (value));
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&gvalue, json_node_get_boolean (value));
      else
        g_value_set_string (&gvalue, json_node_get_string (value));
      g_object_set_property (G_OBJECT (request), cases[i].property, &gvalue);

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (request), set_name) != NULL)
        {
          g_object_get (request, set_name, &is_set, NULL);
          g_assert_true (is_set);
        }

      expected = g_strdup_printf ("{\"model\":\"mistral-small-latest\","
                                  "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],%s}",
                                  cases[i].member);
      assert_request_json (request, expected);

      /* Unset again: the member is gone. */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (request), set_name) != NULL)
        {
          g_object_set (request, set_name, FALSE, NULL);
          assert_request_json (request,
                               "{\"model\":\"mistral-small-latest\","
                               "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        }
    }
}

static void
test_set_notify (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  guint value_count = 0, set_count = 0;

  g_signal_connect_swapped (request, "notify::temperature", G_CALLBACK (count_notify), &value_count);
  g_signal_connect_swapped (request, "notify::temperature-set", G_CALLBACK (count_notify), &set_count);

  mistral_chat_completion_request_set_temperature (request, 0.7);  /* same value as the default */
  g_assert_cmpuint (value_count, ==, 0);
  g_assert_cmpuint (set_count, ==, 1);
  mistral_chat_completion_request_set_temperature (request, 0.7);
  g_assert_cmpuint (value_count, ==, 0);
  g_assert_cmpuint (set_count, ==, 1);
  mistral_chat_completion_request_set_temperature (request, 0.2);
  g_assert_cmpuint (value_count, ==, 1);
  g_assert_cmpuint (set_count, ==, 1);
  g_object_set (request, "temperature-set", FALSE, NULL);
  g_assert_cmpuint (set_count, ==, 2);
  g_assert_cmpfloat (mistral_chat_completion_request_get_temperature (request), ==, 0.2);
}

static void
test_tool_choice (void)
{
  static const struct { MistralToolChoiceType type; const char *json; } cases[] = {
    { MISTRAL_TOOL_CHOICE_TYPE_AUTO, "\"auto\"" },
    { MISTRAL_TOOL_CHOICE_TYPE_NONE, "\"none\"" },
    { MISTRAL_TOOL_CHOICE_TYPE_ANY, "\"any\"" },
    { MISTRAL_TOOL_CHOICE_TYPE_REQUIRED, "\"required\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
      g_autofree char *expected = g_strdup_printf ("{\"model\":\"mistral-small-latest\","
                                                   "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                                                   "\"tool_choice\":%s}", cases[i].json);

      mistral_chat_completion_request_set_tool_choice (request, cases[i].type);
      assert_request_json (request, expected);
    }
}

static void
test_response_formats (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");

  mistral_chat_completion_request_set_response_text_format (request);
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                       "\"response_format\":{\"type\":\"text\"}}");

  mistral_chat_completion_request_set_response_json_object_format (request);
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                       "\"response_format\":{\"type\":\"json_object\"}}");

  mistral_chat_completion_request_set_response_format (request, NULL);
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
}

static void
test_stream_field (void)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new_stream ("m");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Hi");

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  g_assert_true (mistral_chat_completion_request_get_stream (request));
  assert_request_json (request,
                       "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true}");
  mistral_chat_completion_request_set_streaming (request, FALSE);
  assert_request_json (request, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
}

static void
test_content_chunks (void)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("m");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("What is this?");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(MistralContentChunk) image = mistral_content_chunk_new_image_from_bytes (png, "image/png");
  g_autoptr(MistralContentChunk) url = mistral_content_chunk_new_image_url ("https://example.com/a.jpg", "high");
  g_autoptr(MistralContentChunk) doc = mistral_content_chunk_new_document_url ("https://example.com/a.pdf", "a.pdf");
  g_autoptr(MistralContentChunk) file = mistral_content_chunk_new_file ("0b7e7e1c-3d0f-4f5e-9f1a-2b3c4d5e6f70");
  const gint64 ids[] = { 1, 2 };
  g_autoptr(MistralContentChunk) reference = mistral_content_chunk_new_reference (ids, 2);
  g_autoptr(MistralContentChunk) audio = mistral_content_chunk_new_input_audio ("UklGRg==");

  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), image);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), url);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), doc);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), file);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), reference);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), audio);
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));

  assert_request_json (request,
    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
    "{\"type\":\"text\",\"text\":\"What is this?\"},"
    "{\"type\":\"image_url\",\"image_url\":\"data:image/png;base64,iVBORw==\"},"
    "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.jpg\",\"detail\":\"high\"}},"
    "{\"type\":\"document_url\",\"document_url\":\"https://example.com/a.pdf\",\"document_name\":\"a.pdf\"},"
    "{\"type\":\"file\",\"file_id\":\"0b7e7e1c-3d0f-4f5e-9f1a-2b3c4d5e6f70\"},"
    "{\"type\":\"reference\",\"reference_ids\":[1,2]},"
    "{\"type\":\"input_audio\",\"input_audio\":\"UklGRg==\"}]}]}");
}

static void
test_assistant_prefix_and_tool_without_arguments (void)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("m");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Write a haiku");
  g_autoptr(MistralAssistantMessage) prefix = mistral_assistant_message_new ("Autumn");
  g_autoptr(MistralTool) tool = mistral_tool_new ("now", NULL, NULL);

  mistral_assistant_message_set_prefix (prefix, TRUE);
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (prefix));
  mistral_chat_completion_request_add_tool (request, tool);

  /* add_tool leaves tool_choice unset; parameters default to an empty schema. */
  assert_request_json (request,
    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a haiku\"},"
    "{\"role\":\"assistant\",\"content\":\"Autumn\",\"prefix\":true}],"
    "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"now\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}");
}

static void
test_validation (void)
{
  static const struct {
    const char *property;
    double value;
    const char *message_part;
  } cases[] = {
    { "temperature", -0.1, "temperature" },
    { "temperature", 1.51, "temperature" },
    { "temperature", NAN, "temperature" },
    { "top-p", 0.0, "top-p" },
    { "top-p", 1.01, "top-p" },
    { "n", 0, "n is" },
    { "max-tokens", -1, "max-tokens" },
    { "frequency-penalty", 2.5, "frequency-penalty" },
    { "presence-penalty", -2.5, "presence-penalty" },
    { "random-seed", -1, "random-seed" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;

      if (g_str_equal (cases[i].property, "temperature"))
        mistral_chat_completion_request_set_temperature (request, cases[i].value);
      else if (g_str_equal (cases[i].property, "top-p"))
        mistral_chat_completion_request_set_top_p (request, cases[i].value);
      else if (g_str_equal (cases[i].property, "n"))
        mistral_chat_completion_request_set_n (request, (int) cases[i].value);
      else if (g_str_equal (cases[i].property, "max-tokens"))
        mistral_chat_completion_request_set_max_tokens (request, (int) cases[i].value);
      else if (g_str_equal (cases[i].property, "frequency-penalty"))
        mistral_chat_completion_request_set_frequency_penalty (request, cases[i].value);
      else if (g_str_equal (cases[i].property, "presence-penalty"))
        mistral_chat_completion_request_set_presence_penalty (request, cases[i].value);
      else
        mistral_chat_completion_request_set_random_seed (request, (gint64) cases[i].value);

      json = mistral_chat_completion_request_to_json (request, &error);
      g_assert_null (json);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_validation_edges_accepted (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  mistral_chat_completion_request_set_temperature (request, 1.5);
  mistral_chat_completion_request_set_top_p (request, 1.0);
  mistral_chat_completion_request_set_n (request, 1);
  mistral_chat_completion_request_set_max_tokens (request, 0);
  json = mistral_chat_completion_request_to_json (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
}

static void
test_validation_structure (void)
{
  g_autoptr(MistralChatCompletionRequest) no_model = mistral_chat_completion_request_new (NULL);
  g_autoptr(MistralChatCompletionRequest) empty_model = mistral_chat_completion_request_new ("");
  g_autoptr(MistralChatCompletionRequest) no_messages = mistral_chat_completion_request_new ("m");
  g_autoptr(MistralChatCompletionRequest) bad_choice = test_hello_request ("Hello");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Hi");
  MistralChatCompletionRequest *cases[4];
  const char *parts[] = { "no model", "no model", "no messages", "tool-choice-function" };

  mistral_chat_completion_request_add_message (no_model, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_add_message (empty_model, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_set_tool_choice (bad_choice, MISTRAL_TOOL_CHOICE_TYPE_FUNCTION);
  cases[0] = no_model;
  cases[1] = empty_model;
  cases[2] = no_messages;
  cases[3] = bad_choice;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = mistral_chat_completion_request_to_json (cases[i], &error);

      g_assert_null (json);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, parts[i]));
    }
}

/* The newer fields: each exactly as the API takes it, after every older
 * one, and left out again when unset. */
static void
test_newer_fields (void)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(JsonNode) metadata = json_from_string ("{\"user\":\"u-42\",\"team\":\"docs\"}", NULL);
  g_autoptr(JsonNode) guardrails = json_from_string ("[{\"block_on_error\":true,\"moderation_llm_v1\":"
                                                     "{\"action\":\"block\"}}]", NULL);
  guint notified = 0;

  g_signal_connect_swapped (request, "notify::reasoning-effort-set", G_CALLBACK (count_notify), &notified);
  mistral_chat_completion_request_set_reasoning_effort (request, MISTRAL_REASONING_EFFORT_XHIGH);
  mistral_chat_completion_request_set_prompt_cache_key (request, "conversation-7");
  mistral_chat_completion_request_set_prediction (request, "int main (void)\n{\n}\n");
  mistral_chat_completion_request_set_metadata (request, metadata);
  mistral_chat_completion_request_set_guardrails (request, guardrails);
  mistral_chat_completion_request_set_safe_prompt (request, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (mistral_chat_completion_request_get_reasoning_effort (request), ==, MISTRAL_REASONING_EFFORT_XHIGH);
  g_assert_true (json_node_equal (mistral_chat_completion_request_get_metadata (request), metadata));
  g_assert_true (mistral_chat_completion_request_get_metadata (request) != metadata);

  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\","
                       "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
                       "\"safe_prompt\":true,\"reasoning_effort\":\"xhigh\",\"prompt_cache_key\":\"conversation-7\","
                       "\"prediction\":{\"type\":\"content\",\"content\":\"int main (void)\\n{\\n}\\n\"},"
                       "\"metadata\":{\"user\":\"u-42\",\"team\":\"docs\"},"
                       "\"guardrails\":[{\"block_on_error\":true,\"moderation_llm_v1\":{\"action\":\"block\"}}]}");

  /* Every value of the enum is the API's word. */
  for (MistralReasoningEffort effort = MISTRAL_REASONING_EFFORT_NONE; effort <= MISTRAL_REASONING_EFFORT_HIGH; effort++)
    {
      static const char * const words[] = { "none", "minimal", "low", "medium", "high" };
      g_autoptr(MistralChatCompletionRequest) other = test_hello_request ("Hi");
      g_autofree char *expected = g_strdup_printf ("{\"model\":\"mistral-small-latest\","
                                                   "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                                                   "\"reasoning_effort\":\"%s\"}", words[effort]);

      mistral_chat_completion_request_set_reasoning_effort (other, effort);
      assert_request_json (other, expected);
    }

  g_object_set (request, "reasoning-effort-set", FALSE, "prompt-cache-key", NULL, "prediction", NULL,
                "metadata", NULL, "guardrails", NULL, "safe-prompt-set", FALSE, NULL);
  assert_request_json (request,
                       "{\"model\":\"mistral-small-latest\","
                       "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
}

/* metadata must be an object and guardrails a list of objects: anything
 * else is refused before sending. */
static void
test_newer_fields_invalid (void)
{
  static const struct {
    const char *property;
    const char *json;
    const char *message;
  } cases[] = {
    { "metadata", "[1,2]", "metadata is not a JSON object" },
    { "metadata", "\"text\"", "metadata is not a JSON object" },
    { "guardrails", "{\"a\":1}", "guardrails is not a JSON list of objects" },
    { "guardrails", "[{\"a\":1},3]", "guardrails is not a JSON list of objects" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;

      g_object_set (request, cases[i].property, node, NULL);
      json = mistral_chat_completion_request_to_json (request, &error);
      g_assert_null (json);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/json/minimal", test_minimal);
  g_test_add_func ("/request/json/newer-fields", test_newer_fields);
  g_test_add_func ("/request/json/newer-fields-invalid", test_newer_fields_invalid);
  g_test_add_func ("/request/json/fixture-f1", test_fixture_f1);
  g_test_add_func ("/request/json/fixture-f1b", test_fixture_f1b);
  g_test_add_func ("/request/json/options", test_options);
  g_test_add_func ("/request/json/tool-choice", test_tool_choice);
  g_test_add_func ("/request/json/response-formats", test_response_formats);
  g_test_add_func ("/request/json/stream", test_stream_field);
  g_test_add_func ("/request/json/content-chunks", test_content_chunks);
  g_test_add_func ("/request/json/prefix-and-empty-tool", test_assistant_prefix_and_tool_without_arguments);
  g_test_add_func ("/request/properties/set-notify", test_set_notify);
  g_test_add_func ("/request/messages/remove-clear", test_remove_clear_messages);
  g_test_add_func ("/request/validation/ranges", test_validation);
  g_test_add_func ("/request/validation/edges", test_validation_edges_accepted);
  g_test_add_func ("/request/validation/structure", test_validation_structure);

  return g_test_run ();
}

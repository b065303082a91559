// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Stream chunks, their choices, and the accumulator that folds them into a
 * response (API-NOTES §5; fixtures F3, F4, F4b). No HTTP and no JSON here:
 * the chunks are built with the public API, as a user feeding their own
 * accumulator would. */

#include <mistral-glib.h>

#define LOG_DOMAIN "Mistral"

#define F3_ID "7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f"
#define F3_CREATED G_GINT64_CONSTANT (1767261602)
#define F3_TEXT "Bring an umbrella – été à Lyon ☔."
#define F4_ID "e5b7d9f1a3c54e6f8a0b2c4d6e8f0a1b"
#define F4_CREATED G_GINT64_CONSTANT (1767261603)
#define MODEL "mistral-small-latest"
#define LYON_ARGS "{\"city\": \"Lyon\", \"day_offset\": 1}"
#define ANNECY_ARGS "{\"city\": \"Annecy\", \"day_offset\": 1}"

/* Helpers */

/* (transfer full) @delta */
static MistralCompletionResponseStreamChoice *
stream_choice (guint                    index,
               MistralAssistantMessage *delta,
               const char              *finish_reason)
{
  MistralCompletionResponseStreamChoice *choice;

  choice = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                         "index", index,
                         "delta", delta,
                         "finish-reason-name", finish_reason,
                         NULL);
  g_clear_object (&delta);

  return choice;
}

/* A chunk of the stream @id; (transfer full) @usage and the
 * NULL-terminated choices. */
static MistralCompletionChunk *
stream_chunk (const char       *id,
              gint64            created,
              MistralUsageInfo *usage,
              GTimeSpan         total_latency,
              ...)
{
  g_autoptr (GListStore) store = g_list_store_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE);
  g_autoptr (GDateTime) created_time = NULL;
  MistralCompletionResponseStreamChoice *choice;
  MistralCompletionChunk *chunk;
  va_list args;

  va_start (args, total_latency);
  while ((choice = va_arg (args, MistralCompletionResponseStreamChoice *)) != NULL)
    {
      g_list_store_append (store, choice);
      g_object_unref (choice);
    }
  va_end (args);

  if (created >= 0)
    created_time = g_date_time_new_from_unix_utc (created);

  chunk = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK,
                        "id", id,
                        "object", "chat.completion.chunk",
                        "created", created_time,
                        "model", id != NULL ? MODEL : NULL,
                        "choices", store,
                        "usage", usage,
                        "chunk-latency", (gint64) 1000,
                        "total-latency", total_latency,
                        NULL);
  g_clear_object (&usage);

  return chunk;
}

static void
add_and_unref (MistralChatCompletionAccumulator *accumulator,
               MistralCompletionChunk           *chunk)
{
  mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
  g_object_unref (chunk);
}

static MistralToolCall *
tool_call (const char *id,
           const char *name,
           const char *arguments,
           guint       index)
{
  MistralToolCall *call = mistral_tool_call_new (id, name, arguments);

  mistral_tool_call_set_index (call, index);

  return call;
}

/* (transfer full) each call of the NULL-terminated list */
static MistralAssistantMessage *
tool_calls_delta (MistralToolCall *first,
                  ...)
{
  MistralAssistantMessage *delta = mistral_assistant_message_new (NULL);
  MistralToolCall *call = first;
  va_list args;

  va_start (args, first);
  while (call != NULL)
    {
      mistral_assistant_message_add_tool_call (delta, call);
      g_object_unref (call);
      call = va_arg (args, MistralToolCall *);
    }
  va_end (args);

  return delta;
}

/* (transfer full) each chunk of the NULL-terminated list */
static MistralAssistantMessage *
chunks_delta (MistralContentChunk *first,
              ...)
{
  MistralAssistantMessage *delta = mistral_assistant_message_new (NULL);
  MistralContentChunk *chunk = first;
  va_list args;

  va_start (args, first);
  while (chunk != NULL)
    {
      mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (delta), chunk);
      g_object_unref (chunk);
      chunk = va_arg (args, MistralContentChunk *);
    }
  va_end (args);

  return delta;
}

/* Each returned object is kept alive by its list. */
static MistralChatCompletionChoice *
choice_at (MistralChatCompletionResponse *response,
           guint                          position)
{
  GListModel *choices = mistral_chat_completion_response_get_choices (response);
  MistralChatCompletionChoice *choice = g_list_model_get_item (choices, position);

  g_assert_true (MISTRAL_IS_CHAT_COMPLETION_CHOICE (choice));
  g_object_unref (choice);
  return choice;
}

static MistralToolCall *
tool_call_at (MistralAssistantMessage *message,
              guint                    position)
{
  MistralToolCall *call = g_list_model_get_item (mistral_assistant_message_get_tool_calls (message), position);

  g_assert_true (MISTRAL_IS_TOOL_CALL (call));
  g_object_unref (call);
  return call;
}

static MistralContentChunk *
content_chunk_at (GListModel *model,
                  guint       position)
{
  MistralContentChunk *chunk = g_list_model_get_item (model, position);

  g_assert_true (MISTRAL_IS_CONTENT_CHUNK (chunk));
  g_object_unref (chunk);
  return chunk;
}

static const char *
content_of (MistralAssistantMessage *message)
{
  return mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message));
}

static void
assert_created (GDateTime *created,
                gint64     expected)
{
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_to_unix (created), ==, expected);
}

static void
assert_usage (MistralUsageInfo *usage,
              guint             prompt,
              guint             completion,
              guint             total)
{
  g_assert_nonnull (usage);
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage), ==, prompt);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, completion);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==, total);
}

/* F3 as chunks: the three middle and last deltas only (the first, the
 * role announcement with an empty content, is added by the caller). */
static void
add_f3 (MistralChatCompletionAccumulator *accumulator)
{
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 100,
                               stream_choice (0, mistral_assistant_message_new (""), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0, mistral_assistant_message_new ("Bring"), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 300,
                               stream_choice (0, mistral_assistant_message_new (" an umbrella"), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 10, 33), 400,
                               stream_choice (0, mistral_assistant_message_new (" – été à Lyon ☔."), "stop"),
                               NULL));
}

/* Stream choices */

static void
test_stream_choice_properties (void)
{
  g_autoptr (MistralCompletionResponseStreamChoice) empty = NULL;
  g_autoptr (MistralCompletionResponseStreamChoice) named = NULL;
  g_autoptr (MistralCompletionResponseStreamChoice) by_enum = NULL;
  g_autoptr (MistralCompletionResponseStreamChoice) unknown = NULL;
  g_autoptr (MistralAssistantMessage) delta = mistral_assistant_message_new ("Hi");
  g_autoptr (MistralAssistantMessage) got_delta = NULL;
  g_autofree char *name = NULL;
  MistralFinishReason reason;
  guint index;
  GParamSpec *pspec;

  empty = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE, NULL);
  g_assert_cmpuint (mistral_completion_response_stream_choice_get_index (empty), ==, 0);
  g_assert_nonnull (mistral_completion_response_stream_choice_get_delta (empty));
  g_assert_null (content_of (mistral_completion_response_stream_choice_get_delta (empty)));
  g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (empty), ==,
                   MISTRAL_FINISH_REASON_NONE);
  g_assert_null (mistral_completion_response_stream_choice_get_finish_reason_name (empty));

  named = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                        "index", 3,
                        "delta", delta,
                        "finish-reason-name", "length",
                        NULL);
  g_object_get (named,
                "index", &index,
                "delta", &got_delta,
                "finish-reason", &reason,
                "finish-reason-name", &name,
                NULL);
  g_assert_cmpuint (index, ==, 3);
  g_assert_true (got_delta == delta);
  g_assert_true (mistral_completion_response_stream_choice_get_delta (named) == delta);
  g_assert_cmpint (reason, ==, MISTRAL_FINISH_REASON_LENGTH);
  g_assert_cmpstr (name, ==, "length");

  by_enum = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                          "finish-reason", MISTRAL_FINISH_REASON_TOOL_CALLS,
                          NULL);
  g_assert_cmpstr (mistral_completion_response_stream_choice_get_finish_reason_name (by_enum), ==, "tool_calls");

  /* A value this version does not know is kept, never an error. */
  unknown = stream_choice (0, NULL, "content_filter");
  g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (unknown), ==,
                   MISTRAL_FINISH_REASON_UNKNOWN);
  g_assert_cmpstr (mistral_completion_response_stream_choice_get_finish_reason_name (unknown), ==, "content_filter");

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (empty), "delta");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
}

/* Chunks */

static void
test_chunk_properties (void)
{
  g_autoptr (MistralCompletionChunk) chunk = NULL;
  g_autoptr (MistralUsageInfo) got_usage = NULL;
  g_autoptr (GListModel) got_choices = NULL;
  g_autoptr (GDateTime) created = g_date_time_new_from_unix_utc (F3_CREATED);
  g_autoptr (GDateTime) got_created = NULL;
  g_autofree char *id = NULL;
  g_autofree char *object = NULL;
  g_autofree char *model = NULL;
  gboolean is_last;
  gint64 chunk_latency, total_latency;
  MistralAssistantMessage *delta;
  static const char *names[] = {
    "id", "object", "created", "model", "choices", "usage",
    "is-last-chunk", "chunk-latency", "total-latency",
  };

  chunk = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK,
                        "id", F3_ID,
                        "object", "chat.completion.chunk",
                        "created", created,
                        "model", MODEL,
                        "chunk-latency", G_GINT64_CONSTANT (1500),
                        "total-latency", G_GINT64_CONSTANT (250000),
                        NULL);

  g_object_get (chunk,
                "id", &id,
                "object", &object,
                "created", &got_created,
                "model", &model,
                "choices", &got_choices,
                "usage", &got_usage,
                "is-last-chunk", &is_last,
                "chunk-latency", &chunk_latency,
                "total-latency", &total_latency,
                NULL);
  g_assert_cmpstr (id, ==, F3_ID);
  g_assert_cmpstr (object, ==, "chat.completion.chunk");
  assert_created (got_created, F3_CREATED);
  g_assert_cmpstr (model, ==, MODEL);
  g_assert_nonnull (got_choices);
  g_assert_true (g_list_model_get_item_type (got_choices) == MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE);
  g_assert_cmpuint (g_list_model_get_n_items (got_choices), ==, 0);
  g_assert_null (got_usage);
  g_assert_false (is_last);
  g_assert_cmpint (chunk_latency, ==, 1500);
  g_assert_cmpint (total_latency, ==, 250000);

  g_assert_cmpstr (mistral_completion_chunk_get_id (chunk), ==, F3_ID);
  g_assert_cmpstr (mistral_completion_chunk_get_object (chunk), ==, "chat.completion.chunk");
  assert_created (mistral_completion_chunk_get_created (chunk), F3_CREATED);
  g_assert_cmpstr (mistral_completion_chunk_get_model (chunk), ==, MODEL);
  g_assert_null (mistral_completion_chunk_get_usage (chunk));
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (chunk));
  g_assert_cmpint (mistral_completion_chunk_get_chunk_latency (chunk), ==, 1500);
  g_assert_cmpint (mistral_completion_chunk_get_total_latency (chunk), ==, 250000);

  /* No choices: no delta, and no crash. */
  delta = mistral_completion_chunk_get_delta_message (chunk);
  g_assert_null (delta);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (chunk), names[i]);

      g_assert_nonnull (pspec);
      g_assert_cmphex (pspec->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY),
                       ==, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY);
    }
}

static void
test_chunk_delta_message (void)
{
  g_autoptr (MistralCompletionChunk) chunk = NULL;
  g_autoptr (MistralCompletionChunk) last = NULL;
  g_autoptr (MistralCompletionChunk) told_last = NULL;
  g_autoptr (MistralCompletionChunk) bare = NULL;
  g_autoptr (MistralCompletionChunk) alien = NULL;
  g_autoptr (GListStore) wrong_items = g_list_store_new (MISTRAL_TYPE_USAGE_INFO);
  g_autoptr (MistralUsageInfo) usage = mistral_usage_info_new (1, 2, 3);
  MistralAssistantMessage *delta;

  chunk = stream_chunk (F3_ID, F3_CREATED, NULL, 10,
                        stream_choice (0, mistral_assistant_message_new ("Bring"), NULL),
                        stream_choice (1, mistral_assistant_message_new ("Take"), NULL),
                        NULL);
  delta = mistral_completion_chunk_get_delta_message (chunk);
  g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (delta));
  g_assert_cmpstr (content_of (delta), ==, "Bring");
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (chunk));

  /* The chunk that carries a finish reason is the last, even when its
   * builder did not say so. */
  last = stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 10, 33), 20,
                       stream_choice (0, mistral_assistant_message_new ("."), "stop"), NULL);
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (last));
  assert_usage (mistral_completion_chunk_get_usage (last), 23, 10, 33);

  told_last = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK, "is-last-chunk", TRUE, NULL);
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (told_last));

  /* Built with nothing at all: an empty list, never NULL. */
  bare = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK, NULL);
  g_assert_nonnull (mistral_completion_chunk_get_choices (bare));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_completion_chunk_get_choices (bare)), ==, 0);
  g_assert_null (mistral_completion_chunk_get_delta_message (bare));
  g_assert_null (mistral_completion_chunk_get_id (bare));
  g_assert_null (mistral_completion_chunk_get_created (bare));

  /* A list of something else: no delta, no crash. */
  g_list_store_append (wrong_items, usage);
  alien = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK, "choices", wrong_items, NULL);
  g_assert_null (mistral_completion_chunk_get_delta_message (alien));
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (alien));
}

/* Accumulator */

static void
test_accumulator_empty (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;

  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 0);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_true (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (response));
  g_assert_cmpstr (mistral_chat_completion_response_get_object (response), ==, "chat.completion");
  g_assert_null (mistral_chat_completion_response_get_id (response));
  g_assert_null (mistral_chat_completion_response_get_model (response));
  g_assert_null (mistral_chat_completion_response_get_created (response));
  g_assert_null (mistral_chat_completion_response_get_usage (response));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 0);
  g_assert_null (mistral_chat_completion_response_get_assistant_message (response));
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), ==, 0);
}

static void
test_accumulator_f3 (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;
  MistralAssistantMessage *message;

  add_f3 (accumulator);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 4);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F3_ID);
  g_assert_cmpstr (mistral_chat_completion_response_get_object (response), ==, "chat.completion");
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, MODEL);
  assert_created (mistral_chat_completion_response_get_created (response), F3_CREATED);
  assert_usage (mistral_chat_completion_response_get_usage (response), 23, 10, 33);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 1);

  choice = choice_at (response, 0);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "stop");

  message = mistral_chat_completion_choice_get_message (choice);
  g_assert_true (message == mistral_chat_completion_response_get_assistant_message (response));
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (message)), ==, MISTRAL_ROLE_ASSISTANT);
  g_assert_cmpstr (content_of (message), ==, F3_TEXT);
  g_assert_true (g_utf8_validate (content_of (message), -1, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 0);
  g_assert_false (mistral_assistant_message_get_prefix (message));
}

/* F4: two whole calls in one delta, after the role announcement. */
static void
add_f4 (MistralChatCompletionAccumulator *accumulator)
{
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 100,
                               stream_choice (0, mistral_assistant_message_new (""), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, mistral_usage_info_new (118, 51, 169), 200,
                               stream_choice (0,
                                              tool_calls_delta (tool_call ("Rk7mQ2xPz", "get_forecast", LYON_ARGS, 0),
                                                                tool_call ("h4TsW8bNc", "get_forecast", ANNECY_ARGS, 1),
                                                                NULL),
                                              "tool_calls"),
                               NULL));
}

static void
assert_lyon_call (MistralToolCall *call)
{
  g_autoptr (JsonNode) arguments = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  g_assert_cmpstr (mistral_tool_call_get_id (call), ==, "Rk7mQ2xPz");
  g_assert_cmpuint (mistral_tool_call_get_index (call), ==, 0);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_forecast");
  g_assert_cmpstr (mistral_tool_call_get_arguments (call), ==, LYON_ARGS);

  arguments = mistral_tool_call_parse_arguments (call, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (arguments));
  object = json_node_get_object (arguments);
  g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Lyon");
  g_assert_cmpint (json_object_get_int_member (object, "day_offset"), ==, 1);
}

static void
test_accumulator_f4 (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;
  MistralAssistantMessage *message;
  MistralToolCall *call;

  add_f4 (accumulator);
  response = mistral_chat_completion_accumulator_get_response (accumulator);

  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F4_ID);
  assert_created (mistral_chat_completion_response_get_created (response), F4_CREATED);
  assert_usage (mistral_chat_completion_response_get_usage (response), 118, 51, 169);

  choice = choice_at (response, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "tool_calls");

  message = mistral_chat_completion_choice_get_message (choice);
  /* As the API answers when not streamed: empty content with tool calls. */
  g_assert_cmpstr (content_of (message), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 2);

  assert_lyon_call (tool_call_at (message, 0));

  call = tool_call_at (message, 1);
  g_assert_cmpstr (mistral_tool_call_get_id (call), ==, "h4TsW8bNc");
  g_assert_cmpuint (mistral_tool_call_get_index (call), ==, 1);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_forecast");
  g_assert_cmpstr (mistral_tool_call_get_arguments (call), ==, ANNECY_ARGS);
}

static void
test_accumulator_f4b (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;
  MistralAssistantMessage *message;

  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 100,
                               stream_choice (0,
                                              tool_calls_delta (tool_call ("Rk7mQ2xPz", "get_forecast", "", 0), NULL),
                                              NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 200,
                               stream_choice (0,
                                              tool_calls_delta (tool_call (NULL, "", "{\"city\": \"Ly", 0), NULL),
                                              NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 300,
                               stream_choice (0,
                                              tool_calls_delta (tool_call (NULL, "", "on\", \"day_offset\": 1}", 0), NULL),
                                              "tool_calls"),
                               NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  choice = choice_at (response, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);

  message = mistral_chat_completion_choice_get_message (choice);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 1);
  assert_lyon_call (tool_call_at (message, 0));
}

static void
test_accumulator_tool_call_order (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralAssistantMessage *message;

  /* Indexes out of order across deltas come out in index order; two calls
   * of one delta with the same index (a missing index reads as 0) stay two
   * calls. */
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 100,
                               stream_choice (0,
                                              tool_calls_delta (tool_call ("c", "third", "{}", 2), NULL),
                                              NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 200,
                               stream_choice (0,
                                              tool_calls_delta (tool_call ("a", "first", "{\"x\":1}", 0),
                                                                tool_call ("b", "second", "{\"y\":2}", 0),
                                                                NULL),
                                              NULL),
                               NULL));
  /* A later fragment does not replace the id and name given first. */
  add_and_unref (accumulator,
                 stream_chunk (F4_ID, F4_CREATED, NULL, 300,
                               stream_choice (0,
                                              tool_calls_delta (tool_call ("zzz", "other", "", 2), NULL),
                                              "tool_calls"),
                               NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 3);
  g_assert_cmpstr (mistral_tool_call_get_id (tool_call_at (message, 0)), ==, "a");
  g_assert_cmpstr (mistral_tool_call_get_arguments (tool_call_at (message, 0)), ==, "{\"x\":1}");
  g_assert_cmpuint (mistral_tool_call_get_index (tool_call_at (message, 0)), ==, 0);
  g_assert_cmpstr (mistral_tool_call_get_id (tool_call_at (message, 1)), ==, "b");
  g_assert_cmpstr (mistral_tool_call_get_function_name (tool_call_at (message, 1)), ==, "second");
  g_assert_cmpuint (mistral_tool_call_get_index (tool_call_at (message, 1)), ==, 1);
  g_assert_cmpstr (mistral_tool_call_get_id (tool_call_at (message, 2)), ==, "c");
  g_assert_cmpstr (mistral_tool_call_get_function_name (tool_call_at (message, 2)), ==, "third");
  g_assert_cmpstr (mistral_tool_call_get_arguments (tool_call_at (message, 2)), ==, "{}");
  g_assert_cmpuint (mistral_tool_call_get_index (tool_call_at (message, 2)), ==, 2);
}

static void
test_accumulator_tool_calls_copied (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) before = NULL;
  g_autoptr (MistralChatCompletionResponse) after = NULL;
  g_autoptr (MistralCompletionChunk) chunk = NULL;
  g_autoptr (MistralToolCall) delta_call = NULL;
  MistralAssistantMessage *delta;
  MistralToolCall *call;

  chunk = stream_chunk (F4_ID, F4_CREATED, NULL, 100,
                        stream_choice (0,
                                       tool_calls_delta (tool_call ("Rk7mQ2xPz", "get_forecast", LYON_ARGS, 0), NULL),
                                       "tool_calls"),
                        NULL);
  mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
  before = mistral_chat_completion_accumulator_get_response (accumulator);

  /* The caller keeps the chunk, and changes its delta's call. */
  delta = mistral_completion_chunk_get_delta_message (chunk);
  delta_call = g_list_model_get_item (mistral_assistant_message_get_tool_calls (delta), 0);
  mistral_tool_call_set_id (delta_call, "CHANGED00");
  mistral_tool_call_set_function_name (delta_call, "changed");
  mistral_tool_call_set_arguments (delta_call, "{}");
  mistral_tool_call_set_index (delta_call, 7);
  mistral_chat_message_set_content (MISTRAL_CHAT_MESSAGE (delta), "changed");

  call = tool_call_at (mistral_chat_completion_response_get_assistant_message (before), 0);
  g_assert_true (call != delta_call);
  assert_lyon_call (call);

  after = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_true (after != before);
  call = tool_call_at (mistral_chat_completion_response_get_assistant_message (after), 0);
  g_assert_true (call != delta_call);
  assert_lyon_call (call);
  g_assert_null (content_of (mistral_chat_completion_response_get_assistant_message (after)));

  /* Nor does a response share its calls with the next one. */
  mistral_tool_call_set_arguments (tool_call_at (mistral_chat_completion_response_get_assistant_message (before), 0), "[]");
  assert_lyon_call (tool_call_at (mistral_chat_completion_response_get_assistant_message (after), 0));
}

static void
test_accumulator_n_choices (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;

  /* Interleaved, and within a chunk not in index order. */
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 100,
                               stream_choice (1, mistral_assistant_message_new (""), NULL),
                               stream_choice (0, mistral_assistant_message_new (""), NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0, mistral_assistant_message_new ("Yes,"), NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 300,
                               stream_choice (1, mistral_assistant_message_new ("Probably"), NULL),
                               stream_choice (0, mistral_assistant_message_new (" rain."), "stop"),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 20, 43), 400,
                               stream_choice (1, mistral_assistant_message_new (" not"), "length"),
                               NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 2);

  choice = choice_at (response, 0);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Yes, rain.");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "stop");

  choice = choice_at (response, 1);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 1);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Probably not");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_LENGTH);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "length");

  assert_usage (mistral_chat_completion_response_get_usage (response), 23, 20, 43);
}

static void
test_accumulator_thinking (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralAssistantMessage *message;
  MistralContentChunk *chunk;
  GListModel *chunks;

  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 100,
                               stream_choice (0, mistral_assistant_message_new (""), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0, chunks_delta (mistral_content_chunk_new_thinking ("Rain in"), NULL), NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 300,
                               stream_choice (0, chunks_delta (mistral_content_chunk_new_thinking (" Lyon is likely."), NULL), NULL),
                               NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 400,
                               stream_choice (0, chunks_delta (mistral_content_chunk_new_text ("Bring"), NULL), NULL),
                               NULL));
  /* Some servers send later text as a plain string. */
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 500,
                               stream_choice (0, mistral_assistant_message_new (" an umbrella"), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 10, 33), 600,
                               stream_choice (0, chunks_delta (mistral_content_chunk_new_text (" – été à Lyon ☔."), NULL),
                                              "stop"),
                               NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);

  /* The content is the text only, never empty because the reply was
   * chunked. */
  g_assert_cmpstr (content_of (message), ==, F3_TEXT);

  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);

  chunk = content_chunk_at (chunks, 0);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Rain in Lyon is likely.");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_content_chunk_get_thinking (chunk)), ==, 1);

  chunk = content_chunk_at (chunks, 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, F3_TEXT);

  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice_at (response, 0)), ==,
                   MISTRAL_FINISH_REASON_STOP);
}

static void
test_accumulator_thinking_other_chunks (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) partial = NULL;
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  static const gint64 ids[] = { 4, 2 };
  g_autoptr (MistralContentChunk) reference = mistral_content_chunk_new_reference (ids, G_N_ELEMENTS (ids));
  MistralAssistantMessage *message;
  MistralContentChunk *chunk;
  GListModel *chunks;

  /* Mid-stream, with reasoning only: no empty text chunk. */
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 100,
                               stream_choice (0, chunks_delta (mistral_content_chunk_new_thinking ("Hm"), NULL), NULL),
                               NULL));
  partial = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (partial);
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (content_chunk_at (chunks, 0)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (content_of (message), ==, "");

  /* A chunk of another type is kept as it is, and ends the run of
   * reasoning before it. */
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0,
                                              chunks_delta (mistral_content_chunk_new_thinking ("m."),
                                                            g_object_ref (reference),
                                                            mistral_content_chunk_new_thinking ("Then"),
                                                            mistral_content_chunk_new_text ("Yes"),
                                                            NULL),
                                              "stop"),
                               NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 4);

  chunk = content_chunk_at (chunks, 0);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Hmm.");
  g_assert_true (content_chunk_at (chunks, 1) == reference);
  chunk = content_chunk_at (chunks, 2);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Then");
  chunk = content_chunk_at (chunks, 3);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Yes");
  g_assert_cmpstr (content_of (message), ==, "Yes");

  /* The earlier response did not change. */
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (mistral_chat_completion_response_get_assistant_message (partial)));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 1);
  g_assert_cmpstr (mistral_content_chunk_get_text (content_chunk_at (chunks, 0)), ==, "Hm");
}

static void
test_accumulator_mid_stream (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) early = NULL;
  g_autoptr (MistralChatCompletionResponse) late = NULL;
  MistralChatCompletionChoice *choice;

  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 100,
                               stream_choice (0, mistral_assistant_message_new (""), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0, mistral_assistant_message_new ("Bring"), NULL), NULL));

  early = mistral_chat_completion_accumulator_get_response (accumulator);
  choice = choice_at (early, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Bring");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_NONE);
  g_assert_null (mistral_chat_completion_choice_get_finish_reason_name (choice));
  g_assert_null (mistral_chat_completion_response_get_usage (early));
  g_assert_cmpint (mistral_chat_completion_response_get_latency (early), ==, 200);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 2);

  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 300,
                               stream_choice (0, mistral_assistant_message_new (" an umbrella"), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 10, 33), 400,
                               stream_choice (0, mistral_assistant_message_new (" – été à Lyon ☔."), "stop"),
                               NULL));

  late = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_true (late != early);
  choice = choice_at (late, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, F3_TEXT);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
  assert_usage (mistral_chat_completion_response_get_usage (late), 23, 10, 33);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (late), ==, 400);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 4);

  /* The early response is a snapshot: it did not change. */
  g_assert_cmpstr (content_of (mistral_chat_completion_response_get_assistant_message (early)), ==, "Bring");
  g_assert_null (mistral_chat_completion_response_get_usage (early));
}

static void
test_accumulator_usage_only (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;

  add_f3 (accumulator);

  /* A last event with no choices but a newer usage; and one with neither
   * (the id and model of an event do not replace the first ones). */
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, mistral_usage_info_new (23, 11, 34), 450, NULL));
  add_and_unref (accumulator, stream_chunk ("other", 42, NULL, 500, NULL));
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 6);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F3_ID);
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, MODEL);
  assert_created (mistral_chat_completion_response_get_created (response), F3_CREATED);
  assert_usage (mistral_chat_completion_response_get_usage (response), 23, 11, 34);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 1);

  choice = choice_at (response, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, F3_TEXT);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
}

static void
test_accumulator_first_values (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;

  /* A first event without id, object, created or model (client-python#16):
   * they come from the first chunk that has them. */
  add_and_unref (accumulator,
                 stream_chunk (NULL, -1, NULL, 100,
                               stream_choice (0, mistral_assistant_message_new ("Bring"), NULL), NULL));
  add_and_unref (accumulator,
                 stream_chunk (F3_ID, F3_CREATED, NULL, 200,
                               stream_choice (0, mistral_assistant_message_new (" it"), "stop"), NULL));

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F3_ID);
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, MODEL);
  assert_created (mistral_chat_completion_response_get_created (response), F3_CREATED);
  g_assert_cmpstr (content_of (mistral_chat_completion_response_get_assistant_message (response)), ==, "Bring it");
}

static void
test_accumulator_latency (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;

  add_f3 (accumulator);
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), ==, 400);
  g_clear_object (&response);

  /* The last chunk's, not the largest. */
  add_and_unref (accumulator, stream_chunk (F3_ID, F3_CREATED, NULL, 123456789, NULL));
  add_and_unref (accumulator, stream_chunk (F3_ID, F3_CREATED, NULL, 987654, NULL));
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), ==, 987654);
}

static void
test_accumulator_bad_input (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  g_autoptr (MistralUsageInfo) usage = mistral_usage_info_new (1, 2, 3);
  g_autoptr (GListStore) wrong_items = g_list_store_new (MISTRAL_TYPE_USAGE_INFO);
  g_autoptr (MistralCompletionChunk) alien = NULL;

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_COMPLETION_CHUNK*");
  mistral_chat_completion_accumulator_add_chunk (accumulator, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_COMPLETION_CHUNK*");
  mistral_chat_completion_accumulator_add_chunk (accumulator, (MistralCompletionChunk *) usage);
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CHAT_COMPLETION_ACCUMULATOR*");
  mistral_chat_completion_accumulator_add_chunk (NULL, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CHAT_COMPLETION_ACCUMULATOR*");
  g_assert_null (mistral_chat_completion_accumulator_get_response (NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_COMPLETION_CHUNK*");
  g_assert_null (mistral_completion_chunk_get_delta_message (NULL));
  g_test_assert_expected_messages ();

  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 0);

  /* A hand-made chunk whose choices are not stream choices: skipped. */
  g_list_store_append (wrong_items, usage);
  alien = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK, "choices", wrong_items, NULL);
  mistral_chat_completion_accumulator_add_chunk (accumulator, alien);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 1);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accumulator/stream-choice/properties", test_stream_choice_properties);
  g_test_add_func ("/accumulator/chunk/properties", test_chunk_properties);
  g_test_add_func ("/accumulator/chunk/delta-message", test_chunk_delta_message);
  g_test_add_func ("/accumulator/empty", test_accumulator_empty);
  g_test_add_func ("/accumulator/f3-text", test_accumulator_f3);
  g_test_add_func ("/accumulator/f4-tool-calls", test_accumulator_f4);
  g_test_add_func ("/accumulator/f4b-fragments", test_accumulator_f4b);
  g_test_add_func ("/accumulator/tool-calls/order", test_accumulator_tool_call_order);
  g_test_add_func ("/accumulator/tool-calls/copied", test_accumulator_tool_calls_copied);
  g_test_add_func ("/accumulator/n-choices", test_accumulator_n_choices);
  g_test_add_func ("/accumulator/thinking", test_accumulator_thinking);
  g_test_add_func ("/accumulator/thinking/other-chunks", test_accumulator_thinking_other_chunks);
  g_test_add_func ("/accumulator/mid-stream", test_accumulator_mid_stream);
  g_test_add_func ("/accumulator/usage-only", test_accumulator_usage_only);
  g_test_add_func ("/accumulator/first-values", test_accumulator_first_values);
  g_test_add_func ("/accumulator/latency", test_accumulator_latency);
  g_test_add_func ("/accumulator/bad-input", test_accumulator_bad_input);

  return g_test_run ();
}

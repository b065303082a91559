// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Stream chunks, their choices, and the accumulator that folds them into a
 * response (API-NOTES §5; fixtures F3, F4, F4b). No HTTP here: each chunk
 * is built from the JSON text of one stream event (what the API sends in
 * `data:`) with the public mistral_completion_chunk_new_from_json(), as a
 * user feeding their own accumulator would. Chunks made so have latencies
 * of 0; the latencies of a real stream are covered by the stream tests. */

#include <string.h>

#include <mistral-glib.h>

#include "test-utils.h"

#define LOG_DOMAIN "Mistral"

#define F3_ID "7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f"
#define F3_CREATED G_GINT64_CONSTANT (1767261602)
#define F3_TEXT "Bring an umbrella – été à Lyon ☔."
#define F4_ID "e5b7d9f1a3c54e6f8a0b2c4d6e8f0a1b"
#define F4_CREATED G_GINT64_CONSTANT (1767261603)
#define MODEL "mistral-small-latest"
#define LYON_ARGS "{\"city\": \"Lyon\", \"day_offset\": 1}"
#define ANNECY_ARGS "{\"city\": \"Annecy\", \"day_offset\": 1}"

/* The envelope every event of F3 (and of F4) starts with, as the API sends
 * it; an event is one of these, then its choices (and usage), then "}". */
#define F3_HEAD \
  "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\"," \
  "\"created\":1767261602,\"model\":\"mistral-small-latest\","
#define F4_HEAD \
  "{\"id\":\"e5b7d9f1a3c54e6f8a0b2c4d6e8f0a1b\",\"object\":\"chat.completion.chunk\"," \
  "\"created\":1767261603,\"model\":\"mistral-small-latest\","

/* F3, event by event: the exact text of its `data:` lines. */
static const char *const f3_events[] = {
  F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
  F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":null}]}",
  F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" an umbrella\"},\"finish_reason\":null}]}",
  F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" – été à Lyon ☔.\"},\"finish_reason\":\"stop\"}],"
  "\"usage\":{\"prompt_tokens\":23,\"total_tokens\":33,\"completion_tokens\":10}}",
};

/* The content of each F3 delta. */
static const char *const f3_contents[] = { "", "Bring", " an umbrella", " – été à Lyon ☔." };

/* F4: the role announcement, then two whole calls in one delta. */
static const char *const f4_events[] = {
  F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}",
  F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
  "{\"id\":\"Rk7mQ2xPz\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
  "\"arguments\":\"{\\\"city\\\": \\\"Lyon\\\", \\\"day_offset\\\": 1}\"},\"index\":0},"
  "{\"id\":\"h4TsW8bNc\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
  "\"arguments\":\"{\\\"city\\\": \\\"Annecy\\\", \\\"day_offset\\\": 1}\"},\"index\":1}]},"
  "\"finish_reason\":\"tool_calls\"}],"
  "\"usage\":{\"prompt_tokens\":118,\"total_tokens\":169,\"completion_tokens\":51}}",
};

/* F4b: call 0 of F4 in three deltas, the exact text of each, sent in F4's
 * envelope. */
static const char *const f4b_deltas[] = {
  "{\"tool_calls\":[{\"id\":\"Rk7mQ2xPz\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"arguments\":\"\"},\"index\":0}]}",
  "{\"tool_calls\":[{\"function\":{\"name\":\"\",\"arguments\":\"{\\\"city\\\": \\\"Ly\"},\"index\":0}]}",
  "{\"tool_calls\":[{\"function\":{\"name\":\"\",\"arguments\":\"on\\\", \\\"day_offset\\\": 1}\"},\"index\":0}]}",
};

/* Helpers */

/* Decodes @json, which must be a valid event. */
static MistralCompletionChunk *
chunk_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  MistralCompletionChunk *chunk;

  chunk = mistral_completion_chunk_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (MISTRAL_IS_COMPLETION_CHUNK (chunk));

  return chunk;
}

/* Decodes @json and adds it: the accumulator keeps what it needs, not the
 * chunk. */
static void
add_json (MistralChatCompletionAccumulator *accumulator,
          const char                       *json)
{
  g_autoptr (MistralCompletionChunk) chunk = chunk_from_json (json);

  mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
}

/* Decoding @json must fail with @code. */
static void
assert_json_fails (const char *json,
                   gssize      length,
                   gint        code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MistralCompletionChunk) chunk = NULL;

  chunk = mistral_completion_chunk_new_from_json (json, length, &error);
  if (chunk != NULL)
    g_test_message ("Decoded an event that must fail: %s", json);
  g_assert_null (chunk);
  g_assert_error (error, MISTRAL_ERROR, code);
  g_test_message ("%s", error->message);
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

/* The four events of F3, the role announcement with its empty content
 * first. */
static void
add_f3 (MistralChatCompletionAccumulator *accumulator)
{
  for (gsize i = 0; i < G_N_ELEMENTS (f3_events); i++)
    add_json (accumulator, f3_events[i]);
}

static void
add_f4 (MistralChatCompletionAccumulator *accumulator)
{
  for (gsize i = 0; i < G_N_ELEMENTS (f4_events); i++)
    add_json (accumulator, f4_events[i]);
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
assert_annecy_call (MistralToolCall *call)
{
  g_assert_cmpstr (mistral_tool_call_get_id (call), ==, "h4TsW8bNc");
  g_assert_cmpuint (mistral_tool_call_get_index (call), ==, 1);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_forecast");
  g_assert_cmpstr (mistral_tool_call_get_arguments (call), ==, ANNECY_ARGS);
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

  /* Stream choices keep their construct-only properties, unlike chunks. */
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
  unknown = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                          "finish-reason-name", "content_filter",
                          NULL);
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

  /* An event of F3 with no choices. */
  chunk = chunk_from_json (F3_HEAD "\"choices\":[]}");

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
  g_assert_true (got_choices == mistral_completion_chunk_get_choices (chunk));
  g_assert_true (g_list_model_get_item_type (got_choices) == MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE);
  g_assert_cmpuint (g_list_model_get_n_items (got_choices), ==, 0);
  g_assert_null (got_usage);
  g_assert_false (is_last);
  /* Nothing timed the event: latencies come from a stream (the stream
   * tests cover them). */
  g_assert_cmpint (chunk_latency, ==, 0);
  g_assert_cmpint (total_latency, ==, 0);

  g_assert_cmpstr (mistral_completion_chunk_get_id (chunk), ==, F3_ID);
  g_assert_cmpstr (mistral_completion_chunk_get_object (chunk), ==, "chat.completion.chunk");
  assert_created (mistral_completion_chunk_get_created (chunk), F3_CREATED);
  g_assert_cmpstr (mistral_completion_chunk_get_model (chunk), ==, MODEL);
  g_assert_null (mistral_completion_chunk_get_usage (chunk));
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (chunk));
  g_assert_cmpint (mistral_completion_chunk_get_chunk_latency (chunk), ==, 0);
  g_assert_cmpint (mistral_completion_chunk_get_total_latency (chunk), ==, 0);

  /* No choices: no delta, and no crash. */
  delta = mistral_completion_chunk_get_delta_message (chunk);
  g_assert_null (delta);

  /* Chunks are immutable: every property can be read, none written, not
   * even at construction. */
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (chunk), names[i]);

      g_assert_nonnull (pspec);
      g_assert_cmphex (pspec->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_CONSTRUCT_ONLY),
                       ==, G_PARAM_READABLE);
    }
}

static void
test_chunk_delta_message (void)
{
  g_autoptr (MistralCompletionChunk) chunk = NULL;
  g_autoptr (MistralCompletionChunk) last = NULL;
  g_autoptr (MistralCompletionChunk) second_last = NULL;
  g_autoptr (MistralCompletionChunk) unknown = NULL;
  g_autoptr (MistralCompletionChunk) usage_only = NULL;
  g_autoptr (MistralCompletionChunk) bare = NULL;
  MistralAssistantMessage *delta;

  chunk = chunk_from_json (F3_HEAD "\"choices\":["
                           "{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":null},"
                           "{\"index\":1,\"delta\":{\"content\":\"Take\"},\"finish_reason\":null}]}");
  delta = mistral_completion_chunk_get_delta_message (chunk);
  g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (delta));
  g_assert_cmpstr (content_of (delta), ==, "Bring");
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (chunk));

  /* The chunk that carries a finish reason is the last: the API does not
   * say so otherwise. */
  last = chunk_from_json (F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}],"
                          "\"usage\":{\"prompt_tokens\":23,\"total_tokens\":33,\"completion_tokens\":10}}");
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (last));
  assert_usage (mistral_completion_chunk_get_usage (last), 23, 10, 33);

  /* A chunk can no longer be told it is the last, as hand-made ones were;
   * the closest case on the wire: a finish reason in any choice, not only
   * the first, makes it the last. */
  second_last = chunk_from_json (F3_HEAD "\"choices\":["
                                 "{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null},"
                                 "{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"length\"}]}");
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (second_last));

  /* So does a finish reason this version does not know, kept by name. */
  unknown = chunk_from_json (F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                             "\"finish_reason\":\"content_filter\"}]}");
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (unknown));
  g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (test_stream_choice_at (unknown, 0)), ==,
                   MISTRAL_FINISH_REASON_UNKNOWN);
  g_assert_cmpstr (mistral_completion_response_stream_choice_get_finish_reason_name (test_stream_choice_at (unknown, 0)),
                   ==, "content_filter");

  /* A usage alone does not end anything. */
  usage_only = chunk_from_json (F3_HEAD "\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":3,"
                                "\"completion_tokens\":2}}");
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (usage_only));
  assert_usage (mistral_completion_chunk_get_usage (usage_only), 1, 2, 3);

  /* An event with no members at all: an empty list, never NULL, and
   * nothing else. */
  bare = chunk_from_json ("{}");
  g_assert_nonnull (mistral_completion_chunk_get_choices (bare));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_completion_chunk_get_choices (bare)), ==, 0);
  g_assert_null (mistral_completion_chunk_get_delta_message (bare));
  g_assert_null (mistral_completion_chunk_get_id (bare));
  g_assert_null (mistral_completion_chunk_get_object (bare));
  g_assert_null (mistral_completion_chunk_get_model (bare));
  g_assert_null (mistral_completion_chunk_get_created (bare));
  g_assert_null (mistral_completion_chunk_get_usage (bare));
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (bare));

  /* A choices list of something else can no longer be given to a chunk;
   * the closest case on the wire, a choice that is not an object, is
   * refused whole rather than skipped: no chunk with some choices
   * missing. */
  assert_json_fails (F3_HEAD "\"choices\":[42]}", -1, MISTRAL_ERROR_INVALID_RESPONSE);
  assert_json_fails (F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":null},"
                     "\"Take\"]}",
                     -1, MISTRAL_ERROR_INVALID_RESPONSE);
}

/* Decoding */

static void
test_from_json_f3 (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (f3_events); i++)
    {
      g_autoptr (MistralCompletionChunk) chunk = NULL;
      g_autoptr (GError) error = NULL;
      gboolean last = i == G_N_ELEMENTS (f3_events) - 1;
      MistralCompletionResponseStreamChoice *choice;
      MistralAssistantMessage *delta = NULL;
      GDateTime *created;
      GListModel *choices;

      chunk = mistral_completion_chunk_new_from_json (f3_events[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (MISTRAL_IS_COMPLETION_CHUNK (chunk));

      g_assert_cmpstr (mistral_completion_chunk_get_id (chunk), ==, F3_ID);
      g_assert_cmpstr (mistral_completion_chunk_get_object (chunk), ==, "chat.completion.chunk");
      g_assert_cmpstr (mistral_completion_chunk_get_model (chunk), ==, MODEL);

      created = mistral_completion_chunk_get_created (chunk);
      assert_created (created, F3_CREATED);
      g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
      g_assert_true (mistral_completion_chunk_get_created (chunk) == created);

      /* The delta is built when first asked for, through the choices or
       * directly: ask in both orders, it must be the same object. */
      if (i % 2 == 0)
        delta = mistral_completion_chunk_get_delta_message (chunk);
      choices = mistral_completion_chunk_get_choices (chunk);
      g_assert_true (g_list_model_get_item_type (choices) == MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE);
      g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 1);
      choice = test_stream_choice_at (chunk, 0);
      if (i % 2 == 1)
        delta = mistral_completion_chunk_get_delta_message (chunk);
      g_assert_true (mistral_completion_chunk_get_choices (chunk) == choices);

      g_assert_cmpuint (mistral_completion_response_stream_choice_get_index (choice), ==, 0);
      g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (delta));
      g_assert_true (mistral_completion_response_stream_choice_get_delta (choice) == delta);
      g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (delta)), ==, MISTRAL_ROLE_ASSISTANT);
      g_assert_cmpstr (content_of (delta), ==, f3_contents[i]);
      g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (delta))), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (delta)), ==, 0);

      if (last)
        {
          g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (choice), ==,
                           MISTRAL_FINISH_REASON_STOP);
          g_assert_cmpstr (mistral_completion_response_stream_choice_get_finish_reason_name (choice), ==, "stop");
          /* The usage keys come as prompt, total, completion. */
          assert_usage (mistral_completion_chunk_get_usage (chunk), 23, 10, 33);
        }
      else
        {
          g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (choice), ==,
                           MISTRAL_FINISH_REASON_NONE);
          g_assert_null (mistral_completion_response_stream_choice_get_finish_reason_name (choice));
          g_assert_null (mistral_completion_chunk_get_usage (chunk));
        }
      g_assert_true (mistral_completion_chunk_get_is_last_chunk (chunk) == last);

      g_assert_cmpint (mistral_completion_chunk_get_chunk_latency (chunk), ==, 0);
      g_assert_cmpint (mistral_completion_chunk_get_total_latency (chunk), ==, 0);
    }
}

static void
test_from_json_f4 (void)
{
  g_autoptr (MistralCompletionChunk) role = chunk_from_json (f4_events[0]);
  g_autoptr (MistralCompletionChunk) calls = chunk_from_json (f4_events[1]);
  MistralCompletionResponseStreamChoice *choice;
  MistralAssistantMessage *delta;

  g_assert_cmpstr (mistral_completion_chunk_get_id (role), ==, F4_ID);
  assert_created (mistral_completion_chunk_get_created (role), F4_CREATED);
  g_assert_cmpstr (content_of (mistral_completion_chunk_get_delta_message (role)), ==, "");
  g_assert_false (mistral_completion_chunk_get_is_last_chunk (role));

  g_assert_cmpstr (mistral_completion_chunk_get_id (calls), ==, F4_ID);
  assert_created (mistral_completion_chunk_get_created (calls), F4_CREATED);
  g_assert_cmpstr (mistral_completion_chunk_get_model (calls), ==, MODEL);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_completion_chunk_get_choices (calls)), ==, 1);
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (calls));
  assert_usage (mistral_completion_chunk_get_usage (calls), 118, 51, 169);

  choice = test_stream_choice_at (calls, 0);
  g_assert_cmpuint (mistral_completion_response_stream_choice_get_index (choice), ==, 0);
  g_assert_cmpint (mistral_completion_response_stream_choice_get_finish_reason (choice), ==,
                   MISTRAL_FINISH_REASON_TOOL_CALLS);
  g_assert_cmpstr (mistral_completion_response_stream_choice_get_finish_reason_name (choice), ==, "tool_calls");

  /* The delta has the two calls, whole, and no content at all (the event
   * has no content member). */
  delta = mistral_completion_chunk_get_delta_message (calls);
  g_assert_true (mistral_completion_response_stream_choice_get_delta (choice) == delta);
  g_assert_null (content_of (delta));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (delta)), ==, 2);
  assert_lyon_call (test_tool_call_at (delta, 0));
  assert_annecy_call (test_tool_call_at (delta, 1));
}

static void
test_from_json_error (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MistralCompletionChunk) chunk = NULL;

  /* An error object sent in place of a chunk ends the stream with the
   * API's message (F5, documented shape). */
  chunk = mistral_completion_chunk_new_from_json ("{\"object\":\"error\",\"message\":\"Invalid model: mistral-nonexistent\","
                                                  "\"type\":\"invalid_request_error\",\"param\":\"model\","
                                                  "\"code\":\"unknown_model\"}",
                                                  -1, &error);
  g_assert_null (chunk);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Invalid model: mistral-nonexistent"));
  g_clear_error (&error);

  /* With a validation list for a message (F5, 422). */
  chunk = mistral_completion_chunk_new_from_json ("{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                                                  "\"loc\":[\"body\",\"stream_options\"],"
                                                  "\"msg\":\"Extra inputs are not permitted\","
                                                  "\"input\":{\"include_usage\":true}}]},"
                                                  "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}",
                                                  -1, &error);
  g_assert_null (chunk);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Extra inputs are not permitted (body.stream_options)"));
  g_clear_error (&error);

  /* The rate-limit body of F5. */
  chunk = mistral_completion_chunk_new_from_json ("{\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                                                  "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}",
                                                  -1, &error);
  g_assert_null (chunk);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Rate limit exceeded"));
}

static void
test_from_json_invalid (void)
{
  /* Not JSON, or not one JSON value: nothing, the end-of-stream sentinel
   * (the caller stops there), the SSE line itself rather than its data, a
   * cut event, two events in one, text that is not UTF-8. */
  static const char *const not_json[] = {
    "",
    "   ",
    "not json",
    "[DONE]",
    "data: " F3_HEAD "\"choices\":[]}",
    F3_HEAD "\"choices\":[",
    F3_HEAD "\"choices\":[]}" F3_HEAD "\"choices\":[]}",
    F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\xc3\x28\"},\"finish_reason\":null}]}",
  };
  /* JSON of the wrong type, at the top or inside. */
  static const char *const wrong_type[] = {
    "null",
    "42",
    "\"Bring\"",
    "[" F3_HEAD "\"choices\":[]}]",
    "{\"id\":42,\"choices\":[]}",
    "{\"model\":[\"mistral-small-latest\"],\"choices\":[]}",
    "{\"created\":\"2026-01-01T10:00:02Z\",\"choices\":[]}",
    "{\"choices\":{}}",
    "{\"choices\":\"none\"}",
    "{\"choices\":[null]}",
    "{\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":\"Bring\"}}]}",
    "{\"choices\":[{\"index\":-1,\"delta\":{\"content\":\"Bring\"}}]}",
    "{\"choices\":[{\"index\":0,\"delta\":\"Bring\"}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":42}}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":1}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":{}}}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[\"get_forecast\"]}}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"text\":\"no type\"}]}}]}",
    "{\"choices\":[],\"usage\":[23,10,33]}",
    "{\"choices\":[],\"usage\":{\"prompt_tokens\":-1}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (not_json); i++)
    assert_json_fails (not_json[i], -1, MISTRAL_ERROR_INVALID_RESPONSE);
  for (gsize i = 0; i < G_N_ELEMENTS (wrong_type); i++)
    assert_json_fails (wrong_type[i], -1, MISTRAL_ERROR_INVALID_RESPONSE);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*data != NULL*");
  g_assert_null (mistral_completion_chunk_new_from_json (NULL, -1, NULL));
  g_test_assert_expected_messages ();
}

static void
test_from_json_length (void)
{
  const char *event = f3_events[3];
  gsize length = strlen (event);
  g_autoptr (MistralCompletionChunk) terminated = NULL;
  g_autoptr (MistralCompletionChunk) counted = NULL;
  g_autoptr (MistralCompletionChunk) in_buffer = NULL;
  g_autoptr (MistralCompletionChunk) unterminated = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *with_nul = NULL;
  g_autofree char *exact = NULL;

  /* -1 and the explicit length give the same chunk. */
  terminated = mistral_completion_chunk_new_from_json (event, -1, &error);
  g_assert_no_error (error);
  counted = mistral_completion_chunk_new_from_json (event, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_of (mistral_completion_chunk_get_delta_message (terminated)), ==, f3_contents[3]);
  g_assert_cmpstr (content_of (mistral_completion_chunk_get_delta_message (counted)), ==, f3_contents[3]);
  g_assert_cmpstr (mistral_completion_chunk_get_id (counted), ==, mistral_completion_chunk_get_id (terminated));
  assert_usage (mistral_completion_chunk_get_usage (counted), 23, 10, 33);
  g_assert_true (mistral_completion_chunk_get_is_last_chunk (counted));

  /* An event in the middle of a received buffer: the length marks its
   * end, and what follows is not read; with -1, the rest is not JSON. */
  buffer = g_strconcat (event, "\n\ndata: [DONE]\n\n", NULL);
  in_buffer = mistral_completion_chunk_new_from_json (buffer, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_of (mistral_completion_chunk_get_delta_message (in_buffer)), ==, f3_contents[3]);
  assert_json_fails (buffer, -1, MISTRAL_ERROR_INVALID_RESPONSE);

  /* Text with no nul after it (valgrind and ASan see a read past it). */
  exact = g_memdup2 (event, length);
  unterminated = mistral_completion_chunk_new_from_json (exact, length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_of (mistral_completion_chunk_get_delta_message (unterminated)), ==, f3_contents[3]);

  /* A length short of the end cuts the event: before its last brace,
   * inside the bytes of "☔", or to nothing. */
  assert_json_fails (event, length - 1, MISTRAL_ERROR_INVALID_RESPONSE);
  assert_json_fails (event, strstr (event, "☔") + 1 - event, MISTRAL_ERROR_INVALID_RESPONSE);
  assert_json_fails (event, 0, MISTRAL_ERROR_INVALID_RESPONSE);

  /* The length is the whole text: a nul inside it does not end it. */
  with_nul = g_malloc (length + 8);
  memcpy (with_nul, event, length);
  memcpy (with_nul + length, "\0{}    ", 8);
  assert_json_fails (with_nul, length + 3, MISTRAL_ERROR_INVALID_RESPONSE);
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

  choice = test_choice_at (response, 0);
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

static void
test_accumulator_f4 (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;
  MistralAssistantMessage *message;

  add_f4 (accumulator);
  response = mistral_chat_completion_accumulator_get_response (accumulator);

  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F4_ID);
  assert_created (mistral_chat_completion_response_get_created (response), F4_CREATED);
  assert_usage (mistral_chat_completion_response_get_usage (response), 118, 51, 169);

  choice = test_choice_at (response, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "tool_calls");

  message = mistral_chat_completion_choice_get_message (choice);
  /* As the API answers when not streamed: empty content with tool calls. */
  g_assert_cmpstr (content_of (message), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 2);

  assert_lyon_call (test_tool_call_at (message, 0));
  assert_annecy_call (test_tool_call_at (message, 1));
}

static void
test_accumulator_f4b (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;
  MistralAssistantMessage *message;

  /* The later fragments have no id and an empty name: the first ones
   * stay. */
  for (gsize i = 0; i < G_N_ELEMENTS (f4b_deltas); i++)
    {
      gboolean last = i == G_N_ELEMENTS (f4b_deltas) - 1;
      g_autofree char *event = g_strconcat (F4_HEAD "\"choices\":[{\"index\":0,\"delta\":", f4b_deltas[i],
                                            ",\"finish_reason\":", last ? "\"tool_calls\"" : "null", "}]}",
                                            NULL);

      add_json (accumulator, event);
    }

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  choice = test_choice_at (response, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);

  message = mistral_chat_completion_choice_get_message (choice);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 1);
  assert_lyon_call (test_tool_call_at (message, 0));
}

static void
test_accumulator_tool_call_order (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralAssistantMessage *message;

  /* Indexes out of order across deltas come out in index order; two calls
   * of one delta with the same index stay two calls. A missing index reads
   * as the call's position in its array (opik#8362; the spec's default of
   * 0 for the first), so "a" and "b" below are both 0. */
  add_json (accumulator,
            F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
            "{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"third\",\"arguments\":\"{}\"},\"index\":2}]},"
            "\"finish_reason\":null}]}");
  add_json (accumulator,
            F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
            "{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"first\",\"arguments\":\"{\\\"x\\\":1}\"}},"
            "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"second\",\"arguments\":\"{\\\"y\\\":2}\"},"
            "\"index\":0}]},"
            "\"finish_reason\":null}]}");
  /* A later fragment does not replace the id and name given first. */
  add_json (accumulator,
            F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
            "{\"id\":\"zzz\",\"type\":\"function\",\"function\":{\"name\":\"other\",\"arguments\":\"\"},\"index\":2}]},"
            "\"finish_reason\":\"tool_calls\"}]}");

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)), ==, 3);
  g_assert_cmpstr (mistral_tool_call_get_id (test_tool_call_at (message, 0)), ==, "a");
  g_assert_cmpstr (mistral_tool_call_get_arguments (test_tool_call_at (message, 0)), ==, "{\"x\":1}");
  g_assert_cmpuint (mistral_tool_call_get_index (test_tool_call_at (message, 0)), ==, 0);
  g_assert_cmpstr (mistral_tool_call_get_id (test_tool_call_at (message, 1)), ==, "b");
  g_assert_cmpstr (mistral_tool_call_get_function_name (test_tool_call_at (message, 1)), ==, "second");
  g_assert_cmpuint (mistral_tool_call_get_index (test_tool_call_at (message, 1)), ==, 1);
  g_assert_cmpstr (mistral_tool_call_get_id (test_tool_call_at (message, 2)), ==, "c");
  g_assert_cmpstr (mistral_tool_call_get_function_name (test_tool_call_at (message, 2)), ==, "third");
  g_assert_cmpstr (mistral_tool_call_get_arguments (test_tool_call_at (message, 2)), ==, "{}");
  g_assert_cmpuint (mistral_tool_call_get_index (test_tool_call_at (message, 2)), ==, 2);
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

  chunk = chunk_from_json (F4_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
                           "{\"id\":\"Rk7mQ2xPz\",\"type\":\"function\",\"function\":{\"name\":\"get_forecast\","
                           "\"arguments\":\"{\\\"city\\\": \\\"Lyon\\\", \\\"day_offset\\\": 1}\"},\"index\":0}]},"
                           "\"finish_reason\":\"tool_calls\"}]}");
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

  call = test_tool_call_at (mistral_chat_completion_response_get_assistant_message (before), 0);
  g_assert_true (call != delta_call);
  assert_lyon_call (call);

  after = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_true (after != before);
  call = test_tool_call_at (mistral_chat_completion_response_get_assistant_message (after), 0);
  g_assert_true (call != delta_call);
  assert_lyon_call (call);
  g_assert_null (content_of (mistral_chat_completion_response_get_assistant_message (after)));

  /* Nor does a response share its calls with the next one. */
  mistral_tool_call_set_arguments (test_tool_call_at (mistral_chat_completion_response_get_assistant_message (before), 0), "[]");
  assert_lyon_call (test_tool_call_at (mistral_chat_completion_response_get_assistant_message (after), 0));
}

static void
test_accumulator_n_choices (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralChatCompletionChoice *choice;

  /* Interleaved, and within a chunk not in index order. */
  add_json (accumulator,
            F3_HEAD "\"choices\":["
            "{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null},"
            "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
  add_json (accumulator,
            F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes,\"},\"finish_reason\":null}]}");
  add_json (accumulator,
            F3_HEAD "\"choices\":["
            "{\"index\":1,\"delta\":{\"content\":\"Probably\"},\"finish_reason\":null},"
            "{\"index\":0,\"delta\":{\"content\":\" rain.\"},\"finish_reason\":\"stop\"}]}");
  add_json (accumulator,
            F3_HEAD "\"choices\":[{\"index\":1,\"delta\":{\"content\":\" not\"},\"finish_reason\":\"length\"}],"
            "\"usage\":{\"prompt_tokens\":23,\"total_tokens\":43,\"completion_tokens\":20}}");

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 2);

  choice = test_choice_at (response, 0);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Yes, rain.");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "stop");

  choice = test_choice_at (response, 1);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 1);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Probably not");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_LENGTH);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "length");

  assert_usage (mistral_chat_completion_response_get_usage (response), 23, 20, 43);
}

/* An F3 event whose delta content is the chunks of @content, a JSON
 * array, and whose finish reason is @finish_reason (JSON: null or a
 * string). */
static void
add_chunks_event (MistralChatCompletionAccumulator *accumulator,
                  const char                       *content,
                  const char                       *finish_reason)
{
  g_autofree char *event = g_strconcat (F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":", content,
                                        "},\"finish_reason\":", finish_reason, "}]}",
                                        NULL);

  add_json (accumulator, event);
}

static void
test_accumulator_thinking (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  MistralAssistantMessage *message;
  MistralContentChunk *chunk;
  GListModel *chunks;

  add_json (accumulator, f3_events[0]);
  add_chunks_event (accumulator, "[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Rain in\"}]}]", "null");
  add_chunks_event (accumulator, "[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\" Lyon is likely.\"}]}]",
                    "null");
  add_chunks_event (accumulator, "[{\"type\":\"text\",\"text\":\"Bring\"}]", "null");
  /* Some servers send later text as a plain string. */
  add_json (accumulator, f3_events[2]);
  add_chunks_event (accumulator, "[{\"type\":\"text\",\"text\":\" – été à Lyon ☔.\"}]", "\"stop\"");

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);

  /* The content is the text only, never empty because the reply was
   * chunked. */
  g_assert_cmpstr (content_of (message), ==, F3_TEXT);

  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);

  chunk = test_content_chunk_at (chunks, 0);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Rain in Lyon is likely.");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_content_chunk_get_thinking (chunk)), ==, 1);

  chunk = test_content_chunk_at (chunks, 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, F3_TEXT);

  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (test_choice_at (response, 0)), ==,
                   MISTRAL_FINISH_REASON_STOP);
}

static void
test_accumulator_thinking_other_chunks (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) partial = NULL;
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  g_autoptr (MistralCompletionChunk) mixed = NULL;
  MistralContentChunk *reference;
  MistralAssistantMessage *message;
  MistralContentChunk *chunk;
  GListModel *chunks;
  const gint64 *ids;
  gsize n_ids;

  /* Mid-stream, with reasoning only: no empty text chunk. */
  add_chunks_event (accumulator, "[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Hm\"}]}]", "null");
  partial = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (partial);
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 0)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (content_of (message), ==, "");

  /* A chunk of another type is kept as it is, and ends the run of
   * reasoning before it. The event is kept here, to compare its reference
   * chunk with the response's. */
  mixed = chunk_from_json (F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":["
                           "{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"m.\"}]},"
                           "{\"type\":\"reference\",\"reference_ids\":[4,2]},"
                           "{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Then\"}]},"
                           "{\"type\":\"text\",\"text\":\"Yes\"}]},"
                           "\"finish_reason\":\"stop\"}]}");
  reference = test_content_chunk_at (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (mistral_completion_chunk_get_delta_message (mixed))),
                                     1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (reference), ==, MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE);
  mistral_chat_completion_accumulator_add_chunk (accumulator, mixed);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  message = mistral_chat_completion_response_get_assistant_message (response);
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 4);

  chunk = test_content_chunk_at (chunks, 0);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Hmm.");
  /* Content chunks are immutable: the delta's is shared, not copied. */
  chunk = test_content_chunk_at (chunks, 1);
  g_assert_true (chunk == reference);
  ids = mistral_content_chunk_get_reference_ids (chunk, &n_ids);
  g_assert_cmpuint (n_ids, ==, 2);
  g_assert_cmpint (ids[0], ==, 4);
  g_assert_cmpint (ids[1], ==, 2);
  chunk = test_content_chunk_at (chunks, 2);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Then");
  chunk = test_content_chunk_at (chunks, 3);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Yes");
  g_assert_cmpstr (content_of (message), ==, "Yes");

  /* The earlier response did not change. */
  chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (mistral_chat_completion_response_get_assistant_message (partial)));
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 1);
  g_assert_cmpstr (mistral_content_chunk_get_text (test_content_chunk_at (chunks, 0)), ==, "Hm");
}

static void
test_accumulator_mid_stream (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) early = NULL;
  g_autoptr (MistralChatCompletionResponse) late = NULL;
  MistralChatCompletionChoice *choice;

  add_json (accumulator, f3_events[0]);
  add_json (accumulator, f3_events[1]);

  early = mistral_chat_completion_accumulator_get_response (accumulator);
  choice = test_choice_at (early, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, "Bring");
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_NONE);
  g_assert_null (mistral_chat_completion_choice_get_finish_reason_name (choice));
  g_assert_null (mistral_chat_completion_response_get_usage (early));
  /* The latest chunk's total latency: 0 for chunks decoded from JSON
   * (latencies come from the stream; the stream tests cover them). */
  g_assert_cmpint (mistral_chat_completion_response_get_latency (early), ==, 0);
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 2);

  add_json (accumulator, f3_events[2]);
  add_json (accumulator, f3_events[3]);

  late = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_true (late != early);
  choice = test_choice_at (late, 0);
  g_assert_cmpstr (content_of (mistral_chat_completion_choice_get_message (choice)), ==, F3_TEXT);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_STOP);
  assert_usage (mistral_chat_completion_response_get_usage (late), 23, 10, 33);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (late), ==, 0);
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

  /* A last event with no choices but a newer usage; and one with neither,
   * whose id, created and model do not replace the first ones. */
  add_json (accumulator, F3_HEAD "\"choices\":[],\"usage\":{\"prompt_tokens\":23,\"total_tokens\":34,\"completion_tokens\":11}}");
  add_json (accumulator, "{\"id\":\"other\",\"object\":\"chat.completion.chunk\",\"created\":42,"
            "\"model\":\"mistral-large-latest\",\"choices\":[]}");
  g_assert_cmpuint (mistral_chat_completion_accumulator_get_n_chunks (accumulator), ==, 6);

  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, F3_ID);
  g_assert_cmpstr (mistral_chat_completion_response_get_model (response), ==, MODEL);
  assert_created (mistral_chat_completion_response_get_created (response), F3_CREATED);
  assert_usage (mistral_chat_completion_response_get_usage (response), 23, 11, 34);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_completion_response_get_choices (response)), ==, 1);

  choice = test_choice_at (response, 0);
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
  add_json (accumulator, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":null}]}");
  add_json (accumulator, F3_HEAD "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" it\"},\"finish_reason\":\"stop\"}]}");

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

  /* The response's latency is the last chunk's total latency. Chunks
   * decoded from JSON have none, so it is 0 here: latencies come from the
   * stream, and the stream tests cover them. */
  add_f3 (accumulator);
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), ==, 0);
  g_clear_object (&response);

  add_json (accumulator, F3_HEAD "\"choices\":[]}");
  add_json (accumulator, F3_HEAD "\"choices\":[]}");
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  g_assert_cmpint (mistral_chat_completion_response_get_latency (response), ==, 0);
}

static void
test_accumulator_bad_input (void)
{
  g_autoptr (MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr (MistralChatCompletionResponse) response = NULL;
  g_autoptr (MistralUsageInfo) usage = mistral_usage_info_new (1, 2, 3);

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

  /* A hand-made chunk whose choices were not stream choices was skipped.
   * Such a chunk can no longer be made: on the wire, a choice that is not
   * an object makes no chunk at all, and an event whose choices are null
   * is counted and adds none. */
  assert_json_fails (F3_HEAD "\"choices\":[\"Bring\"]}", -1, MISTRAL_ERROR_INVALID_RESPONSE);
  add_json (accumulator, F3_HEAD "\"choices\":null}");
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
  g_test_add_func ("/accumulator/chunk/from-json/f3", test_from_json_f3);
  g_test_add_func ("/accumulator/chunk/from-json/f4", test_from_json_f4);
  g_test_add_func ("/accumulator/chunk/from-json/error", test_from_json_error);
  g_test_add_func ("/accumulator/chunk/from-json/invalid", test_from_json_invalid);
  g_test_add_func ("/accumulator/chunk/from-json/length", test_from_json_length);
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

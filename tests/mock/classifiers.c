// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * classifiers.c: POST /v1/moderations, /v1/chat/moderations,
 * /v1/classifications and /v1/chat/classifications (API-NOTES.md §7): the
 * checks of their request bodies (ClassificationRequest,
 * ChatModerationRequest, ChatClassificationRequest), and deterministic
 * results.
 *
 * Moderation: every category of the API in each result, each scored from
 * keywords of its text ("kill" flags violence_and_threats with 0.97, no
 * keyword scores 0.01); a category is flagged at 0.5 or more.
 * Classification: one target, "sentiment", with the labels "positive" and
 * "negative" (summing to 1; "bad", "hate" or "kill" make it negative).
 * A chat input is judged on the text of all its messages. A model
 * "mock-error-NNN" answers status NNN.
 */

#include "mock-server-private.h"

static const char * const moderation_keys[] = { "model", "metadata", "input", NULL };
static const char * const chat_keys[] = { "model", "input", NULL };
static const char * const instruct_keys[] = { "messages", NULL };

static const struct {
  const char *category;
  const char *keywords[4];
} categories[] = {
  { "sexual", { "sex", NULL } },
  { "hate_and_discrimination", { "hate", NULL } },
  { "violence_and_threats", { "kill", "murder", NULL } },
  { "dangerous_and_criminal_content", { "bomb", "steal", NULL } },
  { "selfharm", { "hurt myself", NULL } },
  { "health", { "doctor", "medicine", NULL } },
  { "financial", { "invest", "stock", NULL } },
  { "law", { "lawyer", "sue", NULL } },
  { "pii", { "passport", "@", NULL } },
};

/* Validation --------------------------------------------------------------- */

static gboolean
classifiers_check_root (JsonArray *detail,
                        JsonNode  *root,
                        JsonArray *loc)
{
  json_array_add_string_element (loc, "body");
  if (JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                  "Input should be a valid dictionary or object to extract fields from", root, NULL);
  return FALSE;
}

static JsonArray *
classifiers_validate_text (JsonNode *root)
{
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();

  if (!classifiers_check_root (detail, root, loc))
    return detail;
  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  mock_check_member (detail, root, "metadata", loc, MOCK_KIND_DICT, FALSE, TRUE, NULL);
  mock_check_string_or_list (detail, root, "input", loc, TRUE);
  mock_check_extra (detail, root, loc, moderation_keys);
  return detail;
}

/* A list of messages (a conversation), each checked as chat checks it. */
static void
classifiers_check_messages (JsonArray *detail,
                            JsonNode  *node,
                            JsonArray *loc)
{
  JsonArray *messages;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mock_add_type_error (detail, MOCK_KIND_LIST, json_array_ref (loc), node);
      return;
    }
  messages = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      g_autoptr(JsonArray) message_loc = mock_loc_new (loc, NULL, i);

      mock_check_chat_message (detail, json_array_get_element (messages, i), message_loc);
    }
}

/* ChatModerationRequest.input: a conversation or a list of them. */
static JsonArray *
classifiers_validate_chat_moderation (JsonNode *root)
{
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();
  JsonNode *input;

  if (!classifiers_check_root (detail, root, loc))
    return detail;
  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  input = mock_check_member (detail, root, "input", loc, MOCK_KIND_LIST, TRUE, FALSE, NULL);
  if (input != NULL)
    {
      JsonArray *array = json_node_get_array (input);
      g_autoptr(JsonArray) input_loc = mock_loc_new (loc, "input", 0);
      JsonNode *first = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;

      if (first != NULL && JSON_NODE_HOLDS_ARRAY (first))
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autoptr(JsonArray) conversation_loc = mock_loc_new (input_loc, NULL, i);

            classifiers_check_messages (detail, json_array_get_element (array, i), conversation_loc);
          }
      else
        classifiers_check_messages (detail, input, input_loc);
    }
  mock_check_extra (detail, root, loc, chat_keys);
  return detail;
}

static void
classifiers_check_instruct (JsonArray *detail,
                            JsonNode  *node,
                            JsonArray *loc)
{
  JsonNode *messages;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mock_add_model_type_error (detail, "InstructRequest", json_array_ref (loc), node);
      return;
    }
  messages = mock_check_member (detail, node, "messages", loc, MOCK_KIND_LIST, TRUE, FALSE, NULL);
  if (messages != NULL)
    {
      g_autoptr(JsonArray) messages_loc = mock_loc_new (loc, "messages", 0);

      classifiers_check_messages (detail, messages, messages_loc);
    }
  mock_check_extra (detail, node, loc, instruct_keys);
}

/* ChatClassificationRequest.input: an InstructRequest or a list of them. */
static JsonArray *
classifiers_validate_chat_classification (JsonNode *root)
{
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();
  JsonNode *input;

  if (!classifiers_check_root (detail, root, loc))
    return detail;
  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  input = json_object_get_member (json_node_get_object (root), "input");
  if (input == NULL)
    {
      g_autoptr(JsonArray) input_loc = mock_loc_new (loc, "input", 0);

      mock_add_error (detail, "missing", json_array_ref (input_loc), "Field required", root, NULL);
    }
  else if (JSON_NODE_HOLDS_ARRAY (input))
    {
      JsonArray *array = json_node_get_array (input);
      g_autoptr(JsonArray) input_loc = mock_loc_new (loc, "input", 0);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(JsonArray) item_loc = mock_loc_new (input_loc, NULL, i);

          classifiers_check_instruct (detail, json_array_get_element (array, i), item_loc);
        }
    }
  else
    {
      g_autoptr(JsonArray) input_loc = mock_loc_new (loc, "input", 0);

      classifiers_check_instruct (detail, input, input_loc);
    }
  mock_check_extra (detail, root, loc, chat_keys);
  return detail;
}

/* Replies ------------------------------------------------------------------ */

/* The text of a message's content: a string, or its text chunks. */
static void
classifiers_append_message (GString  *text,
                            JsonNode *node)
{
  JsonNode *content;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  content = json_object_get_member (json_node_get_object (node), "content");
  if (content == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    g_string_append_printf (text, "%s\n", json_node_get_string (content));
  else if (JSON_NODE_HOLDS_ARRAY (content))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (content)); i++)
      {
        JsonNode *chunk = json_array_get_element (json_node_get_array (content), i);

        if (JSON_NODE_HOLDS_OBJECT (chunk) &&
            mock_object_get_string (json_node_get_object (chunk), "text") != NULL)
          g_string_append_printf (text, "%s\n", mock_object_get_string (json_node_get_object (chunk), "text"));
      }
}

static char *
classifiers_conversation_text (JsonArray *messages)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (messages); i++)
    classifiers_append_message (text, json_array_get_element (messages, i));
  return g_string_free (text, FALSE);
}

/* The texts judged, one per result, from the request's input. */
static GPtrArray *
classifiers_texts (JsonObject *request,
                   gboolean    chat,
                   gboolean    instruct)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  JsonNode *input = json_object_get_member (request, "input");

  if (!chat)
    {
      if (JSON_NODE_HOLDS_ARRAY (input))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (input)); i++)
          g_ptr_array_add (texts, g_strdup (json_array_get_string_element (json_node_get_array (input), i)));
      else
        g_ptr_array_add (texts, g_strdup (json_node_get_string (input)));
    }
  else if (instruct)
    {
      if (JSON_NODE_HOLDS_ARRAY (input))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (input)); i++)
          {
            JsonObject *item = json_array_get_object_element (json_node_get_array (input), i);

            g_ptr_array_add (texts, classifiers_conversation_text (json_object_get_array_member (item, "messages")));
          }
      else
        g_ptr_array_add (texts, classifiers_conversation_text (
                                  json_object_get_array_member (json_node_get_object (input), "messages")));
    }
  else
    {
      JsonArray *array = json_node_get_array (input);
      JsonNode *first = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;

      if (first != NULL && JSON_NODE_HOLDS_ARRAY (first))
        for (guint i = 0; i < json_array_get_length (array); i++)
          g_ptr_array_add (texts, classifiers_conversation_text (json_array_get_array_element (array, i)));
      else
        g_ptr_array_add (texts, classifiers_conversation_text (array));
    }
  return texts;
}

static JsonNode *
classifiers_moderation_result (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  double scores[G_N_ELEMENTS (categories)];

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      scores[i] = 0.01;
      for (guint k = 0; categories[i].keywords[k] != NULL; k++)
        if (strstr (lower, categories[i].keywords[k]) != NULL)
          scores[i] = 0.97;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      json_builder_set_member_name (builder, categories[i].category);
      json_builder_add_boolean_value (builder, scores[i] >= 0.5);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "category_scores");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      json_builder_set_member_name (builder, categories[i].category);
      json_builder_add_double_value (builder, scores[i]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
classifiers_classification_result (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  gboolean negative = strstr (lower, "bad") != NULL || strstr (lower, "hate") != NULL ||
                      strstr (lower, "kill") != NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sentiment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "positive");
  json_builder_add_double_value (builder, negative ? 0.125 : 0.875);
  json_builder_set_member_name (builder, "negative");
  json_builder_add_double_value (builder, negative ? 0.875 : 0.125);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
classifiers_serve (MockServer        *self,
                   SoupServerMessage *msg,
                   JsonObject        *request,
                   gboolean           chat,
                   gboolean           classification)
{
  const char *model = mock_object_get_string (request, "model");
  g_autoptr(GPtrArray) texts = classifiers_texts (request, chat, chat && classification);
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *hex = mock_random_hex (32);
  JsonArray *results = json_array_new ();
  MockReply *answer;
  guint64 status;

  if (g_str_has_prefix (model, "mock-error-") &&
      g_ascii_string_to_unsigned (model + strlen ("mock-error-"), 10, 100, 599, &status, NULL))
    {
      mock_serve_reply (self, msg, mock_magic_error_reply (status, model));
      json_array_unref (results);
      return;
    }

  for (guint i = 0; i < texts->len; i++)
    json_array_add_element (results, classification
                                     ? classifiers_classification_result (texts->pdata[i])
                                     : classifiers_moderation_result (texts->pdata[i]));

  json_object_set_string_member (reply, "id", hex);
  json_object_set_string_member (reply, "model", model);
  json_object_set_array_member (reply, "results", results);

  answer = mock_reply_new (SOUP_STATUS_OK);
  answer->content_type = g_strdup ("application/json");
  answer->body = mock_bytes_take_string (mock_object_to_string (reply));
  mock_serve_reply (self, msg, answer);
}

static void
classifiers_serve_moderation (MockServer *self, SoupServerMessage *msg, JsonObject *request)
{
  classifiers_serve (self, msg, request, FALSE, FALSE);
}

static void
classifiers_serve_chat_moderation (MockServer *self, SoupServerMessage *msg, JsonObject *request)
{
  classifiers_serve (self, msg, request, TRUE, FALSE);
}

static void
classifiers_serve_classification (MockServer *self, SoupServerMessage *msg, JsonObject *request)
{
  classifiers_serve (self, msg, request, FALSE, TRUE);
}

static void
classifiers_serve_chat_classification (MockServer *self, SoupServerMessage *msg, JsonObject *request)
{
  classifiers_serve (self, msg, request, TRUE, TRUE);
}

/* The classifiers area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_classifiers_endpoints[] = {
  { "POST", "/v1/moderations", classifiers_validate_text, classifiers_serve_moderation },
  { "POST", "/v1/chat/moderations", classifiers_validate_chat_moderation, classifiers_serve_chat_moderation },
  { "POST", "/v1/classifications", classifiers_validate_text, classifiers_serve_classification },
  { "POST", "/v1/chat/classifications", classifiers_validate_chat_classification,
    classifiers_serve_chat_classification },
  { NULL }
};

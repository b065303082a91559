// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * chat.c: POST /v1/chat/completions: the checks of its request body, and
 * its deterministic default replies (API-NOTES.md §2-§5, F2-F4), plain or
 * streamed, with the magic models of mock-server.h.
 */

#include "mock-server-private.h"

/* ------------------------------------------------------------------ */
/* Request validation                                                 */
/* ------------------------------------------------------------------ */

static const char * const request_keys[] = {
  "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop",
  "random_seed", "metadata", "response_format", "tools", "tool_choice",
  "presence_penalty", "frequency_penalty", "n", "prediction",
  "parallel_tool_calls", "reasoning_effort", "prompt_mode", "guardrails",
  "prompt_cache_key", "service_tier", "safe_prompt", NULL
};

static const char * const message_roles[] = { "system", "user", "assistant", "tool", NULL };

static const char * const system_keys[] = { "role", "content", NULL };

static const char * const user_keys[] = { "role", "content", NULL };

static const char * const assistant_keys[] = { "role", "content", "tool_calls", "prefix", NULL };

static const char * const tool_message_keys[] = { "role", "content", "tool_call_id", "name", NULL };

static const char * const chunk_types[] = {
  "text", "image_url", "document_url", "reference", "file", "thinking", "input_audio", NULL
};

static const char * const system_chunk_types[] = { "text", "thinking", NULL };

static const char * const tool_call_keys[] = { "id", "type", "function", "index", NULL };

static const char * const function_call_keys[] = { "name", "arguments", NULL };

static const char * const builtin_tool_types[] = {
  "web_search", "web_search_premium", "code_interpreter", "image_generation",
  "document_library", "connector", NULL
};

static const char * const tool_keys[] = { "type", "function", NULL };

static const char * const function_keys[] = { "name", "description", "strict", "parameters", NULL };

static const char * const tool_choice_values[] = { "auto", "none", "any", "required", NULL };

static const char * const tool_choice_keys[] = { "type", "function", NULL };

static const char * const tool_choice_function_keys[] = { "name", NULL };

static const char * const response_format_types[] = { "text", "json_object", "json_schema", NULL };

static const char * const response_format_keys[] = { "type", "json_schema", NULL };

static const char * const json_schema_keys[] = { "name", "description", "schema", "strict", NULL };

static const char * const prediction_keys[] = { "type", "content", NULL };

static const char * const prediction_types[] = { "content", NULL };

static const char * const reasoning_efforts[] = { "none", "minimal", "low", "medium", "high", "xhigh", NULL };

static const char * const prompt_modes[] = { "reasoning", NULL };

static const char * const service_tiers[] = { "auto", "standard_only", NULL };

static void
validate_chunk (JsonArray *detail,
                JsonNode  *node,
                JsonArray *loc,
                gboolean   system)
{
  const char *type = mock_check_tagged (detail, node, loc, "type",
                                        system ? system_chunk_types : chunk_types, NULL);
  g_autoptr(JsonArray) type_loc = NULL;

  if (!type)
    return;
  type_loc = mock_loc_new (loc, type, 0);
  if (strcmp (type, "text") == 0)
    {
      static const char * const keys[] = { "type", "text", NULL };

      mock_check_member (detail, node, "text", type_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_extra (detail, node, type_loc, keys);
    }
  else if (strcmp (type, "image_url") == 0)
    {
      static const char * const keys[] = { "type", "image_url", NULL };
      JsonNode *url = json_object_get_member (json_node_get_object (node), "image_url");

      if (!url)
        mock_add_error (detail, "missing", mock_loc_new (type_loc, "image_url", 0), "Field required", node, NULL);
      else if (!JSON_NODE_HOLDS_OBJECT (url)
               && !(JSON_NODE_HOLDS_VALUE (url) && json_node_get_value_type (url) == G_TYPE_STRING))
        mock_add_type_error (detail, MOCK_KIND_STRING, mock_loc_new (type_loc, "image_url", 0), url);
      mock_check_extra (detail, node, type_loc, keys);
    }
}

static void
validate_content (JsonArray  *detail,
                  JsonNode   *message_node,
                  JsonArray  *loc,
                  const char *role)
{
  JsonNode *content = json_object_get_member (json_node_get_object (message_node), "content");
  gboolean system = strcmp (role, "system") == 0;
  g_autoptr(JsonArray) content_loc = mock_loc_new (loc, "content", 0);

  if (!content)
    {
      if (strcmp (role, "assistant") != 0)
        mock_add_error (detail, "missing", json_array_ref (content_loc), "Field required",
                        message_node, NULL);
      return;
    }
  if (JSON_NODE_HOLDS_NULL (content) && !system)
    return;
  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    return;
  if (JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *chunks = json_node_get_array (content);

      for (guint j = 0; j < json_array_get_length (chunks); j++)
        {
          g_autoptr(JsonArray) chunk_loc = mock_loc_new (content_loc, NULL, j);

          validate_chunk (detail, json_array_get_element (chunks, j), chunk_loc, system);
        }
      return;
    }
  mock_add_type_error (detail, MOCK_KIND_STRING, json_array_ref (content_loc), content);
}

static void
validate_tool_call (JsonArray *detail,
                    JsonNode  *node,
                    JsonArray *loc)
{
  JsonNode *function;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mock_add_model_type_error (detail, "ToolCall", json_array_ref (loc), node);
      return;
    }
  mock_check_member (detail, node, "id", loc, MOCK_KIND_STRING, FALSE, FALSE, NULL);
  mock_check_member (detail, node, "type", loc, MOCK_KIND_STRING, FALSE, FALSE, NULL);
  mock_check_member (detail, node, "index", loc, MOCK_KIND_INT, FALSE, FALSE, NULL);
  function = mock_check_model_member (detail, node, "function", loc, "FunctionCall", TRUE, FALSE);
  if (function)
    {
      g_autoptr(JsonArray) function_loc = mock_loc_new (loc, "function", 0);
      JsonNode *arguments = json_object_get_member (json_node_get_object (function), "arguments");

      mock_check_member (detail, function, "name", function_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      if (!arguments)
        mock_add_error (detail, "missing", mock_loc_new (function_loc, "arguments", 0), "Field required",
                        function, NULL);
      else if (!JSON_NODE_HOLDS_OBJECT (arguments)
               && !(JSON_NODE_HOLDS_VALUE (arguments)
                    && json_node_get_value_type (arguments) == G_TYPE_STRING))
        mock_add_type_error (detail, MOCK_KIND_STRING, mock_loc_new (function_loc, "arguments", 0), arguments);
      mock_check_extra (detail, function, function_loc, function_call_keys);
    }
  mock_check_extra (detail, node, loc, tool_call_keys);
}

static void
validate_message (JsonArray *detail,
                  JsonNode  *node,
                  JsonArray *loc)
{
  const char *role = mock_check_tagged (detail, node, loc, "role", message_roles, NULL);
  g_autoptr(JsonArray) role_loc = NULL;
  const char * const *keys;

  if (!role)
    return;
  role_loc = mock_loc_new (loc, role, 0);
  validate_content (detail, node, role_loc, role);

  if (strcmp (role, "assistant") == 0)
    {
      JsonNode *tool_calls = mock_check_member (detail, node, "tool_calls", role_loc, MOCK_KIND_LIST,
                                                FALSE, TRUE, NULL);

      if (tool_calls)
        {
          JsonArray *calls = json_node_get_array (tool_calls);
          g_autoptr(JsonArray) calls_loc = mock_loc_new (role_loc, "tool_calls", 0);

          for (guint i = 0; i < json_array_get_length (calls); i++)
            {
              g_autoptr(JsonArray) call_loc = mock_loc_new (calls_loc, NULL, i);

              validate_tool_call (detail, json_array_get_element (calls, i), call_loc);
            }
        }
      mock_check_member (detail, node, "prefix", role_loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
      keys = assistant_keys;
    }
  else if (strcmp (role, "tool") == 0)
    {
      mock_check_member (detail, node, "tool_call_id", role_loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
      mock_check_member (detail, node, "name", role_loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
      keys = tool_message_keys;
    }
  else
    keys = strcmp (role, "system") == 0 ? system_keys : user_keys;

  mock_check_extra (detail, node, role_loc, keys);
}

void
mock_check_chat_message (JsonArray *detail,
                         JsonNode  *node,
                         JsonArray *loc)
{
  validate_message (detail, node, loc);
}

static void
validate_tool (JsonArray *detail,
               JsonNode  *node,
               JsonArray *loc)
{
  static const char * const all_types[] = {
    "function", "web_search", "web_search_premium", "code_interpreter",
    "image_generation", "document_library", "connector", NULL
  };
  const char *type = mock_check_tagged (detail, node, loc, "type", all_types, "function");
  g_autoptr(JsonArray) type_loc = NULL;
  JsonNode *function;

  if (!type || mock_strv_has (builtin_tool_types, type))
    return;
  type_loc = mock_loc_new (loc, type, 0);
  function = mock_check_model_member (detail, node, "function", type_loc, "Function", TRUE, FALSE);
  if (function)
    {
      g_autoptr(JsonArray) function_loc = mock_loc_new (type_loc, "function", 0);

      mock_check_member (detail, function, "name", function_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_member (detail, function, "description", function_loc, MOCK_KIND_STRING, FALSE, FALSE, NULL);
      mock_check_member (detail, function, "strict", function_loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
      mock_check_member (detail, function, "parameters", function_loc, MOCK_KIND_DICT, TRUE, FALSE, NULL);
      mock_check_extra (detail, function, function_loc, function_keys);
    }
  mock_check_extra (detail, node, type_loc, tool_keys);
}

static void
validate_tool_choice (JsonArray *detail,
                      JsonNode  *body,
                      JsonArray *loc)
{
  JsonNode *node = json_object_get_member (json_node_get_object (body), "tool_choice");
  g_autoptr(JsonArray) choice_loc = mock_loc_new (loc, "tool_choice", 0);
  JsonNode *function;

  if (!node)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      mock_check_enum_member (detail, node, "type", choice_loc, (const char * const[]) { "function", NULL }, FALSE);
      function = mock_check_model_member (detail, node, "function", choice_loc, "FunctionName", TRUE, FALSE);
      if (function)
        {
          g_autoptr(JsonArray) function_loc = mock_loc_new (choice_loc, "function", 0);

          mock_check_member (detail, function, "name", function_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
          mock_check_extra (detail, function, function_loc, tool_choice_function_keys);
        }
      mock_check_extra (detail, node, choice_loc, tool_choice_keys);
      return;
    }
  mock_check_enum_member (detail, body, "tool_choice", loc, tool_choice_values, FALSE);
}

/* A ResponseFormat at @key, optional and nullable (chat's response_format,
 * OCR's annotation formats). */
void
mock_check_response_format (JsonArray  *detail,
                            JsonNode   *body,
                            const char *key,
                            JsonArray  *loc)
{
  JsonNode *node = mock_check_model_member (detail, body, key, loc, "ResponseFormat", FALSE, TRUE);
  g_autoptr(JsonArray) rf_loc = mock_loc_new (loc, key, 0);
  JsonNode *schema;

  if (!node)
    return;
  mock_check_enum_member (detail, node, "type", rf_loc, response_format_types, FALSE);
  schema = mock_check_model_member (detail, node, "json_schema", rf_loc, "JsonSchema", FALSE, TRUE);
  if (schema)
    {
      g_autoptr(JsonArray) schema_loc = mock_loc_new (rf_loc, "json_schema", 0);

      mock_check_member (detail, schema, "name", schema_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_member (detail, schema, "description", schema_loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
      mock_check_member (detail, schema, "schema", schema_loc, MOCK_KIND_DICT, TRUE, FALSE, NULL);
      mock_check_member (detail, schema, "strict", schema_loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
      mock_check_extra (detail, schema, schema_loc, json_schema_keys);
    }
  mock_check_extra (detail, node, rf_loc, response_format_keys);
}

/* Returns the pydantic "detail" list; empty when @root is a valid request. */
void
mock_check_sampling (JsonArray *detail,
                     JsonNode  *root,
                     JsonArray *loc)
{
  static const MockBounds temperature_bounds = { .has_ge = TRUE, .ge = 0, .has_le = TRUE, .le = 1.5 };
  static const MockBounds top_p_bounds = { .has_gt = TRUE, .gt = 0, .has_le = TRUE, .le = 1 };
  static const MockBounds non_negative = { .has_ge = TRUE, .ge = 0 };

  mock_check_member (detail, root, "temperature", loc, MOCK_KIND_NUMBER, FALSE, TRUE, &temperature_bounds);
  mock_check_member (detail, root, "top_p", loc, MOCK_KIND_NUMBER, FALSE, TRUE, &top_p_bounds);
  mock_check_member (detail, root, "max_tokens", loc, MOCK_KIND_INT, FALSE, TRUE, &non_negative);
  mock_check_member (detail, root, "stream", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_string_or_list (detail, root, "stop", loc, FALSE);
  mock_check_member (detail, root, "random_seed", loc, MOCK_KIND_INT, FALSE, TRUE, &non_negative);
  mock_check_member (detail, root, "metadata", loc, MOCK_KIND_DICT, FALSE, TRUE, NULL);
}

static JsonArray *
validate_request (JsonNode *root)
{
  static const MockBounds positive = { .has_ge = TRUE, .ge = 1 };
  static const MockBounds penalty_bounds = { .has_ge = TRUE, .ge = -2, .has_le = TRUE, .le = 2 };
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();
  JsonNode *node;

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from",
                      root, NULL);
      return detail;
    }

  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  node = mock_check_member (detail, root, "messages", loc, MOCK_KIND_LIST, TRUE, FALSE, NULL);
  if (node)
    {
      JsonArray *messages = json_node_get_array (node);
      g_autoptr(JsonArray) messages_loc = mock_loc_new (loc, "messages", 0);
      guint n = json_array_get_length (messages);

      if (n == 0)
        {
          JsonObject *ctx = json_object_new ();

          json_object_set_string_member (ctx, "field_type", "List");
          json_object_set_int_member (ctx, "min_length", 1);
          json_object_set_int_member (ctx, "actual_length", 0);
          mock_add_error (detail, "too_short", json_array_ref (messages_loc),
                          "List should have at least 1 item after validation, not 0", node, ctx);
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JsonArray) message_loc = mock_loc_new (messages_loc, NULL, i);

          validate_message (detail, json_array_get_element (messages, i), message_loc);
        }
    }
  mock_check_sampling (detail, root, loc);
  mock_check_response_format (detail, root, "response_format", loc);
  node = mock_check_member (detail, root, "tools", loc, MOCK_KIND_LIST, FALSE, TRUE, NULL);
  if (node)
    {
      JsonArray *tools = json_node_get_array (node);
      g_autoptr(JsonArray) tools_loc = mock_loc_new (loc, "tools", 0);

      for (guint i = 0; i < json_array_get_length (tools); i++)
        {
          g_autoptr(JsonArray) tool_loc = mock_loc_new (tools_loc, NULL, i);

          validate_tool (detail, json_array_get_element (tools, i), tool_loc);
        }
    }
  validate_tool_choice (detail, root, loc);
  mock_check_member (detail, root, "presence_penalty", loc, MOCK_KIND_NUMBER, FALSE, TRUE, &penalty_bounds);
  mock_check_member (detail, root, "frequency_penalty", loc, MOCK_KIND_NUMBER, FALSE, TRUE, &penalty_bounds);
  mock_check_member (detail, root, "n", loc, MOCK_KIND_INT, FALSE, TRUE, &positive);
  node = mock_check_model_member (detail, root, "prediction", loc, "Prediction", FALSE, FALSE);
  if (node)
    {
      g_autoptr(JsonArray) prediction_loc = mock_loc_new (loc, "prediction", 0);

      mock_check_enum_member (detail, node, "type", prediction_loc, prediction_types, FALSE);
      mock_check_member (detail, node, "content", prediction_loc, MOCK_KIND_STRING, FALSE, FALSE, NULL);
      mock_check_extra (detail, node, prediction_loc, prediction_keys);
    }
  mock_check_member (detail, root, "parallel_tool_calls", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_enum_member (detail, root, "reasoning_effort", loc, reasoning_efforts, TRUE);
  mock_check_enum_member (detail, root, "prompt_mode", loc, prompt_modes, TRUE);
  node = mock_check_member (detail, root, "guardrails", loc, MOCK_KIND_LIST, FALSE, TRUE, NULL);
  if (node)
    {
      JsonArray *guardrails = json_node_get_array (node);
      g_autoptr(JsonArray) guardrails_loc = mock_loc_new (loc, "guardrails", 0);

      for (guint i = 0; i < json_array_get_length (guardrails); i++)
        {
          JsonNode *element = json_array_get_element (guardrails, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            mock_add_model_type_error (detail, "GuardrailConfig", mock_loc_new (guardrails_loc, NULL, i), element);
        }
    }
  mock_check_member (detail, root, "prompt_cache_key", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_enum_member (detail, root, "service_tier", loc, service_tiers, TRUE);
  mock_check_member (detail, root, "safe_prompt", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_extra (detail, root, loc, request_keys);
  return detail;
}

/* ------------------------------------------------------------------ */
/* Default completions                                                */
/* ------------------------------------------------------------------ */

typedef struct {
  char *content;                /* NULL for a tool call */
  GPtrArray *pieces;            /* content pieces, one per stream chunk */
  char *tool_id;
  char *tool_name;
  char *tool_arguments;
  const char *finish_reason;
  guint completion_tokens;
} Choice;

typedef struct {
  char *id;
  gint64 created;
  char *model;
  guint prompt_tokens;
  GPtrArray *choices;           /* Choice* */
} Completion;

static void
choice_free (Choice *choice)
{
  g_free (choice->content);
  g_clear_pointer (&choice->pieces, g_ptr_array_unref);
  g_free (choice->tool_id);
  g_free (choice->tool_name);
  g_free (choice->tool_arguments);
  g_free (choice);
}

static void
completion_free (Completion *completion)
{
  g_free (completion->id);
  g_free (completion->model);
  g_ptr_array_unref (completion->choices);
  g_free (completion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Completion, completion_free)

/* Cuts @text into "word plus its leading whitespace" pieces; joining them
 * gives @text back.  One piece stands for one token. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; *p; p++)
    {
      if (p > start && g_ascii_isspace (*p) && !g_ascii_isspace (p[-1]))
        {
          g_ptr_array_add (pieces, g_strndup (start, p - start));
          start = p;
        }
    }
  if (*start)
    g_ptr_array_add (pieces, g_strdup (start));
  return pieces;
}

static guint
count_words (const char *text)
{
  g_autoptr(GPtrArray) pieces = split_words (text ? text : "");

  return pieces->len;
}

/* The text of a message content: a string, or the text chunks joined. */
static char *
content_text (JsonNode *content)
{
  GString *s = g_string_new (NULL);

  if (!content || JSON_NODE_HOLDS_NULL (content))
    return g_string_free (s, FALSE);
  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    g_string_append (s, json_node_get_string (content));
  else if (JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *chunks = json_node_get_array (content);

      for (guint i = 0; i < json_array_get_length (chunks); i++)
        {
          JsonObject *chunk = json_array_get_object_element (chunks, i);
          const char *text = mock_object_get_string (chunk, "text");

          if (text && g_strcmp0 (mock_object_get_string (chunk, "type"), "text") == 0)
            {
              if (s->len > 0)
                g_string_append_c (s, ' ');
              g_string_append (s, text);
            }
        }
    }
  return g_string_free (s, FALSE);
}

static char *object_for_schema (JsonNode   *schema,
                                const char *string_value);

static JsonNode *
dummy_for_schema (JsonNode   *schema,
                  const char *string_value)
{
  JsonObject *object = schema && JSON_NODE_HOLDS_OBJECT (schema) ? json_node_get_object (schema) : NULL;
  JsonNode *type_node = object ? json_object_get_member (object, "type") : NULL;
  const char *type = NULL;
  JsonNode *node;

  /* An enum's first value fits a typed enum ({"type":"string","enum":…}) too. */
  if (object && mock_object_get_array (object, "enum")
      && json_array_get_length (mock_object_get_array (object, "enum")) > 0)
    return json_node_copy (json_array_get_element (mock_object_get_array (object, "enum"), 0));
  if (type_node && JSON_NODE_HOLDS_VALUE (type_node))
    type = mock_object_get_string (object, "type");
  else if (type_node && JSON_NODE_HOLDS_ARRAY (type_node))
    {
      JsonArray *types = json_node_get_array (type_node);

      for (guint i = 0; i < json_array_get_length (types) && !type; i++)
        {
          const char *t = json_array_get_string_element (types, i);

          if (t && strcmp (t, "null") != 0)
            type = t;
        }
    }
  if (!type && object)
    {
      JsonArray *values = mock_object_get_array (object, "enum");

      if (values && json_array_get_length (values) > 0)
        return json_node_copy (json_array_get_element (values, 0));
      if (json_object_has_member (object, "const"))
        return json_node_copy (json_object_get_member (object, "const"));
      if (mock_object_get_object (object, "properties"))
        type = "object";
    }

  node = json_node_alloc ();
  if (g_strcmp0 (type, "number") == 0 || g_strcmp0 (type, "integer") == 0)
    json_node_init_int (node, 1);
  else if (g_strcmp0 (type, "boolean") == 0)
    json_node_init_boolean (node, TRUE);
  else if (g_strcmp0 (type, "array") == 0)
    json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
  else if (g_strcmp0 (type, "object") == 0)
    {
      /* A nested object holds its own required members. */
      g_autofree char *text = object_for_schema (schema, string_value);

      json_node_unref (node);
      node = json_from_string (text, NULL);
    }
  else if (g_strcmp0 (type, "null") == 0)
    json_node_init_null (node);
  else
    json_node_init_string (node, string_value);
  return node;
}

/* An object holding every "required" property of @schema, with dummies. */
static char *
object_for_schema (JsonNode   *schema,
                   const char *string_value)
{
  JsonObject *object = schema && JSON_NODE_HOLDS_OBJECT (schema) ? json_node_get_object (schema) : NULL;
  JsonObject *properties = mock_object_get_object (object, "properties");
  JsonArray *required = mock_object_get_array (object, "required");
  g_autoptr(JsonObject) result = json_object_new ();

  for (guint i = 0; required && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);
      JsonNode *property = properties ? json_object_get_member (properties, name) : NULL;

      if (name)
        json_object_set_member (result, name, dummy_for_schema (property, string_value));
    }
  return mock_object_to_string (result);
}

/* The function a tool call should go to, or NULL for a text reply. */
static JsonObject *
pick_tool_function (JsonObject *request)
{
  JsonArray *tools = mock_object_get_array (request, "tools");
  JsonNode *choice = json_object_get_member (request, "tool_choice");
  const char *wanted = NULL;

  if (!tools)
    return NULL;
  if (choice && JSON_NODE_HOLDS_VALUE (choice)
      && g_strcmp0 (json_node_get_string (choice), "none") == 0)
    return NULL;
  if (choice && JSON_NODE_HOLDS_OBJECT (choice))
    wanted = mock_object_get_string (mock_object_get_object (json_node_get_object (choice), "function"), "name");

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);
      const char *type = mock_object_get_string (tool, "type");
      JsonObject *function = mock_object_get_object (tool, "function");

      if ((type && strcmp (type, "function") != 0) || !function)
        continue;
      if (!wanted || g_strcmp0 (mock_object_get_string (function, "name"), wanted) == 0)
        return function;
    }
  return NULL;
}

static Completion *
completion_new (const char *model,
                guint       prompt_tokens)
{
  Completion *completion = g_new0 (Completion, 1);

  completion->id = mock_random_hex (32);
  completion->created = g_get_real_time () / G_USEC_PER_SEC;
  completion->model = g_strdup (model);
  completion->prompt_tokens = MAX (prompt_tokens, 1);
  completion->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  return completion;
}

static void
completion_add_text (Completion *completion,
                     const char *text,
                     gint64      max_tokens)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->pieces = split_words (text);
  choice->finish_reason = "stop";
  if (max_tokens >= 0 && (guint64) max_tokens < choice->pieces->len)
    {
      g_ptr_array_set_size (choice->pieces, max_tokens);
      choice->finish_reason = "length";
    }
  g_ptr_array_add (choice->pieces, NULL);
  choice->content = g_strjoinv ("", (char **) choice->pieces->pdata);
  g_ptr_array_set_size (choice->pieces, choice->pieces->len - 1);
  choice->completion_tokens = choice->pieces->len;
  g_ptr_array_add (completion->choices, choice);
}

static void
completion_add_tool_call (Completion *completion,
                          const char *name,
                          const char *arguments)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->tool_id = mock_random_alnum (9);
  choice->tool_name = g_strdup (name);
  choice->tool_arguments = g_strdup (arguments);
  choice->finish_reason = "tool_calls";
  choice->completion_tokens = 5 + count_words (arguments);
  g_ptr_array_add (completion->choices, choice);
}

static guint
prompt_tokens_for (JsonArray *messages)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      g_autofree char *text = content_text (json_object_get_member (message, "content"));
      JsonArray *calls = mock_object_get_array (message, "tool_calls");

      n += count_words (text) + 3;
      for (guint j = 0; calls && j < json_array_get_length (calls); j++)
        {
          JsonObject *function = mock_object_get_object (json_array_get_object_element (calls, j), "function");

          n += 5 + count_words (mock_object_get_string (function, "arguments"));
        }
    }
  return n;
}

/* Whether @text contains @keyword, ASCII case-insensitively. */
static gboolean
mentions (const char *text,
          const char *keyword)
{
  g_autofree char *folded_text = g_ascii_strdown (text, -1);
  g_autofree char *folded_keyword = g_ascii_strdown (keyword, -1);

  return strstr (folded_text, folded_keyword) != NULL;
}

/* The deterministic default answer to a validated request.  With a
 * @tool_keyword, a tool is called only when the user's text mentions it. */
static Completion *
default_completion (JsonObject *request,
                    const char *tool_keyword)
{
  JsonArray *messages = json_object_get_array_member (request, "messages");
  guint n_messages = json_array_get_length (messages);
  JsonObject *last = json_array_get_object_element (messages, n_messages - 1);
  const char *last_role = mock_object_get_string (last, "role");
  gint64 n = mock_object_get_int (request, "n", 1);
  gint64 max_tokens = mock_object_get_int (request, "max_tokens", -1);
  JsonObject *format = mock_object_get_object (request, "response_format");
  const char *format_type = mock_object_get_string (format, "type");
  JsonObject *function = NULL;
  g_autofree char *user_text = NULL;
  g_autofree char *source_text = NULL;
  g_autoptr(Completion) completion = NULL;

  completion = completion_new (mock_object_get_string (request, "model"), prompt_tokens_for (messages));

  for (guint i = n_messages; i > 0 && !user_text; i--)
    {
      JsonObject *message = json_array_get_object_element (messages, i - 1);

      if (g_strcmp0 (mock_object_get_string (message, "role"), "user") == 0)
        user_text = content_text (json_object_get_member (message, "content"));
    }
  if (!user_text)
    user_text = g_strdup ("");

  if (g_strcmp0 (last_role, "tool") == 0)
    source_text = content_text (json_object_get_member (last, "content"));
  else
    source_text = g_strdup (user_text);

  if (g_strcmp0 (last_role, "user") == 0 && (!tool_keyword || mentions (user_text, tool_keyword)))
    function = pick_tool_function (request);

  for (gint64 i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (function)
        {
          g_autofree char *arguments =
            object_for_schema (json_object_get_member (function, "parameters"), "test");

          completion_add_tool_call (completion, mock_object_get_string (function, "name"), arguments);
          continue;
        }

      if (g_strcmp0 (format_type, "json_object") == 0)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "echo", source_text);
          text = mock_object_to_string (object);
        }
      else if (g_strcmp0 (format_type, "json_schema") == 0)
        {
          JsonObject *schema = mock_object_get_object (format, "json_schema");

          text = object_for_schema (schema ? json_object_get_member (schema, "schema") : NULL,
                                    "example");
        }
      else if (g_strcmp0 (last_role, "tool") == 0)
        text = g_strdup_printf ("Tool said: %s", source_text);
      else if (n == 1)
        text = g_strdup_printf ("Echo: %s", source_text);
      else
        text = g_strdup_printf ("Echo (%" G_GINT64_FORMAT "): %s", i, source_text);

      completion_add_text (completion, text, max_tokens);
    }
  return g_steal_pointer (&completion);
}

static JsonObject *
usage_object (Completion *completion,
              gboolean    stream_order)
{
  JsonObject *usage = json_object_new ();
  guint completion_tokens = 0;

  for (guint i = 0; i < completion->choices->len; i++)
    completion_tokens += ((Choice *) completion->choices->pdata[i])->completion_tokens;

  /* The stream capture orders them prompt, total, completion (§5). */
  json_object_set_int_member (usage, "prompt_tokens", completion->prompt_tokens);
  if (stream_order)
    json_object_set_int_member (usage, "total_tokens", completion->prompt_tokens + completion_tokens);
  json_object_set_int_member (usage, "completion_tokens", completion_tokens);
  if (!stream_order)
    json_object_set_int_member (usage, "total_tokens", completion->prompt_tokens + completion_tokens);
  return usage;
}

static JsonArray *
tool_calls_array (Choice *choice)
{
  JsonArray *calls = json_array_new ();
  JsonObject *call = json_object_new ();
  JsonObject *function = json_object_new ();

  json_object_set_string_member (function, "name", choice->tool_name);
  json_object_set_string_member (function, "arguments", choice->tool_arguments);
  json_object_set_string_member (call, "id", choice->tool_id);
  json_object_set_string_member (call, "type", "function");
  json_object_set_object_member (call, "function", function);
  json_object_set_int_member (call, "index", 0);
  json_array_add_object_element (calls, call);
  return calls;
}

/* F2 / F2b */
static char *
completion_render_json (Completion *completion)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *choices = json_array_new ();

  json_object_set_string_member (root, "id", completion->id);
  json_object_set_string_member (root, "object", "chat.completion");
  json_object_set_int_member (root, "created", completion->created);
  json_object_set_string_member (root, "model", completion->model);
  for (guint i = 0; i < completion->choices->len; i++)
    {
      Choice *choice = completion->choices->pdata[i];
      JsonObject *object = json_object_new ();
      JsonObject *message = json_object_new ();

      json_object_set_string_member (message, "role", "assistant");
      json_object_set_string_member (message, "content", choice->content ? choice->content : "");
      if (choice->tool_name)
        json_object_set_array_member (message, "tool_calls", tool_calls_array (choice));
      else
        json_object_set_null_member (message, "tool_calls");
      json_object_set_boolean_member (message, "prefix", FALSE);
      json_object_set_int_member (object, "index", i);
      json_object_set_object_member (object, "message", message);
      json_object_set_string_member (object, "finish_reason", choice->finish_reason);
      json_array_add_object_element (choices, object);
    }
  json_object_set_array_member (root, "choices", choices);
  json_object_set_object_member (root, "usage", usage_object (completion, FALSE));
  return mock_object_to_string (root);
}

static JsonObject *
chunk_new (Completion *completion,
           guint       index,
           JsonObject *delta,
           const char *finish_reason)
{
  JsonObject *chunk = json_object_new ();
  JsonArray *choices = json_array_new ();
  JsonObject *choice = json_object_new ();

  json_object_set_string_member (chunk, "id", completion->id);
  json_object_set_string_member (chunk, "object", "chat.completion.chunk");
  json_object_set_int_member (chunk, "created", completion->created);
  json_object_set_string_member (chunk, "model", completion->model);
  json_object_set_int_member (choice, "index", index);
  json_object_set_object_member (choice, "delta", delta);
  if (finish_reason)
    json_object_set_string_member (choice, "finish_reason", finish_reason);
  else
    json_object_set_null_member (choice, "finish_reason");
  json_array_add_object_element (choices, choice);
  json_object_set_array_member (chunk, "choices", choices);
  return chunk;
}

/* F3 / F4 events (without [DONE]), choices interleaved by index. */
static GPtrArray *
completion_render_events (Completion *completion)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  guint rounds = 1;

  for (guint i = 0; i < completion->choices->len; i++)
    {
      JsonObject *delta = json_object_new ();
      Choice *choice = completion->choices->pdata[i];

      json_object_set_string_member (delta, "role", "assistant");
      json_object_set_string_member (delta, "content", "");
      g_ptr_array_add (chunks, chunk_new (completion, i, delta, NULL));
      if (choice->pieces)
        rounds = MAX (rounds, choice->pieces->len);
    }

  /* A reasoning model thinks first, in chunks of its own (first choice). */
  if (g_strcmp0 (completion->model, MOCK_THINKING_MODEL) == 0)
    {
      static const char * const thoughts[] = { "Let", " me", " think." };

      for (guint i = 0; i < G_N_ELEMENTS (thoughts); i++)
        {
          JsonObject *delta = json_object_new ();
          JsonArray *content = json_array_new ();
          JsonObject *thinking = json_object_new ();
          JsonArray *parts = json_array_new ();
          JsonObject *text = json_object_new ();

          json_object_set_string_member (text, "type", "text");
          json_object_set_string_member (text, "text", thoughts[i]);
          json_array_add_object_element (parts, text);
          json_object_set_string_member (thinking, "type", "thinking");
          json_object_set_array_member (thinking, "thinking", parts);
          json_array_add_object_element (content, thinking);
          json_object_set_array_member (delta, "content", content);
          g_ptr_array_add (chunks, chunk_new (completion, 0, delta, NULL));
        }
    }

  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < completion->choices->len; i++)
        {
          Choice *choice = completion->choices->pdata[i];
          JsonObject *delta;
          guint n_pieces = choice->pieces ? MAX (choice->pieces->len, 1) : 1;
          gboolean last = round == n_pieces - 1;

          if (round >= n_pieces)
            continue;
          delta = json_object_new ();
          if (choice->tool_name)
            json_object_set_array_member (delta, "tool_calls", tool_calls_array (choice));
          else
            json_object_set_string_member (delta, "content",
                                           choice->pieces->len ? choice->pieces->pdata[round] : "");
          g_ptr_array_add (chunks, chunk_new (completion, i, delta,
                                              last ? choice->finish_reason : NULL));
        }
    }

  json_object_set_object_member (chunks->pdata[chunks->len - 1], "usage",
                                 usage_object (completion, TRUE));
  for (guint i = 0; i < chunks->len; i++)
    g_ptr_array_add (events, mock_object_to_string (chunks->pdata[i]));
  return events;
}

/* ------------------------------------------------------------------ */
/* Serving                                                            */
/* ------------------------------------------------------------------ */

static gboolean
parse_magic (const char *model,
             const char *prefix,
             guint64     max,
             guint64    *out)
{
  return g_str_has_prefix (model, prefix)
    && g_ascii_string_to_unsigned (model + strlen (prefix), 10, 0, max, out, NULL);
}

/* Answers a valid request of a completion endpoint: the magic models, then
 * the completion @text_for makes of @request (chat's default when NULL),
 * plain or streamed as the request asks. */
static void
serve_completion (MockServer        *self,
                  SoupServerMessage *msg,
                  JsonObject        *request,
                  MockTextFunc       text_for)
{
  const char *model = mock_object_get_string (request, "model");
  gboolean stream = json_object_get_boolean_member_with_default (request, "stream", FALSE);
  g_autoptr(Completion) completion = NULL;
  MockReply *reply;
  guint64 value;
  guint delay_ms = 0;

  if (parse_magic (model, "mock-error-", 599, &value) && value >= 100)
    {
      mock_serve_reply (self, msg, mock_magic_error_reply (value, model));
      return;
    }
  if (parse_magic (model, "mock-slow-", G_MAXUINT, &value))
    delay_ms = value;
  if (text_for == NULL && (strcmp (model, MOCK_BENCH_MODEL) == 0 || g_atomic_int_get (&self->bench_mode)))
    {
      mock_bench_serve (self, msg, request);
      return;
    }

  if (text_for != NULL)
    {
      guint prompt_tokens = 0;
      g_autofree char *text = text_for (request, &prompt_tokens);

      completion = completion_new (model, prompt_tokens);
      completion_add_text (completion, text, mock_object_get_int (request, "max_tokens", -1));
    }
  else
    {
      g_autofree char *tool_keyword = NULL;

      g_mutex_lock (&self->lock);
      tool_keyword = g_strdup (self->tool_keyword);
      g_mutex_unlock (&self->lock);
      completion = default_completion (request, tool_keyword);
    }
  if (stream)
    {
      g_autoptr(GPtrArray) events = completion_render_events (completion);
      guint n_events = events->len;
      gboolean error_event = FALSE;

      /* For clients that cannot script replies (the bindings' tests go
       * through the mistral-mock-server program): the first N events,
       * then an error object inside the stream. */
      if (parse_magic (model, "mock-stream-error-", G_MAXUINT, &value))
        {
          n_events = MIN (value, n_events);
          error_event = TRUE;
        }
      reply = mock_reply_new_stream ();
      for (guint i = 0; i < n_events; i++)
        mock_reply_add_event (reply, events->pdata[i]);
      if (error_event)
        mock_reply_add_event (reply, "{\"object\":\"error\",\"message\":\"Generation failed\","
                                     "\"type\":\"server_error\",\"param\":null,\"code\":null}");
      /* ... and the default stream with MS milliseconds between events
       * (or the server's stream delay, mock_server_set_stream_delay()). */
      if (parse_magic (model, "mock-stream-slow-", G_MAXUINT, &value))
        mock_reply_set_event_delay_ms (reply, value);
      else
        mock_reply_set_event_delay_ms (reply, g_atomic_int_get (&self->stream_delay_ms));
    }
  else
    {
      g_autofree char *json = completion_render_json (completion);

      reply = mock_reply_new_json (SOUP_STATUS_OK, json);
    }
  reply->delay_ms = delay_ms;
  /* Magic models are never faulted. */
  if (!g_str_has_prefix (model, "mock-"))
    reply = mock_faults_apply (self, reply);
  mock_serve_reply (self, msg, reply);
}

static void
serve_default (MockServer        *self,
               SoupServerMessage *msg,
               JsonObject        *request)
{
  serve_completion (self, msg, request, NULL);
}

void
mock_serve_text_completion (MockServer        *self,
                            SoupServerMessage *msg,
                            JsonObject        *request,
                            MockTextFunc       text_for)
{
  serve_completion (self, msg, request, text_for);
}

/* The chat area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_chat_endpoints[] = {
  { "POST", MOCK_CHAT_PATH, validate_request, serve_default },
  { NULL }
};

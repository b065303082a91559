// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-tool-call.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-tool-call-private.h"

/**
 * MistralToolCall:
 *
 * A call to a function ([class@Mistral.Tool]) that the model asks for.
 *
 * Tool calls come in the [property@Mistral.AssistantMessage:tool-calls] of
 * a reply. The application runs the function named
 * [property@Mistral.ToolCall:function-name] with the
 * [property@Mistral.ToolCall:arguments] (a JSON object, as a string), and
 * sends the result back in a [class@Mistral.ToolMessage] whose
 * [property@Mistral.ToolMessage:tool-call-id] is the
 * [property@Mistral.ToolCall:id] of the call.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (GError) error = NULL;
 * g_autoptr (JsonNode) args = mistral_tool_call_parse_arguments (call, &error);
 *
 * if (args == NULL)
 *   {
 *     g_warning ("%s", error->message);
 *     return;
 *   }
 *
 * city = json_object_get_string_member_with_default (json_node_get_object (args),
 *                                                    "city", "Paris");
 * ```
 *
 * Since: 1.0
 */

struct _MistralToolCall
{
  GObject parent_instance;

  char *id;
  guint index;
  char *function_name;
  char *arguments;
};

G_DEFINE_FINAL_TYPE (MistralToolCall, mistral_tool_call, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_INDEX,
  PROP_FUNCTION_NAME,
  PROP_ARGUMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_tool_call_finalize (GObject *object)
{
  MistralToolCall *self = MISTRAL_TOOL_CALL (object);

  g_free (self->id);
  g_free (self->function_name);
  g_free (self->arguments);

  G_OBJECT_CLASS (mistral_tool_call_parent_class)->finalize (object);
}

static void
mistral_tool_call_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MistralToolCall *self = MISTRAL_TOOL_CALL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_FUNCTION_NAME:
      g_value_set_string (value, self->function_name);
      break;
    case PROP_ARGUMENTS:
      g_value_set_string (value, self->arguments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_call_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MistralToolCall *self = MISTRAL_TOOL_CALL (object);

  switch (prop_id)
    {
    case PROP_ID:
      mistral_tool_call_set_id (self, g_value_get_string (value));
      break;
    case PROP_INDEX:
      mistral_tool_call_set_index (self, g_value_get_uint (value));
      break;
    case PROP_FUNCTION_NAME:
      mistral_tool_call_set_function_name (self, g_value_get_string (value));
      break;
    case PROP_ARGUMENTS:
      mistral_tool_call_set_arguments (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_call_class_init (MistralToolCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_tool_call_finalize;
  object_class->get_property = mistral_tool_call_get_property;
  object_class->set_property = mistral_tool_call_set_property;

  /**
   * MistralToolCall:id: (getter get_id) (setter set_id)
   *
   * The id of the call, which the [class@Mistral.ToolMessage] that answers
   * it repeats, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCall:index: (getter get_index) (setter set_index)
   *
   * The position of the call among the calls of its message. In a stream,
   * it tells which call a fragment belongs to.
   *
   * Since: 1.0
   */
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCall:function-name: (getter get_function_name) (setter set_function_name)
   *
   * The name of the function to call: the [property@Mistral.Tool:name] of
   * one of the tools of the request.
   *
   * Since: 1.0
   */
  properties[PROP_FUNCTION_NAME] =
    g_param_spec_string ("function-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolCall:arguments: (getter get_arguments) (setter set_arguments)
   *
   * The arguments of the call, as the JSON text the API sent, such as
   * `{"city": "Lyon"}`, or %NULL. Use
   * [method@Mistral.ToolCall.parse_arguments] to read them.
   *
   * Since: 1.0
   */
  properties[PROP_ARGUMENTS] =
    g_param_spec_string ("arguments", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_tool_call_init (MistralToolCall *self)
{
}

/**
 * mistral_tool_call_new:
 * @id: (nullable): the id of the call
 * @function_name: the name of the function to call
 * @arguments: (nullable): the arguments, as the JSON text of an object
 *
 * Creates a tool call, for instance to replay the history of a
 * conversation.
 *
 * Returns: (transfer full): a new [class@Mistral.ToolCall]
 *
 * Since: 1.0
 */
MistralToolCall *
mistral_tool_call_new (const char *id,
                       const char *function_name,
                       const char *arguments)
{
  g_return_val_if_fail (function_name != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_TOOL_CALL,
                       "id", id,
                       "function-name", function_name,
                       "arguments", arguments,
                       NULL);
}

/**
 * mistral_tool_call_get_id: (get-property id)
 * @self: a tool call
 *
 * Gets the id of @self.
 *
 * Returns: (nullable): the id
 *
 * Since: 1.0
 */
const char *
mistral_tool_call_get_id (MistralToolCall *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (self), NULL);

  return self->id;
}

/**
 * mistral_tool_call_set_id: (set-property id)
 * @self: a tool call
 * @id: (nullable): the id
 *
 * Sets the id of @self.
 *
 * Since: 1.0
 */
void
mistral_tool_call_set_id (MistralToolCall *self,
                          const char      *id)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * mistral_tool_call_get_index: (get-property index)
 * @self: a tool call
 *
 * Gets the position of @self among the calls of its message.
 *
 * Returns: the index
 *
 * Since: 1.0
 */
guint
mistral_tool_call_get_index (MistralToolCall *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (self), 0);

  return self->index;
}

/**
 * mistral_tool_call_set_index: (set-property index)
 * @self: a tool call
 * @index: the index
 *
 * Sets the position of @self among the calls of its message.
 *
 * Since: 1.0
 */
void
mistral_tool_call_set_index (MistralToolCall *self,
                             guint            index)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL (self));

  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

/**
 * mistral_tool_call_get_function_name: (get-property function-name)
 * @self: a tool call
 *
 * Gets the name of the function to call.
 *
 * Returns: (nullable): the function name
 *
 * Since: 1.0
 */
const char *
mistral_tool_call_get_function_name (MistralToolCall *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (self), NULL);

  return self->function_name;
}

/**
 * mistral_tool_call_set_function_name: (set-property function-name)
 * @self: a tool call
 * @function_name: (nullable): the function name
 *
 * Sets the name of the function to call.
 *
 * Since: 1.0
 */
void
mistral_tool_call_set_function_name (MistralToolCall *self,
                                     const char      *function_name)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL (self));

  if (g_strcmp0 (self->function_name, function_name) == 0)
    return;

  g_free (self->function_name);
  self->function_name = g_strdup (function_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUNCTION_NAME]);
}

/**
 * mistral_tool_call_get_arguments: (get-property arguments)
 * @self: a tool call
 *
 * Gets the arguments of @self, as the JSON text the API sent.
 *
 * Returns: (nullable): the arguments
 *
 * Since: 1.0
 */
const char *
mistral_tool_call_get_arguments (MistralToolCall *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (self), NULL);

  return self->arguments;
}

/**
 * mistral_tool_call_set_arguments: (set-property arguments)
 * @self: a tool call
 * @arguments: (nullable): the arguments, as the JSON text of an object
 *
 * Sets the arguments of @self. The text is kept as it is: it is only
 * parsed by [method@Mistral.ToolCall.parse_arguments].
 *
 * Since: 1.0
 */
void
mistral_tool_call_set_arguments (MistralToolCall *self,
                                 const char      *arguments)
{
  g_return_if_fail (MISTRAL_IS_TOOL_CALL (self));

  if (g_strcmp0 (self->arguments, arguments) == 0)
    return;

  g_free (self->arguments);
  self->arguments = g_strdup (arguments);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARGUMENTS]);
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

/**
 * mistral_tool_call_parse_arguments:
 * @self: a tool call
 * @error: return location for a [error@Mistral.Error]
 *
 * Parses the [property@Mistral.ToolCall:arguments] of @self.
 *
 * Missing or empty arguments give an empty JSON object. Arguments that are
 * not the JSON text of an object fail with
 * %MISTRAL_ERROR_INVALID_RESPONSE.
 *
 * Returns: (transfer full): a JSON node holding an object, or %NULL on
 *   error
 *
 * Since: 1.0
 */
JsonNode *
mistral_tool_call_parse_arguments (MistralToolCall  *self,
                                   GError          **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (MISTRAL_IS_TOOL_CALL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_blank (self->arguments))
    {
      JsonNode *empty = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (empty, json_object_new ());
      return empty;
    }

  what = g_strdup_printf ("The arguments of the call to “%s”",
                          self->function_name ? self->function_name : "(unnamed function)");
  return mistral_json_parse_object (self->arguments, what, MISTRAL_ERROR_INVALID_RESPONSE, error);
}

/* JSON --------------------------------------------------------------------- */

void
mistral_tool_call_write_json (MistralToolCall *self,
                              JsonBuilder     *builder)
{
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "id", self->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "function");
  json_builder_set_member_name (builder, "function");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->function_name);
  json_builder_set_member_name (builder, "arguments");
  json_builder_add_string_value (builder, self->arguments != NULL ? self->arguments : "{}");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, self->index);
  json_builder_end_object (builder);
}

MistralToolCall *
mistral_tool_call_new_from_json_object (JsonObject  *object,
                                        const char  *path,
                                        guint        position,
                                        GError     **error)
{
  JsonObject *function = NULL;
  const char *id = NULL, *name = NULL, *arguments = NULL;
  g_autofree char *arguments_text = NULL;
  gint64 index = position;
  MistralToolCall *call;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "index", path, MISTRAL_JSON_INT, &index, error) ||
      !mistral_json_read_member (object, "function", path, MISTRAL_JSON_OBJECT, &function, error))
    return NULL;

  if (index < 0 || index > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.index is out of range", path);
      return NULL;
    }

  if (function != NULL)
    {
      g_autofree char *function_path = mistral_json_path_join (path, "function");
      JsonNode *arguments_node = json_object_get_member (function, "arguments");

      if (!mistral_json_read_member (function, "name", function_path, MISTRAL_JSON_STRING, &name, error))
        return NULL;

      /* arguments is a JSON-encoded string, or (allowed by the spec) an object. */
      if (arguments_node != NULL && JSON_NODE_HOLDS_OBJECT (arguments_node))
        arguments = arguments_text = json_to_string (arguments_node, FALSE);
      else if (!mistral_json_read_member (function, "arguments", function_path, MISTRAL_JSON_STRING,
                                          &arguments, error))
        return NULL;
    }

  call = mistral_tool_call_new (id, name != NULL ? name : "", arguments);
  call->index = (guint) index;
  return call;
}

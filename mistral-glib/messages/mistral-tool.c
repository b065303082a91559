// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-tool.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-tool-private.h"

/**
 * MistralTool:
 *
 * A function that the model may ask to call.
 *
 * A tool has a [property@Mistral.Tool:name], a
 * [property@Mistral.Tool:description] that tells the model when to use it,
 * and [property@Mistral.Tool:parameters], a JSON schema of the object its
 * arguments form. Add tools to a request with
 * [method@Mistral.ChatCompletionRequest.add_tool]; the model's calls come
 * back as [class@Mistral.ToolCall]s.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (GError) error = NULL;
 * g_autoptr (MistralTool) tool = NULL;
 *
 * tool = mistral_tool_new_from_string ("get_weather",
 *                                      "Gets the current weather of a city",
 *                                      "{\"type\": \"object\","
 *                                      " \"properties\": {\"city\": {\"type\": \"string\"}},"
 *                                      " \"required\": [\"city\"]}",
 *                                      &error);
 * mistral_chat_completion_request_add_tool (request, tool);
 * ```
 *
 * Since: 1.0
 */

struct _MistralTool
{
  GObject parent_instance;

  char *name;
  char *description;
  JsonNode *parameters;
  gboolean strict;
};

G_DEFINE_FINAL_TYPE (MistralTool, mistral_tool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PARAMETERS,
  PROP_STRICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_tool_finalize (GObject *object)
{
  MistralTool *self = MISTRAL_TOOL (object);

  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->parameters, json_node_unref);

  G_OBJECT_CLASS (mistral_tool_parent_class)->finalize (object);
}

static void
mistral_tool_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MistralTool *self = MISTRAL_TOOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_PARAMETERS:
      g_value_set_boxed (value, self->parameters);
      break;
    case PROP_STRICT:
      g_value_set_boolean (value, self->strict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MistralTool *self = MISTRAL_TOOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mistral_tool_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      mistral_tool_set_description (self, g_value_get_string (value));
      break;
    case PROP_PARAMETERS:
      mistral_tool_set_parameters (self, g_value_get_boxed (value));
      break;
    case PROP_STRICT:
      mistral_tool_set_strict (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_class_init (MistralToolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_tool_finalize;
  object_class->get_property = mistral_tool_get_property;
  object_class->set_property = mistral_tool_set_property;

  /**
   * MistralTool:name: (getter get_name) (setter set_name)
   *
   * The name of the function, which [property@Mistral.ToolCall:function-name]
   * repeats.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralTool:description: (getter get_description) (setter set_description)
   *
   * What the function does, for the model to decide when to call it, or
   * %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralTool:parameters: (getter get_parameters) (setter set_parameters)
   *
   * The JSON schema of the arguments of the function (a JSON object), or
   * %NULL for a function without parameters.
   *
   * Since: 1.0
   */
  properties[PROP_PARAMETERS] =
    g_param_spec_boxed ("parameters", NULL, NULL,
                        JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralTool:strict: (getter get_strict) (setter set_strict)
   *
   * Whether the arguments of the model's calls must follow
   * [property@Mistral.Tool:parameters] exactly.
   *
   * Since: 1.0
   */
  properties[PROP_STRICT] =
    g_param_spec_boolean ("strict", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_tool_init (MistralTool *self)
{
}

/**
 * mistral_tool_new:
 * @name: the name of the function
 * @description: (nullable): what the function does
 * @parameters: (nullable) (transfer none): the JSON schema of the arguments
 *   of the function; it is copied
 *
 * Creates a function tool.
 *
 * Returns: (transfer full): a new [class@Mistral.Tool]
 *
 * Since: 1.0
 */
MistralTool *
mistral_tool_new (const char *name,
                  const char *description,
                  JsonNode   *parameters)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_TOOL,
                       "name", name,
                       "description", description,
                       "parameters", parameters,
                       NULL);
}

/**
 * mistral_tool_new_from_string:
 * @name: the name of the function
 * @description: (nullable): what the function does
 * @parameters: (nullable): the JSON schema of the arguments of the
 *   function, as the JSON text of an object
 * @error: return location for a [error@Mistral.Error]
 *
 * Creates a function tool whose parameters are given as JSON text.
 *
 * If @parameters is not the text of a JSON object, this fails with
 * %MISTRAL_ERROR_INVALID_REQUEST.
 *
 * Returns: (transfer full) (nullable): a new [class@Mistral.Tool], or %NULL
 *   on error
 *
 * Since: 1.0
 */
MistralTool *
mistral_tool_new_from_string (const char  *name,
                              const char  *description,
                              const char  *parameters,
                              GError     **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (parameters != NULL)
    {
      g_autofree char *what = g_strdup_printf ("Invalid parameters for tool “%s”", name);

      node = mistral_json_parse_object (parameters, what, MISTRAL_ERROR_INVALID_REQUEST, error);
      if (node == NULL)
        return NULL;
    }

  return mistral_tool_new (name, description, node);
}

/**
 * mistral_tool_get_name: (get-property name)
 * @self: a tool
 *
 * Gets the name of the function.
 *
 * Returns: (nullable): the name
 *
 * Since: 1.0
 */
const char *
mistral_tool_get_name (MistralTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL (self), NULL);

  return self->name;
}

/**
 * mistral_tool_set_name: (set-property name)
 * @self: a tool
 * @name: (nullable): the name of the function
 *
 * Sets the name of the function.
 *
 * Since: 1.0
 */
void
mistral_tool_set_name (MistralTool *self,
                       const char  *name)
{
  g_return_if_fail (MISTRAL_IS_TOOL (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * mistral_tool_get_description: (get-property description)
 * @self: a tool
 *
 * Gets what the function does.
 *
 * Returns: (nullable): the description
 *
 * Since: 1.0
 */
const char *
mistral_tool_get_description (MistralTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL (self), NULL);

  return self->description;
}

/**
 * mistral_tool_set_description: (set-property description)
 * @self: a tool
 * @description: (nullable): what the function does
 *
 * Sets what the function does.
 *
 * Since: 1.0
 */
void
mistral_tool_set_description (MistralTool *self,
                              const char  *description)
{
  g_return_if_fail (MISTRAL_IS_TOOL (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * mistral_tool_get_parameters: (get-property parameters)
 * @self: a tool
 *
 * Gets the JSON schema of the arguments of the function.
 *
 * Returns: (transfer none) (nullable): the schema
 *
 * Since: 1.0
 */
JsonNode *
mistral_tool_get_parameters (MistralTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL (self), NULL);

  return self->parameters;
}

/**
 * mistral_tool_set_parameters: (set-property parameters)
 * @self: a tool
 * @parameters: (nullable) (transfer none): the JSON schema of the arguments
 *   of the function, or %NULL; it is copied
 *
 * Sets the JSON schema of the arguments of the function.
 *
 * Since: 1.0
 */
void
mistral_tool_set_parameters (MistralTool *self,
                             JsonNode    *parameters)
{
  g_return_if_fail (MISTRAL_IS_TOOL (self));

  if (self->parameters == parameters)
    return;
  if (self->parameters != NULL && parameters != NULL &&
      json_node_equal (self->parameters, parameters))
    return;

  g_clear_pointer (&self->parameters, json_node_unref);
  if (parameters != NULL)
    self->parameters = json_node_copy (parameters);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMETERS]);
}

/**
 * mistral_tool_set_parameters_from_string:
 * @self: a tool
 * @parameters: (nullable): the JSON schema of the arguments of the
 *   function, as the JSON text of an object, or %NULL for none
 * @error: return location for a [error@Mistral.Error]
 *
 * Sets the JSON schema of the arguments of the function from JSON text.
 *
 * If @parameters is not the text of a JSON object, this fails with
 * %MISTRAL_ERROR_INVALID_REQUEST and @self is left unchanged.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
mistral_tool_set_parameters_from_string (MistralTool  *self,
                                         const char   *parameters,
                                         GError      **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (MISTRAL_IS_TOOL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (parameters != NULL)
    {
      g_autofree char *what = g_strdup_printf ("Invalid parameters for tool “%s”",
                                               self->name ? self->name : "(unnamed)");

      node = mistral_json_parse_object (parameters, what, MISTRAL_ERROR_INVALID_REQUEST, error);
      if (node == NULL)
        return FALSE;
    }

  mistral_tool_set_parameters (self, node);

  return TRUE;
}

/**
 * mistral_tool_get_strict: (get-property strict)
 * @self: a tool
 *
 * Gets whether the arguments of the model's calls must follow the
 * parameters' schema exactly.
 *
 * Returns: %TRUE if the tool is strict
 *
 * Since: 1.0
 */
gboolean
mistral_tool_get_strict (MistralTool *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL (self), FALSE);

  return self->strict;
}

/**
 * mistral_tool_set_strict: (set-property strict)
 * @self: a tool
 * @strict: whether the arguments must follow the parameters' schema exactly
 *
 * Sets whether the arguments of the model's calls must follow the
 * parameters' schema exactly.
 *
 * Since: 1.0
 */
void
mistral_tool_set_strict (MistralTool *self,
                         gboolean     strict)
{
  g_return_if_fail (MISTRAL_IS_TOOL (self));

  strict = !!strict;
  if (self->strict == strict)
    return;

  self->strict = strict;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRICT]);
}

/* JSON --------------------------------------------------------------------- */

void
mistral_tool_write_json (MistralTool *self,
                         JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "function");
  json_builder_set_member_name (builder, "function");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  mistral_json_add_string (builder, "description", self->description);
  if (self->strict)
    {
      json_builder_set_member_name (builder, "strict");
      json_builder_add_boolean_value (builder, TRUE);
    }
  /* The API requires parameters even for a function without arguments. */
  json_builder_set_member_name (builder, "parameters");
  if (self->parameters != NULL)
    json_builder_add_value (builder, json_node_copy (self->parameters));
  else
    json_builder_add_value (builder, json_from_string ("{\"type\":\"object\",\"properties\":{}}", NULL));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

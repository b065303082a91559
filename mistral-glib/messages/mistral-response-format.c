// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-response-format.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-response-format-private.h"

/**
 * MistralResponseFormat:
 *
 * The kind of output a request asks the model for: free text, any JSON
 * object, or JSON that follows a schema (structured output).
 *
 * A response format is immutable, apart from its
 * [property@Mistral.ResponseFormat:description]. Set it on a request with
 * [property@Mistral.ChatCompletionRequest:response-format], or use the
 * shortcuts [method@Mistral.ChatCompletionRequest.set_response_json_schema]
 * and its siblings.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (GError) error = NULL;
 * g_autoptr (MistralResponseFormat) format = NULL;
 *
 * format = mistral_response_format_new_json_schema_from_string ("city",
 *                                                               "{\"type\": \"object\","
 *                                                               " \"properties\": {\"name\": {\"type\": \"string\"}},"
 *                                                               " \"required\": [\"name\"]}",
 *                                                               TRUE, &error);
 * if (format == NULL)
 *   g_error ("%s", error->message);
 * ```
 *
 * Since: 1.0
 */

struct _MistralResponseFormat
{
  GObject parent_instance;

  MistralResponseFormatType format_type;
  char *name;
  char *description;
  JsonNode *schema;
  gboolean strict;
};

G_DEFINE_FINAL_TYPE (MistralResponseFormat, mistral_response_format, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FORMAT_TYPE,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SCHEMA,
  PROP_STRICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_response_format_finalize (GObject *object)
{
  MistralResponseFormat *self = MISTRAL_RESPONSE_FORMAT (object);

  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->schema, json_node_unref);

  G_OBJECT_CLASS (mistral_response_format_parent_class)->finalize (object);
}

static void
mistral_response_format_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MistralResponseFormat *self = MISTRAL_RESPONSE_FORMAT (object);

  switch (prop_id)
    {
    case PROP_FORMAT_TYPE:
      g_value_set_enum (value, self->format_type);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SCHEMA:
      g_value_set_boxed (value, self->schema);
      break;
    case PROP_STRICT:
      g_value_set_boolean (value, self->strict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_response_format_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MistralResponseFormat *self = MISTRAL_RESPONSE_FORMAT (object);

  switch (prop_id)
    {
    case PROP_FORMAT_TYPE:
      self->format_type = g_value_get_enum (value);
      break;
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      mistral_response_format_set_description (self, g_value_get_string (value));
      break;
    case PROP_SCHEMA:
      {
        JsonNode *schema = g_value_get_boxed (value);

        g_clear_pointer (&self->schema, json_node_unref);
        if (schema != NULL)
          self->schema = json_node_copy (schema);
      }
      break;
    case PROP_STRICT:
      self->strict = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_response_format_class_init (MistralResponseFormatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_response_format_finalize;
  object_class->get_property = mistral_response_format_get_property;
  object_class->set_property = mistral_response_format_set_property;

  /**
   * MistralResponseFormat:format-type: (getter get_format_type)
   *
   * The kind of output asked for.
   *
   * Since: 1.0
   */
  properties[PROP_FORMAT_TYPE] =
    g_param_spec_enum ("format-type", NULL, NULL,
                       MISTRAL_TYPE_RESPONSE_FORMAT_TYPE,
                       MISTRAL_RESPONSE_FORMAT_TYPE_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralResponseFormat:name: (getter get_name)
   *
   * The name of the JSON schema of a `JSON_SCHEMA` format, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralResponseFormat:description: (getter get_description) (setter set_description)
   *
   * A description of the JSON schema of a `JSON_SCHEMA` format, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralResponseFormat:schema: (getter get_schema)
   *
   * The JSON schema (a JSON object) that the output of a `JSON_SCHEMA`
   * format follows, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_SCHEMA] =
    g_param_spec_boxed ("schema", NULL, NULL,
                        JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralResponseFormat:strict: (getter get_strict)
   *
   * Whether the output must follow the schema of a `JSON_SCHEMA` format
   * exactly.
   *
   * Since: 1.0
   */
  properties[PROP_STRICT] =
    g_param_spec_boolean ("strict", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_response_format_init (MistralResponseFormat *self)
{
  self->format_type = MISTRAL_RESPONSE_FORMAT_TYPE_TEXT;
}

/**
 * mistral_response_format_new_text:
 *
 * Creates a response format that asks for free text (the default).
 *
 * Returns: (transfer full): a new [class@Mistral.ResponseFormat]
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_text (void)
{
  return g_object_new (MISTRAL_TYPE_RESPONSE_FORMAT,
                       "format-type", MISTRAL_RESPONSE_FORMAT_TYPE_TEXT,
                       NULL);
}

/**
 * mistral_response_format_new_json_object:
 *
 * Creates a response format that asks for a JSON object (JSON mode).
 *
 * Returns: (transfer full): a new [class@Mistral.ResponseFormat]
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_json_object (void)
{
  return g_object_new (MISTRAL_TYPE_RESPONSE_FORMAT,
                       "format-type", MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT,
                       NULL);
}

/**
 * mistral_response_format_new_json_schema:
 * @name: the name of the schema
 * @schema: (transfer none): the JSON schema, a JSON object; it is copied
 * @strict: whether the output must follow @schema exactly
 *
 * Creates a response format that asks for JSON following @schema
 * (structured output).
 *
 * Returns: (transfer full): a new [class@Mistral.ResponseFormat]
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_json_schema (const char *name,
                                         JsonNode   *schema,
                                         gboolean    strict)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_RESPONSE_FORMAT,
                       "format-type", MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA,
                       "name", name,
                       "schema", schema,
                       "strict", strict,
                       NULL);
}

/**
 * mistral_response_format_new_json_schema_from_string:
 * @name: the name of the schema
 * @schema: the JSON schema, as the JSON text of an object
 * @strict: whether the output must follow @schema exactly
 * @error: return location for a [error@Mistral.Error]
 *
 * Creates a response format that asks for JSON following @schema, given as
 * JSON text.
 *
 * If @schema is not the text of a JSON object, this fails with
 * %MISTRAL_ERROR_INVALID_REQUEST.
 *
 * Returns: (transfer full) (nullable): a new [class@Mistral.ResponseFormat],
 *   or %NULL on error
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_json_schema_from_string (const char  *name,
                                                     const char  *schema,
                                                     gboolean     strict,
                                                     GError     **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  what = g_strdup_printf ("Invalid JSON schema “%s”", name);
  node = mistral_json_parse_object (schema, what, MISTRAL_ERROR_INVALID_REQUEST, error);
  if (node == NULL)
    return NULL;

  return mistral_response_format_new_json_schema (name, node, strict);
}

/**
 * mistral_response_format_get_format_type: (get-property format-type)
 * @self: a response format
 *
 * Gets the kind of output @self asks for.
 *
 * Returns: the format type
 *
 * Since: 1.0
 */
MistralResponseFormatType
mistral_response_format_get_format_type (MistralResponseFormat *self)
{
  g_return_val_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self), MISTRAL_RESPONSE_FORMAT_TYPE_TEXT);

  return self->format_type;
}

/**
 * mistral_response_format_get_name: (get-property name)
 * @self: a response format
 *
 * Gets the name of the JSON schema of @self.
 *
 * Returns: (nullable): the schema name
 *
 * Since: 1.0
 */
const char *
mistral_response_format_get_name (MistralResponseFormat *self)
{
  g_return_val_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self), NULL);

  return self->name;
}

/**
 * mistral_response_format_get_description: (get-property description)
 * @self: a response format
 *
 * Gets the description of the JSON schema of @self.
 *
 * Returns: (nullable): the description
 *
 * Since: 1.0
 */
const char *
mistral_response_format_get_description (MistralResponseFormat *self)
{
  g_return_val_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self), NULL);

  return self->description;
}

/**
 * mistral_response_format_set_description: (set-property description)
 * @self: a response format
 * @description: (nullable): a description of the JSON schema
 *
 * Sets the description of the JSON schema of @self.
 *
 * Since: 1.0
 */
void
mistral_response_format_set_description (MistralResponseFormat *self,
                                         const char            *description)
{
  g_return_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * mistral_response_format_get_schema: (get-property schema)
 * @self: a response format
 *
 * Gets the JSON schema that the output of @self follows.
 *
 * Returns: (transfer none) (nullable): the schema
 *
 * Since: 1.0
 */
JsonNode *
mistral_response_format_get_schema (MistralResponseFormat *self)
{
  g_return_val_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self), NULL);

  return self->schema;
}

/**
 * mistral_response_format_get_strict: (get-property strict)
 * @self: a response format
 *
 * Gets whether the output must follow the schema of @self exactly.
 *
 * Returns: %TRUE if the format is strict
 *
 * Since: 1.0
 */
gboolean
mistral_response_format_get_strict (MistralResponseFormat *self)
{
  g_return_val_if_fail (MISTRAL_IS_RESPONSE_FORMAT (self), FALSE);

  return self->strict;
}

/* JSON --------------------------------------------------------------------- */

void
mistral_response_format_write_json (MistralResponseFormat *self,
                                    JsonBuilder           *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");

  switch (self->format_type)
    {
    case MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT:
      json_builder_add_string_value (builder, "json_object");
      break;

    case MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA:
      json_builder_add_string_value (builder, "json_schema");
      json_builder_set_member_name (builder, "json_schema");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, self->name);
      mistral_json_add_string (builder, "description", self->description);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_value (builder, json_node_copy (self->schema));
      json_builder_set_member_name (builder, "strict");
      json_builder_add_boolean_value (builder, self->strict);
      json_builder_end_object (builder);
      break;

    case MISTRAL_RESPONSE_FORMAT_TYPE_TEXT:
    default:
      json_builder_add_string_value (builder, "text");
      break;
    }

  json_builder_end_object (builder);
}

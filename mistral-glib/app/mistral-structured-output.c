// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Structured output into GObjects: a strict JSON schema from a class's
 * properties, and a reply read back into a new instance of that class.
 *
 * The two walk the same property list with the same rules, so that what
 * the schema allows is exactly what the parser accepts. JSON member names
 * are property names with '_' for '-' ("first-name" is "first_name"), as
 * a model and most JSON expect; GObject finds a property by either. */

#include <string.h>

/* Built on the library's public API only, as an application would be. */
#include <mistral-glib.h>

/* The property kinds that structured output supports. */
typedef enum {
  KIND_UNSUPPORTED,
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_INTEGER,
  KIND_NUMBER,
  KIND_ENUM,
  KIND_FLAGS,
  KIND_STRV,
  KIND_OBJECT,
} PropertyKind;

/* "content" and "home" make "content.home". */
static char *
structured_path_join (const char *path,
                      const char *member)
{
  return *path != '\0' ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}


static PropertyKind
structured_kind_of (GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    return KIND_STRV;

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_STRING:
      return KIND_STRING;
    case G_TYPE_BOOLEAN:
      return KIND_BOOLEAN;
    case G_TYPE_CHAR:
    case G_TYPE_UCHAR:
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_LONG:
    case G_TYPE_ULONG:
    case G_TYPE_INT64:
    case G_TYPE_UINT64:
      return KIND_INTEGER;
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      return KIND_NUMBER;
    case G_TYPE_ENUM:
      return KIND_ENUM;
    case G_TYPE_FLAGS:
      return KIND_FLAGS;
    case G_TYPE_OBJECT:
      return KIND_OBJECT;
    default:
      return KIND_UNSUPPORTED;
    }
}

/* The range a pspec allows, and the whole range of its C type: the schema
 * names the first only when it is narrower. Maxima above G_MAXINT64 (a
 * guint64) are not written, JSON-glib's integers being gint64. */
typedef struct {
  gint64 min, type_min;
  guint64 max, type_max;
} IntegerRange;

static IntegerRange
structured_integer_range (GParamSpec *pspec)
{
  switch (G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec)))
    {
    case G_TYPE_CHAR:
      return (IntegerRange) { G_PARAM_SPEC_CHAR (pspec)->minimum, G_MININT8,
                              G_PARAM_SPEC_CHAR (pspec)->maximum, G_MAXINT8 };
    case G_TYPE_UCHAR:
      return (IntegerRange) { G_PARAM_SPEC_UCHAR (pspec)->minimum, 0,
                              G_PARAM_SPEC_UCHAR (pspec)->maximum, G_MAXUINT8 };
    case G_TYPE_INT:
      return (IntegerRange) { G_PARAM_SPEC_INT (pspec)->minimum, G_MININT,
                              G_PARAM_SPEC_INT (pspec)->maximum, G_MAXINT };
    case G_TYPE_UINT:
      return (IntegerRange) { G_PARAM_SPEC_UINT (pspec)->minimum, 0,
                              G_PARAM_SPEC_UINT (pspec)->maximum, G_MAXUINT };
    case G_TYPE_LONG:
      return (IntegerRange) { G_PARAM_SPEC_LONG (pspec)->minimum, G_MINLONG,
                              G_PARAM_SPEC_LONG (pspec)->maximum, G_MAXLONG };
    case G_TYPE_ULONG:
      return (IntegerRange) { G_PARAM_SPEC_ULONG (pspec)->minimum, 0,
                              G_PARAM_SPEC_ULONG (pspec)->maximum, G_MAXULONG };
    case G_TYPE_INT64:
      return (IntegerRange) { G_PARAM_SPEC_INT64 (pspec)->minimum, G_MININT64,
                              G_PARAM_SPEC_INT64 (pspec)->maximum, G_MAXINT64 };
    case G_TYPE_UINT64:
    default:
      return (IntegerRange) { (gint64) MIN (G_PARAM_SPEC_UINT64 (pspec)->minimum, G_MAXINT64), 0,
                              G_PARAM_SPEC_UINT64 (pspec)->maximum, G_MAXUINT64 };
    }
}

static void
structured_number_range (GParamSpec *pspec,
                         double     *min,
                         double     *max,
                         double     *type_max)
{
  if (G_IS_PARAM_SPEC_FLOAT (pspec))
    {
      *min = G_PARAM_SPEC_FLOAT (pspec)->minimum;
      *max = G_PARAM_SPEC_FLOAT (pspec)->maximum;
      *type_max = G_MAXFLOAT;
    }
  else
    {
      *min = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      *max = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
      *type_max = G_MAXDOUBLE;
    }
}

/* Both ends of the walk read and write these properties only: a property
 * the parser could not set or the caller could not read back is left out. */
static gboolean
structured_property_wanted (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE;
}

static char *
structured_member_name (GParamSpec *pspec)
{
  return g_strdelimit (g_strdup (pspec->name), "-", '_');
}

/* The schema ------------------------------------------------------------- */

static JsonNode *structured_schema_for_object (GType        type,
                                               const char  *path,
                                               GArray      *stack,
                                               GError     **error);

static JsonArray *
structured_nicks (GType    type,
                  gboolean flags)
{
  JsonArray *nicks = json_array_new ();

  if (flags)
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);

      /* A zero value ("none") is the empty list. */
      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value != 0)
          json_array_add_string_element (nicks, klass->values[i].value_nick);
    }
  else
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        json_array_add_string_element (nicks, klass->values[i].value_nick);
    }
  return nicks;
}

static JsonObject *
structured_typed (const char *type)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  return object;
}

static JsonNode *
structured_schema_for_property (GParamSpec  *pspec,
                                const char  *path,
                                GArray      *stack,
                                GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  JsonObject *schema = NULL;
  JsonNode *node;
  const char *blurb;

  switch (structured_kind_of (pspec))
    {
    case KIND_STRING:
      schema = structured_typed ("string");
      break;

    case KIND_BOOLEAN:
      schema = structured_typed ("boolean");
      break;

    case KIND_INTEGER:
      {
        IntegerRange range = structured_integer_range (pspec);

        schema = structured_typed ("integer");
        if (range.min > range.type_min)
          json_object_set_int_member (schema, "minimum", range.min);
        if (range.max < range.type_max && range.max <= G_MAXINT64)
          json_object_set_int_member (schema, "maximum", (gint64) range.max);
      }
      break;

    case KIND_NUMBER:
      {
        double min, max, type_max;

        structured_number_range (pspec, &min, &max, &type_max);
        schema = structured_typed ("number");
        if (min > -type_max)
          json_object_set_double_member (schema, "minimum", min);
        if (max < type_max)
          json_object_set_double_member (schema, "maximum", max);
      }
      break;

    case KIND_ENUM:
      schema = structured_typed ("string");
      json_object_set_array_member (schema, "enum", structured_nicks (type, FALSE));
      break;

    case KIND_FLAGS:
      {
        JsonObject *items = structured_typed ("string");

        json_object_set_array_member (items, "enum", structured_nicks (type, TRUE));
        schema = structured_typed ("array");
        json_object_set_object_member (schema, "items", items);
        json_object_set_boolean_member (schema, "uniqueItems", TRUE);
      }
      break;

    case KIND_STRV:
      schema = structured_typed ("array");
      json_object_set_object_member (schema, "items", structured_typed ("string"));
      break;

    case KIND_OBJECT:
      node = structured_schema_for_object (type, path, stack, error);
      if (node == NULL)
        return NULL;
      schema = json_object_ref (json_node_get_object (node));
      json_node_unref (node);
      break;

    case KIND_UNSUPPORTED:
    default:
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "Cannot describe %s as JSON: its type %s is not supported by structured output "
                   "(strings, integers, numbers, booleans, enums, flags, string arrays and objects are)",
                   path, g_type_name (type));
      return NULL;
    }

  /* Blurbs say what a property means: the model reads them. Vala makes
   * a property's name its blurb when it has none: that says nothing. */
  blurb = g_param_spec_get_blurb (pspec);
  if (blurb != NULL && *blurb != '\0' && strcmp (blurb, pspec->name) != 0
      && !json_object_has_member (schema, "description"))
    json_object_set_string_member (schema, "description", blurb);

  node = json_node_alloc ();
  json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), schema);
  return node;
}

static JsonNode *
structured_schema_for_object (GType        type,
                              const char  *path,
                              GArray      *stack,
                              GError     **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(JsonObject) schema = NULL;
  JsonObject *properties;
  JsonArray *required;
  guint n_pspecs;

  if (!G_TYPE_IS_OBJECT (type) || G_TYPE_IS_ABSTRACT (type))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "Cannot describe %s as JSON: %s is not an object type that can be instantiated",
                   path, g_type_name (type));
      return NULL;
    }

  /* A type that holds itself, at any depth, has no finite strict schema. */
  for (guint i = 0; i < stack->len; i++)
    {
      if (g_array_index (stack, GType, i) == type)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                       "Cannot describe %s as JSON: its type %s contains itself (a cycle)",
                       path, g_type_name (type));
          return NULL;
        }
    }
  g_array_append_val (stack, type);

  klass = g_type_class_ref (type);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  schema = structured_typed ("object");
  properties = json_object_new ();
  required = json_array_new ();
  json_object_set_object_member (schema, "properties", properties);
  json_object_set_array_member (schema, "required", required);
  json_object_set_boolean_member (schema, "additionalProperties", FALSE);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *member = NULL;
      g_autofree char *member_path = NULL;
      JsonNode *property;

      if (!structured_property_wanted (pspecs[i]))
        continue;

      member = structured_member_name (pspecs[i]);
      member_path = structured_path_join (path, member);
      property = structured_schema_for_property (pspecs[i], member_path, stack, error);
      if (property == NULL)
        return NULL;

      json_object_set_member (properties, member, property);
      json_array_add_string_element (required, member);
    }

  g_array_set_size (stack, stack->len - 1);
  return json_node_init_object (json_node_alloc (), schema);
}

static JsonNode *
structured_schema_for_type (GType    type,
                            GError **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (GType));

  return structured_schema_for_object (type, g_type_name (type), stack, error);
}

/**
 * mistral_response_format_new_for_type_full:
 * @type: a GObject type: a class of C, Python, JavaScript or Vala
 * @name: (nullable): the schema's name, or %NULL for one made from the
 *   name of @type
 * @error: return location for a [error@Mistral.Error]
 *
 * Creates a strict JSON-schema response format that asks the model for an
 * instance of @type, described by its properties.
 *
 * Every property that is both readable and writable is a required member
 * of the schema (named as the property, with `_` for `-`), and no other
 * member is allowed. Each property's blurb is its description. Strings,
 * booleans, integers of every size (with their range when the property
 * narrows it), floats and doubles, enums (as their nicks), flags (as a
 * list of nicks), string arrays (`G_TYPE_STRV`) and properties holding
 * another object type (described the same way, recursively) are
 * supported.
 *
 * A property of any other type, an abstract or non-object @type, or a type
 * that contains itself fails with %MISTRAL_ERROR_INVALID_REQUEST, whose
 * message names the property.
 *
 * Read the reply with [method@Mistral.ChatCompletionResponse.parse].
 *
 * Returns: (transfer full): a new [class@Mistral.ResponseFormat], or %NULL
 *   on error
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_for_type_full (GType        type,
                                           const char  *name,
                                           GError     **error)
{
  g_autoptr(JsonNode) schema = NULL;
  g_autofree char *type_name = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = structured_schema_for_type (type, error);
  if (schema == NULL)
    return NULL;

  if (name == NULL)
    {
      /* The API takes names of [A-Za-z0-9_-]; Python's type names hold
       * a '+' ("__main__+Person"). */
      type_name = g_strdup (g_type_name (type));
      g_strcanon (type_name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", '_');
      name = type_name;
    }

  return mistral_response_format_new_json_schema (name, schema, TRUE);
}

/**
 * mistral_response_format_new_for_type:
 * @type: a GObject type: a class of C, Python, JavaScript or Vala
 *
 * Creates a strict JSON-schema response format that asks the model for an
 * instance of @type, as [ctor@Mistral.ResponseFormat.new_for_type_full]
 * does, named after @type.
 *
 * A type that cannot be described is a programming error: this logs a
 * critical warning and returns %NULL. Use
 * [ctor@Mistral.ResponseFormat.new_for_type_full] to get a #GError
 * instead (bindings raise it as an exception).
 *
 * Returns: (transfer full) (nullable): a new [class@Mistral.ResponseFormat],
 *   or %NULL if @type cannot be described
 *
 * Since: 1.0
 */
MistralResponseFormat *
mistral_response_format_new_for_type (GType type)
{
  g_autoptr(GError) error = NULL;
  MistralResponseFormat *format;

  format = mistral_response_format_new_for_type_full (type, NULL, &error);
  if (format == NULL)
    g_critical ("%s", error->message);
  return format;
}

/* The parser ------------------------------------------------------------- */

/* The reply's content, parsed as the library parses untrusted JSON
 * (mistral_json_parse: its limits on depth, values and escapes), and named
 * as the reply's content in the error. */
static JsonNode *
structured_parse_content (const char  *text,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = mistral_json_parse (text, -1, &local_error);
  const char *reason;
  gsize length;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&root);

  if (root != NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the reply's content: not a JSON object");
      return NULL;
    }

  /* "Invalid response: not JSON (why)" reads "…: not valid JSON: why" here,
   * the words this error always had; other refusals keep theirs. */
  reason = local_error->message;
  if (g_str_has_prefix (reason, "Invalid response: "))
    reason += strlen ("Invalid response: ");
  length = strlen (reason);
  if (g_str_has_prefix (reason, "not JSON (") && length > strlen ("not JSON ()") && reason[length - 1] == ')')
    g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                 "Invalid response: the reply's content: not valid JSON: %.*s",
                 (int) (length - strlen ("not JSON ()")), reason + strlen ("not JSON ("));
  else
    g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                 "Invalid response: the reply's content: %s", reason);
  return NULL;
}



static JsonNode *structured_check_object (GType        type,
                                          JsonNode    *node,
                                          const char  *path,
                                          GError     **error);

static gboolean
structured_holds (JsonNode *node,
                  GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

/* What a node holds, in the words of the errors of the library's readers. */
static const char *
structured_node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "a list";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return "a string";
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return "a boolean";
  return "a number";
}

static gboolean
structured_wrong_type (JsonNode    *node,
                       const char  *path,
                       const char  *expected,
                       GError     **error)
{
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "Invalid response: %s is %s, expected %s", path, structured_node_kind (node), expected);
  return FALSE;
}

static JsonNode *
structured_int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static gboolean
structured_nick_value (GType        type,
                       JsonNode    *node,
                       const char  *path,
                       gint64      *value,
                       GError     **error)
{
  const char *nick;
  g_autoptr(JsonNode) nicks = NULL;
  g_autofree char *allowed = NULL;
  gboolean flags = G_TYPE_IS_FLAGS (type);

  if (!structured_holds (node, G_TYPE_STRING))
    return structured_wrong_type (node, path, "a string", error);

  nick = json_node_get_string (node);
  if (flags)
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      GFlagsValue *found = g_flags_get_value_by_nick (klass, nick);

      if (found != NULL && found->value != 0)
        {
          *value = found->value;
          return TRUE;
        }
    }
  else
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *found = g_enum_get_value_by_nick (klass, nick);

      if (found != NULL)
        {
          *value = found->value;
          return TRUE;
        }
    }

  nicks = json_node_alloc ();
  json_node_take_array (json_node_init (nicks, JSON_NODE_ARRAY), structured_nicks (type, flags));
  allowed = json_to_string (nicks, FALSE);
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "Invalid response: %s is \"%s\", expected one of %s", path, nick, allowed);
  return FALSE;
}

/* Checks @node against @pspec strictly (json-glib would skip or coerce
 * what does not fit), and returns it as json-glib's deserialiser reads
 * it: enums and flags as their values. */
static JsonNode *
structured_check_value (GParamSpec  *pspec,
                        JsonNode    *node,
                        const char  *path,
                        GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  switch (structured_kind_of (pspec))
    {
    case KIND_STRING:
      if (!structured_holds (node, G_TYPE_STRING))
        return structured_wrong_type (node, path, "a string", error), NULL;
      return json_node_copy (node);

    case KIND_BOOLEAN:
      if (!structured_holds (node, G_TYPE_BOOLEAN))
        return structured_wrong_type (node, path, "a boolean", error), NULL;
      return json_node_copy (node);

    case KIND_INTEGER:
      {
        IntegerRange range = structured_integer_range (pspec);
        gint64 value;

        if (!structured_holds (node, G_TYPE_INT64))
          return structured_wrong_type (node, path, "an integer", error), NULL;
        value = json_node_get_int (node);
        if (value < range.min || (value >= 0 && (guint64) value > range.max))
          {
            g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                         "Invalid response: %s is %" G_GINT64_FORMAT ", out of range "
                         "(%" G_GINT64_FORMAT " to %" G_GUINT64_FORMAT ")",
                         path, value, range.min, range.max);
            return NULL;
          }
        return json_node_copy (node);
      }

    case KIND_NUMBER:
      {
        double min, max, type_max, value;

        if (!structured_holds (node, G_TYPE_INT64) && !structured_holds (node, G_TYPE_DOUBLE))
          return structured_wrong_type (node, path, "a number", error), NULL;
        structured_number_range (pspec, &min, &max, &type_max);
        value = json_node_get_double (node);
        if (value < min || value > max)
          {
            g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                         "Invalid response: %s is %g, out of range (%g to %g)",
                         path, value, min, max);
            return NULL;
          }
        return json_node_init_double (json_node_alloc (), value);
      }

    case KIND_ENUM:
      {
        gint64 value;

        if (!structured_nick_value (type, node, path, &value, error))
          return NULL;
        return structured_int_node (value);
      }

    case KIND_FLAGS:
      {
        JsonArray *array;
        gint64 value = 0;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return structured_wrong_type (node, path, "a list", error), NULL;
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
            gint64 flag;

            if (!structured_nick_value (type, json_array_get_element (array, i), item_path, &flag, error))
              return NULL;
            if ((value & flag) == flag)
              {
                g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                             "Invalid response: %s repeats \"%s\"", item_path,
                             json_array_get_string_element (array, i));
                return NULL;
              }
            value |= flag;
          }
        return structured_int_node (value);
      }

    case KIND_STRV:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return structured_wrong_type (node, path, "a list", error), NULL;
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!structured_holds (item, G_TYPE_STRING))
              {
                g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

                return structured_wrong_type (item, item_path, "a string", error), NULL;
              }
          }
        return json_node_copy (node);
      }

    case KIND_OBJECT:
      return structured_check_object (type, node, path, error);

    case KIND_UNSUPPORTED:
    default:
      /* The schema refused the type before any parsing. */
      g_assert_not_reached ();
    }
}

static JsonNode *
structured_check_object (GType        type,
                         JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(JsonObject) checked = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  guint n_pspecs;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return structured_wrong_type (node, path, "an object", error), NULL;
  object = json_node_get_object (node);

  klass = g_type_class_ref (type);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checked = json_object_new ();

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *member = NULL;
      g_autofree char *member_path = NULL;
      JsonNode *value;
      JsonNode *checked_value;

      if (!structured_property_wanted (pspecs[i]))
        continue;

      member = structured_member_name (pspecs[i]);
      member_path = structured_path_join (path, member);
      value = json_object_get_member (object, member);
      if (value == NULL)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s is missing", member_path);
          return NULL;
        }
      checked_value = structured_check_value (pspecs[i], value, member_path, error);
      if (checked_value == NULL)
        return NULL;
      /* Keyed by the property's own name: json-glib finds it as it is. */
      json_object_set_member (checked, pspecs[i]->name, checked_value);
      g_hash_table_add (wanted, g_steal_pointer (&member));
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_hash_table_contains (wanted, l->data))
        {
          g_autofree char *member_path = structured_path_join (path, l->data);

          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s is not a property of %s", member_path, g_type_name (type));
          return NULL;
        }
    }

  return json_node_init_object (json_node_alloc (), checked);
}

/**
 * mistral_assistant_message_parse:
 * @self: an assistant message, the reply to a request with the response
 *   format of [ctor@Mistral.ResponseFormat.new_for_type]
 * @type: the GObject type the reply describes
 * @error: return location for a [error@Mistral.Error]
 *
 * Reads the content of @self, JSON text, into a new instance of @type,
 * through json-glib's GObject deserialisation.
 *
 * The content is checked first against the schema that
 * [ctor@Mistral.ResponseFormat.new_for_type_full] makes for @type, strictly:
 * a member missing, of the wrong type, out of its property's range, an
 * unknown enum or flags nick, or a member that is not a property fails
 * with %MISTRAL_ERROR_INVALID_RESPONSE, whose message names the member's
 * path (`content.address.city`). So does content that is not a JSON
 * object. A @type that cannot be described fails with
 * %MISTRAL_ERROR_INVALID_REQUEST, as it does there.
 *
 * Returns: (transfer full) (type GObject.Object): a new instance of @type,
 *   or %NULL on error
 *
 * Since: 1.0
 */
GObject *
mistral_assistant_message_parse (MistralAssistantMessage  *self,
                                 GType                     type,
                                 GError                  **error)
{
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(JsonNode) checked = NULL;
  const char *text;
  GObject *object;

  g_return_val_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same refusals as the schema's, before anything is read. */
  schema = structured_schema_for_type (type, error);
  if (schema == NULL)
    return NULL;

  text = mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (self));
  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the reply has no content");
      return NULL;
    }

  content = structured_parse_content (text, error);
  if (content == NULL)
    return NULL;

  checked = structured_check_object (type, content, "content", error);
  if (checked == NULL)
    return NULL;

  object = json_gobject_deserialize (type, checked);
  if (G_IS_INITIALLY_UNOWNED (object))
    g_object_ref_sink (object);
  return object;
}

/**
 * mistral_chat_completion_response_parse:
 * @self: a response to a request with the response format of
 *   [ctor@Mistral.ResponseFormat.new_for_type]
 * @type: the GObject type the reply describes
 * @error: return location for a [error@Mistral.Error]
 *
 * Reads the first choice's content into a new instance of @type, as
 * [method@Mistral.AssistantMessage.parse] does.
 *
 * A response without choices fails with %MISTRAL_ERROR_INVALID_RESPONSE.
 *
 * ```python
 * class City(GObject.Object):
 *     name = GObject.Property(type=str, blurb="The city's name")
 *     population = GObject.Property(type=int)
 *
 * request.set_response_format(Mistral.ResponseFormat.new_for_type_full(City, None))
 * city = client.chat_completion(request, None).parse(City)
 * ```
 *
 * Returns: (transfer full) (type GObject.Object): a new instance of @type,
 *   or %NULL on error
 *
 * Since: 1.0
 */
GObject *
mistral_chat_completion_response_parse (MistralChatCompletionResponse  *self,
                                        GType                           type,
                                        GError                        **error)
{
  MistralAssistantMessage *message;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  message = mistral_chat_completion_response_get_assistant_message (self);
  if (message == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the response has no choices");
      return NULL;
    }
  return mistral_assistant_message_parse (message, type, error);
}

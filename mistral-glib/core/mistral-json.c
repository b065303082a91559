// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The helpers every reader and writer of API JSON uses (see
 * mistral-json-private.h); the readers and writers themselves live with
 * their types.
 *
 * json-glib 1.6 writes doubles with 17 significant digits (0.3 becomes
 * 0.29999999999999999): the same double, so the API reads the same value. */

#include <string.h>

#include "mistral-json-private.h"

/* Parsing ------------------------------------------------------------------ */

/* json-glib's parser, the trees it builds and our readers all recurse
 * once per level of nesting: about 100 bytes of stack per level in
 * json-glib 1.6, so a reply nested 10,000 deep overflows the stack of a
 * small thread, and 100,000 deep that of the main thread. No API reply
 * comes near this depth (a reply with thinking chunks nests about 10
 * deep), so deeper text is refused before any parser sees it
 * (MISTRAL_JSON_MAX_DEPTH, in the private header for the fast decoder). */
#define MAX_JSON_DEPTH MISTRAL_JSON_MAX_DEPTH

/* The index of the quote that ends the string whose opening quote is at
 * @i, or @length if it does not end. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i)
{
  for (i++; i < length && data[i] != '"'; i++)
    {
      if (data[i] == '\\')
        i++;
    }
  return MIN (i, length);
}

/* Whether the nesting of objects and arrays in @data stays within
 * MAX_JSON_DEPTH. Brackets inside strings do not count; the text need not
 * be valid JSON, json-glib judges that. */
static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        i = skip_string (data, length, i);
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* json-glib 1.6 reads on after the first value: it takes "{}{}" or
 * "[1][2]", keeping the first value and leaking the rest, leaks "1[]" on
 * its way to an error, and even takes "var x = {};". A body is one JSON
 * value: TRUE when only whitespace follows the first value (an object,
 * array, string or bare token). Whether that value is valid JSON is left
 * to json-glib. */
static gboolean
json_single_value (const char *data,
                   gsize       length)
{
  guint depth = 0;
  gsize i = 0;

  /* json-glib skips a byte-order mark, as RFC 8259 lets parsers do. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length)
    return TRUE;

  /* Leaves @i on the last byte of the value. */
  if (data[i] == '{' || data[i] == '[')
    {
      for (; i < length; i++)
        {
          char c = data[i];

          if (c == '"')
            i = skip_string (data, length, i);
          else if (c == '{' || c == '[')
            depth++;
          else if ((c == '}' || c == ']') && --depth == 0)
            break;
        }
    }
  else if (data[i] == '"')
    i = skip_string (data, length, i);
  else if (data[i] == '-' || g_ascii_isalnum (data[i]))
    {
      while (i + 1 < length
             && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '+' || data[i + 1] == '-' || data[i + 1] == '.'))
        i++;
    }
  else
    {
      return FALSE;
    }

  for (i++; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

/* json-glib 1.6 turns an unpaired UTF-16 surrogate escape ("\ud800"), a
 * "\u" without four hex digits ("\ud8z0") or an escape JSON does not
 * have (GScanner's octal "\666") into bytes that are not UTF-8, in the
 * value or quoted in its error message, which no binding can convert.
 * Strict parsers refuse such text: so do we. Escapes only occur inside
 * strings, and "\\" is skipped whole. */
static gboolean
json_escapes_ok (const char *data,
                 gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gboolean want_low = FALSE;

  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      guint unit = 0;
      gboolean is_unit = end - p >= 6 && p[1] == 'u';

      for (guint k = 2; is_unit && k < 6; k++)
        {
          is_unit = g_ascii_isxdigit (p[k]);
          unit = unit * 16 + (is_unit ? g_ascii_xdigit_value (p[k]) : 0);
        }

      if (!is_unit)
        {
          if (want_low || end - p < 2 || p[1] == '\0' || strchr ("\"\\/bfnrt", p[1]) == NULL)
            return FALSE;
          p += 2;
          continue;
        }
      p += 6;

      if (want_low)
        {
          if (unit < 0xDC00 || unit > 0xDFFF)
            return FALSE;
          want_low = FALSE;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          return FALSE;
        }
      else if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          /* The low half must come next, as an escape of its own. */
          if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
            return FALSE;
          want_low = TRUE;
        }
    }

  return !want_low;
}

/**
 * mistral_json_parse:
 * @data: JSON text
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Parses JSON text from a source the application does not control (a file
 * it saved, a reply it received) as the library parses the API's replies:
 * with json-glib, within safety limits checked before json-glib sees the
 * text. Text that is not valid UTF-8, nests deeper than 512 levels, holds
 * more than one value or an unpaired surrogate escape, or is not JSON,
 * fails with %MISTRAL_ERROR_INVALID_RESPONSE (its message always valid
 * UTF-8), as does empty text.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 *
 * Since: 1.0
 */
JsonNode *
mistral_json_parse (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the body is not valid UTF-8");
      return NULL;
    }

  if (!json_depth_ok (data, length))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: JSON nested deeper than %u levels", MAX_JSON_DEPTH);
      return NULL;
    }

  if (!json_single_value (data, length))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: not JSON (not one value)");
      return NULL;
    }

  if (!json_escapes_ok (data, length))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: not JSON (an unpaired surrogate escape)");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the offending bytes, which may be half a character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: not JSON (%s)", reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the body is empty");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Caller-given JSON text that must be an object (a schema, tool arguments);
 * @what names it in the error, which has the domain code @code. */
JsonNode *
mistral_json_parse_object (const char    *text,
                           const char    *what,
                           MistralError   code,
                           GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_depth_ok (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: JSON nested deeper than %u levels", what, MAX_JSON_DEPTH);
      return NULL;
    }

  if (!json_single_value (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: not one value", what);
      return NULL;
    }

  if (!json_escapes_ok (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: an unpaired surrogate escape", what);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: %s", what, reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not a JSON object", what);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Reading ------------------------------------------------------------------ */

static const char *
json_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "a list";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a number";
    }
}

gboolean
mistral_json_wrong_type (JsonNode    *node,
                         const char  *path,
                         const char  *member,
                         const char  *expected,
                         GError     **error)
{
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "Invalid response: %s%s%s is %s, expected %s",
               path, *path && member ? "." : "", member ? member : "",
               json_type_name (node), expected);
  return FALSE;
}

/* "choices[0]" and "message" make "choices[0].message". */
char *
mistral_json_path_join (const char *path,
                        const char *member)
{
  return *path != '\0' ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static gboolean
holds_value_of (JsonNode *node,
                GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/*
 * mistral_json_read_member:
 * @object: the object that holds @member
 * @member: the member to read
 * @path: the JSON path of @object, for errors ("" for the root)
 * @type: the type @member must have
 * @out: where the value goes; see #MistralJsonType for its C type
 * @error: return location for a #GError
 *
 * A missing member and null leave @out alone: every member the API sends
 * is optional to us. The right type is stored; anything else is a
 * MISTRAL_ERROR_INVALID_RESPONSE that names the member's path.
 */
gboolean
mistral_json_read_member (JsonObject       *object,
                          const char       *member,
                          const char       *path,
                          MistralJsonType   type,
                          gpointer          out,
                          GError          **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  switch (type)
    {
    case MISTRAL_JSON_STRING:
      if (!holds_value_of (node, G_TYPE_STRING))
        return mistral_json_wrong_type (node, path, member, "a string", error);
      *(const char **) out = json_node_get_string (node);
      return TRUE;

    case MISTRAL_JSON_INT:
      if (!holds_value_of (node, G_TYPE_INT64))
        return mistral_json_wrong_type (node, path, member, "an integer", error);
      *(gint64 *) out = json_node_get_int (node);
      return TRUE;

    case MISTRAL_JSON_UINT:
      {
        gint64 v;

        if (!holds_value_of (node, G_TYPE_INT64))
          return mistral_json_wrong_type (node, path, member, "an integer", error);
        v = json_node_get_int (node);
        if (v < 0 || v > G_MAXUINT)
          {
            g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                         "Invalid response: %s.%s is %" G_GINT64_FORMAT ", out of range",
                         path, member, v);
            return FALSE;
          }
        *(guint *) out = (guint) v;
        return TRUE;
      }

    case MISTRAL_JSON_DOUBLE:
      if (!holds_value_of (node, G_TYPE_INT64) && !holds_value_of (node, G_TYPE_DOUBLE))
        return mistral_json_wrong_type (node, path, member, "a number", error);
      *(double *) out = json_node_get_double (node);
      return TRUE;

    case MISTRAL_JSON_BOOLEAN:
      if (!holds_value_of (node, G_TYPE_BOOLEAN))
        return mistral_json_wrong_type (node, path, member, "a boolean", error);
      *(gboolean *) out = json_node_get_boolean (node);
      return TRUE;

    case MISTRAL_JSON_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return mistral_json_wrong_type (node, path, member, "an object", error);
      *(JsonObject **) out = json_node_get_object (node);
      return TRUE;

    case MISTRAL_JSON_ARRAY:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return mistral_json_wrong_type (node, path, member, "a list", error);
      *(JsonArray **) out = json_node_get_array (node);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* A list of objects, each read by @read_item into a store of @item_type;
 * element i's path is "@path[i]". */
GListStore *
mistral_json_read_list (JsonArray            *array,
                        const char           *path,
                        GType                 item_type,
                        MistralJsonReadFunc   read_item,
                        GError              **error)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return mistral_json_wrong_type (node, sub, NULL, "an object", error), NULL;
      item = read_item (json_node_get_object (node), sub, i, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }

  return g_steal_pointer (&store);
}

/* Writing ------------------------------------------------------------------ */

/* A list (the member name already set), each item by @write_item. */
void
mistral_json_add_list (JsonBuilder          *builder,
                       GListModel           *list,
                       MistralJsonWriteFunc  write_item)
{
  guint n = g_list_model_get_n_items (list);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      write_item (item, builder);
    }
  json_builder_end_array (builder);
}

void
mistral_json_add_strv (JsonBuilder        *builder,
                       const char         *member,
                       const char * const *strv)
{
  if (strv == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (gsize i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* A string member, left out when @value is NULL: the API rejects null for
 * most optional fields, and reads a missing one as unset. */
void
mistral_json_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
mistral_json_add_enum (JsonBuilder *builder,
                       const char  *member,
                       GType        enum_type,
                       int          value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, g_enum_get_value (klass, value)->value_nick);
}

/* The body as it is sent. json-glib writes the caller's strings byte for
 * byte, so text that is not UTF-8 (a Latin-1 file read as is, say) would
 * make a body that is not JSON: it is refused here, in one check of the
 * whole, rather than string by string. */
GBytes *
mistral_json_to_bytes (JsonNode  *node,
                       GError   **error)
{
  char *text = json_to_string (node, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "The request holds text that is not valid UTF-8");
      return NULL;
    }

  return g_bytes_new_take (text, strlen (text));
}

/* Error bodies ------------------------------------------------------------- */

/* A FastAPI validation list: each `msg` with its `loc` joined by ".", e.g.
 * "Extra inputs are not permitted (body.stream_options)". */
static char *
detail_list_message (JsonArray *detail)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint n = json_array_get_length (detail);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (detail, i);
      JsonObject *object;
      const char *msg = NULL;
      JsonArray *loc = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      object = json_node_get_object (item);
      if (!mistral_json_read_member (object, "msg", "", MISTRAL_JSON_STRING, &msg, NULL) || msg == NULL)
        continue;
      mistral_json_read_member (object, "loc", "", MISTRAL_JSON_ARRAY, &loc, NULL);

      if (message->len > 0)
        g_string_append (message, "; ");
      g_string_append (message, msg);

      if (loc != NULL && json_array_get_length (loc) > 0)
        {
          g_string_append (message, " (");
          for (guint j = 0; j < json_array_get_length (loc); j++)
            {
              JsonNode *part = json_array_get_element (loc, j);

              if (j > 0)
                g_string_append_c (message, '.');
              if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_STRING)
                g_string_append (message, json_node_get_string (part));
              else if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_INT64)
                g_string_append_printf (message, "%" G_GINT64_FORMAT, json_node_get_int (part));
            }
          g_string_append_c (message, ')');
        }
    }

  if (message->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&message), FALSE);
}

static char *
message_from_node (JsonNode *node,
                   int       depth)
{
  JsonNode *member;
  JsonObject *object;

  if (node == NULL || depth > 4)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return detail_list_message (json_node_get_array (node));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autoptr(JsonNode) inner = NULL;
      char *from_inner = NULL;

      /* In 2024 the API sent the validation body as a JSON-encoded string. */
      if (text[0] == '{' && (inner = mistral_json_parse (text, -1, NULL)) != NULL)
        from_inner = message_from_node (inner, depth + 1);
      return from_inner != NULL ? from_inner : g_strdup (text);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  member = json_object_get_member (object, "message");
  if (member != NULL)
    {
      char *message = message_from_node (member, depth + 1);

      if (message != NULL)
        return message;
    }

  return message_from_node (json_object_get_member (object, "detail"), depth + 1);
}

/* The API's message in an error object (also one sent inside a stream). */
char *
mistral_json_error_message_from_node (JsonNode *node)
{
  return message_from_node (node, 0);
}

char *
mistral_json_error_message (GBytes *body)
{
  g_autoptr(JsonNode) node = NULL;
  const char *data;
  gsize length = 0;
  char *message;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    return NULL;

  node = mistral_json_parse (data, length, NULL);
  if (node != NULL && (message = message_from_node (node, 0)) != NULL)
    return message;

  /* Not JSON (an HTML error page, say): keep a readable head of the text. */
  {
    g_autofree char *valid = g_utf8_make_valid (data, MIN (length, 512));

    return g_strstrip (g_steal_pointer (&valid));
  }
}

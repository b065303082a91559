// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * validation.c: a request checked as the API checks it (the key, the
 * content type, the JSON, then its fields, with FastAPI / pydantic v2
 * error shapes), and the API's error bodies (API-NOTES.md §6, F5).
 */

#include "mock-server-private.h"

#include <math.h>

#define ERROR_CONTENT_TYPE "application/json; charset=utf-8"

/* ------------------------------------------------------------------ */
/* Error bodies                                                       */
/* ------------------------------------------------------------------ */

MockReply *
mock_error_reply (guint       status,
                  const char *body)
{
  MockReply *reply = mock_reply_new (status);

  mock_reply_set_body (reply, ERROR_CONTENT_TYPE, body);
  return reply;
}

static MockReply *
unauthorized_reply (void)
{
  g_autofree char *request_id = mock_random_hex (32);
  g_autofree char *body =
    g_strdup_printf ("{\"message\":\"Unauthorized\",\"request_id\":\"%s\"}", request_id);

  return mock_error_reply (SOUP_STATUS_UNAUTHORIZED, body);
}

/* The documented error body (API-NOTES.md §6): {object, message, type,
 * param, code}. */
MockReply *
mock_api_error_reply (guint       status,
                      const char *message,
                      const char *type)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_string_member (object, "object", "error");
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "type", type);
  json_object_set_null_member (object, "param");
  json_object_set_null_member (object, "code");
  body = mock_object_to_string (object);
  return mock_error_reply (status, body);
}

MockReply *
mock_validation_reply (JsonArray *detail)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *message = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_array_member (message, "detail", json_array_ref (detail));
  json_object_set_string_member (object, "object", "error");
  json_object_set_object_member (object, "message", message);
  json_object_set_string_member (object, "type", "invalid_request_error");
  json_object_set_null_member (object, "param");
  json_object_set_null_member (object, "code");
  body = mock_object_to_string (object);
  return mock_error_reply (SOUP_STATUS_UNPROCESSABLE_ENTITY, body);
}

/* The bodies of F5 / §6, for "mock-error-<status>" models (@model is only
 * named by a 400's message). */
MockReply *
mock_magic_error_reply (guint       status,
                        const char *model)
{
  MockReply *reply;

  switch (status)
    {
    case 400:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        g_autofree char *message = g_strdup_printf ("Invalid model: %s", model);
        g_autofree char *body = NULL;

        json_object_set_string_member (object, "object", "error");
        json_object_set_string_member (object, "message", message);
        json_object_set_string_member (object, "type", "invalid_request_error");
        json_object_set_string_member (object, "param", "model");
        json_object_set_string_member (object, "code", "unknown_model");
        body = mock_object_to_string (object);
        return mock_error_reply (status, body);
      }
    case 401:
      return unauthorized_reply ();
    case 422:
      return mock_error_reply (status,
                               "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                               "\"loc\":[\"body\",\"stream_options\"],\"msg\":\"Extra inputs are not permitted\","
                               "\"input\":{\"include_usage\":true}}]},\"type\":\"invalid_request_error\","
                               "\"param\":null,\"code\":null}");
    case 429:
      reply = mock_error_reply (status,
                                "{\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                                "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
      mock_reply_add_header (reply, "Retry-After", "1");
      mock_reply_add_header (reply, "x-ratelimit-remaining-req-minute", "0");
      return reply;
    case 502:
      reply = mock_reply_new (status);
      mock_reply_set_body (reply, "text/html",
                           "<html><body><h1>502 Bad Gateway</h1></body></html>");
      return reply;
    case 500:
    case 503:
    case 504:
      return mock_api_error_reply (status, "Internal server error", "server_error");
    default:
      return mock_api_error_reply (status, soup_status_get_phrase (status),
                                 status >= 500 ? "server_error" : "invalid_request_error");
    }
}

/* ------------------------------------------------------------------ */
/* Request validation (FastAPI / pydantic v2 error shapes)            */
/* ------------------------------------------------------------------ */

/* A new loc: @parent plus one string (@key) or integer (@index) part. */
JsonArray *
mock_loc_new (JsonArray  *parent,
              const char *key,
              gint64      index)
{
  JsonArray *loc = json_array_new ();

  if (parent)
    {
      for (guint i = 0; i < json_array_get_length (parent); i++)
        json_array_add_element (loc, json_node_copy (json_array_get_element (parent, i)));
    }
  if (key)
    json_array_add_string_element (loc, key);
  else
    json_array_add_int_element (loc, index);
  return loc;
}

void
mock_add_error (JsonArray  *detail,
                const char *type,
                JsonArray  *loc,
                const char *msg,
                JsonNode   *input,
                JsonObject *ctx)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "type", type);
  json_object_set_array_member (error, "loc", loc);
  json_object_set_string_member (error, "msg", msg);
  json_object_set_member (error, "input",
                          input ? json_node_copy (input) : json_node_new (JSON_NODE_NULL));
  if (ctx)
    json_object_set_object_member (error, "ctx", ctx);
  json_array_add_object_element (detail, error);
}

void
mock_add_type_error (JsonArray *detail,
                     MockKind   kind,
                     JsonArray *loc,
                     JsonNode  *input)
{
  static const struct { const char *type, *msg; } errors[] = {
    [MOCK_KIND_STRING] = { "string_type", "Input should be a valid string" },
    [MOCK_KIND_NUMBER] = { "float_type", "Input should be a valid number" },
    [MOCK_KIND_INT] = { "int_type", "Input should be a valid integer" },
    [MOCK_KIND_BOOL] = { "bool_type", "Input should be a valid boolean" },
    [MOCK_KIND_DICT] = { "dict_type", "Input should be a valid dictionary" },
    [MOCK_KIND_LIST] = { "list_type", "Input should be a valid list" },
  };

  mock_add_error (detail, errors[kind].type, loc, errors[kind].msg, input, NULL);
}

void
mock_add_model_type_error (JsonArray  *detail,
                           const char *class_name,
                           JsonArray  *loc,
                           JsonNode   *input)
{
  g_autofree char *msg =
    g_strdup_printf ("Input should be a valid dictionary or instance of %s", class_name);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "class_name", class_name);
  mock_add_error (detail, "model_type", loc, msg, input, ctx);
}

static void
add_bound_error (JsonArray  *detail,
                 const char *type,
                 const char *what,
                 const char *ctx_key,
                 double      bound,
                 JsonArray  *loc,
                 JsonNode   *input)
{
  JsonObject *ctx = json_object_new ();
  g_autofree char *number = NULL;
  g_autofree char *msg = NULL;

  if (bound == floor (bound))
    {
      number = g_strdup_printf ("%.0f", bound);
      json_object_set_int_member (ctx, ctx_key, (gint64) bound);
    }
  else
    {
      number = g_strdup_printf ("%g", bound);
      json_object_set_double_member (ctx, ctx_key, bound);
    }
  msg = g_strdup_printf ("Input should be %s %s", what, number);
  mock_add_error (detail, type, loc, msg, input, ctx);
}

/* pydantic's "'a', 'b' or 'c'" */
static char *
expected_list (const char * const *values)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length ((char **) values);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, i == n - 1 ? " or " : ", ");
      g_string_append_printf (s, "'%s'", values[i]);
    }
  return g_string_free (s, FALSE);
}

static void
add_enum_error (JsonArray          *detail,
                const char * const *values,
                JsonArray          *loc,
                JsonNode           *input)
{
  g_autofree char *expected = expected_list (values);
  g_autofree char *msg = g_strdup_printf ("Input should be %s", expected);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "expected", expected);
  mock_add_error (detail, values[1] ? "enum" : "literal_error", loc, msg, input, ctx);
}

static gboolean
node_has_kind (JsonNode *node,
               MockKind  kind,
               gboolean *fractional)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  *fractional = FALSE;
  switch (kind)
    {
    case MOCK_KIND_STRING:
      return type == G_TYPE_STRING;
    case MOCK_KIND_NUMBER:
      return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
    case MOCK_KIND_INT:
      if (type == G_TYPE_INT64)
        return TRUE;
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);

          /* pydantic's lax mode takes 2.0 for an int, but not 2.5 */
          if (isfinite (d) && d == floor (d))
            return TRUE;
          *fractional = TRUE;
        }
      return FALSE;
    case MOCK_KIND_BOOL:
      return type == G_TYPE_BOOLEAN;
    case MOCK_KIND_DICT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case MOCK_KIND_LIST:
      return JSON_NODE_HOLDS_ARRAY (node);
    }
  return FALSE;
}

/* Checks @object[@key].  Returns the member when it is present, not null,
 * of the right kind and in bounds; NULL otherwise (errors added). */
JsonNode *
mock_check_member (JsonArray        *detail,
                   JsonNode         *object_node,
                   const char       *key,
                   JsonArray        *loc,
                   MockKind          kind,
                   gboolean          required,
                   gboolean          nullable,
                   const MockBounds *bounds)
{
  JsonObject *object = json_node_get_object (object_node);
  JsonNode *node = json_object_get_member (object, key);
  gboolean fractional;
  double value;

  if (!node)
    {
      if (required)
        mock_add_error (detail, "missing", mock_loc_new (loc, key, 0), "Field required", object_node, NULL);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        mock_add_type_error (detail, kind, mock_loc_new (loc, key, 0), node);
      return NULL;
    }
  if (!node_has_kind (node, kind, &fractional))
    {
      if (fractional)
        mock_add_error (detail, "int_from_float", mock_loc_new (loc, key, 0),
                        "Input should be a valid integer, got a number with a fractional part",
                        node, NULL);
      else
        mock_add_type_error (detail, kind, mock_loc_new (loc, key, 0), node);
      return NULL;
    }
  if (!bounds || (kind != MOCK_KIND_NUMBER && kind != MOCK_KIND_INT))
    return node;

  value = mock_node_get_number (node);
  if (bounds->has_gt && !(value > bounds->gt))
    add_bound_error (detail, "greater_than", "greater than", "gt", bounds->gt,
                     mock_loc_new (loc, key, 0), node);
  else if (bounds->has_ge && value < bounds->ge)
    add_bound_error (detail, "greater_than_equal", "greater than or equal to", "ge",
                     bounds->ge, mock_loc_new (loc, key, 0), node);
  else if (bounds->has_le && value > bounds->le)
    add_bound_error (detail, "less_than_equal", "less than or equal to", "le",
                     bounds->le, mock_loc_new (loc, key, 0), node);
  else
    return node;
  return NULL;
}

void
mock_check_enum_member (JsonArray          *detail,
                        JsonNode           *object_node,
                        const char         *key,
                        JsonArray          *loc,
                        const char * const *values,
                        gboolean            nullable)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object_node), key);

  if (!node || (nullable && JSON_NODE_HOLDS_NULL (node)))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && mock_strv_has (values, json_node_get_string (node)))
    return;
  add_enum_error (detail, values, mock_loc_new (loc, key, 0), node);
}

/* Checks @object[@key] is an object, as a nested pydantic model. */
JsonNode *
mock_check_model_member (JsonArray  *detail,
                         JsonNode   *object_node,
                         const char *key,
                         JsonArray  *loc,
                         const char *class_name,
                         gboolean    required,
                         gboolean    nullable)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object_node), key);

  if (!node)
    {
      if (required)
        mock_add_error (detail, "missing", mock_loc_new (loc, key, 0), "Field required", object_node, NULL);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mock_add_model_type_error (detail, class_name, mock_loc_new (loc, key, 0), node);
      return NULL;
    }
  return node;
}

/* Unknown keys, reported after the field errors as pydantic does. */
void
mock_check_extra (JsonArray          *detail,
                  JsonNode           *object_node,
                  JsonArray          *loc,
                  const char * const *allowed)
{
  JsonObject *object = json_node_get_object (object_node);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      if (!mock_strv_has (allowed, l->data))
        mock_add_error (detail, "extra_forbidden", mock_loc_new (loc, l->data, 0),
                        "Extra inputs are not permitted",
                        json_object_get_member (object, l->data), NULL);
    }
}

static void
add_union_tag_error (JsonArray          *detail,
                     const char         *discriminator,
                     const char * const *tags,
                     JsonArray          *loc,
                     JsonNode           *input,
                     JsonNode           *tag_node)
{
  g_autofree char *quoted = g_strdup_printf ("'%s'", discriminator);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "discriminator", quoted);
  if (!tag_node)
    {
      g_autofree char *msg =
        g_strdup_printf ("Unable to extract tag using discriminator %s", quoted);

      mock_add_error (detail, "union_tag_not_found", loc, msg, input, ctx);
    }
  else
    {
      GString *expected = g_string_new (NULL);
      g_autofree char *tag = NULL;
      g_autofree char *msg = NULL;

      for (guint i = 0; tags[i]; i++)
        g_string_append_printf (expected, "%s'%s'", i ? ", " : "", tags[i]);
      if (JSON_NODE_HOLDS_VALUE (tag_node) && json_node_get_value_type (tag_node) == G_TYPE_STRING)
        tag = g_strdup (json_node_get_string (tag_node));
      else
        tag = mock_node_to_string (tag_node);
      msg = g_strdup_printf ("Input tag '%s' found using %s does not match any of the expected tags: %s",
                             tag, quoted, expected->str);
      json_object_set_string_member (ctx, "tag", tag);
      json_object_set_string_member (ctx, "expected_tags", expected->str);
      mock_add_error (detail, "union_tag_invalid", loc, msg, input, ctx);
      g_string_free (expected, TRUE);
    }
}

/* Returns the tag when @node is an object with a known @discriminator. */
const char *
mock_check_tagged (JsonArray          *detail,
                   JsonNode           *node,
                   JsonArray          *loc,
                   const char         *discriminator,
                   const char * const *tags,
                   const char         *default_tag)
{
  JsonNode *tag_node;
  const char *tag;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from",
                      node, NULL);
      return NULL;
    }
  tag_node = json_object_get_member (json_node_get_object (node), discriminator);
  if (!tag_node && default_tag)
    return default_tag;
  tag = mock_object_get_string (json_node_get_object (node), discriminator);
  if (!tag_node || !mock_strv_has (tags, tag))
    {
      add_union_tag_error (detail, discriminator, tags, json_array_ref (loc), node, tag_node);
      return NULL;
    }
  return tag;
}

static gboolean
check_auth (MockServer        *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *key;
  gboolean ok;

  if (!value || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;
  key = value + 7;
  if (*key == '\0')
    return FALSE;

  g_mutex_lock (&self->lock);
  if (self->api_key)
    ok = strcmp (key, self->api_key) == 0;
  else
    ok = !g_str_has_prefix (key, "invalid");
  g_mutex_unlock (&self->lock);
  return ok;
}

/* Auth, then, for an endpoint with a body, content type, JSON and fields:
 * the order the real API answers in. Returns an error reply, or NULL with
 * the parsed body (if any) in @out_root. */
MockReply *
mock_check_request (MockServer         *self,
                    SoupServerMessage  *msg,
                    const MockEndpoint *endpoint,
                    JsonNode          **out_root)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) detail = NULL;
  const char *data;
  gsize size;

  if (!check_auth (self, msg))
    return unauthorized_reply ();
  if (endpoint->validate == NULL)
    return NULL;

  if (!content_type || g_ascii_strncasecmp (content_type, "application/json", 16) != 0)
    return mock_api_error_reply (SOUP_STATUS_BAD_REQUEST,
                               "Invalid Content-Type: expected application/json",
                               "invalid_request_error");

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &size);
  parser = json_parser_new ();
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    root = json_parser_steal_root (parser);
  if (!root)
    return mock_api_error_reply (SOUP_STATUS_BAD_REQUEST, "Invalid JSON body",
                               "invalid_request_error");

  detail = endpoint->validate (root);
  if (json_array_get_length (detail) > 0)
    return mock_validation_reply (detail);

  *out_root = g_steal_pointer (&root);
  return NULL;
}

/* A member that is a string or a list of strings (chat's `stop`, the
 * `input` of embeddings): optional and nullable, or @required and then
 * neither missing nor null. A union, so pydantic reports why each of its
 * members failed. */
void
mock_check_string_or_list (JsonArray  *detail,
                           JsonNode   *body,
                           const char *key,
                           JsonArray  *loc,
                           gboolean    required)
{
  JsonNode *node = json_object_get_member (json_node_get_object (body), key);
  g_autoptr(JsonArray) key_loc = mock_loc_new (loc, key, 0);
  g_autoptr(JsonArray) str_loc = mock_loc_new (key_loc, "str", 0);
  g_autoptr(JsonArray) list_loc = mock_loc_new (key_loc, "list[str]", 0);

  if (!node)
    {
      if (required)
        mock_add_error (detail, "missing", json_array_ref (key_loc), "Field required", body, NULL);
      return;
    }
  if (JSON_NODE_HOLDS_NULL (node) && !required)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean bad = FALSE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!(JSON_NODE_HOLDS_VALUE (element)
                && json_node_get_value_type (element) == G_TYPE_STRING))
            {
              if (!bad)
                mock_add_type_error (detail, MOCK_KIND_STRING, json_array_ref (str_loc), node);
              bad = TRUE;
              mock_add_type_error (detail, MOCK_KIND_STRING, mock_loc_new (list_loc, NULL, i), element);
            }
        }
      return;
    }
  mock_add_type_error (detail, MOCK_KIND_STRING, json_array_ref (str_loc), node);
  mock_add_type_error (detail, MOCK_KIND_LIST, json_array_ref (list_loc), node);
}

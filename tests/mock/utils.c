// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * utils.c: small helpers of the mock server: random ids, JSON members of
 * a given type, GSources.
 */

#include "mock-server-private.h"

static char *
random_string (const char *alphabet,
               guint       len)
{
  gsize n = strlen (alphabet);
  char *s = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    s[i] = alphabet[g_random_int_range (0, n)];
  s[len] = '\0';
  return s;
}

char *
mock_random_hex (guint len)
{
  return random_string ("0123456789abcdef", len);
}

char *
mock_random_alnum (guint len)
{
  return random_string ("abcdefghijklmnopqrstuvwxyz"
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", len);
}

char *
mock_node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

char *
mock_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return mock_node_to_string (node);
}

GBytes *
mock_bytes_take_string (char *s)
{
  return g_bytes_new_take (s, strlen (s));
}

void
mock_clear_source (GSource **source)
{
  if (*source)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static gboolean
noop_source_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* Unreffing a message from inside one of its own signal emissions may
 * finalize it mid-emission, so drop such references from an idle. */
void
mock_defer_unref (MockServer *self,
                  gpointer    object)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, noop_source_cb, object, g_object_unref);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

const char *
mock_object_get_string (JsonObject *object,
                        const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

JsonObject *
mock_object_get_object (JsonObject *object,
                        const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
mock_object_get_array (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

double
mock_node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* Integer members the validator has already accepted (ints or whole
 * doubles); @fallback when absent or null. */
gint64
mock_object_get_int (JsonObject *object,
                     const char *name,
                     gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (!node || !node_is_number (node))
    return fallback;
  return (gint64) mock_node_get_number (node);
}

gboolean
mock_strv_has (const char * const *strv,
               const char         *s)
{
  return s && g_strv_contains (strv, s);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "fuzz-common.h"

#include <mistral-glib.h>

/* Deep enough for a reply's choices, messages, tool calls and thinking
 * chunks; a cycle (a parent property) stops at the visited set anyway. */
#define MAX_WALK_DEPTH 16

static GLogWriterOutput
quiet_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* libFuzzer calls this once, before the first input. The library is
 * linked whole into every harness: libFuzzer's reference to this symbol is
 * weak, so it would not pull this object out of an archive by itself. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
  return 0;
}

static void
check_string (const char *s)
{
  if (s != NULL)
    FUZZ_CHECK (g_utf8_validate (s, -1, NULL));
}

static void walk (GObject *object, GHashTable *seen, guint depth);

static void
walk_value (const GValue *value,
            GHashTable   *seen,
            guint         depth)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      check_string (g_value_get_string (value));
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
        check_string (strv[i]);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *dt = g_value_get_boxed (value);

      if (dt != NULL)
        {
          g_autofree char *text = g_date_time_format_iso8601 (dt);

          FUZZ_CHECK (text != NULL);
        }
    }
  else if (type == JSON_TYPE_NODE)
    {
      JsonNode *node = g_value_get_boxed (value);

      if (node != NULL)
        {
          g_autofree char *text = json_to_string (node, FALSE);

          check_string (text);
        }
    }
  else if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
    {
      GObject *child = g_value_get_object (value);

      if (child != NULL)
        walk (child, seen, depth + 1);
    }
}

static void
walk_specific (GObject    *object,
               GHashTable *seen,
               guint       depth)
{
  if (MISTRAL_IS_TOOL_CALL (object))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) args = mistral_tool_call_parse_arguments (MISTRAL_TOOL_CALL (object), &error);

      FUZZ_CHECK ((args != NULL) != (error != NULL));
    }
  else if (MISTRAL_IS_CONTENT_CHUNK (object))
    {
      gsize n_ids = 0;

      mistral_content_chunk_get_reference_ids (MISTRAL_CONTENT_CHUNK (object), &n_ids);
      check_string (mistral_content_chunk_get_text (MISTRAL_CONTENT_CHUNK (object)));
    }
  else if (MISTRAL_IS_CHAT_MESSAGE (object))
    {
      check_string (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (object)));
    }
  else if (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (object))
    {
      MistralAssistantMessage *message =
        mistral_chat_completion_response_get_assistant_message (MISTRAL_CHAT_COMPLETION_RESPONSE (object));

      if (message != NULL)
        walk (G_OBJECT (message), seen, depth + 1);
    }
  else if (MISTRAL_IS_COMPLETION_CHUNK (object))
    {
      MistralAssistantMessage *delta =
        mistral_completion_chunk_get_delta_message (MISTRAL_COMPLETION_CHUNK (object));

      if (delta != NULL)
        walk (G_OBJECT (delta), seen, depth + 1);
    }
}

static void
walk (GObject    *object,
      GHashTable *seen,
      guint       depth)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  if (depth > MAX_WALK_DEPTH || !g_hash_table_add (seen, object))
    return;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      walk_value (&value, seen, depth);
    }

  if (G_IS_LIST_MODEL (object))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (object));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (object), i);

          FUZZ_CHECK (item != NULL);
          walk (item, seen, depth + 1);
        }
    }

  walk_specific (object, seen, depth);
}

void
fuzz_walk_object (GObject *object)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  walk (object, seen, 0);
}

void
fuzz_check_outcome (gpointer      result,
                    const GError *error,
                    int           other_code)
{
  FUZZ_CHECK ((result != NULL) != (error != NULL));
  if (error != NULL)
    {
      FUZZ_CHECK (g_error_matches (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE)
                  || g_error_matches (error, MISTRAL_ERROR, other_code));
      check_string (error->message);
    }
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-assistant-message-private.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-usage-info-private.h"

static const struct {
  const char *name;
  MistralFinishReason reason;
} finish_reasons[] = {
  { "stop", MISTRAL_FINISH_REASON_STOP },
  { "length", MISTRAL_FINISH_REASON_LENGTH },
  { "model_length", MISTRAL_FINISH_REASON_MODEL_LENGTH },
  { "error", MISTRAL_FINISH_REASON_ERROR },
  { "tool_calls", MISTRAL_FINISH_REASON_TOOL_CALLS },
};

MistralFinishReason
mistral_finish_reason_from_string (const char *name)
{
  if (name == NULL)
    return MISTRAL_FINISH_REASON_NONE;

  for (gsize i = 0; i < G_N_ELEMENTS (finish_reasons); i++)
    if (strcmp (name, finish_reasons[i].name) == 0)
      return finish_reasons[i].reason;

  return MISTRAL_FINISH_REASON_UNKNOWN;
}

/* For objects built from properties, where only one of the enum and the
 * raw name may have been given: fills in the other. */
void
mistral_finish_reason_normalize (MistralFinishReason  *reason,
                                 char                **name)
{
  if (*name == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (finish_reasons); i++)
        if (finish_reasons[i].reason == *reason)
          *name = g_strdup (finish_reasons[i].name);
    }
  else if (*reason == MISTRAL_FINISH_REASON_NONE)
    *reason = mistral_finish_reason_from_string (*name);
}

/* What a reply's choice and a stream chunk's choice share: the index, the
 * finish reason and a message, under @message_member ("message" or "delta"). */
gboolean
mistral_chat_choice_read_parts (JsonObject               *object,
                                const char               *path,
                                guint                     position,
                                const char               *message_member,
                                guint                    *index_out,
                                const char              **finish_reason,
                                MistralAssistantMessage **message,
                                GError                  **error)
{
  JsonObject *message_object = NULL;
  gint64 index = position;

  if (!mistral_json_read_member (object, "index", path, MISTRAL_JSON_INT, &index, error) ||
      !mistral_json_read_member (object, "finish_reason", path, MISTRAL_JSON_STRING, finish_reason, error) ||
      !mistral_json_read_member (object, message_member, path, MISTRAL_JSON_OBJECT, &message_object, error))
    return FALSE;

  if (index < 0 || index > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.index is out of range", path);
      return FALSE;
    }
  *index_out = (guint) index;

  if (message_object != NULL)
    {
      g_autofree char *sub = mistral_json_path_join (path, message_member);

      *message = mistral_assistant_message_new_from_json_object (message_object, sub, error);
      return *message != NULL;
    }

  *message = mistral_assistant_message_new (NULL);
  return TRUE;
}

void
mistral_chat_envelope_clear (MistralChatEnvelope *envelope)
{
  g_clear_pointer (&envelope->created, g_date_time_unref);
  g_clear_object (&envelope->choices);
  g_clear_object (&envelope->usage);
}

gboolean
mistral_chat_envelope_read (MistralChatEnvelope  *envelope,
                            JsonObject           *object,
                            const char           *path,
                            GType                 choice_type,
                            MistralJsonReadFunc   read_choice,
                            GError              **error)
{
  JsonArray *choices = NULL;
  JsonNode *usage_node;
  gint64 created = -1;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &envelope->id, error) ||
      !mistral_json_read_member (object, "object", path, MISTRAL_JSON_STRING, &envelope->object, error) ||
      !mistral_json_read_member (object, "model", path, MISTRAL_JSON_STRING, &envelope->model, error) ||
      !mistral_json_read_member (object, "created", path, MISTRAL_JSON_INT, &created, error) ||
      !mistral_json_read_member (object, "choices", path, MISTRAL_JSON_ARRAY, &choices, error))
    return FALSE;

  envelope->choices = mistral_json_read_list (choices, "choices", choice_type, read_choice, error);
  if (envelope->choices == NULL)
    return FALSE;

  usage_node = json_object_get_member (object, "usage");
  if (usage_node != NULL && !JSON_NODE_HOLDS_NULL (usage_node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (usage_node))
        return mistral_json_wrong_type (usage_node, "usage", NULL, "an object", error);
      envelope->usage = mistral_usage_info_new_from_json_object (json_node_get_object (usage_node), "usage", error);
      if (envelope->usage == NULL)
        return FALSE;
    }

  if (created >= 0)
    envelope->created = g_date_time_new_from_unix_utc (created);

  return TRUE;
}

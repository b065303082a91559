// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "chunk-describe.h"

/* What a chunk and a reply share, in the same words. */
static char *
describe_error (GString      *out,
                const GError *error)
{
  g_string_append_printf (out, "error %s %d: %s", g_quark_to_string (error->domain), error->code, error->message);
  return g_string_free (out, FALSE);
}

static void
describe_usage (GString          *out,
                MistralUsageInfo *usage)
{
  if (usage != NULL)
    g_string_append_printf (out, "usage=%u/%u/%u/%u\n",
                            mistral_usage_info_get_prompt_tokens (usage),
                            mistral_usage_info_get_completion_tokens (usage),
                            mistral_usage_info_get_total_tokens (usage),
                            mistral_usage_info_get_prompt_audio_seconds (usage));
}

static void describe_message (GString                 *out,
                              MistralAssistantMessage *message);

char *
chunk_describe (MistralCompletionChunk *chunk,
                const GError           *error)
{
  GString *out = g_string_new (NULL);
  GListModel *choices;
  GDateTime *created;

  if (chunk == NULL)
    return describe_error (out, error);

  created = mistral_completion_chunk_get_created (chunk);
  g_string_append_printf (out, "id=%s object=%s model=%s created=%" G_GINT64_FORMAT " last=%d\n",
                          mistral_completion_chunk_get_id (chunk),
                          mistral_completion_chunk_get_object (chunk),
                          mistral_completion_chunk_get_model (chunk),
                          created != NULL ? g_date_time_to_unix (created) : -1,
                          mistral_completion_chunk_get_is_last_chunk (chunk));

  describe_usage (out, mistral_completion_chunk_get_usage (chunk));

  choices = mistral_completion_chunk_get_choices (chunk);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(MistralCompletionResponseStreamChoice) choice = g_list_model_get_item (choices, i);

      g_string_append_printf (out, "choice index=%u finish=%d/%s",
                              mistral_completion_response_stream_choice_get_index (choice),
                              mistral_completion_response_stream_choice_get_finish_reason (choice),
                              mistral_completion_response_stream_choice_get_finish_reason_name (choice));
      describe_message (out, mistral_completion_response_stream_choice_get_delta (choice));
    }

  return g_string_free (out, FALSE);
}


static void
describe_message (GString                 *out,
                  MistralAssistantMessage *message)
{
  MistralChatMessage *base = MISTRAL_CHAT_MESSAGE (message);

  g_string_append_printf (out, " content=%s chunks=%u tool_calls=%u prefix=%d\n",
                          mistral_chat_message_get_content (base),
                          g_list_model_get_n_items (mistral_chat_message_get_chunks (base)),
                          g_list_model_get_n_items (mistral_assistant_message_get_tool_calls (message)),
                          mistral_assistant_message_get_prefix (message));
}

char *
response_describe (MistralChatCompletionResponse *response,
                   const GError                  *error)
{
  GString *out = g_string_new (NULL);
  GListModel *choices;
  GDateTime *created;

  if (response == NULL)
    return describe_error (out, error);

  created = mistral_chat_completion_response_get_created (response);
  g_string_append_printf (out, "id=%s object=%s model=%s created=%" G_GINT64_FORMAT "\n",
                          mistral_chat_completion_response_get_id (response),
                          mistral_chat_completion_response_get_object (response),
                          mistral_chat_completion_response_get_model (response),
                          created != NULL ? g_date_time_to_unix (created) : -1);

  describe_usage (out, mistral_chat_completion_response_get_usage (response));

  choices = mistral_chat_completion_response_get_choices (response);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(MistralChatCompletionChoice) choice = g_list_model_get_item (choices, i);

      g_string_append_printf (out, "choice index=%u finish=%d/%s",
                              mistral_chat_completion_choice_get_index (choice),
                              mistral_chat_completion_choice_get_finish_reason (choice),
                              mistral_chat_completion_choice_get_finish_reason_name (choice));
      describe_message (out, mistral_chat_completion_choice_get_message (choice));
    }

  return g_string_free (out, FALSE);
}

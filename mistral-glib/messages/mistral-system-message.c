// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-system-message.h"
#include "mistral-chat-message-private.h"

/**
 * MistralSystemMessage:
 *
 * A system prompt: instructions that set the behaviour of the model for the
 * rest of the conversation. Its [property@Mistral.ChatMessage:role] is
 * %MISTRAL_ROLE_SYSTEM.
 *
 * The API accepts only text (and `THINKING`) chunks in a system message.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralSystemMessage) system = NULL;
 *
 * system = mistral_system_message_new ("You are a terse assistant.");
 * mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (system));
 * ```
 *
 * Since: 1.0
 */

struct _MistralSystemMessage
{
  MistralChatMessage parent_instance;
};

G_DEFINE_FINAL_TYPE (MistralSystemMessage, mistral_system_message, MISTRAL_TYPE_CHAT_MESSAGE)

static void
mistral_system_message_class_init (MistralSystemMessageClass *klass)
{
}

static void
mistral_system_message_init (MistralSystemMessage *self)
{
  mistral_chat_message_set_role (MISTRAL_CHAT_MESSAGE (self), MISTRAL_ROLE_SYSTEM);
}

/**
 * mistral_system_message_new:
 * @content: the text of the system prompt
 *
 * Creates a system message.
 *
 * Returns: (transfer full): a new [class@Mistral.SystemMessage]
 *
 * Since: 1.0
 */
MistralSystemMessage *
mistral_system_message_new (const char *content)
{
  g_return_val_if_fail (content != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_SYSTEM_MESSAGE,
                       "content", content,
                       NULL);
}

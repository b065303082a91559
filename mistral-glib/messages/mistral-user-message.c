// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-user-message.h"
#include "mistral-chat-message-private.h"

/**
 * MistralUserMessage:
 *
 * A message from the user. Its [property@Mistral.ChatMessage:role] is
 * %MISTRAL_ROLE_USER.
 *
 * Its content is text, or a list of [class@Mistral.ContentChunk] mixing
 * text with images, documents, files or audio.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralUserMessage) question = NULL;
 * g_autoptr (MistralContentChunk) image = NULL;
 *
 * question = mistral_user_message_new ("What is in this picture?");
 * image = mistral_content_chunk_new_image_url ("https://example.com/cat.png", NULL);
 * mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (question), image);
 * ```
 *
 * Since: 1.0
 */

struct _MistralUserMessage
{
  MistralChatMessage parent_instance;
};

G_DEFINE_FINAL_TYPE (MistralUserMessage, mistral_user_message, MISTRAL_TYPE_CHAT_MESSAGE)

static void
mistral_user_message_class_init (MistralUserMessageClass *klass)
{
}

static void
mistral_user_message_init (MistralUserMessage *self)
{
  mistral_chat_message_set_role (MISTRAL_CHAT_MESSAGE (self), MISTRAL_ROLE_USER);
}

/**
 * mistral_user_message_new:
 * @content: (nullable): the text of the message, or %NULL to add chunks
 *   with [method@Mistral.ChatMessage.add_chunk] afterwards
 *
 * Creates a user message.
 *
 * Returns: (transfer full): a new [class@Mistral.UserMessage]
 *
 * Since: 1.0
 */
MistralUserMessage *
mistral_user_message_new (const char *content)
{
  return g_object_new (MISTRAL_TYPE_USER_MESSAGE,
                       "content", content,
                       NULL);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-chat-message.h"

G_BEGIN_DECLS

/* Called by each subclass in its instance init: the role of a message is
 * fixed by its class, and read-only for users. */
void         mistral_chat_message_set_role          (MistralChatMessage *self,
                                                     MistralRole         role);

/* TRUE when the content is a list of chunks rather than a plain string. */
gboolean     mistral_chat_message_has_chunks        (MistralChatMessage *self);

/* For messages the library makes: takes @content, without notifying. */
void         mistral_chat_message_take_content      (MistralChatMessage *self,
                                                     char               *content);

/* Back to what a new message of its class holds: for a recycled message
 * (core/mistral-recycler-private.h), from its dispose. */
void         mistral_chat_message_reset             (MistralChatMessage *self);

/* Reads the "content" member of a message's JSON object into @self. */
gboolean     mistral_chat_message_read_content      (MistralChatMessage  *self,
                                                     JsonObject          *object,
                                                     const char          *path,
                                                     GError             **error);
void         mistral_chat_message_write_json        (MistralChatMessage *self,
                                                     JsonBuilder        *builder);

G_END_DECLS

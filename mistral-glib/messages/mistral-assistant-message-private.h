// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-assistant-message.h"
#include "mistral-recycler-private.h"

G_BEGIN_DECLS

MistralAssistantMessage *mistral_assistant_message_new_from_json_object (JsonObject               *object,
                                                                        const char               *path,
                                                                        GError                  **error);
/* The members an assistant message adds to a chat message's JSON. */
void                     mistral_assistant_message_write_members        (MistralAssistantMessage  *self,
                                                                        JsonBuilder              *builder);

/* The chat message tells it when its chunks change: the thinking follows. */
void                     mistral_assistant_message_chunks_changed       (MistralAssistantMessage  *self);
/* TRUE if @self is text alone: a string content, no content chunks, no
 * tool calls, not a prefix. Makes no list to find out. */
gboolean                 mistral_assistant_message_is_plain_text        (MistralAssistantMessage  *self);

/* A delta message of a stream: once its last reference goes, it is
 * emptied and given to @recycler for the stream's next delta. */
void                     mistral_assistant_message_set_recycler         (MistralAssistantMessage  *self,
                                                                        MistralRecycler          *recycler);

G_END_DECLS

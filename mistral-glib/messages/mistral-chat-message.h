// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-content-chunk.h"
#include "mistral-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_MESSAGE (mistral_chat_message_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (MistralChatMessage, mistral_chat_message, MISTRAL, CHAT_MESSAGE, GObject)

/**
 * MistralChatMessageClass:
 *
 * The class of [class@Mistral.ChatMessage]. Its subclasses are the four
 * roles of the API; it has no virtual functions of its own.
 *
 * Since: 1.0
 */
struct _MistralChatMessageClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[8];
};

MISTRAL_AVAILABLE_IN_1_0
MistralRole  mistral_chat_message_get_role    (MistralChatMessage  *self);
MISTRAL_AVAILABLE_IN_1_0
const char  *mistral_chat_message_get_content (MistralChatMessage  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_chat_message_set_content (MistralChatMessage  *self,
                                               const char          *content);
MISTRAL_AVAILABLE_IN_1_0
GListModel  *mistral_chat_message_get_chunks  (MistralChatMessage  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_chat_message_add_chunk   (MistralChatMessage  *self,
                                               MistralContentChunk *chunk);

MISTRAL_AVAILABLE_IN_1_0
JsonNode           *mistral_chat_message_to_json_node       (MistralChatMessage  *self);
MISTRAL_AVAILABLE_IN_1_0
MistralChatMessage *mistral_chat_message_from_json_node (JsonNode            *node,
                                                             GError             **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include "mistral-chat-message.h"
#include "mistral-tool-call.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_ASSISTANT_MESSAGE (mistral_assistant_message_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralAssistantMessage, mistral_assistant_message, MISTRAL, ASSISTANT_MESSAGE, MistralChatMessage)

MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage *mistral_assistant_message_new            (const char              *content);
MISTRAL_AVAILABLE_IN_1_0
GListModel              *mistral_assistant_message_get_tool_calls (MistralAssistantMessage *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_assistant_message_add_tool_call  (MistralAssistantMessage *self,
                                                                   MistralToolCall         *tool_call);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_assistant_message_get_thinking   (MistralAssistantMessage *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_assistant_message_set_thinking   (MistralAssistantMessage *self,
                                                                   const char              *thinking);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_assistant_message_get_prefix     (MistralAssistantMessage *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_assistant_message_set_prefix     (MistralAssistantMessage *self,
                                                                   gboolean                 prefix);

G_END_DECLS

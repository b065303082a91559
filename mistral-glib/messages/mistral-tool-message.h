// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include "mistral-chat-message.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_TOOL_MESSAGE (mistral_tool_message_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralToolMessage, mistral_tool_message, MISTRAL, TOOL_MESSAGE, MistralChatMessage)

MISTRAL_AVAILABLE_IN_1_0
MistralToolMessage *mistral_tool_message_new              (const char         *tool_call_id,
                                                           const char         *name,
                                                           const char         *content);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_tool_message_get_tool_call_id (MistralToolMessage *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_tool_message_set_tool_call_id (MistralToolMessage *self,
                                                           const char         *tool_call_id);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_tool_message_get_name         (MistralToolMessage *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_tool_message_set_name         (MistralToolMessage *self,
                                                           const char         *name);

G_END_DECLS

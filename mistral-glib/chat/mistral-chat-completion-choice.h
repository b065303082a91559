// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-assistant-message.h"
#include "mistral-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_COMPLETION_CHOICE (mistral_chat_completion_choice_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralChatCompletionChoice, mistral_chat_completion_choice, MISTRAL, CHAT_COMPLETION_CHOICE, GObject)

MISTRAL_AVAILABLE_IN_1_0
guint                    mistral_chat_completion_choice_get_index              (MistralChatCompletionChoice *self);
MISTRAL_AVAILABLE_IN_1_0
MistralFinishReason      mistral_chat_completion_choice_get_finish_reason      (MistralChatCompletionChoice *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_chat_completion_choice_get_finish_reason_name (MistralChatCompletionChoice *self);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage *mistral_chat_completion_choice_get_message            (MistralChatCompletionChoice *self);

G_END_DECLS

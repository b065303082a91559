// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-assistant-message.h"
#include "mistral-usage-info.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_COMPLETION_RESPONSE (mistral_chat_completion_response_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralChatCompletionResponse, mistral_chat_completion_response, MISTRAL, CHAT_COMPLETION_RESPONSE, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_chat_completion_response_new_from_json       (JsonNode  *node,
                                                                                     GError   **error);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_chat_completion_response_new_from_string     (const char *json,
                                                                                     GError    **error);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_chat_completion_response_get_id                (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_chat_completion_response_get_object            (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime               *mistral_chat_completion_response_get_created           (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_chat_completion_response_get_model             (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel              *mistral_chat_completion_response_get_choices           (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
MistralUsageInfo        *mistral_chat_completion_response_get_usage             (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GTimeSpan                mistral_chat_completion_response_get_latency           (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage *mistral_chat_completion_response_get_assistant_message (MistralChatCompletionResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_chat_completion_response_get_content           (MistralChatCompletionResponse *self);

G_END_DECLS

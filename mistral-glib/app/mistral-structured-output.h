// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-assistant-message.h"
#include "mistral-chat-completion-response.h"
#include "mistral-response-format.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat *mistral_response_format_new_for_type      (GType                           type);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat *mistral_response_format_new_for_type_full (GType                           type,
                                                                  const char                     *name,
                                                                  GError                        **error);

MISTRAL_AVAILABLE_IN_1_0
GObject               *mistral_assistant_message_parse           (MistralAssistantMessage        *self,
                                                                  GType                           type,
                                                                  GError                        **error);
MISTRAL_AVAILABLE_IN_1_0
GObject               *mistral_chat_completion_response_parse    (MistralChatCompletionResponse  *self,
                                                                  GType                           type,
                                                                  GError                        **error);

G_END_DECLS

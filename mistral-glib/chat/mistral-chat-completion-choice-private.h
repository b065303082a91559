// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-chat-completion-choice.h"

G_BEGIN_DECLS

MistralChatCompletionChoice *mistral_chat_completion_choice_new_from_json_object (JsonObject  *object,
                                                                                   const char  *path,
                                                                                   guint        position,
                                                                                   GError     **error);

/* A choice of its parts, for the readers of a reply and the accumulator. */
MistralChatCompletionChoice *mistral_chat_completion_choice_new_parts (guint                     index,
                                                                       MistralFinishReason       finish_reason,
                                                                       const char               *finish_reason_name,
                                                                       MistralAssistantMessage  *message);

G_END_DECLS

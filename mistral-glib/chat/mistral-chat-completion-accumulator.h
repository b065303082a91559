// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-chat-completion-response.h"
#include "mistral-completion-chunk.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_COMPLETION_ACCUMULATOR (mistral_chat_completion_accumulator_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralChatCompletionAccumulator, mistral_chat_completion_accumulator, MISTRAL, CHAT_COMPLETION_ACCUMULATOR, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionAccumulator *mistral_chat_completion_accumulator_new          (void);
MISTRAL_AVAILABLE_IN_1_0
void                              mistral_chat_completion_accumulator_add_chunk    (MistralChatCompletionAccumulator *self,
                                                                                    MistralCompletionChunk           *chunk);
MISTRAL_AVAILABLE_IN_1_0
guint                             mistral_chat_completion_accumulator_get_n_chunks (MistralChatCompletionAccumulator *self);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse    *mistral_chat_completion_accumulator_get_response (MistralChatCompletionAccumulator *self);

G_END_DECLS

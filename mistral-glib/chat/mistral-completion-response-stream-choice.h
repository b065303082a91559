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

#define MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE (mistral_completion_response_stream_choice_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralCompletionResponseStreamChoice, mistral_completion_response_stream_choice, MISTRAL, COMPLETION_RESPONSE_STREAM_CHOICE, GObject)

MISTRAL_AVAILABLE_IN_1_0
guint                    mistral_completion_response_stream_choice_get_index              (MistralCompletionResponseStreamChoice *self);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage *mistral_completion_response_stream_choice_get_delta              (MistralCompletionResponseStreamChoice *self);
MISTRAL_AVAILABLE_IN_1_0
MistralFinishReason      mistral_completion_response_stream_choice_get_finish_reason      (MistralCompletionResponseStreamChoice *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_response_stream_choice_get_finish_reason_name (MistralCompletionResponseStreamChoice *self);

G_END_DECLS

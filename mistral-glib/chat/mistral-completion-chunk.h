// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-assistant-message.h"
#include "mistral-usage-info.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_COMPLETION_CHUNK (mistral_completion_chunk_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralCompletionChunk, mistral_completion_chunk, MISTRAL, COMPLETION_CHUNK, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralCompletionChunk  *mistral_completion_chunk_new_from_json (const char  *data,
                                                                 gssize       length,
                                                                 GError     **error);

MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_chunk_get_id            (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_chunk_get_object        (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime               *mistral_completion_chunk_get_created       (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_chunk_get_model         (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel              *mistral_completion_chunk_get_choices       (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
MistralUsageInfo        *mistral_completion_chunk_get_usage         (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_completion_chunk_get_is_last_chunk (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
GTimeSpan                mistral_completion_chunk_get_chunk_latency (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
GTimeSpan                mistral_completion_chunk_get_total_latency (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage *mistral_completion_chunk_get_delta_message (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_chunk_get_content       (MistralCompletionChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_completion_chunk_get_thinking      (MistralCompletionChunk *self);

G_END_DECLS

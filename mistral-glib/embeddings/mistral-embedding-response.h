// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-embedding.h"
#include "mistral-usage-info.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_EMBEDDING_RESPONSE (mistral_embedding_response_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralEmbeddingResponse, mistral_embedding_response, MISTRAL, EMBEDDING_RESPONSE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char       *mistral_embedding_response_get_id      (MistralEmbeddingResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char       *mistral_embedding_response_get_model   (MistralEmbeddingResponse *self);
MISTRAL_AVAILABLE_IN_1_0
MistralUsageInfo *mistral_embedding_response_get_usage   (MistralEmbeddingResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GTimeSpan         mistral_embedding_response_get_latency (MistralEmbeddingResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_embedding_response_get_data    (MistralEmbeddingResponse *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-embedding-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_EMBEDDING (mistral_embedding_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralEmbedding, mistral_embedding, MISTRAL, EMBEDDING, GObject)

MISTRAL_AVAILABLE_IN_1_0
guint                  mistral_embedding_get_index             (MistralEmbedding *self);
MISTRAL_AVAILABLE_IN_1_0
guint                  mistral_embedding_get_dimension         (MistralEmbedding *self);
MISTRAL_AVAILABLE_IN_1_0
MistralEmbeddingDtype  mistral_embedding_get_dtype             (MistralEmbedding *self);
MISTRAL_AVAILABLE_IN_1_0
const float           *mistral_embedding_get_vector            (MistralEmbedding *self,
                                                                gsize            *n);
MISTRAL_AVAILABLE_IN_1_0
GBytes                *mistral_embedding_get_bytes             (MistralEmbedding *self);
MISTRAL_AVAILABLE_IN_1_0
double                 mistral_embedding_cosine_similarity     (MistralEmbedding *a,
                                                                MistralEmbedding *b);

G_END_DECLS

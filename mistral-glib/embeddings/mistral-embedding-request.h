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

#define MISTRAL_TYPE_EMBEDDING_REQUEST (mistral_embedding_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralEmbeddingRequest, mistral_embedding_request, MISTRAL, EMBEDDING_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralEmbeddingRequest *mistral_embedding_request_new                  (const char              *model,
                                                                         const char * const      *inputs);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_embedding_request_get_model            (MistralEmbeddingRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_embedding_request_set_model            (MistralEmbeddingRequest *self,
                                                                         const char              *model);
MISTRAL_AVAILABLE_IN_1_0
const char * const      *mistral_embedding_request_get_inputs           (MistralEmbeddingRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_embedding_request_set_inputs           (MistralEmbeddingRequest *self,
                                                                         const char * const      *inputs);
MISTRAL_AVAILABLE_IN_1_0
int                      mistral_embedding_request_get_output_dimension (MistralEmbeddingRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_embedding_request_set_output_dimension (MistralEmbeddingRequest *self,
                                                                         int                      dimension);
MISTRAL_AVAILABLE_IN_1_0
MistralEmbeddingDtype    mistral_embedding_request_get_output_dtype     (MistralEmbeddingRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_embedding_request_set_output_dtype     (MistralEmbeddingRequest *self,
                                                                         MistralEmbeddingDtype    dtype);
MISTRAL_AVAILABLE_IN_1_0
MistralEncodingFormat    mistral_embedding_request_get_encoding_format  (MistralEmbeddingRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_embedding_request_set_encoding_format  (MistralEmbeddingRequest *self,
                                                                         MistralEncodingFormat    format);
MISTRAL_AVAILABLE_IN_1_0
char                    *mistral_embedding_request_to_json              (MistralEmbeddingRequest  *self,
                                                                         GError                  **error);

G_END_DECLS

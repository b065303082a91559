// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-embedding.h"

G_BEGIN_DECLS

/* An embedding as the reply wrote it, before its dtype is applied: the
 * numbers of a JSON list as floats, or the bytes of a base64 text. */
typedef struct {
  float  *values;   /* owned; NULL when there were no numbers */
  gsize   n_values;
  GBytes *bytes;    /* owned; NULL unless base64 */
} MistralEmbeddingRaw;

void              mistral_embedding_raw_clear             (MistralEmbeddingRaw  *raw);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MistralEmbeddingRaw, mistral_embedding_raw_clear)

gboolean          mistral_embedding_raw_set_numbers       (MistralEmbeddingRaw  *raw,
                                                           JsonArray            *array,
                                                           const char           *path,
                                                           GError              **error);
GBytes           *mistral_embedding_base64_decode         (const char           *text,
                                                           gsize                 length);

/* Reads one item of `data`: its index and its raw embedding. */
MistralEmbedding *mistral_embedding_new_from_json_object  (JsonObject           *object,
                                                           const char           *path,
                                                           guint                 position,
                                                           GError              **error);
/* Replaces the raw embedding with @raw (stolen), read beside the tree. */
void              mistral_embedding_take_raw              (MistralEmbedding     *self,
                                                           MistralEmbeddingRaw  *raw);
/* Turns the raw embedding into values of @dtype: checks that each number
 * fits it, or that the bytes make whole values. */
gboolean          mistral_embedding_apply_dtype           (MistralEmbedding     *self,
                                                           MistralEmbeddingDtype dtype,
                                                           const char           *path,
                                                           GError              **error);

G_END_DECLS

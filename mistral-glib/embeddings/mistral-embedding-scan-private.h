// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fast path of the embeddings reader. json-glib would make a node for
 * every number of every vector (about 100 bytes for a 4-byte float) before
 * the reader sees the first, so the vectors are read here, straight from
 * the body into packed floats, and json-glib gets the rest: the body with
 * each vector replaced by null, a few hundred bytes.
 *
 * The scan is a strict JSON reader of the whole body, and gives up (NULL)
 * on anything but the plain shape of a reply in standard JSON: a key with
 * an escape, a member twice, a list that is not all numbers, a number
 * json-glib reads otherwise (an integer beyond 18 digits) or that a float
 * does not hold, base64 that is not strict. The reader then reads the body
 * through json-glib's tree alone, which decides, with the same result for
 * everything the scan takes (fuzz/fuzz-embeddings.c checks both ways). */
typedef struct {
  GString   *slim;  /* the body, each vector read here replaced by null */
  GPtrArray *raws;  /* MistralEmbeddingRaw* by position in `data`, or NULL */
} MistralEmbeddingScan;

MistralEmbeddingScan *mistral_embedding_scan      (const char           *data,
                                                   gsize                 length);
void                  mistral_embedding_scan_free (MistralEmbeddingScan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralEmbeddingScan, mistral_embedding_scan_free)

G_END_DECLS

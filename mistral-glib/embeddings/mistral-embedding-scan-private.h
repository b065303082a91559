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

/* An item of `data` in the slim body. */
typedef struct {
  gsize offset;
  gsize length;
} MistralEmbeddingItemText;

/* The slim body of @scan without the items of `data` ("data":[]), and
 * the items apart in @items (MistralEmbeddingItemText): json-glib then
 * reads them one at a time, never holding a tree of them all. */
GString              *mistral_embedding_scan_split (MistralEmbeddingScan *scan,
                                                    GArray               *items);
void                  mistral_embedding_scan_free (MistralEmbeddingScan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralEmbeddingScan, mistral_embedding_scan_free)

/* The same scan of a body read as it arrives, a piece at a time, in
 * bounded memory: the step of the reply in progress (about one vector's
 * text), the slim body and the packed vectors; the rest is let go. A
 * piece may end anywhere. When the fast path gives up, the reader keeps
 * the body whole from then on, the text already read written back (its
 * vectors as JSON of the same values), for the whole-body reading:
 * mistral_embedding_scan(), then json-glib's tree. */
typedef struct _MistralEmbeddingReader MistralEmbeddingReader;

MistralEmbeddingReader *mistral_embedding_reader_new    (void);
void                    mistral_embedding_reader_free   (MistralEmbeddingReader  *reader);
/* Reads the next piece (@last: the body ends with it); returns how many
 * bytes of body text the reader holds. */
gsize                   mistral_embedding_reader_feed   (MistralEmbeddingReader  *reader,
                                                         const char              *data,
                                                         gsize                    length,
                                                         gboolean                 last);
/* After the last piece: the scan, or NULL with the body in @whole. */
MistralEmbeddingScan   *mistral_embedding_reader_finish (MistralEmbeddingReader  *reader,
                                                         GBytes                 **whole);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralEmbeddingReader, mistral_embedding_reader_free)

G_END_DECLS

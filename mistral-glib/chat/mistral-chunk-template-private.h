// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-completion-chunk-private.h"

G_BEGIN_DECLS

/* The previous chunk of a stream as a template for the next. The chunks
 * of one reply are the same document but for the delta's text: same id,
 * object, created, model, index, the same members in the same order. So a
 * document that is byte for byte the template's but between the quotes of
 * that text is the template's chunk with another text, and need not be
 * parsed again: it is JSON if the template was (a string's body replaced
 * by another valid one, without quote, backslash or control character,
 * in valid UTF-8), and it reads the same but for that text.
 *
 * A template is learnt only from a document a decoder read in full (the
 * fast one, or the general reader when there is no fast one), of the
 * plain shape (one choice, a text, no finish reason, no usage),
 * written without a backslash anywhere, whose only "content" string is the
 * key of the delta's text. Anything that does not match goes to the
 * decoder as before. */
typedef struct
{
  gboolean valid;
  char *text;            /* the template document */
  gsize length;
  gsize allocated;
  gsize body_start;      /* the delta's text, between its quotes */
  gsize body_end;
  char *id;              /* GRefStrings, or NULL */
  char *object;
  char *model;
  gint64 created;
  guint index;
} MistralChunkTemplate;

void     mistral_chunk_template_clear (MistralChunkTemplate   *self);
/* Learns @text (read into @data by the decoder) as the template, if it
 * can be one; forgets the previous template either way. */
void     mistral_chunk_template_learn (MistralChunkTemplate   *self,
                                       const char             *text,
                                       gsize                   length,
                                       const MistralChunkData *data);
/* The chunk of @text if it is the template with another text (reused
 * through @recycler, if not NULL); NULL otherwise. */
MistralCompletionChunk *mistral_chunk_template_decode (MistralChunkTemplate *self,
                                                       MistralRecycler      *recycler,
                                                       const char           *text,
                                                       gsize                 length,
                                                       GTimeSpan             chunk_latency,
                                                       GTimeSpan             total_latency);

G_END_DECLS

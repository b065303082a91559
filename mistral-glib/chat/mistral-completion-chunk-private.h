// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-completion-chunk.h"
#include "mistral-completion-response-stream-choice.h"
#include "mistral-recycler-private.h"

G_BEGIN_DECLS

/* One choice of a chunk, as decoded. A plain delta (a role and some text,
 * nearly every chunk of a stream) is kept as @content alone: its
 * MistralAssistantMessage and MistralCompletionResponseStreamChoice are
 * built only if someone asks for them. */
typedef struct
{
  guint index;
  MistralFinishReason finish_reason;
  char *finish_reason_name;                      /* owned, or NULL */
  char *content;                                 /* owned: a plain delta's text until its delta is made */
  MistralAssistantMessage *delta;                /* owned; NULL until asked for if plain */
  MistralCompletionResponseStreamChoice *choice; /* owned; NULL until asked for */
  gboolean plain;
} MistralChunkChoice;

/* What a chunk is made of. The strings are GRefStrings, so that the
 * chunks of one stream share their id, object and model. */
typedef struct
{
  char *id;
  char *object;
  char *model;
  gint64 created;                /* seconds since the epoch, or -1 */
  MistralUsageInfo *usage;       /* owned, or NULL */
  MistralChunkChoice *choices;   /* &one_choice, or allocated when there are several */
  guint n_choices;
  MistralChunkChoice one_choice;
} MistralChunkData;

void                    mistral_chunk_data_init             (MistralChunkData *data);
void                    mistral_chunk_data_clear            (MistralChunkData *data);
MistralChunkChoice     *mistral_chunk_data_add_choice       (MistralChunkData *data);
/* The text of @choice if its delta is text alone (a role and a string;
 * no content chunks, tool calls or prefix) and it has no finish reason,
 * whether the fast decoder read it plain or the general reader made its
 * delta; NULL otherwise. */
const char             *mistral_chunk_choice_get_plain_text (const MistralChunkChoice *choice);

/* With a @recycler, the chunk (and its delta, when one is made) goes back
 * to it when dropped, and a chunk given back earlier is reused. */
MistralCompletionChunk *mistral_completion_chunk_new_take   (MistralRecycler  *recycler,
                                                             MistralChunkData *data,
                                                             GTimeSpan         chunk_latency,
                                                             GTimeSpan         total_latency);
const MistralChunkData *mistral_completion_chunk_peek_data  (MistralCompletionChunk *self);

/* The reader of one event, through json-glib: for the decoders, for all
 * that their fast path does not take. */
MistralCompletionChunk *mistral_completion_chunk_new_from_json_node (JsonNode    *node,
                                                                     GTimeSpan    chunk_latency,
                                                                     GTimeSpan    total_latency,
                                                                     GError     **error);
MistralCompletionChunk *mistral_completion_chunk_new_from_json_text (const char  *text,
                                                                     gsize        length,
                                                                     GTimeSpan    chunk_latency,
                                                                     GTimeSpan    total_latency,
                                                                     GError     **error);

G_END_DECLS

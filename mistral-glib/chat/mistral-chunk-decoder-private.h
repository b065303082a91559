// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-chat-completion-response.h"
#include "mistral-completion-chunk.h"

G_BEGIN_DECLS

/* The decoder of a stream's chunks (mistral-chunk-decoder.cc with
 * simdjson, mistral-chunk-decoder-glib.c without), kept for the stream so
 * that it reuses its parser and shares the envelope strings;
 * mistral_chunk_decoder_decode() with a NULL decoder decodes one chunk. */
typedef struct _MistralChunkDecoder MistralChunkDecoder;

MistralChunkDecoder    *mistral_chunk_decoder_new        (void);
void                    mistral_chunk_decoder_free       (MistralChunkDecoder  *self);
MistralCompletionChunk *mistral_chunk_decoder_decode     (MistralChunkDecoder  *self,
                                                          const char           *data,
                                                          gsize                 length,
                                                          GTimeSpan             chunk_latency,
                                                          GTimeSpan             total_latency,
                                                          GError              **error);

/* For tests: how many documents took the fast path. */
guint64                 mistral_chunk_decoder_get_n_fast (MistralChunkDecoder  *self);
/* For tests: how many of those were read from the previous chunk as a
 * template (mistral-chunk-template-private.h); 0 without simdjson. */
guint64                 mistral_chunk_decoder_get_n_templated (MistralChunkDecoder *self);
/* For tests: how many chunks and deltas were reused (always 0 without
 * simdjson: the general reader makes new ones). */
guint64                 mistral_chunk_decoder_get_n_reused (MistralChunkDecoder *self);

/* A non-streamed reply of the common shape through the same fast path;
 * %NULL (never an error) for any other shape, and always without
 * simdjson: the caller then reads it through json-glib. */
MistralChatCompletionResponse *mistral_chat_reply_decode_fast (const char *text,
                                                               gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralChunkDecoder, mistral_chunk_decoder_free)

G_END_DECLS

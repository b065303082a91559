// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The stream chunks' decoder when the library is built without simdjson
 * (-Dsimdjson=disabled, as in GNOME's Flatpak runtimes): every event goes
 * through the one json-glib reader of the chunk shape, and every reply
 * through that of the reply. Same results and errors as
 * mistral-chunk-decoder.cc, which only adds a fast path. */

#include "mistral-chunk-decoder-private.h"
#include "mistral-completion-chunk-private.h"

struct _MistralChunkDecoder
{
  guint64 n_fast;   /* always 0: there is no fast path */
};

MistralChunkDecoder *
mistral_chunk_decoder_new (void)
{
  return g_new0 (MistralChunkDecoder, 1);
}

void
mistral_chunk_decoder_free (MistralChunkDecoder *self)
{
  g_free (self);
}

guint64
mistral_chunk_decoder_get_n_fast (MistralChunkDecoder *self)
{
  return self->n_fast;
}

guint64
mistral_chunk_decoder_get_n_templated (MistralChunkDecoder *self)
{
  return 0;
}

guint64
mistral_chunk_decoder_get_n_reused (MistralChunkDecoder *self)
{
  return 0;
}

MistralCompletionChunk *
mistral_chunk_decoder_decode (MistralChunkDecoder     *self,
                              const char              *text,
                              gsize                    length,
                              GTimeSpan                chunk_latency,
                              GTimeSpan                total_latency,
                              GError                 **error)
{
  return mistral_completion_chunk_new_from_json_text (text, length, chunk_latency, total_latency, error);
}

MistralChatCompletionResponse *
mistral_chat_reply_decode_fast (const char *text,
                                gsize       length)
{
  return NULL;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The stream chunks' decoder when the library is built without simdjson
 * (-Dsimdjson=disabled, as in GNOME's Flatpak runtimes): an event that is
 * the previous one with another text is read from it as a template
 * (mistral-chunk-template.c), every other through the one json-glib
 * reader of the chunk shape, and every reply through that of the reply.
 * Same results and errors as mistral-chunk-decoder.cc, whose simdjson
 * reader takes more documents fast. */

#include "mistral-chunk-decoder-private.h"
#include "mistral-chunk-template-private.h"
#include "mistral-completion-chunk-private.h"

struct _MistralChunkDecoder
{
  guint64 n_templated;  /* the only fast path here */

  /* The previous chunk, for the next that differs only by its text. */
  MistralChunkTemplate chunk_template;

  /* The chunks (and deltas) read from the template that nobody kept. */
  MistralRecycler *recycler;
};

MistralChunkDecoder *
mistral_chunk_decoder_new (void)
{
  MistralChunkDecoder *self = g_new0 (MistralChunkDecoder, 1);

  self->recycler = mistral_recycler_new ();
  return self;
}

void
mistral_chunk_decoder_free (MistralChunkDecoder *self)
{
  if (self == NULL)
    return;

  mistral_recycler_close (self->recycler);
  mistral_chunk_template_clear (&self->chunk_template);
  g_free (self);
}

guint64
mistral_chunk_decoder_get_n_fast (MistralChunkDecoder *self)
{
  return self->n_templated;
}

guint64
mistral_chunk_decoder_get_n_templated (MistralChunkDecoder *self)
{
  return self->n_templated;
}

guint64
mistral_chunk_decoder_get_n_reused (MistralChunkDecoder *self)
{
  return mistral_recycler_get_n_taken (self->recycler);
}

MistralCompletionChunk *
mistral_chunk_decoder_decode (MistralChunkDecoder     *self,
                              const char              *text,
                              gsize                    length,
                              GTimeSpan                chunk_latency,
                              GTimeSpan                total_latency,
                              GError                 **error)
{
  MistralCompletionChunk *chunk;

  if (self != NULL)
    {
      chunk = mistral_chunk_template_decode (&self->chunk_template, self->recycler, text, length,
                                             chunk_latency, total_latency);
      if (chunk != NULL)
        {
          self->n_templated++;
          return chunk;
        }
    }

  chunk = mistral_completion_chunk_new_from_json_text (text, length, chunk_latency, total_latency, error);
  if (self != NULL && chunk != NULL)
    mistral_chunk_template_learn (&self->chunk_template, text, length, mistral_completion_chunk_peek_data (chunk));
  return chunk;
}

MistralChatCompletionResponse *
mistral_chat_reply_decode_fast (const char *text,
                                gsize       length)
{
  return NULL;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* One stream event's data, as the server sent it, to a chunk: a chunk or
 * an error (INVALID_RESPONSE, or SERVER for an error event), never both,
 * never a crash, a critical or a string a binding could not convert.
 * Chunks also go through an accumulator, as the stream does with them.
 *
 * The input's lines are also the events of one stream, read by one kept
 * decoder, as a stream reads them: each chunk (read in full, or from the
 * previous one as a template, on a reused object) must be the general
 * reader's. */

#include <mistral-glib.h>

#include "chunk-describe.h"
#include "fuzz-common.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-json-private.h"

/* What the decoder made of @text (@chunk or @error) must be what the
 * general reader alone makes of it. */
static void
check_same_as_general (const char             *text,
                       gsize                   length,
                       MistralCompletionChunk *chunk,
                       const GError           *error)
{
  g_autoptr(GError) general_error = NULL;
  g_autoptr(JsonNode) node = mistral_json_parse (text, length, &general_error);
  g_autoptr(MistralCompletionChunk) general =
    node != NULL ? mistral_completion_chunk_new_from_json_node (node, 1, 2, &general_error) : NULL;
  g_autofree char *decoded_text = chunk_describe (chunk, error);
  g_autofree char *general_text = chunk_describe (general, general_error);

  if (g_strcmp0 (decoded_text, general_text) != 0)
    {
      g_printerr ("decoders disagree:\n%s\n---\n%s\n", decoded_text, general_text);
      abort ();
    }
}

static void
check_as_stream (const char *text,
                 size_t      size)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  const char *end = text + size;

  while (text <= end)
    {
      const char *line_end = memchr (text, '\n', end - text);
      gsize length = (line_end != NULL ? line_end : end) - text;
      /* Each line alone, not NUL-terminated, as the stream passes it. */
      g_autofree char *line = memcpy (g_malloc (MAX (length, 1)), text, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralCompletionChunk) chunk = mistral_chunk_decoder_decode (decoder, line, length, 1, 2, &error);

      check_same_as_general (line, length, chunk, error);
      if (line_end == NULL)
        break;
      text = line_end + 1;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MistralChatCompletionAccumulator) accumulator = mistral_chat_completion_accumulator_new ();
  g_autoptr(MistralCompletionChunk) chunk = NULL;
  g_autoptr(MistralCompletionChunk) again = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the stream passes them, so
   * that ASan sees any read past the end; never NULL, even when empty. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);

  check_as_stream (copy, size);

  chunk = mistral_chunk_decoder_decode (NULL, copy, size, 1, 2, &error);
  fuzz_check_outcome (chunk, error, MISTRAL_ERROR_SERVER);

  check_same_as_general (copy, size, chunk, error);
  if (chunk == NULL)
    return 0;

  FUZZ_CHECK (mistral_completion_chunk_get_chunk_latency (chunk) == 1);
  FUZZ_CHECK (mistral_completion_chunk_get_total_latency (chunk) == 2);
  fuzz_walk_object (G_OBJECT (chunk));

  /* The same event twice, as a stream of two chunks would be. */
  again = mistral_chunk_decoder_decode (NULL, copy, size, 1, 3, NULL);
  FUZZ_CHECK (again != NULL);
  mistral_chat_completion_accumulator_add_chunk (accumulator, chunk);
  mistral_chat_completion_accumulator_add_chunk (accumulator, again);
  FUZZ_CHECK (mistral_chat_completion_accumulator_get_n_chunks (accumulator) == 2);
  response = mistral_chat_completion_accumulator_get_response (accumulator);
  if (response != NULL)
    fuzz_walk_object (G_OBJECT (response));

  return 0;
}

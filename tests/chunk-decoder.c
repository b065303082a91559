// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The stream's fast chunk decoder (simdjson, mistral-chunk-decoder.cc) against
 * the general reader (json-glib, mistral-completion-chunk.c): for every document, both
 * must give the same chunk or the same error, and the fast one must take
 * the common shapes itself. Private API, so this links the internal
 * library. */

#include "mistral-glib.h"
#include "chunk-describe.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-json-private.h"

#define F3_HEAD "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\"," \
                "\"created\":1767261602,\"model\":\"mistral-small-latest\",\"choices\":["

typedef struct {
  const char *json;
  gboolean fast;  /* the fast decoder must take it */
} Case;

static const Case cases[] = {
  /* The common shapes */
  { F3_HEAD "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"Bring an umbrella\"},\"finish_reason\":null}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\" – été à Lyon ☔.\"},\"finish_reason\":\"stop\"}],"
    "\"usage\":{\"prompt_tokens\":21,\"total_tokens\":33,\"completion_tokens\":12}}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"a\\nb\\\"c\\u00e9\\ud83d\\ude00\"},\"finish_reason\":null,\"logprobs\":null}]}", TRUE },
  { F3_HEAD "{\"index\":1,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"length\"},"
    "{\"index\":0,\"delta\":{\"content\":\"y\"},\"finish_reason\":null}]}", TRUE },
  { F3_HEAD "{\"delta\":{\"content\":\"no index\"}},{\"delta\":{\"content\":\"second\"}}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":null,\"finish_reason\":\"stop\"}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"role\":null,\"content\":null,\"tool_calls\":null,\"prefix\":false}}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"u\"},\"finish_reason\":\"model_length\"}],\"usage\":null}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"u\"},\"finish_reason\":\"something_new\"}]}", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"u\",\"extra\":{\"a\":[1,2,{\"b\":null}]}}}],\"extra\":[true,false,1.5]}", TRUE },
  { "{\"choices\":[]}", TRUE },
  { "{\"id\":null,\"object\":null,\"model\":null,\"created\":null,\"choices\":null}", TRUE },
  { "{\"created\":-5,\"choices\":[]}", TRUE },
  { " \r\n\t{\"choices\":[{\"delta\":{\"content\":\"spaces\"}}]} \n", TRUE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"z\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,"
    "\"total_tokens\":3,\"prompt_audio_seconds\":4,\"future\":{\"x\":1}}}", TRUE },

  /* Shapes for the general reader */
  { F3_HEAD "{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"D681PevKs\",\"type\":\"function\",\"index\":0,"
    "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Lyon\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"hmm\"}]},"
    "{\"type\":\"text\",\"text\":\"ok\"}]}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":\"p\",\"prefix\":true}}]}", FALSE },
  { "{\"object\":\"error\",\"message\":\"Service unavailable\",\"type\":\"internal_error\",\"code\":\"1000\"}", FALSE },
  { "{\"error\":{\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\"}}", FALSE },
  { "{\"detail\":\"Overloaded\"}", FALSE },
  { "{\"id\":\"x\"}", FALSE },

  /* Wrong types, duplicates, broken text: errors (or json-glib's choice) */
  { F3_HEAD "{\"index\":\"0\",\"delta\":{\"content\":\"x\"}}]}", FALSE },
  { F3_HEAD "{\"index\":-1,\"delta\":{\"content\":\"x\"}}]}", FALSE },
  { F3_HEAD "{\"index\":4294967296,\"delta\":{\"content\":\"x\"}}]}", FALSE },
  { F3_HEAD "{\"index\":0.5,\"delta\":{\"content\":\"x\"}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":5}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"content\":{\"text\":\"x\"}}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":[]}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"role\":7}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"tool_calls\":5}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"delta\":{\"prefix\":\"yes\"}}]}", FALSE },
  { F3_HEAD "{\"index\":0,\"finish_reason\":3}]}", FALSE },
  { F3_HEAD "5]}", FALSE },
  { F3_HEAD "null]}", FALSE },
  { "{\"id\":1,\"choices\":[]}", FALSE },
  { "{\"created\":\"today\",\"choices\":[]}", FALSE },
  { "{\"created\":1.5,\"choices\":[]}", FALSE },
  { "{\"created\":99999999999999999999,\"choices\":[]}", FALSE },
  { "{\"choices\":{}}", FALSE },
  { "{\"choices\":[],\"usage\":[]}", FALSE },
  { "{\"choices\":[],\"usage\":{\"total_tokens\":-3}}", FALSE },
  { "{\"choices\":[],\"usage\":{\"total_tokens\":\"3\"}}", FALSE },
  { "{\"choices\":[],\"choices\":[{\"delta\":{\"content\":\"dup\"}}]}", FALSE },
  { "{\"id\":\"a\",\"id\":\"b\",\"choices\":[]}", FALSE },
  { F3_HEAD "{\"index\":0,\"index\":1,\"delta\":{\"content\":\"x\"}}]}", FALSE },
  { F3_HEAD "{\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}", FALSE },
  { "[]", FALSE },
  { "\"text\"", FALSE },
  { "42", FALSE },
  { "null", FALSE },
  { "", FALSE },
  { "   ", FALSE },
  { "{", FALSE },
  { "{\"choices\":[]", FALSE },
  { "{\"choices\":[]}}", FALSE },
  { "{\"choices\":[]} x", FALSE },
  { "{\"choices\":[]}{\"choices\":[]}", FALSE },
  { "{\"choices\":[]} 5", FALSE },
  { "{\"choices\":[],}", FALSE },
  { "{'choices':[]}", FALSE },
  { "{\"choices\":[tru]}", FALSE },
  { "{\"choices\":[],\"x\":[1,tru]}", FALSE },
  { "{\"choices\":[],\"x\":\"\\q\"}", FALSE },
  { "{\"choices\":[],\"x\":\"\xff\xfe\"}", FALSE },
  { "{\"choices\":[{\"delta\":{\"content\":\"\xc3\"}}]}", FALSE },
  { "{\"choices\":[{\"delta\":{\"content\":\"\xed\xa0\x80\"}}]}", FALSE },
  { "\xef\xbb\xbf{\"choices\":[]}", FALSE },
};

static MistralCompletionChunk *
decode_general (const char  *json,
                GError     **error)
{
  g_autoptr(JsonNode) node = mistral_json_parse (json, strlen (json), error);

  return node != NULL ? mistral_completion_chunk_new_from_json_node (node, 0, 0, error) : NULL;
}

static void
test_same_as_general (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  g_autoptr(MistralCompletionChunk) fast = NULL;
  g_autoptr(MistralCompletionChunk) general = NULL;
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) general_error = NULL;
  g_autofree char *fast_text = NULL;
  g_autofree char *general_text = NULL;

  fast = mistral_chunk_decoder_decode (decoder, c->json, strlen (c->json), 0, 0, &fast_error);
  general = decode_general (c->json, &general_error);

  fast_text = chunk_describe (fast, fast_error);
  general_text = chunk_describe (general, general_error);
  g_assert_cmpstr (fast_text, ==, general_text);
  /* Without simdjson there is no fast path: the general reader reads all. */
  g_assert_cmpuint (mistral_chunk_decoder_get_n_fast (decoder), ==, c->fast && HAVE_SIMDJSON ? 1 : 0);

  /* Errors are the API's kind: an invalid reply, or the error it sent. */
  if (general == NULL)
    g_assert_true (g_error_matches (general_error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE) ||
                   g_error_matches (general_error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER));
}

/* One decoder for a stream: documents in a row, a broken one between
 * them, the shared envelope strings. */
static void
test_sequence (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) general_error = NULL;
        g_autoptr(MistralCompletionChunk) general = decode_general (cases[i].json, &general_error);
        MistralCompletionChunk *chunk;
        g_autofree char *text = NULL;
        g_autofree char *general_text = NULL;

        chunk = mistral_chunk_decoder_decode (decoder, cases[i].json,
                                              strlen (cases[i].json), 0, 0, &error);
        text = chunk_describe (chunk, error);
        general_text = chunk_describe (general, general_error);
        g_assert_cmpstr (text, ==, general_text);
        g_clear_object (&chunk);
      }
}

/* Chunks of a stream share their envelope strings. */
static void
test_shared_strings (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  const char *json = cases[1].json;
  g_autoptr(MistralCompletionChunk) first = mistral_chunk_decoder_decode (decoder, json, strlen (json), 0, 0, NULL);
  g_autoptr(MistralCompletionChunk) second = mistral_chunk_decoder_decode (decoder, json, strlen (json), 0, 0, NULL);

  if (!HAVE_SIMDJSON)
    {
      g_test_skip ("built without simdjson: only its fast path shares the envelope strings");
      return;
    }
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (mistral_completion_chunk_get_id (first) == mistral_completion_chunk_get_id (second));
  g_assert_true (mistral_completion_chunk_get_model (first) == mistral_completion_chunk_get_model (second));
  g_assert_cmpstr (mistral_completion_chunk_get_model (first), ==, "mistral-small-latest");
}

/* Large documents go to the general reader (the fast parser's buffers stay
 * small), with the same result. */
static void
test_large_document (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  g_autoptr(GString) json = g_string_new ("{\"choices\":[{\"delta\":{\"content\":\"");
  g_autoptr(MistralCompletionChunk) chunk = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, 'a' + i % 26);
  g_string_append (json, "\"}}]}");

  chunk = mistral_chunk_decoder_decode (decoder, json->str, json->len, 0, 0, NULL);
  g_assert_nonnull (chunk);
  g_assert_cmpuint (strlen (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (mistral_completion_chunk_get_delta_message (chunk)))),
                    ==, 100000);
  g_assert_cmpuint (mistral_chunk_decoder_get_n_fast (decoder), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/chunk-decoder/same-as-general/%02u", i);

      g_test_add_data_func (path, &cases[i], test_same_as_general);
    }
  g_test_add_func ("/chunk-decoder/sequence", test_sequence);
  g_test_add_func ("/chunk-decoder/shared-strings", test_shared_strings);
  g_test_add_func ("/chunk-decoder/large-document", test_large_document);

  return g_test_run ();
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The stream's fast chunk decoder (simdjson, mistral-chunk-decoder.cc) against
 * the general reader (json-glib, mistral-completion-chunk.c): for every document, both
 * must give the same chunk or the same error, and the fast one must take
 * the common shapes itself. The same for a non-streamed reply, whose
 * fast path is the same reader with "message" for "delta". Private API,
 * so this links the internal library. */

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

/* What the general reader alone makes of @json, described. */
static char *
describe_general (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralCompletionChunk) general = decode_general (json, &error);

  return chunk_describe (general, error);
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

static void scribble_on (MistralCompletionChunk *chunk);

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
        MistralCompletionChunk *chunk;
        g_autofree char *text = NULL;
        g_autofree char *general_text = describe_general (cases[i].json);

        chunk = mistral_chunk_decoder_decode (decoder, cases[i].json,
                                              strlen (cases[i].json), 0, 0, &error);
        text = chunk_describe (chunk, error);
        g_assert_cmpstr (text, ==, general_text);
        /* What a chunk leaves behind must not show in the next. */
        if (chunk != NULL && mistral_completion_chunk_get_delta_message (chunk) != NULL)
          scribble_on (chunk);
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

/* Documents at the general reader's limits, made here because they are
 * long: each must read the same by both (the fast parser has limits of its
 * own, and must never accept what the general reader refuses). */
static char *
nested_extra (guint depth)
{
  GString *json = g_string_new ("{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"extra\":");

  /* The document itself is the first level. */
  for (guint i = 1; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

static void
test_limits (void)
{
  static const char *const fixed[] = {
    "{\"choices\":[{\"delta\":{\"content\":\"a\\udc00b\"}}]}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\\ud800b\"}}]}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\\ud800\\ud800b\"}}]}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\\u0000b\"}}]}",
    "{\"created\":18446744073709551615,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
    "{\"created\":9223372036854775807,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"x\":1e400}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"x\":-0}",
    "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"x\":1,\"x\":[}",
  };

  for (guint depth = 2; depth <= 1030; depth += depth < 500 || depth > 520 ? 100 : 1)
    {
      g_autofree char *json = nested_extra (depth);
      g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralCompletionChunk) chunk = mistral_chunk_decoder_decode (decoder, json, strlen (json), 0, 0, &error);
      g_autofree char *text = chunk_describe (chunk, error);
      g_autofree char *general_text = describe_general (json);

      g_test_message ("depth %u", depth);
      g_assert_cmpstr (text, ==, general_text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralCompletionChunk) chunk = mistral_chunk_decoder_decode (decoder, fixed[i], strlen (fixed[i]), 0, 0, &error);
      g_autofree char *text = chunk_describe (chunk, error);
      g_autofree char *general_text = describe_general (fixed[i]);

      g_test_message ("%s", fixed[i]);
      g_assert_cmpstr (text, ==, general_text);
    }
}

/* A chunk case as a reply: its choices' "delta" members become
 * "message", which is all that tells the two shapes apart here. */
static char *
as_reply (const char *chunk_json)
{
  g_auto(GStrv) parts = g_strsplit (chunk_json, "\"delta\"", -1);

  return g_strjoinv ("\"message\"", parts);
}

static char *
describe_general_reply (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = mistral_json_parse (json, strlen (json), &error);
  g_autoptr(MistralChatCompletionResponse) general =
    node != NULL ? mistral_chat_completion_response_new_from_json (node, &error) : NULL;

  return response_describe (general, error);
}

/* The fast path takes @json if and only if @fast (and simdjson is there),
 * and then reads what the general reader reads; the public string
 * constructor, which tries it first, always does. */
static void
check_reply (const char *json,
             gboolean    fast)
{
  g_autoptr(MistralChatCompletionResponse) decoded = mistral_chat_reply_decode_fast (json, strlen (json));
  g_autoptr(MistralChatCompletionResponse) public = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *general_text = describe_general_reply (json);
  g_autofree char *public_text = NULL;
  /* Escaped, so that the TAP output stays valid UTF-8, and short: a line
   * of 100 KB comes out of valgrind cut in two. */
  g_autofree char *start = g_strndup (json, 200);
  g_autofree char *shown = g_strescape (start, NULL);

  g_test_message ("%s (%" G_GSIZE_FORMAT " bytes)", shown, strlen (json));
  g_assert_true ((decoded != NULL) == (fast && HAVE_SIMDJSON));
  if (decoded != NULL)
    {
      g_autofree char *decoded_text = response_describe (decoded, NULL);

      g_assert_cmpstr (decoded_text, ==, general_text);
    }

  public = mistral_chat_completion_response_new_from_string (json, &error);
  public_text = response_describe (public, error);
  g_assert_cmpstr (public_text, ==, general_text);
}

static void
test_reply_same_as_general (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *json = as_reply (c->json);

  check_reply (json, c->fast);
}

/* What only a reply has: the API's own shape, with the members a delta
 * leaves out, and a message beside a delta. */
static void
test_reply_shapes (void)
{
  static const Case replies[] = {
    { "{\"id\":\"cmpl-e5cc70bb28c444948073e77776eb30ef\",\"object\":\"chat.completion\",\"created\":1702256327,"
      "\"model\":\"mistral-large-latest\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      "\"content\":\"Bring an umbrella.\",\"tool_calls\":null,\"prefix\":false},\"finish_reason\":\"stop\"}],"
      "\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":34,\"total_tokens\":50}}", TRUE },
    { "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"length\"}]}", TRUE },
    { "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"D681PevKs\","
      "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}", FALSE },
    { "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"m\"},\"delta\":{\"content\":\"d\"}}]}", TRUE },
    { "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"m\"},\"message\":{\"content\":\"n\"}}]}", FALSE },
    { "{\"choices\":[{\"index\":0,\"message\":[]}]}", FALSE },
    { "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"m\"},\"finish_reason\":7}]}", FALSE },
    { "{\"choices\":{}}", FALSE },
    { "[]", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    check_reply (replies[i].json, replies[i].fast);
}

/* The reply's fast path has the chunk's limits: depth and size. */
static void
test_reply_limits (void)
{
  g_autoptr(GString) large = g_string_new ("{\"choices\":[{\"message\":{\"content\":\"");

  for (guint depth = 2; depth <= 1030; depth += depth < 500 || depth > 520 ? 100 : 1)
    {
      g_autofree char *chunk_json = nested_extra (depth);
      g_autofree char *json = as_reply (chunk_json);

      check_reply (json, depth <= 512);
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (large, 'a' + i % 26);
  g_string_append (large, "\"}}]}");
  check_reply (large->str, FALSE);
}

/* The chunks of a stream and their deltas, once nobody holds them, are
 * reused for the next events (core/mistral-recycler-private.h): each must
 * then read exactly as a new one would. */
static char *
common_chunk (guint i)
{
  return g_strdup_printf ("{\"id\":\"c%u\",\"object\":\"chat.completion.chunk\",\"created\":%u,"
                          "\"model\":\"m%u\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                          "\"content\":\"t%u\"},\"finish_reason\":%s}]%s}",
                          i % 3, 1000 + i, i % 2, i, i % 4 == 3 ? "\"stop\"" : "null",
                          i % 4 == 3 ? ",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}" : "");
}

static MistralCompletionChunk *
decode_common_chunk (MistralChunkDecoder *decoder,
                     guint                i)
{
  g_autofree char *json = common_chunk (i);
  g_autoptr(GError) error = NULL;
  MistralCompletionChunk *chunk = mistral_chunk_decoder_decode (decoder, json, strlen (json), i, 2 * i, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chunk);
  return chunk;
}

static char *
describe_common_chunk (guint i)
{
  g_autofree char *json = common_chunk (i);

  return describe_general (json);
}

/* Leaves on a chunk's delta everything a user could: a leftover would show
 * in the description of the next chunk that reuses it. */
static void
scribble_on (MistralCompletionChunk *chunk)
{
  MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
  g_autoptr(MistralToolCall) call = mistral_tool_call_new ("id", "f", "{}");
  g_autoptr(MistralContentChunk) thinking = mistral_content_chunk_new_thinking ("hmm");

  mistral_chat_message_set_content (MISTRAL_CHAT_MESSAGE (delta), "scribbled");
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (delta), thinking);
  mistral_assistant_message_add_tool_call (delta, call);
  mistral_assistant_message_set_prefix (delta, TRUE);
  /* The objects a chunk makes when asked. */
  g_assert_nonnull (mistral_completion_chunk_get_choices (chunk));
  mistral_completion_chunk_get_created (chunk);
}

static void
test_recycle_reused (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();

  if (!HAVE_SIMDJSON)
    {
      g_test_skip ("built without simdjson: only chunks read from a template are reused "
                   "(/chunk-decoder/recycle/templated)");
      return;
    }

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(MistralCompletionChunk) chunk = decode_common_chunk (decoder, i);
      g_autofree char *text = chunk_describe (chunk, NULL);
      g_autofree char *expected = describe_common_chunk (i);

      /* Latencies are not in the description. */
      g_assert_cmpint (mistral_completion_chunk_get_chunk_latency (chunk), ==, i);
      g_assert_cmpint (mistral_completion_chunk_get_total_latency (chunk), ==, 2 * i);
      g_assert_cmpstr (text, ==, expected);
      /* Every other chunk leaves its delta scribbled on. */
      if (i % 2 == 0)
        scribble_on (chunk);
    }
  /* Every chunk after the first, and every delta after the first (the
   * description makes each chunk's), was a reused one. */
  g_assert_cmpuint (mistral_chunk_decoder_get_n_reused (decoder), ==, 39 + 39);
}

/* A stream of one reply, whose chunks differ only by their text: all but
 * the first come from the template, in both builds, and are reused. */
static void
test_recycle_templated (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                                               "\"delta\":{\"content\":\"t%u\"},\"finish_reason\":null}]}", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralCompletionChunk) chunk = mistral_chunk_decoder_decode (decoder, json, strlen (json), i, i, &error);
      g_autofree char *text = chunk_describe (chunk, error);
      g_autofree char *expected = describe_general (json);

      g_assert_cmpstr (text, ==, expected);
      if (i % 2 == 0)
        scribble_on (chunk);
    }
  g_assert_cmpuint (mistral_chunk_decoder_get_n_templated (decoder), ==, 39);
  /* The general reader's first chunk (without simdjson) is not one the
   * decoder can take back; simdjson's is. */
  g_assert_cmpuint (mistral_chunk_decoder_get_n_reused (decoder), ==, HAVE_SIMDJSON ? 39 + 39 : 38 + 38);
}

/* What a caller keeps is never reused: a chunk, or a delta alone. */
static void
test_recycle_kept (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  g_autoptr(GPtrArray) kept_chunks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kept_deltas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chunk_texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(MistralCompletionChunk) chunk = decode_common_chunk (decoder, i);

      if (i % 3 == 0)
        {
          g_ptr_array_add (kept_chunks, g_object_ref (chunk));
          g_ptr_array_add (chunk_texts, chunk_describe (chunk, NULL));
        }
      else if (i % 3 == 1)
        g_ptr_array_add (kept_deltas, g_object_ref (mistral_completion_chunk_get_delta_message (chunk)));
    }

  for (guint k = 0; k < kept_chunks->len; k++)
    {
      g_autofree char *text = chunk_describe (kept_chunks->pdata[k], NULL);
      g_autofree char *expected = describe_common_chunk (3 * k);

      g_assert_cmpstr (text, ==, chunk_texts->pdata[k]);
      g_assert_cmpstr (text, ==, expected);
    }
  for (guint k = 0; k < kept_deltas->len; k++)
    {
      g_autofree char *expected = g_strdup_printf ("t%u", 3 * k + 1);

      GListModel *calls = mistral_assistant_message_get_tool_calls (kept_deltas->pdata[k]);

      g_assert_cmpstr (mistral_chat_message_get_content (kept_deltas->pdata[k]), ==, expected);
      g_assert_true (calls == NULL || g_list_model_get_n_items (calls) == 0);
    }
}

/* A chunk dropped is gone for its weak references, even when the object
 * is reused. */
static void
test_recycle_weak (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  MistralCompletionChunk *chunk = decode_common_chunk (decoder, 0);
  MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
  gpointer weak_chunk = chunk;
  gpointer weak_delta = delta;
  GWeakRef ref;

  g_weak_ref_init (&ref, chunk);
  g_object_add_weak_pointer (G_OBJECT (chunk), &weak_chunk);
  g_object_add_weak_pointer (G_OBJECT (delta), &weak_delta);
  g_object_unref (chunk);

  g_assert_null (weak_chunk);
  g_assert_null (weak_delta);
  g_assert_null (g_weak_ref_get (&ref));
  g_weak_ref_clear (&ref);

  /* And nothing connected to it stays connected. */
  chunk = decode_common_chunk (decoder, 1);
  g_assert_false (g_signal_has_handler_pending (chunk, g_signal_lookup ("notify", G_TYPE_OBJECT), 0, FALSE));
  g_object_unref (chunk);
}

typedef struct {
  GAsyncQueue *queue;
  guint n_checked;
} Releaser;

/* Reads what it is handed, then drops it: in this thread, while the
 * decoder reuses what was dropped in the other. */
static gpointer
release_thread (gpointer user_data)
{
  Releaser *releaser = user_data;
  GObject *object;

  while ((object = g_async_queue_pop (releaser->queue)) != (gpointer) releaser)
    {
      MistralAssistantMessage *delta = MISTRAL_IS_COMPLETION_CHUNK (object)
        ? mistral_completion_chunk_get_delta_message (MISTRAL_COMPLETION_CHUNK (object))
        : MISTRAL_ASSISTANT_MESSAGE (object);
      const char *text = mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta));
      guint n = GPOINTER_TO_UINT (g_object_get_data (object, "n"));
      g_autofree char *expected = g_strdup_printf ("t%u", n);

      g_assert_cmpstr (text, ==, expected);
      releaser->n_checked++;
      g_object_unref (object);
    }
  return NULL;
}

static void
test_recycle_threads (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  Releaser releaser = { g_async_queue_new (), 0 };
  GThread *thread = g_thread_new ("releaser", release_thread, &releaser);
  guint n_sent = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(MistralCompletionChunk) chunk = decode_common_chunk (decoder, i);
      g_autofree char *expected = g_strdup_printf ("t%u", i);

      g_assert_cmpstr (mistral_completion_chunk_get_content (chunk), ==, expected);
      if (i % 3 == 0)
        {
          /* Object data is the caller's: set on something it holds. */
          g_object_set_data (G_OBJECT (chunk), "n", GUINT_TO_POINTER (i));
          g_async_queue_push (releaser.queue, g_object_ref (chunk));
          n_sent++;
        }
      else if (i % 3 == 1)
        {
          MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);

          g_object_set_data (G_OBJECT (delta), "n", GUINT_TO_POINTER (i));
          g_async_queue_push (releaser.queue, g_object_ref (delta));
          n_sent++;
        }
    }
  g_async_queue_push (releaser.queue, &releaser);
  g_thread_join (thread);
  g_async_queue_unref (releaser.queue);
  g_assert_cmpuint (releaser.n_checked, ==, n_sent);
}

/* A chunk and a delta held after their stream's decoder went: still
 * whole, and freed when dropped (ASan and valgrind check that). */
static void
test_recycle_outlive (void)
{
  MistralChunkDecoder *decoder = mistral_chunk_decoder_new ();
  g_autoptr(MistralCompletionChunk) chunk = decode_common_chunk (decoder, 5);
  g_autoptr(MistralAssistantMessage) delta = NULL;
  MistralCompletionChunk *other = decode_common_chunk (decoder, 6);

  delta = g_object_ref (mistral_completion_chunk_get_delta_message (other));
  g_object_unref (other);
  mistral_chunk_decoder_free (decoder);

  g_assert_cmpstr (mistral_completion_chunk_get_content (chunk), ==, "t5");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)), ==, "t6");
}

/* The previous chunk as a template for the next
 * (chat/mistral-chunk-template-private.h): a document taken from it must
 * read exactly as the general reader reads it, and every document the
 * template must not take falls through to the decoder. In order, with
 * whether the template takes it. */
#define T_HEAD "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{"
#define T_TAIL "},\"finish_reason\":null}]}"
#define T_TEXT(text) T_HEAD "\"content\":\"" text "\"" T_TAIL

static const struct {
  const char *json;
  gboolean templated;
} template_cases[] = {
  { T_HEAD "\"role\":\"assistant\",\"content\":\"\"" T_TAIL, FALSE },   /* learnt */
  { T_HEAD "\"role\":\"assistant\",\"content\":\"Hello\"" T_TAIL, TRUE },
  { T_HEAD "\"role\":\"assistant\",\"content\":\"\"" T_TAIL, TRUE },
  { T_HEAD "\"role\":\"assistant\",\"content\":\"\xc3\xa9\xe2\x98\x83\xf0\x9f\x98\x80\"" T_TAIL, TRUE },
  { T_TEXT ("Echo:"), FALSE },                                            /* no role: learnt */
  { T_TEXT (" one"), TRUE },
  { T_TEXT ("line\\nbreak"), FALSE },   /* escapes are read by the decoder */
  { T_TEXT ("\\u00e9\\\\"), FALSE },
  { T_TEXT (" two"), FALSE },             /* no template since: learnt */
  { T_TEXT (" three"), TRUE },
  { T_TEXT ("a \\\"quote\\\""), FALSE },    /* an escape: not taken, nor learnt */
  { T_TEXT ("x"), FALSE },                  /* so read in full, and learnt */
  { T_TEXT ("y"), TRUE },
  { T_TEXT ("\xc3"), FALSE },               /* invalid UTF-8: the decoder's error */
  { T_TEXT ("\xed\xa0\x80"), FALSE },       /* a surrogate */
  { T_TEXT ("\xc0\xaf"), FALSE },           /* an overlong form */
  { T_TEXT ("tab\there"), FALSE },          /* a control character */
  { T_TEXT ("z"), TRUE },                   /* the template is still the one of "x" */
  { T_TEXT ("a\",\"role\":\"b"), FALSE },   /* a quote would change the document */
  { T_TEXT ("ab\"}}]}"), FALSE },
  { "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":2,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w\"},\"finish_reason\":null}]}", FALSE },
  { "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":2,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"v\"},\"finish_reason\":null}]}", TRUE },
  { "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":2,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"v\"},\"finish_reason\":\"stop\"}]}", FALSE },
  { "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":2,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"u\"},\"finish_reason\":\"stop\"}]}", FALSE },
  { T_TEXT (""), FALSE },                   /* a finish reason is never learnt */
  /* The text at the end of the document; then shorter than the template's
   * head and tail. */
  { T_TEXT ("q"), TRUE },
  { "{\"id\":\"a\"}", FALSE },           /* read, and no template: forgets it */
  { "", FALSE },                            /* an error: nothing changes */
  { T_TEXT ("q"), FALSE },
  { T_TEXT ("q"), TRUE },
  /* Two "content" members: nothing is learnt, whichever would change. */
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"q\"}}", FALSE },
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"r\"}}", FALSE },
  { T_HEAD "\"content\":\"s\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"r\"}}", FALSE },
  /* The delta's key written with an escape, and the same text under
   * another "content" written plainly: what is found is not the delta's. */
  { T_HEAD "\"cont\\u0065nt\":\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"q\"}}", FALSE },
  { T_HEAD "\"cont\\u0065nt\":\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"r\"}}", FALSE },
  { T_HEAD "\"content\" :\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"q\"}}", FALSE },
  { T_HEAD "\"content\" :\"q\"" "},\"finish_reason\":null}],\"x\":{\"content\":\"r\"}}", FALSE },
  /* The bytes "content" as a value too. */
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null}],\"x\":\"content\"}", FALSE },
  { T_HEAD "\"content\":\"r\"" "},\"finish_reason\":null}],\"x\":\"content\"}", FALSE },
  /* A backslash anywhere: nothing is learnt; once gone, the text alone may differ. */
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null}],\"x\":\"\\n\"}", FALSE },
  { T_HEAD "\"content\":\"r\"" "},\"finish_reason\":null}],\"x\":\"\\n\"}", FALSE },
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null}],\"x\":\"n\"}", FALSE },
  { T_HEAD "\"content\":\"r\"" "},\"finish_reason\":null}],\"x\":\"n\"}", TRUE },
  /* Only the text may differ: a member elsewhere may not. */
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null,\"x\":\"k\"}]}", FALSE },
  { T_HEAD "\"content\":\"q\"" "},\"finish_reason\":null,\"x\":\"l\"}]}", FALSE },
  { T_HEAD "\"content\":\"r\"" "},\"finish_reason\":null,\"x\":\"l\"}]}", TRUE },
  /* Read by the general reader alone (an empty list of tool calls, two
   * roles: json-glib keeps the last), plain all the same: learnt. */
  { T_HEAD "\"content\":\"q\",\"tool_calls\":[]" T_TAIL, FALSE },
  { T_HEAD "\"content\":\"r\",\"tool_calls\":[]" T_TAIL, TRUE },
  { T_HEAD "\"role\":\"a\",\"role\":\"b\",\"content\":\"q\"" T_TAIL, FALSE },
  { T_HEAD "\"role\":\"a\",\"role\":\"b\",\"content\":\"r\"" T_TAIL, TRUE },
  /* A content that is not a string, where the template's text was. */
  { T_HEAD "\"content\":null" T_TAIL, FALSE },
  { T_HEAD "\"content\":[{\"type\":\"text\",\"text\":\"q\"}]" T_TAIL, FALSE },
  /* A second choice. */
  { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"q\"},\"finish_reason\":null}]}", FALSE },
  { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"q\"},\"finish_reason\":null},{\"index\":1,\"delta\":{\"content\":\"q\"}}]}", FALSE },
  { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"p\"},\"finish_reason\":null}]}", FALSE },
  { "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"o\"},\"finish_reason\":null}]}", TRUE },
};

static void
test_template (void)
{
  g_autoptr(MistralChunkDecoder) decoder = mistral_chunk_decoder_new ();
  guint64 n_templated = 0;

  for (guint i = 0; i < G_N_ELEMENTS (template_cases); i++)
    {
      const char *json = template_cases[i].json;
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralCompletionChunk) chunk = mistral_chunk_decoder_decode (decoder, json, strlen (json), i, i, &error);
      g_autofree char *text = chunk_describe (chunk, error);
      g_autofree char *general_text = describe_general (json);

      g_test_message ("template case %u", i);
      g_assert_cmpstr (text, ==, general_text);
      if (template_cases[i].templated)
        n_templated++;
      g_assert_cmpuint (mistral_chunk_decoder_get_n_templated (decoder), ==, n_templated);
      if (chunk != NULL)
        g_assert_cmpint (mistral_completion_chunk_get_chunk_latency (chunk), ==, i);
    }
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
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/chunk-decoder/reply/same-as-general/%02u", i);

      g_test_add_data_func (path, &cases[i], test_reply_same_as_general);
    }
  g_test_add_func ("/chunk-decoder/reply/shapes", test_reply_shapes);
  g_test_add_func ("/chunk-decoder/reply/limits", test_reply_limits);
  g_test_add_func ("/chunk-decoder/sequence", test_sequence);
  g_test_add_func ("/chunk-decoder/shared-strings", test_shared_strings);
  g_test_add_func ("/chunk-decoder/large-document", test_large_document);
  g_test_add_func ("/chunk-decoder/limits", test_limits);
  g_test_add_func ("/chunk-decoder/template", test_template);
  g_test_add_func ("/chunk-decoder/recycle/reused", test_recycle_reused);
  g_test_add_func ("/chunk-decoder/recycle/templated", test_recycle_templated);
  g_test_add_func ("/chunk-decoder/recycle/kept", test_recycle_kept);
  g_test_add_func ("/chunk-decoder/recycle/weak", test_recycle_weak);
  g_test_add_func ("/chunk-decoder/recycle/threads", test_recycle_threads);
  g_test_add_func ("/chunk-decoder/recycle/outlive", test_recycle_outlive);

  return g_test_run ();
}

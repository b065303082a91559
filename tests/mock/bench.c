// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * bench.c: bench mode and the "mock-bench" model: pre-rendered chat
 * completions (N chunks for max_tokens = N), so that a benchmark measures
 * the client, not this server.
 */

#include "mock-server-private.h"

#define BENCH_DEFAULT_TOKENS 16
#define BENCH_PROMPT_TOKENS 8
#define BENCH_WRITE_SIZE (64 * 1024)

void
mock_bench_clear (MockBenchCache *bench)
{
  g_clear_pointer (&bench->id, g_free);
  g_clear_pointer (&bench->head, g_bytes_unref);
  g_clear_pointer (&bench->block, g_bytes_unref);
  g_clear_pointer (&bench->plain, g_bytes_unref);
  g_clear_pointer (&bench->last_auth, g_free);
  g_clear_pointer (&bench->last_type, g_free);
  g_clear_pointer (&bench->last_body, g_bytes_unref);
  g_clear_pointer (&bench->embeddings_shape, g_free);
  g_clear_pointer (&bench->embeddings, g_bytes_unref);
}

/* Every bench stream shares one id/created: the content chunks are
 * rendered once and the same 64 KiB block is written again and again. */
static void
bench_cache_ensure (MockBenchCache *bench)
{
  g_autofree char *chunk = NULL;
  GString *block;

  if (bench->block)
    return;
  bench->id = mock_random_hex (32);
  bench->created = g_get_real_time () / G_USEC_PER_SEC;
  bench->head = mock_bytes_take_string (
    g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                          "\"model\":\"" MOCK_BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":"
                          "{\"role\":\"assistant\",\"content\":\" tok\"},\"finish_reason\":null}]}\n\n",
                          bench->id, bench->created));
  chunk = g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                           "\"model\":\"" MOCK_BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":"
                           "{\"content\":\" tok\"},\"finish_reason\":null}]}\n\n",
                           bench->id, bench->created);
  bench->chunk_len = strlen (chunk);
  bench->chunks_per_block = MAX (BENCH_WRITE_SIZE / bench->chunk_len, 1);
  block = g_string_sized_new (bench->chunk_len * bench->chunks_per_block);
  for (guint i = 0; i < bench->chunks_per_block; i++)
    g_string_append_len (block, chunk, bench->chunk_len);
  bench->block = g_string_free_to_bytes (block);
  bench->plain = mock_bytes_take_string (
    g_strdup_printf ("{\"id\":\"%s\",\"object\":\"chat.completion\",\"created\":%" G_GINT64_FORMAT ","
                          "\"model\":\"" MOCK_BENCH_MODEL "\",\"choices\":[{\"index\":0,\"message\":"
                          "{\"role\":\"assistant\",\"content\":\" tok\",\"tool_calls\":null,\"prefix\":false},"
                          "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":%d,"
                          "\"completion_tokens\":1,\"total_tokens\":%d}}",
                          bench->id, bench->created, BENCH_PROMPT_TOKENS, BENCH_PROMPT_TOKENS + 1));
}

static void
serve_bench_plain (SoupServerMessage *msg,
                   MockBenchCache    *bench)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bench->plain);
}

/* In bench mode, a request identical to the last non-streamed one (same
 * key, type and body) gets the same reply without being parsed again or
 * recorded: a benchmark of many requests measures the client, not this
 * server's JSON parser. */
gboolean
mock_bench_serve_again (MockServer        *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  MockBenchCache *bench = &self->bench;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = NULL;
  gboolean scripted;

  if (bench->last_body == NULL || strcmp (path, MOCK_CHAT_PATH) != 0 ||
      g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), bench->last_auth) != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"), bench->last_type) != 0)
    return FALSE;
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (!g_bytes_equal (body, bench->last_body))
    return FALSE;

  g_mutex_lock (&self->lock);
  scripted = !g_queue_is_empty (&self->replies);
  if (!scripted)
    self->n_repeats++;
  g_mutex_unlock (&self->lock);
  if (scripted)
    return FALSE;

  serve_bench_plain (msg, bench);
  return TRUE;
}

void
mock_bench_serve (MockServer        *self,
                  SoupServerMessage *msg,
                  JsonObject        *request)
{
  MockBenchCache *bench = &self->bench;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gint64 n = mock_object_get_int (request, "max_tokens", BENCH_DEFAULT_TOKENS);
  gboolean stream = json_object_get_boolean_member_with_default (request, "stream", FALSE);
  guint64 plain;
  char *tail;

  bench_cache_ensure (bench);
  if (!stream)
    {
      if (g_atomic_int_get (&self->bench_mode))
        {
          SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

          g_free (bench->last_auth);
          bench->last_auth = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
          g_free (bench->last_type);
          bench->last_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
          g_clear_pointer (&bench->last_body, g_bytes_unref);
          bench->last_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
        }
      serve_bench_plain (msg, bench);
      return;
    }

  /* N chunks for max_tokens = N, one " tok" each: the first with the
   * role, the last with the finish reason and the usage. */
  mock_set_stream_headers (msg, SOUP_STATUS_OK);
  if (n > 1)
    soup_message_body_append_bytes (body, bench->head);
  plain = n > 2 ? (guint64) n - 2 : 0;
  for (guint64 i = 0; i < plain / bench->chunks_per_block; i++)
    soup_message_body_append_bytes (body, bench->block);
  if (plain % bench->chunks_per_block)
    {
      g_autoptr(GBytes) rest = g_bytes_new_from_bytes (bench->block, 0,
                                                       (plain % bench->chunks_per_block) * bench->chunk_len);

      soup_message_body_append_bytes (body, rest);
    }
  tail = g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                          "\"model\":\"" MOCK_BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":{%s\"content\":\"%s\"},"
                          "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":%d,\"total_tokens\":%"
                          G_GINT64_FORMAT ",\"completion_tokens\":%" G_GINT64_FORMAT "}}\n\ndata: [DONE]\n\n",
                          bench->id, bench->created, n <= 1 ? "\"role\":\"assistant\"," : "", n > 0 ? " tok" : "",
                          BENCH_PROMPT_TOKENS, BENCH_PROMPT_TOKENS + MAX (n, 0), MAX (n, 0));
  soup_message_body_append (body, SOUP_MEMORY_TAKE, tail, strlen (tail));
  soup_message_body_complete (body);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Memory stays flat with stream length: 100,000 events through the SSE
 * parser alone (its buffers stay the size of one event), and 100,000 chunks
 * through the public API against the local server (the process grows by
 * the accumulated text and a small constant, not by the body).
 *
 * The parser is private (hidden symbols): this test links the internal
 * library, as every C test does. */

#include <mistral-glib.h>

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "mistral-sse-parser-private.h"
#include "test-utils.h"

#define N_CHUNKS 100000
/* What a socket read typically hands the parser. */
#define PIECE_SIZE (16 * 1024)

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
#define HAVE_MALLINFO2 1
#endif

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

/* AddressSanitizer and valgrind hold freed blocks in a quarantine (and
 * glibc's counters do not see their allocators): there, the process grows
 * with what it freed, and only the parser's own accounting means anything. */
static gboolean
memory_is_measurable (void)
{
#ifdef HAVE_ASAN
  return FALSE;
#else
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload == NULL || strstr (preload, "vgpreload") == NULL;
#endif
}

/* Bytes of heap in use (glibc: all arenas, mmapped blocks included), or -1
 * where it cannot be told. */
static gint64
heap_in_use (void)
{
#ifdef HAVE_MALLINFO2
  struct mallinfo2 info;

  if (!memory_is_measurable ())
    return -1;
  info = mallinfo2 ();
  return (gint64) (info.uordblks + info.hblkhd);
#else
  return -1;
#endif
}

/* VmRSS from /proc/self/status, in bytes, or -1. */
static gint64
rss_bytes (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!memory_is_measurable () || !g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10) * 1024;
}

/* ------------------------------------------------------------------ */
/* The parser alone                                                   */
/* ------------------------------------------------------------------ */

/* Event @i of a realistic stream: a 200-odd-byte chunk, each one
 * different so that order and content can be checked. */
static gsize
render_data (guint i,
             char  *buffer,
             gsize  size)
{
  int n = g_snprintf (buffer, size,
                      "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\","
                      "\"created\":1767261602,\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,"
                      "\"delta\":{\"content\":\" tok%u\"},\"finish_reason\":null}]}",
                      i);

  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (n, <, (int) size);
  return n;
}

/* Writes the stream's bytes, piece after piece, without ever holding more
 * than one event and one piece: the body itself (about 20 MB) is never in
 * memory, so whatever grows is the parser's. */
typedef struct {
  guint next_event;   /* N_CHUNKS: [DONE] next; N_CHUNKS + 1: the end */
  char event[512];
  gsize event_len;
  gsize event_offset;
} Producer;

static void
producer_load (Producer *producer)
{
  char data[512];

  if (producer->next_event < N_CHUNKS)
    {
      gsize len = render_data (producer->next_event, data, sizeof data);

      producer->event_len = g_snprintf (producer->event, sizeof producer->event,
                                        "data: %.*s\n\n", (int) len, data);
    }
  else
    {
      producer->event_len = g_strlcpy (producer->event, "data: [DONE]\n\n", sizeof producer->event);
    }
  producer->event_offset = 0;
  producer->next_event++;
}

static gsize
producer_fill (Producer *producer,
               char     *piece,
               gsize     size)
{
  gsize filled = 0;

  while (filled < size)
    {
      gsize n;

      if (producer->event_offset == producer->event_len)
        {
          if (producer->next_event > N_CHUNKS)
            break;
          producer_load (producer);
        }
      n = MIN (size - filled, producer->event_len - producer->event_offset);
      memcpy (piece + filled, producer->event + producer->event_offset, n);
      producer->event_offset += n;
      filled += n;
    }
  return filled;
}

typedef struct {
  guint n_events;
  gboolean done;
  gboolean mismatch;
} Received;

static gboolean
on_event (const char *event,
          const char *data,
          gsize       length,
          gpointer    user_data)
{
  Received *received = user_data;
  char expected[512];
  gsize expected_len;

  g_assert_false (received->done);
  if (length == strlen ("[DONE]") && memcmp (data, "[DONE]", length) == 0)
    {
      received->done = TRUE;
      return TRUE;
    }

  /* g_assert per event would cost more than the parse: note and go on. */
  expected_len = render_data (received->n_events, expected, sizeof expected);
  if (event != NULL || length != expected_len || memcmp (data, expected, length) != 0)
    received->mismatch = TRUE;
  received->n_events++;
  return TRUE;
}

static void
test_parser_constant (void)
{
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  g_autofree char *piece = g_malloc (PIECE_SIZE);
  Producer producer = { 0 };
  Received received = { 0 };
  gsize capacity_start = mistral_sse_parser_get_buffer_capacity (parser);
  gsize capacity_max = capacity_start;
  gint64 heap_start, heap_max;
  guint64 total = 0;
  gsize n;

  heap_start = heap_max = heap_in_use ();
  while ((n = producer_fill (&producer, piece, PIECE_SIZE)) > 0)
    {
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;

      g_assert_true (mistral_sse_parser_feed (parser, piece, n, on_event, &received, &consumed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (consumed, ==, n);
      total += n;

      capacity_max = MAX (capacity_max, mistral_sse_parser_get_buffer_capacity (parser));
      heap_max = MAX (heap_max, heap_in_use ());
    }

  g_assert_cmpuint (received.n_events, ==, N_CHUNKS);
  g_assert_true (received.done);
  g_assert_false (received.mismatch);
  g_assert_true (mistral_sse_parser_is_clean (parser));
  g_assert_cmpuint (total, >, (guint64) N_CHUNKS * 200);

  /* The parser holds at most a partial line and one event (about 220
   * bytes here), never the body: its buffers stay under 4 KiB, while the
   * stream was over 20 MB. */
  g_test_message ("%" G_GUINT64_FORMAT " bytes in %u-byte pieces; parser buffers: %" G_GSIZE_FORMAT
                  " bytes at the start, %" G_GSIZE_FORMAT " at most; heap growth at most %" G_GINT64_FORMAT,
                  total, PIECE_SIZE, capacity_start, capacity_max, heap_max - heap_start);
  g_assert_cmpuint (capacity_max, <=, 4096);

  /* The same in glibc's count of the whole heap: nothing else the feed
   * does may grow with the stream either. */
  if (heap_start >= 0)
    g_assert_cmpint (heap_max - heap_start, <, 64 * 1024);
}

/* The measure above sees what the parser keeps: one 1 MiB event fed in
 * 16 KiB pieces makes its buffers grow past 1 MiB. A parser that kept the
 * body would fail the bound above the same way. */
static void
test_parser_capacity_sees_growth (void)
{
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  g_autofree char *piece = g_malloc (PIECE_SIZE);
  Received received = { 0 };
  gsize capacity_max = 0;
  const gsize data_len = 1024 * 1024;
  gsize sent = 0;

  memset (piece, 'x', PIECE_SIZE);
  g_assert_true (mistral_sse_parser_feed (parser, "data: ", 6, on_event, &received, NULL, NULL));
  while (sent < data_len)
    {
      gsize n = MIN (PIECE_SIZE, data_len - sent);

      g_assert_true (mistral_sse_parser_feed (parser, piece, n, on_event, &received, NULL, NULL));
      sent += n;
      capacity_max = MAX (capacity_max, mistral_sse_parser_get_buffer_capacity (parser));
    }
  g_assert_cmpuint (received.n_events, ==, 0);
  g_assert_cmpuint (capacity_max, >=, data_len);
}

/* ------------------------------------------------------------------ */
/* The whole process, through the public API                          */
/* ------------------------------------------------------------------ */

typedef struct {
  guint n_chunks;
  guint n_wrong;         /* chunks whose delta is not " tok" */
  guint n_last;          /* chunks flagged is-last-chunk */
  gint64 heap_max;
  gint64 rss_max;
} StreamStats;

static void
sample (StreamStats *stats)
{
  stats->heap_max = MAX (stats->heap_max, heap_in_use ());
  stats->rss_max = MAX (stats->rss_max, rss_bytes ());
}

static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          StreamStats                 *stats)
{
  const char *text = test_delta_text (chunk);

  if (g_strcmp0 (text, " tok") != 0)
    stats->n_wrong++;
  if (mistral_completion_chunk_get_is_last_chunk (chunk))
    stats->n_last++;
  stats->n_chunks++;
  /* Every 1,000 chunks: the peak cannot hide between two samples by more
   * than 1,000 chunks' worth. */
  if (stats->n_chunks % 1000 == 0)
    sample (stats);
}

static MistralChatCompletionResponse *
stream_bench (MistralClient *client,
              guint          n_chunks,
              StreamStats   *stats)
{
  g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("mock-bench");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Count.");
  g_autoptr(MistralChatCompletionStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  MistralChatCompletionResponse *response;

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  mistral_chat_completion_request_set_max_tokens (request, n_chunks);
  stream = mistral_client_chat_completion_stream (client, request);
  g_signal_connect (stream, "chunk", G_CALLBACK (on_chunk), stats);
  response = mistral_chat_completion_stream_run (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static void
assert_bench_response (MistralChatCompletionResponse *response,
                       guint                          n_chunks)
{
  g_autoptr(MistralChatCompletionChoice) choice = NULL;
  MistralAssistantMessage *message = mistral_chat_completion_response_get_assistant_message (response);
  const char *content = mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message));
  MistralUsageInfo *usage = mistral_chat_completion_response_get_usage (response);

  g_assert_cmpuint (strlen (content), ==, (gsize) n_chunks * 4);
  for (guint i = 0; i < n_chunks; i++)
    {
      if (memcmp (content + (gsize) i * 4, " tok", 4) != 0)
        g_error ("content differs at chunk %u", i);
    }
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_LENGTH);
  g_assert_nonnull (usage);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, n_chunks);
}

static void
test_public_api (void)
{
  g_autoptr(MockServer) server = mock_server_new ();
  g_autoptr(MistralClient) client = mistral_client_new ("test-key");
  g_autoptr(MistralChatCompletionResponse) warm_up = NULL;
  MistralChatCompletionResponse *response;
  StreamStats warm_stats = { 0 };
  StreamStats stats = { 0 };
  gint64 heap_start, heap_end, rss_start;
  gsize text_len = (gsize) N_CHUNKS * 4;

  mistral_client_set_base_url (client, mock_server_get_url (server));
  mistral_client_set_max_retries (client, 0);

  /* One short stream first: what the first stream sets up once (types,
   * the connection, libsoup's and json-glib's caches) is not growth. */
  warm_up = stream_bench (client, 2000, &warm_stats);
  assert_bench_response (warm_up, 2000);
  g_assert_cmpuint (warm_stats.n_chunks, ==, 2000);
  g_clear_object (&warm_up);

  heap_start = stats.heap_max = heap_in_use ();
  rss_start = stats.rss_max = rss_bytes ();

  response = stream_bench (client, N_CHUNKS, &stats);
  sample (&stats);

  /* Every chunk arrived, with its content, the last one flagged. */
  g_assert_cmpuint (stats.n_chunks, ==, N_CHUNKS);
  g_assert_cmpuint (stats.n_wrong, ==, 0);
  g_assert_cmpuint (stats.n_last, ==, 1);
  assert_bench_response (response, N_CHUNKS);
  g_object_unref (response);
  heap_end = heap_in_use ();

  g_test_message ("%u chunks, %" G_GSIZE_FORMAT " bytes of text; heap growth: peak %" G_GINT64_FORMAT
                  ", after %" G_GINT64_FORMAT "; VmRSS growth: peak %" G_GINT64_FORMAT,
                  stats.n_chunks, text_len, stats.heap_max - heap_start, heap_end - heap_start,
                  stats.rss_max - rss_start);

  /* The body was about 20 MB, and 100,000 chunk objects would be more:
   * the process may grow by the accumulated text (in a buffer that
   * doubles, so up to twice its length, and once more for the reply built
   * from it) and a small constant, nothing per chunk. */
  if (heap_start >= 0)
    {
      g_assert_cmpint (stats.heap_max - heap_start, <=, (gint64) (3 * text_len) + 1024 * 1024);
      /* Once the reply is gone, nothing of the stream stays. */
      g_assert_cmpint (heap_end - heap_start, <=, 256 * 1024);
    }
  if (rss_start >= 0)
    g_assert_cmpint (stats.rss_max - rss_start, <=, (gint64) (3 * text_len) + 4 * 1024 * 1024);
  if (heap_start < 0 && rss_start < 0)
    g_test_message ("memory not measured here (sanitizer, valgrind or no glibc): counts only");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stream-memory/parser/constant", test_parser_constant);
  g_test_add_func ("/stream-memory/parser/capacity-sees-growth", test_parser_capacity_sees_growth);
  g_test_add_func ("/stream-memory/public-api", test_public_api);

  return g_test_run ();
}

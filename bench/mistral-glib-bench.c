// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/*
 * mistral-glib-bench: the client's throughput through its public API, in
 * the protocol shared with other Mistral and OpenAI clients' benchmarks:
 *
 *   mistral-glib-bench BASE_URL stream N      one streamed reply of max_tokens N
 *   mistral-glib-bench BASE_URL many R        R sequential blocking requests
 *   mistral-glib-bench BASE_URL concurrent C  C requests started at once on
 *                                             one client (async, one main loop)
 *
 * One short warm-up request on the same client, then the timed workload;
 * prints one JSON line on stdout. Run it by hand against any
 * Mistral-compatible server, e.g. `mistral-mock-server --bench`; never in
 * the test suite. The model is $MISTRAL_BENCH_MODEL (default
 * mistral-small-latest), the key $MISTRAL_API_KEY (default "bench").
 */

#include <mistral-glib.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

typedef struct {
  guint64 chunks;
  GString *content;
} StreamCount;

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  /* kilobytes on Linux */
}

static MistralChatCompletionRequest *
new_request (guint max_tokens)
{
  const char *model = g_getenv ("MISTRAL_BENCH_MODEL");
  MistralChatCompletionRequest *request =
    mistral_chat_completion_request_new (model != NULL ? model : "mistral-small-latest");
  g_autoptr(MistralUserMessage) message = mistral_user_message_new ("Count.");

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (message));
  mistral_chat_completion_request_set_max_tokens (request, max_tokens);
  return request;
}

/* What a GUI does with each chunk: takes its text and appends it. */
static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          StreamCount                 *count)
{
  MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
  const char *text = delta != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)) : NULL;

  count->chunks++;
  if (text != NULL)
    g_string_append (count->content, text);
}

static gboolean
run_stream (MistralClient *client,
            guint          max_tokens,
            StreamCount   *count,
            GError       **error)
{
  g_autoptr(MistralChatCompletionRequest) request = new_request (max_tokens);
  g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (client, request);
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  g_signal_connect (stream, "chunk", G_CALLBACK (on_chunk), count);
  response = mistral_chat_completion_stream_run (stream, NULL, error);
  return response != NULL;
}

static gsize
reply_length (MistralChatCompletionResponse *response)
{
  MistralAssistantMessage *message = mistral_chat_completion_response_get_assistant_message (response);
  const char *text = message != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message)) : NULL;

  return text != NULL ? strlen (text) : 0;
}

static gsize
run_one (MistralClient  *client,
         GError        **error)
{
  g_autoptr(MistralChatCompletionRequest) request = new_request (8);
  g_autoptr(MistralChatCompletionResponse) response = mistral_client_chat_completion (client, request, NULL, error);

  return response != NULL ? reply_length (response) : G_MAXSIZE;
}

typedef struct {
  guint64 pending;
  guint64 bytes;
  GError *error;
} Concurrent;

static void
on_concurrent_reply (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Concurrent *run = user_data;
  g_autoptr(MistralChatCompletionResponse) response =
    mistral_client_chat_completion_finish (MISTRAL_CLIENT (source), result, run->error == NULL ? &run->error : NULL);

  if (response != NULL)
    run->bytes += reply_length (response);
  run->pending--;
}

/* @n requests started at once, as an application does that sends a batch
 * of prompts; returns once all have been answered. */
static gboolean
run_concurrent (MistralClient  *client,
                guint64         n,
                guint64        *bytes,
                GError        **error)
{
  Concurrent run = { n, 0, NULL };

  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(MistralChatCompletionRequest) request = new_request (8);

      mistral_client_chat_completion_async (client, request, NULL, on_concurrent_reply, &run);
    }
  while (run.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  *bytes = run.bytes;
  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}

static int
usage (void)
{
  g_printerr ("usage: mistral-glib-bench BASE_URL stream N\n"
              "       mistral-glib-bench BASE_URL many R\n"
              "       mistral-glib-bench BASE_URL concurrent C\n");
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *key = g_getenv ("MISTRAL_API_KEY");
  guint64 n;
  gint64 start;
  double seconds;

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT, &n, NULL))
    return usage ();

  client = mistral_client_new (key != NULL && *key != '\0' ? key : "bench");
  g_object_set (client, "base-url", argv[1], NULL);

  if (g_str_equal (argv[2], "stream"))
    {
      StreamCount warm = { 0, g_string_new (NULL) };
      StreamCount count = { 0, g_string_sized_new (1024) };

      if (!run_stream (client, 8, &warm, &error))
        goto failed;
      g_string_free (warm.content, TRUE);

      start = g_get_monotonic_time ();
      if (!run_stream (client, n, &count, &error))
        goto failed;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      printf ("{\"chunks\":%" G_GUINT64_FORMAT ",\"content_len\":%" G_GSIZE_FORMAT ",\"seconds\":%.6f,\"peak_rss_kb\":%ld}\n",
              count.chunks, count.content->len, seconds, peak_rss_kb ());
      g_string_free (count.content, TRUE);
    }
  else if (g_str_equal (argv[2], "many"))
    {
      guint64 bytes = 0;

      if (run_one (client, &error) == G_MAXSIZE)
        goto failed;

      start = g_get_monotonic_time ();
      for (guint64 i = 0; i < n; i++)
        {
          gsize length = run_one (client, &error);

          if (length == G_MAXSIZE)
            goto failed;
          bytes += length;
        }
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      printf ("{\"requests\":%" G_GUINT64_FORMAT ",\"content_bytes\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f,\"peak_rss_kb\":%ld}\n",
              n, bytes, seconds, peak_rss_kb ());
    }
  else if (g_str_equal (argv[2], "concurrent"))
    {
      guint64 bytes = 0;

      if (run_one (client, &error) == G_MAXSIZE)
        goto failed;

      start = g_get_monotonic_time ();
      if (!run_concurrent (client, n, &bytes, &error))
        goto failed;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      printf ("{\"requests\":%" G_GUINT64_FORMAT ",\"content_bytes\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f,\"peak_rss_kb\":%ld}\n",
              n, bytes, seconds, peak_rss_kb ());
    }
  else
    return usage ();

  return EXIT_SUCCESS;

failed:
  g_printerr ("mistral-glib-bench: %s\n", error->message);
  return EXIT_FAILURE;
}

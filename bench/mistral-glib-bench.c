// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/*
 * mistral-glib-bench: the client's throughput through its public API, in
 * the protocol shared with other Mistral and OpenAI clients' benchmarks:
 *
 *   mistral-glib-bench BASE_URL stream N      one streamed reply of max_tokens N
 *   mistral-glib-bench BASE_URL stream-text N the same, the handler reading
 *                                             each chunk's text with
 *                                             get_content() (no delta message)
 *   mistral-glib-bench BASE_URL many R        R sequential blocking requests
 *   mistral-glib-bench BASE_URL concurrent C  C requests started at once on
 *                                             one client (async, one main loop)
 *   mistral-glib-bench BASE_URL embeddings N  one embeddings reply of N vectors
 *                                             of 1,024 dimensions
 *   mistral-glib-bench BASE_URL embeddings-parse N
 *                                             the same reply through libsoup
 *                                             alone, parsed by json-glib alone:
 *                                             what the first is measured against
 *   mistral-glib-bench BASE_URL upload PATH   one upload of the file PATH
 *                                             (purpose batch); prints its id
 *   mistral-glib-bench BASE_URL download ID DEST
 *                                             one download of the file ID into
 *                                             DEST (replaced)
 *
 * One short warm-up request on the same client, then the timed workload
 * (the file transfers have no warm-up: a connection is nothing beside
 * them); prints one JSON line on stdout. Run it by hand against any
 * Mistral-compatible server, e.g. `mistral-mock-server --bench`; never in
 * the test suite. The model is $MISTRAL_BENCH_MODEL (default
 * mistral-small-latest), the key $MISTRAL_API_KEY (default "bench").
 */

#include <mistral-glib.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

typedef struct {
  gboolean text_only;  /* stream-text */
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

/* A "VmRSS"/"VmHWM" line of /proc/self/status, in kB; -1 if none. */
static long
proc_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  size_t length = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, length) == 0 && lines[i][length] == ':')
      return strtol (lines[i] + length + 1, NULL, 10);
  return -1;
}

/* A transfer's figures, its peak RSS the process's (VmHWM) over the whole
 * run, against its resident size just before the transfer. */
static void
print_transfer (const char *id,
                gint64      bytes,
                double      seconds,
                long        rss_before_kb)
{
  printf ("{\"id\":\"%s\",\"bytes\":%" G_GINT64_FORMAT ",\"seconds\":%.6f,\"mb_per_s\":%.1f,"
          "\"rss_before_kb\":%ld,\"peak_rss_kb\":%ld}\n",
          id, bytes, seconds, bytes / seconds / 1e6, rss_before_kb, proc_status_kb ("VmHWM"));
}

static int
run_file_workload (MistralClient  *client,
                   char          **argv,
                   int             argc,
                   GError        **error)
{
  g_autoptr(MistralFileTransfer) transfer = mistral_file_transfer_new ();
  long rss_before = proc_status_kb ("VmRSS");
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (argc == 4 && g_str_equal (argv[2], "upload"))
    {
      g_autoptr(GFile) source = g_file_new_for_commandline_arg (argv[3]);
      g_autoptr(MistralFile) file = NULL;

      file = mistral_client_upload_file (client, source, MISTRAL_FILE_PURPOSE_BATCH, transfer, NULL, error);
      if (file == NULL)
        return EXIT_FAILURE;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      print_transfer (mistral_file_get_id (file), mistral_file_get_bytes (file), seconds, rss_before);
      return EXIT_SUCCESS;
    }
  if (argc == 5 && g_str_equal (argv[2], "download"))
    {
      g_autoptr(GFile) destination = g_file_new_for_commandline_arg (argv[4]);

      if (!mistral_client_download_file (client, argv[3], destination, transfer, NULL, error))
        return EXIT_FAILURE;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      print_transfer (argv[3], mistral_file_transfer_get_bytes_transferred (transfer), seconds, rss_before);
      return EXIT_SUCCESS;
    }
  return 2;
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

/* What a GUI does with each chunk: takes its text and appends it; through
 * the delta message (stream), or straight from the chunk (stream-text). */
static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          StreamCount                 *count)
{
  MistralAssistantMessage *delta;
  const char *text;

  if (count->text_only)
    text = mistral_completion_chunk_get_content (chunk);
  else
    {
      delta = mistral_completion_chunk_get_delta_message (chunk);
      text = delta != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)) : NULL;
    }

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

#define EMBEDDINGS_DIMENSION 1024

static MistralEmbeddingRequest *
new_embedding_request (guint n)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (inputs, g_strdup_printf ("Sentence number %u, to embed.", i));
  g_ptr_array_add (inputs, NULL);
  return g_object_new (MISTRAL_TYPE_EMBEDDING_REQUEST,
                       "model", "mistral-embed",
                       "inputs", inputs->pdata,
                       "output-dimension", EMBEDDINGS_DIMENSION,
                       NULL);
}

/* Returns the number of vectors read (of the expected dimension), or -1;
 * *@latency is the request's, to the whole body. */
static gint64
run_embeddings (MistralClient  *client,
                guint           n,
                GTimeSpan      *latency,
                GError        **error)
{
  g_autoptr(MistralEmbeddingRequest) request = new_embedding_request (n);
  g_autoptr(MistralEmbeddingResponse) response = mistral_client_embeddings (client, request, NULL, error);
  GListModel *data;
  gint64 vectors = 0;

  if (response == NULL)
    return -1;
  data = mistral_embedding_response_get_data (response);
  for (guint i = 0; i < g_list_model_get_n_items (data); i++)
    {
      g_autoptr(MistralEmbedding) embedding = g_list_model_get_item (data, i);
      gsize dimension;

      if (mistral_embedding_get_vector (embedding, &dimension) != NULL && dimension == EMBEDDINGS_DIMENSION)
        vectors++;
    }
  *latency = mistral_embedding_response_get_latency (response);
  return vectors;
}

/* The same request with libsoup alone, and json-glib's parse of its body:
 * the floor the library's reading is measured against. The parse and the
 * tree's release are timed apart. */
static gint64
run_embeddings_parse (const char  *base_url,
                      guint        n,
                      double      *parse_seconds,
                      double      *free_seconds,
                      GError     **error)
{
  g_autoptr(MistralEmbeddingRequest) request = new_embedding_request (n);
  g_autofree char *json = mistral_embedding_request_to_json (request, error);
  g_autofree char *url = g_strconcat (base_url, "/v1/embeddings", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  JsonParser *parser;
  JsonNode *data;
  const char *key = g_getenv ("MISTRAL_API_KEY");
  g_autofree char *authorization = g_strconcat ("Bearer ", key != NULL && *key != '\0' ? key : "bench", NULL);
  gint64 start, vectors;

  if (json == NULL)
    return -1;
  body = g_bytes_new_take (json, strlen (json));
  json = NULL;
  message = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  reply = soup_session_send_and_read (session, message, NULL, error);
  if (reply == NULL)
    return -1;

  parser = json_parser_new ();
  start = g_get_monotonic_time ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error))
    {
      g_object_unref (parser);
      return -1;
    }
  *parse_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  data = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "data");
  vectors = data != NULL && JSON_NODE_HOLDS_ARRAY (data) ? json_array_get_length (json_node_get_array (data)) : 0;
  start = g_get_monotonic_time ();
  g_object_unref (parser);
  *free_seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return vectors;
}

static int
usage (void)
{
  g_printerr ("usage: mistral-glib-bench BASE_URL stream N\n"
              "       mistral-glib-bench BASE_URL stream-text N\n"
              "       mistral-glib-bench BASE_URL many R\n"
              "       mistral-glib-bench BASE_URL concurrent C\n"
              "       mistral-glib-bench BASE_URL embeddings N\n"
              "       mistral-glib-bench BASE_URL embeddings-parse N\n"
              "       mistral-glib-bench BASE_URL upload PATH\n"
              "       mistral-glib-bench BASE_URL download ID DEST\n");
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

  if (argc >= 4 && (g_str_equal (argv[2], "upload") || g_str_equal (argv[2], "download")))
    {
      int status;

      client = mistral_client_new (key != NULL && *key != '\0' ? key : "bench");
      g_object_set (client, "base-url", argv[1], NULL);
      status = run_file_workload (client, argv, argc, &error);
      if (status == 2)
        return usage ();
      if (status != EXIT_SUCCESS)
        goto failed;
      return EXIT_SUCCESS;
    }

  if (argc != 4 || !g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT, &n, NULL))
    return usage ();

  client = mistral_client_new (key != NULL && *key != '\0' ? key : "bench");
  g_object_set (client, "base-url", argv[1], NULL);

  if (g_str_equal (argv[2], "stream") || g_str_equal (argv[2], "stream-text"))
    {
      gboolean text_only = g_str_equal (argv[2], "stream-text");
      StreamCount warm = { text_only, 0, g_string_new (NULL) };
      StreamCount count = { text_only, 0, g_string_sized_new (1024) };

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
  else if (g_str_equal (argv[2], "embeddings"))
    {
      GTimeSpan latency;
      gint64 vectors;

      /* The warm-up is the same reply: the server renders it once. */
      if (run_embeddings (client, n, &latency, &error) < 0)
        goto failed;

      start = g_get_monotonic_time ();
      vectors = run_embeddings (client, n, &latency, &error);
      if (vectors < 0)
        goto failed;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      /* read_seconds: from the whole body's arrival to the response in hand. */
      printf ("{\"vectors\":%" G_GINT64_FORMAT ",\"seconds\":%.6f,\"vectors_per_s\":%.1f,\"peak_rss_kb\":%ld,"
              "\"read_seconds\":%.6f}\n",
              vectors, seconds, vectors / seconds, peak_rss_kb (), seconds - latency / (double) G_USEC_PER_SEC);
    }
  else if (g_str_equal (argv[2], "embeddings-parse"))
    {
      double parse_seconds, free_seconds;
      gint64 vectors;

      if (run_embeddings_parse (argv[1], n, &parse_seconds, &free_seconds, &error) < 0)
        goto failed;

      start = g_get_monotonic_time ();
      vectors = run_embeddings_parse (argv[1], n, &parse_seconds, &free_seconds, &error);
      if (vectors < 0)
        goto failed;
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      printf ("{\"vectors\":%" G_GINT64_FORMAT ",\"seconds\":%.6f,\"vectors_per_s\":%.1f,\"peak_rss_kb\":%ld,"
              "\"parse_seconds\":%.6f,\"free_seconds\":%.6f}\n",
              vectors, seconds, vectors / seconds, peak_rss_kb (), parse_seconds, free_seconds);
    }
  else
    return usage ();

  return EXIT_SUCCESS;

failed:
  g_printerr ("mistral-glib-bench: %s\n", error->message);
  return EXIT_FAILURE;
}

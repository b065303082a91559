// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/*
 * mistral-glib-soak: many requests and streams through ONE client against
 * the local server with injected faults (429 with Retry-After, 503,
 * connection resets, stalls, streams cut short), by hand; never in the
 * test suite (it takes minutes). See doc/reliability.md.
 *
 *   mistral-glib-soak [--requests 10000] [--streams 1000] [--seed 1] ...
 *
 * Every reply that succeeds must be exactly the one asked for (the server
 * echoes each prompt; a stream must be its chunks, once each). Reports
 * successes, retries (the library's "Retrying" debug messages, and the
 * server's count of attempts), errors by code, the faults injected, the
 * connections left open and VmRSS along the way. Exits non-zero if a reply
 * was wrong, an error was not a MistralError, or connections leaked.
 */

#include <mistral-glib.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mock-server.h"
#include "test-utils.h"

#define REQUEST_BATCH 1000
#define STREAM_BATCH  100

typedef struct {
  MockServer *server;
  MistralClient *client;
  GMainLoop *loop;
  guint parallel;

  /* The batch being run */
  gboolean streams;
  guint next;
  guint end;
  guint in_flight;

  /* Outcomes */
  guint n_ok_requests;
  guint n_ok_streams;
  guint n_wrong;            /* replies that were not the one asked for */
  guint n_foreign;          /* errors outside MISTRAL_ERROR */
  guint64 n_chunks;         /* chunks delivered, failed streams included */
  guint n_failed_after_chunks;
  GHashTable *errors;       /* "CODE" -> count */
  guint64 server_attempts;  /* requests the server saw */
  gint64 started;
} Soak;

typedef struct {
  Soak *soak;
  guint index;
  char *expected;
  MistralChatCompletionStream *stream;
  GString *text;            /* the stream's deltas, concatenated */
  guint n_chunks;
} Job;

static guint n_retries;     /* "Retrying …" debug messages */

static void
count_retries (const char     *domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        user_data)
{
  /* From whichever thread runs a request. */
  if (g_str_has_prefix (message, "Retrying "))
    g_atomic_int_inc (&n_retries);
}

static gint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10) : -1;
}

/* The heap in use, as opposed to VmRSS, which also holds what the
 * allocator keeps after a free: growth here is memory still referenced. */
static gint64
heap_kb (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
#else
  return -1;
#endif
}

static void
record_error (Soak   *soak,
              GError *error)
{
  g_autofree char *key = NULL;
  guint count;

  if (error->domain == MISTRAL_ERROR)
    {
      GEnumClass *klass = g_type_class_ref (MISTRAL_TYPE_ERROR);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      key = g_strdup (value != NULL ? value->value_nick : "?");
      g_type_class_unref (klass);
    }
  else
    {
      soak->n_foreign++;
      key = g_strdup_printf ("%s:%d", g_quark_to_string (error->domain), error->code);
      g_printerr ("unexpected error: %s\n", error->message);
    }
  count = GPOINTER_TO_UINT (g_hash_table_lookup (soak->errors, key));
  g_hash_table_insert (soak->errors, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
}

static void launch (Soak *soak);

static void
job_done (Job *job)
{
  Soak *soak = job->soak;

  g_clear_object (&job->stream);
  if (job->text)
    g_string_free (job->text, TRUE);
  g_free (job->expected);
  g_free (job);

  soak->in_flight--;
  launch (soak);
}

static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          Job                         *job)
{
  const char *text = test_delta_text (chunk);

  if (text != NULL)
    g_string_append (job->text, text);
  job->n_chunks++;
  job->soak->n_chunks++;
}

/* Where every job ends, a request or a stream: a stream's chunks are also
 * checked against its reply. */
static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Job *job = user_data;
  Soak *soak = job->soak;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  if (job->stream != NULL)
    response = mistral_chat_completion_stream_run_finish (MISTRAL_CHAT_COMPLETION_STREAM (source), result, &error);
  else
    response = mistral_client_chat_completion_finish (MISTRAL_CLIENT (source), result, &error);

  if (response == NULL)
    {
      record_error (soak, error);
      if (job->stream != NULL && job->n_chunks > 0)
        soak->n_failed_after_chunks++;
      /* What a stream did deliver is a prefix of the reply, never a repeat. */
      if (job->stream != NULL && !g_str_has_prefix (job->expected, job->text->str))
        {
          soak->n_wrong++;
          g_printerr ("stream %u failed after “%s”, not a prefix of “%s”\n",
                      job->index, job->text->str, job->expected);
        }
    }
  else if (job->stream == NULL)
    {
      if (g_strcmp0 (test_reply_text (response), job->expected) != 0)
        {
          soak->n_wrong++;
          g_printerr ("request %u: got “%s”, expected “%s”\n", job->index, test_reply_text (response), job->expected);
        }
      else
        soak->n_ok_requests++;
    }
  else if (g_strcmp0 (test_reply_text (response), job->expected) != 0 ||
           strcmp (job->text->str, job->expected) != 0)
    {
      soak->n_wrong++;
      g_printerr ("stream %u: chunks “%s”, reply “%s”, expected “%s”\n",
                  job->index, job->text->str, test_reply_text (response), job->expected);
    }
  else
    soak->n_ok_streams++;
  job_done (job);
}

static void
launch (Soak *soak)
{
  while (soak->in_flight < soak->parallel && soak->next < soak->end)
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *prompt = NULL;
      g_autoptr(MistralChatCompletionRequest) request = NULL;

      job->soak = soak;
      job->index = soak->next++;
      prompt = g_strdup_printf ("%s %u", soak->streams ? "stream" : "request", job->index);
      job->expected = g_strdup_printf ("Echo: %s", prompt);
      request = test_hello_request (prompt);
      soak->in_flight++;

      if (soak->streams)
        {
          job->text = g_string_new (NULL);
          job->stream = mistral_client_chat_completion_stream (soak->client, request);
          g_signal_connect (job->stream, "chunk", G_CALLBACK (on_chunk), job);
          mistral_chat_completion_stream_run_async (job->stream, NULL, on_done, job);
        }
      else
        {
          mistral_client_chat_completion_async (soak->client, request, NULL, on_done, job);
        }
    }

  if (soak->in_flight == 0 && soak->next == soak->end)
    g_main_loop_quit (soak->loop);
}

/* Runs [@start, @end) to the last reply; the server's record of requests
 * is emptied between batches, so that it does not grow with the soak. */
static void
run_batch (Soak     *soak,
           gboolean  streams,
           guint     start,
           guint     end)
{
  soak->streams = streams;
  soak->next = start;
  soak->end = end;
  launch (soak);
  if (soak->in_flight > 0)
    g_main_loop_run (soak->loop);

  soak->server_attempts += mock_server_get_n_requests (soak->server);
  mock_server_clear_requests (soak->server);
}

static void
report_progress (Soak       *soak,
                 const char *what,
                 guint       done,
                 guint       total)
{
  printf ("%-8s %6u/%-6u  %6.1f s  retries %5u  VmRSS %6" G_GINT64_FORMAT " kB  heap %6" G_GINT64_FORMAT " kB\n",
          what, done, total, (g_get_monotonic_time () - soak->started) / (double) G_USEC_PER_SEC,
          g_atomic_int_get (&n_retries), rss_kb (), heap_kb ());
  fflush (stdout);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  int n_requests = 10000, n_streams = 1000, parallel = 2, timeout = 3, max_retries = 2, seed = 1;
  int retry_after = 1;
  double rate_429 = 0.02, rate_503 = 0.02, rate_reset = 0.01, rate_stall = 0.002, rate_cut = 0.01;
  GOptionEntry entries[] = {
    { "requests", 'r', 0, G_OPTION_ARG_INT, &n_requests, "Non-streamed requests (10000)", "N" },
    { "streams", 's', 0, G_OPTION_ARG_INT, &n_streams, "Streams (1000)", "N" },
    { "parallel", 'p', 0, G_OPTION_ARG_INT, &parallel, "Requests in flight at once", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout, "The client's timeout, in seconds (3)", "S" },
    { "max-retries", 0, 0, G_OPTION_ARG_INT, &max_retries, "The client's max-retries (2)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the server's faults (1)", "N" },
    { "rate-429", 0, 0, G_OPTION_ARG_DOUBLE, &rate_429, "Share of 429 replies (0.02)", "R" },
    { "retry-after", 0, 0, G_OPTION_ARG_INT, &retry_after, "Their Retry-After, in seconds (1)", "S" },
    { "rate-503", 0, 0, G_OPTION_ARG_DOUBLE, &rate_503, "Share of 503 replies (0.02)", "R" },
    { "rate-reset", 0, 0, G_OPTION_ARG_DOUBLE, &rate_reset, "Share of connection resets (0.01)", "R" },
    { "rate-stall", 0, 0, G_OPTION_ARG_DOUBLE, &rate_stall, "Share of stalls (0.002)", "R" },
    { "rate-cut", 0, 0, G_OPTION_ARG_DOUBLE, &rate_cut, "Share of streams cut short (0.01)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- soak mistral-glib against a faulty local server");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  Soak soak = { 0 };
  MockFaults faults = { 0 };
  MockFaultCounts injected;
  gint64 rss_start, rss_mid, rss_end;
  gint64 heap_start, heap_mid, heap_end;
  guint open_connections;
  gboolean connections_ok;
  GHashTableIter iter;
  gpointer key, value;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n_requests < 0 || n_streams < 0 || parallel < 1 || timeout < 0 || max_retries < 0 || retry_after < 0)
    {
      g_printerr ("counts, timeouts and retries must not be negative, parallel at least 1\n");
      return 2;
    }

  /* Loopback only: no system proxy between the client and its server. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_log_set_handler ("Mistral", G_LOG_LEVEL_DEBUG, count_retries, NULL);

  faults.rate_429 = rate_429;
  faults.rate_503 = rate_503;
  faults.rate_reset = rate_reset;
  faults.rate_stall = rate_stall;
  faults.rate_cut = rate_cut;
  faults.retry_after = retry_after;
  faults.stall_ms = 0;   /* a stalled reply never comes: the timeout ends it */

  soak.server = mock_server_new ();
  soak.client = mistral_client_new ("soak-key");
  mistral_client_set_base_url (soak.client, mock_server_get_url (soak.server));
  mistral_client_set_timeout (soak.client, timeout);
  mistral_client_set_max_retries (soak.client, max_retries);
  soak.loop = g_main_loop_new (NULL, FALSE);
  soak.parallel = parallel;
  soak.errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  printf ("mistral-glib-soak: %d requests, %d streams, %d in flight, timeout %d s, max-retries %d\n"
          "faults (seed %d): 429 %.3f (Retry-After %d s), 503 %.3f, reset %.3f, stall %.3f, cut %.3f (streams)\n",
          n_requests, n_streams, parallel, timeout, max_retries, seed,
          rate_429, retry_after, rate_503, rate_reset, rate_stall, rate_cut);

  /* One request and one stream without faults: what is set up once
   * (types, the connection, caches) is not counted as growth. */
  run_batch (&soak, FALSE, 0, 1);
  run_batch (&soak, TRUE, 0, 1);
  if (soak.n_ok_requests != 1 || soak.n_ok_streams != 1)
    {
      g_printerr ("the warm-up failed\n");
      return 1;
    }
  soak.n_ok_requests = soak.n_ok_streams = 0;
  soak.n_chunks = 0;
  soak.server_attempts = 0;
  n_retries = 0;

  mock_server_set_faults (soak.server, &faults, seed);
  soak.started = g_get_monotonic_time ();
  rss_start = rss_kb ();
  heap_start = heap_kb ();
  report_progress (&soak, "start", 0, n_requests);

  for (guint i = 0; i < (guint) n_requests; i += REQUEST_BATCH)
    {
      guint end = MIN (i + REQUEST_BATCH, (guint) n_requests);

      run_batch (&soak, FALSE, i, end);
      report_progress (&soak, "requests", end, n_requests);
    }
  rss_mid = rss_kb ();
  heap_mid = heap_kb ();

  for (guint i = 0; i < (guint) n_streams; i += STREAM_BATCH)
    {
      guint end = MIN (i + STREAM_BATCH, (guint) n_streams);

      run_batch (&soak, TRUE, i, end);
      report_progress (&soak, "streams", end, n_streams);
    }
  rss_end = rss_kb ();
  heap_end = heap_kb ();

  mock_server_get_fault_counts (soak.server, &injected);
  /* Every ending, good or bad, gave its connection back or closed it. */
  connections_ok = mock_server_wait_open_connections (soak.server, parallel, 5000);
  open_connections = mock_server_get_n_open_connections (soak.server);

  printf ("\n");
  printf ("requests:  %u ok of %d\n", soak.n_ok_requests, n_requests);
  printf ("streams:   %u ok of %d; %" G_GUINT64_FORMAT " chunks delivered; %u failed after delivering chunks\n",
          soak.n_ok_streams, n_streams, soak.n_chunks, soak.n_failed_after_chunks);
  printf ("wrong replies: %u\n", soak.n_wrong);
  printf ("retries:   %u (debug messages); the server saw %" G_GUINT64_FORMAT " attempts for %d calls\n",
          n_retries, soak.server_attempts, n_requests + n_streams);
  printf ("injected:  429 %u, 503 %u, reset %u, stall %u, cut %u\n",
          injected.n_429, injected.n_503, injected.n_reset, injected.n_stall, injected.n_cut);
  printf ("errors:   ");
  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, soak.errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    printf (" %s %u", (char *) keys->pdata[i], GPOINTER_TO_UINT (g_hash_table_lookup (soak.errors, keys->pdata[i])));
  printf ("%s\n", keys->len == 0 ? " none" : "");
  printf ("connections left open: %u (at most one per request in flight: %d)\n", open_connections, parallel);
  printf ("VmRSS:     start %" G_GINT64_FORMAT " kB, midway %" G_GINT64_FORMAT " kB, end %" G_GINT64_FORMAT " kB\n",
          rss_start, rss_mid, rss_end);
  printf ("heap:      start %" G_GINT64_FORMAT " kB, midway %" G_GINT64_FORMAT " kB, end %" G_GINT64_FORMAT " kB\n",
          heap_start, heap_mid, heap_end);
  printf ("time:      %.1f s\n", (g_get_monotonic_time () - soak.started) / (double) G_USEC_PER_SEC);

  g_hash_table_unref (soak.errors);
  g_main_loop_unref (soak.loop);
  g_object_unref (soak.client);
  mock_server_free (soak.server);

  return soak.n_wrong == 0 && soak.n_foreign == 0 && connections_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

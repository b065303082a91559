// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The client-side rate limiter (MistralClient:rate-limit and rate-burst):
 * requests spaced out, bursts, every thread counted, a wait that can be
 * cancelled (its turn going back), a wait that counts against the timeout.
 * Timings are measured, with tolerances for a loaded machine: a request is
 * never early (the limiter's promise), and lateness is bounded loosely. */

#include "test-utils.h"

#define MS (G_TIME_SPAN_MILLISECOND)

typedef struct {
  GAsyncResult *result;
  gint64 done;
} Pending;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;

  pending->result = g_object_ref (result);
  pending->done = g_get_monotonic_time ();
}

/* Starts @n requests at once and returns when all are done, with the time
 * each finished, from @start, in @elapsed (sorted). */
static void
run_at_once (MistralClient *client,
             guint          n,
             gint64        *elapsed)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autofree Pending *pending = g_new0 (Pending, n);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    mistral_client_chat_completion_async (client, request, NULL, on_done, &pending[i]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralChatCompletionResponse) response = NULL;

      test_wait_result (&pending[i].result);
      response = mistral_client_chat_completion_finish (client, pending[i].result, &error);
      g_assert_no_error (error);
      g_clear_object (&pending[i].result);
      elapsed[i] = pending[i].done - start;
    }
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && elapsed[j - 1] > elapsed[j]; j--)
      {
        gint64 t = elapsed[j];

        elapsed[j] = elapsed[j - 1];
        elapsed[j - 1] = t;
      }
}

/* 20 a second, one at a time: five requests started at once leave 50 ms
 * apart. At 2 a second with a burst of 5, they all leave at once (one at a
 * time, the fifth would wait 2 s); off, nothing waits. The upper bounds
 * leave room for valgrind. */
static void
test_spacing_and_burst (TestHttp      *http,
                        gconstpointer  data)
{
  g_autoptr(MistralClient) bursty = test_client_new (http->server);
  g_autoptr(MistralClient) unlimited = test_client_new (http->server);
  gint64 elapsed[5];

  g_assert_cmpfloat (mistral_client_get_rate_limit (http->client), ==, 0);
  g_assert_cmpuint (mistral_client_get_rate_burst (http->client), ==, 1);

  /* The process's first requests load GIO's modules and start the I/O
   * thread: 2 s under valgrind on a loaded machine, outside the limits
   * measured below. */
  run_at_once (unlimited, 1, elapsed);

  mistral_client_set_rate_limit (http->client, 20);
  run_at_once (http->client, 5, elapsed);
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (elapsed[i], >=, i * 50 * MS - 2 * MS);
  g_assert_cmpint (elapsed[4], <, 2000 * MS);

  g_object_set (bursty, "rate-limit", 2.0, "rate-burst", 5, NULL);
  run_at_once (bursty, 5, elapsed);
  g_assert_cmpint (elapsed[4], <, 1500 * MS);

  run_at_once (unlimited, 5, elapsed);
  g_assert_cmpint (elapsed[4], <, 1500 * MS);
}

typedef struct {
  MistralClient *client;
  guint n;
} ThreadData;

static gpointer
blocking_requests (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < data->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralChatCompletionResponse) response = test_chat (data->client, "Hi", FALSE, NULL, &error);

      g_assert_no_error (error);
    }
  return NULL;
}

/* One limit for the client, whichever thread sends: 2 threads × 3 blocking
 * requests at 20 a second take at least 5 intervals. */
static void
test_shared_by_threads (TestHttp      *http,
                        gconstpointer  data)
{
  ThreadData thread_data = { http->client, 3 };
  gint64 start;
  GThread *a, *b;

  mistral_client_set_rate_limit (http->client, 20);
  start = g_get_monotonic_time ();
  a = g_thread_new ("a", blocking_requests, &thread_data);
  b = g_thread_new ("b", blocking_requests, &thread_data);
  g_thread_join (a);
  g_thread_join (b);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 5 * 50 * MS - 2 * MS);
  g_assert_cmpuint (mock_server_get_n_requests (http->server), ==, 6);
}

/* A request waiting for its turn is cancelled at once, sends nothing, and
 * gives its turn back: the next one waits one interval, not two. */
static void
test_cancel_while_waiting (TestHttp      *http,
                           gconstpointer  data)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  mistral_client_set_rate_limit (http->client, 1);   /* 1 s apart */
  response = test_chat (http->client, "Hi", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);

  start = g_get_monotonic_time ();
  g_timeout_add (50, test_cancel_cb, cancellable);
  response = test_chat_async (http->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 700 * MS);
  g_assert_cmpuint (mock_server_get_n_requests (http->server), ==, 1);
  g_clear_error (&error);

  /* The turn it gave back is the one after the first request (without
   * it, the next turn would be 2 s away). */
  response = test_chat (http->client, "Hi", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 950 * MS - 2 * MS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1900 * MS);
}

/* The wait counts against the request's timeout: 1 s of timeout, a turn
 * 2 s away, a timeout after 1 s (and nothing sent). */
static void
test_wait_counts_against_timeout (TestHttp      *http,
                                  gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  mistral_client_set_rate_limit (http->client, 0.5);
  response = test_chat (http->client, "Hi", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);
  /* Only the second request has the short timeout (valgrind is slow). */
  mistral_client_set_timeout (http->client, 1);

  start = g_get_monotonic_time ();
  response = test_chat (http->client, "Hi", FALSE, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * MS - 2 * MS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1900 * MS);
  g_assert_cmpuint (mock_server_get_n_requests (http->server), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD_HTTP ("/rate-limit/spacing-and-burst", test_spacing_and_burst);
  TEST_ADD_HTTP ("/rate-limit/shared-by-threads", test_shared_by_threads);
  TEST_ADD_HTTP ("/rate-limit/cancel-while-waiting", test_cancel_while_waiting);
  TEST_ADD_HTTP ("/rate-limit/wait-counts-against-timeout", test_wait_counts_against_timeout);

  return g_test_run ();
}

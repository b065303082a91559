// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
/*
 * One client used from every kind of caller at once: blocking calls,
 * async calls on the main context and on other contexts, threads, and
 * blocking calls made from inside async callbacks, plain and streamed, in
 * every order. Over HTTP/2 (the `h2` test setup) such mixes used to hang:
 * libsoup 3.2 ties an HTTP/2 connection's reads to the main context that
 * first used it. Each test runs under a watchdog, so a hang fails fast.
 */

#include "test-utils.h"

#define CHUNK_EVENT(text) \
  "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\"," \
  "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" text "\"},\"finish_reason\":null}]}"

/* Fails the test, rather than letting it hang, if it runs past @seconds. */
typedef struct {
  GMutex lock;
  GCond cond;
  gboolean done;
  guint seconds;
  GThread *thread;
} Watchdog;

static gpointer
watchdog_main (gpointer user_data)
{
  Watchdog *dog = user_data;
  gint64 end = g_get_monotonic_time () + dog->seconds * G_TIME_SPAN_SECOND;

  g_mutex_lock (&dog->lock);
  while (!dog->done)
    if (!g_cond_wait_until (&dog->cond, &dog->lock, end))
      g_error ("%s: still running after %u s: hung", g_test_get_path (), dog->seconds);
  g_mutex_unlock (&dog->lock);

  return NULL;
}

static void
watchdog_start (Watchdog *dog,
                guint     seconds)
{
  memset (dog, 0, sizeof (*dog));
  g_mutex_init (&dog->lock);
  g_cond_init (&dog->cond);
  dog->seconds = seconds;
  dog->thread = g_thread_new ("watchdog", watchdog_main, dog);
}

static void
watchdog_stop (Watchdog *dog)
{
  g_mutex_lock (&dog->lock);
  dog->done = TRUE;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
  g_thread_join (dog->thread);
  g_mutex_clear (&dog->lock);
  g_cond_clear (&dog->cond);
}

typedef struct {
  TestHttp http;
  Watchdog dog;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  watchdog_start (&fixture->dog, 30);
  test_http_setup (&fixture->http, data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_http_teardown (&fixture->http, data);
  watchdog_stop (&fixture->dog);
}

/* The blocking calls, each checked. */

static void
blocking_chat (MistralClient *client,
               const char    *text)
{
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strconcat ("Echo: ", text, NULL);

  response = test_chat (client, text, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, expected);
}

static void
blocking_stream (MistralClient *client,
                 const char    *text)
{
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strconcat ("Echo: ", text, NULL);
  guint n_chunks;

  response = test_chat (client, text, TRUE, &n_chunks, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, expected);
  g_assert_cmpuint (n_chunks, >, 1);
}

static void
blocking_pull (MistralClient *client,
               const char    *text)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request (text);
  g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (client, request);
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autofree char *expected = g_strconcat ("Echo: ", text, NULL);
  guint n_pulled = 0;

  for (;;)
    {
      g_autoptr(MistralCompletionChunk) chunk = NULL;
      g_autoptr(GError) error = NULL;

      chunk = mistral_chat_completion_stream_next_chunk (stream, NULL, &error);
      g_assert_no_error (error);
      if (chunk == NULL)
        break;
      n_pulled++;
    }
  g_assert_cmpuint (n_pulled, >, 1);
  response = mistral_chat_completion_stream_get_response (stream);
  g_assert_cmpstr (test_reply_text (response), ==, expected);
}

/* Async calls, finished on the thread-default context of the caller. */

typedef struct {
  MistralClient *client;
  GMainLoop *loop;
  GThread *thread;        /* the thread whose context must run the callbacks */
  guint step;
} Sequence;

static void sequence_next (Sequence *seq);

/* Checks a reply that came back on the sequence's thread, and goes on. */
static void
sequence_reply (Sequence                      *seq,
                MistralChatCompletionResponse *response,
                GError                        *error,
                const char                    *expected)
{
  g_assert_true (g_thread_self () == seq->thread);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, expected);
  g_object_unref (response);
  sequence_next (seq);
}

static void
on_async_chat (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MistralChatCompletionResponse *response =
    mistral_client_chat_completion_finish (MISTRAL_CLIENT (source), result, &error);

  sequence_reply (user_data, response, error, "Echo: async");
}

static void
on_async_run (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MistralChatCompletionResponse *response =
    mistral_chat_completion_stream_run_finish (MISTRAL_CHAT_COMPLETION_STREAM (source), result, &error);

  sequence_reply (user_data, response, error, "Echo: async stream");
}

static void
on_async_pull (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Sequence *seq = user_data;
  MistralChatCompletionStream *stream = MISTRAL_CHAT_COMPLETION_STREAM (source);
  g_autoptr(MistralCompletionChunk) chunk = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == seq->thread);
  chunk = mistral_chat_completion_stream_next_chunk_finish (stream, result, &error);
  g_assert_no_error (error);
  if (chunk != NULL)
    {
      mistral_chat_completion_stream_next_chunk_async (stream, NULL, on_async_pull, seq);
      return;
    }

  {
    g_autoptr(MistralChatCompletionResponse) response = mistral_chat_completion_stream_get_response (stream);

    g_assert_cmpstr (test_reply_text (response), ==, "Echo: async pull");
  }
  g_object_unref (stream);
  sequence_next (seq);
}

/* async chat, async stream run, async pull, then blocking calls from
 * inside the last callback, then the same async calls again. */
static void
sequence_next (Sequence *seq)
{
  guint step = seq->step++;

  switch (step % 4)
    {
    case 0:
      {
        g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("async");

        mistral_client_chat_completion_async (seq->client, request, NULL, on_async_chat, seq);
      }
      break;
    case 1:
      {
        g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("async stream");
        g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (seq->client, request);

        mistral_chat_completion_stream_run_async (stream, NULL, on_async_run, seq);
      }
      break;
    case 2:
      {
        g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("async pull");
        MistralChatCompletionStream *stream = mistral_client_chat_completion_stream (seq->client, request);

        mistral_chat_completion_stream_next_chunk_async (stream, NULL, on_async_pull, seq);
      }
      break;
    case 3:
      /* From inside an async callback, on the same thread. */
      blocking_chat (seq->client, "blocking in a callback");
      blocking_stream (seq->client, "blocking stream in a callback");
      blocking_pull (seq->client, "blocking pull in a callback");
      if (step >= 7)
        g_main_loop_quit (seq->loop);
      else
        sequence_next (seq);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Runs the async sequence twice on @context, which the caller has pushed
 * as its thread-default. */
static void
run_sequence (MistralClient *client,
              GMainContext  *context)
{
  Sequence seq = { client, g_main_loop_new (context, FALSE), g_thread_self (), 0 };

  sequence_next (&seq);
  g_main_loop_run (seq.loop);
  g_main_loop_unref (seq.loop);
  g_assert_cmpuint (seq.step, ==, 8);
}

/* The sequence: a blocking call, then a stream on the same client,
 * in every form. */
static void
test_blocking_then_stream (Fixture       *fixture,
                           gconstpointer  data)
{
  MistralClient *client = fixture->http.client;

  blocking_chat (client, "first");
  blocking_stream (client, "then a stream");
  blocking_pull (client, "then a pull");
  blocking_chat (client, "and again");
  blocking_stream (client, "and a stream again");
}

/* Async calls on the main context, blocking calls from their callbacks,
 * then async again. */
static void
test_async_then_blocking (Fixture       *fixture,
                          gconstpointer  data)
{
  run_sequence (fixture->http.client, NULL);
  /* And blocking calls once the loop is gone. */
  blocking_chat (fixture->http.client, "after the loop");
  blocking_stream (fixture->http.client, "stream after the loop");
}

/* A blocking call first, then async calls on a context pushed as
 * thread-default, then blocking calls again. */
static void
test_blocking_then_async_context (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  blocking_chat (fixture->http.client, "before");
  g_main_context_push_thread_default (context);
  run_sequence (fixture->http.client, context);
  g_main_context_pop_thread_default (context);
  blocking_stream (fixture->http.client, "after");
}

static gpointer
thread_sequence (gpointer user_data)
{
  MistralClient *client = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  blocking_stream (client, "thread start");
  g_main_context_push_thread_default (context);
  run_sequence (client, context);
  g_main_context_pop_thread_default (context);
  blocking_chat (client, "thread end");

  return NULL;
}

/* Threads, each with its own context, and the main thread, on one client
 * at the same time. */
static void
test_threads_and_contexts (Fixture       *fixture,
                           gconstpointer  data)
{
  GThread *threads[3];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("sequence", thread_sequence, fixture->http.client);

  for (guint i = 0; i < 3; i++)
    {
      blocking_chat (fixture->http.client, "main thread");
      blocking_stream (fixture->http.client, "main thread stream");
    }
  run_sequence (fixture->http.client, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* A cancel or a timeout ends a stream that stalls after a blocking call,
 * promptly, with the chunks that arrived delivered; the client works on. */

static void
push_stalled_stream (MockServer *server)
{
  MockReply *reply = mock_reply_new_stream ();

  mock_reply_add_event (reply, CHUNK_EVENT ("Hel"));
  mock_reply_add_event (reply, CHUNK_EVENT ("lo"));
  mock_reply_set_stall (reply, TRUE);
  mock_server_push_reply (server, reply);
}

static gpointer
cancel_thread (gpointer user_data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (user_data);
  return NULL;
}

typedef enum {
  END_BY_CANCEL_FROM_THREAD,
  END_BY_CANCEL_ASYNC,
  END_BY_TIMEOUT,
} Ending;

static void
test_stalled_stream_after_blocking (Fixture       *fixture,
                                    gconstpointer  data)
{
  Ending ending = GPOINTER_TO_UINT (data);
  MistralClient *client = fixture->http.client;
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("stall");
  g_autoptr(MistralChatCompletionStream) stream = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MistralChatCompletionResponse) partial = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GThread *canceller = NULL;
  guint n_chunks;
  gint64 start, elapsed;

  blocking_chat (client, "before the stall");
  if (ending == END_BY_TIMEOUT)
    mistral_client_set_timeout (client, 1);

  push_stalled_stream (fixture->http.server);
  stream = mistral_client_chat_completion_stream (client, request);
  test_count_chunks (stream, &n_chunks);
  start = g_get_monotonic_time ();

  switch (ending)
    {
    case END_BY_CANCEL_FROM_THREAD:
      canceller = g_thread_new ("canceller", cancel_thread, cancellable);
      response = mistral_chat_completion_stream_run (stream, cancellable, &error);
      g_thread_join (canceller);
      break;
    case END_BY_CANCEL_ASYNC:
      /* On the main context, as an application would. */
      g_timeout_add (300, test_cancel_cb, cancellable);
      response = test_stream_run_async (stream, cancellable, &error);
      break;
    case END_BY_TIMEOUT:
      response = mistral_chat_completion_stream_run (stream, NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (response);
  if (ending == END_BY_TIMEOUT)
    {
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
      g_assert_cmpint (elapsed, >=, 1 * G_TIME_SPAN_SECOND - G_TIME_SPAN_MILLISECOND * 50);
      g_assert_cmpint (elapsed, <, 3 * G_TIME_SPAN_SECOND);
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (elapsed, <, 2 * G_TIME_SPAN_SECOND);
    }

  /* What arrived before the end was delivered. */
  g_assert_cmpuint (n_chunks, ==, 2);
  partial = mistral_chat_completion_stream_get_response (stream);
  g_assert_cmpstr (test_reply_text (partial), ==, "Hello");

  /* And the client goes on. */
  mistral_client_set_timeout (client, 30);
  blocking_chat (client, "after the stall");
  blocking_stream (client, "stream after the stall");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/contexts/blocking-then-stream", Fixture, NULL,
              fixture_setup, test_blocking_then_stream, fixture_teardown);
  g_test_add ("/contexts/async-then-blocking", Fixture, NULL,
              fixture_setup, test_async_then_blocking, fixture_teardown);
  g_test_add ("/contexts/blocking-then-async-context", Fixture, NULL,
              fixture_setup, test_blocking_then_async_context, fixture_teardown);
  g_test_add ("/contexts/threads-and-contexts", Fixture, NULL,
              fixture_setup, test_threads_and_contexts, fixture_teardown);
  g_test_add ("/contexts/stalled-stream/cancel-from-thread", Fixture,
              GUINT_TO_POINTER (END_BY_CANCEL_FROM_THREAD),
              fixture_setup, test_stalled_stream_after_blocking, fixture_teardown);
  g_test_add ("/contexts/stalled-stream/cancel-async", Fixture,
              GUINT_TO_POINTER (END_BY_CANCEL_ASYNC),
              fixture_setup, test_stalled_stream_after_blocking, fixture_teardown);
  g_test_add ("/contexts/stalled-stream/timeout", Fixture,
              GUINT_TO_POINTER (END_BY_TIMEOUT),
              fixture_setup, test_stalled_stream_after_blocking, fixture_teardown);

  return g_test_run ();
}

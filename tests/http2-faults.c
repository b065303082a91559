// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* HTTP/2 faults against a scripted HTTP/2 server (tests/h2-fault-server.py,
 * run with the Python that has python3-h2): a stream reset
 * (RST_STREAM), a connection torn down (GOAWAY, then closed) and a stall,
 * each after two chunks of a stream or half of a JSON body. Each must end
 * promptly with the right error, after the chunks that arrived, and leave
 * the client working for the next request. A request refused before any
 * response (RST_STREAM(REFUSED_STREAM), graceful GOAWAY) may be sent again,
 * but only whole. Then sequences of blocking and asynchronous calls over
 * one HTTP/2 connection, nested and on several threads.
 *
 * Every test runs in a subprocess with a time limit, and every step of it
 * under a watchdog thread that aborts it when the step outlasts
 * STEP_LIMIT_S: a hang is a failure that names the step, never a stuck
 * test run. Diagnostics go to stderr (the server's log too). */

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <mistral-glib.h>

#include "test-utils.h"
#include "tls-front.h"

/* The client's timeout, in seconds. */
#define TIMEOUT_S 3
/* The longest a step may take before the watchdog calls it a hang; the
 * longest legitimate one is a stall, TIMEOUT_S. */
#define STEP_LIMIT_S 10
/* The time limit of one test's subprocess. */
#define TEST_LIMIT_S 15

#define MS (G_USEC_PER_SEC / 1000)

/* The watchdog ---------------------------------------------------------- */

/* A step of a test: it must end within STEP_LIMIT_S. Steps may nest, and
 * run at once on several threads. */
typedef struct {
  char *name;
  gint64 start;
  gint64 deadline;
} Step;

static GMutex guard_lock;
static GCond guard_cond;
static GPtrArray *guard_steps;  /* the steps running */
static GThread *guard_thread;

static gpointer
guard_main (gpointer user_data)
{
  g_mutex_lock (&guard_lock);
  for (;;)
    {
      Step *first = NULL;

      for (guint i = 0; i < guard_steps->len; i++)
        {
          Step *step = guard_steps->pdata[i];

          if (first == NULL || step->deadline < first->deadline)
            first = step;
        }
      if (first == NULL)
        g_cond_wait (&guard_cond, &guard_lock);
      else if (g_get_monotonic_time () >= first->deadline)
        {
          g_printerr ("HANG: step \"%s\" did not end within %d s: aborting\n", first->name, STEP_LIMIT_S);
          abort ();
        }
      else
        g_cond_wait_until (&guard_cond, &guard_lock, first->deadline);
    }
  return NULL;
}

/* Starts a step, under the watchdog, which aborts the process if it does
 * not end within STEP_LIMIT_S. */
static Step *
step_begin (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static Step *
step_begin (const char *format,
            ...)
{
  Step *step = g_new0 (Step, 1);
  va_list args;

  va_start (args, format);
  step->name = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("step: %s\n", step->name);
  step->start = g_get_monotonic_time ();
  step->deadline = step->start + STEP_LIMIT_S * G_USEC_PER_SEC;
  g_mutex_lock (&guard_lock);
  if (guard_thread == NULL)
    {
      guard_steps = g_ptr_array_new ();
      guard_thread = g_thread_new ("watchdog", guard_main, NULL);
    }
  g_ptr_array_add (guard_steps, step);
  g_cond_signal (&guard_cond);
  g_mutex_unlock (&guard_lock);

  return step;
}

/* Ends @step; returns how long it took, in µs. */
static gint64
step_end (Step *step)
{
  gint64 elapsed = g_get_monotonic_time () - step->start;

  g_mutex_lock (&guard_lock);
  g_ptr_array_remove (guard_steps, step);
  g_cond_signal (&guard_cond);
  g_mutex_unlock (&guard_lock);

  g_printerr ("step: %s: %" G_GINT64_FORMAT " ms\n", step->name, elapsed / MS);
  g_free (step->name);
  g_free (step);
  return elapsed;
}

/* The server -------------------------------------------------------------- */

static const char *
server_python (void)
{
  const char *python = g_getenv ("H2_FAULT_PYTHON");

  return python != NULL && *python != '\0' ? python : NULL;
}

typedef struct {
  GSubprocess *process;
  char *url;
} Server;

/* For the set-up: without it nothing else can be checked. */
static void
require (gboolean      ok,
         const GError *error,
         const char   *what)
{
  if (!ok || error != NULL)
    g_error ("%s failed: %s", what, error != NULL ? error->message : "(no error)");
}

static void
server_start (Server *server)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "h2-fault-server.py", NULL);
  g_autofree char *cert = test_pki_file ("server.pem");
  g_autofree char *key = test_pki_file ("server.key");
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  Step *start = step_begin ("start the server");

  /* stdin a pipe: the server exits when this process does, however. */
  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      server_python (), script, "--cert", cert, "--key", key, NULL);
  require (server->process != NULL, error, "starting tests/h2-fault-server.py");
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  require (server->url != NULL && g_str_has_prefix (server->url, "https://localhost:"), error,
           "reading the server's URL");
  step_end (start);
}

static void
server_stop (Server *server)
{
  g_autoptr(GError) error = NULL;
  Step *start = step_begin ("stop the server");

  g_subprocess_send_signal (server->process, SIGTERM);
  require (g_subprocess_wait (server->process, NULL, &error), error, "waiting for the server");
  g_clear_object (&server->process);
  g_clear_pointer (&server->url, g_free);
  step_end (start);
}

/* The client ------------------------------------------------------------ */

typedef struct {
  Server server;
  MistralClient *client;
  SoupSession *session;
  /* From whichever thread the session runs in: */
  GMutex lock;
  GPtrArray *messages;    /* every SoupMessage the session queued */
  guint n_restarts;       /* times libsoup restarted one on its own */
} Fixture;

static void
on_restarted (SoupMessage *message,
              Fixture     *fixture)
{
  g_mutex_lock (&fixture->lock);
  fixture->n_restarts++;
  g_mutex_unlock (&fixture->lock);
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   Fixture     *fixture)
{
  g_signal_connect (message, "restarted", G_CALLBACK (on_restarted), fixture);
  g_mutex_lock (&fixture->lock);
  g_ptr_array_add (fixture->messages, g_object_ref (message));
  g_mutex_unlock (&fixture->lock);
}

static guint
n_messages (Fixture *fixture)
{
  guint n;

  g_mutex_lock (&fixture->lock);
  n = fixture->messages->len;
  g_mutex_unlock (&fixture->lock);
  return n;
}

static void
fixture_setup (Fixture *fixture)
{
  g_autofree char *ca = test_pki_file ("ca.pem");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&fixture->lock);
  server_start (&fixture->server);
  database = g_tls_file_database_new (ca, &error);
  require (database != NULL, error, "loading the test CA");
  /* The client's own session, trusting the test CA: the client closes it
   * in its I/O thread, as an HTTP/2 session must be. */
  fixture->client = g_object_new (MISTRAL_TYPE_CLIENT,
                                  "api-key", "test-key",
                                  "base-url", fixture->server.url,
                                  "tls-database", database,
                                  "timeout", TIMEOUT_S,
                                  "max-retries", 0,
                                  NULL);
  fixture->session = mistral_client_get_session (fixture->client);
  fixture->messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (fixture->session, "request-queued", G_CALLBACK (on_request_queued), fixture);
}

static void
fixture_teardown (Fixture *fixture)
{
  for (guint i = 0; i < fixture->messages->len; i++)
    g_signal_handlers_disconnect_by_func (fixture->messages->pdata[i], on_restarted, fixture);
  g_signal_handlers_disconnect_by_func (fixture->session, on_request_queued, fixture);
  fixture->session = NULL;
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->messages, g_ptr_array_unref);
  g_mutex_clear (&fixture->lock);
  server_stop (&fixture->server);
}

/* Each message since @from went over HTTP/2, and libsoup restarted none. */
static void
assert_http2 (Fixture *fixture,
              guint    from)
{
  g_mutex_lock (&fixture->lock);
  g_assert_cmpuint (fixture->messages->len, >, from);
  for (guint i = from; i < fixture->messages->len; i++)
    g_assert_cmpint (soup_message_get_http_version (fixture->messages->pdata[i]), ==, SOUP_HTTP_2_0);
  g_assert_cmpuint (fixture->n_restarts, ==, 0);
  g_mutex_unlock (&fixture->lock);
}

/* Calls --------------------------------------------------------------------- */

static MistralChatCompletionRequest *
request_new (const char *model,
             const char *text)
{
  MistralChatCompletionRequest *request = mistral_chat_completion_request_new (model);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (text);

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  return request;
}

/* How a call is made. */
typedef enum {
  CALL_BLOCKING,        /* the blocking API, on this thread */
  CALL_ASYNC,           /* async, on a private main context pushed for it */
  CALL_ASYNC_DEFAULT,   /* async, on the global default main context */
  CALL_PULL,            /* a stream pulled with blocking next_chunk() (plain: blocking) */
  CALL_THREAD,          /* the blocking API, on a thread of its own */
} CallMode;

static const char *mode_names[] = { "blocking", "async", "async-default", "pull", "thread" };

typedef struct {
  GMainContext *context;
  GAsyncResult *result;
} AsyncWait;

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  /* In the context the call was made in. */
  g_assert_true (g_main_context_is_owner (wait->context));
  wait->result = g_object_ref (result);
  g_main_context_wakeup (wait->context);
}

/* The context an async call of @mode is made in: pushed as the thread
 * default for CALL_ASYNC. */
static void
async_begin (AsyncWait *wait,
             CallMode   mode)
{
  wait->result = NULL;
  if (mode == CALL_ASYNC)
    {
      wait->context = g_main_context_new ();
      g_main_context_push_thread_default (wait->context);
    }
  else
    wait->context = g_main_context_ref (g_main_context_default ());
}

/* Iterates @wait's context until the call is done. */
static GAsyncResult *
async_wait (AsyncWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (wait->context, TRUE);
  return wait->result;
}

static void
async_end (AsyncWait *wait)
{
  /* What the call left in its context (cancelled sources) runs now. */
  while (g_main_context_iteration (wait->context, FALSE));
  if (wait->context != g_main_context_default ())
    g_main_context_pop_thread_default (wait->context);
  g_clear_object (&wait->result);
  g_clear_pointer (&wait->context, g_main_context_unref);
}

typedef struct {
  guint n_chunks;
  GString *text;
} Chunks;

static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          Chunks                      *chunks)
{
  const char *content = test_delta_text (chunk);

  chunks->n_chunks++;
  g_string_append (chunks->text, content != NULL ? content : "");
}

/* One call, plain or streamed. */
typedef struct {
  MistralClient *client;
  const char *model;
  const char *text;
  CallMode mode;
  gboolean streamed;
  Chunks *chunks;                        /* streamed: counted by the signal */
  MistralChatCompletionStream *stream;   /* streamed: kept, for its partial response */
  MistralChatCompletionResponse *response;
  GError *error;
} Call;

static void
call_run_here (Call *call)
{
  g_autoptr(MistralChatCompletionRequest) request = request_new (call->model, call->text);
  CallMode mode = call->mode == CALL_THREAD ? CALL_BLOCKING : call->mode;
  AsyncWait wait = { NULL, NULL };

  if (!call->streamed)
    {
      if (mode == CALL_ASYNC || mode == CALL_ASYNC_DEFAULT)
        {
          async_begin (&wait, mode);
          mistral_client_chat_completion_async (call->client, request, NULL, on_async_done, &wait);
          call->response = mistral_client_chat_completion_finish (call->client, async_wait (&wait), &call->error);
          async_end (&wait);
        }
      else
        call->response = mistral_client_chat_completion (call->client, request, NULL, &call->error);
      return;
    }

  call->stream = mistral_client_chat_completion_stream (call->client, request);
  call->chunks->n_chunks = 0;
  g_string_truncate (call->chunks->text, 0);
  g_signal_connect (call->stream, "chunk", G_CALLBACK (on_chunk), call->chunks);
  switch (mode)
    {
    case CALL_ASYNC:
    case CALL_ASYNC_DEFAULT:
      async_begin (&wait, mode);
      mistral_chat_completion_stream_run_async (call->stream, NULL, on_async_done, &wait);
      call->response = mistral_chat_completion_stream_run_finish (call->stream, async_wait (&wait), &call->error);
      async_end (&wait);
      break;
    case CALL_PULL:
      {
        MistralCompletionChunk *chunk;

        while ((chunk = mistral_chat_completion_stream_next_chunk (call->stream, NULL, &call->error)) != NULL)
          g_object_unref (chunk);
        if (call->error == NULL)
          call->response = g_object_ref (mistral_chat_completion_stream_get_response (call->stream));
      }
      break;
    case CALL_BLOCKING:
    case CALL_THREAD:
    default:
      call->response = mistral_chat_completion_stream_run (call->stream, NULL, &call->error);
      break;
    }
  g_signal_handlers_disconnect_by_func (call->stream, on_chunk, call->chunks);
}

static gpointer
call_thread (gpointer data)
{
  call_run_here (data);
  return NULL;
}

/* Makes @call (on a thread of its own for CALL_THREAD, joined). */
static void
call_run (Call *call)
{
  if (call->mode == CALL_THREAD)
    g_thread_join (g_thread_new ("call", call_thread, call));
  else
    call_run_here (call);
}

static void
call_clear (Call *call)
{
  g_clear_object (&call->stream);
  g_clear_object (&call->response);
  g_clear_error (&call->error);
}

static const char *
reply_text (MistralChatCompletionResponse *response)
{
  MistralAssistantMessage *message = mistral_chat_completion_response_get_assistant_message (response);

  return message != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message)) : NULL;
}

static const char *
error_domain_name (const GError *error)
{
  return error != NULL ? g_quark_to_string (error->domain) : "(none)";
}

static const char *
error_code_name (const GError *error)
{
  if (error != NULL && error->domain == MISTRAL_ERROR)
    {
      GEnumClass *klass = g_type_class_ref (MISTRAL_TYPE_ERROR);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      g_type_class_unref (klass);
      if (value != NULL)
        return value->value_name;
    }
  return "";
}

static void
report_error (const char   *what,
              const GError *error,
              gint64        elapsed)
{
  g_printerr ("result: %s: %s %d %s \"%s\" after %" G_GINT64_FORMAT " ms\n", what,
              error_domain_name (error), error != NULL ? error->code : 0, error_code_name (error),
              error != NULL ? error->message : "(no error)", elapsed / MS);
}

/* An h2-ok call echoing @text, plain or streamed (3 chunks), promptly and
 * over HTTP/2. */
static void
assert_ok (Fixture    *fixture,
           gboolean    streamed,
           const char *text,
           CallMode    mode,
           const char *when)
{
  g_autofree char *expected = g_strconcat ("Echo: ", text, NULL);
  Chunks chunks = { 0, g_string_new (NULL) };
  Call call = { fixture->client, "h2-ok", text, mode, streamed, &chunks, NULL, NULL, NULL };
  guint from = n_messages (fixture);
  Step *start;
  gint64 elapsed;

  start = step_begin ("%s: h2-ok %s %s", when, mode_names[mode], streamed ? "stream" : "plain");
  call_run (&call);
  elapsed = step_end (start);
  g_assert_no_error (call.error);
  g_assert_nonnull (call.response);
  if (call.response != NULL)
    {
      g_assert_cmpstr (reply_text (call.response), ==, expected);
      g_assert_nonnull (mistral_chat_completion_response_get_usage (call.response));
    }
  if (streamed)
    {
      g_assert_cmpuint (chunks.n_chunks, ==, 3);
      g_assert_cmpstr (chunks.text->str, ==, expected);
    }
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  assert_http2 (fixture, from);

  call_clear (&call);
  g_string_free (chunks.text, TRUE);
}

/* The faults ------------------------------------------------------------ */

typedef struct {
  const char *model;
  int code;              /* of MISTRAL_ERROR */
  gboolean stall;        /* ends by the timeout, not at once */
  gboolean streamed;
  CallMode mode;
} Fault;

/* How long after the start a fault must have ended the call. */
static void
assert_fault_timing (const Fault *fault,
                     gint64       elapsed)
{
  if (fault->stall)
    {
      /* The timeout, not earlier, and not much later. */
      g_assert_cmpint (elapsed, >=, TIMEOUT_S * G_USEC_PER_SEC - 50 * MS);
      g_assert_cmpint (elapsed, <, TIMEOUT_S * G_USEC_PER_SEC + 1500 * MS);
    }
  else
    {
      /* The fault comes 100 ms after the data: the call must end on it,
       * well before the timeout would end it. */
      g_assert_cmpint (elapsed, >=, 50 * MS);
      g_assert_cmpint (elapsed, <, 1500 * MS);
    }
}

static void
run_fault (const Fault *fault)
{
  Fixture fixture = { 0 };
  Chunks chunks = { 0, g_string_new (NULL) };
  Call call = { NULL, fault->model, "Hello", fault->mode, fault->streamed, &chunks, NULL, NULL, NULL };
  CallMode other = fault->mode == CALL_BLOCKING ? CALL_ASYNC : CALL_BLOCKING;
  guint from;
  Step *start;
  gint64 elapsed;

  fixture_setup (&fixture);
  call.client = fixture.client;

  /* A first request, so that the fault hits a connection that already
   * served one (as an application's would). */
  assert_ok (&fixture, FALSE, "warm-up", fault->mode, "before");

  from = n_messages (&fixture);
  start = step_begin ("%s %s %s", fault->model, mode_names[fault->mode], fault->streamed ? "stream" : "plain");
  call_run (&call);
  elapsed = step_end (start);
  report_error (fault->model, call.error, elapsed);
  g_assert_null (call.response);
  g_assert_error (call.error, MISTRAL_ERROR, fault->code);
  assert_fault_timing (fault, elapsed);
  if (fault->streamed)
    {
      MistralChatCompletionResponse *partial = mistral_chat_completion_stream_get_response (call.stream);

      /* After exactly the two chunks that arrived, which the partial
       * response holds. */
      g_assert_cmpuint (chunks.n_chunks, ==, 2);
      g_assert_cmpstr (chunks.text->str, ==, "Echo: Hello");
      g_assert_nonnull (partial);
      if (partial != NULL)
        g_assert_cmpstr (reply_text (partial), ==, "Echo: Hello");
    }
  assert_http2 (&fixture, from);
  call_clear (&call);
  g_string_free (chunks.text, TRUE);

  /* The same client goes on working, called the same way and another. */
  assert_ok (&fixture, TRUE, "after the fault", fault->mode, "after");
  assert_ok (&fixture, FALSE, "after the fault", fault->mode, "after");
  assert_ok (&fixture, TRUE, "and the other way", other, "after");
  assert_ok (&fixture, FALSE, "and the other way", other, "after");

  fixture_teardown (&fixture);
}

/* A request refused before any response (RST_STREAM(REFUSED_STREAM), or
 * a graceful GOAWAY below its stream): it was not processed, so it may be
 * sent again (libsoup does so on its own) and then succeeds, or fail with
 * MISTRAL_ERROR_NETWORK; but whatever is sent again must be the same
 * request, body included (the server answers 400 otherwise). */
static void
run_refused (const Fault *fault)
{
  Fixture fixture = { 0 };
  Chunks chunks = { 0, g_string_new (NULL) };
  Call call = { NULL, fault->model, "Hello", fault->mode, fault->streamed, &chunks, NULL, NULL, NULL };
  guint from, restarts;
  Step *start;
  gint64 elapsed;

  fixture_setup (&fixture);
  call.client = fixture.client;
  assert_ok (&fixture, FALSE, "warm-up", fault->mode, "before");

  from = n_messages (&fixture);
  start = step_begin ("%s %s %s", fault->model, mode_names[fault->mode], fault->streamed ? "stream" : "plain");
  call_run (&call);
  elapsed = step_end (start);
  report_error (fault->model, call.error, elapsed);
  g_mutex_lock (&fixture.lock);
  restarts = fixture.n_restarts;
  fixture.n_restarts = 0;
  g_mutex_unlock (&fixture.lock);
  g_printerr ("result: %s: libsoup restarted the request %u time(s)\n", fault->model, restarts);
  g_assert_cmpuint (restarts, <=, 1);
  if (call.error == NULL)
    {
      g_assert_nonnull (call.response);
      if (call.response != NULL)
        g_assert_cmpstr (reply_text (call.response), ==, "Echo: Hello");
      if (fault->streamed)
        g_assert_cmpuint (chunks.n_chunks, ==, 3);
    }
  else
    {
      g_assert_error (call.error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK);
      g_assert_cmpuint (chunks.n_chunks, ==, 0);
    }
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  assert_http2 (&fixture, from);
  call_clear (&call);
  g_string_free (chunks.text, TRUE);

  assert_ok (&fixture, TRUE, "after the refusal", fault->mode, "after");
  assert_ok (&fixture, FALSE, "after the refusal", fault->mode, "after");

  fixture_teardown (&fixture);
}

/* Sequences of blocking and asynchronous calls on one client, over one
 * HTTP/2 connection: the ones that used to hang. */
static void
run_mixed (void)
{
  static const struct {
    gboolean streamed;
    CallMode mode;
  } steps[] = {
    /* A blocking plain call, a blocking stream, then async calls on a
     * private main context, */
    { FALSE, CALL_BLOCKING },
    { TRUE,  CALL_BLOCKING },
    { FALSE, CALL_ASYNC },
    { TRUE,  CALL_ASYNC },
    /* and back, */
    { TRUE,  CALL_BLOCKING },
    { FALSE, CALL_BLOCKING },
    { TRUE,  CALL_ASYNC },
    /* a stream pulled chunk by chunk after a blocking call, */
    { FALSE, CALL_BLOCKING },
    { TRUE,  CALL_PULL },
    /* async on the global default context after blocking calls, */
    { TRUE,  CALL_ASYNC_DEFAULT },
    { FALSE, CALL_ASYNC_DEFAULT },
    { TRUE,  CALL_BLOCKING },
    /* blocking calls on other threads in between, */
    { TRUE,  CALL_THREAD },
    { FALSE, CALL_BLOCKING },
    { FALSE, CALL_THREAD },
    { TRUE,  CALL_BLOCKING },
    { TRUE,  CALL_ASYNC },
    { TRUE,  CALL_PULL },
  };
  Fixture fixture = { 0 };

  fixture_setup (&fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *when = g_strdup_printf ("%" G_GSIZE_FORMAT, i + 1);
      g_autofree char *text = g_strdup_printf ("step %" G_GSIZE_FORMAT, i + 1);

      assert_ok (&fixture, steps[i].streamed, text, steps[i].mode, when);
    }
  fixture_teardown (&fixture);
}

/* Tests: each in a subprocess with a time limit ----------------------- */

static gboolean
skip_if_no_server (void)
{
  if (server_python () == NULL)
    {
      g_test_skip ("H2_FAULT_PYTHON is not set (a Python with the h2 module, see tests/meson.build)");
      return TRUE;
    }
  return FALSE;
}

static void
run_in_subprocess (void)
{
  g_test_trap_subprocess (NULL, TEST_LIMIT_S * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  /* A failure, not an abort: the other tests still run. */
  if (g_test_trap_reached_timeout ())
    g_test_fail_printf ("the test did not end within %d s", TEST_LIMIT_S);
  else if (!g_test_trap_has_passed ())
    g_test_fail_printf ("the test failed: its stderr is above");
}

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;

  if (g_test_subprocess ())
    {
      if (g_str_has_suffix (fault->model, "-once"))
        run_refused (fault);
      else
        run_fault (fault);
    }
  else if (!skip_if_no_server ())
    run_in_subprocess ();
}

static void
test_mixed (void)
{
  if (g_test_subprocess ())
    run_mixed ();
  else if (!skip_if_no_server ())
    run_in_subprocess ();
}

static void
test_ok (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      Fixture fixture = { 0 };
      CallMode mode = GPOINTER_TO_INT (data);

      fixture_setup (&fixture);
      assert_ok (&fixture, TRUE, "Hello", mode, "ok");
      assert_ok (&fixture, FALSE, "Hello", mode, "ok");
      fixture_teardown (&fixture);
    }
  else if (!skip_if_no_server ())
    run_in_subprocess ();
}

/* A blocking call made from a handler of an async stream's chunk signal,
 * while that stream is open on the same connection. */
typedef struct {
  Fixture *fixture;
  guint n_nested;
} Nested;

static void
on_chunk_call_blocking (MistralChatCompletionStream *stream,
                        MistralCompletionChunk      *chunk,
                        Nested                      *nested)
{
  if (nested->n_nested++ == 0)
    assert_ok (nested->fixture, FALSE, "nested", CALL_BLOCKING, "in a chunk handler");
}

typedef struct {
  Fixture *fixture;
  CallMode mode;
} Concurrent;

static gpointer
concurrent_thread (gpointer data)
{
  Concurrent *concurrent = data;

  assert_ok (concurrent->fixture, TRUE, "from a thread", concurrent->mode, "concurrently");
  return NULL;
}

static void
run_nested (void)
{
  Fixture fixture = { 0 };
  Nested nested = { &fixture, 0 };
  Concurrent concurrent = { &fixture, CALL_BLOCKING };
  g_autoptr(MistralChatCompletionRequest) request = request_new ("h2-ok", "outer");
  g_autoptr(MistralChatCompletionStream) outer = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { NULL, NULL };
  GThread *thread;
  Step *start;

  fixture_setup (&fixture);
  assert_ok (&fixture, FALSE, "first", CALL_BLOCKING, "before");

  /* An async stream on the default context, with a blocking call inside
   * its first chunk's handler. */
  outer = mistral_client_chat_completion_stream (fixture.client, request);
  g_signal_connect (outer, "chunk", G_CALLBACK (on_chunk_call_blocking), &nested);
  start = step_begin ("async-default stream with a blocking call in its handler");
  async_begin (&wait, CALL_ASYNC_DEFAULT);
  mistral_chat_completion_stream_run_async (outer, NULL, on_async_done, &wait);
  response = mistral_chat_completion_stream_run_finish (outer, async_wait (&wait), &error);
  async_end (&wait);
  step_end (start);
  g_assert_no_error (error);
  g_assert_cmpuint (nested.n_nested, ==, 3);
  if (response != NULL)
    g_assert_cmpstr (reply_text (response), ==, "Echo: outer");

  /* A blocking stream on another thread while this one runs an async
   * stream on the default context, then the other way round. */
  for (guint i = 0; i < 2; i++)
    {
      concurrent.mode = i == 0 ? CALL_THREAD : CALL_ASYNC;
      start = step_begin ("concurrent streams %u", i);
      if (i == 0)
        {
          thread = g_thread_new ("concurrent", concurrent_thread, &concurrent);
          assert_ok (&fixture, TRUE, "here", CALL_ASYNC_DEFAULT, "concurrently");
        }
      else
        {
          /* The thread's async call runs on a context it pushes. */
          thread = g_thread_new ("concurrent", concurrent_thread, &concurrent);
          assert_ok (&fixture, TRUE, "here", CALL_BLOCKING, "concurrently");
        }
      g_thread_join (thread);
      step_end (start);
    }

  assert_ok (&fixture, TRUE, "last", CALL_BLOCKING, "after");
  fixture_teardown (&fixture);
}

static void
test_nested (void)
{
  if (g_test_subprocess ())
    run_nested ();
  else if (!skip_if_no_server ())
    run_in_subprocess ();
}

/* The test PKI is made once, for all the subprocesses, in a directory of
 * this process's (unless $MISTRAL_TEST_PKI names one). */
static char *own_pki_dir;

static void
pki_share (void)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("MISTRAL_TEST_PKI") != NULL)
    return;
  own_pki_dir = g_dir_make_tmp ("mistral-h2-faults-pki-XXXXXX", &error);
  require (own_pki_dir != NULL, error, "making a directory for the test PKI");
  g_setenv ("MISTRAL_TEST_PKI", own_pki_dir, TRUE);
}

static void
pki_remove (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (own_pki_dir == NULL)
    return;
  dir = g_dir_open (own_pki_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (own_pki_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (own_pki_dir);
  g_clear_pointer (&own_pki_dir, g_free);
}

/* libsoup 3.2 (and its sources up to now) keeps the error of a RST_STREAM,
 * or of a GOAWAY with an error, that comes after the response headers on
 * its side (set_http2_error_for_data() in soup-client-message-io-http2.c):
 * the body stream it handed out is never told, and waits for more data. So
 * to the library these faults look like a server that stopped sending, and
 * end the same way, by the timeout (the stream's idle timeout, or the
 * request's), after the chunks that arrived. Should libsoup report them,
 * these cases fail: they become MISTRAL_ERROR_NETWORK, at once. */
static const Fault faults[] = {
  { "h2-rst",    MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_BLOCKING },
  { "h2-rst",    MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_ASYNC },
  { "h2-rst",    MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_BLOCKING },
  { "h2-rst",    MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_ASYNC },
  { "h2-goaway", MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_BLOCKING },
  { "h2-goaway", MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_ASYNC },
  { "h2-goaway", MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_BLOCKING },
  { "h2-goaway", MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_ASYNC },
  { "h2-stall",  MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_BLOCKING },
  { "h2-stall",  MISTRAL_ERROR_TIMEOUT, TRUE,  TRUE,  CALL_ASYNC },
  { "h2-stall",  MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_BLOCKING },
  { "h2-stall",  MISTRAL_ERROR_TIMEOUT, TRUE,  FALSE, CALL_ASYNC },
  /* (the code is not used: success and MISTRAL_ERROR_NETWORK both do) */
  { "h2-refuse-once", MISTRAL_ERROR_NETWORK, FALSE, TRUE,  CALL_BLOCKING },
  { "h2-refuse-once", MISTRAL_ERROR_NETWORK, FALSE, FALSE, CALL_BLOCKING },
  { "h2-goaway-once", MISTRAL_ERROR_NETWORK, FALSE, TRUE,  CALL_ASYNC },
  { "h2-goaway-once", MISTRAL_ERROR_NETWORK, FALSE, FALSE, CALL_ASYNC },
};

int
main (int argc, char **argv)
{
  int status;

  /* Before any thread: setenv is not thread-safe. */
  if (!g_strv_contains ((const char * const *) argv, "--GTestSubprocess"))
    pki_share ();
  g_test_init (&argc, &argv, NULL);
  /* A failed check does not stop the test (nor a failed test the others):
   * after a fault, whether the next requests work is worth knowing even
   * when the error was not the one expected. A child still aborts on a
   * critical, and on the watchdog. */
  g_test_set_nonfatal_assertions ();

  g_test_add_data_func ("/http2-faults/ok/blocking", GINT_TO_POINTER (CALL_BLOCKING), test_ok);
  g_test_add_data_func ("/http2-faults/ok/async", GINT_TO_POINTER (CALL_ASYNC), test_ok);
  for (gsize i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/http2-faults/%s/%s/%s", faults[i].model + 3,
                                               faults[i].streamed ? "stream" : "plain",
                                               mode_names[faults[i].mode]);

      g_test_add_data_func (path, &faults[i], test_fault);
    }
  g_test_add_func ("/http2-faults/mixed/sequences", test_mixed);
  g_test_add_func ("/http2-faults/mixed/nested-and-concurrent", test_nested);

  status = g_test_run ();
  pki_remove ();
  return status;
}

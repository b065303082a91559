// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A broken or hostile server: every reply here is one the API never sends.
 * Each ends in a clear GError (domain, code, and a message that says what
 * was wrong), never a crash, a hang or unbounded memory. response-json.c
 * has the wrong-type corpus for the parser alone; these go over HTTP,
 * through both the plain and the streamed path. */

#include <pthread.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  test_http_setup (fixture, data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Whatever the server did, the client gave every connection back. */
  if (fixture->server != NULL)
    g_assert_true (mock_server_wait_open_connections (fixture->server, 2, 5000));
  test_http_teardown (fixture, data);
}

/* Sends a plain request answered by @reply (consumed). */
static MistralChatCompletionResponse *
chat (Fixture    *fixture,
      MockReply  *reply,
      GError    **error)
{
  if (reply != NULL)
    mock_server_push_reply (fixture->server, reply);
  return test_chat (fixture->client, "Hi", FALSE, NULL, error);
}

/* Runs a stream answered by @reply (consumed). */
static MistralChatCompletionResponse *
stream (Fixture       *fixture,
        MockReply     *reply,
        guint         *n_chunks,
        GError       **error)
{
  if (reply != NULL)
    mock_server_push_reply (fixture->server, reply);
  return test_chat (fixture->client, "Hi", TRUE, n_chunks, error);
}

/* The error is what was expected, and its message is readable text that
 * contains @needle. */
static void
assert_error (const GError *error,
              GQuark        domain,
              int           code,
              const char   *needle)
{
  g_test_message ("-> %s", error != NULL ? error->message : "(no error)");
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 1024);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

/* Not JSON, or not the JSON promised ---------------------------------------- */

static void
test_not_json (Fixture       *fixture,
               gconstpointer  data)
{
  /* The bodies are in tests/fixtures/hostile/reply/. */
  static const struct { const char *content_type; const char *name; const char *needle; } cases[] = {
    { "text/plain", "not-json-plain-text", "not JSON" },
    { "application/json", "not-json-cut-object", "not JSON" },
    { "application/json", "not-json-extra-brace", "not JSON" },
    { "application/json", "not-json-cut-array", "not JSON" },
    { "application/json", "not-json-cut-literal", "not JSON" },
    { "application/json", "not-json-whitespace", NULL },
    { "text/html", "not-json-nginx-page", "not JSON" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = test_hostile_input ("reply", cases[i].name);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = chat (fixture, test_reply_body (200, cases[i].content_type, body), &error);
      g_assert_null (response);
      assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, cases[i].needle);
      g_assert_true (g_str_has_prefix (error->message, "Invalid response"));
    }
}

/* The wrong types at every level of a reply, over HTTP; the message names
 * where. (response-json.c has more, for the parser alone.) */
static void
test_wrong_shape (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The bodies are in tests/fixtures/hostile/reply/. */
  static const struct { const char *name; const char *where; } cases[] = {
    { "wrong-shape-null", "response" },
    { "wrong-shape-true", "response" },
    { "wrong-shape-string", "response" },
    { "wrong-shape-object-field", "object" },
    { "wrong-shape-choice-null", "choices[0]" },
    { "wrong-shape-message-array", "choices[1].message" },
    { "wrong-shape-index-fraction", "choices[0].index" },
    { "wrong-shape-index-too-large", "choices[0].index" },
    { "wrong-shape-image-url-number", "content[0].image_url" },
    { "wrong-shape-reference-ids-string", "content[0]" },
    { "wrong-shape-thinking-text-number", "content[0].thinking[0]" },
    { "wrong-shape-thinking-object", "content[0]" },
    { "wrong-shape-thinking-closed-string", "content[0]" },
    { "wrong-shape-tool-call-index-string", "tool_calls[0].index" },
    { "wrong-shape-tool-call-index-negative", "tool_calls[0].index" },
    { "wrong-shape-tool-call-null", "tool_calls[0]" },
    { "wrong-shape-usage-tokens-fraction", "usage.completion_tokens" },
    { "wrong-shape-usage-seconds-string", "usage.prompt_audio_seconds" },
    { "wrong-shape-usage-true", "usage" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = test_hostile_input ("reply", cases[i].name);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = chat (fixture, mock_reply_new_json (200, json), &error);
      g_assert_null (response);
      assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, cases[i].where);
    }
}

/* The same for stream events: the chunks before the bad one were given. */
static void
test_wrong_shape_stream (Fixture       *fixture,
                         gconstpointer  data)
{
  /* The events are in tests/fixtures/hostile/event/. */
  static const struct { const char *name; const char *where; } cases[] = {
    { "wrong-shape-not-json", NULL },
    { "wrong-shape-null", NULL },
    { "wrong-shape-array", NULL },
    { "wrong-shape-number", NULL },
    { "wrong-shape-choices-string", "choices" },
    { "wrong-shape-choice-number", "choices[0]" },
    { "wrong-shape-delta-string", "choices[0].delta" },
    { "wrong-shape-content-number", "content" },
    { "wrong-shape-arguments-array", "arguments" },
    { "wrong-shape-finish-reason-number", "finish_reason" },
    { "wrong-shape-usage-negative", "usage.prompt_tokens" },
    { "wrong-shape-id-array", "id" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *event = test_hostile_input ("event", cases[i].name);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      guint n_chunks;

      response = stream (fixture, test_reply_events (TEST_EVENT ("Fine"), event, TEST_LAST_EVENT, NULL), &n_chunks, &error);
      g_assert_null (response);
      assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, cases[i].where);
      g_assert_cmpuint (n_chunks, ==, 1);
    }
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The bodies are in tests/fixtures/hostile/reply/. */
  static const char *names[] = {
    "invalid-utf8-latin1",              /* Latin-1 */
    "invalid-utf8-broken-pair",         /* a broken pair */
    "invalid-utf8-surrogate",           /* a UTF-16 surrogate */
    "invalid-utf8-overlong",            /* overlong "/" */
    "invalid-utf8-past-max",            /* past U+10FFFF */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *body = test_hostile_input ("reply", names[i]);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      guint n_chunks;

      response = chat (fixture, test_reply_body (200, "application/json", body), &error);
      g_assert_null (response);
      assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "UTF-8");
      g_clear_error (&error);

      response = stream (fixture, test_reply_events (TEST_EVENT ("Fine"), body, TEST_LAST_EVENT, NULL), &n_chunks, &error);
      g_assert_null (response);
      assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "UTF-8");
      g_assert_cmpuint (n_chunks, ==, 1);
    }

  /* In an error body: the status still wins, and the message is made
   * readable rather than passed on broken. */
  {
    g_autofree char *body = test_hostile_input ("error-body", "invalid-utf8-text");
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    MockReply *reply = test_reply_body (401, "text/plain", body);

    mock_reply_set_validate (reply, FALSE);
    response = chat (fixture, reply, &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED, "Bad key");
    g_assert_nonnull (strstr (error->message, "(HTTP 401)"));
  }
}

/* Size ------------------------------------------------------------------------ */

#define MiB (1024 * 1024)

static char *
reply_with_content (gsize content_size)
{
  GString *json = g_string_sized_new (content_size + 256);

  g_string_append (json, "{\"id\":\"big\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                         "\"message\":{\"role\":\"assistant\",\"content\":\"");
  for (gsize i = 0; i < content_size; i++)
    g_string_append_c (json, 'a' + i % 26);
  g_string_append (json, "\"},\"finish_reason\":\"length\"}]}");
  return g_string_free (json, FALSE);
}

/* A reply is read whole up to 32 MiB (far more than any chat reply); past
 * that it is refused without being buffered, whether the size is announced
 * (Content-Length) or not (chunked). */
static void
test_huge_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *huge = reply_with_content (50 * MiB);
  g_autofree char *large = reply_with_content (16 * MiB);
  gint64 start;

  /* 50 MB announced. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    start = g_get_monotonic_time ();
    response = chat (fixture, mock_reply_new_json (200, huge), &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "larger than 32 MiB");
    g_test_message ("50 MB with Content-Length: refused in %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - start) / 1000);
  }

  /* 50 MB in 1 MiB chunks, size unknown until the end. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    MockReply *reply = mock_reply_new_stream ();
    gsize length = strlen (huge);

    for (gsize offset = 0; offset < length; offset += MiB)
      {
        g_autofree char *piece = g_strndup (huge + offset, MIN (MiB, length - offset));

        mock_reply_add_raw (reply, piece);
      }
    mock_reply_set_done (reply, FALSE);
    start = g_get_monotonic_time ();
    response = chat (fixture, reply, &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "larger than 32 MiB");
    g_test_message ("50 MB chunked: refused in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  }

  /* 16 MiB of content is large but allowed: parsed, not refused. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    start = g_get_monotonic_time ();
    response = chat (fixture, mock_reply_new_json (200, large), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (test_reply_text (response)), ==, 16 * MiB);
    g_test_message ("16 MiB reply parsed in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  }

  /* And a huge error page ends in a short message. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *page = g_strnfill (MiB, 'x');

    response = chat (fixture, test_reply_body (500, "text/html", page), &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER, "(HTTP 500)");
  }
}

/* Nesting ------------------------------------------------------------------------ */

static void
assert_too_deep (const GError *error)
{
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "nested deeper than 512");
}

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *arrays = nested (10000, "[", "", "]");
  g_autofree char *objects = nested (10000, "{\"a\":", "1", "}");
  g_autofree char *very_deep = nested (100000, "[", "", "]");
  g_autofree char *just_over = nested (512, "[", "", "]");
  g_autofree char *in_member = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *allowed_inner = nested (500, "[", "", "]");
  g_autofree char *strings = nested (10000, "\"[\",", "", "");
  const char *texts[4];

  in_member = g_strdup_printf ("{\"id\":\"x\",\"choices\":[],\"extra\":%s}", arrays);
  texts[0] = arrays;
  texts[1] = objects;
  texts[2] = very_deep;
  texts[3] = in_member;
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = chat (fixture, mock_reply_new_json (200, texts[i]), &error);
      g_assert_null (response);
      assert_too_deep (error);
    }

  /* 513 levels (the object, then 512 arrays) is one too many. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *json = g_strdup_printf ("{\"choices\":%s}", just_over);

    response = chat (fixture, mock_reply_new_json (200, json), &error);
    g_assert_null (response);
    assert_too_deep (error);
  }

  /* Below it, a deep unknown content chunk is kept as it came. Brackets
   * inside strings do not count. */
  allowed = g_strdup_printf ("{\"id\":\"deep\",\"strings\":[%s\"\"],\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                             "\"content\":[{\"type\":\"text\",\"text\":\"ok\"},{\"type\":\"hologram\",\"layers\":%s}]},"
                             "\"finish_reason\":\"stop\"}]}", strings, allowed_inner);
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    response = chat (fixture, mock_reply_new_json (200, allowed), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mistral_chat_completion_response_get_id (response), ==, "deep");
    g_assert_cmpstr (test_reply_text (response), ==, "ok");
  }

  /* In an error body: the status is what counts. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    MockReply *reply = mock_reply_new_json (401, very_deep);

    mock_reply_set_validate (reply, FALSE);
    response = chat (fixture, reply, &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED, "(HTTP 401)");
  }

  /* In a stream event. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    guint n_chunks;

    response = stream (fixture, test_reply_events (TEST_EVENT ("Fine"), very_deep, TEST_LAST_EVENT, NULL),
                       &n_chunks, &error);
    g_assert_null (response);
    assert_too_deep (error);
    g_assert_cmpuint (n_chunks, ==, 1);
  }

  /* And for the parser on its own. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (mistral_chat_completion_response_new_from_string (very_deep, &error));
    assert_too_deep (error);
  }
}

typedef struct {
  Fixture *fixture;
  const char *body;
  GError *error;
  gboolean done;
} SmallStack;

static void *
small_stack_thread (void *user_data)
{
  SmallStack *run = user_data;
  g_autoptr(MistralChatCompletionResponse) response = NULL;

  response = chat (run->fixture, mock_reply_new_json (200, run->body), &run->error);
  run->done = response == NULL;
  return NULL;
}

/* A desktop app may well call the blocking API from a thread with a
 * small stack: 10,000 levels must not overflow 256 KiB (json-glib alone
 * would need about 1 MiB). */
static void
test_deep_nesting_small_stack (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *arrays = nested (10000, "[", "", "]");
  SmallStack run = { fixture, arrays, NULL, FALSE };
  pthread_attr_t attr;
  pthread_t thread;

  g_assert_cmpint (pthread_attr_init (&attr), ==, 0);
  g_assert_cmpint (pthread_attr_setstacksize (&attr, 256 * 1024), ==, 0);
  g_assert_cmpint (pthread_create (&thread, &attr, small_stack_thread, &run), ==, 0);
  g_assert_cmpint (pthread_join (thread, NULL), ==, 0);
  pthread_attr_destroy (&attr);

  g_assert_true (run.done);
  assert_too_deep (run.error);
  g_clear_error (&run.error);
}

/* Streams -------------------------------------------------------------------------- */

/* An event of 10 MB: past the parser's 8 MiB bound, the stream ends with
 * an error after the chunks before it. */
static void
test_sse_long_line (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *filler = g_strnfill (10 * MiB, 'x');
  g_autofree char *event = g_strdup_printf (TEST_F3_HEAD "{\"content\":\"%s\"},\"finish_reason\":null}]}", filler);
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint n_chunks;

  response = stream (fixture, test_reply_events (TEST_EVENT ("Fine"), event, TEST_LAST_EVENT, NULL),
                     &n_chunks, &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "Event stream");
  g_assert_cmpuint (n_chunks, ==, 1);
}

typedef struct {
  GCancellable *cancellable;
  guint after;
} CancelOnChunk;

static void
cancel_on_chunk (MistralChatCompletionStream *stream,
                 MistralCompletionChunk      *chunk,
                 CancelOnChunk               *cancel)
{
  if (--cancel->after == 0)
    g_cancellable_cancel (cancel->cancellable);
}

typedef struct {
  GCancellable *cancellable;
  guint *n_chunks;      /* wait for the first chunk first, or NULL */
  gint64 cancelled_at;
} CancelLater;

/* Cancels 500 ms after the first chunk (or the start): under valgrind the
 * stream alone can take longer than that to get going. */
static gpointer
cancel_later (gpointer user_data)
{
  CancelLater *later = user_data;

  for (guint i = 0; later->n_chunks != NULL && i < 10000 && g_atomic_int_get (later->n_chunks) == 0; i++)
    g_usleep (1000);
  g_usleep (500 * 1000);
  later->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (later->cancellable);
  return NULL;
}

/* A stream that never sends [DONE] ends when the caller cancels, and when
 * it falls silent for longer than the timeout. */
static void
test_endless_stream (Fixture       *fixture,
                     gconstpointer  data)
{
  for (guint mode = 0; mode < 3; mode++)
    {
      g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
      g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (fixture->client, request);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GThread) thread = NULL;
      MockReply *reply = mock_reply_new_stream ();
      CancelOnChunk cancel = { cancellable, 30 };
      guint n_chunks = 0;

      /* 10,000 events 10 ms apart: as good as endless. Keep-alive
       * comments only, for the third. */
      for (guint i = 0; i < 10000; i++)
        {
          if (mode == 2)
            mock_reply_add_raw (reply, ": keep-alive\n\n");
          else
            mock_reply_add_event (reply, TEST_EVENT ("more"));
        }
      mock_reply_set_event_delay_ms (reply, 10);
      mock_reply_set_done (reply, FALSE);
      mock_server_push_reply (fixture->server, reply);
      test_count_chunks (stream, &n_chunks);

      if (mode == 0)
        {
          /* Async, cancelled from a chunk handler. */
          g_signal_connect (stream, "chunk", G_CALLBACK (cancel_on_chunk), &cancel);
          response = test_stream_run_async (stream, cancellable, &error);
          g_assert_cmpuint (n_chunks, ==, 30);
        }
      else
        {
          /* Blocking, cancelled from another thread after 500 ms. */
          CancelLater later = { cancellable, mode == 1 ? &n_chunks : NULL, 0 };

          thread = g_thread_new ("cancel", cancel_later, &later);
          response = mistral_chat_completion_stream_run (stream, cancellable, &error);
          g_thread_join (g_steal_pointer (&thread));
          g_assert_cmpint (g_get_monotonic_time () - later.cancelled_at, <, 1000 * 1000);
          if (mode == 1)
            g_assert_cmpuint (n_chunks, >, 5);
          else
            g_assert_cmpuint (n_chunks, ==, 0);
        }
      g_assert_null (response);
      assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
    }

  /* Silent after three events: the idle timeout ends it. */
  {
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    MockReply *reply = test_reply_events (TEST_EVENT ("a"), TEST_EVENT ("b"), TEST_EVENT ("c"), NULL);
    guint n_chunks;
    gint64 start = g_get_monotonic_time ();

    /* The endless replies above end on the server's side once it sees
     * their connections closed: counted from then, and with 2 s, so that
     * a slow (sanitized, loaded) run does not time out the headers. */
    g_assert_true (mock_server_wait_open_connections (fixture->server, 0, 5000));
    start = g_get_monotonic_time ();
    mock_reply_set_stall (reply, TRUE);
    mistral_client_set_timeout (fixture->client, 2);
    response = stream (fixture, reply, &n_chunks, &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT, NULL);
    g_assert_cmpuint (n_chunks, ==, 3);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 3500 * 1000);
  }
}

/* Values ----------------------------------------------------------------------------- */

/* A finish reason or role this version does not know is kept, never an
 * error: a new API value breaks no application. */
static void
test_unknown_values (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MistralChatCompletionChoice) choice = NULL;
  g_autoptr(GError) error = NULL;
  guint n_chunks;

  response = chat (fixture,
                   mock_reply_new_json (200, "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"moderator\","
                                             "\"content\":\"Withheld\"},\"finish_reason\":\"content_filter\"}]}"),
                   &error);
  g_assert_no_error (error);
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_UNKNOWN);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "content_filter");
  g_assert_cmpstr (test_reply_text (response), ==, "Withheld");
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (mistral_chat_completion_choice_get_message (choice))),
                   ==, MISTRAL_ROLE_ASSISTANT);
  g_clear_object (&choice);
  g_clear_object (&response);

  response = stream (fixture,
                     test_reply_events (TEST_F3_HEAD "{\"role\":\"narrator\",\"content\":\"Once\"},\"finish_reason\":null}]}",
                                        TEST_F3_HEAD "{\"content\":\" upon\"},\"finish_reason\":\"guardrail_triggered\"}]}",
                                        NULL),
                     &n_chunks, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_chunks, ==, 2);
  g_assert_cmpstr (test_reply_text (response), ==, "Once upon");
  choice = g_list_model_get_item (mistral_chat_completion_response_get_choices (response), 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_UNKNOWN);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "guardrail_triggered");
}

/* HTTP ---------------------------------------------------------------------------------- */

/* A captive portal or a misconfigured proxy: 200, but a web page. */
static void
test_html_200 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *page = test_hostile_input ("reply", "html-captive-portal");
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint n_chunks;

  response = chat (fixture, test_reply_body (200, "text/html; charset=utf-8", page), &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "not JSON");
  g_clear_error (&error);

  response = stream (fixture, test_reply_body (200, "text/html; charset=utf-8", page), &n_chunks, &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "not an event stream");
  g_assert_cmpuint (n_chunks, ==, 0);
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  MockReply *reply;
  guint n_chunks;

  if (test_skip_through_front (NULL, TEST_FRONT_ANSWERS_RESETS))
    return;

  /* Before any byte. */
  response = chat (fixture, mock_reply_new_reset (), &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "Network error: ");
  g_clear_error (&error);

  response = stream (fixture, mock_reply_new_reset (), &n_chunks, &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "Network error: ");
  g_clear_error (&error);

  /* After a delay, while the client waits for the headers. */
  reply = mock_reply_new_reset ();
  mock_reply_set_delay_ms (reply, 200);
  response = chat (fixture, reply, &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "Network error: ");
  g_clear_error (&error);

  /* Mid-stream, inside an event. */
  reply = test_reply_events (TEST_EVENT ("One"), TEST_EVENT ("Two"), TEST_LAST_EVENT, NULL);
  mock_reply_set_close_after (reply, 2);
  mock_reply_set_close_mid_event (reply, TRUE);
  response = stream (fixture, reply, &n_chunks, &error);
  g_assert_null (response);
  assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, NULL);
  g_assert_cmpuint (n_chunks, ==, 2);
}

/* A redirect is never followed: the API never sends one, and the key must
 * not go to whatever host it names. */
static void
test_redirect_other_host (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MockServer) elsewhere = mock_server_new ();
  g_autofree char *target = g_strdup_printf ("%s/v1/chat/completions", mock_server_get_url (elsewhere));
  static const guint statuses[] = { 301, 302, 303, 307, 308 };

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      for (guint streamed = 0; streamed < 2; streamed++)
        {
          g_autoptr(MistralChatCompletionResponse) response = NULL;
          g_autoptr(GError) error = NULL;
          MockReply *reply = mock_reply_new (statuses[i]);
          guint n_chunks;

          mock_reply_add_header (reply, "Location", target);
          mock_server_clear_requests (fixture->server);
          if (streamed)
            response = stream (fixture, reply, &n_chunks, &error);
          else
            response = chat (fixture, reply, &error);
          g_assert_null (response);
          assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED, "redirect");
          g_assert_nonnull (strstr (error->message, target));
          g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);
        }
    }

  /* Not even with retries, nor through a session of the caller's. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(MistralClient) client = g_object_new (MISTRAL_TYPE_CLIENT,
                                                    "api-key", "test-key",
                                                    "base-url", mock_server_get_url (fixture->server),
                                                    "session", session,
                                                    "max-retries", 2,
                                                    NULL);
    g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hi");
    g_autoptr(MistralChatCompletionResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    MockReply *reply = mock_reply_new (307);

    mock_reply_add_header (reply, "Location", target);
    mock_server_push_reply (fixture->server, reply);
    response = mistral_client_chat_completion (client, request, NULL, &error);
    g_assert_null (response);
    assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED, "redirect");
  }

  g_assert_cmpuint (mock_server_get_n_requests (elsewhere), ==, 0);
  g_assert_cmpuint (mock_server_get_n_open_connections (elsewhere), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD ("/hostile/not-json", test_not_json);
  TEST_ADD ("/hostile/wrong-shape", test_wrong_shape);
  TEST_ADD ("/hostile/wrong-shape-stream", test_wrong_shape_stream);
  TEST_ADD ("/hostile/invalid-utf8", test_invalid_utf8);
  TEST_ADD ("/hostile/huge-body", test_huge_body);
  TEST_ADD ("/hostile/deep-nesting", test_deep_nesting);
  TEST_ADD ("/hostile/deep-nesting-small-stack", test_deep_nesting_small_stack);
  TEST_ADD ("/hostile/sse-long-line", test_sse_long_line);
  TEST_ADD ("/hostile/endless-stream", test_endless_stream);
  TEST_ADD ("/hostile/unknown-values", test_unknown_values);
  TEST_ADD ("/hostile/html-200", test_html_200);
  TEST_ADD ("/hostile/reset", test_reset);
  TEST_ADD ("/hostile/redirect-other-host", test_redirect_other_host);

  return g_test_run ();
}

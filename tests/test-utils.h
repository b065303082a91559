// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <string.h>

#include <mistral-glib.h>

#include "mock-server.h"

G_BEGIN_DECLS

/* Asserts that @request serialises to exactly @expected_json (the same
 * members in the same order, byte for byte once both are compact). */
void assert_request_json (MistralChatCompletionRequest *request,
                          const char                   *expected_json);

/* Asserts that two JSON texts are equal as JSON (member order ignored). */
void assert_json_equal   (const char *actual,
                          const char *expected);

void count_notify        (guint *counter);

/* Log capture: records every log message (debug included, from any thread)
 * as "DOMAIN: message", and also hands it to the default writer. Install
 * it first thing in main(), before anything logs. */
void       test_log_capture_install (void);
/* Returns (transfer full) the recorded lines and forgets them. */
GPtrArray *test_log_capture_take    (void);

/* The HTTP tests' fixture: a mock server, and a client pointed at it. */
typedef struct {
  MockServer *server;
  MistralClient *client;
} TestHttp;

/* A client with the key "test-key" pointed at @server, with the library's
 * default retries. */
MistralClient *test_client_new    (MockServer *server);
/* The same over @session, a session of the test's own. */
MistralClient *test_client_new_for_session (MockServer  *server,
                                            SoupSession *session);
/* Starts the server and points a client at it, with retries off: one try
 * each, as retries are the reliability suite's business. */
void           test_http_setup    (TestHttp      *http,
                                   gconstpointer  data);
void           test_http_teardown (TestHttp      *http,
                                   gconstpointer  data);

/* Registers @func at @path, a test of the file's own fixture: a test file
 * that uses it names its fixture type Fixture, and its set-up and
 * tear-down functions fixture_setup() and fixture_teardown(). */
#define TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* Registers @func at @path, a test of the plain HTTP fixture, TestHttp. */
#define TEST_ADD_HTTP(path, func) \
  g_test_add (path, TestHttp, NULL, test_http_setup, func, test_http_teardown)

/* API-NOTES.md F3: what each of its events starts with, up to the delta of
 * its one choice; one of its events with @text as the delta's content; and
 * its last event, which ends with "." and finishes the choice. */
#define TEST_F3_HEAD \
  "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\",\"created\":1767261602," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":"
#define TEST_EVENT(text) TEST_F3_HEAD "{\"content\":\"" text "\"},\"finish_reason\":null}]}"
#define TEST_LAST_EVENT TEST_F3_HEAD "{\"content\":\".\"},\"finish_reason\":\"stop\"}]}"

/* A request for mistral-small-latest with one user message, @text. */
MistralChatCompletionRequest *test_hello_request (const char *text);
/* The text of @response's assistant message, or NULL if it has none. */
const char *test_reply_text (MistralChatCompletionResponse *response);
/* The content of @chunk's delta, or NULL if it has none. */
const char *test_delta_text (MistralCompletionChunk *chunk);
/* Counts @stream's chunks in *@n_chunks, from 0. */
void        test_count_chunks (MistralChatCompletionStream *stream,
                               guint                       *n_chunks);

/* Calls run to their end, from the caller's thread. */

/* A blocking chat completion of test_hello_request (@text): plain, or
 * streamed and run to its end, its chunks then counted in *@n_chunks
 * (when not NULL). */
MistralChatCompletionResponse *test_chat             (MistralClient                 *client,
                                                      const char                    *text,
                                                      gboolean                       streamed,
                                                      guint                         *n_chunks,
                                                      GError                       **error);
/* The async calls, run on the global default main context until they
 * finish, and their outcome. */
MistralChatCompletionResponse *test_chat_async       (MistralClient                 *client,
                                                      MistralChatCompletionRequest  *request,
                                                      GCancellable                  *cancellable,
                                                      GError                       **error);
MistralChatCompletionResponse *test_stream_run_async (MistralChatCompletionStream   *stream,
                                                      GCancellable                  *cancellable,
                                                      GError                       **error);
/* A GAsyncReadyCallback that keeps a reference to its result in the
 * GAsyncResult pointer @user_data points to; and the wait for it, on the
 * global default main context. */
void          test_async_result_cb (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *test_wait_result     (GAsyncResult **result);

/* A GSourceFunc that cancels @cancellable, once. */
gboolean      test_cancel_cb       (gpointer       cancellable);

/* Scripted replies */

/* A reply of @status with @body as @content_type. */
MockReply *test_reply_body   (guint       status,
                              const char *content_type,
                              const char *body);
/* A stream of the events given, up to NULL, then [DONE]. */
MockReply *test_reply_events (const char *first,
                              ...) G_GNUC_NULL_TERMINATED;

/* A hostile input: the contents of tests/fixtures/hostile/@kind/@name,
 * @kind being "reply" (a reply's body), "event" (a stream event's data)
 * or "error-body". The fuzzers (fuzz/meson.build) take the same files as
 * seeds. Aborts the test if the file cannot be read. */
char      *test_hostile_input (const char *kind,
                               const char *name);

/* List items, each checked to be of its type, and kept alive by its
 * list (transfer none). */
MistralChatCompletionChoice           *test_choice_at        (MistralChatCompletionResponse *response,
                                                              guint                          position);
MistralCompletionResponseStreamChoice *test_stream_choice_at (MistralCompletionChunk        *chunk,
                                                              guint                          position);
MistralToolCall                       *test_tool_call_at     (MistralAssistantMessage       *message,
                                                              guint                          position);
MistralContentChunk                   *test_content_chunk_at (GListModel                    *model,
                                                              guint                          position);

/* For a test whose assertion is about the connection to the mock server
 * itself (its connections counted, a reset it makes, how it cuts a body),
 * which a TLS front (MISTRAL_TEST_FRONT, see tls-front.h) replaces with its
 * own: in the front named @front ("h2", "https1", or NULL for both), marks
 * the test skipped with @why and returns TRUE. */
gboolean    test_skip_through_front (const char *front,
                                     const char *why);

/* Why an assertion cannot hold through a TLS front. */
#define TEST_FRONT_ANSWERS_RESETS \
  "nginx answers a connection its backend resets with its own 502 page; the " \
  "client's own connection never breaks"
#define TEST_FRONT_OWNS_CONNECTIONS \
  "it counts the mock server's connections, which are nginx's (closed after " \
  "each reply), not the client's"
#define TEST_FRONT_RECHUNKS \
  "nginx re-chunks the body it relays, so a backend cut inside a chunk " \
  "reaches the client as a clean end between chunks"
#define TEST_FRONT_H2_RESETS \
  "nginx relays a backend cut as an HTTP/2 RST_STREAM, which libsoup 3.2 " \
  "keeps to itself after the response headers (set_http2_error_for_data() " \
  "in soup-client-message-io-http2.c): the body waits for more, as for a " \
  "stall; tests/http2-faults.c covers that case"
#define TEST_FRONT_H2_UPLOAD \
  "an upload through nginx's HTTP/2 front races libsoup 3.2: the reply's " \
  "headers can arrive (the backend has every byte of the Content-Length) " \
  "before libsoup has read the end of the body stream, and it warns " \
  "\"Unexpected state changed WRITE_DATA -> READ_DATA_START\" " \
  "(soup-client-message-io-http2.c), now and then; without a front and " \
  "through HTTP/1.1 these uploads run"
#define TEST_FRONT_H2_HOLDS_HEADERS \
  "nginx's HTTP/2 module sends no response headers for a backend that " \
  "stalls before its body, so got-headers, where this test cancels, never " \
  "comes"

/* Makes each of @names (a NULL-terminated list) resolve to 127.0.0.1 in
 * this process, through a GResolver installed as the default; any other
 * name goes to the resolver that was the default before. For tests of
 * "remote" hosts that must never leave the loopback. Call it before any
 * thread starts. */
void        test_resolver_install (const char *const *names);

/* A GProxyResolver that answers "direct://" (no proxy) after @delay_ms,
 * and counts its lookups. GLib asks it once for each connection a session
 * opens (and libsoup does not cache the answer), so in a session of its
 * own it makes opening a connection take @delay_ms, as a distant server
 * would, without leaving the loopback; and its count is the number of
 * connections opened. */
GProxyResolver *test_slow_proxy_resolver_new         (guint           delay_ms);
guint           test_slow_proxy_resolver_get_lookups (GProxyResolver *resolver);

/* A SoupServer of a test's own, listening on 127.0.0.1 at a free port,
 * with its base URL. libsoup < 3.4 leaks a reference to each connection
 * it accepts (fixed upstream by b545d5f0, as tests/mock/server.c says):
 * this one takes those references back when the server goes. */
SoupServer *test_soup_server_new (char **url);

G_END_DECLS

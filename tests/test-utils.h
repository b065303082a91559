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
/* Starts the server and points a client at it, with retries off: one try
 * each, as retries are the reliability suite's business. */
void           test_http_setup    (TestHttp      *http,
                                   gconstpointer  data);
void           test_http_teardown (TestHttp      *http,
                                   gconstpointer  data);

/* A request for mistral-small-latest with one user message, @text. */
MistralChatCompletionRequest *test_hello_request (const char *text);
/* The text of @response's assistant message, or NULL if it has none. */
const char *test_reply_text (MistralChatCompletionResponse *response);
/* Counts @stream's chunks in *@n_chunks, from 0. */
void        test_count_chunks (MistralChatCompletionStream *stream,
                               guint                       *n_chunks);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mock-server.h: an in-process, Mistral-compatible HTTP server for tests.
 *
 * The server answers POST /v1/chat/completions the way the real API does
 * (auth, JSON and field checks with FastAPI-shaped 422 bodies, F2/F3/F4
 * replies), records every request, and plays scripted replies (plain,
 * delayed, streamed, truncated, stalled, reset) from a FIFO.  Its files
 * (one per API area) are described in mock-server-private.h.
 *
 * Magic models script the default reply for clients that cannot push
 * replies (the mistral-mock-server program): "mock-error-STATUS",
 * "mock-slow-MS" (the reply comes after MS ms), "mock-stream-slow-MS" (MS ms
 * between stream events), "mock-stream-error-N" (N events, then an error
 * object inside the stream), "mock-thinking" (the default reply, streamed
 * after three `thinking` chunks: "Let", " me", " think.") and "mock-bench"
 * (N pre-rendered chunks for max_tokens = N).  mock_server_set_faults()
 * makes a seeded share of the other default replies fail, for soak tests.
 * mock_server_set_stream_delay() and mock_server_set_tool_keyword() make
 * the default replies type slowly and call a tool only when asked to, for a
 * demo app's test.
 *
 * mock_server_new() runs the server on its own thread and GMainContext, so
 * a test may call a blocking client from the main thread.  Every function
 * below may be called from any thread.
 *
 * Front mode: with MISTRAL_TEST_FRONT=h2 or https1 (the `h2` and `https1`
 * test setups), mock_server_get_url() gives the https://localhost:PORT of
 * an nginx that terminates TLS (HTTP/2, or HTTP/1.1 only) in front of the
 * server, and the process trusts the test CA (tls-front.h).
 * mock_server_get_direct_url() always gives the server's own URL.
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Files (files.c): downloads of these ids fail on purpose, after half of
 * their MOCK_FILE_FAULT_SIZE bytes: a reset connection, a clean close
 * short of the Content-Length, a stall until the client goes, or a clean
 * close of a chunked body (no Content-Length) inside one of its chunks.
 * MOCK_FILE_GZIP_ID is the whole MOCK_FILE_FAULT_SIZE bytes, gzip-coded,
 * with the Content-Length of the coded body (about 1 KiB).
 * MOCK_FILE_CHUNKED_ID is the whole MOCK_FILE_FAULT_SIZE bytes, chunked,
 * without a Content-Length. Each byte of them is 'x'. */
#define MOCK_FILE_RESET_ID             "f11e0000-0000-4000-8000-000000000001"
#define MOCK_FILE_TRUNCATED_ID         "f11e0000-0000-4000-8000-000000000002"
#define MOCK_FILE_STALL_ID             "f11e0000-0000-4000-8000-000000000003"
#define MOCK_FILE_CHUNKED_TRUNCATED_ID "f11e0000-0000-4000-8000-000000000004"
#define MOCK_FILE_CHUNKED_ID           "f11e0000-0000-4000-8000-000000000005"
#define MOCK_FILE_GZIP_ID              "f11e0000-0000-4000-8000-000000000006"
#define MOCK_FILE_FAULT_SIZE           (1024 * 1024)

typedef struct _MockServer MockServer;
typedef struct _MockReply MockReply;

/**
 * MockRequest:
 * @method: the HTTP method
 * @path: the request path, e.g. "/v1/chat/completions"
 * @query: (nullable): the raw query string, without "?"
 * @headers: a copy of the request headers
 * @body: the request body (possibly empty, never %NULL)
 * @json: (nullable): @body parsed, when it was valid JSON
 *
 * One recorded request.  Refcounted; read-only once recorded.
 */
typedef struct {
  char *method;
  char *path;
  char *query;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonNode *json;
} MockRequest;

/**
 * MockSplit:
 * @MOCK_SPLIT_NONE: each event (or raw piece, or keep-alive) is one HTTP chunk
 * @MOCK_SPLIT_ONE_BYTE: every byte of the stream is its own HTTP chunk
 * @MOCK_SPLIT_RANDOM: the bytes written at one time are cut at random
 *   places (1..32 bytes per HTTP chunk), across event boundaries
 *
 * How a streamed reply is cut into separate chunked writes.
 */
typedef enum {
  MOCK_SPLIT_NONE,
  MOCK_SPLIT_ONE_BYTE,
  MOCK_SPLIT_RANDOM,
} MockSplit;

/**
 * MockFaults:
 * @rate_429: share of requests answered 429 with a Retry-After header
 * @rate_503: share answered 503
 * @rate_reset: share whose connection is reset before any response byte
 * @rate_stall: share that stall: a plain reply comes after @stall_ms (or
 *   never, for 0); a stream stops after half of its events, left open
 * @rate_cut: share of streams whose connection closes after half of the
 *   events (plain replies are never cut)
 * @retry_after: the Retry-After of a 429, in seconds
 * @stall_ms: how late a stalled plain reply comes; 0 for never
 *
 * Faults injected into the default replies, for soak tests.  Shares are
 * from 0 to 1; each request draws once.
 */
typedef struct {
  double rate_429;
  double rate_503;
  double rate_reset;
  double rate_stall;
  double rate_cut;
  guint retry_after;
  guint stall_ms;
} MockFaults;

/* How many faults of each kind were injected. */
typedef struct {
  guint n_429;
  guint n_503;
  guint n_reset;
  guint n_stall;
  guint n_cut;
} MockFaultCounts;

/* Server */

MockServer  *mock_server_new                    (void);
MockServer  *mock_server_new_full               (guint16      port,
                                                 gboolean     own_thread,
                                                 GError     **error);
void         mock_server_free                   (MockServer  *self);

const char  *mock_server_get_url                (MockServer  *self);
const char  *mock_server_get_direct_url         (MockServer  *self);
guint16      mock_server_get_port               (MockServer  *self);

void         mock_server_set_api_key            (MockServer  *self,
                                                 const char  *api_key);

void         mock_server_set_bench_mode         (MockServer  *self,
                                                 gboolean     bench_mode);
void         mock_server_set_batch_step_ms      (MockServer  *self,
                                                 guint        ms);
void         mock_server_set_reply_delay        (MockServer  *self,
                                                 guint        delay_ms);
void         mock_server_set_stream_delay       (MockServer  *self,
                                                 guint        delay_ms);
void         mock_server_set_tool_keyword       (MockServer  *self,
                                                 const char  *keyword);
void         mock_server_push_reply             (MockServer  *self,
                                                 MockReply   *reply);
guint        mock_server_get_n_pending_replies  (MockServer  *self);
void         mock_server_clear_replies          (MockServer  *self);

guint        mock_server_get_n_requests         (MockServer  *self);
MockRequest *mock_server_get_request            (MockServer  *self,
                                                 guint        index);
MockRequest *mock_server_get_last_request       (MockServer  *self);
void         mock_server_clear_requests         (MockServer  *self);

guint        mock_server_get_n_open_connections (MockServer  *self);
gboolean     mock_server_wait_open_connections  (MockServer  *self,
                                                 guint        max_open,
                                                 guint        timeout_ms);

void         mock_server_set_faults             (MockServer       *self,
                                                 const MockFaults *faults,
                                                 guint32           seed);
void         mock_server_get_fault_counts       (MockServer       *self,
                                                 MockFaultCounts  *counts);

/* Recorded requests */

MockRequest *mock_request_ref                   (MockRequest *request);
void         mock_request_unref                 (MockRequest *request);
const char  *mock_request_get_header            (MockRequest *request,
                                                 const char  *name);
char        *mock_request_dup_body              (MockRequest *request);
JsonObject  *mock_request_get_object            (MockRequest *request);

/* Scripted replies */

MockReply   *mock_reply_new                     (guint        status);
MockReply   *mock_reply_new_json                (guint        status,
                                                 const char  *json);
MockReply   *mock_reply_new_stream              (void);
MockReply   *mock_reply_new_reset               (void);
void         mock_reply_free                    (MockReply   *reply);

void         mock_reply_set_status              (MockReply   *reply,
                                                 guint        status);
void         mock_reply_set_validate            (MockReply   *reply,
                                                 gboolean     validate);
void         mock_reply_set_body                (MockReply   *reply,
                                                 const char  *content_type,
                                                 const char  *body);
void         mock_reply_add_header              (MockReply   *reply,
                                                 const char  *name,
                                                 const char  *value);
void         mock_reply_set_delay_ms            (MockReply   *reply,
                                                 guint        delay_ms);

void         mock_reply_add_event               (MockReply   *reply,
                                                 const char  *data);
void         mock_reply_add_raw                 (MockReply   *reply,
                                                 const char  *raw);
void         mock_reply_set_done                (MockReply   *reply,
                                                 gboolean     done);
void         mock_reply_set_split               (MockReply   *reply,
                                                 MockSplit    split,
                                                 guint32      seed);
void         mock_reply_set_crlf                (MockReply   *reply,
                                                 gboolean     crlf);
void         mock_reply_set_keepalive           (MockReply   *reply,
                                                 gboolean     keepalive);
void         mock_reply_set_event_delay_ms      (MockReply   *reply,
                                                 guint        delay_ms);
void         mock_reply_set_close_after         (MockReply   *reply,
                                                 guint        n_events);
void         mock_reply_set_close_mid_event     (MockReply   *reply,
                                                 gboolean     mid_event);
void         mock_reply_set_stall               (MockReply   *reply,
                                                 gboolean     stall);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockServer, mock_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockReply, mock_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockRequest, mock_request_unref)

G_END_DECLS

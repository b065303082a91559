// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mock-server-private.h: what the files of the mock server share.
 *
 *   server.c      life cycle, listening, the TLS front, the connections,
 *                 the recorded requests, and the dispatch of a request to
 *                 its endpoint
 *   replies.c     MockReply, and serving one: delayed, streamed, cut,
 *                 stalled or reset
 *   validation.c  the API's checks of a request (key, content type, JSON,
 *                 fields, with FastAPI / pydantic v2 error shapes) and its
 *                 error bodies
 *   faults.c      faults injected into the default replies (soak tests)
 *   bench.c       pre-rendered replies for benchmarks
 *   utils.c       small helpers
 *   chat.c, ...   one file per API area: its endpoints, the checks of
 *                 their request bodies, and their default replies
 *
 * A new API area is a new file defining its table of endpoints
 * (MockEndpoint), declared below and listed in mock_areas[] (server.c).
 *
 * All SoupServer work happens on the server's GMainContext; the public
 * API only touches state guarded by MockServer.lock, so tests may call it
 * from any thread.
 */

#pragma once

#include <string.h>

#include "mock-server.h"
#include "tls-front.h"

G_BEGIN_DECLS

#define MOCK_CHAT_PATH "/v1/chat/completions"
#define MOCK_BENCH_MODEL "mock-bench"
#define MOCK_THINKING_MODEL "mock-thinking"

/* Types */

typedef enum {
  MOCK_REPLY_PLAIN,
  MOCK_REPLY_STREAM,
  MOCK_REPLY_RESET,
} MockReplyKind;

typedef struct {
  gboolean raw;
  char *text;
} MockStreamItem;

struct _MockReply {
  MockReplyKind kind;
  guint status;
  gboolean validate;
  char *content_type;
  GBytes *body;
  GPtrArray *headers;           /* name, value, name, value, ... */
  guint delay_ms;

  /* Streams only */
  GPtrArray *items;             /* MockStreamItem* */
  gboolean done;
  gboolean crlf;
  gboolean keepalive;
  gboolean stall;
  MockSplit split;
  guint32 seed;
  guint event_delay_ms;
  gboolean has_close_after;
  guint close_after;
  gboolean close_mid_event;
};

typedef struct {
  char *id;
  gint64 created;
  GBytes *head;                 /* the role chunk */
  GBytes *block;                /* chunks_per_block identical content chunks */
  gsize chunk_len;
  guint chunks_per_block;
  GBytes *plain;                /* the whole non-streamed reply */

  /* The last non-streamed request accepted in bench mode: the same again
   * is answered at once, without parsing or recording it. */
  char *last_auth;
  char *last_type;
  GBytes *last_body;

  /* The last embeddings reply rendered in bench mode, and its request's
   * shape (inputs, dimension, dtype, encoding). */
  char *embeddings_shape;
  GBytes *embeddings;
} MockBenchCache;

struct _MockServer {
  GMutex lock;
  GCond cond;

  /* Guarded by lock */
  GQueue replies;               /* MockReply* */
  GPtrArray *requests;          /* MockRequest* */
  guint n_repeats;              /* bench requests counted, not recorded */
  char *api_key;
  gboolean bench_mode;   /* every chat request served in bench mode */
  guint reply_delay_ms;  /* every request waits this long before it is served */
  guint batch_step_ms;   /* batch.c: between two steps of a job; 0 for its default */
  guint stream_delay_ms; /* between the events of a default streamed reply */
  char *tool_keyword;    /* NULL: a default reply calls a tool whenever it can */
  guint n_open;
  gboolean started;
  GError *start_error;
  MockFaults faults;            /* all rates 0: no fault injection */
  MockFaultCounts fault_counts;
  GRand *fault_rand;            /* NULL until faults are set */

  /* Set before the server is published, then read-only */
  gboolean own_thread;
  guint16 requested_port;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  char *url;
  guint16 port;

  /* The TLS front: MISTRAL_TEST_FRONT as read when the server was made
   * (NULL: none); the front itself is started by the first
   * mock_server_get_url(), guarded by front_lock */
  const char *front_mode;
  GMutex front_lock;
  TestFront *front;

  /* Only touched on the server's context */
  SoupServer *server;
  GHashTable *conns;            /* GSocket* -> ConnEntry* (server.c) */
  GHashTable *jobs;             /* set of Job* (replies.c) */
  MockBenchCache bench;
};

/* What a field must hold, and its numeric bounds, for the checks of
 * validation.c. */
typedef enum {
  MOCK_KIND_STRING,
  MOCK_KIND_NUMBER,
  MOCK_KIND_INT,
  MOCK_KIND_BOOL,
  MOCK_KIND_DICT,
  MOCK_KIND_LIST,
} MockKind;

typedef struct {
  gboolean has_ge, has_gt, has_le;
  double ge, gt, le;
} MockBounds;

/* One endpoint of the API, as the real one has it: @method on @path.
 * A path may end in a template segment, "/v1/models/{model_id}", which
 * matches any one segment (the endpoint reads it from the request URI).
 * A request there is checked as the API checks it (the key; then, for
 * an endpoint with a JSON body, the content type, the JSON and its
 * fields with @validate), then answered with the next scripted reply,
 * if any, or by @serve. */
typedef struct {
  const char *method;
  const char *path;
  /* Returns the pydantic "detail" list of @root's errors, empty when it
   * is valid; NULL for an endpoint that takes no body. */
  JsonArray *(*validate) (JsonNode *root);
  /* Answers a valid request; @body is its JSON object (NULL without a
   * body). */
  void       (*serve)    (MockServer        *self,
                          SoupServerMessage *msg,
                          JsonObject        *body);
} MockEndpoint;

/* The API areas: each table ends with an entry whose path is NULL. */
extern const MockEndpoint mock_chat_endpoints[];
extern const MockEndpoint mock_models_endpoints[];
extern const MockEndpoint mock_embeddings_endpoints[];
extern const MockEndpoint mock_fim_endpoints[];
extern const MockEndpoint mock_classifiers_endpoints[];
extern const MockEndpoint mock_ocr_endpoints[];
extern const MockEndpoint mock_files_endpoints[];
extern const MockEndpoint mock_batch_endpoints[];

/* chat.c: a completion endpoint other than chat's whose replies have the
 * chat shapes (FIM). @text_for returns (transfer full) the one choice's
 * text for @request, and the prompt's tokens in *@prompt_tokens; the
 * reply honours max_tokens, stream and the magic models as chat's does. */
typedef char *(*MockTextFunc) (JsonObject *request,
                               guint      *prompt_tokens);

/* chat.c: one chat message (system, user, assistant or tool) checked as
 * chat checks it, into @detail (classifiers.c's chat endpoints). */
void         mock_check_chat_message    (JsonArray         *detail,
                                         JsonNode          *node,
                                         JsonArray         *loc);

/* chat.c: a ResponseFormat at @key of @body, optional and nullable, into
 * @detail (chat's response_format, OCR's annotation formats). */
void         mock_check_response_format (JsonArray         *detail,
                                         JsonNode          *body,
                                         const char        *key,
                                         JsonArray         *loc);

/* The sampling fields chat and FIM share (temperature, top_p, max_tokens,
 * stream, stop, random_seed, metadata), checked into @detail. */
void         mock_check_sampling        (JsonArray         *detail,
                                         JsonNode          *root,
                                         JsonArray         *loc);
void         mock_serve_text_completion (MockServer        *self,
                                         SoupServerMessage *msg,
                                         JsonObject        *request,
                                         MockTextFunc       text_for);

/* files.c: the store, for the areas that read or write files (batch.c):
 * a new file's id (transfer full), and a file's content or NULL. */
char        *mock_files_add            (MockServer         *self,
                                        const char         *filename,
                                        const char         *purpose,
                                        GBytes             *content);
GBytes      *mock_files_read           (MockServer         *self,
                                        const char         *id);
/* files.c: the values of @name in a raw query string, in order (a list
 * parameter repeats), unescaped. */
GPtrArray   *mock_query_values         (const char         *query,
                                        const char         *name);

/* utils.c */

char        *mock_random_hex           (guint               len);
char        *mock_random_alnum         (guint               len);
char        *mock_node_to_string       (JsonNode           *node);
char        *mock_object_to_string     (JsonObject         *object);
GBytes      *mock_bytes_take_string    (char               *s);
void         mock_clear_source         (GSource           **source);
void         mock_defer_unref          (MockServer         *self,
                                        gpointer            object);
const char  *mock_object_get_string    (JsonObject         *object,
                                        const char         *name);
JsonObject  *mock_object_get_object    (JsonObject         *object,
                                        const char         *name);
JsonArray   *mock_object_get_array     (JsonObject         *object,
                                        const char         *name);
double       mock_node_get_number      (JsonNode           *node);
gint64       mock_object_get_int       (JsonObject         *object,
                                        const char         *name,
                                        gint64              fallback);
gboolean     mock_strv_has             (const char * const *strv,
                                        const char         *s);

/* replies.c */

void         mock_serve_reply          (MockServer         *self,
                                        SoupServerMessage  *msg,
                                        MockReply          *reply);
void         mock_set_stream_headers   (SoupServerMessage  *msg,
                                        guint               status);
void         mock_jobs_end_all         (MockServer         *self);

/* validation.c */

MockReply   *mock_error_reply          (guint               status,
                                        const char         *body);
MockReply   *mock_magic_error_reply    (guint               status,
                                        const char         *model);
/* A 422 with the pydantic "detail" list @detail (not taken). */
MockReply   *mock_validation_reply     (JsonArray          *detail);
MockReply   *mock_api_error_reply      (guint               status,
                                        const char         *message,
                                        const char         *type);
MockReply   *mock_check_request        (MockServer         *self,
                                        SoupServerMessage  *msg,
                                        const MockEndpoint *endpoint,
                                        JsonNode          **out_root);

JsonArray   *mock_loc_new              (JsonArray          *parent,
                                        const char         *key,
                                        gint64              index);
void         mock_add_error            (JsonArray          *detail,
                                        const char         *type,
                                        JsonArray          *loc,
                                        const char         *msg,
                                        JsonNode           *input,
                                        JsonObject         *ctx);
void         mock_add_type_error       (JsonArray          *detail,
                                        MockKind            kind,
                                        JsonArray          *loc,
                                        JsonNode           *input);
void         mock_add_model_type_error (JsonArray          *detail,
                                        const char         *class_name,
                                        JsonArray          *loc,
                                        JsonNode           *input);
JsonNode    *mock_check_member         (JsonArray          *detail,
                                        JsonNode           *object_node,
                                        const char         *key,
                                        JsonArray          *loc,
                                        MockKind            kind,
                                        gboolean            required,
                                        gboolean            nullable,
                                        const MockBounds   *bounds);
void         mock_check_enum_member    (JsonArray          *detail,
                                        JsonNode           *object_node,
                                        const char         *key,
                                        JsonArray          *loc,
                                        const char * const *values,
                                        gboolean            nullable);
JsonNode    *mock_check_model_member   (JsonArray          *detail,
                                        JsonNode           *object_node,
                                        const char         *key,
                                        JsonArray          *loc,
                                        const char         *class_name,
                                        gboolean            required,
                                        gboolean            nullable);
void         mock_check_extra          (JsonArray          *detail,
                                        JsonNode           *object_node,
                                        JsonArray          *loc,
                                        const char * const *allowed);
void         mock_check_string_or_list (JsonArray          *detail,
                                        JsonNode           *body,
                                        const char         *key,
                                        JsonArray          *loc,
                                        gboolean            required);
const char  *mock_check_tagged         (JsonArray          *detail,
                                        JsonNode           *node,
                                        JsonArray          *loc,
                                        const char         *discriminator,
                                        const char * const *tags,
                                        const char         *default_tag);

/* faults.c */

MockReply   *mock_faults_apply         (MockServer         *self,
                                        MockReply          *reply);

/* bench.c */

void         mock_bench_clear          (MockBenchCache     *bench);
gboolean     mock_bench_serve_again    (MockServer         *self,
                                        SoupServerMessage  *msg,
                                        const char         *path);
void         mock_bench_serve          (MockServer         *self,
                                        SoupServerMessage  *msg,
                                        JsonObject         *request);

G_END_DECLS

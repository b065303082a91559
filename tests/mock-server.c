// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mock-server.c: a Mistral-compatible chat completions server on SoupServer.
 *
 * Wire shapes follow API-NOTES.md (§2-§6, fixtures F2-F5).  All SoupServer
 * work happens on the server's GMainContext; the public API only touches
 * state guarded by MockServer.lock, so tests may call it from any thread.
 */

#include "mock-server.h"
#include "tls-front.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/socket.h>

#define CHAT_PATH "/v1/chat/completions"
#define ERROR_CONTENT_TYPE "application/json; charset=utf-8"
#define BENCH_MODEL "mock-bench"
#define BENCH_DEFAULT_TOKENS 16
#define BENCH_PROMPT_TOKENS 8
#define BENCH_WRITE_SIZE (64 * 1024)
#define RANDOM_SPLIT_MAX 32

/* ------------------------------------------------------------------ */
/* Types                                                              */
/* ------------------------------------------------------------------ */

typedef enum {
  REPLY_PLAIN,
  REPLY_STREAM,
  REPLY_RESET,
} ReplyKind;

typedef struct {
  gboolean raw;
  char *text;
} StreamItem;

struct _MockReply {
  ReplyKind kind;
  guint status;
  gboolean validate;
  char *content_type;
  GBytes *body;
  GPtrArray *headers;           /* name, value, name, value, ... */
  guint delay_ms;

  /* Streams only */
  GPtrArray *items;             /* StreamItem* */
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
  MockRequest pub;
  gatomicrefcount ref_count;
} MockRequestPrivate;

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
} BenchCache;

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
  GHashTable *conns;            /* GSocket* -> ConnEntry* */
  GHashTable *jobs;             /* set of Job* */
  BenchCache bench;
};

/* One open client connection, tracked through the message it is serving
 * (each HTTP/1 connection always owns exactly one live message). */
typedef struct {
  MockServer *self;
  GSocket *socket;
  SoupServerMessage *msg;
  GSource *idle_watch;
} ConnEntry;

typedef enum {
  JOB_UNPAUSE,                  /* delayed plain reply */
  JOB_RESET,                    /* close without a response */
  JOB_STREAM,
} JobKind;

typedef enum {
  END_COMPLETE,
  END_CLOSE,
  END_STALL,
} StreamEnd;

typedef struct {
  guint delay_ms;
  GPtrArray *pieces;            /* GBytes*, one HTTP chunk each */
} Step;

/* A reply that outlives the handler: it waits, streams or closes. */
typedef struct {
  MockServer *self;
  JobKind kind;
  SoupServerMessage *msg;
  GSocket *socket;
  GSource *timeout;
  GSource *idle;
  GSource *watch;
  GPtrArray *steps;             /* Step* */
  guint next_step;
  gboolean started;
  gboolean delay_done;
  StreamEnd end;
  guint pending_chunks;
  gboolean headers_written;
  gboolean all_appended;
  GBytes *partial;              /* the event a close cuts in half, if any */
} Job;

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

static char *
random_string (const char *alphabet,
               guint       len)
{
  gsize n = strlen (alphabet);
  char *s = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    s[i] = alphabet[g_random_int_range (0, n)];
  s[len] = '\0';
  return s;
}

static char *
random_hex (guint len)
{
  return random_string ("0123456789abcdef", len);
}

static char *
random_alnum (guint len)
{
  return random_string ("abcdefghijklmnopqrstuvwxyz"
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", len);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return node_to_string (node);
}

static GBytes *
bytes_take_string (char *s)
{
  return g_bytes_new_take (s, strlen (s));
}

static void
clear_source (GSource **source)
{
  if (*source)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static gboolean
noop_source_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* Unreffing a message from inside one of its own signal emissions may
 * finalize it mid-emission, so drop such references from an idle. */
static void
defer_unref (MockServer *self,
             gpointer    object)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, noop_source_cb, object, g_object_unref);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static const char *
object_get_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static JsonObject *
object_get_object (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
object_get_array (JsonObject *object,
                  const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static double
node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* Integer members the validator has already accepted (ints or whole
 * doubles); @fallback when absent or null. */
static gint64
object_get_int (JsonObject *object,
                const char *name,
                gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (!node || !node_is_number (node))
    return fallback;
  return (gint64) node_get_number (node);
}

static gboolean
strv_has (const char * const *strv,
          const char         *s)
{
  return s && g_strv_contains (strv, s);
}

/* ------------------------------------------------------------------ */
/* MockRequest                                                        */
/* ------------------------------------------------------------------ */

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static MockRequest *
mock_request_new_from_message (SoupServerMessage *msg)
{
  MockRequestPrivate *priv = g_new0 (MockRequestPrivate, 1);
  MockRequest *req = &priv->pub;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  g_atomic_ref_count_init (&priv->ref_count);
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (g_uri_get_path (uri));
  req->query = g_strdup (g_uri_get_query (uri));
  req->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                copy_header, req->headers);
  req->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  /* A private parse: the server thread keeps its own tree, so the test
   * thread never shares a JsonNode with it. */
  data = g_bytes_get_data (req->body, &size);
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    req->json = json_parser_steal_root (parser);

  return req;
}

MockRequest *
mock_request_ref (MockRequest *request)
{
  MockRequestPrivate *priv = (MockRequestPrivate *) request;

  g_return_val_if_fail (request != NULL, NULL);
  g_atomic_ref_count_inc (&priv->ref_count);
  return request;
}

void
mock_request_unref (MockRequest *request)
{
  MockRequestPrivate *priv = (MockRequestPrivate *) request;

  if (!request || !g_atomic_ref_count_dec (&priv->ref_count))
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_clear_pointer (&request->json, json_node_unref);
  g_free (priv);
}

const char *
mock_request_get_header (MockRequest *request,
                         const char  *name)
{
  g_return_val_if_fail (request != NULL, NULL);
  return soup_message_headers_get_one (request->headers, name);
}

char *
mock_request_dup_body (MockRequest *request)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (request != NULL, NULL);
  data = g_bytes_get_data (request->body, &size);
  return g_strndup (data, size);
}

JsonObject *
mock_request_get_object (MockRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  if (request->json && JSON_NODE_HOLDS_OBJECT (request->json))
    return json_node_get_object (request->json);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* MockReply builder                                                  */
/* ------------------------------------------------------------------ */

static void
stream_item_free (StreamItem *item)
{
  g_free (item->text);
  g_free (item);
}

static MockReply *
reply_new (ReplyKind kind,
           guint     status)
{
  MockReply *reply = g_new0 (MockReply, 1);

  reply->kind = kind;
  reply->status = status;
  reply->validate = TRUE;
  reply->headers = g_ptr_array_new_with_free_func (g_free);
  reply->items = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_item_free);
  reply->done = TRUE;
  return reply;
}

MockReply *
mock_reply_new (guint status)
{
  return reply_new (REPLY_PLAIN, status);
}

MockReply *
mock_reply_new_json (guint       status,
                     const char *json)
{
  MockReply *reply = reply_new (REPLY_PLAIN, status);

  mock_reply_set_body (reply, "application/json", json);
  return reply;
}

MockReply *
mock_reply_new_stream (void)
{
  return reply_new (REPLY_STREAM, SOUP_STATUS_OK);
}

MockReply *
mock_reply_new_reset (void)
{
  return reply_new (REPLY_RESET, 0);
}

void
mock_reply_free (MockReply *reply)
{
  if (!reply)
    return;
  g_free (reply->content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_ptr_array_unref (reply->headers);
  g_ptr_array_unref (reply->items);
  g_free (reply);
}

void
mock_reply_set_status (MockReply *reply,
                       guint      status)
{
  reply->status = status;
}

/* FALSE serves the reply whatever the request holds (even no auth). */
void
mock_reply_set_validate (MockReply *reply,
                         gboolean   validate)
{
  reply->validate = validate;
}

void
mock_reply_set_body (MockReply  *reply,
                     const char *content_type,
                     const char *body)
{
  g_free (reply->content_type);
  reply->content_type = g_strdup (content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  if (body)
    reply->body = g_bytes_new (body, strlen (body));
}

void
mock_reply_add_header (MockReply  *reply,
                       const char *name,
                       const char *value)
{
  g_ptr_array_add (reply->headers, g_strdup (name));
  g_ptr_array_add (reply->headers, g_strdup (value));
}

/* Wait before anything (status line included) is sent. */
void
mock_reply_set_delay_ms (MockReply *reply,
                         guint      delay_ms)
{
  reply->delay_ms = delay_ms;
}

static void
reply_add_item (MockReply  *reply,
                gboolean    raw,
                const char *text)
{
  StreamItem *item = g_new0 (StreamItem, 1);

  item->raw = raw;
  item->text = g_strdup (text);
  g_ptr_array_add (reply->items, item);
}

/* Each line of @data becomes one "data:" line of a single event. */
void
mock_reply_add_event (MockReply  *reply,
                      const char *data)
{
  reply_add_item (reply, FALSE, data);
}

void
mock_reply_add_raw (MockReply  *reply,
                    const char *raw)
{
  reply_add_item (reply, TRUE, raw);
}

void
mock_reply_set_done (MockReply *reply,
                     gboolean   done)
{
  reply->done = done;
}

void
mock_reply_set_split (MockReply *reply,
                      MockSplit  split,
                      guint32    seed)
{
  reply->split = split;
  reply->seed = seed;
}

void
mock_reply_set_crlf (MockReply *reply,
                     gboolean   crlf)
{
  reply->crlf = crlf;
}

void
mock_reply_set_keepalive (MockReply *reply,
                          gboolean   keepalive)
{
  reply->keepalive = keepalive;
}

void
mock_reply_set_event_delay_ms (MockReply *reply,
                               guint      delay_ms)
{
  reply->event_delay_ms = delay_ms;
}

/* After @n_events items (events or raw pieces) the connection is closed
 * with no [DONE] and no terminating chunk. */
void
mock_reply_set_close_after (MockReply *reply,
                            guint      n_events)
{
  reply->has_close_after = TRUE;
  reply->close_after = n_events;
}

/* With close_after: before closing, send the next event (or [DONE]) cut
 * in half, inside an HTTP chunk announcing its full length, so the client
 * sees a partial line and a body that ends mid-chunk (an error for libsoup,
 * which takes a close between chunks for a clean end). */
void
mock_reply_set_close_mid_event (MockReply *reply,
                                gboolean   mid_event)
{
  reply->close_mid_event = mid_event;
}

/* After the items, send nothing more (no [DONE]) until the client leaves. */
void
mock_reply_set_stall (MockReply *reply,
                      gboolean   stall)
{
  reply->stall = stall;
}

/* ------------------------------------------------------------------ */
/* Error bodies                                                       */
/* ------------------------------------------------------------------ */

static MockReply *
error_reply (guint       status,
             const char *body)
{
  MockReply *reply = reply_new (REPLY_PLAIN, status);

  mock_reply_set_body (reply, ERROR_CONTENT_TYPE, body);
  return reply;
}

static MockReply *
unauthorized_reply (void)
{
  g_autofree char *request_id = random_hex (32);
  g_autofree char *body =
    g_strdup_printf ("{\"message\":\"Unauthorized\",\"request_id\":\"%s\"}", request_id);

  return error_reply (SOUP_STATUS_UNAUTHORIZED, body);
}

static MockReply *
simple_error_reply (guint       status,
                    const char *message,
                    const char *type)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_string_member (object, "object", "error");
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "type", type);
  json_object_set_null_member (object, "param");
  json_object_set_null_member (object, "code");
  body = object_to_string (object);
  return error_reply (status, body);
}

static MockReply *
validation_reply (JsonArray *detail)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *message = json_object_new ();
  g_autofree char *body = NULL;

  json_object_set_array_member (message, "detail", json_array_ref (detail));
  json_object_set_string_member (object, "object", "error");
  json_object_set_object_member (object, "message", message);
  json_object_set_string_member (object, "type", "invalid_request_error");
  json_object_set_null_member (object, "param");
  json_object_set_null_member (object, "code");
  body = object_to_string (object);
  return error_reply (SOUP_STATUS_UNPROCESSABLE_ENTITY, body);
}

/* The bodies of F5 / §6, for "mock-error-<status>" models. */
static MockReply *
magic_error_reply (guint       status,
                   const char *model)
{
  MockReply *reply;

  switch (status)
    {
    case 400:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        g_autofree char *message = g_strdup_printf ("Invalid model: %s", model);
        g_autofree char *body = NULL;

        json_object_set_string_member (object, "object", "error");
        json_object_set_string_member (object, "message", message);
        json_object_set_string_member (object, "type", "invalid_request_error");
        json_object_set_string_member (object, "param", "model");
        json_object_set_string_member (object, "code", "unknown_model");
        body = object_to_string (object);
        return error_reply (status, body);
      }
    case 401:
      return unauthorized_reply ();
    case 422:
      return error_reply (status,
                          "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"extra_forbidden\","
                          "\"loc\":[\"body\",\"stream_options\"],\"msg\":\"Extra inputs are not permitted\","
                          "\"input\":{\"include_usage\":true}}]},\"type\":\"invalid_request_error\","
                          "\"param\":null,\"code\":null}");
    case 429:
      reply = error_reply (status,
                           "{\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                           "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
      mock_reply_add_header (reply, "Retry-After", "1");
      mock_reply_add_header (reply, "x-ratelimit-remaining-req-minute", "0");
      return reply;
    case 502:
      reply = reply_new (REPLY_PLAIN, status);
      mock_reply_set_body (reply, "text/html",
                           "<html><body><h1>502 Bad Gateway</h1></body></html>");
      return reply;
    case 500:
    case 503:
    case 504:
      return simple_error_reply (status, "Internal server error", "server_error");
    default:
      return simple_error_reply (status, soup_status_get_phrase (status),
                                 status >= 500 ? "server_error" : "invalid_request_error");
    }
}

/* ------------------------------------------------------------------ */
/* Request validation (FastAPI / pydantic v2 error shapes)            */
/* ------------------------------------------------------------------ */

typedef enum {
  K_STRING,
  K_NUMBER,
  K_INT,
  K_BOOL,
  K_DICT,
  K_LIST,
} Kind;

typedef struct {
  gboolean has_ge, has_gt, has_le;
  double ge, gt, le;
} Bounds;

static const char * const request_keys[] = {
  "model", "messages", "temperature", "top_p", "max_tokens", "stream", "stop",
  "random_seed", "metadata", "response_format", "tools", "tool_choice",
  "presence_penalty", "frequency_penalty", "n", "prediction",
  "parallel_tool_calls", "reasoning_effort", "prompt_mode", "guardrails",
  "prompt_cache_key", "service_tier", "safe_prompt", NULL
};
static const char * const message_roles[] = { "system", "user", "assistant", "tool", NULL };
static const char * const system_keys[] = { "role", "content", NULL };
static const char * const user_keys[] = { "role", "content", NULL };
static const char * const assistant_keys[] = { "role", "content", "tool_calls", "prefix", NULL };
static const char * const tool_message_keys[] = { "role", "content", "tool_call_id", "name", NULL };
static const char * const chunk_types[] = {
  "text", "image_url", "document_url", "reference", "file", "thinking", "input_audio", NULL
};
static const char * const system_chunk_types[] = { "text", "thinking", NULL };
static const char * const tool_call_keys[] = { "id", "type", "function", "index", NULL };
static const char * const function_call_keys[] = { "name", "arguments", NULL };
static const char * const builtin_tool_types[] = {
  "web_search", "web_search_premium", "code_interpreter", "image_generation",
  "document_library", "connector", NULL
};
static const char * const tool_keys[] = { "type", "function", NULL };
static const char * const function_keys[] = { "name", "description", "strict", "parameters", NULL };
static const char * const tool_choice_values[] = { "auto", "none", "any", "required", NULL };
static const char * const tool_choice_keys[] = { "type", "function", NULL };
static const char * const tool_choice_function_keys[] = { "name", NULL };
static const char * const response_format_types[] = { "text", "json_object", "json_schema", NULL };
static const char * const response_format_keys[] = { "type", "json_schema", NULL };
static const char * const json_schema_keys[] = { "name", "description", "schema", "strict", NULL };
static const char * const prediction_keys[] = { "type", "content", NULL };
static const char * const prediction_types[] = { "content", NULL };
static const char * const reasoning_efforts[] = { "none", "minimal", "low", "medium", "high", "xhigh", NULL };
static const char * const prompt_modes[] = { "reasoning", NULL };
static const char * const service_tiers[] = { "auto", "standard_only", NULL };

/* A new loc: @parent plus one string (@key) or integer (@index) part. */
static JsonArray *
loc_new (JsonArray  *parent,
         const char *key,
         gint64      index)
{
  JsonArray *loc = json_array_new ();

  if (parent)
    {
      for (guint i = 0; i < json_array_get_length (parent); i++)
        json_array_add_element (loc, json_node_copy (json_array_get_element (parent, i)));
    }
  if (key)
    json_array_add_string_element (loc, key);
  else
    json_array_add_int_element (loc, index);
  return loc;
}

static void
add_error (JsonArray  *detail,
           const char *type,
           JsonArray  *loc,
           const char *msg,
           JsonNode   *input,
           JsonObject *ctx)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "type", type);
  json_object_set_array_member (error, "loc", loc);
  json_object_set_string_member (error, "msg", msg);
  json_object_set_member (error, "input",
                          input ? json_node_copy (input) : json_node_new (JSON_NODE_NULL));
  if (ctx)
    json_object_set_object_member (error, "ctx", ctx);
  json_array_add_object_element (detail, error);
}

static void
add_type_error (JsonArray *detail,
                Kind       kind,
                JsonArray *loc,
                JsonNode  *input)
{
  static const struct { const char *type, *msg; } errors[] = {
    [K_STRING] = { "string_type", "Input should be a valid string" },
    [K_NUMBER] = { "float_type", "Input should be a valid number" },
    [K_INT] = { "int_type", "Input should be a valid integer" },
    [K_BOOL] = { "bool_type", "Input should be a valid boolean" },
    [K_DICT] = { "dict_type", "Input should be a valid dictionary" },
    [K_LIST] = { "list_type", "Input should be a valid list" },
  };

  add_error (detail, errors[kind].type, loc, errors[kind].msg, input, NULL);
}

static void
add_model_type_error (JsonArray  *detail,
                      const char *class_name,
                      JsonArray  *loc,
                      JsonNode   *input)
{
  g_autofree char *msg =
    g_strdup_printf ("Input should be a valid dictionary or instance of %s", class_name);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "class_name", class_name);
  add_error (detail, "model_type", loc, msg, input, ctx);
}

static void
add_bound_error (JsonArray  *detail,
                 const char *type,
                 const char *what,
                 const char *ctx_key,
                 double      bound,
                 JsonArray  *loc,
                 JsonNode   *input)
{
  JsonObject *ctx = json_object_new ();
  g_autofree char *number = NULL;
  g_autofree char *msg = NULL;

  if (bound == floor (bound))
    {
      number = g_strdup_printf ("%.0f", bound);
      json_object_set_int_member (ctx, ctx_key, (gint64) bound);
    }
  else
    {
      number = g_strdup_printf ("%g", bound);
      json_object_set_double_member (ctx, ctx_key, bound);
    }
  msg = g_strdup_printf ("Input should be %s %s", what, number);
  add_error (detail, type, loc, msg, input, ctx);
}

/* pydantic's "'a', 'b' or 'c'" */
static char *
expected_list (const char * const *values)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length ((char **) values);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, i == n - 1 ? " or " : ", ");
      g_string_append_printf (s, "'%s'", values[i]);
    }
  return g_string_free (s, FALSE);
}

static void
add_enum_error (JsonArray          *detail,
                const char * const *values,
                JsonArray          *loc,
                JsonNode           *input)
{
  g_autofree char *expected = expected_list (values);
  g_autofree char *msg = g_strdup_printf ("Input should be %s", expected);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "expected", expected);
  add_error (detail, values[1] ? "enum" : "literal_error", loc, msg, input, ctx);
}

static gboolean
node_has_kind (JsonNode *node,
               Kind      kind,
               gboolean *fractional)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  *fractional = FALSE;
  switch (kind)
    {
    case K_STRING:
      return type == G_TYPE_STRING;
    case K_NUMBER:
      return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
    case K_INT:
      if (type == G_TYPE_INT64)
        return TRUE;
      if (type == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);

          /* pydantic's lax mode takes 2.0 for an int, but not 2.5 */
          if (isfinite (d) && d == floor (d))
            return TRUE;
          *fractional = TRUE;
        }
      return FALSE;
    case K_BOOL:
      return type == G_TYPE_BOOLEAN;
    case K_DICT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case K_LIST:
      return JSON_NODE_HOLDS_ARRAY (node);
    }
  return FALSE;
}

/* Checks @object[@key].  Returns the member when it is present, not null,
 * of the right kind and in bounds; NULL otherwise (errors added). */
static JsonNode *
check_member (JsonArray    *detail,
              JsonNode     *object_node,
              const char   *key,
              JsonArray    *loc,
              Kind          kind,
              gboolean      required,
              gboolean      nullable,
              const Bounds *bounds)
{
  JsonObject *object = json_node_get_object (object_node);
  JsonNode *node = json_object_get_member (object, key);
  gboolean fractional;
  double value;

  if (!node)
    {
      if (required)
        add_error (detail, "missing", loc_new (loc, key, 0), "Field required", object_node, NULL);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        add_type_error (detail, kind, loc_new (loc, key, 0), node);
      return NULL;
    }
  if (!node_has_kind (node, kind, &fractional))
    {
      if (fractional)
        add_error (detail, "int_from_float", loc_new (loc, key, 0),
                   "Input should be a valid integer, got a number with a fractional part",
                   node, NULL);
      else
        add_type_error (detail, kind, loc_new (loc, key, 0), node);
      return NULL;
    }
  if (!bounds || (kind != K_NUMBER && kind != K_INT))
    return node;

  value = node_get_number (node);
  if (bounds->has_gt && !(value > bounds->gt))
    add_bound_error (detail, "greater_than", "greater than", "gt", bounds->gt,
                     loc_new (loc, key, 0), node);
  else if (bounds->has_ge && value < bounds->ge)
    add_bound_error (detail, "greater_than_equal", "greater than or equal to", "ge",
                     bounds->ge, loc_new (loc, key, 0), node);
  else if (bounds->has_le && value > bounds->le)
    add_bound_error (detail, "less_than_equal", "less than or equal to", "le",
                     bounds->le, loc_new (loc, key, 0), node);
  else
    return node;
  return NULL;
}

static void
check_enum_member (JsonArray          *detail,
                   JsonNode           *object_node,
                   const char         *key,
                   JsonArray          *loc,
                   const char * const *values,
                   gboolean            nullable)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object_node), key);

  if (!node || (nullable && JSON_NODE_HOLDS_NULL (node)))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && strv_has (values, json_node_get_string (node)))
    return;
  add_enum_error (detail, values, loc_new (loc, key, 0), node);
}

/* Checks @object[@key] is an object, as a nested pydantic model. */
static JsonNode *
check_model_member (JsonArray  *detail,
                    JsonNode   *object_node,
                    const char *key,
                    JsonArray  *loc,
                    const char *class_name,
                    gboolean    required,
                    gboolean    nullable)
{
  JsonNode *node = json_object_get_member (json_node_get_object (object_node), key);

  if (!node)
    {
      if (required)
        add_error (detail, "missing", loc_new (loc, key, 0), "Field required", object_node, NULL);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_model_type_error (detail, class_name, loc_new (loc, key, 0), node);
      return NULL;
    }
  return node;
}

/* Unknown keys, reported after the field errors as pydantic does. */
static void
check_extra (JsonArray          *detail,
             JsonNode           *object_node,
             JsonArray          *loc,
             const char * const *allowed)
{
  JsonObject *object = json_node_get_object (object_node);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      if (!strv_has (allowed, l->data))
        add_error (detail, "extra_forbidden", loc_new (loc, l->data, 0),
                   "Extra inputs are not permitted",
                   json_object_get_member (object, l->data), NULL);
    }
}

static void
add_union_tag_error (JsonArray          *detail,
                     const char         *discriminator,
                     const char * const *tags,
                     JsonArray          *loc,
                     JsonNode           *input,
                     JsonNode           *tag_node)
{
  g_autofree char *quoted = g_strdup_printf ("'%s'", discriminator);
  JsonObject *ctx = json_object_new ();

  json_object_set_string_member (ctx, "discriminator", quoted);
  if (!tag_node)
    {
      g_autofree char *msg =
        g_strdup_printf ("Unable to extract tag using discriminator %s", quoted);

      add_error (detail, "union_tag_not_found", loc, msg, input, ctx);
    }
  else
    {
      GString *expected = g_string_new (NULL);
      g_autofree char *tag = NULL;
      g_autofree char *msg = NULL;

      for (guint i = 0; tags[i]; i++)
        g_string_append_printf (expected, "%s'%s'", i ? ", " : "", tags[i]);
      if (JSON_NODE_HOLDS_VALUE (tag_node) && json_node_get_value_type (tag_node) == G_TYPE_STRING)
        tag = g_strdup (json_node_get_string (tag_node));
      else
        tag = node_to_string (tag_node);
      msg = g_strdup_printf ("Input tag '%s' found using %s does not match any of the expected tags: %s",
                             tag, quoted, expected->str);
      json_object_set_string_member (ctx, "tag", tag);
      json_object_set_string_member (ctx, "expected_tags", expected->str);
      add_error (detail, "union_tag_invalid", loc, msg, input, ctx);
      g_string_free (expected, TRUE);
    }
}

/* Returns the tag when @node is an object with a known @discriminator. */
static const char *
check_tagged (JsonArray          *detail,
              JsonNode           *node,
              JsonArray          *loc,
              const char         *discriminator,
              const char * const *tags,
              const char         *default_tag)
{
  JsonNode *tag_node;
  const char *tag;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (detail, "model_attributes_type", json_array_ref (loc),
                 "Input should be a valid dictionary or object to extract fields from",
                 node, NULL);
      return NULL;
    }
  tag_node = json_object_get_member (json_node_get_object (node), discriminator);
  if (!tag_node && default_tag)
    return default_tag;
  tag = object_get_string (json_node_get_object (node), discriminator);
  if (!tag_node || !strv_has (tags, tag))
    {
      add_union_tag_error (detail, discriminator, tags, json_array_ref (loc), node, tag_node);
      return NULL;
    }
  return tag;
}

static void
validate_chunk (JsonArray *detail,
                JsonNode  *node,
                JsonArray *loc,
                gboolean   system)
{
  const char *type = check_tagged (detail, node, loc, "type",
                                   system ? system_chunk_types : chunk_types, NULL);
  g_autoptr(JsonArray) type_loc = NULL;

  if (!type)
    return;
  type_loc = loc_new (loc, type, 0);
  if (strcmp (type, "text") == 0)
    {
      static const char * const keys[] = { "type", "text", NULL };

      check_member (detail, node, "text", type_loc, K_STRING, TRUE, FALSE, NULL);
      check_extra (detail, node, type_loc, keys);
    }
  else if (strcmp (type, "image_url") == 0)
    {
      static const char * const keys[] = { "type", "image_url", NULL };
      JsonNode *url = json_object_get_member (json_node_get_object (node), "image_url");

      if (!url)
        add_error (detail, "missing", loc_new (type_loc, "image_url", 0), "Field required", node, NULL);
      else if (!JSON_NODE_HOLDS_OBJECT (url)
               && !(JSON_NODE_HOLDS_VALUE (url) && json_node_get_value_type (url) == G_TYPE_STRING))
        add_type_error (detail, K_STRING, loc_new (type_loc, "image_url", 0), url);
      check_extra (detail, node, type_loc, keys);
    }
}

static void
validate_content (JsonArray  *detail,
                  JsonNode   *message_node,
                  JsonArray  *loc,
                  const char *role)
{
  JsonNode *content = json_object_get_member (json_node_get_object (message_node), "content");
  gboolean system = strcmp (role, "system") == 0;
  g_autoptr(JsonArray) content_loc = loc_new (loc, "content", 0);

  if (!content)
    {
      if (strcmp (role, "assistant") != 0)
        add_error (detail, "missing", json_array_ref (content_loc), "Field required",
                   message_node, NULL);
      return;
    }
  if (JSON_NODE_HOLDS_NULL (content) && !system)
    return;
  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    return;
  if (JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *chunks = json_node_get_array (content);

      for (guint j = 0; j < json_array_get_length (chunks); j++)
        {
          g_autoptr(JsonArray) chunk_loc = loc_new (content_loc, NULL, j);

          validate_chunk (detail, json_array_get_element (chunks, j), chunk_loc, system);
        }
      return;
    }
  add_type_error (detail, K_STRING, json_array_ref (content_loc), content);
}

static void
validate_tool_call (JsonArray *detail,
                    JsonNode  *node,
                    JsonArray *loc)
{
  JsonNode *function;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_model_type_error (detail, "ToolCall", json_array_ref (loc), node);
      return;
    }
  check_member (detail, node, "id", loc, K_STRING, FALSE, FALSE, NULL);
  check_member (detail, node, "type", loc, K_STRING, FALSE, FALSE, NULL);
  check_member (detail, node, "index", loc, K_INT, FALSE, FALSE, NULL);
  function = check_model_member (detail, node, "function", loc, "FunctionCall", TRUE, FALSE);
  if (function)
    {
      g_autoptr(JsonArray) function_loc = loc_new (loc, "function", 0);
      JsonNode *arguments = json_object_get_member (json_node_get_object (function), "arguments");

      check_member (detail, function, "name", function_loc, K_STRING, TRUE, FALSE, NULL);
      if (!arguments)
        add_error (detail, "missing", loc_new (function_loc, "arguments", 0), "Field required",
                   function, NULL);
      else if (!JSON_NODE_HOLDS_OBJECT (arguments)
               && !(JSON_NODE_HOLDS_VALUE (arguments)
                    && json_node_get_value_type (arguments) == G_TYPE_STRING))
        add_type_error (detail, K_STRING, loc_new (function_loc, "arguments", 0), arguments);
      check_extra (detail, function, function_loc, function_call_keys);
    }
  check_extra (detail, node, loc, tool_call_keys);
}

static void
validate_message (JsonArray *detail,
                  JsonNode  *node,
                  JsonArray *loc)
{
  const char *role = check_tagged (detail, node, loc, "role", message_roles, NULL);
  g_autoptr(JsonArray) role_loc = NULL;
  const char * const *keys;

  if (!role)
    return;
  role_loc = loc_new (loc, role, 0);
  validate_content (detail, node, role_loc, role);

  if (strcmp (role, "assistant") == 0)
    {
      JsonNode *tool_calls = check_member (detail, node, "tool_calls", role_loc, K_LIST,
                                           FALSE, TRUE, NULL);

      if (tool_calls)
        {
          JsonArray *calls = json_node_get_array (tool_calls);
          g_autoptr(JsonArray) calls_loc = loc_new (role_loc, "tool_calls", 0);

          for (guint i = 0; i < json_array_get_length (calls); i++)
            {
              g_autoptr(JsonArray) call_loc = loc_new (calls_loc, NULL, i);

              validate_tool_call (detail, json_array_get_element (calls, i), call_loc);
            }
        }
      check_member (detail, node, "prefix", role_loc, K_BOOL, FALSE, FALSE, NULL);
      keys = assistant_keys;
    }
  else if (strcmp (role, "tool") == 0)
    {
      check_member (detail, node, "tool_call_id", role_loc, K_STRING, FALSE, TRUE, NULL);
      check_member (detail, node, "name", role_loc, K_STRING, FALSE, TRUE, NULL);
      keys = tool_message_keys;
    }
  else
    keys = strcmp (role, "system") == 0 ? system_keys : user_keys;

  check_extra (detail, node, role_loc, keys);
}

static void
validate_tool (JsonArray *detail,
               JsonNode  *node,
               JsonArray *loc)
{
  static const char * const all_types[] = {
    "function", "web_search", "web_search_premium", "code_interpreter",
    "image_generation", "document_library", "connector", NULL
  };
  const char *type = check_tagged (detail, node, loc, "type", all_types, "function");
  g_autoptr(JsonArray) type_loc = NULL;
  JsonNode *function;

  if (!type || strv_has (builtin_tool_types, type))
    return;
  type_loc = loc_new (loc, type, 0);
  function = check_model_member (detail, node, "function", type_loc, "Function", TRUE, FALSE);
  if (function)
    {
      g_autoptr(JsonArray) function_loc = loc_new (type_loc, "function", 0);

      check_member (detail, function, "name", function_loc, K_STRING, TRUE, FALSE, NULL);
      check_member (detail, function, "description", function_loc, K_STRING, FALSE, FALSE, NULL);
      check_member (detail, function, "strict", function_loc, K_BOOL, FALSE, FALSE, NULL);
      check_member (detail, function, "parameters", function_loc, K_DICT, TRUE, FALSE, NULL);
      check_extra (detail, function, function_loc, function_keys);
    }
  check_extra (detail, node, type_loc, tool_keys);
}

static void
validate_tool_choice (JsonArray *detail,
                      JsonNode  *body,
                      JsonArray *loc)
{
  JsonNode *node = json_object_get_member (json_node_get_object (body), "tool_choice");
  g_autoptr(JsonArray) choice_loc = loc_new (loc, "tool_choice", 0);
  JsonNode *function;

  if (!node)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      check_enum_member (detail, node, "type", choice_loc, (const char * const[]) { "function", NULL }, FALSE);
      function = check_model_member (detail, node, "function", choice_loc, "FunctionName", TRUE, FALSE);
      if (function)
        {
          g_autoptr(JsonArray) function_loc = loc_new (choice_loc, "function", 0);

          check_member (detail, function, "name", function_loc, K_STRING, TRUE, FALSE, NULL);
          check_extra (detail, function, function_loc, tool_choice_function_keys);
        }
      check_extra (detail, node, choice_loc, tool_choice_keys);
      return;
    }
  check_enum_member (detail, body, "tool_choice", loc, tool_choice_values, FALSE);
}

static void
validate_stop (JsonArray *detail,
               JsonNode  *body,
               JsonArray *loc)
{
  JsonNode *node = json_object_get_member (json_node_get_object (body), "stop");
  g_autoptr(JsonArray) stop_loc = loc_new (loc, "stop", 0);
  g_autoptr(JsonArray) str_loc = loc_new (stop_loc, "str", 0);
  g_autoptr(JsonArray) list_loc = loc_new (stop_loc, "list[str]", 0);

  if (!node || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return;

  /* A union: pydantic reports why each member failed. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean bad = FALSE;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!(JSON_NODE_HOLDS_VALUE (element)
                && json_node_get_value_type (element) == G_TYPE_STRING))
            {
              if (!bad)
                add_type_error (detail, K_STRING, json_array_ref (str_loc), node);
              bad = TRUE;
              add_type_error (detail, K_STRING, loc_new (list_loc, NULL, i), element);
            }
        }
      return;
    }
  add_type_error (detail, K_STRING, json_array_ref (str_loc), node);
  add_type_error (detail, K_LIST, json_array_ref (list_loc), node);
}

static void
validate_response_format (JsonArray *detail,
                          JsonNode  *body,
                          JsonArray *loc)
{
  JsonNode *node = check_model_member (detail, body, "response_format", loc,
                                       "ResponseFormat", FALSE, TRUE);
  g_autoptr(JsonArray) rf_loc = loc_new (loc, "response_format", 0);
  JsonNode *schema;

  if (!node)
    return;
  check_enum_member (detail, node, "type", rf_loc, response_format_types, FALSE);
  schema = check_model_member (detail, node, "json_schema", rf_loc, "JsonSchema", FALSE, TRUE);
  if (schema)
    {
      g_autoptr(JsonArray) schema_loc = loc_new (rf_loc, "json_schema", 0);

      check_member (detail, schema, "name", schema_loc, K_STRING, TRUE, FALSE, NULL);
      check_member (detail, schema, "description", schema_loc, K_STRING, FALSE, TRUE, NULL);
      check_member (detail, schema, "schema", schema_loc, K_DICT, TRUE, FALSE, NULL);
      check_member (detail, schema, "strict", schema_loc, K_BOOL, FALSE, FALSE, NULL);
      check_extra (detail, schema, schema_loc, json_schema_keys);
    }
  check_extra (detail, node, rf_loc, response_format_keys);
}

/* Returns the pydantic "detail" list; empty when @root is a valid request. */
static JsonArray *
validate_request (JsonNode *root)
{
  static const Bounds temperature_bounds = { .has_ge = TRUE, .ge = 0, .has_le = TRUE, .le = 1.5 };
  static const Bounds top_p_bounds = { .has_gt = TRUE, .gt = 0, .has_le = TRUE, .le = 1 };
  static const Bounds non_negative = { .has_ge = TRUE, .ge = 0 };
  static const Bounds positive = { .has_ge = TRUE, .ge = 1 };
  static const Bounds penalty_bounds = { .has_ge = TRUE, .ge = -2, .has_le = TRUE, .le = 2 };
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();
  JsonNode *node;

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_error (detail, "model_attributes_type", json_array_ref (loc),
                 "Input should be a valid dictionary or object to extract fields from",
                 root, NULL);
      return detail;
    }

  check_member (detail, root, "model", loc, K_STRING, TRUE, FALSE, NULL);
  node = check_member (detail, root, "messages", loc, K_LIST, TRUE, FALSE, NULL);
  if (node)
    {
      JsonArray *messages = json_node_get_array (node);
      g_autoptr(JsonArray) messages_loc = loc_new (loc, "messages", 0);
      guint n = json_array_get_length (messages);

      if (n == 0)
        {
          JsonObject *ctx = json_object_new ();

          json_object_set_string_member (ctx, "field_type", "List");
          json_object_set_int_member (ctx, "min_length", 1);
          json_object_set_int_member (ctx, "actual_length", 0);
          add_error (detail, "too_short", json_array_ref (messages_loc),
                     "List should have at least 1 item after validation, not 0", node, ctx);
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JsonArray) message_loc = loc_new (messages_loc, NULL, i);

          validate_message (detail, json_array_get_element (messages, i), message_loc);
        }
    }
  check_member (detail, root, "temperature", loc, K_NUMBER, FALSE, TRUE, &temperature_bounds);
  check_member (detail, root, "top_p", loc, K_NUMBER, FALSE, TRUE, &top_p_bounds);
  check_member (detail, root, "max_tokens", loc, K_INT, FALSE, TRUE, &non_negative);
  check_member (detail, root, "stream", loc, K_BOOL, FALSE, FALSE, NULL);
  validate_stop (detail, root, loc);
  check_member (detail, root, "random_seed", loc, K_INT, FALSE, TRUE, &non_negative);
  check_member (detail, root, "metadata", loc, K_DICT, FALSE, TRUE, NULL);
  validate_response_format (detail, root, loc);
  node = check_member (detail, root, "tools", loc, K_LIST, FALSE, TRUE, NULL);
  if (node)
    {
      JsonArray *tools = json_node_get_array (node);
      g_autoptr(JsonArray) tools_loc = loc_new (loc, "tools", 0);

      for (guint i = 0; i < json_array_get_length (tools); i++)
        {
          g_autoptr(JsonArray) tool_loc = loc_new (tools_loc, NULL, i);

          validate_tool (detail, json_array_get_element (tools, i), tool_loc);
        }
    }
  validate_tool_choice (detail, root, loc);
  check_member (detail, root, "presence_penalty", loc, K_NUMBER, FALSE, TRUE, &penalty_bounds);
  check_member (detail, root, "frequency_penalty", loc, K_NUMBER, FALSE, TRUE, &penalty_bounds);
  check_member (detail, root, "n", loc, K_INT, FALSE, TRUE, &positive);
  node = check_model_member (detail, root, "prediction", loc, "Prediction", FALSE, FALSE);
  if (node)
    {
      g_autoptr(JsonArray) prediction_loc = loc_new (loc, "prediction", 0);

      check_enum_member (detail, node, "type", prediction_loc, prediction_types, FALSE);
      check_member (detail, node, "content", prediction_loc, K_STRING, FALSE, FALSE, NULL);
      check_extra (detail, node, prediction_loc, prediction_keys);
    }
  check_member (detail, root, "parallel_tool_calls", loc, K_BOOL, FALSE, FALSE, NULL);
  check_enum_member (detail, root, "reasoning_effort", loc, reasoning_efforts, TRUE);
  check_enum_member (detail, root, "prompt_mode", loc, prompt_modes, TRUE);
  node = check_member (detail, root, "guardrails", loc, K_LIST, FALSE, TRUE, NULL);
  if (node)
    {
      JsonArray *guardrails = json_node_get_array (node);
      g_autoptr(JsonArray) guardrails_loc = loc_new (loc, "guardrails", 0);

      for (guint i = 0; i < json_array_get_length (guardrails); i++)
        {
          JsonNode *element = json_array_get_element (guardrails, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            add_model_type_error (detail, "GuardrailConfig", loc_new (guardrails_loc, NULL, i), element);
        }
    }
  check_member (detail, root, "prompt_cache_key", loc, K_STRING, FALSE, TRUE, NULL);
  check_enum_member (detail, root, "service_tier", loc, service_tiers, TRUE);
  check_member (detail, root, "safe_prompt", loc, K_BOOL, FALSE, FALSE, NULL);
  check_extra (detail, root, loc, request_keys);
  return detail;
}

static gboolean
check_auth (MockServer        *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *key;
  gboolean ok;

  if (!value || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;
  key = value + 7;
  if (*key == '\0')
    return FALSE;

  g_mutex_lock (&self->lock);
  if (self->api_key)
    ok = strcmp (key, self->api_key) == 0;
  else
    ok = !g_str_has_prefix (key, "invalid");
  g_mutex_unlock (&self->lock);
  return ok;
}

/* Auth, content type, JSON, then fields: the order the real API answers in.
 * Returns an error reply, or NULL with the parsed body in @out_root. */
static MockReply *
check_request (MockServer        *self,
               SoupServerMessage *msg,
               JsonNode         **out_root)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) detail = NULL;
  const char *data;
  gsize size;

  if (!check_auth (self, msg))
    return unauthorized_reply ();

  if (!content_type || g_ascii_strncasecmp (content_type, "application/json", 16) != 0)
    return simple_error_reply (SOUP_STATUS_BAD_REQUEST,
                               "Invalid Content-Type: expected application/json",
                               "invalid_request_error");

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &size);
  parser = json_parser_new ();
  if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
    root = json_parser_steal_root (parser);
  if (!root)
    return simple_error_reply (SOUP_STATUS_BAD_REQUEST, "Invalid JSON body",
                               "invalid_request_error");

  detail = validate_request (root);
  if (json_array_get_length (detail) > 0)
    return validation_reply (detail);

  *out_root = g_steal_pointer (&root);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Default completions                                                */
/* ------------------------------------------------------------------ */

typedef struct {
  char *content;                /* NULL for a tool call */
  GPtrArray *pieces;            /* content pieces, one per stream chunk */
  char *tool_id;
  char *tool_name;
  char *tool_arguments;
  const char *finish_reason;
  guint completion_tokens;
} Choice;

typedef struct {
  char *id;
  gint64 created;
  char *model;
  guint prompt_tokens;
  GPtrArray *choices;           /* Choice* */
} Completion;

static void
choice_free (Choice *choice)
{
  g_free (choice->content);
  g_clear_pointer (&choice->pieces, g_ptr_array_unref);
  g_free (choice->tool_id);
  g_free (choice->tool_name);
  g_free (choice->tool_arguments);
  g_free (choice);
}

static void
completion_free (Completion *completion)
{
  g_free (completion->id);
  g_free (completion->model);
  g_ptr_array_unref (completion->choices);
  g_free (completion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Completion, completion_free)

/* Cuts @text into "word plus its leading whitespace" pieces; joining them
 * gives @text back.  One piece stands for one token. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; *p; p++)
    {
      if (p > start && g_ascii_isspace (*p) && !g_ascii_isspace (p[-1]))
        {
          g_ptr_array_add (pieces, g_strndup (start, p - start));
          start = p;
        }
    }
  if (*start)
    g_ptr_array_add (pieces, g_strdup (start));
  return pieces;
}

static guint
count_words (const char *text)
{
  g_autoptr(GPtrArray) pieces = split_words (text ? text : "");

  return pieces->len;
}

/* The text of a message content: a string, or the text chunks joined. */
static char *
content_text (JsonNode *content)
{
  GString *s = g_string_new (NULL);

  if (!content || JSON_NODE_HOLDS_NULL (content))
    return g_string_free (s, FALSE);
  if (JSON_NODE_HOLDS_VALUE (content) && json_node_get_value_type (content) == G_TYPE_STRING)
    g_string_append (s, json_node_get_string (content));
  else if (JSON_NODE_HOLDS_ARRAY (content))
    {
      JsonArray *chunks = json_node_get_array (content);

      for (guint i = 0; i < json_array_get_length (chunks); i++)
        {
          JsonObject *chunk = json_array_get_object_element (chunks, i);
          const char *text = object_get_string (chunk, "text");

          if (text && g_strcmp0 (object_get_string (chunk, "type"), "text") == 0)
            {
              if (s->len > 0)
                g_string_append_c (s, ' ');
              g_string_append (s, text);
            }
        }
    }
  return g_string_free (s, FALSE);
}

static JsonNode *
dummy_for_schema (JsonNode   *schema,
                  const char *string_value)
{
  JsonObject *object = schema && JSON_NODE_HOLDS_OBJECT (schema) ? json_node_get_object (schema) : NULL;
  JsonNode *type_node = object ? json_object_get_member (object, "type") : NULL;
  const char *type = NULL;
  JsonNode *node;

  if (type_node && JSON_NODE_HOLDS_VALUE (type_node))
    type = object_get_string (object, "type");
  else if (type_node && JSON_NODE_HOLDS_ARRAY (type_node))
    {
      JsonArray *types = json_node_get_array (type_node);

      for (guint i = 0; i < json_array_get_length (types) && !type; i++)
        {
          const char *t = json_array_get_string_element (types, i);

          if (t && strcmp (t, "null") != 0)
            type = t;
        }
    }
  if (!type && object)
    {
      JsonArray *values = object_get_array (object, "enum");

      if (values && json_array_get_length (values) > 0)
        return json_node_copy (json_array_get_element (values, 0));
      if (json_object_has_member (object, "const"))
        return json_node_copy (json_object_get_member (object, "const"));
      if (object_get_object (object, "properties"))
        type = "object";
    }

  node = json_node_alloc ();
  if (g_strcmp0 (type, "number") == 0 || g_strcmp0 (type, "integer") == 0)
    json_node_init_int (node, 1);
  else if (g_strcmp0 (type, "boolean") == 0)
    json_node_init_boolean (node, TRUE);
  else if (g_strcmp0 (type, "array") == 0)
    json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
  else if (g_strcmp0 (type, "object") == 0)
    json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
  else if (g_strcmp0 (type, "null") == 0)
    json_node_init_null (node);
  else
    json_node_init_string (node, string_value);
  return node;
}

/* An object holding every "required" property of @schema, with dummies. */
static char *
object_for_schema (JsonNode   *schema,
                   const char *string_value)
{
  JsonObject *object = schema && JSON_NODE_HOLDS_OBJECT (schema) ? json_node_get_object (schema) : NULL;
  JsonObject *properties = object_get_object (object, "properties");
  JsonArray *required = object_get_array (object, "required");
  g_autoptr(JsonObject) result = json_object_new ();

  for (guint i = 0; required && i < json_array_get_length (required); i++)
    {
      const char *name = json_array_get_string_element (required, i);
      JsonNode *property = properties ? json_object_get_member (properties, name) : NULL;

      if (name)
        json_object_set_member (result, name, dummy_for_schema (property, string_value));
    }
  return object_to_string (result);
}

/* The function a tool call should go to, or NULL for a text reply. */
static JsonObject *
pick_tool_function (JsonObject *request)
{
  JsonArray *tools = object_get_array (request, "tools");
  JsonNode *choice = json_object_get_member (request, "tool_choice");
  const char *wanted = NULL;

  if (!tools)
    return NULL;
  if (choice && JSON_NODE_HOLDS_VALUE (choice)
      && g_strcmp0 (json_node_get_string (choice), "none") == 0)
    return NULL;
  if (choice && JSON_NODE_HOLDS_OBJECT (choice))
    wanted = object_get_string (object_get_object (json_node_get_object (choice), "function"), "name");

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);
      const char *type = object_get_string (tool, "type");
      JsonObject *function = object_get_object (tool, "function");

      if ((type && strcmp (type, "function") != 0) || !function)
        continue;
      if (!wanted || g_strcmp0 (object_get_string (function, "name"), wanted) == 0)
        return function;
    }
  return NULL;
}

static Completion *
completion_new (const char *model,
                guint       prompt_tokens)
{
  Completion *completion = g_new0 (Completion, 1);

  completion->id = random_hex (32);
  completion->created = g_get_real_time () / G_USEC_PER_SEC;
  completion->model = g_strdup (model);
  completion->prompt_tokens = MAX (prompt_tokens, 1);
  completion->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  return completion;
}

static void
completion_add_text (Completion *completion,
                     const char *text,
                     gint64      max_tokens)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->pieces = split_words (text);
  choice->finish_reason = "stop";
  if (max_tokens >= 0 && (guint64) max_tokens < choice->pieces->len)
    {
      g_ptr_array_set_size (choice->pieces, max_tokens);
      choice->finish_reason = "length";
    }
  g_ptr_array_add (choice->pieces, NULL);
  choice->content = g_strjoinv ("", (char **) choice->pieces->pdata);
  g_ptr_array_set_size (choice->pieces, choice->pieces->len - 1);
  choice->completion_tokens = choice->pieces->len;
  g_ptr_array_add (completion->choices, choice);
}

static void
completion_add_tool_call (Completion *completion,
                          const char *name,
                          const char *arguments)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->tool_id = random_alnum (9);
  choice->tool_name = g_strdup (name);
  choice->tool_arguments = g_strdup (arguments);
  choice->finish_reason = "tool_calls";
  choice->completion_tokens = 5 + count_words (arguments);
  g_ptr_array_add (completion->choices, choice);
}

static guint
prompt_tokens_for (JsonArray *messages)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);
      g_autofree char *text = content_text (json_object_get_member (message, "content"));
      JsonArray *calls = object_get_array (message, "tool_calls");

      n += count_words (text) + 3;
      for (guint j = 0; calls && j < json_array_get_length (calls); j++)
        {
          JsonObject *function = object_get_object (json_array_get_object_element (calls, j), "function");

          n += 5 + count_words (object_get_string (function, "arguments"));
        }
    }
  return n;
}

/* The deterministic default answer to a validated request. */
static Completion *
default_completion (JsonObject *request)
{
  JsonArray *messages = json_object_get_array_member (request, "messages");
  guint n_messages = json_array_get_length (messages);
  JsonObject *last = json_array_get_object_element (messages, n_messages - 1);
  const char *last_role = object_get_string (last, "role");
  gint64 n = object_get_int (request, "n", 1);
  gint64 max_tokens = object_get_int (request, "max_tokens", -1);
  JsonObject *format = object_get_object (request, "response_format");
  const char *format_type = object_get_string (format, "type");
  JsonObject *function = NULL;
  g_autofree char *user_text = NULL;
  g_autofree char *source_text = NULL;
  g_autoptr(Completion) completion = NULL;

  completion = completion_new (object_get_string (request, "model"), prompt_tokens_for (messages));

  for (guint i = n_messages; i > 0 && !user_text; i--)
    {
      JsonObject *message = json_array_get_object_element (messages, i - 1);

      if (g_strcmp0 (object_get_string (message, "role"), "user") == 0)
        user_text = content_text (json_object_get_member (message, "content"));
    }
  if (!user_text)
    user_text = g_strdup ("");

  if (g_strcmp0 (last_role, "tool") == 0)
    source_text = content_text (json_object_get_member (last, "content"));
  else
    source_text = g_strdup (user_text);

  if (g_strcmp0 (last_role, "user") == 0)
    function = pick_tool_function (request);

  for (gint64 i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (function)
        {
          g_autofree char *arguments =
            object_for_schema (json_object_get_member (function, "parameters"), "test");

          completion_add_tool_call (completion, object_get_string (function, "name"), arguments);
          continue;
        }

      if (g_strcmp0 (format_type, "json_object") == 0)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "echo", source_text);
          text = object_to_string (object);
        }
      else if (g_strcmp0 (format_type, "json_schema") == 0)
        {
          JsonObject *schema = object_get_object (format, "json_schema");

          text = object_for_schema (schema ? json_object_get_member (schema, "schema") : NULL,
                                    "example");
        }
      else if (g_strcmp0 (last_role, "tool") == 0)
        text = g_strdup_printf ("Tool said: %s", source_text);
      else if (n == 1)
        text = g_strdup_printf ("Echo: %s", source_text);
      else
        text = g_strdup_printf ("Echo (%" G_GINT64_FORMAT "): %s", i, source_text);

      completion_add_text (completion, text, max_tokens);
    }
  return g_steal_pointer (&completion);
}

static JsonObject *
usage_object (Completion *completion,
              gboolean    stream_order)
{
  JsonObject *usage = json_object_new ();
  guint completion_tokens = 0;

  for (guint i = 0; i < completion->choices->len; i++)
    completion_tokens += ((Choice *) completion->choices->pdata[i])->completion_tokens;

  /* The stream capture orders them prompt, total, completion (§5). */
  json_object_set_int_member (usage, "prompt_tokens", completion->prompt_tokens);
  if (stream_order)
    json_object_set_int_member (usage, "total_tokens", completion->prompt_tokens + completion_tokens);
  json_object_set_int_member (usage, "completion_tokens", completion_tokens);
  if (!stream_order)
    json_object_set_int_member (usage, "total_tokens", completion->prompt_tokens + completion_tokens);
  return usage;
}

static JsonArray *
tool_calls_array (Choice *choice)
{
  JsonArray *calls = json_array_new ();
  JsonObject *call = json_object_new ();
  JsonObject *function = json_object_new ();

  json_object_set_string_member (function, "name", choice->tool_name);
  json_object_set_string_member (function, "arguments", choice->tool_arguments);
  json_object_set_string_member (call, "id", choice->tool_id);
  json_object_set_string_member (call, "type", "function");
  json_object_set_object_member (call, "function", function);
  json_object_set_int_member (call, "index", 0);
  json_array_add_object_element (calls, call);
  return calls;
}

/* F2 / F2b */
static char *
completion_render_json (Completion *completion)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *choices = json_array_new ();

  json_object_set_string_member (root, "id", completion->id);
  json_object_set_string_member (root, "object", "chat.completion");
  json_object_set_int_member (root, "created", completion->created);
  json_object_set_string_member (root, "model", completion->model);
  for (guint i = 0; i < completion->choices->len; i++)
    {
      Choice *choice = completion->choices->pdata[i];
      JsonObject *object = json_object_new ();
      JsonObject *message = json_object_new ();

      json_object_set_string_member (message, "role", "assistant");
      json_object_set_string_member (message, "content", choice->content ? choice->content : "");
      if (choice->tool_name)
        json_object_set_array_member (message, "tool_calls", tool_calls_array (choice));
      else
        json_object_set_null_member (message, "tool_calls");
      json_object_set_boolean_member (message, "prefix", FALSE);
      json_object_set_int_member (object, "index", i);
      json_object_set_object_member (object, "message", message);
      json_object_set_string_member (object, "finish_reason", choice->finish_reason);
      json_array_add_object_element (choices, object);
    }
  json_object_set_array_member (root, "choices", choices);
  json_object_set_object_member (root, "usage", usage_object (completion, FALSE));
  return object_to_string (root);
}

static JsonObject *
chunk_new (Completion *completion,
           guint       index,
           JsonObject *delta,
           const char *finish_reason)
{
  JsonObject *chunk = json_object_new ();
  JsonArray *choices = json_array_new ();
  JsonObject *choice = json_object_new ();

  json_object_set_string_member (chunk, "id", completion->id);
  json_object_set_string_member (chunk, "object", "chat.completion.chunk");
  json_object_set_int_member (chunk, "created", completion->created);
  json_object_set_string_member (chunk, "model", completion->model);
  json_object_set_int_member (choice, "index", index);
  json_object_set_object_member (choice, "delta", delta);
  if (finish_reason)
    json_object_set_string_member (choice, "finish_reason", finish_reason);
  else
    json_object_set_null_member (choice, "finish_reason");
  json_array_add_object_element (choices, choice);
  json_object_set_array_member (chunk, "choices", choices);
  return chunk;
}

/* F3 / F4 events (without [DONE]), choices interleaved by index. */
static GPtrArray *
completion_render_events (Completion *completion)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  guint rounds = 1;

  for (guint i = 0; i < completion->choices->len; i++)
    {
      JsonObject *delta = json_object_new ();
      Choice *choice = completion->choices->pdata[i];

      json_object_set_string_member (delta, "role", "assistant");
      json_object_set_string_member (delta, "content", "");
      g_ptr_array_add (chunks, chunk_new (completion, i, delta, NULL));
      if (choice->pieces)
        rounds = MAX (rounds, choice->pieces->len);
    }

  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < completion->choices->len; i++)
        {
          Choice *choice = completion->choices->pdata[i];
          JsonObject *delta;
          guint n_pieces = choice->pieces ? MAX (choice->pieces->len, 1) : 1;
          gboolean last = round == n_pieces - 1;

          if (round >= n_pieces)
            continue;
          delta = json_object_new ();
          if (choice->tool_name)
            json_object_set_array_member (delta, "tool_calls", tool_calls_array (choice));
          else
            json_object_set_string_member (delta, "content",
                                           choice->pieces->len ? choice->pieces->pdata[round] : "");
          g_ptr_array_add (chunks, chunk_new (completion, i, delta,
                                              last ? choice->finish_reason : NULL));
        }
    }

  json_object_set_object_member (chunks->pdata[chunks->len - 1], "usage",
                                 usage_object (completion, TRUE));
  for (guint i = 0; i < chunks->len; i++)
    g_ptr_array_add (events, object_to_string (chunks->pdata[i]));
  return events;
}

/* ------------------------------------------------------------------ */
/* Connection tracking                                                */
/* ------------------------------------------------------------------ */

static void
conn_entry_free (ConnEntry *entry)
{
  MockServer *self = entry->self;

  clear_source (&entry->idle_watch);
  g_signal_handlers_disconnect_by_data (entry->msg, entry);
  defer_unref (self, entry->msg);
  g_object_unref (entry->socket);
  g_free (entry);

  g_mutex_lock (&self->lock);
  self->n_open--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
conn_disconnected_cb (SoupServerMessage *msg,
                      ConnEntry         *entry)
{
  g_hash_table_remove (entry->self->conns, entry->socket);
}

/* libsoup 3.2.3 never closes a keep-alive connection that the client
 * closes while idle (fixed upstream by d20c6601): it stays in CLOSE-WAIT
 * until the server goes.  So watch idle connections ourselves, ahead of
 * libsoup's reader (higher priority), and close them on EOF. */
static gboolean
conn_idle_watch_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  ConnEntry *entry = user_data;
  g_autoptr(SoupServerMessage) msg = NULL;
  g_autoptr(GIOStream) stream = NULL;
  char c;
  gssize n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  clear_source (&entry->idle_watch);
  if (n > 0)
    return G_SOURCE_REMOVE;     /* the next request: libsoup's business */

  /* Stealing through the finished message drops libsoup's idle reader
   * and emits "disconnected", which frees @entry. */
  msg = g_object_ref (entry->msg);
  stream = soup_server_message_steal_connection (msg);
  if (stream)
    g_io_stream_close (stream, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
conn_msg_finished_cb (SoupServerMessage *msg,
                      ConnEntry         *entry)
{
  clear_source (&entry->idle_watch);
  entry->idle_watch = g_socket_create_source (entry->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_priority (entry->idle_watch, G_PRIORITY_HIGH);
  g_source_set_callback (entry->idle_watch, G_SOURCE_FUNC (conn_idle_watch_cb),
                         entry, NULL);
  g_source_attach (entry->idle_watch, entry->self->context);
}

/* "request-started" comes once when a connection is accepted, then once per
 * keep-alive request; the newest message is the one that will hear the
 * connection's "disconnected". */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    MockServer        *self)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  ConnEntry *entry;

  if (!socket)
    return;

  /* Stealing a connection looks both addresses up; once the peer is gone
   * (shutdown, RST) that fails with a g_warning, so cache them now. */
  soup_server_message_get_local_address (msg);
  soup_server_message_get_remote_address (msg);

  entry = g_hash_table_lookup (self->conns, socket);
  if (!entry)
    {
      entry = g_new0 (ConnEntry, 1);
      entry->self = self;
      /* libsoup < 3.4 leaks the reference g_socket_accept() returned
       * (fixed upstream by b545d5f0).  Right after accept the socket then
       * has two references (that one and the connection's) instead of
       * one: adopt the leaked one as ours, released with the entry. */
      if (soup_get_major_version () == 3 && soup_get_minor_version () < 4
          && g_atomic_int_get (&G_OBJECT (socket)->ref_count) == 2)
        entry->socket = socket;
      else
        entry->socket = g_object_ref (socket);
      g_hash_table_insert (self->conns, socket, entry);
      g_mutex_lock (&self->lock);
      self->n_open++;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }
  else
    {
      clear_source (&entry->idle_watch);
      g_signal_handlers_disconnect_by_data (entry->msg, entry);
      defer_unref (self, entry->msg);
    }
  entry->msg = g_object_ref (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (conn_disconnected_cb), entry);
  g_signal_connect (msg, "finished", G_CALLBACK (conn_msg_finished_cb), entry);
}

/* ------------------------------------------------------------------ */
/* Jobs: replies that wait, stream or close                           */
/* ------------------------------------------------------------------ */

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->pieces);
  g_free (step);
}

static void
job_end (Job *job)
{
  MockServer *self = job->self;

  g_hash_table_remove (self->jobs, job);
  clear_source (&job->timeout);
  clear_source (&job->idle);
  clear_source (&job->watch);
  g_signal_handlers_disconnect_by_data (job->msg, job);
  defer_unref (self, job->msg);
  g_clear_object (&job->socket);
  g_clear_pointer (&job->steps, g_ptr_array_unref);
  g_clear_pointer (&job->partial, g_bytes_unref);
  g_free (job);
}

static void
send_all (GSocket    *socket,
          const char *data,
          gsize       size)
{
  while (size > 0)
    {
      gssize n = g_socket_send_with_blocking (socket, data, size, TRUE, NULL, NULL);

      if (n <= 0)
        return;
      data += n;
      size -= n;
    }
}

/* Drops the connection under libsoup's feet: the client sees the body cut
 * short (FIN), or a connection reset (RST) when @reset. */
static void
job_abort (Job      *job,
           gboolean  reset)
{
  g_autoptr(SoupServerMessage) msg = g_object_ref (job->msg);
  g_autoptr(GSocket) socket = g_object_ref (job->socket);
  g_autoptr(GBytes) partial = job->partial ? g_bytes_ref (job->partial) : NULL;
  g_autoptr(GIOStream) stream = NULL;

  job_end (job);
  if (reset)
    {
      struct linger linger = { 1, 0 };

      /* close() with a zero linger sends RST; nothing was written yet. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  else
    {
      if (partial)
        {
          gsize size;
          const char *data = g_bytes_get_data (partial, &size);
          g_autofree char *head = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", size);

          /* A chunk announcing the whole event, holding half of it. */
          send_all (socket, head, strlen (head));
          send_all (socket, data, size / 2);
        }
      /* Stealing disposes libsoup's chunked body stream, which would
       * write the terminating chunk: make that write fail. */
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream)
    g_io_stream_close (stream, NULL, NULL);
  else
    g_socket_close (socket, NULL);
}

/* While we hold a message paused, libsoup does not poll its socket, so
 * watch for the client going away ourselves. */
static gboolean
job_watch_cb (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  Job *job = user_data;
  char c;
  gssize n = recv (g_socket_get_fd (socket), &c, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n > 0)
    {
      /* A pipelined request: not ours to read, stop watching. */
      clear_source (&job->watch);
      return G_SOURCE_REMOVE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  job_abort (job, FALSE);
  return G_SOURCE_REMOVE;
}

static void
job_msg_gone_cb (SoupServerMessage *msg,
                 Job               *job)
{
  job_end (job);
}

static gboolean job_timeout_cb (gpointer user_data);

static void
job_start_timeout (Job   *job,
                   guint  delay_ms)
{
  clear_source (&job->timeout);
  job->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (job->timeout, job_timeout_cb, job, NULL);
  g_source_attach (job->timeout, job->self->context);
}

static gboolean
job_close_idle_cb (gpointer user_data)
{
  Job *job = user_data;

  clear_source (&job->idle);
  job_abort (job, FALSE);
  return G_SOURCE_REMOVE;
}

/* A close must wait until libsoup has written everything we queued. */
static void
job_check_close (Job *job)
{
  if (job->kind != JOB_STREAM || job->end != END_CLOSE || !job->all_appended
      || job->pending_chunks > 0 || !job->headers_written || job->idle)
    return;
  job->idle = g_idle_source_new ();
  g_source_set_callback (job->idle, job_close_idle_cb, job, NULL);
  g_source_attach (job->idle, job->self->context);
}

static void
job_wrote_headers_cb (SoupServerMessage *msg,
                      Job               *job)
{
  job->headers_written = TRUE;
  job_check_close (job);
}

static void
job_wrote_chunk_cb (SoupServerMessage *msg,
                    Job               *job)
{
  if (job->pending_chunks > 0)
    job->pending_chunks--;
  job_check_close (job);
}

/* Queues the steps that are due; @unpause is FALSE inside the handler,
 * where libsoup carries on by itself once we return. */
static void
job_stream_advance (Job      *job,
                    gboolean  unpause)
{
  SoupMessageBody *body = soup_server_message_get_response_body (job->msg);
  gboolean queued = FALSE;

  while (job->next_step < job->steps->len)
    {
      Step *step = job->steps->pdata[job->next_step];

      if (step->delay_ms > 0 && !job->delay_done)
        {
          job_start_timeout (job, step->delay_ms);
          break;
        }
      job->delay_done = FALSE;
      for (guint i = 0; i < step->pieces->len; i++)
        {
          soup_message_body_append_bytes (body, step->pieces->pdata[i]);
          job->pending_chunks++;
        }
      job->next_step++;
      queued = TRUE;
    }

  if (job->next_step == job->steps->len && !job->all_appended)
    {
      job->all_appended = TRUE;
      if (job->end == END_COMPLETE)
        {
          soup_message_body_complete (body);
          queued = TRUE;
        }
    }
  if (queued && unpause)
    soup_server_message_unpause (job->msg);
  job_check_close (job);
}

static gboolean
job_timeout_cb (gpointer user_data)
{
  Job *job = user_data;

  clear_source (&job->timeout);
  switch (job->kind)
    {
    case JOB_UNPAUSE:
      soup_server_message_unpause (job->msg);
      break;
    case JOB_RESET:
      job_abort (job, TRUE);
      break;
    case JOB_STREAM:
      if (job->started)
        job->delay_done = TRUE;
      job->started = TRUE;
      job_stream_advance (job, TRUE);
      break;
    }
  return G_SOURCE_REMOVE;
}

static Job *
job_new (MockServer        *self,
         SoupServerMessage *msg,
         JobKind            kind)
{
  Job *job = g_new0 (Job, 1);

  job->self = self;
  job->kind = kind;
  job->msg = g_object_ref (msg);
  job->socket = g_object_ref (soup_server_message_get_socket (msg));
  g_hash_table_add (self->jobs, job);

  g_signal_connect (msg, "finished", G_CALLBACK (job_msg_gone_cb), job);
  g_signal_connect (msg, "disconnected", G_CALLBACK (job_msg_gone_cb), job);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (job_wrote_headers_cb), job);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (job_wrote_chunk_cb), job);

  job->watch = g_socket_create_source (job->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (job->watch, G_SOURCE_FUNC (job_watch_cb), job, NULL);
  g_source_attach (job->watch, self->context);
  return job;
}

static GBytes *
render_item (MockReply  *reply,
             StreamItem *item)
{
  const char *eol = reply->crlf ? "\r\n" : "\n";
  g_auto(GStrv) lines = NULL;
  GString *s;

  if (item->raw)
    return g_bytes_new (item->text, strlen (item->text));

  s = g_string_new (NULL);
  lines = g_strsplit (item->text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (s, "data: %s%s", lines[i], eol);
  g_string_append (s, eol);
  return g_string_free_to_bytes (s);
}

static void
steps_add (GPtrArray *steps,
           guint      delay_ms,
           GBytes    *bytes)
{
  Step *step;

  if (g_bytes_get_size (bytes) == 0)
    {
      g_bytes_unref (bytes);
      return;
    }
  if (steps->len == 0 || delay_ms > 0)
    {
      step = g_new0 (Step, 1);
      step->delay_ms = delay_ms;
      step->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_ptr_array_add (steps, step);
    }
  step = steps->pdata[steps->len - 1];
  g_ptr_array_add (step->pieces, bytes);
}

/* Re-cuts each step's bytes into the HTTP chunks @split asks for. */
static void
steps_split (GPtrArray *steps,
             MockSplit  split,
             guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  if (split == MOCK_SPLIT_NONE)
    return;
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = steps->pdata[i];
      GByteArray *all = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize size, offset = 0;

      for (guint j = 0; j < step->pieces->len; j++)
        {
          const guint8 *data = g_bytes_get_data (step->pieces->pdata[j], &size);

          g_byte_array_append (all, data, size);
        }
      bytes = g_byte_array_free_to_bytes (all);
      size = g_bytes_get_size (bytes);
      g_ptr_array_set_size (step->pieces, 0);
      while (offset < size)
        {
          gsize len = split == MOCK_SPLIT_ONE_BYTE ? 1 : (gsize) g_rand_int_range (rand, 1, RANDOM_SPLIT_MAX + 1);

          len = MIN (len, size - offset);
          g_ptr_array_add (step->pieces, g_bytes_new_from_bytes (bytes, offset, len));
          offset += len;
        }
    }
}

static GPtrArray *
build_steps (MockReply *reply,
             StreamEnd *end)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  const char *eol = reply->crlf ? "\r\n" : "\n";
  guint n = reply->items->len;
  guint limit = reply->has_close_after ? MIN (reply->close_after, n) : n;

  for (guint i = 0; i < limit; i++)
    {
      guint delay = i > 0 ? reply->event_delay_ms : 0;

      if (reply->keepalive && i > 0)
        {
          steps_add (steps, delay, bytes_take_string (g_strdup_printf (": keep-alive%s%s", eol, eol)));
          delay = 0;
        }
      steps_add (steps, delay, render_item (reply, reply->items->pdata[i]));
    }

  if (reply->has_close_after)
    *end = END_CLOSE;
  else if (reply->stall)
    *end = END_STALL;
  else
    {
      *end = END_COMPLETE;
      if (reply->done)
        steps_add (steps, n > 0 ? reply->event_delay_ms : 0,
                   bytes_take_string (g_strdup_printf ("data: [DONE]%s%s", eol, eol)));
    }
  steps_split (steps, reply->split, reply->seed);
  return steps;
}

static void
set_stream_headers (SoupServerMessage *msg,
                    guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  /* Written chunks are not kept: long streams stay small in memory. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
}

/* Answers @msg with @reply (consumed). */
static void
serve_reply (MockServer        *self,
             SoupServerMessage *msg,
             MockReply         *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Job *job;

  switch (reply->kind)
    {
    case REPLY_RESET:
      job = job_new (self, msg, JOB_RESET);
      soup_server_message_pause (msg);
      job_start_timeout (job, reply->delay_ms);
      break;

    case REPLY_PLAIN:
      soup_server_message_set_status (msg, reply->status, NULL);
      if (reply->body)
        {
          gsize size;
          const char *data = g_bytes_get_data (reply->body, &size);

          soup_server_message_set_response (msg, reply->content_type, SOUP_MEMORY_COPY, data, size);
        }
      for (guint i = 0; i + 1 < reply->headers->len; i += 2)
        soup_message_headers_append (headers, reply->headers->pdata[i], reply->headers->pdata[i + 1]);
      if (reply->delay_ms > 0)
        {
          job = job_new (self, msg, JOB_UNPAUSE);
          soup_server_message_pause (msg);
          job_start_timeout (job, reply->delay_ms);
        }
      break;

    case REPLY_STREAM:
      set_stream_headers (msg, reply->status);
      for (guint i = 0; i + 1 < reply->headers->len; i += 2)
        soup_message_headers_append (headers, reply->headers->pdata[i], reply->headers->pdata[i + 1]);
      job = job_new (self, msg, JOB_STREAM);
      job->steps = build_steps (reply, &job->end);
      if (reply->has_close_after && reply->close_mid_event)
        {
          const char *eol = reply->crlf ? "\r\n" : "\n";

          if (reply->close_after < reply->items->len)
            job->partial = render_item (reply, reply->items->pdata[reply->close_after]);
          else
            job->partial = bytes_take_string (g_strdup_printf ("data: [DONE]%s%s", eol, eol));
        }
      if (reply->delay_ms > 0)
        {
          soup_server_message_pause (msg);
          job_start_timeout (job, reply->delay_ms);
        }
      else
        {
          job->started = TRUE;
          job_stream_advance (job, FALSE);
        }
      break;
    }
  mock_reply_free (reply);
}

/* ------------------------------------------------------------------ */
/* Bench mode                                                         */
/* ------------------------------------------------------------------ */

static void
bench_cache_clear (BenchCache *bench)
{
  g_clear_pointer (&bench->id, g_free);
  g_clear_pointer (&bench->head, g_bytes_unref);
  g_clear_pointer (&bench->block, g_bytes_unref);
  g_clear_pointer (&bench->plain, g_bytes_unref);
  g_clear_pointer (&bench->last_auth, g_free);
  g_clear_pointer (&bench->last_type, g_free);
  g_clear_pointer (&bench->last_body, g_bytes_unref);
}

/* Every bench stream shares one id/created: the content chunks are
 * rendered once and the same 64 KiB block is written again and again. */
static void
bench_cache_ensure (BenchCache *bench)
{
  g_autofree char *chunk = NULL;
  GString *block;

  if (bench->block)
    return;
  bench->id = random_hex (32);
  bench->created = g_get_real_time () / G_USEC_PER_SEC;
  bench->head = bytes_take_string (
    g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                     "\"model\":\"" BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":"
                     "{\"role\":\"assistant\",\"content\":\" tok\"},\"finish_reason\":null}]}\n\n",
                     bench->id, bench->created));
  chunk = g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                           "\"model\":\"" BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":"
                           "{\"content\":\" tok\"},\"finish_reason\":null}]}\n\n",
                           bench->id, bench->created);
  bench->chunk_len = strlen (chunk);
  bench->chunks_per_block = MAX (BENCH_WRITE_SIZE / bench->chunk_len, 1);
  block = g_string_sized_new (bench->chunk_len * bench->chunks_per_block);
  for (guint i = 0; i < bench->chunks_per_block; i++)
    g_string_append_len (block, chunk, bench->chunk_len);
  bench->block = g_string_free_to_bytes (block);
  bench->plain = bytes_take_string (
    g_strdup_printf ("{\"id\":\"%s\",\"object\":\"chat.completion\",\"created\":%" G_GINT64_FORMAT ","
                     "\"model\":\"" BENCH_MODEL "\",\"choices\":[{\"index\":0,\"message\":"
                     "{\"role\":\"assistant\",\"content\":\" tok\",\"tool_calls\":null,\"prefix\":false},"
                     "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":%d,"
                     "\"completion_tokens\":1,\"total_tokens\":%d}}",
                     bench->id, bench->created, BENCH_PROMPT_TOKENS, BENCH_PROMPT_TOKENS + 1));
}

static void
serve_bench_plain (SoupServerMessage *msg,
                   BenchCache        *bench)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bench->plain);
}

/* In bench mode, a request identical to the last non-streamed one (same
 * key, type and body) gets the same reply without being parsed again or
 * recorded: a benchmark of many requests measures the client, not this
 * server's JSON parser. */
static gboolean
serve_bench_again (MockServer        *self,
                   SoupServerMessage *msg,
                   const char        *path)
{
  BenchCache *bench = &self->bench;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = NULL;
  gboolean scripted;

  if (bench->last_body == NULL || strcmp (path, CHAT_PATH) != 0 ||
      g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), bench->last_auth) != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"), bench->last_type) != 0)
    return FALSE;
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (!g_bytes_equal (body, bench->last_body))
    return FALSE;

  g_mutex_lock (&self->lock);
  scripted = !g_queue_is_empty (&self->replies);
  if (!scripted)
    self->n_repeats++;
  g_mutex_unlock (&self->lock);
  if (scripted)
    return FALSE;

  serve_bench_plain (msg, bench);
  return TRUE;
}

static void
serve_bench (MockServer        *self,
             SoupServerMessage *msg,
             JsonObject        *request)
{
  BenchCache *bench = &self->bench;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gint64 n = object_get_int (request, "max_tokens", BENCH_DEFAULT_TOKENS);
  gboolean stream = json_object_get_boolean_member_with_default (request, "stream", FALSE);
  guint64 plain;
  char *tail;

  bench_cache_ensure (bench);
  if (!stream)
    {
      if (g_atomic_int_get (&self->bench_mode))
        {
          SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

          g_free (bench->last_auth);
          bench->last_auth = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
          g_free (bench->last_type);
          bench->last_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
          g_clear_pointer (&bench->last_body, g_bytes_unref);
          bench->last_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
        }
      serve_bench_plain (msg, bench);
      return;
    }

  /* N chunks for max_tokens = N, one " tok" each: the first with the
   * role, the last with the finish reason and the usage. */
  set_stream_headers (msg, SOUP_STATUS_OK);
  if (n > 1)
    soup_message_body_append_bytes (body, bench->head);
  plain = n > 2 ? (guint64) n - 2 : 0;
  for (guint64 i = 0; i < plain / bench->chunks_per_block; i++)
    soup_message_body_append_bytes (body, bench->block);
  if (plain % bench->chunks_per_block)
    {
      g_autoptr(GBytes) rest = g_bytes_new_from_bytes (bench->block, 0,
                                                       (plain % bench->chunks_per_block) * bench->chunk_len);

      soup_message_body_append_bytes (body, rest);
    }
  tail = g_strdup_printf ("data: {\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%" G_GINT64_FORMAT ","
                          "\"model\":\"" BENCH_MODEL "\",\"choices\":[{\"index\":0,\"delta\":{%s\"content\":\"%s\"},"
                          "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":%d,\"total_tokens\":%"
                          G_GINT64_FORMAT ",\"completion_tokens\":%" G_GINT64_FORMAT "}}\n\ndata: [DONE]\n\n",
                          bench->id, bench->created, n <= 1 ? "\"role\":\"assistant\"," : "", n > 0 ? " tok" : "",
                          BENCH_PROMPT_TOKENS, BENCH_PROMPT_TOKENS + MAX (n, 0), MAX (n, 0));
  soup_message_body_append (body, SOUP_MEMORY_TAKE, tail, strlen (tail));
  soup_message_body_complete (body);
}

/* ------------------------------------------------------------------ */
/* Fault injection (for the soak test)                                */
/* ------------------------------------------------------------------ */

/* A stalled plain reply that "never" comes: the client's timeout or its
 * going away ends it first. */
#define FAULT_STALL_FOREVER_MS (24 * 60 * 60 * 1000)

typedef enum {
  FAULT_NONE,
  FAULT_429,
  FAULT_503,
  FAULT_RESET,
  FAULT_STALL,
  FAULT_CUT,
} Fault;

/* One draw per request, so that a seed gives the same faults in the same
 * order whatever the replies are. */
static Fault
fault_pick (MockServer *self,
            gboolean    stream)
{
  MockFaults *f = &self->faults;
  Fault fault = FAULT_NONE;
  double r;

  g_mutex_lock (&self->lock);
  if (self->fault_rand)
    {
      r = g_rand_double (self->fault_rand);
      if ((r -= f->rate_429) < 0)
        fault = FAULT_429;
      else if ((r -= f->rate_503) < 0)
        fault = FAULT_503;
      else if ((r -= f->rate_reset) < 0)
        fault = FAULT_RESET;
      else if ((r -= f->rate_stall) < 0)
        fault = FAULT_STALL;
      else if ((r -= f->rate_cut) < 0 && stream)
        fault = FAULT_CUT;   /* a plain reply has no middle to cut */

      switch (fault)
        {
        case FAULT_429: self->fault_counts.n_429++; break;
        case FAULT_503: self->fault_counts.n_503++; break;
        case FAULT_RESET: self->fault_counts.n_reset++; break;
        case FAULT_STALL: self->fault_counts.n_stall++; break;
        case FAULT_CUT: self->fault_counts.n_cut++; break;
        case FAULT_NONE: break;
        }
    }
  g_mutex_unlock (&self->lock);
  return fault;
}

/* The reply a fault turns @completion into, or NULL to serve it as usual.
 * A stall or a cut in a stream comes after half of its events, so that the
 * client has chunks in hand when it ends. */
static MockReply *
fault_reply (MockServer *self,
             Completion *completion,
             gboolean    stream)
{
  Fault fault = fault_pick (self, stream);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *retry_after = NULL;
  MockReply *reply;

  switch (fault)
    {
    case FAULT_NONE:
      return NULL;
    case FAULT_429:
      reply = error_reply (429,
                           "{\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                           "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
      g_mutex_lock (&self->lock);
      retry_after = g_strdup_printf ("%u", self->faults.retry_after);
      g_mutex_unlock (&self->lock);
      mock_reply_add_header (reply, "Retry-After", retry_after);
      return reply;
    case FAULT_503:
      return magic_error_reply (SOUP_STATUS_SERVICE_UNAVAILABLE, completion->model);
    case FAULT_RESET:
      return mock_reply_new_reset ();
    case FAULT_STALL:
    case FAULT_CUT:
      break;
    }

  if (!stream)
    {
      g_autofree char *json = completion_render_json (completion);
      guint stall_ms;

      g_mutex_lock (&self->lock);
      stall_ms = self->faults.stall_ms;
      g_mutex_unlock (&self->lock);
      reply = mock_reply_new_json (SOUP_STATUS_OK, json);
      mock_reply_set_delay_ms (reply, stall_ms > 0 ? stall_ms : FAULT_STALL_FOREVER_MS);
      return reply;
    }

  events = completion_render_events (completion);
  reply = mock_reply_new_stream ();
  for (guint i = 0; i < events->len; i++)
    mock_reply_add_event (reply, events->pdata[i]);
  if (fault == FAULT_STALL)
    {
      g_ptr_array_set_size (reply->items, events->len / 2);
      mock_reply_set_stall (reply, TRUE);
    }
  else
    {
      mock_reply_set_close_after (reply, events->len / 2);
    }
  return reply;
}

/**
 * mock_server_set_faults:
 * @faults: (nullable): the share of each fault, or %NULL for none
 * @seed: seeds the draws: the same seed gives the same faults in the same
 *   order of requests
 *
 * Makes a share of the default replies fail (scripted replies, magic
 * models and bench replies never do): 429 with Retry-After, 503, a
 * connection reset before any response byte, a stall (a plain reply that
 * comes after stall_ms, or never; a stream that stops after half of its
 * events and stays open), or, for streams only, a connection closed after
 * half of the events.  Resets the counts.
 */
void
mock_server_set_faults (MockServer       *self,
                        const MockFaults *faults,
                        guint32           seed)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  memset (&self->faults, 0, sizeof self->faults);
  memset (&self->fault_counts, 0, sizeof self->fault_counts);
  if (faults)
    {
      self->faults = *faults;
      self->fault_rand = g_rand_new_with_seed (seed);
    }
  g_mutex_unlock (&self->lock);
}

/* How many faults of each kind were injected since they were set. */
void
mock_server_get_fault_counts (MockServer      *self,
                              MockFaultCounts *counts)
{
  g_mutex_lock (&self->lock);
  *counts = self->fault_counts;
  g_mutex_unlock (&self->lock);
}

/* ------------------------------------------------------------------ */
/* Request handling                                                   */
/* ------------------------------------------------------------------ */

static gboolean
parse_magic (const char *model,
             const char *prefix,
             guint64     max,
             guint64    *out)
{
  return g_str_has_prefix (model, prefix)
    && g_ascii_string_to_unsigned (model + strlen (prefix), 10, 0, max, out, NULL);
}

static void
serve_default (MockServer        *self,
               SoupServerMessage *msg,
               JsonObject        *request)
{
  const char *model = object_get_string (request, "model");
  gboolean stream = json_object_get_boolean_member_with_default (request, "stream", FALSE);
  g_autoptr(Completion) completion = NULL;
  MockReply *reply;
  guint64 value;
  guint delay_ms = 0;

  if (parse_magic (model, "mock-error-", 599, &value) && value >= 100)
    {
      serve_reply (self, msg, magic_error_reply (value, model));
      return;
    }
  if (parse_magic (model, "mock-slow-", G_MAXUINT, &value))
    delay_ms = value;
  if (strcmp (model, BENCH_MODEL) == 0 || g_atomic_int_get (&self->bench_mode))
    {
      serve_bench (self, msg, request);
      return;
    }

  completion = default_completion (request);
  if (!g_str_has_prefix (model, "mock-") && (reply = fault_reply (self, completion, stream)))
    {
      serve_reply (self, msg, reply);
      return;
    }
  if (stream)
    {
      g_autoptr(GPtrArray) events = completion_render_events (completion);
      guint n_events = events->len;
      gboolean error_event = FALSE;

      /* For clients that cannot script replies (the bindings' tests go
       * through the mistral-mock-server program): the first N events,
       * then an error object inside the stream. */
      if (parse_magic (model, "mock-stream-error-", G_MAXUINT, &value))
        {
          n_events = MIN (value, n_events);
          error_event = TRUE;
        }
      reply = mock_reply_new_stream ();
      for (guint i = 0; i < n_events; i++)
        mock_reply_add_event (reply, events->pdata[i]);
      if (error_event)
        mock_reply_add_event (reply, "{\"object\":\"error\",\"message\":\"Generation failed\","
                                     "\"type\":\"server_error\",\"param\":null,\"code\":null}");
      /* ... and the default stream with MS milliseconds between events. */
      if (parse_magic (model, "mock-stream-slow-", G_MAXUINT, &value))
        mock_reply_set_event_delay_ms (reply, value);
    }
  else
    {
      g_autofree char *json = completion_render_json (completion);

      reply = mock_reply_new_json (SOUP_STATUS_OK, json);
    }
  reply->delay_ms = delay_ms;
  serve_reply (self, msg, reply);
}

static void
serve_request (MockServer        *self,
               SoupServerMessage *msg,
               const char        *path)
{
  MockRequest *request;
  g_autoptr(JsonNode) root = NULL;
  MockReply *scripted;
  MockReply *error;

  if (g_atomic_int_get (&self->bench_mode) && serve_bench_again (self, msg, path))
    return;

  request = mock_request_new_from_message (msg);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  g_mutex_unlock (&self->lock);

  if (strcmp (path, CHAT_PATH) != 0)
    {
      serve_reply (self, msg, error_reply (SOUP_STATUS_NOT_FOUND, "{\"detail\":\"Not Found\"}"));
      return;
    }
  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      MockReply *reply = error_reply (SOUP_STATUS_METHOD_NOT_ALLOWED,
                                      "{\"detail\":\"Method Not Allowed\"}");

      mock_reply_add_header (reply, "Allow", "POST");
      serve_reply (self, msg, reply);
      return;
    }

  g_mutex_lock (&self->lock);
  scripted = g_queue_pop_head (&self->replies);
  g_mutex_unlock (&self->lock);

  if (scripted && !scripted->validate)
    {
      serve_reply (self, msg, scripted);
      return;
    }

  error = check_request (self, msg, &root);
  if (error)
    {
      /* The scripted reply was meant for this request: it is used up. */
      mock_reply_free (scripted);
      serve_reply (self, msg, error);
      return;
    }
  if (scripted)
    serve_reply (self, msg, scripted);
  else
    serve_default (self, msg, json_node_get_object (root));
}

typedef struct {
  MockServer *self;
  SoupServerMessage *msg;
  char *path;
} DelayedRequest;

static void
delayed_request_free (DelayedRequest *delayed)
{
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_free (delayed);
}

/* The reply delay is over: the request is served as if it had just come,
 * and may pause its message again (a stream). */
static gboolean
serve_delayed (gpointer user_data)
{
  DelayedRequest *delayed = user_data;

  soup_server_message_unpause (delayed->msg);
  serve_request (delayed->self, delayed->msg, delayed->path);
  return G_SOURCE_REMOVE;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  MockServer *self = user_data;
  guint delay_ms = g_atomic_int_get (&self->reply_delay_ms);
  DelayedRequest *delayed;
  GSource *source;

  if (delay_ms == 0)
    {
      serve_request (self, msg, path);
      return;
    }

  /* Many requests wait at once, as behind a slow model. */
  delayed = g_new0 (DelayedRequest, 1);
  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->path = g_strdup (path);
  soup_server_message_pause (msg);
  source = g_timeout_source_new (delay_ms);
  g_source_set_callback (source, serve_delayed, delayed, (GDestroyNotify) delayed_request_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                         */
/* ------------------------------------------------------------------ */

static gboolean
server_start (MockServer  *self,
              GError     **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  self->server = soup_server_new (NULL, NULL);
  self->conns = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) conn_entry_free);
  self->jobs = g_hash_table_new (NULL, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);

  /* Bind 127.0.0.1 ourselves (the IPv4-only loopback that
   * soup_server_listen_local() with SOUP_SERVER_LISTEN_IPV4_ONLY gives):
   * in libsoup < 3.4.3 that call leaks the listener's address (c07ff61f),
   * soup_server_listen_socket() does not. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  if (!socket)
    return FALSE;
  address = g_inet_socket_address_new_from_string ("127.0.0.1", self->requested_port);
  g_socket_set_listen_backlog (socket, 128);
  if (!g_socket_bind (socket, address, TRUE, error)
      || !g_socket_listen (socket, error)
      || !soup_server_listen_socket (self->server, socket, 0, error))
    return FALSE;

  local = g_socket_get_local_address (socket, error);
  if (!local)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return TRUE;
}

/* Runs on the server context. */
static void
server_stop (MockServer *self)
{
  if (self->jobs)
    {
      GList *jobs = g_hash_table_get_keys (self->jobs);

      for (GList *l = jobs; l; l = l->next)
        job_end (l->data);
      g_list_free (jobs);
    }
  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->conns, g_hash_table_destroy);
  g_clear_pointer (&self->jobs, g_hash_table_destroy);
  bench_cache_clear (&self->bench);
}

static gpointer
server_thread (gpointer user_data)
{
  MockServer *self = user_data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = server_start (self, &error);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  self->start_error = error;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_main_loop_run (self->loop);
  else
    server_stop (self);

  /* Flush deferred unrefs and libsoup's own pending sources. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
stop_in_thread_cb (gpointer user_data)
{
  MockServer *self = user_data;

  server_stop (self);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static void
mock_server_release (MockServer *self)
{
  g_queue_clear_full (&self->replies, (GDestroyNotify) mock_reply_free);
  g_ptr_array_unref (self->requests);
  g_free (self->api_key);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_error (&self->start_error);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_main_context_unref (self->context);
  g_free (self->url);
  g_mutex_clear (&self->front_lock);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

/**
 * mock_server_new_full:
 * @port: the port to listen on, or 0 for a free one
 * @own_thread: %TRUE to serve from a new thread with its own context;
 *   %FALSE to serve from the caller's thread-default context, which the
 *   caller must then run
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a listening server on 127.0.0.1
 */
MockServer *
mock_server_new_full (guint16   port,
                      gboolean  own_thread,
                      GError  **error)
{
  MockServer *self = g_new0 (MockServer, 1);
  const char *front_mode = g_getenv ("MISTRAL_TEST_FRONT");
  GError *start_error = NULL;

  /* Read here, on the caller's thread, not by mock_server_get_url() on
   * any thread while a test may be calling setenv(). */
  if (g_strcmp0 (front_mode, "h2") == 0)
    self->front_mode = "h2";
  else if (g_strcmp0 (front_mode, "https1") == 0)
    self->front_mode = "https1";
  else if (front_mode && *front_mode)
    g_error ("mock server: MISTRAL_TEST_FRONT is \"%s\", not \"h2\" or \"https1\"", front_mode);
  if (self->front_mode)
    test_pki_dir ();            /* the PKI made (or found) now, once */

  g_mutex_init (&self->lock);
  g_mutex_init (&self->front_lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->replies);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) mock_request_unref);
  self->own_thread = own_thread;
  self->requested_port = port;

  if (!own_thread)
    {
      self->context = g_main_context_ref_thread_default ();
      if (!server_start (self, error))
        {
          server_stop (self);
          mock_server_release (self);
          return NULL;
        }
      return self;
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("mock-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->lock);

  if (start_error)
    {
      g_thread_join (self->thread);
      g_propagate_error (error, start_error);
      mock_server_release (self);
      return NULL;
    }
  return self;
}

/**
 * mock_server_new:
 *
 * Starts a server on 127.0.0.1, on a random port, on its own thread.
 * Aborts the program if it cannot listen.
 */
MockServer *
mock_server_new (void)
{
  g_autoptr(GError) error = NULL;
  MockServer *self = mock_server_new_full (0, TRUE, &error);

  if (!self)
    g_error ("mock server: %s", error->message);
  return self;
}

void
mock_server_free (MockServer *self)
{
  if (!self)
    return;

  /* The front first: nginx goes before what it proxies to. */
  g_clear_pointer (&self->front, test_front_free);
  if (self->own_thread)
    {
      g_main_context_invoke (self->context, stop_in_thread_cb, self);
      g_thread_join (self->thread);
    }
  else
    {
      server_stop (self);
      while (g_main_context_iteration (self->context, FALSE))
        ;
    }
  mock_server_release (self);
}

/* The first front in a process makes the process trust the test CA:
 * libsoup sessions without a tls-database of their own use the default
 * database of the default TLS backend. */
static gpointer
trust_test_ca (gpointer data)
{
  g_autofree char *ca = test_pki_file ("ca.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);

  if (!database)
    g_error ("mock server: cannot load the test CA %s: %s", ca, error->message);
  g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
  return NULL;
}

/**
 * mock_server_get_url:
 *
 * The URL clients use: the server's own http://127.0.0.1:PORT, or, when
 * $MISTRAL_TEST_FRONT is "h2" or "https1", the https://localhost:PORT of an
 * nginx in front of it (HTTP/2 or HTTP/1.1 over TLS, the test PKI's
 * "server" certificate), started by the first call and stopped by
 * mock_server_free().  Aborts if that front cannot start.
 */
const char *
mock_server_get_url (MockServer *self)
{
  static GOnce trust_once = G_ONCE_INIT;
  g_autoptr(GError) error = NULL;
  const char *url;

  if (!self->front_mode)
    return self->url;

  g_mutex_lock (&self->front_lock);
  if (!self->front)
    {
      self->front = test_front_new (self->url,
                                    strcmp (self->front_mode, "h2") == 0 ? TEST_FRONT_HTTP2 : TEST_FRONT_HTTP1,
                                    "server", &error);
      if (!self->front)
        g_error ("mock server: cannot start the TLS front (MISTRAL_TEST_FRONT=%s): %s",
                 self->front_mode, error->message);
      g_once (&trust_once, trust_test_ca, NULL);
    }
  url = test_front_get_url (self->front);
  g_mutex_unlock (&self->front_lock);
  return url;
}

/**
 * mock_server_get_direct_url:
 *
 * The server's own http://127.0.0.1:PORT, even in front mode: for a test
 * that must talk to the server itself.
 */
const char *
mock_server_get_direct_url (MockServer *self)
{
  return self->url;
}

guint16
mock_server_get_port (MockServer *self)
{
  return self->port;
}

/* With a key, only that key is accepted; NULL restores the default (any
 * non-empty key not starting with "invalid"). */
void
mock_server_set_api_key (MockServer *self,
                         const char *api_key)
{
  g_mutex_lock (&self->lock);
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_mutex_unlock (&self->lock);
}

/* Benchmark clients send their own model names: in bench mode, every
 * chat request is answered like one for the `mock-bench` model. A
 * non-streamed request identical to the one before it is answered from a
 * cache and counted by mock_server_get_n_requests(), but not recorded. */
void
mock_server_set_bench_mode (MockServer *self,
                            gboolean    bench_mode)
{
  g_atomic_int_set (&self->bench_mode, !!bench_mode);
}

/* Every request from now on waits @delay_ms before it is served (0: none),
 * all of them at the same time: a slow model for concurrency benchmarks. */
void
mock_server_set_reply_delay (MockServer *self,
                             guint       delay_ms)
{
  g_atomic_int_set (&self->reply_delay_ms, delay_ms);
}

/* Takes ownership of @reply.  Each request to /v1/chat/completions with
 * the POST method pops one reply, first in first out. */
void
mock_server_push_reply (MockServer *self,
                        MockReply  *reply)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->replies, reply);
  g_mutex_unlock (&self->lock);
}

guint
mock_server_get_n_pending_replies (MockServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->replies.length;
  g_mutex_unlock (&self->lock);
  return n;
}

void
mock_server_clear_replies (MockServer *self)
{
  g_mutex_lock (&self->lock);
  g_queue_clear_full (&self->replies, (GDestroyNotify) mock_reply_free);
  g_mutex_unlock (&self->lock);
}

guint
mock_server_get_n_requests (MockServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->requests->len + self->n_repeats;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Returns: (transfer full) (nullable): request @index, in arrival order */
MockRequest *
mock_server_get_request (MockServer *self,
                         guint       index)
{
  MockRequest *request = NULL;

  g_mutex_lock (&self->lock);
  if (index < self->requests->len)
    request = mock_request_ref (self->requests->pdata[index]);
  g_mutex_unlock (&self->lock);
  return request;
}

/* Returns: (transfer full) (nullable) */
MockRequest *
mock_server_get_last_request (MockServer *self)
{
  MockRequest *request = NULL;

  g_mutex_lock (&self->lock);
  if (self->requests->len > 0)
    request = mock_request_ref (self->requests->pdata[self->requests->len - 1]);
  g_mutex_unlock (&self->lock);
  return request;
}

void
mock_server_clear_requests (MockServer *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  self->n_repeats = 0;
  g_mutex_unlock (&self->lock);
}

/* Client connections the server currently holds open.  A closed client
 * connection is noticed asynchronously: use
 * mock_server_wait_open_connections() before asserting a drop. */
guint
mock_server_get_n_open_connections (MockServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_open;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Waits until at most @max_open connections are open.  Returns FALSE on
 * timeout.  Needs the server's context to be running (always true for a
 * server with its own thread). */
gboolean
mock_server_wait_open_connections (MockServer *self,
                                   guint       max_open,
                                   guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean ok;

  g_mutex_lock (&self->lock);
  while (self->n_open > max_open)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
        break;
    }
  ok = self->n_open <= max_open;
  g_mutex_unlock (&self->lock);
  return ok;
}

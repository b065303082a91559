// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The one request path of the library: every endpoint sends through it, and
 * it alone talks to libsoup. It owns the headers, the whole-request timeout,
 * retries, cancellation and the mapping of HTTP statuses to MistralError. */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mistral-cache.h"
#include "mistral-client.h"
#include "mistral-multipart-private.h"

G_BEGIN_DECLS

typedef struct {
  GBytes       *body;       /* the whole body, for a plain request */
  GInputStream *stream;     /* the body still to read, for a streamed one: from
                             * any thread, on the reader's thread-default context */
  gint64        sent_time;  /* g_get_monotonic_time () when the last attempt was sent */
  gint64        done_time;  /* when the headers (stream) or the whole body arrived */
  gboolean      from_cache; /* the body (or the stream's) came from the client's cache */
  MistralCache *cache;      /* where to keep a reply that was looked up and missed, */
  char         *cache_key;  /* and under which key; NULL when it is not to be kept */
  goffset       content_length; /* the body's Content-Length if it is its length as read, or -1 (see body_length()) */
  guint64       sunk;       /* the bytes of the body given to the request's sink, not in @body */
} MistralHttpReply;

void              mistral_http_reply_free (MistralHttpReply *reply);
/* Keeps @body (the whole body, or a stream's whole raw event stream) in the
 * cache the request was looked up in, if it was, on the caller's thread:
 * for a reply that was read to its end and is what the API promises. */
void              mistral_http_reply_store (MistralHttpReply *reply,
                                            GBytes           *body);
void              mistral_http_drop_stream (GInputStream    **stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralHttpReply, mistral_http_reply_free)

/* How the reply's body comes back. */
typedef enum {
  MISTRAL_HTTP_REPLY_WHOLE,   /* read whole (bounded), for JSON */
  MISTRAL_HTTP_REPLY_EVENTS,  /* as a stream, which must be an event stream */
  MISTRAL_HTTP_REPLY_STREAM,  /* as a stream of any type (a download) */
} MistralHttpReplyKind;

/* Called in the I/O thread as the request body goes out: the bytes of
 * this attempt's body written so far (from 0 again on a retry), and the
 * body's length (-1 if unknown). */
typedef void (*MistralHttpProgressFunc) (goffset   written,
                                         goffset   total,
                                         gpointer  data);

/* Called in the I/O thread with each piece of a successful reply's body,
 * in order, as it arrives; returns how many bytes of it the sink holds
 * (the request fails if that passes the bound of a body read whole). */
typedef gsize (*MistralHttpSinkFunc) (const char *data,
                                      gsize       length,
                                      gpointer    sink_data);

/* One request, as an endpoint describes it; copied when sent. */
typedef struct {
  const char           *method;  /* "GET", "POST", "DELETE", "PATCH" */
  const char           *path;    /* with its ids escaped: "/v1/models/ft%3Aabc" */
  const char * const   *query;   /* name, value, name, value, …, NULL (values escaped here), or NULL */
  GBytes               *body;    /* a JSON body, or NULL */
  MistralMultipart     *multipart; /* or a multipart body, or NULL */
  MistralHttpReplyKind  reply;    /* MISTRAL_HTTP_REPLY_WHOLE when left out */
  /* Whether the reply may come from the client's cache and be kept there:
   * for requests without side effects, whose reply is the same each time
   * (chat, FIM, embeddings, moderation, classification, the models' GETs).
   * Never for a multipart body or a download (REPLY_STREAM). */
  gboolean              cacheable;
  MistralHttpProgressFunc progress; /* or NULL; @progress_data must outlive the call */
  gpointer              progress_data;
  /* For a WHOLE reply too large to hold as text (embeddings): a
   * successful body goes to @sink as it arrives, not into reply->body
   * (which is then empty), unless the reply is to be kept in the cache,
   * which needs it whole. Error bodies are read whole as always. The
   * sink is never called after the send returns; @sink_data must
   * outlive the call. */
  MistralHttpSinkFunc   sink;
  gpointer              sink_data;
} MistralHttpRequest;

void              mistral_http_send_async  (MistralClient             *client,
                                            const MistralHttpRequest  *request,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
MistralHttpReply *mistral_http_send_finish (MistralClient             *client,
                                            GAsyncResult              *result,
                                            GError                   **error);

/* The send-and-read helper every endpoint with a JSON reply uses: sends
 * @request and hands the parsed body to @read, which makes the typed
 * reply (a GObject) or fails. @error, if set, is why the request could not
 * be made (an invalid request object): it is returned without sending.
 * The task carries @source_tag, for the endpoint's finish function. */
typedef gpointer (*MistralHttpReadFunc) (JsonNode          *node,
                                         MistralHttpReply  *reply,
                                         GError           **error);

void              mistral_http_call_async  (MistralClient             *client,
                                            const MistralHttpRequest  *request,
                                            GError                    *error,
                                            MistralHttpReadFunc        read,
                                            gpointer                   source_tag,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
/* The same for a reply too large to be held as a json-glib tree (a
 * number per node): @read reads the whole body itself (never empty; or,
 * with a sink, what the sink read), given @data, which @data_free frees
 * (if not NULL) with the call. mistral_http_call_finish() ends both. */
typedef gpointer (*MistralHttpReadBodyFunc) (MistralHttpReply  *reply,
                                             gpointer           data,
                                             GError           **error);

void              mistral_http_call_body_async (MistralClient             *client,
                                                const MistralHttpRequest  *request,
                                                GError                    *error,
                                                MistralHttpReadBodyFunc    read,
                                                gpointer                   data,
                                                GDestroyNotify             data_free,
                                                gpointer                   source_tag,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
gpointer          mistral_http_call_finish (MistralClient             *client,
                                            GAsyncResult              *result,
                                            gpointer                   source_tag,
                                            GError                   **error);

GError           *mistral_http_error_for_status (guint        status,
                                                 const char  *reason,
                                                 GBytes      *body);

/* A failure to read a reply's body once its headers came, for a reader of
 * a reply handed back as a stream (MISTRAL_HTTP_REPLY_STREAM): the
 * library's own errors and a cancel as they are, any other the network's,
 * worded "@format…: the stream's message". */
GError           *mistral_http_body_error_new   (const GError *error,
                                                 const char   *format,
                                                 ...) G_GNUC_PRINTF (2, 3);

/* Replaces the client's API key in @error's message, should a server have
 * echoed it; the request path does it for its own errors. */
void              mistral_http_scrub_error      (MistralClient *client,
                                                 GError        *error);

G_END_DECLS

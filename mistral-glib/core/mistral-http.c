// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-body-stream-private.h"
#include "mistral-connection-opener-private.h"
#include "mistral-error.h"
#include "mistral-deadline-private.h"
#include "mistral-http-private.h"
#include "mistral-io-thread-private.h"
#include "mistral-json-private.h"
#include "mistral-rate-limiter-private.h"

/* Threads: a request is started and returned on the caller's thread-default
 * context, and everything in between (libsoup, the timers, the retries,
 * reading the body) runs in the library's I/O thread; see
 * mistral-io-thread-private.h. SendData is the I/O thread's until the task
 * returns: release_io() lets go of every libsoup object there first. */

/* Backoff: 500 ms, 1 s, 2 s, … with ±25 % jitter, at most 30 s. A server's
 * Retry-After wins, up to 60 s. */
#define RETRY_BASE_MS      500
#define RETRY_MAX_MS       30000
#define RETRY_AFTER_MAX_MS 60000

/* The largest body that is read whole. A chat reply is bounded by the
 * model's context: a few MiB of JSON even with several choices and every
 * character escaped. Anything larger is not a reply, and buffering it
 * would let a broken or hostile server exhaust the memory. Streams are
 * not buffered and not bounded by this. */
#define MAX_BODY_SIZE   (32 * 1024 * 1024)
/* A body read by a sink is bounded by what the sink holds (as a body read
 * whole is, by MAX_BODY_SIZE); its length still has a bound, for what the
 * sink makes of it (embeddings: 4 bytes a number, of 2 bytes of text at
 * the least). */
#define MAX_SUNK_SIZE   (8 * MAX_BODY_SIZE)
#define READ_CHUNK_SIZE (64 * 1024)

/* Closes a body stream before letting it go. libsoup 3.2 closes a stream
 * dropped open when it is finalized, and crashes doing so if its message
 * has finished meanwhile (fixed in libsoup 3.7): an explicit close, while
 * the message is still ours, is always safe, and lets the connection go
 * back to the pool or be dropped at once. */
void
mistral_http_drop_stream (GInputStream **stream)
{
  if (*stream == NULL)
    return;

  g_input_stream_close (*stream, NULL, NULL);
  g_clear_object (stream);
}

void
mistral_http_reply_free (MistralHttpReply *reply)
{
  if (reply == NULL)
    return;

  mistral_http_drop_stream (&reply->stream);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_object (&reply->cache);
  g_free (reply->cache_key);
  g_free (reply);
}

void
mistral_http_reply_store (MistralHttpReply *reply,
                          GBytes           *body)
{
  g_autoptr(GError) error = NULL;

  if (reply->cache == NULL || body == NULL || g_bytes_get_size (body) == 0)
    return;

  /* A cache that cannot keep a reply costs the next request a trip to the
   * network, nothing more. */
  if (mistral_cache_store (reply->cache, reply->cache_key, body, &error))
    g_debug ("Cache: stored %" G_GSIZE_FORMAT " bytes as %s", g_bytes_get_size (body), reply->cache_key);
  else
    g_debug ("Cache: could not store %s: %s", reply->cache_key,
             error != NULL ? error->message : "no reason given");
}

typedef struct {
  GTask *task;            /* not a reference: the task owns this */
  char *method;
  char *path;
  GBytes *body;
  MistralMultipart *multipart;
  MistralHttpReplyKind reply_kind;
  MistralHttpProgressFunc progress;
  gpointer progress_data;
  goffset written;        /* of this attempt's body */
  MistralHttpSinkFunc sink; /* NULL when the body is read whole */
  gpointer sink_data;
  gboolean sinking;       /* this attempt's body goes to the sink */
  guint64 sunk;           /* bytes of it given to the sink */

  SoupMessage *message;
  gulong handlers[4];     /* ours on @message */
  /* Counted by the client's connection opener: waiting for a connection,
   * then on one. */
  enum { OPENER_NONE, OPENER_WAITING, OPENER_STARTED } opener_state;
  gpointer held;            /* held back by the opener for a connection */
  GInputStream *stream;
  GByteArray *received;   /* the body read so far */
  gsize received_room;    /* what received holds without growing */
  gsize reading;          /* the size of the read in flight */
  gboolean body_done;     /* read to its end */
  gboolean message_done;  /* the message emitted "finished" */
  char *api_key;          /* the key sent, to scrub it from errors */

  /* Cancelled by the caller's cancellable or by the timeout. */
  MistralDeadline deadline;
  guint timeout;

  GSource *retry_source;
  GSource *limit_source;    /* waiting for the rate limiter */
  GSource *cancel_source;   /* ends the call the moment it is cancelled */
  gboolean io_pending;      /* a libsoup call of ours is in flight */
  gboolean abandoned;       /* returned while it was: its callback only cleans up */
  guint attempt;
  guint max_retries;
  gint64 sent_time;

  /* The cache a miss was looked up in, handed to the reply. */
  MistralCache *cache;
  char *cache_key;
} SendData;

static MistralConnectionOpener *
opener_of (SendData *data)
{
  return mistral_client_get_connection_opener (g_task_get_source_object (data->task));
}

/* The attempt ends, on a connection or before it had one. */
static void
opener_done (SendData *data)
{
  if (data->opener_state != OPENER_NONE)
    mistral_connection_opener_done (opener_of (data), data->opener_state == OPENER_STARTED);
  data->opener_state = OPENER_NONE;
}

/* Our "finished" handler must not outlive the attempt: libsoup may keep
 * the message (and emit the signal) after we let it go. */
static SoupMessage *
steal_message (SendData *data)
{
  opener_done (data);
  /* By id: matching by data walks every handler libsoup itself keeps on
   * the message. */
  for (gsize i = 0; i < G_N_ELEMENTS (data->handlers); i++)
    if (data->handlers[i] != 0)
      {
        g_signal_handler_disconnect (data->message, data->handlers[i]);
        data->handlers[i] = 0;
      }
  data->body_done = FALSE;
  data->message_done = FALSE;
  return g_steal_pointer (&data->message);
}

static void
clear_message (SendData *data)
{
  SoupMessage *message = steal_message (data);

  g_clear_object (&message);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* In the I/O thread, before the task returns: its timers, its retry wait,
 * libsoup's message and body stream go here, not in whichever thread
 * drops the task last. */
static void
release_io (SendData *data)
{
  mistral_deadline_stop (&data->deadline);
  clear_source (&data->retry_source);
  clear_source (&data->cancel_source);
  if (data->limit_source != NULL)
    {
      /* Never sent: its turn goes back to the others. */
      clear_source (&data->limit_source);
      mistral_rate_limiter_cancel (mistral_client_get_rate_limiter (g_task_get_source_object (data->task)));
    }
  if (data->held != NULL)
    mistral_connection_opener_withdraw (opener_of (data), g_steal_pointer (&data->held));
  /* A stream with a read in flight is closed when that read returns. */
  if (!data->io_pending)
    mistral_http_drop_stream (&data->stream);
  clear_message (data);
}

static void
send_data_free (SendData *data)
{
  g_assert (data->message == NULL && data->stream == NULL && data->deadline.timer == NULL);

  mistral_deadline_clear (&data->deadline);
  g_clear_pointer (&data->received, g_byte_array_unref);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_pointer (&data->multipart, mistral_multipart_unref);
  g_clear_object (&data->cache);
  g_free (data->cache_key);
  g_free (data->api_key);
  g_free (data->method);
  g_free (data->path);
  g_free (data);
}

GError *
mistral_http_body_error_new (const GError *error,
                             const char   *format,
                             ...)
{
  g_autofree char *context = NULL;
  va_list args;

  if (error->domain == MISTRAL_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  va_start (args, format);
  context = g_strdup_vprintf (format, args);
  va_end (args);
  return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "%s: %s", context, error->message);
}

GError *
mistral_http_error_for_status (guint        status,
                               const char  *reason,
                               GBytes      *body)
{
  g_autofree char *api_message = mistral_json_error_message (body);
  MistralError code;

  switch (status)
    {
    case 400:
    case 422:
      code = MISTRAL_ERROR_INVALID_REQUEST;
      break;
    case 401:
      code = MISTRAL_ERROR_UNAUTHORIZED;
      break;
    case 403:
      code = MISTRAL_ERROR_FORBIDDEN;
      break;
    case 404:
      code = MISTRAL_ERROR_NOT_FOUND;
      break;
    case 429:
      code = MISTRAL_ERROR_RATE_LIMITED;
      break;
    default:
      code = status >= 500 && status < 600 ? MISTRAL_ERROR_SERVER : MISTRAL_ERROR_FAILED;
      break;
    }

  if (api_message == NULL || *api_message == '\0')
    {
      g_free (api_message);
      api_message = g_strdup (reason != NULL && *reason ? reason : soup_status_get_phrase (status));
    }

  return g_error_new (MISTRAL_ERROR, code, "%s (HTTP %u)",
                      api_message != NULL ? api_message : "Unknown error", status);
}

static gboolean
status_is_retryable (guint status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

/* Retry-After is seconds or an HTTP date. Returns -1 when absent or unreadable. */
static gint64
retry_after_ms (SoupMessage *message)
{
  const char *value;
  char *end = NULL;
  gint64 seconds;

  if (message == NULL)
    return -1;

  value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return seconds < 0 ? 0 : MIN (seconds, RETRY_AFTER_MAX_MS / 1000) * 1000;

  {
    g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    GTimeSpan diff;

    if (date == NULL)
      return -1;
    diff = g_date_time_difference (date, now) / 1000;
    return CLAMP (diff, 0, RETRY_AFTER_MAX_MS);
  }
}

static guint
backoff_ms (guint attempt)
{
  guint64 delay = (guint64) RETRY_BASE_MS << MIN (attempt, 16);
  double jitter = g_random_double_range (0.75, 1.25);

  return (guint) MIN (delay * jitter, RETRY_MAX_MS);
}

/* The API key must never reach an error or a log, even when a server
 * echoes it back in a body or a Location header. */
static void
scrub_error (GError     *error,
             const char *api_key)
{
  g_autoptr(GString) message = NULL;

  if (error == NULL || api_key == NULL || *api_key == '\0' || strstr (error->message, api_key) == NULL)
    return;

  message = g_string_new (error->message);
  g_string_replace (message, api_key, "[redacted]", 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/* For errors made outside the request path from what a server sent (an
 * error event inside a stream): the same scrubbing, with the client's key. */
void
mistral_http_scrub_error (MistralClient *client,
                          GError        *error)
{
  g_autofree char *api_key = NULL;

  g_object_get (client, "api-key", &api_key, NULL);
  scrub_error (error, api_key);
}

/* Says why a certificate was refused ("Unacceptable TLS certificate" is
 * all libsoup says), in the error's own domain: the handshake failed, so
 * nothing of the request was sent. */
static GError *
certificate_error (SoupMessage  *message,
                   const GError *error)
{
  static const struct { GTlsCertificateFlags flag; const char *reason; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, "it is signed by an unknown authority" },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, "it does not match the host name" },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, "it is not valid yet" },
    { G_TLS_CERTIFICATE_EXPIRED, "it has expired" },
    { G_TLS_CERTIFICATE_REVOKED, "it has been revoked" },
    { G_TLS_CERTIFICATE_INSECURE, "its algorithm is insecure" },
  };
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (message);
  g_autoptr(GString) text = g_string_new (NULL);

  const char *separator = ": ";

  g_string_printf (text, "The TLS certificate of %s is not acceptable", g_uri_get_host (soup_message_get_uri (message)));
  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      {
        g_string_append_printf (text, "%s%s", separator, reasons[i].reason);
        separator = ", ";
      }
  if ((flags & G_TLS_CERTIFICATE_VALIDATE_ALL) == 0)
    g_string_append_printf (text, ": %s", error->message);

  return g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, text->str);
}

static GError *
map_transport_error (SendData *data,
                     GError   *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->deadline.expired)
    return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT,
                        "The request timed out after %u s", data->timeout);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && data->message != NULL)
    return certificate_error (data->message, error);

  /* Cancellation and TLS errors keep their own domain. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == G_TLS_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT, "The request timed out: %s", error->message);

  return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_NETWORK, "Network error: %s", error->message);
}

static void start_attempt (GTask *task);

static void fail (GTask  *task,
                  GError *error);

/* A cancel (or the timeout) ends the call at once, whatever libsoup is
 * doing: libsoup 3.2 notices a cancel of an HTTP/2 request that waits for
 * its headers only when the next frame of that connection arrives (seconds
 * later, or never for a server that stalls). A libsoup call still in
 * flight is abandoned: its callback, whenever it comes, only cleans up. */
static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  if (!data->io_pending)
    {
      fail (task, map_transport_error (data, error));
      return G_SOURCE_REMOVE;
    }

  /* The reference the libsoup call holds stays with it. */
  data->abandoned = TRUE;
  release_io (data);
  g_task_return_error (task, map_transport_error (data, error));

  return G_SOURCE_REMOVE;
}

/* At the start of each libsoup callback: FALSE when the call was
 * abandoned, and the callback must only let go of what it got. */
static gboolean
io_returned (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  data->io_pending = FALSE;
  if (!data->abandoned)
    return TRUE;

  g_object_unref (task);
  return FALSE;
}

static gboolean
on_limit_passed (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->limit_source, g_source_unref);
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Each attempt waits for its turn under the client's rate limit; the wait
 * runs under the request's deadline, and a cancel ends it (on_cancelled). */
static void
start_attempt_in_turn (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  MistralClient *client = g_task_get_source_object (task);
  gint64 wait = mistral_rate_limiter_reserve (mistral_client_get_rate_limiter (client),
                                              mistral_client_get_rate_limit (client),
                                              mistral_client_get_rate_burst (client),
                                              g_get_monotonic_time ());

  if (wait == 0)
    {
      start_attempt (task);
      return;
    }

  data->limit_source = g_timeout_source_new ((guint) MIN ((wait + 999) / 1000, G_MAXUINT));
  g_source_set_callback (data->limit_source, on_limit_passed, task, NULL);
  g_source_attach (data->limit_source, mistral_io_thread_get_context ());
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->retry_source, g_source_unref);

  start_attempt_in_turn (task);
  return G_SOURCE_REMOVE;
}

/* Retries if the failure allows it; returns FALSE if the caller should fail. */
static gboolean
maybe_retry (GTask        *task,
             const GError *error,
             gint64        server_delay_ms)
{
  SendData *data = g_task_get_task_data (task);
  guint delay;

  if (data->attempt >= data->max_retries || g_cancellable_is_cancelled (data->deadline.cancellable))
    return FALSE;

  /* An upload from a stream that cannot go back is sent once. */
  if (data->multipart != NULL && !mistral_multipart_can_resend (data->multipart))
    return FALSE;

  delay = server_delay_ms >= 0 ? (guint) server_delay_ms : backoff_ms (data->attempt);

  /* Waiting only to end in a timeout would hide what the server said. */
  if (data->deadline.timer != NULL &&
      g_get_monotonic_time () + (gint64) delay * 1000 >= g_source_get_ready_time (data->deadline.timer))
    {
      g_debug ("Not retrying %s %s: a wait of %u ms would outlast the timeout",
               data->method, data->path, delay);
      return FALSE;
    }
  data->attempt++;

  {
    g_autoptr(GError) scrubbed = g_error_copy (error);

    scrub_error (scrubbed, data->api_key);
    g_debug ("Retrying %s %s in %u ms (retry %u of %u): %s",
             data->method, data->path, delay, data->attempt, data->max_retries, scrubbed->message);
  }

  clear_message (data);
  mistral_http_drop_stream (&data->stream);
  g_clear_pointer (&data->received, g_byte_array_unref);

  /* A cancellation during the wait ends it (on_cancelled). */
  data->retry_source = g_timeout_source_new (delay);
  g_source_set_callback (data->retry_source, on_retry_timeout, task, NULL);
  g_source_attach (data->retry_source, mistral_io_thread_get_context ());

  return TRUE;
}

/* The length of @message's response body as it will be read: its
 * Content-Length, unless it has none or a content coding; -1 then. */
static goffset
body_length (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  /* A coded body (libsoup decodes it) is not as long as its header says. */
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      (coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0))
    return -1;
  return soup_message_headers_get_content_length (headers);
}

static void
unref_opener (gpointer  opener,
              GClosure *closure)
{
  mistral_connection_opener_unref (opener);
}

static void
on_streamed_message_finished (SoupMessage *message,
                              gpointer     user_data)
{
  MistralConnectionOpener *opener = user_data;

  mistral_connection_opener_done (opener, TRUE);
  /* Last: this may let go of the opener. */
  g_signal_handlers_disconnect_by_func (message, on_streamed_message_finished, opener);
}

static void
return_reply (GTask    *task,
              GBytes   *body)
{
  SendData *data = g_task_get_task_data (task);
  MistralHttpReply *reply = g_new0 (MistralHttpReply, 1);

  reply->body = body;
  reply->sunk = data->sunk;
  reply->content_length = body_length (data->message);
  if (body == NULL)
    {
      /* An event stream bounds its silences itself (mistral-event-stream.c);
       * the client's timeout bounds each silence of a plain body the same
       * way, the whole body being as long as the file it carries. */
      reply->stream = mistral_body_stream_new (g_steal_pointer (&data->stream), data->message,
                                               data->message_done, reply->content_length,
                                               data->reply_kind == MISTRAL_HTTP_REPLY_STREAM ? data->timeout : 0);
      /* Its connection stays taken until libsoup is done with the message. */
      if (data->opener_state == OPENER_STARTED && !data->message_done)
        {
          g_signal_connect_data (data->message, "finished", G_CALLBACK (on_streamed_message_finished),
                                 g_atomic_rc_box_acquire (opener_of (data)),
                                 unref_opener, G_CONNECT_DEFAULT);
          data->opener_state = OPENER_NONE;
        }
    }
  reply->sent_time = data->sent_time;
  reply->done_time = g_get_monotonic_time ();
  reply->cache = g_steal_pointer (&data->cache);
  reply->cache_key = g_steal_pointer (&data->cache_key);
  release_io (data);

  g_task_return_pointer (task, reply, (GDestroyNotify) mistral_http_reply_free);
  g_object_unref (task);
}

static void
fail (GTask  *task,
      GError *error)
{
  SendData *data = g_task_get_task_data (task);

  /* A body not read to its end: the connection is dropped now. */
  release_io (data);
  scrub_error (error, data->api_key);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_body_complete (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->received));
  guint status = soup_message_get_status (data->message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_reply (task, g_steal_pointer (&body));
      return;
    }

  {
    g_autoptr(GError) status_error =
      mistral_http_error_for_status (status, soup_message_get_reason_phrase (data->message), body);

    if (status_is_retryable (status) && maybe_retry (task, status_error, retry_after_ms (data->message)))
      return;
    fail (task, g_steal_pointer (&status_error));
  }
}

static GError *
too_large_error (guint64 bound)
{
  return g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                      "Invalid response: the body is larger than %u MiB", (guint) (bound / (1024 * 1024)));
}

static void read_body (GTask *task);

/* libsoup sends a request again by itself when its kept-alive connection
 * turned out closed (HTTP/1.1) or the server refused the stream or went
 * away before answering (HTTP/2), and it drops the request body when it
 * does: the body is set again, or the request would go out empty. */
/* The body of one attempt: a multipart body is opened anew each time. */
static gboolean
set_body (SendData     *data,
          SoupMessage  *message,
          GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", data->body);
  if (data->multipart == NULL)
    return TRUE;

  stream = mistral_multipart_open (data->multipart, error);
  if (stream == NULL)
    return FALSE;
  soup_message_set_request_body (message, mistral_multipart_get_content_type (data->multipart),
                                 stream, mistral_multipart_get_length (data->multipart));
  return TRUE;
}

static void
on_message_restarted (SoupMessage *message,
                      SendData    *data)
{
  /* libsoup resends only IDEMPOTENT messages, so this cannot fail. */
  set_body (data, message, NULL);
  data->written = 0;
}

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk_size,
                    SendData    *data)
{
  goffset total = data->multipart != NULL ? mistral_multipart_get_length (data->multipart)
                                          : data->body != NULL ? (goffset) g_bytes_get_size (data->body) : 0;

  data->written += chunk_size;
  data->progress (data->written, total, data->progress_data);
}

static void
on_message_starting (SoupMessage *message,
                     SendData    *data)
{
  /* Again after a restart, on the connection it had. */
  if (data->opener_state != OPENER_WAITING)
    return;
  data->opener_state = OPENER_STARTED;
  mistral_connection_opener_started (opener_of (data));
}

static void
on_message_finished (SoupMessage *message,
                     SendData    *data)
{
  data->message_done = TRUE;
  if (data->body_done)
    on_body_complete (data->task);
}

static void
on_body_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize before;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (data->abandoned)
    mistral_http_drop_stream (&data->stream);
  if (!io_returned (task))
    return;
  before = data->received->len - data->reading;
  g_byte_array_set_size (data->received, before + MAX (n, 0));

  /* Part of a response arrived, so a failure now is not retried: the
   * server may already have done (and billed) the work. */
  if (n < 0)
    {
      fail (task, map_transport_error (data, error));
      return;
    }

  /* libsoup 3.2 gives the connection back only when the message has
   * finished: once the body stream is closed, an iteration later. A
   * caller that stops running its context as soon as it has the reply (a
   * worker thread that then exits) would keep the connection, and every
   * other thread's requests would wait for it forever. So the reply waits
   * for "finished". */
  if (n == 0)
    {
      mistral_http_drop_stream (&data->stream);
      data->body_done = TRUE;
      if (data->message_done)
        on_body_complete (task);
      return;
    }

  if (data->sinking)
    {
      gsize held = data->sink ((const char *) data->received->data + before, n, data->sink_data);

      g_byte_array_set_size (data->received, before);
      data->sunk += n;
      if (held > MAX_BODY_SIZE)
        {
          fail (task, too_large_error (MAX_BODY_SIZE));
          return;
        }
      if (data->sunk > MAX_SUNK_SIZE)
        {
          fail (task, too_large_error (MAX_SUNK_SIZE));
          return;
        }
    }

  if (data->received->len > MAX_BODY_SIZE)
    {
      fail (task, too_large_error (MAX_BODY_SIZE));
      return;
    }

  read_body (task);
}

/* Reads the body in pieces into one buffer, up to MAX_BODY_SIZE. */
static void
read_body (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  gsize before;

  if (data->received == NULL)
    {
      goffset length = body_length (data->message);

      /* A small body of known length goes into a buffer of its size, and
       * a byte more to see its end: 256 replies in flight then take 256
       * small blocks, not 16 MiB of heap, grown for them and barely
       * touched. */
      data->received_room = length >= 0 && length < READ_CHUNK_SIZE ? (gsize) length + 1 : READ_CHUNK_SIZE;
      data->received = g_byte_array_sized_new (data->received_room);
    }
  before = data->received->len;
  /* The next read goes into the room the last one left, while there is a
   * fair share of a chunk: a small reply is then read, to its end, in the
   * one chunk first allocated. Growing by a whole chunk past a short read
   * instead made realloc() copy the whole previous allocation, unused
   * bytes and all, into fresh pages: for each small reply, a 64 KiB copy
   * and its page faults, which were a quarter of the I/O thread's time
   * with 256 requests in flight. A grown buffer is at least 3/4 full, so
   * what realloc() copies then is the body itself. */
  if (data->received_room == before ||
      (data->received_room - before < READ_CHUNK_SIZE / 4 && data->received_room >= READ_CHUNK_SIZE))
    data->received_room = before + READ_CHUNK_SIZE;
  data->reading = data->received_room - before;
  g_byte_array_set_size (data->received, data->received_room);

  data->io_pending = TRUE;
  g_input_stream_read_async (data->stream, data->received->data + before, data->reading,
                             G_PRIORITY_DEFAULT, data->deadline.cancellable,
                             on_body_read, task);
}

static void
send_on_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  /* libsoup 3.2 treats a send cancelled after it produced the body stream
   * as failed: it finishes the message, then frees the stream with the
   * task, closing it and crashing on the finished message (libsoup 3.7
   * checks). Taking the stream it did produce, and closing it ourselves
   * when cancelled, avoids that. */
  if (G_IS_TASK (result))
    g_task_set_check_cancellable (G_TASK (result), FALSE);
  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->abandoned)
    mistral_http_drop_stream (&data->stream);
  if (!io_returned (task))
    return;
  if (g_cancellable_is_cancelled (data->deadline.cancellable))
    {
      g_autoptr(GError) cancelled = NULL;

      /* Cancelled or timed out, whatever libsoup made of it. */
      g_cancellable_set_error_if_cancelled (data->deadline.cancellable, &cancelled);
      mistral_http_drop_stream (&data->stream);
      fail (task, map_transport_error (data, cancelled));
      return;
    }
  if (data->stream == NULL)
    {
      g_autoptr(GError) mapped = map_transport_error (data, error);

      /* Nothing of a response arrived, so the request is safe to repeat. */
      if (mapped->domain == MISTRAL_ERROR && mapped->code == MISTRAL_ERROR_NETWORK &&
          maybe_retry (task, mapped, -1))
        return;
      fail (task, g_steal_pointer (&mapped));
      return;
    }

  mistral_connection_opener_learn (opener_of (data), data->message);
  status = soup_message_get_status (data->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && data->reply_kind == MISTRAL_HTTP_REPLY_STREAM)
    {
      return_reply (task, NULL);
      return;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && data->reply_kind == MISTRAL_HTTP_REPLY_EVENTS)
    {
      const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (data->message),
                                                                NULL);

      /* A web page (a captive portal, a proxy's) or a plain JSON reply is
       * refused for what it is, rather than parsed as a broken stream. As
       * Mistral's own SDKs do; a server that names no type is given the
       * benefit of the doubt. */
      if (type != NULL && g_ascii_strcasecmp (type, "text/event-stream") != 0)
        {
          fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                   "Invalid response: the reply is not an event stream but %s", type));
          return;
        }
      return_reply (task, NULL);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      /* Redirects are not followed: the API never sends one, and the API
       * key must not go to another host. */
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                                           "Location");

      fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                               "Unexpected redirect to %s (HTTP %u)",
                               location != NULL ? location : "nowhere", status));
      return;
    }

  data->sinking = data->sink != NULL && SOUP_STATUS_IS_SUCCESSFUL (status);
  data->sunk = 0;
  {
    goffset bound = data->sinking ? MAX_SUNK_SIZE : MAX_BODY_SIZE;

    if (soup_message_headers_get_content_length (soup_message_get_response_headers (data->message)) > bound)
      {
        fail (task, too_large_error (bound));
        return;
      }
  }

  read_body (task);
}

/* Plain HTTP only to this machine (a local server), unless the
 * application says otherwise: the key would travel in clear text. */
static gboolean
scheme_is_safe (MistralClient *client,
                GUri          *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GInetAddress) address = NULL;
  gsize length;

  if (strcmp (g_uri_get_scheme (uri), "http") != 0 || mistral_client_get_allow_plain_http (client))
    return TRUE;

  /* "localhost" and its subdomains are the loopback (RFC 6761, 6.3). */
  length = strlen (host);
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      (length > strlen (".localhost") &&
       g_ascii_strcasecmp (host + length - strlen (".localhost"), ".localhost") == 0))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Hands the attempt's message to libsoup; held back until now, perhaps,
 * by the client's connection opener. */
static void
send_attempt (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupSession *session = mistral_client_get_session (g_task_get_source_object (task));

  data->held = NULL;
  data->sent_time = g_get_monotonic_time ();
  data->io_pending = TRUE;
  if (mistral_connection_opener_wait (opener_of (data), session, data->message))
    {
      data->opener_state = OPENER_WAITING;
      data->handlers[3] = g_signal_connect (data->message, "starting", G_CALLBACK (on_message_starting), data);
    }
  soup_session_send_async (session, data->message,
                           G_PRIORITY_DEFAULT, data->deadline.cancellable, send_on_sent, task);
}

static const char * const accept_types[] = {
  [MISTRAL_HTTP_REPLY_WHOLE] = "application/json",
  [MISTRAL_HTTP_REPLY_EVENTS] = "text/event-stream",
  [MISTRAL_HTTP_REPLY_STREAM] = "*/*",
};

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  MistralClient *client = g_task_get_source_object (task);
  g_autofree char *api_key = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  gsize base_len;

  /* Cancelled before it was sent (the caller's cancellable already was):
   * nothing goes to libsoup, which would otherwise start a connection (a
   * name lookup, logs in this thread) before it noticed. */
  if (g_cancellable_set_error_if_cancelled (data->deadline.cancellable, &error))
    {
      fail (task, map_transport_error (data, error));
      return;
    }

  /* Copies, taken under the client's lock: another thread may set them. */
  g_object_get (client, "api-key", &api_key, "base-url", &base_url, "user-agent", &user_agent, NULL);
  g_free (data->api_key);
  data->api_key = g_strdup (api_key);
  base_len = strlen (base_url);

  /* One slash between the base URL and the path, whatever the user typed. */
  while (base_len > 0 && base_url[base_len - 1] == '/')
    base_len--;
  url = g_strdup_printf ("%.*s%s", (int) base_len, base_url, data->path);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* Quoted back as readable text, whatever bytes it holds. */
      g_autofree char *shown = g_utf8_make_valid (base_url, -1);

      fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "Invalid base URL “%s”", shown));
      return;
    }

  if (!scheme_is_safe (client, uri))
    {
      fail (task, g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "Refusing to send the API key in clear text to %s over http://: "
                               "use https://, or set the client's allow-plain-http property "
                               "for a network you trust", g_uri_get_host (uri)));
      return;
    }

  data->message = soup_message_new_from_uri (data->method, uri);
  data->handlers[0] = g_signal_connect (data->message, "finished", G_CALLBACK (on_message_finished), data);
  data->handlers[1] = g_signal_connect (data->message, "restarted", G_CALLBACK (on_message_restarted), data);
  data->written = 0;
  if (data->progress != NULL)
    data->handlers[2] = g_signal_connect (data->message, "wrote-body-data", G_CALLBACK (on_wrote_body_data), data);
  if (!set_body (data, data->message, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  /* IDEMPOTENT lets libsoup reuse a kept-alive connection for a POST (and
   * resend if that connection turns out closed): the same rule as our own
   * retries of failures before any response, so not for an upload from a
   * stream that cannot go back. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  if (data->multipart == NULL || mistral_multipart_can_resend (data->multipart))
    soup_message_add_flags (data->message, SOUP_MESSAGE_IDEMPOTENT);

  headers = soup_message_get_request_headers (data->message);
  if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  soup_message_headers_replace (headers, "Accept",
                                accept_types[data->reply_kind]);
  soup_message_headers_replace (headers, "User-Agent", user_agent);

  data->held = mistral_connection_opener_hold (opener_of (data), mistral_client_get_session (client),
                                               data->message, send_attempt, task);
  if (data->held == NULL)
    send_attempt (task);
}

static gboolean
start_in_io_thread (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  /* The timeout spans the retries and their waits. */
  mistral_deadline_start (&data->deadline, data->timeout, mistral_io_thread_get_context ());
  data->cancel_source = g_cancellable_source_new (data->deadline.cancellable);
  g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
  g_source_attach (data->cancel_source, mistral_io_thread_get_context ());
  start_attempt_in_turn (task);

  return G_SOURCE_REMOVE;
}

/* The path with its query: "/v1/files?page=0&purpose=batch". */
static char *
path_with_query (const MistralHttpRequest *request)
{
  GString *path = g_string_new (request->path);

  for (gsize i = 0; request->query != NULL && request->query[i] != NULL; i += 2)
    {
      g_assert (request->query[i + 1] != NULL);
      g_string_append_c (path, i == 0 ? '?' : '&');
      g_string_append_uri_escaped (path, request->query[i], NULL, FALSE);
      g_string_append_c (path, '=');
      g_string_append_uri_escaped (path, request->query[i + 1], NULL, FALSE);
    }

  return g_string_free (path, FALSE);
}

/* The cache key: the SHA-256 of the method, the path with its query and
 * the body, each preceded by its length (64 bits, big-endian), so that no
 * two requests can run together into the same bytes. */
static char *
cache_key_for (const char *method,
               const char *path,
               GBytes     *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  struct { const void *data; gsize length; } parts[] = {
    { method, strlen (method) },
    { path, strlen (path) },
    { NULL, 0 },
  };

  if (body != NULL)
    parts[2].data = g_bytes_get_data (body, &parts[2].length);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint64 length = GUINT64_TO_BE ((guint64) parts[i].length);

      g_checksum_update (checksum, (const guchar *) &length, sizeof length);
      if (parts[i].length > 0)
        g_checksum_update (checksum, parts[i].data, parts[i].length);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Looks @data's request up in the client's cache, on the caller's thread
 * (see MistralCache's documentation for why); returns the cached body of a
 * hit, or NULL, having kept the cache and key for storing the reply. */
static GBytes *
cache_lookup (MistralClient *client,
              SendData      *data)
{
  g_autoptr(MistralCache) cache = mistral_client_dup_cache (client);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GBytes) body = NULL;

  if (cache == NULL)
    return NULL;

  key = cache_key_for (data->method, data->path, data->body);
  body = mistral_cache_lookup (cache, key, &error);
  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      g_debug ("Cache: hit for %s %s (%s, %" G_GSIZE_FORMAT " bytes)",
               data->method, data->path, key, g_bytes_get_size (body));
      return g_steal_pointer (&body);
    }

  g_debug ("Cache: miss for %s %s (%s)%s%s", data->method, data->path, key,
           error != NULL ? ": " : "", error != NULL ? error->message : "");
  data->cache = g_steal_pointer (&cache);
  data->cache_key = g_steal_pointer (&key);
  return NULL;
}

/* A hit: the cached body, handed back as the network's would be (whole,
 * or as a stream for the event-stream reader), without the I/O thread,
 * the rate limiter or a retry. It still returns on a later iteration, and
 * a cancel before then wins. */
static void
return_cached (GTask  *task,
               GBytes *body)
{
  SendData *data = g_task_get_task_data (task);
  MistralHttpReply *reply = g_new0 (MistralHttpReply, 1);

  reply->from_cache = TRUE;
  reply->sent_time = reply->done_time = g_get_monotonic_time ();
  if (data->reply_kind == MISTRAL_HTTP_REPLY_EVENTS)
    reply->stream = g_memory_input_stream_new_from_bytes (body);
  else
    reply->body = g_bytes_ref (body);

  g_task_set_check_cancellable (task, TRUE);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, reply, (GDestroyNotify) mistral_http_reply_free);
  else
    mistral_http_reply_free (reply);
  g_object_unref (task);
}

void
mistral_http_send_async (MistralClient             *client,
                         const MistralHttpRequest  *request,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  GTask *task;
  SendData *data;
  g_autoptr(GBytes) cached = NULL;

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_http_send_async);
  /* Our own errors (timeout, mapped cancellation) are returned as they are. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (SendData, 1);
  data->task = task;
  data->method = g_strdup (request->method);
  data->path = path_with_query (request);
  data->body = request->body != NULL ? g_bytes_ref (request->body) : NULL;
  data->multipart = request->multipart != NULL ? mistral_multipart_ref (request->multipart) : NULL;
  data->reply_kind = request->reply;
  data->progress = request->progress;
  data->progress_data = request->progress_data;
  data->sink = request->reply == MISTRAL_HTTP_REPLY_WHOLE ? request->sink : NULL;
  data->sink_data = request->sink_data;
  mistral_deadline_init (&data->deadline, cancellable);
  data->max_retries = mistral_client_get_max_retries (client);
  data->timeout = mistral_client_get_timeout (client);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (request->cacheable && request->multipart == NULL && request->reply != MISTRAL_HTTP_REPLY_STREAM)
    cached = cache_lookup (client, data);
  if (cached != NULL)
    {
      return_cached (task, cached);
      return;
    }
  /* A reply to be kept in the cache is read whole, to be stored. */
  if (data->cache != NULL)
    data->sink = NULL;

  mistral_io_thread_invoke (start_in_io_thread, task, NULL);
}

MistralHttpReply *
mistral_http_send_finish (MistralClient  *client,
                          GAsyncResult   *result,
                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_http_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The send-and-read helper ------------------------------------------------- */

/* How a whole reply becomes the typed reply: @read_body with @data (for
 * mistral_http_call_async(), json-glib's tree handed to its reader). */
typedef struct {
  MistralHttpReadBodyFunc  read_body;
  gpointer                 data;
  GDestroyNotify           data_free;
} CallReader;

static void
call_reader_free (CallReader *reader)
{
  if (reader->data_free != NULL)
    reader->data_free (reader->data);
  g_free (reader);
}

static gpointer
call_read_json (MistralHttpReply  *reply,
                gpointer           data,
                GError           **error)
{
  MistralHttpReadFunc read = data;
  g_autoptr(JsonNode) node = NULL;
  const char *text;
  gsize length;

  text = g_bytes_get_data (reply->body, &length);
  node = mistral_json_parse (text, length, error);
  return node != NULL ? read (node, reply, error) : NULL;
}

static void
call_on_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallReader *reader = g_task_get_task_data (task);
  g_autoptr(MistralHttpReply) reply = NULL;
  GError *error = NULL;
  gpointer object;

  reply = mistral_http_send_finish (MISTRAL_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (reply->body) == 0 && reply->sunk == 0)
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                               "Invalid response: the body is empty");
      return;
    }

  object = reader->read_body (reply, reader->data, &error);
  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Kept only once it has been read as what the API promises. */
  mistral_http_reply_store (reply, reply->body);
  g_task_return_pointer (task, object, g_object_unref);
}

void
mistral_http_call_body_async (MistralClient             *client,
                              const MistralHttpRequest  *request,
                              GError                    *error,
                              MistralHttpReadBodyFunc    read,
                              gpointer                   data,
                              GDestroyNotify             data_free,
                              gpointer                   source_tag,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  CallReader *reader = g_new0 (CallReader, 1);

  g_assert (request->reply == MISTRAL_HTTP_REPLY_WHOLE);
  g_task_set_source_tag (task, source_tag);
  reader->read_body = read;
  reader->data = data;
  reader->data_free = data_free;
  g_task_set_task_data (task, reader, (GDestroyNotify) call_reader_free);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  mistral_http_send_async (client, request, cancellable, call_on_sent, g_steal_pointer (&task));
}

void
mistral_http_call_async (MistralClient             *client,
                         const MistralHttpRequest  *request,
                         GError                    *error,
                         MistralHttpReadFunc        read,
                         gpointer                   source_tag,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  mistral_http_call_body_async (client, request, error, call_read_json, (gpointer) read, NULL, source_tag,
                                cancellable, callback, user_data);
}

gpointer
mistral_http_call_finish (MistralClient  *client,
                          GAsyncResult   *result,
                          gpointer        source_tag,
                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

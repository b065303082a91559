// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <math.h>
#include <string.h>

#include "mistral-client.h"
#include "mistral-error.h"
#include "mistral-http-private.h"
#include "mistral-connection-opener-private.h"
#include "mistral-rate-limiter-private.h"
#include "mistral-io-thread-private.h"
#include "mistral-version.h"

/**
 * MistralClient:
 *
 * A connection to the Mistral API: the API key, the base URL, the timeout
 * and the retry policy, over one `SoupSession`.
 *
 * Every call has an asynchronous form (`_async` and `_finish`, with a
 * `GCancellable`) and a blocking twin for worker threads and scripts. One
 * client serves many requests at once, and the same request object can be
 * sent several times.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_reply (GObject *source, GAsyncResult *result, gpointer user_data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MistralChatCompletionResponse) response =
 *     mistral_client_chat_completion_finish (MISTRAL_CLIENT (source), result, &error);
 *
 *   if (response == NULL)
 *     g_printerr ("%s\n", error->message);
 *   else
 *     g_print ("%s\n", mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (
 *       mistral_chat_completion_response_get_assistant_message (response))));
 * }
 *
 * g_autoptr(MistralClient) client = mistral_client_new_from_environment ();
 * mistral_client_chat_completion_async (client, request, NULL, on_reply, NULL);
 * ```
 *
 * Setting the environment variable `MISTRAL_DEBUG` to `1` logs each HTTP
 * exchange (headers; `MISTRAL_DEBUG=body` adds bodies) with the API key
 * redacted.
 *
 * Since: 1.0
 */

#define DEFAULT_TIMEOUT     120
#define DEFAULT_MAX_RETRIES 2
/* Connections per host: other clients of the API open one per request in
 * flight, and an application that sends a batch of prompts at once expects
 * them to run at once (libsoup's own default is 2). */
#define DEFAULT_MAX_CONNECTIONS 256
#define DEFAULT_USER_AGENT  "mistral-glib/" MISTRAL_VERSION_S

struct _MistralClient
{
  GObject parent_instance;

  /* Read by requests on other threads: guarded by the lock. */
  GMutex lock;
  char *api_key;
  char *base_url;
  char *user_agent;
  guint timeout;
  guint max_retries;
  gboolean allow_plain_http;
  double rate_limit;
  guint rate_burst;
  MistralCache *cache;

  /* The I/O thread's alone. */
  MistralRateLimiter limiter;
  MistralConnectionOpener *opener;

  SoupSession *session;
  gboolean own_session;   /* made here, not passed in */
  guint max_connections;
  GTlsDatabase *tls_database;
};

G_DEFINE_FINAL_TYPE (MistralClient, mistral_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_MAX_RETRIES,
  PROP_USER_AGENT,
  PROP_SESSION,
  PROP_TLS_DATABASE,
  PROP_ALLOW_PLAIN_HTTP,
  PROP_MAX_CONNECTIONS,
  PROP_RATE_LIMIT,
  PROP_RATE_BURST,
  PROP_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Prints what SoupLogger prints, with the credentials blanked out: the
 * Authorization header, and the key wherever else it shows up (a server
 * may echo it in a body). @user_data is a weak reference to the client,
 * since the session, and its logger, may outlive it. */
static void
redacting_printer (SoupLogger         *logger,
                   SoupLoggerLogLevel  level,
                   char                direction,
                   const char         *data,
                   gpointer            user_data)
{
  g_autoptr(MistralClient) self = g_weak_ref_get (user_data);
  g_autofree char *api_key = NULL;
  g_autoptr(GString) line = NULL;

  if (g_ascii_strncasecmp (data, "Authorization:", strlen ("Authorization:")) == 0)
    {
      g_printerr ("%c Authorization: [redacted]\n", direction);
      return;
    }

  line = g_string_new (data);
  if (self != NULL)
    {
      g_object_get (self, "api-key", &api_key, NULL);
      if (api_key != NULL && *api_key != '\0')
        g_string_replace (line, api_key, "[redacted]", 0);
    }

  g_printerr ("%c %s\n", direction, line->str);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* The client's own session, as the I/O thread sees it: how many messages
 * it has queued, and whether the client is gone. */
typedef struct {
  SoupSession *session;
  guint n_queued;
  gboolean closing;
} SessionState;

static gboolean
unref_session (gpointer session)
{
  g_object_unref (session);
  return G_SOURCE_REMOVE;
}

/* In the I/O thread, which drives the session's connections. libsoup 3.2
 * warns when a session is disposed of with a connection still open, and
 * closes an HTTP/2 connection asynchronously there: only once it carries
 * no message (it writes GOAWAY, then drops the connection from an idle).
 * So the session is closed once its last message has left the queue, and
 * let go once that close has run. Nothing public tells when it has, and
 * an idle after the abort did not always outlast it (seen once through
 * nginx's HTTP/2 front, in a full CI run: the GOAWAY goes through TLS,
 * which may take more than one turn of the loop), so the session is kept
 * a while. */
#define SESSION_CLOSE_GRACE_MS 1000

static void
close_session_now (SessionState *state)
{
  GSource *source = g_timeout_source_new (SESSION_CLOSE_GRACE_MS);

  soup_session_abort (state->session);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, unref_session, g_steal_pointer (&state->session), NULL);
  g_source_set_static_name (source, "[mistral-glib] session close");
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

static void
on_session_queued (SoupSession  *session,
                   SoupMessage  *message,
                   SessionState *state)
{
  state->n_queued++;
}

static void
on_session_unqueued (SoupSession  *session,
                     SoupMessage  *message,
                     SessionState *state)
{
  state->n_queued--;
  if (state->n_queued == 0 && state->closing)
    close_session_now (state);
}

static gboolean
close_session (gpointer user_data)
{
  SoupSession *session = user_data;
  SessionState *state = g_object_get_data (G_OBJECT (session), "mistral-client-session-state");

  state->closing = TRUE;
  if (state->n_queued == 0)
    close_session_now (state);

  return G_SOURCE_REMOVE;
}

static void
mistral_client_constructed (GObject *object)
{
  MistralClient *self = MISTRAL_CLIENT (object);

  G_OBJECT_CLASS (mistral_client_parent_class)->constructed (object);

  if (self->session == NULL)
    {
      const char *debug = g_getenv ("MISTRAL_DEBUG");

      /* The default session uses GLib's default proxy resolver, so system
       * proxy settings apply. A session passed in is used as it is. */
      SessionState *state = g_new0 (SessionState, 1);

      self->own_session = TRUE;
      self->session = soup_session_new_with_options ("max-conns-per-host", self->max_connections,
                                                     "max-conns", MAX (self->max_connections, 10u) * 2,
                                                     NULL);
      if (self->tls_database != NULL)
        soup_session_set_tls_database (self->session, self->tls_database);
      /* Read in the I/O thread only, where the signals are emitted. */
      state->session = self->session;
      g_object_set_data_full (G_OBJECT (self->session), "mistral-client-session-state", state,
                              g_free);
      g_signal_connect (self->session, "request-queued", G_CALLBACK (on_session_queued), state);
      g_signal_connect (self->session, "request-unqueued", G_CALLBACK (on_session_unqueued), state);

      if (debug != NULL && *debug != '\0' && strcmp (debug, "0") != 0)
        {
          g_autoptr(SoupLogger) logger =
            soup_logger_new (strcmp (debug, "body") == 0 ? SOUP_LOGGER_LOG_BODY : SOUP_LOGGER_LOG_HEADERS);
          GWeakRef *ref = g_new0 (GWeakRef, 1);

          g_weak_ref_init (ref, self);
          soup_logger_set_printer (logger, redacting_printer, ref, (GDestroyNotify) weak_ref_free);
          soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
        }
    }
  else if (self->tls_database != NULL)
    {
      g_warning ("MistralClient: tls-database is not applied to a session passed in: "
                 "set it on that session (SoupSession:tls-database)");
    }
  else if (self->max_connections != DEFAULT_MAX_CONNECTIONS)
    {
      g_warning ("MistralClient: max-connections is not applied to a session passed in: "
                 "set it on that session (SoupSession:max-conns-per-host)");
    }
}

static void
mistral_client_finalize (GObject *object)
{
  MistralClient *self = MISTRAL_CLIENT (object);

  /* A client that never sent anything lets its session go here: there is
   * no connection to close, and no reason to start the I/O thread. */
  if (!mistral_io_thread_is_running ())
    g_clear_object (&self->session);
  else if (self->own_session)
    mistral_io_thread_invoke (close_session, g_steal_pointer (&self->session), NULL);
  else
    mistral_io_thread_unref (g_steal_pointer (&self->session));
  g_clear_object (&self->tls_database);
  g_clear_object (&self->cache);
  mistral_connection_opener_unref (self->opener);
  g_free (self->api_key);
  g_free (self->base_url);
  g_free (self->user_agent);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mistral_client_parent_class)->finalize (object);
}

static void
mistral_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MistralClient *self = MISTRAL_CLIENT (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;
    case PROP_ALLOW_PLAIN_HTTP:
      g_value_set_boolean (value, self->allow_plain_http);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_double (value, self->rate_limit);
      break;
    case PROP_RATE_BURST:
      g_value_set_uint (value, self->rate_burst);
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
mistral_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MistralClient *self = MISTRAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      mistral_client_set_api_key (self, g_value_get_string (value));
      break;
    case PROP_BASE_URL:
      mistral_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      mistral_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRIES:
      mistral_client_set_max_retries (self, g_value_get_uint (value));
      break;
    case PROP_USER_AGENT:
      mistral_client_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TLS_DATABASE:
      self->tls_database = g_value_dup_object (value);
      break;
    case PROP_ALLOW_PLAIN_HTTP:
      mistral_client_set_allow_plain_http (self, g_value_get_boolean (value));
      break;
    case PROP_RATE_LIMIT:
      mistral_client_set_rate_limit (self, g_value_get_double (value));
      break;
    case PROP_RATE_BURST:
      mistral_client_set_rate_burst (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CONNECTIONS:
      self->max_connections = g_value_get_uint (value);
      break;
    case PROP_CACHE:
      mistral_client_set_cache (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mistral_client_class_init (MistralClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_client_constructed;
  object_class->finalize = mistral_client_finalize;
  object_class->get_property = mistral_client_get_property;
  object_class->set_property = mistral_client_set_property;

  /**
   * MistralClient:api-key:
   *
   * The API key, sent as `Authorization: Bearer`. It never appears in
   * errors or logs.
   *
   * Since: 1.0
   */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralClient:base-url:
   *
   * The URL the API paths are appended to, such as
   * `https://api.eu.mistral.ai` or a local compatible server. Setting
   * %NULL restores %MISTRAL_DEFAULT_BASE_URL.
   *
   * Since: 1.0
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, MISTRAL_DEFAULT_BASE_URL,
                         RW_FLAGS | G_PARAM_CONSTRUCT);

  /**
   * MistralClient:timeout:
   *
   * The most seconds a request may take, retries included; for a stream
   * or a file's download, the most seconds to wait for the headers and
   * then between two reads. 0 means no limit. When it runs out, the call fails with
   * %MISTRAL_ERROR_TIMEOUT.
   *
   * Since: 1.0
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT,
                       RW_FLAGS | G_PARAM_CONSTRUCT);

  /**
   * MistralClient:max-retries:
   *
   * How many times a request is tried again after a rate limit (429), a
   * server error (500, 502, 503, 504) or a connection failure, with
   * exponential backoff that honours `Retry-After`.
   *
   * Since: 1.0
   */
  /**
   * MistralClient:rate-limit: (getter get_rate_limit) (setter set_rate_limit)
   *
   * At most this many requests a second leave the client, averaged (0, the
   * default, for no limit), with bursts of
   * [property@Mistral.Client:rate-burst]: the Go client's limiter. Every
   * request of the client counts, from any thread, and every attempt of a
   * retried one. A request that waits for its turn can be cancelled, and
   * its wait counts against [property@Mistral.Client:timeout].
   *
   * Since: 1.0
   */
  properties[PROP_RATE_LIMIT] =
    g_param_spec_double ("rate-limit", NULL, NULL, 0, G_MAXDOUBLE, 0, RW_FLAGS);

  /**
   * MistralClient:rate-burst: (getter get_rate_burst) (setter set_rate_burst)
   *
   * How many requests may leave at once, before
   * [property@Mistral.Client:rate-limit] spaces them out.
   *
   * Since: 1.0
   */
  properties[PROP_RATE_BURST] =
    g_param_spec_uint ("rate-burst", NULL, NULL, 1, G_MAXUINT, 1, RW_FLAGS);

  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 100, DEFAULT_MAX_RETRIES,
                       RW_FLAGS | G_PARAM_CONSTRUCT);

  /**
   * MistralClient:user-agent:
   *
   * The `User-Agent` header. Setting %NULL restores the default,
   * `mistral-glib/VERSION`.
   *
   * Since: 1.0
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, DEFAULT_USER_AGENT,
                         RW_FLAGS | G_PARAM_CONSTRUCT);

  /**
   * MistralClient:session:
   *
   * The `SoupSession` requests go through. Pass one at construction to
   * share a session or to configure TLS or a proxy yourself; it is used as
   * it is. By default the client makes its own.
   *
   * The library sends its requests from a thread of its own: configure a
   * session before the first request, and expect its signals, and those of
   * the library's messages, in that thread.
   *
   * Since: 1.0
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralClient:tls-database:
   *
   * The certificate authorities the client trusts, instead of the
   * system's: for a self-hosted Mistral-compatible gateway with a private
   * CA, without building a `SoupSession`. %NULL (the default) trusts the
   * system's authorities. It applies to the session the client makes; a
   * [property@Mistral.Client:session] passed in keeps its own TLS settings.
   *
   * A certificate that is not trusted, has expired or names another host
   * fails the request with %G_TLS_ERROR_BAD_CERTIFICATE before any byte of
   * it is sent, and is never retried.
   *
   * Since: 1.0
   */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralClient:allow-plain-http:
   *
   * Whether requests may go over plain `http://` to a host that is not the
   * local machine. By default they fail with
   * %MISTRAL_ERROR_INVALID_REQUEST before anything is sent, so that the API
   * key never travels in clear text by accident. `http://` to `localhost`
   * or a loopback address (a local server) is always allowed.
   *
   * Since: 1.0
   */
  properties[PROP_ALLOW_PLAIN_HTTP] =
    g_param_spec_boolean ("allow-plain-http", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralClient:max-connections:
   *
   * How many connections the client opens to one host at most: that many
   * requests run at once over HTTP/1.1, and more wait for a connection
   * (their timeout runs while they wait). Over HTTP/2 all requests share
   * one connection. The default, 256, lets a batch of requests started at
   * once run at once; to an HTTP/1.x server (any `http://` URL, and an
   * `https://` one whose last reply came over HTTP/1.x) their connections
   * are opened side by side, not one after the other as libsoup 3.2 would
   * alone. It applies to the session the client makes; a
   * [property@Mistral.Client:session] passed in keeps its own limits.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL, 1, 4096, DEFAULT_MAX_CONNECTIONS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralClient:cache: (getter get_cache) (setter set_cache)
   *
   * Where replies are kept, so that the same request is answered without
   * the network: a [class@Mistral.FileCache], or an application's own
   * [iface@Mistral.Cache]. %NULL (the default) keeps nothing. Which
   * requests are cached, and on which thread the cache is called, is
   * described with [iface@Mistral.Cache]. A change applies to requests
   * that start after it.
   *
   * Since: 1.0
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, MISTRAL_TYPE_CACHE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_client_init (MistralClient *self)
{
  self->rate_burst = 1;
  g_mutex_init (&self->lock);
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  self->opener = mistral_connection_opener_new ();
}

/**
 * mistral_client_new:
 * @api_key: (nullable): the API key
 *
 * Creates a client for the Mistral API at %MISTRAL_DEFAULT_BASE_URL.
 *
 * Returns: (transfer full): a new client
 *
 * Since: 1.0
 */
MistralClient *
mistral_client_new (const char *api_key)
{
  return g_object_new (MISTRAL_TYPE_CLIENT, "api-key", api_key, NULL);
}

/**
 * mistral_client_new_from_environment:
 *
 * Creates a client from the environment: the API key from
 * `MISTRAL_API_KEY`, and the base URL from `MISTRAL_BASE_URL` when it is set.
 *
 * Returns: (transfer full): a new client
 *
 * Since: 1.0
 */
MistralClient *
mistral_client_new_from_environment (void)
{
  const char *base_url = g_getenv ("MISTRAL_BASE_URL");

  return g_object_new (MISTRAL_TYPE_CLIENT,
                       "api-key", g_getenv ("MISTRAL_API_KEY"),
                       "base-url", base_url != NULL && *base_url != '\0' ? base_url : NULL,
                       NULL);
}

/* Setters of strings other threads read: swap under the lock, notify outside. */
static void
set_locked_string (MistralClient  *self,
                   char          **field,
                   const char     *value,
                   int             prop)
{
  gboolean changed = FALSE;

  g_mutex_lock (&self->lock);
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      changed = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_locked_uint (MistralClient *self,
                 guint         *field,
                 guint          value,
                 int            prop)
{
  gboolean changed = FALSE;

  g_mutex_lock (&self->lock);
  if (*field != value)
    {
      *field = value;
      changed = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* A copy of a string other threads may set, taken under the lock. */
static char *
dup_locked_string (MistralClient  *self,
                   char          **field)
{
  char *copy;

  g_mutex_lock (&self->lock);
  copy = g_strdup (*field);
  g_mutex_unlock (&self->lock);

  return copy;
}

static guint
get_locked_uint (MistralClient *self,
                 guint         *field)
{
  guint value;

  g_mutex_lock (&self->lock);
  value = *field;
  g_mutex_unlock (&self->lock);

  return value;
}

/**
 * mistral_client_get_api_key: (get-property api-key)
 * @self: a client
 *
 * Gets the api key.
 *
 * Returns: (nullable): the API key
 *
 * Since: 1.0
 */
const char *
mistral_client_get_api_key (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->api_key;
}

/**
 * mistral_client_dup_api_key:
 * @self: a client
 *
 * Gets a copy of the API key: unlike [method@Mistral.Client.get_api_key],
 * whose string changes when another thread sets the property, safe to
 * call from any thread.
 *
 * Returns: (transfer full) (nullable): the API key
 *
 * Since: 1.0
 */
char *
mistral_client_dup_api_key (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return dup_locked_string (self, &self->api_key);
}

/**
 * mistral_client_set_api_key: (set-property api-key)
 * @self: a client
 * @api_key: (nullable): the API key
 *
 * Sets the API key used by requests started from now on.
 *
 * Since: 1.0
 */
void
mistral_client_set_api_key (MistralClient *self,
                            const char    *api_key)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));

  set_locked_string (self, &self->api_key, api_key, PROP_API_KEY);
}

/**
 * mistral_client_get_base_url: (get-property base-url)
 * @self: a client
 *
 * Gets the base url.
 *
 * Returns: the base URL
 *
 * Since: 1.0
 */
const char *
mistral_client_get_base_url (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * mistral_client_dup_base_url:
 * @self: a client
 *
 * Gets a copy of the base URL: unlike [method@Mistral.Client.get_base_url],
 * whose string changes when another thread sets the property, safe to
 * call from any thread.
 *
 * Returns: (transfer full) (nullable): the base URL
 *
 * Since: 1.0
 */
char *
mistral_client_dup_base_url (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return dup_locked_string (self, &self->base_url);
}

/**
 * mistral_client_set_base_url: (set-property base-url)
 * @self: a client
 * @base_url: (nullable): the base URL, or %NULL for %MISTRAL_DEFAULT_BASE_URL
 *
 * Sets the URL the API paths are appended to.
 *
 * Since: 1.0
 */
void
mistral_client_set_base_url (MistralClient *self,
                             const char    *base_url)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));

  set_locked_string (self, &self->base_url,
                     base_url != NULL ? base_url : MISTRAL_DEFAULT_BASE_URL, PROP_BASE_URL);
}

/**
 * mistral_client_get_timeout: (get-property timeout)
 * @self: a client
 *
 * Gets the timeout.
 *
 * Returns: the timeout in seconds, 0 for none
 *
 * Since: 1.0
 */
guint
mistral_client_get_timeout (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), 0);

  return get_locked_uint (self, &self->timeout);
}

/**
 * mistral_client_set_timeout: (set-property timeout)
 * @self: a client
 * @timeout: the timeout in seconds, 0 for none
 *
 * Sets the timeout of requests started from now on.
 *
 * Since: 1.0
 */
void
mistral_client_set_timeout (MistralClient *self,
                            guint          timeout)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));

  set_locked_uint (self, &self->timeout, timeout, PROP_TIMEOUT);
}

/**
 * mistral_client_get_max_retries: (get-property max-retries)
 * @self: a client
 *
 * Gets the max retries.
 *
 * Returns: how many times a failed request is retried
 *
 * Since: 1.0
 */
guint
mistral_client_get_max_retries (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), 0);

  return get_locked_uint (self, &self->max_retries);
}

/**
 * mistral_client_set_max_retries: (set-property max-retries)
 * @self: a client
 * @max_retries: how many times a failed request is retried, at most 100
 *
 * Sets how many times a failed request is retried.
 *
 * Since: 1.0
 */
void
mistral_client_set_max_retries (MistralClient *self,
                                guint          max_retries)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (max_retries <= 100);

  set_locked_uint (self, &self->max_retries, max_retries, PROP_MAX_RETRIES);
}

/**
 * mistral_client_get_user_agent: (get-property user-agent)
 * @self: a client
 *
 * Gets the user agent.
 *
 * Returns: the `User-Agent` header
 *
 * Since: 1.0
 */
const char *
mistral_client_get_user_agent (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->user_agent;
}

/**
 * mistral_client_dup_user_agent:
 * @self: a client
 *
 * Gets a copy of the user agent: unlike [method@Mistral.Client.get_user_agent],
 * whose string changes when another thread sets the property, safe to
 * call from any thread.
 *
 * Returns: (transfer full) (nullable): the user agent
 *
 * Since: 1.0
 */
char *
mistral_client_dup_user_agent (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return dup_locked_string (self, &self->user_agent);
}

/**
 * mistral_client_set_user_agent: (set-property user-agent)
 * @self: a client
 * @user_agent: (nullable): the `User-Agent` header, or %NULL for the default
 *
 * Sets the `User-Agent` header.
 *
 * Since: 1.0
 */
void
mistral_client_set_user_agent (MistralClient *self,
                               const char    *user_agent)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));

  set_locked_string (self, &self->user_agent,
                     user_agent != NULL ? user_agent : DEFAULT_USER_AGENT, PROP_USER_AGENT);
}

/**
 * mistral_client_get_allow_plain_http: (get-property allow-plain-http)
 * @self: a client
 *
 * Gets whether plain `http://` to another host is allowed.
 *
 * Returns: whether requests may go over plain HTTP to a host that is not
 *   the local machine
 *
 * Since: 1.0
 */
gboolean
mistral_client_get_allow_plain_http (MistralClient *self)
{
  gboolean allow;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  allow = self->allow_plain_http;
  g_mutex_unlock (&self->lock);

  return allow;
}

/**
 * mistral_client_set_allow_plain_http: (set-property allow-plain-http)
 * @self: a client
 * @allow: whether to allow it
 *
 * Sets whether requests started from now on may go over plain `http://`
 * to a host that is not the local machine, sending the API key in clear
 * text. Only for a trusted network (a gateway on the same host's private
 * network, say): the Mistral API itself is only reachable over HTTPS.
 *
 * Since: 1.0
 */
void
mistral_client_set_allow_plain_http (MistralClient *self,
                                     gboolean       allow)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));

  g_mutex_lock (&self->lock);
  changed = self->allow_plain_http != !!allow;
  self->allow_plain_http = !!allow;
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_PLAIN_HTTP]);
}

/**
 * mistral_client_get_max_connections: (get-property max-connections)
 * @self: a client
 *
 * Gets how many connections the client opens to one host at most.
 *
 * Returns: the most connections per host
 *
 * Since: 1.0
 */
guint
mistral_client_get_max_connections (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), 0);

  return self->max_connections;
}

/**
 * mistral_client_get_tls_database: (get-property tls-database)
 * @self: a client
 *
 * Gets the certificate authorities given at construction.
 *
 * Returns: (transfer none) (nullable): the TLS database, or %NULL for the
 *   system's
 *
 * Since: 1.0
 */
GTlsDatabase *
mistral_client_get_tls_database (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->tls_database;
}

/**
 * mistral_client_get_rate_limit: (get-property rate-limit)
 * @self: a client
 *
 * Gets the rate limit.
 *
 * Returns: requests a second, 0 for no limit
 *
 * Since: 1.0
 */
double
mistral_client_get_rate_limit (MistralClient *self)
{
  double value;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  value = self->rate_limit;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * mistral_client_set_rate_limit: (set-property rate-limit)
 * @self: a client
 * @rate_limit: requests a second, 0 for no limit
 *
 * Sets the rate limit; it applies to requests that start after.
 *
 * Since: 1.0
 */
void
mistral_client_set_rate_limit (MistralClient *self,
                               double         rate_limit)
{
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (rate_limit >= 0 && !isnan (rate_limit));

  g_mutex_lock (&self->lock);
  changed = self->rate_limit != rate_limit;
  self->rate_limit = rate_limit;
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMIT]);
}

/**
 * mistral_client_get_rate_burst: (get-property rate-burst)
 * @self: a client
 *
 * Gets how many requests may leave at once.
 *
 * Returns: the burst, at least 1
 *
 * Since: 1.0
 */
guint
mistral_client_get_rate_burst (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), 1);

  return get_locked_uint (self, &self->rate_burst);
}

/**
 * mistral_client_set_rate_burst: (set-property rate-burst)
 * @self: a client
 * @rate_burst: how many requests may leave at once, at least 1
 *
 * Sets how many requests may leave at once.
 *
 * Since: 1.0
 */
void
mistral_client_set_rate_burst (MistralClient *self,
                               guint          rate_burst)
{
  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (rate_burst >= 1);

  set_locked_uint (self, &self->rate_burst, rate_burst, PROP_RATE_BURST);
}

/**
 * mistral_client_get_cache: (get-property cache)
 * @self: a client
 *
 * Gets the cache. Another thread that sets the property may drop the
 * cache returned: from another thread, use
 * [method@Mistral.Client.dup_cache].
 *
 * Returns: (transfer none) (nullable): the cache, or %NULL
 *
 * Since: 1.0
 */
MistralCache *
mistral_client_get_cache (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->cache;
}

/**
 * mistral_client_dup_cache:
 * @self: a client
 *
 * Gets a reference to the cache: unlike
 * [method@Mistral.Client.get_cache], safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the cache, or %NULL
 *
 * Since: 1.0
 */
MistralCache *
mistral_client_dup_cache (MistralClient *self)
{
  MistralCache *cache;

  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  g_mutex_lock (&self->lock);
  cache = self->cache != NULL ? g_object_ref (self->cache) : NULL;
  g_mutex_unlock (&self->lock);

  return cache;
}

/**
 * mistral_client_set_cache: (set-property cache)
 * @self: a client
 * @cache: (nullable): a cache, or %NULL to keep nothing
 *
 * Sets where replies are kept, for requests that start after.
 *
 * Since: 1.0
 */
void
mistral_client_set_cache (MistralClient *self,
                          MistralCache  *cache)
{
  g_autoptr(MistralCache) old = NULL;
  gboolean changed;

  g_return_if_fail (MISTRAL_IS_CLIENT (self));
  g_return_if_fail (cache == NULL || MISTRAL_IS_CACHE (cache));

  g_mutex_lock (&self->lock);
  changed = self->cache != cache;
  if (changed)
    {
      /* The old one goes outside the lock: its finalizer may be anything. */
      old = g_steal_pointer (&self->cache);
      self->cache = cache != NULL ? g_object_ref (cache) : NULL;
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/* For the request path, in the I/O thread only. */
MistralRateLimiter *
mistral_client_get_rate_limiter (MistralClient *self)
{
  return &self->limiter;
}

/* For the request path, in the I/O thread only. */
MistralConnectionOpener *
mistral_client_get_connection_opener (MistralClient *self)
{
  return self->opener;
}

/**
 * mistral_client_get_session: (get-property session)
 * @self: a client
 *
 * Gets the session.
 *
 * Returns: (transfer none): the session requests go through
 *
 * Since: 1.0
 */
SoupSession *
mistral_client_get_session (MistralClient *self)
{
  g_return_val_if_fail (MISTRAL_IS_CLIENT (self), NULL);

  return self->session;
}

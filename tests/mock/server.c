// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * server.c: the mock server's life cycle (its thread, listening on
 * 127.0.0.1, the TLS front), the connections it holds, the requests it
 * records, and the dispatch of each request to its endpoint.
 */

#include "mock-server-private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>

typedef struct {
  MockRequest pub;
  gatomicrefcount ref_count;
} MockRequestPrivate;

/* One open client connection, tracked through the message it is serving
 * (each HTTP/1 connection always owns exactly one live message). */
typedef struct {
  MockServer *self;
  GSocket *socket;
  SoupServerMessage *msg;
  GSource *idle_watch;
} ConnEntry;

/* ------------------------------------------------------------------ */
/* Recorded requests                                                  */
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

/* With MISTRAL_MOCK_RECORD set to a file, every request the server gets
 * is appended to it as one JSON line, {"method", "path", "body"} (or
 * "body_text" when the body is not JSON), for the conformance check of
 * tests/conformance/. One write() on an O_APPEND file per line: the
 * servers of tests running at once share the file. */
static void
record_request (MockRequest *req)
{
  const char *file = g_getenv ("MISTRAL_MOCK_RECORD");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;
  int fd;

  if (file == NULL || *file == '\0')
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, req->method);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, req->path);
  if (req->json != NULL)
    {
      json_builder_set_member_name (builder, "body");
      json_builder_add_value (builder, json_node_copy (req->json));
    }
  else if (g_bytes_get_size (req->body) > 0)
    {
      g_autofree char *text = g_utf8_make_valid (g_bytes_get_data (req->body, NULL), g_bytes_get_size (req->body));

      json_builder_set_member_name (builder, "body_text");
      json_builder_add_string_value (builder, text);
      if (mock_request_get_header (req, "Content-Type") != NULL)
        {
          json_builder_set_member_name (builder, "content_type");
          json_builder_add_string_value (builder, mock_request_get_header (req, "Content-Type"));
        }
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  line = g_strconcat (json, "\n", NULL);

  fd = open (file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_warning ("Cannot record requests in %s: %s", file, g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) != (gssize) strlen (line))
    g_warning ("Cannot record a request in %s: %s", file, g_strerror (errno));
  close (fd);
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
/* Connection tracking                                                */
/* ------------------------------------------------------------------ */

static void
conn_entry_free (ConnEntry *entry)
{
  MockServer *self = entry->self;

  mock_clear_source (&entry->idle_watch);
  g_signal_handlers_disconnect_by_data (entry->msg, entry);
  mock_defer_unref (self, entry->msg);
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
  mock_clear_source (&entry->idle_watch);
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
  mock_clear_source (&entry->idle_watch);
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
      mock_clear_source (&entry->idle_watch);
      g_signal_handlers_disconnect_by_data (entry->msg, entry);
      mock_defer_unref (self, entry->msg);
    }
  entry->msg = g_object_ref (msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (conn_disconnected_cb), entry);
  g_signal_connect (msg, "finished", G_CALLBACK (conn_msg_finished_cb), entry);
}

/* ------------------------------------------------------------------ */
/* Request handling                                                   */
/* ------------------------------------------------------------------ */

/* Every endpoint the server answers, area by area: a new API area is a
 * file of its own (see mock-server-private.h) and its line here. */
static const MockEndpoint *const mock_areas[] = {
  mock_chat_endpoints,
  mock_models_endpoints,
  mock_embeddings_endpoints,
  mock_fim_endpoints,
  mock_classifiers_endpoints,
  mock_ocr_endpoints,
  mock_files_endpoints,
  mock_batch_endpoints,
  NULL
};

/* Whether @path is @template, whose segments may be "{name}": any one
 * non-empty segment ("/v1/files/{file_id}/content"). */
static gboolean
path_matches (const char *template,
              const char *path)
{
  while (*template != '\0' && *path != '\0')
    {
      if (*template == '{')
        {
          const char *end = strchr (path, '/');
          gsize length = end != NULL ? (gsize) (end - path) : strlen (path);

          if (length == 0)
            return FALSE;
          template = strchr (template, '}') + 1;
          path += length;
          continue;
        }
      if (*template != *path)
        return FALSE;
      template++;
      path++;
    }
  return *template == '\0' && *path == '\0';
}

/* Returns the endpoint for @method on @path, or NULL; appends to @allow
 * the methods that @path has (none: the path is unknown). */
static const MockEndpoint *
find_endpoint (const char *method,
               const char *path,
               GString    *allow)
{
  const MockEndpoint *found = NULL;

  for (guint i = 0; mock_areas[i] != NULL; i++)
    {
      for (const MockEndpoint *endpoint = mock_areas[i]; endpoint->path != NULL; endpoint++)
        {
          if (!path_matches (endpoint->path, path))
            continue;
          if (allow->len > 0)
            g_string_append (allow, ", ");
          g_string_append (allow, endpoint->method);
          if (g_strcmp0 (endpoint->method, method) == 0)
            found = endpoint;
        }
    }
  return found;
}

static void
serve_request (MockServer        *self,
               SoupServerMessage *msg,
               const char        *path)
{
  MockRequest *request;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  const MockEndpoint *endpoint;
  MockReply *scripted;
  MockReply *error;

  if (g_atomic_int_get (&self->bench_mode) && mock_bench_serve_again (self, msg, path))
    return;

  request = mock_request_new_from_message (msg);
  record_request (request);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  g_mutex_unlock (&self->lock);

  endpoint = find_endpoint (soup_server_message_get_method (msg), path, allow);
  if (allow->len == 0)
    {
      mock_serve_reply (self, msg, mock_error_reply (SOUP_STATUS_NOT_FOUND, "{\"detail\":\"Not Found\"}"));
      return;
    }
  if (endpoint == NULL)
    {
      MockReply *reply = mock_error_reply (SOUP_STATUS_METHOD_NOT_ALLOWED,
                                           "{\"detail\":\"Method Not Allowed\"}");

      mock_reply_add_header (reply, "Allow", allow->str);
      mock_serve_reply (self, msg, reply);
      return;
    }

  g_mutex_lock (&self->lock);
  scripted = g_queue_pop_head (&self->replies);
  g_mutex_unlock (&self->lock);

  if (scripted && !scripted->validate)
    {
      mock_serve_reply (self, msg, scripted);
      return;
    }

  error = mock_check_request (self, msg, endpoint, &root);
  if (error)
    {
      /* The scripted reply was meant for this request: it is used up. */
      mock_reply_free (scripted);
      mock_serve_reply (self, msg, error);
      return;
    }
  if (scripted)
    mock_serve_reply (self, msg, scripted);
  else
    endpoint->serve (self, msg, root != NULL ? json_node_get_object (root) : NULL);
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
  /* Room for a client that opens all its connections at once (256, the
   * library's default max-connections, in the concurrent benchmark): with
   * 128, the rest overflowed the accept queue, and the kernel answered
   * them a second later (SYN-ACK retransmit). The kernel caps this at
   * net.core.somaxconn. */
  g_socket_set_listen_backlog (socket, 4096);
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
    mock_jobs_end_all (self);
  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->conns, g_hash_table_destroy);
  g_clear_pointer (&self->jobs, g_hash_table_destroy);
  mock_bench_clear (&self->bench);
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
  g_free (self->tool_keyword);
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

/* The default streamed replies (not the scripted ones, nor a magic model's)
 * from now on wait @delay_ms between events (0: none): a model that types
 * slowly, for a client that must show the text growing and stop it. */
void
mock_server_set_stream_delay (MockServer *self,
                              guint       delay_ms)
{
  g_atomic_int_set (&self->stream_delay_ms, delay_ms);
}

/* From now on a default reply calls one of the request's tools only when
 * the last message is the user's and its text contains @keyword (ASCII
 * case-insensitively); otherwise it answers with text.  %NULL (the
 * default) calls a tool whenever the request has one. */
void
mock_server_set_tool_keyword (MockServer *self,
                              const char *keyword)
{
  g_mutex_lock (&self->lock);
  g_free (self->tool_keyword);
  self->tool_keyword = g_strdup (keyword);
  g_mutex_unlock (&self->lock);
}

/* Takes ownership of @reply.  Each request to an endpoint (a method and
 * path the server answers, such as POST /v1/chat/completions) pops one
 * reply, first in first out. */
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

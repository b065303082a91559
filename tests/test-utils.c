// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "test-utils.h"
#include "mistral-connection-opener-private.h"

static char *
canonical (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

void
assert_request_json (MistralChatCompletionRequest *request,
                     const char                   *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actual = mistral_chat_completion_request_to_json (request, &error);
  g_autofree char *expected = canonical (expected_json);

  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) a = json_from_string (actual, NULL);
  g_autoptr(JsonNode) b = json_from_string (expected, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  if (!json_node_equal (a, b))
    {
      g_autofree char *a_text = json_to_string (a, FALSE);
      g_autofree char *b_text = json_to_string (b, FALSE);

      g_assert_cmpstr (a_text, ==, b_text);
    }
}

void
count_notify (guint *counter)
{
  (*counter)++;
}

MistralClient *
test_client_new (MockServer *server)
{
  MistralClient *client = mistral_client_new ("test-key");

  mistral_client_set_base_url (client, mock_server_get_url (server));
  return client;
}

MistralClient *
test_client_new_for_session (MockServer  *server,
                             SoupSession *session)
{
  return g_object_new (MISTRAL_TYPE_CLIENT,
                       "api-key", "test-key",
                       "base-url", mock_server_get_url (server),
                       "session", session,
                       NULL);
}

void
test_http_setup (TestHttp      *http,
                 gconstpointer  data)
{
  http->server = mock_server_new ();
  http->client = test_client_new (http->server);
  mistral_client_set_max_retries (http->client, 0);
}

void
test_http_teardown (TestHttp      *http,
                    gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  /* Every ending of every request gave back what the client counts of
   * its connections: otherwise, beyond max-connections, later requests
   * would wait forever for a turn. A call abandoned in libsoup may end
   * a moment after the test. */
  if (http->client != NULL)
    {
      MistralConnectionOpener *opener = mistral_client_get_connection_opener (http->client);

      while (!mistral_connection_opener_is_idle (opener) && g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_assert_true (mistral_connection_opener_is_idle (opener));
    }
  g_clear_object (&http->client);
  g_clear_pointer (&http->server, mock_server_free);
}

MistralChatCompletionRequest *
test_hello_request (const char *text)
{
  MistralChatCompletionRequest *request = mistral_chat_completion_request_new ("mistral-small-latest");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new (text);

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  return request;
}

const char *
test_reply_text (MistralChatCompletionResponse *response)
{
  MistralAssistantMessage *message = mistral_chat_completion_response_get_assistant_message (response);

  /* NULL rather than a critical: the caller's assertion then says which
   * text it expected. */
  return message != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message)) : NULL;
}

const char *
test_delta_text (MistralCompletionChunk *chunk)
{
  MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);

  return delta != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)) : NULL;
}

static void
count_chunk (MistralChatCompletionStream *stream,
             MistralCompletionChunk      *chunk,
             guint                       *n_chunks)
{
  (*n_chunks)++;
}

void
test_count_chunks (MistralChatCompletionStream *stream,
                   guint                       *n_chunks)
{
  *n_chunks = 0;
  g_signal_connect (stream, "chunk", G_CALLBACK (count_chunk), n_chunks);
}

MistralChatCompletionResponse *
test_chat (MistralClient  *client,
           const char     *text,
           gboolean        streamed,
           guint          *n_chunks,
           GError        **error)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request (text);
  g_autoptr(MistralChatCompletionStream) stream = NULL;

  if (!streamed)
    return mistral_client_chat_completion (client, request, NULL, error);

  stream = mistral_client_chat_completion_stream (client, request);
  if (n_chunks != NULL)
    test_count_chunks (stream, n_chunks);
  return mistral_chat_completion_stream_run (stream, NULL, error);
}

void
test_async_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

MistralChatCompletionResponse *
test_chat_async (MistralClient                 *client,
                 MistralChatCompletionRequest  *request,
                 GCancellable                  *cancellable,
                 GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_client_chat_completion_async (client, request, cancellable, test_async_result_cb, &result);
  return mistral_client_chat_completion_finish (client, test_wait_result (&result), error);
}

MistralChatCompletionResponse *
test_stream_run_async (MistralChatCompletionStream  *stream,
                       GCancellable                 *cancellable,
                       GError                      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_chat_completion_stream_run_async (stream, cancellable, test_async_result_cb, &result);
  return mistral_chat_completion_stream_run_finish (stream, test_wait_result (&result), error);
}

gboolean
test_cancel_cb (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

MockReply *
test_reply_body (guint       status,
                 const char *content_type,
                 const char *body)
{
  MockReply *reply = mock_reply_new (status);

  mock_reply_set_body (reply, content_type, body);
  return reply;
}

MockReply *
test_reply_events (const char *first,
                   ...)
{
  MockReply *reply = mock_reply_new_stream ();
  va_list args;

  va_start (args, first);
  for (const char *event = first; event != NULL; event = va_arg (args, const char *))
    mock_reply_add_event (reply, event);
  va_end (args);
  return reply;
}

char *
test_hostile_input (const char *kind,
                    const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "hostile", kind, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  /* The tests hand inputs on as strings: one with a NUL would be cut. */
  g_assert_cmpuint (strlen (contents), ==, length);
  return contents;
}

MistralChatCompletionChoice *
test_choice_at (MistralChatCompletionResponse *response,
                guint                          position)
{
  GListModel *choices = mistral_chat_completion_response_get_choices (response);
  MistralChatCompletionChoice *choice = g_list_model_get_item (choices, position);

  g_assert_true (MISTRAL_IS_CHAT_COMPLETION_CHOICE (choice));
  g_object_unref (choice);
  return choice;
}

MistralCompletionResponseStreamChoice *
test_stream_choice_at (MistralCompletionChunk *chunk,
                       guint                   position)
{
  GListModel *choices = mistral_completion_chunk_get_choices (chunk);
  MistralCompletionResponseStreamChoice *choice = g_list_model_get_item (choices, position);

  g_assert_true (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (choice));
  g_object_unref (choice);
  return choice;
}

MistralToolCall *
test_tool_call_at (MistralAssistantMessage *message,
                   guint                    position)
{
  MistralToolCall *call = g_list_model_get_item (mistral_assistant_message_get_tool_calls (message), position);

  g_assert_true (MISTRAL_IS_TOOL_CALL (call));
  g_object_unref (call);
  return call;
}

MistralContentChunk *
test_content_chunk_at (GListModel *model,
                       guint       position)
{
  MistralContentChunk *chunk = g_list_model_get_item (model, position);

  g_assert_true (MISTRAL_IS_CONTENT_CHUNK (chunk));
  g_object_unref (chunk);
  return chunk;
}

static GMutex log_capture_lock;
static GPtrArray *log_capture_lines;

static GLogWriterOutput
log_capture_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  g_mutex_lock (&log_capture_lock);
  g_ptr_array_add (log_capture_lines, g_strdup_printf ("%s: %s", domain ? domain : "(none)", message ? message : ""));
  g_mutex_unlock (&log_capture_lock);

  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
test_log_capture_install (void)
{
  log_capture_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_capture_writer, NULL, NULL);
}

GPtrArray *
test_log_capture_take (void)
{
  GPtrArray *lines;

  g_mutex_lock (&log_capture_lock);
  lines = log_capture_lines;
  log_capture_lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&log_capture_lock);

  return lines;
}

/* The test resolver: a GResolver that answers 127.0.0.1 for its names and
 * hands every other question to the resolver it replaced. */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
  GResolver *fallback;
  GStrv names;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

/* Returns the loopback address for a name of ours (none when only IPv6 is
 * asked), or NULL for a name to hand on. */
static GList *
test_resolver_answer (TestResolver             *self,
                      const char               *hostname,
                      GResolverNameLookupFlags  flags,
                      gboolean                 *ours)
{
  *ours = g_strv_contains ((const char *const *) self->names, hostname);
  if (!*ours || (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY))
    return NULL;

  return g_list_prepend (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  TestResolver *self = TEST_RESOLVER (resolver);
  gboolean ours;
  GList *addresses = test_resolver_answer (self, hostname, flags, &ours);

  if (!ours)
    return g_resolver_lookup_by_name_with_flags (self->fallback, hostname, flags, cancellable, error);
  if (addresses == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No IPv6 address for %s", hostname);
  return addresses;
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return test_resolver_lookup_by_name_with_flags (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                  cancellable, error);
}

static void
test_resolver_fallback_done (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addresses = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);

  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  TestResolver *self = TEST_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  gboolean ours;
  GList *addresses = test_resolver_answer (self, hostname, flags, &ours);

  if (!ours)
    g_resolver_lookup_by_name_with_flags_async (self->fallback, hostname, flags, cancellable,
                                                test_resolver_fallback_done, g_steal_pointer (&task));
  else if (addresses == NULL)
    g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                             "No IPv6 address for %s", hostname);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_finalize (GObject *object)
{
  TestResolver *self = TEST_RESOLVER (object);

  g_clear_object (&self->fallback);
  g_strfreev (self->names);

  G_OBJECT_CLASS (test_resolver_parent_class)->finalize (object);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_resolver_finalize;
  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

void
test_resolver_install (const char *const *names)
{
  TestResolver *resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);

  resolver->fallback = g_resolver_get_default ();
  resolver->names = g_strdupv ((GStrv) names);
  g_resolver_set_default (G_RESOLVER (resolver));
  g_object_unref (resolver);
}

/* The slow proxy resolver: "direct://" after a delay. */

#define TEST_TYPE_SLOW_PROXY_RESOLVER (test_slow_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowProxyResolver, test_slow_proxy_resolver, TEST, SLOW_PROXY_RESOLVER, GObject)

struct _TestSlowProxyResolver
{
  GObject parent_instance;
  guint delay_ms;
  guint lookups; /* atomic: asked from the library's I/O thread */
};

static void test_slow_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSlowProxyResolver, test_slow_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      test_slow_proxy_resolver_iface_init))

static char **
direct_answer (void)
{
  char **answer = g_new0 (char *, 2);

  answer[0] = g_strdup ("direct://");
  return answer;
}

static char **
test_slow_proxy_resolver_lookup (GProxyResolver  *resolver,
                                 const char      *uri,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  TestSlowProxyResolver *self = TEST_SLOW_PROXY_RESOLVER (resolver);

  g_atomic_int_inc (&self->lookups);
  g_usleep (self->delay_ms * G_TIME_SPAN_MILLISECOND);
  return direct_answer ();
}

static gboolean
slow_proxy_answer (gpointer user_data)
{
  g_task_return_pointer (user_data, direct_answer (), (GDestroyNotify) g_strfreev);
  return G_SOURCE_REMOVE;
}

static void
test_slow_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                       const char          *uri,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TestSlowProxyResolver *self = TEST_SLOW_PROXY_RESOLVER (resolver);
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);
  g_autoptr(GSource) source = g_timeout_source_new (self->delay_ms);

  g_atomic_int_inc (&self->lookups);
  /* In the asking thread's context, as GLib's own resolvers answer. */
  g_source_set_callback (source, slow_proxy_answer, task, g_object_unref);
  g_source_set_static_name (source, "[test] slow proxy answer");
  g_source_attach (source, g_main_context_get_thread_default ());
}

static char **
test_slow_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_slow_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->lookup = test_slow_proxy_resolver_lookup;
  iface->lookup_async = test_slow_proxy_resolver_lookup_async;
  iface->lookup_finish = test_slow_proxy_resolver_lookup_finish;
}

static void
test_slow_proxy_resolver_class_init (TestSlowProxyResolverClass *klass)
{
}

static void
test_slow_proxy_resolver_init (TestSlowProxyResolver *self)
{
}

GProxyResolver *
test_slow_proxy_resolver_new (guint delay_ms)
{
  TestSlowProxyResolver *self = g_object_new (TEST_TYPE_SLOW_PROXY_RESOLVER, NULL);

  self->delay_ms = delay_ms;
  return G_PROXY_RESOLVER (self);
}

guint
test_slow_proxy_resolver_get_lookups (GProxyResolver *resolver)
{
  return (guint) g_atomic_int_get (&TEST_SLOW_PROXY_RESOLVER (resolver)->lookups);
}

gboolean
test_skip_through_front (const char *front,
                         const char *why)
{
  const char *mode = g_getenv ("MISTRAL_TEST_FRONT");
  g_autofree char *message = NULL;

  if (mode == NULL || *mode == '\0' || (front != NULL && strcmp (front, mode) != 0))
    return FALSE;

  message = g_strdup_printf ("through the %s front: %s", mode, why);
  g_test_skip (message);
  return TRUE;
}

static void
adopt_accepted_socket (SoupServer        *server,
                       SoupServerMessage *message,
                       GPtrArray         *adopted)
{
  GSocket *socket = soup_server_message_get_socket (message);

  /* Once per connection, right after accept: the leaked reference and
   * the connection's own. */
  if (socket != NULL && !g_ptr_array_find (adopted, socket, NULL) &&
      soup_get_major_version () == 3 && soup_get_minor_version () < 4 &&
      g_atomic_int_get (&G_OBJECT (socket)->ref_count) == 2)
    g_ptr_array_add (adopted, socket);
}

SoupServer *
test_soup_server_new (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GPtrArray *adopted = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *listeners;

  g_object_set_data_full (G_OBJECT (server), "test-adopted-sockets", adopted, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (server, "request-started", G_CALLBACK (adopt_accepted_socket), adopted);
  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);

  /* Not soup_server_get_uris(): libsoup 3.2 leaks an address in it. */
  listeners = soup_server_get_listeners (server);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_slist_free (listeners);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return server;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
/*
 * TLS as the Mistral API is reached: through a real nginx with a test CA
 * made at test time. A certificate that is not trusted, has expired or
 * names another host fails before any byte of the request is sent, and is
 * never retried; a private CA is trusted through the client's
 * tls-database; plain http:// is refused for any host but this machine
 * unless the application allows it. "Remote" names resolve to 127.0.0.1
 * through the test's own resolver.
 */

#include "test-utils.h"
#include "tls-front.h"

#define REMOTE_NAME "api.mistral.test"

typedef struct {
  MockServer *server;
  TestFront *front;
  GTlsDatabase *ca;
  SoupMessage *last_message;   /* the last message the client's session queued */
  guint n_queued;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *ca_file = test_pki_file ("ca.pem");
  g_autoptr(GError) error = NULL;

  fixture->server = mock_server_new ();
  fixture->ca = g_tls_file_database_new (ca_file, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->last_message);
  g_clear_pointer (&fixture->front, test_front_free);
  g_clear_object (&fixture->ca);
  g_clear_pointer (&fixture->server, mock_server_free);
}

static gboolean
start_front (Fixture           *fixture,
             TestFrontProtocol  protocol,
             const char        *cert_name)
{
  g_autoptr(GError) error = NULL;

  fixture->front = test_front_new (mock_server_get_direct_url (fixture->server), protocol, cert_name, &error);
  if (fixture->front == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  return TRUE;
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   Fixture     *fixture)
{
  /* Emitted in the library's I/O thread; read once the call returned. */
  g_set_object (&fixture->last_message, message);
  fixture->n_queued++;
}

static MistralClient *
client_new (Fixture      *fixture,
            const char   *base_url,
            GTlsDatabase *tls_database)
{
  MistralClient *client = g_object_new (MISTRAL_TYPE_CLIENT,
                                        "api-key", "test-key",
                                        "base-url", base_url,
                                        "tls-database", tls_database,
                                        "max-retries", 3,
                                        "timeout", 10,
                                        NULL);

  g_signal_connect (mistral_client_get_session (client), "request-queued",
                    G_CALLBACK (on_request_queued), fixture);
  return client;
}

/* A private CA: refused with the system's authorities, trusted through
 * tls-database, over HTTP/2 or HTTP/1.1 as the server offers. */
static void
test_private_ca (Fixture       *fixture,
                 gconstpointer  data)
{
  TestFrontProtocol protocol = GPOINTER_TO_UINT (data);
  g_autoptr(MistralClient) system_trust = NULL;
  g_autoptr(MistralClient) client = NULL;

  if (!start_front (fixture, protocol, "server"))
    return;

  system_trust = client_new (fixture, test_front_get_url (fixture->front), NULL);
  g_assert_null (mistral_client_get_tls_database (system_trust));
  for (guint streamed = 0; streamed < 2; streamed++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = test_chat (system_trust, "Hi", streamed, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
      g_assert_nonnull (strstr (error->message, "unknown authority"));
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);

  client = client_new (fixture, test_front_get_url (fixture->front), fixture->ca);
  g_assert_true (mistral_client_get_tls_database (client) == fixture->ca);
  for (guint streamed = 0; streamed < 2; streamed++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = test_chat (client, streamed ? "Streamed" : "Plain", streamed, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (test_reply_text (response), ==, streamed ? "Echo: Streamed" : "Echo: Plain");
      g_assert_cmpint (soup_message_get_http_version (fixture->last_message), ==,
                       protocol == TEST_FRONT_HTTP2 ? SOUP_HTTP_2_0 : SOUP_HTTP_1_1);
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);
}

/* A name other than localhost, resolved to 127.0.0.1 by the test's
 * resolver, in the certificate's names: trusted. */
static void
test_remote_name (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;

  if (!start_front (fixture, TEST_FRONT_HTTP2, "server"))
    return;

  url = g_strdup_printf ("https://" REMOTE_NAME ":%u", test_front_get_port (fixture->front));
  client = client_new (fixture, url, fixture->ca);
  response = test_chat (client, "Remote", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, "Echo: Remote");

  sent = mock_server_get_last_request (fixture->server);
  host = g_strdup_printf (REMOTE_NAME ":%u", test_front_get_port (fixture->front));
  g_assert_cmpstr (mock_request_get_header (sent, "Host"), ==, host);
}

/* Refused before a byte of the request (its API key) is sent, and not
 * retried, with the reason in the message. */
static void
test_bad_certificate (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *cert_name = data;
  g_autoptr(MistralClient) client = NULL;
  const char *reason;

  if (!start_front (fixture, TEST_FRONT_HTTP2, cert_name))
    return;

  if (strcmp (cert_name, "expired") == 0)
    reason = "expired";
  else if (strcmp (cert_name, "wrong-host") == 0)
    reason = "does not match";
  else
    reason = "unknown authority";

  client = client_new (fixture, test_front_get_url (fixture->front), fixture->ca);
  for (guint streamed = 0; streamed < 2; streamed++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      fixture->n_queued = 0;
      response = test_chat (client, "Hi", streamed, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
      g_test_message ("%s: %s", cert_name, error->message);
      g_assert_nonnull (strstr (error->message, reason));
      g_assert_nonnull (strstr (error->message, "localhost"));
      /* Once, and at once: max-retries is 3, and three retries would
       * wait 2.6 s at least (a slow run, under valgrind, takes 0.6 s). */
      g_assert_cmpuint (fixture->n_queued, ==, 1);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_TIME_SPAN_SECOND);
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

/* http:// to a host that is not this machine: refused unless allowed. */
static void
test_plain_http (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MistralClient) client = NULL;
  g_autofree char *url = g_strdup_printf ("http://" REMOTE_NAME ":%u",
                                          mock_server_get_port (fixture->server));
  guint n_notify = 0;

  client = client_new (fixture, url, NULL);
  g_assert_false (mistral_client_get_allow_plain_http (client));
  for (guint streamed = 0; streamed < 2; streamed++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = test_chat (client, "Hi", streamed, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      g_assert_nonnull (strstr (error->message, "clear text"));
      g_assert_nonnull (strstr (error->message, REMOTE_NAME));
      g_assert_nonnull (strstr (error->message, "allow-plain-http"));
      g_assert_null (strstr (error->message, "test-key"));
    }
  /* Nothing left the library. */
  g_assert_cmpuint (fixture->n_queued, ==, 0);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);

  g_signal_connect_swapped (client, "notify::allow-plain-http", G_CALLBACK (count_notify), &n_notify);
  g_object_set (client, "allow-plain-http", TRUE, NULL);
  mistral_client_set_allow_plain_http (client, TRUE);
  g_assert_cmpuint (n_notify, ==, 1);
  for (guint streamed = 0; streamed < 2; streamed++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = test_chat (client, "Allowed", streamed, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (test_reply_text (response), ==, "Echo: Allowed");
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);
}

/* The local machine by any of its names is always allowed. */
static void
test_plain_http_loopback (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *hosts[] = { "127.0.0.1", "localhost", "LocalHost", "api.localhost" };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://%s:%u", hosts[i], mock_server_get_port (fixture->server));
      g_autoptr(MistralClient) client = client_new (fixture, url, NULL);
      g_autoptr(MistralChatCompletionResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      response = test_chat (client, hosts[i], FALSE, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, G_N_ELEMENTS (hosts));
}

int
main (int   argc,
      char *argv[])
{
  const char *remote_names[] = { REMOTE_NAME, "api.localhost", NULL };

  g_test_init (&argc, &argv, NULL);
  /* Before any thread: the mock servers' and the library's. */
  test_resolver_install (remote_names);

  g_test_add ("/tls/private-ca/http2", Fixture, GUINT_TO_POINTER (TEST_FRONT_HTTP2),
              fixture_setup, test_private_ca, fixture_teardown);
  g_test_add ("/tls/private-ca/https1", Fixture, GUINT_TO_POINTER (TEST_FRONT_HTTP1),
              fixture_setup, test_private_ca, fixture_teardown);
  g_test_add ("/tls/remote-name", Fixture, NULL,
              fixture_setup, test_remote_name, fixture_teardown);
  g_test_add ("/tls/bad-certificate/expired", Fixture, "expired",
              fixture_setup, test_bad_certificate, fixture_teardown);
  g_test_add ("/tls/bad-certificate/wrong-host", Fixture, "wrong-host",
              fixture_setup, test_bad_certificate, fixture_teardown);
  g_test_add ("/tls/bad-certificate/untrusted", Fixture, "untrusted",
              fixture_setup, test_bad_certificate, fixture_teardown);
  g_test_add ("/tls/plain-http/refused", Fixture, NULL,
              fixture_setup, test_plain_http, fixture_teardown);
  g_test_add ("/tls/plain-http/loopback", Fixture, NULL,
              fixture_setup, test_plain_http_loopback, fixture_teardown);

  return g_test_run ();
}

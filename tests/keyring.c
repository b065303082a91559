// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* API keys in the keyring (app/mistral-secret.c), against a real Secret
 * Service: tests/keyring-session.sh runs this program in a private D-Bus
 * session with its own gnome-keyring-daemon, unlocked, its HOME and XDG
 * directories in a temporary directory, so the user's keyring is never
 * touched. Without that session (DBUS_SESSION_BUS_ADDRESS unset, or
 * MISTRAL_TEST_KEYRING unset) every test is skipped.
 *
 * Store, look up, overwrite, clear, two base URLs kept apart, a client
 * made from the keyring sending its key (the local server checks it),
 * cancellation; nothing of a key logged; and mistral-chat taking its key
 * from the keyring when MISTRAL_API_KEY is not set. */

#include <libsecret/secret.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

#define KEY_A "sk-keyring-AAAA-0123456789"
#define KEY_B "sk-keyring-BBBB-9876543210"
#define URL_A "https://api.example.com"
#define URL_B "http://127.0.0.1:8080/compat"

/* The library's schema, as a keyring application sees it. */
static const SecretSchema test_schema = {
  "org.gnome.mistral-glib.ApiKey", SECRET_SCHEMA_NONE,
  { { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static gboolean
keyring_available (void)
{
  if (g_getenv ("MISTRAL_TEST_KEYRING") == NULL)
    {
      g_test_skip ("not in a private keyring session (run through tests/keyring-session.sh)");
      return FALSE;
    }
  return TRUE;
}

/* Blocking helpers on the async calls, through the global main context. */

static gboolean
store (const char  *base_url,
       const char  *api_key,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_secret_store_api_key_async (base_url, api_key, NULL, test_async_result_cb, &result);
  return mistral_secret_store_api_key_finish (test_wait_result (&result), error);
}

static char *
lookup (const char  *base_url,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_secret_lookup_api_key_async (base_url, NULL, test_async_result_cb, &result);
  return mistral_secret_lookup_api_key_finish (test_wait_result (&result), error);
}

static gboolean
clear (const char  *base_url,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_secret_clear_api_key_async (base_url, NULL, test_async_result_cb, &result);
  return mistral_secret_clear_api_key_finish (test_wait_result (&result), error);
}

static void
assert_lookup (const char *base_url,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = lookup (base_url, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
}

/* The items of the schema the Secret Service holds: one per base URL. */
static guint
count_items (void)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL, NULL, &error, NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
clear_all (void)
{
  g_autoptr(GError) error = NULL;

  /* Every item of the schema. */
  secret_password_clear_sync (&test_schema, NULL, &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 0);
}

static void
test_store_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  assert_lookup (URL_A, NULL);
  g_assert_true (store (URL_A, KEY_A, &error));
  g_assert_no_error (error);
  assert_lookup (URL_A, KEY_A);
  g_assert_cmpuint (count_items (), ==, 1);

  /* The blocking twins see the same item. */
  key = mistral_secret_lookup_api_key (URL_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY_A);

  /* Another spelling of the same URL. */
  assert_lookup ("HTTPS://API.Example.com:443/", KEY_A);
  assert_lookup ("https://api.example.com/v1", NULL);

  /* The label shown in keyring applications names the URL, not the key. */
  {
    GList *items = secret_password_search_sync (&test_schema, SECRET_SEARCH_ALL, NULL, &error,
                                                "base-url", URL_A, NULL);

    g_autofree char *label = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_length (items), ==, 1);
    label = secret_retrievable_get_label (items->data);
    g_assert_cmpstr (label, ==, "Mistral API key (" URL_A ")");
    g_list_free_full (items, g_object_unref);
  }
}

static void
test_overwrite (void)
{
  g_autoptr(GError) error = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  g_assert_true (store (URL_A, KEY_A, &error));
  g_assert_true (mistral_secret_store_api_key (URL_A "/", KEY_B, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (URL_A, KEY_B);
  g_assert_cmpuint (count_items (), ==, 1);
}

static void
test_clear (void)
{
  g_autoptr(GError) error = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  g_assert_true (store (URL_A, KEY_A, &error));
  g_assert_true (clear (URL_A, &error));
  g_assert_no_error (error);
  assert_lookup (URL_A, NULL);
  g_assert_cmpuint (count_items (), ==, 0);

  /* Nothing left to clear: FALSE, and no error. */
  g_assert_false (clear (URL_A, &error));
  g_assert_no_error (error);
  g_assert_false (mistral_secret_clear_api_key (URL_A, NULL, &error));
  g_assert_no_error (error);
}

static void
test_two_urls (void)
{
  g_autoptr(GError) error = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  g_assert_true (store (URL_A, KEY_A, &error));
  g_assert_true (store (URL_B, KEY_B, &error));
  g_assert_no_error (error);
  assert_lookup (URL_A, KEY_A);
  assert_lookup (URL_B, KEY_B);
  g_assert_cmpuint (count_items (), ==, 2);

  g_assert_true (clear (URL_B, &error));
  assert_lookup (URL_A, KEY_A);
  assert_lookup (URL_B, NULL);

  /* NULL is the default base URL, apart from both. */
  assert_lookup (NULL, NULL);
  g_assert_true (store (NULL, KEY_B, &error));
  assert_lookup (MISTRAL_DEFAULT_BASE_URL, KEY_B);
  assert_lookup (URL_A, KEY_A);
  g_assert_true (clear (NULL, &error));
  g_assert_no_error (error);
}

/* @error is MISTRAL_ERROR_INVALID_REQUEST with @expected; cleared. */
static void
assert_invalid (GError     **error,
                const char  *expected)
{
  g_assert_error (*error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr ((*error)->message, ==, expected);
  g_clear_error (error);
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  g_assert_false (store (URL_A, "", &error));
  assert_invalid (&error, "The API key to store for " URL_A " is empty");
  g_assert_false (store ("ftp://example.com", KEY_A, &error));
  assert_invalid (&error, "Invalid base URL “ftp://example.com”: expected http(s)://HOST[:PORT][/PATH]");
  g_assert_false (clear ("https://example.com/?q=1", &error));
  assert_invalid (&error, "Invalid base URL “https://example.com/?q=1”: expected http(s)://HOST[:PORT][/PATH]");
  /* Credentials in a URL never show in the message. */
  g_assert_false (mistral_secret_store_api_key ("https://user:" KEY_A "@example.com", KEY_A, NULL, &error));
  assert_invalid (&error, "Invalid base URL “https://example.com/”: expected http(s)://HOST[:PORT][/PATH]");

  key = lookup ("not a URL", &error);
  g_assert_null (key);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_true (g_str_has_prefix (error->message, "Invalid base URL “not a URL”: "));
  g_assert_cmpuint (count_items (), ==, 0);
}

/* The client ------------------------------------------------------------ */

static MistralClient *
client_from_keyring (const char  *base_url,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_client_new_from_keyring_async (base_url, NULL, test_async_result_cb, &result);
  return mistral_client_new_from_keyring_finish (test_wait_result (&result), error);
}

static void
test_client (void)
{
  MockServer *server;
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(MistralClient) sync_client = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(MockRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) logs = NULL;
  const char *url;

  if (!keyring_available ())
    return;
  clear_all ();

  server = mock_server_new ();
  url = mock_server_get_url (server);
  /* The server refuses any other key. */
  mock_server_set_api_key (server, KEY_A);
  g_assert_true (store (url, KEY_A, &error));
  g_assert_true (store (URL_B, KEY_B, &error));
  g_ptr_array_unref (test_log_capture_take ());

  client = client_from_keyring (url, &error);
  g_assert_no_error (error);
  g_assert_true (MISTRAL_IS_CLIENT (client));
  g_assert_cmpstr (mistral_client_get_base_url (client), ==, url);
  g_assert_cmpstr (mistral_client_get_api_key (client), ==, KEY_A);

  response = test_chat (client, "Hi", FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (test_reply_text (response), ==, "Echo: Hi");
  request = mock_server_get_last_request (server);
  g_assert_cmpstr (mock_request_get_header (request, "Authorization"), ==, "Bearer " KEY_A);

  sync_client = mistral_client_new_from_keyring (url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_client_get_api_key (sync_client), ==, KEY_A);

  /* MISTRAL_DEBUG=body (set in main) logged every exchange: no key in it. */
  logs = test_log_capture_take ();
  g_assert_cmpuint (logs->len, >, 0);
  for (guint i = 0; i < logs->len; i++)
    {
      g_assert_null (strstr (logs->pdata[i], KEY_A));
      g_assert_null (strstr (logs->pdata[i], KEY_B));
    }

  g_clear_object (&client);
  g_clear_object (&sync_client);
  mock_server_free (server);
  clear_all ();
}

static void
test_client_no_key (void)
{
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!keyring_available ())
    return;
  clear_all ();

  client = client_from_keyring (URL_A, &error);
  g_assert_null (client);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "No API key for " URL_A " is stored in the keyring");
  g_clear_error (&error);

  client = mistral_client_new_from_keyring (NULL, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "No API key for " MISTRAL_DEFAULT_BASE_URL " is stored in the keyring");
}

/* Cancellation ---------------------------------------------------------- */

static void
assert_cancelled (GAsyncResult **result,
                  int            which)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *done = test_wait_result (result);

  switch (which)
    {
    case 0:
      g_assert_false (mistral_secret_store_api_key_finish (done, &error));
      break;
    case 1:
      g_assert_null (mistral_secret_lookup_api_key_finish (done, &error));
      break;
    case 2:
      g_assert_false (mistral_secret_clear_api_key_finish (done, &error));
      break;
    default:
      g_assert_null (mistral_client_new_from_keyring_finish (done, &error));
      break;
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
start (int           which,
       GCancellable *cancellable,
       GAsyncResult **result)
{
  switch (which)
    {
    case 0:
      mistral_secret_store_api_key_async (URL_B, KEY_B, cancellable, test_async_result_cb, result);
      break;
    case 1:
      mistral_secret_lookup_api_key_async (URL_A, cancellable, test_async_result_cb, result);
      break;
    case 2:
      mistral_secret_clear_api_key_async (URL_A, cancellable, test_async_result_cb, result);
      break;
    default:
      mistral_client_new_from_keyring_async (URL_A, cancellable, test_async_result_cb, result);
      break;
    }
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;

  if (!keyring_available ())
    return;
  clear_all ();
  g_assert_true (store (URL_A, KEY_A, &error));

  for (int which = 0; which < 4; which++)
    {
      g_autoptr(GCancellable) before = g_cancellable_new ();
      g_autoptr(GCancellable) during = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;

      /* Cancelled before the call, and right after it started (the D-Bus
       * call in flight). */
      g_cancellable_cancel (before);
      start (which, before, &result);
      assert_cancelled (&result, which);
      g_clear_object (&result);

      start (which, during, &result);
      g_cancellable_cancel (during);
      assert_cancelled (&result, which);
    }

  /* Nothing stored for URL_B, the key of URL_A kept. */
  assert_lookup (URL_B, NULL);
  assert_lookup (URL_A, KEY_A);
  clear_all ();
}

/* mistral-chat ---------------------------------------------------------- */

/* mistral-chat with MISTRAL_API_KEY unset takes the key stored for its
 * base URL; without one it warns and the server refuses it. */
static void
test_mistral_chat (void)
{
  const char *program = g_getenv ("MISTRAL_CHAT");
  MockServer *server;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!keyring_available ())
    return;
  if (program == NULL)
    {
      g_test_skip ("MISTRAL_CHAT is not set");
      return;
    }
  clear_all ();

  server = mock_server_new ();
  mock_server_set_api_key (server, KEY_A);
  g_assert_true (store (mock_server_get_url (server), KEY_A, &error));

  {
    const char *argv[] = { program, "--no-stream", "--base-url", mock_server_get_url (server), "Hi", NULL };
    g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "MISTRAL_API_KEY");

    envp = g_environ_unsetenv (envp, "MISTRAL_DEBUG");
    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpstr (out, ==, "Echo: Hi\n");
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* No key stored: the warning, then the server's refusal. */
    clear_all ();
    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==, "");
    g_assert_true (g_str_has_prefix (err, "mistral-chat: MISTRAL_API_KEY is not set and no key is stored"));
    g_assert_nonnull (strstr (err, "401"));
  }

  mock_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  /* Every client logs its exchanges, bodies included (read when its
   * session is made; set before any thread starts). */
  g_setenv ("MISTRAL_DEBUG", "body", TRUE);
  test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyring/store-lookup", test_store_lookup);
  g_test_add_func ("/keyring/overwrite", test_overwrite);
  g_test_add_func ("/keyring/clear", test_clear);
  g_test_add_func ("/keyring/two-urls", test_two_urls);
  g_test_add_func ("/keyring/invalid", test_invalid);
  g_test_add_func ("/keyring/client", test_client);
  g_test_add_func ("/keyring/client-no-key", test_client_no_key);
  g_test_add_func ("/keyring/cancel", test_cancel);
  g_test_add_func ("/keyring/mistral-chat", test_mistral_chat);

  return g_test_run ();
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* API keys in the user's keyring, through libsecret: the Secret Service
 * on the desktop (GNOME Keyring, KWallet) and the Secret portal inside
 * Flatpak. One item per base URL, so a key for a local or compatible
 * server never goes to another one.
 *
 * A key is only ever handed to libsecret or returned to the caller: it is
 * never logged, never put in an error message, and the copies made here
 * are wiped when freed. */

#include <string.h>

#include <libsecret/secret.h>

#include "mistral-secret.h"
#include "mistral-error.h"

/* The schema of the keyring items, and their one attribute. */
static const SecretSchema *
keyring_get_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.mistral-glib.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The base URL as the keyring knows it: a key stored for one spelling of a
 * URL is found from another spelling of it. */
static char *
keyring_normalize_base_url (const char  *base_url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  int port;

  if (base_url == NULL)
    base_url = MISTRAL_DEFAULT_BASE_URL;

  uri = g_uri_parse (base_url, G_URI_FLAGS_SCHEME_NORMALIZE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "Invalid base URL “%s”: %s", base_url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      /* Credentials in the URL stay out of the message. */
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "Invalid base URL “%s”: expected http(s)://HOST[:PORT][/PATH]", shown);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  /* With SCHEME_NORMALIZE, GLib gives the scheme's default port even when
   * the URL has none: the default is left out. */
  port = g_uri_get_port (uri);
  if ((port == 443 && g_ascii_strcasecmp (scheme, "https") == 0)
      || (port == 80 && g_ascii_strcasecmp (scheme, "http") == 0))
    port = -1;

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, path, NULL, NULL);
}

/* An error of libsecret or D-Bus, in the library's domain; cancellation
 * stays G_IO_ERROR_CANCELLED. */
static GError *
keyring_wrap_error (GError     *error,
                   const char *what)
{
  GError *wrapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  wrapped = g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED, "Could not %s in the keyring: %s",
                         what, error->message);
  g_error_free (error);
  return wrapped;
}

static void
keyring_wipe_free (gpointer key)
{
  if (key != NULL)
    {
      memset (key, 0, strlen (key));
      g_free (key);
    }
}

/* libsecret's copy may live in its own secure memory: ours is a plain
 * string the caller frees with g_free(). */
static char *
keyring_take_password (char *password)
{
  char *key = g_strdup (password);

  secret_password_free (password);
  return key;
}

static char *
keyring_label (const char *url)
{
  return g_strdup_printf ("Mistral API key (%s)", url);
}

/* Store ------------------------------------------------------------------ */

static void
keyring_store_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_wrap_error (error, "store the API key"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mistral_secret_store_api_key_async:
 * @base_url: (nullable): the base URL of the API the key is for, or %NULL
 *   for %MISTRAL_DEFAULT_BASE_URL
 * @api_key: the API key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the key is stored
 * @user_data: data for @callback
 *
 * Stores @api_key in the user's default keyring, for @base_url, replacing
 * any key stored for it before.
 *
 * The item is labelled “Mistral API key (URL)” in keyring applications
 * (Seahorse) and is found again by its base URL, normalised: the scheme
 * and host in lower case, no default port, no trailing slash. So
 * `https://API.mistral.ai:443/` and `https://api.mistral.ai` are one key,
 * and `http://127.0.0.1:8080` another.
 *
 * Inside Flatpak, libsecret stores it through the Secret portal.
 *
 * Since: 1.0
 */
void
mistral_secret_store_api_key_async (const char          *base_url,
                                    const char          *api_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  g_return_if_fail (api_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_secret_store_api_key_async);

  url = keyring_normalize_base_url (base_url, &error);
  if (url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (*api_key == '\0')
    {
      g_task_return_new_error (task, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                               "The API key to store for %s is empty", url);
      return;
    }

  /* libsecret joins a later call to a connection still being made for a
   * call cancelled before it started, and fails that one too. */
  if (g_task_return_error_if_cancelled (task))
    return;

  label = keyring_label (url);
  secret_password_store (keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                         cancellable, keyring_store_done, g_steal_pointer (&task),
                         "base-url", url,
                         NULL);
}

/**
 * mistral_secret_store_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@Mistral.secret_store_api_key_async].
 *
 * An invalid base URL or an empty key fails with
 * %MISTRAL_ERROR_INVALID_REQUEST, a keyring that cannot be reached or
 * unlocked with %MISTRAL_ERROR_FAILED.
 *
 * Returns: %TRUE if the key is stored
 *
 * Since: 1.0
 */
gboolean
mistral_secret_store_api_key_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_secret_store_api_key_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mistral_secret_store_api_key:
 * @base_url: (nullable): the base URL of the API the key is for, or %NULL
 *   for %MISTRAL_DEFAULT_BASE_URL
 * @api_key: the API key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores @api_key for @base_url, blocking: see
 * [func@Mistral.secret_store_api_key_async].
 *
 * Returns: %TRUE if the key is stored
 *
 * Since: 1.0
 */
gboolean
mistral_secret_store_api_key (const char    *base_url,
                              const char    *api_key,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (api_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  url = keyring_normalize_base_url (base_url, error);
  if (url == NULL)
    return FALSE;
  if (*api_key == '\0')
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "The API key to store for %s is empty", url);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  label = keyring_label (url);
  if (!secret_password_store_sync (keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key,
                                   cancellable, &local_error,
                                   "base-url", url,
                                   NULL))
    {
      g_propagate_error (error, keyring_wrap_error (local_error, "store the API key"));
      return FALSE;
    }
  return TRUE;
}

/* Lookup ----------------------------------------------------------------- */

static void
keyring_lookup_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_wrap_error (error, "look the API key up"));
  else
    g_task_return_pointer (task, password != NULL ? keyring_take_password (password) : NULL,
                           keyring_wipe_free);
}

/**
 * mistral_secret_lookup_api_key_async:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the key
 * @user_data: data for @callback
 *
 * Looks up the API key stored for @base_url (normalised as
 * [func@Mistral.secret_store_api_key_async] says), unlocking the keyring
 * if it must (the desktop may ask the user for their password).
 *
 * Since: 1.0
 */
void
mistral_secret_lookup_api_key_async (const char          *base_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_secret_lookup_api_key_async);

  url = keyring_normalize_base_url (base_url, &error);
  if (url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  secret_password_lookup (keyring_get_schema (), cancellable, keyring_lookup_done, g_steal_pointer (&task),
                          "base-url", url,
                          NULL);
}

/**
 * mistral_secret_lookup_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@Mistral.secret_lookup_api_key_async].
 *
 * No key stored for the base URL is not an error: this returns %NULL and
 * leaves @error unset. An invalid base URL fails with
 * %MISTRAL_ERROR_INVALID_REQUEST, a keyring that cannot be reached or
 * unlocked with %MISTRAL_ERROR_FAILED.
 *
 * Returns: (transfer full) (nullable): the API key, or %NULL if none is
 *   stored or on error
 *
 * Since: 1.0
 */
char *
mistral_secret_lookup_api_key_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_secret_lookup_api_key_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_secret_lookup_api_key:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Looks up the API key stored for @base_url, blocking: see
 * [func@Mistral.secret_lookup_api_key_async] and
 * [func@Mistral.secret_lookup_api_key_finish].
 *
 * Returns: (transfer full) (nullable): the API key, or %NULL if none is
 *   stored or on error
 *
 * Since: 1.0
 */
char *
mistral_secret_lookup_api_key (const char    *base_url,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *url = NULL;
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = keyring_normalize_base_url (base_url, error);
  if (url == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  password = secret_password_lookup_sync (keyring_get_schema (), cancellable, &local_error,
                                          "base-url", url,
                                          NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, keyring_wrap_error (local_error, "look the API key up"));
      return NULL;
    }
  return password != NULL ? keyring_take_password (password) : NULL;
}

/* Clear ------------------------------------------------------------------ */

static void
keyring_clear_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_wrap_error (error, "remove the API key"));
  else
    g_task_return_boolean (task, removed);
}

/**
 * mistral_secret_clear_api_key_async:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the key is removed
 * @user_data: data for @callback
 *
 * Removes the API key stored for @base_url from the keyring.
 *
 * Since: 1.0
 */
void
mistral_secret_clear_api_key_async (const char          *base_url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_secret_clear_api_key_async);

  url = keyring_normalize_base_url (base_url, &error);
  if (url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  secret_password_clear (keyring_get_schema (), cancellable, keyring_clear_done, g_steal_pointer (&task),
                         "base-url", url,
                         NULL);
}

/**
 * mistral_secret_clear_api_key_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@Mistral.secret_clear_api_key_async].
 *
 * Returns: %TRUE if a key was removed; %FALSE if none was stored (@error
 *   unset) or on error
 *
 * Since: 1.0
 */
gboolean
mistral_secret_clear_api_key_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_secret_clear_api_key_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mistral_secret_clear_api_key:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the API key stored for @base_url, blocking: see
 * [func@Mistral.secret_clear_api_key_async].
 *
 * Returns: %TRUE if a key was removed; %FALSE if none was stored (@error
 *   unset) or on error
 *
 * Since: 1.0
 */
gboolean
mistral_secret_clear_api_key (const char    *base_url,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *url = NULL;
  GError *local_error = NULL;
  gboolean removed;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  url = keyring_normalize_base_url (base_url, error);
  if (url == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  removed = secret_password_clear_sync (keyring_get_schema (), cancellable, &local_error,
                                        "base-url", url,
                                        NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, keyring_wrap_error (local_error, "remove the API key"));
      return FALSE;
    }
  return removed;
}

/* A client from the keyring ---------------------------------------------- */

/* No key stored: UNAUTHORIZED, as the API would answer without one, so an
 * app handles both by asking its user for a key. */
static MistralClient *
keyring_client_new (const char  *base_url,
                   char        *api_key,
                   GError     **error)
{
  MistralClient *client;

  if (api_key == NULL)
    {
      g_autofree char *url = keyring_normalize_base_url (base_url, NULL);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_UNAUTHORIZED,
                   "No API key for %s is stored in the keyring", url);
      return NULL;
    }

  client = g_object_new (MISTRAL_TYPE_CLIENT,
                         "api-key", api_key,
                         "base-url", base_url,
                         NULL);
  keyring_wipe_free (api_key);
  return client;
}

static void
keyring_client_lookup_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *api_key;
  MistralClient *client;

  api_key = mistral_secret_lookup_api_key_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  client = keyring_client_new (g_task_get_task_data (task), api_key, &error);
  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, client, g_object_unref);
}

/**
 * mistral_client_new_from_keyring_async:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the client
 * @user_data: data for @callback
 *
 * Creates a client for @base_url with the API key stored for it in the
 * keyring by [func@Mistral.secret_store_api_key_async].
 *
 * ```python
 * def on_client(_source, result):
 *     try:
 *         client = Mistral.Client.new_from_keyring_finish(result)
 *     except GLib.Error as error:   # no key stored: ask the user for one
 *         ...
 *
 * Mistral.Client.new_from_keyring_async(None, None, on_client)
 * ```
 *
 * Since: 1.0
 */
void
mistral_client_new_from_keyring_async (const char          *base_url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mistral_client_new_from_keyring_async);
  g_task_set_task_data (task, g_strdup (base_url), g_free);

  mistral_secret_lookup_api_key_async (base_url, cancellable, keyring_client_lookup_done, task);
}

/**
 * mistral_client_new_from_keyring_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@Mistral.Client.new_from_keyring_async].
 *
 * No key stored for the base URL fails with %MISTRAL_ERROR_UNAUTHORIZED,
 * as a request without a key would; a keyring that cannot be reached
 * fails with %MISTRAL_ERROR_FAILED.
 *
 * Returns: (transfer full): a new client, or %NULL on error
 *
 * Since: 1.0
 */
MistralClient *
mistral_client_new_from_keyring_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mistral_client_new_from_keyring_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mistral_client_new_from_keyring:
 * @base_url: (nullable): the base URL of the API, or %NULL for
 *   %MISTRAL_DEFAULT_BASE_URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates a client for @base_url with the API key stored for it in the
 * keyring, blocking: see [func@Mistral.Client.new_from_keyring_async].
 *
 * Returns: (transfer full): a new client, or %NULL on error
 *
 * Since: 1.0
 */
MistralClient *
mistral_client_new_from_keyring (const char    *base_url,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  GError *local_error = NULL;
  char *api_key;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  api_key = mistral_secret_lookup_api_key (base_url, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return keyring_client_new (base_url, api_key, error);
}

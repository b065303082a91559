// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

MISTRAL_AVAILABLE_IN_1_0
void           mistral_secret_store_api_key_async   (const char           *base_url,
                                                     const char           *api_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean       mistral_secret_store_api_key_finish  (GAsyncResult         *result,
                                                     GError              **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean       mistral_secret_store_api_key         (const char           *base_url,
                                                     const char           *api_key,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void           mistral_secret_lookup_api_key_async  (const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
char          *mistral_secret_lookup_api_key_finish (GAsyncResult         *result,
                                                     GError              **error);
MISTRAL_AVAILABLE_IN_1_0
char          *mistral_secret_lookup_api_key        (const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void           mistral_secret_clear_api_key_async   (const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean       mistral_secret_clear_api_key_finish  (GAsyncResult         *result,
                                                     GError              **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean       mistral_secret_clear_api_key         (const char           *base_url,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_new_from_keyring_async  (const char           *base_url,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralClient *mistral_client_new_from_keyring_finish (GAsyncResult         *result,
                                                       GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralClient *mistral_client_new_from_keyring        (const char           *base_url,
                                                       GCancellable         *cancellable,
                                                       GError              **error);

G_END_DECLS

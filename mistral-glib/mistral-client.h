// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "mistral-cache.h"
#include "mistral-chat-completion-request.h"
#include "mistral-chat-completion-response.h"
#include "mistral-chat-completion-stream.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_DEFAULT_BASE_URL:
 *
 * The default value of [property@Mistral.Client:base-url].
 *
 * Since: 1.0
 */
#define MISTRAL_DEFAULT_BASE_URL "https://api.mistral.ai"

#define MISTRAL_TYPE_CLIENT (mistral_client_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralClient, mistral_client, MISTRAL, CLIENT, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralClient *mistral_client_new                  (const char    *api_key);
MISTRAL_AVAILABLE_IN_1_0
MistralClient *mistral_client_new_from_environment (void);

MISTRAL_AVAILABLE_IN_1_0
const char    *mistral_client_get_api_key     (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
char          *mistral_client_dup_api_key (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_api_key     (MistralClient *self,
                                               const char    *api_key);
MISTRAL_AVAILABLE_IN_1_0
const char    *mistral_client_get_base_url    (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
char          *mistral_client_dup_base_url (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_base_url    (MistralClient *self,
                                               const char    *base_url);
MISTRAL_AVAILABLE_IN_1_0
guint          mistral_client_get_timeout     (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_timeout     (MistralClient *self,
                                               guint          timeout);
MISTRAL_AVAILABLE_IN_1_0
guint          mistral_client_get_max_retries (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_max_retries (MistralClient *self,
                                               guint          max_retries);
MISTRAL_AVAILABLE_IN_1_0
const char    *mistral_client_get_user_agent  (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
char          *mistral_client_dup_user_agent (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_user_agent  (MistralClient *self,
                                               const char    *user_agent);
MISTRAL_AVAILABLE_IN_1_0
double         mistral_client_get_rate_limit  (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_rate_limit  (MistralClient *self,
                                               double         rate_limit);
MISTRAL_AVAILABLE_IN_1_0
guint          mistral_client_get_rate_burst  (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_rate_burst  (MistralClient *self,
                                               guint          rate_burst);

MISTRAL_AVAILABLE_IN_1_0
MistralCache  *mistral_client_get_cache       (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
MistralCache  *mistral_client_dup_cache       (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_cache       (MistralClient *self,
                                               MistralCache  *cache);

MISTRAL_AVAILABLE_IN_1_0
SoupSession   *mistral_client_get_session     (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
GTlsDatabase  *mistral_client_get_tls_database (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
guint          mistral_client_get_max_connections (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean       mistral_client_get_allow_plain_http (MistralClient *self);
MISTRAL_AVAILABLE_IN_1_0
void           mistral_client_set_allow_plain_http (MistralClient *self,
                                                    gboolean       allow);

MISTRAL_AVAILABLE_IN_1_0
void                           mistral_client_chat_completion_async  (MistralClient                 *self,
                                                                      MistralChatCompletionRequest  *request,
                                                                      GCancellable                  *cancellable,
                                                                      GAsyncReadyCallback            callback,
                                                                      gpointer                       user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_client_chat_completion_finish (MistralClient                 *self,
                                                                      GAsyncResult                  *result,
                                                                      GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_client_chat_completion        (MistralClient                 *self,
                                                                      MistralChatCompletionRequest  *request,
                                                                      GCancellable                  *cancellable,
                                                                      GError                       **error);

MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionStream   *mistral_client_chat_completion_stream (MistralClient                 *self,
                                                                      MistralChatCompletionRequest  *request);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-model-capabilities.h"
#include "mistral-model-card.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/* The client's methods of the Models area (mistral-client-models.c). */

MISTRAL_AVAILABLE_IN_1_0
void              mistral_client_list_models_async    (MistralClient             *self,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_list_models_finish   (MistralClient             *self,
                                                       GAsyncResult              *result,
                                                       GError                   **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_list_models          (MistralClient             *self,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

MISTRAL_AVAILABLE_IN_1_0
void              mistral_client_list_models_full_async  (MistralClient             *self,
                                                          const char                *provider,
                                                          const char                *model,
                                                          GCancellable              *cancellable,
                                                          GAsyncReadyCallback        callback,
                                                          gpointer                   user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_list_models_full_finish (MistralClient             *self,
                                                          GAsyncResult              *result,
                                                          GError                   **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_list_models_full        (MistralClient             *self,
                                                          const char                *provider,
                                                          const char                *model,
                                                          GCancellable              *cancellable,
                                                          GError                   **error);

MISTRAL_AVAILABLE_IN_1_0
void              mistral_client_search_models_async  (MistralClient             *self,
                                                       MistralModelCapabilities   capabilities,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_search_models_finish (MistralClient             *self,
                                                       GAsyncResult              *result,
                                                       GError                   **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel       *mistral_client_search_models        (MistralClient             *self,
                                                       MistralModelCapabilities   capabilities,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

MISTRAL_AVAILABLE_IN_1_0
void              mistral_client_get_model_async      (MistralClient             *self,
                                                       const char                *model_id,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralModelCard *mistral_client_get_model_finish     (MistralClient             *self,
                                                       GAsyncResult              *result,
                                                       GError                   **error);
MISTRAL_AVAILABLE_IN_1_0
MistralModelCard *mistral_client_get_model            (MistralClient             *self,
                                                       const char                *model_id,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

MISTRAL_AVAILABLE_IN_1_0
void              mistral_client_delete_model_async   (MistralClient             *self,
                                                       const char                *model_id,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean          mistral_client_delete_model_finish  (MistralClient             *self,
                                                       GAsyncResult              *result,
                                                       GError                   **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean          mistral_client_delete_model         (MistralClient             *self,
                                                       const char                *model_id,
                                                       GCancellable              *cancellable,
                                                       GError                   **error);

G_END_DECLS

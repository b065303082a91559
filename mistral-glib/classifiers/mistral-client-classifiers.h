// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-moderation-response.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

MISTRAL_AVAILABLE_IN_1_0
void                       mistral_client_moderate_async  (MistralClient        *self,
                                       const char           *model,
                                       const char * const * inputs,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_moderate_finish (MistralClient        *self,
                                       GAsyncResult         *result,
                                       GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_moderate        (MistralClient        *self,
                                       const char           *model,
                                       const char * const * inputs,
                                       GCancellable         *cancellable,
                                       GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void                       mistral_client_moderate_chat_async  (MistralClient        *self,
                                       const char           *model,
                                       GListModel *         messages,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_moderate_chat_finish (MistralClient        *self,
                                       GAsyncResult         *result,
                                       GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_moderate_chat        (MistralClient        *self,
                                       const char           *model,
                                       GListModel *         messages,
                                       GCancellable         *cancellable,
                                       GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void                       mistral_client_classify_async  (MistralClient        *self,
                                       const char           *model,
                                       const char * const * inputs,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_classify_finish (MistralClient        *self,
                                       GAsyncResult         *result,
                                       GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_classify        (MistralClient        *self,
                                       const char           *model,
                                       const char * const * inputs,
                                       GCancellable         *cancellable,
                                       GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void                       mistral_client_classify_chat_async  (MistralClient        *self,
                                       const char           *model,
                                       GListModel *         messages,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_classify_chat_finish (MistralClient        *self,
                                       GAsyncResult         *result,
                                       GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralModerationResponse *mistral_client_classify_chat        (MistralClient        *self,
                                       const char           *model,
                                       GListModel *         messages,
                                       GCancellable         *cancellable,
                                       GError              **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-chat-completion-response.h"
#include "mistral-chat-completion-stream.h"
#include "mistral-client.h"
#include "mistral-fim-completion-request.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

MISTRAL_AVAILABLE_IN_1_0
void                           mistral_client_fim_completion_async  (MistralClient                *self,
                                                                     MistralFimCompletionRequest  *request,
                                                                     GCancellable                 *cancellable,
                                                                     GAsyncReadyCallback           callback,
                                                                     gpointer                      user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_client_fim_completion_finish (MistralClient                *self,
                                                                     GAsyncResult                 *result,
                                                                     GError                      **error);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_client_fim_completion        (MistralClient                *self,
                                                                     MistralFimCompletionRequest  *request,
                                                                     GCancellable                 *cancellable,
                                                                     GError                      **error);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionStream   *mistral_client_fim_completion_stream (MistralClient                *self,
                                                                     MistralFimCompletionRequest  *request);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-chat-completion-response.h"
#include "mistral-completion-chunk.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CHAT_COMPLETION_STREAM (mistral_chat_completion_stream_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralChatCompletionStream, mistral_chat_completion_stream, MISTRAL, CHAT_COMPLETION_STREAM, GObject)

MISTRAL_AVAILABLE_IN_1_0
void                           mistral_chat_completion_stream_next_chunk_async  (MistralChatCompletionStream  *self,
                                                                                 GCancellable                 *cancellable,
                                                                                 GAsyncReadyCallback           callback,
                                                                                 gpointer                      user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralCompletionChunk        *mistral_chat_completion_stream_next_chunk_finish (MistralChatCompletionStream  *self,
                                                                                 GAsyncResult                 *result,
                                                                                 GError                      **error);
MISTRAL_AVAILABLE_IN_1_0
MistralCompletionChunk        *mistral_chat_completion_stream_next_chunk        (MistralChatCompletionStream  *self,
                                                                                 GCancellable                 *cancellable,
                                                                                 GError                      **error);

MISTRAL_AVAILABLE_IN_1_0
void                           mistral_chat_completion_stream_run_async         (MistralChatCompletionStream  *self,
                                                                                 GCancellable                 *cancellable,
                                                                                 GAsyncReadyCallback           callback,
                                                                                 gpointer                      user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_chat_completion_stream_run_finish        (MistralChatCompletionStream  *self,
                                                                                 GAsyncResult                 *result,
                                                                                 GError                      **error);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_chat_completion_stream_run               (MistralChatCompletionStream  *self,
                                                                                 GCancellable                 *cancellable,
                                                                                 GError                      **error);

MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionResponse *mistral_chat_completion_stream_get_response      (MistralChatCompletionStream  *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-assistant-message.h"
#include "mistral-chat-completion-request.h"
#include "mistral-client.h"
#include "mistral-function-tool.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_CONVERSATION_JSON_VERSION:
 *
 * The version of the JSON format [method@Mistral.Conversation.to_json]
 * writes (its `version` member).
 *
 * Since: 1.0
 */
#define MISTRAL_CONVERSATION_JSON_VERSION 1

#define MISTRAL_TYPE_CONVERSATION (mistral_conversation_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralConversation, mistral_conversation, MISTRAL, CONVERSATION, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralConversation          *mistral_conversation_new                   (MistralClient                 *client,
                                                                           const char                    *model);
MISTRAL_AVAILABLE_IN_1_0
MistralConversation          *mistral_conversation_new_from_json         (const char                    *json,
                                                                           GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
char                         *mistral_conversation_to_json               (MistralConversation           *self);

MISTRAL_AVAILABLE_IN_1_0
MistralClient                *mistral_conversation_get_client            (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_client            (MistralConversation           *self,
                                                                           MistralClient                 *client);
MISTRAL_AVAILABLE_IN_1_0
const char                   *mistral_conversation_get_model             (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_model             (MistralConversation           *self,
                                                                           const char                    *model);
MISTRAL_AVAILABLE_IN_1_0
const char                   *mistral_conversation_get_system_prompt     (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_system_prompt     (MistralConversation           *self,
                                                                           const char                    *system_prompt);
MISTRAL_AVAILABLE_IN_1_0
MistralChatCompletionRequest *mistral_conversation_get_options           (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_options           (MistralConversation           *self,
                                                                           MistralChatCompletionRequest  *options);
MISTRAL_AVAILABLE_IN_1_0
GListModel                   *mistral_conversation_get_tools             (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_tools             (MistralConversation           *self,
                                                                           GListModel                    *tools);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_add_tool              (MistralConversation           *self,
                                                                           MistralFunctionTool           *tool);
MISTRAL_AVAILABLE_IN_1_0
guint                         mistral_conversation_get_max_tool_rounds   (MistralConversation           *self);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_set_max_tool_rounds   (MistralConversation           *self,
                                                                           guint                          max_tool_rounds);
MISTRAL_AVAILABLE_IN_1_0
gboolean                      mistral_conversation_get_busy              (MistralConversation           *self);

MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_send_async            (MistralConversation           *self,
                                                                           const char                    *text,
                                                                           GCancellable                  *cancellable,
                                                                           GAsyncReadyCallback            callback,
                                                                           gpointer                       user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage      *mistral_conversation_send_finish           (MistralConversation           *self,
                                                                           GAsyncResult                  *result,
                                                                           GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_send_message_async    (MistralConversation           *self,
                                                                           MistralChatMessage            *message,
                                                                           GCancellable                  *cancellable,
                                                                           GAsyncReadyCallback            callback,
                                                                           gpointer                       user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage      *mistral_conversation_send_message_finish   (MistralConversation           *self,
                                                                           GAsyncResult                  *result,
                                                                           GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_regenerate_async      (MistralConversation           *self,
                                                                           GCancellable                  *cancellable,
                                                                           GAsyncReadyCallback            callback,
                                                                           gpointer                       user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage      *mistral_conversation_regenerate_finish     (MistralConversation           *self,
                                                                           GAsyncResult                  *result,
                                                                           GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
MistralAssistantMessage      *mistral_conversation_send                  (MistralConversation           *self,
                                                                           const char                    *text,
                                                                           GCancellable                  *cancellable,
                                                                           GError                       **error);
MISTRAL_AVAILABLE_IN_1_0
void                          mistral_conversation_truncate              (MistralConversation           *self,
                                                                           guint                          position);

G_END_DECLS

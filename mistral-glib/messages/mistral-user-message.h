// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include "mistral-chat-message.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_USER_MESSAGE (mistral_user_message_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralUserMessage, mistral_user_message, MISTRAL, USER_MESSAGE, MistralChatMessage)

MISTRAL_AVAILABLE_IN_1_0
MistralUserMessage *mistral_user_message_new (const char *content);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-chat-completion-stream.h"
#include "mistral-client.h"

G_BEGIN_DECLS

MistralChatCompletionStream *mistral_chat_completion_stream_new_for_body (MistralClient *client,
                                                                          const char    *path,
                                                                          GBytes        *body,
                                                                          GError        *body_error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-chat-completion-response.h"

G_BEGIN_DECLS

void mistral_chat_completion_response_set_latency (MistralChatCompletionResponse *self,
                                                   GTimeSpan                      latency);

G_END_DECLS

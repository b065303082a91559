// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-chat-completion-response.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-http-private.h"

G_BEGIN_DECLS

void mistral_chat_completion_response_set_latency (MistralChatCompletionResponse *self,
                                                   GTimeSpan                      latency);

MistralChatCompletionResponse *mistral_chat_completion_response_new_from_json_node (JsonNode  *node,
                                                                                    GError   **error);
/* What the fast path decoded (mistral-chunk-decoder.cc), emptied into a
 * new response. */
MistralChatCompletionResponse *mistral_chat_completion_response_new_take (MistralChunkData *data);

/* A MistralHttpReadBodyFunc: the reply of a chat or FIM completion, with
 * its latency; @data is unused. */
gpointer mistral_chat_completion_response_read_reply (MistralHttpReply  *reply,
                                                      gpointer           data,
                                                      GError           **error);

G_END_DECLS

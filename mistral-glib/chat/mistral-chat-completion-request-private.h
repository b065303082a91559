// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-chat-completion-request.h"

G_BEGIN_DECLS

/* The optional fields of a request: each has a value and a "set" flag, and
 * is left out of the JSON body while unset. */
typedef enum {
  MISTRAL_REQUEST_OPTION_MAX_TOKENS,
  MISTRAL_REQUEST_OPTION_TEMPERATURE,
  MISTRAL_REQUEST_OPTION_TOP_P,
  MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY,
  MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY,
  MISTRAL_REQUEST_OPTION_N,
  MISTRAL_REQUEST_OPTION_RANDOM_SEED,
  MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS,
  MISTRAL_REQUEST_OPTION_SAFE_PROMPT,
  MISTRAL_REQUEST_OPTION_TOOL_CHOICE,
  MISTRAL_REQUEST_OPTION_REASONING_EFFORT,
  MISTRAL_REQUEST_N_OPTIONS
} MistralRequestOption;

GBytes  *mistral_chat_completion_request_to_bytes (MistralChatCompletionRequest  *self,
                                                   gboolean                       stream,
                                                   GError                       **error);

G_END_DECLS

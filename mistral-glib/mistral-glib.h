// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#define __MISTRAL_GLIB_INSIDE__

#include "mistral-version.h"
#include "mistral-version-macros.h"

#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-types.h"

#include "mistral-assistant-message.h"
#include "mistral-chat-completion-accumulator.h"
#include "mistral-chat-completion-choice.h"
#include "mistral-chat-completion-request.h"
#include "mistral-chat-completion-response.h"
#include "mistral-chat-completion-stream.h"
#include "mistral-chat-message.h"
#include "mistral-client.h"
#include "mistral-client-classifiers.h"
#include "mistral-client-embeddings.h"
#include "mistral-client-fim.h"
#include "mistral-client-models.h"
#include "mistral-completion-chunk.h"
#include "mistral-completion-response-stream-choice.h"
#include "mistral-content-chunk.h"
#include "mistral-conversation.h"
#include "mistral-embedding-request.h"
#include "mistral-embedding-response.h"
#include "mistral-embedding-types.h"
#include "mistral-embedding.h"
#include "mistral-fim-completion-request.h"
#include "mistral-json.h"
#include "mistral-function-tool.h"
#include "mistral-model-capabilities.h"
#include "mistral-model-card.h"
#include "mistral-model-list.h"
#include "mistral-moderation-response.h"
#include "mistral-moderation-result.h"
#include "mistral-response-format.h"
#include "mistral-secret.h"
#include "mistral-structured-output.h"
#include "mistral-system-message.h"
#include "mistral-tool.h"
#include "mistral-tool-call.h"
#include "mistral-tool-call-approval.h"
#include "mistral-tool-message.h"
#include "mistral-usage-info.h"
#include "mistral-user-message.h"

#undef __MISTRAL_GLIB_INSIDE__

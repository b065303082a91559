// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-assistant-message.h"

G_BEGIN_DECLS

/* TRUE if @self is text alone: no content chunks, no tool calls, not a
 * prefix. A stream's plain deltas are; see mistral-completion-chunk.c. */
gboolean mistral_assistant_message_is_plain (MistralAssistantMessage *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-tool-message.h"

G_BEGIN_DECLS

/* The members a tool message adds to a chat message's JSON. */
void mistral_tool_message_write_members (MistralToolMessage *self,
                                         JsonBuilder        *builder);

G_END_DECLS

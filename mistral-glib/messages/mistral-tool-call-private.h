// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-tool-call.h"

G_BEGIN_DECLS

MistralToolCall *mistral_tool_call_new_from_json_object (JsonObject       *object,
                                                        const char       *path,
                                                        guint             position,
                                                        GError          **error);
void             mistral_tool_call_write_json          (MistralToolCall  *self,
                                                        JsonBuilder      *builder);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_TOOL_CALL (mistral_tool_call_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralToolCall, mistral_tool_call, MISTRAL, TOOL_CALL, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralToolCall *mistral_tool_call_new                (const char       *id,
                                                       const char       *function_name,
                                                       const char       *arguments);
MISTRAL_AVAILABLE_IN_1_0
const char      *mistral_tool_call_get_id             (MistralToolCall  *self);
MISTRAL_AVAILABLE_IN_1_0
void             mistral_tool_call_set_id             (MistralToolCall  *self,
                                                       const char       *id);
MISTRAL_AVAILABLE_IN_1_0
guint            mistral_tool_call_get_index          (MistralToolCall  *self);
MISTRAL_AVAILABLE_IN_1_0
void             mistral_tool_call_set_index          (MistralToolCall  *self,
                                                       guint             index);
MISTRAL_AVAILABLE_IN_1_0
const char      *mistral_tool_call_get_function_name  (MistralToolCall  *self);
MISTRAL_AVAILABLE_IN_1_0
void             mistral_tool_call_set_function_name  (MistralToolCall  *self,
                                                       const char       *function_name);
MISTRAL_AVAILABLE_IN_1_0
const char      *mistral_tool_call_get_arguments      (MistralToolCall  *self);
MISTRAL_AVAILABLE_IN_1_0
void             mistral_tool_call_set_arguments      (MistralToolCall  *self,
                                                       const char       *arguments);
MISTRAL_AVAILABLE_IN_1_0
JsonNode        *mistral_tool_call_parse_arguments    (MistralToolCall  *self,
                                                       GError          **error);

G_END_DECLS

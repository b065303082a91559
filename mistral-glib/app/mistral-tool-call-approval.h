// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-function-tool.h"
#include "mistral-tool-call.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_TOOL_CALL_APPROVAL (mistral_tool_call_approval_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralToolCallApproval, mistral_tool_call_approval, MISTRAL, TOOL_CALL_APPROVAL, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralToolCallApproval *mistral_tool_call_approval_new       (MistralToolCall         *tool_call,
                                                               MistralFunctionTool     *tool);
MISTRAL_AVAILABLE_IN_1_0
MistralToolCall     *mistral_tool_call_approval_get_tool_call (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
MistralFunctionTool *mistral_tool_call_approval_get_tool      (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean             mistral_tool_call_approval_get_resolved  (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean             mistral_tool_call_approval_get_approved  (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_tool_call_approval_get_reason    (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_tool_call_approval_approve       (MistralToolCallApproval *self);
MISTRAL_AVAILABLE_IN_1_0
void                 mistral_tool_call_approval_deny          (MistralToolCallApproval *self,
                                                               const char              *reason);

G_END_DECLS

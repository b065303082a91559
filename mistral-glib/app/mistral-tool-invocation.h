// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-function-tool.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_TOOL_INVOCATION (mistral_tool_invocation_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralToolInvocation, mistral_tool_invocation, MISTRAL, TOOL_INVOCATION, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralToolInvocation *mistral_tool_invocation_new            (MistralFunctionTool    *tool,
                                                               const char             *arguments,
                                                               GCancellable           *cancellable,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralFunctionTool   *mistral_tool_invocation_get_tool       (MistralToolInvocation  *self);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_tool_invocation_get_arguments  (MistralToolInvocation  *self);
MISTRAL_AVAILABLE_IN_1_0
JsonObject            *mistral_tool_invocation_get_arguments_object (MistralToolInvocation *self);
MISTRAL_AVAILABLE_IN_1_0
GCancellable          *mistral_tool_invocation_get_cancellable (MistralToolInvocation *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean               mistral_tool_invocation_get_resolved   (MistralToolInvocation  *self);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_tool_invocation_return_value   (MistralToolInvocation  *self,
                                                               const char             *result);
MISTRAL_AVAILABLE_IN_1_0
void                   mistral_tool_invocation_return_error   (MistralToolInvocation  *self,
                                                               const GError           *error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_TOOL (mistral_tool_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralTool, mistral_tool, MISTRAL, TOOL, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralTool *mistral_tool_new                      (const char   *name,
                                                    const char   *description,
                                                    JsonNode     *parameters);
MISTRAL_AVAILABLE_IN_1_0
MistralTool *mistral_tool_new_from_string          (const char   *name,
                                                    const char   *description,
                                                    const char   *parameters,
                                                    GError      **error);
MISTRAL_AVAILABLE_IN_1_0
const char  *mistral_tool_get_name                 (MistralTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_tool_set_name                 (MistralTool  *self,
                                                    const char   *name);
MISTRAL_AVAILABLE_IN_1_0
const char  *mistral_tool_get_description          (MistralTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_tool_set_description          (MistralTool  *self,
                                                    const char   *description);
MISTRAL_AVAILABLE_IN_1_0
JsonNode    *mistral_tool_get_parameters           (MistralTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_tool_set_parameters           (MistralTool  *self,
                                                    JsonNode     *parameters);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_tool_set_parameters_from_string (MistralTool *self,
                                                      const char  *parameters,
                                                      GError     **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_tool_get_strict               (MistralTool  *self);
MISTRAL_AVAILABLE_IN_1_0
void         mistral_tool_set_strict               (MistralTool  *self,
                                                    gboolean      strict);

G_END_DECLS

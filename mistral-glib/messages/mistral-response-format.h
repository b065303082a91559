// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "mistral-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_RESPONSE_FORMAT (mistral_response_format_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralResponseFormat, mistral_response_format, MISTRAL, RESPONSE_FORMAT, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat     *mistral_response_format_new_text        (void);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat     *mistral_response_format_new_json_object (void);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat     *mistral_response_format_new_json_schema (const char            *name,
                                                                    JsonNode              *schema,
                                                                    gboolean               strict);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat     *mistral_response_format_new_json_schema_from_string (const char  *name,
                                                                                const char  *schema,
                                                                                gboolean     strict,
                                                                                GError     **error);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormatType  mistral_response_format_get_format_type (MistralResponseFormat *self);
MISTRAL_AVAILABLE_IN_1_0
const char                *mistral_response_format_get_name        (MistralResponseFormat *self);
MISTRAL_AVAILABLE_IN_1_0
const char                *mistral_response_format_get_description (MistralResponseFormat *self);
MISTRAL_AVAILABLE_IN_1_0
void                       mistral_response_format_set_description (MistralResponseFormat *self,
                                                                    const char            *description);
MISTRAL_AVAILABLE_IN_1_0
JsonNode                  *mistral_response_format_get_schema      (MistralResponseFormat *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                   mistral_response_format_get_strict      (MistralResponseFormat *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-ocr-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_OCR_TABLE (mistral_ocr_table_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralOcrTable, mistral_ocr_table, MISTRAL, OCR_TABLE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_ocr_table_get_id      (MistralOcrTable *self);
MISTRAL_AVAILABLE_IN_1_0
const char            *mistral_ocr_table_get_content (MistralOcrTable *self);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrTableFormat  mistral_ocr_table_get_format  (MistralOcrTable *self);

G_END_DECLS

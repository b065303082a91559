// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_OCR_RESPONSE (mistral_ocr_response_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralOcrResponse, mistral_ocr_response, MISTRAL, OCR_RESPONSE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char *mistral_ocr_response_get_model               (MistralOcrResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel *mistral_ocr_response_get_pages               (MistralOcrResponse *self);
MISTRAL_AVAILABLE_IN_1_0
guint       mistral_ocr_response_get_pages_processed     (MistralOcrResponse *self);
MISTRAL_AVAILABLE_IN_1_0
gint64      mistral_ocr_response_get_doc_size_bytes      (MistralOcrResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char *mistral_ocr_response_get_document_annotation (MistralOcrResponse *self);
MISTRAL_AVAILABLE_IN_1_0
char       *mistral_ocr_response_get_markdown            (MistralOcrResponse *self);

G_END_DECLS

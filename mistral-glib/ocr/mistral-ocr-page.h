// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_OCR_PAGE (mistral_ocr_page_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralOcrPage, mistral_ocr_page, MISTRAL, OCR_PAGE, GObject)

MISTRAL_AVAILABLE_IN_1_0
guint               mistral_ocr_page_get_index      (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_ocr_page_get_markdown   (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel         *mistral_ocr_page_get_images     (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel         *mistral_ocr_page_get_tables     (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
const char * const *mistral_ocr_page_get_hyperlinks (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_ocr_page_get_header     (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_ocr_page_get_footer     (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_ocr_page_get_dpi        (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_ocr_page_get_width      (MistralOcrPage *self);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_ocr_page_get_height     (MistralOcrPage *self);

G_END_DECLS

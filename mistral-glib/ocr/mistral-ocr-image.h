// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_OCR_IMAGE (mistral_ocr_image_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralOcrImage, mistral_ocr_image, MISTRAL, OCR_IMAGE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char *mistral_ocr_image_get_id               (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
int         mistral_ocr_image_get_top_left_x       (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
int         mistral_ocr_image_get_top_left_y       (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
int         mistral_ocr_image_get_bottom_right_x   (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
int         mistral_ocr_image_get_bottom_right_y   (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
GBytes     *mistral_ocr_image_get_data             (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
const char *mistral_ocr_image_get_mime_type        (MistralOcrImage *self);
MISTRAL_AVAILABLE_IN_1_0
const char *mistral_ocr_image_get_image_annotation (MistralOcrImage *self);

G_END_DECLS

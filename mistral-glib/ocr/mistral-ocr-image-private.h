// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-ocr-image.h"

G_BEGIN_DECLS

/* An OCRImageObject; a MistralJsonReadFunc. */
MistralOcrImage *mistral_ocr_image_new_from_json_object (JsonObject  *object,
                                                         const char  *path,
                                                         guint        position,
                                                         GError     **error);

G_END_DECLS

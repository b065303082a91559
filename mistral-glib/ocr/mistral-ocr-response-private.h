// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-ocr-response.h"

G_BEGIN_DECLS

/* An OCRResponse. A reply without `pages` is MISTRAL_ERROR_INVALID_RESPONSE:
 * that is not an empty document but not an OCR reply at all. */
MistralOcrResponse *mistral_ocr_response_new_from_json (JsonNode  *node,
                                                        GError   **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-ocr-table.h"

G_BEGIN_DECLS

/* An OCRTableObject; a MistralJsonReadFunc. */
MistralOcrTable *mistral_ocr_table_new_from_json_object (JsonObject  *object,
                                                         const char  *path,
                                                         guint        position,
                                                         GError     **error);

G_END_DECLS

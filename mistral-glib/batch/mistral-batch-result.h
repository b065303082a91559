// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_BATCH_RESULT (mistral_batch_result_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralBatchResult, mistral_batch_result, MISTRAL, BATCH_RESULT, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralBatchResult *mistral_batch_result_new_from_line     (const char          *endpoint,
                                                            const char          *line,
                                                            GError             **error);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_result_get_custom_id     (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_result_get_id            (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_batch_result_get_status_code   (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
GObject            *mistral_batch_result_get_response      (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
const GError       *mistral_batch_result_get_error         (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean            mistral_batch_result_propagate_error   (MistralBatchResult  *self,
                                                            GError             **error);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_result_get_raw           (MistralBatchResult  *self);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_batch_result_get_line          (MistralBatchResult  *self);

G_END_DECLS

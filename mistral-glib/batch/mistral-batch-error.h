// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_BATCH_ERROR (mistral_batch_error_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralBatchError, mistral_batch_error, MISTRAL, BATCH_ERROR, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char *mistral_batch_error_get_message (MistralBatchError *self);
MISTRAL_AVAILABLE_IN_1_0
guint       mistral_batch_error_get_count   (MistralBatchError *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-batch-error.h"

G_BEGIN_DECLS

/* A MistralJsonReadFunc: one BatchError {message, count}. */
gpointer mistral_batch_error_new_from_json_object (JsonObject  *object,
                                                   const char  *path,
                                                   guint        position,
                                                   GError     **error);

G_END_DECLS

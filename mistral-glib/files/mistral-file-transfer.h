// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_FILE_TRANSFER (mistral_file_transfer_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralFileTransfer, mistral_file_transfer, MISTRAL, FILE_TRANSFER, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralFileTransfer *mistral_file_transfer_new                   (void);
MISTRAL_AVAILABLE_IN_1_0
gint64               mistral_file_transfer_get_bytes_transferred (MistralFileTransfer *self);
MISTRAL_AVAILABLE_IN_1_0
gint64               mistral_file_transfer_get_total_bytes       (MistralFileTransfer *self);

G_END_DECLS

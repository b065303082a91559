// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MistralFilePurpose:
 * @MISTRAL_FILE_PURPOSE_UNKNOWN: a purpose the library does not know (its
 *   name is kept: [method@Mistral.File.get_purpose_name]); as a filter or
 *   an upload's purpose, none
 * @MISTRAL_FILE_PURPOSE_FINE_TUNE: training data for fine-tuning (`fine-tune`)
 * @MISTRAL_FILE_PURPOSE_BATCH: the input or output of a batch job (`batch`)
 * @MISTRAL_FILE_PURPOSE_OCR: a document for OCR (`ocr`)
 *
 * What a file is for.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_FILE_PURPOSE_UNKNOWN,
  MISTRAL_FILE_PURPOSE_FINE_TUNE,
  MISTRAL_FILE_PURPOSE_BATCH,
  MISTRAL_FILE_PURPOSE_OCR,
} MistralFilePurpose;

#define MISTRAL_TYPE_FILE (mistral_file_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralFile, mistral_file, MISTRAL, FILE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_id           (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_filename     (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
gint64              mistral_file_get_bytes        (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime          *mistral_file_get_created_at   (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
MistralFilePurpose  mistral_file_get_purpose      (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_purpose_name (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_sample_type  (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_source       (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_mimetype     (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
gint64              mistral_file_get_num_lines    (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime          *mistral_file_get_expires_at   (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_signature    (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_get_visibility   (MistralFile *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean            mistral_file_get_deleted      (MistralFile *self);

G_END_DECLS

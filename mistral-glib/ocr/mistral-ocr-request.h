// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-ocr-types.h"
#include "mistral-response-format.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_OCR_MAX_INLINE_SIZE:
 *
 * The largest local file, in bytes (50 MiB, the API's limit for one
 * document), that [method@Mistral.OcrRequest.set_file] sends inline.
 *
 * Since: 1.0
 */
#define MISTRAL_OCR_MAX_INLINE_SIZE (50 * 1024 * 1024)

#define MISTRAL_TYPE_OCR_REQUEST (mistral_ocr_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralOcrRequest, mistral_ocr_request, MISTRAL, OCR_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralOcrRequest       *mistral_ocr_request_new                 (const char         *model);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrRequest       *mistral_ocr_request_new_for_file        (const char         *model,
                                                                  GFile              *file);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_model           (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_model           (MistralOcrRequest  *self,
                                                                  const char         *model);

MISTRAL_AVAILABLE_IN_1_0
MistralOcrDocumentType   mistral_ocr_request_get_document_type   (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_document_url    (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_document_url    (MistralOcrRequest  *self,
                                                                  const char         *url);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_document_name   (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_document_name   (MistralOcrRequest  *self,
                                                                  const char         *name);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_image_url       (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_image_url       (MistralOcrRequest  *self,
                                                                  const char         *url);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_file_id         (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_file_id         (MistralOcrRequest  *self,
                                                                  const char         *file_id);
MISTRAL_AVAILABLE_IN_1_0
GFile                   *mistral_ocr_request_get_file            (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_file            (MistralOcrRequest  *self,
                                                                  GFile              *file);

MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_pages           (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_pages           (MistralOcrRequest  *self,
                                                                  const char         *pages);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_ocr_request_get_include_image_base64 (MistralOcrRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_include_image_base64 (MistralOcrRequest *self,
                                                                       gboolean           include);
MISTRAL_AVAILABLE_IN_1_0
int                      mistral_ocr_request_get_image_limit     (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_image_limit     (MistralOcrRequest  *self,
                                                                  int                 limit);
MISTRAL_AVAILABLE_IN_1_0
int                      mistral_ocr_request_get_image_min_size  (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_image_min_size  (MistralOcrRequest  *self,
                                                                  int                 size);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrTableFormat    mistral_ocr_request_get_table_format    (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_table_format    (MistralOcrRequest     *self,
                                                                  MistralOcrTableFormat  format);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_ocr_request_get_extract_header  (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_extract_header  (MistralOcrRequest  *self,
                                                                  gboolean            extract);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_ocr_request_get_extract_footer  (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_extract_footer  (MistralOcrRequest  *self,
                                                                  gboolean            extract);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_ocr_request_get_include_blocks  (MistralOcrRequest  *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_include_blocks  (MistralOcrRequest  *self,
                                                                  gboolean            include);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrConfidenceGranularity mistral_ocr_request_get_confidence_scores_granularity (MistralOcrRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_confidence_scores_granularity (MistralOcrRequest               *self,
                                                                                MistralOcrConfidenceGranularity  granularity);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat   *mistral_ocr_request_get_bbox_annotation_format     (MistralOcrRequest     *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_bbox_annotation_format     (MistralOcrRequest     *self,
                                                                             MistralResponseFormat *format);
MISTRAL_AVAILABLE_IN_1_0
MistralResponseFormat   *mistral_ocr_request_get_document_annotation_format (MistralOcrRequest     *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_document_annotation_format (MistralOcrRequest     *self,
                                                                             MistralResponseFormat *format);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_ocr_request_get_document_annotation_prompt (MistralOcrRequest     *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_document_annotation_prompt (MistralOcrRequest     *self,
                                                                             const char            *prompt);

MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_ocr_request_get_upload_local_file (MistralOcrRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                     mistral_ocr_request_set_upload_local_file (MistralOcrRequest *self,
                                                                    gboolean           upload);

MISTRAL_AVAILABLE_IN_1_0
char                    *mistral_ocr_request_to_json             (MistralOcrRequest   *self,
                                                                  GCancellable        *cancellable,
                                                                  GError             **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MistralOcrDocumentType:
 * @MISTRAL_OCR_DOCUMENT_TYPE_NONE: no document yet
 * @MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL: a document (PDF, DOCX, PPTX, …)
 *   at a URL, sent as a `document_url` chunk
 * @MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL: an image at a URL, sent as an
 *   `image_url` chunk
 * @MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID: a file uploaded to the API before,
 *   by its id, sent as a `file` chunk
 * @MISTRAL_OCR_DOCUMENT_TYPE_FILE: a local file, sent inline as a `data:`
 *   URL (an `image_url` chunk for an image, a `document_url` one otherwise)
 *
 * Where the document of a [class@Mistral.OcrRequest] comes from.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_OCR_DOCUMENT_TYPE_NONE,
  MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL,
  MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL,
  MISTRAL_OCR_DOCUMENT_TYPE_FILE_ID,
  MISTRAL_OCR_DOCUMENT_TYPE_FILE,
} MistralOcrDocumentType;

/**
 * MistralOcrTableFormat:
 * @MISTRAL_OCR_TABLE_FORMAT_MARKDOWN: markdown tables
 * @MISTRAL_OCR_TABLE_FORMAT_HTML: HTML tables
 * @MISTRAL_OCR_TABLE_FORMAT_UNKNOWN: in a reply, a format this version
 *   does not know (never an error); not for requests
 *
 * How the tables of a page are written (the API's `table_format`). When a
 * request sets one, the tables are taken out of the page's markdown into
 * [property@Mistral.OcrPage:tables], and the markdown links to them.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_OCR_TABLE_FORMAT_MARKDOWN,
  MISTRAL_OCR_TABLE_FORMAT_HTML,
  MISTRAL_OCR_TABLE_FORMAT_UNKNOWN,
} MistralOcrTableFormat;

/**
 * MistralOcrConfidenceGranularity:
 * @MISTRAL_OCR_CONFIDENCE_GRANULARITY_WORD: a score for each word
 * @MISTRAL_OCR_CONFIDENCE_GRANULARITY_PAGE: one score for each page
 * @MISTRAL_OCR_CONFIDENCE_GRANULARITY_BLOCK: a score for each block
 *
 * The granularity of the confidence scores an OCR request asks for (the
 * API's `confidence_scores_granularity`; none are sent by default).
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_OCR_CONFIDENCE_GRANULARITY_WORD,
  MISTRAL_OCR_CONFIDENCE_GRANULARITY_PAGE,
  MISTRAL_OCR_CONFIDENCE_GRANULARITY_BLOCK,
} MistralOcrConfidenceGranularity;

G_END_DECLS

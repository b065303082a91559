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
 * MistralEmbeddingDtype:
 * @MISTRAL_EMBEDDING_DTYPE_FLOAT: 32-bit floats (the API's default)
 * @MISTRAL_EMBEDDING_DTYPE_INT8: one signed byte per dimension
 * @MISTRAL_EMBEDDING_DTYPE_UINT8: one unsigned byte per dimension
 * @MISTRAL_EMBEDDING_DTYPE_BINARY: one bit per dimension, eight to a
 *   signed byte
 * @MISTRAL_EMBEDDING_DTYPE_UBINARY: one bit per dimension, eight to an
 *   unsigned byte
 *
 * The type of the values of an embedding (the API's `output_dtype`).
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_EMBEDDING_DTYPE_FLOAT,
  MISTRAL_EMBEDDING_DTYPE_INT8,
  MISTRAL_EMBEDDING_DTYPE_UINT8,
  MISTRAL_EMBEDDING_DTYPE_BINARY,
  MISTRAL_EMBEDDING_DTYPE_UBINARY,
} MistralEmbeddingDtype;

/**
 * MistralEncodingFormat:
 * @MISTRAL_ENCODING_FORMAT_FLOAT: a JSON list of numbers (the API's default)
 * @MISTRAL_ENCODING_FORMAT_BASE64: base64 text of the values' bytes
 *   (little-endian 32-bit floats, or one byte a value for the other types)
 *
 * How the API writes embeddings in its reply (the API's `encoding_format`).
 * Either way [method@Mistral.Embedding.get_vector] gives the same values.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_ENCODING_FORMAT_FLOAT,
  MISTRAL_ENCODING_FORMAT_BASE64,
} MistralEncodingFormat;

G_END_DECLS

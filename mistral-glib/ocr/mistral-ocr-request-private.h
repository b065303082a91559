// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

#include "mistral-ocr-request.h"

G_BEGIN_DECLS

/* Whether the request passes the API's rules; else
 * MISTRAL_ERROR_INVALID_REQUEST. */
gboolean  mistral_ocr_request_validate              (MistralOcrRequest    *self,
                                                     GError              **error);

/* The body as it is sent, once the request passed the API's rules. For a
 * local file (MISTRAL_OCR_DOCUMENT_TYPE_FILE) @contents are its bytes,
 * read by the caller (mistral_ocr_request_load_file_async() or the
 * blocking mistral_ocr_request_to_json()); NULL otherwise. */
GBytes   *mistral_ocr_request_to_bytes              (MistralOcrRequest    *self,
                                                     GBytes               *contents,
                                                     GError              **error);

/* The body with the local file uploaded as @file_id: a `file` chunk. */
GBytes   *mistral_ocr_request_to_bytes_for_upload   (MistralOcrRequest    *self,
                                                     const char           *file_id,
                                                     GError              **error);

/* Reads the request's local file, blocking (for worker threads), refusing
 * one above MISTRAL_OCR_MAX_INLINE_SIZE. */
GBytes   *mistral_ocr_request_load_file             (MistralOcrRequest    *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

/* Reads the request's local file, refusing one above
 * MISTRAL_OCR_MAX_INLINE_SIZE without reading the rest of it. */
void      mistral_ocr_request_load_file_async       (MistralOcrRequest    *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes   *mistral_ocr_request_load_file_finish      (MistralOcrRequest    *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-batch-request.h"

G_BEGIN_DECLS

/* The request's body, written by its own area's writer, or NULL with
 * MISTRAL_ERROR_INVALID_REQUEST (an invalid request object) or the error
 * of reading a local file: an OCR request's local file is read here,
 * blocking (see mistral_batch_request_reads_file()). */
GBytes   *mistral_batch_request_to_bytes   (MistralBatchRequest  *self,
                                            GCancellable         *cancellable,
                                            GError              **error);

/* Whether writing the body reads a local file (call it in a worker thread). */
gboolean  mistral_batch_request_reads_file (MistralBatchRequest  *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-batch-request.h"

G_BEGIN_DECLS

/* The request's body, written by its own area's writer, or NULL with
 * MISTRAL_ERROR_INVALID_REQUEST (an invalid request object). */
GBytes *mistral_batch_request_to_bytes (MistralBatchRequest  *self,
                                        GError              **error);

G_END_DECLS

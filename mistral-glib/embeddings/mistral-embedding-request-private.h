// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

#include "mistral-embedding-request.h"

G_BEGIN_DECLS

GBytes                *mistral_embedding_request_to_bytes       (MistralEmbeddingRequest  *self,
                                                                 GError                  **error);
/* The dtype the reply's values have: the one asked for, or the API's
 * default. */
MistralEmbeddingDtype  mistral_embedding_request_get_reply_dtype (MistralEmbeddingRequest  *self);

G_END_DECLS

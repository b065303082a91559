// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-embedding-response.h"

G_BEGIN_DECLS

/* Reads a whole reply body whose values are of @dtype (the reply does not
 * say: the request does), with @latency. With @scan, the vectors are read
 * beside json-glib's tree (mistral-embedding-scan-private.h), as the client
 * does; without, through the tree alone, which must give the same. */
MistralEmbeddingResponse *mistral_embedding_response_new_from_body (const char             *data,
                                                                    gsize                   length,
                                                                    MistralEmbeddingDtype   dtype,
                                                                    GTimeSpan               latency,
                                                                    gboolean                scan,
                                                                    GError                **error);

G_END_DECLS

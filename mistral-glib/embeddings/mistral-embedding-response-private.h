// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-embedding-response.h"
#include "mistral-embedding-scan-private.h"

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

/* The same from a body read as it arrived, through @reader (fed to its
 * end, or fed nothing when the body is whole in @body). */
MistralEmbeddingResponse *mistral_embedding_response_new_from_reader (MistralEmbeddingReader *reader,
                                                                      MistralEmbeddingDtype   dtype,
                                                                      GTimeSpan               latency,
                                                                      GError                **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <mistral-glib.h>

G_BEGIN_DECLS

/* Everything a chunk says (or the error, when @chunk is NULL), as text:
 * two decoders agree when their descriptions are equal. Shared by
 * tests/chunk-decoder.c and the chunk and reply fuzzers. */
char *chunk_describe (MistralCompletionChunk *chunk,
                      const GError           *error);

/* The same for a non-streamed reply. */
char *response_describe (MistralChatCompletionResponse *response,
                         const GError                  *error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-types.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CONTENT_CHUNK (mistral_content_chunk_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralContentChunk, mistral_content_chunk, MISTRAL, CONTENT_CHUNK, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_text            (const char    *text);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_image_url       (const char    *url,
                                                                    const char    *detail);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_image_from_bytes (GBytes       *data,
                                                                     const char   *mime_type);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_document_url    (const char    *url,
                                                                    const char    *name);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_file            (const char    *file_id);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_reference       (const gint64  *ids,
                                                                    gsize          n_ids);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_input_audio     (const char    *data);
MISTRAL_AVAILABLE_IN_1_0
MistralContentChunk     *mistral_content_chunk_new_thinking        (const char    *text);

MISTRAL_AVAILABLE_IN_1_0
MistralContentChunkType  mistral_content_chunk_get_chunk_type      (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_type_name       (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_text            (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_url             (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_detail          (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_name            (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_file_id         (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const gint64            *mistral_content_chunk_get_reference_ids   (MistralContentChunk *self,
                                                                    gsize               *n_ids);
MISTRAL_AVAILABLE_IN_1_0
GListModel              *mistral_content_chunk_get_thinking        (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                 mistral_content_chunk_get_closed          (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_signature       (MistralContentChunk *self);
MISTRAL_AVAILABLE_IN_1_0
const char              *mistral_content_chunk_get_raw_json        (MistralContentChunk *self);

G_END_DECLS

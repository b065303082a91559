// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-content-chunk.h"

G_BEGIN_DECLS

MistralContentChunk *mistral_content_chunk_new_from_json_object (JsonObject   *object,
                                                                 const char   *path,
                                                                 guint         position,
                                                                 GError      **error);
GListStore          *mistral_content_chunk_list_new_from_json   (JsonArray    *array,
                                                                 const char   *path,
                                                                 GError      **error);
void                 mistral_content_chunk_write_json           (MistralContentChunk *self,
                                                                 JsonBuilder         *builder);
void                 mistral_content_chunk_write_list           (GListModel          *chunks,
                                                                 JsonBuilder         *builder);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-file.h"

G_BEGIN_DECLS

MistralFile *mistral_file_new_from_json_object (JsonObject  *object,
                                                const char  *path,
                                                guint        position,
                                                GError     **error);

/* Whole replies: a file object (upload, get) and a ListFilesResponse
 * (GET /v1/files), a GListStore of files. */
MistralFile *mistral_file_new_from_json_node   (JsonNode    *node,
                                                GError     **error);
GListModel  *mistral_file_list_from_json_node  (JsonNode    *node,
                                                GError     **error);
/* A GetSignedUrlResponse (GET /v1/files/{file_id}/url): its url. */
char        *mistral_file_url_from_json_node   (JsonNode    *node,
                                                GError     **error);

/* The API's name of @purpose ("fine-tune", …), NULL for UNKNOWN. */
const char  *mistral_file_purpose_to_string    (MistralFilePurpose purpose);

G_END_DECLS

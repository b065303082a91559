// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* What other areas (batch jobs: their JSONL input) reuse of the Files
 * area: an upload of any multipart body made by
 * mistral_file_upload_body_new() and given its "file" part. */

#include "mistral-client-files.h"
#include "mistral-multipart-private.h"

G_BEGIN_DECLS

/* A body with its purpose field (none for UNKNOWN); the caller adds the
 * part named "file" (mistral_multipart_add_file/_stream). */
MistralMultipart *mistral_file_upload_body_new          (MistralFilePurpose    purpose);

/* POST /v1/files with @body; finished by mistral_client_upload_file_finish(). */
void              mistral_client_upload_multipart_async (MistralClient        *self,
                                                         MistralMultipart     *body,
                                                         MistralFileTransfer  *transfer,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);

G_END_DECLS

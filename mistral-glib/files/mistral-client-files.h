// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-file.h"
#include "mistral-file-query.h"
#include "mistral-file-transfer.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/* The client's methods of the Files area (mistral-client-files.c). */

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_upload_file_async     (MistralClient        *self,
                                                   GFile                *file,
                                                   MistralFilePurpose    purpose,
                                                   MistralFileTransfer  *transfer,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralFile *mistral_client_upload_file_finish    (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralFile *mistral_client_upload_file           (MistralClient        *self,
                                                   GFile                *file,
                                                   MistralFilePurpose    purpose,
                                                   MistralFileTransfer  *transfer,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_list_files_async      (MistralClient        *self,
                                                   MistralFileQuery     *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel  *mistral_client_list_files_finish     (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel  *mistral_client_list_files            (MistralClient        *self,
                                                   MistralFileQuery     *query,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_get_file_async        (MistralClient        *self,
                                                   const char           *file_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralFile *mistral_client_get_file_finish       (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralFile *mistral_client_get_file              (MistralClient        *self,
                                                   const char           *file_id,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_delete_file_async     (MistralClient        *self,
                                                   const char           *file_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_client_delete_file_finish    (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_client_delete_file           (MistralClient        *self,
                                                   const char           *file_id,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_get_file_url_async    (MistralClient        *self,
                                                   const char           *file_id,
                                                   guint                 expiry_hours,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
char        *mistral_client_get_file_url_finish   (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
char        *mistral_client_get_file_url          (MistralClient        *self,
                                                   const char           *file_id,
                                                   guint                 expiry_hours,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

MISTRAL_AVAILABLE_IN_1_0
void         mistral_client_download_file_async   (MistralClient        *self,
                                                   const char           *file_id,
                                                   GFile                *destination,
                                                   MistralFileTransfer  *transfer,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_client_download_file_finish  (MistralClient        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean     mistral_client_download_file         (MistralClient        *self,
                                                   const char           *file_id,
                                                   GFile                *destination,
                                                   MistralFileTransfer  *transfer,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-ocr-request.h"
#include "mistral-ocr-response.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

MISTRAL_AVAILABLE_IN_1_0
void                mistral_client_ocr_async  (MistralClient        *self,
                                               MistralOcrRequest    *request,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrResponse *mistral_client_ocr_finish (MistralClient        *self,
                                               GAsyncResult         *result,
                                               GError              **error);
MISTRAL_AVAILABLE_IN_1_0
MistralOcrResponse *mistral_client_ocr        (MistralClient        *self,
                                               MistralOcrRequest    *request,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS

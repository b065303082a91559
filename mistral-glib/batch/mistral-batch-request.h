// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_BATCH_REQUEST (mistral_batch_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralBatchRequest, mistral_batch_request, MISTRAL, BATCH_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralBatchRequest *mistral_batch_request_new                 (const char          *custom_id,
                                                                GObject             *request);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchRequest *mistral_batch_request_new_moderation      (const char          *custom_id,
                                                                const char          *model,
                                                                const char * const  *inputs);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchRequest *mistral_batch_request_new_chat_moderation (const char          *custom_id,
                                                                const char          *model,
                                                                GListModel          *messages);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_request_get_custom_id       (MistralBatchRequest *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_request_get_endpoint        (MistralBatchRequest *self);
MISTRAL_AVAILABLE_IN_1_0
GObject             *mistral_batch_request_get_request         (MistralBatchRequest *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-client.h"
#include "mistral-model-capabilities.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_MODEL_LIST (mistral_model_list_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralModelList, mistral_model_list, MISTRAL, MODEL_LIST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralModelList         *mistral_model_list_new              (MistralClient            *client,
                                                               MistralModelCapabilities  capabilities);
MISTRAL_AVAILABLE_IN_1_0
MistralClient            *mistral_model_list_get_client       (MistralModelList         *self);
MISTRAL_AVAILABLE_IN_1_0
MistralModelCapabilities  mistral_model_list_get_capabilities (MistralModelList         *self);
MISTRAL_AVAILABLE_IN_1_0
void                      mistral_model_list_set_capabilities (MistralModelList         *self,
                                                               MistralModelCapabilities  capabilities);
MISTRAL_AVAILABLE_IN_1_0
gboolean                  mistral_model_list_is_loading       (MistralModelList         *self);
MISTRAL_AVAILABLE_IN_1_0
const GError             *mistral_model_list_get_error        (MistralModelList         *self);
MISTRAL_AVAILABLE_IN_1_0
void                      mistral_model_list_reload           (MistralModelList         *self);

G_END_DECLS

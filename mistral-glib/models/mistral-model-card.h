// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-model-capabilities.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_MODEL_CARD (mistral_model_card_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralModelCard, mistral_model_card, MISTRAL, MODEL_CARD, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_id                            (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_name                          (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_description                   (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_owned_by                      (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime                *mistral_model_card_get_created                       (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_model_type                    (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
guint                     mistral_model_card_get_max_context_length            (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char * const       *mistral_model_card_get_aliases                       (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime                *mistral_model_card_get_deprecation                   (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_deprecation_replacement_model (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
double                    mistral_model_card_get_default_model_temperature     (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                  mistral_model_card_get_default_model_temperature_set (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
MistralModelCapabilities  mistral_model_card_get_capabilities                  (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                  mistral_model_card_has_capabilities                  (MistralModelCard         *self,
                                                                                MistralModelCapabilities  capabilities);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_job                           (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
const char               *mistral_model_card_get_root                          (MistralModelCard         *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean                  mistral_model_card_get_archived                      (MistralModelCard         *self);

G_END_DECLS

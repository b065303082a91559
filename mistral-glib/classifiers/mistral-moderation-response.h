// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-moderation-result.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_MODERATION_RESPONSE (mistral_moderation_response_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralModerationResponse, mistral_moderation_response, MISTRAL, MODERATION_RESPONSE, GObject)

MISTRAL_AVAILABLE_IN_1_0
const char *mistral_moderation_response_get_id      (MistralModerationResponse *self);
MISTRAL_AVAILABLE_IN_1_0
const char *mistral_moderation_response_get_model   (MistralModerationResponse *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel *mistral_moderation_response_get_results (MistralModerationResponse *self);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_MODERATION_RESULT (mistral_moderation_result_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralModerationResult, mistral_moderation_result, MISTRAL, MODERATION_RESULT, GObject)

MISTRAL_AVAILABLE_IN_1_0
char     **mistral_moderation_result_get_categories  (MistralModerationResult *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean   mistral_moderation_result_get_flagged     (MistralModerationResult *self,
                                                      const char              *category);
MISTRAL_AVAILABLE_IN_1_0
double     mistral_moderation_result_get_score       (MistralModerationResult *self,
                                                      const char              *category);
MISTRAL_AVAILABLE_IN_1_0
gboolean   mistral_moderation_result_get_any_flagged (MistralModerationResult *self);

G_END_DECLS

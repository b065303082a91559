// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-moderation-result.h"

G_BEGIN_DECLS

/* A moderation result: {categories: {name: bool}, category_scores: {name: number}}. */
MistralModerationResult *mistral_moderation_result_new_from_json_object     (JsonObject  *object,
                                                                             const char  *path,
                                                                             guint        position,
                                                                             GError     **error);
/* A classification result: {target: {scores: {label: number}}}, each
 * category named "target/label", flagged never. */
MistralModerationResult *mistral_moderation_result_new_from_classification (JsonObject  *object,
                                                                             const char  *path,
                                                                             guint        position,
                                                                             GError     **error);

G_END_DECLS

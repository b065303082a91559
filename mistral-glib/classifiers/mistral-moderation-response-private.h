// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-moderation-response.h"

G_BEGIN_DECLS

/* Reads a moderation reply (@classification FALSE) or a classification
 * reply (TRUE): see mistral-moderation-result-private.h. */
MistralModerationResponse *mistral_moderation_response_new_from_json (JsonNode  *node,
                                                                      gboolean   classification,
                                                                      GError   **error);

G_END_DECLS

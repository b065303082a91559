// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-model-card.h"

G_BEGIN_DECLS

MistralModelCard *mistral_model_card_new_from_json_object (JsonObject  *object,
                                                           const char  *path,
                                                           guint        position,
                                                           GError     **error);

/* Whole replies: a card (GET /v1/models/{model_id}) and a ModelList
 * (GET /v1/models), a GListStore of cards. */
MistralModelCard *mistral_model_card_new_from_json_node   (JsonNode    *node,
                                                          GError     **error);
GListModel       *mistral_model_card_list_from_json_node  (JsonNode    *node,
                                                          GError     **error);

G_END_DECLS

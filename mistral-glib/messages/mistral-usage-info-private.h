// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-usage-info.h"

G_BEGIN_DECLS

MistralUsageInfo *mistral_usage_info_new_from_json_object (JsonObject  *object,
                                                          const char  *path,
                                                          GError     **error);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-response-format.h"

G_BEGIN_DECLS

void mistral_response_format_write_json (MistralResponseFormat *self,
                                         JsonBuilder           *builder);

G_END_DECLS

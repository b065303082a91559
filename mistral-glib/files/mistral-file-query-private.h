// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-file-query.h"

G_BEGIN_DECLS

/* The query parameters of GET /v1/files, as name, value, …, NULL (the
 * strings owned by the array). */
GPtrArray *mistral_file_query_to_params (MistralFileQuery *self);

G_END_DECLS

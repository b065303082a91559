// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

#include "mistral-fim-completion-request.h"

G_BEGIN_DECLS

/* The body as sent, streamed or not (whatever the stream property says),
 * once the request passed the API's rules. */
GBytes *mistral_fim_completion_request_to_bytes (MistralFimCompletionRequest  *self,
                                                 gboolean                      stream,
                                                 GError                      **error);

G_END_DECLS

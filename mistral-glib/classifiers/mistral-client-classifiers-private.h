// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The body {model, input}, or NULL with MISTRAL_ERROR_INVALID_REQUEST:
 * @inputs (strings) or @messages (a conversation; @instruct wraps it as
 * {messages}). Batch jobs write their moderation entries with it too. */
GBytes *mistral_classifiers_body (const char          *model,
                                  const char * const  *inputs,
                                  GListModel          *messages,
                                  gboolean             instruct,
                                  GError             **error);

G_END_DECLS

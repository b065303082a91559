// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Blocking twins run the async code in a private main context, so that
 * retries, timeouts and cancellation exist once. Only results come back to
 * that context: the I/O itself runs in the I/O thread. */
typedef struct {
  GMainContext *context;
  GAsyncResult *result;
} MistralSyncCall;

void          mistral_sync_call_begin (MistralSyncCall *call);
void          mistral_sync_call_done  (GObject         *source,
                                       GAsyncResult    *result,
                                       gpointer         user_data);
GAsyncResult *mistral_sync_call_wait  (MistralSyncCall *call);
void          mistral_sync_call_end   (MistralSyncCall *call);

G_END_DECLS

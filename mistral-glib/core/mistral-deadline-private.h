// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A cancellable that fires when the caller's does, or when its timer runs
 * out (then @expired is set): how both the whole-request timeout and a
 * stream's idle timeout cancel I/O. */
typedef struct {
  GCancellable *cancellable;
  GCancellable *caller;
  gulong        caller_id;
  GSource      *timer;
  gboolean      expired;
} MistralDeadline;

void mistral_deadline_init  (MistralDeadline *deadline,
                             GCancellable    *caller);
void mistral_deadline_start (MistralDeadline *deadline,
                             guint            seconds,
                             GMainContext    *context);
void mistral_deadline_stop  (MistralDeadline *deadline);
void mistral_deadline_clear (MistralDeadline *deadline);

G_END_DECLS

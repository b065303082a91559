// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-deadline-private.h"

static gboolean
on_deadline (gpointer user_data)
{
  MistralDeadline *deadline = user_data;

  deadline->expired = TRUE;
  g_cancellable_cancel (deadline->cancellable);
  g_clear_pointer (&deadline->timer, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

void
mistral_deadline_init (MistralDeadline *deadline,
                       GCancellable    *caller)
{
  memset (deadline, 0, sizeof (*deadline));
  deadline->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      deadline->caller = g_object_ref (caller);
      deadline->caller_id = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled),
                                                   g_object_ref (deadline->cancellable), g_object_unref);
    }
}

/* (Re)starts the timer; 0 seconds means no limit. */
void
mistral_deadline_start (MistralDeadline *deadline,
                        guint            seconds,
                        GMainContext    *context)
{
  mistral_deadline_stop (deadline);
  if (seconds == 0)
    return;

  /* Not g_timeout_source_new_seconds(): it rounds to GLib's per-second
   * wakeup and may fire up to a quarter of a second early, which a
   * one-second timeout would feel. */
  deadline->timer = g_timeout_source_new (MIN (seconds, G_MAXUINT / 1000) * 1000);
  g_source_set_callback (deadline->timer, on_deadline, deadline, NULL);
  g_source_attach (deadline->timer, context);
}

void
mistral_deadline_stop (MistralDeadline *deadline)
{
  if (deadline->timer == NULL)
    return;

  g_source_destroy (deadline->timer);
  g_clear_pointer (&deadline->timer, g_source_unref);
}

void
mistral_deadline_clear (MistralDeadline *deadline)
{
  mistral_deadline_stop (deadline);
  if (deadline->caller_id != 0)
    g_cancellable_disconnect (deadline->caller, deadline->caller_id);
  g_clear_object (&deadline->caller);
  g_clear_object (&deadline->cancellable);
}

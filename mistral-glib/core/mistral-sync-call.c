// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-sync-call-private.h"

/* Each thread keeps one context for its blocking calls: making a context
 * (and its wakeup file descriptor) per call cost more than a request to a
 * local server. */
static GPrivate sync_context = G_PRIVATE_INIT ((GDestroyNotify) g_main_context_unref);

void
mistral_sync_call_begin (MistralSyncCall *call)
{
  GMainContext *context = g_private_get (&sync_context);

  if (context == NULL)
    {
      context = g_main_context_new ();
      g_private_set (&sync_context, context);
    }

  /* A blocking call made from a callback of another one, on this thread,
   * must not run the outer call's sources: it gets a context of its own. */
  if (g_main_context_is_owner (context))
    context = NULL;

  call->context = context != NULL ? g_main_context_ref (context) : g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

void
mistral_sync_call_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MistralSyncCall *call = user_data;

  call->result = g_object_ref (result);
}

GAsyncResult *
mistral_sync_call_wait (MistralSyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

void
mistral_sync_call_end (MistralSyncCall *call)
{
  /* Let sources that were cancelled on this context run their teardown. */
  while (g_main_context_pending (call->context))
    g_main_context_iteration (call->context, FALSE);
  g_main_context_pop_thread_default (call->context);
  g_clear_object (&call->result);
  g_clear_pointer (&call->context, g_main_context_unref);
}

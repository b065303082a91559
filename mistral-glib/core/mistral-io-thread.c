// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-io-thread-private.h"

static GMainContext *io_context;
static gsize started = 0;

static gpointer
io_thread_main (gpointer user_data)
{
  GMainContext *context = user_data;

  /* libsoup attaches its sources to the thread-default context. */
  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* Started on first use, and never stopped: like GDBus's worker, it lives
 * as long as the process, idle in poll() when there is nothing to do. */
GMainContext *
mistral_io_thread_get_context (void)
{
  if (g_once_init_enter (&started))
    {
      io_context = g_main_context_new ();
      g_thread_unref (g_thread_new ("mistral-io", io_thread_main, io_context));
      g_once_init_leave (&started, 1);
    }

  return io_context;
}

gboolean
mistral_io_thread_is_running (void)
{
  return g_atomic_pointer_get (&started) != 0;
}

void
mistral_io_thread_invoke (GSourceFunc    func,
                          gpointer       data,
                          GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  /* Idles of equal priority run in the order they were attached, so a
   * close scheduled after a read runs after it. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[mistral-glib] I/O thread call");
  g_source_attach (source, mistral_io_thread_get_context ());
  g_source_unref (source);
}

static gboolean
unref_now (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

void
mistral_io_thread_unref (gpointer object)
{
  if (object != NULL)
    mistral_io_thread_invoke (unref_now, object, NULL);
}

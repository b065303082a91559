// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* What the two thread hops of a blocking call cost, with nothing else: R
 * round trips from a caller to a thread that sits in its own main context
 * (as the library's I/O thread does) and back, one after the other.
 *
 *   thread-hop-bench R            # back as the library comes back: a GTask
 *                                 # made on the caller's context, returned
 *                                 # from the other thread, the caller
 *                                 # iterating that context (mistral-sync-call.c)
 *   thread-hop-bench R --cond     # back by a GMutex and a GCond
 *
 * Both go there by an idle attached to the thread's context (as
 * mistral_io_thread_invoke() does). Prints {"round_trips":INT,"seconds":FLOAT}
 * after 1,000 round trips of warm-up. `mistral-glib-bench BASE_URL many R`
 * makes two such hops per request. */

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GMainContext *far_context;
static GMutex lock;
static GCond cond;
static gboolean use_cond;
static gboolean done;

static gpointer
far_thread (gpointer user_data)
{
  g_main_context_push_thread_default (far_context);
  for (;;)
    g_main_context_iteration (far_context, TRUE);
  return NULL;
}

static gboolean
on_far_side (gpointer user_data)
{
  GTask *task = user_data;

  if (use_cond)
    {
      g_mutex_lock (&lock);
      done = TRUE;
      g_cond_signal (&cond);
      g_mutex_unlock (&lock);
      return G_SOURCE_REMOVE;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
on_back (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  done = TRUE;
}

static void
round_trip (GMainContext *context)
{
  GTask *task = use_cond ? NULL : g_task_new (NULL, NULL, on_back, NULL);
  GSource *idle = g_idle_source_new ();

  done = FALSE;
  g_source_set_callback (idle, on_far_side, task, NULL);
  g_source_attach (idle, far_context);
  g_source_unref (idle);

  if (use_cond)
    {
      g_mutex_lock (&lock);
      while (!done)
        g_cond_wait (&cond, &lock);
      g_mutex_unlock (&lock);
      return;
    }
  while (!done)
    g_main_context_iteration (context, TRUE);
}

int
main (int    argc,
      char **argv)
{
  GMainContext *context = g_main_context_new ();
  guint64 n;
  gint64 start;

  use_cond = argc == 3 && strcmp (argv[2], "--cond") == 0;
  if ((argc != 2 && !use_cond) || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &n, NULL))
    {
      g_printerr ("usage: thread-hop-bench R [--cond]\n");
      return 2;
    }

  far_context = g_main_context_new ();
  g_thread_unref (g_thread_new ("far", far_thread, NULL));
  g_main_context_push_thread_default (context);

  for (guint i = 0; i < 1000; i++)
    round_trip (context);
  start = g_get_monotonic_time ();
  for (guint64 i = 0; i < n; i++)
    round_trip (context);

  printf ("{\"round_trips\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f}\n",
          n, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

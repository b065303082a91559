// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-recycler-private.h"

/* A stream whose handler keeps nothing needs one object of each kind; a
 * few more cover a caller that keeps the last chunk or two. */
#define MAX_KEPT 8

struct _MistralRecycler
{
  GMutex lock;
  gboolean closed;
  guint n_kept;
  GObject *kept[MAX_KEPT];
  guint64 n_taken;
};

MistralRecycler *
mistral_recycler_new (void)
{
  MistralRecycler *self = g_atomic_rc_box_new0 (MistralRecycler);

  g_mutex_init (&self->lock);
  return self;
}

MistralRecycler *
mistral_recycler_ref (MistralRecycler *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
recycler_clear (MistralRecycler *self)
{
  /* Closed before its last reference went: nothing is kept. */
  g_assert (self->n_kept == 0);
  g_mutex_clear (&self->lock);
}

void
mistral_recycler_unref (MistralRecycler *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) recycler_clear);
}

void
mistral_recycler_close (MistralRecycler *self)
{
  GObject *kept[MAX_KEPT];
  guint n_kept;

  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  n_kept = self->n_kept;
  memcpy (kept, self->kept, n_kept * sizeof kept[0]);
  self->n_kept = 0;
  g_mutex_unlock (&self->lock);

  /* Outside the lock: each one's dispose calls put(), which now says no,
   * and its finalize drops its reference to the recycler. */
  for (guint i = 0; i < n_kept; i++)
    g_object_unref (kept[i]);

  mistral_recycler_unref (self);
}

gboolean
mistral_recycler_put (MistralRecycler *self,
                      GObject         *object)
{
  gboolean taken = FALSE;

  g_mutex_lock (&self->lock);
  if (!self->closed && self->n_kept < MAX_KEPT)
    {
      self->kept[self->n_kept++] = g_object_ref (object);
      taken = TRUE;
    }
  g_mutex_unlock (&self->lock);

  return taken;
}

gpointer
mistral_recycler_take (MistralRecycler *self,
                       GType            type)
{
  GObject *object = NULL;

  g_mutex_lock (&self->lock);
  for (guint i = self->n_kept; i > 0; i--)
    if (G_OBJECT_TYPE (self->kept[i - 1]) == type)
      {
        object = self->kept[i - 1];
        self->kept[i - 1] = self->kept[--self->n_kept];
        self->n_taken++;
        break;
      }
  g_mutex_unlock (&self->lock);

  return object;
}

guint64
mistral_recycler_get_n_taken (MistralRecycler *self)
{
  guint64 n;

  g_mutex_lock (&self->lock);
  n = self->n_taken;
  g_mutex_unlock (&self->lock);
  return n;
}

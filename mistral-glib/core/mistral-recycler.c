// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-recycler-private.h"

/* A stream whose handler keeps nothing needs one object of each kind; a
 * few more cover a caller that keeps the last chunk or two. */
#define MAX_KEPT 8

/* Lock-free, as it is used twice per object per event: put() may come
 * from any thread (wherever a last reference goes); take() and close()
 * come from the stream's thread only, so only put() races them. */
struct _MistralRecycler
{
  gint closed;
  GObject *kept[MAX_KEPT];   /* atomic */
  guint64 n_taken;           /* only read and written by the stream's thread */
};

MistralRecycler *
mistral_recycler_new (void)
{
  return g_atomic_rc_box_new0 (MistralRecycler);
}

MistralRecycler *
mistral_recycler_ref (MistralRecycler *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
mistral_recycler_unref (MistralRecycler *self)
{
  g_atomic_rc_box_release (self);
}

void
mistral_recycler_close (MistralRecycler *self)
{
  if (self == NULL)
    return;

  g_atomic_int_set (&self->closed, TRUE);
  /* Each one's dispose calls put(), which now says no, and its finalize
   * drops its reference to the recycler. */
  for (guint i = 0; i < MAX_KEPT; i++)
    {
      GObject *object = g_atomic_pointer_exchange (&self->kept[i], NULL);

      if (object != NULL)
        g_object_unref (object);
    }

  mistral_recycler_unref (self);
}

gboolean
mistral_recycler_put (MistralRecycler *self,
                      GObject         *object)
{
  if (g_atomic_int_get (&self->closed))
    return FALSE;

  /* Resurrected first, with the reference the recycler will hold: once in
   * a slot, the stream's thread may take it at once. Giving that reference
   * back below is not the last one (dispose's caller holds one). */
  g_object_ref (object);
  for (guint i = 0; i < MAX_KEPT; i++)
    if (g_atomic_pointer_get (&self->kept[i]) == NULL &&
        g_atomic_pointer_compare_and_exchange (&self->kept[i], NULL, object))
      {
        /* A close() that came meanwhile may have missed it: taken back out
         * if it is still there, else close() (or a take()) has it. */
        if (g_atomic_int_get (&self->closed) &&
            g_atomic_pointer_compare_and_exchange (&self->kept[i], object, NULL))
          break;
        return TRUE;
      }

  g_object_unref (object);
  return FALSE;
}

gpointer
mistral_recycler_take (MistralRecycler *self,
                       GType            type)
{
  for (guint i = MAX_KEPT; i > 0; i--)
    {
      GObject *object = g_atomic_pointer_get (&self->kept[i - 1]);

      /* Only put() runs meanwhile, and it never empties a slot it did
       * not fill: the object is there until taken. */
      if (object != NULL && G_OBJECT_TYPE (object) == type &&
          g_atomic_pointer_compare_and_exchange (&self->kept[i - 1], object, NULL))
        {
          self->n_taken++;
          return object;
        }
    }
  return NULL;
}

guint64
mistral_recycler_get_n_taken (MistralRecycler *self)
{
  return self->n_taken;
}

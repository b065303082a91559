// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* A recycler takes back the objects a stream makes by the thousand (its
 * chunks and their delta messages) when their last reference goes, so
 * that the next event reuses one instead of making and freeing a GObject
 * (about 3,000 instructions in GLib 2.74, a third of a chunk's cost).
 *
 * Only public GObject means are used: a recyclable object's dispose, once
 * it has chained up (weak references notified, signal handlers gone, as
 * for any object that dies), hands the object to mistral_recycler_put(),
 * which keeps it with a new reference: GObject lets dispose resurrect an
 * object (g_object_unref() then only drops the reference it was
 * dropping). No one else holds it at that point, so it is as good as a
 * new one once its class has emptied it. The same pattern as GStreamer's
 * buffer pools.
 *
 * One way in is not the last reference going: g_object_run_dispose() on a
 * chunk someone still holds would hand it over while it is held. Nothing
 * in the library does that, and an application has no reason to.
 *
 * The last reference may go in any thread (a caller may keep a chunk and
 * release it elsewhere): put is thread-safe; take and close are for the
 * stream's thread. Once closed (when the stream goes), a recycler lets go
 * of what it held and takes nothing more. */

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _MistralRecycler MistralRecycler;

MistralRecycler *mistral_recycler_new   (void);
MistralRecycler *mistral_recycler_ref   (MistralRecycler *self);
void             mistral_recycler_unref (MistralRecycler *self);
/* Closes and drops the caller's reference. */
void             mistral_recycler_close (MistralRecycler *self);

/* From @object's dispose, after chaining up: TRUE if the recycler took
 * @object (with a reference of its own), FALSE if it is closed or full
 * (and @object goes on to be finalized). */
gboolean         mistral_recycler_put   (MistralRecycler *self,
                                         GObject         *object);
/* An object of exactly @type given back earlier (transfer full), or NULL. */
gpointer         mistral_recycler_take  (MistralRecycler *self,
                                         GType            type);

/* For tests, from the stream's thread: how many objects take() gave back
 * for reuse. */
guint64          mistral_recycler_get_n_taken (MistralRecycler *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralRecycler, mistral_recycler_unref)

G_END_DECLS

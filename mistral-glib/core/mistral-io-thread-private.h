// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The library's I/O thread: the one thread, and the one main context, in
 * which the library drives libsoup. Callers' threads and contexts never
 * touch a SoupSession, a SoupMessage or a body stream of libsoup's; they
 * get their results back on their own thread-default context (as GDBus does
 * with its worker thread).
 *
 * Why: libsoup 3.2 ties an HTTP/2 connection to the thread that first used
 * it (soup_connection_get_owner() is a GThread), and attaches that
 * connection's read source to the thread-default main context of that
 * moment. A second request on the same thread from another context (a
 * blocking call after an async one, or the other way round) reuses the
 * connection, but its frames are read only when the first context runs:
 * the request hangs, and neither a cancel nor a timeout can end it. With
 * one thread and one context for all of libsoup, every connection is used
 * where it was made. */

#include <glib.h>
#include <glib-object.h>

G_BEGIN_DECLS

GMainContext *mistral_io_thread_get_context (void);
/* Whether the thread was started: until a first request, no libsoup object
 * has been used anywhere but in the thread that made it. */
gboolean      mistral_io_thread_is_running  (void);

/* Runs @func (@data) in the I/O thread, at default priority, after what was
 * scheduled before it; then @notify (@data), if any. */
void          mistral_io_thread_invoke      (GSourceFunc    func,
                                             gpointer       data,
                                             GDestroyNotify notify);

/* Drops a reference in the I/O thread: for libsoup objects whose last
 * reference would otherwise go in a caller's thread. */
void          mistral_io_thread_unref       (gpointer       object);

G_END_DECLS

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* Opens connections to an HTTP/1.x host side by side, where libsoup 3.2
 * would open them one after the other.
 *
 * libsoup 3.2 makes a request that may reuse a connection (an IDEMPOTENT
 * one, as all of ours that can be resent) wait while another connection of
 * its thread is still being opened, in case that one turns out to speak
 * HTTP/2 and can carry both (soup_connection_manager_get_connection_locked()).
 * Over HTTP/1.x it never can, so C requests started at once open their C
 * connections in turn: C times the time to connect (a round trip, a TLS
 * handshake) before the last is sent. A preconnection
 * (soup_session_preconnect_async()) never waits, and a waiting request
 * takes one over while it is still connecting; so while requests to such a
 * host wait for a connection, the opener keeps as many preconnections
 * going as there are requests waiting. Requests beyond the connections
 * the session allows to the host are held back until one is free
 * (mistral_connection_opener_hold()).
 *
 * A host is HTTP/1.x when the URL is http:// (libsoup speaks HTTP/2 only
 * over TLS) or when its last reply over https:// came over HTTP/1.x. Over
 * HTTP/2, waiting is right: one connection carries every request.
 *
 * One opener per client. Its state is touched only in the I/O thread; its
 * preconnections hold a reference, as they may end after the client. */

#include <libsoup/soup.h>

#include "mistral-client.h"

G_BEGIN_DECLS

typedef struct _MistralConnectionOpener MistralConnectionOpener;

MistralConnectionOpener *mistral_connection_opener_new   (void);
void                     mistral_connection_opener_unref (MistralConnectionOpener *self);

typedef void (*MistralConnectionOpenerFunc) (gpointer user_data);

gpointer mistral_connection_opener_hold     (MistralConnectionOpener     *self,
                                             SoupSession                 *session,
                                             SoupMessage                 *message,
                                             MistralConnectionOpenerFunc  func,
                                             gpointer                     user_data);
void     mistral_connection_opener_withdraw (MistralConnectionOpener     *self,
                                             gpointer                     turn);

gboolean mistral_connection_opener_wait    (MistralConnectionOpener *self,
                                            SoupSession             *session,
                                            SoupMessage             *message);
void     mistral_connection_opener_started (MistralConnectionOpener *self);
void     mistral_connection_opener_done    (MistralConnectionOpener *self,
                                            gboolean                 started);
void     mistral_connection_opener_learn   (MistralConnectionOpener *self,
                                            SoupMessage             *message);

/* For tests, from any thread: whether nothing is counted, held or being
 * opened, as when every request has ended. */
gboolean mistral_connection_opener_is_idle (MistralConnectionOpener *self);

/* The client's opener (mistral-client.c), shared by all its requests. */
MistralConnectionOpener *mistral_client_get_connection_opener (MistralClient *client);

G_END_DECLS

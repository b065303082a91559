// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-connection-opener-private.h"

struct _MistralConnectionOpener {
  guint waiting;        /* requests sent and not yet given a connection */
  guint busy;           /* requests on a connection, not yet done */
  guint opening;        /* preconnections in flight */
  guint limit;          /* the session's connections per host, as last seen */
  GQueue held;          /* of Turn: requests not sent yet, for want of a connection */
  GSource *release;     /* sends what was held, once there is room */
  char *http1_host;     /* "host:port" of the https:// host whose last reply was HTTP/1.x */
};

typedef struct {
  MistralConnectionOpenerFunc func;
  gpointer user_data;
} Turn;

MistralConnectionOpener *
mistral_connection_opener_new (void)
{
  return g_atomic_rc_box_new0 (MistralConnectionOpener);
}

static void
opener_clear (MistralConnectionOpener *self)
{
  /* A held request holds the client, and a release due the opener. */
  g_assert (g_queue_is_empty (&self->held) && self->release == NULL);
  g_free (self->http1_host);
}

void
mistral_connection_opener_unref (MistralConnectionOpener *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) opener_clear);
}

static char *
host_key (GUri *uri)
{
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

static gboolean
speaks_http1 (MistralConnectionOpener *self,
              GUri                    *uri)
{
  g_autofree char *key = NULL;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0)
    return TRUE;
  if (self->http1_host == NULL)
    return FALSE;
  key = host_key (uri);
  return g_ascii_strcasecmp (key, self->http1_host) == 0;
}

static void
on_preconnected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MistralConnectionOpener *self = user_data;

  /* A failure is the business of the request that took the connection
   * over, if one did; otherwise there is nobody to tell. */
  soup_session_preconnect_finish (SOUP_SESSION (source), result, NULL);
  self->opening--;
  mistral_connection_opener_unref (self);
}

/* mistral_connection_opener_wait:
 * @self: the client's opener
 * @session: the session @message is about to be sent on
 * @message: a request that may wait for a connection
 *
 * Counts @message as waiting for a connection if it goes to an HTTP/1.x
 * host, and starts a connection for it if others wait too; to be called
 * just before @message is sent. mistral_connection_opener_started() is
 * then due when it gets one (SoupMessage::starting), and
 * mistral_connection_opener_done() when it ends, started or not.
 *
 * Returns whether @message is counted.
 */
gboolean
mistral_connection_opener_wait (MistralConnectionOpener *self,
                                SoupSession             *session,
                                SoupMessage             *message)
{
  GUri *uri = soup_message_get_uri (message);

  if (!speaks_http1 (self, uri))
    return FALSE;

  /* While others wait, libsoup makes this one wait too; a preconnection
   * started just before it is the newest connection when libsoup looks
   * for one for it, and it takes that one over. A request alone opens
   * its own connection, or reuses an idle one (the 1 below). No more
   * are opened than the session allows to the host. */
  self->limit = (guint) MAX (soup_session_get_max_conns_per_host (session), 1);
  if (self->waiting > 0 && self->busy + MAX (self->waiting, self->opening + 1) < self->limit)
    {
      g_autoptr(SoupMessage) preconnect = soup_message_new_from_uri (SOUP_METHOD_HEAD, uri);

      self->opening++;
      soup_session_preconnect_async (session, preconnect, G_PRIORITY_DEFAULT, NULL, on_preconnected,
                                     g_atomic_rc_box_acquire (self));
    }
  self->waiting++;
  return TRUE;
}

void
mistral_connection_opener_started (MistralConnectionOpener *self)
{
  g_assert (self->waiting > 0);
  self->waiting--;
  self->busy++;
}

static gboolean
has_room (MistralConnectionOpener *self)
{
  return self->busy + self->waiting < self->limit;
}

static gboolean
on_release (gpointer user_data)
{
  MistralConnectionOpener *self = user_data;

  g_clear_pointer (&self->release, g_source_unref);
  while (!g_queue_is_empty (&self->held) && has_room (self))
    {
      Turn *turn = g_queue_pop_head (&self->held);
      MistralConnectionOpenerFunc func = turn->func;
      gpointer turn_data = turn->user_data;

      g_free (turn);
      /* It sends, and so counts as waiting. */
      func (turn_data);
    }
  return G_SOURCE_REMOVE;
}

void
mistral_connection_opener_done (MistralConnectionOpener *self,
                                gboolean                 started)
{
  if (started)
    {
      g_assert (self->busy > 0);
      self->busy--;
    }
  else
    {
      g_assert (self->waiting > 0);
      self->waiting--;
    }

  /* Not from here: this may run inside libsoup's own callbacks. */
  if (!g_queue_is_empty (&self->held) && has_room (self) && self->release == NULL)
    {
      self->release = g_idle_source_new ();
      g_source_set_priority (self->release, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->release, on_release, g_atomic_rc_box_acquire (self),
                             (GDestroyNotify) mistral_connection_opener_unref);
      g_source_set_static_name (self->release, "[mistral-glib] connection turn");
      g_source_attach (self->release, g_main_context_get_thread_default ());
    }
}

/* mistral_connection_opener_hold:
 * @self: the client's opener
 * @session: the session @message is to be sent on
 * @message: a request about to be sent
 * @func: what sends it
 * @user_data: for @func
 *
 * Holds @message back if it goes to an HTTP/1.x host whose connections
 * (as many as @session allows) are all taken or promised: @func is then
 * called when one is free, in this thread, unless
 * mistral_connection_opener_withdraw() comes first.
 *
 * libsoup 3.2 would hold it too, at a price: while connections are being
 * opened, each of its passes over its queue walks the whole queue again
 * for each request that waits (soup_session_steal_preconnection()), and
 * there is a pass for every connection opened and every reply; with 384
 * requests for 256 connections, that was most of the time they took.
 *
 * Returns the turn to withdraw, or %NULL to send now.
 */
gpointer
mistral_connection_opener_hold (MistralConnectionOpener     *self,
                                SoupSession                 *session,
                                SoupMessage                 *message,
                                MistralConnectionOpenerFunc  func,
                                gpointer                     user_data)
{
  Turn *turn;

  if (!speaks_http1 (self, soup_message_get_uri (message)))
    return NULL;
  self->limit = (guint) MAX (soup_session_get_max_conns_per_host (session), 1);
  /* First come, first served: nobody overtakes what is held. */
  if (has_room (self) && g_queue_is_empty (&self->held))
    return NULL;

  turn = g_new (Turn, 1);
  turn->func = func;
  turn->user_data = user_data;
  g_queue_push_tail (&self->held, turn);
  return turn;
}

void
mistral_connection_opener_withdraw (MistralConnectionOpener *self,
                                    gpointer                 turn)
{
  gboolean found = g_queue_remove (&self->held, turn);

  g_assert (found);
  g_free (turn);
}

gboolean
mistral_connection_opener_is_idle (MistralConnectionOpener *self)
{
  /* Read while the I/O thread may write: atomically, though it keeps
   * them without atomics, which is enough to see them settle. */
  return g_atomic_int_get (&self->waiting) == 0 && g_atomic_int_get (&self->busy) == 0 &&
         g_atomic_int_get (&self->opening) == 0 && g_atomic_pointer_get (&self->held.head) == NULL;
}

/* After a reply's headers: whether its https:// host speaks HTTP/1.x. */
void
mistral_connection_opener_learn (MistralConnectionOpener *self,
                                 SoupMessage             *message)
{
  GUri *uri = soup_message_get_uri (message);
  gboolean http2 = soup_message_get_http_version (message) == SOUP_HTTP_2_0;
  g_autofree char *key = NULL;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 || (http2 && self->http1_host == NULL))
    return;
  key = host_key (uri);
  if (http2)
    {
      if (g_strcmp0 (key, self->http1_host) == 0)
        g_clear_pointer (&self->http1_host, g_free);
    }
  else if (g_strcmp0 (key, self->http1_host) != 0)
    {
      g_free (self->http1_host);
      self->http1_host = g_steal_pointer (&key);
    }
}

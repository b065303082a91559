// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-cache.h"

/**
 * MistralCache:
 *
 * Where a client keeps the replies it got, so that asking again does not
 * go to the network: set one as [property@Mistral.Client:cache].
 * [class@Mistral.FileCache] keeps them in a directory; an application or a
 * binding implements this interface for any other store (a database, a
 * cache shared by several processes, a cache in memory).
 *
 * A reply is kept under its key, the SHA-256, in lowercase hexadecimal, of
 * the request's method, path (with its query) and JSON body. Only replies
 * of requests that are safe to answer again are looked up and stored:
 * chat and FIM completions (plain, and streams that ran to their end, kept
 * as their raw event stream and replayed event by event), embeddings,
 * moderation and classification, and OCR. The calls on models (the list,
 * the search, a model card) are never cached, as in the Go client: the
 * models change over time, and a [class@Mistral.ModelList] reloaded must
 * show the new list. Deleting a model, and anything else with a side
 * effect, always goes to the network. Only successful replies are stored.
 *
 * A hit is answered without sending anything (the rate limiter and the
 * retries are not involved), and parsed as a reply from the network would
 * be: a body the cache returns that is not a valid reply fails the call as
 * an invalid response would. A cache is therefore trusted to return what
 * was stored under a key or nothing.
 *
 * ## Threads
 *
 * The methods are called on the thread that made the request (the thread
 * whose thread-default main context the call returns to, or the thread of
 * a blocking call), never on the library's own I/O thread: so that a cache
 * written in JavaScript, which GJS runs on its main thread only, works as
 * one in Python or Vala does. They block that thread: they should return
 * quickly. A cache used by clients on several threads is called from each
 * of them, and must be thread-safe; [class@Mistral.FileCache] is.
 *
 * A failure of the cache (a lookup or a store that fails with an error) is
 * never the request's failure: a lookup that fails is a miss, a store that
 * fails is logged. Hits, misses and stores are debug messages of the
 * `Mistral` log domain (`G_MESSAGES_DEBUG=Mistral`).
 *
 * In GJS (1.74), copy the body a `store` implementation is given
 * (`new GLib.Bytes(body.toArray())`) before keeping it: GJS takes no
 * reference to a `GLib.Bytes` passed to a virtual method.
 *
 * ## Usage
 *
 * A cache in memory, in Python:
 *
 * ```python
 * class MemoryCache(GObject.Object, Mistral.Cache):
 *     def __init__(self):
 *         super().__init__()
 *         self.entries = {}
 *
 *     def do_lookup(self, key):
 *         return self.entries.get(key)
 *
 *     def do_store(self, key, body):
 *         self.entries[key] = body
 *         return True
 *
 * client.props.cache = MemoryCache()
 * ```
 *
 * Since: 1.0
 */

G_DEFINE_INTERFACE (MistralCache, mistral_cache, G_TYPE_OBJECT)

static void
mistral_cache_default_init (MistralCacheInterface *iface)
{
}

/**
 * mistral_cache_lookup: (virtual lookup)
 * @self: a cache
 * @key: the key, 64 lowercase hexadecimal digits
 * @error: return location for a #GError
 *
 * Looks up the body stored under @key.
 *
 * Returns: (transfer full) (nullable): the body stored under @key, or
 *   %NULL for a miss (with @error unset) or a failure
 *
 * Since: 1.0
 */
GBytes *
mistral_cache_lookup (MistralCache  *self,
                      const char    *key,
                      GError       **error)
{
  MistralCacheInterface *iface;

  g_return_val_if_fail (MISTRAL_IS_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = MISTRAL_CACHE_GET_IFACE (self);
  g_return_val_if_fail (iface->lookup != NULL, NULL);

  return iface->lookup (self, key, error);
}

/**
 * mistral_cache_store: (virtual store)
 * @self: a cache
 * @key: the key, 64 lowercase hexadecimal digits
 * @body: the reply's body
 * @error: return location for a #GError
 *
 * Keeps @body under @key, in place of what was there.
 *
 * Returns: whether @body was stored
 *
 * Since: 1.0
 */
gboolean
mistral_cache_store (MistralCache  *self,
                     const char    *key,
                     GBytes        *body,
                     GError       **error)
{
  MistralCacheInterface *iface;

  g_return_val_if_fail (MISTRAL_IS_CACHE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MISTRAL_CACHE_GET_IFACE (self);
  g_return_val_if_fail (iface->store != NULL, FALSE);

  return iface->store (self, key, body, error);
}

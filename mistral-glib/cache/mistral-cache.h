// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_CACHE (mistral_cache_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_INTERFACE (MistralCache, mistral_cache, MISTRAL, CACHE, GObject)

/**
 * MistralCacheInterface:
 * @g_iface: the parent interface
 * @lookup: returns the body stored under a key, or %NULL for a miss
 * @store: keeps a body under a key
 *
 * The virtual methods of [iface@Mistral.Cache]. Both are called on the
 * thread that made the request, and should return quickly.
 *
 * Since: 1.0
 */
struct _MistralCacheInterface
{
  GTypeInterface g_iface;

  GBytes *  (*lookup) (MistralCache  *self,
                       const char    *key,
                       GError       **error);
  gboolean  (*store)  (MistralCache  *self,
                       const char    *key,
                       GBytes        *body,
                       GError       **error);
};

MISTRAL_AVAILABLE_IN_1_0
GBytes   *mistral_cache_lookup (MistralCache  *self,
                                const char    *key,
                                GError       **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean  mistral_cache_store  (MistralCache  *self,
                                const char    *key,
                                GBytes        *body,
                                GError       **error);

G_END_DECLS

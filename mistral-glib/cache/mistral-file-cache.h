// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-cache.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_FILE_CACHE (mistral_file_cache_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralFileCache, mistral_file_cache, MISTRAL, FILE_CACHE, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralFileCache *mistral_file_cache_new           (GFile            *directory);
MISTRAL_AVAILABLE_IN_1_0
GFile            *mistral_file_cache_get_directory (MistralFileCache *self);

G_END_DECLS

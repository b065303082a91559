// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include "mistral-file.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

#define MISTRAL_TYPE_FILE_QUERY (mistral_file_query_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralFileQuery, mistral_file_query, MISTRAL, FILE_QUERY, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralFileQuery   *mistral_file_query_new           (void);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_file_query_get_page      (MistralFileQuery   *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_file_query_set_page      (MistralFileQuery   *self,
                                                      guint               page);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_file_query_get_page_size (MistralFileQuery   *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_file_query_set_page_size (MistralFileQuery   *self,
                                                      guint               page_size);
MISTRAL_AVAILABLE_IN_1_0
MistralFilePurpose  mistral_file_query_get_purpose   (MistralFileQuery   *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_file_query_set_purpose   (MistralFileQuery   *self,
                                                      MistralFilePurpose  purpose);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_file_query_get_search    (MistralFileQuery   *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_file_query_set_search    (MistralFileQuery   *self,
                                                      const char         *search);

G_END_DECLS

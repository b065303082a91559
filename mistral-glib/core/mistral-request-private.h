// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* What the request types of every area share: their checks of the API's
 * ranges, and their string-list fields. */

#include <glib-object.h>

G_BEGIN_DECLS

/* Whether @value lies in the API's range for @name: above @min (or at it,
 * when @min_inclusive) and at most @max. NaN is never in range. Else
 * MISTRAL_ERROR_INVALID_REQUEST, naming @name and the range. */
gboolean mistral_request_check_range  (const char          *name,
                                       double               value,
                                       double               min,
                                       gboolean             min_inclusive,
                                       double               max,
                                       GError             **error);

/* Replaces *@field by a copy of @value (NULL: none); returns whether it
 * changed, for the caller to notify. */
gboolean mistral_request_replace_strv (GStrv               *field,
                                       const char * const  *value);

/* An optional option and its `*-set` companion (the GTK
 * `foreground`/`foreground-set` convention): stores @value (an int, an enum
 * or a boolean) in *@field and marks it set in *@flag, notifying
 * @value_pspec and @flag_pspec only when they changed. */
void     mistral_request_set_option   (GObject             *self,
                                       int                 *field,
                                       gboolean            *flag,
                                       int                  value,
                                       GParamSpec          *value_pspec,
                                       GParamSpec          *flag_pspec);
/* Sets a `*-set` flag alone, notifying @pspec when it changed. */
void     mistral_request_set_flag     (GObject             *self,
                                       gboolean            *flag,
                                       gboolean             value,
                                       GParamSpec          *pspec);

G_END_DECLS

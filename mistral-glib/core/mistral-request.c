// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-error.h"
#include "mistral-request-private.h"

gboolean
mistral_request_check_range (const char  *name,
                             double       value,
                             double       min,
                             gboolean     min_inclusive,
                             double       max,
                             GError     **error)
{
  /* Written so that NaN fails every comparison and is refused. */
  if ((min_inclusive ? value >= min : value > min) && value <= max)
    return TRUE;

  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
               "%s is %g; it must be %s %g and at most %g",
               name, value, min_inclusive ? "at least" : "greater than", min, max);
  return FALSE;
}

gboolean
mistral_request_replace_strv (GStrv              *field,
                              const char * const *value)
{
  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *) *field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}

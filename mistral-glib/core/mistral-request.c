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

void
mistral_request_set_option (GObject    *self,
                            int        *field,
                            gboolean   *flag,
                            int         value,
                            GParamSpec *value_pspec,
                            GParamSpec *flag_pspec)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (self, value_pspec);
    }
  if (!*flag)
    {
      *flag = TRUE;
      g_object_notify_by_pspec (self, flag_pspec);
    }
}

void
mistral_request_set_flag (GObject    *self,
                          gboolean   *flag,
                          gboolean    value,
                          GParamSpec *pspec)
{
  if (*flag == !!value)
    return;
  *flag = !!value;
  g_object_notify_by_pspec (self, pspec);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <math.h>

#include "mistral-rate-limiter-private.h"

/* Takes a token, now or in the future: returns how many microseconds to
 * wait before the attempt may go, 0 to go at once. A @rate of 0 or less
 * is no limit. */
gint64
mistral_rate_limiter_reserve (MistralRateLimiter *self,
                              double              rate,
                              guint               burst,
                              gint64              now)
{
  if (rate <= 0)
    return 0;

  burst = MAX (burst, 1);
  if (!self->started)
    {
      self->started = TRUE;
      self->tokens = burst;
      self->last = now;
    }

  self->tokens = MIN ((double) burst, self->tokens + (now - self->last) * rate / G_USEC_PER_SEC);
  self->last = now;
  self->tokens -= 1;
  if (self->tokens >= 0)
    return 0;

  return (gint64) ceil (-self->tokens / rate * G_USEC_PER_SEC);
}

/* A request that waited and was cancelled gives its token back. */
void
mistral_rate_limiter_cancel (MistralRateLimiter *self)
{
  self->tokens += 1;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The client-side rate limiter (the Go client's, x/time/rate): a token
 * bucket of @burst tokens, refilled at @rate a second. Each attempt of a
 * request takes a token; without one it waits its turn. Its state is
 * touched only in the I/O thread, so it needs no lock. */

#include "mistral-client.h"

G_BEGIN_DECLS

typedef struct {
  double   tokens;   /* may go below zero: tokens already promised */
  gint64   last;     /* monotonic time of the last update */
  gboolean started;
} MistralRateLimiter;

gint64 mistral_rate_limiter_reserve (MistralRateLimiter *self,
                                     double              rate,
                                     guint               burst,
                                     gint64              now);
void   mistral_rate_limiter_cancel  (MistralRateLimiter *self);

/* The client's limiter (mistral-client.c), shared by all its requests. */
MistralRateLimiter *mistral_client_get_rate_limiter (MistralClient *client);

G_END_DECLS

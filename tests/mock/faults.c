// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * faults.c: faults injected into a share of the default replies, for
 * soak tests (mock_server_set_faults()).
 */

#include "mock-server-private.h"

/* A stalled plain reply that "never" comes: the client's timeout or its
 * going away ends it first. */
#define FAULT_STALL_FOREVER_MS (24 * 60 * 60 * 1000)

typedef enum {
  FAULT_NONE,
  FAULT_429,
  FAULT_503,
  FAULT_RESET,
  FAULT_STALL,
  FAULT_CUT,
} Fault;

/* One draw per request, so that a seed gives the same faults in the same
 * order whatever the replies are. */
static Fault
fault_pick (MockServer *self,
            gboolean    stream)
{
  MockFaults *f = &self->faults;
  Fault fault = FAULT_NONE;
  double r;

  g_mutex_lock (&self->lock);
  if (self->fault_rand)
    {
      r = g_rand_double (self->fault_rand);
      if ((r -= f->rate_429) < 0)
        fault = FAULT_429;
      else if ((r -= f->rate_503) < 0)
        fault = FAULT_503;
      else if ((r -= f->rate_reset) < 0)
        fault = FAULT_RESET;
      else if ((r -= f->rate_stall) < 0)
        fault = FAULT_STALL;
      else if ((r -= f->rate_cut) < 0 && stream)
        fault = FAULT_CUT;   /* a plain reply has no middle to cut */

      switch (fault)
        {
        case FAULT_429: self->fault_counts.n_429++; break;
        case FAULT_503: self->fault_counts.n_503++; break;
        case FAULT_RESET: self->fault_counts.n_reset++; break;
        case FAULT_STALL: self->fault_counts.n_stall++; break;
        case FAULT_CUT: self->fault_counts.n_cut++; break;
        case FAULT_NONE: break;
        }
    }
  g_mutex_unlock (&self->lock);
  return fault;
}

/* Draws the fault of a default reply (an area's own answer, never a
 * scripted one): returns @reply (consumed) as it is when no fault falls
 * on it, or what the fault makes of it.  A stall or a cut in a stream
 * comes after half of its events, so that the client has chunks in hand
 * when it ends. */
MockReply *
mock_faults_apply (MockServer *self,
                   MockReply  *reply)
{
  Fault fault = fault_pick (self, reply->kind == MOCK_REPLY_STREAM);
  g_autofree char *retry_after = NULL;
  guint stall_ms;

  switch (fault)
    {
    case FAULT_NONE:
      return reply;
    case FAULT_429:
      mock_reply_free (reply);
      reply = mock_error_reply (429,
                                "{\"object\":\"error\",\"message\":\"Rate limit exceeded\","
                                "\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
      g_mutex_lock (&self->lock);
      retry_after = g_strdup_printf ("%u", self->faults.retry_after);
      g_mutex_unlock (&self->lock);
      mock_reply_add_header (reply, "Retry-After", retry_after);
      return reply;
    case FAULT_503:
      mock_reply_free (reply);
      return mock_magic_error_reply (SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    case FAULT_RESET:
      mock_reply_free (reply);
      return mock_reply_new_reset ();
    case FAULT_STALL:
    case FAULT_CUT:
      break;
    }

  if (reply->kind != MOCK_REPLY_STREAM)
    {
      g_mutex_lock (&self->lock);
      stall_ms = self->faults.stall_ms;
      g_mutex_unlock (&self->lock);
      mock_reply_set_delay_ms (reply, stall_ms > 0 ? stall_ms : FAULT_STALL_FOREVER_MS);
    }
  else if (fault == FAULT_STALL)
    {
      g_ptr_array_set_size (reply->items, reply->items->len / 2);
      mock_reply_set_stall (reply, TRUE);
    }
  else
    {
      mock_reply_set_close_after (reply, reply->items->len / 2);
    }
  return reply;
}

/**
 * mock_server_set_faults:
 * @faults: (nullable): the share of each fault, or %NULL for none
 * @seed: seeds the draws: the same seed gives the same faults in the same
 *   order of requests
 *
 * Makes a share of the default replies fail (scripted replies, magic
 * models and bench replies never do): 429 with Retry-After, 503, a
 * connection reset before any response byte, a stall (a plain reply that
 * comes after stall_ms, or never; a stream that stops after half of its
 * events and stays open), or, for streams only, a connection closed after
 * half of the events.  Resets the counts.
 */
void
mock_server_set_faults (MockServer       *self,
                        const MockFaults *faults,
                        guint32           seed)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  memset (&self->faults, 0, sizeof self->faults);
  memset (&self->fault_counts, 0, sizeof self->fault_counts);
  if (faults)
    {
      self->faults = *faults;
      self->fault_rand = g_rand_new_with_seed (seed);
    }
  g_mutex_unlock (&self->lock);
}

/* How many faults of each kind were injected since they were set. */
void
mock_server_get_fault_counts (MockServer      *self,
                              MockFaultCounts *counts)
{
  g_mutex_lock (&self->lock);
  *counts = self->fault_counts;
  g_mutex_unlock (&self->lock);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Micro-benchmark of the event-stream parser alone: N F3-like chunks of
 * 205 bytes each ("data: {...}\n\n"), fed in pieces as a socket would give
 * them. The client's target is 1,000,000 events/s end to end, so the parser
 * should manage several times that.
 *
 *   sse-parser-bench [N] [PIECE_SIZE] [--crlf]
 */

#include <stdlib.h>
#include <string.h>

#include "mistral-sse-parser-private.h"

#define RING_EVENTS 4096  /* ~840 KB of distinct bytes, replayed */
#define RUNS 5

typedef struct {
  guint64 events;
  guint64 bytes;
  guint checksum;
} Sink;

static gboolean
on_event (const char *event,
          const char *data,
          gsize       length,
          gpointer    user_data)
{
  Sink *sink = user_data;

  /* Touch the data so that nothing is optimised away. */
  sink->events++;
  sink->bytes += length;
  sink->checksum += (guchar) data[0] + (guchar) data[length - 1];
  return TRUE;
}

/* A chunk like F3's second one: 205 bytes on the wire (207 with CRLF);
 * @i varies its content a little. */
static void
make_event (GString  *out,
            guint     i,
            gboolean  crlf)
{
  const char *eol = crlf ? "\r\n" : "\n";

  g_string_append_printf (out, "data: {\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\","
                               "\"created\":1767261602,\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,"
                               "\"delta\":{\"content\":\"%03u\"},\"finish_reason\":null}]}%s%s",
                          i % 1000, eol, eol);
}

int
main (int    argc,
      char **argv)
{
  guint64 n_events = 1000000;
  gsize piece = 16 * 1024;
  gboolean crlf = FALSE;
  g_autoptr(GString) ring = g_string_new (NULL);
  gsize event_size;
  double best = 0;

  for (int i = 1, positional = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--crlf") == 0)
        crlf = TRUE;
      else if (positional++ == 0)
        n_events = g_ascii_strtoull (argv[i], NULL, 10);
      else
        piece = g_ascii_strtoull (argv[i], NULL, 10);
    }
  if (n_events == 0 || piece == 0)
    {
      g_printerr ("Usage: %s [N] [PIECE_SIZE] [--crlf]\n", argv[0]);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < RING_EVENTS; i++)
    make_event (ring, i, crlf);
  event_size = ring->len / RING_EVENTS;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
      guint64 total = n_events * event_size;
      guint64 fed = 0;
      gsize pos = 0;
      Sink sink = { 0 };
      gint64 start, elapsed;
      double seconds;

      start = g_get_monotonic_time ();
      while (fed < total)
        {
          /* Pieces stop at the end of the ring, which is an event boundary. */
          gsize n = MIN (piece, ring->len - pos);
          GError *error = NULL;

          n = MIN (n, total - fed);
          if (!mistral_sse_parser_feed (parser, ring->str + pos, n, on_event, &sink, NULL, &error))
            g_error ("%s", error->message);
          fed += n;
          pos += n;
          if (pos == ring->len)
            pos = 0;
        }
      elapsed = g_get_monotonic_time () - start;

      if (sink.events != n_events || !mistral_sse_parser_is_clean (parser))
        g_error ("parsed %" G_GUINT64_FORMAT " events, expected %" G_GUINT64_FORMAT, sink.events, n_events);

      seconds = MAX (elapsed, 1) / 1e6;
      g_print ("run %u: %.3f s, %.2f M events/s, %.0f MB/s (checksum %u)\n", run + 1, seconds,
               n_events / seconds / 1e6, total / seconds / 1e6, sink.checksum);
      if (best == 0 || seconds < best)
        best = seconds;
    }

  g_print ("best of %d: %" G_GUINT64_FORMAT " events of %" G_GSIZE_FORMAT " bytes%s in %" G_GSIZE_FORMAT "-byte pieces: "
           "%.0f events/s, %.0f MB/s\n",
           RUNS, n_events, event_size, crlf ? " (CRLF)" : "", piece,
           n_events / best, n_events * event_size / best / 1e6);
  return EXIT_SUCCESS;
}

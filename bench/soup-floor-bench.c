// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The floor under `mistral-glib-bench BASE_URL many R`: the same request,
 * sent R times in a row by libsoup alone (blocking, one session, no JSON
 * read or written), so that what mistral-glib adds can be told from what
 * libsoup itself costs. Run by hand, next to the other:
 *
 *   soup-floor-bench BASE_URL R
 *
 * Prints {"requests":INT,"bytes":INT,"seconds":FLOAT} after one warm-up. */

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char body[] =
  "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Count.\"}],\"max_tokens\":8}";

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *url = NULL;
  guint64 n, bytes = 0;
  gint64 start = 0;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &n, NULL))
    {
      g_printerr ("usage: soup-floor-bench BASE_URL R\n");
      return 2;
    }

  session = soup_session_new ();
  url = g_strconcat (argv[1], "/v1/chat/completions", NULL);

  /* i = 0 is the warm-up. */
  for (guint64 i = 0; i <= n; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) request = g_bytes_new_static (body, sizeof body - 1);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 1)
        start = g_get_monotonic_time ();
      if (message == NULL)
        {
          g_printerr ("soup-floor-bench: invalid URL %s\n", url);
          return 1;
        }
      soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", "Bearer bench");
      soup_message_set_request_body_from_bytes (message, "application/json", request);
      reply = soup_session_send_and_read (session, message, NULL, &error);
      if (reply == NULL)
        {
          g_printerr ("soup-floor-bench: %s\n", error->message);
          return 1;
        }
      if (i > 0)
        bytes += g_bytes_get_size (reply);
    }

  printf ("{\"requests\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f}\n",
          n, bytes, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return EXIT_SUCCESS;
}

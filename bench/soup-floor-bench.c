// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The floor under `mistral-glib-bench BASE_URL many R`: the same request,
 * sent R times in a row by libsoup alone (one session, no JSON read or
 * written), so that what mistral-glib adds can be told from what libsoup
 * itself costs. Run by hand, next to the other:
 *
 *   soup-floor-bench BASE_URL R           # asynchronous, on one main loop
 *   soup-floor-bench BASE_URL R --sync    # soup_session_send_and_read()
 *
 * The default is how the library drives libsoup (asynchronously, in its
 * I/O thread), one request after the other on a kept-alive connection.
 * --sync is libsoup's blocking call, which in libsoup 3.2 opens a new
 * connection for every request: it gives the connection back to the pool
 * from the main context, an iteration after the reply, and a loop of
 * blocking calls never iterates it.
 *
 * Prints {"requests":INT,"bytes":INT,"seconds":FLOAT} after one warm-up
 * (`strace -f -c -e trace=connect` counts the connections). */

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char body[] =
  "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Count.\"}],\"max_tokens\":8}";

typedef struct {
  SoupSession *session;
  GMainLoop *loop;
  char *url;
  GBytes *request;
  guint64 n;
  guint64 i;       /* the request in flight; 0 is the warm-up */
  guint64 bytes;
  gint64 start;
  GError *error;
} Bench;

static SoupMessage *
new_message (Bench *bench)
{
  SoupMessage *message = soup_message_new ("POST", bench->url);

  if (message == NULL)
    return NULL;
  soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", "Bearer bench");
  soup_message_set_request_body_from_bytes (message, "application/json", bench->request);
  /* As the library does: a POST may then reuse a kept-alive connection
   * (without it, libsoup opens a new connection for every POST). */
  soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  return message;
}

static void send_next (gpointer user_data);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &bench->error);

  if (reply == NULL)
    {
      g_main_loop_quit (bench->loop);
      return;
    }
  if (bench->i > 0)
    bench->bytes += g_bytes_get_size (reply);
  if (bench->i++ == bench->n)
    {
      g_main_loop_quit (bench->loop);
      return;
    }
  /* From an idle, as the library's I/O thread gets its next request:
   * libsoup gives the connection back to its pool once this callback has
   * returned, and a request sent before that would open a new one. */
  g_idle_add_once (send_next, bench);
}

static void
send_next (gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr(SoupMessage) message = new_message (bench);

  if (bench->i == 1)
    bench->start = g_get_monotonic_time ();
  soup_session_send_and_read_async (bench->session, message, G_PRIORITY_DEFAULT, NULL, on_read, bench);
}

static gboolean
run_sync (Bench *bench)
{
  for (bench->i = 0; bench->i <= bench->n; bench->i++)
    {
      g_autoptr(SoupMessage) message = new_message (bench);
      g_autoptr(GBytes) reply = NULL;

      if (bench->i == 1)
        bench->start = g_get_monotonic_time ();
          reply = soup_session_send_and_read (bench->session, message, NULL, &bench->error);
      if (reply == NULL)
        return FALSE;
      if (bench->i > 0)
        bench->bytes += g_bytes_get_size (reply);
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupMessage) probe = NULL;
  Bench bench = { 0 };
  gboolean sync;
  gint64 end;

  sync = argc == 4 && strcmp (argv[3], "--sync") == 0;
  if ((argc != 3 && !sync) || !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &bench.n, NULL))
    {
      g_printerr ("usage: soup-floor-bench BASE_URL R [--sync]\n");
      return 2;
    }

  bench.session = soup_session_new ();
  bench.url = g_strconcat (argv[1], "/v1/chat/completions", NULL);
  bench.request = g_bytes_new_static (body, sizeof body - 1);
  probe = soup_message_new ("POST", bench.url);
  if (probe == NULL)
    {
      g_printerr ("soup-floor-bench: invalid URL %s\n", bench.url);
      return 1;
    }

  if (sync)
    run_sync (&bench);
  else
    {
      bench.loop = g_main_loop_new (NULL, FALSE);
      send_next (&bench);
      g_main_loop_run (bench.loop);
      g_main_loop_unref (bench.loop);
    }
  end = g_get_monotonic_time ();

  if (bench.error != NULL)
    {
      g_printerr ("soup-floor-bench: %s\n", bench.error->message);
      return 1;
    }

  printf ("{\"requests\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f}\n",
          bench.n, bench.bytes, (end - bench.start) / (double) G_USEC_PER_SEC);
  g_free (bench.url);
  g_bytes_unref (bench.request);
  g_object_unref (bench.session);
  return EXIT_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * mistral-mock-server: the test server as a program, for the Python, GJS
 * and Vala tests and the offline demo.  Prints its URL on one line, then
 * serves until SIGTERM or SIGINT.  With MISTRAL_TEST_FRONT=h2 or https1,
 * that URL is the https:// one of an nginx in front of the server (see
 * mock-server.h), made with the test PKI in $MISTRAL_TEST_PKI, which
 * clients then trust (its ca.pem).
 */

#include "mock-server.h"

#include <glib-unix.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <stdio.h>
#include <stdlib.h>

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  int port = 0;
  g_autofree char *api_key = NULL;
  gboolean bench = FALSE;
  int delay_ms = 0;
  int stream_delay_ms = 0;
  g_autofree char *tool_keyword = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free port)", "N" },
    { "api-key", 0, 0, G_OPTION_ARG_STRING, &api_key, "Accept only this API key", "KEY" },
    { "bench", 0, 0, G_OPTION_ARG_NONE, &bench, "Answer every chat request like the mock-bench model: N pre-rendered chunks for max_tokens = N", NULL },
    { "delay-ms", 0, 0, G_OPTION_ARG_INT, &delay_ms, "Serve every request MS milliseconds after it came, all of them at once", "MS" },
    { "stream-delay-ms", 0, 0, G_OPTION_ARG_INT, &stream_delay_ms, "Wait MS milliseconds between the events of a default streamed reply", "MS" },
    { "tool-keyword", 0, 0, G_OPTION_ARG_STRING, &tool_keyword, "Call a tool only when the user's text contains WORD (default: whenever the request has tools)", "WORD" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- Mistral API mock server");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(MockServer) server = NULL;
  guint sigterm_id, sigint_id;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (port < 0 || port > G_MAXUINT16)
    {
      g_printerr ("invalid port %d\n", port);
      return EXIT_FAILURE;
    }

  /* A client that hangs up mid-write must not kill the server. */
  signal (SIGPIPE, SIG_IGN);
#ifdef __linux__
  /* A test that dies (a watchdog's abort) takes its server along, and the
   * server's TLS front with it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif

  /* Serve from the main thread: nothing else runs here. */
  server = mock_server_new_full (port, FALSE, &error);
  if (!server)
    {
      g_printerr ("cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return EXIT_FAILURE;
    }
  if (api_key)
    mock_server_set_api_key (server, api_key);
  mock_server_set_bench_mode (server, bench);
  mock_server_set_reply_delay (server, MAX (delay_ms, 0));
  mock_server_set_stream_delay (server, MAX (stream_delay_ms, 0));
  mock_server_set_tool_keyword (server, tool_keyword);

  printf ("%s\n", mock_server_get_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  return EXIT_SUCCESS;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/*
 * embeddings-decode-bench: the embeddings reader alone against json-glib's
 * bare parse of the same body, in one process, interleaved, so that the
 * machine's drift hits both alike:
 *
 *   embeddings-decode-bench N [ROUNDS]     N vectors of 1,024 dimensions
 *
 * The body is made here as the API writes it (floats of 9 significant
 * digits), about 11 bytes a number. Each round times json-glib's parse,
 * the release of its tree, the library's reader of the whole body (the
 * scan beside the tree, as for a cached reply), the same reader fed the
 * body in 64 KiB pieces (as the client reads it as it arrives), and the
 * reader through the tree alone (the fallback). Prints the best and the median of each, in seconds.
 */

#include <stdio.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "mistral-embedding-response-private.h"

#define DIMENSION 1024
#define PIECE_SIZE (64 * 1024)

static char *
make_body (guint n)
{
  GString *out = g_string_sized_new ((gsize) n * DIMENSION * 12 + 256);
  guint32 state = 2463534242u;

  g_string_append (out, "{\"id\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90\",\"object\":\"list\",\"data\":[");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (out, "%s{\"object\":\"embedding\",\"embedding\":[", i > 0 ? "," : "");
      for (guint k = 0; k < DIMENSION; k++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          float v;

          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          v = (float) ((double) state / G_MAXUINT32 - 0.5) / 16;
          if (k > 0)
            g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.9g", v));
        }
      g_string_append_printf (out, "],\"index\":%u}", i);
    }
  g_string_append (out, "],\"model\":\"mistral-embed\",\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9,"
                        "\"completion_tokens\":0}}");
  return g_string_free (out, FALSE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        double     *times,
        guint       rounds)
{
  qsort (times, rounds, sizeof (double), compare_doubles);
  printf ("\"%s\":{\"best\":%.6f,\"median\":%.6f}", name, times[0], times[rounds / 2]);
}

int
main (int   argc,
      char *argv[])
{
  guint64 n, rounds = 7;
  g_autofree char *body = NULL;
  gsize length;
  g_autofree double *parse = NULL, *release = NULL, *scan = NULL, *tree = NULL, *pieces = NULL;

  if (argc < 2 || argc > 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 1000000, &n, NULL) ||
      (argc == 3 && !g_ascii_string_to_unsigned (argv[2], 10, 1, 1000, &rounds, NULL)))
    {
      g_printerr ("usage: embeddings-decode-bench N [ROUNDS]\n");
      return 2;
    }

  body = make_body (n);
  length = strlen (body);
  parse = g_new (double, rounds);
  release = g_new (double, rounds);
  scan = g_new (double, rounds);
  tree = g_new (double, rounds);
  pieces = g_new (double, rounds);

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;
      JsonParser *parser = json_parser_new ();
      MistralEmbeddingResponse *response;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      if (!json_parser_load_from_data (parser, body, length, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      g_object_unref (parser);
      t2 = g_get_monotonic_time ();
      parse[r] = (t1 - t0) / 1e6;
      release[r] = (t2 - t1) / 1e6;

      t0 = g_get_monotonic_time ();
      response = mistral_embedding_response_new_from_body (body, length, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, TRUE, &error);
      t1 = g_get_monotonic_time ();
      if (response == NULL || g_list_model_get_n_items (mistral_embedding_response_get_data (response)) != n)
        g_error ("the reader failed");
      g_object_unref (response);
      scan[r] = (t1 - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      response = mistral_embedding_response_new_from_body (body, length, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, FALSE, &error);
      t1 = g_get_monotonic_time ();
      if (response == NULL)
        g_error ("the tree reader failed");
      g_object_unref (response);
      tree[r] = (t1 - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      {
        g_autoptr(MistralEmbeddingReader) reader = mistral_embedding_reader_new ();

        for (gsize offset = 0; offset < length; offset += PIECE_SIZE)
          mistral_embedding_reader_feed (reader, body + offset, MIN (PIECE_SIZE, length - offset), FALSE);
        response = mistral_embedding_response_new_from_reader (reader, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, &error);
      }
      t1 = g_get_monotonic_time ();
      if (response == NULL || g_list_model_get_n_items (mistral_embedding_response_get_data (response)) != n)
        g_error ("the reader of pieces failed");
      g_object_unref (response);
      pieces[r] = (t1 - t0) / 1e6;
    }

  printf ("{\"vectors\":%" G_GUINT64_FORMAT ",\"body_bytes\":%" G_GSIZE_FORMAT ",\"rounds\":%" G_GUINT64_FORMAT ",",
          n, length, rounds);
  report ("json_glib_parse", parse, rounds);
  printf (",");
  report ("json_glib_free", release, rounds);
  printf (",");
  report ("mistral_read", scan, rounds);
  printf (",");
  report ("mistral_read_pieces", pieces, rounds);
  printf (",");
  report ("mistral_read_tree", tree, rounds);
  printf ("}\n");
  return EXIT_SUCCESS;
}

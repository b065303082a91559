// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Which JSON parser can decode stream chunks at the rate the client needs
 * (1,000,000 chunks/s with everything else)? Decodes one typical chunk
 * document N times with each candidate and reads the members a chunk needs
 * (id, model, created, choices[0].index, delta.content, finish_reason), so
 * that a tree parser pays for its lookups like an event parser does for
 * its callbacks. Prints documents/s and MB/s for each.
 *
 *   json-chunk-bench [N]
 *
 * yajl and json-c are compared when they are installed; the figures are
 * in doc/performance.md.
 */

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_YAJL
#include <yajl/yajl_parse.h>
#include <yajl/yajl_tree.h>
#endif

static const char chunk[] =
  "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\","
  "\"created\":1767261602,\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,"
  "\"delta\":{\"content\":\" tok\"},\"finish_reason\":null}]}";

static guint64 checksum;

static gsize
length_of (const char *text)
{
  if (text == NULL)
    abort ();
  return strlen (text);
}

static void
report (const char *name,
        guint64     n,
        gint64      start)
{
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  printf ("%-28s %10.0f docs/s %8.1f MB/s\n", name, n / seconds, n * (sizeof chunk - 1) / seconds / 1e6);
}

static void
bench_json_glib (guint64 n)
{
  gint64 start = g_get_monotonic_time ();

  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonObject *root, *choice, *delta;

      if (!json_parser_load_from_data (parser, chunk, sizeof chunk - 1, NULL))
        abort ();
      root = json_node_get_object (json_parser_get_root (parser));
      choice = json_array_get_object_element (json_object_get_array_member (root, "choices"), 0);
      delta = json_object_get_object_member (choice, "delta");
      checksum += strlen (json_object_get_string_member (root, "id")) +
                  strlen (json_object_get_string_member (root, "model")) +
                  json_object_get_int_member (root, "created") +
                  json_object_get_int_member (choice, "index") +
                  strlen (json_object_get_string_member (delta, "content")) +
                  json_object_get_null_member (choice, "finish_reason");
    }
  report ("json-glib JsonParser", n, start);
}

#ifdef HAVE_YAJL
static void
bench_yajl_tree (guint64 n)
{
  gint64 start = g_get_monotonic_time ();
  static const char *id[] = { "id", NULL }, *model[] = { "model", NULL }, *created[] = { "created", NULL };
  static const char *choices[] = { "choices", NULL }, *index_[] = { "index", NULL };
  static const char *content[] = { "delta", "content", NULL }, *finish[] = { "finish_reason", NULL };
  /* yajl_tree_parse wants a NUL-terminated copy, as the event data is not. */
  char *text = g_malloc (sizeof chunk);

  for (guint64 i = 0; i < n; i++)
    {
      yajl_val root, choice;

      memcpy (text, chunk, sizeof chunk);
      root = yajl_tree_parse (text, NULL, 0);
      choice = YAJL_GET_ARRAY (yajl_tree_get (root, choices, yajl_t_array))->values[0];
      checksum += length_of (YAJL_GET_STRING (yajl_tree_get (root, id, yajl_t_string))) +
                  length_of (YAJL_GET_STRING (yajl_tree_get (root, model, yajl_t_string))) +
                  YAJL_GET_INTEGER (yajl_tree_get (root, created, yajl_t_number)) +
                  YAJL_GET_INTEGER (yajl_tree_get (choice, index_, yajl_t_number)) +
                  length_of (YAJL_GET_STRING (yajl_tree_get (choice, content, yajl_t_string))) +
                  YAJL_IS_NULL (yajl_tree_get (choice, finish, yajl_t_any));
      yajl_tree_free (root);
    }
  g_free (text);
  report ("yajl tree", n, start);
}

#ifdef HAVE_JSON_C
/* In their own files: json-c's names clash with json-glib's; simdjson is C++. */
guint64 bench_json_c (const char *text, gsize length, guint64 n);
#endif
#ifdef HAVE_SIMDJSON
guint64 bench_simdjson (const char *text, gsize length, guint64 n);
#endif

/* The event parser: callbacks see each member once, in order. */
typedef struct {
  const char *key;
  gsize key_len;
} Events;

static int
on_string (void *ctx, const unsigned char *value, size_t length)
{
  checksum += length;
  return 1;
}

static int
on_integer (void *ctx, long long value)
{
  checksum += value;
  return 1;
}

static int
on_null (void *ctx)
{
  checksum++;
  return 1;
}

static int
on_key (void *ctx, const unsigned char *key, size_t length)
{
  Events *events = ctx;

  events->key = (const char *) key;
  events->key_len = length;
  return 1;
}

static int
on_open (void *ctx)
{
  return 1;
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_integer = on_integer,
  .yajl_string = on_string,
  .yajl_start_map = on_open,
  .yajl_map_key = on_key,
  .yajl_end_map = on_open,
  .yajl_start_array = on_open,
  .yajl_end_array = on_open,
};

static void
bench_yajl_events (guint64 n, gboolean reuse)
{
  gint64 start = g_get_monotonic_time ();
  Events events = { NULL, 0 };
  yajl_handle handle = NULL;

  for (guint64 i = 0; i < n; i++)
    {
      if (handle == NULL)
        {
          handle = yajl_alloc (&callbacks, NULL, &events);
          yajl_config (handle, yajl_allow_multiple_values, 1);
        }
      if (yajl_parse (handle, (const unsigned char *) chunk, sizeof chunk - 1) != yajl_status_ok)
        abort ();
      if (!reuse)
        {
          if (yajl_complete_parse (handle) != yajl_status_ok)
            abort ();
          g_clear_pointer (&handle, yajl_free);
        }
    }
  g_clear_pointer (&handle, yajl_free);
  report (reuse ? "yajl events (one handle)" : "yajl events (handle each)", n, start);
}

#endif

int
main (int    argc,
      char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;

  printf ("%zu-byte chunk document, %" G_GUINT64_FORMAT " times\n", sizeof chunk - 1, n);
  bench_json_glib (n / 4);
#ifdef HAVE_JSON_C
  {
    gint64 start = g_get_monotonic_time ();

    checksum += bench_json_c (chunk, sizeof chunk - 1, n);
    report ("json-c tokener (reused)", n, start);
  }
#endif
#ifdef HAVE_YAJL
  bench_yajl_tree (n);
  bench_yajl_events (n, FALSE);
  bench_yajl_events (n, TRUE);
#endif
#ifdef HAVE_SIMDJSON
  {
    gint64 start = g_get_monotonic_time ();

    checksum += bench_simdjson (chunk, sizeof chunk - 1, n);
    report ("simdjson DOM (reused)", n, start);
  }
#endif
  printf ("(checksum %" G_GUINT64_FORMAT ")\n", checksum);
  return 0;
}

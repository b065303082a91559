// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The event-stream parser alone: the WHATWG parsing rules, and the same
 * events however the bytes are split, including when the callback stops
 * the parse and the rest is fed again. */

#include <string.h>

#include "mistral-sse-parser-private.h"

/* API-NOTES §8, F3 and F4: the data of each event. */
#define F3_1 "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\",\"created\":1767261602," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}," \
  "\"finish_reason\":null}]}"
#define F3_2 "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\",\"created\":1767261602," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bring\"},\"finish_reason\":null}]}"
#define F3_3 "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\",\"created\":1767261602," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" an umbrella\"}," \
  "\"finish_reason\":null}]}"
#define F3_4 "{\"id\":\"7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f\",\"object\":\"chat.completion.chunk\",\"created\":1767261602," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"content\":" \
  "\" \xE2\x80\x93 \xC3\xA9t\xC3\xA9 \xC3\xA0 Lyon \xE2\x98\x94.\"},\"finish_reason\":\"stop\"}]," \
  "\"usage\":{\"prompt_tokens\":23,\"total_tokens\":33,\"completion_tokens\":10}}"
#define F4_1 "{\"id\":\"e5b7d9f1a3c54e6f8a0b2c4d6e8f0a1b\",\"object\":\"chat.completion.chunk\",\"created\":1767261603," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}," \
  "\"finish_reason\":null}]}"
#define F4_2 "{\"id\":\"e5b7d9f1a3c54e6f8a0b2c4d6e8f0a1b\",\"object\":\"chat.completion.chunk\",\"created\":1767261603," \
  "\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"Rk7mQ2xPz\"," \
  "\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"arguments\":" \
  "\"{\\\"city\\\": \\\"Lyon\\\", \\\"day_offset\\\": 1}\"},\"index\":0},{\"id\":\"h4TsW8bNc\",\"type\":\"function\"," \
  "\"function\":{\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\": \\\"Annecy\\\", \\\"day_offset\\\": 1}\"}," \
  "\"index\":1}]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":118,\"total_tokens\":169," \
  "\"completion_tokens\":51}}"

/* The bytes on the wire. */
#define F3 "data: " F3_1 "\n\n" "data: " F3_2 "\n\n" "data: " F3_3 "\n\n" "data: " F3_4 "\n\n" "data: [DONE]\n\n"
#define F4 "data: " F4_1 "\n\n" "data: " F4_2 "\n\n" "data: [DONE]\n\n"

/* An unambiguous text form of the dispatched events, one per line:
 * "<event or ->|<data, escaped>". */
static void
log_event (GString    *log,
           const char *event,
           const char *data,
           gsize       length)
{
  g_string_append (log, event != NULL ? event : "-");
  g_string_append_c (log, '|');
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == '\\')
        g_string_append (log, "\\\\");
      else if (c == '\n')
        g_string_append (log, "\\n");
      else if (c == '\r')
        g_string_append (log, "\\r");
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (log, "\\x%02x", c);
      else
        g_string_append_c (log, c);
    }
  g_string_append_c (log, '\n');
}

/* @n pairs of (event or NULL, data): the log the events should give. */
static char *
expected_log (guint n,
              ...)
{
  GString *log = g_string_new (NULL);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *event = va_arg (args, const char *);
      const char *data = va_arg (args, const char *);

      log_event (log, event, data, strlen (data));
    }
  va_end (args);
  return g_string_free (log, FALSE);
}

typedef struct {
  GString *log;
  guint stop_every;  /* return FALSE after every n-th event; 0: never */
  guint count;
  gboolean stopped;
} Collector;

static gboolean
collect (const char *event,
         const char *data,
         gsize       length,
         gpointer    user_data)
{
  Collector *collector = user_data;

  g_assert_nonnull (data);
  g_assert (event == NULL || event[0] != '\0');
  log_event (collector->log, event, data, length);
  collector->count++;
  if (collector->stop_every != 0 && collector->count % collector->stop_every == 0)
    {
      collector->stopped = TRUE;
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char *log;
  gboolean clean;
  GError *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->log, g_free);
  g_clear_error (&result->error);
}

/* Feeds @input cut at the offsets @cuts (ascending; repeats make empty
 * feeds). When the callback stops, the rest of the piece is fed again. */
static void
run_cuts (const char  *input,
          gsize        length,
          const gsize *cuts,
          gsize        n_cuts,
          gsize        max,
          guint        stop_every,
          Result      *result)
{
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (max);
  Collector collector = { g_string_new (NULL), stop_every, 0, FALSE };
  gsize start = 0;

  for (gsize i = 0; i <= n_cuts && result->error == NULL; i++)
    {
      gsize stop = i < n_cuts ? cuts[i] : length;
      gsize offset = start;

      g_assert_cmpuint (stop, >=, start);
      do
        {
          gsize consumed = G_MAXSIZE;

          /* A scratch copy, wiped after the call: the parser may keep
           * nothing that points into the caller's bytes. */
          g_autofree char *piece = g_memdup2 (input + offset, stop - offset);
          gboolean ok;

          collector.stopped = FALSE;
          ok = mistral_sse_parser_feed (parser, piece, stop - offset, collect, &collector,
                                        &consumed, &result->error);
          if (piece != NULL)
            memset (piece, '#', stop - offset);
          if (!ok)
            {
              g_assert_cmpuint (consumed, ==, 0);
              break;
            }
          g_assert_cmpuint (consumed, <=, stop - offset);
          if (!collector.stopped)
            g_assert_cmpuint (consumed, ==, stop - offset);
          offset += consumed;
        }
      while (offset < stop);
      start = stop;
    }

  result->clean = mistral_sse_parser_is_clean (parser);
  result->log = g_string_free (collector.log, FALSE);
}

static void
run_whole (const char *input,
           gsize       length,
           gsize       max,
           Result     *result)
{
  run_cuts (input, length, NULL, 0, max, 0, result);
}

static void
assert_same (const Result *result,
             const char   *expected,
             gboolean      clean,
             gboolean      fails)
{
  g_assert_cmpstr (result->log, ==, expected);
  if (fails)
    {
      g_assert_error (result->error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      g_assert_false (result->clean);
    }
  else
    {
      g_assert_no_error (result->error);
      g_assert_cmpint (result->clean, ==, clean);
    }
}

/* Whole, one byte at a time, at every split point, at every pair of split
 * points for short inputs, and at 200 random patterns, each also with the
 * callback stopping after every event: always the same events. */
static void
check_splits (const char *input,
              gsize       length,
              gsize       max,
              const char *expected,
              gboolean    clean,
              gboolean    fails)
{
  g_autofree gsize *cuts = g_new (gsize, length + 1);

  for (guint stop_every = 0; stop_every <= 1; stop_every++)
    {
      Result result = { 0 };

      run_cuts (input, length, NULL, 0, max, stop_every, &result);
      assert_same (&result, expected, clean, fails);
      result_clear (&result);

      for (gsize i = 0; i < length; i++)
        cuts[i] = i + 1;
      run_cuts (input, length, cuts, length, max, stop_every, &result);
      assert_same (&result, expected, clean, fails);
      result_clear (&result);

      for (gsize i = 0; i <= length; i++)
        {
          run_cuts (input, length, &i, 1, max, stop_every, &result);
          assert_same (&result, expected, clean, fails);
          result_clear (&result);
        }

      if (length <= 96)
        {
          for (gsize i = 0; i <= length; i++)
            for (gsize j = i; j <= length; j++)
              {
                gsize pair[2] = { i, j };

                run_cuts (input, length, pair, 2, max, stop_every, &result);
                assert_same (&result, expected, clean, fails);
                result_clear (&result);
              }
        }

      for (guint32 seed = 1; seed <= 200; seed++)
        {
          g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
          /* Mostly small pieces, sometimes large ones; 0 gives empty feeds. */
          gint32 max_piece = seed % 4 == 0 ? (gint32) length + 1 : 1 + (gint32) (seed % 37);
          gsize n = 0;
          gsize pos = 0;

          while (n < length)
            {
              pos += g_rand_int_range (rand, 0, max_piece + 1);
              if (pos >= length)
                break;
              cuts[n++] = pos;
            }
          run_cuts (input, length, cuts, n, max, stop_every, &result);
          assert_same (&result, expected, clean, fails);
          result_clear (&result);
        }
    }
}

static void
check (const char *input,
       const char *expected)
{
  check_splits (input, strlen (input), 0, expected, TRUE, FALSE);
}

static char *
replace_newlines (const char *input,
                  const char *ending)
{
  g_auto(GStrv) lines = g_strsplit (input, "\n", -1);

  return g_strjoinv (ending, lines);
}

static void
test_f3 (void)
{
  g_autofree char *expected = expected_log (5, NULL, F3_1, NULL, F3_2, NULL, F3_3, NULL, F3_4, NULL, "[DONE]");

  check (F3, expected);
}

static void
test_f4 (void)
{
  g_autofree char *expected = expected_log (3, NULL, F4_1, NULL, F4_2, NULL, "[DONE]");

  check (F4, expected);
}

static void
test_crlf (void)
{
  g_autofree char *expected = expected_log (5, NULL, F3_1, NULL, F3_2, NULL, F3_3, NULL, F3_4, NULL, "[DONE]");
  g_autofree char *crlf = replace_newlines (F3, "\r\n");
  g_autofree char *cr = replace_newlines (F3, "\r");

  check (crlf, expected);
  check (cr, expected);
}

static void
test_cr_lf_split (void)
{
  /* "\r" | "\n" is one line ending: were it two, "a" would be dispatched alone. */
  static const char *const pieces[] = { "data: a\r", "\n", "data: b\r", "\n\r", "\n" };
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  Collector collector = { g_string_new (NULL), 0, 0, FALSE };
  g_autofree char *log = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;

      g_assert_true (mistral_sse_parser_feed (parser, pieces[i], strlen (pieces[i]), collect, &collector,
                                              &consumed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (consumed, ==, strlen (pieces[i]));
    }
  g_assert_true (mistral_sse_parser_is_clean (parser));
  log = g_string_free (collector.log, FALSE);
  g_assert_cmpstr (log, ==, "-|a\\nb\n");

  /* A "\r" at the end of a feed is a complete line ending by itself. */
  check ("data: a\r\rdata: b\r\n\r\n", "-|a\n-|b\n");
  /* "\r\r\n" is two endings, "\n\r" too. */
  check ("data: a\r\r\ndata: b\n\r", "-|a\n-|b\n");
}

static void
test_mixed_endings (void)
{
  check ("data: a\rdata: b\r\n\ndata: c\n\r:x\r\ndata: d\r\n\n", "-|a\\nb\n-|c\n-|d\n");
}

static void
test_multiline (void)
{
  check ("data: a\ndata: b\ndata:\ndata: c\n\n", "-|a\\nb\\n\\nc\n");
  check ("data: {\"a\":\ndata: 1}\n\ndata: x\n\n", "-|{\"a\":\\n1}\n-|x\n");
}

static void
test_leading_space (void)
{
  check ("data:x\n\ndata: x\n\ndata:  x\n\ndata:x \n\n", "-|x\n-|x\n-| x\n-|x \n");
  check ("event:  e\ndata:\t x\n\n", " e|\\x09 x\n");
}

static void
test_comments_unknown_fields (void)
{
  check (": keep-alive\n"
         "foo: bar\n"
         "id: 1\n"
         "retry: 1000\n"
         "Data: no\n"
         "data : no\n"
         "datum: no\n"
         "data: a\n"
         ":data: no\n"
         "\n"
         ":\n"
         ": only comments\n\n",
         "-|a\n");
}

static void
test_event_name (void)
{
  check ("event: delta\ndata: a\n\ndata: b\n\n", "delta|a\n-|b\n");
  /* The type is reset even when nothing is dispatched. */
  check ("event: x\n\ndata: c\n\n", "-|c\n");
  /* The last one wins; an empty one is no type at all. */
  check ("event: x\nevent: y\ndata: d\n\nevent: z\nevent:\ndata: e\n\nevent\ndata: f\n\n", "y|d\n-|e\n-|f\n");
  check ("data: g\nevent: late\n\n", "late|g\n");
}

static void
test_empty_data (void)
{
  check ("data:\n\n", "-|\n");
  check ("data\n\n", "-|\n");
  check ("data: \n\n", "-|\n");
  check ("data:\ndata:\n\n", "-|\\n\n");
}

static void
test_blank_lines (void)
{
  check ("\n\n\r\n\r\r\n\n", "");
  check ("id: 1\n\nevent: e\n\nretry: 5\n\n", "");
  check ("", "");
}

static void
test_bom (void)
{
  check ("\xEF\xBB\xBF" "data: a\n\n", "-|a\n");
  check ("\xEF\xBB\xBF" "\r\ndata: a\r\n\r\n", "-|a\n");
  check ("\xEF\xBB\xBF" ": c\ndata: a\n\n", "-|a\n");
  /* Only one, and only at the start: a second one is part of the field name. */
  check ("\xEF\xBB\xBF" "\xEF\xBB\xBF" "data: a\n\n", "");
  check ("data: a\n\n" "\xEF\xBB\xBF" "data: b\n\n", "-|a\n");
  /* A BOM cut short is not one: its bytes stay in the line. */
  check ("\xEF\xBB" "data: a\n\n", "");
  check ("\xEF" "data: a\n\n", "");
  check ("\xEF\xBB" "\n\ndata: a\n\n", "-|a\n");
  check ("data: \xEF\xBB\xBF" "a\n\n", "-|\\xef\\xbb\\xbfa\n");
}

static void
test_done (void)
{
  check ("data: [DONE]\n\n", "-|[DONE]\n");
  check ("data: [DONE]\n\ndata: after\n\n", "-|[DONE]\n-|after\n");
}

static void
test_stop (void)
{
  static const char input[] = F3;
  const gsize length = sizeof input - 1;
  const gsize after_two = strlen ("data: " F3_1 "\n\n" "data: " F3_2 "\n\n");
  g_autofree char *expected = expected_log (5, NULL, F3_1, NULL, F3_2, NULL, F3_3, NULL, F3_4, NULL, "[DONE]");
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  g_autoptr(GError) error = NULL;
  Collector collector = { g_string_new (NULL), 2, 0, FALSE };
  g_autofree char *log = NULL;
  gsize consumed = 0;

  /* Stops just after the blank line of the second event... */
  g_assert_true (mistral_sse_parser_feed (parser, input, length, collect, &collector, &consumed, &error));
  g_assert_no_error (error);
  g_assert_true (collector.stopped);
  g_assert_cmpuint (collector.count, ==, 2);
  g_assert_cmpuint (consumed, ==, after_two);
  g_assert_true (mistral_sse_parser_is_clean (parser));

  /* ...and the rest, fed later, gives the others. */
  collector.stop_every = 0;
  g_assert_true (mistral_sse_parser_feed (parser, input + consumed, length - consumed, collect, &collector,
                                          &consumed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (consumed, ==, length - after_two);
  g_assert_true (mistral_sse_parser_is_clean (parser));
  log = g_string_free (collector.log, FALSE);
  g_assert_cmpstr (log, ==, expected);

  /* With "\r\n" the whole ending is consumed; a "\r" ending the feed is
   * remembered, so the "\n" that starts the next one is skipped. */
  {
    g_autoptr(MistralSseParser) crlf = mistral_sse_parser_new (0);
    Collector one = { g_string_new (NULL), 1, 0, FALSE };
    g_autofree char *one_log = NULL;

    g_assert_true (mistral_sse_parser_feed (crlf, "data: a\r\n\r\ndata: b", 18, collect, &one, &consumed, &error));
    g_assert_cmpuint (consumed, ==, 11);
    g_assert_true (mistral_sse_parser_feed (crlf, "data: b\r\r", 9, collect, &one, &consumed, &error));
    g_assert_cmpuint (consumed, ==, 9);
    g_assert_true (mistral_sse_parser_feed (crlf, "\ndata: c\n\n", 10, collect, &one, &consumed, &error));
    g_assert_cmpuint (consumed, ==, 10);
    g_assert_no_error (error);
    g_assert_true (mistral_sse_parser_is_clean (crlf));
    one_log = g_string_free (one.log, FALSE);
    g_assert_cmpstr (one_log, ==, "-|a\n-|b\n-|c\n");
  }

  /* Stopping at every event, at every split, changes nothing (check_splits
   * does that for every other test too). */
  check_splits (input, length, 0, expected, TRUE, FALSE);
}

static char *
repeat (char   c,
        gsize  n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

static void
test_oversized (void)
{
  g_autofree char *x2000 = repeat ('x', 2000);
  g_autofree char *x1018 = repeat ('x', 1018);
  g_autofree char *x1019 = repeat ('x', 1019);
  g_autofree char *x600 = repeat ('x', 600);
  g_autofree char *x511 = repeat ('x', 511);
  g_autofree char *x512 = repeat ('x', 512);
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;

  /* A 2000-byte line with a limit of 1024: the events before it only. */
  input = g_strconcat ("data: a\n\ndata: ", x2000, "\n\ndata: b\n\n", NULL);
  check_splits (input, strlen (input), 1024, "-|a\n", FALSE, TRUE);
  g_clear_pointer (&input, g_free);

  /* Never terminated: it fails as soon as the line is too long. */
  input = g_strconcat ("data: a\n\ndata: ", x2000, NULL);
  check_splits (input, strlen (input), 1024, "-|a\n", FALSE, TRUE);
  g_clear_pointer (&input, g_free);

  /* Exactly the limit is fine, one more byte is not. */
  input = g_strconcat ("data: ", x1018, "\n\n", NULL);
  expected = g_strconcat ("-|", x1018, "\n", NULL);
  check_splits (input, strlen (input), 1024, expected, TRUE, FALSE);
  g_clear_pointer (&input, g_free);
  input = g_strconcat ("data: ", x1019, "\n\n", NULL);
  check_splits (input, strlen (input), 1024, "", FALSE, TRUE);
  g_clear_pointer (&input, g_free);
  /* The same, unterminated: a line is too long as soon as it has too many bytes. */
  input = g_strconcat ("data: ", x1018, NULL);
  check_splits (input, strlen (input), 1024, "", FALSE, FALSE);
  g_clear_pointer (&input, g_free);
  input = g_strconcat ("data: ", x1019, NULL);
  check_splits (input, strlen (input), 1024, "", FALSE, TRUE);
  g_clear_pointer (&input, g_free);
  g_clear_pointer (&expected, g_free);

  /* Lines within the limit whose data is not. */
  input = g_strconcat ("data: ", x600, "\ndata: ", x600, "\n\n", NULL);
  check_splits (input, strlen (input), 1024, "", FALSE, TRUE);
  g_clear_pointer (&input, g_free);
  input = g_strconcat ("data: ", x511, "\ndata: ", x512, "\n\n", NULL);
  expected = g_strconcat ("-|", x511, "\\n", x512, "\n", NULL);
  check_splits (input, strlen (input), 1024, expected, TRUE, FALSE);
  g_clear_pointer (&input, g_free);
  input = g_strconcat ("data: ", x512, "\ndata: ", x512, "\n\n", NULL);
  check_splits (input, strlen (input), 1024, "", FALSE, TRUE);
  g_clear_pointer (&input, g_free);

  /* Once failed, it stays failed until reset. */
  {
    g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (1024);
    Collector collector = { g_string_new (NULL), 0, 0, FALSE };
    g_autoptr(GError) error = NULL;
    g_autofree char *log = NULL;
    gsize consumed = 1;

    g_assert_false (mistral_sse_parser_feed (parser, x2000, 2000, collect, &collector, &consumed, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (consumed, ==, 0);
    g_assert_cmpuint (mistral_sse_parser_get_buffer_capacity (parser), <=, 8 * 1024);
    g_clear_error (&error);
    g_assert_false (mistral_sse_parser_feed (parser, "data: a\n\n", 9, collect, &collector, NULL, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_clear_error (&error);
    g_assert_false (mistral_sse_parser_is_clean (parser));

    mistral_sse_parser_reset (parser);
    g_assert_true (mistral_sse_parser_is_clean (parser));
    g_assert_true (mistral_sse_parser_feed (parser, "data: a\n\n", 9, collect, &collector, NULL, &error));
    g_assert_no_error (error);
    log = g_string_free (collector.log, FALSE);
    g_assert_cmpstr (log, ==, "-|a\n");
  }
}

static gboolean
count_event (const char *event,
             const char *data,
             gsize       length,
             gpointer    user_data)
{
  guint *count = user_data;

  g_assert_cmpuint (length, ==, strlen (F3_2));
  g_assert_true (memcmp (data, F3_2, length) == 0);
  (*count)++;
  return TRUE;
}

typedef struct {
  const char *start;
  const char *end;
  guint in_place;
  guint copied;
} Where;

static gboolean
note_where (const char *event,
            const char *data,
            gsize       length,
            gpointer    user_data)
{
  Where *where = user_data;

  if (data >= where->start && data + length <= where->end)
    where->in_place++;
  else
    where->copied++;
  return TRUE;
}

static void
test_zero_copy (void)
{
  static const char input[] = F3 "data: a\ndata: b\n\ndata: c";
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  Where where = { input, input + sizeof input - 1, 0, 0 };
  g_autoptr(GError) error = NULL;

  /* A single data line and its blank line inside the feed: no copy. */
  g_assert_true (mistral_sse_parser_feed (parser, input, sizeof input - 1, note_where, &where, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (where.in_place, ==, 5);
  g_assert_cmpuint (where.copied, ==, 1);

  /* An event cut by the end of a feed is copied, since the caller's bytes
   * are gone by the next one. */
  where.in_place = where.copied = 0;
  g_assert_true (mistral_sse_parser_feed (parser, "\n\n", 2, note_where, &where, NULL, &error));
  g_assert_cmpuint (where.copied, ==, 1);
  g_assert_true (mistral_sse_parser_feed (parser, "data: d\n", 8, note_where, &where, NULL, &error));
  g_assert_true (mistral_sse_parser_feed (parser, "\n", 1, note_where, &where, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (where.copied, ==, 2);
  g_assert_cmpuint (where.in_place, ==, 0);
}

static void
test_bounded_buffer (void)
{
  const char event[] = "data: " F3_2 "\n\n";
  const gsize event_length = sizeof event - 1;
  const guint n_events = 100000;
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  g_autofree char *stream = g_malloc (event_length * n_events);
  gsize length = event_length * n_events;
  gsize capacity = 0;
  guint count = 0;

  for (guint i = 0; i < n_events; i++)
    memcpy (stream + i * event_length, event, event_length);

  for (gsize offset = 0; offset < length; offset += 4096)
    {
      g_autoptr(GError) error = NULL;
      gsize consumed = 0;
      gsize piece = MIN (4096, length - offset);

      g_assert_true (mistral_sse_parser_feed (parser, stream + offset, piece, count_event, &count, &consumed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (consumed, ==, piece);

      if (offset == 64 * 4096)
        capacity = mistral_sse_parser_get_buffer_capacity (parser);
      else if (offset > 64 * 4096)
        g_assert_cmpuint (mistral_sse_parser_get_buffer_capacity (parser), ==, capacity);
    }

  g_assert_cmpuint (count, ==, n_events);
  g_assert_cmpuint (capacity, >, 0);
  g_assert_cmpuint (capacity, <=, 4096);
  g_assert_true (mistral_sse_parser_is_clean (parser));
}

static gboolean
is_clean_after (const char *input)
{
  Result result = { 0 };
  gboolean clean;

  run_whole (input, strlen (input), 0, &result);
  g_assert_no_error (result.error);
  clean = result.clean;
  result_clear (&result);
  return clean;
}

static void
test_is_clean (void)
{
  g_autofree char *f3 = g_strdup (F3);

  g_assert_true (is_clean_after (""));
  g_assert_true (is_clean_after (F3));
  g_assert_true (is_clean_after ("data: x\n\n"));
  g_assert_true (is_clean_after ("data: x\r\r"));
  g_assert_true (is_clean_after ("data: x\r\n\r"));
  g_assert_true (is_clean_after (": keep-alive\n"));
  g_assert_true (is_clean_after ("\xEF\xBB\xBF"));

  /* Truncated mid-line, or after a field line but before the blank line. */
  g_assert_false (is_clean_after ("data: {\"id"));
  g_assert_false (is_clean_after ("data: x\n"));
  g_assert_false (is_clean_after ("data: x\r"));
  g_assert_false (is_clean_after ("data: x\n\ndata: y\n"));
  g_assert_false (is_clean_after ("event: x\n"));
  g_assert_false (is_clean_after (": keep-alive"));
  g_assert_false (is_clean_after ("\xEF"));
  g_assert_false (is_clean_after ("\xEF\xBB"));

  /* F3 cut anywhere but on an event boundary is truncated; the events
   * before the cut are all there (check_splits checks the rest). */
  for (gsize cut = 0; cut <= strlen (F3); cut++)
    {
      gboolean boundary = cut == 0 || (cut >= 2 && f3[cut - 1] == '\n' && f3[cut - 2] == '\n');
      char saved = f3[cut];

      f3[cut] = '\0';
      g_assert_cmpint (is_clean_after (f3), ==, boundary);
      f3[cut] = saved;
    }
}

static void
test_reset (void)
{
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  Collector collector = { g_string_new (NULL), 0, 0, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_assert_true (mistral_sse_parser_feed (parser, "event: e\ndata: a\ndata: par", 26, collect, &collector, NULL, &error));
  g_assert_false (mistral_sse_parser_is_clean (parser));
  mistral_sse_parser_reset (parser);
  g_assert_true (mistral_sse_parser_is_clean (parser));
  /* A new stream: its BOM is skipped again. */
  g_assert_true (mistral_sse_parser_feed (parser, "\xEF\xBB\xBF" "data: b\n\n", 12, collect, &collector, NULL, &error));
  g_assert_no_error (error);
  log = g_string_free (collector.log, FALSE);
  g_assert_cmpstr (log, ==, "-|b\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sse/f3", test_f3);
  g_test_add_func ("/sse/f4", test_f4);
  g_test_add_func ("/sse/crlf", test_crlf);
  g_test_add_func ("/sse/cr-lf-split", test_cr_lf_split);
  g_test_add_func ("/sse/mixed-endings", test_mixed_endings);
  g_test_add_func ("/sse/multiline", test_multiline);
  g_test_add_func ("/sse/leading-space", test_leading_space);
  g_test_add_func ("/sse/comments-unknown-fields", test_comments_unknown_fields);
  g_test_add_func ("/sse/event-name", test_event_name);
  g_test_add_func ("/sse/empty-data", test_empty_data);
  g_test_add_func ("/sse/blank-lines", test_blank_lines);
  g_test_add_func ("/sse/bom", test_bom);
  g_test_add_func ("/sse/done", test_done);
  g_test_add_func ("/sse/stop", test_stop);
  g_test_add_func ("/sse/oversized", test_oversized);
  g_test_add_func ("/sse/zero-copy", test_zero_copy);
  g_test_add_func ("/sse/bounded-buffer", test_bounded_buffer);
  g_test_add_func ("/sse/is-clean", test_is_clean);
  g_test_add_func ("/sse/reset", test_reset);

  return g_test_run ();
}

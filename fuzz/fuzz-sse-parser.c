// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The event-stream parser against a plain, whole-buffer reading of the
 * WHATWG rules: the same events, and the same verdict at the end, however
 * the bytes are split, wherever the callback stops the parse, and with a
 * size limit small enough to trip. Split points, the limit and the stops
 * all derive from a hash of the input, so a crash replays exactly. */

#include <string.h>

#include "fuzz-common.h"
#include "mistral-sse-parser-private.h"

typedef struct {
  char *event;   /* NULL for none; "" counts as none */
  GBytes *data;
} Event;

typedef struct {
  GPtrArray *events;
  guint stop_every;  /* return FALSE on every n-th event; 0 never */
  guint n_seen;
} Sink;

static void
event_free (gpointer p)
{
  Event *e = p;

  g_free (e->event);
  g_bytes_unref (e->data);
  g_free (e);
}

static void
add_event (GPtrArray  *events,
           const char *event,
           gsize       event_length,
           const char *data,
           gsize       length)
{
  Event *e = g_new0 (Event, 1);

  /* The parser hands the type over as a C string: compare up to a NUL. */
  if (event != NULL)
    e->event = g_strndup (event, event_length);
  if (e->event != NULL && e->event[0] == '\0')
    g_clear_pointer (&e->event, g_free);
  e->data = g_bytes_new (data, length);
  g_ptr_array_add (events, e);
}

static gboolean
on_event (const char *event,
          const char *data,
          gsize       length,
          gpointer    user_data)
{
  Sink *sink = user_data;

  FUZZ_CHECK (data != NULL || length == 0);
  add_event (sink->events, event, event != NULL ? strlen (event) : 0, data, length);
  sink->n_seen++;
  return sink->stop_every == 0 || sink->n_seen % sink->stop_every != 0;
}

/* The reference: the spec's algorithm over the whole input. Returns
 * whether the stream ends clean; *failed says whether @max (0: none) was
 * exceeded, after which nothing more is dispatched. */
static gboolean
reference_parse (const guint8 *input,
                 gsize         size,
                 gsize         max,
                 GPtrArray    *events,
                 gboolean     *failed)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GString) event = g_string_new (NULL);
  gboolean in_event = FALSE;
  gsize pos = 0;

  *failed = FALSE;
  if (size >= 3 && memcmp (input, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;
  else if (size > 0 && size < 3 && memcmp (input, "\xEF\xBB\xBF", size) == 0)
    return FALSE; /* a stream cut inside its BOM: truncated, not a line */

  while (pos < size)
    {
      const guint8 *line = input + pos;
      gsize length = 0, next;
      const guint8 *colon;
      const guint8 *value;
      gsize name_length, value_length;

      while (pos + length < size && line[length] != '\n' && line[length] != '\r')
        length++;
      if (max != 0 && length > max)
        {
          *failed = TRUE;
          return FALSE;
        }
      if (pos + length == size)
        return FALSE; /* a partial last line */
      next = pos + length + 1;
      if (line[length] == '\r' && next < size && input[next] == '\n')
        next++;
      pos = next;

      if (length == 0)
        {
          in_event = FALSE;
          if (data->len > 0)
            add_event (events, event->str, strlen (event->str), data->str, data->len - 1);
          g_string_truncate (data, 0);
          g_string_truncate (event, 0);
          continue;
        }
      if (line[0] == ':')
        continue;

      in_event = TRUE;
      colon = memchr (line, ':', length);
      if (colon != NULL)
        {
          name_length = colon - line;
          value = colon + 1;
          value_length = length - name_length - 1;
          if (value_length > 0 && value[0] == ' ')
            value++, value_length--;
        }
      else
        {
          name_length = length;
          value = line + length;
          value_length = 0;
        }

      if (name_length == 4 && memcmp (line, "data", 4) == 0)
        {
          /* The limit bounds the data as it would be dispatched. */
          if (max != 0 && data->len + value_length > max)
            {
              *failed = TRUE;
              return FALSE;
            }
          g_string_append_len (data, (const char *) value, value_length);
          g_string_append_c (data, '\n');
        }
      else if (name_length == 5 && memcmp (line, "event", 5) == 0)
        {
          g_string_truncate (event, 0);
          g_string_append_len (event, (const char *) value, value_length);
        }
    }

  return !in_event;
}

static void
assert_same_events (GPtrArray *a,
                    GPtrArray *b)
{
  FUZZ_CHECK (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    {
      Event *x = a->pdata[i], *y = b->pdata[i];

      FUZZ_CHECK (g_strcmp0 (x->event, y->event) == 0);
      FUZZ_CHECK (g_bytes_equal (x->data, y->data));
    }
}

static guint64
next_random (guint64 *state)
{
  /* xorshift64: enough to spread split points. */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

/* Feeds @input in pieces whose sizes come from @seed, re-feeding the rest
 * of a piece whenever the sink stopped the parse. Returns whether the
 * stream ended clean; *failed is set on a size error. */
static gboolean
parse_split (MistralSseParser *parser,
             const guint8     *input,
             gsize             size,
             guint64           seed,
             Sink             *sink,
             gboolean         *failed)
{
  guint64 state = seed | 1;
  gsize pos = 0;

  *failed = FALSE;
  while (pos < size)
    {
      guint64 r = next_random (&state);
      /* Mostly tiny pieces, where the boundaries are; sometimes large. */
      gsize piece = (r & 3) != 0 ? 1 + (r >> 8) % 8 : 1 + (r >> 8) % 512;
      const char *bytes = (const char *) input + pos;
      gsize length = MIN (piece, size - pos);

      while (length > 0)
        {
          g_autoptr(GError) error = NULL;
          gsize consumed = 0;

          if (!mistral_sse_parser_feed (parser, bytes, length, on_event, sink, &consumed, &error))
            {
              FUZZ_CHECK (g_error_matches (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE));
              *failed = TRUE;
              return FALSE;
            }
          FUZZ_CHECK (error == NULL);
          FUZZ_CHECK (consumed <= length);
          /* A stop consumes at least the blank line that dispatched. */
          FUZZ_CHECK (consumed > 0 || length == 0);
          bytes += consumed;
          length -= consumed;
        }
      pos += MIN (piece, size - pos);
    }

  return mistral_sse_parser_is_clean (parser);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (event_free);
  g_autoptr(GPtrArray) expected_small = g_ptr_array_new_with_free_func (event_free);
  g_autoptr(MistralSseParser) parser = mistral_sse_parser_new (0);
  guint64 seed = 14695981039346656037ull;
  gboolean clean, failed, expected_clean, expected_failed;
  gsize max;

  for (gsize i = 0; i < size; i++)
    seed = (seed ^ data[i]) * 1099511628211ull; /* FNV-1a */

  expected_clean = reference_parse (data, size, 0, expected, &expected_failed);
  FUZZ_CHECK (!expected_failed);

  /* 1. In one piece. */
  {
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (event_free);
    Sink sink = { events, 0, 0 };
    g_autoptr(GError) error = NULL;
    gsize consumed = 0;

    FUZZ_CHECK (mistral_sse_parser_feed (parser, (const char *) data, size, on_event, &sink, &consumed, &error));
    FUZZ_CHECK (consumed == size);
    assert_same_events (expected, events);
    FUZZ_CHECK (mistral_sse_parser_is_clean (parser) == expected_clean);
  }

  /* 2. Split, after a reset of the same parser, stopping now and then. */
  {
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (event_free);
    Sink sink = { events, (seed >> 32) % 4, 0 };

    mistral_sse_parser_reset (parser);
    clean = parse_split (parser, data, size, seed, &sink, &failed);
    FUZZ_CHECK (!failed);
    assert_same_events (expected, events);
    FUZZ_CHECK (clean == expected_clean);
  }

  /* 3. One byte at a time, where every boundary is a split. */
  if (size <= 4096)
    {
      g_autoptr(MistralSseParser) bytewise = mistral_sse_parser_new (0);
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (event_free);
      Sink sink = { events, 0, 0 };

      for (gsize i = 0; i < size; i++)
        FUZZ_CHECK (mistral_sse_parser_feed (bytewise, (const char *) data + i, 1, on_event, &sink, NULL, NULL));
      assert_same_events (expected, events);
      FUZZ_CHECK (mistral_sse_parser_is_clean (bytewise) == expected_clean);
    }

  /* 4. A limit small enough to trip: the same events up to the offending
   * line, then a lasting error, and buffers bounded by the limit. */
  max = 1 + (seed >> 40) % 300;
  {
    g_autoptr(MistralSseParser) small = mistral_sse_parser_new (max);
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (event_free);
    Sink sink = { events, 0, 0 };

    expected_clean = reference_parse (data, size, max, expected_small, &expected_failed);
    clean = parse_split (small, data, size, seed >> 3, &sink, &failed);
    FUZZ_CHECK (failed == expected_failed);
    assert_same_events (expected_small, events);
    FUZZ_CHECK (clean == expected_clean);
    /* The three buffers start at 512, 512 and 128 bytes (GString rounds
     * up to a power of two) and each grows to at most twice its bound. */
    FUZZ_CHECK (mistral_sse_parser_get_buffer_capacity (small) <= 512 + 512 + 128 + 3 * 2 * (max + 2));

    if (failed)
      {
        g_autoptr(GError) error = NULL;

        FUZZ_CHECK (!mistral_sse_parser_is_clean (small));
        FUZZ_CHECK (!mistral_sse_parser_feed (small, "\n", 1, on_event, &sink, NULL, &error));
        FUZZ_CHECK (g_error_matches (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE));
      }
  }

  return 0;
}

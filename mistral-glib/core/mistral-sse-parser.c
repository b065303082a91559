// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-sse-parser-private.h"

#define DEFAULT_MAX_EVENT_SIZE (8 * 1024 * 1024)

struct _MistralSseParser
{
  gsize max_event_size;

  GString *line;   /* the partial line carried over from the previous feed */
  GString *data;   /* data lines, each followed by "\n" */
  GString *event;  /* the event type; empty for none */

  /* The event's first data line while it still lies in the caller's bytes:
   * the common single-line event is dispatched from there without a copy.
   * It moves into @data when a second data line comes or the feed ends. */
  const char *data_ref;
  gsize data_ref_len;

  guint bom_seen;       /* BOM bytes matched so far; 3 once past the start */
  gboolean cr_pending;  /* the last feed ended in '\r': a leading '\n' belongs to it */
  gboolean in_event;    /* a field line came since the last blank line */
  gboolean failed;
};

typedef enum {
  LINE_OK,
  LINE_STOP,
  LINE_ERROR,
} LineResult;

MistralSseParser *
mistral_sse_parser_new (gsize max_event_size)
{
  MistralSseParser *parser = g_new0 (MistralSseParser, 1);

  parser->max_event_size = max_event_size != 0 ? max_event_size : DEFAULT_MAX_EVENT_SIZE;
  /* Sized for a typical chunk, so that a stream of them never reallocates. */
  parser->line = g_string_sized_new (256);
  parser->data = g_string_sized_new (256);
  parser->event = g_string_new (NULL);
  return parser;
}

void
mistral_sse_parser_free (MistralSseParser *parser)
{
  if (parser == NULL)
    return;

  g_string_free (parser->line, TRUE);
  g_string_free (parser->data, TRUE);
  g_string_free (parser->event, TRUE);
  g_free (parser);
}

static void
clear_pending (MistralSseParser *parser)
{
  g_string_truncate (parser->line, 0);
  g_string_truncate (parser->data, 0);
  g_string_truncate (parser->event, 0);
  parser->data_ref = NULL;
  parser->data_ref_len = 0;
  parser->cr_pending = FALSE;
  parser->in_event = FALSE;
}

void
mistral_sse_parser_reset (MistralSseParser *parser)
{
  g_return_if_fail (parser != NULL);

  clear_pending (parser);
  parser->bom_seen = 0;
  parser->failed = FALSE;
}

gboolean
mistral_sse_parser_is_clean (MistralSseParser *parser)
{
  g_return_val_if_fail (parser != NULL, FALSE);

  return !parser->failed
         && (parser->bom_seen == 0 || parser->bom_seen == 3)
         && parser->line->len == 0
         && !parser->in_event;
}

gsize
mistral_sse_parser_get_buffer_capacity (MistralSseParser *parser)
{
  g_return_val_if_fail (parser != NULL, 0);

  return parser->line->allocated_len + parser->data->allocated_len + parser->event->allocated_len;
}

static void
set_line_too_long (MistralSseParser  *parser,
                   GError           **error)
{
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "Event stream line longer than %" G_GSIZE_FORMAT " bytes",
               parser->max_event_size);
}

/* The data buffer always ends in the newline of its last line; the spec
 * removes that one at dispatch. */
static void
flush_data_ref (MistralSseParser *parser)
{
  if (parser->data_ref == NULL)
    return;

  g_string_append_len (parser->data, parser->data_ref, parser->data_ref_len);
  g_string_append_c (parser->data, '\n');
  parser->data_ref = NULL;
  parser->data_ref_len = 0;
}

static inline LineResult
dispatch (MistralSseParser    *parser,
          MistralSseEventFunc  func,
          gpointer             user_data)
{
  const char *data;
  gsize length;
  gboolean go_on;

  parser->in_event = FALSE;

  if (parser->data_ref != NULL)
    {
      data = parser->data_ref;
      length = parser->data_ref_len;
    }
  else if (parser->data->len > 0)
    {
      data = parser->data->str;
      length = parser->data->len - 1;
    }
  else
    {
      /* No data: nothing to dispatch, but the event type still ends here. */
      if (parser->event->len > 0)
        g_string_truncate (parser->event, 0);
      return LINE_OK;
    }

  go_on = func (parser->event->len > 0 ? parser->event->str : NULL, data, length, user_data);

  parser->data_ref = NULL;
  parser->data_ref_len = 0;
  if (parser->data->len > 0)
    g_string_truncate (parser->data, 0);
  if (parser->event->len > 0)
    g_string_truncate (parser->event, 0);

  return go_on ? LINE_OK : LINE_STOP;
}

/* @in_place: @line lies in the caller's bytes, which stay valid until the
 * end of this feed, so a data value may be referenced rather than copied. */
static inline LineResult
process_line (MistralSseParser     *parser,
              const char           *line,
              gsize                 length,
              gboolean              in_place,
              MistralSseEventFunc   func,
              gpointer              user_data,
              GError              **error)
{
  const char *colon, *value;
  gsize name_length, value_length;

  if (length == 0)
    return dispatch (parser, func, user_data);

  if (line[0] == ':')
    return LINE_OK; /* a comment, such as a keep-alive */

  parser->in_event = TRUE;

  colon = memchr (line, ':', length);
  if (colon != NULL)
    {
      name_length = colon - line;
      value = colon + 1;
      value_length = length - name_length - 1;
      if (value_length > 0 && value[0] == ' ')
        {
          value++;
          value_length--;
        }
    }
  else
    {
      name_length = length;
      value = line + length;
      value_length = 0;
    }

  if (name_length == 4 && memcmp (line, "data", 4) == 0)
    {
      gsize pending = parser->data_ref != NULL ? parser->data_ref_len + 1 : parser->data->len;

      /* pending + value_length is the length the event would dispatch. */
      if (pending + value_length > parser->max_event_size)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Event stream event larger than %" G_GSIZE_FORMAT " bytes",
                       parser->max_event_size);
          return LINE_ERROR;
        }

      if (pending == 0 && in_place)
        {
          parser->data_ref = value;
          parser->data_ref_len = value_length;
        }
      else
        {
          flush_data_ref (parser);
          g_string_append_len (parser->data, value, value_length);
          g_string_append_c (parser->data, '\n');
        }
    }
  else if (name_length == 5 && memcmp (line, "event", 5) == 0)
    {
      g_string_truncate (parser->event, 0);
      g_string_append_len (parser->event, value, value_length);
    }
  /* "id" and "retry" mean nothing to a client that never reconnects a
   * stream; unknown fields are ignored by the spec. */

  return LINE_OK;
}

/* Skips a UTF-8 BOM at the start of the stream, which may come split. */
static const char *
skip_bom (MistralSseParser *parser,
          const char       *p,
          const char       *end)
{
  static const char bom[] = "\xEF\xBB\xBF";

  while (parser->bom_seen < 3 && p < end)
    {
      if (*p == bom[parser->bom_seen])
        {
          parser->bom_seen++;
          p++;
        }
      else
        {
          /* Not a BOM after all: the bytes matched so far begin the first line. */
          g_string_append_len (parser->line, bom, parser->bom_seen);
          parser->bom_seen = 3;
        }
    }

  return p;
}

static inline const char *
find_cr (const char *p,
         const char *end)
{
  const char *cr = memchr (p, '\r', end - p);

  return cr != NULL ? cr : end;
}

gboolean
mistral_sse_parser_feed (MistralSseParser     *parser,
                         const char           *bytes,
                         gsize                 length,
                         MistralSseEventFunc   func,
                         gpointer              user_data,
                         gsize                *consumed,
                         GError              **error)
{
  const char *p = bytes;
  const char *end = bytes + length;
  const char *cr;
  LineResult result = LINE_OK;

  g_return_val_if_fail (parser != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (consumed != NULL)
    *consumed = 0;

  if (parser->failed)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "The event stream already failed");
      return FALSE;
    }

  if (length == 0)
    return TRUE;

  if (G_UNLIKELY (parser->bom_seen < 3))
    p = skip_bom (parser, p, end);

  if (parser->cr_pending && p < end)
    {
      if (*p == '\n')
        p++;
      parser->cr_pending = FALSE;
    }

  /* '\r' is rare (the API ends lines with '\n'): look for it once, and
   * again only after passing one, so that a stream without it costs one
   * memchr per line. @cr is @end when there is none ahead. */
  cr = find_cr (p, end);

  while (p < end)
    {
      const char *eol, *next;

      eol = memchr (p, '\n', cr - p);
      if (G_LIKELY (eol != NULL))
        {
          next = eol + 1;
        }
      else if (cr < end)
        {
          eol = cr;
          if (cr + 1 == end)
            {
              /* A '\n' may open the next feed: it ends no other line. */
              next = end;
              parser->cr_pending = TRUE;
            }
          else
            {
              next = cr[1] == '\n' ? cr + 2 : cr + 1;
            }
          cr = find_cr (next, end);
        }
      else
        {
          break; /* no line ending: the rest is a partial line */
        }

      if (G_UNLIKELY (parser->line->len > 0))
        {
          /* The end of the line carried over from the previous feed. */
          if (parser->line->len + (gsize) (eol - p) > parser->max_event_size)
            {
              set_line_too_long (parser, error);
              result = LINE_ERROR;
              break;
            }
          g_string_append_len (parser->line, p, eol - p);
          result = process_line (parser, parser->line->str, parser->line->len, FALSE,
                                 func, user_data, error);
          g_string_truncate (parser->line, 0);
        }
      else
        {
          if ((gsize) (eol - p) > parser->max_event_size)
            {
              set_line_too_long (parser, error);
              result = LINE_ERROR;
              break;
            }
          result = process_line (parser, p, eol - p, TRUE, func, user_data, error);
        }

      p = next;
      if (G_UNLIKELY (result != LINE_OK))
        break;
    }

  if (result == LINE_OK && p < end)
    {
      if (parser->line->len + (gsize) (end - p) > parser->max_event_size)
        {
          set_line_too_long (parser, error);
          result = LINE_ERROR;
        }
      else
        {
          g_string_append_len (parser->line, p, end - p);
          p = end;
        }
    }

  if (G_UNLIKELY (result == LINE_ERROR))
    {
      /* Drop what was pending so that nothing grows, and refuse to go on:
       * the rest of the stream cannot be framed any more. */
      clear_pending (parser);
      parser->failed = TRUE;
      return FALSE;
    }

  /* The caller's bytes go away after this call. */
  flush_data_ref (parser);

  if (consumed != NULL)
    *consumed = p - bytes;
  return TRUE;
}

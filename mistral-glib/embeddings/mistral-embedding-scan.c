// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The fast path of the embeddings reader: see mistral-embedding-scan-private.h. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mistral-embedding-private.h"
#include "mistral-embedding-scan-private.h"

/* Deeper than any reply: the tree reader decides about such text. */
#define SCAN_MAX_DEPTH 64

typedef struct {
  const char *p;
  const char *end;
  const char *copied;      /* the body up to here is in slim */
  MistralEmbeddingScan *scan;
  GArray *scratch;         /* floats of the vector being read */
  GArray *cuts;            /* Cut: where each vector read left a null in slim */
} Scanner;

/* A vector cut from slim, and the layout of its text: the body is
 * written back with the same lines and columns after each vector, so
 * that json-glib's messages about what follows name the same place. */
typedef struct {
  gsize offset;            /* of the "null" in slim */
  guint position;          /* in `data`, the index into raws */
  gsize length;            /* of its text */
  guint lines;             /* line breaks in it */
  gsize last_line;         /* bytes after the last of them */
} Cut;

static void
scan_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
scan_char (Scanner *s,
           char     c)
{
  scan_space (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

/* A string, from its opening quote; *@plain is whether it has no escape,
 * so that its bytes are its value. */
static gboolean
scan_string (Scanner   *s,
             gboolean  *plain)
{
  *plain = TRUE;
  for (s->p++; s->p < s->end; s->p++)
    {
      guchar c = *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c == '\\')
        {
          *plain = FALSE;
          if (++s->p == s->end)
            return FALSE;
          if (*s->p == 'u')
            {
              if (s->end - s->p < 5)
                return FALSE;
              for (int k = 1; k <= 4; k++)
                if (!g_ascii_isxdigit (s->p[k]))
                  return FALSE;
              s->p += 4;
            }
          else if (strchr ("\"\\/bfnrt", *s->p) == NULL || *s->p == '\0')
            return FALSE;
        }
    }
  return FALSE;
}

static const double powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A number in JSON's grammar, as the double json-glib makes of it: an
 * integer (no fraction, no exponent) through gint64, which json-glib
 * keeps it in; any other through the correctly rounded conversion, done
 * exactly in double arithmetic when the digits and the power of ten allow
 * (Clinger's fast path), else by g_ascii_strtod(). FALSE for text that is
 * not a JSON number, and for an integer of more than 18 digits, which
 * json-glib 1.6 reads wrongly (99999999999999999999 is -1 there). */
static gboolean
scan_number (Scanner *s,
             double  *out)
{
  const char *start = s->p;
  gboolean negative = FALSE, is_integer = TRUE, too_many = FALSE;
  guint64 mantissa = 0;
  int digits = 0, int_digits = 0, exponent = 0;
  gint64 exp_value = 0;

  if (s->p < s->end && *s->p == '-')
    {
      negative = TRUE;
      s->p++;
    }
  if (s->p == s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  if (*s->p == '0')
    s->p++;
  else
    {
      for (; s->p < s->end && g_ascii_isdigit (*s->p); s->p++)
        {
          int_digits++;
          if (digits < 19)
            {
              mantissa = mantissa * 10 + (*s->p - '0');
              digits++;
            }
          else
            {
              too_many = TRUE;
              exponent++;
            }
        }
    }

  if (s->p < s->end && *s->p == '.')
    {
      is_integer = FALSE;
      s->p++;
      if (s->p == s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      for (; s->p < s->end && g_ascii_isdigit (*s->p); s->p++)
        {
          if (mantissa == 0 && *s->p == '0')
            exponent--;
          else if (digits < 19)
            {
              mantissa = mantissa * 10 + (*s->p - '0');
              digits++;
              exponent--;
            }
          else
            too_many = TRUE;
        }
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      gboolean exp_negative = FALSE;

      is_integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        exp_negative = *s->p++ == '-';
      if (s->p == s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      for (; s->p < s->end && g_ascii_isdigit (*s->p); s->p++)
        exp_value = MIN (exp_value * 10 + (*s->p - '0'), 100000);
      exponent += exp_negative ? -exp_value : exp_value;
    }

  if (is_integer)
    {
      gint64 value = (gint64) mantissa;

      if (int_digits > 18)
        return FALSE;
      *out = (double) (negative ? -value : value);
      return TRUE;
    }

  if (!too_many && mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exponent >= -22 && exponent <= 22)
    {
      double value = (double) mantissa;

      value = exponent < 0 ? value / powers_of_ten[-exponent] : value * powers_of_ten[exponent];
      *out = negative ? -value : value;
      return TRUE;
    }

  {
    g_autofree char *text = g_strndup (start, s->p - start);

    *out = g_ascii_strtod (text, NULL);
    return TRUE;
  }
}

/* Any value, checked and skipped; it stays in the slim body as it is. */
static gboolean
scan_skip_value (Scanner *s,
                 guint    depth)
{
  gboolean plain;
  double number;

  scan_space (s);
  if (s->p == s->end || depth > SCAN_MAX_DEPTH)
    return FALSE;

  switch (*s->p)
    {
    case '"':
      return scan_string (s, &plain);
    case '{':
      s->p++;
      if (scan_char (s, '}'))
        return TRUE;
      do
        {
          scan_space (s);
          if (s->p == s->end || *s->p != '"' || !scan_string (s, &plain) ||
              !scan_char (s, ':') || !scan_skip_value (s, depth + 1))
            return FALSE;
        }
      while (scan_char (s, ','));
      return scan_char (s, '}');
    case '[':
      s->p++;
      if (scan_char (s, ']'))
        return TRUE;
      do
        {
          if (!scan_skip_value (s, depth + 1))
            return FALSE;
        }
      while (scan_char (s, ','));
      return scan_char (s, ']');
    case 't':
      return s->end - s->p >= 4 && memcmp (s->p, "true", 4) == 0 && (s->p += 4);
    case 'f':
      return s->end - s->p >= 5 && memcmp (s->p, "false", 5) == 0 && (s->p += 5);
    case 'n':
      return s->end - s->p >= 4 && memcmp (s->p, "null", 4) == 0 && (s->p += 4);
    default:
      return scan_number (s, &number);
    }
}

/* A list of numbers, from its '[', into @raw as floats. */
static gboolean
scan_vector_numbers (Scanner             *s,
                     MistralEmbeddingRaw *raw)
{
  g_array_set_size (s->scratch, 0);
  s->p++;
  if (!scan_char (s, ']'))
    {
      do
        {
          double number;
          float value;

          scan_space (s);
          if (!scan_number (s, &number))
            return FALSE;
          value = (float) number;
          if (!isfinite (value))
            return FALSE;
          g_array_append_val (s->scratch, value);
        }
      while (scan_char (s, ','));
      if (!scan_char (s, ']'))
        return FALSE;
    }

  raw->n_values = s->scratch->len;
  raw->values = g_new (float, MAX (raw->n_values, 1));
  if (raw->n_values > 0)
    memcpy (raw->values, s->scratch->data, raw->n_values * sizeof (float));
  return TRUE;
}

/* Base64 text, from its opening quote, into @raw as bytes. */
static gboolean
scan_vector_base64 (Scanner             *s,
                    MistralEmbeddingRaw *raw)
{
  const char *text = s->p + 1;
  const char *quote = memchr (text, '"', s->end - text);

  if (quote == NULL)
    return FALSE;
  raw->bytes = mistral_embedding_base64_decode (text, quote - text);
  if (raw->bytes == NULL)
    return FALSE;
  s->p = quote + 1;
  return TRUE;
}

/* The value of an item's "embedding", at s->p: a vector is read and cut
 * from the slim body; anything else is left to the tree reader. */
static gboolean
scan_embedding (Scanner *s,
                guint    position)
{
  g_auto(MistralEmbeddingRaw) raw = { NULL, };
  const char *start;
  gboolean read;

  scan_space (s);
  start = s->p;
  if (s->p < s->end && *s->p == '[')
    read = scan_vector_numbers (s, &raw);
  else if (s->p < s->end && *s->p == '"')
    read = scan_vector_base64 (s, &raw);
  else
    return scan_skip_value (s, 3);
  if (!read)
    return FALSE;

  g_string_append_len (s->scan->slim, s->copied, start - s->copied);
  {
    Cut cut = { s->scan->slim->len, position, s->p - start, 0, 0 };
    const char *line = start, *newline;

    while ((newline = memchr (line, '\n', s->p - line)) != NULL)
      {
        cut.lines++;
        line = newline + 1;
      }
    cut.last_line = s->p - line;
    g_array_append_val (s->cuts, cut);
  }
  g_string_append (s->scan->slim, "null");
  s->copied = s->p;

  if (s->scan->raws->len <= position)
    g_ptr_array_set_size (s->scan->raws, position + 1);
  s->scan->raws->pdata[position] = g_memdup2 (&raw, sizeof raw);
  raw = (MistralEmbeddingRaw) { NULL, };
  return TRUE;
}

/* An object's key, from its opening quote: FALSE unless it has no escape
 * (so that two spellings of one key cannot hide from the checks). */
static gboolean
scan_key (Scanner     *s,
          const char **key,
          gsize       *length)
{
  gboolean plain;

  scan_space (s);
  if (s->p == s->end || *s->p != '"')
    return FALSE;
  *key = s->p + 1;
  if (!scan_string (s, &plain) || !plain)
    return FALSE;
  *length = s->p - 1 - *key;
  return scan_char (s, ':');
}

static gboolean
key_is (const char *key,
        gsize       length,
        const char *name)
{
  return length == strlen (name) && memcmp (key, name, length) == 0;
}

/* One item of `data`, from its '{'. */
static gboolean
scan_item (Scanner *s,
           guint    position)
{
  gboolean seen = FALSE;

  s->p++;
  if (scan_char (s, '}'))
    return TRUE;
  do
    {
      const char *key;
      gsize length;

      if (!scan_key (s, &key, &length))
        return FALSE;
      if (key_is (key, length, "embedding"))
        {
          if (seen)
            return FALSE;
          seen = TRUE;
          if (!scan_embedding (s, position))
            return FALSE;
        }
      else if (!scan_skip_value (s, 3))
        return FALSE;
    }
  while (scan_char (s, ','));
  return scan_char (s, '}');
}

/* Reading as the body arrives ---------------------------------------------
 *
 * The body is read in steps, each a whole piece of the reply's outer
 * shape: the root's '{', one member of the root (all of it but `data`'s
 * items), one item of `data` with the ',' or ']' after it, the root's
 * '}'. A step runs only on bytes that hold all of it: one that runs out
 * of bytes (or fails: before the last piece the two look alike) is undone
 * and tried again from its start when more has arrived, so that a chunk
 * may end anywhere (inside a number, a string, an escape, a UTF-8
 * sequence, base64). What is read is let go: only the step in progress
 * (about one vector's text) is held, besides the slim body and the
 * packed vectors. */

typedef enum {
  STEP_ROOT,         /* the root's '{' */
  STEP_MEMBER,       /* a member of the root */
  STEP_NEXT_MEMBER,  /* ',' or '}' after it */
  STEP_ITEM,         /* an item of `data` and the ',' or ']' after it */
  STEP_END,          /* nothing but space */
} Step;

/* A step that has not completed in this many bytes (a string of a
 * megabyte where a reply has a few words) is not read in steps: the body
 * is then kept whole for the whole-body reading. */
#define STEP_MAX_LENGTH (1024 * 1024)

struct _MistralEmbeddingReader {
  MistralEmbeddingScan *scan; /* NULL once declined */
  GArray *cuts;
  GArray *scratch;
  GByteArray *pending;       /* the body from the step in progress on */
  gsize retry_length;        /* pending is not tried again before it is this long */
  Step step;
  guint position;            /* of the next item in `data` */
  gboolean seen_data;
  GByteArray *whole;         /* once declined: the body, for the whole-body reading */
  gboolean discard;          /* the caller has the whole body: none is kept */
};

static gboolean
run_step (MistralEmbeddingReader *reader,
          Scanner                *s)
{
  const char *key;
  gsize length;

  switch (reader->step)
    {
    case STEP_ROOT:
      if (!scan_char (s, '{'))
        return FALSE;
      reader->step = scan_char (s, '}') ? STEP_END : STEP_MEMBER;
      break;
    case STEP_MEMBER:
      if (!scan_key (s, &key, &length))
        return FALSE;
      reader->step = STEP_NEXT_MEMBER;
      if (!key_is (key, length, "data"))
        return scan_skip_value (s, 1);
      if (reader->seen_data || !scan_char (s, '['))
        return FALSE;
      reader->seen_data = TRUE;
      if (!scan_char (s, ']'))
        reader->step = STEP_ITEM;
      break;
    case STEP_NEXT_MEMBER:
      if (scan_char (s, ','))
        reader->step = STEP_MEMBER;
      else if (scan_char (s, '}'))
        reader->step = STEP_END;
      else
        return FALSE;
      break;
    case STEP_ITEM:
      scan_space (s);
      if (s->p == s->end || *s->p != '{' || !scan_item (s, reader->position))
        return FALSE;
      reader->position++;
      if (scan_char (s, ']'))
        reader->step = STEP_NEXT_MEMBER;
      else if (!scan_char (s, ','))
        return FALSE;
      break;
    case STEP_END:
      scan_space (s);
      return s->p == s->end;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Keeps @text in @best if json-glib reads it as @value and it is shorter. */
static void
try_float_text (char       *best,
                const char *text,
                float       value)
{
  if ((float) g_ascii_strtod (text, NULL) == value && (best[0] == '\0' || strlen (text) < strlen (best)))
    strcpy (best, text);
}

/* The shortest JSON text of a float that json-glib reads back as it:
 * each count of digits, in plain form, in exponent form, and in exponent
 * form with the digits before the point ("15e9"); the exponent without
 * '+' or leading zeros. So as long as any text that reads as it, so that
 * a vector fits in the room its own text took. */
static void
append_float (GByteArray *out,
              float       value)
{
  char best[48] = "";

  if (value == 0)
    strcpy (best, signbit (value) ? "-0.0" : "0");

  for (int digits = 1; digits <= 9 && value != 0; digits++)
    {
      char format[8], text[48], mantissa[16];
      const char *e;
      gsize n = 0;
      int exponent;

      g_snprintf (format, sizeof format, "%%.%de", digits - 1);
      g_ascii_formatd (text, sizeof text, format, value);
      e = strchr (text, 'e');
      exponent = atoi (e + 1);
      for (const char *c = text; c < e; c++)
        if (*c != '.')
          mantissa[n++] = *c;
      mantissa[n] = '\0';

      {
        /* D.DDDeX */
        const char *digits_start = mantissa + (mantissa[0] == '-');

        g_snprintf (text, sizeof text, "%s%c%s%se%d", mantissa[0] == '-' ? "-" : "", digits_start[0],
                    digits > 1 ? "." : "", digits_start + 1, exponent);
        try_float_text (best, text, value);
        /* DDDDeX' */
        g_snprintf (text, sizeof text, "%se%d", mantissa, exponent - (digits - 1));
        try_float_text (best, text, value);
      }

      /* Plain, with as many decimals as these digits need. */
      if (fabsf (value) < 1e16f && exponent > -10)
        {
          g_snprintf (format, sizeof format, "%%.%df", MAX (digits - 1 - exponent, 0));
          g_ascii_formatd (text, sizeof text, format, value);
          try_float_text (best, text, value);
        }
    }
  g_assert (best[0] != '\0');
  g_byte_array_append (out, (const guint8 *) best, strlen (best));
}

/* A vector read, written back as JSON that reads as the same values, in
 * the lines and columns of its text (@cut). */
static void
append_raw (GByteArray                *out,
            const MistralEmbeddingRaw *raw,
            const Cut                 *cut)
{
  gsize start = out->len;

  if (raw->bytes != NULL)
    {
      /* Strict base64 has one spelling. */
      g_autofree char *text = g_base64_encode (g_bytes_get_data (raw->bytes, NULL), g_bytes_get_size (raw->bytes));

      g_byte_array_append (out, (const guint8 *) "\"", 1);
      g_byte_array_append (out, (const guint8 *) text, strlen (text));
      g_byte_array_append (out, (const guint8 *) "\"", 1);
    }
  else
    {
      g_byte_array_append (out, (const guint8 *) "[", 1);
      for (gsize i = 0; i < raw->n_values; i++)
        {
          if (i > 0)
            g_byte_array_append (out, (const guint8 *) ",", 1);
          append_float (out, raw->values[i]);
        }
      g_byte_array_append (out, (const guint8 *) "]", 1);
    }

  for (guint i = 0; i < cut->lines; i++)
    g_byte_array_append (out, (const guint8 *) "\n", 1);
  for (gsize column = cut->lines > 0 ? 0 : out->len - start; column < (cut->lines > 0 ? cut->last_line : cut->length); column++)
    g_byte_array_append (out, (const guint8 *) " ", 1);
}

/* The fast path gives up: the body read so far is written back whole
 * (its vectors as JSON again), @rest after it, and what comes is kept. */
static void
reader_decline (MistralEmbeddingReader *reader,
                const char             *rest,
                gsize                   length)
{
  GString *slim = reader->scan->slim;
  gsize from = 0;

  reader->whole = g_byte_array_new ();
  for (guint i = 0; !reader->discard && i < reader->cuts->len; i++)
    {
      Cut *cut = &g_array_index (reader->cuts, Cut, i);

      g_byte_array_append (reader->whole, (const guint8 *) slim->str + from, cut->offset - from);
      append_raw (reader->whole, reader->scan->raws->pdata[cut->position], cut);
      from = cut->offset + strlen ("null");
    }
  if (!reader->discard)
    {
      g_byte_array_append (reader->whole, (const guint8 *) slim->str + from, slim->len - from);
      g_byte_array_append (reader->whole, (const guint8 *) rest, length);
    }

  g_clear_pointer (&reader->scan, mistral_embedding_scan_free);
  g_clear_pointer (&reader->pending, g_byte_array_unref);
}

static void scan_raw_free (gpointer data);

MistralEmbeddingReader *
mistral_embedding_reader_new (void)
{
  MistralEmbeddingReader *reader = g_new0 (MistralEmbeddingReader, 1);

  reader->scan = g_new0 (MistralEmbeddingScan, 1);
  reader->scan->slim = g_string_new (NULL);
  reader->scan->raws = g_ptr_array_new_with_free_func (scan_raw_free);
  reader->cuts = g_array_new (FALSE, FALSE, sizeof (Cut));
  reader->scratch = g_array_new (FALSE, FALSE, sizeof (float));
  reader->pending = g_byte_array_new ();
  return reader;
}

void
mistral_embedding_reader_free (MistralEmbeddingReader *reader)
{
  g_clear_pointer (&reader->scan, mistral_embedding_scan_free);
  g_array_unref (reader->cuts);
  g_array_unref (reader->scratch);
  g_clear_pointer (&reader->pending, g_byte_array_unref);
  g_clear_pointer (&reader->whole, g_byte_array_unref);
  g_free (reader);
}

gsize
mistral_embedding_reader_feed (MistralEmbeddingReader *reader,
                               const char             *data,
                               gsize                   length,
                               gboolean                last)
{
  const char *text = data;
  gsize text_length = length;
  Scanner s;

  if (reader->whole != NULL)
    {
      g_byte_array_append (reader->whole, (const guint8 *) data, length);
      return reader->whole->len;
    }

  /* Bytes of a step begun before are read after them; a step that did
   * not complete is tried again only on twice its bytes, so that a long
   * one is not read over and over. */
  if (reader->pending->len > 0)
    {
      g_byte_array_append (reader->pending, (const guint8 *) data, length);
      if (!last && reader->pending->len < reader->retry_length)
        return reader->pending->len + reader->scan->slim->len;
      text = (const char *) reader->pending->data;
      text_length = reader->pending->len;
    }

  s = (Scanner) { text, text + text_length, text, reader->scan, reader->scratch, reader->cuts };
  for (;;)
    {
      const char *start = s.p, *copied = s.copied;
      guint position = reader->position;
      gboolean seen_data = reader->seen_data;
      gsize slim_length = reader->scan->slim->len;
      guint n_cuts = reader->cuts->len;
      guint n_raws = reader->scan->raws->len;
      Step step = reader->step;
      gboolean done;

      /* Space after a step is its own, so that a number that ends a step
       * ends before the last byte: "1" may yet be "12". */
      done = run_step (reader, &s);
      if (done && step != STEP_END)
        scan_space (&s);
      if (done && (s.p < s.end || last))
        {
          if (step == STEP_END)
            break;
          continue;
        }

      /* Undone, to be tried again from its start. */
      s.p = start;
      s.copied = copied;
      reader->position = position;
      reader->seen_data = seen_data;
      g_string_truncate (reader->scan->slim, slim_length);
      g_array_set_size (reader->cuts, n_cuts);
      g_ptr_array_set_size (reader->scan->raws, n_raws);
      reader->step = step;
      if (last || (gsize) (s.end - start) > STEP_MAX_LENGTH)
        {
          g_string_append_len (reader->scan->slim, s.copied, start - s.copied);
          reader_decline (reader, start, s.end - start);
          return reader->whole->len;
        }
      break;
    }

  /* What was read goes to slim; the step in progress is held. */
  g_string_append_len (reader->scan->slim, s.copied, s.p - s.copied);
  if (text == (const char *) reader->pending->data)
    g_byte_array_remove_range (reader->pending, 0, s.p - text);
  else
    g_byte_array_append (reader->pending, (const guint8 *) s.p, s.end - s.p);
  reader->retry_length = reader->pending->len * 2;
  return reader->pending->len + reader->scan->slim->len;
}

MistralEmbeddingScan *
mistral_embedding_reader_finish (MistralEmbeddingReader  *reader,
                                 GBytes                 **whole)
{
  if (reader->scan != NULL && (reader->pending->len > 0 || reader->step != STEP_END))
    mistral_embedding_reader_feed (reader, "", 0, TRUE);

  if (reader->scan != NULL)
    {
      g_assert (reader->step == STEP_END && reader->pending->len == 0);
      return g_steal_pointer (&reader->scan);
    }

  if (whole != NULL)
    *whole = g_byte_array_free_to_bytes (g_steal_pointer (&reader->whole));
  return NULL;
}

static void
scan_raw_free (gpointer data)
{
  MistralEmbeddingRaw *raw = data;

  if (raw != NULL)
    mistral_embedding_raw_clear (raw);
  g_free (raw);
}

void
mistral_embedding_scan_free (MistralEmbeddingScan *scan)
{
  g_string_free (scan->slim, TRUE);
  g_ptr_array_unref (scan->raws);
  g_free (scan);
}

MistralEmbeddingScan *
mistral_embedding_scan (const char *data,
                        gsize       length)
{
  MistralEmbeddingReader *reader = mistral_embedding_reader_new ();
  MistralEmbeddingScan *scan;

  reader->discard = TRUE;
  mistral_embedding_reader_feed (reader, data, length, TRUE);
  scan = mistral_embedding_reader_finish (reader, NULL);
  mistral_embedding_reader_free (reader);
  return scan;
}

/* The slim body, strict JSON with a null for each vector, is read once
 * more (it is a few dozen bytes an item) to find its items. */
GString *
mistral_embedding_scan_split (MistralEmbeddingScan *scan,
                              GArray               *items)
{
  const char *text = scan->slim->str;
  Scanner s = { text, text + scan->slim->len, text, NULL, NULL, NULL };
  GString *root = g_string_new (NULL);

  g_array_set_size (items, 0);
  if (!scan_char (&s, '{') || scan_char (&s, '}'))
    return g_string_append_len (root, text, scan->slim->len);
  do
    {
      const char *key;
      gsize length;

      if (!scan_key (&s, &key, &length))
        g_assert_not_reached ();
      if (!key_is (key, length, "data"))
        {
          if (!scan_skip_value (&s, 1))
            g_assert_not_reached ();
        }
      else if (scan_char (&s, '[') && !scan_char (&s, ']'))
        {
          g_string_append_len (root, s.copied, s.p - s.copied);
          do
            {
              const char *start;

              scan_space (&s);
              start = s.p;
              if (!scan_skip_value (&s, 2))
                g_assert_not_reached ();
              g_array_append_val (items, ((MistralEmbeddingItemText) { start - text, s.p - start }));
            }
          while (scan_char (&s, ','));
          if (!scan_char (&s, ']'))
            g_assert_not_reached ();
          s.copied = s.p - 1;
        }
    }
  while (scan_char (&s, ','));

  return g_string_append_len (root, s.copied, s.end - s.copied);
}

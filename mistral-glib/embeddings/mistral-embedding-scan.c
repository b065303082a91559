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
} Scanner;

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

/* The value of `data`: a list of objects. */
static gboolean
scan_data (Scanner *s)
{
  if (!scan_char (s, '['))
    return FALSE;
  if (scan_char (s, ']'))
    return TRUE;
  for (guint position = 0;; position++)
    {
      if (!scan_char (s, '{'))
        return FALSE;
      s->p--;
      if (!scan_item (s, position))
        return FALSE;
      if (!scan_char (s, ','))
        return scan_char (s, ']');
    }
}

static gboolean
scan_root (Scanner *s)
{
  gboolean seen = FALSE;

  if (!scan_char (s, '{'))
    return FALSE;
  if (!scan_char (s, '}'))
    {
      do
        {
          const char *key;
          gsize length;

          if (!scan_key (s, &key, &length))
            return FALSE;
          if (key_is (key, length, "data"))
            {
              if (seen)
                return FALSE;
              seen = TRUE;
              if (!scan_data (s))
                return FALSE;
            }
          else if (!scan_skip_value (s, 1))
            return FALSE;
        }
      while (scan_char (s, ','));
      if (!scan_char (s, '}'))
        return FALSE;
    }

  scan_space (s);
  return s->p == s->end;
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
  g_autoptr(MistralEmbeddingScan) scan = g_new0 (MistralEmbeddingScan, 1);
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (float));
  Scanner s = { data, data + length, data, scan, scratch };

  scan->slim = g_string_new (NULL);
  scan->raws = g_ptr_array_new_with_free_func (scan_raw_free);
  if (!scan_root (&s))
    return NULL;

  g_string_append_len (scan->slim, s.copied, s.end - s.copied);
  return g_steal_pointer (&scan);
}

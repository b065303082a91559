// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-chunk-template-private.h"

#define CONTENT_TOKEN "\"content\""

void
mistral_chunk_template_clear (MistralChunkTemplate *self)
{
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->id, g_ref_string_release);
  g_clear_pointer (&self->object, g_ref_string_release);
  g_clear_pointer (&self->model, g_ref_string_release);
  memset (self, 0, sizeof *self);
}

/* The first @key in @text, or NULL (memmem() is not in C11). */
static const char *
find (const char *text,
      const char *end,
      const char *key)
{
  gsize key_length = strlen (key);

  while ((text = memchr (text, key[0], end - text)) != NULL)
    {
      if ((gsize) (end - text) < key_length)
        return NULL;
      if (memcmp (text, key, key_length) == 0)
        return text;
      text++;
    }
  return NULL;
}

static char *
acquire_or_null (char *string)
{
  return string != NULL ? g_ref_string_acquire (string) : NULL;
}

void
mistral_chunk_template_learn (MistralChunkTemplate   *self,
                              const char             *text,
                              gsize                   length,
                              const MistralChunkData *data)
{
  const char *key, *content, *end = text + length;
  gsize content_length;

  self->valid = FALSE;
  if (data->n_choices != 1 || data->usage != NULL)
    return;
  content = mistral_chunk_choice_get_plain_text (&data->choices[0]);
  if (content == NULL)
    return;

  /* The delta's "content" key, found by its bytes. In a document without
   * a backslash, every string is written as it reads, and the bytes
   * "content" (quotes included) can only be the string token "content": a
   * quote that ends a string is never followed by a letter. So if they
   * occur once, that is the delta's key, which the decoder read; any
   * other way of writing it (an escape in it, another "content" elsewhere)
   * teaches nothing. */
  if (memchr (text, '\\', length) != NULL)
    return;
  key = find (text, end, CONTENT_TOKEN);
  if (key == NULL || find (key + 1, end, CONTENT_TOKEN) != NULL)
    return;
  key += strlen (CONTENT_TOKEN);
  if (end - key < 2 || key[0] != ':' || key[1] != '"')
    return;

  /* Its body as written must be the text as read: then it ends at the next
   * byte, a quote. */
  self->body_start = key + 2 - text;
  content_length = strlen (content);
  if (length - self->body_start <= content_length ||
      memcmp (text + self->body_start, content, content_length) != 0 ||
      text[self->body_start + content_length] != '"')
    return;
  self->body_end = self->body_start + content_length;

  if (self->allocated < length)
    {
      g_free (self->text);
      self->allocated = MAX (length, 256);
      self->text = g_malloc (self->allocated);
    }
  memcpy (self->text, text, length);
  self->length = length;

  g_clear_pointer (&self->id, g_ref_string_release);
  g_clear_pointer (&self->object, g_ref_string_release);
  g_clear_pointer (&self->model, g_ref_string_release);
  self->id = acquire_or_null (data->id);
  self->object = acquire_or_null (data->object);
  self->model = acquire_or_null (data->model);
  self->created = data->created;
  self->index = data->choices[0].index;
  self->valid = TRUE;
}

/* A string body that JSON takes as it is written: no quote, no escape, no
 * control character, and valid UTF-8 (GLib's check is as strict as
 * simdjson's and json-glib's: no surrogates, no overlong forms). */
static gboolean
is_plain_string_body (const char *body,
                      gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = body[i];

      if (c == '"' || c == '\\' || c < 0x20)
        return FALSE;
    }
  return g_utf8_validate_len (body, length, NULL);
}

/* TRUE, with @data filled, if @text is the template with another text. */
static gboolean
template_match (MistralChunkTemplate *self,
                const char           *text,
                gsize                 length,
                MistralChunkData     *data)
{
  gsize suffix_length = self->length - self->body_end;
  gsize body_length;
  MistralChunkChoice *choice;

  if (!self->valid || length < self->body_start + suffix_length ||
      memcmp (text, self->text, self->body_start) != 0 ||
      memcmp (text + length - suffix_length, self->text + self->body_end, suffix_length) != 0)
    return FALSE;

  body_length = length - suffix_length - self->body_start;
  if (!is_plain_string_body (text + self->body_start, body_length))
    return FALSE;

  data->id = acquire_or_null (self->id);
  data->object = acquire_or_null (self->object);
  data->model = acquire_or_null (self->model);
  data->created = self->created;
  choice = mistral_chunk_data_add_choice (data);
  choice->index = self->index;
  choice->plain = TRUE;
  choice->content = g_strndup (text + self->body_start, body_length);
  return TRUE;
}

MistralCompletionChunk *
mistral_chunk_template_decode (MistralChunkTemplate *self,
                               MistralRecycler      *recycler,
                               const char           *text,
                               gsize                 length,
                               GTimeSpan             chunk_latency,
                               GTimeSpan             total_latency)
{
  MistralChunkData data;

  mistral_chunk_data_init (&data);
  if (!template_match (self, text, length, &data))
    return NULL;
  return mistral_completion_chunk_new_take (recycler, &data, chunk_latency, total_latency);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-error.h"
#include "mistral-multipart-private.h"

/* A part: its head (boundary and headers) and its content, which is text,
 * a file, or a caller's stream, followed by CRLF. */
typedef struct {
  GBytes *head;
  GBytes *text;
  GFile *file;
  GInputStream *stream;
  goffset stream_start;   /* where the caller's stream was, to seek back to */
  goffset size;           /* of the content, -1 if unknown */
} Part;

struct _MistralMultipart
{
  GPtrArray *parts;       /* of Part */
  char *boundary;
  char *content_type;
  GBytes *tail;           /* the closing boundary */
  gboolean opened;        /* opened once: a caller's stream was read */
};

static void
part_free (Part *part)
{
  g_clear_pointer (&part->head, g_bytes_unref);
  g_clear_pointer (&part->text, g_bytes_unref);
  g_clear_object (&part->file);
  g_clear_object (&part->stream);
  g_free (part);
}

MistralMultipart *
mistral_multipart_new (void)
{
  MistralMultipart *self = g_atomic_rc_box_new0 (MistralMultipart);
  g_autofree char *uuid = g_uuid_string_random ();

  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  /* Random, so that no file can contain it by design. */
  self->boundary = g_strconcat ("mistral-glib-", uuid, NULL);
  self->content_type = g_strconcat ("multipart/form-data; boundary=", self->boundary, NULL);
  self->tail = g_bytes_new_take (g_strconcat ("--", self->boundary, "--\r\n", NULL),
                                 strlen (self->boundary) + 6);
  return self;
}

MistralMultipart *
mistral_multipart_ref (MistralMultipart *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
multipart_clear (MistralMultipart *self)
{
  g_ptr_array_unref (self->parts);
  g_free (self->boundary);
  g_free (self->content_type);
  g_bytes_unref (self->tail);
}

void
mistral_multipart_unref (MistralMultipart *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) multipart_clear);
}

/* A name or file name inside quotes: as browsers do (RFC 7578, 4.2), the
 * quote and line breaks are percent-encoded. */
static void
append_quoted (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\r' || *p == '\n')
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static Part *
add_part (MistralMultipart *self,
          const char       *name,
          const char       *filename,
          const char       *content_type)
{
  Part *part = g_new0 (Part, 1);
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "--%s\r\nContent-Disposition: form-data; name=", self->boundary);
  append_quoted (head, name);
  if (filename != NULL)
    {
      g_string_append (head, "; filename=");
      append_quoted (head, filename);
    }
  g_string_append (head, "\r\n");
  if (content_type != NULL)
    g_string_append_printf (head, "Content-Type: %s\r\n", content_type);
  g_string_append (head, "\r\n");

  part->head = g_string_free_to_bytes (head);
  part->size = -1;
  g_ptr_array_add (self->parts, part);
  return part;
}

void
mistral_multipart_add_field (MistralMultipart *self,
                             const char       *name,
                             const char       *value)
{
  Part *part = add_part (self, name, NULL, NULL);

  part->text = g_bytes_new (value, strlen (value));
  part->size = strlen (value);
}

void
mistral_multipart_add_file (MistralMultipart *self,
                            const char       *name,
                            const char       *filename,
                            const char       *content_type,
                            GFile            *file,
                            goffset           size)
{
  Part *part = add_part (self, name, filename, content_type != NULL ? content_type : "application/octet-stream");

  part->file = g_object_ref (file);
  part->size = size;
}

void
mistral_multipart_add_stream (MistralMultipart *self,
                              const char       *name,
                              const char       *filename,
                              const char       *content_type,
                              GInputStream     *stream,
                              goffset           size)
{
  Part *part = add_part (self, name, filename, content_type != NULL ? content_type : "application/octet-stream");

  part->stream = g_object_ref (stream);
  part->stream_start = G_IS_SEEKABLE (stream) ? g_seekable_tell (G_SEEKABLE (stream)) : 0;
  part->size = size;
}

const char *
mistral_multipart_get_content_type (MistralMultipart *self)
{
  return self->content_type;
}

/* The length of the whole body, for Content-Length; -1 if a part's size
 * is unknown (the body is then sent chunked). */
goffset
mistral_multipart_get_length (MistralMultipart *self)
{
  goffset length = g_bytes_get_size (self->tail);

  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = self->parts->pdata[i];

      if (part->size < 0)
        return -1;
      length += g_bytes_get_size (part->head) + part->size + 2;
    }
  return length;
}

static gboolean
stream_can_rewind (GInputStream *stream)
{
  return G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream));
}

gboolean
mistral_multipart_can_resend (MistralMultipart *self)
{
  for (guint i = 0; self->opened && i < self->parts->len; i++)
    {
      Part *part = self->parts->pdata[i];

      if (part->stream != NULL && !stream_can_rewind (part->stream))
        return FALSE;
    }
  return TRUE;
}

/* The body of one attempt -------------------------------------------------- */

/* Reads the parts in turn. Its reads run in a worker thread (GInputStream's
 * default for async reads), so files are opened and read off the I/O
 * thread. */
#define MISTRAL_TYPE_MULTIPART_STREAM (mistral_multipart_stream_get_type ())
G_DECLARE_FINAL_TYPE (MistralMultipartStream, mistral_multipart_stream, MISTRAL, MULTIPART_STREAM, GInputStream)

struct _MistralMultipartStream
{
  GInputStream parent_instance;

  MistralMultipart *multipart;
  GQueue pieces;          /* GFile or GInputStream, in order */
  GInputStream *current;  /* the piece being read */
  gboolean current_owned; /* opened here (closed here) rather than the caller's */
};

G_DEFINE_FINAL_TYPE (MistralMultipartStream, mistral_multipart_stream, G_TYPE_INPUT_STREAM)

static void
drop_current (MistralMultipartStream *self)
{
  if (self->current != NULL && self->current_owned)
    g_input_stream_close (self->current, NULL, NULL);
  g_clear_object (&self->current);
}

static gboolean
next_piece (MistralMultipartStream  *self,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(GObject) piece = g_queue_pop_head (&self->pieces);

  drop_current (self);
  if (piece == NULL)
    return TRUE;

  if (G_IS_FILE (piece))
    {
      self->current = G_INPUT_STREAM (g_file_read (G_FILE (piece), cancellable, error));
      self->current_owned = TRUE;
      return self->current != NULL;
    }
  /* A caller's stream is theirs to close; the memory ones need no close. */
  self->current = G_INPUT_STREAM (g_steal_pointer (&piece));
  self->current_owned = FALSE;
  return TRUE;
}

static gssize
mistral_multipart_stream_read (GInputStream  *stream,
                               void          *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  MistralMultipartStream *self = MISTRAL_MULTIPART_STREAM (stream);

  while (TRUE)
    {
      gssize n;

      if (self->current == NULL && !next_piece (self, cancellable, error))
        return -1;
      if (self->current == NULL)
        return 0;

      n = g_input_stream_read (self->current, buffer, count, cancellable, error);
      if (n != 0)
        return n;
      drop_current (self);
    }
}

static gboolean
mistral_multipart_stream_close (GInputStream  *stream,
                                GCancellable  *cancellable,
                                GError       **error)
{
  MistralMultipartStream *self = MISTRAL_MULTIPART_STREAM (stream);

  drop_current (self);
  return TRUE;
}

static void
mistral_multipart_stream_finalize (GObject *object)
{
  MistralMultipartStream *self = MISTRAL_MULTIPART_STREAM (object);

  drop_current (self);
  g_queue_clear_full (&self->pieces, g_object_unref);
  mistral_multipart_unref (self->multipart);

  G_OBJECT_CLASS (mistral_multipart_stream_parent_class)->finalize (object);
}

static void
mistral_multipart_stream_class_init (MistralMultipartStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = mistral_multipart_stream_finalize;
  stream_class->read_fn = mistral_multipart_stream_read;
  stream_class->close_fn = mistral_multipart_stream_close;
}

static void
mistral_multipart_stream_init (MistralMultipartStream *self)
{
  g_queue_init (&self->pieces);
}

/* GBytes is not a GObject: the memory pieces are wrapped at once. */
static void
push_bytes (GQueue *pieces,
            GBytes *bytes)
{
  g_queue_push_tail (pieces, g_memory_input_stream_new_from_bytes (bytes));
}

/* The body for one attempt, from its start. Fails if a caller's stream
 * was already sent and cannot seek back. */
GInputStream *
mistral_multipart_open (MistralMultipart  *self,
                        GError           **error)
{
  g_autoptr(MistralMultipartStream) stream = NULL;
  static const char crlf[] = "\r\n";
  g_autoptr(GBytes) line_end = g_bytes_new_static (crlf, 2);

  if (!mistral_multipart_can_resend (self))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED,
                           "The upload cannot be sent again: its stream cannot go back to its start");
      return NULL;
    }

  stream = g_object_new (MISTRAL_TYPE_MULTIPART_STREAM, NULL);
  stream->multipart = mistral_multipart_ref (self);
  for (guint i = 0; i < self->parts->len; i++)
    {
      Part *part = self->parts->pdata[i];

      push_bytes (&stream->pieces, part->head);
      if (part->text != NULL)
        push_bytes (&stream->pieces, part->text);
      else if (part->file != NULL)
        g_queue_push_tail (&stream->pieces, g_object_ref (part->file));
      else
        {
          if (self->opened && !g_seekable_seek (G_SEEKABLE (part->stream), part->stream_start,
                                                G_SEEK_SET, NULL, error))
            return NULL;
          g_queue_push_tail (&stream->pieces, g_object_ref (part->stream));
        }
      push_bytes (&stream->pieces, line_end);
    }
  push_bytes (&stream->pieces, self->tail);
  self->opened = TRUE;

  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

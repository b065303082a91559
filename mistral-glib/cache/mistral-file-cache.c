// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-file-cache.h"

/**
 * MistralFileCache:
 *
 * A [iface@Mistral.Cache] on a directory, one file per reply: the Go
 * client's local cache. The directory is made when the first reply is
 * stored.
 *
 * Each file holds a header (a magic number, a format version, the key, the
 * body's length and its SHA-256) before the body: a file that was cut
 * short, changed, or is not one of ours (a file of another program, an
 * empty one, a directory) is a miss, never a wrong reply, and the next
 * reply stored under its key replaces it. A file is written under a
 * temporary name and renamed into place, so a reader sees the old entry or
 * the new one whole, and a write that fails leaves nothing behind.
 *
 * Entries are never expired: delete the directory, or files in it, to
 * forget replies. It is safe to share a directory between clients,
 * threads and processes.
 *
 * ## Usage
 *
 * ```c
 * g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "my-app", "mistral", NULL);
 * g_autoptr(GFile) directory = g_file_new_for_path (path);
 * g_autoptr(MistralFileCache) cache = mistral_file_cache_new (directory);
 *
 * g_object_set (client, "cache", cache, NULL);
 * ```
 *
 * Since: 1.0
 */

/* A magic number ("MGLC" and, as PNG's, bytes that text-mode copies and
 * 7-bit transfers change), a version (32 bits), the key (32 bytes), the
 * length of the body (64 bits) and its SHA-256 (32 bytes), then the body.
 * Numbers are big-endian. */
#define FILE_MAGIC        "MGLC\r\n\032\n"
#define MAGIC_LENGTH      8
#define FILE_VERSION      1
#define DIGEST_LENGTH     32
#define HEADER_LENGTH     (MAGIC_LENGTH + 4 + DIGEST_LENGTH + 8 + DIGEST_LENGTH)
#define KEY_LENGTH        (2 * DIGEST_LENGTH)
/* A reply read whole is at most 32 MiB (core/mistral-http.c), a stream's
 * events about as much: anything larger is not ours. */
#define MAX_BODY_LENGTH   ((guint64) 64 * 1024 * 1024)

struct _MistralFileCache
{
  GObject parent_instance;

  GFile *directory;   /* construct-only: read from any thread */
};

static void mistral_file_cache_iface_init (MistralCacheInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MistralFileCache, mistral_file_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MISTRAL_TYPE_CACHE, mistral_file_cache_iface_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The key as the 32 bytes it spells; FALSE if it is not 64 lowercase hex
 * digits (so it can never name a file outside the directory). */
static gboolean
file_cache_parse_key (const char  *key,
                      guint8      *digest,
                      GError     **error)
{
  if (strlen (key) != KEY_LENGTH)
    goto invalid;
  for (gsize i = 0; i < DIGEST_LENGTH; i++)
    {
      int high = g_ascii_xdigit_value (key[2 * i]);
      int low = g_ascii_xdigit_value (key[2 * i + 1]);

      if (high < 0 || low < 0 || g_ascii_isupper (key[2 * i]) || g_ascii_isupper (key[2 * i + 1]))
        goto invalid;
      digest[i] = (guint8) (high << 4 | low);
    }
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Not a cache key (64 lowercase hexadecimal digits)");
  return FALSE;
}

static void
file_cache_body_digest (GBytes *body,
                        guint8 *digest)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = DIGEST_LENGTH;

  g_checksum_update (checksum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_checksum_get_digest (checksum, digest, &length);
}

static guint64
file_cache_read_be64 (const guint8 *bytes)
{
  guint64 value = 0;

  for (int i = 0; i < 8; i++)
    value = value << 8 | bytes[i];
  return value;
}

static GBytes *
file_cache_lookup (MistralCache  *cache,
                   const char    *key,
                   GError       **error)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (cache);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 digest[DIGEST_LENGTH];
  guint8 header[HEADER_LENGTH];
  guint8 body_digest[DIGEST_LENGTH];
  guint8 extra;
  guint64 length;
  gsize n;
  const guint8 *p = header;

  if (!file_cache_parse_key (key, digest, error))
    return NULL;

  file = g_file_get_child (self->directory, key);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      /* Not there is a miss; anything else (a directory in its place, a
       * file we may not read) is a miss the caller logs. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, HEADER_LENGTH, &n, NULL, error))
    return NULL;
  if (n != HEADER_LENGTH || memcmp (p, FILE_MAGIC, MAGIC_LENGTH) != 0)
    goto corrupt;
  p += MAGIC_LENGTH;
  if (p[0] != 0 || p[1] != 0 || p[2] != 0 || p[3] != FILE_VERSION)
    goto corrupt;
  p += 4;
  if (memcmp (p, digest, DIGEST_LENGTH) != 0)
    goto corrupt;
  p += DIGEST_LENGTH;
  length = file_cache_read_be64 (p);
  p += 8;
  if (length == 0 || length > MAX_BODY_LENGTH)
    goto corrupt;
  /* A length the file does not have (cut short, or a damaged header) is
   * found before the body's buffer is made: a damaged header must not cost
   * an allocation of up to MAX_BODY_LENGTH on every lookup. A file system
   * that cannot tell the size leaves it to the reads below. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      (g_file_info_get_size (info) < 0 || (guint64) g_file_info_get_size (info) != HEADER_LENGTH + length))
    goto corrupt;

  body = g_input_stream_read_bytes (G_INPUT_STREAM (stream), length, NULL, error);
  if (body == NULL)
    return NULL;
  /* Cut short, or followed by more than the header says (the file may
   * have been written to since its size was read). */
  if (g_bytes_get_size (body) != length)
    goto corrupt;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), &extra, 1, &n, NULL, error))
    return NULL;
  if (n != 0)
    goto corrupt;

  file_cache_body_digest (body, body_digest);
  if (memcmp (p, body_digest, DIGEST_LENGTH) != 0)
    goto corrupt;

  return g_steal_pointer (&body);

corrupt:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The cache entry %s is damaged or not a cache entry: ignored", key);
  return NULL;
}

/* Something else where an entry should be (a directory): removed, without
 * following symbolic links, so that the entry can take its place. */
static gboolean
file_cache_remove_tree (GFile   *file,
                        GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_DIRECTORY)
    return g_file_delete (file, NULL, error);

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, error);
  if (children == NULL)
    return FALSE;
  for (;;)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, error))
        return FALSE;
      if (child == NULL)
        break;
      if (!file_cache_remove_tree (child, error))
        return FALSE;
    }

  return g_file_delete (file, NULL, error);
}

static gboolean
file_cache_write (GFile          *file,
                  const guint8   *header,
                  GBytes         *body,
                  GError        **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  gsize length;
  gconstpointer data = g_bytes_get_data (body, &length);

  stream = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  return g_output_stream_write_all (G_OUTPUT_STREAM (stream), header, HEADER_LENGTH, NULL, NULL, error) &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
file_cache_store (MistralCache  *cache,
                  const char    *key,
                  GBytes        *body,
                  GError       **error)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (cache);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temporary_name = NULL;
  guint8 header[HEADER_LENGTH];
  guint8 *p = header;
  guint64 length = g_bytes_get_size (body);
  gboolean moved;

  if (!file_cache_parse_key (key, header + MAGIC_LENGTH + 4, error))
    return FALSE;
  if (length == 0 || length > MAX_BODY_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A reply of %" G_GUINT64_FORMAT " bytes is not cached", length);
      return FALSE;
    }

  memcpy (p, FILE_MAGIC, MAGIC_LENGTH);
  p += MAGIC_LENGTH;
  p[0] = p[1] = p[2] = 0;
  p[3] = FILE_VERSION;
  p += 4 + DIGEST_LENGTH;
  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (length >> (56 - 8 * i));
  p += 8;
  file_cache_body_digest (body, p);

  if (!g_file_make_directory_with_parents (self->directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);

  /* A name of its own for each writer, in the same directory: the rename
   * is then atomic, and two writers of one key never share a file. */
  temporary_name = g_strdup_printf (".%s.%08x%08x.tmp", key, g_random_int (), g_random_int ());
  temporary = g_file_get_child (self->directory, temporary_name);
  file = g_file_get_child (self->directory, key);

  if (!file_cache_write (temporary, header, body, error))
    {
      g_file_delete (temporary, NULL, NULL);
      return FALSE;
    }

  moved = g_file_move (temporary, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                       NULL, NULL, NULL, &local_error);
  if (!moved && g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_clear_error (&local_error);
      moved = file_cache_remove_tree (file, &local_error) &&
              g_file_move (temporary, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                           NULL, NULL, NULL, &local_error);
    }
  if (!moved)
    {
      g_file_delete (temporary, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
mistral_file_cache_iface_init (MistralCacheInterface *iface)
{
  iface->lookup = file_cache_lookup;
  iface->store = file_cache_store;
}

static void
mistral_file_cache_finalize (GObject *object)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (object);

  g_clear_object (&self->directory);

  G_OBJECT_CLASS (mistral_file_cache_parent_class)->finalize (object);
}

static void
mistral_file_cache_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_file_cache_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_file_cache_constructed (GObject *object)
{
  MistralFileCache *self = MISTRAL_FILE_CACHE (object);

  G_OBJECT_CLASS (mistral_file_cache_parent_class)->constructed (object);

  /* Constructed without one (from a binding): the current directory would
   * be a surprise; a directory of the user's cache is not. */
  if (self->directory == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "mistral-glib", NULL);

      self->directory = g_file_new_for_path (path);
    }
}

static void
mistral_file_cache_class_init (MistralFileCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_file_cache_constructed;
  object_class->finalize = mistral_file_cache_finalize;
  object_class->get_property = mistral_file_cache_get_property;
  object_class->set_property = mistral_file_cache_set_property;

  /**
   * MistralFileCache:directory: (getter get_directory)
   *
   * The directory the replies are kept in. When none is given, it is
   * `mistral-glib` in the user's cache directory (`g_get_user_cache_dir()`).
   *
   * Since: 1.0
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_file_cache_init (MistralFileCache *self)
{
}

/**
 * mistral_file_cache_new:
 * @directory: the directory to keep the replies in
 *
 * Makes a cache on @directory, which is made when the first reply is
 * stored.
 *
 * Returns: (transfer full): a new cache
 *
 * Since: 1.0
 */
MistralFileCache *
mistral_file_cache_new (GFile *directory)
{
  g_return_val_if_fail (G_IS_FILE (directory), NULL);

  return g_object_new (MISTRAL_TYPE_FILE_CACHE, "directory", directory, NULL);
}

/**
 * mistral_file_cache_get_directory: (get-property directory)
 * @self: a file cache
 *
 * Gets the directory the replies are kept in.
 *
 * Returns: (transfer none): the directory
 *
 * Since: 1.0
 */
GFile *
mistral_file_cache_get_directory (MistralFileCache *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE_CACHE (self), NULL);

  return self->directory;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A MistralFileCache entry file, as the cache reads it from its directory:
 * the input is written as the entry of one fixed key, then looked up. The
 * lookup must be a miss, or exactly the input's body, under a header that
 * this harness checks itself (magic, version, key, length and the body's
 * SHA-256). After a miss, a reply stored under the key must replace the
 * damaged entry and be read back whole. */

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <mistral-glib.h>

#include "fuzz-common.h"

/* The entry format, written out here independently of the cache (see
 * mistral-file-cache.c): magic (8), version (4, big-endian), key (32),
 * body length (8, big-endian), body SHA-256 (32), body. */
#define MAGIC         "MGLC\r\n\032\n"
#define HEADER_LENGTH (8 + 4 + 32 + 8 + 32)
#define KEY           "5f1e0a2b9c3d4e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7"

static char *directory_path;
static char *entry_path;
static MistralCache *cache;

static void
remove_directory (void)
{
  g_autoptr(GDir) dir = g_dir_open (directory_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory_path, name, NULL);

      g_remove (path);
    }
  g_rmdir (directory_path);
}

static void
setup (void)
{
  g_autoptr(GFile) directory = NULL;
  GError *error = NULL;

  directory_path = g_dir_make_tmp ("fuzz-file-cache-XXXXXX", &error);
  FUZZ_CHECK (directory_path != NULL);
  entry_path = g_build_filename (directory_path, KEY, NULL);
  directory = g_file_new_for_path (directory_path);
  cache = MISTRAL_CACHE (mistral_file_cache_new (directory));
  atexit (remove_directory);
}

/* Whether @data is a good entry of KEY by the format's rules. */
static gboolean
is_good_entry (const uint8_t *data,
               size_t         size)
{
  guint8 key[32];
  guint64 length = 0;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  if (size <= HEADER_LENGTH || memcmp (data, MAGIC, 8) != 0 ||
      data[8] != 0 || data[9] != 0 || data[10] != 0 || data[11] != 1)
    return FALSE;
  for (int i = 0; i < 32; i++)
    key[i] = (guint8) (g_ascii_xdigit_value (KEY[2 * i]) << 4 | g_ascii_xdigit_value (KEY[2 * i + 1]));
  if (memcmp (data + 12, key, 32) != 0)
    return FALSE;
  for (int i = 0; i < 8; i++)
    length = length << 8 | data[44 + i];
  if (length != size - HEADER_LENGTH)
    return FALSE;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, data + HEADER_LENGTH, size - HEADER_LENGTH);
  g_checksum_get_digest (checksum, digest, &digest_length);
  return memcmp (data + 52, digest, 32) == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) found = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) again = NULL;
  GError *error = NULL;
  FILE *file;

  if (cache == NULL)
    setup ();

  /* Written over whatever the last input left there (a good entry the
   * cache stored), as any program could. g_file_set_contents_full() is not
   * used: it leaves an existing file as it is when given nothing to write. */
  file = fopen (entry_path, "wb");
  FUZZ_CHECK (file != NULL);
  FUZZ_CHECK (size == 0 || fwrite (data, 1, size, file) == size);
  FUZZ_CHECK (fclose (file) == 0);

  found = mistral_cache_lookup (cache, KEY, &error);
  if (found != NULL)
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (is_good_entry (data, size));
      FUZZ_CHECK (g_bytes_get_size (found) == size - HEADER_LENGTH);
      FUZZ_CHECK (memcmp (g_bytes_get_data (found, NULL), data + HEADER_LENGTH, size - HEADER_LENGTH) == 0);
      return 0;
    }

  /* A miss of an entry that is there is a damaged entry, said so. */
  FUZZ_CHECK (!is_good_entry (data, size));
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  /* The next reply replaces it. */
  reply = g_bytes_new_static ("{\"id\":\"cmpl-1\"}", 15);
  FUZZ_CHECK (mistral_cache_store (cache, KEY, reply, &error));
  FUZZ_CHECK (error == NULL);
  again = mistral_cache_lookup (cache, KEY, &error);
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (again != NULL && g_bytes_equal (again, reply));

  return 0;
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A reply body of the Files area, by the path the client takes (the JSON
 * layer's parse, then the readers of a file list, of one file object and
 * of a signed URL): each must give a result or a clean INVALID_RESPONSE,
 * every file one a binding could read, its purpose a known value with
 * the API's name kept, and a URL valid UTF-8. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-file-private.h"
#include "mistral-json-private.h"

static void
check_file (MistralFile *file)
{
  GEnumClass *purposes = g_type_class_ref (MISTRAL_TYPE_FILE_PURPOSE);
  MistralFilePurpose purpose = mistral_file_get_purpose (file);
  const char *name = mistral_file_get_purpose_name (file);

  fuzz_walk_object (G_OBJECT (file));
  FUZZ_CHECK (g_enum_get_value (purposes, purpose) != NULL);
  /* A known purpose is the one its name says; an unknown one keeps it. */
  if (purpose != MISTRAL_FILE_PURPOSE_UNKNOWN)
    FUZZ_CHECK (g_strcmp0 (name, mistral_file_purpose_to_string (purpose)) == 0);
  FUZZ_CHECK (mistral_file_get_bytes (file) >= -1);
  FUZZ_CHECK (mistral_file_get_num_lines (file) >= -1);
  g_type_class_unref (purposes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(MistralFile) file = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GError) url_error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body,
   * so that ASan sees any read past the end; never NULL. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node == NULL)
    return 0;

  files = mistral_file_list_from_json_node (node, &error);
  fuzz_check_outcome (files, error, -1);
  if (files != NULL)
    {
      guint n = g_list_model_get_n_items (files);

      FUZZ_CHECK (g_list_model_get_item_type (files) == MISTRAL_TYPE_FILE);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralFile) item = g_list_model_get_item (files, i);

          check_file (item);
        }
    }

  file = mistral_file_new_from_json_node (node, &file_error);
  fuzz_check_outcome (file, file_error, -1);
  if (file != NULL)
    check_file (file);

  url = mistral_file_url_from_json_node (node, &url_error);
  fuzz_check_outcome (url, url_error, -1);
  if (url != NULL)
    FUZZ_CHECK (g_utf8_validate (url, -1, NULL));

  return 0;
}

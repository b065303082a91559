// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* An OCR reply body, by the path the client takes (the JSON layer's
 * parse, then the response reader): it must give a response or a clean
 * INVALID_RESPONSE, and every page, image and table must be readable, an
 * image's bytes present exactly when it has a MIME type, and the joined
 * markdown as long as the pages' with their separators. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-json-private.h"
#include "mistral-ocr-response-private.h"

static void
check_page (MistralOcrPage *page,
            gsize          *length)
{
  GListModel *images = mistral_ocr_page_get_images (page);
  GListModel *tables = mistral_ocr_page_get_tables (page);

  fuzz_walk_object (G_OBJECT (page));
  FUZZ_CHECK (mistral_ocr_page_get_markdown (page) != NULL);
  FUZZ_CHECK (mistral_ocr_page_get_hyperlinks (page) != NULL);
  *length += strlen (mistral_ocr_page_get_markdown (page));
  FUZZ_CHECK (g_list_model_get_item_type (images) == MISTRAL_TYPE_OCR_IMAGE);
  FUZZ_CHECK (g_list_model_get_item_type (tables) == MISTRAL_TYPE_OCR_TABLE);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(MistralOcrImage) image = g_list_model_get_item (images, i);

      fuzz_walk_object (G_OBJECT (image));
      FUZZ_CHECK ((mistral_ocr_image_get_data (image) != NULL) == (mistral_ocr_image_get_mime_type (image) != NULL));
      FUZZ_CHECK (mistral_ocr_image_get_top_left_x (image) >= -1);
    }
  for (guint i = 0; i < g_list_model_get_n_items (tables); i++)
    {
      g_autoptr(MistralOcrTable) table = g_list_model_get_item (tables, i);

      fuzz_walk_object (G_OBJECT (table));
      FUZZ_CHECK (mistral_ocr_table_get_format (table) <= MISTRAL_OCR_TABLE_FORMAT_UNKNOWN);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autofree char *markdown = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);
  GListModel *pages;
  gsize length = 0;
  guint n;

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node == NULL)
    return 0;

  response = mistral_ocr_response_new_from_json (node, &error);
  fuzz_check_outcome (response, error, -1);
  if (response == NULL)
    return 0;

  fuzz_walk_object (G_OBJECT (response));
  pages = mistral_ocr_response_get_pages (response);
  FUZZ_CHECK (g_list_model_get_item_type (pages) == MISTRAL_TYPE_OCR_PAGE);
  n = g_list_model_get_n_items (pages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralOcrPage) page = g_list_model_get_item (pages, i);

      check_page (page, &length);
    }
  markdown = mistral_ocr_response_get_markdown (response);
  FUZZ_CHECK (strlen (markdown) == length + (n > 0 ? 2 * (n - 1) : 0));
  FUZZ_CHECK (mistral_ocr_response_get_doc_size_bytes (response) >= -1);

  return 0;
}

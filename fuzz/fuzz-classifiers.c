// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A reply body of moderation or classification, by the path the client
 * takes (the JSON layer's parse, then the response reader, in both its
 * shapes): each must give a response or a clean INVALID_RESPONSE, and
 * every result's categories must be readable, each with its flag and
 * score, and the flagged property true only when a category is flagged. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-json-private.h"
#include "mistral-moderation-response-private.h"

static void
check_response (MistralModerationResponse *response)
{
  GListModel *results = mistral_moderation_response_get_results (response);
  guint n;

  fuzz_walk_object (G_OBJECT (response));
  FUZZ_CHECK (results != NULL);
  FUZZ_CHECK (g_list_model_get_item_type (results) == MISTRAL_TYPE_MODERATION_RESULT);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralModerationResult) result = g_list_model_get_item (results, i);
      g_auto(GStrv) categories = mistral_moderation_result_get_categories (result);
      gboolean any = FALSE;

      fuzz_walk_object (G_OBJECT (result));
      FUZZ_CHECK (categories != NULL);
      for (guint k = 0; categories[k] != NULL; k++)
        {
          any |= mistral_moderation_result_get_flagged (result, categories[k]);
          (void) mistral_moderation_result_get_score (result, categories[k]);
        }
      FUZZ_CHECK (any == mistral_moderation_result_get_any_flagged (result));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node == NULL)
    return 0;

  for (int classification = 0; classification < 2; classification++)
    {
      g_autoptr(MistralModerationResponse) response = NULL;
      g_autoptr(GError) read_error = NULL;

      response = mistral_moderation_response_new_from_json (node, classification, &read_error);
      fuzz_check_outcome (response, read_error, -1);
      if (response != NULL)
        check_response (response);
    }

  return 0;
}

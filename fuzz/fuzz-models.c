// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A reply body of the Models area, by the path the client takes (the JSON
 * layer's parse, then the readers of a model list and of one card): each
 * must give a result or a clean INVALID_RESPONSE, and every card a
 * binding could read, with its capabilities within the known flags. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-json-private.h"
#include "mistral-model-card-private.h"

static void
check_card (MistralModelCard *card)
{
  const char * const *aliases = mistral_model_card_get_aliases (card);
  GFlagsClass *flags = g_type_class_ref (MISTRAL_TYPE_MODEL_CAPABILITIES);

  fuzz_walk_object (G_OBJECT (card));
  FUZZ_CHECK (aliases != NULL);
  FUZZ_CHECK (mistral_model_card_get_model_type (card) != NULL);
  FUZZ_CHECK ((mistral_model_card_get_capabilities (card) & ~flags->mask) == 0);
  FUZZ_CHECK (mistral_model_card_has_capabilities (card, mistral_model_card_get_capabilities (card)));
  g_type_class_unref (flags);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GListModel) models = NULL;
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) card_error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body,
   * so that ASan sees any read past the end; never NULL. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node == NULL)
    return 0;

  models = mistral_model_card_list_from_json_node (node, &error);
  fuzz_check_outcome (models, error, -1);
  if (models != NULL)
    {
      guint n = g_list_model_get_n_items (models);

      FUZZ_CHECK (g_list_model_get_item_type (models) == MISTRAL_TYPE_MODEL_CARD);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralModelCard) item = g_list_model_get_item (models, i);

          check_card (item);
        }
    }

  card = mistral_model_card_new_from_json_node (node, &card_error);
  fuzz_check_outcome (card, card_error, -1);
  if (card != NULL)
    check_card (card);

  return 0;
}

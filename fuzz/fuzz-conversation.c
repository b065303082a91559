// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A saved conversation, as an application loads it from disk (a file it
 * does not control): mistral_conversation_new_from_json() must give a
 * conversation or a clean INVALID_RESPONSE, every item a binding could
 * read, and a conversation that saves to what it loads back. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MistralConversation) conversation = NULL;
  g_autoptr(MistralConversation) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  /* The API takes a C string: the input up to its first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  guint n;

  conversation = mistral_conversation_new_from_json (text, &error);
  fuzz_check_outcome (conversation, error, -1);
  if (conversation == NULL)
    return 0;

  n = g_list_model_get_n_items (G_LIST_MODEL (conversation));
  FUZZ_CHECK (g_list_model_get_item_type (G_LIST_MODEL (conversation)) == MISTRAL_TYPE_CHAT_MESSAGE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralChatMessage) item = g_list_model_get_item (G_LIST_MODEL (conversation), i);

      FUZZ_CHECK (MISTRAL_IS_CHAT_MESSAGE (item));
      fuzz_walk_object (G_OBJECT (item));
    }
  FUZZ_CHECK (!mistral_conversation_get_busy (conversation));

  /* What it saves loads back, and saves the same. */
  saved = mistral_conversation_to_json (conversation);
  reloaded = mistral_conversation_new_from_json (saved, &error);
  FUZZ_CHECK (reloaded != NULL);
  FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (reloaded)) == n);
  saved_again = mistral_conversation_to_json (reloaded);
  FUZZ_CHECK (strcmp (saved, saved_again) == 0);
  return 0;
}

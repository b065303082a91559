// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* A non-streamed reply body to a response, by the general path (the JSON
 * layer's parse, then the public constructor), by the fast path the client
 * tries first (mistral-chunk-decoder.cc), which must read it the same or
 * leave it to the general one, and by
 * mistral_chat_completion_response_new_from_string(): the same verdict
 * from all. A reply's assistant message is then sent back in a request,
 * as a tool-calling app does, and must serialise or fail cleanly. */

#include <string.h>

#include <mistral-glib.h>

#include "chunk-describe.h"
#include "fuzz-common.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-json-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body,
   * so that ASan sees any read past the end; never NULL. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);
  g_autoptr(MistralChatCompletionResponse) fast = mistral_chat_reply_decode_fast (copy, size);
  MistralAssistantMessage *message;

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node != NULL)
    {
      response = mistral_chat_completion_response_new_from_json (node, &error);
      fuzz_check_outcome (response, error, -1);
    }

  if (fast != NULL)
    {
      g_autofree char *fast_text = response_describe (fast, NULL);
      g_autofree char *general_text = response_describe (response, error);

      if (strcmp (fast_text, general_text) != 0)
        {
          g_printerr ("readers disagree:\n%s\n---\n%s\n", fast_text, general_text);
          abort ();
        }
    }

  /* Text without a NUL inside: the string constructor must agree. */
  if (memchr (data, '\0', size) == NULL)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr(MistralChatCompletionResponse) other = NULL;
      g_autoptr(GError) other_error = NULL;

      other = mistral_chat_completion_response_new_from_string (text, &other_error);
      fuzz_check_outcome (other, other_error, -1);
      FUZZ_CHECK ((other != NULL) == (response != NULL));
    }

  if (response == NULL)
    return 0;

  fuzz_walk_object (G_OBJECT (response));

  message = mistral_chat_completion_response_get_assistant_message (response);
  if (message != NULL)
    {
      g_autoptr(MistralChatCompletionRequest) request = mistral_chat_completion_request_new ("fuzz");
      g_autoptr(MistralUserMessage) user = mistral_user_message_new ("hi");
      g_autoptr(GError) request_error = NULL;
      g_autofree char *body = NULL;

      mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
      mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (message));
      body = mistral_chat_completion_request_to_json (request, &request_error);
      FUZZ_CHECK ((body != NULL) != (request_error != NULL));
      if (body != NULL)
        FUZZ_CHECK (g_utf8_validate (body, -1, NULL));
    }

  return 0;
}

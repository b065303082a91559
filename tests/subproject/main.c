// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* consumer: a program that takes mistral-glib as a meson subproject.
 *
 *   consumer              prints a request's JSON body (no network)
 *   consumer BASE_URL     also asks BASE_URL (the mock server) for a reply */

#include <stdio.h>
#include <stdlib.h>

#include <mistral-glib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MistralClient) client = mistral_client_new ("test-key");
  g_autoptr(MistralChatCompletionRequest) request = NULL;
  g_autoptr(MistralUserMessage) user = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  request = mistral_chat_completion_request_new ("mistral-small-latest");
  user = mistral_user_message_new ("Hi");
  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));

  json = mistral_chat_completion_request_to_json (request, &error);
  if (json == NULL)
    {
      g_printerr ("to_json: %s\n", error->message);
      return EXIT_FAILURE;
    }
  printf ("mistral-glib %s: %s\n", MISTRAL_VERSION_S, json);

  if (argc < 2)
    return EXIT_SUCCESS;

  mistral_client_set_base_url (client, argv[1]);
  mistral_client_set_max_retries (client, 0);
  response = mistral_client_chat_completion (client, request, NULL, &error);
  if (response == NULL)
    {
      g_printerr ("chat completion: %s\n", error->message);
      return EXIT_FAILURE;
    }
  printf ("reply: %s\n", mistral_chat_completion_response_get_content (response));

  return EXIT_SUCCESS;
}

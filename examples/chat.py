#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Sends one chat completion and prints the reply.
#
#   MISTRAL_API_KEY=... python3 chat.py "Why is the sky blue?"
#
# MISTRAL_BASE_URL, when set, points the client at another server (such as
# the mock server of the test suite).

import sys

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import GLib, Mistral  # noqa: E402


def main(argv):
    prompt = argv[1] if len(argv) > 1 else "Hello!"

    # The API key and base URL come from MISTRAL_API_KEY and MISTRAL_BASE_URL.
    client = Mistral.Client.new_from_environment()

    # A conversation: a system prompt, then the user's question.
    request = Mistral.ChatCompletionRequest.new("mistral-small-latest")
    request.add_message(Mistral.SystemMessage.new("You are a helpful assistant. Be concise."))
    request.add_message(Mistral.UserMessage.new(prompt))

    try:
        # The blocking call; chat_completion_async() is its main-loop twin.
        response = client.chat_completion(request, None)
    except GLib.Error as error:
        # HTTP failures are Mistral.Error codes, e.g. Mistral.Error.UNAUTHORIZED.
        print(f"{argv[0]}: {error.message}", file=sys.stderr)
        return 1

    print(response.get_assistant_message().get_content())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

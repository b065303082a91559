#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Code completion at the cursor, as an editor such as GNOME Builder would
# ask for it: the text before the cursor is the prompt, the text after it
# the suffix, and the model fills in what goes between. The completion is
# streamed, shown as it arrives (the editor's grey "ghost text"), then
# inserted at the cursor.
#
#   MISTRAL_API_KEY=... python3 fim.py [FILE]
#
# FILE holds the code with the cursor marked by "<|>" (by default a small
# Python function). Without MISTRAL_API_KEY it runs against the local mock
# server of the test suite, started from $MISTRAL_MOCK_SERVER (default: a
# build in _build/), which completes a function from its parameters.

import os
import subprocess
import sys

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import GLib, Mistral  # noqa: E402

CURSOR = "<|>"
BUFFER = """def add(a, b):
    <|>


print(add(1, 2))
"""


def start_local_server():
    """Starts the mock server; returns the process and its URL."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.environ.get("MISTRAL_MOCK_SERVER") or os.path.join(
        here, "..", "_build", "tests", "mistral-mock-server")
    server = subprocess.Popen([path], stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().strip()


def complete(client, prefix, suffix):
    """Streams the completion between @prefix and @suffix; returns its text."""
    request = Mistral.FimCompletionRequest.new("codestral-latest", prefix, suffix)
    request.props.max_tokens = 128
    request.props.temperature = 0.0
    # A completion ends at the first blank line, as an editor's would.
    request.props.stop = ["\n\n"]

    stream = client.fim_completion_stream(request)
    loop = GLib.MainLoop()
    outcome = {}

    def on_chunk(_stream, chunk):
        delta = chunk.get_delta_message()
        if delta is not None and delta.get_content():
            print(delta.get_content(), end="", flush=True)

    def done(stream, result):
        try:
            outcome["response"] = stream.run_finish(result)
        except GLib.Error as error:
            outcome["error"] = error
        loop.quit()

    stream.connect("chunk", on_chunk)
    print("ghost text: ", end="", flush=True)
    stream.run_async(None, done)
    loop.run()
    print()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"].get_content() or ""


def main(argv):
    text = BUFFER
    if len(argv) > 1:
        with open(argv[1], encoding="utf-8") as f:
            text = f.read()
    if CURSOR not in text:
        print(f"{argv[0]}: no cursor ({CURSOR}) in the buffer", file=sys.stderr)
        return 1
    prefix, suffix = text.split(CURSOR, 1)
    server = None

    if os.environ.get("MISTRAL_API_KEY"):
        # The API key and base URL come from MISTRAL_API_KEY and MISTRAL_BASE_URL.
        client = Mistral.Client.new_from_environment()
    else:
        server, url = start_local_server()
        print(f"(no MISTRAL_API_KEY: using the local mock server at {url})\n")
        client = Mistral.Client(api_key="local", base_url=url)

    try:
        completion = complete(client, prefix, suffix)
    except GLib.Error as error:
        # HTTP failures are Mistral.Error codes, e.g. Mistral.Error.UNAUTHORIZED.
        print(f"{argv[0]}: {error.message}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
            server.stdout.close()

    print("\nThe buffer, completed:\n")
    print(prefix + completion + suffix, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

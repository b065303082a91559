#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Semantic search over a few sentences: embeds them and a query in one
# request, then ranks the sentences by their cosine similarity to the query.
#
#   MISTRAL_API_KEY=... python3 embeddings.py "Where does the cat sleep?"
#
# Without MISTRAL_API_KEY it runs against the local mock server of the test
# suite, started from $MISTRAL_MOCK_SERVER (default: a build in _build/):
# its embeddings are made from the words of each text, so sentences that
# share the query's words rank first. MISTRAL_BASE_URL, when set, points
# the client at another server.

import os
import subprocess
import sys

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import GLib, Mistral  # noqa: E402

SENTENCES = [
    "The cat sleeps on the warm windowsill.",
    "Stock markets fell sharply on Monday.",
    "A kitten curled up asleep in a basket.",
    "The central bank raised interest rates again.",
    "Fresh bread is best eaten on the day it is baked.",
]


def start_local_server():
    """Starts the mock server; returns the process and its URL."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.environ.get("MISTRAL_MOCK_SERVER") or os.path.join(
        here, "..", "_build", "tests", "mistral-mock-server")
    server = subprocess.Popen([path], stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().strip()


def main(argv):
    query = argv[1] if len(argv) > 1 else "Where does the cat sleep?"
    server = None

    if os.environ.get("MISTRAL_API_KEY"):
        # The API key and base URL come from MISTRAL_API_KEY and MISTRAL_BASE_URL.
        client = Mistral.Client.new_from_environment()
    else:
        server, url = start_local_server()
        print(f"(no MISTRAL_API_KEY: using the local mock server at {url})\n")
        client = Mistral.Client(api_key="local", base_url=url)

    try:
        # One request for the sentences and the query: the reply has one
        # embedding for each input, in order.
        request = Mistral.EmbeddingRequest.new("mistral-embed", SENTENCES + [query])
        response = client.embeddings(request, None)
    except GLib.Error as error:
        # HTTP failures are Mistral.Error codes, e.g. Mistral.Error.UNAUTHORIZED.
        print(f"{argv[0]}: {error.message}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
            server.stdout.close()

    data = response.get_data()
    embeddings = [data.get_item(i) for i in range(data.get_n_items())]
    query_embedding = embeddings.pop()

    # get_vector() is a list of floats, should you want to store it; the
    # similarity is computed in C.
    print(f"{len(query_embedding.get_vector())} dimensions; closest to “{query}”:")
    ranked = sorted(zip(SENTENCES, embeddings),
                    key=lambda pair: pair[1].cosine_similarity(query_embedding), reverse=True)
    for sentence, embedding in ranked:
        print(f"  {embedding.cosine_similarity(query_embedding):+.3f}  {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

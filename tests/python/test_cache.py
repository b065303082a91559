#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The reply cache as Python sees it through the typelib (PyGObject 3.42):
# a cache written in Python (a GObject implementing Mistral.Cache) used by
# a client, blocking, async and from a Python thread; Mistral.FileCache;
# a cached stream replayed through the same "chunk" signals. A hit needs
# no network: the tests then point the client at a closed port, where any
# request would fail.

import os
import re
import socket
import tempfile
import threading
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("GObject", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, GObject, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import make_request, run_async  # noqa: E402

setUpModule = mocktools.start_server


def closed_port_url():
    """The URL of a loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % s.getsockname()[1]


class MemoryCache(GObject.Object, Mistral.Cache):
    """A cache in a dict, which notes the threads it is called on."""

    def __init__(self):
        super().__init__()
        self.entries = {}
        self.lookups = []
        self.stores = []
        self.threads = set()

    def do_lookup(self, key):
        self.lookups.append(key)
        self.threads.add(threading.get_ident())
        return self.entries.get(key)

    def do_store(self, key, body):
        self.stores.append(key)
        self.threads.add(threading.get_ident())
        self.entries[key] = body
        return True


class FailingCache(GObject.Object, Mistral.Cache):
    """A cache whose every call fails: never the request's failure."""

    def do_lookup(self, key):
        raise GLib.Error("no lookup today", "test-cache", 1)

    def do_store(self, key, body):
        raise GLib.Error("no store today", "test-cache", 2)


def text_of(response):
    return response.get_assistant_message().props.content


class CacheTest(mocktools.ClientTestCase):
    def test_python_cache_blocking_and_async(self):
        cache = MemoryCache()
        self.client.props.cache = cache
        self.assertIs(self.client.props.cache, cache)
        request = make_request(text="Hello")

        live = self.client.chat_completion(request, None)
        self.assertEqual(len(cache.lookups), 1)
        self.assertEqual(cache.stores, cache.lookups)
        self.assertRegex(cache.lookups[0], r"^[0-9a-f]{64}$")
        self.assertIsInstance(next(iter(cache.entries.values())), GLib.Bytes)

        # No network from here on: a miss would fail.
        self.client.props.base_url = closed_port_url()
        cached = self.client.chat_completion(request, None)
        self.assertEqual(cached.props.id, live.props.id)
        self.assertEqual(text_of(cached), text_of(live))
        self.assertEqual(cached.props.usage.props.total_tokens, live.props.usage.props.total_tokens)

        _, result = run_async(lambda done: self.client.chat_completion_async(request, None, done))
        self.assertEqual(self.client.chat_completion_finish(result).props.id, live.props.id)
        self.assertEqual(len(cache.lookups), 3)
        self.assertEqual(len(cache.stores), 1)
        # Called on this (the main) thread only.
        self.assertEqual(cache.threads, {threading.get_ident()})

        # A request not in the cache goes to the (closed) network.
        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion(make_request(text="Hellp"), None)
        self.assert_mistral_error(caught.exception, Mistral.Error.NETWORK)

    def test_python_cache_from_a_thread(self):
        """A blocking call in a Python thread calls the cache there."""
        cache = MemoryCache()
        self.client.props.cache = cache
        outcome = {}

        # Both threads alive at once: Python reuses the ident of a thread
        # that has ended, and on a loaded machine the first could be done
        # before the second starts.
        both_started = threading.Barrier(2, timeout=30)

        # A prompt of its own for each thread: with one key, both first
        # calls could miss at once and the second store replace the first.
        def work(n):
            try:
                both_started.wait()
                first = self.client.chat_completion(make_request(text=f"Hello {n}"), None)
                second = self.client.chat_completion(make_request(text=f"Hello {n}"), None)
                outcome[n] = (first.props.id, second.props.id)
            except Exception as e:  # reported below, in the test's thread
                outcome["error"] = e

        threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        self.assertNotIn("error", outcome)
        for n in range(2):
            self.assertEqual(outcome[n][0], outcome[n][1])
        self.assertNotEqual(outcome[0][0], outcome[1][0])
        self.assertNotIn(threading.get_ident(), cache.threads)
        self.assertEqual(len(cache.threads), 2)
        self.assertEqual(len(cache.lookups), 4)
        self.assertEqual(len(cache.stores), 2)

    def test_stream_replayed(self):
        cache = MemoryCache()
        self.client.props.cache = cache
        request = make_request(text="Hello", stream=True)

        def run():
            stream = self.client.chat_completion_stream(request)
            chunks = []
            stream.connect("chunk", lambda s, c: chunks.append(
                (c.props.id, c.get_delta_message().props.content, c.props.is_last_chunk)))
            response = stream.run(None)
            return chunks, response

        live_chunks, live = run()
        self.assertGreater(len(live_chunks), 2)
        self.assertEqual(len(cache.stores), 1)

        self.client.props.base_url = closed_port_url()
        cached_chunks, cached = run()
        self.assertEqual(cached_chunks, live_chunks)
        self.assertEqual(text_of(cached), text_of(live))
        self.assertEqual(cached.props.id, live.props.id)

    def test_failing_cache_is_a_miss(self):
        self.client.props.cache = FailingCache()
        for _ in range(2):
            response = self.client.chat_completion(make_request(text="Hello"), None)
            self.assertTrue(text_of(response))

    def test_file_cache(self):
        with tempfile.TemporaryDirectory() as tmp:
            directory = Gio.File.new_for_path(os.path.join(tmp, "replies"))
            cache = Mistral.FileCache.new(directory)
            self.assertEqual(cache.props.directory.get_path(), directory.get_path())
            self.client.props.cache = cache

            # The models calls are never cached: nothing is written.
            models = self.client.list_models_full("mistralai", None, None)
            self.assertEqual(models.get_n_items(), 6)
            self.assertFalse(os.path.exists(directory.get_path()))

            live = self.client.chat_completion(make_request(text="Hello"), None)
            names = os.listdir(directory.get_path())
            self.assertEqual(len(names), 1)
            self.assertTrue(re.fullmatch(r"[0-9a-f]{64}", names[0]))

            self.client.props.base_url = closed_port_url()
            again = self.client.chat_completion(make_request(text="Hello"), None)
            self.assertEqual(again.props.id, live.props.id)
            self.assertEqual(text_of(again), text_of(live))
            with self.assertRaises(GLib.Error):
                self.client.list_models_full("mistralai", None, None)

            # The interface's methods, called directly.
            key = names[0]
            body = cache.lookup(key)
            self.assertIsInstance(body, GLib.Bytes)
            self.assertIn(live.props.id.encode(), body.get_data())
            self.assertIsNone(cache.lookup("0" * 64))
            with self.assertRaises(GLib.Error):
                cache.lookup("../not-a-key")


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The sequences that hung over HTTP/2, as a Python application writes them:
# a blocking call, then a stream on the same client (blocking run with a
# cancellable cancelled from a thread, run_async, pull), and blocking calls
# made from the callbacks of async ones on the main loop. Run plain, and
# through nginx over HTTP/2 and HTTPS/1.1 (the h2 and https1 test setups).
#
# Each test runs under a watchdog thread: a hang fails the test at once
# (SIGABRT with a message) instead of stalling the suite.

import faulthandler
import threading
import time
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import make_request, run_async  # noqa: E402

setUpModule = mocktools.start_server

WATCHDOG_SECONDS = 30


class ContextsTest(mocktools.ClientTestCase):
    def setUp(self):
        super().setUp()
        self.client.props.timeout = 3
        # A hang dumps every thread's stack and aborts.
        faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)

    def tearDown(self):
        faulthandler.cancel_dump_traceback_later()

    def blocking_chat(self, text):
        response = self.client.chat_completion(make_request(text=text), None)
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: " + text)

    def test_issue_sequence(self):
        """A blocking call, then a stream run with a cancellable cancelled
        from a thread after 2 s: the stream ends, with its whole reply,
        long before the cancel."""
        self.blocking_chat("Hello")
        cancellable = Gio.Cancellable()
        timer = threading.Timer(2, cancellable.cancel)
        timer.start()
        try:
            started = time.monotonic()
            stream = self.client.chat_completion_stream(make_request(text="Hello"))
            chunks = []
            stream.connect("chunk", lambda s, c: chunks.append(c.get_delta_message().get_content()))
            response = stream.run(cancellable)
            self.assertLess(time.monotonic() - started, 1.5)
        finally:
            timer.cancel()
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: Hello")
        self.assertEqual("".join(c or "" for c in chunks), "Echo: Hello")

    def test_blocking_then_run_async_and_pull(self):
        self.blocking_chat("first")

        stream = self.client.chat_completion_stream(make_request(text="async run"))
        source, result = run_async(lambda done: stream.run_async(None, done))
        response = source.run_finish(result)
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: async run")

        stream = self.client.chat_completion_stream(make_request(text="pull"))
        pulled = 0
        while stream.next_chunk(None) is not None:
            pulled += 1
        self.assertGreater(pulled, 1)
        self.assertEqual(stream.get_response().get_assistant_message().get_content(), "Echo: pull")

    def test_async_then_blocking_in_callback(self):
        """Async request, then async stream on the main loop, then blocking
        calls from the last callback."""
        loop = GLib.MainLoop()
        seen = []

        def on_stream(stream, result):
            seen.append(stream.run_finish(result).get_assistant_message().get_content())
            # Blocking calls from inside a callback of the main loop.
            self.blocking_chat("blocking in a callback")
            blocking = self.client.chat_completion_stream(make_request(text="blocking stream"))
            seen.append(blocking.run(None).get_assistant_message().get_content())
            loop.quit()

        def on_chat(client, result):
            seen.append(client.chat_completion_finish(result).get_assistant_message().get_content())
            stream = client.chat_completion_stream(make_request(text="async stream"))
            stream.run_async(None, on_stream)

        self.client.chat_completion_async(make_request(text="async"), None, on_chat)
        loop.run()
        self.assertEqual(seen, ["Echo: async", "Echo: async stream", "Echo: blocking stream"])

    def test_cancel_slow_stream_after_blocking(self):
        """A cancel from a thread ends a slow stream promptly."""
        self.blocking_chat("before")
        cancellable = Gio.Cancellable()
        threading.Timer(0.3, cancellable.cancel).start()
        stream = self.client.chat_completion_stream(make_request(model="mock-stream-slow-5000", text="slow"))
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            stream.run(cancellable)
        self.assertLess(time.monotonic() - started, 2)
        self.assert_cancelled(caught.exception)
        self.blocking_chat("after")

    def test_timeout_slow_stream_after_blocking(self):
        """The stream's idle timeout ends a stream that goes silent."""
        self.blocking_chat("before")
        self.client.props.timeout = 1
        stream = self.client.chat_completion_stream(make_request(model="mock-stream-slow-5000", text="slow"))
        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            stream.run(None)
        elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, 0.9)
        self.assertLess(elapsed, 3)
        self.assert_mistral_error(caught.exception, Mistral.Error.TIMEOUT)
        self.client.props.timeout = 3
        self.blocking_chat("after")

    def test_threads_share_a_client(self):
        """Threads doing blocking calls while the main loop runs async ones."""
        errors = []

        def worker(n):
            try:
                for i in range(3):
                    self.blocking_chat(f"thread {n} call {i}")
                    stream = self.client.chat_completion_stream(make_request(text=f"thread {n}"))
                    text = stream.run(None).get_assistant_message().get_content()
                    if text != f"Echo: thread {n}":
                        errors.append(text)
            except Exception as e:  # noqa: BLE001 (reported below)
                errors.append(e)

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        for i in range(3):
            source, result = run_async(
                lambda done: self.client.chat_completion_async(make_request(text=f"main {i}"), None, done)
            )
            self.assertEqual(
                source.chat_completion_finish(result).get_assistant_message().get_content(), f"Echo: main {i}"
            )
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)

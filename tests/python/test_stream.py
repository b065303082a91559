#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Streamed chat completions as Python sees them through the typelib
# (PyGObject 3.42): the `chunk` signal with the blocking and the async run,
# pull with next_chunk, an error inside the stream, and cancelling from the
# chunk handler.
#
# Run by meson (`meson test python-stream`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself. The server program
# cannot be scripted from here, so the tests use its magic models:
# "mock-stream-error-N" (N events, then an error object inside the stream)
# and "mock-stream-slow-MS" (MS milliseconds between events).

import gc
import threading
import time
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

# The mock server's default reply echoes the last user message one word
# per chunk, after a first chunk that carries the role and no text.
PROMPT = "one two three"
DELTAS = ["", "Echo:", " one", " two", " three"]
CONTENT = "Echo: one two three"
# Its token counts: the words of the prompt plus 3, and one per piece.
PROMPT_TOKENS = 6
COMPLETION_TOKENS = 4

# The mock server runs for the whole module; unittest stops it at the end.
setUpModule = mocktools.start_server


def make_request(model="mistral-small-latest", text=PROMPT, **props):
    return mocktools.make_request(model, text, **props)


class Recorder:
    """Connects to `chunk` and keeps what each emission saw."""

    def __init__(self, stream):
        self.chunks = []
        self.threads = []
        self.handler_id = stream.connect("chunk", self.on_chunk)

    def on_chunk(self, stream, chunk):
        self.chunks.append(chunk)
        self.threads.append(threading.get_ident())

    def texts(self):
        return [delta_text(chunk) for chunk in self.chunks]


def delta_text(chunk):
    delta = chunk.get_delta_message()
    return delta.get_content() if delta is not None else None


class StreamTestCase(mocktools.ClientTestCase):
    def check_chunks(self, chunks, model="mistral-small-latest"):
        """Every chunk of the default reply to PROMPT, in order."""
        self.assertEqual([delta_text(chunk) for chunk in chunks], DELTAS)

        previous_total = 0
        for i, chunk in enumerate(chunks):
            last = i == len(DELTAS) - 1
            self.assertIsInstance(chunk, Mistral.CompletionChunk)
            self.assertEqual(chunk.props.id, chunks[0].props.id)
            self.assertEqual(len(chunk.props.id), 32)
            self.assertEqual(chunk.props.object, "chat.completion.chunk")
            self.assertEqual(chunk.props.model, model)
            self.assertIsInstance(chunk.props.created, GLib.DateTime)

            choice = self.assert_one_choice(
                chunk.props.choices, Mistral.CompletionResponseStreamChoice
            )
            self.assertIsInstance(choice.props.delta, Mistral.AssistantMessage)
            self.assertEqual(choice.props.delta.props.content, DELTAS[i])
            self.assertEqual(
                choice.props.finish_reason,
                Mistral.FinishReason.STOP if last else Mistral.FinishReason.NONE,
                f"finish reason of chunk {i}",
            )
            self.assertEqual(chunk.props.is_last_chunk, last, f"is_last_chunk of chunk {i}")
            self.assertEqual(chunk.get_is_last_chunk(), last)

            # Usage comes with the last chunk only.
            if last:
                usage = chunk.props.usage
                self.assertIsInstance(usage, Mistral.UsageInfo)
                self.assertEqual(usage.props.prompt_tokens, PROMPT_TOKENS)
                self.assertEqual(usage.props.completion_tokens, COMPLETION_TOKENS)
            else:
                self.assertIsNone(chunk.props.usage, f"usage of chunk {i}")

            chunk_latency = chunk.props.chunk_latency
            total_latency = chunk.props.total_latency
            self.assertGreaterEqual(chunk_latency, 0)
            self.assertGreaterEqual(total_latency, chunk_latency)
            self.assertGreaterEqual(total_latency, previous_total, f"total latency of chunk {i}")
            self.assertLess(total_latency, 10 * GLib.USEC_PER_SEC)
            self.assertEqual(chunk.get_chunk_latency(), chunk_latency)
            self.assertEqual(chunk.get_total_latency(), total_latency)
            previous_total = total_latency
        # The first chunk's latency is counted from the request.
        self.assertEqual(chunks[0].props.chunk_latency, chunks[0].props.total_latency)

    def check_response(self, response, chunks):
        """The accumulated reply: content, finish reason, usage."""
        self.assertIsInstance(response, Mistral.ChatCompletionResponse)
        self.assertEqual(response.props.id, chunks[0].props.id)
        self.assertEqual(response.props.model, "mistral-small-latest")
        self.assertEqual(response.get_assistant_message().get_content(), CONTENT)

        choices = response.props.choices
        self.assertEqual(choices.get_n_items(), 1)
        choice = choices.get_item(0)
        self.assertEqual(choice.props.index, 0)
        self.assertEqual(choice.props.finish_reason, Mistral.FinishReason.STOP)
        self.assertEqual(choice.props.message.props.role, Mistral.Role.ASSISTANT)
        self.assertEqual(choice.props.message.props.content, CONTENT)

        usage = response.props.usage
        self.assertIsInstance(usage, Mistral.UsageInfo)
        self.assertEqual(usage.props.prompt_tokens, PROMPT_TOKENS)
        self.assertEqual(usage.props.completion_tokens, COMPLETION_TOKENS)
        self.assertEqual(usage.props.total_tokens, PROMPT_TOKENS + COMPLETION_TOKENS)


class SignalTest(StreamTestCase):
    def test_run_blocking(self):
        stream = self.client.chat_completion_stream(make_request())
        self.assertIsInstance(stream, Mistral.ChatCompletionStream)
        recorder = Recorder(stream)

        response = stream.run(None)

        self.check_chunks(recorder.chunks)
        self.check_response(response, recorder.chunks)
        # Emitted on the calling thread.
        self.assertEqual(set(recorder.threads), {threading.get_ident()})
        # A new snapshot of the same accumulated reply.
        self.check_response(stream.get_response(), recorder.chunks)

    def test_run_blocking_from_thread(self):
        # A worker thread runs the stream: the signal comes on that thread.
        stream = self.client.chat_completion_stream(make_request())
        recorder = Recorder(stream)
        outcome = {}

        def work():
            outcome["thread"] = threading.get_ident()
            try:
                outcome["response"] = stream.run(None)
            except GLib.Error as error:
                outcome["error"] = error

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("error", outcome)
        self.check_chunks(recorder.chunks)
        self.check_response(outcome["response"], recorder.chunks)
        self.assertEqual(set(recorder.threads), {outcome["thread"]})

    def test_run_async(self):
        stream = self.client.chat_completion_stream(make_request())
        recorder = Recorder(stream)
        # How many chunks the signal had delivered when the run completed.
        seen_at_completion = []

        def start(done):
            def finished(source, result, *user_data):
                seen_at_completion.append(len(recorder.chunks))
                done(source, result)

            stream.run_async(None, finished, None)

        source, result = run_async(start)
        self.assertIs(source, stream)
        response = stream.run_finish(result)

        self.check_chunks(recorder.chunks)
        self.check_response(response, recorder.chunks)
        self.assertEqual(seen_at_completion, [len(DELTAS)])
        # Emitted on the main context, that is, on this thread.
        self.assertEqual(set(recorder.threads), {threading.get_ident()})

    def test_run_async_in_thread_context(self):
        # A worker thread with its own thread-default main context: the
        # signal and the callback come there, while this thread's default
        # context is never run.
        stream = self.client.chat_completion_stream(make_request())
        recorder = Recorder(stream)
        outcome = {}

        def work():
            outcome["thread"] = threading.get_ident()
            context = GLib.MainContext.new()
            context.push_thread_default()
            try:
                loop = GLib.MainLoop.new(context, False)

                def done(source, result, *user_data):
                    outcome["callback_thread"] = threading.get_ident()
                    try:
                        outcome["response"] = source.run_finish(result)
                    except GLib.Error as error:
                        outcome["error"] = error
                    loop.quit()

                def give_up(*args):
                    outcome["timed_out"] = True
                    loop.quit()
                    return GLib.SOURCE_REMOVE

                timeout = GLib.timeout_source_new(10000)
                timeout.set_callback(give_up)
                timeout.attach(context)
                stream.run_async(None, done, None)
                loop.run()
                timeout.destroy()
            finally:
                context.pop_thread_default()

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("timed_out", outcome)
        self.assertNotIn("error", outcome)
        self.check_chunks(recorder.chunks)
        self.check_response(outcome["response"], recorder.chunks)
        self.assertEqual(outcome["callback_thread"], outcome["thread"])
        self.assertEqual(set(recorder.threads), {outcome["thread"]})

    def test_kept_parts_of_chunks(self):
        # A handler that keeps parts of each chunk, not the chunk itself:
        # those parts must stay as they were when later chunks arrive.
        stream = self.client.chat_completion_stream(make_request())
        deltas, choice_lists, usages = [], [], []

        def on_chunk(stream, chunk):
            deltas.append(chunk.get_delta_message())
            choice_lists.append(chunk.props.choices)
            usages.append(chunk.props.usage)

        stream.connect("chunk", on_chunk)
        stream.run(None)

        self.assertEqual([delta.get_content() for delta in deltas], DELTAS)
        self.assertEqual(len({id(delta) for delta in deltas}), len(DELTAS))
        self.assertEqual(
            [choices.get_item(0).props.delta.props.content for choices in choice_lists], DELTAS
        )
        self.assertEqual(
            [choices.get_item(0).props.finish_reason for choices in choice_lists],
            [Mistral.FinishReason.NONE] * (len(DELTAS) - 1) + [Mistral.FinishReason.STOP],
        )
        self.assertEqual(usages[:-1], [None] * (len(DELTAS) - 1))
        self.assertEqual(usages[-1].props.completion_tokens, COMPLETION_TOKENS)

    def test_kept_and_dropped_chunks(self):
        # 300 words: 302 chunks. The chunks and deltas nobody keeps are
        # reused for later events (their wrappers go at once, or at a
        # collection every 50): those kept must stay as they were.
        words = ["w%d" % i for i in range(300)]
        expected = ["", "Echo:"] + [" " + w for w in words]
        stream = self.client.chat_completion_stream(make_request(text=" ".join(words)))
        kept_chunks, kept_deltas, texts = [], [], []

        def on_chunk(stream, chunk):
            i = len(texts)
            texts.append(chunk.get_delta_message().get_content())
            if i % 3 == 0:
                kept_chunks.append((i, chunk))
            elif i % 4 == 1:
                kept_deltas.append((i, chunk.get_delta_message()))
            if i % 50 == 49:
                gc.collect()

        stream.connect("chunk", on_chunk)
        stream.run(None)
        gc.collect()

        self.assertEqual(texts, expected)
        self.assertEqual(len(kept_chunks), 101)
        for i, chunk in kept_chunks:
            self.assertEqual(chunk.get_delta_message().get_content(), expected[i])
            self.assertEqual(chunk.get_content(), expected[i])
        self.assertGreater(len(kept_deltas), 50)
        for i, delta in kept_deltas:
            self.assertEqual(delta.get_content(), expected[i])
            self.assertFalse(delta.props.prefix)

    def test_several_choices(self):
        stream = self.client.chat_completion_stream(make_request(text="Hi", n=2))
        recorder = Recorder(stream)

        response = stream.run(None)

        # Each chunk carries one choice; the texts of each index, in order,
        # make that choice's reply.
        texts = {0: "", 1: ""}
        for chunk in recorder.chunks:
            self.assertEqual(chunk.props.choices.get_n_items(), 1)
            choice = chunk.props.choices.get_item(0)
            texts[choice.props.index] += choice.props.delta.props.content or ""
        self.assertEqual(texts, {0: "Echo (0): Hi", 1: "Echo (1): Hi"})

        choices = response.props.choices
        self.assertEqual(choices.get_n_items(), 2)
        for i in range(2):
            choice = choices.get_item(i)
            self.assertEqual(choice.props.index, i)
            self.assertEqual(choice.props.message.props.content, f"Echo ({i}): Hi")
            self.assertEqual(choice.props.finish_reason, Mistral.FinishReason.STOP)


class PullTest(StreamTestCase):
    def test_next_chunk_blocking(self):
        stream = self.client.chat_completion_stream(make_request())
        recorder = Recorder(stream)
        pulled = []

        while True:
            chunk = stream.next_chunk(None)
            if chunk is None:
                break
            pulled.append(chunk)
            # The signal went out for this chunk before it was returned.
            self.assertEqual(len(recorder.chunks), len(pulled))
            self.assertLess(len(pulled), 100, "the stream does not end")

        self.check_chunks(pulled)
        self.assertEqual(recorder.texts(), DELTAS)
        # The end stays the end.
        self.assertIsNone(stream.next_chunk(None))
        self.check_response(stream.get_response(), pulled)

    def test_next_chunk_async(self):
        stream = self.client.chat_completion_stream(make_request())
        pulled = []

        while True:
            source, result = run_async(
                lambda done: stream.next_chunk_async(None, done, None)
            )
            self.assertIs(source, stream)
            chunk = stream.next_chunk_finish(result)
            if chunk is None:
                break
            pulled.append(chunk)
            self.assertLess(len(pulled), 100, "the stream does not end")

        self.check_chunks(pulled)
        self.check_response(stream.get_response(), pulled)


class ErrorTest(StreamTestCase):
    def assert_generation_failed(self, error):
        """The error object that "mock-stream-error-N" sends inside the stream."""
        self.assert_mistral_error(error, Mistral.Error.SERVER)
        self.assertIn("Generation failed", error.message)

    def check_error_after_chunks(self, n_chunks, run):
        """Runs a "mock-stream-error-N" stream with @run(stream): N chunks, then
        {"object": "error", ...} inside the stream."""
        model = f"mock-stream-error-{n_chunks}"
        stream = self.client.chat_completion_stream(make_request(model=model))
        recorder = Recorder(stream)

        with self.assertRaises(GLib.Error) as caught:
            run(stream)

        self.assert_generation_failed(caught.exception)
        # The chunks before the error were delivered, in order.
        self.assertEqual(recorder.texts(), DELTAS[:n_chunks])

    def test_error_inside_stream_run(self):
        self.check_error_after_chunks(2, lambda stream: stream.run(None))

    def test_error_inside_stream_run_async(self):
        def run(stream):
            _, result = run_async(lambda done: stream.run_async(None, done, None))
            stream.run_finish(result)

        self.check_error_after_chunks(3, run)

    def test_error_inside_stream_pull(self):
        stream = self.client.chat_completion_stream(make_request(model="mock-stream-error-2"))

        first = stream.next_chunk(None)
        second = stream.next_chunk(None)
        self.assertEqual([delta_text(first), delta_text(second)], DELTAS[:2])
        self.assertFalse(second.props.is_last_chunk)
        with self.assertRaises(GLib.Error) as caught:
            stream.next_chunk(None)
        self.assert_generation_failed(caught.exception)

    def test_http_error_before_stream(self):
        stream = self.client.chat_completion_stream(make_request(model="mock-error-401"))
        recorder = Recorder(stream)

        with self.assertRaises(GLib.Error) as caught:
            stream.run(None)

        self.assert_mistral_error(caught.exception, Mistral.Error.UNAUTHORIZED)
        self.assertEqual(caught.exception.message, "Unauthorized (HTTP 401)")
        self.assertEqual(recorder.chunks, [])


class CancelTest(StreamTestCase):
    def cancel_on_first(self, stream, cancellable):
        recorder = Recorder(stream)

        def on_chunk(stream, chunk):
            cancellable.cancel()

        stream.connect("chunk", on_chunk)
        return recorder

    def test_cancel_in_handler_blocking(self):
        # 300 ms between events: the four after the first would take 1.2 s.
        stream = self.client.chat_completion_stream(make_request(model="mock-stream-slow-300"))
        cancellable = Gio.Cancellable()
        recorder = self.cancel_on_first(stream, cancellable)

        started = time.monotonic()
        with self.assertRaises(GLib.Error) as caught:
            stream.run(cancellable)
        elapsed = time.monotonic() - started

        self.assert_cancelled(caught.exception)
        self.assertEqual(recorder.texts(), DELTAS[:1])
        self.assertLess(elapsed, 1.0)

    def test_cancel_in_handler_buffered(self):
        # No delay: the whole reply may sit in one read, yet nothing after
        # the cancel is emitted.
        stream = self.client.chat_completion_stream(make_request())
        cancellable = Gio.Cancellable()
        recorder = self.cancel_on_first(stream, cancellable)

        with self.assertRaises(GLib.Error) as caught:
            stream.run(cancellable)

        self.assert_cancelled(caught.exception)
        self.assertEqual(recorder.texts(), DELTAS[:1])
        # Nothing more comes out of a cancelled stream.
        try:
            self.assertIsNone(stream.next_chunk(None))
        except GLib.Error:
            pass
        self.assertEqual(len(recorder.chunks), 1)

    def test_cancel_in_handler_async(self):
        stream = self.client.chat_completion_stream(make_request(model="mock-stream-slow-300"))
        cancellable = Gio.Cancellable()
        recorder = self.cancel_on_first(stream, cancellable)

        started = time.monotonic()
        _, result = run_async(lambda done: stream.run_async(cancellable, done, None))
        with self.assertRaises(GLib.Error) as caught:
            stream.run_finish(result)
        elapsed = time.monotonic() - started

        self.assert_cancelled(caught.exception)
        self.assertEqual(recorder.texts(), DELTAS[:1])
        self.assertLess(elapsed, 1.0)

        # Had the stream gone on, its remaining chunks would have been
        # emitted within the next 1.2 s: wait that long and look.
        loop = GLib.MainLoop()
        GLib.timeout_add(1500, loop.quit)
        loop.run()
        self.assertEqual(len(recorder.chunks), 1)


if __name__ == "__main__":
    unittest.main(verbosity=2)

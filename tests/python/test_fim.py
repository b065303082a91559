#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# FIM (code completion) as Python sees it through the typelib (PyGObject
# 3.42): the request's properties and exact JSON, blocking, async and
# streamed completions through the chat response and stream classes,
# errors and cancellation.
#
# Run by meson (`meson test python-fim`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

PROMPT = "def add(a, b):\n    "
SUFFIX = "\n\nprint(add(1, 2))\n"
PROMPT_JSON = '"prompt":"def add(a, b):\\n    "'
SUFFIX_JSON = '"suffix":"\\n\\nprint(add(1, 2))\\n"'

setUpModule = mocktools.start_server


def fim_request(**props):
    return Mistral.FimCompletionRequest(model="codestral-latest", prompt=PROMPT, suffix=SUFFIX, **props)


class RequestTest(unittest.TestCase):
    def test_json(self):
        request = Mistral.FimCompletionRequest.new("codestral-latest", PROMPT, None)

        self.assertFalse(request.props.max_tokens_set)
        self.assertEqual(request.to_json(), '{"model":"codestral-latest",' + PROMPT_JSON + '}')
        request.props.suffix = SUFFIX
        request.props.temperature = 0.25
        request.set_top_p(0.5)
        request.props.max_tokens = 64
        request.props.min_tokens = 2
        request.props.stop = ["\n\n"]
        request.props.random_seed = 42
        request.props.stream = True
        self.assertTrue(request.props.max_tokens_set)
        self.assertEqual(
            request.to_json(),
            '{"model":"codestral-latest",' + PROMPT_JSON + ',' + SUFFIX_JSON + ','
            '"temperature":0.25,"top_p":0.5,"max_tokens":64,"min_tokens":2,"stream":true,'
            '"stop":["\\n\\n"],"random_seed":42}')
        self.assertEqual(list(request.get_stop()), ["\n\n"])
        self.assertEqual(request.get_random_seed(), 42)

        request.props.temperature_set = False
        request.props.stop = None
        self.assertNotIn("temperature", request.to_json())
        self.assertNotIn("stop", request.to_json())

    def test_invalid(self):
        for props in ({"temperature": 2.0}, {"top_p": 0.0}, {"min_tokens": -1}, {"prompt": None}):
            request = fim_request()
            for name, value in props.items():
                request.set_property(name, value)
            with self.assertRaises(GLib.Error) as caught:
                request.to_json()
            self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.INVALID_REQUEST), props)


class FimTest(mocktools.ClientTestCase):
    def check_completion(self, response, finish_reason=Mistral.FinishReason.STOP, text="return a + b"):
        self.assertIsInstance(response, Mistral.ChatCompletionResponse)
        self.assertEqual(response.props.model, "codestral-latest")
        self.assertEqual(len(response.get_id()), 32)
        self.assertGreater(response.props.latency, 0)
        self.assertEqual(response.get_content(), text)
        choice = self.assert_one_choice(response.get_choices(), Mistral.ChatCompletionChoice)
        self.assertEqual(choice.props.finish_reason, finish_reason)
        usage = response.get_usage()
        self.assertEqual(usage.props.prompt_tokens, 5)
        self.assertEqual(usage.props.completion_tokens, len(text.split()))
        self.assertEqual(usage.props.total_tokens, 5 + len(text.split()))

    def test_blocking(self):
        self.check_completion(self.client.fim_completion(fim_request(), None))

    def test_async(self):
        request = fim_request(max_tokens=2)
        source, result = run_async(lambda done: self.client.fim_completion_async(request, None, done))
        self.check_completion(source.fim_completion_finish(result), Mistral.FinishReason.LENGTH, "return a")

    def test_stream(self):
        stream = self.client.fim_completion_stream(fim_request())
        self.assertIsInstance(stream, Mistral.ChatCompletionStream)
        texts = []

        def on_chunk(stream, chunk):
            delta = chunk.get_delta_message()
            texts.append(delta.get_content() if delta is not None else None)

        stream.connect("chunk", on_chunk)
        source, result = run_async(lambda done: stream.run_async(None, done))
        response = source.run_finish(result)
        self.assertEqual(texts, ["", "return", " a", " +", " b"])
        self.check_completion(response)

    def test_stream_pull(self):
        stream = self.client.fim_completion_stream(fim_request())
        accumulator = Mistral.ChatCompletionAccumulator()
        while True:
            chunk = stream.next_chunk(None)
            if chunk is None:
                break
            accumulator.add_chunk(chunk)
        self.assertEqual(accumulator.get_n_chunks(), 5)
        self.assertEqual(accumulator.get_response().get_content(), "return a + b")

    def test_error(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.fim_completion(Mistral.FimCompletionRequest(model="mock-error-429", prompt="x"), None)
        self.assert_mistral_error(caught.exception, Mistral.Error.RATE_LIMITED)
        self.assertIn("Rate limit exceeded", caught.exception.message)

    def test_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            self.client.fim_completion(fim_request(), cancellable)
        self.assert_cancelled(caught.exception)


if __name__ == "__main__":
    unittest.main()

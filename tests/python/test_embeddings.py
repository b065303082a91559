#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The embeddings API of mistral-glib as Python sees it through the typelib
# (PyGObject 3.42): property construction and the exact JSON, blocking and
# async calls, a vector read as a list of numbers, float and base64 alike,
# the bytes of the integer dtypes, cosine similarity, errors, cancellation.
#
# Run by meson (`meson test python-embeddings`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import math
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

TEXTS = ["the cat sat", "the cat sat on the mat", "stocks fell today"]

setUpModule = mocktools.start_server


class RequestTest(unittest.TestCase):
    def test_json(self):
        request = Mistral.EmbeddingRequest(model="mistral-embed", inputs=["Hello"])

        self.assertFalse(request.props.output_dimension_set)
        self.assertEqual(request.to_json(), '{"model":"mistral-embed","input":["Hello"]}')
        request.props.output_dimension = 256
        request.set_output_dtype(Mistral.EmbeddingDtype.INT8)
        request.props.encoding_format = Mistral.EncodingFormat.BASE64
        self.assertTrue(request.props.output_dimension_set)
        self.assertEqual(
            request.to_json(),
            '{"model":"mistral-embed","input":["Hello"],"output_dimension":256,'
            '"output_dtype":"int8","encoding_format":"base64"}')
        self.assertEqual(list(request.get_inputs()), ["Hello"])

    def test_invalid(self):
        request = Mistral.EmbeddingRequest.new("mistral-embed", [])
        with self.assertRaises(GLib.Error) as caught:
            request.to_json()
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.INVALID_REQUEST))


class EmbeddingsTest(mocktools.ClientTestCase):
    def embed(self, **props):
        return self.client.embeddings(Mistral.EmbeddingRequest(model="mistral-embed", inputs=TEXTS, **props), None)

    def test_blocking(self):
        response = self.embed()

        self.assertEqual(response.props.model, "mistral-embed")
        self.assertEqual(len(response.get_id()), 32)
        self.assertGreater(response.props.latency, 0)
        self.assertEqual(response.get_usage().props.prompt_tokens, 12)
        data = response.get_data()
        self.assertIsInstance(data, Gio.ListModel)
        self.assertEqual(data.get_n_items(), 3)
        first = data.get_item(0)
        self.assertIsInstance(first, Mistral.Embedding)
        self.assertEqual(first.props.index, 0)
        self.assertEqual(first.props.dimension, 1024)
        self.assertEqual(first.props.dtype, Mistral.EmbeddingDtype.FLOAT)
        self.assertIsNone(first.get_bytes())

        vector = first.get_vector()
        self.assertIsInstance(vector, list)
        self.assertEqual(len(vector), 1024)
        self.assertTrue(all(isinstance(v, float) for v in vector))
        self.assertAlmostEqual(sum(v * v for v in vector), 1.0, places=5)

        near = first.cosine_similarity(data.get_item(1))
        far = first.cosine_similarity(data.get_item(2))
        self.assertGreater(near, far + 0.3)
        self.assertAlmostEqual(near, sum(a * b for a, b in zip(vector, data.get_item(1).get_vector())), places=5)

    def test_base64_same_values(self):
        as_numbers = self.embed(output_dimension=32).get_data().get_item(2).get_vector()
        as_base64 = self.embed(output_dimension=32, encoding_format=Mistral.EncodingFormat.BASE64)
        self.assertEqual(as_base64.get_data().get_item(2).get_vector(), as_numbers)

    def test_int8_bytes(self):
        embedding = self.embed(output_dimension=16, output_dtype=Mistral.EmbeddingDtype.INT8).get_data().get_item(0)
        raw = embedding.get_bytes().get_data()

        self.assertEqual(len(raw), 16)
        signed = [b - 256 if b > 127 else b for b in raw]
        self.assertEqual(embedding.get_vector(), [float(b) for b in signed])

    def test_mismatched_dimensions(self):
        short = self.embed(output_dimension=8).get_data().get_item(0)
        long = self.embed().get_data().get_item(0)
        self.assertTrue(math.isnan(short.cosine_similarity(long)))

    def test_async(self):
        request = Mistral.EmbeddingRequest(model="mistral-embed", inputs=TEXTS)
        source, result = run_async(lambda done: self.client.embeddings_async(request, None, done))
        response = source.embeddings_finish(result)
        self.assertEqual(response.get_data().get_n_items(), 3)

    def test_error(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.embeddings(Mistral.EmbeddingRequest(model="mock-error-429", inputs=TEXTS), None)
        self.assert_mistral_error(caught.exception, Mistral.Error.RATE_LIMITED)
        self.assertIn("Rate limit exceeded", caught.exception.message)

    def test_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            self.client.embeddings(Mistral.EmbeddingRequest(model="mistral-embed", inputs=TEXTS), cancellable)
        self.assert_cancelled(caught.exception)


if __name__ == "__main__":
    unittest.main()

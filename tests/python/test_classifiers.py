#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Moderation and classification as Python sees them through the typelib
# (PyGObject 3.42): a text and a conversation moderated, blocking and async,
# the categories as a list of strings, flagged and scores, a classifier's
# target/label categories, errors and cancellation.
#
# Run by meson (`meson test python-classifiers`), with GI_TYPELIB_PATH and
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

setUpModule = mocktools.start_server

MODEL = "mistral-moderation-latest"


class ModerationTest(mocktools.ClientTestCase):
    def test_moderate(self):
        response = self.client.moderate(MODEL, ["I will kill you", "Nice weather"], None)

        self.assertEqual(response.props.model, MODEL)
        self.assertEqual(len(response.props.id), 32)
        results = response.get_results()
        self.assertIsInstance(results, Gio.ListModel)
        self.assertEqual(results.get_n_items(), 2)
        first, second = results.get_item(0), results.get_item(1)
        self.assertIsInstance(first, Mistral.ModerationResult)
        self.assertIn("violence_and_threats", first.get_categories())
        self.assertEqual(len(first.get_categories()), 9)
        self.assertTrue(first.get_flagged("violence_and_threats"))
        self.assertAlmostEqual(first.get_score("violence_and_threats"), 0.97)
        self.assertFalse(first.get_flagged("sexual"))
        self.assertTrue(first.props.flagged)
        self.assertFalse(second.props.flagged)
        self.assertFalse(second.get_any_flagged())

    def test_moderate_chat_async(self):
        messages = Gio.ListStore.new(Mistral.ChatMessage)
        messages.append(Mistral.UserMessage.new("I will kill the process"))
        source, result = run_async(lambda done: self.client.moderate_chat_async(MODEL, messages, None, done))
        response = source.moderate_chat_finish(result)
        self.assertEqual(response.get_results().get_n_items(), 1)
        self.assertTrue(response.get_results().get_item(0).get_flagged("violence_and_threats"))

    def test_classify(self):
        response = self.client.classify("ft:classifier:abc", ["A bad day"], None)
        result = response.get_results().get_item(0)
        self.assertEqual(result.get_categories(), ["sentiment/positive", "sentiment/negative"])
        self.assertAlmostEqual(result.get_score("sentiment/negative"), 0.875)
        self.assertFalse(result.props.flagged)

    def test_error(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.moderate("mock-error-429", ["x"], None)
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.RATE_LIMITED))

    def test_cancelled(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            self.client.moderate(MODEL, ["x"], cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The Models area of mistral-glib as Python sees it through the typelib
# (PyGObject 3.42): model cards and their capability flags, list, get,
# delete and search, blocking and async, errors, and Mistral.ModelList as a
# Gio.ListModel with its items-changed, loading and error.
#
# Run by meson (`meson test python-models`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import socket
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

Caps = Mistral.ModelCapabilities
FT_ID = "ft:open-mistral-7b:587a6b29:20240514:7e773925"
IDS = [
    "mistral-small-2506", "codestral-2508", "magistral-medium-2509", "mistral-embed",
    "mistral-moderation-2411", "open-mistral-7b", FT_ID,
]

setUpModule = mocktools.start_server


def ids(models):
    return [models.get_item(i).props.id for i in range(models.get_n_items())]


def closed_port_url():
    """The URL of a loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % s.getsockname()[1]


class ModelsTest(mocktools.ClientTestCase):
    def check_small(self, card):
        self.assertIsInstance(card, Mistral.ModelCard)
        self.assertEqual(card.props.id, "mistral-small-2506")
        self.assertEqual(card.get_id(), "mistral-small-2506")
        self.assertEqual(card.props.name, "mistral-small-2506")
        self.assertEqual(card.props.description, "Our small model, with vision.")
        self.assertEqual(card.props.owned_by, "mistralai")
        self.assertIsInstance(card.props.created, GLib.DateTime)
        self.assertEqual(card.props.created.to_unix(), 1750204800)
        self.assertEqual(card.props.model_type, "base")
        self.assertEqual(card.props.max_context_length, 131072)
        self.assertEqual(card.props.aliases, ["mistral-small-latest"])
        self.assertEqual(card.get_aliases(), ["mistral-small-latest"])
        self.assertIsNone(card.props.deprecation)
        self.assertIsNone(card.props.deprecation_replacement_model)
        self.assertTrue(card.props.default_model_temperature_set)
        self.assertAlmostEqual(card.props.default_model_temperature, 0.3)
        caps = card.props.capabilities
        self.assertIsInstance(caps, Caps)
        self.assertEqual(caps, Caps.COMPLETION_CHAT | Caps.FUNCTION_CALLING | Caps.FINE_TUNING | Caps.VISION)
        self.assertTrue(caps & Caps.VISION)
        self.assertFalse(caps & Caps.REASONING)
        self.assertTrue(card.has_capabilities(Caps.VISION | Caps.COMPLETION_CHAT))
        self.assertFalse(card.has_capabilities(Caps.VISION | Caps.REASONING))
        self.assertIsNone(card.props.job)

    def test_list_blocking(self):
        models = self.client.list_models(None)
        self.assertIsInstance(models, Gio.ListModel)
        self.assertEqual(models.get_item_type(), Mistral.ModelCard.__gtype__)
        self.assertEqual(ids(models), IDS)
        self.check_small(models.get_item(0))
        old = models.get_item(5)
        self.assertEqual(old.props.deprecation.to_unix(), 1743336000)
        self.assertEqual(old.props.deprecation_replacement_model, "ministral-8b-latest")
        self.assertFalse(old.props.default_model_temperature_set)

    def test_list_async(self):
        source, result = run_async(lambda cb: self.client.list_models_async(None, cb))
        models = source.list_models_finish(result)
        self.assertEqual(ids(models), IDS)

    def test_get(self):
        card = self.client.get_model(FT_ID, None)
        self.assertEqual(card.props.id, FT_ID)
        self.assertEqual(card.props.model_type, "fine-tuned")
        self.assertEqual(card.props.job, "7e773925-4a8c-4a0e-9d7d-3c2e1f0a9b8c")
        self.assertEqual(card.props.root, "open-mistral-7b")
        self.assertFalse(card.props.archived)
        self.assertEqual(card.props.aliases, [])
        self.assertEqual(card.props.capabilities, Caps.COMPLETION_CHAT)

        source, result = run_async(lambda cb: self.client.get_model_async("mistral-small-2506", None, cb))
        self.check_small(source.get_model_finish(result))

    def test_get_errors(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.get_model("no-such-model", None)
        self.assert_mistral_error(caught.exception, Mistral.Error.NOT_FOUND)
        self.assertIn("Model not found: no-such-model", caught.exception.message)

        with self.assertRaises(GLib.Error) as caught:
            self.client.get_model("mock-error-500", None)
        self.assert_mistral_error(caught.exception, Mistral.Error.SERVER)

        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as caught:
            self.client.get_model(FT_ID, cancellable)
        self.assert_cancelled(caught.exception)

    def test_delete(self):
        self.assertTrue(self.client.delete_model(FT_ID, None))
        source, result = run_async(lambda cb: self.client.delete_model_async(FT_ID, None, cb))
        self.assertTrue(source.delete_model_finish(result))
        with self.assertRaises(GLib.Error) as caught:
            self.client.delete_model("mistral-small-2506", None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)

    def test_search(self):
        self.assertEqual(ids(self.client.search_models(Caps.VISION, None)),
                         ["mistral-small-2506", "magistral-medium-2509"])
        self.assertEqual(ids(self.client.search_models(Caps.NONE, None)), IDS)
        self.assertEqual(ids(self.client.search_models(Caps.MODERATION | Caps.VISION, None)), [])
        source, result = run_async(
            lambda cb: self.client.search_models_async(Caps.COMPLETION_FIM | Caps.FUNCTION_CALLING, None, cb))
        self.assertEqual(ids(source.search_models_finish(result)), ["codestral-2508"])


class ModelListTest(mocktools.ClientTestCase):
    def watch(self, models):
        log = []
        models.connect("items-changed", lambda m, p, r, a: log.append(("items-changed", p, r, a)))
        models.connect("notify::loading", lambda m, _: log.append(("loading", m.props.loading)))
        models.connect("notify::error", lambda m, _: log.append(
            ("error", m.props.error.code if m.props.error else None)))
        return log

    def wait_loaded(self, models, timeout_ms=10000):
        context = GLib.MainContext.default()
        deadline = GLib.get_monotonic_time() + timeout_ms * 1000
        while models.props.loading:
            self.assertLess(GLib.get_monotonic_time(), deadline, "the list did not load in time")
            context.iteration(True)

    def test_load_and_filter(self):
        models = Mistral.ModelList(client=self.client, capabilities=Caps.VISION)
        self.assertIsInstance(models, Gio.ListModel)
        log = self.watch(models)
        self.assertTrue(models.props.loading)
        self.assertTrue(models.is_loading())
        self.wait_loaded(models)
        self.assertEqual(log, [("items-changed", 0, 0, 2), ("loading", False)])
        self.assertEqual(ids(models), ["mistral-small-2506", "magistral-medium-2509"])
        self.assertIsInstance(models.get_item(0), Mistral.ModelCard)
        self.assertIsNone(models.props.error)
        # Python's sequence protocol over Gio.ListModel.
        self.assertEqual([card.props.id for card in models], ["mistral-small-2506", "magistral-medium-2509"])

        del log[:]
        models.props.capabilities = Caps.NONE
        self.assertEqual(log, [("items-changed", 0, 2, 7)])
        self.assertEqual(ids(models), IDS)
        self.assertIs(models.props.client, self.client)

    def test_error_then_success(self):
        self.client.props.base_url = closed_port_url()
        models = Mistral.ModelList.new(self.client, Caps.COMPLETION_CHAT)
        log = self.watch(models)
        self.wait_loaded(models)
        self.assertEqual(log, [("error", Mistral.Error.NETWORK), ("loading", False)])
        self.assert_mistral_error(models.props.error, Mistral.Error.NETWORK)
        self.assertEqual(models.get_n_items(), 0)

        del log[:]
        self.client.props.base_url = mocktools.base_url
        models.reload()
        self.assertEqual(log, [("error", None), ("loading", True)])
        self.wait_loaded(models)
        self.assertEqual(log[2:], [("items-changed", 0, 0, 5), ("loading", False)])
        self.assertIsNone(models.props.error)
        self.assertEqual(ids(models)[0], "mistral-small-2506")


if __name__ == "__main__":
    unittest.main(verbosity=2)

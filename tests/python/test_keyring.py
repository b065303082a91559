#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# API keys in the keyring through the typelib: store, look up, overwrite,
# clear, two base URLs, a client made from the keyring (async and
# blocking) whose key the mock server checks, no key stored, cancellation.
#
# Run by meson (`meson test python-keyring`) through
# tests/keyring-session.sh, which gives it a private D-Bus session with its
# own unlocked gnome-keyring-daemon. The Secret portal (inside Flatpak) is
# not available here: libsecret talks to that daemon directly.

import os
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import make_request, run_async  # noqa: E402

KEY = "sk-python-keyring-0123"
OTHER = "sk-python-keyring-4567"
URL = "https://api.example.org"


def setUpModule():
    if not os.environ.get("MISTRAL_TEST_KEYRING"):
        raise unittest.SkipTest("not in a private keyring session (tests/keyring-session.sh)")
    # The mock server refuses any key but the one this module stores.
    mocktools.start_server(args=["--api-key", KEY])


class KeyringTest(mocktools.ClientTestCase):
    def tearDown(self):
        for url in (URL, mocktools.base_url, None):
            Mistral.secret_clear_api_key(url, None)

    def store(self, url, key):
        _, result = run_async(lambda done: Mistral.secret_store_api_key_async(url, key, None, done))
        return Mistral.secret_store_api_key_finish(result)

    def lookup(self, url):
        _, result = run_async(lambda done: Mistral.secret_lookup_api_key_async(url, None, done))
        return Mistral.secret_lookup_api_key_finish(result)

    def test_store_lookup_overwrite_clear(self):
        self.assertIsNone(self.lookup(URL))
        self.assertTrue(self.store(URL, KEY))
        self.assertEqual(self.lookup(URL), KEY)
        self.assertEqual(Mistral.secret_lookup_api_key(URL + "/", None), KEY)

        self.assertTrue(Mistral.secret_store_api_key(URL, OTHER, None))
        self.assertEqual(self.lookup(URL), OTHER)

        _, result = run_async(lambda done: Mistral.secret_clear_api_key_async(URL, None, done))
        self.assertTrue(Mistral.secret_clear_api_key_finish(result))
        self.assertIsNone(self.lookup(URL))
        self.assertFalse(Mistral.secret_clear_api_key(URL, None))

    def test_two_urls(self):
        self.store(URL, KEY)
        self.store(None, OTHER)
        self.assertEqual(self.lookup(URL), KEY)
        self.assertEqual(self.lookup(Mistral.DEFAULT_BASE_URL), OTHER)
        Mistral.secret_clear_api_key(None, None)
        self.assertEqual(self.lookup(URL), KEY)

    def test_client_from_keyring(self):
        self.store(mocktools.base_url, KEY)
        _, result = run_async(
            lambda done: Mistral.Client.new_from_keyring_async(mocktools.base_url, None, done)
        )
        client = Mistral.Client.new_from_keyring_finish(result)
        self.assertEqual(client.props.base_url, mocktools.base_url)
        self.assertEqual(client.props.api_key, KEY)
        # The server refuses any other key.
        response = client.chat_completion(make_request(), None)
        self.assertEqual(response.get_content(), "Echo: Hi")

        blocking = Mistral.Client.new_from_keyring(mocktools.base_url, None)
        self.assertEqual(blocking.props.api_key, KEY)

    def test_no_key(self):
        with self.assertRaises(GLib.Error) as caught:
            Mistral.Client.new_from_keyring(URL, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.UNAUTHORIZED)
        self.assertEqual(caught.exception.message, f"No API key for {URL} is stored in the keyring")

    def test_invalid(self):
        with self.assertRaises(GLib.Error) as caught:
            Mistral.secret_store_api_key("ftp://example.org", KEY, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)

    def test_cancel(self):
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        _, result = run_async(
            lambda done: Mistral.secret_store_api_key_async(URL, KEY, cancellable, done)
        )
        with self.assertRaises(GLib.Error) as caught:
            Mistral.secret_store_api_key_finish(result)
        self.assert_cancelled(caught.exception)
        self.assertIsNone(self.lookup(URL))


if __name__ == "__main__":
    unittest.main()

# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# What the Python binding tests share: starting and stopping the mock
# server, a client and a request for it, running an async call on a main
# loop, and a TestCase with a client and the error assertions.
#
# Not a test itself: test_chat.py and test_stream.py import it. Meson runs
# them as `/usr/bin/python3 tests/python/test_*.py`, and Python puts the
# script's directory on sys.path, so this sibling module is found from any
# working directory.

import os
import subprocess
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

server = None
base_url = None


def start_server(env=None, trust=True, args=()):
    """Starts the mock server; a test module uses it as its setUpModule.

    Skips the tests when MISTRAL_MOCK_SERVER is not set. @env replaces the
    server's environment; with @trust, a server behind a TLS front makes
    this process trust the test CA. @args are the server's options
    (e.g. ["--api-key", KEY]).
    """
    global server, base_url

    path = os.environ.get("MISTRAL_MOCK_SERVER")
    if not path:
        raise unittest.SkipTest("MISTRAL_MOCK_SERVER is not set")
    server = subprocess.Popen([path, *args], stdout=subprocess.PIPE, text=True, env=env)
    # Stop the server however the tests end, even if start_server fails below.
    unittest.addModuleCleanup(stop_server)
    base_url = server.stdout.readline().strip()
    if not base_url.startswith(("http://", "https://")):
        raise RuntimeError(f"the mock server printed {base_url!r}, not its URL")
    if base_url.startswith("https://") and trust:
        trust_test_ca()


def trust_test_ca():
    """Trusts the test CA, for a mock server behind a TLS front.

    In front mode (MISTRAL_TEST_FRONT=h2 or https1) the server prints the
    https:// URL of an nginx whose certificate the test CA signed; the
    server made the PKI in $MISTRAL_TEST_PKI before printing it. Clients
    without a TLS database of their own use the backend's default.
    """
    pki = os.environ.get("MISTRAL_TEST_PKI")
    if not pki:
        raise RuntimeError("the mock server is behind a TLS front, but MISTRAL_TEST_PKI is not set")
    database = Gio.TlsFileDatabase.new(os.path.join(pki, "ca.pem"))
    Gio.TlsBackend.get_default().set_default_database(database)


def stop_server():
    if server is not None and server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if server is not None:
        server.stdout.close()


def make_client():
    return Mistral.Client(api_key="test-key", base_url=base_url, max_retries=0)


def make_request(model="mistral-small-latest", text="Hi", **props):
    request = Mistral.ChatCompletionRequest(model=model, **props)
    request.add_message(Mistral.UserMessage.new(text))
    return request


def run_async(start, timeout_ms=10000):
    """Runs a GLib main loop until the callback given to @start is called.

    @start(callback) begins an async operation; the callback receives the
    source object and the GAsyncResult. Returns them as a tuple.
    """
    loop = GLib.MainLoop()
    outcome = []

    def done(source, result, *user_data):
        outcome.append((source, result))
        loop.quit()

    def give_up():
        loop.quit()
        return GLib.SOURCE_REMOVE

    timeout_id = GLib.timeout_add(timeout_ms, give_up)
    start(done)
    loop.run()
    if outcome:
        GLib.source_remove(timeout_id)
    else:
        raise AssertionError("the async operation did not complete in time")
    return outcome[0]


class ClientTestCase(unittest.TestCase):
    """A test case with a client of the mock server as self.client.

    Refer to it as mocktools.ClientTestCase: imported by name into a test
    module, the loader would collect it as a (test-less) case of its own.
    """

    def setUp(self):
        self.client = make_client()

    def assert_one_choice(self, choices, choice_type):
        """Checks a list of choices holds one, of @choice_type, with index 0.

        Returns that choice.
        """
        self.assertIsInstance(choices, Gio.ListModel)
        self.assertEqual(choices.get_n_items(), 1)
        choice = choices.get_item(0)
        self.assertIsInstance(choice, choice_type)
        self.assertEqual(choice.props.index, 0)
        return choice

    def assert_mistral_error(self, error, code):
        self.assertEqual(error.domain, GLib.quark_to_string(Mistral.error_quark()))
        self.assertTrue(
            error.matches(Mistral.error_quark(), code),
            f"expected {code}, got {error.domain} {error.code}: {error.message}",
        )

    def assert_cancelled(self, error):
        self.assertTrue(
            error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED),
            f"expected G_IO_ERROR_CANCELLED, got {error.domain} {error.code}: {error.message}",
        )

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# TLS from Python: a private CA trusted through the client's tls_database
# property (no Soup.Session to build), over HTTP/2 through nginx; refused
# without it; and plain http:// to a host that is not this machine refused
# before anything is sent unless allow_plain_http says otherwise.
#
# Starts its own mock server behind an nginx HTTP/2 front (MISTRAL_TEST_FRONT
# =h2 in the server's environment only), with a PKI made in a temporary
# directory; this process trusts nothing but what each client is given.

import os
import shutil
import tempfile
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import make_request  # noqa: E402

pki = None


def setUpModule():
    global pki

    if not shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin"):
        raise unittest.SkipTest("nginx is not installed")
    pki = tempfile.mkdtemp(prefix="mistral-test-tls-py-")
    unittest.addModuleCleanup(shutil.rmtree, pki, ignore_errors=True)
    mocktools.start_server(env=dict(os.environ, MISTRAL_TEST_FRONT="h2", MISTRAL_TEST_PKI=pki), trust=False)
    if not mocktools.base_url.startswith("https://localhost:"):
        raise RuntimeError(f"the mock server printed {mocktools.base_url!r}, not its front's URL")


class TlsTest(unittest.TestCase):
    def test_private_ca(self):
        # Refused first: glib-networking resumes a TLS session to the same
        # host and port without checking the certificate again, whatever
        # the database of the connection that resumes it, so a client that
        # trusts the CA must not have connected before.
        refused = Mistral.Client(api_key="test-key", base_url=mocktools.base_url, max_retries=3)
        self.assertIsNone(refused.props.tls_database)
        with self.assertRaises(GLib.Error) as caught:
            refused.chat_completion(make_request(), None)
        error = caught.exception
        self.assertTrue(error.matches(Gio.tls_error_quark(), Gio.TlsError.BAD_CERTIFICATE), error.message)
        self.assertIn("localhost", error.message)
        self.assertIn("unknown authority", error.message)

        database = Gio.TlsFileDatabase.new(os.path.join(pki, "ca.pem"))
        client = Mistral.Client(api_key="test-key", base_url=mocktools.base_url, tls_database=database, max_retries=0)
        self.assertIs(client.props.tls_database, database)
        response = client.chat_completion(make_request(text="over TLS"), None)
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: over TLS")

        stream = client.chat_completion_stream(make_request(text="streamed over TLS"))
        response = stream.run(None)
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: streamed over TLS")

    def test_plain_http_refused(self):
        # Refused before any name is resolved: nothing leaves the process.
        client = Mistral.Client(api_key="test-key", base_url="http://api.mistral.test:1")
        self.assertFalse(client.props.allow_plain_http)
        with self.assertRaises(GLib.Error) as caught:
            client.chat_completion(make_request(), None)
        error = caught.exception
        self.assertTrue(error.matches(Mistral.error_quark(), Mistral.Error.INVALID_REQUEST), error.message)
        self.assertIn("allow-plain-http", error.message)
        self.assertNotIn("test-key", error.message)

        client.props.allow_plain_http = True
        self.assertTrue(client.get_allow_plain_http())


if __name__ == "__main__":
    unittest.main(verbosity=2)

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The Files area of mistral-glib as Python sees it through the typelib:
# an upload followed through Mistral.FileTransfer's notifications, the
# list with a query, get, signed URL, a download replacing a file, a
# failed download keeping the old one, and delete.

import os
import tempfile
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

setUpModule = mocktools.start_server

NOTES = b'{"custom_id":"1"}\n{"custom_id":"2"}\n'
RESET_ID = "f11e0000-0000-4000-8000-000000000001"


class FilesTest(mocktools.ClientTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "notes.jsonl")
        with open(self.path, "wb") as f:
            f.write(NOTES)

    def tearDown(self):
        self.dir.cleanup()

    def upload(self):
        if os.environ.get("MISTRAL_TEST_FRONT") == "h2":
            self.skipTest("an upload through nginx's HTTP/2 front races libsoup 3.2 (its reply can come before "
                          "libsoup has read the end of the body stream: 'Unexpected state changed WRITE_DATA -> "
                          "READ_DATA_START'); it runs without a front and through HTTP/1.1")
        transfer = Mistral.FileTransfer()
        seen = []
        transfer.connect("notify::bytes-transferred", lambda t, _: seen.append(t.props.bytes_transferred))
        _, result = run_async(lambda cb: self.client.upload_file_async(
            Gio.File.new_for_path(self.path), Mistral.FilePurpose.BATCH, transfer, None, cb))
        file = self.client.upload_file_finish(result)
        return file, transfer, seen

    def test_upload_with_progress(self):
        file, transfer, seen = self.upload()
        self.assertIsInstance(file, Mistral.File)
        self.assertEqual(file.props.filename, "notes.jsonl")
        self.assertEqual(file.props.bytes, len(NOTES))
        self.assertEqual(file.props.purpose, Mistral.FilePurpose.BATCH)
        self.assertEqual(file.props.purpose_name, "batch")
        self.assertEqual(file.props.num_lines, 2)
        self.assertEqual(file.props.mimetype, "application/jsonl")
        self.assertIsInstance(file.props.created_at, GLib.DateTime)
        self.assertIsNone(file.props.expires_at)
        # In order, ending at the whole request body.
        self.assertGreater(len(seen), 0)
        self.assertEqual(seen, sorted(set(seen)))
        self.assertEqual(seen[-1], transfer.props.total_bytes)
        self.assertGreater(transfer.props.total_bytes, len(NOTES))

    def test_list_get_url_download_delete(self):
        file, _, _ = self.upload()
        query = Mistral.FileQuery(purpose=Mistral.FilePurpose.BATCH, search="notes", page_size=10)
        files = self.client.list_files(query, None)
        self.assertIsInstance(files, Gio.ListModel)
        self.assertIn(file.props.id, [files.get_item(i).props.id for i in range(files.get_n_items())])
        self.assertEqual(self.client.get_file(file.props.id, None).props.filename, "notes.jsonl")
        self.assertIn("&sig=", self.client.get_file_url(file.props.id, 2, None))

        target = os.path.join(self.dir.name, "copy.jsonl")
        with open(target, "wb") as f:
            f.write(b"old")
        transfer = Mistral.FileTransfer()
        _, result = run_async(lambda cb: self.client.download_file_async(
            file.props.id, Gio.File.new_for_path(target), transfer, None, cb))
        self.assertTrue(self.client.download_file_finish(result))
        with open(target, "rb") as f:
            self.assertEqual(f.read(), NOTES)
        self.assertEqual(transfer.props.bytes_transferred, len(NOTES))

        # A reset mid-download: the old contents stay, nothing else is left.
        # Through nginx's HTTP/2 the reset reaches the client as an
        # RST_STREAM after the headers, which libsoup 3.2 keeps to itself:
        # the body just stops, and the client's timeout must end it.
        code, timeout = Mistral.Error.NETWORK, self.client.props.timeout
        if os.environ.get("MISTRAL_TEST_FRONT") == "h2":
            self.client.props.timeout = 2
            code = Mistral.Error.TIMEOUT
        with self.assertRaises(GLib.Error) as caught:
            self.client.download_file(RESET_ID, Gio.File.new_for_path(target), None, None)
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), code), caught.exception.message)
        self.client.props.timeout = timeout
        with open(target, "rb") as f:
            self.assertEqual(f.read(), NOTES)
        self.assertEqual(sorted(os.listdir(self.dir.name)), ["copy.jsonl", "notes.jsonl"])

        self.assertTrue(self.client.delete_file(file.props.id, None))
        with self.assertRaises(GLib.Error) as caught:
            self.client.get_file(file.props.id, None)
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.NOT_FOUND))


if __name__ == "__main__":
    unittest.main()

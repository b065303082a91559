#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# OCR as Python sees it through the typelib (PyGObject 3.42): a local file
# read, blocking and async, its pages, markdown, images (bytes as GLib.Bytes),
# tables and options set as properties; errors and cancellation.
#
# Run by meson (`meson test python-ocr`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import os
import tempfile
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

MODEL = "mistral-ocr-latest"
# Two pages, split by a form feed (the mock server's convention).
TEXT = "ACME\n# Report\n[image]\n| a | b |\n|---|---|\n| 1 | 2 |\nEnd\fSecond page\nDone"
JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]) + b"JFIF" + bytes(
    [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9])


class OcrTest(mocktools.ClientTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()
        path = os.path.join(self.dir.name, "report.txt")
        with open(path, "w") as f:
            f.write(TEXT)
        self.file = Gio.File.new_for_path(path)

    def tearDown(self):
        self.dir.cleanup()
        super().tearDown()

    def test_local_file(self):
        request = Mistral.OcrRequest(model=MODEL, file=self.file, include_image_base64=True,
                                     table_format=Mistral.OcrTableFormat.HTML, extract_header=True)
        self.assertEqual(request.props.document_type, Mistral.OcrDocumentType.FILE)
        self.assertTrue(request.props.table_format_set)
        response = self.client.ocr(request, None)

        self.assertEqual(response.props.model, MODEL)
        self.assertEqual(response.props.pages_processed, 2)
        self.assertEqual(response.props.doc_size_bytes, len(TEXT))
        pages = response.get_pages()
        self.assertIsInstance(pages, Gio.ListModel)
        self.assertEqual(pages.get_n_items(), 2)
        first = pages.get_item(0)
        self.assertIsInstance(first, Mistral.OcrPage)
        self.assertEqual(first.props.index, 0)
        self.assertEqual(first.props.header, "ACME")
        self.assertEqual(first.get_markdown(), "# Report\n![img-0.jpeg](img-0.jpeg)\n[tbl-0.html](tbl-0.html)\nEnd")
        self.assertEqual((first.props.dpi, first.props.width, first.props.height), (200, 1700, 2200))
        image = first.get_images().get_item(0)
        self.assertEqual(image.props.id, "img-0.jpeg")
        self.assertEqual((image.props.top_left_x, image.props.bottom_right_y), (100, 450))
        self.assertEqual(image.get_data().get_data(), JPEG)
        self.assertEqual(image.props.mime_type, "image/jpeg")
        table = first.get_tables().get_item(0)
        self.assertEqual(table.props.format, Mistral.OcrTableFormat.HTML)
        self.assertEqual(table.props.content, "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>")
        # Every page loses its first line to the header.
        self.assertEqual(pages.get_item(1).props.header, "Second page")
        self.assertEqual(pages.get_item(1).props.markdown, "Done")
        self.assertEqual(response.get_markdown(),
                         "# Report\n![img-0.jpeg](img-0.jpeg)\n[tbl-0.html](tbl-0.html)\nEnd\n\nDone")

    def test_async_and_json(self):
        request = Mistral.OcrRequest.new_for_file(MODEL, self.file)
        request.props.pages = "1"
        body = request.to_json(None)
        self.assertIn('"document_name":"report.txt"', body)
        self.assertTrue(body.endswith('"pages":"1"}'))
        source, result = run_async(lambda done: self.client.ocr_async(request, None, done))
        response = source.ocr_finish(result)
        self.assertEqual(response.get_markdown(), "Second page\nDone")
        self.assertEqual(response.get_pages().get_item(0).props.index, 1)

    def test_errors(self):
        request = Mistral.OcrRequest(model=MODEL)
        with self.assertRaises(GLib.Error) as caught:
            self.client.ocr(request, None)
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.INVALID_REQUEST))
        request.props.document_url = "https://example.com/a.pdf"
        request.props.model = "mock-error-429"
        with self.assertRaises(GLib.Error) as caught:
            self.client.ocr(request, None)
        self.assertTrue(caught.exception.matches(Mistral.error_quark(), Mistral.Error.RATE_LIMITED))
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        request.props.file = self.file
        with self.assertRaises(GLib.Error) as caught:
            self.client.ocr(request, cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))


if __name__ == "__main__":
    unittest.main()

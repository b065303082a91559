// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// OCR as GJS sees it through the typelib: a local file read blocking and
// promisified, its pages, markdown, images (bytes as GLib.Bytes) and
// tables, options set as properties, errors and cancellation.
//
// Run by meson (`meson test gjs-ocr`) as `gjs -m test-ocr.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, makeClient, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'ocr_async', 'ocr_finish');

const MODEL = 'mistral-ocr-latest';
// Two pages, split by a form feed (the mock server's convention).
const TEXT = 'ACME\n# Report\n[image]\nSee https://mistral.ai/ now\nEnd\fSecond page\nThe end';

function writeDocument() {
    const [file] = Gio.File.new_tmp('mistral-ocr-XXXXXX.txt');
    file.replace_contents(new TextEncoder().encode(TEXT), null, false, Gio.FileCreateFlags.NONE, null);
    return file;
}

const tests = {
    'a local file: pages, images, markdown'() {
        const file = writeDocument();
        try {
            const request = new Mistral.OcrRequest({model: MODEL, file, include_image_base64: true,
                extract_footer: true});
            assertEqual(request.document_type, Mistral.OcrDocumentType.FILE, 'document type');
            const response = makeClient().ocr(request, null);
            assertEqual(response.pages_processed, 2, 'pages processed');
            assertEqual(response.pages.get_n_items(), 2, 'two pages');
            const first = response.pages.get_item(0);
            assert(first instanceof Mistral.OcrPage, 'an OcrPage');
            assertEqual(first.footer, 'End', 'footer');
            assertEqual(first.markdown, 'ACME\n# Report\n![img-0.jpeg](img-0.jpeg)\nSee https://mistral.ai/ now',
                'markdown');
            assertDeepEqual(first.hyperlinks, ['https://mistral.ai/'], 'hyperlinks');
            const image = first.images.get_item(0);
            assertEqual(image.id, 'img-0.jpeg', 'image id');
            assertEqual(image.mime_type, 'image/jpeg', 'mime type');
            const data = image.data.toArray();
            assertEqual(data.length, 22, 'image bytes');
            assertEqual(data[0], 0xff, 'a JPEG');
            assertEqual(response.pages.get_item(1).footer, 'The end', 'second footer');
            assertEqual(response.get_markdown(),
                'ACME\n# Report\n![img-0.jpeg](img-0.jpeg)\nSee https://mistral.ai/ now\n\nSecond page',
                'joined markdown');
        } finally {
            file.delete(null);
        }
    },

    async 'async, a URL and pages'() {
        const request = Mistral.OcrRequest.new(MODEL);
        request.document_url = 'https://example.com/report.pdf';
        request.pages = '0';
        const response = await makeClient().ocr_async(request, null);
        assertEqual(response.pages.get_n_items(), 1, 'one page');
        assertEqual(response.doc_size_bytes, -1, 'no size for a URL');
        assert(response.get_markdown().includes('https://example.com/report.pdf'), 'the URL named');
    },

    async 'errors and cancellation'() {
        const client = makeClient();
        const request = new Mistral.OcrRequest({model: 'mock-error-500', image_url: 'https://example.com/a.png'});
        await assertRejectsGError(client.ocr_async(request, null), Mistral.error_quark(), Mistral.Error.SERVER, '500');
        const cancellable = new Gio.Cancellable();
        cancellable.cancel();
        await assertRejectsGError(client.ocr_async(request, cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled');
        request.image_url = null;
        let error = null;
        try {
            client.ocr(request, null);
        } catch (e) {
            error = e;
        }
        assert(error !== null && error.matches(Mistral.error_quark(), Mistral.Error.INVALID_REQUEST), 'no document');
    },
};

void GLib;
runTests(tests);

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The Files area of mistral-glib as GJS sees it through the typelib: an
// upload followed through Mistral.FileTransfer's notifications, the list
// with a query, and a download replacing a file, promisified.
//
// Run by meson (`meson test gjs-files`) as `gjs -m test-files.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server. Prints TAP.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {FRONT_H2_UPLOAD, assert, assertDeepEqual, assertEqual, makeClient, runTests} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'upload_file_async', 'upload_file_finish');
Gio._promisify(Mistral.Client.prototype, 'list_files_async', 'list_files_finish');
Gio._promisify(Mistral.Client.prototype, 'download_file_async', 'download_file_finish');

const NOTES = '{"custom_id":"1"}\n{"custom_id":"2"}\n';

function tempDir() {
    return Gio.File.new_for_path(GLib.dir_make_tmp('mistral-gjs-files-XXXXXX'));
}

function removeAll(dir) {
    const children = dir.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
    let info;
    while ((info = children.next_file(null)) !== null)
        dir.get_child(info.get_name()).delete(null);
    dir.delete(null);
}

const tests = {
    async 'upload with progress, list, download'() {
        if (GLib.getenv('MISTRAL_TEST_FRONT') === 'h2')
            return FRONT_H2_UPLOAD;
        const client = makeClient();
        const dir = tempDir();
        try {
            const source = dir.get_child('notes.jsonl');
            source.replace_contents(new TextEncoder().encode(NOTES), null, false,
                Gio.FileCreateFlags.NONE, null);

            const transfer = new Mistral.FileTransfer();
            const seen = [];
            transfer.connect('notify::bytes-transferred', t => seen.push(t.bytes_transferred));
            const file = await client.upload_file_async(source, Mistral.FilePurpose.BATCH, transfer, null);
            assert(file instanceof Mistral.File, 'a File');
            assertEqual(file.filename, 'notes.jsonl', 'filename');
            assertEqual(file.bytes, NOTES.length, 'bytes');
            assertEqual(file.purpose, Mistral.FilePurpose.BATCH, 'purpose');
            assertEqual(file.num_lines, 2, 'num_lines');
            assert(seen.length > 0, 'progress notified');
            assertDeepEqual(seen, [...seen].sort((a, b) => a - b), 'progress in order');
            assertEqual(seen[seen.length - 1], transfer.total_bytes, 'progress ends at the total');

            const query = new Mistral.FileQuery({purpose: Mistral.FilePurpose.BATCH, search: 'notes'});
            const files = await client.list_files_async(query, null);
            const ids = [];
            for (let i = 0; i < files.get_n_items(); i++)
                ids.push(files.get_item(i).id);
            assert(ids.includes(file.id), 'the upload is listed');

            const target = dir.get_child('copy.jsonl');
            const down = new Mistral.FileTransfer();
            assert(await client.download_file_async(file.id, target, down, null), 'downloaded');
            const [, contents] = target.load_contents(null);
            assertEqual(new TextDecoder().decode(contents), NOTES, 'the content');
            assertEqual(down.bytes_transferred, NOTES.length, 'download progress');
            assert(client.delete_file(file.id, null), 'deleted');
        } finally {
            removeAll(dir);
        }
    },
};

runTests(tests);

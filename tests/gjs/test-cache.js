// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The reply cache as GJS sees it through the typelib: a cache written in
// JavaScript (a GObject class implementing Mistral.Cache) used by a client,
// blocking and promisified, and a cached stream replayed through the same
// `chunk` signals. The library calls a cache on the thread that made the
// request, so a JavaScript cache, which GJS can only run on its main
// thread, works: the test checks every call came while the main loop's
// thread was the one running. A hit needs no network: the client is then
// pointed at a closed port, where any request would fail.
//
// Run by meson (`meson test gjs-cache`) as `gjs -m test-cache.js`.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertThrowsGError, makeClient, makeRequest, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'chat_completion_async', 'chat_completion_finish');
Gio._promisify(Mistral.ChatCompletionStream.prototype, 'run_async', 'run_finish');

const MemoryCache = GObject.registerClass({
    Implements: [Mistral.Cache],
}, class MemoryCache extends GObject.Object {
    _init() {
        super._init();
        this.entries = new Map();
        this.lookups = [];
        this.stores = [];
    }

    vfunc_lookup(key) {
        this.lookups.push(key);
        return this.entries.get(key) ?? null;
    }

    vfunc_store(key, body) {
        this.stores.push(key);
        // A copy: GJS 1.74 does not take a reference to a GBytes passed to
        // a vfunc, which is freed once the call returns.
        this.entries.set(key, new GLib.Bytes(body.toArray()));
        return true;
    }
});

function closedPortUrl() {
    const listener = new Gio.SocketListener();
    const port = listener.add_any_inet_port(null);
    listener.close();
    return `http://127.0.0.1:${port}`;
}

function text(response) {
    return response.get_assistant_message().content;
}

runTests({
    async 'a JavaScript cache, blocking and async'() {
        const client = makeClient();
        const cache = new MemoryCache();
        client.cache = cache;
        assert(client.cache === cache, 'the cache property');
        const request = makeRequest({}, 'Hello');

        const live = client.chat_completion(request, null);
        assertEqual(cache.lookups.length, 1, 'one lookup');
        assertDeepEqual(cache.stores, cache.lookups, 'stored under the key looked up');
        assert(/^[0-9a-f]{64}$/.test(cache.lookups[0]), 'a hex SHA-256 key');

        client.base_url = closedPortUrl();
        const blocking = client.chat_completion(request, null);
        const promised = await client.chat_completion_async(request, null);
        assertEqual(blocking.id, live.id, 'blocking hit');
        assertEqual(promised.id, live.id, 'async hit');
        assertEqual(text(promised), text(live), 'the same text');
        assertEqual(cache.stores.length, 1, 'stored once');

        assertThrowsGError(() => client.chat_completion(makeRequest({}, 'Hellp'), null),
            Mistral.error_quark(), Mistral.Error.NETWORK, 'a miss goes to the network');
    },

    async 'a cached stream, replayed through the chunk signal'() {
        const client = makeClient();
        client.cache = new MemoryCache();
        const request = makeRequest({stream: true}, 'Hello');

        async function run() {
            const stream = client.chat_completion_stream(request);
            const chunks = [];
            stream.connect('chunk', (_s, chunk) => {
                chunks.push([chunk.id, chunk.get_delta_message().content, chunk.is_last_chunk]);
            });
            const response = await stream.run_async(null);
            return [chunks, response];
        }

        const [liveChunks, live] = await run();
        assert(liveChunks.length > 2, 'several chunks');
        client.base_url = closedPortUrl();
        const [cachedChunks, cached] = await run();
        assertDeepEqual(cachedChunks, liveChunks, 'the same chunks, in order');
        assertEqual(text(cached), text(live), 'the same accumulated text');
    },

    'Mistral.FileCache'() {
        const dir = GLib.Dir.make_tmp('mistral-gjs-cache-XXXXXX');
        const directory = Gio.File.new_for_path(GLib.build_filenamev([dir, 'replies']));
        const client = makeClient();
        client.cache = Mistral.FileCache.new(directory);

        const request = makeRequest({}, 'Hello');
        const live = client.chat_completion(request, null);
        client.base_url = closedPortUrl();
        const cached = client.chat_completion(request, null);
        assertEqual(cached.id, live.id, 'the same reply');
        assertEqual(text(cached), text(live), 'the same text');
        assertThrowsGError(() => client.list_models_full(null, 'codestral-latest', null),
            Mistral.error_quark(), Mistral.Error.NETWORK, 'models calls are never cached');

        const children = directory.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
        let info, n = 0;
        while ((info = children.next_file(null)) !== null) {
            assert(/^[0-9a-f]{64}$/.test(info.get_name()), 'an entry named by its key');
            directory.get_child(info.get_name()).delete(null);
            n++;
        }
        assertEqual(n, 1, 'one entry');
        directory.delete(null);
        Gio.File.new_for_path(dir).delete(null);
    },
});

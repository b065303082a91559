// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The Models area of mistral-glib as GJS sees it through the typelib: model
// cards and their capability flags, list, get, delete and search (blocking
// and promisified), errors, and Mistral.ModelList as a Gio.ListModel with
// its items-changed, loading and error, waited for on the main loop.
//
// Run by meson (`meson test gjs-models`) as `gjs -m test-models.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, assertThrowsGError,
    makeClient, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'list_models_async', 'list_models_finish');
Gio._promisify(Mistral.Client.prototype, 'get_model_async', 'get_model_finish');
Gio._promisify(Mistral.Client.prototype, 'delete_model_async', 'delete_model_finish');
Gio._promisify(Mistral.Client.prototype, 'search_models_async', 'search_models_finish');

const Caps = Mistral.ModelCapabilities;
const FT_ID = 'ft:open-mistral-7b:587a6b29:20240514:7e773925';
const IDS = [
    'mistral-small-2506', 'codestral-2508', 'magistral-medium-2509', 'mistral-embed',
    'mistral-moderation-2411', 'open-mistral-7b', FT_ID,
];

function ids(models) {
    const out = [];
    for (let i = 0; i < models.get_n_items(); i++)
        out.push(models.get_item(i).id);
    return out;
}

function checkSmall(card) {
    assert(card instanceof Mistral.ModelCard, 'a ModelCard');
    assertEqual(card.id, 'mistral-small-2506', 'id');
    assertEqual(card.get_id(), 'mistral-small-2506', 'get_id()');
    assertEqual(card.name, 'mistral-small-2506', 'name');
    assertEqual(card.description, 'Our small model, with vision.', 'description');
    assertEqual(card.owned_by, 'mistralai', 'owned_by');
    assert(card.created instanceof GLib.DateTime, 'created is a GLib.DateTime');
    assertEqual(card.created.to_unix(), 1750204800, 'created');
    assertEqual(card.model_type, 'base', 'model_type');
    assertEqual(card.max_context_length, 131072, 'max_context_length');
    assertDeepEqual(card.aliases, ['mistral-small-latest'], 'aliases');
    assertEqual(card.deprecation, null, 'deprecation');
    assertEqual(card.default_model_temperature_set, true, 'default_model_temperature_set');
    assert(Math.abs(card.default_model_temperature - 0.3) < 1e-9, 'default_model_temperature');
    assertEqual(card.capabilities,
        Caps.COMPLETION_CHAT | Caps.FUNCTION_CALLING | Caps.FINE_TUNING | Caps.VISION, 'capabilities');
    assert(card.has_capabilities(Caps.VISION | Caps.COMPLETION_CHAT), 'has vision and chat');
    assert(!card.has_capabilities(Caps.VISION | Caps.REASONING), 'has no reasoning');
    assertEqual(card.job, null, 'job');
}

// Resolves once @models has stopped loading.
function loaded(models) {
    return new Promise(resolve => {
        if (!models.loading) {
            resolve();
            return;
        }
        const id = models.connect('notify::loading', () => {
            if (!models.loading) {
                models.disconnect(id);
                resolve();
            }
        });
    });
}

function watch(models) {
    const log = [];
    models.connect('items-changed', (_m, position, removed, added) =>
        log.push(`items-changed ${position} ${removed} ${added}`));
    models.connect('notify::loading', m => log.push(`loading ${m.loading}`));
    models.connect('notify::error', m => log.push(`error ${m.error ? m.error.code : null}`));
    return log;
}

const tests = {
    'list: blocking'() {
        const models = makeClient().list_models(null);
        assert(models instanceof Gio.ListModel, 'a Gio.ListModel');
        assertDeepEqual(ids(models), IDS, 'ids');
        checkSmall(models.get_item(0));
        const old = models.get_item(5);
        assertEqual(old.deprecation.to_unix(), 1743336000, 'deprecation');
        assertEqual(old.deprecation_replacement_model, 'ministral-8b-latest', 'replacement');
    },

    async 'list: async (promisified)'() {
        const models = await makeClient().list_models_async(null);
        assertDeepEqual(ids(models), IDS, 'ids');
    },

    async 'get: a fine-tuned card, and a base one'() {
        const client = makeClient();
        const card = client.get_model(FT_ID, null);
        assertEqual(card.model_type, 'fine-tuned', 'model_type');
        assertEqual(card.root, 'open-mistral-7b', 'root');
        assertEqual(card.job, '7e773925-4a8c-4a0e-9d7d-3c2e1f0a9b8c', 'job');
        assertDeepEqual(card.aliases, [], 'aliases');
        assertEqual(card.capabilities, Caps.COMPLETION_CHAT, 'capabilities');
        checkSmall(await client.get_model_async('mistral-small-2506', null));
    },

    async 'get: errors'() {
        const client = makeClient();
        const e = assertThrowsGError(() => client.get_model('no-such-model', null),
            Mistral.Error, Mistral.Error.NOT_FOUND, 'unknown model');
        assert(e.message.includes('Model not found: no-such-model'), `the API's message: ${e.message}`);
        await assertRejectsGError(client.get_model_async('mock-error-429', null),
            Mistral.Error, Mistral.Error.RATE_LIMITED, 'mock-error-429');
    },

    async 'delete'() {
        const client = makeClient();
        assertEqual(client.delete_model(FT_ID, null), true, 'blocking');
        assertEqual(await client.delete_model_async(FT_ID, null), true, 'async');
        assertThrowsGError(() => client.delete_model('mistral-small-2506', null),
            Mistral.Error, Mistral.Error.INVALID_REQUEST, 'a base model');
    },

    async 'search'() {
        const client = makeClient();
        assertDeepEqual(ids(client.search_models(Caps.VISION, null)),
            ['mistral-small-2506', 'magistral-medium-2509'], 'vision');
        assertDeepEqual(ids(await client.search_models_async(Caps.COMPLETION_FIM, null)),
            ['codestral-2508'], 'fim');
        assertDeepEqual(ids(client.search_models(Caps.MODERATION | Caps.VISION, null)), [], 'none');
    },

    async 'model list: loads, notifies, filters'() {
        const models = new Mistral.ModelList({client: makeClient(), capabilities: Caps.REASONING});
        assert(models instanceof Gio.ListModel, 'a Gio.ListModel');
        const log = watch(models);
        assertEqual(models.loading, true, 'loading at first');
        await loaded(models);
        assertDeepEqual(log, ['items-changed 0 0 1', 'loading false'], 'signals of the load');
        assertDeepEqual(ids(models), ['magistral-medium-2509'], 'ids');
        assertEqual(models.error, null, 'no error');

        log.length = 0;
        models.capabilities = Caps.NONE;
        assertDeepEqual(log, ['items-changed 0 1 7'], 'refiltered');
        assertDeepEqual(ids(models), IDS, 'every model');

        log.length = 0;
        models.reload();
        await loaded(models);
        assertDeepEqual(log, ['loading true', 'items-changed 0 7 7', 'loading false'], 'signals of a reload');
    },

    async 'model list: an error, then a success'() {
        const client = makeClient();
        const good = client.base_url;
        // Port 1 on the loopback: nothing listens there.
        client.base_url = 'http://127.0.0.1:1';
        const models = Mistral.ModelList.new(client, Caps.NONE);
        const log = watch(models);
        await loaded(models);
        assertDeepEqual(log, [`error ${Mistral.Error.NETWORK}`, 'loading false'], 'signals of a failed load');
        assert(models.error.matches(Mistral.Error, Mistral.Error.NETWORK), 'a network error');
        assertEqual(models.get_n_items(), 0, 'no item');

        log.length = 0;
        client.base_url = good;
        models.reload();
        await loaded(models);
        assertDeepEqual(log, ['error null', 'loading true', 'items-changed 0 0 7', 'loading false'],
            'signals of the next load');
        assertEqual(models.error, null, 'the error is gone');
    },
};

runTests(tests);

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Moderation and classification as GJS sees them through the typelib: a
// text moderated blocking and promisified, its categories, flagged and
// scores, a conversation moderated, a classifier's categories, errors and
// cancellation.
//
// Run by meson (`meson test gjs-classifiers`) as `gjs -m test-classifiers.js`,
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, makeClient, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'moderate_async', 'moderate_finish');
Gio._promisify(Mistral.Client.prototype, 'moderate_chat_async', 'moderate_chat_finish');

const MODEL = 'mistral-moderation-latest';

const tests = {
    'moderate: flagged and scores'() {
        const response = makeClient().moderate(MODEL, ['I will kill you', 'Nice weather'], null);
        assertEqual(response.model, MODEL, 'model');
        assertEqual(response.id.length, 32, 'id');
        assertEqual(response.results.get_n_items(), 2, 'two results');
        const first = response.results.get_item(0);
        assert(first instanceof Mistral.ModerationResult, 'a ModerationResult');
        assertEqual(first.get_categories().length, 9, 'every category');
        assert(first.get_categories().includes('violence_and_threats'), 'violence_and_threats listed');
        assert(first.get_flagged('violence_and_threats'), 'violence flagged');
        assertEqual(first.get_score('violence_and_threats'), 0.97, 'violence score');
        assert(!first.get_flagged('sexual'), 'sexual not flagged');
        assert(first.flagged, 'the flagged property');
        assert(!response.results.get_item(1).flagged, 'the second not flagged');
    },

    async 'moderate, async, and a conversation'() {
        const client = makeClient();
        const response = await client.moderate_async(MODEL, ['Nice weather'], null);
        assert(!response.results.get_item(0).flagged, 'not flagged');
        const messages = new Gio.ListStore({item_type: Mistral.ChatMessage});
        messages.append(Mistral.UserMessage.new('I will kill the process'));
        const chat = await client.moderate_chat_async(MODEL, messages, null);
        assert(chat.results.get_item(0).get_flagged('violence_and_threats'), 'conversation flagged');
    },

    'classify'() {
        const result = makeClient().classify('ft:classifier:abc', ['A bad day'], null).results.get_item(0);
        assertDeepEqual(result.get_categories(), ['sentiment/positive', 'sentiment/negative'], 'categories');
        assertEqual(result.get_score('sentiment/negative'), 0.875, 'score');
    },

    async 'errors and cancellation'() {
        const client = makeClient();
        await assertRejectsGError(client.moderate_async('mock-error-500', ['x'], null),
            Mistral.error_quark(), Mistral.Error.SERVER, '500');
        const cancellable = new Gio.Cancellable();
        cancellable.cancel();
        await assertRejectsGError(client.moderate_async(MODEL, ['x'], cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled');
    },
};

runTests(tests);

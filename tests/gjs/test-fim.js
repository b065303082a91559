// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// FIM (code completion) as GJS sees it through the typelib: the request's
// properties and exact JSON, blocking, promisified async and streamed
// completions through the chat response and stream classes, errors and
// cancellation.
//
// Run by meson (`meson test gjs-fim`) as `gjs -m test-fim.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, assertThrowsGError,
    makeClient, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'fim_completion_async', 'fim_completion_finish');
Gio._promisify(Mistral.ChatCompletionStream.prototype, 'run_async', 'run_finish');

const PROMPT = 'def add(a, b):\n    ';
const SUFFIX = '\n\nprint(add(1, 2))\n';

function makeFimRequest(props = {}) {
    return new Mistral.FimCompletionRequest({model: 'codestral-latest', prompt: PROMPT, suffix: SUFFIX, ...props});
}

function checkCompletion(response, text = 'return a + b', finishReason = Mistral.FinishReason.STOP) {
    assert(response instanceof Mistral.ChatCompletionResponse, 'a ChatCompletionResponse');
    assertEqual(response.model, 'codestral-latest', 'model');
    assertEqual(response.id.length, 32, 'id');
    assertEqual(response.get_content(), text, 'the completion');
    assertEqual(response.choices.get_n_items(), 1, 'one choice');
    assertEqual(response.choices.get_item(0).finish_reason, finishReason, 'finish reason');
    assertEqual(response.usage.prompt_tokens, 5, 'prompt_tokens');
    assertEqual(response.usage.completion_tokens, text.split(' ').length, 'completion_tokens');
}

const tests = {
    'request: properties and the exact JSON'() {
        const request = Mistral.FimCompletionRequest.new('codestral-latest', PROMPT, null);
        assertEqual(request.to_json(), '{"model":"codestral-latest","prompt":"def add(a, b):\\n    "}',
            'nothing optional');
        request.suffix = '}';
        request.max_tokens = 16;
        request.min_tokens = 1;
        request.temperature = 0.5;
        request.top_p = 0.75;
        request.random_seed = 3;
        request.stop = ['\n'];
        assert(request.max_tokens_set && request.random_seed_set, 'the -set flags');
        assertEqual(request.to_json(),
            '{"model":"codestral-latest","prompt":"def add(a, b):\\n    ","suffix":"}","temperature":0.5,' +
            '"top_p":0.75,"max_tokens":16,"min_tokens":1,"stop":["\\n"],"random_seed":3}',
            'every option set');
        assertDeepEqual(request.get_stop(), ['\n'], 'stop');
        request.max_tokens = -1;
        assertThrowsGError(() => request.to_json(), Mistral.error_quark(), Mistral.Error.INVALID_REQUEST,
            'max_tokens -1');
    },

    'blocking'() {
        checkCompletion(makeClient().fim_completion(makeFimRequest(), null));
    },

    async 'async, cut at max_tokens'() {
        const response = await makeClient().fim_completion_async(makeFimRequest({max_tokens: 2}), null);
        checkCompletion(response, 'return a', Mistral.FinishReason.LENGTH);
    },

    async 'streamed: the chunks in order, and the reply'() {
        const stream = makeClient().fim_completion_stream(makeFimRequest());
        assert(stream instanceof Mistral.ChatCompletionStream, 'a ChatCompletionStream');
        const texts = [];
        stream.connect('chunk', (_stream, chunk) => {
            const delta = chunk.get_delta_message();
            texts.push(delta ? delta.get_content() : null);
        });
        const response = await stream.run_async(null);
        assertDeepEqual(texts, ['', 'return', ' a', ' +', ' b'], 'chunks');
        checkCompletion(response);
    },

    async 'errors and cancellation'() {
        const client = makeClient();
        await assertRejectsGError(client.fim_completion_async(makeFimRequest({model: 'mock-error-500'}), null),
            Mistral.error_quark(), Mistral.Error.SERVER, '500');
        const cancellable = new Gio.Cancellable();
        cancellable.cancel();
        await assertRejectsGError(client.fim_completion_async(makeFimRequest(), cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled');
    },
};

runTests(tests);

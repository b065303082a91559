// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Streamed chat completions as GJS sees them through the typelib: the
// `chunk` signal with the promisified run_async on a main loop, pull with
// next_chunk_async, an error inside the stream, and cancelling from the
// chunk handler.
//
// Run by meson (`meson test gjs-stream`) as `gjs -m test-stream.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and
// stops. The server program cannot be scripted from here, so the tests use
// its magic models: "mock-stream-error-N" (N events, then an error object
// inside the stream) and "mock-stream-slow-MS" (MS ms between events).
// Prints TAP; exits non-zero if any test fails.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';
import System from 'system';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError,
    makeClient, makeRequest, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.ChatCompletionStream.prototype, 'run_async', 'run_finish');
Gio._promisify(Mistral.ChatCompletionStream.prototype, 'next_chunk_async', 'next_chunk_finish');

// The mock server's default reply echoes the last user message one word
// per chunk, after a first chunk that carries the role and no text; its
// token counts are the prompt's words plus 3, and one per piece.
const PROMPT = 'one two three';
const DELTAS = ['', 'Echo:', ' one', ' two', ' three'];
const CONTENT = 'Echo: one two three';
const PROMPT_TOKENS = 6;
const COMPLETION_TOKENS = 4;

// --- helpers ----------------------------------------------------------------

function sleep(ms) {
    return new Promise(resolve => {
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        });
    });
}

function makeStream(model = 'mistral-small-latest', props = {}, text = PROMPT) {
    return makeClient().chat_completion_stream(makeRequest({model, ...props}, text));
}

function deltaText(chunk) {
    const delta = chunk.get_delta_message();
    return delta ? delta.get_content() : null;
}

// Connects to `chunk` and keeps every chunk it is given.
function record(stream) {
    const chunks = [];
    stream.connect('chunk', (_stream, chunk) => {
        chunks.push(chunk);
    });
    return chunks;
}

// Every chunk of the default reply to PROMPT, in order.
function checkChunks(chunks) {
    assertDeepEqual(chunks.map(deltaText), DELTAS, 'delta texts');

    let previousTotal = 0;
    for (const [i, chunk] of chunks.entries()) {
        const last = i === DELTAS.length - 1;
        assert(chunk instanceof Mistral.CompletionChunk, `chunk ${i} is a CompletionChunk`);
        assertEqual(chunk.id, chunks[0].id, `id of chunk ${i}`);
        assertEqual(chunk.id.length, 32, `id length of chunk ${i}`);
        assertEqual(chunk.object, 'chat.completion.chunk', `object of chunk ${i}`);
        assertEqual(chunk.model, 'mistral-small-latest', `model of chunk ${i}`);
        assert(chunk.created instanceof GLib.DateTime, `created of chunk ${i}`);

        const choices = chunk.choices;
        assert(choices instanceof Gio.ListModel, 'choices is a Gio.ListModel');
        assertEqual(choices.get_n_items(), 1, `choices of chunk ${i}`);
        const choice = choices.get_item(0);
        assert(choice instanceof Mistral.CompletionResponseStreamChoice, 'a stream choice');
        assertEqual(choice.index, 0, `index of chunk ${i}`);
        assert(choice.delta instanceof Mistral.AssistantMessage, 'delta is an AssistantMessage');
        assertEqual(choice.delta.content, DELTAS[i], `delta of chunk ${i}`);
        assertEqual(choice.finish_reason,
            last ? Mistral.FinishReason.STOP : Mistral.FinishReason.NONE,
            `finish reason of chunk ${i}`);
        assertEqual(chunk.is_last_chunk, last, `is_last_chunk of chunk ${i}`);

        // Usage comes with the last chunk only.
        if (last) {
            assert(chunk.usage instanceof Mistral.UsageInfo, 'usage on the last chunk');
            assertEqual(chunk.usage.prompt_tokens, PROMPT_TOKENS, 'prompt tokens');
            assertEqual(chunk.usage.completion_tokens, COMPLETION_TOKENS, 'completion tokens');
        } else {
            assertEqual(chunk.usage, null, `usage of chunk ${i}`);
        }

        assert(chunk.chunk_latency >= 0, `chunk latency of chunk ${i} (${chunk.chunk_latency})`);
        assert(chunk.total_latency >= chunk.chunk_latency,
            `total latency ≥ chunk latency of chunk ${i}`);
        assert(chunk.total_latency >= previousTotal,
            `total latency of chunk ${i} does not go back (${previousTotal} → ${chunk.total_latency})`);
        assert(chunk.total_latency < 10 * GLib.USEC_PER_SEC, 'total latency < 10 s');
        previousTotal = chunk.total_latency;
    }
    // The first chunk's latency is counted from the request.
    assertEqual(chunks[0].chunk_latency, chunks[0].total_latency, 'first chunk latency');
}

// The accumulated reply: content, finish reason, usage.
function checkResponse(response, chunks) {
    assert(response instanceof Mistral.ChatCompletionResponse, 'a ChatCompletionResponse');
    assertEqual(response.id, chunks[0].id, 'response id');
    assertEqual(response.get_assistant_message().get_content(), CONTENT, 'content');

    const choices = response.choices;
    assertEqual(choices.get_n_items(), 1, 'number of choices');
    const choice = choices.get_item(0);
    assertEqual(choice.finish_reason, Mistral.FinishReason.STOP, 'finish reason');
    assertEqual(choice.message.role, Mistral.Role.ASSISTANT, 'role');
    assertEqual(choice.message.content, CONTENT, 'message content');

    const usage = response.usage;
    assert(usage instanceof Mistral.UsageInfo, 'a UsageInfo');
    assertEqual(usage.prompt_tokens, PROMPT_TOKENS, 'prompt tokens');
    assertEqual(usage.completion_tokens, COMPLETION_TOKENS, 'completion tokens');
    assertEqual(usage.total_tokens, PROMPT_TOKENS + COMPLETION_TOKENS, 'total tokens');
}

// Cancels @cancellable from the first `chunk` emission.
function cancelOnFirstChunk(stream, cancellable) {
    const chunks = record(stream);
    stream.connect('chunk', () => cancellable.cancel());
    return chunks;
}

// --- the tests --------------------------------------------------------------

const tests = {
    async 'signal: run_async on the main loop'() {
        const stream = makeStream();
        assert(stream instanceof Mistral.ChatCompletionStream, 'a ChatCompletionStream');
        const chunks = record(stream);

        const response = await stream.run_async(null);

        checkChunks(chunks);
        checkResponse(response, chunks);
        checkResponse(stream.get_response(), chunks);
    },

    async 'signal: what a handler keeps stays as it was (chunks and deltas nobody keeps are reused)'() {
        // 300 words: 302 chunks, a garbage collection every 50, so that
        // the wrappers of the chunks not kept go and their objects are
        // reused for later events while those kept are still in use.
        const words = Array.from({length: 300}, (_, i) => `w${i}`);
        const expected = ['', 'Echo:', ...words.map(w => ` ${w}`)];
        const stream = makeStream('mistral-small-latest', {}, words.join(' '));
        const keptChunks = [], keptDeltas = [], texts = [];
        stream.connect('chunk', (_stream, chunk) => {
            const i = texts.length;
            texts.push(deltaText(chunk));
            if (i % 3 === 0)
                keptChunks.push([i, chunk]);
            else if (i % 4 === 1)
                keptDeltas.push([i, chunk.get_delta_message()]);
            if (i % 50 === 49)
                System.gc();
        });

        await stream.run_async(null);
        System.gc();

        assertDeepEqual(texts, expected, 'texts as they came');
        for (const [i, chunk] of keptChunks)
            assertEqual(deltaText(chunk), expected[i], `kept chunk ${i}`);
        for (const [i, delta] of keptDeltas)
            assertEqual(delta.get_content(), expected[i], `kept delta ${i}`);
        assert(keptChunks.length === 101 && keptDeltas.length > 50, 'kept some of each');
    },

    async 'signal: several choices stay apart'() {
        const stream = makeStream('mistral-small-latest', {n: 2}, 'Hi');
        const chunks = record(stream);

        const response = await stream.run_async(null);

        const texts = ['', ''];
        for (const chunk of chunks) {
            assertEqual(chunk.choices.get_n_items(), 1, 'one choice per chunk');
            const choice = chunk.choices.get_item(0);
            texts[choice.index] += choice.delta.content ?? '';
        }
        assertDeepEqual(texts, ['Echo (0): Hi', 'Echo (1): Hi'], 'texts by index');
        assertEqual(response.choices.get_n_items(), 2, 'number of choices');
        for (let i = 0; i < 2; i++) {
            const choice = response.choices.get_item(i);
            assertEqual(choice.index, i, `index of choice ${i}`);
            assertEqual(choice.message.content, `Echo (${i}): Hi`, `content of choice ${i}`);
            assertEqual(choice.finish_reason, Mistral.FinishReason.STOP, `finish of choice ${i}`);
        }
    },

    async 'pull: next_chunk_async until null'() {
        const stream = makeStream();
        const signalled = record(stream);
        const pulled = [];

        for (;;) {
            // eslint-disable-next-line no-await-in-loop
            const chunk = await stream.next_chunk_async(null);
            if (chunk === null)
                break;
            pulled.push(chunk);
            // The signal went out for this chunk before it was returned.
            assertEqual(signalled.length, pulled.length, 'signal count while pulling');
            assert(pulled.length < 100, 'the stream ends');
        }

        checkChunks(pulled);
        assertDeepEqual(signalled.map(deltaText), DELTAS, 'signalled deltas');
        // The end stays the end.
        assertEqual(await stream.next_chunk_async(null), null, 'after the end');
        checkResponse(stream.get_response(), pulled);
    },

    async 'error: inside the stream, after the chunks that came (run)'() {
        const stream = makeStream('mock-stream-error-2');
        const chunks = record(stream);

        const e = await assertRejectsGError(stream.run_async(null),
            Mistral.Error, Mistral.Error.SERVER, 'mock-stream-error-2');

        assert(e.message.includes('Generation failed'), `message (${e.message})`);
        assertDeepEqual(chunks.map(deltaText), DELTAS.slice(0, 2), 'chunks before the error');
    },

    async 'error: inside the stream, after the chunks that came (pull)'() {
        const stream = makeStream('mock-stream-error-3');
        const pulled = [];

        for (let i = 0; i < 3; i++) {
            // eslint-disable-next-line no-await-in-loop
            pulled.push(await stream.next_chunk_async(null));
        }
        assertDeepEqual(pulled.map(deltaText), DELTAS.slice(0, 3), 'chunks before the error');
        const e = await assertRejectsGError(stream.next_chunk_async(null),
            Mistral.Error, Mistral.Error.SERVER, 'mock-stream-error-3');
        assert(e.message.includes('Generation failed'), `message (${e.message})`);
    },

    async 'error: HTTP 401 before the stream'() {
        const stream = makeStream('mock-error-401');
        const chunks = record(stream);

        const e = await assertRejectsGError(stream.run_async(null),
            Mistral.Error, Mistral.Error.UNAUTHORIZED, 'mock-error-401');

        assertEqual(e.message, 'Unauthorized (HTTP 401)', 'message');
        assertEqual(chunks.length, 0, 'no chunk');
    },

    async 'cancel: from the chunk handler, promptly'() {
        // 300 ms between events: the four after the first would take 1.2 s.
        const stream = makeStream('mock-stream-slow-300');
        const cancellable = new Gio.Cancellable();
        const chunks = cancelOnFirstChunk(stream, cancellable);
        const started = GLib.get_monotonic_time();

        await assertRejectsGError(stream.run_async(cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'mock-stream-slow-300');

        const elapsed = GLib.get_monotonic_time() - started;
        assert(elapsed < GLib.USEC_PER_SEC, `cancelled within 1 s (${elapsed} µs)`);
        assertDeepEqual(chunks.map(deltaText), DELTAS.slice(0, 1), 'chunks');

        // Had the stream gone on, the rest would have come in 1.2 s.
        await sleep(1500);
        assertEqual(chunks.length, 1, 'no chunk after the cancel');
    },

    async 'cancel: from the chunk handler, with the rest already read'() {
        // No delay: the whole reply may sit in one read, yet nothing after
        // the cancel is emitted.
        const stream = makeStream();
        const cancellable = new Gio.Cancellable();
        const chunks = cancelOnFirstChunk(stream, cancellable);

        await assertRejectsGError(stream.run_async(cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'default reply');

        assertDeepEqual(chunks.map(deltaText), DELTAS.slice(0, 1), 'chunks');
        await sleep(100);
        assertEqual(chunks.length, 1, 'no chunk after the cancel');
    },
};

runTests(tests);

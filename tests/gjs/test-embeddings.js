// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The embeddings API of mistral-glib as GJS sees it through the typelib:
// property construction and the exact JSON, blocking and promisified async
// calls, a vector read as an array of numbers (float and base64 alike), the
// bytes of an integer dtype, cosine similarity, errors and cancellation.
//
// Run by meson (`meson test gjs-embeddings`) as `gjs -m test-embeddings.js`,
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, assertThrowsGError,
    makeClient, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'embeddings_async', 'embeddings_finish');

const TEXTS = ['the cat sat', 'the cat sat on the mat', 'stocks fell today'];

function makeEmbeddingRequest(props = {}) {
    return new Mistral.EmbeddingRequest({model: 'mistral-embed', inputs: TEXTS, ...props});
}

const tests = {
    'request: properties and the exact JSON'() {
        const request = new Mistral.EmbeddingRequest({model: 'mistral-embed', inputs: ['Hello']});
        assertEqual(request.to_json(), '{"model":"mistral-embed","input":["Hello"]}', 'nothing optional');
        request.output_dimension = 64;
        request.output_dtype = Mistral.EmbeddingDtype.UINT8;
        assert(request.output_dimension_set, 'output_dimension_set');
        assertEqual(request.to_json(),
            '{"model":"mistral-embed","input":["Hello"],"output_dimension":64,"output_dtype":"uint8"}',
            'every option set');
        request.output_dimension = 0;
        assertThrowsGError(() => request.to_json(), Mistral.error_quark(), Mistral.Error.INVALID_REQUEST,
            'output_dimension 0');
    },

    'blocking: a vector is an array of numbers'() {
        const response = makeClient().embeddings(makeEmbeddingRequest(), null);
        assert(response instanceof Mistral.EmbeddingResponse, 'an EmbeddingResponse');
        assertEqual(response.model, 'mistral-embed', 'model');
        assertEqual(response.id.length, 32, 'id');
        assertEqual(response.usage.prompt_tokens, 12, 'prompt_tokens');
        assert(response.data instanceof Gio.ListModel, 'data is a Gio.ListModel');
        assertEqual(response.data.get_n_items(), 3, 'three embeddings');

        const first = response.data.get_item(0);
        assert(first instanceof Mistral.Embedding, 'an Embedding');
        assertEqual(first.index, 0, 'index');
        assertEqual(first.dimension, 1024, 'dimension');
        const vector = first.get_vector();
        assert(Array.isArray(vector), 'get_vector() is an Array');
        assertEqual(vector.length, 1024, 'length');
        assert(vector.every(v => typeof v === 'number'), 'numbers');
        const norm = vector.reduce((sum, v) => sum + v * v, 0);
        assert(Math.abs(norm - 1) < 1e-5, `unit length (${norm})`);

        const near = first.cosine_similarity(response.data.get_item(1));
        const far = first.cosine_similarity(response.data.get_item(2));
        assert(near > far + 0.3, `similar texts are nearer (${near} > ${far})`);
        assert(Number.isNaN(first.cosine_similarity(
            makeClient().embeddings(makeEmbeddingRequest({output_dimension: 8}), null).data.get_item(0))),
        'NaN across dimensions');
    },

    async 'async: base64 gives the same numbers'() {
        const client = makeClient();
        const asNumbers = await client.embeddings_async(makeEmbeddingRequest({output_dimension: 16}), null);
        const asBase64 = await client.embeddings_async(
            makeEmbeddingRequest({output_dimension: 16, encoding_format: Mistral.EncodingFormat.BASE64}), null);
        assertDeepEqual(asBase64.data.get_item(1).get_vector(), asNumbers.data.get_item(1).get_vector(),
            'the same vector');
    },

    'int8: the bytes and the numbers agree'() {
        const embedding = makeClient().embeddings(
            makeEmbeddingRequest({output_dimension: 8, output_dtype: Mistral.EmbeddingDtype.INT8}), null)
            .data.get_item(0);
        const bytes = embedding.get_bytes().toArray();
        assertEqual(bytes.length, 8, 'eight bytes');
        assertDeepEqual(embedding.get_vector(), Array.from(bytes, b => (b > 127 ? b - 256 : b)), 'signed values');
    },

    async 'errors and cancellation'() {
        const client = makeClient();
        await assertRejectsGError(client.embeddings_async(makeEmbeddingRequest({model: 'mock-error-401'}), null),
            Mistral.error_quark(), Mistral.Error.UNAUTHORIZED, '401');
        const cancellable = new Gio.Cancellable();
        cancellable.cancel();
        await assertRejectsGError(client.embeddings_async(makeEmbeddingRequest(), cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled');
    },
};

runTests(tests);

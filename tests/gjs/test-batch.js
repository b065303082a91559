// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Batch jobs as GJS sees them through the typelib: a small batch created,
// followed (notify::completed-requests as it runs), its results read back
// and matched to their custom ids, one request's error among them; the
// same promisified through an uploaded JSONL file; an invalid job refused.
//
// Run by meson (`meson test gjs-batch`) as `gjs -m test-batch.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertThrowsGError, makeClient, makeRequest, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'create_batch_job_async', 'create_batch_job_finish');
Gio._promisify(Mistral.Client.prototype, 'wait_batch_job_async', 'wait_batch_job_finish');
Gio._promisify(Mistral.Client.prototype, 'get_batch_results_async', 'get_batch_results_finish');

// Polls 10 ms apart, up to 40 ms, instead of 1 s up to 30 s.
GLib.setenv('MISTRAL_BATCH_POLL_MS', '10,40', true);

function smallBatch(props = {}) {
    const jobRequest = new Mistral.BatchJobRequest(props);
    jobRequest.add(Mistral.BatchRequest.new('cheese', makeRequest({}, 'Best French cheese?')));
    jobRequest.add(Mistral.BatchRequest.new('wine', makeRequest({}, 'Best French wine?')));
    jobRequest.add(Mistral.BatchRequest.new('refused', makeRequest({model: 'mock-error-400'}, 'Anything')));
    return jobRequest;
}

function checkResults(results) {
    const byId = {};
    for (let i = 0; i < results.get_n_items(); i++) {
        const result = results.get_item(i);
        byId[result.custom_id] = result;
    }
    assertDeepEqual(Object.keys(byId).sort(), ['cheese', 'refused', 'wine'], 'custom ids');
    assertEqual(byId.cheese.response.get_content(), 'Echo: Best French cheese?', 'reply');
    assertEqual(byId.wine.status_code, 200, 'status');
    assertEqual(byId.refused.response, null, 'no reply');
    assertEqual(byId.refused.status_code, 400, 'error status');
    assert(byId.refused.raw.includes('unknown_model'), 'raw body');
    assertThrowsGError(() => byId.refused.propagate_error(), Mistral.error_quark(),
        Mistral.Error.INVALID_REQUEST, 'the error');
}

const tests = {
    'run a small batch and read its results'() {
        const client = makeClient();
        const job = client.create_batch_job(smallBatch(), null);
        assertEqual(job.status, Mistral.BatchStatus.QUEUED, 'queued');
        assertEqual(job.total_requests, 3, 'total');
        const progress = [];
        job.connect('notify::completed-requests', j => progress.push(j.completed_requests));
        assert(client.wait_batch_job(job, 30, null), 'waited');
        assertEqual(job.status, Mistral.BatchStatus.SUCCESS, 'success');
        assertEqual(progress[progress.length - 1], 3, 'progress ends at the total');
        assertDeepEqual(progress, [...progress].sort(), 'progress grows');
        checkResults(client.get_batch_results(job, null));
    },

    async 'through a JSONL file, promisified'() {
        const client = makeClient();
        const job = await client.create_batch_job_async(smallBatch({input: Mistral.BatchInput.FILE}), null);
        assertEqual(job.input_files.length, 1, 'one input file');
        assert(await client.wait_batch_job_async(job, 30, null), 'waited');
        checkResults(await client.get_batch_results_async(job, null));
    },

    'an invalid job is refused'() {
        assertThrowsGError(() => makeClient().create_batch_job(smallBatch({timeout_hours: 200}), null),
            Mistral.error_quark(), Mistral.Error.INVALID_REQUEST, 'timeout out of range');
    },
};

runTests(tests);

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Batch jobs as Vala sees them through the VAPI: a small batch created,
// followed (notify::completed-requests as it runs), its results read back
// and matched to their custom ids, one request's error among them; the
// same `yield`ed through an uploaded JSONL file; an invalid job refused.
//
// Run by meson (`meson test vala-batch`) with MISTRAL_MOCK_SERVER pointing
// at the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

Mistral.BatchRequest entry (string custom_id, string model, string text) {
    var chat = new Mistral.ChatCompletionRequest (model);
    chat.add_message (new Mistral.UserMessage (text));
    return new Mistral.BatchRequest (custom_id, chat);
}

Mistral.BatchJobRequest small_batch () {
    var job_request = new Mistral.BatchJobRequest ();
    job_request.add (entry ("cheese", "mistral-small-latest", "Best French cheese?"));
    job_request.add (entry ("wine", "mistral-small-latest", "Best French wine?"));
    job_request.add (entry ("refused", "mock-error-400", "Anything"));
    return job_request;
}

void check_results (ListModel results) throws GLib.Error {
    check_uint (results.get_n_items (), 3, "three results");
    var seen = 0;
    for (uint i = 0; i < results.get_n_items (); i++) {
        var result = (Mistral.BatchResult) results.get_item (i);
        switch (result.custom_id) {
        case "cheese":
            check_str (((Mistral.ChatCompletionResponse) result.response).get_content (),
                       "Echo: Best French cheese?", "reply");
            seen |= 1;
            break;
        case "wine":
            check_uint (result.status_code, 200, "status");
            check (result.error == null, "no error");
            seen |= 2;
            break;
        case "refused":
            check (result.response == null, "no reply");
            check_uint (result.status_code, 400, "error status");
            check (result.raw.contains ("unknown_model"), "raw body");
            try {
                result.propagate_error ();
                throw new TestError.FAILED ("no error");
            } catch (Mistral.Error.INVALID_REQUEST e) {
            }
            seen |= 4;
            break;
        default:
            throw new TestError.FAILED ("unknown custom id %s", result.custom_id);
        }
    }
    check_uint (seen, 7, "every custom id");
}

void test_run () throws GLib.Error {
    var client = make_client ();
    var job = client.create_batch_job (small_batch ());
    check (job.status == Mistral.BatchStatus.QUEUED, "queued");
    check_uint (job.total_requests, 3, "total");
    uint last = 0;
    var growing = true;
    job.notify["completed-requests"].connect (() => {
        growing = growing && job.completed_requests > last;
        last = job.completed_requests;
    });
    check (client.wait_batch_job (job, 30), "waited");
    check (job.status == Mistral.BatchStatus.SUCCESS, "success");
    check (growing, "progress grows");
    check_uint (last, 3, "progress ends at the total");
    check_results (client.get_batch_results (job));
}

async void test_file_async () throws GLib.Error {
    var client = make_client ();
    var job_request = small_batch ();
    job_request.input = Mistral.BatchInput.FILE;
    var job = yield client.create_batch_job_async (job_request, null);
    check_uint (job.input_files.length, 1, "one input file");
    check (yield client.wait_batch_job_async (job, 30, null), "waited");
    check_results (yield client.get_batch_results_async (job, null));
}

void test_invalid () throws GLib.Error {
    var job_request = small_batch ();
    job_request.timeout_hours = 200;
    try {
        make_client ().create_batch_job (job_request);
        throw new TestError.FAILED ("no error");
    } catch (Mistral.Error.INVALID_REQUEST e) {
    }
}

const string[] TEST_NAMES = {
    "run a small batch and read its results",
    "through a JSONL file, async",
    "an invalid job is refused",
};

async int run_tests () {
    int failures = 0;

    // Polls 10 ms apart, up to 40 ms, instead of 1 s up to 30 s.
    Environment.set_variable ("MISTRAL_BATCH_POLL_MS", "10,40", true);
    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_run (); break;
            case 1: yield test_file_async (); break;
            case 2: test_invalid (); break;
            default: assert_not_reached ();
            }
            print ("ok %d - %s\n", i + 1, TEST_NAMES[i]);
        } catch (GLib.Error e) {
            failures++;
            print ("not ok %d - %s\n# %s (%s %d)\n", i + 1, TEST_NAMES[i],
                   e.message, e.domain.to_string (), e.code);
        }
    }
    return failures;
}

int main (string[] args) {
    return run_with_server ((done) => run_tests.begin (done), (res) => run_tests.end (res));
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// FIM (code completion) as Vala sees it through the VAPI: property syntax
// and the exact JSON, blocking, `yield`ed and streamed completions through
// the chat response and stream classes, errors and cancellation.
//
// Run by meson (`meson test vala-fim`) with MISTRAL_MOCK_SERVER pointing at
// the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

const string PROMPT = "def add(a, b):\n    ";
const string SUFFIX = "\n\nprint(add(1, 2))\n";

Mistral.FimCompletionRequest make_fim_request () {
    return new Mistral.FimCompletionRequest ("codestral-latest", PROMPT, SUFFIX);
}

void check_completion (Mistral.ChatCompletionResponse response, string text,
                       Mistral.FinishReason finish_reason) throws GLib.Error {
    check_str (response.model, "codestral-latest", "model");
    check_uint (response.id.length, 32, "id");
    check_str (response.get_content (), text, "the completion");
    check_uint (response.choices.get_n_items (), 1, "one choice");
    var choice = (Mistral.ChatCompletionChoice) response.choices.get_item (0);
    check (choice.finish_reason == finish_reason, "finish reason");
    check_uint (response.usage.prompt_tokens, 5, "prompt_tokens");
}

void test_request () throws GLib.Error {
    var request = new Mistral.FimCompletionRequest ("codestral-latest", PROMPT, null) {
        max_tokens = 32,
        min_tokens = 4,
        temperature = 0.0,
        stop = { "\n\n" }
    };
    check (request.max_tokens_set && request.temperature_set, "the -set flags");
    check (!request.top_p_set, "top_p_set");
    check_str (request.to_json (),
               """{"model":"codestral-latest","prompt":"def add(a, b):\n    ","temperature":0.0,"max_tokens":32,"min_tokens":4,"stop":["\n\n"]}""",
               "the JSON");
    request.temperature = 3.0;
    try {
        request.to_json ();
        throw new TestError.FAILED ("temperature 3 accepted");
    } catch (Mistral.Error.INVALID_REQUEST e) {
    }
}

void test_blocking () throws GLib.Error {
    check_completion (make_client ().fim_completion (make_fim_request ()), "return a + b",
                      Mistral.FinishReason.STOP);
}

async void test_async () throws GLib.Error {
    var request = make_fim_request ();
    request.max_tokens = 2;
    var response = yield make_client ().fim_completion_async (request, null);
    check_completion (response, "return a", Mistral.FinishReason.LENGTH);
}

async void test_stream () throws GLib.Error {
    var stream = make_client ().fim_completion_stream (make_fim_request ());
    var texts = new GenericArray<string> ();
    stream.chunk.connect ((chunk) => {
        var delta = chunk.get_delta_message ();
        texts.add (delta != null ? (delta.content ?? "(null)") : "(none)");
    });
    var response = yield stream.run_async (null);
    check_str (string.joinv ("|", texts.data), "|return| a| +| b", "the chunks in order");
    check_completion (response, "return a + b", Mistral.FinishReason.STOP);
}

void test_errors () throws GLib.Error {
    var request = make_fim_request ();
    request.model = "mock-error-401";
    try {
        make_client ().fim_completion (request);
        throw new TestError.FAILED ("no error");
    } catch (Mistral.Error.UNAUTHORIZED e) {
    }

    var cancellable = new Cancellable ();
    cancellable.cancel ();
    try {
        make_client ().fim_completion (make_fim_request (), cancellable);
        throw new TestError.FAILED ("not cancelled");
    } catch (IOError.CANCELLED e) {
    }
}

const string[] TEST_NAMES = {
    "request: properties and the exact JSON",
    "blocking",
    "async, cut at max_tokens",
    "streamed: the chunks in order, and the reply",
    "errors and cancellation",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_request (); break;
            case 1: test_blocking (); break;
            case 2: yield test_async (); break;
            case 3: yield test_stream (); break;
            case 4: test_errors (); break;
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

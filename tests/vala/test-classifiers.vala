// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Moderation and classification as Vala sees them through the VAPI: a text
// moderated blocking and `yield`ed, its categories, flagged and scores, a
// conversation moderated, a classifier's categories, errors and cancellation.
//
// Run by meson (`meson test vala-classifiers`) with MISTRAL_MOCK_SERVER
// pointing at the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

const string MODEL = "mistral-moderation-latest";

void test_moderate () throws GLib.Error {
    var response = make_client ().moderate (MODEL, { "I will kill you", "Nice weather" });
    check_str (response.model, MODEL, "model");
    check_uint (response.id.length, 32, "id");
    check_uint (response.results.get_n_items (), 2, "two results");
    var first = (Mistral.ModerationResult) response.results.get_item (0);
    var second = (Mistral.ModerationResult) response.results.get_item (1);
    check_uint (first.get_categories ().length, 9, "every category");
    check (first.get_flagged ("violence_and_threats"), "violence flagged");
    check (first.get_score ("violence_and_threats") == 0.97, "violence score");
    check (!first.get_flagged ("sexual"), "sexual not flagged");
    check (first.flagged, "the flagged property");
    check (!second.flagged, "the second not flagged");
}

async void test_async () throws GLib.Error {
    var messages = new ListStore (typeof (Mistral.ChatMessage));
    messages.append (new Mistral.UserMessage ("I will kill the process"));
    var response = yield make_client ().moderate_chat_async (MODEL, messages, null);
    var result = (Mistral.ModerationResult) response.results.get_item (0);
    check (result.get_flagged ("violence_and_threats"), "conversation flagged");
}

void test_classify () throws GLib.Error {
    var response = make_client ().classify ("ft:classifier:abc", { "A bad day" });
    var result = (Mistral.ModerationResult) response.results.get_item (0);
    check_str (string.joinv ("|", result.get_categories ()), "sentiment/positive|sentiment/negative", "categories");
    check (result.get_score ("sentiment/negative") == 0.875, "score");
    check (!result.flagged, "never flagged");
}

void test_errors () throws GLib.Error {
    try {
        make_client ().moderate ("mock-error-401", { "x" });
        throw new TestError.FAILED ("no error");
    } catch (Mistral.Error.UNAUTHORIZED e) {
    }

    var cancellable = new Cancellable ();
    cancellable.cancel ();
    try {
        make_client ().moderate (MODEL, { "x" }, cancellable);
        throw new TestError.FAILED ("not cancelled");
    } catch (IOError.CANCELLED e) {
    }
}

const string[] TEST_NAMES = {
    "moderate: flagged and scores",
    "a conversation, async",
    "classify",
    "errors and cancellation",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_moderate (); break;
            case 1: yield test_async (); break;
            case 2: test_classify (); break;
            case 3: test_errors (); break;
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

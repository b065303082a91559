// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The embeddings API of mistral-glib as Vala sees it through the VAPI:
// property syntax and the exact JSON, blocking and `yield`ed calls, a
// vector read as a float[] (float and base64 alike), the bytes of an
// integer dtype, cosine similarity, errors and cancellation.
//
// Run by meson (`meson test vala-embeddings`) with MISTRAL_MOCK_SERVER
// pointing at the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

const string[] TEXTS = { "the cat sat", "the cat sat on the mat", "stocks fell today" };

Mistral.EmbeddingRequest make_embedding_request () {
    return new Mistral.EmbeddingRequest ("mistral-embed", TEXTS);
}

Mistral.Embedding item_at (Mistral.EmbeddingResponse response, uint position) {
    return (Mistral.Embedding) response.data.get_item (position);
}

void test_request () throws GLib.Error {
    var request = new Mistral.EmbeddingRequest ("mistral-embed", { "Hello" }) {
        output_dimension = 32,
        encoding_format = Mistral.EncodingFormat.BASE64
    };
    check (request.output_dimension_set, "output_dimension_set");
    check_str (request.to_json (),
               """{"model":"mistral-embed","input":["Hello"],"output_dimension":32,"encoding_format":"base64"}""",
               "the JSON");
}

void test_blocking () throws GLib.Error {
    var response = make_client ().embeddings (make_embedding_request ());
    check_str (response.model, "mistral-embed", "model");
    check_uint (response.data.get_n_items (), 3, "three embeddings");

    var first = item_at (response, 0);
    unowned float[] vector = first.get_vector ();
    check_uint (vector.length, 1024, "the vector's length");
    check_uint (first.dimension, 1024, "dimension");
    double norm = 0;
    foreach (float v in vector)
        norm += v * v;
    check (Math.fabs (norm - 1) < 1e-5, "unit length");

    double near = first.cosine_similarity (item_at (response, 1));
    double far = first.cosine_similarity (item_at (response, 2));
    check (near > far + 0.3, "similar texts are nearer");
}

async void test_async_base64 () throws GLib.Error {
    var client = make_client ();
    var request = make_embedding_request ();
    request.output_dimension = 16;
    var as_numbers = yield client.embeddings_async (request, null);
    request.encoding_format = Mistral.EncodingFormat.BASE64;
    var as_base64 = yield client.embeddings_async (request, null);
    unowned float[] a = item_at (as_numbers, 2).get_vector ();
    unowned float[] b = item_at (as_base64, 2).get_vector ();
    check_uint (a.length, 16, "16 values");
    check (Memory.cmp (a, b, a.length * sizeof (float)) == 0, "the same values");
}

void test_uint8 () throws GLib.Error {
    var request = make_embedding_request ();
    request.output_dimension = 8;
    request.output_dtype = Mistral.EmbeddingDtype.UINT8;
    var embedding = item_at (make_client ().embeddings (request), 0);
    unowned uint8[] bytes = embedding.get_bytes ().get_data ();
    unowned float[] vector = embedding.get_vector ();
    check_uint (bytes.length, 8, "eight bytes");
    for (int i = 0; i < 8; i++)
        check (vector[i] == bytes[i], "a byte's value");
}

void test_errors () throws GLib.Error {
    var request = make_embedding_request ();
    request.model = "mock-error-404";
    try {
        make_client ().embeddings (request);
        throw new TestError.FAILED ("no error");
    } catch (Mistral.Error.NOT_FOUND e) {
    }

    var cancellable = new Cancellable ();
    cancellable.cancel ();
    try {
        make_client ().embeddings (make_embedding_request (), cancellable);
        throw new TestError.FAILED ("not cancelled");
    } catch (IOError.CANCELLED e) {
    }
}

const string[] TEST_NAMES = {
    "request: properties and the exact JSON",
    "blocking: a vector is a float[]",
    "async: base64 gives the same values",
    "uint8: the bytes and the values agree",
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
            case 2: yield test_async_base64 (); break;
            case 3: test_uint8 (); break;
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
    Subprocess? server = null;
    int failures = -1;

    try {
        server = start_server (out base_url);
        var loop = new MainLoop ();
        run_tests.begin ((obj, res) => {
            failures = run_tests.end (res);
            loop.quit ();
        });
        loop.run ();
    } catch (GLib.Error e) {
        printerr ("Bail out! %s\n", e.message);
    } finally {
        if (server != null)
            stop_server (server);
    }
    return failures == 0 ? 0 : 1;
}

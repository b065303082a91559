// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// OCR as Vala sees it through the VAPI: a local file read blocking and
// `yield`ed, its pages, markdown, images (bytes) and header, errors and
// cancellation.
//
// Run by meson (`meson test vala-ocr`) with MISTRAL_MOCK_SERVER pointing at
// the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

const string MODEL = "mistral-ocr-latest";
// Two pages, split by a form feed (the mock server's convention).
const string TEXT = "ACME\n# Report\n[image]\nEnd\fACME\nSecond page";

File write_document () throws GLib.Error {
    FileIOStream stream;
    var file = File.new_tmp ("mistral-ocr-XXXXXX.txt", out stream);
    stream.output_stream.write_all (TEXT.data, null);
    stream.close ();
    return file;
}

void test_local_file () throws GLib.Error {
    var file = write_document ();
    try {
        var request = new Mistral.OcrRequest.for_file (MODEL, file);
        request.include_image_base64 = true;
        request.extract_header = true;
        var response = make_client ().ocr (request);
        check_uint (response.pages_processed, 2, "pages processed");
        check_uint (response.pages.get_n_items (), 2, "two pages");
        var first = (Mistral.OcrPage) response.pages.get_item (0);
        check_str (first.header, "ACME", "header");
        check_str (first.markdown, "# Report\n![img-0.jpeg](img-0.jpeg)\nEnd", "markdown");
        var image = (Mistral.OcrImage) first.images.get_item (0);
        check_str (image.id, "img-0.jpeg", "image id");
        check_uint (image.data.get_size (), 22, "image bytes");
        check_str (image.mime_type, "image/jpeg", "mime type");
        check_str (response.get_markdown (), "# Report\n![img-0.jpeg](img-0.jpeg)\nEnd\n\nSecond page", "joined");
    } finally {
        FileUtils.remove (file.get_path ());
    }
}

async void test_async () throws GLib.Error {
    var request = new Mistral.OcrRequest (MODEL);
    request.file_id = "7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11";
    request.pages = "1";
    var response = yield make_client ().ocr_async (request, null);
    check_uint (response.pages.get_n_items (), 1, "one page");
    check_uint (((Mistral.OcrPage) response.pages.get_item (0)).index, 1, "page 1");
}

void test_errors () throws GLib.Error {
    var request = new Mistral.OcrRequest (MODEL);
    try {
        make_client ().ocr (request);
        throw new TestError.FAILED ("no error");
    } catch (Mistral.Error.INVALID_REQUEST e) {
    }

    request.document_url = "https://example.com/a.pdf";
    var cancellable = new Cancellable ();
    cancellable.cancel ();
    try {
        make_client ().ocr (request, cancellable);
        throw new TestError.FAILED ("not cancelled");
    } catch (IOError.CANCELLED e) {
    }
}

const string[] TEST_NAMES = {
    "a local file: pages, images, markdown",
    "a file id, async",
    "errors and cancellation",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_local_file (); break;
            case 1: yield test_async (); break;
            case 2: test_errors (); break;
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

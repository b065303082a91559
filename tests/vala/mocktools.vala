// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// What the Vala binding tests share: tiny assertion helpers, starting and
// stopping the mock server, and a client for it. Compiled into each test
// program beside its test file (tests/meson.build).

errordomain TestError {
    FAILED
}

/* --- tiny assertion helpers ----------------------------------------------- */

void check (bool condition, string what) throws TestError {
    if (!condition)
        throw new TestError.FAILED ("assertion failed: %s", what);
}

void check_str (string? actual, string? expected, string what) throws TestError {
    if (actual != expected)
        throw new TestError.FAILED ("%s: expected '%s', got '%s'",
                                    what, expected ?? "(null)", actual ?? "(null)");
}

void check_uint (uint64 actual, uint64 expected, string what) throws TestError {
    if (actual != expected)
        throw new TestError.FAILED ("%s: expected %s, got %s",
                                    what, expected.to_string (), actual.to_string ());
}

/* --- the mock server ------------------------------------------------------ */

string base_url;

Subprocess start_server (out string url) throws GLib.Error {
    string? path = Environment.get_variable ("MISTRAL_MOCK_SERVER");
    if (path == null || path == "")
        throw new TestError.FAILED ("MISTRAL_MOCK_SERVER is not set");

    var proc = new Subprocess.newv ({ path }, SubprocessFlags.STDOUT_PIPE);
    try {
        var stdout_stream = new DataInputStream (proc.get_stdout_pipe ());
        string? line = stdout_stream.read_line_utf8 ();
        if (line == null || !(line.has_prefix ("http://") || line.has_prefix ("https://")))
            throw new TestError.FAILED ("the mock server printed '%s', not its URL", line ?? "");
        url = line.strip ();
        if (url.has_prefix ("https://"))
            trust_test_ca ();
    } catch (GLib.Error e) {
        stop_server (proc);
        throw e;
    }
    return proc;
}

// In front mode (MISTRAL_TEST_FRONT=h2 or https1) the server prints the
// https:// URL of an nginx whose certificate the test CA signed, having made
// the PKI in $MISTRAL_TEST_PKI first: trust that CA. Clients without a TLS
// database of their own use the backend's default.
void trust_test_ca () throws GLib.Error {
    string? pki = Environment.get_variable ("MISTRAL_TEST_PKI");
    if (pki == null || pki == "")
        throw new TestError.FAILED ("the mock server is behind a TLS front, but MISTRAL_TEST_PKI is not set");
    var database = TlsFileDatabase.new (Path.build_filename (pki, "ca.pem"));
    TlsBackend.get_default ().set_default_database (database);
}

void stop_server (Subprocess proc) {
    proc.send_signal (15 /* SIGTERM */);
    try {
        proc.wait ();
    } catch (GLib.Error e) {
        printerr ("# could not wait for the mock server: %s\n", e.message);
    }
}

/* --- the client ----------------------------------------------------------- */

Mistral.Client make_client () {
    return new Mistral.Client ("test-key") {
        base_url = base_url,
        max_retries = 0
    };
}


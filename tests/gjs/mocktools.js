// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// What the GJS binding tests share: a tiny assertion helper, a client and a
// request for the mock server, and runTests(), which starts the mock server,
// runs the tests on a main loop printing TAP, stops the server and exits.
//
// Not a test itself: test-chat.js and test-stream.js import it as
// './mocktools.js'. Meson runs them as `gjs -m tests/gjs/test-*.js`, and
// GJS resolves a relative import against the importing file, so this
// sibling module is found from any working directory.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';
import System from 'system';

// --- a tiny assertion helper ------------------------------------------------

export class AssertionError extends Error {
    name = 'AssertionError';
}

export function assert(condition, what) {
    if (!condition)
        throw new AssertionError(`assertion failed: ${what}`);
}

export function assertEqual(actual, expected, what) {
    if (actual !== expected) {
        throw new AssertionError(
            `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

export function assertDeepEqual(actual, expected, what) {
    assertEqual(JSON.stringify(actual), JSON.stringify(expected), what);
}

export function assertThrowsGError(func, domain, code, what) {
    try {
        func();
    } catch (e) {
        assertGError(e, domain, code, what);
        return e;
    }
    throw new AssertionError(`${what}: nothing was thrown`);
}

export async function assertRejectsGError(promise, domain, code, what) {
    try {
        await promise;
    } catch (e) {
        assertGError(e, domain, code, what);
        return e;
    }
    throw new AssertionError(`${what}: the promise did not reject`);
}

export function assertGError(e, domain, code, what) {
    if (!(e instanceof GLib.Error))
        throw new AssertionError(`${what}: expected a GLib.Error, got ${e}`);
    assert(e.matches(domain, code),
        `${what}: expected ${GLib.quark_to_string(domain)} ${code}, ` +
        `got ${GLib.quark_to_string(e.domain)} ${e.code}: ${e.message}`);
}

// --- the mock server --------------------------------------------------------

// Set by runTests() once the server has printed its URL.
let baseUrl = null;

function startServer() {
    const path = GLib.getenv('MISTRAL_MOCK_SERVER');
    if (!path)
        throw new Error('MISTRAL_MOCK_SERVER is not set');
    const proc = Gio.Subprocess.new([path], Gio.SubprocessFlags.STDOUT_PIPE);
    try {
        const stdout = new Gio.DataInputStream({base_stream: proc.get_stdout_pipe()});
        const [line] = stdout.read_line_utf8(null);
        if (!line || !(line.startsWith('http://') || line.startsWith('https://')))
            throw new Error(`the mock server printed ${line}, not its URL`);
        if (line.startsWith('https://'))
            trustTestCa();
        return [proc, line.trim()];
    } catch (e) {
        stopServer(proc);
        throw e;
    }
}

// In front mode (MISTRAL_TEST_FRONT=h2 or https1) the server prints the
// https:// URL of an nginx whose certificate the test CA signed, having made
// the PKI in $MISTRAL_TEST_PKI first: trust that CA. Clients without a TLS
// database of their own use the backend's default.
function trustTestCa() {
    const pki = GLib.getenv('MISTRAL_TEST_PKI');
    if (!pki)
        throw new Error('the mock server is behind a TLS front, but MISTRAL_TEST_PKI is not set');
    const database = Gio.TlsFileDatabase.new(GLib.build_filenamev([pki, 'ca.pem']));
    Gio.TlsBackend.get_default().set_default_database(database);
}

function stopServer(proc) {
    proc.send_signal(15 /* SIGTERM */);
    proc.wait(null);
}

export function makeClient() {
    return new Mistral.Client({api_key: 'test-key', base_url: baseUrl, max_retries: 0});
}

export function makeRequest(props = {}, text = 'Hi') {
    const request = new Mistral.ChatCompletionRequest({model: 'mistral-small-latest', ...props});
    request.add_message(Mistral.UserMessage.new(text));
    return request;
}

// --- the runner -------------------------------------------------------------

// Why a test that uploads is skipped through the HTTP/2 front (as the C
// tests' TEST_FRONT_H2_UPLOAD in tests/test-utils.h says).
export const FRONT_H2_UPLOAD = "an upload through nginx's HTTP/2 front races libsoup 3.2 (its reply can come before libsoup has read the end of the body stream: 'Unexpected state changed WRITE_DATA -> READ_DATA_START'); it runs without a front and through HTTP/1.1";

async function runAll(tests) {
    const names = Object.keys(tests);
    let failures = 0;

    print(`1..${names.length}`);
    for (const [i, name] of names.entries()) {
        try {
            // eslint-disable-next-line no-await-in-loop
            const skip = await tests[name]();
            // A test returns a reason to be skipped, printed as TAP says.
            print(typeof skip === 'string' ? `ok ${i + 1} - ${name} # SKIP ${skip}` : `ok ${i + 1} - ${name}`);
        } catch (e) {
            failures++;
            print(`not ok ${i + 1} - ${name}`);
            for (const line of `${e}\n${e.stack ?? ''}`.trimEnd().split('\n'))
                print(`# ${line}`);
        }
    }
    return failures;
}

// Starts the mock server, runs @tests (an object of name: function, each
// possibly async) in order on a main loop printing TAP, stops the server and
// exits: 0 if every test passed, 1 otherwise. Does not return.
export function runTests(tests) {
    let exitCode = 1;
    let server = null;
    try {
        [server, baseUrl] = startServer();
        const loop = new GLib.MainLoop(null, false);
        runAll(tests).then(failures => {
            exitCode = failures === 0 ? 0 : 1;
        }).catch(e => {
            printerr(`Bail out! ${e}`);
        }).finally(() => loop.quit());
        loop.run();
    } catch (e) {
        printerr(`Bail out! ${e}`);
    } finally {
        if (server)
            stopServer(server);
    }
    System.exit(exitCode);
}

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The reply cache as Vala sees it through the VAPI: a cache written in
// Vala (a class implementing Mistral.Cache) used by a client, blocking and
// `yield`ed, a cached stream replayed through the `chunk` signal, and
// Mistral.FileCache. A hit needs no network: the client is then pointed at
// a closed port, where any request would fail.
//
// Run by meson (`meson test vala-cache`); prints TAP.

class MemoryCache : Object, Mistral.Cache {
    public HashTable<string, Bytes> entries = new HashTable<string, Bytes> (str_hash, str_equal);
    public uint n_lookups = 0;
    public uint n_stores = 0;

    public Bytes? lookup (string key) throws GLib.Error {
        n_lookups++;
        return entries.lookup (key);
    }

    public bool store (string key, Bytes body) throws GLib.Error {
        n_stores++;
        entries.insert (key, body);
        return true;
    }
}

string closed_port_url () throws GLib.Error {
    var listener = new SocketListener ();
    var port = listener.add_any_inet_port (null);
    listener.close ();
    return "http://127.0.0.1:%u".printf (port);
}

Mistral.ChatCompletionRequest hello (bool stream = false) {
    var request = new Mistral.ChatCompletionRequest ("mistral-small-latest");
    request.add_message (new Mistral.UserMessage ("Hello"));
    request.stream = stream;
    return request;
}

async void test_vala_cache () throws GLib.Error {
    var client = make_client ();
    var cache = new MemoryCache ();
    client.cache = cache;
    check (client.cache == cache, "the cache property");

    var live = client.chat_completion (hello ());
    check_uint (cache.n_lookups, 1, "one lookup");
    check_uint (cache.n_stores, 1, "one store");
    foreach (var key in cache.entries.get_keys ())
        check (Regex.match_simple ("^[0-9a-f]{64}$", key), "a hex SHA-256 key");

    client.base_url = closed_port_url ();
    var blocking = client.chat_completion (hello ());
    var yielded = yield client.chat_completion_async (hello (), null);
    check_str (blocking.id, live.id, "blocking hit");
    check_str (yielded.id, live.id, "async hit");
    check_uint (cache.n_stores, 1, "stored once");

    try {
        var request = hello ();
        request.add_message (new Mistral.UserMessage ("again"));
        client.chat_completion (request);
        throw new TestError.FAILED ("a miss should have gone to the closed port");
    } catch (Mistral.Error e) {
        check (e is Mistral.Error.NETWORK, "a network error");
    }
}

async string run_stream (Mistral.Client client) throws GLib.Error {
    var stream = client.chat_completion_stream (hello (true));
    var log = new StringBuilder ();
    stream.chunk.connect ((chunk) => {
        log.append_printf ("%s|%s|%s\n", chunk.id, chunk.get_delta_message ().content ?? "",
                           chunk.is_last_chunk ? "last" : "");
    });
    var response = yield stream.run_async (null);
    log.append (response.get_assistant_message ().content);
    return log.str;
}

async void test_stream () throws GLib.Error {
    var client = make_client ();
    client.cache = new MemoryCache ();
    var live = yield run_stream (client);
    check (live.split ("\n").length > 3, "several chunks");
    client.base_url = closed_port_url ();
    check_str (yield run_stream (client), live, "the same chunks and result");
}

void test_file_cache () throws GLib.Error {
    var dir = DirUtils.make_tmp ("mistral-vala-cache-XXXXXX");
    var directory = File.new_build_filename (dir, "replies");
    var client = make_client ();
    client.cache = new Mistral.FileCache (directory);

    var live = client.chat_completion (hello ());
    client.base_url = closed_port_url ();
    var cached = client.chat_completion (hello ());
    check_str (cached.id, live.id, "the same reply");
    try {
        client.list_models_full ("mistralai", "mistral-embed");
        throw new TestError.FAILED ("models calls should never come from the cache");
    } catch (Mistral.Error e) {
        check (e is Mistral.Error.NETWORK, "a network error");
    }

    var children = directory.enumerate_children ("standard::name", FileQueryInfoFlags.NONE);
    FileInfo? info;
    uint n = 0;
    while ((info = children.next_file ()) != null) {
        check (Regex.match_simple ("^[0-9a-f]{64}$", info.get_name ()), "an entry named by its key");
        directory.get_child (info.get_name ()).delete ();
        n++;
    }
    check_uint (n, 1, "one entry");
    directory.delete ();
    File.new_for_path (dir).delete ();
}

const string[] TEST_NAMES = {
    "a Vala cache, blocking and async",
    "a cached stream, replayed",
    "Mistral.FileCache",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: yield test_vala_cache (); break;
            case 1: yield test_stream (); break;
            case 2: test_file_cache (); break;
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

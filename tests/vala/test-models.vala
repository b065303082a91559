// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The Models area of mistral-glib as Vala sees it through the VAPI: model
// cards and their capability flags, list, get, delete and search (blocking
// and `yield`ed), errors caught by code, and Mistral.ModelList as a
// GLib.ListModel with its items-changed, loading and error.
//
// Run by meson (`meson test vala-models`) with MISTRAL_MOCK_SERVER pointing
// at the mock server, which this program starts and stops itself
// (mocktools.vala). Prints TAP; exits non-zero if any test fails.

const string FT_ID = "ft:open-mistral-7b:587a6b29:20240514:7e773925";

string ids (ListModel models) {
    var builder = new StringBuilder ();
    for (uint i = 0; i < models.get_n_items (); i++) {
        var card = models.get_item (i) as Mistral.ModelCard;
        builder.append_printf ("%s%s", i > 0 ? " " : "", card.id);
    }
    return builder.str;
}

const string ALL_IDS = "mistral-small-2506 codestral-2508 magistral-medium-2509 mistral-embed "
                       + "mistral-moderation-2411 open-mistral-7b " + FT_ID;

void check_small (Mistral.ModelCard card) throws GLib.Error {
    check_str (card.id, "mistral-small-2506", "id");
    check_str (card.name, "mistral-small-2506", "name");
    check_str (card.owned_by, "mistralai", "owned_by");
    check (card.created != null && card.created.to_unix () == 1750204800, "created");
    check_str (card.model_type, "base", "model_type");
    check_uint (card.max_context_length, 131072, "max_context_length");
    check (card.aliases.length == 1 && card.aliases[0] == "mistral-small-latest", "aliases");
    check (card.deprecation == null, "no deprecation");
    check (card.default_model_temperature_set, "default_model_temperature_set");
    check (card.capabilities == (Mistral.ModelCapabilities.COMPLETION_CHAT | Mistral.ModelCapabilities.FUNCTION_CALLING
                                 | Mistral.ModelCapabilities.FINE_TUNING | Mistral.ModelCapabilities.VISION),
           "capabilities");
    check (Mistral.ModelCapabilities.VISION in card.capabilities, "VISION in capabilities");
    check (card.has_capabilities (Mistral.ModelCapabilities.VISION | Mistral.ModelCapabilities.COMPLETION_CHAT),
           "has vision and chat");
    check (!card.has_capabilities (Mistral.ModelCapabilities.REASONING), "no reasoning");
}

void test_list_blocking () throws GLib.Error {
    var models = make_client ().list_models ();
    check_str (ids (models), ALL_IDS, "ids");
    check_small (models.get_item (0) as Mistral.ModelCard);
    var old = models.get_item (5) as Mistral.ModelCard;
    check (old.deprecation.to_unix () == 1743336000, "deprecation");
    check_str (old.deprecation_replacement_model, "ministral-8b-latest", "replacement");
}

async void test_async_calls () throws GLib.Error {
    var client = make_client ();
    check_str (ids (yield client.list_models_async ()), ALL_IDS, "list");
    var card = yield client.get_model_async (FT_ID);
    check_str (card.model_type, "fine-tuned", "model_type");
    check_str (card.root, "open-mistral-7b", "root");
    check_str (card.job, "7e773925-4a8c-4a0e-9d7d-3c2e1f0a9b8c", "job");
    check (card.aliases.length == 0, "no aliases");
    check (yield client.delete_model_async (FT_ID), "deleted");
    check_str (ids (yield client.search_models_async (Mistral.ModelCapabilities.COMPLETION_FIM)),
               "codestral-2508", "search");
}

void test_errors () throws GLib.Error {
    var client = make_client ();
    try {
        client.get_model ("no-such-model");
        throw new TestError.FAILED ("no error for an unknown model");
    } catch (Mistral.Error.NOT_FOUND e) {
        check (e.message.contains ("Model not found: no-such-model"), "the API's message: " + e.message);
    }
    try {
        client.delete_model ("mistral-small-2506");
        throw new TestError.FAILED ("a base model was deleted");
    } catch (Mistral.Error.INVALID_REQUEST e) {
    }
    check_str (ids (client.search_models (Mistral.ModelCapabilities.MODERATION | Mistral.ModelCapabilities.VISION)),
               "", "nothing has both");
}

async void wait_loaded (Mistral.ModelList models) {
    while (models.loading) {
        ulong id = models.notify["loading"].connect (() => wait_loaded.callback ());
        yield;
        models.disconnect (id);
    }
}

async void test_model_list () throws GLib.Error {
    var client = make_client ();
    var good = client.base_url;
    client.base_url = "http://127.0.0.1:1";
    var models = new Mistral.ModelList (client, Mistral.ModelCapabilities.VISION);
    var log = new StringBuilder ();
    models.items_changed.connect ((position, removed, added) => {
        log.append_printf ("items-changed %u %u %u;", position, removed, added);
    });
    models.notify["loading"].connect (() => log.append_printf ("loading %s;", models.loading.to_string ()));
    models.notify["error"].connect (() => log.append_printf ("error %s;", models.error != null ? "set" : "none"));

    check (models.loading, "loading at first");
    yield wait_loaded (models);
    check_str (log.str, "error set;loading false;", "a failed load");
    check (models.error is Mistral.Error.NETWORK, "a network error");

    log.truncate ();
    client.base_url = good;
    models.reload ();
    yield wait_loaded (models);
    check_str (log.str, "error none;loading true;items-changed 0 0 2;loading false;", "a good load");
    check_str (ids (models), "mistral-small-2506 magistral-medium-2509", "ids");

    log.truncate ();
    models.capabilities = Mistral.ModelCapabilities.NONE;
    check_str (log.str, "items-changed 0 2 7;", "refiltered");
    check_uint (models.get_n_items (), 7, "every model");
    check (models.get_item_type () == typeof (Mistral.ModelCard), "item type");
}

const string[] TEST_NAMES = {
    "list: blocking",
    "async: list, get, delete, search",
    "errors: caught by code",
    "model list: an error, then a load, then a filter",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_list_blocking (); break;
            case 1: yield test_async_calls (); break;
            case 2: test_errors (); break;
            case 3: yield test_model_list (); break;
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

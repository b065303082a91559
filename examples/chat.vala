// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Sends one chat completion and prints the reply.
//
//   MISTRAL_API_KEY=... ./chat "Why is the sky blue?"
//
// MISTRAL_BASE_URL, when set, points the client at another server (such as
// the mock server of the test suite).

async int main (string[] args) {
    string prompt = args.length > 1 ? args[1] : "Hello!";

    // The API key and base URL come from MISTRAL_API_KEY and MISTRAL_BASE_URL.
    var client = new Mistral.Client.from_environment ();

    // A conversation: a system prompt, then the user's question.
    var request = new Mistral.ChatCompletionRequest ("mistral-small-latest");
    request.add_message (new Mistral.SystemMessage ("You are a helpful assistant. Be concise."));
    request.add_message (new Mistral.UserMessage (prompt));

    try {
        // `async main` runs a main loop while the request is under way.
        var response = yield client.chat_completion_async (request, null);
        print ("%s\n", response.get_assistant_message ().get_content ());
    } catch (Mistral.Error.UNAUTHORIZED e) {
        printerr ("Check MISTRAL_API_KEY: %s\n", e.message);
        return 1;
    } catch (GLib.Error e) {
        printerr ("%s\n", e.message);
        return 1;
    }
    return 0;
}

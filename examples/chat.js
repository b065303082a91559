// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Sends one chat completion and prints the reply.
//
//   MISTRAL_API_KEY=... gjs -m chat.js "Why is the sky blue?"
//
// MISTRAL_BASE_URL, when set, points the client at another server (such as
// the mock server of the test suite).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';
import System from 'system';

// Lets `await client.chat_completion_async(...)` return a Promise.
Gio._promisify(Mistral.Client.prototype, 'chat_completion_async', 'chat_completion_finish');

async function main(args) {
    const prompt = args[0] ?? 'Hello!';

    // The API key and base URL come from MISTRAL_API_KEY and MISTRAL_BASE_URL.
    const client = Mistral.Client.new_from_environment();

    // A conversation: a system prompt, then the user's question.
    const request = new Mistral.ChatCompletionRequest({model: 'mistral-small-latest'});
    request.add_message(Mistral.SystemMessage.new('You are a helpful assistant. Be concise.'));
    request.add_message(Mistral.UserMessage.new(prompt));

    const response = await client.chat_completion_async(request, null);
    print(response.get_assistant_message().get_content());
}

// The async call needs a running main loop.
const loop = new GLib.MainLoop(null, false);
let status = 0;
main(System.programArgs).catch(error => {
    // HTTP failures are GLib.Errors in the Mistral.Error domain,
    // e.g. error.matches(Mistral.Error, Mistral.Error.UNAUTHORIZED).
    printerr(`chat.js: ${error.message}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
System.exit(status);

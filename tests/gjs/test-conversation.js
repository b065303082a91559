// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// MistralConversation and MistralFunctionTool as GJS sees them: a tool
// defined in JavaScript (a "call" handler, and a subclass overriding the
// call class handler) runs in a conversation against the mock server,
// which calls the first tool for a user message and repeats its result.
//
// Run by meson (`meson test gjs-conversation`) as `gjs -m`, with the
// typelib and the mock server in the environment. Prints TAP.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Mistral from 'gi://Mistral?version=1.0';

import {assert, assertDeepEqual, assertEqual, assertRejectsGError, makeClient, runTests} from './mocktools.js';

Gio._promisify(Mistral.Conversation.prototype, 'send_async', 'send_finish');

const SCHEMA = '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}';

// A subclass answering through the class handler of "call". GJS 1.74
// cannot override invoke_async ("VFunc invoke_async accepts another
// callback as a parameter. This is not supported"): a GJS tool answers
// through "call", synchronously.
const Weather = GObject.registerClass(
class Weather extends Mistral.FunctionTool {
    constructor() {
        super({name: 'get_weather', description: 'The weather now'});
        this.get_definition().set_parameters_from_string(SCHEMA);
    }

    vfunc_call(args) {
        return JSON.stringify({city: args.get_string_member('city'), sky: 'clear'});
    }
});

const tests = {
    async 'a turn: items and content as the reply streams'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        const changes = [];
        const texts = [];
        conversation.connect('items-changed', (model, position, removed, added) => {
            changes.push([position, removed, added]);
            for (let i = position; i < position + added; i++) {
                const item = model.get_item(i);
                if (item instanceof Mistral.AssistantMessage)
                    item.connect('notify::content', message => texts.push(message.content));
            }
        });
        const reply = await conversation.send_async('Hello there', null);
        assertEqual(reply.content, 'Echo: Hello there', 'the reply');
        assertDeepEqual(changes, [[0, 0, 1], [1, 0, 1]], 'items-changed');
        assertDeepEqual(texts, ['Echo:', 'Echo: Hello', 'Echo: Hello there'], 'notify::content');
        assertEqual(conversation.busy, false, 'busy');
        const loaded = Mistral.Conversation.new_from_json(conversation.to_json());
        assertEqual(loaded.get_n_items(), 2, 'loaded');
    },

    async 'a tool with a call handler'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        const tool = Mistral.FunctionTool.new('get_weather', 'The weather now', SCHEMA);
        const cities = [];
        tool.connect('call', (self, args) => {
            cities.push(args.get_string_member('city'));
            return JSON.stringify({temperature: 21});
        });
        conversation.add_tool(tool);
        const reply = await conversation.send_async('Weather in Lyon?', null);
        assertDeepEqual(cities, ['test'], 'the arguments');
        assertEqual(reply.content, 'Tool said: {"temperature":21}', 'the reply');
        assertEqual(conversation.get_n_items(), 4, 'user, call, result, reply');
        assert(conversation.get_item(2) instanceof Mistral.ToolMessage, 'a tool message');
    },

    async 'a subclass overriding the call handler, and a denial'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        conversation.add_tool(new Weather());
        let reply = await conversation.send_async('Weather?', null);
        assertEqual(reply.content, 'Tool said: {"city":"test","sky":"clear"}', 'the class handler');

        conversation.connect('approve-tool-call', (self, approval) => {
            GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
                approval.deny('Not now.');
                return GLib.SOURCE_REMOVE;
            });
            return true;
        });
        reply = await conversation.send_async('And now?', null);
        assertEqual(reply.content, 'Tool said: Not now.', 'the denial');
    },

    async 'cancel'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mock-stream-slow-300');
        const cancellable = new Gio.Cancellable();
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 200, () => {
            cancellable.cancel();
            return GLib.SOURCE_REMOVE;
        });
        await assertRejectsGError(conversation.send_async('Slowly', cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'cancelled');
        assertEqual(conversation.busy, false, 'busy');
        assertEqual(conversation.get_n_items(), 1, 'the user message only');
    },
};

runTests(tests);

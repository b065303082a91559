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
// through "call", synchronously, or through "call-async", later.
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

// A subclass answering later through the class handler of "call-async":
// GJS can override it (it takes no callback), and answers from the main loop.
const LaterWeather = GObject.registerClass(
class LaterWeather extends Mistral.FunctionTool {
    constructor() {
        super({name: 'get_weather', description: 'The weather, after a while'});
        this.get_definition().set_parameters_from_string(SCHEMA);
    }

    vfunc_call_async(invocation) {
        const city = invocation.get_arguments_object().get_string_member('city');
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 50, () => {
            invocation.return_value(JSON.stringify({city, sky: 'cloudy'}));
            return GLib.SOURCE_REMOVE;
        });
        return true;
    }
});

const tests = {
    async 'a tool answering later through call-async'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        const tool = Mistral.FunctionTool.new('get_weather', 'The weather now', SCHEMA);
        const seen = [];
        tool.connect('call-async', (self, invocation) => {
            seen.push(invocation.arguments);
            // Answered after the main loop ran, without blocking it.
            GLib.timeout_add(GLib.PRIORITY_DEFAULT, 50, () => {
                invocation.return_value(JSON.stringify({temperature: 12}));
                return GLib.SOURCE_REMOVE;
            });
            return true;
        });
        tool.connect('call', () => {
            throw new Error('call must not run');
        });
        conversation.add_tool(tool);
        let reply = await conversation.send_async('Weather in Lyon?', null);
        assertDeepEqual(seen, ['{"city":"test"}'], 'the arguments');
        assertEqual(reply.content, 'Tool said: {"temperature":12}', 'the reply');

        // The class handler, overridden in a subclass.
        const other = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        other.add_tool(new LaterWeather());
        reply = await other.send_async('Weather?', null);
        assertEqual(reply.content, 'Tool said: {"city":"test","sky":"cloudy"}', 'the class handler');

        // An error answered later is the tool message.
        const failing = Mistral.FunctionTool.new('get_weather', null, SCHEMA);
        failing.connect('call-async', (self, invocation) => {
            GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
                invocation.return_error(new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND, 'No such city'));
                return GLib.SOURCE_REMOVE;
            });
            return true;
        });
        const third = Mistral.Conversation.new(makeClient(), 'mistral-small-latest');
        third.add_tool(failing);
        reply = await third.send_async('Weather?', null);
        assertEqual(reply.content, 'Tool said: Error: No such city', 'the error');
    },

    async 'live thinking'() {
        const conversation = Mistral.Conversation.new(makeClient(), 'mock-thinking');
        const thoughts = [];
        conversation.connect('items-changed', (model, position, removed, added) => {
            for (let i = position; i < position + added; i++) {
                const item = model.get_item(i);
                if (item instanceof Mistral.AssistantMessage)
                    item.connect('notify::thinking', message => thoughts.push(message.thinking));
            }
        });
        const reply = await conversation.send_async('Hello there', null);
        assertDeepEqual(thoughts, ['Let', 'Let me', 'Let me think.', 'Let me think.'], 'notify::thinking');
        assertEqual(reply.thinking, 'Let me think.', 'the thinking');
    },

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

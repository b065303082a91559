// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The chat API of mistral-glib as GJS sees it through the typelib:
// property construction, blocking and promisified async calls, a tool-call
// round trip, JSON schema output, errors and cancellation.
//
// Run by meson (`meson test gjs-chat`) as `gjs -m test-chat.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build and
// MISTRAL_MOCK_SERVER at the mock server, which this script starts and stops.
// Prints TAP; exits non-zero if any test fails.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Json from 'gi://Json?version=1.0';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertRejectsGError, assertThrowsGError,
    makeClient, makeRequest, runTests,
} from './mocktools.js';

Gio._promisify(Mistral.Client.prototype, 'chat_completion_async', 'chat_completion_finish');

const WEATHER_PARAMETERS =
    '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}';
const PERSON_SCHEMA =
    '{"type":"object","properties":{"name":{"type":"string"},' +
    '"adult":{"type":"boolean"}},"required":["name","adult"]}';

function checkEchoResponse(response) {
    assert(response instanceof Mistral.ChatCompletionResponse, 'a ChatCompletionResponse');
    assertEqual(response.get_assistant_message().get_content(), 'Echo: Hi', 'reply');
    assertEqual(response.model, 'mistral-small-latest', 'model');
    assertEqual(response.object, 'chat.completion', 'object');
    assert(response.id.length > 0, 'an id');

    const choices = response.choices;
    assert(choices instanceof Gio.ListModel, 'choices is a Gio.ListModel');
    assertEqual(choices.get_n_items(), 1, 'number of choices');
    const choice = choices.get_item(0);
    assert(choice instanceof Mistral.ChatCompletionChoice, 'a ChatCompletionChoice');
    assertEqual(choice.index, 0, 'choice index');
    assertEqual(choice.finish_reason, Mistral.FinishReason.STOP, 'finish_reason');
    assert(choice.message instanceof Mistral.AssistantMessage, 'an AssistantMessage');
    assertEqual(choice.message.role, Mistral.Role.ASSISTANT, 'role');
    assertEqual(choice.message.content, 'Echo: Hi', 'content property');
    assertEqual(choice.message.tool_calls.get_n_items(), 0, 'no tool calls');

    const usage = response.usage;
    assert(usage instanceof Mistral.UsageInfo, 'a UsageInfo');
    assert(usage.total_tokens > 0, 'total_tokens > 0');
    assertEqual(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, 'total_tokens');

    assert(response.latency > 0, `latency > 0 (${response.latency})`);
    assert(response.latency < 10 * GLib.USEC_PER_SEC, 'latency < 10 s');
    assertEqual(response.get_latency(), response.latency, 'get_latency()');

    const created = response.created;
    assert(created instanceof GLib.DateTime, 'created is a GLib.DateTime');
    const now = GLib.DateTime.new_now_utc();
    assert(Math.abs(now.difference(created)) < 60 * GLib.USEC_PER_SEC, 'created is about now');
}

const tests = {
    'request: construction with properties'() {
        const request = new Mistral.ChatCompletionRequest({model: 'm', temperature: 0.5});
        assertEqual(request.model, 'm', 'model');
        assert(Math.abs(request.temperature - 0.5) < 1e-9, 'temperature');
        assertEqual(request.temperature_set, true, 'temperature_set');
        assertEqual(request.top_p_set, false, 'top_p_set');
        assertEqual(request.max_tokens_set, false, 'max_tokens_set');

        request.add_message(Mistral.UserMessage.new('Hi'));
        assertEqual(request.messages.get_n_items(), 1, 'messages');
        assert(request.messages.get_item(0) instanceof Mistral.UserMessage, 'a UserMessage');
        assertEqual(request.to_json(),
            '{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.5}',
            'to_json()');
    },

    'request: unsetting an option'() {
        const request = makeRequest({model: 'm', temperature: 0.5});
        request.temperature_set = false;
        assertEqual(request.to_json(), '{"model":"m","messages":[{"role":"user","content":"Hi"}]}',
            'to_json()');
    },

    'chat: blocking'() {
        checkEchoResponse(makeClient().chat_completion(makeRequest(), null));
    },

    async 'chat: async (promisified)'() {
        const response = await makeClient().chat_completion_async(makeRequest(), null);
        checkEchoResponse(response);
    },

    'chat: several choices'() {
        const response = makeClient().chat_completion(makeRequest({n: 2}), null);
        const choices = response.choices;
        assertEqual(choices.get_n_items(), 2, 'number of choices');
        assertEqual(choices.get_item(0).message.content, 'Echo (0): Hi', 'first choice');
        assertEqual(choices.get_item(1).message.content, 'Echo (1): Hi', 'second choice');
        assertEqual(choices.get_item(1).index, 1, 'second index');
    },

    async 'chat: tool-call round trip'() {
        const client = makeClient();
        const tool = Mistral.Tool.new_from_string('get_weather', 'The weather in a city',
            WEATHER_PARAMETERS);
        assertEqual(tool.name, 'get_weather', 'tool name');
        assert(tool.parameters instanceof Json.Node, 'parameters is a Json.Node');

        const request = makeRequest({}, 'What is the weather in Paris?');
        request.set_tools([tool]);
        assertEqual(request.tools.get_n_items(), 1, 'tools');
        assert(request.tools.get_item(0) === tool, 'the same tool');

        let response = await client.chat_completion_async(request, null);
        assertEqual(response.choices.get_item(0).finish_reason, Mistral.FinishReason.TOOL_CALLS,
            'finish_reason');
        const assistant = response.get_assistant_message();
        const calls = assistant.get_tool_calls();
        assert(calls instanceof Gio.ListModel, 'tool_calls is a Gio.ListModel');
        assertEqual(calls.get_n_items(), 1, 'number of tool calls');
        const call = calls.get_item(0);
        assert(call instanceof Mistral.ToolCall, 'a ToolCall');
        assertEqual(call.function_name, 'get_weather', 'function name');
        assert(/^[A-Za-z0-9]{9}$/.test(call.id), `9-character id (${call.id})`);
        assertDeepEqual(JSON.parse(call.arguments), {city: 'test'}, 'arguments');

        const args = call.parse_arguments();
        assert(args instanceof Json.Node, 'parse_arguments() gives a Json.Node');
        assertEqual(args.get_node_type(), Json.NodeType.OBJECT, 'an object node');
        assertEqual(args.get_object().get_string_member('city'), 'test', 'city');

        request.add_message(assistant);
        request.add_message(Mistral.ToolMessage.new(call.id, call.function_name, 'Sunny, 24 °C'));
        const body = JSON.parse(request.to_json());
        assertEqual(body.messages[1].tool_calls[0].id, call.id, 'assistant tool call id in body');
        assertEqual(body.messages[2].role, 'tool', 'tool role in body');
        assertEqual(body.messages[2].tool_call_id, call.id, 'tool_call_id in body');
        assertEqual(body.messages[2].name, 'get_weather', 'name in body');

        response = await client.chat_completion_async(request, null);
        assertEqual(response.get_assistant_message().get_content(), 'Tool said: Sunny, 24 °C',
            'reply to the tool result');
        assertEqual(response.choices.get_item(0).finish_reason, Mistral.FinishReason.STOP,
            'finish_reason');
    },

    'chat: JSON schema output'() {
        const request = makeRequest({}, 'Who are you?');
        assertEqual(request.set_response_json_schema_from_string('person', PERSON_SCHEMA, true),
            true, 'set_response_json_schema_from_string()');
        const format = request.response_format;
        assertEqual(format.format_type, Mistral.ResponseFormatType.JSON_SCHEMA, 'format type');
        assertEqual(format.name, 'person', 'format name');
        assertDeepEqual(JSON.parse(request.to_json()).response_format, {
            type: 'json_schema',
            json_schema: {name: 'person', schema: JSON.parse(PERSON_SCHEMA), strict: true},
        }, 'response_format in body');

        const response = makeClient().chat_completion(request, null);
        assertDeepEqual(JSON.parse(response.get_assistant_message().get_content()),
            {name: 'example', adult: true}, 'structured reply');
    },

    'chat: the newer fields'() {
        const request = makeRequest({}, 'Hi');
        request.reasoning_effort = Mistral.ReasoningEffort.MEDIUM;
        request.prompt_cache_key = 'conversation-7';
        request.prediction = 'Echo: Hi';
        request.guardrails = Json.from_string('[{"block_on_error": false}]');
        assertEqual(request.reasoning_effort_set, true, 'reasoning-effort-set');
        const body = JSON.parse(request.to_json());
        assertEqual(body.reasoning_effort, 'medium', 'reasoning_effort in body');
        assertEqual(body.prompt_cache_key, 'conversation-7', 'prompt_cache_key in body');
        assertDeepEqual(body.prediction, {type: 'content', content: 'Echo: Hi'}, 'prediction in body');
        assertDeepEqual(body.guardrails, [{block_on_error: false}], 'guardrails in body');
        checkEchoResponse(makeClient().chat_completion(request, null));
    },

    'error: HTTP 401 (blocking)'() {
        const e = assertThrowsGError(
            () => makeClient().chat_completion(makeRequest({model: 'mock-error-401'}), null),
            Mistral.Error, Mistral.Error.UNAUTHORIZED, 'mock-error-401');
        assertEqual(e.message, 'Unauthorized (HTTP 401)', 'message');
    },

    async 'error: HTTP 401 (async)'() {
        const e = await assertRejectsGError(
            makeClient().chat_completion_async(makeRequest({model: 'mock-error-401'}), null),
            Mistral.Error, Mistral.Error.UNAUTHORIZED, 'mock-error-401');
        assertEqual(e.message, 'Unauthorized (HTTP 401)', 'message');
    },

    'error: HTTP 429'() {
        const e = assertThrowsGError(
            () => makeClient().chat_completion(makeRequest({model: 'mock-error-429'}), null),
            Mistral.Error, Mistral.Error.RATE_LIMITED, 'mock-error-429');
        assert(e.message.includes('Rate limit exceeded'), `message (${e.message})`);
    },

    async 'error: invalid request fails before sending'() {
        const request = makeRequest({temperature: 2.0});
        const e = assertThrowsGError(() => request.to_json(),
            Mistral.Error, Mistral.Error.INVALID_REQUEST, 'to_json()');
        assert(e.message.includes('temperature'), `message (${e.message})`);

        // Nothing listens there: had the request been sent, this would be a
        // network error, not INVALID_REQUEST.
        const unreachable = new Mistral.Client({
            api_key: 'test-key', base_url: 'http://127.0.0.1:1', max_retries: 0,
        });
        assertThrowsGError(() => unreachable.chat_completion(request, null),
            Mistral.Error, Mistral.Error.INVALID_REQUEST, 'blocking call');
        await assertRejectsGError(unreachable.chat_completion_async(request, null),
            Mistral.Error, Mistral.Error.INVALID_REQUEST, 'async call');
    },

    'conveniences: get_content, remove and clear messages, client limits'() {
        const request = makeRequest();
        request.add_message(Mistral.AssistantMessage.new('Hello'));
        request.add_message(Mistral.UserMessage.new('Bye'));
        request.remove_message(1);
        assertEqual(request.to_json(),
            '{"model":"mistral-small-latest","messages":[{"role":"user","content":"Hi"},' +
            '{"role":"user","content":"Bye"}]}', 'to_json() after remove_message(1)');
        request.clear_messages();
        assertEqual(request.messages.get_n_items(), 0, 'no messages after clear_messages()');
        request.add_message(Mistral.UserMessage.new('Hi'));

        const client = makeClient();
        const response = client.chat_completion(request, null);
        assertEqual(response.get_content(), 'Echo: Hi', 'get_content()');

        const stream = client.chat_completion_stream(request);
        let text = '';
        stream.connect('chunk', (_stream, chunk) => {
            text += chunk.get_content() ?? '';
        });
        stream.run(null);
        assertEqual(text, 'Echo: Hi', 'the chunks\' get_content()');

        assertEqual(client.max_connections, 256, 'max_connections');
        assertEqual(client.allow_plain_http, false, 'allow_plain_http');
        assertEqual(client.tls_database, null, 'tls_database');
        const limited = new Mistral.Client({api_key: 'k', max_connections: 4});
        assertEqual(limited.get_max_connections(), 4, 'max_connections from the constructor');
    },

    async 'cancel: a slow request is cancelled promptly'() {
        const cancellable = new Gio.Cancellable();
        const started = GLib.get_monotonic_time();
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
            cancellable.cancel();
            return GLib.SOURCE_REMOVE;
        });
        await assertRejectsGError(
            makeClient().chat_completion_async(makeRequest({model: 'mock-slow-5000'}), cancellable),
            Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED, 'mock-slow-5000');
        const elapsed = GLib.get_monotonic_time() - started;
        assert(elapsed < GLib.USEC_PER_SEC, `cancelled within 1 s (${elapsed} µs)`);
    },
};

runTests(tests);

// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Structured output into a class defined in JavaScript
// (GObject.registerClass with properties): the strict schema made from it,
// sent to the mock server, the reply parsed back into an instance of the
// JavaScript class, and replies that do not fit throwing a GLib.Error that
// names the member.
//
// Run by meson (`meson test gjs-structured`) as `gjs -m test-structured.js`.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Json from 'gi://Json';
import Mistral from 'gi://Mistral?version=1.0';

import {
    assert, assertDeepEqual, assertEqual, assertThrowsGError, makeClient, makeRequest, runTests,
} from './mocktools.js';

const RW = GObject.ParamFlags.READWRITE;

const Address = GObject.registerClass({
    GTypeName: 'GjsTestAddress',
    Properties: {
        'city': GObject.ParamSpec.string('city', '', "The city's name", RW, null),
        'post-code': GObject.ParamSpec.uint('post-code', '', '', RW, 0, 99999, 0),
    },
}, class Address extends GObject.Object {});

const Person = GObject.registerClass({
    GTypeName: 'GjsTestPerson',
    Properties: {
        'name': GObject.ParamSpec.string('name', '', 'The full name', RW, null),
        'age': GObject.ParamSpec.int('age', '', '', RW, 0, 150, 0),
        'height': GObject.ParamSpec.double('height', '', '', RW, -Number.MAX_VALUE, Number.MAX_VALUE, 0),
        'adult': GObject.ParamSpec.boolean('adult', '', '', RW, false),
        'reason': GObject.ParamSpec.enum('reason', '', '', RW, Mistral.FinishReason, Mistral.FinishReason.STOP),
        'nicknames': GObject.ParamSpec.boxed('nicknames', '', '', RW, GObject.type_from_name('GStrv')),
        'home': GObject.ParamSpec.object('home', '', '', RW, Address),
    },
}, class Person extends GObject.Object {});

const ADDRESS_SCHEMA = {
    type: 'object',
    properties: {
        city: {type: 'string', description: "The city's name"},
        post_code: {type: 'integer', maximum: 99999},
    },
    required: ['city', 'post_code'],
    additionalProperties: false,
};

const PERSON = {
    name: 'Ada', age: 36, height: 1.7, adult: true, reason: 'length',
    nicknames: ['Countess', 'Enchantress of Numbers'], home: {city: 'London', post_code: 1815},
};

function responseWith(content) {
    return Mistral.ChatCompletionResponse.new_from_string(JSON.stringify({
        id: 'r1', object: 'chat.completion', created: 1767261600, model: 'mistral-small-latest',
        choices: [{index: 0, message: {role: 'assistant', content}, finish_reason: 'stop'}],
    }));
}


const tests = {
    'schema: from the properties of a JavaScript class'() {
        const format = Mistral.ResponseFormat.new_for_type_full(Person, null);
        assertEqual(format.name, 'GjsTestPerson', 'the name');
        assert(format.strict, 'strict');
        const schema = JSON.parse(Json.to_string(format.schema, false));
        const members = ['name', 'age', 'height', 'adult', 'reason', 'nicknames', 'home'];
        assertDeepEqual(schema.required.slice().sort(), members.slice().sort(), 'every property required');
        assertDeepEqual(Object.keys(schema.properties), schema.required, 'properties in order');
        assertEqual(schema.additionalProperties, false, 'no additional properties');
        assertDeepEqual(schema.properties.name, {type: 'string', description: 'The full name'}, 'name');
        assertDeepEqual(schema.properties.age, {type: 'integer', minimum: 0, maximum: 150}, 'age');
        assertDeepEqual(schema.properties.height, {type: 'number'}, 'height');
        assertDeepEqual(schema.properties.adult, {type: 'boolean'}, 'adult');
        assertDeepEqual(schema.properties.reason,
            {type: 'string', enum: ['none', 'stop', 'length', 'model-length', 'error', 'tool-calls', 'unknown']},
            'reason');
        assertDeepEqual(schema.properties.nicknames, {type: 'array', items: {type: 'string'}}, 'nicknames');
        assertDeepEqual(schema.properties.home, ADDRESS_SCHEMA, 'home');
    },

    'request: sent, and the reply parsed into the class'() {
        const request = makeRequest({}, 'Who?');
        request.set_response_format(Mistral.ResponseFormat.new_for_type(Person));
        const sent = JSON.parse(request.to_json());
        assertEqual(sent.response_format.type, 'json_schema', 'the format');
        assertEqual(sent.response_format.json_schema.name, 'GjsTestPerson', 'the schema name');

        const person = makeClient().chat_completion(request, null).parse(Person);
        assert(person instanceof Person, 'an instance of the JavaScript class');
        assertEqual(person.name, 'example', 'name');
        assertEqual(person.reason, Mistral.FinishReason.NONE, 'the first nick');
        assert(person.home instanceof Address, 'an Address');
        assertEqual(person.home.city, 'example', 'home.city');
    },

    'parse: every field'() {
        const person = responseWith(JSON.stringify(PERSON)).parse(Person);
        assert(person instanceof Person, 'a Person');
        assertEqual(person.name, 'Ada', 'name');
        assertEqual(person.age, 36, 'age');
        assertEqual(person.height, 1.7, 'height');
        assertEqual(person.adult, true, 'adult');
        assertEqual(person.reason, Mistral.FinishReason.LENGTH, 'reason');
        assertDeepEqual(person.nicknames, ['Countess', 'Enchantress of Numbers'], 'nicknames');
        assertEqual(person.home.city, 'London', 'home.city');
        assertEqual(person.home.post_code, 1815, 'home.post_code');
    },

    'parse: failures name the member'() {
        const cases = [
            [{...PERSON, age: undefined}, 'Invalid response: content.age is missing'],
            [{...PERSON, home: {city: 'London'}}, 'Invalid response: content.home.post_code is missing'],
            [{...PERSON, adult: 'yes'}, 'Invalid response: content.adult is a string, expected a boolean'],
            [{...PERSON, reason: 'bored'},
                'Invalid response: content.reason is "bored", expected one of ' +
                '["none","stop","length","model-length","error","tool-calls","unknown"]'],
            [{...PERSON, extra: 1}, 'Invalid response: content.extra is not a property of GjsTestPerson'],
        ];
        for (const [content, message] of cases) {
            const e = assertThrowsGError(() => responseWith(JSON.stringify(content)).parse(Person),
                Mistral.error_quark(), Mistral.Error.INVALID_RESPONSE, message);
            assertEqual(e.message, message, 'the message');
        }
        assertThrowsGError(() => responseWith('[]').parse(Person),
            Mistral.error_quark(), Mistral.Error.INVALID_RESPONSE, 'not an object');
    },

    'schema: an unsupported property type is refused'() {
        const Bad = GObject.registerClass({
            GTypeName: 'GjsTestBad',
            Properties: {
                'when': GObject.ParamSpec.boxed('when', '', '', RW, GLib.DateTime.$gtype),
            },
        }, class Bad extends GObject.Object {});
        const e = assertThrowsGError(() => Mistral.ResponseFormat.new_for_type_full(Bad, null),
            Mistral.error_quark(), Mistral.Error.INVALID_REQUEST, 'refused');
        assert(e.message.includes('GjsTestBad.when') && e.message.includes('GDateTime'), `the property named: ${e.message}`);
    },
};

runTests(tests);

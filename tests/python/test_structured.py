#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Structured output into a class defined in Python (GObject.Property):
# the strict schema made from it, sent in a request to the mock server, the
# reply parsed back into an instance of the Python class, and replies that
# do not fit raising GLib.Error naming the member.
#
# Run by meson (`meson test python-structured`).

import json
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("GObject", "2.0")
gi.require_version("Json", "1.0")
gi.require_version("Mistral", "1.0")
from gi.repository import GLib, GObject, Json, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import make_request  # noqa: E402

setUpModule = mocktools.start_server


class Address(GObject.Object):
    __gtype_name__ = "PyTestAddress"
    city = GObject.Property(type=str, blurb="The city's name")
    post_code = GObject.Property(type=int, minimum=0, maximum=99999)


class Person(GObject.Object):
    __gtype_name__ = "PyTestPerson"
    name = GObject.Property(type=str, blurb="The full name")
    age = GObject.Property(type=int, minimum=0, maximum=150)
    height = GObject.Property(type=float)
    adult = GObject.Property(type=bool, default=False)
    role = GObject.Property(type=Mistral.Role, default=Mistral.Role.USER)
    nicknames = GObject.Property(type=GObject.TYPE_STRV)
    home = GObject.Property(type=Address)


class Unsupported(GObject.Object):
    __gtype_name__ = "PyTestUnsupported"
    anything = GObject.Property(type=GObject.TYPE_PYOBJECT)


ADDRESS_SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "description": "The city's name"},
        "post_code": {"type": "integer", "minimum": 0, "maximum": 99999},
    },
    "required": ["city", "post_code"],
    "additionalProperties": False,
}
PERSON_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The full name"},
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "height": {"type": "number"},
        "adult": {"type": "boolean"},
        "role": {"type": "string", "enum": ["system", "user", "assistant", "tool"]},
        "nicknames": {"type": "array", "items": {"type": "string"}},
        "home": ADDRESS_SCHEMA,
    },
    # In the order the properties are installed: PyGObject installs a
    # class's properties sorted by name.
    "required": ["adult", "age", "height", "home", "name", "nicknames", "role"],
    "additionalProperties": False,
}

PERSON = {
    "name": "Ada",
    "age": 36,
    "height": 1.7,
    "adult": True,
    "role": "assistant",
    "nicknames": ["Countess", "Enchantress of Numbers"],
    "home": {"city": "London", "post_code": 1815},
}


def response_with(content):
    """A response whose one choice's content is @content."""
    return Mistral.ChatCompletionResponse.new_from_string(
        json.dumps(
            {
                "id": "r1",
                "object": "chat.completion",
                "created": 1767261600,
                "model": "mistral-small-latest",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
            }
        )
    )


class StructuredTest(mocktools.ClientTestCase):
    def test_schema(self):
        response_format = Mistral.ResponseFormat.new_for_type_full(Person, None)

        self.assertEqual(response_format.props.name, "PyTestPerson")
        self.assertTrue(response_format.props.strict)
        self.assertEqual(
            response_format.props.format_type, Mistral.ResponseFormatType.JSON_SCHEMA
        )
        schema = json.loads(Json.to_string(response_format.props.schema, False))
        self.assertEqual(schema, PERSON_SCHEMA)
        self.assertEqual(list(schema["properties"]), schema["required"])

        named = Mistral.ResponseFormat.new_for_type_full(Address, "address")
        self.assertEqual(named.props.name, "address")

    def test_unsupported(self):
        with self.assertRaises(GLib.Error) as caught:
            Mistral.ResponseFormat.new_for_type_full(Unsupported, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)
        self.assertIn("PyTestUnsupported.anything", caught.exception.message)
        self.assertIn("PyObject", caught.exception.message)

    def test_request_and_parse(self):
        request = make_request(text="Who?")
        request.set_response_format(Mistral.ResponseFormat.new_for_type(Person))
        self.assertEqual(
            json.loads(request.to_json())["response_format"],
            {
                "type": "json_schema",
                "json_schema": {"name": "PyTestPerson", "schema": PERSON_SCHEMA, "strict": True},
            },
        )

        # The local server answers with a value for each member.
        response = self.client.chat_completion(request, None)
        person = response.parse(Person)
        self.assertIsInstance(person, Person)
        self.assertEqual(person.props.name, "example")
        self.assertEqual(person.props.role, Mistral.Role.SYSTEM)
        self.assertIsInstance(person.props.home, Address)
        self.assertEqual(person.props.home.props.city, "example")

    def test_parse_every_field(self):
        person = response_with(json.dumps(PERSON)).parse(Person)

        self.assertIsInstance(person, Person)
        self.assertEqual(person.name, "Ada")
        self.assertEqual(person.age, 36)
        self.assertAlmostEqual(person.height, 1.7)
        self.assertTrue(person.adult)
        self.assertEqual(person.role, Mistral.Role.ASSISTANT)
        self.assertEqual(person.nicknames, ["Countess", "Enchantress of Numbers"])
        self.assertIsInstance(person.home, Address)
        self.assertEqual(person.home.city, "London")
        self.assertEqual(person.home.post_code, 1815)

        # The message-level twin.
        message = Mistral.AssistantMessage.new(json.dumps(PERSON["home"]))
        self.assertEqual(message.parse(Address).city, "London")

    def assert_parse_fails(self, content, message):
        with self.assertRaises(GLib.Error) as caught:
            response_with(content).parse(Person)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_RESPONSE)
        self.assertEqual(caught.exception.message, message)

    def test_parse_failures(self):
        def person_with(**changes):
            person = json.loads(json.dumps(PERSON))
            for key, value in changes.items():
                if value is KeyError:
                    del person[key]
                else:
                    person[key] = value
            return json.dumps(person)

        self.assert_parse_fails(
            person_with(age=KeyError), "Invalid response: content.age is missing"
        )
        self.assert_parse_fails(
            person_with(home={"city": "London"}),
            "Invalid response: content.home.post_code is missing",
        )
        self.assert_parse_fails(
            person_with(age="36"), "Invalid response: content.age is a string, expected an integer"
        )
        self.assert_parse_fails(
            person_with(role="king"),
            'Invalid response: content.role is "king", expected one of '
            '["system","user","assistant","tool"]',
        )
        self.assert_parse_fails(
            person_with(extra=1), "Invalid response: content.extra is not a property of PyTestPerson"
        )
        self.assert_parse_fails(
            person_with(age=200), "Invalid response: content.age is 200, out of range (0 to 150)"
        )
        self.assert_parse_fails(
            "not JSON", "Invalid response: the reply's content: not valid JSON: not one value"
        )


if __name__ == "__main__":
    unittest.main()

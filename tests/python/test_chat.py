#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The chat API of mistral-glib as Python sees it through the typelib
# (PyGObject 3.42): property construction, blocking and async calls,
# a tool-call round trip, JSON schema output, errors and cancellation.
#
# Run by meson (`meson test python-chat`), with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at the build and MISTRAL_MOCK_SERVER at the mock
# server, which this script starts and stops itself.

import json
import threading
import time
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Json", "1.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Json, Mistral  # noqa: E402

# A sibling module: see mocktools.py.
import mocktools  # noqa: E402
from mocktools import make_request, run_async  # noqa: E402

WEATHER_PARAMETERS = (
    '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}'
)
PERSON_SCHEMA = (
    '{"type":"object","properties":{"name":{"type":"string"},'
    '"adult":{"type":"boolean"}},"required":["name","adult"]}'
)

# The mock server runs for the whole module; unittest stops it at the end.
setUpModule = mocktools.start_server


class RequestTest(unittest.TestCase):
    def test_property_construction(self):
        request = Mistral.ChatCompletionRequest(model="m", temperature=0.5)

        self.assertEqual(request.props.model, "m")
        self.assertEqual(request.get_model(), "m")
        self.assertAlmostEqual(request.props.temperature, 0.5)
        self.assertTrue(request.props.temperature_set)
        # Options never set stay out of the body.
        self.assertFalse(request.props.top_p_set)
        self.assertFalse(request.props.max_tokens_set)

        request.add_message(Mistral.UserMessage.new("Hi"))
        self.assertEqual(
            request.to_json(),
            '{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.5}',
        )

        messages = request.props.messages
        self.assertIsInstance(messages, Gio.ListModel)
        self.assertEqual(messages.get_n_items(), 1)
        self.assertIsInstance(messages.get_item(0), Mistral.UserMessage)
        self.assertEqual(messages.get_item(0).props.role, Mistral.Role.USER)

    def test_unset_option(self):
        request = make_request(model="m", temperature=0.5)
        request.props.temperature_set = False
        self.assertEqual(
            request.to_json(), '{"model":"m","messages":[{"role":"user","content":"Hi"}]}'
        )


class ChatTest(mocktools.ClientTestCase):
    def check_echo_response(self, response, model="mistral-small-latest"):
        self.assertIsInstance(response, Mistral.ChatCompletionResponse)
        self.assertEqual(response.get_assistant_message().get_content(), "Echo: Hi")
        self.assertEqual(response.props.model, model)
        self.assertEqual(response.props.object, "chat.completion")
        self.assertTrue(response.props.id)

        choice = self.assert_one_choice(response.props.choices, Mistral.ChatCompletionChoice)
        self.assertEqual(choice.props.finish_reason, Mistral.FinishReason.STOP)
        self.assertEqual(choice.get_finish_reason(), Mistral.FinishReason.STOP)
        self.assertIsInstance(choice.props.message, Mistral.AssistantMessage)
        self.assertEqual(choice.props.message.props.role, Mistral.Role.ASSISTANT)
        self.assertEqual(choice.props.message.props.content, "Echo: Hi")
        self.assertEqual(choice.props.message.get_tool_calls().get_n_items(), 0)

        usage = response.props.usage
        self.assertIsInstance(usage, Mistral.UsageInfo)
        self.assertGreater(usage.props.total_tokens, 0)
        self.assertEqual(
            usage.props.total_tokens, usage.props.prompt_tokens + usage.props.completion_tokens
        )

        self.assertGreater(response.props.latency, 0)
        self.assertEqual(response.get_latency(), response.props.latency)
        self.assertLess(response.props.latency, 10 * GLib.USEC_PER_SEC)

        created = response.props.created
        self.assertIsInstance(created, GLib.DateTime)
        now = GLib.DateTime.new_now_utc()
        self.assertLess(abs(now.difference(created)), 60 * GLib.USEC_PER_SEC)

    def test_blocking(self):
        response = self.client.chat_completion(make_request(), None)
        self.check_echo_response(response)

    def test_blocking_from_thread(self):
        # The blocking call is meant for worker threads too.
        outcome = {}

        def work():
            try:
                outcome["response"] = self.client.chat_completion(make_request(), None)
            except GLib.Error as error:
                outcome["error"] = error

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(30)
        self.assertNotIn("error", outcome)
        self.check_echo_response(outcome["response"])

    def test_async(self):
        request = make_request()
        source, result = run_async(
            lambda done: self.client.chat_completion_async(request, None, done, None)
        )
        self.assertIs(source, self.client)
        self.check_echo_response(self.client.chat_completion_finish(result))

    def test_several_choices(self):
        response = self.client.chat_completion(make_request(n=2), None)
        choices = response.props.choices
        self.assertEqual(choices.get_n_items(), 2)
        self.assertEqual(
            [choices.get_item(i).props.message.props.content for i in range(2)],
            ["Echo (0): Hi", "Echo (1): Hi"],
        )
        self.assertEqual([choices.get_item(i).props.index for i in range(2)], [0, 1])

    def test_tool_call_round_trip(self):
        tool = Mistral.Tool.new_from_string(
            "get_weather", "The weather in a city", WEATHER_PARAMETERS
        )
        self.assertEqual(tool.props.name, "get_weather")
        self.assertIsInstance(tool.props.parameters, Json.Node)

        request = make_request(text="What is the weather in Paris?")
        request.set_tools([tool])
        self.assertEqual(request.props.tools.get_n_items(), 1)
        self.assertIs(request.props.tools.get_item(0), tool)

        response = self.client.chat_completion(request, None)
        choice = response.props.choices.get_item(0)
        self.assertEqual(choice.props.finish_reason, Mistral.FinishReason.TOOL_CALLS)

        assistant = response.get_assistant_message()
        calls = assistant.get_tool_calls()
        self.assertIsInstance(calls, Gio.ListModel)
        self.assertEqual(calls.get_n_items(), 1)
        call = calls.get_item(0)
        self.assertIsInstance(call, Mistral.ToolCall)
        self.assertEqual(call.props.function_name, "get_weather")
        self.assertEqual(len(call.props.id), 9)
        self.assertTrue(call.props.id.isalnum())
        self.assertEqual(json.loads(call.props.arguments), {"city": "test"})

        arguments = call.parse_arguments()
        self.assertIsInstance(arguments, Json.Node)
        self.assertEqual(arguments.get_node_type(), Json.NodeType.OBJECT)
        self.assertEqual(arguments.get_object().get_string_member("city"), "test")

        request.add_message(assistant)
        request.add_message(
            Mistral.ToolMessage.new(call.props.id, call.props.function_name, "Sunny, 24 °C")
        )
        body = json.loads(request.to_json())
        self.assertEqual(body["messages"][1]["tool_calls"][0]["id"], call.props.id)
        self.assertEqual(
            body["messages"][2],
            {
                "role": "tool",
                "content": "Sunny, 24 °C",
                "tool_call_id": call.props.id,
                "name": "get_weather",
            },
        )

        response = self.client.chat_completion(request, None)
        self.assertEqual(
            response.get_assistant_message().get_content(), "Tool said: Sunny, 24 °C"
        )
        self.assertEqual(
            response.props.choices.get_item(0).props.finish_reason, Mistral.FinishReason.STOP
        )

    def test_json_schema(self):
        request = make_request(text="Who are you?")
        self.assertTrue(
            request.set_response_json_schema_from_string("person", PERSON_SCHEMA, True)
        )
        response_format = request.props.response_format
        self.assertEqual(
            response_format.props.format_type, Mistral.ResponseFormatType.JSON_SCHEMA
        )
        self.assertEqual(response_format.props.name, "person")
        self.assertTrue(response_format.props.strict)
        self.assertEqual(
            json.loads(request.to_json())["response_format"],
            {
                "type": "json_schema",
                "json_schema": {
                    "name": "person",
                    "schema": json.loads(PERSON_SCHEMA),
                    "strict": True,
                },
            },
        )

        response = self.client.chat_completion(request, None)
        content = response.get_assistant_message().get_content()
        self.assertEqual(json.loads(content), {"name": "example", "adult": True})

    def test_newer_fields(self):
        request = make_request(text="Hello")
        request.props.reasoning_effort = Mistral.ReasoningEffort.LOW
        request.props.prompt_cache_key = "conversation-7"
        request.props.prediction = "Hello to you"
        request.props.metadata = Json.from_string('{"user": "u-42"}')
        self.assertTrue(request.props.reasoning_effort_set)
        self.assertEqual(request.props.metadata.get_object().get_string_member("user"), "u-42")
        body = json.loads(request.to_json())
        self.assertEqual(body["reasoning_effort"], "low")
        self.assertEqual(body["prompt_cache_key"], "conversation-7")
        self.assertEqual(body["prediction"], {"type": "content", "content": "Hello to you"})
        self.assertEqual(body["metadata"], {"user": "u-42"})
        # The local server takes them as the API does (and the conformance
        # check sees this body).
        response = self.client.chat_completion(request, None)
        self.assertIn("Hello", response.get_content())

    def test_invalid_schema(self):
        request = make_request()
        with self.assertRaises(GLib.Error):
            request.set_response_json_schema_from_string("broken", "{not json", False)


class ConveniencesTest(mocktools.ClientTestCase):
    def test_get_content_and_editing(self):
        request = make_request(text="Hi")
        request.add_message(Mistral.AssistantMessage.new("Hello"))
        request.add_message(Mistral.UserMessage.new("Bye"))
        request.remove_message(1)
        self.assertEqual(
            request.to_json(),
            '{"model":"mistral-small-latest","messages":[{"role":"user","content":"Hi"},'
            '{"role":"user","content":"Bye"}]}',
        )
        request.clear_messages()
        self.assertEqual(request.props.messages.get_n_items(), 0)
        request.add_message(Mistral.UserMessage.new("Hi"))

        self.assertEqual(self.client.chat_completion(request, None).get_content(), "Echo: Hi")

        stream = self.client.chat_completion_stream(request)
        pieces = []
        stream.connect("chunk", lambda s, chunk: pieces.append(chunk.get_content() or ""))
        stream.run(None)
        self.assertEqual("".join(pieces), "Echo: Hi")

    def test_client_limits(self):
        self.assertEqual(self.client.props.max_connections, 256)
        self.assertFalse(self.client.props.allow_plain_http)
        self.assertIsNone(self.client.props.tls_database)
        limited = Mistral.Client(api_key="k", max_connections=4)
        self.assertEqual(limited.get_max_connections(), 4)
        # Copies, safe while another thread sets the properties.
        self.assertEqual(limited.dup_api_key(), "k")
        self.assertEqual(limited.dup_base_url(), "https://api.mistral.ai")
        self.assertTrue(limited.dup_user_agent().startswith("mistral-glib/"))

    def test_rate_limit(self):
        self.assertEqual(self.client.props.rate_limit, 0)
        self.assertEqual(self.client.props.rate_burst, 1)
        self.client.props.rate_limit = 10  # 100 ms apart
        start = time.monotonic()
        for _ in range(3):
            self.client.chat_completion(make_request(), None)
        self.assertGreaterEqual(time.monotonic() - start, 0.195)


class ErrorTest(mocktools.ClientTestCase):
    def test_unauthorized(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion(make_request(model="mock-error-401"), None)
        self.assert_mistral_error(caught.exception, Mistral.Error.UNAUTHORIZED)
        self.assertEqual(caught.exception.message, "Unauthorized (HTTP 401)")

    def test_unauthorized_async(self):
        request = make_request(model="mock-error-401")
        _, result = run_async(
            lambda done: self.client.chat_completion_async(request, None, done, None)
        )
        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion_finish(result)
        self.assert_mistral_error(caught.exception, Mistral.Error.UNAUTHORIZED)
        self.assertEqual(caught.exception.message, "Unauthorized (HTTP 401)")

    def test_rate_limited(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion(make_request(model="mock-error-429"), None)
        self.assert_mistral_error(caught.exception, Mistral.Error.RATE_LIMITED)
        self.assertIn("Rate limit exceeded", caught.exception.message)

    def test_invalid_request_before_sending(self):
        request = make_request(temperature=2.0)

        with self.assertRaises(GLib.Error) as caught:
            request.to_json()
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)
        self.assertIn("temperature", caught.exception.message)

        # A client whose server cannot be reached: had the request been sent,
        # this would be a network error, not INVALID_REQUEST.
        unreachable = Mistral.Client(
            api_key="test-key", base_url="http://127.0.0.1:1", max_retries=0
        )
        with self.assertRaises(GLib.Error) as caught:
            unreachable.chat_completion(request, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)

        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion(request, None)
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_REQUEST)


class CancelTest(mocktools.ClientTestCase):
    def test_cancel_async(self):
        request = make_request(model="mock-slow-5000")
        cancellable = Gio.Cancellable()

        def cancel():
            cancellable.cancel()
            return GLib.SOURCE_REMOVE

        started = time.monotonic()
        GLib.timeout_add(100, cancel)
        _, result = run_async(
            lambda done: self.client.chat_completion_async(request, cancellable, done, None)
        )
        with self.assertRaises(GLib.Error) as caught:
            self.client.chat_completion_finish(result)
        elapsed = time.monotonic() - started
        self.assert_cancelled(caught.exception)
        self.assertLess(elapsed, 1.0)

    def test_cancel_blocking(self):
        request = make_request(model="mock-slow-5000")
        cancellable = Gio.Cancellable()
        timer = threading.Timer(0.1, cancellable.cancel)

        started = time.monotonic()
        timer.start()
        try:
            with self.assertRaises(GLib.Error) as caught:
                self.client.chat_completion(request, cancellable)
        finally:
            timer.cancel()
        elapsed = time.monotonic() - started
        self.assert_cancelled(caught.exception)
        self.assertLess(elapsed, 1.0)


if __name__ == "__main__":
    unittest.main(verbosity=2)

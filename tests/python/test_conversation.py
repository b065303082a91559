#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# MistralConversation and MistralFunctionTool as Python sees them: a tool
# defined in Python (a "call" handler, and a subclass overriding the invoke
# virtual functions) runs in a conversation against the mock server, which
# calls the first tool for a user message and repeats a tool's result.

import json
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Mistral", "1.0")
from gi.repository import Gio, GLib, Mistral  # noqa: E402

import mocktools  # noqa: E402
from mocktools import run_async  # noqa: E402

setUpModule = mocktools.start_server

SCHEMA = '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}'


class SlowWeather(Mistral.FunctionTool):
    """A tool for long work: its answer comes later, from the main loop."""

    def __init__(self):
        super().__init__(name="get_weather", description="The weather now")
        self.get_definition().set_parameters_from_string(SCHEMA)

    def do_invoke_async(self, arguments, cancellable, callback, *user_data):
        # The callback carries its own data: the task calls it with two.
        task = Gio.Task.new(self, cancellable, lambda source, result, *data: callback(source, result), None)
        city = json.loads(arguments)["city"]

        def answer():
            task.return_value(json.dumps({"city": city, "sky": "clear"}))
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(20, answer)

    def do_invoke_finish(self, result):
        return result.propagate_value()[1]


class ConversationTest(mocktools.ClientTestCase):
    def send(self, conversation, text):
        _, result = run_async(lambda done: conversation.send_async(text, None, done))
        return conversation.send_finish(result)

    def test_turn(self):
        conversation = Mistral.Conversation.new(self.client, "mistral-small-latest")
        conversation.props.system_prompt = "Be brief."
        changes = []
        texts = []

        def on_items_changed(model, position, removed, added):
            changes.append((position, removed, added))
            for i in range(position, position + added):
                item = model.get_item(i)
                if isinstance(item, Mistral.AssistantMessage):
                    item.connect("notify::content", lambda message, pspec: texts.append(message.props.content))

        conversation.connect("items-changed", on_items_changed)
        reply = self.send(conversation, "Hello there")
        self.assertEqual(reply.props.content, "Echo: Hello there")
        self.assertEqual(changes, [(0, 0, 1), (1, 0, 1)])
        self.assertEqual(texts, ["Echo:", "Echo: Hello", "Echo: Hello there"])
        self.assertEqual(conversation.get_n_items(), 2)
        self.assertEqual(conversation.get_item_type(), Mistral.ChatMessage.__gtype__)
        self.assertFalse(conversation.props.busy)

        saved = conversation.to_json()
        loaded = Mistral.Conversation.new_from_json(saved)
        self.assertEqual(loaded.to_json(), saved)
        self.assertEqual(loaded.props.system_prompt, "Be brief.")
        self.assertEqual([m.props.content for m in loaded], ["Hello there", "Echo: Hello there"])
        with self.assertRaises(GLib.Error) as caught:
            Mistral.Conversation.new_from_json('{"format":"mistral-glib-conversation","version":9,"messages":[]}')
        self.assert_mistral_error(caught.exception, Mistral.Error.INVALID_RESPONSE)

    def test_call_signal(self):
        conversation = Mistral.Conversation.new(self.client, "mistral-small-latest")
        tool = Mistral.FunctionTool.new("get_weather", "The weather now", SCHEMA)
        calls = []

        def on_call(tool, arguments):
            calls.append(arguments.get_string_member("city"))
            return json.dumps({"temperature": 21})

        tool.connect("call", on_call)
        conversation.add_tool(tool)
        approvals = []

        def on_approve(conversation, approval):
            approvals.append(approval.props.tool_call.props.function_name)
            return False

        conversation.connect("approve-tool-call", on_approve)
        reply = self.send(conversation, "Weather in Lyon?")
        self.assertEqual(calls, ["test"])
        self.assertEqual(approvals, ["get_weather"])
        self.assertEqual(reply.props.content, 'Tool said: {"temperature": 21}')
        kinds = [type(item).__name__ for item in conversation]
        self.assertEqual(kinds, ["UserMessage", "AssistantMessage", "ToolMessage", "AssistantMessage"])
        self.assertEqual(conversation.get_item(2).props.content, '{"temperature": 21}')

    def test_invoke_override_and_denial(self):
        conversation = Mistral.Conversation.new(self.client, "mistral-small-latest")
        conversation.add_tool(SlowWeather())
        reply = self.send(conversation, "Weather?")
        self.assertEqual(reply.props.content, 'Tool said: {"city": "test", "sky": "clear"}')

        # A denial decided later, as after a dialog: the model is told.
        held = []

        def on_approve(conversation, approval):
            held.append(approval)
            GLib.idle_add(lambda: approval.deny("Not now.") or GLib.SOURCE_REMOVE)
            return True

        conversation.connect("approve-tool-call", on_approve)
        reply = self.send(conversation, "And now?")
        self.assertEqual(len(held), 1)
        self.assertTrue(held[0].props.resolved)
        self.assertEqual(reply.props.content, "Tool said: Not now.")

    def test_failing_tool_and_blocking_send(self):
        conversation = Mistral.Conversation.new(self.client, "mistral-small-latest")
        tool = Mistral.FunctionTool.new("get_weather", None, SCHEMA)
        # A handler that answers nothing: the model reads the error.
        tool.connect("call", lambda tool, arguments: None)
        conversation.add_tool(tool)
        reply = conversation.send("Weather?", None)
        self.assertEqual(reply.props.content, "Tool said: Error: The tool get_weather gave no result")
        self.assertFalse(conversation.props.busy)

    def test_call_async(self):
        # A tool answering later, from the main loop: the invocation is kept
        # and resolved from a timeout; an error answered later reaches the
        # model as the tool message.
        conversation = Mistral.Conversation.new(self.client, "mistral-small-latest")
        tool = Mistral.FunctionTool.new("get_weather", "The weather now", SCHEMA)
        seen = []

        def on_call_async(tool, invocation):
            seen.append(invocation.get_arguments_object().get_string_member("city"))

            def answer():
                invocation.return_value(json.dumps({"city": "test", "later": True}))
                return GLib.SOURCE_REMOVE

            GLib.timeout_add(50, answer)
            return True

        tool.connect("call-async", on_call_async)
        tool.connect("call", lambda tool, arguments: self.fail("call must not run"))
        conversation.add_tool(tool)
        reply = self.send(conversation, "Weather in Lyon?")
        self.assertEqual(seen, ["test"])
        self.assertEqual(reply.props.content, 'Tool said: {"city": "test", "later": true}')

        failing = Mistral.FunctionTool.new("get_weather", None, SCHEMA)

        def fail_later(tool, invocation):
            error = GLib.Error.new_literal(Gio.io_error_quark(), "No such city", Gio.IOErrorEnum.NOT_FOUND)
            GLib.idle_add(lambda: invocation.return_error(error) or GLib.SOURCE_REMOVE)
            return True

        failing.connect("call-async", fail_later)
        conversation.props.tools = None
        conversation.add_tool(failing)
        reply = self.send(conversation, "And in Paris?")
        self.assertEqual(reply.props.content, "Tool said: Error: No such city")

    def test_thinking(self):
        # A reasoning model: the reply's thinking is notified as it grows.
        conversation = Mistral.Conversation.new(self.client, "mock-thinking")
        thoughts = []

        def on_items_changed(model, position, removed, added):
            for i in range(position, position + added):
                item = model.get_item(i)
                if isinstance(item, Mistral.AssistantMessage):
                    item.connect("notify::thinking", lambda message, pspec: thoughts.append(message.props.thinking))

        conversation.connect("items-changed", on_items_changed)
        reply = self.send(conversation, "Hello there")
        self.assertEqual(thoughts, ["Let", "Let me", "Let me think.", "Let me think."])
        self.assertEqual(reply.props.thinking, "Let me think.")
        self.assertEqual(reply.props.content, "Echo: Hello there")

    def test_cancel(self):
        conversation = Mistral.Conversation.new(self.client, "mock-stream-slow-300")
        cancellable = Gio.Cancellable()
        GLib.timeout_add(200, lambda: cancellable.cancel() or GLib.SOURCE_REMOVE)
        _, result = run_async(lambda done: conversation.send_async("Slowly, please", cancellable, done))
        with self.assertRaises(GLib.Error) as caught:
            conversation.send_finish(result)
        self.assert_cancelled(caught.exception)
        self.assertFalse(conversation.props.busy)
        self.assertEqual([m.props.content for m in conversation], ["Slowly, please"])


if __name__ == "__main__":
    unittest.main(verbosity=2)

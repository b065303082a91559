// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// MistralConversation and MistralFunctionTool as Vala sees them through the
// VAPI: a tool defined in Vala (a "call" handler, and a subclass overriding
// the async invoke) runs in a conversation against the mock server, which
// calls the first tool for a user message and repeats its result.
//
// Run by meson (`meson test vala-conversation`). Prints TAP.

const string SCHEMA = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

// A tool for long work: its answer comes later, from the main loop.
class SlowWeather : Mistral.FunctionTool {
    public SlowWeather () throws GLib.Error {
        Object (name: "get_weather", description: "The weather now");
        get_definition ().set_parameters_from_string (SCHEMA);
    }

    public override async string invoke_async (string? arguments, Cancellable? cancellable) throws GLib.Error {
        var parser = new Json.Parser ();
        parser.load_from_data (arguments);
        var city = parser.get_root ().get_object ().get_string_member ("city");
        Timeout.add (20, invoke_async.callback);
        yield;
        return """{"city":"%s","sky":"clear"}""".printf (city);
    }
}

async void test_turn () throws GLib.Error {
    var conversation = new Mistral.Conversation (make_client (), "mistral-small-latest");
    var changes = new GenericArray<string> ();
    var texts = new GenericArray<string> ();
    conversation.items_changed.connect ((position, removed, added) => {
        changes.add ("%u,%u,%u".printf (position, removed, added));
        for (var i = position; i < position + added; i++) {
            var item = conversation.get_item (i) as Mistral.AssistantMessage;
            if (item != null)
                item.notify["content"].connect ((message, pspec) => texts.add (((Mistral.ChatMessage) message).content));
        }
    });
    var reply = yield conversation.send_async ("Hello there", null);
    check_str (reply.content, "Echo: Hello there", "the reply");
    check_str (string.joinv (";", changes.data), "0,0,1;1,0,1", "items-changed");
    check_str (string.joinv ("|", texts.data), "Echo:|Echo: Hello|Echo: Hello there", "notify::content");
    check (!conversation.busy, "busy");
    var loaded = new Mistral.Conversation.from_json (conversation.to_json ());
    check_uint (loaded.get_n_items (), 2, "loaded");
}

async void test_call_signal () throws GLib.Error {
    var conversation = new Mistral.Conversation (make_client (), "mistral-small-latest");
    var tool = new Mistral.FunctionTool ("get_weather", "The weather now", SCHEMA);
    string? city = null;
    tool.call.connect ((arguments) => {
        city = arguments.get_string_member ("city");
        return """{"temperature":21}""";
    });
    conversation.add_tool (tool);
    var reply = yield conversation.send_async ("Weather in Lyon?", null);
    check_str (city, "test", "the arguments");
    check_str (reply.content, """Tool said: {"temperature":21}""", "the reply");
    check_uint (conversation.get_n_items (), 4, "user, call, result, reply");
    check (conversation.get_item (2) is Mistral.ToolMessage, "a tool message");
}

async void test_override_and_denial () throws GLib.Error {
    var conversation = new Mistral.Conversation (make_client (), "mistral-small-latest");
    conversation.add_tool (new SlowWeather ());
    var reply = yield conversation.send_async ("Weather?", null);
    check_str (reply.content, """Tool said: {"city":"test","sky":"clear"}""", "the override");

    conversation.approve_tool_call.connect ((approval) => {
        Idle.add (() => {
            approval.deny ("Not now.");
            return Source.REMOVE;
        });
        return true;
    });
    reply = yield conversation.send_async ("And now?", null);
    check_str (reply.content, "Tool said: Not now.", "the denial");
}

async void test_cancel () throws GLib.Error {
    var conversation = new Mistral.Conversation (make_client (), "mock-stream-slow-300");
    var cancellable = new Cancellable ();
    Timeout.add (200, () => {
        cancellable.cancel ();
        return Source.REMOVE;
    });
    try {
        yield conversation.send_async ("Slowly", cancellable);
        throw new TestError.FAILED ("not cancelled");
    } catch (IOError.CANCELLED e) {
    }
    check (!conversation.busy, "busy");
    check_uint (conversation.get_n_items (), 1, "the user message only");
}

const string[] TEST_NAMES = {
    "a turn: items and content as the reply streams",
    "a tool with a call handler",
    "a subclass overriding the async invoke, and a denial",
    "cancel",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: yield test_turn (); break;
            case 1: yield test_call_signal (); break;
            case 2: yield test_override_and_denial (); break;
            case 3: yield test_cancel (); break;
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

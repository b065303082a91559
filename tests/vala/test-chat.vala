// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// The chat API of mistral-glib as Vala sees it through the VAPI: property
// syntax, blocking and `yield`ed async calls, a tool-call round trip, JSON
// schema output, errors caught by code, and cancellation.
//
// Run by meson (`meson test vala-chat`) with MISTRAL_MOCK_SERVER pointing at
// the mock server, which this program starts and stops itself (mocktools.vala).
// Prints TAP; exits non-zero if any test fails.

const string WEATHER_PARAMETERS =
    """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
const string PERSON_SCHEMA =
    """{"type":"object","properties":{"name":{"type":"string"},"adult":{"type":"boolean"}},"required":["name","adult"]}""";

/* --- the tests ------------------------------------------------------------ */

Json.Object parse_object (string json) throws GLib.Error {
    var parser = new Json.Parser ();
    parser.load_from_data (json);
    var root = parser.get_root ();
    check (root != null && root.get_node_type () == Json.NodeType.OBJECT, "a JSON object: " + json);
    return root.get_object ();
}

Mistral.ChatCompletionRequest make_request (string model = "mistral-small-latest",
                                            string text = "Hi") {
    var request = new Mistral.ChatCompletionRequest (model);
    request.add_message (new Mistral.UserMessage (text));
    return request;
}

void check_echo_response (Mistral.ChatCompletionResponse response) throws GLib.Error {
    unowned Mistral.AssistantMessage? reply = response.get_assistant_message ();
    check (reply != null, "an assistant message");
    check_str (reply.get_content (), "Echo: Hi", "reply");
    check_str (response.model, "mistral-small-latest", "model");
    check_str (response.object, "chat.completion", "object");
    check (response.id != null && response.id != "", "an id");

    ListModel choices = response.choices;
    check_uint (choices.get_n_items (), 1, "number of choices");
    var choice = choices.get_item (0) as Mistral.ChatCompletionChoice;
    check (choice != null, "a ChatCompletionChoice");
    check_uint (choice.index, 0, "choice index");
    check (choice.finish_reason == Mistral.FinishReason.STOP, "finish_reason is STOP");
    check (choice.message.role == Mistral.Role.ASSISTANT, "role is ASSISTANT");
    check_str (choice.message.content, "Echo: Hi", "content property");
    check_uint (choice.message.tool_calls.get_n_items (), 0, "no tool calls");

    Mistral.UsageInfo usage = response.usage;
    check (usage != null, "usage");
    check (usage.total_tokens > 0, "total_tokens > 0");
    check_uint (usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, "total_tokens");

    check (response.latency > 0, "latency > 0");
    check (response.latency < 10 * TimeSpan.SECOND, "latency < 10 s");
    check (response.get_latency () == response.latency, "get_latency ()");

    DateTime created = response.created;
    check (created != null, "created");
    var now = new DateTime.now_utc ();
    check ((now.difference (created)).abs () < 60 * TimeSpan.SECOND, "created is about now");
}

void test_request_properties () throws GLib.Error {
    // Property syntax: an object initializer, then a plain assignment.
    var request = new Mistral.ChatCompletionRequest ("m") {
        max_tokens = 16
    };
    request.temperature = 0.5;
    check_str (request.model, "m", "model");
    check ((request.temperature - 0.5).abs () < 1e-9, "temperature");
    check (request.temperature_set, "temperature_set");
    check (request.max_tokens_set, "max_tokens_set");
    check (!request.top_p_set, "!top_p_set");

    request.max_tokens_set = false;
    request.add_message (new Mistral.UserMessage ("Hi"));
    check_uint (request.messages.get_n_items (), 1, "messages");
    check (request.messages.get_item (0) is Mistral.UserMessage, "a UserMessage");
    check_str (request.to_json (),
               """{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.5}""",
               "to_json ()");
}

void test_conveniences () throws GLib.Error {
    var request = make_request ();
    request.add_message (new Mistral.AssistantMessage ("Hello"));
    request.add_message (new Mistral.UserMessage ("Bye"));
    request.remove_message (1);
    check_str (request.to_json (),
               """{"model":"mistral-small-latest","messages":[{"role":"user","content":"Hi"},{"role":"user","content":"Bye"}]}""",
               "to_json () after remove_message (1)");
    request.clear_messages ();
    check_uint (request.messages.get_n_items (), 0, "no messages after clear_messages ()");
    request.add_message (new Mistral.UserMessage ("Hi"));

    var client = make_client ();
    check_str (client.chat_completion (request).get_content (), "Echo: Hi", "get_content ()");

    var stream = client.chat_completion_stream (request);
    var text = new StringBuilder ();
    stream.chunk.connect ((chunk) => {
        var content = chunk.get_content ();
        if (content != null)
            text.append (content);
    });
    stream.run ();
    check_str (text.str, "Echo: Hi", "the chunks' get_content ()");

    check_uint (client.max_connections, 256, "max_connections");
    check (!client.allow_plain_http, "!allow_plain_http");
    check (client.tls_database == null, "no tls_database");
    // Construct-only: given to the constructor, as GObject does it.
    var limited = (Mistral.Client) Object.new (typeof (Mistral.Client), "api-key", "k", "max-connections", 4);
    check_uint (limited.max_connections, 4, "max_connections given at construction");
}

void test_blocking () throws GLib.Error {
    check_echo_response (make_client ().chat_completion (make_request ()));
}

async void test_async () throws GLib.Error {
    var response = yield make_client ().chat_completion_async (make_request (), null);
    check_echo_response (response);
}

void test_several_choices () throws GLib.Error {
    var request = make_request ();
    request.n = 2;
    var choices = make_client ().chat_completion (request).choices;
    check_uint (choices.get_n_items (), 2, "number of choices");
    check_str (((Mistral.ChatCompletionChoice) choices.get_item (0)).message.content,
               "Echo (0): Hi", "first choice");
    check_str (((Mistral.ChatCompletionChoice) choices.get_item (1)).message.content,
               "Echo (1): Hi", "second choice");
}

async void test_tool_call_round_trip () throws GLib.Error {
    var client = make_client ();
    var tool = new Mistral.Tool.from_string ("get_weather", "The weather in a city",
                                             WEATHER_PARAMETERS);
    check_str (tool.name, "get_weather", "tool name");
    check (tool.parameters != null, "tool parameters");

    var request = make_request ("mistral-small-latest", "What is the weather in Paris?");
    request.set_tools ({ tool });
    check_uint (request.tools.get_n_items (), 1, "tools");
    check (request.tools.get_item (0) == tool, "the same tool");

    var response = yield client.chat_completion_async (request, null);
    var choice = (Mistral.ChatCompletionChoice) response.choices.get_item (0);
    check (choice.finish_reason == Mistral.FinishReason.TOOL_CALLS, "finish_reason is TOOL_CALLS");

    Mistral.AssistantMessage assistant = response.get_assistant_message ();
    ListModel calls = assistant.get_tool_calls ();
    check_uint (calls.get_n_items (), 1, "number of tool calls");
    var call = calls.get_item (0) as Mistral.ToolCall;
    check (call != null, "a ToolCall");
    check_str (call.function_name, "get_weather", "function name");
    check (call.id != null && call.id.length == 9, "a 9-character id");
    for (int i = 0; i < call.id.length; i++)
        check (call.id[i].isalnum (), "an alphanumeric id");

    Json.Node arguments = call.parse_arguments ();
    check (arguments.get_node_type () == Json.NodeType.OBJECT, "arguments are an object");
    check_str (arguments.get_object ().get_string_member ("city"), "test", "city");
    check_uint (arguments.get_object ().get_size (), 1, "one argument");

    request.add_message (assistant);
    request.add_message (new Mistral.ToolMessage (call.id, call.function_name, "Sunny, 24 °C"));
    var body = parse_object (request.to_json ());
    var messages = body.get_array_member ("messages");
    check_uint (messages.get_length (), 3, "messages in body");
    var tool_message = messages.get_object_element (2);
    check_str (tool_message.get_string_member ("role"), "tool", "tool role in body");
    check_str (tool_message.get_string_member ("tool_call_id"), call.id, "tool_call_id in body");
    check_str (tool_message.get_string_member ("name"), "get_weather", "name in body");

    response = yield client.chat_completion_async (request, null);
    check_str (response.get_assistant_message ().get_content (), "Tool said: Sunny, 24 °C",
               "reply to the tool result");
}

void test_json_schema () throws GLib.Error {
    var request = make_request ("mistral-small-latest", "Who are you?");
    check (request.set_response_json_schema_from_string ("person", PERSON_SCHEMA, true),
           "set_response_json_schema_from_string ()");
    check (request.response_format.format_type == Mistral.ResponseFormatType.JSON_SCHEMA,
           "format type");
    var format = parse_object (request.to_json ()).get_object_member ("response_format");
    check_str (format.get_string_member ("type"), "json_schema", "response_format.type");
    var json_schema = format.get_object_member ("json_schema");
    check_str (json_schema.get_string_member ("name"), "person", "json_schema.name");
    check (json_schema.get_boolean_member ("strict"), "json_schema.strict");
    check (json_schema.get_object_member ("schema").has_member ("required"), "json_schema.schema");

    var response = make_client ().chat_completion (request);
    var reply = parse_object (response.get_assistant_message ().get_content ());
    check_uint (reply.get_size (), 2, "members of the reply");
    check_str (reply.get_string_member ("name"), "example", "name");
    check (reply.get_boolean_member ("adult"), "adult");
}

void test_unauthorized () throws GLib.Error {
    try {
        make_client ().chat_completion (make_request ("mock-error-401"));
        throw new TestError.FAILED ("mock-error-401 did not fail");
    } catch (Mistral.Error.UNAUTHORIZED e) {
        check (e is Mistral.Error, "in the Mistral.Error domain");
        check_str (e.message, "Unauthorized (HTTP 401)", "message");
    }
}

async void test_unauthorized_async () throws GLib.Error {
    try {
        yield make_client ().chat_completion_async (make_request ("mock-error-401"), null);
        throw new TestError.FAILED ("mock-error-401 did not fail");
    } catch (Mistral.Error.UNAUTHORIZED e) {
        check_str (e.message, "Unauthorized (HTTP 401)", "message");
    }
}

void test_rate_limited () throws GLib.Error {
    try {
        make_client ().chat_completion (make_request ("mock-error-429"));
        throw new TestError.FAILED ("mock-error-429 did not fail");
    } catch (Mistral.Error.RATE_LIMITED e) {
        check ("Rate limit exceeded" in e.message, "message: " + e.message);
    }
}

void test_invalid_request () throws GLib.Error {
    var request = make_request ();
    request.temperature = 2.0;

    try {
        request.to_json ();
        throw new TestError.FAILED ("to_json () accepted temperature 2.0");
    } catch (Mistral.Error.INVALID_REQUEST e) {
        check ("temperature" in e.message, "message: " + e.message);
    }

    // Nothing listens there: had the request been sent, this would be a
    // network error, not INVALID_REQUEST.
    var unreachable = new Mistral.Client ("test-key") {
        base_url = "http://127.0.0.1:1",
        max_retries = 0
    };
    try {
        unreachable.chat_completion (request);
        throw new TestError.FAILED ("chat_completion () accepted temperature 2.0");
    } catch (Mistral.Error.INVALID_REQUEST e) {
    }
}

async void test_cancel () throws GLib.Error {
    var cancellable = new Cancellable ();
    int64 started = get_monotonic_time ();

    Timeout.add (100, () => {
        cancellable.cancel ();
        return Source.REMOVE;
    });
    try {
        yield make_client ().chat_completion_async (make_request ("mock-slow-5000"), cancellable);
        throw new TestError.FAILED ("mock-slow-5000 was not cancelled");
    } catch (IOError.CANCELLED e) {
    }
    int64 elapsed = get_monotonic_time () - started;
    check (elapsed < TimeSpan.SECOND, "cancelled within 1 s (%s µs)".printf (elapsed.to_string ()));
}

void test_newer_fields () throws GLib.Error {
    var request = make_request ();
    request.reasoning_effort = Mistral.ReasoningEffort.HIGH;
    request.prompt_cache_key = "conversation-7";
    request.metadata = Json.from_string ("""{"user":"u-42"}""");
    check (request.reasoning_effort_set, "reasoning-effort-set");
    var body = parse_object (request.to_json ());
    check_str (body.get_string_member ("reasoning_effort"), "high", "reasoning_effort");
    check_str (body.get_string_member ("prompt_cache_key"), "conversation-7", "prompt_cache_key");
    check_str (body.get_object_member ("metadata").get_string_member ("user"), "u-42", "metadata");
    check_echo_response (make_client ().chat_completion (request, null));
}

const string[] TEST_NAMES = {
    "request: property syntax and to_json ()",
    "chat: blocking",
    "chat: async (yield)",
    "chat: several choices",
    "chat: tool-call round trip",
    "chat: JSON schema output",
    "error: HTTP 401 (blocking)",
    "error: HTTP 401 (async)",
    "error: HTTP 429",
    "error: invalid request fails before sending",
    "cancel: a slow request is cancelled promptly",
    "conveniences: get_content, remove and clear messages, client limits",
    "request: the newer fields",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_request_properties (); break;
            case 1: test_blocking (); break;
            case 2: yield test_async (); break;
            case 3: test_several_choices (); break;
            case 4: yield test_tool_call_round_trip (); break;
            case 5: test_json_schema (); break;
            case 6: test_unauthorized (); break;
            case 7: yield test_unauthorized_async (); break;
            case 8: test_rate_limited (); break;
            case 9: test_invalid_request (); break;
            case 10: yield test_cancel (); break;
            case 11: test_conveniences (); break;
            case 12: test_newer_fields (); break;
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

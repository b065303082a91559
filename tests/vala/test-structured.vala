// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// Structured output into classes defined in Vala: the strict schema made
// from their properties (a Vala enum as its nicks, a nested class), sent
// to the mock server, the reply parsed back into an instance, and replies
// that do not fit throwing Mistral.Error.INVALID_RESPONSE naming the member.
//
// Run by meson (`meson test vala-structured`). Prints TAP.

public enum ValaTestMood {
    CALM,
    GLAD
}

public class ValaTestAddress : Object {
    [Description (blurb = "The city's name")]
    public string city { get; set; }
    public int post_code { get; set; }
}

public class ValaTestPerson : Object {
    public string name { get; set; }
    public int age { get; set; }
    public double height { get; set; }
    public bool adult { get; set; }
    public ValaTestMood mood { get; set; }
    public string[] nicknames { get; set; }
    public ValaTestAddress home { get; set; }
}

const string PERSON = """{"name":"Ada","age":36,"height":1.7,"adult":true,"mood":"glad",""" +
    """"nicknames":["Countess"],"home":{"city":"London","post_code":1815}}""";

Mistral.ChatCompletionResponse response_with (string content) throws GLib.Error {
    var builder = new Json.Builder ();
    builder.begin_object ();
    builder.set_member_name ("id").add_string_value ("r1");
    builder.set_member_name ("object").add_string_value ("chat.completion");
    builder.set_member_name ("created").add_int_value (1767261600);
    builder.set_member_name ("model").add_string_value ("mistral-small-latest");
    builder.set_member_name ("choices").begin_array ().begin_object ();
    builder.set_member_name ("index").add_int_value (0);
    builder.set_member_name ("message").begin_object ();
    builder.set_member_name ("role").add_string_value ("assistant");
    builder.set_member_name ("content").add_string_value (content);
    builder.end_object ();
    builder.set_member_name ("finish_reason").add_string_value ("stop");
    builder.end_object ().end_array ();
    builder.end_object ();
    return new Mistral.ChatCompletionResponse.from_json (builder.get_root ());
}

void test_schema () throws GLib.Error {
    var format = new Mistral.ResponseFormat.for_type_full (typeof (ValaTestPerson), null);
    check_str (format.name, "ValaTestPerson", "the name");
    check (format.strict, "strict");
    check_str (Json.to_string (format.schema, false),
               """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},""" +
               """"height":{"type":"number"},"adult":{"type":"boolean"},""" +
               """"mood":{"type":"string","enum":["calm","glad"]},""" +
               """"nicknames":{"type":"array","items":{"type":"string"}},""" +
               """"home":{"type":"object","properties":{"city":{"type":"string","description":"The city's name"},""" +
               """"post_code":{"type":"integer"}},"required":["city","post_code"],"additionalProperties":false}},""" +
               """"required":["name","age","height","adult","mood","nicknames","home"],"additionalProperties":false}""",
               "the schema");
}

void test_request () throws GLib.Error {
    var request = new Mistral.ChatCompletionRequest ("mistral-small-latest");
    request.add_message (new Mistral.UserMessage ("Who?"));
    request.response_format = new Mistral.ResponseFormat.for_type (typeof (ValaTestPerson));
    var response = make_client ().chat_completion (request, null);
    var person = (ValaTestPerson) response.parse (typeof (ValaTestPerson));
    check_str (person.name, "example", "name");
    check (person.mood == ValaTestMood.CALM, "the first nick");
    check_str (person.home.city, "example", "home.city");
}

void test_parse () throws GLib.Error {
    var person = (ValaTestPerson) response_with (PERSON).parse (typeof (ValaTestPerson));
    check_str (person.name, "Ada", "name");
    check_uint (person.age, 36, "age");
    check (person.height == 1.7, "height");
    check (person.adult, "adult");
    check (person.mood == ValaTestMood.GLAD, "mood");
    check_uint (person.nicknames.length, 1, "one nickname");
    check_str (person.nicknames[0], "Countess", "the nickname");
    check_str (person.home.city, "London", "home.city");
    check_uint (person.home.post_code, 1815, "home.post_code");
}

void check_fails (string content, string message) throws GLib.Error {
    try {
        response_with (content).parse (typeof (ValaTestPerson));
        throw new TestError.FAILED ("%s: parsed", message);
    } catch (Mistral.Error.INVALID_RESPONSE e) {
        check_str (e.message, message, "the message");
    }
}

void test_failures () throws GLib.Error {
    check_fails (PERSON.replace ("\"age\":36,", ""), "Invalid response: content.age is missing");
    check_fails (PERSON.replace ("\"glad\"", "\"sad\""),
                 "Invalid response: content.mood is \"sad\", expected one of [\"calm\",\"glad\"]");
    check_fails (PERSON.replace ("1815", "\"1815\""),
                 "Invalid response: content.home.post_code is a string, expected an integer");
    check_fails (PERSON.replace ("}}", "},\"x\":1}"),
                 "Invalid response: content.x is not a property of ValaTestPerson");
}

const string[] TEST_NAMES = {
    "schema from a Vala class",
    "request sent and reply parsed",
    "parse every field",
    "failures name the member",
};

async int run_tests () {
    int failures = 0;

    print ("1..%d\n", TEST_NAMES.length);
    for (int i = 0; i < TEST_NAMES.length; i++) {
        try {
            switch (i) {
            case 0: test_schema (); break;
            case 1: test_request (); break;
            case 2: test_parse (); break;
            case 3: test_failures (); break;
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

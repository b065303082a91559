#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The conformance checker (openapi_check.py) on hand-written bodies from
# ../shared/API-NOTES.md (fixtures/good-*.jsonl, section 8's F1 to F5) and on
# deliberately wrong ones, each with the exact message it must print.
#
# Run with /usr/bin/python3 (Debian's python3-jsonschema 4.10 and
# python3-yaml). Exits 77 (skipped, with the reason) when the description
# or those modules are missing: it never passes without checking.

import contextlib
import copy
import io
import json
import os
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import openapi_check as oc  # noqa: E402

FIXTURES = os.path.join(HERE, "fixtures")
CHAT = "/v1/chat/completions"
try:
    import jsonschema  # noqa: F401
    import yaml  # noqa: F401
    DESCRIPTION = oc.find_description()
except ImportError as e:
    print("SKIP: %s (install python3-jsonschema and python3-yaml)" % e)
    sys.exit(oc.EXIT_SKIP)
except oc.DescriptionMissing as e:
    print("SKIP: %s" % e)
    sys.exit(oc.EXIT_SKIP)

_start = time.monotonic()
DESC = oc.load_description()
LOAD_SECONDS = time.monotonic() - _start


def fixtures(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def good_request(index=0):
    return copy.deepcopy(fixtures("good-requests.jsonl")[index]["body"])


def sse(*chunks, done=True):
    text = "".join("data: %s\n\n" % json.dumps(c, separators=(",", ":")) for c in chunks)
    return text + ("data: [DONE]\n\n" if done else "")


def chunk(delta, finish_reason=None, **extra):
    out = {"id": "7a1f3c9e5d2b4a6c8e0f1a3b5c7d9e2f", "object": "chat.completion.chunk",
           "created": 1767261602, "model": "mistral-small-latest",
           "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
    out.update(extra)
    return out


class Requests(unittest.TestCase):

    def test_fixtures_conform(self):
        for entry in fixtures("good-requests.jsonl"):
            with self.subTest(path=entry["path"], body=str(entry["body"])[:60]):
                self.assertEqual(DESC.check_request(entry["method"], entry["path"], entry["body"]), [])

    def test_chat_request_forbids_extra_properties(self):
        # The description: ChatCompletionRequest has additionalProperties
        # false (and so has every message, tool and sub-object).
        schema = DESC.doc["components"]["schemas"]["ChatCompletionRequest"]
        self.assertIs(schema["additionalProperties"], False)
        self.assertEqual(sorted(schema["required"]), ["messages", "model"])

    def test_wrong_field_name(self):
        body = good_request()
        body["max_token"] = body.pop("max_tokens")
        self.assertEqual(DESC.check_request("POST", CHAT, body), [
            "request POST /v1/chat/completions: $.max_token: unexpected property, "
            "did you mean 'max_tokens'? (ChatCompletionRequest forbids others)"])

    def test_stream_options_is_not_in_the_description(self):
        # API-NOTES section 5: the wire answers 422 extra_forbidden.
        body = good_request()
        body["stream_options"] = {"include_usage": True}
        self.assertEqual(DESC.check_request("POST", CHAT, body), [
            "request POST /v1/chat/completions: $.stream_options: unexpected property "
            "(ChatCompletionRequest allows no other than: model, temperature, top_p, "
            "max_tokens, stream, stop, random_seed, metadata, messages, response_format, "
            "tools, tool_choice, presence_penalty, frequency_penalty, n, prediction, "
            "parallel_tool_calls, reasoning_effort, prompt_mode, guardrails, "
            "prompt_cache_key, service_tier, safe_prompt)"])

    def test_every_error_at_its_path(self):
        body = good_request(1)   # F1b: a tool call and its result
        del body["model"]
        body["temperature"] = 2
        body["top_p"] = 0
        body["tool_choice"] = "sometimes"
        body["messages"][0]["name"] = "me"
        body["messages"][1]["tool_calls"][0]["function"]["arguments"] = 12
        body["messages"][2]["role"] = "function"
        body["messages"].append({"content": "no role"})
        body["messages"].append({"role": "user", "content": [{"type": "txt", "text": "hi"}]})
        body["response_format"]["json_schema"]["strict"] = "yes"
        self.assertEqual(DESC.check_request("POST", CHAT, body), [
            "request POST /v1/chat/completions: $.temperature: 2 is greater than the maximum of 1.5",
            "request POST /v1/chat/completions: $.top_p: 0 is less than or equal to the minimum of 0",
            "request POST /v1/chat/completions: $.messages[0].name: unexpected property "
            "(UserMessage allows no other than: role, content)",
            "request POST /v1/chat/completions: $.messages[1].tool_calls[0].function.arguments: "
            "12 is not of type 'object', 'string'",
            "request POST /v1/chat/completions: $.messages[2].role: 'function' is not one of "
            "assistant, system, tool, user (the discriminator)",
            "request POST /v1/chat/completions: $.messages[3].role: missing "
            "(the discriminator: one of assistant, system, tool, user)",
            "request POST /v1/chat/completions: $.messages[4].content[0].type: 'txt' is not one of "
            "document_url, file, image_url, input_audio, reference, text, thinking (the discriminator)",
            "request POST /v1/chat/completions: $.response_format.json_schema.strict: "
            "'yes' is not of type 'boolean'",
            "request POST /v1/chat/completions: $.tool_choice: 'sometimes' is not one of "
            "['auto', 'none', 'any', 'required']",
            "request POST /v1/chat/completions: $.model: missing (required by ChatCompletionRequest)",
        ])

    def test_stream_request(self):
        body = good_request(2)
        self.assertTrue(body["stream"])
        body["n"] = 0
        self.assertEqual(DESC.check_request("POST", CHAT, body), [
            "request POST /v1/chat/completions: $.n: 0 is less than the minimum of 1"])

    def test_embeddings_request(self):
        body = good_request(3)
        self.assertEqual(DESC.check_request("POST", "/v1/embeddings", body), [])
        body["encoding_format"] = "base32"
        body["input"] = [1, 2]
        # input is a string or an array of strings: the array branch's errors.
        self.assertEqual(DESC.check_request("POST", "/v1/embeddings", body), [
            "request POST /v1/embeddings: $.input[0]: 1 is not of type 'string'",
            "request POST /v1/embeddings: $.input[1]: 2 is not of type 'string'",
            "request POST /v1/embeddings: $.encoding_format: 'base32' is not one of ['float', 'base64']"])
        body["input"] = {"text": "Lyon"}
        body["encoding_format"] = "float"
        self.assertEqual(DESC.check_request("POST", "/v1/embeddings", body), [
            "request POST /v1/embeddings: $.input: {'text': 'Lyon'} is not of type 'string', 'array'"])

    def test_unknown_operation_and_body_as_text(self):
        self.assertEqual(DESC.check_request("POST", "/v1/chat/completion", {}), [
            "request POST /v1/chat/completion: no such operation in the description"])
        self.assertEqual(DESC.check_request("GET", CHAT, None), [
            "request GET /v1/chat/completions: no such operation in the description"])
        self.assertEqual(DESC.check_request("POST", CHAT, None), [
            "request POST /v1/chat/completions: a body is required"])
        self.assertEqual(DESC.check_request("POST", CHAT, json.dumps(good_request())), [])
        [error] = DESC.check_request("POST", CHAT, '{"model": ')
        self.assertTrue(error.startswith("request POST /v1/chat/completions: the body is not JSON"))

    def test_path_templates(self):
        self.assertEqual([key for key, _ in DESC.operations("GET", "/v1/models/ft:a:b?x=1")],
                         ["/v1/models/{model_id}"])
        self.assertEqual([key for key, _ in DESC.operations("GET", "/v1/files/1234/content")],
                         ["/v1/files/{file_id}/content"])
        self.assertEqual(DESC.operations("GET", "/v1/models/a/b"), [])


class Replies(unittest.TestCase):

    def test_fixtures_conform(self):
        for entry in fixtures("good-replies.jsonl"):
            with self.subTest(status=entry["status"], path=entry["path"], body=entry["body"][:60]):
                self.assertEqual(DESC.check_reply(entry["method"], entry["path"], entry["status"],
                                                  entry["content_type"], entry["body"]), [])

    def test_plain_reply(self):
        reply = json.loads(fixtures("good-replies.jsonl")[0]["body"])   # F2
        self.assertEqual(DESC.check_reply("POST", CHAT, 200, "application/json", reply), [])
        del reply["created"]
        reply["usage"]["cached"] = 0
        reply["choices"][0]["finish_reason"] = "done"
        reply["choices"][0]["message"]["role"] = "user"
        self.assertEqual(DESC.check_reply("POST", CHAT, 200, "application/json", reply), [
            "reply 200 POST /v1/chat/completions: $.usage.cached: unexpected property "
            "(UsageInfo allows no other than: prompt_tokens, completion_tokens, total_tokens, "
            "prompt_audio_seconds, service_tier, prompt_tokens_details, prompt_token_details, "
            "completion_tokens_details, num_cached_tokens, request_count)",
            "reply 200 POST /v1/chat/completions: $.choices[0].message.role: 'assistant' was expected",
            "reply 200 POST /v1/chat/completions: $.choices[0].finish_reason: 'done' is not one of "
            "['stop', 'length', 'model_length', 'error', 'tool_calls']",
            "reply 200 POST /v1/chat/completions: $.created: missing (required by ChatCompletionResponse)",
        ])

    def test_streamed_reply(self):
        good = sse(chunk({"role": "assistant", "content": ""}),
                   chunk({"content": "Bring"}),
                   chunk({"content": " an umbrella"}, "stop",
                         usage={"prompt_tokens": 23, "total_tokens": 33, "completion_tokens": 10}))
        self.assertEqual(DESC.check_reply("POST", CHAT, 200, "text/event-stream", good), [])
        bad = sse(chunk({"role": "assistant", "content": ""}),
                  chunk({"content": 7}),
                  chunk({"content": "!"}, "model_length", usage={"prompt_tokens": 1}),
                  {"object": "error", "message": "Generation failed", "type": "server_error",
                   "param": None, "code": None})
        self.assertEqual(DESC.check_reply("POST", CHAT, 200, "text/event-stream", bad), [
            "reply 200 POST /v1/chat/completions event 2: $.data.choices[0].delta.content: "
            "7 is not of type 'string', 'null', 'array'",
            "reply 200 POST /v1/chat/completions event 3: $.data.usage.completion_tokens: "
            "missing (required by UsageInfo)",
            "reply 200 POST /v1/chat/completions event 3: $.data.usage.total_tokens: "
            "missing (required by UsageInfo)",
            "reply 200 POST /v1/chat/completions event 3: $.data.choices[0].finish_reason: "
            "'model_length' is not one of ['stop', 'length', 'error', 'tool_calls', None]",
            # No in-stream error object is documented (API-NOTES section 5).
            "reply 200 POST /v1/chat/completions event 4: $.data.id: missing (required by CompletionChunk)",
            "reply 200 POST /v1/chat/completions event 4: $.data.model: "
            "missing (required by CompletionChunk)",
            "reply 200 POST /v1/chat/completions event 4: $.data.choices: "
            "missing (required by CompletionChunk)",
        ])

    def test_stream_framing(self):
        text = ("data: {\"id\":\"a\",\r\ndata: \"model\":\"m\",\"choices\":[]}\r\n\r\n"
                ": keep-alive\n\nevent: x\ndata: [DONE]\n\ndata: {not json}\n\ndata: {\"cut\": ")
        self.assertEqual(oc.parse_sse(text), [
            {"data": "{\"id\":\"a\",\n\"model\":\"m\",\"choices\":[]}"},
            {"event": "x", "data": "[DONE]"},
            {"data": "{not json}"}])
        self.assertEqual(DESC.check_reply("POST", CHAT, 200, "text/event-stream", text), [
            "reply 200 POST /v1/chat/completions event 3: the data is not JSON "
            "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1)): '{not json}'"])

    def test_error_replies(self):
        # 422 as the API sends it (API-NOTES section 6 variant 1): the
        # description's HTTPValidationError plus the envelope (waiver W4).
        body = {"object": "error", "message": {"detail": [
            {"type": "extra_forbidden", "loc": ["body", "stream_options"],
             "msg": "Extra inputs are not permitted", "input": {"include_usage": True}}]},
            "type": "invalid_request_error", "param": None, "code": None}
        self.assertEqual(DESC.check_reply("POST", CHAT, 422, "application/json", body), [])
        del body["message"]["detail"][0]["msg"]
        body["message"]["detail"][0]["loc"].append(None)
        self.assertEqual(DESC.check_reply("POST", CHAT, 422, "application/json", body), [
            "reply 422 POST /v1/chat/completions: $.message.detail[0].loc[2]: "
            "None is not of type 'string', 'integer'",
            "reply 422 POST /v1/chat/completions: $.message.detail[0].msg: "
            "missing (required by ValidationError)"])
        # 401 is not in the description (waiver W3): the observed bodies.
        for text in ('{"message":"Unauthorized","request_id":"5d2f8e1c0b7a4936a1e4c8d2f6b0a937"}',
                     '{"detail":"Unauthorized"}', ""):
            self.assertEqual(DESC.check_reply("POST", CHAT, 401, "application/json", text), [])
        self.assertEqual(DESC.check_reply("POST", CHAT, 401, "application/json",
                                          '{"error":"Unauthorized"}'), [
            "reply 401 POST /v1/chat/completions: $: missing: 'message' or 'detail' "
            "(the branches of anyOf in ObservedErrorBody (waiver W3))",
            "reply 401 POST /v1/chat/completions: $.error: unexpected property (ObservedErrorBody "
            "(waiver W3) allows no other than: object, message, type, param, code, "
            "raw_status_code, request_id, detail)"])
        self.assertEqual(DESC.check_reply("POST", CHAT, 401, "text/plain", "Unauthorized"), [
            "reply 401 POST /v1/chat/completions: content type text/plain not declared "
            "for status 401 (declared: application/json)"])
        self.assertEqual(DESC.check_reply("POST", CHAT, 201, "application/json", "{}"), [
            "reply 201 POST /v1/chat/completions: status 201 not declared (declared: 200, 422, 4XX, 5XX)"])

    def test_embeddings_reply(self):
        entry = [e for e in fixtures("good-replies.jsonl") if e["path"] == "/v1/embeddings"][0]
        body = json.loads(entry["body"])
        body["data"][1]["embedding"][0] = "0.5"
        del body["usage"]
        self.assertEqual(DESC.check_reply("POST", "/v1/embeddings", 200, "application/json", body), [
            "reply 200 POST /v1/embeddings: $.data[1].embedding[0]: '0.5' is not of type 'number'",
            "reply 200 POST /v1/embeddings: $.usage: missing (required by the schema)"])

    def test_models_reply(self):
        entry = [e for e in fixtures("good-replies.jsonl") if e["path"] == "/v1/models"][0]
        body = json.loads(entry["body"])
        body["data"][0]["capabilities"]["vision"] = "yes"
        body["data"][1]["type"] = "finetuned"
        del body["data"][0]["id"]
        self.assertEqual(DESC.check_reply("GET", "/v1/models", 200, "application/json", body), [
            "reply 200 GET /v1/models: $.data[0].capabilities.vision: 'yes' is not of type 'boolean'",
            "reply 200 GET /v1/models: $.data[0].id: missing (required by BaseModelCard)",
            "reply 200 GET /v1/models: $.data[1].type: 'finetuned' is not one of base, fine-tuned "
            "(the discriminator)"])


class Waivers(unittest.TestCase):

    def test_each_waiver_is_needed(self):
        # Against the unpatched description, each waived body fails (W1 to
        # W3, W5) or goes unchecked (W4).
        raw = oc.Description(oc.load_document(DESCRIPTION, os.environ.get("MISTRAL_OPENAPI_CACHE")))
        f2, f2b = fixtures("good-replies.jsonl")[:2]
        self.assertEqual(raw.check_reply("POST", CHAT, 200, "application/json", f2["body"]), [
            "reply 200 POST /v1/chat/completions: $.data: missing (required by ChatCompletionResponse)"])
        self.assertIn("$.usage.prompt_tokens_details: unexpected property",
                      raw.check_reply("POST", CHAT, 200, "application/json", f2b["body"])[0])
        self.assertEqual(raw.check_reply("POST", CHAT, 401, "application/json", '{"detail":"x"}'), [
            "reply 401 POST /v1/chat/completions: status 401 not declared (declared: 200, 422)"])
        wrapped = '{"object":"error","message":{"detail":[{"loc":7}]},"type":"t","param":null,"code":null}'
        self.assertEqual(raw.check_reply("POST", CHAT, 422, "application/json", wrapped), [])
        self.assertEqual(len(DESC.check_reply("POST", CHAT, 422, "application/json", wrapped)), 3)
        speech = "event: speech.audio.done\ndata: {\"type\":\"speech.audio.done\",\"usage\":{}}\n\n"
        [error] = raw.check_reply("POST", "/v1/audio/speech", 200, "text/event-stream", speech)
        self.assertIn("unresolvable", error)
        self.assertEqual([w["id"] for w in oc.WAIVERS], ["W1", "W2", "W3", "W4", "W5"])
        for waiver in oc.WAIVERS:
            self.assertTrue(waiver["what"] and waiver["evidence"], waiver["id"])

    def test_local_defs_resolve(self):
        # W5: the speech stream's refs into its own $defs.
        text = sse({"type": "speech.audio.done",
                    "usage": {"prompt_tokens": 3, "total_tokens": 3, "completion_tokens": None,
                              "prompt_tokens_details": {"cached_tokens": 0}}}, done=False)
        text = "event: speech.audio.done\n" + text
        self.assertEqual(DESC.check_reply("POST", "/v1/audio/speech", 200, "text/event-stream", text), [])


class Program(unittest.TestCase):

    def run_main(self, *args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = oc.main(list(args))
        return code, out.getvalue()

    def test_fixtures_pass(self):
        code, out = self.run_main("--requests", os.path.join(FIXTURES, "good-requests.jsonl"),
                                  "--replies", os.path.join(FIXTURES, "good-replies.jsonl"))
        self.assertEqual(code, oc.EXIT_OK, out)
        self.assertIn("bodies checked against mistral-openapi.yaml: all conform", out)

    def test_a_wrong_body_fails(self):
        body = good_request()
        body["max_token"] = body.pop("max_tokens")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "requests.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"method": "POST", "path": CHAT, "body": good_request()}) + "\n")
                f.write(json.dumps({"method": "POST", "path": CHAT, "body": body}) + "\n")
                f.write("{\"method\": \"POST\"}\n")
            empty = os.path.join(tmp, "replies.jsonl")
            open(empty, "w").close()
            code, out = self.run_main("--requests", path, "--replies", empty)
        self.assertEqual(code, oc.EXIT_FAIL)
        self.assertEqual(out.replace(tmp, "TMP").splitlines(), [
            "TMP/requests.jsonl:2: request POST /v1/chat/completions: $.max_token: unexpected "
            "property, did you mean 'max_tokens'? (ChatCompletionRequest forbids others)",
            "TMP/requests.jsonl:3: not a request entry (KeyError: 'path')",
            "TMP/replies.jsonl: no reply to check (an empty record checks nothing)",
            "3 bodies checked against mistral-openapi.yaml: 3 errors"])

    def test_missing_description_skips(self):
        saved = (oc.DEFAULT_DESCRIPTION, os.environ.get("MISTRAL_OPENAPI"))
        oc.DEFAULT_DESCRIPTION = "/nonexistent/shared/mistral-openapi.yaml"
        os.environ["MISTRAL_OPENAPI"] = "/nonexistent/elsewhere.yaml"
        try:
            code, out = self.run_main("--requests", "x.jsonl")
        finally:
            oc.DEFAULT_DESCRIPTION = saved[0]
            if saved[1] is None:
                del os.environ["MISTRAL_OPENAPI"]
            else:
                os.environ["MISTRAL_OPENAPI"] = saved[1]
        self.assertEqual(code, oc.EXIT_SKIP)
        self.assertEqual(out, "SKIP: Mistral's OpenAPI description not found (MISTRAL_OPENAPI: "
                         "/nonexistent/elsewhere.yaml, the default: /nonexistent/shared/"
                         "mistral-openapi.yaml); set MISTRAL_OPENAPI to mistral-openapi.yaml\n")

    def test_cache(self):
        with tempfile.TemporaryDirectory() as tmp:
            cache = os.path.join(tmp, "sub", "openapi.json")
            first = oc.load_document(DESCRIPTION, cache)
            self.assertTrue(os.path.exists(cache))
            start = time.monotonic()
            second = oc.load_document(DESCRIPTION, cache)
            cached = time.monotonic() - start
            self.assertEqual(first, second)
            with open(cache, "r+", encoding="utf-8") as f:   # a stale key is reloaded
                data = json.load(f)
                data["key"] = "0:stale"
                data["document"] = {}
                f.seek(0)
                json.dump(data, f)
                f.truncate()
            self.assertEqual(oc.load_document(DESCRIPTION, cache), first)
        print("\ntimings: description loaded in %.3f s (cache %s), cached reload %.3f s"
              % (LOAD_SECONDS, os.environ.get("MISTRAL_OPENAPI_CACHE") or "none", cached),
              file=sys.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)

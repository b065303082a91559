#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
"""Drives the local server through every endpoint and reply shape it offers
and checks each reply against Mistral's OpenAPI description (issue 13).

    drive_replies.py [--record FILE.jsonl]

The server is $MISTRAL_MOCK_SERVER. A new endpoint joins by a line in
SHAPES. What is not here on purpose: the fault injection and the hostile
shapes the tests script (a stream cut short, an error object inside a
stream, bodies of the wrong type): they are not the API's, and the library's
hostile tests are where they belong; and 404/405 for paths and methods the
description has no operation for, which it cannot judge.
"""

import http.client
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import openapi_check  # noqa: E402

KEY = "conformance-key"
CHAT = "/v1/chat/completions"
MODELS = "/v1/models"
FILES = "/v1/files"
BOUNDARY = "conformance-boundary"
UPLOAD_BODY = ("--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
               "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"requests.jsonl\"\r\n"
               "Content-Type: application/octet-stream\r\n\r\n{\"custom_id\":\"1\"}\n\r\n--%s--\r\n"
               % (BOUNDARY, BOUNDARY, BOUNDARY)).encode()
FT_MODEL = "ft:open-mistral-7b:587a6b29:20240514:7e773925"
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello"}]
TOOL = {"type": "function", "function": {
    "name": "get_weather", "description": "The weather in a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
SCHEMA = {"type": "json_schema", "json_schema": {
    "name": "answer", "strict": True,
    "schema": {"type": "object", "properties": {"text": {"type": "string"}, "n": {"type": "integer"}},
               "required": ["text", "n"], "additionalProperties": False}}}


EMBEDDINGS = "/v1/embeddings"
FIM = "/v1/fim/completions"
MODERATIONS = "/v1/moderations"
CHAT_MODERATIONS = "/v1/chat/moderations"
CLASSIFICATIONS = "/v1/classifications"
BATCH = "/v1/batch/jobs"
CHAT_CLASSIFICATIONS = "/v1/chat/classifications"
OCR = "/v1/ocr"
OCR_TEXT = "data:text/plain;base64,SGVhZGVyCiMgVGl0bGUKW2ltYWdlXQp8IGEgfCBiIHwKfC0tLXwtLS18CnwgMSB8IDIgfApTZWUgaHR0cHM6Ly9taXN0cmFsLmFpLyBub3cuCkZvb3RlcgxQYWdlIHR3bwpFbmQ="


def fim(**fields):
    return dict({"model": "codestral-latest", "prompt": "def add(a, b):\n    ",
                 "suffix": "\n\nprint(add(1, 2))\n"}, **fields)


def embeddings(**fields):
    return dict({"model": "mistral-embed", "input": ["Embed this sentence.", "As well as this one."]}, **fields)


def chat(**fields):
    return dict({"model": "mistral-small-latest", "messages": MESSAGES}, **fields)


# (what, method, path, body, headers): every shape the server answers.
SHAPES = [
    ("plain", "POST", CHAT, chat(), {}),
    ("plain, every option", "POST", CHAT,
     chat(temperature=0.3, top_p=0.9, max_tokens=50, random_seed=7, stop=["\n\n"],
          presence_penalty=0.1, frequency_penalty=0.2, safe_prompt=True), {}),
    ("streamed", "POST", CHAT, chat(stream=True), {}),
    ("streamed, thinking first", "POST", CHAT, chat(model="mock-thinking", stream=True), {}),
    ("n = 2", "POST", CHAT, chat(n=2), {}),
    ("n = 2, streamed", "POST", CHAT, chat(n=2, stream=True), {}),
    ("tool call", "POST", CHAT, chat(tools=[TOOL], tool_choice="any"), {}),
    ("tool call, streamed", "POST", CHAT, chat(tools=[TOOL], tool_choice="any", stream=True), {}),
    ("tool result", "POST", CHAT, chat(messages=MESSAGES + [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1a2b3c4d5", "type": "function",
             "function": {"name": "get_weather", "arguments": "{\"city\": \"Lyon\"}"}}]},
        {"role": "tool", "tool_call_id": "call_1a2b3c4d5", "name": "get_weather", "content": "Rain"}],
        tools=[TOOL]), {}),
    ("JSON mode", "POST", CHAT, chat(response_format={"type": "json_object"}), {}),
    ("JSON schema", "POST", CHAT, chat(response_format=SCHEMA), {}),
    ("JSON schema, streamed", "POST", CHAT, chat(response_format=SCHEMA, stream=True), {}),
    ("content chunks", "POST", CHAT, chat(messages=[{"role": "user", "content": [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": "https://example.org/a.png"}]}]), {}),
    ("prefix", "POST", CHAT, chat(messages=MESSAGES + [
        {"role": "assistant", "content": "Sure:", "prefix": True}]), {}),
    ("400", "POST", CHAT, chat(model="mock-error-400"), {}),
    ("401, no key", "POST", CHAT, chat(), {"Authorization": None}),
    ("401, wrong key", "POST", CHAT, chat(), {"Authorization": "Bearer wrong"}),
    ("422, from the server's validation", "POST", CHAT, chat(temperature="hot", stream_options={}), {}),
    ("422, scripted", "POST", CHAT, chat(model="mock-error-422"), {}),
    ("429", "POST", CHAT, chat(model="mock-error-429"), {}),
    ("500", "POST", CHAT, chat(model="mock-error-500"), {}),
    ("502", "POST", CHAT, chat(model="mock-error-502"), {}),
    ("503", "POST", CHAT, chat(model="mock-error-503"), {}),
    ("504", "POST", CHAT, chat(model="mock-error-504"), {}),
    ("models: list", "GET", MODELS, None, {}),
    ("models: list, one model", "GET", MODELS + "?model=codestral-latest", None, {}),
    ("models: list, by provider", "GET", MODELS + "?provider=mistralai", None, {}),
    ("models: get, base", "GET", MODELS + "/mistral-small-2506", None, {}),
    ("models: get, deprecated", "GET", MODELS + "/open-mistral-7b", None, {}),
    ("models: get, fine-tuned", "GET", MODELS + "/" + FT_MODEL.replace(":", "%3A"), None, {}),
    ("models: get, 404", "GET", MODELS + "/no-such-model", None, {}),
    ("models: get, 401", "GET", MODELS + "/mistral-small-2506", None, {"Authorization": None}),
    ("models: delete, fine-tuned", "DELETE", MODELS + "/" + FT_MODEL, None, {}),
    ("models: delete, base (400)", "DELETE", MODELS + "/mistral-small-2506", None, {}),
    ("models: delete, 404", "DELETE", MODELS + "/no-such-model", None, {}),
    ("models: list, 500", "GET", MODELS + "?model=mock-error-500", None, {}),
    ("embeddings", "POST", EMBEDDINGS, embeddings(), {}),
    ("embeddings, one text", "POST", EMBEDDINGS, embeddings(input="Just one."), {}),
    ("embeddings, every option", "POST", EMBEDDINGS,
     embeddings(output_dimension=256, output_dtype="int8", encoding_format="float", metadata={"k": "v"}), {}),
    ("embeddings, ubinary", "POST", EMBEDDINGS, embeddings(output_dtype="ubinary"), {}),
    ("embeddings, 422", "POST", EMBEDDINGS, embeddings(output_dimension=0, output_dtype="int4"), {}),
    ("embeddings, 400", "POST", EMBEDDINGS, embeddings(model="mock-error-400"), {}),
    ("fim", "POST", FIM, fim(), {}),
    ("fim, every option", "POST", FIM,
     fim(temperature=0.2, top_p=0.9, max_tokens=2, min_tokens=1, stop=["\n\n"], random_seed=7,
         metadata={"k": "v"}, prompt_cache_key="editor-1"), {}),
    ("fim, streamed", "POST", FIM, fim(stream=True), {}),
    ("fim, 422", "POST", FIM, {"model": "codestral-latest", "suffix": 3, "messages": []}, {}),
    ("fim, 429", "POST", FIM, fim(model="mock-error-429"), {}),
    ("moderations", "POST", MODERATIONS,
     {"model": "mistral-moderation-latest", "input": ["I will kill you", "Nice weather"]}, {}),
    ("moderations, one text", "POST", MODERATIONS, {"model": "mistral-moderation-latest", "input": "Hi"}, {}),
    ("moderations, 422", "POST", MODERATIONS, {"model": "mistral-moderation-latest", "input": [3]}, {}),
    ("moderations, 429", "POST", MODERATIONS, {"model": "mock-error-429", "input": "Hi"}, {}),
    ("chat moderations", "POST", CHAT_MODERATIONS, {"model": "mistral-moderation-latest", "input": MESSAGES}, {}),
    ("chat moderations, two conversations", "POST", CHAT_MODERATIONS,
     {"model": "mistral-moderation-latest", "input": [MESSAGES, MESSAGES]}, {}),
    ("chat moderations, 422", "POST", CHAT_MODERATIONS,
     {"model": "mistral-moderation-latest", "input": [{"role": "robot"}]}, {}),
    ("classifications", "POST", CLASSIFICATIONS, {"model": "ft:classifier:abc", "input": ["A bad day"]}, {}),
    ("classifications, 422", "POST", CLASSIFICATIONS, {"model": "ft:classifier:abc"}, {}),
    ("chat classifications", "POST", CHAT_CLASSIFICATIONS,
     {"model": "ft:classifier:abc", "input": {"messages": MESSAGES}}, {}),
    ("chat classifications, a list", "POST", CHAT_CLASSIFICATIONS,
     {"model": "ft:classifier:abc", "input": [{"messages": MESSAGES}, {"messages": MESSAGES}]}, {}),
    ("chat classifications, 422", "POST", CHAT_CLASSIFICATIONS,
     {"model": "ft:classifier:abc", "input": {"messages": MESSAGES, "extra": 1}}, {}),
    ("ocr, document URL", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "document_url", "document_url": "https://e.com/a.pdf"}}, {}),
    ("ocr, every option", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "document_url", "document_url": OCR_TEXT,
                                                  "document_name": "a.txt"},
      "pages": [0, 1], "include_image_base64": True, "image_limit": 4, "image_min_size": 0,
      "table_format": "html", "extract_header": True, "extract_footer": True, "include_blocks": False,
      "confidence_scores_granularity": "page", "bbox_annotation_format": SCHEMA,
      "document_annotation_format": SCHEMA, "document_annotation_prompt": "Title?"}, {}),
    ("ocr, markdown tables, pages as text", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "document_url", "document_url": OCR_TEXT},
      "pages": "1", "table_format": "markdown"}, {}),
    ("ocr, image URL", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "image_url", "image_url": "https://e.com/a.png"},
      "include_image_base64": True}, {}),
    ("ocr, file id", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "file", "file_id": "7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11"}},
     {}),
    ("ocr, 422", "POST", OCR, {"model": "mistral-ocr-latest", "document": {"type": "page"}}, {}),
    ("ocr, 400 bad data URL", "POST", OCR,
     {"model": "mistral-ocr-latest", "document": {"type": "document_url", "document_url": "data:a/b;base64,%"}}, {}),
    ("ocr, 429", "POST", OCR,
     {"model": "mock-error-429", "document": {"type": "document_url", "document_url": "https://e.com/a.pdf"}}, {}),
    # Files: an upload (multipart), then the file it made (its id taken from
    # the upload's reply when the shape is sent).
    ("files: upload", "POST", FILES, UPLOAD_BODY, {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY}),
    ("files: upload, 422 no file", "POST", FILES, b"--" + BOUNDARY.encode() + b"--\r\n",
     {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY}),
    ("files: list", "GET", FILES, None, {}),
    ("files: list, filtered", "GET", FILES + "?page=0&page_size=10&purpose=batch&sample_type=batch_request", None, {}),
    ("files: list, 422", "GET", FILES + "?source=elsewhere", None, {}),
    ("files: get", "GET", lambda state: FILES + "/" + state["file_id"], None, {}),
    ("files: url", "GET", lambda state: FILES + "/" + state["file_id"] + "/url?expiry=48", None, {}),
    ("files: url, 422", "GET", lambda state: FILES + "/" + state["file_id"] + "/url?expiry=0", None, {}),
    ("files: content", "GET", lambda state: FILES + "/" + state["file_id"] + "/content", None, {}),
    ("files: delete", "DELETE", lambda state: FILES + "/" + state["file_id"], None, {}),
    ("files: get, 404", "GET", lambda state: FILES + "/" + state["file_id"], None, {}),
    ("files: get, 422", "GET", FILES + "/not-a-uuid", None, {}),
    # Batch jobs: inline, and from an input file (uploaded here), then the
    # job made (its id taken from the create's reply).
    ("batch: upload input", "POST", FILES, UPLOAD_BODY, {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY}),
    ("batch: create", "POST", BATCH,
     {"endpoint": CHAT, "metadata": {"project": "faq"}, "timeout_hours": 48,
      "requests": [{"custom_id": "q0", "body": chat()}, {"body": chat()}]}, {}),
    ("batch: create from a file", "POST", BATCH,
     lambda state: {"endpoint": EMBEDDINGS, "model": "mistral-embed", "input_files": [state["batch_file"]]}, {}),
    ("batch: create, 422", "POST", BATCH, {"endpoint": CHAT, "requests": [{"body": chat()}], "timeout_hours": 0}, {}),
    ("batch: create, 422 endpoint", "POST", BATCH, {"endpoint": "/v1/nothing", "requests": [{"body": chat()}]}, {}),
    ("batch: create, 400 no input", "POST", BATCH, {"endpoint": CHAT}, {}),
    ("batch: create, 404 file", "POST", BATCH,
     {"endpoint": CHAT, "input_files": ["b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d"]}, {}),
    ("batch: list", "GET", BATCH, None, {}),
    ("batch: list, filtered", "GET", BATCH + "?page=0&page_size=1&status=QUEUED&status=RUNNING&created_by_me=true",
     None, {}),
    ("batch: list, 422", "GET", BATCH + "?status=DONE", None, {}),
    ("batch: get", "GET", lambda state: BATCH + "/" + state["job_id"], None, {}),
    ("batch: cancel", "POST", lambda state: BATCH + "/" + state["job_id"] + "/cancel", None, {}),
    ("batch: get, 404", "GET", BATCH + "/b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d", None, {}),
    ("batch: get, 422", "GET", BATCH + "/not-a-uuid", None, {}),
    ("batch: cancel, 404", "POST", BATCH + "/b9a4d6a2-3c1e-4f5a-9d8b-7e6f5a4b3c2d/cancel", None, {}),
]


def start_server():
    server = subprocess.Popen([os.environ["MISTRAL_MOCK_SERVER"], "--api-key", KEY],
                              stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    host, port = url.split("://", 1)[1].rsplit(":", 1)
    assert host.startswith("127.") or host == "localhost", url
    return server, host, int(port.rstrip("/"))


def ask(host, port, method, path, body, headers):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    sent = {"Content-Type": "application/json", "Authorization": "Bearer " + KEY}
    for name, value in headers.items():
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    data = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip() or None
    return response.status, content_type, text


def main():
    record = None
    if len(sys.argv) == 3 and sys.argv[1] == "--record":
        record = sys.argv[2]
    try:
        desc = openapi_check.load_description(None, os.environ.get("MISTRAL_OPENAPI_CACHE"))
    except openapi_check.DescriptionMissing as e:
        print("SKIP: %s" % e)
        return openapi_check.EXIT_SKIP

    server, host, port = start_server()
    failures, lines = [], []
    statuses = set()
    state = {}
    try:
        for what, method, path, body, headers in SHAPES:
            if callable(path):
                path = path(state)
            if callable(body):
                body = body(state)
            status, content_type, text = ask(host, port, method, path, body, headers)
            if what == "files: upload" and status == 200:
                state["file_id"] = json.loads(text)["id"]
            if what == "batch: upload input" and status == 200:
                state["batch_file"] = json.loads(text)["id"]
            if what == "batch: create" and status == 200:
                state["job_id"] = json.loads(text)["id"]
            statuses.add(status)
            lines.append(json.dumps({"method": method, "path": path, "status": status,
                                     "content_type": content_type, "body": text}))
            errors = desc.check_reply(method, path, status, content_type, text)
            print("%-36s %d %-18s %s" % (what, status, content_type, "ok" if not errors else "WRONG"))
            failures.extend("%s (%s %s → %d): %s" % (what, method, path, status, e) for e in errors)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()

    if record is not None:
        with open(record, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    # The shapes must be what they say: a server that answered 200 to all
    # would pass the checker and test nothing.
    expected = {200, 400, 401, 404, 422, 429, 500, 502, 503, 504}
    if statuses != expected:
        failures.append("statuses seen %s, expected %s" % (sorted(statuses), sorted(expected)))
    for failure in failures:
        print(failure)
    print("%d replies checked: %s" % (len(SHAPES), "%d errors" % len(failures) if failures else "all conform"))
    return openapi_check.EXIT_FAIL if failures else openapi_check.EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

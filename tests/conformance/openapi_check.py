#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# Request and reply bodies checked against Mistral's published OpenAPI 3.1
# description (issue 13): for a method, a path and a body, the operation is
# found in the description and the body validated against its schema (JSON
# Schema 2020-12, every $ref resolved), each streamed event's data against
# the event schema; every error names the field by its JSON path.
#
# The description's own errors are patched out of the loaded document by
# WAIVERS below, each with the evidence that the wire differs.
#
# As a module:  desc = load_description(path)
#               desc.check_request("POST", "/v1/chat/completions", body)
#               desc.check_reply("POST", path, 200, "text/event-stream", text)
#               (each returns a list of error strings; empty when it conforms)
# As a program: openapi_check.py --requests FILE.jsonl --replies FILE.jsonl
#   requests: one {"method", "path", "body"} a line ("body_text" instead of
#             "body" for a body that is not JSON; "content_type" optional)
#   replies:  one {"method", "path", "status", "content_type", "body"} a
#             line, body a string (SSE text, raw JSON) or a JSON value
#   Exit 0 when all conform, 1 with a report otherwise, 77 (skipped) when
#   the description is missing.
#
# The description is found at MISTRAL_OPENAPI when set, else at
# ../shared/mistral-openapi.yaml beside the source tree. Loading the YAML
# takes about a second; the parsed document is cached as JSON in the file
# MISTRAL_OPENAPI_CACHE (or --cache), keyed by the YAML's SHA-256.

import argparse
import copy
import datetime
import difflib
import hashlib
import json
import os
import re
import sys
import tempfile
import time

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_SKIP = 77

HERE = os.path.dirname(os.path.abspath(__file__))
# tests/conformance/ -> source root -> its parent -> shared/
DEFAULT_DESCRIPTION = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "mistral-openapi.yaml"))
CACHE_FORMAT = 1

# ---------------------------------------------------------------------------
# The description's errors, waived. Each entry patches the loaded document
# (never a blanket skip); "evidence" says why the wire differs.
#   API-NOTES = ../shared/API-NOTES.md
#   SDK       = mistralai/client-python 2.5.1 @05629d2 (Speakeasy-generated
#               from Mistral's own registry spec)
# ---------------------------------------------------------------------------

# The error bodies the API sends (API-NOTES section 6, variants 1 to 7).
OBSERVED_ERROR_BODY = {
    "title": "ObservedErrorBody (waiver W3)",
    "type": "object",
    "properties": {
        "object": {"type": "string"},
        "message": {"anyOf": [
            {"type": "string"},
            {"type": "object",
             "properties": {"detail": {"type": "array", "items": {
                 "$ref": "#/components/schemas/ValidationError"}}},
             "required": ["detail"], "additionalProperties": False},
            {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}},
        ]},
        "type": {"type": ["string", "null"]},
        "param": {"type": ["string", "null"]},
        "code": {"type": ["string", "integer", "null"]},
        "raw_status_code": {"type": "integer"},
        "request_id": {"type": "string"},
        "detail": {"anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}},
        ]},
    },
    "anyOf": [{"required": ["message"]}, {"required": ["detail"]}],
    "additionalProperties": False,
}

WAIVERS = [
    {   # W1
        "id": "W1",
        "what": "ChatCompletionResponse requires 'data', a field no reply has "
                "(FIMCompletionResponse inherits it): 'data' dropped from required",
        "evidence": "API-NOTES section 0 and 4; SDK src/mistralai/client/models/"
                    "chatcompletionresponse.py has id, object, model, usage, "
                    "created, choices and no data",
        "patch": lambda doc: _drop_required(
            doc, "#/components/schemas/ChatCompletionResponse/allOf/1", "data"),
    },
    {   # W2
        "id": "W2",
        "what": "UsageInfo forbids extra keys, but replies carry "
                "prompt_tokens_details {cached_tokens}: the usage keys the "
                "description's own UsageInfo (the one under POST "
                "/v1/audio/speech) has are added, nothing else",
        "evidence": "API-NOTES section 4 (docs' reasoning output shows "
                    "prompt_tokens_details: {cached_tokens: 0}; Spec R has "
                    "num_cached_tokens, prompt_tokens_details); SDK "
                    "models/usageinfo.py is extra=\"allow\"",
        "patch": lambda doc: _add_usage_keys(doc),
    },
    {   # W3
        "id": "W3",
        "what": "Operations declare 422 (some 4XX) only; other 4XX/5XX "
                "statuses get the observed error bodies (ObservedErrorBody, "
                "an empty body, and for 5XX a text/html page), where the "
                "operation declares none",
        "evidence": "API-NOTES section 6: docs error-glossary statuses "
                    "400/401/403/404/429/5xx; observed bodies, e.g. 401 "
                    "{message, request_id} (cline#1734), {detail} "
                    "(agent0ai/agent-zero#539) or empty (continue#10277), "
                    "404 {detail: \"Not Found\"} (dyad-sh/dyad#883), 429 {object, message, type, param, "
                    "code}; a 520 from api.mistral.ai as Cloudflare's HTML "
                    "page (mistralai/mistral-vibe#681)",
        "patch": lambda doc: _add_error_statuses(doc),
    },
    {   # W4
        "id": "W4",
        "what": "HTTPValidationError is {detail: [...]}, the wire wraps it in "
                "{object, message: {detail: [...]}, type, param, code}: the "
                "envelope's keys are added so that the inner list is checked",
        "evidence": "API-NOTES section 6 variant 1 (eca#231, "
                    "OpenHands-CLI#83, mistral-go#2) and variant 2",
        "patch": lambda doc: _wrap_validation_error(doc),
    },
    {   # W5
        "id": "W5",
        "what": "Refs '#/$defs/X' inside schemas with their own $defs (e.g. "
                "POST /v1/audio/speech) resolve against the document root, "
                "which has no $defs: pointed at the sibling $defs",
        "evidence": "the document itself: no root $defs, and each target "
                    "exists in the enclosing schema's $defs",
        "patch": lambda doc: _rebase_local_defs(doc, ""),
    },
]


def _pointer(doc, pointer):
    node = doc
    for part in pointer.lstrip("#").split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _drop_required(doc, pointer, name):
    schema = _pointer(doc, pointer)
    assert name in schema["required"], (pointer, name)
    schema["required"].remove(name)


def _add_usage_keys(doc):
    usage = doc["components"]["schemas"]["UsageInfo"]
    speech = (doc["paths"]["/v1/audio/speech"]["post"]["responses"]["200"]
              ["content"]["text/event-stream"]["schema"])
    speech_usage = speech["$defs"]["UsageInfo"]["properties"]
    for key in ("prompt_tokens_details", "prompt_token_details",
                "completion_tokens_details", "num_cached_tokens", "request_count"):
        assert key not in usage["properties"], key
        # Copied after W5 has made its refs absolute.
        usage["properties"][key] = copy.deepcopy(speech_usage[key])


def _add_error_statuses(doc):
    doc["components"]["schemas"]["ObservedErrorBody"] = copy.deepcopy(OBSERVED_ERROR_BODY)
    for item in doc["paths"].values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for range_ in ("4XX", "5XX"):
                if range_ in responses or "default" in responses:
                    continue
                content = {"application/json": {"schema": {
                    "$ref": "#/components/schemas/ObservedErrorBody"}}}
                if range_ == "5XX":
                    content["text/html"] = {}   # the CDN's own error page
                responses[range_] = {
                    "description": "Observed error (waiver W3)",
                    "x-empty-body-allowed": True,
                    "content": content,
                }


def _wrap_validation_error(doc):
    schema = doc["components"]["schemas"]["HTTPValidationError"]
    envelope = OBSERVED_ERROR_BODY["properties"]
    for key in ("object", "message", "type", "param", "code"):
        assert key not in schema["properties"], key
        schema["properties"][key] = copy.deepcopy(envelope[key])


def _rebase_local_defs(node, pointer, base=None):
    if isinstance(node, dict):
        if "$defs" in node and pointer:
            base = pointer
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                if base is not None:
                    node[key] = "#" + base + value[1:]
            elif key == "discriminator" and isinstance(value, dict) and base is not None:
                mapping = value.get("mapping") or {}
                for tag, target in mapping.items():
                    if target.startswith("#/$defs/"):
                        mapping[tag] = "#" + base + target[1:]
            else:
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                _rebase_local_defs(value, pointer + "/" + escaped, base)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _rebase_local_defs(value, "%s/%d" % (pointer, index), base)


def apply_waivers(doc):
    # W5 first: W2 copies from a schema whose refs W5 makes absolute.
    order = sorted(WAIVERS, key=lambda waiver: waiver["id"] != "W5")
    for waiver in order:
        waiver["patch"](doc)
    return doc


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _form_fields(body, content_type):
    """The fields of a multipart/form-data body, {name: text}, or None."""
    import email.parser
    import email.policy
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogateescape")
    head = ("Content-Type: %s\r\nMIME-Version: 1.0\r\n\r\n" % content_type).encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return None
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name is None:
            return None
        fields[name] = part.get_payload(decode=True).decode("utf-8", "replace")
    return fields

class DescriptionMissing(Exception):
    pass


def find_description(explicit=None):
    """The path of the description, or DescriptionMissing with the reason."""
    candidates = []
    if explicit:
        candidates.append(("--description", explicit))
    elif os.environ.get("MISTRAL_OPENAPI"):
        candidates.append(("MISTRAL_OPENAPI", os.environ["MISTRAL_OPENAPI"]))
    candidates.append(("the default", DEFAULT_DESCRIPTION))
    for _, path in candidates:
        if os.path.isfile(path):
            return path
    raise DescriptionMissing(
        "Mistral's OpenAPI description not found (%s); set MISTRAL_OPENAPI "
        "to mistral-openapi.yaml"
        % ", ".join("%s: %s" % candidate for candidate in candidates))


def _plain(node):
    """YAML's extras made JSON: string keys, dates as ISO strings."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return node


def _load_yaml(data):
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _plain(yaml.load(data, Loader=loader))


def load_document(path, cache=None):
    """The parsed description (before waivers), through the JSON cache."""
    with open(path, "rb") as f:
        data = f.read()
    key = "%d:%s" % (CACHE_FORMAT, hashlib.sha256(data).hexdigest())
    if cache:
        try:
            with open(cache, encoding="utf-8") as f:
                cached = json.load(f)
            if cached.get("key") == key:
                return cached["document"]
        except (OSError, ValueError):
            pass
    doc = _load_yaml(data)
    if cache:
        directory = os.path.dirname(os.path.abspath(cache))
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".openapi-cache-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"key": key, "document": doc}, f)
            os.chmod(tmp, 0o644)
            os.replace(tmp, cache)
        except BaseException:
            os.unlink(tmp)
            raise
    return doc


_loaded = {}


def load_description(path=None, cache=None):
    """A Description, once per process and path (DescriptionMissing when
    there is none)."""
    path = find_description(path)
    if cache is None:
        cache = os.environ.get("MISTRAL_OPENAPI_CACHE") or None
    if path not in _loaded:
        _loaded[path] = Description(apply_waivers(load_document(path, cache)))
    return _loaded[path]


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def json_path(parts):
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += "[%d]" % part
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", part):
            out += "." + part
        else:
            out += "[%s]" % json.dumps(part)
    return out


def _short(value, limit=80):
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _make_validator_class():
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError
    keywords = Draft202012Validator.VALIDATORS

    def discriminated(default):
        # OpenAPI's discriminator picks the branch by a property's value:
        # its errors are the branch's own, not "not valid under any".
        def keyword(validator, branches, instance, schema):
            disc = schema.get("discriminator")
            if not disc or not validator.is_type(instance, "object"):
                yield from default(validator, branches, instance, schema)
                return
            name = disc["propertyName"]
            mapping = disc.get("mapping") or {
                b["$ref"].rsplit("/", 1)[-1]: b["$ref"] for b in branches if "$ref" in b}
            if not mapping:
                yield from default(validator, branches, instance, schema)
                return
            values = ", ".join(sorted(mapping))
            if name not in instance:
                yield ValidationError(
                    "missing (the discriminator: one of %s)" % values,
                    path=[name], validator="discriminator", validator_value=disc)
                return
            value = instance[name]
            target = mapping.get(value) if isinstance(value, str) else None
            if target is None:
                yield ValidationError(
                    "%s is not one of %s (the discriminator)" % (_short(value), values),
                    path=[name], validator="discriminator", validator_value=disc)
                return
            index = next((i for i, b in enumerate(branches) if b.get("$ref") == target), None)
            yield from validator.descend(instance, {"$ref": target}, schema_path=index)
        return keyword

    return validators.extend(Draft202012Validator, {
        "oneOf": discriminated(keywords["oneOf"]),
        "anyOf": discriminated(keywords["anyOf"]),
    })


def _schema_name(error):
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema.get("title")


def _type_mismatch(errors):
    """True when a union branch failed on the instance's own type."""
    return any(not e.relative_path and e.validator == "type" for e in errors)


def _tag_mismatch(errors):
    """True when a branch failed on a const/enum member (a tag like type)."""
    return any(len(e.relative_path) == 1 and e.validator in ("const", "enum")
               for e in errors)


def _flatten(error):
    """(path, message) pairs for one jsonschema error, unions resolved to
    the branch the instance was meant for when that is clear."""
    path = list(error.absolute_path)
    name = _schema_name(error)
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = {i: es for i, es in branches.items() if not _type_mismatch(es)}
        if len(fitting) > 1:
            untagged = {i: es for i, es in fitting.items() if not _tag_mismatch(es)}
            if untagged:
                fitting = untagged
        if not fitting:
            types = []
            for errors in branches.values():
                for e in errors:
                    if e.validator == "type" and not e.relative_path:
                        values = e.validator_value
                        for t in values if isinstance(values, list) else [values]:
                            if t not in types:
                                types.append(t)
            if types and all(e.validator == "type" for es in branches.values() for e in es):
                return [(path, "%s is not of type %s"
                         % (_short(error.instance), ", ".join(repr(t) for t in types)))]
        if all(e.validator == "required" and not e.relative_path
               for es in branches.values() for e in es):
            needs = [" and ".join(repr(v) for v in e.validator_value)
                     for es in branches.values() for e in es[:1]]
            return [(path, "missing: %s (the branches of %s%s)"
                     % (" or ".join(needs), error.validator, " in " + name if name else ""))]
        if len(fitting) == 1:
            out = []
            for sub in next(iter(fitting.values())):
                out.extend(_flatten(sub))
            return out
        summary = []
        for index, errors in sorted(branches.items()):
            first = errors[0]
            label = _schema_name(first) or "branch %d" % index
            summary.append("%s: %s" % (label, _flatten(first)[0][1]))
        return [(path, "%s matches none of %s (%s)"
                 % (_short(error.instance), error.validator, "; ".join(summary)))]
    if error.validator == "oneOf":  # valid under more than one branch
        return [(path, "%s matches more than one branch of oneOf%s"
                 % (_short(error.instance), " in " + name if name else ""))]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list((error.schema.get("properties") or {}).keys())
        patterns = list((error.schema.get("patternProperties") or {}).keys())
        out = []
        for key in error.instance:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            message = "unexpected property (%s allows no other than: %s)" % (
                name or "the schema", ", ".join(allowed) or "none")
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
            if close:
                message = "unexpected property, did you mean %r? (%s forbids others)" % (
                    close[0], name or "the schema")
            out.append((path + [key], message))
        return out or [(path, error.message)]
    if error.validator == "required":
        missing = re.match(r"^'(.*)' is a required property$", error.message)
        if missing:
            return [(path + [missing.group(1)],
                     "missing (required by %s)" % (name or "the schema"))]
    message = error.message
    if len(message) > 300:
        message = message[:297] + "..."
    return [(path, message)]


class Description:
    """The loaded, waived description: operations by method and path."""

    def __init__(self, doc):
        from jsonschema import RefResolver
        self.doc = doc
        self._validator_class = _make_validator_class()
        self._resolver = RefResolver(base_uri="", referrer=doc)
        self._validators = {}
        self._operations = []   # (method, regex, number of params, path key)
        for key, item in doc.get("paths", {}).items():
            template = key.split("#", 1)[0]
            pattern = "^" + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(template)) + "$"
            for method, operation in item.items():
                if isinstance(operation, dict) and "responses" in operation:
                    self._operations.append(
                        (method.upper(), re.compile(pattern), template.count("{"), key))

    def operations(self, method, path):
        """[(path key, operation)] for a request path, literal matches first;
        more than one only for the '#stream' variants of a path."""
        path = path.split("?", 1)[0]
        found = [(params, key) for m, regex, params, key in self._operations
                 if m == method.upper() and regex.match(path)]
        if not found:
            return []
        fewest = min(params for params, _ in found)
        return [(key, self.doc["paths"][key][method.lower()])
                for params, key in found if params == fewest]

    def _errors(self, schema, instance):
        from jsonschema.exceptions import RefResolutionError
        ident = id(schema)
        validator = self._validators.get(ident)
        if validator is None:
            validator = self._validator_class(schema, resolver=self._resolver)
            self._validators[ident] = (validator, schema)  # keep schema alive
        else:
            validator = validator[0]
        out = []
        try:
            for error in validator.iter_errors(instance):
                for path, message in _flatten(error):
                    item = "%s: %s" % (json_path(path), message)
                    if item not in out:
                        out.append(item)
        except RefResolutionError as e:
            out.append("the description is unresolvable here: %s" % e)
        return out

    def validate(self, schema, instance):
        """Errors of an instance against a schema of this document."""
        return self._errors(schema, instance)

    def schema(self, name):
        return {"$ref": "#/components/schemas/" + name}

    # -- requests --------------------------------------------------------

    def check_request(self, method, path, body, content_type="application/json"):
        # A multipart/form-data body is checked as the object of its fields
        # (a file's content as a string), as the description models it.
        where = "request %s %s" % (method.upper(), path)
        candidates = self.operations(method, path)
        if not candidates:
            return ["%s: no such operation in the description" % where]
        media = (content_type or "application/json").split(";")[0].strip().lower()
        if isinstance(body, (bytes, str)) and media == "multipart/form-data":
            body = _form_fields(body, content_type)
            if body is None:
                return ["%s: the body is not multipart/form-data" % where]
        elif isinstance(body, (bytes, str)):
            try:
                body = json.loads(body)
            except ValueError as e:
                return ["%s: the body is not JSON (%s)" % (where, e)]
        streamed = isinstance(body, dict) and body.get("stream") is True
        candidates.sort(key=lambda c: c[0].endswith("#stream") != streamed)
        first = None
        for key, operation in candidates:
            errors = self._request_errors(operation, body, content_type)
            if not errors:
                return []
            if first is None:
                first = errors
        return ["%s: %s" % (where, e) for e in first]

    def _request_errors(self, operation, body, content_type):
        request_body = operation.get("requestBody")
        if request_body is None:
            return [] if body is None else ["takes no body, got %s" % _short(body)]
        if body is None:
            return ["a body is required"] if request_body.get("required") else []
        media = (content_type or "application/json").split(";")[0].strip().lower()
        content = request_body.get("content", {})
        if media not in content:
            return ["content type %s not declared (declared: %s)"
                    % (media, ", ".join(content) or "none")]
        schema = content[media].get("schema")
        if schema is None or not (media.endswith("json") or media == "multipart/form-data"):
            return []
        return self._errors(schema, body)

    # -- replies ---------------------------------------------------------

    def check_reply(self, method, path, status, content_type, body):
        where = "reply %s %s %s" % (status, method.upper(), path)
        candidates = self.operations(method, path)
        if not candidates:
            return ["%s: no such operation in the description" % where]
        media = (content_type or "").split(";")[0].strip().lower()
        candidates.sort(key=lambda c: c[0].endswith("#stream") != (media == "text/event-stream"))
        first = None
        for key, operation in candidates:
            errors = self._reply_errors(operation, str(status), media, body)
            if not errors:
                return []
            if first is None:
                first = errors
        return ["%s%s" % (where, e if e.startswith(" ") else ": " + e) for e in first]

    def _reply_errors(self, operation, status, media, body):
        responses = operation["responses"]
        response = None
        for key in (status, status[0] + "XX", "default"):
            if key in responses:
                response = responses[key]
                break
        if response is None:
            return ["status %s not declared (declared: %s)" % (status, ", ".join(responses))]
        content = response.get("content") or {}
        empty = body is None or body == "" or body == b""
        if empty and (not content or response.get("x-empty-body-allowed")):
            return []
        if not content:
            return ["status %s declares no body, got %s" % (status, _short(body))]
        if media not in content:
            return ["content type %s not declared for status %s (declared: %s)"
                    % (media or "(none)", status, ", ".join(content))]
        schema = content[media].get("schema")
        if schema is None:
            return []
        if media == "text/event-stream":
            return self._stream_errors(schema, body)
        if not media.endswith("json"):
            return []
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        if isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError as e:
                return ["the body is not JSON (%s): %s" % (e, _short(body))]
        return self._errors(schema, body)

    def _stream_errors(self, schema, text):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not isinstance(text, str):
            return ["an event stream must be recorded as text, got %s" % _short(text)]
        resolved = schema
        while isinstance(resolved, dict) and "$ref" in resolved:
            resolved = _pointer(self.doc, resolved["$ref"])
        wraps = isinstance(resolved, dict) and "data" in (resolved.get("properties") or {})
        out = []
        for number, event in enumerate(parse_sse(text), 1):
            data = event.get("data")
            if data is None or data == "[DONE]":
                continue
            try:
                value = json.loads(data)
            except ValueError as e:
                out.append(" event %d: the data is not JSON (%s): %s" % (number, e, _short(data)))
                continue
            if wraps:
                instance = {k: v for k, v in event.items() if k != "data"}
                instance["data"] = value
            else:
                instance = value
            out.extend(" event %d: %s" % (number, e) for e in self._errors(schema, instance))
        return out


def parse_sse(text):
    """Server-sent events per the WHATWG rules: a list of dicts with the
    fields 'data' (lines joined by \\n), and 'event', 'id', 'retry' when set."""
    events = []
    data, fields = None, {}
    for line in re.split(r"\r\n|\r|\n", text):
        if line == "":
            if data is not None:
                fields["data"] = "\n".join(data)
                events.append(fields)
            data, fields = None, {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            data = (data or []) + [value]
        elif name in ("event", "id"):
            fields[name] = value
        elif name == "retry" and value.isdigit():
            fields[name] = int(value)
    # An event not ended by a blank line is not dispatched (WHATWG).
    return events


# ---------------------------------------------------------------------------
# The program
# ---------------------------------------------------------------------------

def _read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                yield number, line


def check_files(desc, requests, replies, out=sys.stdout):
    """Checks JSONL files; returns (number of bodies, list of error lines)."""
    checked, failures = 0, []
    for kind, files in (("request", requests), ("reply", replies)):
        for path in files:
            entries = 0
            try:
                lines = list(_read_jsonl(path))
            except OSError as e:
                failures.append("%s: cannot read: %s" % (path, e.strerror))
                continue
            for number, line in lines:
                where = "%s:%d" % (path, number)
                try:
                    entry = json.loads(line)
                    if kind == "request":
                        body = entry.get("body")
                        if "body_text" in entry:
                            body = entry["body_text"]
                        errors = desc.check_request(
                            entry["method"], entry["path"], body,
                            entry.get("content_type", "application/json"))
                    else:
                        errors = desc.check_reply(
                            entry["method"], entry["path"], entry["status"],
                            entry.get("content_type"), entry.get("body"))
                except (ValueError, KeyError, TypeError, AttributeError) as e:
                    errors = ["not a %s entry (%s: %s)" % (kind, type(e).__name__, e)]
                entries += 1
                failures.extend("%s: %s" % (where, e) for e in errors)
            if entries == 0:
                failures.append("%s: no %s to check (an empty record checks nothing)"
                                % (path, kind))
            checked += entries
    return checked, failures


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Check request and reply bodies against Mistral's OpenAPI description.")
    parser.add_argument("--description", help="mistral-openapi.yaml (default: "
                        "$MISTRAL_OPENAPI, else ../shared/ beside the source tree)")
    parser.add_argument("--cache", help="JSON cache of the parsed description "
                        "(default: $MISTRAL_OPENAPI_CACHE; none when unset)")
    parser.add_argument("--requests", action="append", default=[], metavar="FILE.jsonl")
    parser.add_argument("--replies", action="append", default=[], metavar="FILE.jsonl")
    parser.add_argument("--consume", action="store_true",
                        help="move each file aside once read (FILE.checked), so that the next "
                        "run of the suite records afresh; a file that does not exist is a skip, "
                        "unless MISTRAL_CONFORMANCE_REQUIRE is set")
    parser.add_argument("--waivers", action="store_true", help="list the waivers and exit")
    parser.add_argument("--timings", action="store_true", help="print load and check times")
    args = parser.parse_args(argv)

    if args.waivers:
        for waiver in WAIVERS:
            print("%s  %s\n    evidence: %s" % (waiver["id"], waiver["what"], waiver["evidence"]))
        return EXIT_OK
    if not args.requests and not args.replies:
        parser.error("nothing to check: give --requests and/or --replies")

    if args.consume:
        missing = [path for path in args.requests + args.replies if not os.path.exists(path)]
        if missing and not os.environ.get("MISTRAL_CONFORMANCE_REQUIRE"):
            print("SKIP: nothing recorded (%s): the tests that record run before this one in "
                  "the whole suite" % ", ".join(missing))
            return EXIT_SKIP

    try:
        start = time.monotonic()
        desc = load_description(args.description, args.cache)
        loaded = time.monotonic()
    except DescriptionMissing as e:
        print("SKIP: %s" % e)
        return EXIT_SKIP

    checked, failures = check_files(desc, args.requests, args.replies)
    done = time.monotonic()
    if args.consume:
        for path in args.requests + args.replies:
            if os.path.exists(path):
                os.replace(path, path + ".checked")
    for failure in failures:
        print(failure)
    print("%d bodies checked against %s: %s" % (
        checked, os.path.basename(find_description(args.description)),
        "%d errors" % len(failures) if failures else "all conform"))
    if args.timings:
        print("load %.3f s, check %.3f s" % (loaded - start, done - loaded))
    return EXIT_FAIL if failures else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

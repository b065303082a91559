#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors

"""A hand-written Python streaming client, for scale: what the stream of
mistral-glib-bench is compared with (doc/performance.md).

    python3 bench/python-stream-bench.py BASE_URL stream N

    python3 bench/python-stream-bench.py BASE_URL stream N --readline

Standard library only: http.client, one keep-alive connection, one short
warm-up stream, then one timed stream of max_tokens N, read line by line;
each `data:` line is decoded with json.loads and its delta's text appended.
Prints the same JSON line as `mistral-glib-bench BASE_URL stream N`:
{"chunks":INT,"content_len":INT,"seconds":FLOAT,"peak_rss_kb":INT}

By default the body is read in blocks of up to 64 KiB (read1) and split
into lines, as a careful hand-written client does; with --readline, with
`for line in response`, the obvious loop, which is about twice as slow on
a chunked body (io.IOBase.readline over HTTPResponse.peek).
"""

import http.client
import json
import os
import resource
import sys
import time
import urllib.parse


def lines_by_block(resp):
    rest = b""
    while True:
        block = resp.read1(65536)
        if not block:
            if rest:
                yield rest
            return
        lines = (rest + block).split(b"\n")
        rest = lines.pop()
        yield from lines


def stream(conn, model, key, max_tokens, readline):
    body = json.dumps({
        "model": model,
        "messages": [{"role": "user", "content": "Count."}],
        "max_tokens": max_tokens,
        "stream": True,
    })
    conn.request("POST", "/v1/chat/completions", body=body, headers={
        "Authorization": "Bearer " + key,
        "Content-Type": "application/json",
        "Accept": "text/event-stream",
    })
    resp = conn.getresponse()
    if resp.status != 200:
        raise SystemExit("python-stream-bench: HTTP %d: %s" % (resp.status, resp.read()[:200]))

    chunks = 0
    parts = []
    for line in (resp if readline else lines_by_block(resp)):
        if not line.startswith(b"data:"):
            continue
        data = line[5:].strip()
        if data == b"[DONE]":
            break
        chunk = json.loads(data)
        chunks += 1
        choices = chunk.get("choices")
        if choices:
            text = (choices[0].get("delta") or {}).get("content")
            if text is not None:
                parts.append(text)
    # The rest of the body, so that the connection can be used again.
    resp.read()
    return chunks, "".join(parts)


def main():
    args = sys.argv[1:]
    readline = "--readline" in args
    if readline:
        args.remove("--readline")
    if len(args) != 3 or args[1] != "stream" or not args[2].isdigit():
        print("usage: python-stream-bench.py BASE_URL stream N [--readline]", file=sys.stderr)
        return 2

    url = urllib.parse.urlsplit(args[0])
    n = int(args[2])
    model = os.environ.get("MISTRAL_BENCH_MODEL", "mistral-small-latest")
    key = os.environ.get("MISTRAL_API_KEY") or "bench"
    if url.scheme == "https":
        conn = http.client.HTTPSConnection(url.hostname, url.port or 443)
    else:
        conn = http.client.HTTPConnection(url.hostname, url.port or 80)

    stream(conn, model, key, 8, readline)

    start = time.monotonic()
    chunks, content = stream(conn, model, key, n, readline)
    seconds = time.monotonic() - start

    print(json.dumps({
        "chunks": chunks,
        "content_len": len(content.encode("utf-8")),
        "seconds": round(seconds, 6),
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
"""A scripted HTTP/2 server for the HTTP/2 fault tests (tests/http2-faults.c).

Run with the system Python (it has Debian's python3-h2):

    /usr/bin/python3 tests/h2-fault-server.py --cert server.pem --key server.key

It listens on 127.0.0.1 (a free port), speaks only HTTP/2 over TLS (ALPN
"h2"; a client that does not negotiate h2 is hung up on), prints
"https://localhost:PORT" on one line to stdout, and serves until SIGTERM, or
until its stdin closes when stdin is a pipe (so it never outlives a test that
started it). Each connection has a thread of its own.

It answers POST /v1/chat/completions according to the request's "model":

  h2-ok      a normal reply: with "stream": true an event stream of three
             chunks ("Echo: ", the last user message, "" with finish_reason
             "stop" and usage) and [DONE]; otherwise a chat.completion whose
             content is "Echo: <last user message>".
  h2-rst     the headers and the first 2 chunks (or half of the JSON body),
             then RST_STREAM(INTERNAL_ERROR) on that stream; the connection
             stays usable.
  h2-goaway  the same start, then GOAWAY(INTERNAL_ERROR) with a last stream
             id below this stream's, and the connection closed 200 ms later.
  h2-stall   the same start, then nothing at all (no DATA, no PING) until
             the client resets the stream or closes the connection.
  h2-refuse-once  the first time a given request (model and last user
             message) comes, RST_STREAM(REFUSED_STREAM) before any response;
             the same request again is answered as h2-ok.
  h2-goaway-once  the same, with GOAWAY(NO_ERROR) and a last stream id
             below the request's (a graceful shutdown), then the connection
             closed 200 ms later.
  A request whose body is not JSON (an empty one, say) gets a 400 saying
  how many bytes came.

Pacing: the headers come --event-delay-ms (default 20) after the request,
each piece of a body (an event, the JSON) as long after the one before, and
a reply ends with an empty DATA frame of its own, as nginx sends it: a
client waits on the connection between them. A fault comes --fault-delay-ms
(default 100) after the last chunk, so that a client has read the chunks
before it: what is tested is how the fault is reported, not a race between
buffered data and the fault (--fault-delay-ms 0 tests that).

Every stream logs its start and its fate to stderr, one line each (a stall
also logs when it goes silent; its fate is how the client ended it).
"""

import argparse
import json
import os
import signal
import socket
import ssl
import stat
import sys
import threading
import time

import h2.config
import h2.connection
import h2.errors
import h2.events
import h2.exceptions

CHAT_PATH = "/v1/chat/completions"
GOAWAY_CLOSE_DELAY = 0.2

log_lock = threading.Lock()

# The requests a *-once model has refused already: (model, text).
refused = set()
refused_lock = threading.Lock()


def log(message):
    with log_lock:
        sys.stderr.write("h2-fault-server: %s\n" % message)
        sys.stderr.flush()


def last_user_text(request):
    for message in reversed(request.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return "".join(part.get("text", "") for part in content
                               if isinstance(part, dict) and part.get("type") == "text")
    return ""


def chunk_event(reply_id, created, model, delta, finish_reason=None, usage=None):
    chunk = {
        "id": reply_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    if usage is not None:
        chunk["usage"] = usage
    return ("data: %s\n\n" % json.dumps(chunk, ensure_ascii=False, separators=(",", ":"))).encode("utf-8")


def stream_events(model, text):
    """The three chunk events of a streamed reply, and [DONE]."""
    reply_id = "h2%030x" % (time.time_ns() & ((1 << 120) - 1))
    created = int(time.time())
    usage = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
    return [
        chunk_event(reply_id, created, model, {"role": "assistant", "content": "Echo: "}),
        chunk_event(reply_id, created, model, {"content": text}),
        chunk_event(reply_id, created, model, {"content": ""}, "stop", usage),
    ], b"data: [DONE]\n\n"


def completion_body(model, text):
    body = {
        "id": "h2%030x" % (time.time_ns() & ((1 << 120) - 1)),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": "Echo: " + text, "tool_calls": None},
            "finish_reason": "stop",
        }],
        "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_body(message, kind):
    return json.dumps({"object": "error", "message": message, "type": kind,
                       "param": None, "code": None}).encode("utf-8")


class Stream:
    def __init__(self, stream_id):
        self.id = stream_id
        self.headers = {}
        self.body = bytearray()
        self.what = None          # the start line's description, once answered
        self.started = None       # monotonic time of the answer
        self.outbox = []          # pending actions, in order
        self.fated = False        # its fate was logged


class Connection:
    """One client connection, served by one thread."""

    counter = 0
    counter_lock = threading.Lock()

    def __init__(self, sock, address, args):
        with Connection.counter_lock:
            Connection.counter += 1
            self.number = Connection.counter
        self.sock = sock
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.address = address
        self.args = args
        self.h2 = None
        self.streams = {}
        self.timers = []          # (when, function)
        self.closing = False      # leave the loop
        self.goaway_sent = False  # nothing more may be sent

    def name(self, stream=None):
        if stream is None:
            return "conn %d" % self.number
        return "conn %d stream %d" % (self.number, stream.id)

    # -- I/O ---------------------------------------------------------------

    def flush(self):
        data = self.h2.data_to_send()
        if data:
            self.sock.sendall(data)

    def run(self):
        try:
            self.sock.settimeout(5)
            self.sock.do_handshake()
        except (OSError, ssl.SSLError) as error:
            log("%s: TLS handshake failed: %s" % (self.name(), error))
            self.sock.close()
            return
        protocol = self.sock.selected_alpn_protocol()
        if protocol != "h2":
            # Only HTTP/2 is spoken here: a test must not pass over HTTP/1.
            log("%s: ALPN %r is not h2: closed" % (self.name(), protocol))
            self.sock.close()
            return

        config = h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        self.h2 = h2.connection.H2Connection(config=config)
        self.h2.initiate_connection()
        try:
            self.flush()
            self.loop()
        except (OSError, ssl.SSLError, h2.exceptions.ProtocolError) as error:
            log("%s: closed: %s" % (self.name(), error))
        finally:
            self.end_streams("connection closed")
            try:
                self.sock.close()
            except OSError:
                pass

    def loop(self):
        while not self.closing:
            now = time.monotonic()
            due = [timer for timer in self.timers if timer[0] <= now]
            for timer in due:
                self.timers.remove(timer)
                timer[1]()
            if self.closing:
                return
            self.flush()
            wait = min([when for when, _ in self.timers], default=now + 0.5) - time.monotonic()
            self.sock.settimeout(min(max(wait, 0.001), 0.5))
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except ssl.SSLWantReadError:
                continue
            if not data:
                log("%s: the client hung up" % self.name())
                return
            for event in self.h2.receive_data(data):
                self.handle(event)
            self.flush()

    def later(self, delay, function):
        self.timers.append((time.monotonic() + delay, function))

    # -- Events ------------------------------------------------------------

    def handle(self, event):
        if isinstance(event, h2.events.RequestReceived):
            stream = Stream(event.stream_id)
            stream.headers = dict(event.headers)
            self.streams[event.stream_id] = stream
        elif isinstance(event, h2.events.DataReceived):
            stream = self.streams.get(event.stream_id)
            if stream is not None:
                stream.body += event.data
            self.h2.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamEnded):
            stream = self.streams.get(event.stream_id)
            if stream is not None:
                self.answer(stream)
        elif isinstance(event, h2.events.StreamReset):
            stream = self.streams.pop(event.stream_id, None)
            if stream is not None:
                self.fate(stream, "reset by the client (%s)" % error_name(event.error_code))
        elif isinstance(event, h2.events.WindowUpdated):
            for stream in list(self.streams.values()):
                self.pump(stream)
        elif isinstance(event, h2.events.ConnectionTerminated):
            log("%s: GOAWAY from the client (%s)" % (self.name(), error_name(event.error_code)))
            self.closing = True

    def end_streams(self, why):
        for stream in list(self.streams.values()):
            if stream.what is not None:
                self.fate(stream, why)
        self.streams.clear()

    def fate(self, stream, what):
        if stream.fated:
            return
        stream.fated = True
        elapsed = time.monotonic() - stream.started if stream.started else 0.0
        log("%s: %s after %.3f s" % (self.name(stream), what, elapsed))

    # -- Replies -----------------------------------------------------------

    def answer(self, stream):
        method = stream.headers.get(":method")
        path = stream.headers.get(":path")
        stream.started = time.monotonic()

        request = None
        if method == "POST" and path == CHAT_PATH:
            try:
                request = json.loads(stream.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                request = None
        if method != "POST" or path != CHAT_PATH:
            stream.what = "%s %s" % (method, path)
            self.start(stream)
            self.send_plain(stream, 404, error_body("Not Found", "not_found"))
            return
        if not isinstance(request, dict):
            stream.what = "POST %s (not JSON: %d bytes)" % (path, len(stream.body))
            self.start(stream)
            self.send_plain(stream, 400, error_body("Invalid JSON body (%d bytes)" % len(stream.body),
                                                    "invalid_request_error"))
            return

        model = request.get("model")
        streamed = request.get("stream") is True
        text = last_user_text(request)
        stream.what = "POST %s model=%s stream=%s" % (path, model, "true" if streamed else "false")
        self.start(stream)

        if model not in ("h2-ok", "h2-rst", "h2-goaway", "h2-stall", "h2-refuse-once", "h2-goaway-once"):
            self.send_plain(stream, 400, error_body("Invalid model: %s" % model, "invalid_model"))
            return

        behaviour = model
        if model.endswith("-once"):
            # Refused before any response the first time; the same request
            # again (a retry) is answered as h2-ok.
            with refused_lock:
                first = (model, text) not in refused
                refused.add((model, text))
            if first:
                self.queue(stream, ("pause", self.args.event_delay_ms / 1000.0))
                self.queue(stream, ("fault", model, "nothing"))
                self.pump(stream)
                return
            behaviour = "h2-ok"

        # The headers come --event-delay-ms after the request, and each
        # piece of the body as long after the one before, as a model's tokens
        # do: a client waits for the connection before each. The end of the
        # stream is an empty DATA frame of its own, as from nginx or a CDN.
        pause = ("pause", self.args.event_delay_ms / 1000.0)
        self.queue(stream, pause)  # the model thinks: the headers come late
        if streamed:
            events, done = stream_events(model, text)
            self.queue(stream, ("headers", [(":status", "200"),
                                            ("content-type", "text/event-stream"),
                                            ("cache-control", "no-cache")]))
            if behaviour == "h2-ok":
                for event in events + [done]:
                    self.queue(stream, ("data", event, False))
                    self.queue(stream, pause)
                self.queue(stream, ("data", b"", True))
                self.queue(stream, ("fate", "completed: 3 chunks and [DONE]"))
            else:
                self.queue(stream, ("data", events[0], False))
                self.queue(stream, pause)
                self.queue(stream, ("data", events[1], False))
                self.queue(stream, ("fault", model, "2 chunks"))
        else:
            body = completion_body(model, text)
            if behaviour == "h2-ok":
                self.queue(stream, ("headers", [(":status", "200"),
                                                ("content-type", "application/json"),
                                                ("content-length", str(len(body)))]))
                self.queue(stream, pause)
                self.queue(stream, ("data", body, False))
                self.queue(stream, pause)
                self.queue(stream, ("data", b"", True))
                self.queue(stream, ("fate", "completed: %d bytes of JSON" % len(body)))
            else:
                # No content-length: the body simply stops half-way.
                half = body[:len(body) // 2]
                self.queue(stream, ("headers", [(":status", "200"),
                                                ("content-type", "application/json")]))
                self.queue(stream, pause)
                self.queue(stream, ("data", half, False))
                self.queue(stream, ("fault", model, "%d of %d bytes of JSON" % (len(half), len(body))))
        self.pump(stream)

    def start(self, stream):
        log("%s: start: %s" % (self.name(stream), stream.what))

    def send_plain(self, stream, status, body):
        self.queue(stream, ("headers", [(":status", str(status)),
                                        ("content-type", "application/json"),
                                        ("content-length", str(len(body)))]))
        self.queue(stream, ("data", body, True))
        self.queue(stream, ("fate", "answered HTTP %d" % status))
        self.pump(stream)

    def queue(self, stream, action):
        stream.outbox.append(action)

    def pump(self, stream):
        """Does @stream's pending actions, in order, as far as flow control
        lets its DATA go."""
        if stream.id not in self.streams:
            stream.outbox.clear()  # the client reset it
            return
        while stream.outbox and not self.closing and not self.goaway_sent:
            action = stream.outbox[0]
            kind = action[0]
            if kind == "headers":
                self.h2.send_headers(stream.id, action[1])
            elif kind == "data":
                data, end = action[1], action[2]
                window = min(self.h2.local_flow_control_window(stream.id),
                             self.h2.max_outbound_frame_size)
                if len(data) > 0 and window <= 0:
                    return  # wait for a WINDOW_UPDATE
                if window < len(data):
                    self.h2.send_data(stream.id, data[:window])
                    stream.outbox[0] = ("data", data[window:], end)
                    continue
                # One event per DATA frame, sent at once.
                self.h2.send_data(stream.id, data, end_stream=end)
                self.flush()
            elif kind == "fate":
                self.fate(stream, action[1])
                self.streams.pop(stream.id, None)
            elif kind == "pause":
                stream.outbox.pop(0)
                self.flush()
                self.later(action[1], lambda: self.pump(stream))
                return
            elif kind == "fault":
                stream.outbox.pop(0)
                self.flush()
                model, sent = action[1], action[2]
                self.later(self.args.fault_delay_ms / 1000.0,
                           lambda: self.fault(stream, model, sent))
                return
            stream.outbox.pop(0)

    def fault(self, stream, model, sent):
        if stream.id not in self.streams or self.closing or self.goaway_sent:
            return  # the client gave up first, or the connection is going
        if model == "h2-rst":
            self.h2.reset_stream(stream.id, error_code=h2.errors.ErrorCodes.INTERNAL_ERROR)
            self.flush()
            self.streams.pop(stream.id, None)
            self.fate(stream, "%s sent, then RST_STREAM(INTERNAL_ERROR)" % sent)
        elif model == "h2-goaway":
            # A last stream id below this stream's says "not processed", and
            # INTERNAL_ERROR (not NO_ERROR) says it is an abort, not a
            # graceful shutdown: no HTTP/2 client may finish this stream
            # normally. (With NO_ERROR, libsoup 3.2 fails the stream with a
            # puzzling "HTTP/2 Error: NO_ERROR", and newer clients may restart
            # the request, which would only meet this fault again.) Then the
            # connection closes, so that even a client ignoring GOAWAY sees the
            # stream end.
            last = max(stream.id - 2, 0)
            self.h2.close_connection(error_code=h2.errors.ErrorCodes.INTERNAL_ERROR,
                                     last_stream_id=last)
            self.goaway_sent = True
            self.flush()
            self.streams.pop(stream.id, None)
            self.fate(stream, "%s sent, then GOAWAY(INTERNAL_ERROR, last_stream_id=%d)" % (sent, last))
            self.later(GOAWAY_CLOSE_DELAY, self.close_after_goaway)
        elif model == "h2-refuse-once":
            # REFUSED_STREAM: the request was not processed, a client may
            # send it again (RFC 9113 section 8.7).
            self.h2.reset_stream(stream.id, error_code=h2.errors.ErrorCodes.REFUSED_STREAM)
            self.flush()
            self.streams.pop(stream.id, None)
            self.fate(stream, "refused: RST_STREAM(REFUSED_STREAM) before any response")
        elif model == "h2-goaway-once":
            # A graceful shutdown (a server restarting, a load balancer
            # draining): streams above last_stream_id were not processed and
            # may be sent again on a new connection (RFC 9113 section 6.8).
            last = max(stream.id - 2, 0)
            self.h2.close_connection(error_code=h2.errors.ErrorCodes.NO_ERROR, last_stream_id=last)
            self.goaway_sent = True
            self.flush()
            self.streams.pop(stream.id, None)
            self.fate(stream, "refused: GOAWAY(NO_ERROR, last_stream_id=%d) before any response" % last)
            self.later(GOAWAY_CLOSE_DELAY, self.close_after_goaway)
        elif model == "h2-stall":
            log("%s: %s sent, now silent" % (self.name(stream), sent))
            # Its fate is logged when the client resets it or hangs up.

    def close_after_goaway(self):
        log("%s: closed %d ms after GOAWAY" % (self.name(), GOAWAY_CLOSE_DELAY * 1000))
        self.closing = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def error_name(code):
    try:
        return h2.errors.ErrorCodes(code).name
    except ValueError:
        return str(code)


def watch_stdin():
    """Exits when stdin (a pipe from the test) closes."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    log("stdin closed: exiting")
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cert", required=True, help="the server certificate (PEM)")
    parser.add_argument("--key", required=True, help="its private key (PEM)")
    parser.add_argument("--fault-delay-ms", type=int, default=100,
                        help="the pause between the last chunk and the fault (default 100)")
    parser.add_argument("--event-delay-ms", type=int, default=20,
                        help="the pause between two pieces of a reply (default 20)")
    args = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.key)
    context.set_alpn_protocols(["h2"])
    # RFC 9113 section 9.2.2: no TLS 1.2 cipher suites that h2 forbids.
    context.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20")

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    mode = os.fstat(0).st_mode
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        threading.Thread(target=watch_stdin, daemon=True).start()

    sys.stdout.write("https://localhost:%d\n" % listener.getsockname()[1])
    sys.stdout.flush()

    while True:
        sock, address = listener.accept()
        try:
            tls = context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        except (OSError, ssl.SSLError) as error:
            log("wrap failed: %s" % error)
            sock.close()
            continue
        connection = Connection(tls, address, args)
        threading.Thread(target=connection.run, daemon=True).start()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# `mistral-chat --interactive` through a pseudo-terminal, as a user types
# into it: turns streamed from the mock server (slowed, --stream-delay-ms),
# Ctrl-C (the terminal's \x03, so a real SIGINT) in the middle of a reply
# stops that reply and not the program, /save and /load, a Ctrl-C at the
# prompt then Ctrl-D, and two Ctrl-C at the prompt. Run by
# keyring-session.sh, it also checks that the key comes from the keyring
# when the environment has none.
#
#   keyring-session.sh /usr/bin/python3 check-mistral-chat-interactive.py MISTRAL-CHAT MOCK-SERVER

import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time
import unittest

CHAT = None
SERVER = None
# Generous: a loaded 2-core machine.
TIMEOUT = 30.0
LONG_PROMPT = " ".join(f"w{i}" for i in range(40))


def start_server(*args):
    server = subprocess.Popen([SERVER, "--stream-delay-ms", "100", *args], stdout=subprocess.PIPE, text=True)
    url = server.stdout.readline().strip()
    if not url.startswith("http://"):
        server.kill()
        raise RuntimeError(f"the mock server printed {url!r}")
    return server, url


def stop(process):
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)
    if process.stdout:
        process.stdout.close()


class Terminal:
    """mistral-chat on the slave side of a pseudo-terminal."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.output = ""
        self.status = None

    def read_until(self, text, timeout=TIMEOUT):
        """Reads until @text appears after what was read before; returns the
        output from the previous mark to the end of @text."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {text!r} in {self.output!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:  # EIO: the program is gone
                    data = b""
                if not data:
                    raise AssertionError(f"the program ended before {text!r}; it printed {self.output!r}")
                self.output += data.decode(errors="replace").replace("\r\n", "\n")
        end = self.output.index(text) + len(text)
        seen, self.output = self.output[:end], self.output[end:]
        return seen

    def write(self, data):
        os.write(self.fd, data.encode())

    def alive(self):
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status is None

    def wait(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return self.status
            # Drain what it prints, so that it never blocks on a full terminal.
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.fd, 4096).decode(errors="replace")
                except OSError:
                    pass
        raise AssertionError("the program did not end")

    def close(self):
        if self.alive():
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


class InteractiveTest(unittest.TestCase):
    def setUp(self):
        self.server, self.url = start_server()
        self.addCleanup(stop, self.server)
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.env = dict(os.environ, MISTRAL_API_KEY="test-key", LC_ALL="C.UTF-8")

    def start(self, *args, env=None):
        terminal = Terminal([CHAT, "--interactive", "--base-url", self.url, *args], env or self.env)
        self.addCleanup(terminal.close)
        return terminal

    def test_session(self):
        saved = os.path.join(self.dir.name, "saved.json")
        terminal = self.start()
        terminal.read_until(">>> ")

        terminal.write("Hello there\n")
        turn = terminal.read_until(">>> ")
        self.assertEqual(turn, "Hello there\nEcho: Hello there\n>>> ")

        # Ctrl-C mid-reply: the reply stops, the program stays.
        terminal.write(LONG_PROMPT + "\n")
        terminal.read_until("Echo: w0 w1")
        terminal.write("\x03")
        stopped = terminal.read_until(">>> ")
        self.assertIn("[stopped: the reply is not kept in the history]\n", stopped)
        self.assertNotIn("w39", stopped, "the whole reply came: Ctrl-C stopped nothing")
        self.assertTrue(terminal.alive())

        # The next turn is answered.
        terminal.write("Still there?\n")
        self.assertEqual(terminal.read_until(">>> "), "Still there?\nEcho: Still there?\n>>> ")

        # /save: the history as the conversation's JSON. The stopped reply is
        # not in it; its question is.
        terminal.write(f"/save {saved}\n")
        self.assertEqual(terminal.read_until(">>> "), f"/save {saved}\nSaved 5 messages to {saved}\n>>> ")
        with open(saved) as stream:
            document = json.load(stream)
        self.assertEqual(document["format"], "mistral-glib-conversation")
        self.assertEqual([(m["role"], m["content"]) for m in document["messages"]], [
            ("user", "Hello there"), ("assistant", "Echo: Hello there"), ("user", LONG_PROMPT),
            ("user", "Still there?"), ("assistant", "Echo: Still there?")])

        # Ctrl-C at the prompt says how to leave, and leaves nothing.
        terminal.write("\x03")
        self.assertIn("(Ctrl-C again, or Ctrl-D, to quit)\n>>> ", terminal.read_until(">>> "))
        self.assertTrue(terminal.alive())
        terminal.write("One more\n")
        self.assertEqual(terminal.read_until(">>> "), "One more\nEcho: One more\n>>> ")

        # Ctrl-D ends the session.
        terminal.write("\x04")
        self.assertEqual(terminal.wait(), 0)

    def test_load(self):
        history = os.path.join(self.dir.name, "history.json")
        again = os.path.join(self.dir.name, "again.json")
        with open(history, "w") as stream:
            json.dump({"format": "mistral-glib-conversation", "version": 1, "model": "open-mistral-7b",
                       "system_prompt": "Be brief.",
                       "messages": [{"role": "user", "content": "Earlier question"},
                                    {"role": "assistant", "content": "Earlier answer"}]}, stream)
        terminal = self.start()
        terminal.read_until(">>> ")
        terminal.write(f"/load {history}\n")
        self.assertEqual(terminal.read_until(">>> "), f"/load {history}\nLoaded 2 messages from {history}\n>>> ")
        terminal.write("Next question\n")
        self.assertEqual(terminal.read_until(">>> "), "Next question\nEcho: Next question\n>>> ")
        terminal.write(f"/save {again}\n")
        terminal.read_until(">>> ")
        with open(again) as stream:
            document = json.load(stream)
        # The loaded history, its model and system prompt, then the new turn.
        self.assertEqual(document["model"], "open-mistral-7b")
        self.assertEqual(document["system_prompt"], "Be brief.")
        self.assertEqual([m["content"] for m in document["messages"]],
                         ["Earlier question", "Earlier answer", "Next question", "Echo: Next question"])

        # A file that is not a conversation: an error, and the session goes on.
        with open(history, "w") as stream:
            stream.write('{"format": "something-else"}')
        terminal.write(f"/load {history}\n")
        refused = terminal.read_until(">>> ")
        self.assertIn(f"mistral-chat: {history}: ", refused)
        terminal.write(f"/save {again}\n")
        self.assertIn("Saved 4 messages", terminal.read_until(">>> "))
        terminal.write("/exit\n")
        self.assertEqual(terminal.wait(), 0)

    def test_two_ctrl_c(self):
        terminal = self.start()
        terminal.read_until(">>> ")
        terminal.write("\x03")
        terminal.read_until("(Ctrl-C again, or Ctrl-D, to quit)")
        terminal.write("\x03")
        self.assertEqual(terminal.wait(), 0)

    def test_first_turn_from_arguments(self):
        terminal = self.start("Hi", "from", "argv")
        self.assertEqual(terminal.read_until("Echo: Hi from argv\n>>> "), ">>> Hi from argv\nEcho: Hi from argv\n>>> ")
        terminal.write("\x04")
        self.assertEqual(terminal.wait(), 0)

    def test_key_from_keyring(self):
        if os.environ.get("MISTRAL_TEST_KEYRING") != "1":
            self.skipTest("no private keyring session (keyring-session.sh)")
        import gi

        try:
            gi.require_version("Mistral", "1.0")
        except ValueError:
            self.skipTest("no Mistral typelib to store the key with (-Dintrospection=disabled)")
        from gi.repository import Mistral

        server, url = start_server("--api-key", "sk-from-keyring")
        self.addCleanup(stop, server)
        self.url = url
        Mistral.secret_store_api_key(url, "sk-from-keyring", None)
        self.addCleanup(Mistral.secret_clear_api_key, url, None)
        env = dict(self.env, MISTRAL_API_KEY="")
        terminal = self.start(env=env)
        terminal.read_until(">>> ")
        # The server accepts only that key: an answer means it was sent.
        terminal.write("Who am I?\n")
        self.assertEqual(terminal.read_until(">>> "), "Who am I?\nEcho: Who am I?\n>>> ")
        terminal.write("\x04")
        self.assertEqual(terminal.wait(), 0)


if __name__ == "__main__":
    CHAT, SERVER = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)

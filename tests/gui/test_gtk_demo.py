#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# The GTK demo (examples/gtk/mistral-demo.py) in a real window: a private
# Xvfb, the private D-Bus session and throwaway gnome-keyring of
# tests/keyring-session.sh (which runs this script), the mock
# server typing slowly (--stream-delay-ms) and calling the clock tool only
# when asked for the time (--tool-keyword). Every action goes through real
# X input events (xdotool: the pointer and the keyboard); the app answers
# what its widgets show on MISTRAL_DEMO_TEST_SOCKET. Screenshots are left in
# the build directory: gtk-demo-*.png.
#
#   tests/keyring-session.sh /usr/bin/python3 test_gtk_demo.py DEMO.py
#
# Needs MISTRAL_MOCK_SERVER, the typelib on GI_TYPELIB_PATH, Xvfb, xdotool
# and ImageMagick's import. Skips (exit 77) only when Xvfb is not installed.

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Mistral", "1.0")
from gi.repository import Mistral  # noqa: E402

SKIP = 77
# Generous: a loaded 2-core machine starts Python, GTK and a window slowly.
TIMEOUT = 60.0
SLOW_PROMPT = " ".join(f"word{i}" for i in range(60))


def log(*args):
    print(*args, flush=True)


class Failure(Exception):
    pass


def wait_for(what, predicate, timeout=TIMEOUT, interval=0.05):
    """Polls @predicate until it returns something true; returns it."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")


class Session:
    def __init__(self, demo, workdir, artifacts):
        self.demo = demo
        self.workdir = workdir
        self.artifacts = artifacts
        self.processes = []
        self.socket_path = os.path.join(workdir, "state.sock")
        self.last_state = None

    # ---- processes ----------------------------------------------------------

    def spawn(self, argv, **kwargs):
        process = subprocess.Popen(argv, **kwargs)
        self.processes.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def start_xvfb(self):
        # -displayfd: Xvfb picks a free display and tells which.
        read_end, write_end = os.pipe()
        self.spawn(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "800x700x24",
                    "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as stream:
            number = stream.readline().strip()
        if not number.isdigit():
            raise Failure("Xvfb did not start")
        self.display = f":{number}"
        log(f"Xvfb on {self.display}")

    def start_server(self):
        server = self.spawn([os.environ["MISTRAL_MOCK_SERVER"], "--stream-delay-ms", "120",
                             "--tool-keyword", "time"], stdout=subprocess.PIPE, text=True)
        self.base_url = server.stdout.readline().strip()
        if not self.base_url.startswith("http://"):
            raise Failure(f"the mock server printed {self.base_url!r}")
        log(f"mock server at {self.base_url}")

    def start_app(self):
        env = dict(os.environ)
        env.update({
            "DISPLAY": self.display,
            "GDK_BACKEND": "x11",
            # The software renderer: no GL under Xvfb, and light on the CPU.
            "GSK_RENDERER": "cairo",
            "GTK_A11Y": "none",
            "NO_AT_BRIDGE": "1",
            "MISTRAL_DEMO_TEST_SOCKET": self.socket_path,
            "MISTRAL_API_KEY": "",
            "MISTRAL_BASE_URL": "",
        })
        self.app = self.spawn([sys.executable, self.demo, "--base-url", self.base_url], env=env)
        wait_for("the app's window and its model list",
                 lambda: self.app_alive() and (state := self.state()) and state.get("n_models", 0) > 0)

    def app_alive(self):
        if self.app.poll() is not None:
            raise Failure(f"the app exited with status {self.app.returncode}")
        return True

    # ---- the app's view -----------------------------------------------------

    def state(self):
        """The window's state from the app's test socket, or None if not up yet."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.settimeout(10)
                connection.connect(self.socket_path)
                data = b""
                while not data.endswith(b"\n"):
                    piece = connection.recv(65536)
                    if not piece:
                        break
                    data += piece
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        if not data:
            return None
        self.last_state = json.loads(data)
        return self.last_state if self.last_state.get("window", True) is not None else None

    def rows(self):
        return [(row["who"], row["text"]) for row in self.state()["rows"]]

    # ---- X input ------------------------------------------------------------

    def xdotool(self, *args):
        result = subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=self.display),
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise Failure(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def windows(self):
        """The app's visible X windows, id to (x, y, width, height)."""
        try:
            ids = self.xdotool("search", "--onlyvisible", "--pid", str(self.app.pid)).split()
        except Failure:
            return {}
        windows = {}
        for wid in ids:
            geometry = {}
            for line in self.xdotool("getwindowgeometry", "--shell", wid).splitlines():
                name, _, value = line.partition("=")
                geometry[name] = int(value)
            windows[wid] = (geometry["X"], geometry["Y"], geometry["WIDTH"], geometry["HEIGHT"])
        return windows

    def main_window(self):
        # The largest of the app's windows is the main one.
        windows = wait_for("the app's X window", self.windows)
        return max(windows.items(), key=lambda item: item[1][2] * item[1][3])

    def click(self, window, box, what):
        """Clicks the middle of @box (in @window's coordinates, from the app)."""
        if box is None:
            raise Failure(f"{what} is not on screen")
        wid, (x, y, _, _) = window
        cx, cy = int(x + box[0] + box[2] / 2), int(y + box[1] + box[3] / 2)
        self.xdotool("mousemove", "--sync", str(cx), str(cy))
        self.xdotool("click", "1")

    def click_until(self, window, where, what, done, attempts=5):
        """Clicks the box @where() gives until @done() holds: a window just
        mapped may still move its widgets, or miss the first click. Returns
        what @done returned."""
        for _ in range(attempts):
            self.click(window, wait_for(f"{what} to be laid out", lambda: laid_out(b := where()) and b), what)
            try:
                return wait_for(f"a click on {what} to take effect", done, timeout=TIMEOUT / attempts)
            except Failure:
                log(f"clicked {what} again")
        raise Failure(f"clicking {what} {attempts} times did nothing")

    def focus(self, window):
        self.xdotool("windowfocus", window[0])

    def type(self, text):
        self.xdotool("type", "--delay", "15", text)

    def key(self, name):
        self.xdotool("key", name)

    def screenshot(self, name):
        path = os.path.join(self.artifacts, f"gtk-demo-{name}.png")
        subprocess.run(["import", "-display", self.display, "-window", "root", path],
                       check=True, timeout=60)
        log(f"screenshot: {path}")
        return path


def laid_out(box):
    """Whether a widget's box (from the app's state) has its real size yet."""
    return box is not None and box[0] >= 0 and box[1] >= 0 and box[2] > 10 and box[3] > 10


def check(condition, message):
    if not condition:
        raise Failure(message)


def assistant_rows(rows):
    return [text for who, text in rows if who == "Mistral"]


def run(session):
    session.start_xvfb()
    session.start_server()
    session.start_app()

    state = session.last_state
    check(state["picker"] == "mistral-small-2506", f"the picker shows {state['picker']!r}")
    check(state["model"] == "mistral-small-2506", f"the conversation's model is {state['model']!r}")
    # Chat models only: the mock lists 7 models, 5 of them for chat.
    check(state["n_models"] == 5, f"{state['n_models']} models in the picker, not the 5 chat models")
    check(not state["busy"] and not state["stop_sensitive"], "busy, or Stop sensitive, before any send")
    check(not state["send_sensitive"], "Send is sensitive with an empty entry")
    window = session.main_window()
    log(f"main window {window}")
    session.screenshot("start")

    # 1. A prompt typed into the entry, sent with Return; the reply streams.
    session.focus(window)
    session.click(window, state["widgets"]["entry"], "the entry")
    session.type("Hello from a real keyboard")
    wait_for("the typed text in the entry",
             lambda: session.state()["entry"] == "Hello from a real keyboard")
    check(session.last_state["send_sensitive"], "Send is not sensitive with text in the entry")
    session.key("Return")
    seen_partial = []

    def first_reply_done():
        state = session.state()
        replies = assistant_rows([(r["who"], r["text"]) for r in state["rows"]])
        if state["busy"] and replies and replies[-1] not in ("…", "Echo: Hello from a real keyboard"):
            seen_partial.append((replies[-1], state["stop_sensitive"]))
        return not state["busy"] and replies == ["Echo: Hello from a real keyboard"] and state

    state = wait_for("the first reply", first_reply_done)
    check(session.rows() == [("You", "Hello from a real keyboard"),
                             ("Mistral", "Echo: Hello from a real keyboard")],
          f"the list shows {session.rows()}")
    check(state["entry"] == "", "the entry is not emptied after Send")
    check(not state["stop_sensitive"], "Stop is still sensitive after the reply")
    check(all(stop for _, stop in seen_partial), "Stop was insensitive while the reply streamed")
    log(f"partial texts seen while streaming: {[text for text, _ in seen_partial]}")
    session.screenshot("reply")

    # 2. A long prompt, sent with the Send button; Stop clicked mid-reply.
    session.click(window, state["widgets"]["entry"], "the entry")
    session.type(SLOW_PROMPT)
    wait_for("the long prompt in the entry", lambda: session.state()["entry"] == SLOW_PROMPT)
    session.click(window, session.last_state["widgets"]["send"], "Send")

    def streaming():
        state = session.state()
        replies = assistant_rows([(r["who"], r["text"]) for r in state["rows"]])
        return (state["busy"] and len(replies) == 2 and replies[-1].count("word") >= 3) and state

    state = wait_for("the slow reply to stream", streaming)
    check(state["stop_sensitive"], "Stop is not sensitive while a reply streams")
    check(not state["send_sensitive"], "Send is sensitive while a reply streams")
    session.screenshot("streaming")
    session.click(window, state["widgets"]["stop"], "Stop")
    clicked = time.monotonic()
    state = wait_for("the reply to stop", lambda: (s := session.state()) and not s["busy"] and s)
    stopped_in = time.monotonic() - clicked
    check(stopped_in < 5, f"Stop took {stopped_in:.1f} s")
    check(not state["stop_sensitive"], "Stop is still sensitive after stopping")
    # MistralConversation drops a stopped reply (its history stays valid):
    # the user's message is the last row.
    rows = session.rows()
    check(rows == [("You", "Hello from a real keyboard"), ("Mistral", "Echo: Hello from a real keyboard"),
                   ("You", SLOW_PROMPT)], f"after Stop the list shows {rows}")
    check([item["type"] for item in state["items"]] ==
          ["MistralUserMessage", "MistralAssistantMessage", "MistralUserMessage"],
          f"after Stop the conversation holds {state['items']}")
    check(state["toast"] == "Stopped", f"the toast after Stop says {state['toast']!r}")
    time.sleep(1.0)  # Nothing arrives after a stop.
    check(session.rows() == rows, "the list changed after Stop")
    log(f"stopped {stopped_in:.2f} s after the click")
    session.screenshot("stopped")

    # 3. The key, typed into Preferences, goes to the keyring.
    session.click(window, state["widgets"]["preferences"], "the Preferences button")
    state = wait_for("the preferences window",
                     lambda: (s := session.state())["preferences"] and laid_out(s["preferences"]["key_row"]) and s)
    prefs = [w for w in session.windows().items() if w[0] != window[0]]
    check(len(prefs) == 1, f"{len(prefs)} preferences windows")
    log(f"preferences window {prefs[0]}, key row at {state['preferences']['key_row']}")
    session.focus(prefs[0])
    session.click(prefs[0], state["preferences"]["key_row"], "the API key row")
    session.type("sk-test-keyring-0123")
    session.key("Return")
    wait_for("the key to be stored",
             lambda: "stored in the keyring" in (session.state()["preferences"] or {}).get("status", ""))
    session.screenshot("preferences")
    stored = Mistral.secret_lookup_api_key(session.base_url, None)
    check(stored == "sk-test-keyring-0123", f"the keyring holds {stored!r} for {session.base_url}")
    check(session.last_state["subtitle"] == "Key from the keyring",
          f"the subtitle says {session.last_state['subtitle']!r}")
    session.key("Escape")
    state = wait_for("the preferences to close", lambda: (s := session.state())["preferences"] is None and s)
    session.focus(window)

    # 4. The clock tool: the model asks for it, the user allows it.
    n_before = len(session.rows())
    session.click(window, state["widgets"]["entry"], "the entry")
    session.type("What time is it?")
    wait_for("the question in the entry", lambda: session.state()["entry"] == "What time is it?")
    session.key("Return")
    state = wait_for("the confirmation dialog",
                     lambda: (s := session.state())["dialog"] and laid_out(s["dialog"]["buttons"].get("Allow")) and s)
    check(state["dialog"]["heading"] == "Allow get_current_time?",
          f"the dialog asks {state['dialog']['heading']!r}")
    check(state["busy"] and state["stop_sensitive"], "not busy while the dialog asks")
    session.screenshot("tool-dialog")
    dialogs = [w for w in session.windows().items() if w[0] != window[0]]
    check(len(dialogs) == 1, f"{len(dialogs)} dialog windows")
    session.click_until(dialogs[0], lambda: (session.state()["dialog"] or {}).get("buttons", {}).get("Allow"),
                        "Allow", lambda: session.state()["dialog"] is None)
    today = datetime.datetime.now().astimezone().strftime("%A %d %B %Y")

    def tool_answered():
        state = session.state()
        rows = [(r["who"], r["text"]) for r in state["rows"]]
        return not state["busy"] and rows[-1][1].startswith("Tool said:") and state

    state = wait_for("the reply after the tool", tool_answered)
    rows = session.rows()[n_before:]
    check(rows[0] == ("You", "What time is it?"), f"the question's row is {rows[0]}")
    check(rows[1][0] == "Mistral" and "get_current_time" in rows[1][1],
          f"no row shows the tool call: {rows}")
    check(rows[2][0] == "Tool · get_current_time" and today in rows[2][1],
          f"the tool's row is {rows[2]}, not today ({today})")
    check(rows[3][0] == "Mistral" and today in rows[3][1], f"the final reply is {rows[3]}")
    check(state["dialog"] is None, "the dialog is still open")
    wait_for("the list to follow the reply to its end", lambda: session.state()["scrolled_to_end"])
    session.screenshot("tool-answered")

    # 5. Asked again, the user denies it: the model is told, not an error.
    n_before = len(session.rows())
    session.click(window, state["widgets"]["entry"], "the entry")
    session.type("And the time now?")
    wait_for("the question in the entry", lambda: session.state()["entry"] == "And the time now?")
    session.key("Return")
    state = wait_for("the confirmation dialog again",
                     lambda: (s := session.state())["dialog"] and laid_out(s["dialog"]["buttons"].get("Deny")) and s)
    dialogs = [w for w in session.windows().items() if w[0] != window[0]]
    check(len(dialogs) == 1, f"{len(dialogs)} dialog windows")
    session.click_until(dialogs[0], lambda: (session.state()["dialog"] or {}).get("buttons", {}).get("Deny"),
                        "Deny", lambda: session.state()["dialog"] is None)
    state = wait_for("the reply after the denial", tool_answered)
    rows = session.rows()[n_before:]
    check([who for who, _ in rows] == ["You", "Mistral", "Tool · get_current_time", "Mistral"],
          f"after a denial the list shows {rows}")
    check("The user did not allow it." in rows[2][1] and today not in rows[2][1],
          f"the denied call's result is {rows[2][1]!r}")
    check(rows[3][1].startswith("Tool said: ") and "The user did not allow it." in rows[3][1],
          f"the model was not told of the denial: {rows[3][1]!r}")
    check(state["last_error"] is None, f"the denial failed the send: {state['last_error']!r}")
    session.screenshot("tool-denied")

def main():
    demo = sys.argv[1]
    if not shutil.which("Xvfb"):
        print("SKIP: Xvfb is not installed (tools/install-deps installs it)")
        return SKIP
    if os.environ.get("MISTRAL_TEST_KEYRING") != "1":
        print("FAIL: no private keyring session: run this test through tests/keyring-session.sh")
        return 1
    for tool in ("xdotool", "import"):
        if not shutil.which(tool):
            print(f"FAIL: {tool} is not installed (tools/install-deps installs it)")
            return 1
    artifacts = os.environ.get("G_TEST_BUILDDIR", os.getcwd())
    with tempfile.TemporaryDirectory(prefix="gtk-demo-") as workdir:
        session = Session(demo, workdir, artifacts)
        try:
            run(session)
        except Failure as failure:
            log(f"FAIL: {failure}")
            log(f"last state: {json.dumps(session.last_state)}")
            try:
                session.screenshot("failure")
            except Exception as error:  # noqa: BLE001 - the failure matters more
                log(f"no screenshot: {error}")
            return 1
        finally:
            session.stop_all()
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())

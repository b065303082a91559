#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# A chat app on mistral-glib, GTK 4 and libadwaita: a model picker, the
# conversation in a list view whose last row grows as the reply streams,
# Send and Stop, a tool (the clock) the model may call once you allow it,
# and the API key kept in the keyring.
#
#   python3 examples/gtk/mistral-demo.py
#
# The key comes from MISTRAL_API_KEY, else from the keyring (Preferences
# stores it there). With neither, the app talks to the project's local
# Mistral-compatible server: --base-url URL of one that runs, or the
# mistral-mock-server program ($MISTRAL_MOCK_SERVER, or the build's
# tests/mistral-mock-server), which it starts and stops itself.

import datetime
import json
import os
import subprocess
import sys

import gi

gi.require_version("Gtk", "4.0")
gi.require_version("Adw", "1")
gi.require_version("Mistral", "1.0")
gi.require_version("Json", "1.0")
from gi.repository import Adw, Gdk, Gio, GLib, GObject, Gtk, Json, Mistral  # noqa: E402

APP_ID = "org.mistral_glib.Demo"
DEFAULT_BASE_URL = "https://api.mistral.ai"
# What the local server is sent as a key: it accepts any.
LOCAL_KEY = "local-demo-key"


def is_cancelled(error):
    return error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


class ClockTool(Mistral.FunctionTool):
    """The one tool: the current date and time, as the model's JSON."""

    def __init__(self):
        super().__init__(
            name="get_current_time",
            description="The current local date and time, with the time zone.",
            parameters=Json.from_string('{"type": "object", "properties": {}, "additionalProperties": false}'),
        )

    def do_call(self, arguments):
        now = datetime.datetime.now().astimezone()
        return json.dumps({
            "date": now.strftime("%A %d %B %Y"),
            "time": now.strftime("%H:%M"),
            "timezone": now.tzname(),
        })


class LocalServer:
    """The project's mistral-mock-server, run for as long as the app runs."""

    def __init__(self, path):
        self.process = subprocess.Popen([path], stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http"):
            self.stop()
            raise RuntimeError(f"{path} printed {self.url!r}, not its URL")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.process.stdout.close()


def find_mock_server():
    path = os.environ.get("MISTRAL_MOCK_SERVER")
    if path:
        return path
    source_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    path = os.path.join(source_root, "_build", "tests", "mistral-mock-server")
    return path if os.access(path, os.X_OK) else None


# The picker shows each card's `id`. PyGObject before 3.48 cannot make a
# GtkExpression, so the expression comes from GtkBuilder.
PICKER_UI = """
<interface>
  <object class="GtkDropDown" id="picker">
    <property name="tooltip-text">The model</property>
    <property name="enable-search">true</property>
    <property name="expression">
      <lookup type="MistralModelCard" name="id"/>
    </property>
  </object>
</interface>
"""


def make_model_picker(models):
    GObject.type_ensure(Mistral.ModelCard.__gtype__)
    picker = Gtk.Builder.new_from_string(PICKER_UI, -1).get_object("picker")
    picker.set_model(models)
    return picker


class MessageRow(Gtk.Box):
    """One message of the list: who speaks, and what (bound to `content`)."""

    def __init__(self):
        super().__init__(orientation=Gtk.Orientation.VERTICAL, spacing=4)
        self.set_margin_top(6)
        self.set_margin_bottom(6)
        self.set_margin_start(12)
        self.set_margin_end(12)
        self.add_css_class("card")
        self.who = Gtk.Label(xalign=0)
        self.who.add_css_class("caption-heading")
        self.who.set_margin_top(8)
        self.who.set_margin_start(12)
        self.who.set_margin_end(12)
        self.text = Gtk.Label(xalign=0, wrap=True, selectable=False)
        self.text.set_wrap_mode(2)  # Pango.WrapMode.WORD_CHAR
        self.text.set_margin_bottom(10)
        self.text.set_margin_start(12)
        self.text.set_margin_end(12)
        self.append(self.who)
        self.append(self.text)
        self.bindings = []
        self.message = None
        self.calls = None

    def bind(self, message):
        self.message = message
        for css in ("user", "assistant", "tool"):
            self.remove_css_class(css)
        if isinstance(message, Mistral.UserMessage):
            self.who.set_label("You")
            self.add_css_class("user")
        elif isinstance(message, Mistral.ToolMessage):
            self.who.set_label(f"Tool · {message.get_name() or 'result'}")
            self.add_css_class("tool")
        else:
            self.who.set_label("Mistral")
            self.add_css_class("assistant")
        # The assistant's row follows its text as it streams.
        self.bindings.append(message.bind_property(
            "content", self.text, "label", GObject.BindingFlags.SYNC_CREATE,
            self.content_text))
        # A reply's tool calls come when it ends.
        if isinstance(message, Mistral.AssistantMessage):
            self.calls = message.get_tool_calls()
            self.calls_handler = self.calls.connect("items-changed", self.on_calls_changed)

    def content_text(self, binding, content):
        calls = []
        if isinstance(self.message, Mistral.AssistantMessage):
            tool_calls = self.message.get_tool_calls()
            for i in range(tool_calls.get_n_items() if tool_calls else 0):
                calls.append(f"Calls {tool_calls.get_item(i).get_function_name()}()")
        parts = [content] if content else []
        parts += calls
        return "\n".join(parts) if parts else "…"

    def on_calls_changed(self, calls, position, removed, added):
        self.text.set_label(self.content_text(None, self.message.props.content))

    def unbind(self):
        for binding in self.bindings:
            binding.unbind()
        self.bindings = []
        if self.calls is not None:
            self.calls.disconnect(self.calls_handler)
            self.calls = None
        self.message = None


class PreferencesWindow(Adw.PreferencesWindow):
    """The API key, stored in the keyring for the app's base URL."""

    def __init__(self, window):
        super().__init__(transient_for=window, modal=True, title="Preferences", search_enabled=False)
        self.window = window
        page = Adw.PreferencesPage(title="Account", icon_name="dialog-password-symbolic")
        group = Adw.PreferencesGroup(
            title="Mistral API",
            description=f"The key is kept in your keyring, for {window.keyring_url}.")
        self.key_row = Adw.PasswordEntryRow(title="API key", show_apply_button=True)
        self.key_row.connect("apply", self.on_apply)
        group.add(self.key_row)
        self.status = Gtk.Label(xalign=0, wrap=True)
        self.status.add_css_class("dim-label")
        self.status.set_margin_top(12)
        group.add(self.status)
        page.add(group)
        self.add(page)

    def on_apply(self, row):
        key = row.get_text().strip()
        if not key:
            return
        self.status.set_label("Storing the key…")
        Mistral.secret_store_api_key_async(
            self.window.keyring_url, key, None, self.on_stored, key)

    def on_stored(self, source, result, key):
        try:
            Mistral.secret_store_api_key_finish(result)
        except GLib.Error as error:
            self.status.set_label(f"Could not store the key: {error.message}")
            return
        self.key_row.set_text("")
        if self.window.keyring_url != self.window.base_url:
            self.status.set_label(f"The key is stored in the keyring. Start the app again "
                                  f"to talk to {self.window.keyring_url} with it.")
            return
        self.status.set_label("The key is stored in the keyring.")
        self.window.use_key(key, "keyring")


class DemoWindow(Adw.ApplicationWindow):
    def __init__(self, app, base_url, key, key_source, keyring_url):
        super().__init__(application=app, title="Mistral", default_width=560, default_height=640)
        self.app = app
        self.base_url = base_url
        # Where a key stored in Preferences is for: the API asked for, even
        # while the local server stands in for it.
        self.keyring_url = keyring_url
        self.key_source = key_source
        self.cancellable = None
        self.last_error = None
        self.last_toast = None
        self.dialog = None

        self.client = Mistral.Client(api_key=key, base_url=base_url)
        self.conversation = Mistral.Conversation(
            client=self.client, model="mistral-small-latest",
            system_prompt="You are a helpful assistant. Be concise.")
        self.tools = Gio.ListStore.new(Mistral.FunctionTool)
        self.tools.append(ClockTool())
        self.conversation.props.tools = self.tools
        self.conversation.connect("approve-tool-call", self.on_approve_tool_call)

        self.toasts = Adw.ToastOverlay()
        toolbar = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        self.toasts.set_child(toolbar)
        self.set_content(self.toasts)

        header = Adw.HeaderBar()
        self.title = Adw.WindowTitle(title="Mistral")
        header.set_title_widget(self.title)
        self.models = Mistral.ModelList.new(self.client, Mistral.ModelCapabilities.COMPLETION_CHAT)
        self.picker = make_model_picker(self.models)
        self.picker.connect("notify::selected-item", self.on_model_selected)
        header.pack_start(self.picker)
        prefs = Gtk.Button(icon_name="emblem-system-symbolic", tooltip_text="Preferences")
        prefs.connect("clicked", lambda button: self.show_preferences())
        self.prefs_button = prefs
        header.pack_end(prefs)
        toolbar.append(header)

        self.list = Gtk.ListView(
            model=Gtk.NoSelection(model=self.conversation),
            factory=self.make_factory())
        self.scroller = Gtk.ScrolledWindow(vexpand=True, child=self.list)
        self.scroller.set_policy(Gtk.PolicyType.NEVER, Gtk.PolicyType.AUTOMATIC)
        # The newest text stays in view as it grows, unless the user scrolls
        # up to read (and until they scroll back down to the end).
        self.follow = True
        self.follow_id = 0
        adjustment = self.scroller.get_vadjustment()
        adjustment.connect("value-changed", self.on_scrolled)
        adjustment.connect("notify::upper", self.on_grown)
        adjustment.connect("notify::page-size", self.on_grown)
        wheel = Gtk.EventControllerScroll(flags=Gtk.EventControllerScrollFlags.VERTICAL)
        wheel.connect("scroll", self.on_wheel)
        self.scroller.add_controller(wheel)
        self.placeholder = Adw.StatusPage(
            icon_name="user-available-symbolic", title="Ask Mistral",
            description="Try “What time is it?”: the model may read the clock, once you allow it.")
        self.stack = Gtk.Stack(vexpand=True)
        self.stack.add_named(self.placeholder, "empty")
        self.stack.add_named(self.scroller, "chat")
        toolbar.append(self.stack)

        bar = Gtk.Box(spacing=6)
        bar.set_margin_top(6)
        bar.set_margin_bottom(12)
        bar.set_margin_start(12)
        bar.set_margin_end(12)
        self.entry = Gtk.Entry(hexpand=True, placeholder_text="Message Mistral")
        self.entry.connect("activate", lambda entry: self.send())
        self.entry.connect("changed", lambda entry: self.update_buttons())
        self.send_button = Gtk.Button(label="Send")
        self.send_button.add_css_class("suggested-action")
        self.send_button.connect("clicked", lambda button: self.send())
        self.stop_button = Gtk.Button(label="Stop")
        self.stop_button.add_css_class("destructive-action")
        self.stop_button.connect("clicked", lambda button: self.stop())
        bar.append(self.entry)
        bar.append(self.send_button)
        bar.append(self.stop_button)
        toolbar.append(bar)

        # Stop is there for as long as a reply is on its way, and only then.
        self.conversation.bind_property("busy", self.stop_button, "sensitive",
                                        GObject.BindingFlags.SYNC_CREATE)
        self.conversation.connect("notify::busy", lambda *args: self.update_buttons())
        self.conversation.connect("items-changed", self.on_items_changed)
        self.update_buttons()
        self.update_subtitle()
        self.entry.grab_focus()

    # ---- the list -------------------------------------------------------

    def make_factory(self):
        factory = Gtk.SignalListItemFactory()
        factory.connect("setup", lambda f, item: item.set_child(MessageRow()))
        factory.connect("bind", lambda f, item: item.get_child().bind(item.get_item()))
        factory.connect("unbind", lambda f, item: item.get_child().unbind())
        return factory

    def on_items_changed(self, model, position, removed, added):
        self.stack.set_visible_child_name("chat" if model.get_n_items() else "empty")

    def on_wheel(self, controller, dx, dy):
        if dy < 0:
            self.follow = False
        return False

    def on_scrolled(self, adjustment):
        if adjustment.get_value() + adjustment.get_page_size() >= adjustment.get_upper() - 1:
            self.follow = True

    def on_grown(self, adjustment, pspec):
        # After the list view's own update of its adjustment.
        if self.follow and not self.follow_id:
            self.follow_id = GLib.idle_add(self.scroll_to_end)

    def scroll_to_end(self):
        self.follow_id = 0
        adjustment = self.scroller.get_vadjustment()
        adjustment.set_value(adjustment.get_upper() - adjustment.get_page_size())
        return GLib.SOURCE_REMOVE

    # ---- sending and stopping -------------------------------------------

    def update_buttons(self):
        busy = self.conversation.props.busy
        self.send_button.set_sensitive(not busy and bool(self.entry.get_text().strip()))

    def send(self):
        text = self.entry.get_text().strip()
        if not text or self.conversation.props.busy:
            return
        self.entry.set_text("")
        self.follow = True
        self.last_error = None
        self.cancellable = Gio.Cancellable()
        self.conversation.send_async(text, self.cancellable, self.on_sent)

    def on_sent(self, conversation, result):
        try:
            conversation.send_finish(result)
        except GLib.Error as error:
            # A stopped or failed reply is not kept: the conversation's
            # history stays valid for the next send.
            if is_cancelled(error):
                self.show_toast("Stopped")
            else:
                self.last_error = error.message
                self.show_toast(error.message)
        self.cancellable = None
        self.entry.grab_focus()

    def show_toast(self, text):
        self.last_toast = text
        self.toasts.add_toast(Adw.Toast(title=text, timeout=3))

    def stop(self):
        if self.cancellable is not None:
            self.cancellable.cancel()

    def on_model_selected(self, picker, pspec):
        card = picker.get_selected_item()
        if card is not None:
            self.conversation.props.model = card.props.id

    # ---- the tool's confirmation ----------------------------------------

    def on_approve_tool_call(self, conversation, approval):
        # Answered later, when the user has chosen: the conversation waits.
        call = approval.get_tool_call()
        self.dialog = Adw.MessageDialog(
            transient_for=self, modal=True,
            heading=f"Allow {call.get_function_name()}?",
            body="The model asks to read your clock: the current date and time.")
        self.dialog.add_response("deny", "Deny")
        self.dialog.add_response("allow", "Allow")
        self.dialog.set_response_appearance("allow", Adw.ResponseAppearance.SUGGESTED)
        self.dialog.set_default_response("allow")
        self.dialog.set_close_response("deny")
        self.dialog.connect("response", self.on_dialog_response, approval)
        self.dialog.present()
        return True

    def on_dialog_response(self, dialog, response, approval):
        if response == "allow":
            approval.approve()
        else:
            approval.deny("The user did not allow it.")
        self.dialog = None

    # ---- the key --------------------------------------------------------

    def show_preferences(self):
        self.preferences = PreferencesWindow(self)
        self.preferences.connect("close-request", self.on_preferences_closed)
        self.preferences.present()

    def on_preferences_closed(self, window):
        self.preferences = None
        return False

    def use_key(self, key, source):
        self.client.props.api_key = key
        self.key_source = source
        self.update_subtitle()

    def update_subtitle(self):
        if self.key_source == "local":
            subtitle = "Local server, no API key"
        elif self.key_source == "keyring":
            subtitle = "Key from the keyring"
        else:
            subtitle = "Key from MISTRAL_API_KEY"
        self.title.set_subtitle(subtitle)

    # ---- the test's view --------------------------------------------------

    def state(self):
        """What the window shows, for the test (MISTRAL_DEMO_TEST_SOCKET)."""
        native_x, native_y = self.get_surface_transform()

        def box(widget, root):
            ok, bounds = widget.compute_bounds(root)
            if not ok or not widget.get_mapped():
                return None
            x, y = root.get_surface_transform()
            return [x + bounds.get_x(), y + bounds.get_y(), bounds.get_width(), bounds.get_height()]

        rows = []
        child = self.list.get_first_child()
        while child is not None:
            row = child.get_first_child()
            if isinstance(row, MessageRow) and row.message is not None:
                rows.append({"who": row.who.get_label(), "text": row.text.get_label()})
            child = child.get_next_sibling()
        items = []
        for i in range(self.conversation.get_n_items()):
            message = self.conversation.get_item(i)
            items.append({"type": message.__gtype__.name, "content": message.props.content})
        dialog = None
        if self.dialog is not None and self.dialog.get_mapped():
            buttons = {}
            for widget in walk(self.dialog):
                if isinstance(widget, Gtk.Button):
                    labels = [w.get_label() for w in walk(widget) if isinstance(w, Gtk.Label)]
                    text = widget.get_label() or (labels[0] if labels else None)
                    # The dialog has a button per response in each of its two
                    # layouts (side by side, stacked): the one shown counts.
                    if text and widget.get_mapped():
                        buttons[text.replace("_", "")] = box(widget, self.dialog)
            dialog = {"heading": self.dialog.get_heading(), "buttons": buttons}
        preferences = None
        if getattr(self, "preferences", None) is not None and self.preferences.get_mapped():
            preferences = {"key_row": box(self.preferences.key_row, self.preferences),
                           "status": self.preferences.status.get_label()}
        card = self.picker.get_selected_item()
        adjustment = self.scroller.get_vadjustment()
        return {
            "rows": rows,
            "items": items,
            "busy": self.conversation.props.busy,
            "stop_sensitive": self.stop_button.get_sensitive(),
            "send_sensitive": self.send_button.get_sensitive(),
            "entry": self.entry.get_text(),
            "model": self.conversation.props.model,
            "picker": card.props.id if card is not None else None,
            "models_loading": self.models.props.loading,
            "n_models": self.models.get_n_items(),
            "subtitle": self.title.get_subtitle(),
            "last_error": self.last_error,
            "toast": self.last_toast,
            "scrolled_to_end": adjustment.get_value() + adjustment.get_page_size() >= adjustment.get_upper() - 1,
            "focus": type(self.get_focus()).__name__ if self.get_focus() else None,
            "surface": [native_x, native_y],
            "widgets": {
                "entry": box(self.entry, self),
                "send": box(self.send_button, self),
                "stop": box(self.stop_button, self),
                "preferences": box(self.prefs_button, self),
            },
            "dialog": dialog,
            "preferences": preferences,
        }


def walk(widget):
    child = widget.get_first_child()
    while child is not None:
        yield child
        yield from walk(child)
        child = child.get_next_sibling()


class TestHook:
    """MISTRAL_DEMO_TEST_SOCKET: each connection to this Unix socket is
    answered with the window's state as one JSON line."""

    def __init__(self, path, app):
        self.app = app
        self.service = Gio.SocketService()
        self.service.add_address(Gio.UnixSocketAddress.new(path), Gio.SocketType.STREAM,
                                 Gio.SocketProtocol.DEFAULT, None)
        self.service.connect("incoming", self.on_incoming)
        self.service.start()

    def on_incoming(self, service, connection, source):
        window = self.app.get_active_window()
        while window is not None and not isinstance(window, DemoWindow):
            window = window.get_transient_for()
        state = window.state() if window is not None else {"window": None}
        data = (json.dumps(state) + "\n").encode()
        connection.get_output_stream().write_all(data, None)
        connection.close(None)
        return True


class DemoApp(Adw.Application):
    def __init__(self):
        super().__init__(application_id=APP_ID, flags=Gio.ApplicationFlags.NON_UNIQUE)
        self.add_main_option("base-url", 0, GLib.OptionFlags.NONE, GLib.OptionArg.STRING,
                             "The API's base URL (default: $MISTRAL_BASE_URL, else the local server)", "URL")
        self.base_url = None
        self.server = None
        self.hook = None
        self.window = None

    def do_handle_local_options(self, options):
        value = options.lookup_value("base-url", None)
        if value is not None:
            self.base_url = value.get_string()
        return -1

    def do_startup(self):
        Adw.Application.do_startup(self)
        css = Gtk.CssProvider()
        css.load_from_data(b".user { background-color: alpha(@accent_bg_color, 0.12); }"
                           b" .tool { background-color: alpha(@success_bg_color, 0.12); }")
        Gtk.StyleContext.add_provider_for_display(
            Gdk.Display.get_default(), css, Gtk.STYLE_PROVIDER_PRIORITY_APPLICATION)
        path = os.environ.get("MISTRAL_DEMO_TEST_SOCKET")
        if path:
            self.hook = TestHook(path, self)

    def do_activate(self):
        if self.window is not None:
            self.window.present()
            return
        self.hold()
        key = os.environ.get("MISTRAL_API_KEY") or None
        base_url = self.base_url or os.environ.get("MISTRAL_BASE_URL") or DEFAULT_BASE_URL
        if key:
            self.open_window(base_url, key, "environment", base_url)
            return
        # No key in the environment: the keyring's, for this base URL.
        Mistral.secret_lookup_api_key_async(base_url, None, self.on_key_looked_up, base_url)

    def on_key_looked_up(self, source, result, base_url):
        try:
            key = Mistral.secret_lookup_api_key_finish(result)
        except GLib.Error as error:
            print(f"mistral-demo: no keyring: {error.message}", file=sys.stderr)
            key = None
        if key:
            self.open_window(base_url, key, "keyring", base_url)
            return
        keyring_url = base_url
        if self.base_url is None and not os.environ.get("MISTRAL_BASE_URL"):
            path = find_mock_server()
            if path is None:
                print("mistral-demo: no API key, and no local server to talk to "
                      "(set MISTRAL_MOCK_SERVER)", file=sys.stderr)
                self.release()
                return
            self.server = LocalServer(path)
            base_url = self.server.url
        self.open_window(base_url, LOCAL_KEY, "local", keyring_url)

    def open_window(self, base_url, key, source, keyring_url):
        self.window = DemoWindow(self, base_url, key, source, keyring_url)
        self.window.present()
        self.release()

    def do_shutdown(self):
        if self.server is not None:
            self.server.stop()
        Adw.Application.do_shutdown(self)


if __name__ == "__main__":
    sys.exit(DemoApp().run(sys.argv))

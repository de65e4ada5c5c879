"""A desktop notification server for tests: owns org.freedesktop.Notifications on a bus and records what it is
asked to show.

Run as a process of its own (`python -m tests.notification_server ADDRESS`), with jeepney: it answers
GetCapabilities, GetServerInformation, Notify and CloseNotification as the freedesktop specification says,
and checks each call's signature the way GDBus-based servers (GNOME Shell, dunst's peers) do, so a client that
sends a wrong type (an int32 for the uint32 `replaces_id`) gets the same InvalidArgs error a real desktop
would give. A second interface on the same object, org.longhand.test.Notifications, is the test's handle:
`Calls()` returns the recorded Notify calls as JSON and `Invoke(id, key)` emits ActionInvoked, as a click
on the notification would. It prints "ready" once it owns the name.

`NotificationServer` (in the test's own process) starts it and talks to it over the bus, with jeepney.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_call, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CONTROL = "org.longhand.test.Notifications"
CAPABILITIES = ["actions", "body", "body-markup"]
# Member: (signature in, signature out). A call with another signature is refused, as GDBus refuses it.
_METHODS = {
    "GetCapabilities": ("", "as"),
    "GetServerInformation": ("", "ssss"),
    "Notify": ("susssasa{sv}i", "u"),
    "CloseNotification": ("u", ""),
}
_CONTROL_METHODS = {"Calls": ("", "s"), "Invoke": ("us", "")}
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
# What GDBus answers for a notification server (QtDBus reads the types of Notify's arguments from it).
_INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
  <interface name="{INTROSPECTABLE}"><method name="Introspect"><arg type="s" direction="out"/></method></interface>
  <interface name="{NAME}">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="Notify">
      <arg name="app_name" type="s" direction="in"/><arg name="replaces_id" type="u" direction="in"/>
      <arg name="app_icon" type="s" direction="in"/><arg name="summary" type="s" direction="in"/>
      <arg name="body" type="s" direction="in"/><arg name="actions" type="as" direction="in"/>
      <arg name="hints" type="a{{sv}}" direction="in"/><arg name="expire_timeout" type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg name="id" type="u" direction="in"/></method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>"""
_NOTIFY_FIELDS = ("app_name", "replaces_id", "app_icon", "summary", "body", "actions", "hints", "expire_timeout")
STARTUP_TIMEOUT = 10.0


def _plain(value: Any) -> Any:
    """A D-Bus value as JSON can hold it (jeepney gives a variant as (signature, value))."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return _plain(value[1])
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value


def serve(address: str) -> None:
    """Own the notification service on the bus at `address` and answer until the bus goes away."""
    with closing(open_dbus_connection(address)) as connection:
        connection.send_and_get_reply(message_bus.RequestName(NAME, 4), timeout=5)  # 4: do not queue
        print("ready", flush=True)
        calls: list[dict[str, Any]] = []
        while True:
            try:
                message = connection.receive()
            except (ConnectionError, OSError):
                return
            if message.header.message_type is MessageType.method_call:
                _answer(connection, message, calls)


def _answer(connection: DBusConnection, message: Any, calls: list[dict[str, Any]]) -> None:
    fields = message.header.fields
    interface, member = fields.get(HeaderFields.interface), fields.get(HeaderFields.member)
    signature = fields.get(HeaderFields.signature, "")
    if interface == INTROSPECTABLE and member == "Introspect":
        connection.send(new_method_return(message, "s", (_INTROSPECTION,)))
        return
    methods = _CONTROL_METHODS if interface == CONTROL else _METHODS if interface in (NAME, None) else {}
    if member not in methods:
        connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"No {member}",)))
        return
    wanted, out = methods[member]
    if signature != wanted:
        text = f"Type of message, '({signature})', does not match expected type '({wanted})'"
        connection.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs", "s", (text,)))
        return
    here = DBusAddress(PATH, interface=NAME)
    if member == "GetCapabilities":
        body: tuple = (CAPABILITIES,)
    elif member == "GetServerInformation":
        body = ("longhand-test", "Longhand", "1", "1.2")
    elif member == "Notify":
        call = dict(zip(_NOTIFY_FIELDS, _plain(message.body), strict=True))
        call["id"] = call["replaces_id"] or len(calls) + 1
        calls.append(call)
        body = (call["id"],)
    elif member == "CloseNotification":
        connection.send(new_signal(here, "NotificationClosed", "uu", (message.body[0], 3)))  # 3: closed by a call
        body = ()
    elif member == "Calls":
        body = (json.dumps(calls),)
    else:  # Invoke: what the desktop does when the notification (or one of its buttons) is clicked
        connection.send(new_signal(here, "ActionInvoked", "us", tuple(message.body)))
        connection.send(new_signal(here, "NotificationClosed", "uu", (message.body[0], 2)))  # 2: dismissed
        body = ()
    connection.send(new_method_return(message, out, body))


@dataclass
class NotificationServer:
    """The running stub, seen from the test: what it was asked to show, and a click on a notification."""

    address: str
    process: subprocess.Popen

    def _call(self, member: str, signature: str = "", body: tuple = ()) -> tuple:
        control = DBusAddress(PATH, bus_name=NAME, interface=CONTROL)
        with closing(open_dbus_connection(self.address)) as connection:
            reply = connection.send_and_get_reply(new_method_call(control, member, signature, body), timeout=5)
        if reply.header.message_type is MessageType.error:
            raise RuntimeError(f"The notification server refused {member}: {reply.body}")
        return tuple(reply.body)

    def calls(self) -> list[dict[str, Any]]:
        """Every Notify call so far, oldest first (arguments by their specification names, plus `id`)."""
        return list(json.loads(self._call("Calls")[0]))

    def invoke(self, notification_id: int, key: str = "default") -> None:
        """Emit ActionInvoked(notification_id, key), as the desktop does on a click."""
        self._call("Invoke", "us", (notification_id, key))


@contextmanager
def notification_server(address: str) -> Iterator[NotificationServer]:
    """Run the stub on the bus at `address` for the duration; it is stopped by its PID afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.notification_server", address],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        started = time.monotonic()
        line = process.stdout.readline() if process.stdout else ""  # the bus is local: "ready" comes at once
        if line.strip() != "ready":
            process.kill()
            raise RuntimeError(
                f"The notification server did not start ({time.monotonic() - started:.1f} s): "
                f"{process.stderr.read() if process.stderr else ''}"
            )
        yield NotificationServer(address, process)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=STARTUP_TIMEOUT)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


if __name__ == "__main__":
    serve(sys.argv[1])

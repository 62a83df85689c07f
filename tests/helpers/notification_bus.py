"""A private D-Bus session bus and a recording ``org.freedesktop.Notifications`` server for notification tests.

``private_session_bus`` starts ``dbus-daemon`` with a configuration of our own (no service directories, so
nothing installed on the machine can be activated into the test) and points ``DBUS_SESSION_BUS_ADDRESS`` at it.
``serve_notifications`` puts a ``RecordingNotificationServer`` on that bus: it records every ``Notify`` and
``CloseNotification`` and can click (``ActionInvoked``) or dismiss (``NotificationClosed``) like a person.

Without ``dbus-daemon`` the tests skip, unless ``UNIPILE_REQUIRE_DBUS=1`` (CI sets it): then they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pytest
from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.constants import RequestNameReply
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
DEFAULT_CAPABILITIES = ("actions", "body", "body-markup", "persistence")

CLOSED_DISMISSED = 2  # the specification's reasons for NotificationClosed
CLOSED_BY_CALL = 3

_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def require_dbus_daemon() -> str:
    """The path of ``dbus-daemon``; skips the test without one (fails instead when CI requires D-Bus)."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        reason = "dbus-daemon is not installed (Debian/Ubuntu: apt-get install dbus)"
        if os.environ.get("UNIPILE_REQUIRE_DBUS") == "1":
            pytest.fail(f"{reason}, and UNIPILE_REQUIRE_DBUS=1 requires it")
        pytest.skip(reason)
    return daemon


@pytest.fixture
def private_session_bus(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh session bus for one test, made the session bus of this process; yields its address."""
    daemon = require_dbus_daemon()
    # A short folder of its own: a unix socket path must stay under ~100 bytes, and pytest's can be long.
    folder = Path(tmp_path_factory.mktemp("dbus", numbered=True))
    config = folder / "session.conf"
    config.write_text(_CONFIG.format(socket=folder / "bus"), encoding="utf-8")
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()  # printed once the bus listens
        assert address, "dbus-daemon printed no address"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


@dataclass
class ReceivedNotification:
    """One ``Notify`` call as the server got it; ``open`` until closed by a call, a click or a dismissal."""

    id: int
    app_name: str
    replaces_id: int
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]
    open: bool = True


class RecordingNotificationServer(ServiceInterface):
    """``org.freedesktop.Notifications`` that remembers what it was asked to show."""

    def __init__(self, capabilities: Iterable[str] = DEFAULT_CAPABILITIES, server_name: str = "Recorder") -> None:
        super().__init__(NOTIFICATIONS_NAME)
        self.capabilities = list(capabilities)
        self.server_name = server_name
        self.received: list[ReceivedNotification] = []
        self.close_calls: list[int] = []
        self._ids = itertools.count(1)

    @property
    def on_screen(self) -> list[ReceivedNotification]:
        return [notification for notification in self.received if notification.open]

    def notification(self, notification_id: int) -> ReceivedNotification:
        return next(n for n in self.received if n.id == notification_id)

    @dbus_method()
    def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
        return list(self.capabilities)

    @dbus_method()
    def GetServerInformation(self) -> Annotated[tuple[str, str, str, str], DBusSignature("ssss")]:
        return (self.server_name, "unipile-tests", "1.0", "1.2")

    @dbus_method()
    def Notify(
        self,
        app_name: DBusStr,
        replaces_id: DBusUInt32,
        app_icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: Annotated[list[str], DBusSignature("as")],
        hints: Annotated[dict[str, Variant], DBusSignature("a{sv}")],
        expire_timeout: DBusInt32,
    ) -> DBusUInt32:
        previous = next((n for n in self.on_screen if replaces_id and n.id == replaces_id), None)
        if previous is not None:
            previous.open = False  # replaced in place: the same id, as real servers do
        notification_id = previous.id if previous is not None else next(self._ids)
        hint_values = {key: value.value for key, value in hints.items()}
        self.received.append(
            ReceivedNotification(notification_id, app_name, replaces_id, summary, body, list(actions), hint_values)
        )
        return notification_id

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32):  # no "-> None": dbus-fast reads it as a signature
        self.close_calls.append(notification_id)
        if self._close(notification_id):
            self.NotificationClosed(notification_id, CLOSED_BY_CALL)

    @dbus_signal()
    def NotificationClosed(self, notification_id: int, reason: int) -> Annotated[tuple[int, int], DBusSignature("uu")]:
        return (notification_id, reason)

    @dbus_signal()
    def ActionInvoked(self, notification_id: int, action_key: str) -> Annotated[tuple[int, str], DBusSignature("us")]:
        return (notification_id, action_key)

    def click(self, notification_id: int, action_key: str = "default") -> None:
        """What a person's click does: the action is invoked, then the notification closes."""
        self.ActionInvoked(notification_id, action_key)
        if self._close(notification_id):
            self.NotificationClosed(notification_id, CLOSED_DISMISSED)

    def dismiss(self, notification_id: int) -> None:
        if self._close(notification_id):
            self.NotificationClosed(notification_id, CLOSED_DISMISSED)

    def _close(self, notification_id: int) -> bool:
        open_ones = [n for n in self.on_screen if n.id == notification_id]
        for notification in open_ones:
            notification.open = False
        return bool(open_ones)


@asynccontextmanager
async def serve_notifications(
    address: str, *, capabilities: Iterable[str] = DEFAULT_CAPABILITIES, server_name: str = "Recorder"
) -> AsyncIterator[RecordingNotificationServer]:
    """A recording notification server owning ``org.freedesktop.Notifications`` on the bus at ``address``."""
    server = RecordingNotificationServer(capabilities, server_name)
    bus = await MessageBus(bus_address=address).connect()
    try:
        bus.export(NOTIFICATIONS_PATH, server)
        reply = await bus.request_name(NOTIFICATIONS_NAME)
        assert reply == RequestNameReply.PRIMARY_OWNER, f"could not own {NOTIFICATIONS_NAME}: {reply}"
        yield server
    finally:
        bus.disconnect()
        await bus.wait_for_disconnect()

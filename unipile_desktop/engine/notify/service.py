"""Showing desktop notifications on asyncio: one per key (a chat), replaced not stacked, clicks called back.

The system backend is the ``desktop-notifier`` library (D-Bus through dbus-fast on Linux, toasts on Windows,
Notification Center on macOS). Nothing here raises into the app: without a notification service the notifier
says why, once, and every later call does nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ...texts import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:  # the library (and its D-Bus stack) is imported when the notifier is probed, after the first paint
    from desktop_notifier import DesktopNotifier

log = logging.getLogger(__name__)

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROBE_TIMEOUT_S = 5.0  # a service that D-Bus starts on demand answers well within this; a hung one must not stall us

# Why notifications are off, told to the agent once: marked here, translated by ``unavailable_reason``.
NO_SERVICE = QT_TRANSLATE_NOOP(
    "NotificationService", "Desktop notifications are off: no notification service is running on this desktop."
)
NO_SESSION_BUS = QT_TRANSLATE_NOOP(
    "NotificationService", "Desktop notifications are off: this session has no D-Bus session bus."
)
NO_NOTIFICATION_CENTER = QT_TRANSLATE_NOOP(
    "NotificationService", "Desktop notifications are off: this system offers no notification centre to the app."
)
PROBE_FAILED = QT_TRANSLATE_NOOP(
    "NotificationService", "Desktop notifications are off: the notification service could not be reached."
)


@dataclass(frozen=True, slots=True)
class Probe:
    """What a backend found out at start: whether it can show notifications, and whether the body takes markup."""

    available: bool
    markup: bool = False
    reason: str | None = None  # a sentence for the person when not available


class NotifierBackend(Protocol):
    """Where notifications go. ``send`` returns a handle for ``clear``, or None when the server refused it."""

    name: str

    async def probe(self) -> Probe: ...

    async def send(self, summary: str, body: str, on_click: Callable[[], None]) -> str | None: ...

    async def clear(self, handle: str) -> None: ...

    async def close(self) -> None: ...


@dataclass(eq=False)
class _Shown:
    handle: str | None = None


class Notifier:
    """At most one notification per key on screen: showing again under a key replaces the previous one.

    ``await start()`` once (``show`` starts it otherwise). ``available`` / ``unavailable_reason`` tell the outcome;
    ``markup`` tells whether the body is rendered as markup (the caller escapes the text then, see ``text``).
    """

    def __init__(self, app_name: str, *, backend: NotifierBackend | None = None) -> None:
        self.backend: NotifierBackend = backend if backend is not None else SystemBackend(app_name)
        self._probe: Probe | None = None
        self._shown: dict[str, _Shown] = {}
        self._lock = asyncio.Lock()  # show/withdraw for one key must not interleave, or two would stack
        self._start_lock = asyncio.Lock()  # the first notifications may all ask to start: probe once
        self._refusal_logged = False

    @property
    def started(self) -> bool:
        return self._probe is not None

    @property
    def available(self) -> bool:
        return self._probe is not None and self._probe.available

    @property
    def markup(self) -> bool:
        return self._probe is not None and self._probe.markup

    @property
    def unavailable_reason(self) -> str | None:
        if self._probe is None or self._probe.available:
            return None
        return translate("NotificationService", self._probe.reason or PROBE_FAILED)

    def is_shown(self, key: str) -> bool:
        return key in self._shown

    async def start(self) -> None:
        """Ask the backend what it can do; never raises (a failure is "not available" with a reason)."""
        async with self._start_lock:
            if self._probe is not None:
                return
            try:
                probe = await self.backend.probe()
            except Exception:
                log.warning("probing the notification service failed", exc_info=True)
                probe = Probe(available=False, reason=PROBE_FAILED)
            self._probe = probe
        if probe.available:
            log.info("notifications through %s (body markup: %s)", self.backend.name, probe.markup)
        else:
            log.info("notifications unavailable: %s", probe.reason)

    async def show(self, key: str, summary: str, body: str, *, on_click: Callable[[], None]) -> bool:
        """Show (summary, body) as the one notification of ``key``; True when the server accepted it."""
        await self.start()
        if not self.available:
            return False
        async with self._lock:
            previous = self._shown.pop(key, None)
            if previous is not None and previous.handle is not None:
                await self._clear(previous.handle)
            shown = _Shown()

            def clicked() -> None:
                # The server removes a clicked notification: forget it, so the next one does not try to close it.
                if self._shown.get(key) is shown:
                    del self._shown[key]
                try:
                    on_click()
                except Exception:
                    log.exception("the notification click handler for %s failed", key)

            try:
                handle = await self.backend.send(summary, body, clicked)
            except Exception:
                log.warning("sending a notification failed", exc_info=True)
                handle = None
            if handle is None:
                if not self._refusal_logged:
                    self._refusal_logged = True
                    log.warning("the notification service did not take a notification (later ones log nothing)")
                return False
            shown.handle = handle
            self._shown[key] = shown
            return True

    async def withdraw(self, key: str) -> None:
        """Remove the notification of ``key`` if one is on screen (the agent opened that chat)."""
        async with self._lock:
            shown = self._shown.pop(key, None)
            if shown is not None and shown.handle is not None:
                await self._clear(shown.handle)

    async def close(self) -> None:
        """Withdraw what is still on screen (a click could no longer open anything) and let the backend go."""
        for key in list(self._shown):
            await self.withdraw(key)
        try:
            await self.backend.close()
        except Exception:
            log.warning("closing the notification backend failed", exc_info=True)

    async def _clear(self, handle: str) -> None:
        try:
            await self.backend.clear(handle)
        except Exception:
            log.warning("withdrawing a notification failed", exc_info=True)


class SystemBackend:
    """The desktop's own notifications through ``desktop-notifier``.

    On Linux the probe asks the D-Bus service itself for ``GetCapabilities`` (desktop-notifier does not tell
    whether the body takes markup, and would only log a warning per notification when no service exists).
    """

    def __init__(self, app_name: str, *, icon: Path | None = None, probe_timeout: float = PROBE_TIMEOUT_S) -> None:
        self._app_name = app_name
        self._icon_path = icon
        self._probe_timeout = probe_timeout
        self._notifier: DesktopNotifier | None = None
        self.name = "dbus" if platform.system() == "Linux" else "system"

    async def probe(self) -> Probe:
        from desktop_notifier import DesktopNotifier, Icon
        from desktop_notifier.main import get_backend_class

        if get_backend_class().__name__ == "DummyNotificationCenter":
            # macOS outside an app bundle, or an old system: the library would drop every notification silently.
            return Probe(available=False, reason=NO_NOTIFICATION_CENTER)
        markup = False
        if platform.system() == "Linux":
            try:
                capabilities = await asyncio.wait_for(_dbus_capabilities(), self._probe_timeout)
            except _NoSessionBus:
                return Probe(available=False, reason=NO_SESSION_BUS)
            except Exception as exc:
                log.info("no notification service on the session bus: %r", exc)
                return Probe(available=False, reason=NO_SERVICE)
            markup = "body-markup" in capabilities
        icon = Icon(path=self._icon_path) if self._icon_path is not None else None
        self._notifier = DesktopNotifier(app_name=self._app_name, app_icon=icon)
        return Probe(available=True, markup=markup)

    async def send(self, summary: str, body: str, on_click: Callable[[], None]) -> str | None:
        if self._notifier is None:
            return None
        dispatched = False

        def on_dispatched() -> None:
            nonlocal dispatched
            dispatched = True

        # desktop-notifier logs and swallows a failed send; it calls on_dispatched only once the server took it.
        from desktop_notifier import Notification

        notification = Notification(title=summary, message=body, on_clicked=on_click, on_dispatched=on_dispatched)
        await self._notifier.send_notification(notification)
        return notification.identifier if dispatched else None

    async def clear(self, handle: str) -> None:
        if self._notifier is None:
            return
        try:
            await self._notifier.clear(handle)
        except KeyError:
            pass  # the server closed it already (clicked or dismissed) and the library forgot its id

    async def close(self) -> None:
        notifier, self._notifier = self._notifier, None
        # The library keeps its D-Bus connection for its lifetime and has no close: end it ourselves, or its
        # socket outlives the loop.
        bus = getattr(getattr(notifier, "_backend", None), "bus", None)
        if bus is not None:
            await _disconnect(bus)


class _NoSessionBus(Exception):
    pass


async def _dbus_capabilities() -> list[str]:
    """The server's ``GetCapabilities`` on the session bus; raises when there is no bus or no service on it."""
    from dbus_fast import Message, MessageType
    from dbus_fast.aio import MessageBus
    from dbus_fast.errors import InvalidAddressError

    try:
        bus = MessageBus()
    except (InvalidAddressError, KeyError, OSError) as exc:  # no address, no $HOME, no machine id
        raise _NoSessionBus from exc
    try:
        await bus.connect()
    except OSError as exc:  # the address names a socket nobody listens on
        raise _NoSessionBus from exc
    try:
        reply = await bus.call(
            Message(
                destination=NOTIFICATIONS_NAME,
                path=NOTIFICATIONS_PATH,
                interface=NOTIFICATIONS_NAME,
                member="GetCapabilities",
            )
        )
        if reply.message_type == MessageType.ERROR:
            raise RuntimeError(f"{reply.error_name}: {reply.body[0] if reply.body else ''}")
        return [str(capability) for capability in reply.body[0]]
    finally:
        await _disconnect(bus)


async def _disconnect(bus: Any) -> None:
    try:
        bus.disconnect()
        await bus.wait_for_disconnect()
    except Exception:
        log.debug("closing a D-Bus connection failed", exc_info=True)


@dataclass(frozen=True, slots=True)
class SentNotification:
    """One notification a recording backend was given."""

    handle: str
    summary: str
    body: str


class RecordingBackend:
    """Notifications kept in memory: for tests, and for the smoke test on a machine with no notification service."""

    name = "recording"

    def __init__(self, *, available: bool = True, markup: bool = False, reason: str | None = None) -> None:
        self._probe = Probe(available=available, markup=markup, reason=reason if not available else None)
        self.sent: list[SentNotification] = []
        self.cleared: list[str] = []
        self.closed = False
        self._callbacks: dict[str, Callable[[], None]] = {}
        self._ids = itertools.count(1)

    @property
    def shown(self) -> list[SentNotification]:
        """What is on "screen" now: sent, not cleared, not clicked."""
        return [sent for sent in self.sent if sent.handle in self._callbacks]

    async def probe(self) -> Probe:
        return self._probe

    async def send(self, summary: str, body: str, on_click: Callable[[], None]) -> str | None:
        handle = f"recorded-{next(self._ids)}"
        self.sent.append(SentNotification(handle, summary, body))
        self._callbacks[handle] = on_click
        return handle

    async def clear(self, handle: str) -> None:
        if self._callbacks.pop(handle, None) is not None:
            self.cleared.append(handle)

    async def close(self) -> None:
        self.closed = True

    def click(self, handle: str) -> None:
        """What a click on the notification does: it goes away and the app is called back."""
        callback = self._callbacks.pop(handle)
        callback()

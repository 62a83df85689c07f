"""Qt face of the polling sync: its listener calls as signals, and the poll interval following window activation."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from ..api.client import RequestGate
from ..api.models import Chat, Message
from ..engine.sync import PollingClient, SyncEngine, SyncPolicy, SyncState, SyncStatus
from ..store.store import Store
from ..texts import translate

log = logging.getLogger(__name__)

SYNCING_SHOWN_AFTER_MS = 800  # a poll shorter than this never shows "Syncing…": every 3 s would be a flicker


class LiveUpdates(QObject):
    """Owns a ``SyncEngine`` for one session. ``start()`` once the loop runs; ``await close()`` at shutdown.

    ``indicator_changed(text, tooltip)`` is the quiet status-bar line: "" while online, "Syncing…" only when a
    poll runs long, "Offline — …" with the reason while the server cannot be reached.
    """

    chats_changed = Signal(list)  # list[Chat], newest activity first
    messages_arrived = Signal(str, list)  # chat id, list[Message] (oldest first, ids never seen before)
    status_changed = Signal(object)  # SyncStatus
    back_online = Signal()  # a poll succeeded after failures: wake the outbox
    indicator_changed = Signal(str, str)  # text, tooltip

    def __init__(
        self,
        store: Store,
        client: PollingClient,
        *,
        policy: SyncPolicy | None = None,
        engine: SyncEngine | None = None,
        follow_application_state: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine or SyncEngine(store, client, policy=policy)
        self._remove_listener: Callable[[], None] | None = self.engine.add_listener(
            chats_changed=self._on_engine_chats_changed,
            messages_arrived=self._on_engine_messages_arrived,
            state_changed=self._on_engine_state_changed,
        )
        self._indicator = ("", "")
        self._was_offline = False
        self._syncing_timer = QTimer(self)
        self._syncing_timer.setSingleShot(True)
        self._syncing_timer.setInterval(SYNCING_SHOWN_AFTER_MS)
        self._syncing_timer.timeout.connect(self._on_syncing_timer_timeout)
        self._retry_deadline: float | None = None  # monotonic time of the next attempt while offline
        self._countdown = QTimer(self)  # keeps "retrying in N s" true while offline
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_offline)
        app = QGuiApplication.instance()
        if follow_application_state and isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self.on_application_state_changed)
            self.engine.set_active(app.applicationState() == Qt.ApplicationState.ApplicationActive or _offscreen())

    # ------------------------------------------------------------------------------------------ commands

    def start(self) -> None:
        self.engine.start()
        self._syncing_timer.start()  # the first catch-up is worth showing if it is slow

    async def close(self) -> None:
        self._syncing_timer.stop()
        self._countdown.stop()
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        await self.engine.close()

    def refresh_now(self) -> None:
        self.engine.refresh_now()

    def set_active(self, active: bool) -> None:
        self.engine.set_active(active)

    def set_accounts(self, account_ids: Sequence[str] | None) -> None:
        self.engine.set_accounts(account_ids)

    @property
    def status(self) -> SyncStatus:
        return self.engine.status

    @property
    def indicator(self) -> tuple[str, str]:
        """(text, tooltip) of the status-bar indicator now."""
        return self._indicator

    # ------------------------------------------------------------------------------------------ slots

    def on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        self.engine.set_active(state == Qt.ApplicationState.ApplicationActive)

    def _on_engine_chats_changed(self, chats: list[Chat]) -> None:
        self.chats_changed.emit(chats)

    def _on_engine_messages_arrived(self, chat_id: str, messages: list[Message]) -> None:
        self.messages_arrived.emit(chat_id, messages)

    def _on_engine_state_changed(self, status: SyncStatus) -> None:
        self.status_changed.emit(status)
        if status.state is SyncState.OFFLINE:
            self._was_offline = True
            self._syncing_timer.stop()
            self._retry_deadline = time.monotonic() + status.retry_in if status.retry_in is not None else None
            self._show_offline()
            self._countdown.start()
            return
        self._countdown.stop()
        self._retry_deadline = None
        if status.state is SyncState.SYNCING:
            if not self._syncing_timer.isActive() and not self._indicator[0]:
                self._syncing_timer.start()
            return
        self._syncing_timer.stop()
        if self._was_offline:
            self._was_offline = False
            self.back_online.emit()
        if status.problem == "rate_limited":
            self._set_indicator(
                translate("LiveUpdates", "Updates paused: the server asked to slow down"), status.sentence
            )
        elif status.problem == "refused":
            self._set_indicator(translate("LiveUpdates", "Updates paused"), status.sentence)
        else:
            self._set_indicator("", "")

    def _show_offline(self) -> None:
        status = self.engine.status
        if status.state is not SyncState.OFFLINE:
            self._countdown.stop()
            return
        remaining = None if self._retry_deadline is None else self._retry_deadline - time.monotonic()
        tooltip = translate("LiveUpdates", "{reason} Press F5 to try again now.").format(reason=status.sentence).strip()
        self._set_indicator(offline_text(remaining), tooltip)

    def _on_syncing_timer_timeout(self) -> None:
        if self.engine.status.state is SyncState.SYNCING:
            self._set_indicator(
                translate("LiveUpdates", "Syncing…"), translate("LiveUpdates", "Checking for new messages")
            )

    def _set_indicator(self, text: str, tooltip: str) -> None:
        if (text, tooltip) != self._indicator:
            self._indicator = (text, tooltip)
            self.indicator_changed.emit(text, tooltip)


class ServerSlowdown(QObject):
    """The client's shared 429 pause (``UnipileClient.gate``) as one status-bar line that counts down.

    ``changed(text)`` carries "The server asked to slow down; retrying in 12 s" when a 429 closes the gate, the
    same each second with the new count, and "" once requests go out again. ``close()`` stops listening.
    """

    changed = Signal(str)

    def __init__(self, gate: RequestGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gate = gate
        self._text = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update)
        self._remove: Callable[[], None] | None = gate.add_listener(self._on_closed)

    @property
    def text(self) -> str:
        return self._text

    def close(self) -> None:
        self._countdown.stop()
        if self._remove is not None:
            self._remove()
            self._remove = None

    def _on_closed(self, _seconds: float) -> None:
        self._update()
        if not self._countdown.isActive():
            self._countdown.start()

    def _update(self) -> None:
        remaining = self._gate.remaining()
        if remaining <= 0:
            self._countdown.stop()
        text = slowdown_text(remaining)
        if text != self._text:
            self._text = text
            self.changed.emit(text)


def slowdown_text(remaining: float) -> str:
    """ "The server asked to slow down; retrying in 12 s" ("" when the pause is over)."""
    if remaining <= 0:
        return ""
    if remaining < 1:
        return translate("LiveUpdates", "The server asked to slow down; retrying…")
    seconds = QLocale().toString(round(remaining))
    return translate("LiveUpdates", "The server asked to slow down; retrying in {seconds} s").format(seconds=seconds)


def offline_text(retry_in: float | None) -> str:
    """ "Offline — retrying in 8 s" (the reason goes to the tooltip: the status bar stays one short line)."""
    if retry_in is None:
        return translate("LiveUpdates", "Offline")
    if retry_in < 1:
        return translate("LiveUpdates", "Offline — retrying…")
    return translate("LiveUpdates", "Offline — retrying in {seconds} s").format(
        seconds=QLocale().toString(round(retry_in))
    )


def _offscreen() -> bool:
    # Headless runs (tests, --smoke-test under the offscreen platform) never get an "active" application state.
    return QGuiApplication.platformName() in ("offscreen", "minimal")

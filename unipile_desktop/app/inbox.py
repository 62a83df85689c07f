"""The agent's inbox around one session's window: the queue, desktop notifications, the tray and the taskbar badge."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

from .. import APP_NAME
from ..api import Message
from ..core.accounts import AccountsController
from ..core.chats import ChatListController
from ..core.notifications import NotificationController, NotificationSubject
from ..core.queue import QueueController
from ..engine.notify import Notifier, RecordingBackend, SystemBackend
from ..engine.queue import QueueView
from ..store import Store
from ..texts import translate
from ..ui.accounts import account_label
from ..ui.main_window import MainWindow
from ..ui.notification_settings import NotificationSettings, NotificationSettingsDialog
from ..ui.resources import app_icon, icon_path, provider_name
from ..ui.tray import TrayIcon, set_badge_number

log = logging.getLogger(__name__)

FIRST_PAINT_WAIT_S = 2.0  # a window that is shown paints well within this; a hidden one must not stall notifications

CLOSE_TO_TRAY_KEY = "tray/close_to_tray"  # window settings: closing the window keeps the app in the tray


class Inbox(QObject):
    """Wires the queue and the notifications to the sync, the window and the tray; ``start()``, then ``aclose()``.

    Notifications go to the desktop's service through ``desktop-notifier``. Where none runs, the app says so once
    in the status bar and carries on; headless runs (the smoke test) then keep them in memory instead, so the
    notification path is still exercised on a bare machine (``notifier_kind`` says which one was used).
    """

    def __init__(
        self,
        *,
        store: Store,
        accounts: AccountsController,
        chats: ChatListController,
        queue: QueueController,
        window: MainWindow,
        settings: QSettings,
        record_when_unavailable: bool,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._accounts = accounts
        self._chats = chats
        self.queue = queue
        self.window = window
        self._settings = settings
        self._record_when_unavailable = record_when_unavailable
        icon = icon_path("app.svg")
        self.notifications = NotificationController(
            Notifier(APP_NAME, backend=SystemBackend(APP_NAME, icon=icon)),
            queue=queue,
            preferences=store.preferences,
            describe=self.describe,
            look_up_people=chats.look_up_people,
            parent=self,
        )
        # Only where the desktop has a tray: without one, closing the window quits as before.
        self.tray: TrayIcon | None = TrayIcon(app_icon(), self) if QSystemTrayIcon.isSystemTrayAvailable() else None
        self._start_task: asyncio.Task[None] | None = None
        self._app: QGuiApplication | None = None
        self._closed = False

    @property
    def notifier_kind(self) -> str:
        """ "dbus" (or "system") for the desktop's service, "recording" for the in-memory stand-in, "" before start."""
        notifier = self.notifications.notifier
        return str(getattr(notifier.backend, "name", "")) if notifier.started else ""

    # ------------------------------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        window, queue, notifications = self.window, self.queue, self.notifications
        queue.snooze_ended.connect(notifications.on_snooze_ended)
        notifications.activated.connect(self.open_chat)
        notifications.unavailable.connect(self._on_notifications_unavailable)
        window.conversation.chat_opened.connect(self._on_chat_opened)
        window.queue_actions.counts_changed.connect(self._on_counts_changed)
        window.notification_settings_action.setEnabled(True)
        window.notification_settings_action.triggered.connect(self.open_settings)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            # The application outlives the session: disconnected in aclose(), or a later state change would reach a
            # deleted window.
            self._app = app
            app.applicationStateChanged.connect(self._on_application_state_changed)
            self._on_application_state_changed(app.applicationState())
        tray = self.tray
        if tray is not None:
            tray.set_do_not_disturb(notifications.do_not_disturb)
            tray.open_requested.connect(self.bring_forward)
            tray.quit_requested.connect(window.quit)
            tray.do_not_disturb_toggled.connect(self._on_tray_do_not_disturb_toggled)
            notifications.do_not_disturb_changed.connect(tray.set_do_not_disturb)
            window.keep_running_in_tray = self.keep_running_in_tray
            window.hidden_to_tray.connect(self._on_hidden_to_tray)
            tray.show()
        queue.start()
        self._start_task = asyncio.get_running_loop().create_task(self._start_notifications())

    async def _start_notifications(self) -> None:
        # The probe imports the notification library and talks to D-Bus: tens of ms the first paint need not wait
        # for. A window that is never painted (a hidden test window) waits no longer than a moment.
        await self.window.chat_list_painted.wait(FIRST_PAINT_WAIT_S)
        notifier = self.notifications.notifier
        # A headless run on a machine whose notification service would need a permission nobody can grant (a CI
        # runner's macOS or Windows): UNIPILE_NOTIFICATIONS=memory keeps them in memory, as with no service at all.
        forced = self._record_when_unavailable and os.environ.get("UNIPILE_NOTIFICATIONS") == "memory"
        if not forced:
            await notifier.start()
        if (forced or not notifier.available) and self._record_when_unavailable:
            log.info("notifications: %s; kept in memory for this headless run", notifier.unavailable_reason)
            await notifier.close()
            self.notifications.notifier = Notifier(APP_NAME, backend=RecordingBackend())
        await self.notifications.start()

    async def aclose(self) -> None:
        """Stop the snooze timer, withdraw what is on screen and remove the tray icon; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        app, self._app = self._app, None
        if app is not None:
            app.applicationStateChanged.disconnect(self._on_application_state_changed)
        task, self._start_task = self._start_task, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self.queue.close()
        await self.notifications.close()
        if self.tray is not None:
            self.tray.hide()
        set_badge_number(0)

    # ------------------------------------------------------------------------------------------ messages

    def on_messages_arrived(self, chat_id: str, messages: Sequence[Message]) -> None:
        """New messages from the sync: the queue reconsiders the chat, a customer's words may notify."""
        self.queue.forget(chat_id)
        if any(not m.is_sender and not m.is_event for m in messages):
            self.queue.note_customer_message(chat_id)  # a snoozed customer who writes is back at once
        self.notifications.on_messages_arrived(chat_id, list(messages))
        self.window.queue_actions.schedule_recount()

    def describe(self, chat_id: str, message: Message | None) -> NotificationSubject | None:
        """Who wrote, in which chat, on which account: from the chat list, else the cache; None: unknown chat."""
        entry = self._chats.entry(chat_id)
        chat = entry.chat if entry is not None else self._store.cache.chat(chat_id)
        if chat is None:
            return None
        title = entry.title if entry is not None and entry.title else (chat.name or "")
        sender = ""
        if message is not None:
            attendee = self._store.cache.attendee(message.sender_attendee_id or "") or (
                self._store.cache.attendee_by_provider_id(chat.account_id, message.sender_id)
                if message.sender_id
                else None
            )
            sender = attendee.name if attendee is not None and attendee.name else ""
        account = self._accounts.account(chat.account_id)
        account_text = account_label(account) if account is not None else provider_name(chat.account_type)
        return NotificationSubject(
            sender=sender or title or translate("Inbox", "A customer"),
            chat_title=title,
            account=account_text,
            sender_known=bool(sender),
        )

    # ------------------------------------------------------------------------------------------ the window

    def open_chat(self, chat_id: str) -> None:
        """A click on a notification: the window comes forward with that chat open, whatever view was shown."""
        self.bring_forward()
        window = self.window
        if window.select_chat(chat_id):
            return
        # Not in the list as filtered: show every chat of every account, then the chat itself.
        if window.filter_edit.text():
            window.filter_edit.clear()
        if self.queue.view is not QueueView.ALL and QueueView.ALL not in self._views(chat_id):
            self.queue.set_view(QueueView.ALL)
        window.queue_bar.set_view(self.queue.view.value)
        if window.select_chat(chat_id):
            return
        chat = self._store.cache.chat(chat_id)
        if chat is not None:
            self._chats.show_chat(chat)
            if not window.select_chat(chat_id):
                self.queue.set_view(QueueView.ALL)
                window.select_chat(chat_id)

    def _views(self, chat_id: str) -> frozenset[QueueView]:
        entry = self._chats.entry(chat_id)
        return self.queue.views_of(entry) if entry is not None else frozenset()

    def bring_forward(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        else:
            window.show()
        window.raise_()
        window.activateWindow()

    def keep_running_in_tray(self) -> bool:
        return self.tray is not None and self.close_to_tray

    @property
    def close_to_tray(self) -> bool:
        value = self._settings.value(CLOSE_TO_TRAY_KEY, True)
        return value is True or (isinstance(value, str) and value.lower() == "true")

    def open_settings(self) -> NotificationSettingsDialog:
        notifications = self.notifications
        current = NotificationSettings(
            hide_text=notifications.hide_text,
            do_not_disturb=notifications.do_not_disturb,
            working_hours=notifications.working_hours,
            waiting_threshold_minutes=self.queue.waiting_threshold_minutes,
            close_to_tray=self.close_to_tray,
        )
        dialog = NotificationSettingsDialog(current, tray_available=self.tray is not None, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.values()))
        dialog.open()
        return dialog

    def apply_settings(self, values: NotificationSettings) -> None:
        notifications = self.notifications
        notifications.hide_text = values.hide_text
        notifications.do_not_disturb = values.do_not_disturb
        notifications.working_hours = values.working_hours
        self.queue.waiting_threshold_minutes = values.waiting_threshold_minutes
        self._settings.setValue(CLOSE_TO_TRAY_KEY, values.close_to_tray)
        self.window.chat_view.viewport().update()  # the warning colour follows the new threshold

    # ------------------------------------------------------------------------------------------ slots

    def _on_chat_opened(self, chat: object) -> None:
        self.notifications.set_open_chat(getattr(chat, "id", None))

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        self.notifications.set_window_focused(
            state == Qt.ApplicationState.ApplicationActive and self.window.isVisible()
        )

    def _on_counts_changed(self, counts: dict[str, int]) -> None:
        waiting = counts.get(QueueView.WAITING.value, 0)
        if self.tray is not None:
            self.tray.set_waiting(waiting)
        else:
            set_badge_number(waiting)

    def _on_tray_do_not_disturb_toggled(self, on: bool) -> None:
        self.notifications.do_not_disturb = on

    def _on_hidden_to_tray(self) -> None:
        self.notifications.set_window_focused(False)
        if self.tray is not None:
            self.tray.show_hint_once(self._settings)

    def _on_notifications_unavailable(self, sentence: str) -> None:
        log.info("%s", sentence)
        self.window.statusBar().showMessage(sentence, 15_000)

"""The window's queue: the view bar's counts, the Chat menu (Mark done, Snooze, Mute) and the list's menu entries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QMenuBar, QToolButton, QWidget

from ..core.chats import ChatEntry, ChatListController
from ..core.conversation import ConversationController
from ..engine.queue import QueueView, SnoozePreset, snooze_until
from ..texts import QT_TRANSLATE_NOOP, translate
from . import shortcuts
from .chat_list import ChatFilterProxy, ChatListModel, ChatListView, ChatRole
from .chat_queue import SNOOZE_CHOOSE
from .queue_bar import QueueBar
from .snooze_dialog import SnoozeDialog, choose_time_label, local_time, snooze_choices

if TYPE_CHECKING:
    from ..core.queue import QueueController

COUNT_DELAY_MS = 150  # counts follow a burst of changes (a page of chats, a live sync) once, not per row
REPAINT_INTERVAL_MS = 30_000  # "waiting 12 min" stays true to the minute, give or take half of one
DONE_TIP = QT_TRANSLATE_NOOP("QueueActions", "Take the open chat out of Waiting until the customer writes again")
REOPEN_TIP = QT_TRANSLATE_NOOP("QueueActions", "Bring the open chat back to Waiting")
# Sources: shown through ``empty_view_text``.
EMPTY_VIEW_TEXT: dict[QueueView, str] = {
    QueueView.WAITING: QT_TRANSLATE_NOOP("QueueActions", "Nobody is waiting for a reply."),
    QueueView.UNREAD: QT_TRANSLATE_NOOP("QueueActions", "No unread chats."),
    QueueView.DONE: QT_TRANSLATE_NOOP("QueueActions", "No chats marked done."),
    QueueView.SNOOZED: QT_TRANSLATE_NOOP("QueueActions", "No snoozed chats."),
}


def empty_view_text(view: QueueView) -> str | None:
    """What the list says when a queue view has no chat, in the agent's language; None for a view without one."""
    text = EMPTY_VIEW_TEXT.get(view)
    return translate("QueueActions", text) if text is not None else None


class QueueWindow(Protocol):
    """What of the main window the queue works with (the window imports this module, not the other way round)."""

    queue_bar: QueueBar
    chat_model: ChatListModel
    chat_proxy: ChatFilterProxy
    chat_view: ChatListView
    filter_edit: QLineEdit
    new_chat_button: QToolButton
    chats: ChatListController
    conversation: ConversationController

    def menuBar(self) -> QMenuBar: ...

    def select_chat(self, chat_id: str) -> bool: ...

    def update_chat_list_status(self, *_: object) -> None: ...


class QueueActions(QObject):
    """Connects the queue controller to the window: the bar, the list's view and sort, the Chat menu, the counts.

    Without a queue (``queue`` None) the bar is hidden and the actions stay disabled: the window works as before.
    """

    counts_changed = Signal(dict)  # view value -> number of chats, after the debounced recount

    def __init__(self, window: QueueWindow, queue: QueueController | None) -> None:
        widget = window if isinstance(window, QWidget) else None
        super().__init__(widget)
        self._window = window
        self.queue = queue
        self.counts: dict[str, int] = {}
        self._dialog: SnoozeDialog | None = None

        self.mark_done_action = QAction(translate("QueueActions", "Mark &done"), self)
        self.mark_done_action.setObjectName("markDoneAction")
        self.mark_done_action.setToolTip(translate("QueueActions", DONE_TIP))
        shortcuts.apply(self.mark_done_action, "mark_done")
        self.mark_done_action.triggered.connect(self.toggle_done)
        self.snooze_menu = QMenu(translate("QueueActions", "&Snooze"), widget)
        self.snooze_actions: dict[str, QAction] = {}
        for preset, label in snooze_choices():
            action = self.snooze_menu.addAction(label)
            action.triggered.connect(lambda _checked=False, chosen=preset.value: self.snooze_open_chat(chosen))
            self.snooze_actions[preset.value] = action
        choose = self.snooze_menu.addAction(choose_time_label())
        choose.triggered.connect(lambda: self.snooze_open_chat(SNOOZE_CHOOSE))
        self.snooze_actions[SNOOZE_CHOOSE] = choose
        self.mute_action = QAction(translate("QueueActions", "&Mute notifications"), self)
        self.mute_action.setCheckable(True)
        self.mute_action.setToolTip(
            translate("QueueActions", "No notifications from this chat; it still counts in Waiting")
        )
        self.mute_action.triggered.connect(self.on_mute_action_triggered)
        self.mark_done_button = QToolButton()
        self.mark_done_button.setObjectName("markDoneButton")
        self.mark_done_button.setDefaultAction(self.mark_done_action)
        self.mark_done_button.setToolButtonStyle(window.new_chat_button.toolButtonStyle())

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.recount)
        self.repaint_timer = QTimer(self)
        self.repaint_timer.setInterval(REPAINT_INTERVAL_MS)
        self.repaint_timer.timeout.connect(self.on_repaint_timer_timeout)

    def build_menu(self, *, after_done: Sequence[QAction] = (), more: Sequence[QAction] = ()) -> QMenu:
        """The Chat menu: Mark done, ``after_done`` (Mark unread), Snooze, Mute, then ``more`` after a line."""
        menu = self._window.menuBar().addMenu(translate("QueueActions", "&Chat"))
        menu.setObjectName("chatMenu")
        menu.addAction(self.mark_done_action)
        menu.addActions(list(after_done))
        menu.addMenu(self.snooze_menu)
        menu.addAction(self.mute_action)
        if more:
            menu.addSeparator()
            menu.addActions(list(more))
        return menu

    def connect_window(self) -> None:
        """Wire the bar, the list and the controllers (called once the window's widgets exist)."""
        window, queue = self._window, self.queue
        window.queue_bar.setVisible(queue is not None)
        self.mark_done_button.setVisible(queue is not None)
        window.conversation.chat_opened.connect(self.update_actions)
        window.chats.chat_updated.connect(self.on_chats_chat_updated)
        view = window.chat_view
        view.mark_done_requested.connect(self.on_chat_view_mark_done_requested)
        view.snooze_requested.connect(self.on_chat_view_snooze_requested)
        view.mute_requested.connect(self.on_chat_view_mute_requested)
        if queue is not None:
            for signal in (
                window.chat_model.rowsInserted,
                window.chat_model.rowsRemoved,
                window.chat_model.modelReset,
                window.chat_model.dataChanged,
                queue.marks_changed,
                window.filter_edit.textChanged,
            ):
                signal.connect(self.schedule_recount)
            queue.marks_changed.connect(self.update_actions)
            queue.view_changed.connect(self.on_queue_view_changed)
            window.queue_bar.view_selected.connect(self.on_queue_bar_view_selected)
            self.on_queue_view_changed(queue.view.value)  # the view this profile showed last time
            self.repaint_timer.start()
            self.recount()
        self.update_actions()

    # ------------------------------------------------------------------------------------------ counts and view

    def schedule_recount(self, *_: object) -> None:
        if not self._count_timer.isActive():
            self._count_timer.start()

    def recount(self) -> dict[str, int]:
        self._count_timer.stop()
        counts = self._window.chat_proxy.count_views()
        self._window.queue_bar.set_counts(counts)
        if counts != self.counts:
            self.counts = counts
            self.counts_changed.emit(dict(counts))
        return counts

    def on_queue_bar_view_selected(self, view: str) -> None:
        if self.queue is not None:
            self.queue.set_view(view)

    def on_queue_view_changed(self, view: str) -> None:
        window = self._window
        window.queue_bar.set_view(view)
        window.chat_proxy.set_view(view)
        window.update_chat_list_status()

    def on_repaint_timer_timeout(self) -> None:
        self._window.chat_view.viewport().update()

    # ------------------------------------------------------------------------------------------ acting on a chat

    def open_entry(self) -> ChatEntry | None:
        chat = self._window.conversation.chat
        return self._window.chats.entry(chat.id) if chat is not None else None

    def update_actions(self, *_: object) -> None:
        entry = self.open_entry() if self.queue is not None else None
        enabled = entry is not None
        for action in (self.mark_done_action, self.mute_action, *self.snooze_actions.values()):
            action.setEnabled(enabled)
        self.snooze_menu.setEnabled(enabled)
        done = entry is not None and self.queue is not None and QueueView.DONE in self.queue.views_of(entry)
        self.mark_done_action.setText(
            translate("QueueActions", "Re&open") if done else translate("QueueActions", "Mark &done")
        )
        tip = translate("QueueActions", REOPEN_TIP if done else DONE_TIP)
        self.mark_done_action.setToolTip(shortcuts.tooltip("mark_done", tip))
        self.mute_action.setChecked(entry is not None and self.queue is not None and self.queue.is_muted(entry.id))

    def on_chats_chat_updated(self, chat_id: str) -> None:
        chat = self._window.conversation.chat
        if chat is not None and chat.id == chat_id:
            self.update_actions()

    def toggle_done(self, entry: ChatEntry | None = None) -> None:
        """Ctrl+E: mark the chat done (the open one unless given), or reopen it when it is done already."""
        queue = self.queue
        entry = entry if isinstance(entry, ChatEntry) else self.open_entry()
        if queue is None or entry is None:
            return
        if QueueView.DONE in queue.views_of(entry):
            queue.reopen(entry.id)
            return
        self._leaving(entry, lambda: queue.mark_done(entry))

    def snooze(self, entry: ChatEntry, choice: str) -> SnoozeDialog | None:
        """Snooze a chat for a preset, or open the dialog to choose a time (``SNOOZE_CHOOSE``)."""
        queue = self.queue
        if queue is None:
            return None
        now = local_time(queue.clock())
        if choice != SNOOZE_CHOOSE:
            until = snooze_until(SnoozePreset(choice), now)
            self._leaving(entry, lambda: queue.snooze(entry, until))
            return None
        if self._dialog is not None:
            self._dialog.close()
        parent = self._window if isinstance(self._window, QWidget) else None
        dialog = SnoozeDialog(now, chat_title=entry.title, parent=parent)
        dialog.snooze_chosen.connect(lambda until: self._on_snooze_chosen(entry.id, until))
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()  # never exec(): a nested loop inside qasync breaks running coroutines
        return dialog

    def snooze_open_chat(self, choice: str) -> SnoozeDialog | None:
        entry = self.open_entry()
        return self.snooze(entry, choice) if entry is not None else None

    def _on_snooze_chosen(self, chat_id: str, until: datetime) -> None:
        entry = self._window.chats.entry(chat_id)
        queue = self.queue
        if entry is not None and queue is not None:
            self._leaving(entry, lambda: queue.snooze(entry, until))

    def _on_dialog_finished(self, _result: int) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None

    def on_mute_action_triggered(self, muted: bool) -> None:
        entry = self.open_entry()
        if self.queue is not None and entry is not None:
            self.queue.set_muted(entry.id, muted)

    def _leaving(self, entry: ChatEntry, change: Callable[[], None]) -> None:
        """Apply a change that may take the open chat out of the view; the selection then moves to its neighbour
        in the list (the next waiting chat, in Waiting), so the agent goes on with the next customer."""
        window = self._window
        current = window.chat_view.currentIndex()
        was_current = current.isValid() and current.data(ChatRole.CHAT_ID) == entry.id
        neighbour = self._neighbour(current.row()) if was_current else None
        change()
        if was_current and window.chat_model.row_of(entry.id) is not None and not self._listed(entry.id):
            if neighbour is not None:
                window.select_chat(neighbour)

    def _neighbour(self, row: int) -> str | None:
        proxy = self._window.chat_proxy
        for candidate in (row + 1, row - 1):
            if 0 <= candidate < proxy.rowCount():
                chat_id = proxy.index(candidate, 0).data(ChatRole.CHAT_ID)
                if isinstance(chat_id, str):
                    return chat_id
        return None

    def _listed(self, chat_id: str) -> bool:
        row = self._window.chat_model.row_of(chat_id)
        model = self._window.chat_model
        return row is not None and self._window.chat_proxy.mapFromSource(model.index(row, 0)).isValid()

    # ------------------------------------------------------------------------------------------ the list's menu

    def _entry_at(self, index: QModelIndex) -> ChatEntry | None:
        entry = index.data(ChatRole.ENTRY) if index.isValid() else None
        return entry if isinstance(entry, ChatEntry) else None

    def on_chat_view_mark_done_requested(self, index: QModelIndex, done: bool) -> None:
        entry = self._entry_at(index)
        if entry is None or self.queue is None:
            return
        if done:
            self._leaving(entry, lambda: self.queue.mark_done(entry) if self.queue is not None else None)
        else:
            self.queue.reopen(entry.id)

    def on_chat_view_snooze_requested(self, index: QModelIndex, choice: str) -> None:
        entry = self._entry_at(index)
        if entry is not None:
            self.snooze(entry, choice)

    def on_chat_view_mute_requested(self, index: QModelIndex, muted: bool) -> None:
        entry = self._entry_at(index)
        if entry is not None and self.queue is not None:
            self.queue.set_muted(entry.id, muted)

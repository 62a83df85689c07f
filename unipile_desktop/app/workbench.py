"""The agent's finding-and-replying tools, wired to the window: canned replies (and, as they land, the quick
switcher, message search and whole-history downloads). Built by the session after the window; closed with it."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from ..api import Chat, UnipileClient
from ..core.chats import chat_title
from ..core.history import HistoryDownloader
from ..core.notifications import NotificationController
from ..core.search import SearchController, cached_sender_name
from ..core.tasks import TaskRunner
from ..engine.queue import QueueView
from ..engine.switcher import SwitcherItem
from ..store import Store
from ..store.canned import AGENT_NAME_KEY
from ..texts import translate
from ..ui.accounts import account_label
from ..ui.canned.dialog import CannedRepliesDialog
from ..ui.main_window import MainWindow
from ..ui.quick_switcher import QuickSwitcher
from ..ui.search_dialog import SearchDialog
from .customer_card import CustomerCard

log = logging.getLogger(__name__)

STATUS_MS = 4000


class Workbench(QObject):
    def __init__(
        self,
        *,
        store: Store,
        window: MainWindow,
        client: UnipileClient,
        tasks: TaskRunner,
        notifications: NotificationController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._notifications = notifications
        self._store = store
        self.window = window
        self.canned_dialog: CannedRepliesDialog | None = None
        self._cached: tuple[int, list[Chat], dict[str, list[tuple[str, str]]]] | None = None
        composer = window.conversation_pane.composer
        composer.canned_replies = store.canned.list
        composer.canned_values = self.canned_values
        window.canned_reply_action.triggered.connect(self.on_canned_reply_action_triggered)
        window.canned_reply_action.setEnabled(True)
        window.canned_replies_manager_action.triggered.connect(self.open_canned_replies_manager)
        window.canned_replies_manager_action.setEnabled(True)

        commands = [
            (translate("Workbench", "New chat"), window.new_chat_action),
            (translate("Workbench", "Mark done"), window.mark_done_action),
            (translate("Workbench", "Next waiting chat"), window.next_waiting_action),
            (translate("Workbench", "Search messages"), window.search_messages_action),
            (translate("Workbench", "Insert a canned reply"), window.canned_reply_action),
            (translate("Workbench", "Canned replies"), window.canned_replies_manager_action),
            (translate("Workbench", "Keyboard shortcuts"), window.cheat_sheet_action),
            (translate("Workbench", "Refresh"), window.refresh_action),
        ]
        snoozes = window.queue_actions.snooze_menu.actions()
        snooze = translate("Workbench", "Snooze: {choice}")
        commands += [(snooze.format(choice=action.text().replace("&", "")), action) for action in snoozes]
        if notifications is not None:
            self.do_not_disturb_action = QAction(translate("Workbench", "Do not disturb"), window)
            self.do_not_disturb_action.setCheckable(True)
            self.do_not_disturb_action.setChecked(notifications.do_not_disturb)
            self.do_not_disturb_action.toggled.connect(self.on_do_not_disturb_action_toggled)
            notifications.do_not_disturb_changed.connect(self.do_not_disturb_action.setChecked)
            commands.append((translate("Workbench", "Do not disturb (on / off)"), self.do_not_disturb_action))
        self.search = SearchController(store, tasks, parent=self)
        self.search_dialog: SearchDialog | None = None
        window.search_messages_action.triggered.connect(self.open_search)
        window.search_messages_action.setEnabled(True)
        self.history = HistoryDownloader(client, store, tasks, parent=self)
        self.history.progress.connect(self.on_history_progress)
        self.history.finished.connect(self.on_history_finished)
        self.history.failed.connect(self.on_history_failed)
        self.history.cancelled.connect(self.on_history_cancelled)
        window.download_history_action.triggered.connect(self.download_open_chat_history)
        window.conversation.chat_opened.connect(self.on_conversation_chat_changed)
        self.on_conversation_chat_changed()

        self.card = CustomerCard(store=store, window=window, client=client, tasks=tasks, open_chat=self.open_chat)
        commands.append((translate("CustomerCard", "Customer card (show / hide)"), window.customer_card_action))
        self.switcher = QuickSwitcher(self.switcher_items, commands, parent=window)
        self.switcher.chat_chosen.connect(self.on_switcher_chat_chosen)
        window.quick_switcher_action.triggered.connect(self.switcher.popup)
        window.quick_switcher_action.setEnabled(True)

    # ------------------------------------------------------------------------------------------ canned replies

    def canned_values(self) -> Mapping[str, str | None]:
        """What a canned reply's variables are filled with in the open chat (None: not known, left marked)."""
        chat = self.window.conversation.chat
        values: dict[str, str | None] = {"agent_name": _text(self._store.preferences.get(AGENT_NAME_KEY, None))}
        if chat is None:
            return values
        account = self.window.accounts.account(chat.account_id)
        values["account_name"] = account.name if account is not None and account.name else None
        if not chat.is_group:
            try:
                others = [a for a in self._store.cache.attendees(chat.id) if not a.is_self and a.name]
            except Exception:  # the cache is a comfort: an unknown name stays marked for the agent to fill
                log.exception("could not read the chat's attendees for a canned reply")
                others = []
            name = others[0].name.strip() if len(others) == 1 else ""
            if not name:
                entry = self.window.chats.entry(chat.id)
                name = entry.title.strip() if entry is not None else ""
            values["name"] = name or None
            values["first_name"] = name.split()[0] if name else None
        return values

    def on_canned_reply_action_triggered(self) -> None:
        composer = self.window.conversation_pane.composer
        if not composer.open_canned_replies():
            self.window.statusBar().showMessage(
                translate("Workbench", "Open a chat to insert a canned reply."), STATUS_MS
            )

    def open_canned_replies_manager(self) -> CannedRepliesDialog:
        if self.canned_dialog is None:
            self.canned_dialog = CannedRepliesDialog(self._store.canned, self._store.preferences, self.window)
        self.canned_dialog.show()  # never exec(): a nested loop inside qasync breaks running coroutines
        self.canned_dialog.raise_()
        self.canned_dialog.activateWindow()
        return self.canned_dialog

    # ------------------------------------------------------------------------------------------ quick switcher

    def on_do_not_disturb_action_toggled(self, on: bool) -> None:
        if self._notifications is not None and self._notifications.do_not_disturb != on:
            self._notifications.do_not_disturb = on

    def _cached_chats(self) -> tuple[list[Chat], dict[str, list[tuple[str, str]]]]:
        """Every cached chat and its people, read again only when the cache changed: reading and parsing them all
        takes about a second at 10,000 chats, too long to spend on each Ctrl+K."""
        cache = self._store.cache
        signature = cache.chats_signature()
        if self._cached is None or self._cached[0] != signature:
            self._cached = (signature, cache.chats(), cache.chat_people())
        return self._cached[1], self._cached[2]

    def switcher_items(self) -> list[SwitcherItem]:
        """Every chat on the profile: the listed ones (titles, people, waiting) and the rest of the cache."""
        window = self.window
        queue = window.queue
        items: list[SwitcherItem] = []
        seen: set[str] = set()
        for entry in window.chats.entries():
            account = window.accounts.account(entry.chat.account_id)
            activity = entry.activity
            waiting = queue is not None and QueueView.WAITING in queue.views_of(entry)
            items.append(
                SwitcherItem(
                    chat_id=entry.id,
                    title=entry.title or entry.chat.name or "",
                    names=entry.participants,
                    handles=(*entry.handles, *self._label_handles(entry.chat)),
                    account=account.name if account is not None else "",
                    last_activity_ms=int(activity.timestamp() * 1000) if activity is not None else None,
                    waiting=waiting,
                )
            )
            seen.add(entry.id)
        try:
            every_cached, people = self._cached_chats()
        except Exception:  # the cache is a comfort: the listed chats are still there to switch to
            log.exception("could not read the cached chats for the quick switcher")
            return items
        cached = [chat for chat in every_cached if chat.id not in seen]
        for chat in cached:
            account = window.accounts.account(chat.account_id)
            others = people.get(chat.id, [])
            names = tuple(name for name, _ in others if name)
            title = chat.name or (", ".join(names[:3]) if names else "")
            items.append(
                SwitcherItem(
                    chat_id=chat.id,
                    title=title,
                    names=names,
                    handles=(
                        tuple(provider_id for _, provider_id in others if provider_id)
                        or ((chat.attendee_provider_id,) if chat.attendee_provider_id else ())
                    )
                    + self._label_handles(chat),
                    account=account.name if account is not None else "",
                    last_activity_ms=int(chat.timestamp.timestamp() * 1000) if chat.timestamp is not None else None,
                    waiting=False,
                )
            )
        return items

    def _label_handles(self, chat: Chat) -> tuple[str, ...]:
        """The chat's person's labels as "label:vip", matched like handles (typing "vip" or "label:vip" finds it)."""
        return tuple(f"label:{label}" for label in self.card.labels_for_chat(chat))

    def on_switcher_chat_chosen(self, chat_id: str) -> None:
        """The chat opens with the cursor in its composer: the agent switched to write there."""
        if self.open_chat(chat_id):
            composer = self.window.conversation_pane.composer.text_edit
            if composer.isEnabled():
                composer.setFocus(Qt.FocusReason.OtherFocusReason)  # taken when the window is active again

    def open_chat(self, chat_id: str) -> bool:
        """Open a chat chosen in the switcher or a search, wherever it is (another view, filter or account)."""
        window = self.window
        if window.select_chat(chat_id):
            return True
        if window.filter_edit.text():
            window.filter_edit.clear()
            if window.select_chat(chat_id):
                return True
        queue = window.queue
        if queue is not None and queue.view is not QueueView.ALL:
            queue.set_view(QueueView.ALL)
            if window.select_chat(chat_id):
                return True
        chat = self._store.cache.chat(chat_id)
        if chat is None:
            return False
        account = window.accounts.account(chat.account_id)
        window.conversation.open_chat(chat, account, mark_read=window.mark_read_on_open)
        return True

    # ------------------------------------------------------------------------------------------ search

    def start(self) -> None:
        """Index, in the background, the messages cached before this version could search them."""
        self.search.start_backfill()

    def open_search(self) -> SearchDialog:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(
                self.search, self.describe_chat, cached_sender_name(self._store), parent=self.window
            )
            self.search_dialog.message_chosen.connect(self.open_message)
            self.search_dialog.note_chosen.connect(self.open_note)
        self.search_dialog.show()  # never exec(): a nested loop inside qasync breaks running coroutines
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        return self.search_dialog

    def describe_chat(self, chat_id: str) -> tuple[str, str]:
        """A search result's chat title and account, from the chat list or the cache."""
        window = self.window
        entry = window.chats.entry(chat_id)
        chat = entry.chat if entry is not None else self._store.cache.chat(chat_id)
        if chat is None:
            return "", ""
        title = entry.title if entry is not None and entry.title else ""
        if not title:
            title = chat.name or chat_title(chat, self._store.cache.attendees(chat.id))
        account = window.accounts.account(chat.account_id)
        return title, account_label(account) if account is not None else ""

    def open_message(self, chat_id: str, message_id: str) -> bool:
        """A search result chosen: the chat opens at that message, loading the pages around it."""
        if not self.open_chat(chat_id):
            self.window.statusBar().showMessage(
                translate("Workbench", "That chat is no longer on this computer."), STATUS_MS
            )
            return False
        conversation = self.window.conversation
        chat = conversation.chat
        if chat is None or chat.id != chat_id:
            return False
        conversation.open_at(chat, message_id)
        return True

    def open_note(self, chat_id: str, person_key: str) -> bool:
        """A private note chosen in the search: the chat it was written from opens, with the card shown."""
        if not chat_id or not self.open_chat(chat_id):
            self.window.statusBar().showMessage(
                translate("CustomerCard", "The chat this note was written from is no longer on this computer."),
                STATUS_MS,
            )
            return False
        self.card.set_visible(True)
        self.card.controller.select(person_key)
        return True

    # ------------------------------------------------------------------------------------------ whole history

    def on_conversation_chat_changed(self, *_args: object) -> None:
        chat = self.window.conversation.chat
        action = self.window.download_history_action
        action.setEnabled(chat is not None)
        downloading = chat is not None and self.history.is_downloading(chat.id)
        action.setText(
            translate("Workbench", "Cancel history download")
            if downloading
            else translate("Workbench", "Download &whole history")
        )

    def download_open_chat_history(self) -> None:
        chat = self.window.conversation.chat
        if chat is None:
            return
        if self.history.is_downloading(chat.id):
            self.history.cancel(chat.id)
            return
        if self.history.download(chat.id):
            title = self.describe_chat(chat.id)[0]
            self._say(
                translate("Workbench", "Downloading the whole history of {title}…").format(title=title)
                if title
                else translate("Workbench", "Downloading the whole history of this chat…")
            )
        self.on_conversation_chat_changed()

    def on_history_progress(self, chat_id: str, count: int) -> None:
        title = self.describe_chat(chat_id)[0]
        self._say(
            translate("Workbench", "Downloading the history of {title}: %n message(s)…", n=count).format(title=title)
            if title
            else translate("Workbench", "Downloading the history of a chat: %n message(s)…", n=count)
        )

    def on_history_finished(self, chat_id: str, count: int) -> None:
        title = self.describe_chat(chat_id)[0]
        self._say(
            translate(
                "Workbench",
                "The whole history of {title} is on this computer (%n message(s)): search finds it now.",
                n=count,
            ).format(title=title)
            if title
            else translate(
                "Workbench",
                "The whole history of the chat is on this computer (%n message(s)): search finds it now.",
                n=count,
            )
        )
        self.on_conversation_chat_changed()

    def on_history_failed(self, chat_id: str, sentence: str) -> None:
        self.window.error_banner.show_error(sentence)
        self.on_conversation_chat_changed()

    def on_history_cancelled(self, chat_id: str, count: int) -> None:
        self._say(translate("Workbench", "History download stopped; %n message(s) kept.", n=count))
        self.on_conversation_chat_changed()

    def _say(self, sentence: str) -> None:
        self.window.statusBar().showMessage(sentence, STATUS_MS * 2)

    def close(self) -> None:
        self.search.stop_backfill()
        self.history.cancel_all()
        for dialog in (self.switcher, self.canned_dialog, self.search_dialog):
            if dialog is not None:
                dialog.close()


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None

"""The main window: account picker, filter box and chat list on the left, the conversation on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..api import AuthenticationError, NetworkError
from ..core.accounts import AccountsController, account_from_task_name, is_disconnection, status_text
from ..core.chats import ChatEntry, ChatListController
from ..core.conversation import ConversationController
from ..core.images import ImageCache
from ..core.invitations import InvitationController
from ..core.live_updates import LiveUpdates
from ..core.new_chat import NewChatController, StartedChat
from ..core.tasks import TaskRunner
from ..engine.sync import SyncState
from ..texts import translate
from . import shortcuts
from .about_dialog import AboutDialog, ConnectionSummary
from .accounts import AccountListModel, AccountPicker, account_label
from .announce import ConversationAnnouncer
from .banner import ErrorBanner
from .chat_list import ChatDelegate, ChatFilterProxy, ChatListModel, ChatListView, ChatRole
from .conversation.pane import ConversationPane
from .first_paint import FirstPaint
from .invitation_actions import InvitationActions
from .key_banner import KeyRejectedBanner
from .new_chat import NewChatDialog
from .profiles_menu import ProfilesMenu
from .queue_actions import QueueActions, empty_view_text
from .queue_bar import QueueBar
from .resources import app_icon
from .server_text import shown
from .sync_indicator import SyncIndicator
from .window_actions import WindowActions

if TYPE_CHECKING:
    from ..core.queue import QueueController

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1200, 780)
DEFAULT_SPLIT = (370, 830)
SETTING_GEOMETRY = "window/geometry"
SETTING_SPLITTER = "window/splitter"
SETTING_MARK_READ_ON_OPEN = "chats/mark_read_on_open"


def is_key_rejection(exc: object) -> bool:
    """A 401 that refuses the API key itself (the key banner handles it), not one for a disconnected account."""
    return isinstance(exc, AuthenticationError) and exc.is_key_rejected


def looking_up_text(left: int) -> str:
    """ "Looking up names… (3 left)": the filter may match more chats once their names are known."""
    return translate("MainWindow", "Looking up names… (%n left)", None, left)


def settings_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):  # INI files give strings back
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


class MainWindow(QMainWindow):
    """Wires the widgets to the controllers; no network calls here, only controller methods and signals."""

    closed = Signal()
    hidden_to_tray = Signal()  # the window was closed but the app keeps running in the tray

    def __init__(
        self,
        *,
        tasks: TaskRunner,
        images: ImageCache,
        accounts: AccountsController,
        chats: ChatListController,
        conversation: ConversationController,
        settings: QSettings,
        new_chat: NewChatController | None = None,
        connection_label: str,
        demo: bool = False,
        queue: QueueController | None = None,
        invitations: InvitationController | None = None,
    ) -> None:
        super().__init__()
        self.tasks = tasks
        self.images = images
        self.accounts = accounts
        self.chats = chats
        self.conversation = conversation
        self.new_chat = new_chat
        self.queue = queue
        self.invitations = invitations
        self.new_chat_dialog: NewChatDialog | None = None
        self.settings = settings
        self.demo = demo
        # Set by the composition root where a tray exists: asked on close whether to hide instead of quitting.
        self.keep_running_in_tray: Callable[[], bool] | None = None
        self._quitting = False
        self.connection_summary: ConnectionSummary | None = None  # for Help → About; set by the composition root
        self.setObjectName("mainWindow")
        self.setWindowTitle(translate("MainWindow", "{app} — Demo").format(app=APP_NAME) if demo else APP_NAME)
        self.setWindowIcon(app_icon())

        # Left: account picker, filter box, chat list.
        self.account_model = AccountListModel(accounts, self)
        self.account_picker = AccountPicker(self.account_model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("chatFilter")
        self.filter_edit.setPlaceholderText(translate("MainWindow", "Filter chats"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(translate("MainWindow", "Filter chats"))
        self.filter_edit.setAccessibleDescription(
            translate("MainWindow", "Shows the chats whose name, people, message or account match")
        )
        if queue is not None:
            # Connected before the model is: what the queue knows of a chat's messages is dropped before the
            # proxy asks again about the changed row.
            chats.chats_reset.connect(queue.forget)
            chats.chat_updated.connect(queue.forget)
            # The Waiting count, the tray badge and the Waiting order need every listed chat's last message.
            chats.set_queue_lookup(True)
        self.queue_bar = QueueBar()
        self.chat_model = ChatListModel(chats, self, account_of=accounts.account)
        self.chat_proxy = ChatFilterProxy(self)
        self.chat_proxy.setSourceModel(self.chat_model)
        self.chat_view = ChatListView()
        self.chat_delegate = ChatDelegate(images, on_row_painted=self._on_chat_row_painted, parent=self.chat_view)
        self.chat_view.setItemDelegate(self.chat_delegate)
        self.chat_view.setModel(self.chat_proxy)
        # Work the person cannot see yet (the notification service's probe) waits for the chat list's first paint.
        self.chat_list_painted = FirstPaint(self.chat_view.viewport())
        for part in (self.chat_model, self.chat_proxy, self.chat_delegate, self.chat_view):
            part.set_queue(queue)
        self.chat_list_status = QLabel()
        self.chat_list_status.setObjectName("chatListStatus")
        self.chat_list_status.setTextFormat(Qt.TextFormat.PlainText)
        self.chat_list_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chat_list_status.setWordWrap(True)  # a server's long sentence wraps instead of widening the list
        self.chat_list_status.setStyleSheet("color: palette(mid); padding: 6px;")

        left = QWidget()
        left.setObjectName("chatPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.setSpacing(6)
        self.invitation_actions = InvitationActions(self, accounts, self.account_picker, invitations)
        picker_row = QHBoxLayout()
        picker_row.setSpacing(4)
        picker_row.addWidget(self.account_picker, 1)
        picker_row.addWidget(self.invitation_actions.picker_button)
        left_layout.addLayout(picker_row)
        left_layout.addWidget(self.queue_bar)
        filter_row = QHBoxLayout()
        filter_row.setSpacing(6)
        filter_row.addWidget(self.filter_edit, 1)
        # Longer button words (French, German) must not squeeze the filter to nothing: the panel widens instead.
        self.filter_edit.setMinimumWidth(self.filter_edit.fontMetrics().horizontalAdvance("Filter chats"))
        self.new_chat_button = QToolButton()
        self.new_chat_button.setObjectName("newChatButton")
        self.new_chat_button.setText(translate("MainWindow", "New chat"))
        self.new_chat_button.setToolTip(
            shortcuts.tooltip("new_chat", translate("MainWindow", "Start a chat or a group"))
        )
        self.new_chat_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_chat_button.setEnabled(new_chat is not None)
        self.queue_actions = QueueActions(self, queue)
        self.mark_done_action = self.queue_actions.mark_done_action
        filter_row.addWidget(self.queue_actions.mark_done_button)
        filter_row.addWidget(self.new_chat_button)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.chat_list_status)
        left_layout.addWidget(self.chat_view, 1)
        left.setMinimumWidth(260)

        # Right: the conversation.
        self.conversation_pane = ConversationPane(conversation, images)
        self.conversation_pane.setMinimumWidth(380)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.conversation_pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        self.error_banner = ErrorBanner()
        self.key_banner = KeyRejectedBanner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(8, 6, 8, 0)
        banner_row.addWidget(self.error_banner)
        central_layout.addLayout(banner_row)
        key_banner_row = QHBoxLayout()
        key_banner_row.setContentsMargins(8, 6, 8, 0)
        key_banner_row.addWidget(self.key_banner)
        central_layout.addLayout(key_banner_row)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.connection_label = QLabel(connection_label)
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_indicator = SyncIndicator()
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.live: LiveUpdates | None = None
        # Sent, not sent, a new message in the open chat: said to a screen reader as it happens.
        self.announcer = ConversationAnnouncer(
            self, conversation, chat_title=lambda chat_id: getattr(chats.entry(chat_id), "title", "")
        )
        self._load_failure = ""  # why the last chat page failed, for the status line

        self._build_menus()
        self._connect_signals()
        self._restore_state()
        self.update_chat_list_status()

    # ------------------------------------------------------------------------------------------ setup

    def _build_menus(self) -> None:
        self.profiles_menu = ProfilesMenu(self)
        actions = self.window_actions = WindowActions(self, self)
        actions.build_menus()
        self.chat_menu = actions.chat_menu
        self.new_chat_action = actions.new_chat_action
        self.refresh_action = actions.refresh_action
        self.find_action = actions.find_action
        self.mark_read_on_open_action = actions.mark_read_on_open_action
        self.mark_read_on_open_action.setChecked(settings_bool(self.settings, SETTING_MARK_READ_ON_OPEN, False))
        self.mark_read_on_open_action.toggled.connect(self.on_mark_read_on_open_toggled)
        self.notification_settings_action = actions.notification_settings_action
        # Hooks the composition root connects (disabled until it does): see window_actions.
        self.quick_switcher_action = actions.quick_switcher_action
        self.search_messages_action = actions.search_messages_action
        self.canned_reply_action = actions.canned_reply_action
        self.canned_replies_manager_action = actions.canned_replies_manager_action
        self.download_history_action = actions.download_history_action
        self.customer_card_action = actions.customer_card_action
        # Implemented in window_actions.
        self.cheat_sheet_action = actions.cheat_sheet_action
        self.mark_unread_action = actions.mark_unread_action
        self.previous_chat_action = actions.previous_chat_action
        self.next_chat_action = actions.next_chat_action
        self.next_waiting_action = actions.next_waiting_action
        self.back_to_list_action = actions.back_to_list_action
        actions.set_tab_order()

    def _connect_signals(self) -> None:
        self.queue_actions.connect_window()
        self.window_actions.connect_window()
        self.account_picker.scope_changed.connect(self.on_account_picker_scope_changed)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.chat_view.selectionModel().currentChanged.connect(self.on_chat_view_current_changed)
        self.chat_view.mark_read_requested.connect(self.on_chat_view_mark_read_requested)
        for signal in (
            self.chat_model.rowsInserted,
            self.chat_model.modelReset,
            self.chat_proxy.layoutChanged,
            self.chat_proxy.rowsInserted,
            self.chat_proxy.rowsRemoved,
        ):
            signal.connect(self.update_chat_list_status)
        self.chats.chats_load_failed.connect(self.on_chats_chats_load_failed)
        self.chats.name_lookups_changed.connect(self.update_chat_list_status)
        self.chats.chat_updated.connect(self.on_chats_chat_updated)
        self.accounts.accounts_loaded.connect(self.on_accounts_accounts_loaded)
        self.accounts.account_status_changed.connect(self._update_account_warning)
        self.conversation.chat_opened.connect(self.on_conversation_chat_opened)
        self.chats.account_disconnected.connect(self.accounts.mark_disconnected)
        self.images.image_loaded.connect(self.on_images_image_loaded)
        self.tasks.task_failed.connect(self.on_tasks_task_failed)
        self.conversation.error_occurred.connect(self.on_conversation_error_occurred)
        self.conversation.chat_read_changed.connect(self.chats.note_read)
        self.conversation.send_confirmed.connect(self.on_conversation_send_confirmed)
        self.new_chat_button.clicked.connect(self.open_new_chat_dialog)
        if self.new_chat is not None:
            self.new_chat.chat_started.connect(self.on_new_chat_chat_started)
            self.new_chat.start_failed.connect(self.on_new_chat_start_failed)

    def _restore_state(self) -> None:
        geometry = self.settings.value(SETTING_GEOMETRY)
        if not (isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry))):
            self.resize(*DEFAULT_SIZE)
        splitter = self.settings.value(SETTING_SPLITTER)
        if not (isinstance(splitter, QByteArray | bytes) and self.splitter.restoreState(QByteArray(splitter))):
            self.splitter.setSizes(list(DEFAULT_SPLIT))

    def save_state(self) -> None:
        self.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.settings.setValue(SETTING_SPLITTER, self.splitter.saveState())
        self.settings.setValue(SETTING_MARK_READ_ON_OPEN, self.mark_read_on_open_action.isChecked())
        self.settings.sync()

    def start(self) -> None:
        """Load accounts and the first page of chats (called once the event loop runs)."""
        self.accounts.load()
        self.account_picker.announce_scope()

    # ------------------------------------------------------------------------------------------ state

    @property
    def mark_read_on_open(self) -> bool:
        return self.mark_read_on_open_action.isChecked()

    def queue_counts(self) -> dict[str, int]:
        """Chats per queue view ("waiting", "unread", …) among those listed for the account and the filter text."""
        return self.queue_actions.recount()

    def refresh(self) -> None:
        """F5: list accounts and chats again (cached rows show meanwhile) and poll for new messages now."""
        self.error_banner.dismiss()
        self._load_failure = ""
        self.accounts.load()
        self.chats.reload()
        if self.live is not None:
            self.live.refresh_now()
        self.update_chat_list_status()

    def attach_live_updates(self, live: LiveUpdates) -> None:
        """Follow the polling sync: new messages into the open chat, changed chats to the top, the status line."""
        self.live = live
        live.chats_changed.connect(self.chats.apply_live)
        live.messages_arrived.connect(self.conversation.on_live_messages_arrived)
        live.indicator_changed.connect(self.on_live_indicator_changed)
        live.back_online.connect(self.on_live_back_online)
        self.announcer.follow_live(live)
        live.set_accounts(self.chats.scope)
        text, tooltip = live.indicator
        self.on_live_indicator_changed(text, tooltip)

    def on_live_indicator_changed(self, text: str, tooltip: str) -> None:
        # Offline is the sync's state, not a word to look for in a translated text.
        offline = self.live is not None and self.live.status.state is SyncState.OFFLINE
        self.sync_indicator.set_indicator(text, tooltip, offline=offline)

    def on_live_back_online(self) -> None:
        """The server answers again: load what could not be loaded while offline (rows on screen stay)."""
        if not self.accounts.loaded:
            self.accounts.load()
        self.chats.resume()
        if self.conversation.chat is not None:
            self.conversation.refresh()

    def select_chat(self, chat_id: str) -> bool:
        """Make a listed chat current (which opens it); False when the list does not show it."""
        row = self.chat_model.row_of(chat_id)
        if row is None:
            return False
        index = self.chat_proxy.mapFromSource(self.chat_model.index(row, 0))
        if not index.isValid():
            return False
        self.chat_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.chat_view.scrollTo(index)
        return True

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.connection_summary, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # never exec(): a nested loop inside qasync breaks running coroutines
        return dialog

    def update_chat_list_status(self, *_: object) -> None:
        filtering = bool(self.filter_edit.text().strip())
        looking_up = self.chats.pending_name_lookups if filtering else 0
        if self.chat_proxy.rowCount() > 0:
            if looking_up:  # more rows may match once their names are known
                self.chat_list_status.setText(looking_up_text(looking_up))
                self.chat_list_status.show()
            else:
                self.chat_list_status.hide()
            return
        if self.chat_model.is_fetching:
            text = translate("MainWindow", "Loading chats…")
        elif looking_up:
            text = looking_up_text(looking_up)
        elif self.chat_model.rowCount() > 0 and not filtering and (empty := empty_view_text(self.chat_proxy.view)):
            text = empty
        elif self.chat_model.rowCount() > 0:
            text = translate("MainWindow", "No chats match the filter.")
        elif self.chats.has_more and not self.chats.can_load_more and not self.chats.is_loading:
            if self._load_failure:  # the server's sentence, capped and breakable
                text = translate("MainWindow", "The chats could not be loaded. {reason} Press F5 to try again.")
                text = text.format(reason=shown(self._load_failure))
            else:
                text = translate("MainWindow", "The chats could not be loaded. Press F5 to try again.")
        else:
            text = translate("MainWindow", "No chats yet.")
        self.chat_list_status.setText(text)
        self.chat_list_status.show()

    # ------------------------------------------------------------------------------------------ slots

    def on_account_picker_scope_changed(self, scope: tuple[str, ...] | None) -> None:
        self.chats.set_scope(scope)
        if self.live is not None:
            self.live.set_accounts(scope)
        self.update_chat_list_status()

    def on_filter_edit_text_changed(self, text: str) -> None:
        self.chat_proxy.set_filter_text(text)
        # Rows the filter hides are never painted, so their names would never be looked up: ask for all of them.
        self.chats.set_name_lookup(bool(text.strip()))
        self.update_chat_list_status()

    def on_chats_chats_load_failed(self, sentence: str) -> None:
        self._load_failure = sentence
        self.update_chat_list_status()

    def on_chats_chat_updated(self, chat_id: str) -> None:
        chat = self.conversation.chat
        if chat is None or chat.id != chat_id:
            return
        entry = self.chats.entry(chat_id)
        if entry is not None:
            self.conversation_pane.header.set_unread(entry.unread_count > 0)

    def on_conversation_chat_opened(self, chat: object) -> None:
        # The pane has drawn the header; add which account the chat is on and its read state as listed.
        open_chat = self.conversation.chat
        if open_chat is None:
            return
        header = self.conversation_pane.header
        header.set_account(self.accounts.account(open_chat.account_id))
        entry = self.chats.entry(open_chat.id)
        if entry is not None:
            header.set_unread(entry.unread_count > 0)
        self._update_account_warning()

    def on_accounts_accounts_loaded(self, _accounts: list[object]) -> None:
        open_chat = self.conversation.chat
        if open_chat is not None:
            self.conversation_pane.header.set_account(self.accounts.account(open_chat.account_id))
        self._update_account_warning()

    def _update_account_warning(self, *_: object) -> None:
        """Under the composer, before anything is typed: the open chat's account cannot send right now."""
        open_chat = self.conversation.chat
        composer = self.conversation_pane.composer
        if open_chat is None or open_chat.read_only or self.accounts.accepts_messages(open_chat.account_id):
            composer.set_account_warning("")
            return
        account = self.accounts.account(open_chat.account_id)
        name = account_label(account) if account is not None else translate("MainWindow", "This account")
        note = status_text(self.accounts.status(open_chat.account_id))
        warning = translate(
            "MainWindow",
            "{account}: {status}. Messages from this account will not go out until it is fixed in the Unipile "
            "dashboard.",
        )
        composer.set_account_warning(warning.format(account=name, status=note))

    def on_chat_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(ChatRole.ENTRY) if current.isValid() else None
        if not isinstance(entry, ChatEntry):
            return  # the list was reset or filtered: keep the open conversation
        open_chat = self.conversation.chat
        if open_chat is not None and open_chat.id == entry.id:
            return
        account = self.accounts.account(entry.chat.account_id)
        self.conversation.open_chat(entry.chat, account, mark_read=self.mark_read_on_open)

    def on_chat_view_mark_read_requested(self, index: QModelIndex, read: bool) -> None:
        # Right-click makes the row current (and opens it), so the open chat is the one the menu was for.
        if self.chat_view.currentIndex() != index:
            self.chat_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.conversation.set_read(read)

    def on_mark_read_on_open_toggled(self, checked: bool) -> None:
        self.settings.setValue(SETTING_MARK_READ_ON_OPEN, checked)

    def on_images_image_loaded(self, key: str) -> None:
        if key.startswith("avatar:"):
            self.chat_view.viewport().update()

    def on_tasks_task_failed(self, name: str, sentence: str, exc: object) -> None:
        if is_key_rejection(exc):
            return  # the key banner says it, with the button to fix it
        if isinstance(exc, NetworkError) and self.live is not None:
            return  # no banner: the sync's status line says "Offline", and it reloads when the server is back
        self.error_banner.show_error(sentence)
        if isinstance(exc, BaseException) and is_disconnection(exc):
            account_id = account_from_task_name(name)
            if account_id is None and name.startswith("conversation:") and self.conversation.chat is not None:
                account_id = self.conversation.chat.account_id
            if account_id is not None:
                self.accounts.mark_disconnected(account_id)

    def on_conversation_error_occurred(self, sentence: str, exc: object) -> None:
        if is_key_rejection(exc):
            return  # the key banner says it, with the button to fix it
        self.error_banner.show_error(sentence)
        chat = self.conversation.chat
        if isinstance(exc, BaseException) and is_disconnection(exc) and chat is not None:
            self.accounts.mark_disconnected(chat.account_id)

    def on_conversation_send_confirmed(self, local_id: str, _message_id: str) -> None:
        outgoing = self.conversation.outgoing(local_id)
        chat_id = outgoing.chat_id if outgoing is not None else None
        if chat_id is None and self.conversation.chat is not None:
            chat_id = self.conversation.chat.id
        if chat_id is not None:
            self.chats.refresh_chat(chat_id)  # new preview and activity; the row moves to the top

    # ------------------------------------------------------------------------------------------ new chats

    def open_new_chat_dialog(self) -> NewChatDialog | None:
        """Ctrl+N and the New chat button: the dialog, on the current account (or with the kept draft)."""
        if self.new_chat is None:
            return None
        if self.new_chat_dialog is not None and self.new_chat_dialog.isVisible():
            self.new_chat_dialog.raise_()
            self.new_chat_dialog.activateWindow()
            return self.new_chat_dialog
        account_id = self.account_picker.current_account_id()
        if account_id is None and self.conversation.chat is not None:
            account_id = self.conversation.chat.account_id
        dialog = NewChatDialog(
            self.new_chat, self.images, account_id=account_id, invitations=self.invitations, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._on_new_chat_dialog_destroyed)
        self.new_chat_dialog = dialog
        dialog.open()  # never exec(): a nested loop inside qasync breaks running coroutines
        dialog.recipient_field.setFocus(Qt.FocusReason.OtherFocusReason)
        return dialog

    def _on_new_chat_dialog_destroyed(self) -> None:
        self.new_chat_dialog = None

    def on_new_chat_chat_started(self, started: StartedChat) -> None:
        self.show_started_chat(started)

    def on_new_chat_start_failed(self, sentence: str, exc: object) -> None:
        if isinstance(exc, BaseException) and is_disconnection(exc):
            account_id = self.new_chat.draft.account_id if self.new_chat and self.new_chat.draft else None
            if account_id is not None:
                self.accounts.mark_disconnected(account_id)
        if self.new_chat_dialog is None or not self.new_chat_dialog.isVisible():
            failed = translate("MainWindow", "The new chat could not be started. {reason} Press {keys} to try again.")
            self.error_banner.show_error(failed.format(reason=sentence, keys=shortcuts.shortcut("new_chat").text()))

    def show_started_chat(self, started: StartedChat) -> None:
        """Select the chat just started (inserting it at the top of the list) and open it with its message."""
        chat = started.chat
        if chat is None:  # started, but it could not be read back: the next page of the list will show it
            self.chats.reload()
            return
        scope = self.chats.scope
        if scope is not None and chat.account_id not in scope:
            self.account_picker.select_account(chat.account_id)
        if self.filter_edit.text():
            self.filter_edit.clear()
        self.chats.show_chat(chat)
        open_chat = self.conversation.chat
        already_open = open_chat is not None and open_chat.id == chat.id
        if not self.select_chat(chat.id):
            return
        if already_open:
            self.conversation.refresh()  # the reused chat is on screen: fetch the message just sent
        self.chat_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_chat_row_painted(self, chat_id: str) -> None:
        self.chats.request_details(chat_id)

    def quit(self) -> None:
        """File → Quit, the tray's Quit, SIGTERM: close for good, even where closing the window only hides it."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if not self._quitting and self.keep_running_in_tray is not None and self.keep_running_in_tray():
            # The agent closed the window, not the app: it keeps notifying from the tray.
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.closed.emit()

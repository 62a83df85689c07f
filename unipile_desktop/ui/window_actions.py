"""The main window's menus and keyboard: every action with a key takes it from the shortcut registry, and the
keyboard-only moves (previous / next chat, the next waiting chat, back to the list, mark unread, the cheat sheet).

Actions another part of the app fills in (quick switcher, message search, canned replies, whole history) are created
here disabled, with their keys and tooltips, so the menus and the cheat sheet list them; the composition root
connects ``triggered`` and enables them.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, QObject, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMenuBar, QStatusBar, QToolButton, QWidget

from .. import APP_NAME
from ..core.accounts import AccountsController
from ..core.chats import ChatEntry
from ..core.conversation import ConversationController
from ..core.new_chat import NewChatController
from ..core.queue import QueueController
from ..engine.queue import QueueView
from ..engine.quotes import can_quote
from ..texts import QT_TRANSLATE_NOOP, translate
from . import shortcuts
from .accounts import AccountPicker
from .banner import ErrorBanner
from .chat_list import ChatFilterProxy, ChatListModel, ChatListView, ChatRole
from .cheat_sheet import CheatSheetDialog
from .conversation.pane import ConversationPane
from .invitation_actions import InvitationActions
from .language_menu import LanguageActions, app_settings
from .queue_actions import QueueActions
from .queue_bar import QueueBar
from .theme_menu import ThemeActions


class ActionsWindow(Protocol):
    """What of the main window its actions work with (the window imports this module, not the other way round)."""

    @property
    def new_chat(self) -> NewChatController | None: ...
    @property
    def accounts(self) -> AccountsController: ...
    @property
    def conversation(self) -> ConversationController: ...
    @property
    def queue(self) -> QueueController | None: ...
    @property
    def account_picker(self) -> AccountPicker: ...
    @property
    def invitation_actions(self) -> InvitationActions: ...
    @property
    def queue_actions(self) -> QueueActions: ...
    @property
    def queue_bar(self) -> QueueBar: ...
    @property
    def filter_edit(self) -> QLineEdit: ...
    @property
    def new_chat_button(self) -> QToolButton: ...
    @property
    def chat_model(self) -> ChatListModel: ...
    @property
    def chat_proxy(self) -> ChatFilterProxy: ...
    @property
    def chat_view(self) -> ChatListView: ...
    @property
    def conversation_pane(self) -> ConversationPane: ...
    @property
    def error_banner(self) -> ErrorBanner: ...
    @property
    def profiles_menu(self) -> QMenu: ...
    @property
    def settings(self) -> QSettings: ...

    @property
    def mark_read_on_open(self) -> bool: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def select_chat(self, chat_id: str) -> bool: ...
    def focus_filter(self) -> None: ...
    def refresh(self) -> None: ...
    def quit(self) -> None: ...
    def show_about(self) -> object: ...
    def open_new_chat_dialog(self) -> object: ...


NOBODY_WAITING = QT_TRANSLATE_NOOP("WindowActions", "Nobody else is waiting for a reply.")
STATUS_MS = 4000


def _action(text: str, parent: QObject, shortcut_id: str | None = None, *, name: str = "") -> QAction:
    action = QAction(text, parent)
    if name:
        action.setObjectName(name)
    if shortcut_id is not None:
        shortcuts.apply(action, shortcut_id)
    return action


def _hook(text: str, parent: QObject, shortcut_id: str | None, tip: str, *, name: str) -> QAction:
    """An action another module fills in: listed with its key, disabled until the composition root connects it."""
    action = QAction(text, parent)
    action.setObjectName(name)
    action.setToolTip(tip)
    if shortcut_id is not None:
        shortcuts.apply(action, shortcut_id)
    action.setEnabled(False)
    return action


class WindowActions(QObject):
    """Builds the menu bar of ``window`` and implements the keyboard moves between chats."""

    def __init__(self, window: ActionsWindow, widget: QWidget) -> None:
        """``widget`` is ``window`` itself as a QWidget: the parent of the actions and of the cheat sheet."""
        super().__init__(widget)
        self._window = window
        self._widget = widget
        self.cheat_sheet: CheatSheetDialog | None = None

        self.new_chat_action = _action(
            translate("WindowActions", "&New chat…"), widget, "new_chat", name="newChatAction"
        )
        self.new_chat_action.setEnabled(window.new_chat is not None)
        self.quit_action = _action(translate("WindowActions", "&Quit"), widget, "quit", name="quitAction")
        self.refresh_action = _action(translate("WindowActions", "&Refresh"), widget, "refresh", name="refreshAction")
        self.find_action = _action(
            translate("WindowActions", "&Filter chats"), widget, "filter_chats", name="filterAction"
        )
        self.mark_read_on_open_action = QAction(translate("WindowActions", "Mark chats as read when &opened"), widget)
        self.mark_read_on_open_action.setCheckable(True)
        self.mark_read_on_open_action.setToolTip(
            translate("WindowActions", "When off (the default), opening a chat does not tell the customer it was read.")
        )
        # The composition root opens the dialog (it knows where each setting is kept); disabled until it connects.
        self.notification_settings_action = QAction(translate("WindowActions", "&Notifications and queue…"), widget)
        self.notification_settings_action.setEnabled(False)

        # Hooks the composition root connects (disabled until then).
        self.quick_switcher_action = _hook(
            translate("WindowActions", "&Go to a chat or command…"),
            widget,
            "quick_switcher",
            "",
            name="quickSwitcherAction",
        )
        self.search_messages_action = _hook(
            translate("WindowActions", "&Search messages…"), widget, "search_messages", "", name="searchMessagesAction"
        )
        self.canned_reply_action = _hook(
            translate("WindowActions", "Insert a &canned reply…"), widget, "canned_reply", "", name="cannedReplyAction"
        )
        self.canned_replies_manager_action = _hook(
            translate("WindowActions", "&Canned replies…"),
            widget,
            None,
            translate("WindowActions", "Create, edit, reorder, import and export the prepared answers"),
            name="cannedRepliesManagerAction",
        )
        self.download_history_action = _hook(
            translate("WindowActions", "Download &whole history"),
            widget,
            None,
            translate(
                "WindowActions", "Cache every message of the open chat on this computer, so that search finds them"
            ),
            name="downloadHistoryAction",
        )
        self.customer_card_action = _hook(
            translate("WindowActions", "Customer &card"),
            widget,
            "customer_card",
            translate("WindowActions", "Who the customer is: profile, other conversations, private notes, labels"),
            name="customerCardAction",
        )
        self.customer_card_action.setCheckable(True)

        # Implemented here.
        self.cheat_sheet_action = _action(
            translate("WindowActions", "&Keyboard shortcuts"), widget, "cheat_sheet", name="cheatSheetAction"
        )
        self.cheat_sheet_action.triggered.connect(self.show_cheat_sheet)
        self.mark_unread_action = _action(
            translate("WindowActions", "Mark &unread"), widget, "mark_unread", name="markUnreadAction"
        )
        self.mark_unread_action.triggered.connect(self.mark_unread)
        self.reply_action = _action(
            translate("WindowActions", "&Reply to the message"), widget, "reply", name="replyAction"
        )
        self.reply_action.triggered.connect(self.reply)
        self.previous_chat_action = _action(
            translate("WindowActions", "&Previous chat"), widget, "previous_chat", name="previousChatAction"
        )
        self.previous_chat_action.triggered.connect(lambda: self.move_selection(-1))
        self.next_chat_action = _action(
            translate("WindowActions", "&Next chat"), widget, "next_chat", name="nextChatAction"
        )
        self.next_chat_action.triggered.connect(lambda: self.move_selection(1))
        self.next_waiting_action = _action(
            translate("WindowActions", "Next &waiting chat"), widget, "next_waiting", name="nextWaitingAction"
        )
        self.next_waiting_action.setEnabled(window.queue is not None)
        self.next_waiting_action.triggered.connect(self.open_next_waiting)
        self.back_to_list_action = _action(
            translate("WindowActions", "&Back to the chat list"), widget, "back_to_list", name="backToListAction"
        )
        # Window-wide, and only for this window: a dialog or a popup (menus, the switcher, a combo box's list) has
        # its own window and keeps its Esc.
        self.back_to_list_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.back_to_list_action.triggered.connect(self.back_to_list)

    # ------------------------------------------------------------------------------------------ menus

    def build_menus(self) -> None:
        window = self._window
        bar = window.menuBar()
        file_menu = bar.addMenu(translate("WindowActions", "&File"))
        file_menu.addAction(self.new_chat_action)
        file_menu.addMenu(window.invitation_actions.file_menu)
        file_menu.addSeparator()
        file_menu.addMenu(window.profiles_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view_menu = bar.addMenu(translate("WindowActions", "&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.search_messages_action)
        view_menu.addSeparator()
        view_menu.addAction(self.mark_read_on_open_action)
        view_menu.addAction(self.notification_settings_action)
        view_menu.addAction(self.canned_replies_manager_action)
        view_menu.addAction(self.customer_card_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(translate("WindowActions", "&Theme"))
        theme_menu.setObjectName("themeMenu")
        self.theme_actions = ThemeActions(window.settings, theme_menu)
        theme_menu.addActions(self.theme_actions.actions())
        language_menu = view_menu.addMenu(translate("WindowActions", "&Language"))
        language_menu.setObjectName("languageMenu")
        # The app-wide settings file, not window.settings: the demo keeps its window in a throwaway folder.
        self.language_actions = LanguageActions(
            app_settings(), language_menu, say=lambda text: window.statusBar().showMessage(text, 10_000)
        )
        language_menu.addActions(self.language_actions.actions())

        go_menu = bar.addMenu(translate("WindowActions", "&Go"))
        go_menu.setObjectName("goMenu")
        go_menu.addAction(self.quick_switcher_action)
        go_menu.addSeparator()
        for action in (self.previous_chat_action, self.next_chat_action, self.next_waiting_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        go_menu.addAction(self.back_to_list_action)
        self.go_menu = go_menu

        self.chat_menu = window.queue_actions.build_menu(
            after_done=(self.mark_unread_action,),
            more=(self.reply_action, self.canned_reply_action, self.download_history_action),
        )

        help_menu = bar.addMenu(translate("WindowActions", "&Help"))
        help_menu.addAction(self.cheat_sheet_action)
        help_menu.addSeparator()
        about_action = QAction(translate("WindowActions", "&About {app}").format(app=APP_NAME), self._widget)
        about_action.triggered.connect(window.show_about)
        help_menu.addAction(about_action)
        for menu in (file_menu, view_menu, go_menu, self.chat_menu, help_menu):
            menu.setToolTipsVisible(True)

    def connect_window(self) -> None:
        window = self._window
        self.new_chat_action.triggered.connect(window.open_new_chat_dialog)
        self.quit_action.triggered.connect(window.quit)
        self.refresh_action.triggered.connect(window.refresh)
        self.find_action.triggered.connect(window.focus_filter)
        window.conversation.chat_opened.connect(self.update_actions)
        self.update_actions()

    def set_tab_order(self) -> None:
        """Tab goes in reading order: account picker → queue bar → filter → chat list → the conversation's header →
        messages → composer → Attach → Send."""
        window = self._window
        chain: list[QWidget] = [window.account_picker, window.invitation_actions.picker_button]
        chain.extend(window.queue_bar.button(view) for view in QueueView)
        chain.extend([window.filter_edit, window.queue_actions.mark_done_button, window.new_chat_button])
        chain.append(window.chat_view)
        pane = window.conversation_pane
        header, composer, notice = pane.header, pane.composer, pane.foreign_reply_notice
        chain.extend([header.mark_read_button, header.mark_unread_button, pane.message_view])
        chain.extend([notice.frame.details_button, notice.dismiss_button, composer.text_edit])
        chain.extend([composer.attach_button, composer.send_button])
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def update_actions(self, *_: object) -> None:
        self.mark_unread_action.setEnabled(self._window.conversation.chat is not None)
        self.reply_action.setEnabled(can_quote(self._window.conversation.chat))  # never offered, then refused

    def reply(self) -> None:
        """Alt+R: answer the selected message (or the customer's newest) with a quote; the composer gets the focus."""
        self._window.conversation_pane.reply_to_selected()

    # ------------------------------------------------------------------------------------------ the moves

    def show_cheat_sheet(self) -> CheatSheetDialog:
        """F1 / Ctrl+/: the sheet, non-modal; asking again brings the open one to the front."""
        if self.cheat_sheet is None:
            self.cheat_sheet = CheatSheetDialog(self._widget)
        self.cheat_sheet.show()  # never exec(): a nested loop inside qasync breaks running coroutines
        self.cheat_sheet.raise_()
        self.cheat_sheet.activateWindow()
        return self.cheat_sheet

    def mark_unread(self) -> None:
        """Ctrl+Shift+U: the open chat unread on the provider, through the header's path (nothing on open)."""
        if self._window.conversation.chat is not None:
            self._window.conversation.set_read(False)

    def move_selection(self, step: int) -> bool:
        """Alt+Up / Alt+Down: the previous or next row of the list becomes current, which opens its chat."""
        window = self._window
        proxy, view = window.chat_proxy, window.chat_view
        count = proxy.rowCount()
        if count == 0:
            return False
        current = view.currentIndex()
        if current.isValid():
            row = current.row() + step
        else:
            row = 0 if step > 0 else count - 1
        if not 0 <= row < count:
            return False
        index = proxy.index(row, 0)
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(index)
        return True

    def next_waiting_entry(self) -> ChatEntry | None:
        """The chat that has waited longest for a reply among those loaded, the open one aside."""
        window = self._window
        queue = window.queue
        if queue is None:
            return None
        open_chat = window.conversation.chat
        open_id = open_chat.id if open_chat is not None else None
        model = window.chat_model
        best: ChatEntry | None = None
        longest = -1.0
        for row in range(model.rowCount()):
            entry = model.entry(row)
            if entry is None or entry.id == open_id:
                continue
            waited = queue.waiting_seconds(entry)
            if waited is not None and waited > longest:
                best, longest = entry, waited
        return best

    def open_next_waiting(self) -> str | None:
        """Ctrl+Alt+Down, from any view: open the longest-waiting chat and put the cursor in its composer."""
        window = self._window
        entry = self.next_waiting_entry()
        if entry is None:
            window.statusBar().showMessage(translate("WindowActions", NOBODY_WAITING), STATUS_MS)
            return None
        if not window.select_chat(entry.id) and window.filter_edit.text():
            window.filter_edit.clear()  # the filter hides it: the agent asked for this chat, not the filter
        if not window.select_chat(entry.id) and window.queue is not None:
            window.queue.set_view(QueueView.WAITING)  # the view hides it (Unread, Done…): show where it is
        if not window.select_chat(entry.id):
            account = window.accounts.account(entry.chat.account_id)
            window.conversation.open_chat(entry.chat, account, mark_read=window.mark_read_on_open)
        composer = window.conversation_pane.composer.text_edit
        if composer.isEnabled():
            composer.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return entry.id

    def back_to_list(self) -> None:
        """Esc in the window: clear a typed filter first, dismiss the error line, then put the focus on the list."""
        window = self._window
        focus = QApplication.focusWidget()
        if focus is window.filter_edit and window.filter_edit.text():
            window.filter_edit.clear()
            return
        if not window.error_banner.isHidden():
            window.error_banner.dismiss()
        view = window.chat_view
        open_chat = window.conversation.chat
        if open_chat is not None and view.currentIndex().data(ChatRole.CHAT_ID) != open_chat.id:
            # Back on the open chat's row (after a filter was cleared, say), not on whichever row takes the focus.
            window.select_chat(open_chat.id)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        current = view.currentIndex()
        if current.isValid():
            view.scrollTo(current)

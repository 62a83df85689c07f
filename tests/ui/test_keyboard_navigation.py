"""Moving through the chats without a mouse: Alt+Up/Down, Ctrl+Alt+Down to the longest wait, Esc back to the list,
Ctrl+Shift+U to mark unread, and Tab through the window in the order the agent reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import requests, running_app, wait_for_chats, window_of
from tests.ui.test_main_window_queue import build_window, choose_view, listed_ids, queue_window, waiting_chats
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.main_window import MainWindow
from unipile_desktop.ui.window_actions import NOBODY_WAITING

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "does not support grabbing")

ALT = Qt.KeyboardModifier.AltModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def open_id(window: MainWindow) -> str | None:
    chat = window.conversation.chat
    return chat.id if chat is not None else None


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the agent presses it: to whatever has the focus."""
    target = focused()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifiers)


async def opened(window: MainWindow, chat_id: str) -> None:
    await wait_until(lambda: open_id(window) == chat_id, what=f"{chat_id} to open")


@pytest.mark.asyncio
async def test_alt_up_and_down_walk_the_list_opening_each_chat(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window, minimum=3)
        await wait_until(lambda: window.isActiveWindow(), what="the window to be active")
        ids = listed_ids(window)
        assert window.select_chat(ids[0])
        await opened(window, ids[0])
        window.chat_view.setFocus()
        press(Qt.Key.Key_Down, ALT)
        await opened(window, ids[1])
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == ids[1]
        # From the composer as well: the cursor stays where the agent types.
        window.conversation_pane.composer.text_edit.setFocus()
        press(Qt.Key.Key_Down, ALT)
        await opened(window, ids[2])
        press(Qt.Key.Key_Up, ALT)
        await opened(window, ids[1])
        assert focused() is window.conversation_pane.composer.text_edit
        press(Qt.Key.Key_Up, ALT)
        press(Qt.Key.Key_Up, ALT)  # at the top: stays there
        await opened(window, ids[0])
        assert window.chat_view.currentIndex().row() == 0


@pytest.mark.asyncio
async def test_ctrl_alt_down_opens_the_longest_waiting_chat_from_any_view(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with queue_window(sandbox, tmp_path) as (window, queue):
        waiting = await waiting_chats(window, minimum=2)  # the queue's Waiting order: longest wait first
        assert window.next_waiting_action.isEnabled()
        choose_view(window, QueueView.DONE)  # an empty view: the chat is not listed there
        assert window.chat_proxy.rowCount() == 0
        window.chat_view.setFocus()
        press(Qt.Key.Key_Down, CTRL_ALT)
        await opened(window, waiting[0])
        assert queue.view is QueueView.WAITING  # shown where it waits
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == waiting[0]
        composer = window.conversation_pane.composer.text_edit
        assert focused() is composer  # ready for "/" and the canned reply
        # The open one aside, the next longest; a filter that hides it gives way.
        window.filter_edit.setText("zzzz no chat has this name")
        composer.setFocus()
        press(Qt.Key.Key_Down, CTRL_ALT)
        await opened(window, waiting[1])
        assert window.filter_edit.text() == ""
        assert focused() is composer
        # Every other waiting chat done: nobody else waits.
        for chat_id in waiting:
            if chat_id != open_id(window):
                entry = window.chats.entry(chat_id)
                assert entry is not None
                queue.mark_done(entry)
        assert window.window_actions.next_waiting_entry() is None
        press(Qt.Key.Key_Down, CTRL_ALT)
        assert open_id(window) == waiting[1]
        assert window.statusBar().currentMessage() == NOBODY_WAITING


@pytest.mark.asyncio
async def test_without_a_queue_next_waiting_is_disabled(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path, show=False) as app:
        window = build_window(app, None, tmp_path)
        try:
            assert not window.next_waiting_action.isEnabled()
            assert window.window_actions.open_next_waiting() is None
        finally:
            window.deleteLater()


@pytest.mark.asyncio
async def test_esc_goes_back_to_the_list_but_leaves_dialogs_popups_and_the_filter_their_own_esc(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window, minimum=2)
        await wait_until(lambda: window.isActiveWindow(), what="the window to be active")
        ids = listed_ids(window)
        assert window.select_chat(ids[1])
        await opened(window, ids[1])
        triggered: list[bool] = []
        window.back_to_list_action.triggered.connect(lambda *_: triggered.append(True))
        composer = window.conversation_pane.composer.text_edit
        composer.setFocus()
        QTest.keyClicks(composer, "half a reply")
        press(Qt.Key.Key_Escape)
        assert focused() is window.chat_view
        assert composer.toPlainText() == "half a reply"  # nothing lost
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == ids[1]
        window.conversation_pane.message_view.setFocus()
        press(Qt.Key.Key_Escape)
        assert focused() is window.chat_view
        assert len(triggered) == 2

        # The filter: the first Esc clears what was typed, the next one goes to the list.
        window.find_action.trigger()
        QTest.keyClicks(window.filter_edit, "abc")
        press(Qt.Key.Key_Escape)
        assert window.filter_edit.text() == "" and focused() is window.filter_edit
        press(Qt.Key.Key_Escape)
        assert focused() is window.chat_view

        # A dialog and a popup keep their Esc.
        triggered.clear()
        sheet = window.window_actions.show_cheat_sheet()
        await wait_until(sheet.isActiveWindow, what="the sheet to take the keyboard")
        QTest.keyClick(sheet, Qt.Key.Key_Escape)
        await wait_until(lambda: not sheet.isVisible(), what="the sheet to close")
        assert triggered == []
        window.activateWindow()
        await wait_until(lambda: window.isActiveWindow(), what="the window to be active again")
        window.account_picker.setFocus()
        window.account_picker.showPopup()
        popup = window.account_picker.view()
        await wait_until(popup.isVisible, what="the account list")
        QTest.keyClick(popup, Qt.Key.Key_Escape)
        await wait_until(lambda: not popup.isVisible(), what="the account list to close")
        assert triggered == []

        # The error line goes with Esc too.
        window.error_banner.show_error("Something failed.")
        window.chat_view.setFocus()
        press(Qt.Key.Key_Escape)
        assert window.error_banner.isHidden()


@pytest.mark.asyncio
async def test_ctrl_shift_u_marks_the_open_chat_unread_and_opening_marks_nothing(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        proxy = window.chat_proxy
        row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ChatRole.UNREAD) == 0)
        chat_id = str(proxy.index(row, 0).data(ChatRole.CHAT_ID))
        assert not window.mark_unread_action.isEnabled()  # no chat open
        assert window.select_chat(chat_id)
        await opened(window, chat_id)
        assert window.mark_unread_action.isEnabled()
        assert requests(sandbox, "PATCH", f"/chats/{chat_id}") == []  # opening is not reading
        header = window.conversation_pane.header
        assert "Ctrl+Shift+U" in header.mark_unread_button.toolTip()
        window.chat_view.setFocus()
        press(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        await wait_until(lambda: bool(requests(sandbox, "PATCH", f"/chats/{chat_id}")), what="the PATCH")
        assert requests(sandbox, "PATCH", f"/chats/{chat_id}")[0]["json"] == {"action": "setReadStatus", "value": False}
        await wait_until(lambda: header.unread, what="the header to offer Mark as read")
        assert header.mark_read_button.isVisibleTo(header) and not header.mark_unread_button.isVisibleTo(header)


def region(window: MainWindow, widget: QWidget | None) -> str:
    """Which part of the window a focused widget belongs to, as the agent reads it."""
    assert widget is not None
    pane = window.conversation_pane
    parts: list[tuple[str, QWidget]] = [
        ("account picker", window.account_picker),
        ("account picker", window.invitation_actions.picker_button),
        ("queue bar", window.queue_bar),
        ("filter", window.filter_edit),
        ("filter", window.queue_actions.mark_done_button),
        ("filter", window.new_chat_button),
        ("chat list", window.chat_view),
        ("composer", pane.composer),
        ("conversation", pane),
    ]
    for name, part in parts:
        if widget is part or part.isAncestorOf(widget):
            return name
    return f"elsewhere: {widget.objectName() or type(widget).__name__}"


@pytest.mark.asyncio
async def test_tab_goes_picker_queue_bar_filter_list_conversation_composer(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        await wait_until(lambda: window.isActiveWindow(), what="the window to be active")
        assert window.select_chat(str(window.chat_proxy.index(0, 0).data(ChatRole.CHAT_ID)))
        await wait_until(lambda: window.conversation_pane.composer.isVisible(), what="the composer")
        window.account_picker.setFocus()
        visited = [region(window, focused())]
        for _ in range(40):
            press(Qt.Key.Key_Tab)
            name = region(window, focused())
            if name != visited[-1]:
                visited.append(name)
            if name == "composer":
                break
        assert visited == ["account picker", "queue bar", "filter", "chat list", "conversation", "composer"]
        # And back with Shift+Tab, from the composer to the list.
        for _ in range(20):
            press(Qt.Key.Key_Backtab)
            if focused() is window.chat_view:
                break
        assert focused() is window.chat_view

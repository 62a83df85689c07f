"""The shortcut registry drives the menus, their tooltips and the cheat sheet (F1, Ctrl+/), so none can disagree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats, window_of
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui import shortcuts
from unipile_desktop.ui.cheat_sheet import CheatSheetDialog
from unipile_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

# Keys that belong to the composer's text box, not to a menu: it handles them itself.
COMPOSER_KEYS = {"send", "new_line"}
HOOKS = (
    "quick_switcher_action",
    "search_messages_action",
    "canned_reply_action",
    "canned_replies_manager_action",
    "download_history_action",
    "cheat_sheet_action",
    "mark_unread_action",
    "previous_chat_action",
    "next_chat_action",
    "next_waiting_action",
    "back_to_list_action",
)


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    menu.aboutToShow.emit()  # menus filled when shown (sent invitations, profiles) get their entries
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_actions(submenu)


def menu_bar_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []
    for top in window.menuBar().actions():
        submenu = top.menu()
        assert isinstance(submenu, QMenu)
        found.extend(menu_actions(submenu))
    return found


def test_the_sheet_lists_every_key_of_the_registry_by_section(qtbot: QtBot) -> None:
    sheet = CheatSheetDialog()
    qtbot.addWidget(sheet)
    expected = [(entry.section, entry.text(), entry.title) for entry in shortcuts.SHORTCUTS if entry.sequences()]
    assert sheet.rows == expected
    assert [section for section, _entries in shortcuts.cheat_sheet()] == list(
        dict.fromkeys(section for section, _keys, _title in sheet.rows)
    )
    assert "Ctrl+K" in dict((title, keys) for _s, keys, title in sheet.rows)["Go to a chat or command"]
    assert not sheet.isModal()


@pytest.mark.asyncio
async def test_every_menu_shortcut_is_the_registrys_and_the_cheat_sheet_lists_it(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        actions = menu_bar_actions(window)
        sheet = window.window_actions.show_cheat_sheet()
        listed = {title: keys for _section, keys, title in sheet.rows}
        used: set[str] = set()
        for action in actions:
            shortcut_id = action.property(shortcuts.ACTION_PROPERTY)
            if shortcut_id is None:
                assert action.shortcuts() == [], f"{action.text()!r} has a key the registry does not know"
                continue
            entry = shortcuts.shortcut(str(shortcut_id))
            assert action.shortcuts() == entry.sequences(), action.text()
            assert entry.text() and entry.text() in action.toolTip(), action.text()
            assert listed[entry.title] == entry.text()
            used.add(entry.id)
        # Every key of the registry is in a menu (the composer's own keys aside), so the sheet promises nothing else.
        assert used == {entry.id for entry in shortcuts.SHORTCUTS} - COMPOSER_KEYS
        for name in HOOKS:
            assert getattr(window, name) in actions, name
        for name in ("quick_switcher_action", "search_messages_action", "canned_reply_action"):
            hook = getattr(window, name)
            assert hook.isEnabled() and hook.toolTip()  # connected and enabled by the session's workbench
        assert window.download_history_action in window.chat_menu.actions()
        assert window.mark_unread_action in window.chat_menu.actions()
        sheet.close()


@pytest.mark.asyncio
async def test_f1_and_ctrl_slash_open_one_non_modal_sheet(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        window.chat_view.setFocus()
        QTest.keyClick(window.chat_view, Qt.Key.Key_F1)
        sheet = window.window_actions.cheat_sheet
        assert isinstance(sheet, CheatSheetDialog)
        await wait_until(sheet.isVisible, what="the cheat sheet")
        assert not sheet.isModal() and not window.isHidden()
        await wait_until(sheet.isActiveWindow, what="the sheet to take the keyboard")
        QTest.keyClick(sheet, Qt.Key.Key_Escape)
        await wait_until(lambda: not sheet.isVisible(), what="Esc to close the sheet")
        window.activateWindow()
        await wait_until(window.isActiveWindow, what="the window to take the keyboard back")
        window.chat_view.setFocus()
        QTest.keyClick(window.chat_view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
        await wait_until(sheet.isVisible, what="Ctrl+/ to open it again")
        assert window.window_actions.cheat_sheet is sheet  # one sheet, brought to the front
        sheet.close()

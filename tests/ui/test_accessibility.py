"""Screen readers and keyboard users (issue 17): every control has a name, chat rows and bubbles read in one go, state
changes are announced, Tab follows reading order, and every menu action has a key."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.accessibility import inputs_without_own_name, report, unnamed_controls, walk
from tests.helpers.conversation_support import wait_signal, wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.core.message_list import MessageListModel
from unipile_desktop.core.message_rows import MessageRow, RowKind, SendState
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui import shortcuts
from unipile_desktop.ui.announce import Announcer
from unipile_desktop.ui.api_key_dialog import ApiKeyDialog
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.connection_dialog import ConnectionDialog
from unipile_desktop.ui.conversation.whole_message import open_whole_message
from unipile_desktop.ui.crash_dialog import CrashDialog
from unipile_desktop.ui.keyring_dialog import KeyringUnavailableDialog
from unipile_desktop.ui.snooze_dialog import SnoozeDialog
from unipile_desktop.ui.spoken import SPOKEN_PREVIEW_CHARS, chat_row_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing")

# Keys the composer handles itself (Enter, Shift+Enter): no menu action carries them.
COMPOSER_KEYS = {"send", "new_line"}


def problems(title: str, widget: QWidget) -> list[str]:
    """What a screen reader would stumble on in ``widget``: focusable controls without a name that says something,
    and input fields, lists and boxes whose name is only guessed from a label beside them."""
    found = []
    unnamed = unnamed_controls(widget)
    if unnamed:
        found.append(report(title, unnamed))
    found.extend(f"{title}: no setAccessibleName on {what}" for what in inputs_without_own_name(widget))
    return found


# ---------------------------------------------------------------------------------------------- names


@pytest.mark.asyncio
async def test_every_focusable_control_of_the_window_and_its_dialogs_has_a_name(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        assert window.select_chat(str(sandbox.landmarks["chats"]["showcase"]))
        await wait_until(lambda: window.conversation.chat is not None and not window.conversation.is_loading)
        window.error_banner.show_error("The server did not answer. Press F5 to try again.")
        window.key_banner.show()  # the banners' buttons are checked as they appear
        found = problems("main window", window)

        new_chat = window.open_new_chat_dialog()
        assert new_chat is not None
        new_chat.invitation_panel.show()  # the LinkedIn invitation's note and results, shown in the same dialog
        found += problems("new chat", new_chat)
        found += problems("search", app.workbench.open_search())
        app.workbench.switcher.popup()
        found += problems("quick switcher", app.workbench.switcher)
        found += problems("canned replies", app.workbench.open_canned_replies_manager())
        found += problems("notifications", app.inbox.open_settings())
        found += problems("cheat sheet", window.window_actions.show_cheat_sheet())
        found += problems("about", window.show_about())
        linkedin = window.invitation_actions.linkedin_accounts()
        assert linkedin, "the sandbox has a LinkedIn account"
        invitations = window.invitation_actions.open_window(linkedin[0].id)
        assert invitations is not None
        found += problems("sent invitations", invitations)
        row = window.conversation.messages_model.row_at(1)
        assert row is not None
        found += problems("whole message", open_whole_message(row, window))
        assert not found, "\n".join(found)


def test_every_dialog_shown_outside_the_window_has_names(qtbot: QtBot, tmp_path: Path) -> None:
    dialogs = {
        "connection": ConnectionDialog(),
        "api key": ApiKeyDialog("Support"),
        "keyring": KeyringUnavailableDialog("No system keyring is available."),
        "crash": CrashDialog(tmp_path / "unipile-desktop.log"),
        "snooze": SnoozeDialog(datetime.now().astimezone(), chat_title="Zoë Müller"),
    }
    found: list[str] = []
    for title, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()  # non-modal: never exec()
        found += problems(title, dialog)
    assert not found, "\n".join(found)


def test_the_walk_sees_an_icon_only_button_without_a_name(qtbot: QtBot) -> None:
    """The check can fail: a "✕" button is named by its symbol only, which a screen reader cannot say usefully."""
    from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton

    box = QWidget()
    qtbot.addWidget(box)
    layout = QHBoxLayout(box)
    cross = QToolButton(box)
    cross.setText("✕")
    cross.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    field = QLineEdit(box)
    layout.addWidget(cross)
    layout.addWidget(field)
    box.show()
    unnamed = unnamed_controls(box)
    assert [node.role.name for node in unnamed] == ["Button", "EditableText"]
    assert inputs_without_own_name(box) == ["QLineEdit() in QWidget"]
    cross.setAccessibleName("Dismiss")
    field.setAccessibleName("Name")
    assert unnamed_controls(box) == [] and inputs_without_own_name(box) == []


# ---------------------------------------------------------------------------------------------- rows read in one go


def test_a_chat_row_reads_name_provider_unread_wait_and_a_bounded_preview() -> None:
    spoken = chat_row_text(
        "Zoë Müller", "WhatsApp", unread=2, status="waiting 12 min", preview="Hallo! Ich habe eine Frage"
    )
    assert spoken == "Zoë Müller, WhatsApp, 2 unread, waiting 12 min: Hallo! Ich habe eine Frage"
    assert chat_row_text("Zoë", "Telegram", status="Done") == "Zoë, Telegram, Done"
    assert chat_row_text("Zoë", "Telegram", labels=("vip", "refund")) == "Zoë, Telegram, labels vip, refund"
    assert chat_row_text("", "LinkedIn", inmail=True, preview="Hi") == "Chat, LinkedIn, InMail: Hi"
    huge = chat_row_text("x" * 1_000_000, "WhatsApp", preview="lorem ipsum " * 1_000_000)
    assert len(huge) < 120 + SPOKEN_PREVIEW_CHARS + 40 and huge.endswith("…")


@pytest.mark.asyncio
async def test_the_listed_chat_reads_as_one_sentence_with_its_queue_state(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        showcase = str(sandbox.landmarks["chats"]["showcase"])  # Zoë Müller on WhatsApp, unread, waiting

        def spoken() -> str:
            row = window.chat_model.row_of(showcase)
            assert row is not None
            return str(window.chat_model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))

        await wait_until(lambda: "waiting" in spoken(), what="the queue state of the row")
        text = spoken()
        assert text.startswith("Zoë Müller, WhatsApp, ") and " unread, waiting " in text, text
        name_part, preview = text.split(": ", 1)
        assert preview and len(preview) <= SPOKEN_PREVIEW_CHARS
        row = window.chat_model.row_of(showcase)
        assert row is not None
        assert window.chat_model.index(row, 0).data(ChatRole.PREVIEW).startswith(preview.rstrip("…"))


def message(**fields: object) -> MessageRow:
    defaults: dict[str, object] = {"key": "m1", "kind": RowKind.MESSAGE, "text": "Hallo!"}
    defaults.update(fields)
    return MessageRow(**defaults)  # type: ignore[arg-type]


def spoken_messages(*rows: MessageRow) -> list[str]:
    model = MessageListModel()
    model.set_rows(list(rows))
    return [str(model.index(i, 0).data(Qt.ItemDataRole.AccessibleTextRole)) for i in range(model.rowCount())]


def test_a_bubble_reads_its_sender_text_time_and_state() -> None:
    at = datetime(2026, 3, 14, 9, 5).astimezone()
    incoming, sent, seen, failed = spoken_messages(
        message(key="a", sender_name="Zoë Müller", timestamp=at),
        message(key="b", outgoing=True, text="Thanks.", timestamp=at + timedelta(minutes=1)),
        message(key="c", outgoing=True, text="See you", timestamp=at, seen=True, edited=True),
        message(key="d", outgoing=True, text="Oops", state=SendState.FAILED, error="The server refused it."),
    )
    assert incoming == "Zoë Müller: Hallo! 09:05"
    assert sent == "You: Thanks. 09:06. sent"  # no ".." after a sentence that ends itself
    assert seen == "You: See you. edited. 09:05. seen"
    assert failed == "You: Oops. not sent. The server refused it"


# ---------------------------------------------------------------------------------------------- announcements


@pytest.mark.asyncio
async def test_sent_failed_and_new_messages_are_announced(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        chat_id = str(sandbox.landmarks["chats"]["showcase"])
        assert window.select_chat(chat_id)
        await wait_until(lambda: window.conversation.chat is not None and not window.conversation.is_loading)
        heard = window.announcer.history
        composer = window.conversation_pane.composer

        sent = asyncio.ensure_future(wait_signal(window.announcer.announced))
        await asyncio.sleep(0)
        composer.text_edit.setPlainText("Your parcel left the warehouse")
        composer.submit()
        text, assertive = await sent
        assert text == "Message sent" and not assertive

        sandbox.add_fault(f"/chats/{chat_id}/messages", method="POST", status=422, times=1)
        failed = asyncio.ensure_future(wait_signal(window.announcer.announced))
        await asyncio.sleep(0)
        composer.text_edit.setPlainText("This one will not go")
        composer.submit()
        text, assertive = await failed
        assert text.startswith("Message not sent") and assertive, text

        live = app.live
        assert live is not None
        live.start()
        await wait_until(lambda: live.engine.polls >= 1, what="the first poll")  # what is there before is not new
        sandbox.inject_inbound(chat_id, "Danke! Und wann kommt die Rechnung?")
        live.refresh_now()
        await wait_until(lambda: any("Danke!" in said for said in heard), what="the new message announced")
        assert heard[-1] == "New message from Zoë Müller: Danke! Und wann kommt die Rechnung?"


def test_an_announcement_is_bounded_and_goes_out_when_a_screen_reader_listens(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAccessible

    widget = QWidget()
    qtbot.addWidget(widget)
    announcer = Announcer(widget)
    was_active = QAccessible.isActive()
    QAccessible.setActive(True)  # as with a screen reader running: the event is delivered, not dropped
    try:
        with qtbot.waitSignal(announcer.announced) as blocker:
            announcer.announce("x" * 1_000_000, assertive=True)
    finally:
        QAccessible.setActive(was_active)
    text, assertive = blocker.args
    assert len(text) <= 200 and assertive
    announcer.announce("   ")  # nothing to say: nothing said
    assert list(announcer.history) == [text]


# ---------------------------------------------------------------------------------------------- keyboard


def focused() -> QWidget | None:
    return QApplication.focusWidget()


@pytest.mark.asyncio
async def test_tab_follows_reading_order_through_the_main_controls_to_send(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        await wait_until(window.isActiveWindow, what="the window to be active")
        assert window.select_chat(str(sandbox.landmarks["chats"]["showcase"]))
        await wait_until(lambda: window.conversation.chat is not None and not window.conversation.is_loading)
        pane = window.conversation_pane
        composer = pane.composer
        composer.text_edit.setPlainText("Ready to send")  # Send is enabled: Tab can reach it
        header = pane.header
        read_button = header.mark_read_button if header.mark_read_button.isVisible() else header.mark_unread_button
        expected = [
            ("account picker", window.account_picker),
            ("queue views", window.queue_bar.button(next(iter(QueueView)))),
            ("filter", window.filter_edit),
            ("chat list", window.chat_view),
            ("read state", read_button),
            ("messages", pane.message_view),
            ("composer", composer.text_edit),
            ("attach", composer.attach_button),
            ("send", composer.send_button),
        ]
        window.account_picker.setFocus(Qt.FocusReason.TabFocusReason)
        visited: list[QWidget] = []
        for _ in range(60):
            widget = focused()
            assert widget is not None, "nothing has the keyboard focus"
            visited.append(widget)
            if widget is composer.send_button:
                break
            QTest.keyClick(widget, Qt.Key.Key_Tab)
        order = [name for name, control in expected if control in visited]
        assert order == [name for name, _ in expected], f"not reached by Tab: {set(dict(expected)) - set(order)}"
        positions = [visited.index(control) for _, control in expected]
        assert positions == sorted(positions), [name for _, name in sorted(zip(positions, dict(expected), strict=True))]
        # Back with Shift+Tab from Send to the text.
        QTest.keyClick(composer.send_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is composer.text_edit


def menu_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield f"{path} → {action.text()}", action
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            submenu.aboutToShow.emit()  # menus filled when opened (invitations, profiles) fill now
            yield from menu_actions(submenu, f"{path} → {action.text()}")


@pytest.mark.asyncio
async def test_every_menu_action_has_a_key_and_every_registered_key_an_action(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=1)
        missing: list[str] = []
        registered: set[str] = set()
        for top in window.menuBar().actions():
            menu = top.menu()
            assert isinstance(menu, QMenu)
            if "&" not in top.text():
                missing.append(f"menu {top.text()!r} has no mnemonic (Alt+letter)")
            menu.aboutToShow.emit()  # menus filled when opened (invitations, profiles) fill now
            for path, action in menu_actions(menu, top.text().replace("&", "")):
                shortcut_id = action.property(shortcuts.ACTION_PROPERTY)
                if shortcut_id:
                    registered.add(str(shortcut_id))
                if not action.isEnabled() and not action.menu():
                    continue  # a placeholder ("No saved profiles") or a hook the session did not connect
                if "&" not in action.text() and action.shortcut().isEmpty():
                    missing.append(f"{path}: no mnemonic and no shortcut")
        unbound = {s.id for s in shortcuts.SHORTCUTS} - COMPOSER_KEYS - registered
        assert not missing, "\n".join(missing)
        assert not unbound, f"registry keys no menu action carries: {sorted(unbound)}"
        # Every registered key is on an action of the window, so it works wherever the focus is in it.
        for shortcut in shortcuts.SHORTCUTS:
            if shortcut.id in COMPOSER_KEYS:
                continue
            actions = [a for a in window.findChildren(QAction) if a.property(shortcuts.ACTION_PROPERTY) == shortcut.id]
            assert any(a.shortcuts() == shortcut.sequences() for a in actions), shortcut.id


def test_the_walk_reads_names_from_the_accessible_tree(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    button = QPushButton("Send", box)
    button.setAccessibleDescription("Sends the message")
    QVBoxLayout(box).addWidget(button)
    box.show()
    (node,) = [n for n in walk(box) if n.name == "Send"]
    assert node.focusable and node.description == "Sends the message"

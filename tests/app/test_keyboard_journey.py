"""The agent's day without a mouse (issue 14): every step by key events, the verdict from the server's side.

Keys are counted by an application-wide event filter, so a step that needs an extra key (or a focus that lands in
the wrong place) shows up in the count rather than being hidden by the test's own helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.app.session import Session
from unipile_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")


MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}


class KeyCounter(QObject):
    """Counts key presses as a person makes them: once each (where the keyboard focus is, not again for each parent
    the event propagates to), and a shortcut such as Ctrl+Alt+Down as one press (its modifiers alone are not).

    Qt asks the focus widget about every press with a ShortcutOverride event before it tries the shortcuts; a press
    that triggers a shortcut never arrives as a KeyPress, so the override is what is counted."""

    def __init__(self) -> None:
        super().__init__()
        self.presses: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and watched is (QApplication.focusWidget() or QApplication.activeWindow())
            and Qt.Key(event.key()) not in MODIFIER_KEYS
        ):
            self.presses.append(QKeySequence(event.keyCombination()).toString())
        return False


@contextmanager
def counting_keys() -> Iterator[KeyCounter]:
    app = QApplication.instance()
    assert app is not None
    counter = KeyCounter()
    app.installEventFilter(counter)
    try:
        yield counter
    finally:
        app.removeEventFilter(counter)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the focus is, as a keyboard would send it."""
    target = focused() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifiers)


def type_here(text: str) -> None:
    target = focused()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClicks(target, text)


def server_texts(sandbox: SandboxServer, chat_id: str) -> list[tuple[str, int]]:
    with sandbox.state.lock:
        return [(m.text or "", len(m.attachments)) for m in sandbox.state.messages.values() if m.chat_id == chat_id]


async def ready_window(app: Session) -> None:
    window = app.window
    await wait_for_chats(window, minimum=3)
    await wait_until(lambda: window.chats.pending_lookups == 0, 20, "every listed chat's last message")
    window.activateWindow()
    await wait_until(window.isActiveWindow, what="the window to be active")
    window.chat_view.setFocus(Qt.FocusReason.OtherFocusReason)


@pytest.mark.asyncio
async def test_switch_reply_with_a_canned_answer_attach_send_search_and_jump_by_keyboard_only(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    attachment = tmp_path / "invoice-4411.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% an invoice\n")
    showcase = sandbox.landmarks["chats"]["showcase"]  # Zoë Müller, WhatsApp
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await ready_window(app)
        conversation = window.conversation
        composer = window.conversation_pane.composer
        with counting_keys() as keys:
            # 1. The quick switcher: Ctrl+K, a name typed without its accent, Enter.
            press(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
            await wait_until(lambda: focused() is app.workbench.switcher.search, what="the switcher's search box")
            type_here("zoe mu")
            await wait_until(lambda: app.workbench.switcher.model.rowCount() > 0, what="a match")
            press(Qt.Key.Key_Return)
            await wait_until(
                lambda: (
                    conversation.chat is not None and conversation.chat.id == showcase and not conversation.is_loading
                )
            )
            await wait_until(lambda: focused() is composer.text_edit, what="the cursor in the composer")

            # 2. A canned reply with variables: "/", its word, Enter inserts it filled in.
            type_here("/delay")
            press(Qt.Key.Key_Return)
            text = composer.text_edit.toPlainText()
            assert text.startswith("Hi Zoë, thanks for your patience.") and "{" not in text

            # 3. Attach through the picker: Tab to the Attach button, Space, type the path, Enter.
            for _ in range(6):
                if focused() is composer.attach_button:
                    break
                press(Qt.Key.Key_Tab)
            assert focused() is composer.attach_button, f"the Attach button is not reachable: {focused()!r}"
            press(Qt.Key.Key_Space)
            await wait_until(lambda: isinstance(focused(), QLineEdit) and isinstance(focused().window(), QFileDialog))
            type_here(str(attachment))
            press(Qt.Key.Key_Return)
            await wait_until(lambda: [p.name for p in composer.files] == [attachment.name], what="the file chip")

            # 4. Back to the text (Shift+Tab), Enter sends the text with the file.
            await wait_until(lambda: focused() is composer.attach_button, what="the keyboard back in the window")
            for _ in range(6):
                if focused() is composer.text_edit:
                    break
                press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            assert focused() is composer.text_edit
            press(Qt.Key.Key_Return)
            await wait_until(lambda: (text, 1) in server_texts(sandbox, showcase), 15, "the reply on the server")

            # 5. Ctrl+Shift+F, words of the reply, Enter: the chat opens at that message.
            located: list[str] = []
            conversation.message_located.connect(lambda _chat, message_id: located.append(message_id))
            press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            dialog = app.workbench.search_dialog
            assert dialog is not None
            await wait_until(lambda: focused() is dialog.query_edit, what="the search box")
            type_here("patience backlog")
            await wait_until(lambda: dialog.model.rowCount() > 0, what="the search result")
            press(Qt.Key.Key_Return)
            await wait_until(lambda: bool(located), 10, "the jump to the message")
        assert server_texts(sandbox, showcase).count((text, 1)) == 1  # sent once, with its file
        with sandbox.state.lock:
            found = sandbox.state.messages[located[0]]
        assert found.text == text  # the search landed on the message just sent
        assert len(keys.presses) >= 10  # the counter saw the journey (it is what the next test relies on)


@pytest.mark.asyncio
async def test_from_a_waiting_customer_to_a_sent_canned_reply_takes_at_most_five_keys_besides_its_word(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await ready_window(app)
        longest = window.window_actions.next_waiting_entry()
        assert longest is not None, "the demo has customers waiting"
        word = "hours"
        with counting_keys() as keys:
            press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            await wait_until(
                lambda: (
                    window.conversation.chat is not None
                    and window.conversation.chat.id == longest.id
                    and not window.conversation.is_loading
                )
            )
            press(Qt.Key.Key_Slash)
            type_here(word)
            press(Qt.Key.Key_Return)
            press(Qt.Key.Key_Return)

            def sent() -> list[str]:
                return [t for t, _ in server_texts(sandbox, longest.id) if "our support team answers here" in t]

            await wait_until(lambda: bool(sent()), 15, "the canned reply on the server")
        assert keys.presses[:1] == ["Ctrl+Alt+Down"] and keys.presses.count("Return") == 2, keys.presses
        besides_word = len(keys.presses) - len(word)
        assert besides_word <= 5, keys.presses
        (reply,) = sent()
        assert "{" not in reply and not reply.startswith("Hi ,")  # the customer's name and the account filled in

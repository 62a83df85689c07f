"""The smoke test's "find and reply fast" journey, with key events only: the quick switcher (Ctrl+K) opens a chat,
a canned reply is inserted with "/" and sent, and the message search (Ctrl+Shift+F) finds it and jumps to it."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from .new_chat_driver import DriverFailure, Wait, type_text

if TYPE_CHECKING:
    from ..app.session import Session

STEP_TIMEOUT_S = 15


@dataclass(frozen=True)
class FindingCheck:
    chat_id: str
    quick_switch_ms: int  # Ctrl+K pressed -> the chosen chat open with its messages
    canned_reply_ms: int  # "/" typed -> the reply confirmed sent by the server
    canned_text: str  # the message as sent (variables filled)
    search_ms: int  # last key of the query -> the result listed (debounce included: what the agent waits)
    search_opened: bool  # choosing the result opened the chat at that message


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


async def smoke_finding(session: Session, wait: Wait) -> FindingCheck | None:
    """None when the profile has no canned reply to send (a real profile that never set any up)."""
    window = session.window
    workbench = session.workbench
    replies = [r for r in session.store.canned.list() if r.shortcut]
    if not replies:
        return None
    reply = next((r for r in replies if r.shortcut == "hours"), replies[0])
    open_id = window.conversation.chat.id if window.conversation.chat is not None else None
    target = next(
        (
            entry
            for entry in window.chats.entries()
            if entry.id != open_id
            and entry.title
            and not entry.chat.is_group
            and not entry.chat.read_only
            and window.accounts.accepts_messages(entry.chat.account_id)
        ),
        None,
    )
    if target is None:
        raise DriverFailure("no 1:1 chat to switch to")

    # Quick switcher: Ctrl+K, the start of the name without accents, Enter.
    window.raise_()
    window.activateWindow()  # keyboard shortcuts only reach the active window
    await wait("the main window to be active", window.isActiveWindow, 5)
    window.chat_view.setFocus(Qt.FocusReason.OtherFocusReason)
    began = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    switcher = workbench.switcher
    await wait("the quick switcher", switcher.isVisible, 5)
    type_text(switcher.search, _plain(target.title)[:6])
    await wait("the switcher to list the chat", lambda: switcher.model.rowCount() > 0, 5)
    QTest.keyClick(switcher.search, Qt.Key.Key_Return)
    conversation = window.conversation
    await wait(
        f"{target.title} to open from the switcher",
        lambda: conversation.chat is not None and conversation.chat.id == target.id and not conversation.is_loading,
        STEP_TIMEOUT_S,
    )
    quick_switch_ms = round((time.perf_counter() - began) * 1000)

    # Canned reply: "/", its shortcut word, Enter inserts it filled, Enter sends.
    composer = window.conversation_pane.composer
    edit = composer.text_edit
    await wait("the composer", edit.isEnabled, 5)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)
    edit.clear()
    began = time.perf_counter()
    type_text(edit, "/" + reply.shortcut)
    QTest.keyClick(edit, Qt.Key.Key_Return)
    text = edit.toPlainText()
    if not text or text.startswith("/"):
        raise DriverFailure(f"the canned reply /{reply.shortcut} was not inserted")
    if composer.unfilled_variables():
        raise DriverFailure(f"the canned reply left variables to fill: {composer.unfilled_variables()}")
    confirmed: list[str] = []
    failed: list[str] = []

    def on_confirmed(_local_id: str, message_id: str) -> None:
        confirmed.append(message_id)

    def on_failed(_local_id: str, sentence: str) -> None:
        failed.append(sentence)

    conversation.send_confirmed.connect(on_confirmed)
    conversation.send_failed.connect(on_failed)
    try:
        QTest.keyClick(edit, Qt.Key.Key_Return)
        await wait("the canned reply to be confirmed", lambda: bool(confirmed or failed), STEP_TIMEOUT_S)
    finally:
        conversation.send_confirmed.disconnect(on_confirmed)
        conversation.send_failed.disconnect(on_failed)
    if failed:
        raise DriverFailure(f"the canned reply failed: {failed[0]}")
    canned_reply_ms = round((time.perf_counter() - began) * 1000)

    # Search: Ctrl+Shift+F, a few words of the reply, Enter opens the chat at it.
    words = " ".join(_plain(text).split()[:3]).strip(",.!?")
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    await wait(
        "the search window",
        lambda: workbench.search_dialog is not None and workbench.search_dialog.isVisible(),
        5,
    )
    dialog = workbench.search_dialog
    assert dialog is not None
    type_text(dialog.query_edit, words)
    began = time.perf_counter()

    def found() -> bool:
        return any(hit.chat_id == target.id for hit in dialog.model.hits())

    await wait(f"search results for “{words}”", found, 10)
    search_ms = round((time.perf_counter() - began) * 1000)
    row = next(i for i, hit in enumerate(dialog.model.hits()) if hit.chat_id == target.id)
    dialog.view.setCurrentIndex(dialog.model.index(row))
    located: list[str] = []
    conversation.message_located.connect(lambda _chat, message_id: located.append(message_id))
    QTest.keyClick(dialog.view, Qt.Key.Key_Return)
    await wait("the conversation at the found message", lambda: bool(located), STEP_TIMEOUT_S)
    return FindingCheck(target.id, quick_switch_ms, canned_reply_ms, text, search_ms, True)

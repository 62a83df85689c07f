"""The smoke test's reply: answer the customer's newest message in the open chat with a quote, through Alt+R's
action, the composer strip and the Send button, then read the server's copy of the reply back."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest

from ..engine.quotes import can_quote
from ..ui.conversation.replying import reply_target
from .new_chat_driver import DriverFailure, Wait

if TYPE_CHECKING:
    from ..app.session import Session

REPLY_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class ReplyCheck:
    elapsed_ms: int  # Send clicked -> the outbox confirmed the reply
    chat_id: str
    quoted_id: str  # the customer's message that was answered
    message_id: str  # the server's id of the reply ("" when it answered null)


async def smoke_reply(session: Session, wait: Wait, stamp: str) -> ReplyCheck | None:
    """Reply to the newest message from the customer in the open chat (None: this chat cannot quote)."""
    window = session.window
    conversation = window.conversation
    chat = conversation.chat
    if chat is None:
        raise DriverFailure("no chat is open to reply in")
    if not can_quote(chat):
        return None
    pane = window.conversation_pane
    view = pane.view

    def newest() -> bool:
        return reply_target(view, conversation.message_list.rows()) is not None

    await wait("a message from the customer in the open chat to reply to", newest, 10)
    target = reply_target(view, conversation.message_list.rows())
    if target is None:
        raise DriverFailure(f"the open chat {chat.id} shows no message from the customer to reply to")
    row = conversation.message_list.find(target.key)
    if row >= 0:  # select it, as a person would before pressing Alt+R
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.window_actions.reply_action.trigger()
    composer = pane.composer
    await wait("the composer to quote the customer's message", lambda: composer.reply is not None, 5)
    assert composer.reply is not None
    if composer.reply.message_id != target.message_id:
        raise DriverFailure("Reply quoted another message than the selected one")
    composer.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClicks(composer.text_edit, f"Smoke test {stamp}: about your message just above")
    await wait("the Send button to be enabled for the reply", composer.send_button.isEnabled, 5)

    confirmed: dict[str, str] = {}
    failed: list[str] = []
    on_confirmed = conversation.send_confirmed.connect(
        lambda local_id, message_id: confirmed.update({local_id: message_id})
    )
    on_failed = conversation.send_failed.connect(lambda _local_id, sentence: failed.append(sentence))
    try:
        before = {entry.local_id for entry in session.store.outbox.entries()}
        began = time.perf_counter()
        QTest.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
        new = [e.local_id for e in session.store.outbox.entries() if e.local_id not in before]
        if not new:
            raise DriverFailure("clicking Send queued no reply")
        local_id = new[-1]
        await wait("the reply to be confirmed", lambda: local_id in confirmed or bool(failed), REPLY_TIMEOUT_S)
        elapsed_ms = round((time.perf_counter() - began) * 1000)
    finally:
        conversation.send_confirmed.disconnect(on_confirmed)
        conversation.send_failed.disconnect(on_failed)
    if failed:
        raise DriverFailure(f"the reply failed: {failed[0]}")
    if composer.reply is not None:
        raise DriverFailure("the composer still quotes the message after the reply was sent")
    return ReplyCheck(elapsed_ms, chat.id, target.message_id, confirmed[local_id])

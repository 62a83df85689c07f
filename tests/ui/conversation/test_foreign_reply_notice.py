"""The collision guard's line above the composer: the widget on a fixed clock, then the pane against the sandbox,
where a reply sent from "another device" of the account shows the line while the agent types, and this app's own
send never does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import Env, wait_signal, wait_until
from tests.helpers.live_support import polled
from tests.helpers.pane_support import shown_pane
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.conversation.foreign_reply_notice import (
    REFRESH_MS,
    ForeignReplyNotice,
    ago_text,
    notice_text,
)
from unipile_desktop.ui.conversation.pane import ConversationPane

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

T0 = datetime(2024, 5, 6, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A shown window for the notice (held by the test: a parent only the notice refers to would be collected)."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def shown_notice(host: QWidget, clock: Callable[[], datetime]) -> ForeignReplyNotice:
    return ForeignReplyNotice(host, now=clock)


# ------------------------------------------------------------------------------------------------ the widget


def test_ago_text() -> None:
    assert ago_text(-5) == "just now"  # the provider's clock ahead of this one
    assert ago_text(59) == "just now"
    assert ago_text(60) == "1 min ago"
    assert ago_text(12 * 60 + 30) == "12 min ago"
    assert ago_text(2 * 3600 + 5 * 60) == "2 h ago"
    assert ago_text(3 * 86400) == "3 d ago"
    assert notice_text(60) == "A reply was sent from this account 1 min ago, not from here."


def test_the_line_waits_for_text_in_the_composer(qtbot: QtBot, host: QWidget) -> None:
    notice = shown_notice(host, Clock())
    assert notice.objectName() == "foreignReplyNotice" and notice.isHidden()
    notice.note_reply(T0)
    assert notice.isHidden()  # nothing is being written: nothing to collide with
    notice.set_composing(True)
    assert notice.isVisible()
    notice.set_composing(False)
    assert notice.isHidden()
    notice.set_composing(True)  # typed again, still about the same reply
    assert notice.isVisible()


def test_the_time_stays_true(host: QWidget) -> None:
    clock = Clock()
    notice = shown_notice(host, clock)
    notice.note_reply(T0 - timedelta(seconds=20))
    notice.set_composing(True)
    assert notice.label.text() == "A reply was sent from this account just now, not from here."
    assert notice._refresh_timer.isActive() and notice._refresh_timer.interval() == REFRESH_MS
    clock.now = T0 + timedelta(seconds=45)
    notice._refresh_timer.timeout.emit()  # what the 30 s timer does
    assert notice.label.text() == "A reply was sent from this account 1 min ago, not from here."
    notice.set_composing(False)
    assert not notice._refresh_timer.isActive()  # no work while hidden


def test_dismissing_forgets_the_reply_until_the_next_one(qtbot: QtBot, host: QWidget) -> None:
    notice = shown_notice(host, Clock())
    notice.note_reply(T0)
    notice.set_composing(True)
    qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert notice.isHidden() and notice.reply_at is None
    notice.set_composing(True)
    assert notice.isHidden()
    notice.note_reply(T0 + timedelta(minutes=1))  # someone answers elsewhere again
    assert notice.isVisible()


def test_an_older_reply_does_not_replace_a_newer_one(qtbot: QtBot, host: QWidget) -> None:
    notice = shown_notice(host, Clock())
    notice.note_reply(T0)
    notice.note_reply(T0 - timedelta(minutes=5))
    assert notice.reply_at == T0
    notice.note_reply(datetime(2024, 5, 6, 10, 1))  # a naive time is the API's UTC
    assert notice.reply_at == T0 + timedelta(minutes=1)


# ------------------------------------------------------------------------------------------------ the pane


def notice_of(pane: ConversationPane) -> ForeignReplyNotice:
    found = pane.findChild(ForeignReplyNotice, "foreignReplyNotice")
    assert isinstance(found, ForeignReplyNotice)
    return found


def type_text(qtbot: QtBot, pane: ConversationPane, text: str) -> None:
    pane.composer.text_edit.setFocus()
    qtbot.keyClicks(pane.composer.text_edit, text)


async def send_from_the_composer(qtbot: QtBot, env: Env, pane: ConversationPane, text: str) -> str:
    """Type and press Enter; returns the server id once the outbox confirmed the send."""
    type_text(qtbot, pane, text)
    confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
    await asyncio.sleep(0)
    qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)
    _, server_id = await confirmed
    return str(server_id)


@pytest.mark.asyncio
async def test_a_reply_from_elsewhere_shows_while_typing_and_our_own_send_does_not(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with shown_pane(sandbox) as (env, pane), polled(env) as engine:
        chat = await env.open("showcase")
        notice = notice_of(pane)
        # Negative control: a message this app sent, its copy brought in while the agent writes the next one.
        server_id = await send_from_the_composer(qtbot, env, pane, "Let me check your order")
        type_text(qtbot, pane, "One more thing")
        await engine.poll_once()
        await wait_until(lambda: any(r.message_id == server_id for r in env.message_rows()), what="our copy")
        assert notice.isHidden()
        # The agent's phone answers the customer while the agent is still typing here.
        other = sandbox.send_from_other_device(chat.id, "Sorted it from my phone")
        result = await engine.poll_once()
        assert other["id"] in {m.id for m in result.messages.get(chat.id, [])}  # through the live path
        await wait_until(notice.isVisible, what="the notice")
        assert notice.label.text() == "A reply was sent from this account just now, not from here."
        assert notice.label.textFormat() == Qt.TextFormat.PlainText
        # It sits just above the composer, and sending stays possible.
        assert (
            notice.mapTo(pane, notice.rect().bottomLeft()).y()
            <= pane.composer.mapTo(pane, pane.composer.rect().topLeft()).y()
        )
        assert pane.composer.send_button.isEnabled()


@pytest.mark.asyncio
async def test_a_reply_before_any_typing_shows_once_the_agent_types(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane), polled(env) as engine:
        chat = await env.open("showcase")
        notice = notice_of(pane)
        pane.composer.text_edit.clear()
        sandbox.send_from_other_device(chat.id, "Answered on WhatsApp Web")
        await engine.poll_once()
        assert notice.isHidden()  # an empty composer: nothing to warn about yet
        assert pane.message_view.geometry().bottom() + 1 == pane.composer.geometry().top()  # and it takes no room
        type_text(qtbot, pane, "Hello")
        assert notice.isVisible()
        pane.composer.text_edit.clear()
        assert notice.isHidden()


@pytest.mark.asyncio
async def test_sending_switching_chats_and_dismissing_clear_the_line(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane), polled(env) as engine:
        chat = await env.open("showcase")
        notice = notice_of(pane)
        type_text(qtbot, pane, "Draft")
        sandbox.send_from_other_device(chat.id, "First answer elsewhere")
        await engine.poll_once()
        assert notice.isVisible()
        # The agent sends anyway: the line goes, and typing again does not bring it back.
        await send_from_the_composer(qtbot, env, pane, " and more")
        assert notice.isHidden()
        type_text(qtbot, pane, "Next")
        assert notice.isHidden()
        # Another answer elsewhere; then the agent dismisses it.
        sandbox.send_from_other_device(chat.id, "Second answer elsewhere")
        await engine.poll_once()
        assert notice.isVisible()
        qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
        assert notice.isHidden()
        # A third, then the agent opens another chat: the line was about the one that was open.
        sandbox.send_from_other_device(chat.id, "Third answer elsewhere")
        await engine.poll_once()
        assert notice.isVisible()
        await env.open("group")
        type_text(qtbot, pane, "Hi all")
        assert notice.isHidden()

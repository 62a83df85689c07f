"""The "Not sure this was sent" bubble and the "Sent twice" label, driven through the painted view against the sandbox.

A send ends ``unsure`` through the real outbox (the POST is dropped, every check after it refused); each of the
bubble's three buttons is clicked like a person would, and the outcome is read from the sandbox's own counts.
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import FAST_OUTBOX, Env, wait_signal, wait_until
from tests.helpers.pane_support import shown_pane
from unipile_desktop.core.message_list import MessageListModel, MessageRow, SendState
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import MessageSend, Store
from unipile_desktop.ui.conversation.bubble_layout import SENT_TWICE_TEXT, UNSURE_ACTIONS, UNSURE_TEXT
from unipile_desktop.ui.conversation.pane import ConversationPane
from unipile_desktop.ui.conversation.view import MessageView
from unipile_desktop.ui.format import plain_tip

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

POLICY = replace(FAST_OUTBOX, settle_delay=0.05, settle_window=0.3, check_interval=0.05)
XSS_REASON = "<b>Not</b> sure <img src=x>"


def pane_env(sandbox: SandboxServer, **options: Any) -> AbstractAsyncContextManager[tuple[Env, ConversationPane]]:
    return shown_pane(sandbox, policy=POLICY, **options)


def post_count(sandbox: SandboxServer, chat_id: str) -> int:
    return sum(
        1 for e in sandbox.requests_log() if e["method"] == "POST" and e["path"].endswith(f"/chats/{chat_id}/messages")
    )


def copies(sandbox: SandboxServer, chat_id: str, text: str) -> int:
    return int(sandbox.message_counts(chat_id)["by_text"].get(text, 0))


def index_of(env: Env, key: str) -> QModelIndex:
    row = env.model.find(key)
    assert row >= 0, f"no row {key}"
    return env.model.index(row)


def row_of(env: Env, key: str) -> MessageRow:
    row = index_of(env, key).data(MessageListModel.RowRole)
    assert isinstance(row, MessageRow)
    return row


def button_point(view: MessageView, index: QModelIndex, kind: str) -> QPoint:
    view.scrollTo(index)
    layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
    assert layout is not None
    (rect,) = [r for r, k, _ in layout.buttons if k == kind]
    return view.visualRect(index).topLeft() + rect.center().toPoint()


def meta_text(view: MessageView, index: QModelIndex) -> str:
    layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
    assert layout is not None and layout.meta is not None
    return layout.meta[1]


async def type_until_unsure(env: Env, pane: ConversationPane, qtbot: QtBot, text: str, post_action: str) -> str:
    """Type and send ``text`` so that the outbox ends ``unsure``: the listing before the attempt goes through, the
    POST is dropped (``post_action``), every check after it is refused. Returns the local id; faults are cleared."""
    chat = env.controller.chat
    assert chat is not None
    path = f"/chats/{chat.id}/messages"
    env.sandbox.add_fault(path, method="GET", action="delay", delay_ms=0, times=1)  # a pass-through: the baseline
    env.sandbox.add_fault(path, method="GET", status=400, times=None)
    env.sandbox.add_fault(path, method="POST", action=post_action, times=1)
    unsure = asyncio.ensure_future(wait_signal(env.controller.send_unsure))
    await asyncio.sleep(0)
    qtbot.keyClicks(pane.composer.text_edit, text)
    qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)
    local_id, _ = await unsure
    refused = [e for e in env.requests("GET", path) if e["status"] == 400]
    assert post_count(env.sandbox, chat.id) == 1 and refused  # the send went out and the check could not see
    env.sandbox.clear_faults()
    return str(local_id)


# ------------------------------------------------------------------------------------------------ not sure


@pytest.mark.asyncio
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # the tooltip window, offscreen
async def test_the_bubble_says_not_sure_and_offers_three_answers(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox) as (env, pane):
        await env.open("showcase")
        local_id = await type_until_unsure(env, pane, qtbot, "Is it there?", "store_then_drop")
        view = pane.view
        index = index_of(env, local_id)
        row = row_of(env, local_id)
        assert row.state == SendState.UNSURE and row.error.startswith(UNSURE_TEXT)
        assert UNSURE_TEXT in meta_text(view, index)  # the state words, in words
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None and layout.error is not None
        assert layout.error.layout.text() == row.error  # the reason, once, as plain text under the bubble
        assert [(kind, label) for _, kind, label in layout.buttons] == list(UNSURE_ACTIONS)
        assert [label for _, _, label in layout.buttons] == ["Check again", "Send again", "It was sent"]
        assert view.tooltip_at(view.visualRect(index).topLeft() + layout.bubble.center().toPoint()) == plain_tip(
            row.error
        )
        menu = view.build_context_menu(view.visualRect(index).topLeft() + layout.bubble.center().toPoint())
        assert menu is not None
        labels = [a.text() for a in menu.actions() if a.text()]
        assert {"Check again", "Send again", "It was sent"} <= set(labels) and "Retry" not in labels
        menu.close()
        assert pane.grab().width() > 0  # paints without errors


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("kind", "post_action", "posts_after", "copies_after"),
    [
        ("check_again", "store_then_drop", 1, 1),  # found on the server: no new copy
        ("send_again", "drop", 2, 1),  # the first never arrived: exactly one more copy
        ("confirm_sent", "store_then_drop", 1, 1),  # marked sent: nothing sent
    ],
)
async def test_clicking_an_answer_settles_the_message(
    sandbox: SandboxServer, qtbot: QtBot, kind: str, post_action: str, posts_after: int, copies_after: int
) -> None:
    text = f"Answered with {kind}"
    async with pane_env(sandbox) as (env, pane):
        chat = await env.open("showcase")
        local_id = await type_until_unsure(env, pane, qtbot, text, post_action)
        assert copies(sandbox, chat.id, text) == (1 if post_action == "store_then_drop" else 0)
        view = pane.view
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        point = button_point(view, index_of(env, local_id), kind)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        got, message_id = await confirmed
        assert got == local_id and (message_id == "") == (kind == "confirm_sent")  # only proof gives an id
        await wait_until(lambda: bool(row_of(env, local_id).message_id), what="the server's copy in the bubble")
        row = row_of(env, local_id)
        assert row.state == SendState.SENT and not row.error
        index = index_of(env, local_id)
        assert UNSURE_TEXT not in meta_text(view, index)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None and layout.buttons == [] and layout.error is None
        assert post_count(sandbox, chat.id) == posts_after
        assert copies(sandbox, chat.id, text) == copies_after
        assert [r.text for r in env.message_rows()].count(text) == 1  # one bubble, not the local one and the copy
        assert env.errors == []


@pytest.mark.asyncio
async def test_the_context_menu_answers_too(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox) as (env, pane):
        chat = await env.open("showcase")
        local_id = await type_until_unsure(env, pane, qtbot, "Answer from the menu", "store_then_drop")
        view = pane.view
        index = index_of(env, local_id)
        view.scrollTo(index)
        menu = view.build_context_menu(view.visualRect(index).center())
        assert menu is not None
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        next(a for a in menu.actions() if a.text() == "Check again").trigger()
        menu.close()
        got, message_id = await confirmed
        assert got == local_id and message_id
        assert post_count(sandbox, chat.id) == 1 and copies(sandbox, chat.id, "Answer from the menu") == 1


@pytest.mark.asyncio
async def test_the_reason_from_the_network_stays_plain_text(sandbox: SandboxServer, qtbot: QtBot) -> None:
    store = Store.open(None, exclusive=False)
    try:
        chat_id = str(sandbox.landmarks["chats"]["showcase"])
        stored = store.outbox.add(MessageSend(chat_id, "From an earlier run"))
        store.outbox.save(stored.with_changes(state="unsure", attempts=1, reason=XSS_REASON))
        async with pane_env(sandbox, store=store) as (env, pane):
            await env.open("showcase")
            view = pane.view
            index = index_of(env, stored.local_id)
            layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
            assert layout is not None and layout.error is not None
            assert layout.error.layout.text() == f"{UNSURE_TEXT}. {XSS_REASON}"  # the characters, never markup
            assert view.tooltip_at(view.visualRect(index).topLeft() + layout.bubble.center().toPoint()) == plain_tip(
                XSS_REASON
            )
            assert "<b>" not in plain_tip(XSS_REASON)
            assert pane.grab().width() > 0
    finally:
        store.close()


# ------------------------------------------------------------------------------------------------ sent twice


@pytest.mark.asyncio
async def test_a_send_stored_twice_says_sent_twice_on_both_bubbles(sandbox: SandboxServer, qtbot: QtBot) -> None:
    chat_id = str(sandbox.landmarks["chats"]["showcase"])
    chat = sandbox.state.chat(chat_id)
    (me,) = [a for a in sandbox.state.chat_attendees(chat) if a.is_self]
    first = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me.id)
    second = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me.id)
    later = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me.id)  # typed again: a message of its own
    store = Store.open(None, exclusive=False)
    try:
        stored = store.outbox.add(MessageSend(chat_id, "Thanks!"))
        store.outbox.save(
            stored.with_changes(state="sent", attempts=1, message_id=first["id"], duplicate_ids=(second["id"],))
        )
        async with pane_env(sandbox, store=store) as (env, pane):
            await env.open("showcase")
            view = pane.view
            for message_id in (first["id"], second["id"]):
                (row,) = [r for r in env.message_rows() if r.message_id == message_id]
                index = index_of(env, row.key)
                assert row.sent_twice and meta_text(view, index).endswith(SENT_TWICE_TEXT)  # words, not a colour
                assert "sent twice" in index.data(Qt.ItemDataRole.AccessibleTextRole)
            (other,) = [r for r in env.message_rows() if r.message_id == later["id"]]
            assert not other.sent_twice and SENT_TWICE_TEXT not in meta_text(view, index_of(env, other.key))
            assert pane.grab().width() > 0
    finally:
        store.close()

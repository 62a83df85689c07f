"""Reply to a message: the context menu, the hover button and Alt+R's path, the composer strip, the quote on the
server, through a retry and a restart (outbox and draft), a quoted message that vanished, and where Reply is hidden."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import Env, wait_signal, wait_until
from tests.helpers.pane_support import shown_pane
from unipile_desktop.api import Message
from unipile_desktop.core.message_list import MessageListModel, MessageRow, SendState
from unipile_desktop.engine.quotes import quote_gone_sentence
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import Store, chat_draft_key
from unipile_desktop.ui.conversation.pane import ConversationPane
from unipile_desktop.ui.conversation.view import MessageView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def index_of(env: Env, key: str) -> QModelIndex:
    row = env.model.find(key)
    assert row >= 0, f"no row {key}"
    return env.model.index(row)


def incoming(env: Env) -> MessageRow:
    """The newest message from the customer that has text."""
    return [r for r in env.message_rows() if not r.outgoing and r.text.strip() and r.message_id and not r.deleted][-1]


def menu_labels(view: MessageView, index: QModelIndex) -> list[str]:
    menu = view.build_context_menu(view.visualRect(index).center())
    assert menu is not None
    labels = [a.text() for a in menu.actions() if a.text()]
    menu.close()
    return labels


def trigger_menu(view: MessageView, index: QModelIndex, label: str) -> None:
    view.scrollTo(index)
    menu = view.build_context_menu(view.visualRect(index).center())
    assert menu is not None
    next(a for a in menu.actions() if a.text() == label).trigger()
    menu.close()


async def server_message(env: Env, chat_id: str, message_id: str) -> Message:
    page = await env.client.list_messages(chat_id, limit=100)
    (found,) = [m for m in page.items if m.id == message_id]
    return found


async def server_copies(env: Env, chat_id: str, text: str) -> list[Message]:
    page = await env.client.list_messages(chat_id, limit=100)
    return [m for m in page.items if m.text == text]


def vanish(sandbox: SandboxServer, message_id: str) -> None:
    """The message is gone from the server (deleted by its sender on the provider since it was loaded)."""
    state = sandbox.state
    with state.lock:
        message = state.messages.pop(message_id)
        state.chat_messages[message.chat_id].remove(message)


def move_mouse(view: MessageView, pos: QPoint) -> None:
    """A mouse move over the rows, sent to the viewport (QTest.mouseMove moves the real cursor, and a tooltip
    left pending under it outlives the test)."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


async def send_reply(qtbot: QtBot, pane: ConversationPane, text: str) -> None:
    qtbot.keyClicks(pane.composer.text_edit, text)
    qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)


# ------------------------------------------------------------------------------------------------ writing a reply


@pytest.mark.asyncio
async def test_reply_from_the_menu_shows_the_strip_and_the_server_holds_the_quote(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with shown_pane(sandbox) as (env, pane):
        chat = await env.open("showcase")
        target = incoming(env)
        view = pane.view
        index = index_of(env, target.key)
        assert menu_labels(view, index)[0] == "Reply"
        trigger_menu(view, index, "Reply")
        strip = pane.composer.reply_strip
        assert pane.composer.reply is not None and pane.composer.reply.message_id == target.message_id
        assert strip.isVisible() and strip.title_label.text() == f"Replying to {target.sender_name}"
        assert strip.title_label.textFormat() == Qt.TextFormat.PlainText
        assert target.text.split("\n")[0].split()[0] in strip.shown_text()
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        await send_reply(qtbot, pane, "About that: yes")
        # The pending bubble shows the quote like a received one, before the server's copy replaces it.
        (local,) = [r for r in env.message_rows() if r.local_id and r.text == "About that: yes"]
        assert local.quote is not None and local.quote.sender_name == target.sender_name
        assert local.quote.text == target.text
        assert pane.composer.reply is None and strip.isHidden()
        _, message_id = await confirmed
        quoted = await server_message(env, chat.id, target.message_id)
        sent = await server_message(env, chat.id, message_id)
        assert sent.quoted is not None and sent.quoted.provider_id == quoted.provider_id
        (row,) = [r for r in env.message_rows() if r.message_id == message_id]
        assert row.state == SendState.SENT and row.quote is not None and row.quote.text == target.text


@pytest.mark.asyncio
async def test_the_hover_button_replies_and_esc_or_the_cross_cancel_keeping_the_text(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with shown_pane(sandbox) as (env, pane):
        await env.open("showcase")
        target = incoming(env)
        view = pane.view
        index = index_of(env, target.key)
        view.scrollTo(index)
        move_mouse(view, view.visualRect(index).center())
        button = view.hover_reply.button
        await wait_until(button.isVisible, what="the hover Reply button")
        layout = view.bubble_delegate.layout_for(index)
        assert layout is not None
        bubble_right = view.visualRect(index).left() + layout.bubble.right()
        assert button.x() >= bubble_right  # beside the customer's bubble, not over it
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert pane.composer.reply is not None and pane.composer.reply.message_id == target.message_id
        assert pane.composer.text_edit.hasFocus() or QGuiApplication.focusWindow() is None
        qtbot.keyClicks(pane.composer.text_edit, "kept")
        pane.composer.text_edit.setFocus()
        qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Escape)
        assert pane.composer.reply is None and pane.composer.text() == "kept"
        trigger_menu(view, index, "Reply")
        qtbot.mouseClick(pane.composer.reply_strip.cancel_button, Qt.MouseButton.LeftButton)
        assert pane.composer.reply is None and pane.composer.text() == "kept"


@pytest.mark.asyncio
async def test_the_shortcut_answers_the_selected_message_or_the_customers_newest(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with shown_pane(sandbox) as (env, pane):
        await env.open("showcase")
        view = pane.view
        assert pane.reply_to_selected()  # nothing selected: the customer's newest message
        newest = incoming(env)
        assert pane.composer.reply is not None and pane.composer.reply.message_id == newest.message_id
        older = [r for r in env.message_rows() if r.message_id and r.text and r.key != newest.key][0]
        index = index_of(env, older.key)
        view.selectionModel().setCurrentIndex(index, view.selectionModel().SelectionFlag.ClearAndSelect)
        assert pane.reply_to_selected()
        assert pane.composer.reply is not None and pane.composer.reply.message_id == older.message_id


# ------------------------------------------------------------------------------------------------ what a reply survives


@pytest.mark.asyncio
async def test_a_reply_keeps_its_quote_through_a_retry(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane):
        chat = await env.open("showcase")
        target = incoming(env)
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=503, times=1)  # retried by itself
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=403, times=1)  # needs Retry
        assert pane.start_reply(target)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        await send_reply(qtbot, pane, "Retried reply")
        local_id, _sentence = await failed
        row: MessageRow = index_of(env, local_id).data(MessageListModel.RowRole)
        assert row.state == SendState.FAILED and row.quote is not None and not row.quote_gone
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.retry(local_id)
        _, message_id = await confirmed
        sent = await server_message(env, chat.id, message_id)
        quoted = await server_message(env, chat.id, target.message_id)
        assert sent.quoted is not None and sent.quoted.provider_id == quoted.provider_id
        assert len(await server_copies(env, chat.id, "Retried reply")) == 1


@pytest.mark.asyncio
async def test_a_reply_survives_a_restart_as_a_draft_and_as_an_outbox_entry(
    sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "profile", exclusive=False)
    try:
        async with shown_pane(sandbox, store=store) as (env, pane):
            chat = await env.open("showcase")
            target = incoming(env)
            assert pane.start_reply(target)
            qtbot.keyClicks(pane.composer.text_edit, "Half a reply")
            env.drafts.flush_all()
        store.close()  # the app is gone (the draft was on disk at most 0.4 s after the last key)
        store = Store.open(tmp_path / "profile", exclusive=False)
        draft = store.drafts.get(chat_draft_key(chat.id))
        assert draft is not None and draft.fields["quote"]["id"] == target.message_id
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=403, times=1)
        async with shown_pane(sandbox, store=store) as (env, pane):
            await env.open("showcase")
            reply = pane.composer.reply
            assert reply is not None and reply.message_id == target.message_id
            assert pane.composer.reply_strip.isVisible() and pane.composer.text() == "Half a reply"
            assert pane.composer.reply_strip.title_label.text() == f"Replying to {target.sender_name}"
            failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
            await asyncio.sleep(0)
            qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)
            local_id, _ = await failed
        store.close()
        store = Store.open(tmp_path / "profile", exclusive=False)
        async with shown_pane(sandbox, store=store) as (env, pane):
            await env.open("showcase")
            # The failed reply is back from the outbox alone, quote included; Retry sends it with its quote.
            row: MessageRow = index_of(env, local_id).data(MessageListModel.RowRole)
            assert row.state == SendState.FAILED and row.quote is not None
            assert row.quote.sender_name == target.sender_name and row.quote.text == target.text
            assert pane.composer.reply is None  # the sent draft is not restored a second time
            confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
            await asyncio.sleep(0)
            env.controller.retry(local_id)
            _, message_id = await confirmed
            sent = await server_message(env, chat.id, message_id)
            assert sent.quoted is not None and sent.quoted.text == target.text
    finally:
        store.close()


@pytest.mark.asyncio
async def test_a_vanished_quoted_message_gets_a_sentence_and_the_text_is_sent_without_it(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with shown_pane(sandbox) as (env, pane):
        chat = await env.open("showcase")
        target = incoming(env)
        assert pane.start_reply(target)
        vanish(sandbox, target.message_id)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        await send_reply(qtbot, pane, "Answer to a message that is gone")
        local_id, sentence = await failed
        assert sentence == quote_gone_sentence()
        row: MessageRow = index_of(env, local_id).data(MessageListModel.RowRole)
        assert row.quote_gone and row.text == "Answer to a message that is gone"  # kept, not dropped
        view = pane.view
        index = index_of(env, local_id)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None
        assert [label for _, _, label in layout.buttons] == ["Send without the quote", "Edit", "Discard"]
        assert "Send without the quote" in menu_labels(view, index)
        (rect,) = [r for r, kind, _ in layout.buttons if kind == "without_quote"]
        # Meanwhile the agent writes the next message: sending the old one without its quote must not take it away.
        qtbot.keyClicks(pane.composer.text_edit, "The next message, still being written")
        env.drafts.flush_all()
        assert env.store.drafts.get(chat_draft_key(chat.id)) is not None
        view.scrollTo(index)
        point = view.visualRect(index).topLeft() + rect.center().toPoint()
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))
        await confirmed
        await wait_until(lambda: env.model.find(local_id) == -1, what="the failed reply to leave")
        (copy,) = await server_copies(env, chat.id, "Answer to a message that is gone")
        assert copy.quoted is None
        draft = env.store.drafts.get(chat_draft_key(chat.id))
        assert draft is not None and draft.text == "The next message, still being written"
        assert pane.composer.text() == "The next message, still being written"


@pytest.mark.asyncio
async def test_edit_of_a_failed_reply_brings_the_quote_back(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane):
        chat = await env.open("showcase")
        target = incoming(env)
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=422, times=1)
        assert pane.start_reply(target)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        await send_reply(qtbot, pane, "Edit me")
        local_id, _ = await failed
        pane.on_message_view_failed_action_requested("edit", local_id)
        assert pane.composer.text() == "Edit me"
        assert pane.composer.reply is not None and pane.composer.reply.message_id == target.message_id


# ------------------------------------------------------------------------------------------------ where and what


@pytest.mark.asyncio
async def test_reply_is_hidden_where_the_chat_cannot_quote(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane):
        sponsored = await env.client.get_chat(env.chat_id("sponsored"))
        assert "reply" in sponsored.disabled_features
        loaded = asyncio.ensure_future(wait_signal(env.controller.history_loaded))
        await asyncio.sleep(0)
        env.controller.open_chat(sponsored, None, mark_read=False)
        await loaded
        (row,) = env.message_rows()
        view = pane.view
        index = index_of(env, row.key)
        assert "Reply" not in menu_labels(view, index)
        assert "Copy text" in menu_labels(view, index)
        move_mouse(view, view.visualRect(index).center())
        assert view.hover_reply.button.isHidden()
        assert not pane.reply_to_selected() and pane.composer.reply is None
        # Back in a chat that quotes, Reply is offered again.
        await env.open("showcase")
        assert menu_labels(view, index_of(env, incoming(env).key))[0] == "Reply"


@pytest.mark.asyncio
async def test_copy_text_and_copy_link_of_a_message(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with shown_pane(sandbox) as (env, pane):
        await env.open("showcase")
        (row,) = [r for r in env.message_rows() if "https://example.com/track" in r.text]
        view = pane.view
        index = index_of(env, row.key)
        labels = menu_labels(view, index)
        (copy_link,) = [label for label in labels if label.startswith("Copy link")]
        QGuiApplication.clipboard().clear()
        trigger_menu(view, index, copy_link)
        assert QGuiApplication.clipboard().text() == "https://example.com/track?id=42&lang=de"
        trigger_menu(view, index, "Copy text")
        assert QGuiApplication.clipboard().text() == row.text
        plain = [r for r in env.message_rows() if r.text and "http" not in r.text][0]
        assert not any(label.startswith("Copy link") for label in menu_labels(view, index_of(env, plain.key)))

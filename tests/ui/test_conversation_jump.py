"""The conversation pane opened at a found message, against the sandbox: the message in view and flashed, newer
pages below it as the person scrolls down without moving what they read, live messages, sending, gone messages."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.core.test_conversation_jump import (
    assert_contiguous,
    cache_from_server,
    grow_long_chat,
    server_ids,
    shown_ids,
)
from tests.helpers.conversation_support import Env, wait_signal, wait_until
from tests.helpers.pane_support import shown_pane
from unipile_desktop.api.models import parse_message
from unipile_desktop.core.conversation import MISSING_MESSAGE
from unipile_desktop.core.message_list import MessageListModel, RowKind
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.conversation.pane import ConversationPane
from unipile_desktop.ui.conversation.view import MessageView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


async def qt_turn() -> None:
    """Returns once the zero-delay Qt calls queued before it have run."""
    turned: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def turn() -> None:
        if not turned.done():
            turned.set_result(None)

    QTimer.singleShot(0, turn)
    await turned


async def open_at(env: Env, pane: ConversationPane, message_id: str) -> None:
    chat = await env.client.get_chat(env.chat_id("long_history"))
    loaded = asyncio.ensure_future(wait_signal(env.controller.history_loaded, timeout=10))
    await asyncio.sleep(0)
    env.controller.open_at(chat, message_id)
    await loaded
    await qt_turn()  # the edges the landing asks for have been asked for


def index_of_message(env: Env, message_id: str) -> QModelIndex:
    row = env.model.find_message(message_id)
    assert row >= 0, f"no row for {message_id}"
    return env.model.index(row)


def reading_row(view: MessageView) -> tuple[str, int]:
    index = view.reading_index()
    assert index.isValid()
    return str(index.data(MessageListModel.KeyRole)), view.visualRect(index).top()


def margin_colour(view: MessageView, index: QModelIndex) -> QColor:
    """The colour painted at the row's left edge (outside any bubble): the view's background unless highlighted."""
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    return image.pixelColor(QPoint(2, rect.center().y()))


@pytest.mark.asyncio
async def test_the_found_message_is_in_view_selected_and_flashed(sandbox: SandboxServer, qtbot: QtBot) -> None:
    chat_id = grow_long_chat(sandbox)
    target = server_ids(sandbox, chat_id)[200]
    async with shown_pane(sandbox) as (env, pane):
        cache_from_server(env, sandbox, target)
        await open_at(env, pane, target)
        view = pane.view
        index = index_of_message(env, target)
        rect = view.visualRect(index)
        assert view.viewport().rect().contains(rect.center())  # scrolled to it
        assert view.selectionModel().isSelected(index) and view.currentIndex() == index
        assert view.highlighted_key == index.data(MessageListModel.KeyRole)
        assert not view.follows_newest and not env.controller.at_newest
        lit = margin_colour(view, index)
        others = [env.model.index(r) for r in range(env.model.rowCount()) if r != index.row()]
        plain = next(
            margin_colour(view, i)
            for i in others
            if view.viewport().rect().contains(view.visualRect(i).center())
            and i.data(MessageListModel.KindRole) == RowKind.MESSAGE
        )
        assert lit != plain  # painted highlighted
        await wait_until(lambda: view.highlighted_key == "", timeout=4, what="the highlight to fade")
        assert margin_colour(view, index) == plain


@pytest.mark.asyncio
async def test_scrolling_down_loads_newer_pages_without_moving_what_is_read(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with shown_pane(sandbox) as (env, pane):
        await open_at(env, pane, everything[150])
        view = pane.view
        bar = view.verticalScrollBar()
        for _ in range(40):
            if env.controller.at_newest:
                break
            newer = asyncio.ensure_future(wait_signal(env.controller.newer_loaded, timeout=10))
            await asyncio.sleep(0)
            bar.setValue(bar.maximum())  # the person scrolls to the end of what is loaded
            assert env.controller.is_loading_newer
            key, top = reading_row(view)
            await newer
            await qt_turn()
            index = env.model.index(env.model.find(key))
            assert view.visualRect(index).top() == top  # the page went in below: the view did not move
            assert_contiguous(shown_ids(env), everything)
        assert env.controller.at_newest and view.follows_newest
        assert shown_ids(env)[-1] == everything[-1]
        assert not view.new_messages_button.isVisible()


@pytest.mark.asyncio
async def test_a_live_message_in_the_middle_offers_the_newest_without_moving(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with shown_pane(sandbox) as (env, pane):
        await open_at(env, pane, everything[100])
        view = pane.view
        rows_before = list(env.model.rows())
        value = view.verticalScrollBar().value()
        live = parse_message(sandbox.inject_inbound(chat_id, "A new question, live"))
        env.store.cache.put_messages([live])
        env.controller.on_live_messages_arrived(chat_id, [live])
        await qt_turn()
        assert list(env.model.rows()) == rows_before
        assert view.verticalScrollBar().value() == value
        assert view.new_messages_button.isVisible()

        loaded = asyncio.ensure_future(wait_signal(env.controller.history_loaded, timeout=10))
        await asyncio.sleep(0)
        qtbot.mouseClick(view.new_messages_button, Qt.MouseButton.LeftButton)
        await loaded
        await qt_turn()
        assert env.controller.at_newest and view.follows_newest
        ids = shown_ids(env)
        assert ids[-1] == live.id and ids.count(live.id) == 1
        assert ids == server_ids(sandbox, chat_id)[-len(ids) :]
        await wait_until(view.is_at_bottom, what="the view at the newest message")


@pytest.mark.asyncio
async def test_sending_from_the_middle_shows_the_message_after_the_newest(sandbox: SandboxServer, qtbot: QtBot) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with shown_pane(sandbox) as (env, pane):
        await open_at(env, pane, everything[100])
        qtbot.keyClicks(pane.composer.text_edit, "Sent from the middle")
        loaded = asyncio.ensure_future(wait_signal(env.controller.history_loaded, timeout=10))
        await asyncio.sleep(0)
        qtbot.mouseClick(pane.composer.send_button, Qt.MouseButton.LeftButton)
        assert env.controller.at_newest and pane.view.follows_newest
        last = env.message_rows()[-1]
        assert last.text == "Sent from the middle" and last.local_id
        assert everything[100] not in shown_ids(env)  # the found message's pages are gone
        await loaded
        ids = [i for i in shown_ids(env) if i]
        assert ids and ids == [i for i in server_ids(sandbox, chat_id) if i in set(ids)][-len(ids) :]
        assert_contiguous(ids, server_ids(sandbox, chat_id))
        assert ids[-1] in (everything[-1], server_ids(sandbox, chat_id)[-1])
        assert env.message_rows()[-1].text == "Sent from the middle"
        await wait_until(pane.view.is_at_bottom, what="the view at the newest message")


@pytest.mark.asyncio
async def test_a_gone_message_says_so_and_opens_the_newest(sandbox: SandboxServer, qtbot: QtBot) -> None:
    grow_long_chat(sandbox, extra=60)
    async with shown_pane(sandbox) as (env, pane):
        await open_at(env, pane, "not-a-message-any-more")
        assert pane.header.status_label.text() == MISSING_MESSAGE
        assert env.controller.at_newest and pane.view.follows_newest
        await wait_until(pane.view.is_at_bottom, what="the view at the newest message")

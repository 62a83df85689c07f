"""The window's queue against the sandbox: views and counts, Mark done (Ctrl+E) moving on, snoozing, muting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.clock import FakeClock
from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import make_settings, running_app, wait_for_chats
from unipile_desktop.app.session import Session
from unipile_desktop.core.queue import QueueController
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.main_window import MainWindow
from unipile_desktop.ui.queue_actions import EMPTY_VIEW_TEXT
from unipile_desktop.ui.snooze_dialog import SnoozeDialog, to_qdatetime

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@asynccontextmanager
async def queue_window(sandbox: SandboxServer, folder: Path) -> AsyncIterator[tuple[MainWindow, QueueController]]:
    """A window with a queue on a clock that stands still, built from a sandbox session's parts (the session's own
    window stays hidden)."""
    async with running_app(sandbox, folder, show=False) as app:
        queue = QueueController(app.store, clock=FakeClock())
        window = build_window(app, queue, folder)
        window.show()
        window.start()
        queue.start()
        try:
            yield window, queue
        finally:
            queue.close()
            window.hide()
            window.deleteLater()


def build_window(app: Session, queue: QueueController | None, folder: Path) -> MainWindow:
    return MainWindow(
        tasks=app.tasks,
        images=app.images,
        accounts=app.accounts,
        chats=app.chats,
        conversation=app.conversation,
        settings=make_settings(folder / "queue"),
        connection_label="Test server",
        queue=queue,
    )


def listed_ids(window: MainWindow) -> list[str]:
    proxy = window.chat_proxy
    return [str(proxy.index(row, 0).data(ChatRole.CHAT_ID)) for row in range(proxy.rowCount())]


def choose_view(window: MainWindow, view: QueueView) -> None:
    window.queue_bar.button(view).click()


async def waiting_chats(window: MainWindow, minimum: int) -> list[str]:
    await wait_for_chats(window, minimum=5)
    await wait_until(lambda: not window.chats.is_loading, what="the server's page")
    choose_view(window, QueueView.WAITING)
    await wait_until(lambda: window.chat_proxy.rowCount() >= minimum, what="waiting chats")
    # Every listed chat's last message is read, painted or not: then every Waiting row knows its wait.
    await wait_until(lambda: window.chats.pending_lookups == 0, timeout=20, what="every chat's last message")
    await wait_until(lambda: all(wait is not None for wait in waits(window)), what="the waiting times")
    return listed_ids(window)


def waits(window: MainWindow) -> list[float | None]:
    queue = window.queue
    assert queue is not None
    proxy = window.chat_proxy
    return [queue.waiting_seconds(proxy.index(row, 0).data(ChatRole.ENTRY)) for row in range(proxy.rowCount())]


@pytest.mark.asyncio
async def test_views_filter_the_list_and_the_bar_counts_what_the_filter_lets_through(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with queue_window(sandbox, tmp_path) as (window, queue):
        assert window.queue_bar.isVisible()
        assert window.chat_menu.title() == "&Chat"
        waiting = await waiting_chats(window, minimum=2)
        assert queue.view is QueueView.WAITING  # remembered in the profile's store
        known = [wait for wait in waits(window) if wait is not None]
        assert len(known) == len(waiting) and known == sorted(known, reverse=True)  # longest wait first
        await wait_until(lambda: window.queue_bar.count("waiting") == len(waiting), what="the waiting count")
        counts = window.queue_counts()
        assert counts["waiting"] == len(waiting)
        assert counts["all"] == window.chat_model.rowCount()
        assert window.queue_bar.button(QueueView.WAITING).text() == f"Waiting {len(waiting)}"
        title = str(window.chat_proxy.index(0, 0).data(ChatRole.TITLE))
        window.filter_edit.setText(title)
        await wait_until(lambda: window.queue_bar.count("all") < counts["all"], what="counts under the filter")
        assert window.queue_counts()["waiting"] >= 1
        window.filter_edit.clear()
        choose_view(window, QueueView.DONE)
        assert window.chat_proxy.rowCount() == 0
        await wait_until(lambda: window.chat_list_status.isVisible(), what="the empty view's line")
        assert window.chat_list_status.text() == EMPTY_VIEW_TEXT[QueueView.DONE]


@pytest.mark.asyncio
async def test_mark_done_with_ctrl_e_moves_to_the_next_waiting_chat_and_reopen_brings_it_back(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with queue_window(sandbox, tmp_path) as (window, queue):
        waiting = await waiting_chats(window, minimum=2)
        assert window.select_chat(waiting[0])
        await wait_until(
            lambda: window.conversation.chat is not None and window.conversation.chat.id == waiting[0],
            what="the first waiting chat to open",
        )
        assert window.mark_done_action.isEnabled() and window.mark_done_action.text() == "Mark &done"
        window.chat_view.setFocus()
        QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        await wait_until(lambda: waiting[0] not in listed_ids(window), what="the chat to leave Waiting")
        await wait_until(
            lambda: window.conversation.chat is not None and window.conversation.chat.id == waiting[1],
            what="the next waiting chat to open",
        )
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == waiting[1]
        assert window.queue_counts()["done"] == 1
        assert app_store_mark(queue, waiting[0]).done_through_ms is not None

        choose_view(window, QueueView.DONE)
        assert listed_ids(window) == [waiting[0]]
        assert window.select_chat(waiting[0])
        await wait_until(lambda: window.mark_done_action.text() == "Re&open", what="the action to offer Reopen")
        window.mark_done_action.trigger()
        assert listed_ids(window) == []
        choose_view(window, QueueView.WAITING)
        assert waiting[0] in listed_ids(window)


def app_store_mark(queue: QueueController, chat_id: str) -> object:
    return queue.mark(chat_id)


@pytest.mark.asyncio
async def test_snoozing_from_the_menu_and_the_dialog_and_muting(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with queue_window(sandbox, tmp_path) as (window, queue):
        waiting = await waiting_chats(window, minimum=2)
        assert window.select_chat(waiting[0])
        await wait_until(lambda: window.mark_done_action.isEnabled(), what="the Chat menu to apply")
        window.queue_actions.snooze_actions["hour"].trigger()
        assert waiting[0] not in listed_ids(window)
        mark = queue.mark(waiting[0])
        assert mark.snoozed_until == pytest.approx(queue.clock() + 3600)
        await wait_until(lambda: window.queue_bar.count("snoozed") == 1, what="the snoozed count")

        # The second one through the list's menu and the dialog.
        row = listed_ids(window).index(waiting[1])
        window.chat_view.snooze_requested.emit(window.chat_proxy.index(row, 0), "choose")
        dialog = window.findChild(SnoozeDialog)
        assert isinstance(dialog, SnoozeDialog) and dialog.isVisible()
        now = dialog.until() - timedelta(hours=3)
        dialog.edit.setDateTime(to_qdatetime(now + timedelta(days=1)))
        dialog.accept()
        assert waiting[1] not in listed_ids(window)
        assert queue.mark(waiting[1]).snoozed_until is not None
        choose_view(window, QueueView.SNOOZED)
        assert set(listed_ids(window)) == {waiting[0], waiting[1]}

        chat = window.conversation.chat
        assert chat is not None
        assert not window.queue_actions.mute_action.isChecked()
        window.queue_actions.mute_action.trigger()
        assert queue.is_muted(chat.id)
        assert window.queue_actions.mute_action.isChecked()


@pytest.mark.asyncio
async def test_the_window_works_without_a_queue(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path, show=False) as app:
        window = build_window(app, None, tmp_path)
        window.show()
        window.start()
        try:
            await wait_for_chats(window)
            assert not window.queue_bar.isVisible()
            assert not window.queue_actions.mark_done_button.isVisible()
            assert not window.mark_done_action.isEnabled()
            window.mark_done_action.trigger()  # nothing to do, nothing breaks
            assert window.chat_proxy.rowCount() == window.chat_model.rowCount()
            assert window.queue_counts()["all"] == window.chat_model.rowCount()
        finally:
            window.hide()
            window.deleteLater()

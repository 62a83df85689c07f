"""The window with the local store and live updates: cache start with the server down, new messages arriving
without moving the reader's place or the focus, chats moving up with their badge, drafts in the chat list."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.helpers.app_support import make_credentials, running, window_with_chats
from tests.helpers.conversation_support import wait_until
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.window_support import running_app, wait_for_chats, window_of
from unipile_desktop.app.session import Session
from unipile_desktop.core.message_list import RowKind
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import Baseline, MessageSend
from unipile_desktop.ui.chat_list import ChatDelegate, ChatRole
from unipile_desktop.ui.main_window import MainWindow

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]

KEY = "test-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def message_texts(window: MainWindow) -> list[str]:
    return [r.text for r in window.conversation.message_list.rows() if r.kind == RowKind.MESSAGE]


def proxy_row_of(window: MainWindow, chat_id: str) -> int | None:
    for row in range(window.chat_proxy.rowCount()):
        if window.chat_proxy.index(row, 0).data(ChatRole.CHAT_ID) == chat_id:
            return row
    return None


# ---------------------------------------------------------------------------------------------- cache start


@pytest.mark.asyncio
async def test_starting_with_the_server_stopped_shows_the_cached_chats_and_messages_at_once(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    server = SandboxServer(port=free_port(), api_key=KEY).start()
    chat_id = str(server.landmarks["chats"]["showcase"])
    credentials = make_credentials(tmp_path / "config")
    credentials.add_profile("Support", server.url, KEY)
    try:
        async with running(credentials=credentials) as (app, _run):
            window = await window_with_chats(app)
            await wait_until(lambda: window.accounts.loaded and not window.chats.is_loading, what="the first page")
            assert window.select_chat(chat_id)
            await wait_until(
                lambda: window.conversation.chat is not None and not window.conversation.is_loading, what="messages"
            )
            await wait_until(lambda: len(message_texts(window)) > 3, what="message rows")
            texts = message_texts(window)
            await wait_until(
                lambda: all(window.chat_proxy.index(r, 0).data(ChatRole.TITLE) != "…" for r in range(5)),
                what="names of the first rows",
            )
            titles = [window.chat_proxy.index(r, 0).data(ChatRole.TITLE) for r in range(5)]
            avatar = str(window.chat_proxy.index(0, 0).data(ChatRole.AVATAR_ID))
            avatar_key = window.images.avatar_key(avatar)
            await wait_until(lambda: window.images.is_cached(avatar_key), what="the first row's picture")
    finally:
        server.stop()

    # Started again with the server gone: everything comes from the store, in the same pass that shows the window.
    async with running(credentials=credentials) as (app, _run):
        await wait_until(lambda: app.session is not None and app.session.window.isVisible(), what="the window")
        assert app.session is not None
        window = window_of(app.session)
        assert window.chat_proxy.rowCount() > 0
        assert [window.chat_proxy.index(r, 0).data(ChatRole.TITLE) for r in range(5)] == titles
        assert window.account_picker.count() > 1  # the cached accounts
        assert window.conversation.chat is not None and window.conversation.chat.id == chat_id  # the last chat
        assert message_texts(window) == texts
        await wait_until(lambda: window.sync_indicator.is_offline, what="the offline indicator")
        window.images.avatar(avatar)  # what painting the row asks for
        await wait_until(lambda: window.images.is_cached(avatar_key), what="the picture from the store")
        assert window.sync_indicator.text().startswith("● Offline")
        assert "connect" in window.sync_indicator.toolTip().lower()
        await wait_until(lambda: not window.chats.is_loading and window.accounts.loaded is False, what="attempts")
        assert window.error_banner.isHidden()  # offline is a state, not an error
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog | QMessageBox) and w.isVisible()]
        assert dialogs == []


# ---------------------------------------------------------------------------------------------- live updates


async def started_live(app: Session) -> MainWindow:
    window = window_of(app)
    await wait_for_chats(window)
    assert app.live is not None
    app.live.start()
    await wait_until(lambda: app.live is not None and app.live.engine.polls >= 1, what="the first poll")
    return window


@pytest.mark.asyncio
async def test_a_new_message_keeps_the_readers_place_and_the_composer_focus(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = await started_live(app)
        assert app.live is not None
        chat_id = str(sandbox.landmarks["chats"]["long_history"])
        await wait_until(lambda: window.select_chat(chat_id), what="the long chat in the list")
        await wait_until(lambda: not window.conversation.is_loading, what="the conversation")
        view = window.conversation_pane.view
        composer = window.conversation_pane.composer
        window.activateWindow()
        composer.text_edit.setFocus()
        QTest.keyClicks(composer.text_edit, "typing a reply")
        await wait_until(lambda: view.verticalScrollBar().maximum() > 400, what="a scrollable thread")
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # reading older messages
        place = bar.value()
        focused = QApplication.focusWidget()
        assert focused is composer.text_edit

        sandbox.inject_inbound(chat_id, "A new message while you read")
        app.live.refresh_now()
        await wait_until(lambda: "A new message while you read" in message_texts(window), what="the live message")
        assert bar.value() == place  # not scrolled away from what was being read
        assert QApplication.focusWidget() is composer.text_edit and composer.text() == "typing a reply"

        bar.setValue(bar.maximum())  # at the end: new messages are followed
        sandbox.inject_inbound(chat_id, "And another one")
        app.live.refresh_now()
        await wait_until(lambda: "And another one" in message_texts(window), what="the second live message")
        await wait_until(lambda: bar.value() == bar.maximum(), what="following the end")
        assert message_texts(window).count("A new message while you read") == 1


@pytest.mark.asyncio
async def test_a_message_arriving_while_reading_older_ones_shows_a_new_messages_button(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = await started_live(app)
        assert app.live is not None
        chat_id = str(sandbox.landmarks["chats"]["long_history"])
        await wait_until(lambda: window.select_chat(chat_id), what="the long chat in the list")
        await wait_until(lambda: not window.conversation.is_loading, what="the conversation")
        view = window.conversation_pane.view
        button = view.new_messages_button
        await wait_until(lambda: view.verticalScrollBar().maximum() > 400, what="a scrollable thread")
        assert button.isHidden()
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # reading older messages

        sandbox.inject_inbound(chat_id, "Anything new about my order?")
        app.live.refresh_now()
        await wait_until(lambda: "Anything new about my order?" in message_texts(window), what="the live message")
        await wait_until(lambda: button.isVisible(), what="the New messages button")
        assert view.viewport().geometry().contains(button.geometry())  # over the thread, not clipped

        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: bar.value() == bar.maximum(), what="the end of the thread")
        assert button.isHidden()

        bar.setValue(bar.maximum())  # already at the end: the new message simply shows, no button
        sandbox.inject_inbound(chat_id, "Hello?")
        app.live.refresh_now()
        await wait_until(lambda: "Hello?" in message_texts(window), what="the second live message")
        await wait_until(lambda: bar.value() == bar.maximum(), what="following the end")
        assert button.isHidden()


@pytest.mark.asyncio
async def test_a_chat_with_new_activity_moves_to_the_top_with_its_badge_and_f5_polls_now(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = await started_live(app)
        assert app.live is not None
        await wait_until(lambda: not window.chats.is_loading, what="the first page")
        last_row = window.chat_proxy.rowCount() - 1
        quiet = str(window.chat_proxy.index(last_row, 0).data(ChatRole.CHAT_ID))
        unread_before = int(window.chat_proxy.index(last_row, 0).data(ChatRole.UNREAD))
        assert proxy_row_of(window, quiet) != 0
        sandbox.inject_inbound(quiet, "Are you there?")
        app.live.refresh_now()  # the next poll, without waiting its 3 s
        await wait_until(lambda: proxy_row_of(window, quiet) == 0, what="the chat at the top")
        top = window.chat_proxy.index(0, 0)
        assert top.data(ChatRole.PREVIEW) == "Are you there?"  # from the poll itself: no extra request
        assert int(top.data(ChatRole.UNREAD)) == unread_before + 1

        polls = app.live.engine.polls
        app.live.set_active(False)  # in the background the next poll would be 20 s away …
        window.refresh_action.trigger()  # … but F5 polls now
        await wait_until(lambda: app.live is not None and app.live.engine.polls > polls, what="a poll", timeout=5)
        assert window.refresh_action.shortcut().toString() == "F5"


@pytest.mark.asyncio
async def test_the_chat_list_shows_a_draft_and_the_composer_gets_it_back(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window, minimum=2)
        first = str(window.chat_proxy.index(0, 0).data(ChatRole.CHAT_ID))
        second = str(window.chat_proxy.index(1, 0).data(ChatRole.CHAT_ID))
        window.select_chat(first)
        composer = window.conversation_pane.composer
        await wait_until(lambda: not composer.text_edit.isReadOnly(), what="the composer")
        QTest.keyClicks(composer.text_edit, "Thanks, I will check")
        window.select_chat(second)
        await wait_until(lambda: window.conversation.chat is not None and window.conversation.chat.id == second)
        row = proxy_row_of(window, first)
        assert row is not None
        index = window.chat_proxy.index(row, 0)
        assert index.data(ChatRole.DRAFT) == "Thanks, I will check"
        assert ChatDelegate.preview_for(index.data(ChatRole.ENTRY)) == "Draft: Thanks, I will check"
        assert composer.text() == ""
        window.select_chat(first)
        await wait_until(lambda: composer.text() == "Thanks, I will check", what="the draft back")
        # Sent: the draft stays until the server confirms, then it is gone from the list.
        store = app.store
        assert store is not None
        QTest.keyClick(composer.text_edit, Qt.Key.Key_Return)
        assert composer.text() == ""
        assert store.drafts.get(f"chat:{first}") is not None  # still stored: the send is not confirmed yet
        assert window.chats.entry(first) is not None and window.chats.entry(first).draft is None  # type: ignore[union-attr]
        await wait_until(lambda: store.drafts.get(f"chat:{first}") is None, what="the draft cleared once sent")


@pytest.mark.asyncio
async def test_a_message_sent_offline_waits_and_goes_out_once_the_server_is_back(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    server = SandboxServer(port=free_port(), api_key=KEY).start()
    chat_id = str(server.landmarks["chats"]["showcase"])
    credentials = make_credentials(tmp_path / "config")
    credentials.add_profile("Support", server.url, KEY)
    try:
        async with running(credentials=credentials) as (app, _run):
            window = await window_with_chats(app)
            assert window.select_chat(chat_id)
            composer = window.conversation_pane.composer
            await wait_until(lambda: not composer.text_edit.isReadOnly(), what="the composer")
            server.stop()
            QTest.keyClicks(composer.text_edit, "Sent while offline")
            QTest.keyClick(composer.text_edit, Qt.Key.Key_Return)
            await wait_until(lambda: window.sync_indicator.is_offline, what="offline", timeout=8)
            rows = [r for r in window.conversation.message_list.rows() if r.text == "Sent while offline"]
            assert len(rows) == 1 and str(rows[0].state) in ("queued", "pending")  # waiting, not failed
            server.start()  # same port, same data
            window.refresh_action.trigger()  # F5: the sync sees the server, and the outbox is woken at once
            await wait_until(lambda: not window.sync_indicator.is_offline, what="online again", timeout=8)
            assert app.session is not None
            outbox = app.session.outbox
            assert outbox is not None
            await wait_until(lambda: not outbox.busy, what="the outbox drained", timeout=8)
            assert server.message_counts(chat_id)["by_text"]["Sent while offline"] == 1
    finally:
        server.stop()


@pytest.mark.asyncio
async def test_a_profile_open_in_another_window_is_refused_with_a_sentence(
    tmp_path: Path, memory_keyring: MemoryKeyring, sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from unipile_desktop.app.connection import Options
    from unipile_desktop.store import Store

    credentials = make_credentials(tmp_path / "config")
    credentials.add_profile("Support", sandbox.url, KEY)
    with Store.open(credentials.database_path("Support")):  # the other copy of the app holds the profile
        async with running(Options(smoke_test=True), credentials=credentials) as (_app, run):
            code = await run
    assert code == 1
    report = capsys.readouterr().out.strip().splitlines()[-1]
    assert '"ok": false' in report and "already open in another Unipile Desktop window" in report


@pytest.mark.asyncio
async def test_a_late_extra_copy_seen_by_the_sync_marks_both_bubbles_sent_twice(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = await started_live(app)
        assert app.live is not None and app.client is not None and app.store is not None
        chat_id = str(sandbox.landmarks["chats"]["showcase"])
        assert window.select_chat(chat_id)
        text = "Your parcel left today"
        # A send that went through doubt and was settled: its baseline, then its one copy found on the server.
        before = (await app.client.list_messages(chat_id, limit=20)).items
        stamps = [m.timestamp.timestamp() for m in before if m.timestamp is not None]
        found = await app.client.send_message(chat_id, text=text)
        now = time.time()
        entry = app.store.outbox.add(MessageSend(chat_id, text))
        app.store.outbox.save(
            entry.with_changes(
                state="sent",
                attempts=2,
                first_attempt_at=now,
                last_attempt_at=now,
                settle_until=now,
                message_id=found.message_id,
                baseline=Baseline(tuple(m.id for m in before), min(stamps)),
            )
        )
        app.live.refresh_now()
        await wait_until(lambda: text in message_texts(window), what="the first copy")
        assert not any(r.sent_twice for r in window.conversation.message_list.rows())
        await app.client.send_message(chat_id, text=text)  # the server stores the lost attempt after all
        app.live.refresh_now()
        await wait_until(lambda: message_texts(window).count(text) == 2, what="the late copy")
        await wait_until(
            lambda: [r.sent_twice for r in window.conversation.message_list.rows() if r.text == text] == [True, True],
            what="both copies marked",
        )
        assert sandbox.message_counts(chat_id)["by_text"][text] == 2

"""ConversationPane against the sandbox, driven through its widgets: painting, sending, failures, paging, copying."""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Iterator
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPoint, QPointF, QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QHelpEvent, QImage, QTextLayout, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QToolTip
from pytestqt.qtbot import QtBot
from time_machine import TimeMachineFixture

from tests.helpers.conversation_support import API_KEY, Env, wait_signal, wait_tasks_settled, wait_until
from tests.helpers.pane_support import shown_pane
from unipile_desktop.core.message_list import MessageListModel, MessageRow, RowKind, SendState, local_day
from unipile_desktop.core.message_rows import day_label
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.images import photo_png
from unipile_desktop.ui.conversation import pane as pane_module
from unipile_desktop.ui.conversation import view as view_module
from unipile_desktop.ui.conversation.bubble_layout import Hit
from unipile_desktop.ui.conversation.bubble_style import BUBBLE_PAD_X, MAX_BUBBLE_WIDTH, THUMB_MAX_H, THUMB_MAX_W
from unipile_desktop.ui.conversation.pane import ConversationPane
from unipile_desktop.ui.conversation.view import MessageView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

XSS = "<img src=x onerror=alert(1)><b>hi</b>"
MB = 1024 * 1024


def pane_env(
    sandbox: SandboxServer, qtbot: QtBot, **options: Any
) -> AbstractAsyncContextManager[tuple[Env, ConversationPane]]:
    return shown_pane(sandbox, **options)


def view_of(pane: ConversationPane) -> MessageView:
    return pane.view


def index_of(env: Env, key: str) -> QModelIndex:
    row = env.model.find(key)
    assert row >= 0, f"no row {key}"
    return env.model.index(row)


def click_at(qtbot: QtBot, view: MessageView, point: QPoint) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def painted_point(view: MessageView, index: QModelIndex, local: QPointF) -> QPoint:
    view.scrollTo(index)
    rect = view.visualRect(index)
    return rect.topLeft() + local.toPoint()


def button_point(view: MessageView, index: QModelIndex, kind: str) -> QPoint:
    layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
    assert layout is not None
    (rect,) = [r for r, k, _ in layout.buttons if k == kind]
    return painted_point(view, index, rect.center())


# ------------------------------------------------------------------------------------------------ plain text


@pytest.mark.asyncio
async def test_html_like_text_is_shown_as_those_characters(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["html_like_text"]
        (row,) = [r for r in env.message_rows() if r.message_id == message_id]
        index = index_of(env, row.key)
        assert index.data(Qt.ItemDataRole.DisplayRole) == XSS
        view = view_of(pane)
        assert view.bubble_delegate.text_layout_text(index) == XSS
        layout = view.bubble_delegate.layout_for(index)
        assert layout is not None and layout.text is not None
        assert isinstance(layout.text.layout, QTextLayout)  # plain text layout: markup is never interpreted
        assert layout.text.layout.lineCount() == 1  # <b> did not become formatting or a line break
        assert pane.grab().width() > 0  # paints without errors
        for label in pane.findChildren(QLabel):
            if label.objectName() in {"conversation_name", "conversation_participants", "conversation_empty"}:
                assert label.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.asyncio
async def test_header_shows_name_provider_participants_and_inmail(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("group")
        header = pane.header
        assert header.name_label.full_text() == chat.name
        assert header.provider_badge.text() == "WhatsApp"
        assert all(name in header.participants_label.full_text() for name in env.controller.participant_names()[:3])
        assert header.inmail_badge.isHidden()
        await env.open("inmail_inbound")
        assert not header.inmail_badge.isHidden()
        assert header.provider_badge.text() == "LinkedIn"


# ------------------------------------------------------------------------------------------------ composer


@pytest.mark.asyncio
async def test_enter_sends_and_shift_enter_adds_a_line(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        composer = pane.composer
        sent: list[tuple[str, list[Path]]] = []
        composer.send_requested.connect(lambda text, files: sent.append((text, files)))
        assert not composer.send_button.isEnabled()
        qtbot.keyClicks(composer.text_edit, "   ")
        assert not composer.send_button.isEnabled()  # whitespace is nothing to send
        qtbot.keyClick(composer.text_edit, Qt.Key.Key_Return)
        assert sent == []
        composer.text_edit.clear()
        qtbot.keyClicks(composer.text_edit, "first line")
        qtbot.keyClick(composer.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(composer.text_edit, "second line")
        assert sent == []
        assert composer.text() == "first line\nsecond line"
        assert composer.send_button.isEnabled()
        qtbot.keyClick(composer.text_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        assert [text for text, _ in sent] == ["first line\nsecond line"]


@pytest.mark.asyncio
async def test_clicking_send_shows_pending_then_sent_and_clears_the_composer(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("showcase")
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        qtbot.keyClicks(pane.composer.text_edit, "Your parcel left today")
        qtbot.mouseClick(pane.composer.send_button, Qt.MouseButton.LeftButton)
        assert pane.composer.text() == ""
        assert not pane.composer.send_button.isEnabled()
        (pending,) = [r for r in env.message_rows() if r.text == "Your parcel left today"]
        assert pending.state in (SendState.QUEUED, SendState.PENDING) and pending.outgoing
        assert view_of(pane).is_at_bottom()
        local_id, _ = await confirmed
        await wait_until(lambda: env.model.row_at(env.model.find(local_id)).state == SendState.SENT)  # type: ignore[union-attr]
        assert sandbox.message_counts(chat.id)["by_text"]["Your parcel left today"] == 1


@pytest.mark.asyncio
async def test_a_refusal_shows_the_reason_and_retry_on_the_bubble_sends_one_copy(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("showcase")
        # A 503 is retried by the outbox without asking; a 403 needs the agent, so it shows Retry.
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=403, times=1)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        qtbot.keyClicks(pane.composer.text_edit, "Second try")
        qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)
        local_id, sentence = await failed
        index = index_of(env, local_id)
        row: MessageRow = index.data(MessageListModel.RowRole)
        assert row.state == SendState.FAILED and row.error == sentence and sentence
        view = view_of(pane)
        assert pane.grab().width() > 0
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        click_at(qtbot, view, button_point(view, index, "retry"))
        await confirmed
        await wait_until(lambda: not env.outbox.busy and not sandbox.in_flight(), what="every request answered")
        assert sandbox.message_counts(chat.id)["by_text"]["Second try"] == 1


@pytest.mark.asyncio
async def test_a_422_failure_and_edit_put_text_and_files_back(
    sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path
) -> None:
    attachment = tmp_path / "order.pdf"
    attachment.write_bytes(b"%PDF-1.4 order")
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=422, times=1)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        composer = pane.composer
        composer.add_files([attachment])
        qtbot.keyClicks(composer.text_edit, "Here is the order")
        qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
        assert composer.text() == "" and composer.files == []
        local_id, _ = await failed
        qtbot.keyClicks(composer.text_edit, "typed meanwhile")
        view = view_of(pane)
        click_at(qtbot, view, button_point(view, index_of(env, local_id), "edit"))
        assert env.model.find(local_id) == -1
        assert composer.text() == "Here is the order\ntyped meanwhile"  # nothing typed is lost
        assert composer.files == [attachment]
        assert [chip.label.text() for chip in composer.chips()] == ["order.pdf · 14 B"]


@pytest.mark.asyncio
async def test_discard_button_removes_the_failed_bubble(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=400, times=1)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        qtbot.keyClicks(pane.composer.text_edit, "bin me")
        qtbot.keyClick(pane.composer.text_edit, Qt.Key.Key_Return)
        local_id, _ = await failed
        view = view_of(pane)
        click_at(qtbot, view, button_point(view, index_of(env, local_id), "discard"))
        assert env.model.find(local_id) == -1


@pytest.mark.asyncio
async def test_oversized_files_are_refused_with_a_sentence_and_no_request(
    sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path
) -> None:
    big = tmp_path / "report.pdf"
    with big.open("wb") as f:
        f.truncate(int(18.2 * MB))
    async with pane_env(sandbox, qtbot) as (env, pane):
        chat = await env.open("showcase")
        composer = pane.composer
        assert composer.add_files([big]) == []
        assert composer.notice.text() == "“report.pdf” is 18.2 MB; the limit is 15 MB."
        assert composer.chips() == []
        assert not composer.send_button.isEnabled()
        assert env.outbox.entries() == []  # nothing stored, so nothing can go out later
        assert env.requests("POST", f"/chats/{chat.id}/messages") == []


@pytest.mark.asyncio
async def test_read_only_chats_cannot_be_written_to(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("left_group")
        composer = pane.composer
        assert composer.text_edit.isReadOnly()
        assert not composer.send_button.isEnabled()
        assert not composer.attach_button.isEnabled()
        assert composer.notice.text() == "This conversation is read-only."
        assert not composer.notice.isHidden()
        assert "read-only" not in composer.text_edit.placeholderText()  # said once, in the notice
        assert not pane.header.read_only_badge.isHidden()


@pytest.mark.asyncio
async def test_paste_and_drop_turn_images_and_files_into_chips(
    sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = tmp_path / "invoice.txt"
    doc.write_text("invoice")
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        composer = pane.composer
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(QColor("#3366cc"))
        mime = QMimeData()
        mime.setImageData(image)
        assert composer.text_edit.canInsertFromMimeData(mime)
        composer.text_edit.insertFromMimeData(mime)
        (pasted,) = composer.files
        assert pasted.suffix == ".png" and QImage(str(pasted)).size() == image.size()
        if os.name == "posix":  # a pasted screenshot is private from the start, not only after the next open
            assert stat.S_IMODE(pasted.stat().st_mode) == 0o600
            assert stat.S_IMODE(pasted.parent.stat().st_mode) == 0o700
        urls = QMimeData()
        urls.setUrls([QUrl.fromLocalFile(str(doc))])
        composer.text_edit.insertFromMimeData(urls)
        assert composer.files == [pasted, doc]
        assert composer.text() == ""
        rich = QMimeData()
        rich.setHtml("<b>bold</b>")
        rich.setText("bold")
        composer.text_edit.insertFromMimeData(rich)
        assert composer.text() == "bold"  # only plain text is ever pasted
        chip = composer.chips()[0]
        qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
        assert composer.files == [doc]


@pytest.mark.asyncio
async def test_drafts_stay_with_their_chat(sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("a")
    async with pane_env(sandbox, qtbot) as (env, pane):
        first = await env.open("showcase")
        qtbot.keyClicks(pane.composer.text_edit, "half-written answer")
        pane.composer.add_files([doc])
        await env.open("group")
        assert pane.composer.text() == "" and pane.composer.files == []
        assert pane.draft_for(first.id) == ("half-written answer", [doc])
        await env.open("showcase")
        assert pane.composer.text() == "half-written answer"
        assert pane.composer.files == [doc]


# ------------------------------------------------------------------------------------------------ view


# The "long_history" chat holds 160 messages, one every 20 s to 10 min, the newest about an hour old; with pages of
# 30 the first page reaches back about 3.5 hours and the second about 6 hours. Seeded at these local times of day (in
# whatever time zone the suite runs under, on a date without daylight-saving changes), its second page is from the
# same day as the first, or wholly from the day before (midnight falls between the two pages).
SAME_DAY = (18, 0)
DAY_BEFORE = (3, 30)


def local_clock(hour: int, minute: int) -> datetime:
    return datetime(2026, 6, 10, hour, minute).astimezone()


@pytest.fixture
def clocked_sandbox(request: pytest.FixtureRequest, time_machine: TimeMachineFixture) -> Iterator[SandboxServer]:
    """A sandbox seeded at a fixed local time of day (``request.param``: hour, minute); the clock stands still."""
    time_machine.move_to(local_clock(*request.param), tick=False)
    with SandboxServer(api_key=API_KEY, seed=1, simulate_replies=False) as server:
        yield server


def first_visible_message(view: MessageView) -> QModelIndex:
    """The topmost message row on screen: what the person is reading (a day separator is not a message)."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(MessageListModel.KindRole) == RowKind.MESSAGE and view.visualRect(index).bottom() > 0:
            return index
    raise AssertionError("no message on screen")


async def qt_turn() -> None:
    """Returns once the zero-delay Qt calls queued before it (QTimer.singleShot(0, ...)) have run."""
    turned: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def turn() -> None:
        if not turned.done():
            turned.set_result(None)

    QTimer.singleShot(0, turn)
    await turned


def older_page_requests(env: Env, chat_id: str) -> list[dict[str, Any]]:
    return [e for e in env.requests("GET", f"/chats/{chat_id}/messages") if e.get("query", {}).get("cursor")]


async def scroll_to_the_top_and_land_one_page(env: Env, view: MessageView) -> tuple[str, int]:
    """Scroll to the top as a person would; returns the key and y of the message read then, once the page is in and
    anything its landing would have asked for has been asked."""
    older = asyncio.ensure_future(wait_signal(env.controller.older_loaded))
    await asyncio.sleep(0)
    view.verticalScrollBar().setValue(0)  # the person scrolls to the top
    assert env.controller.is_loading_older
    reading = first_visible_message(view)
    key, top = reading.data(MessageListModel.KeyRole), view.visualRect(reading).top()
    await older
    await qt_turn()  # a landing that chains another page has started it by now
    await wait_until(lambda: not env.controller.is_loading_older, what="no older page in flight")
    return key, top


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("clocked_sandbox", "days_back"),
    [(SAME_DAY, 0), (DAY_BEFORE, 1)],
    ids=["same_day", "day_before"],
    indirect=["clocked_sandbox"],
)
async def test_opens_at_the_newest_message_and_paging_keeps_the_view_still(
    clocked_sandbox: SandboxServer, qtbot: QtBot, days_back: int
) -> None:
    async with pane_env(clocked_sandbox, qtbot, page_size=30) as (env, pane):
        chat = await env.open("long_history")
        view = view_of(pane)
        await wait_until(lambda: view.verticalScrollBar().maximum() > 0, what="a scrollable list")
        assert view.is_at_bottom()
        last = env.model.index(env.model.rowCount() - 1)
        assert view.visualRect(last).bottom() <= view.viewport().height() + 1
        (first_day,) = {local_day(r.timestamp) for r in env.message_rows() if r.timestamp}

        key, top = await scroll_to_the_top_and_land_one_page(env, view)

        older_page = env.message_rows()[:30]
        assert {local_day(r.timestamp) for r in older_page if r.timestamp} == {first_day - timedelta(days=days_back)}
        assert [r.kind for r in env.model.rows()].count(RowKind.DAY) == 1 + days_back
        moved = index_of(env, key)
        assert moved.row() >= 30  # the page went in above it
        assert abs(view.visualRect(moved).top() - top) <= 1  # no jump
        assert view.verticalScrollBar().value() > 0
        assert len(older_page_requests(env, chat.id)) == 1
        assert env.controller.can_load_older  # there is more: a second page could have been asked for


@pytest.mark.asyncio
@pytest.mark.parametrize("clocked_sandbox", [SAME_DAY], indirect=True)
async def test_a_busy_day_pages_back_one_page_per_scroll_and_the_message_being_read_stays_put(
    clocked_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    # Sixty messages today: the newest page and the one before it are from the same day, under one day separator.
    chat_id = clocked_sandbox.landmarks["chats"]["long_history"]
    for n in range(60):
        clocked_sandbox.inject_inbound(chat_id, f"Update {n}: " + "the parcel is on its way " * (n % 5))
    async with pane_env(clocked_sandbox, qtbot, page_size=30) as (env, pane):
        await env.open("long_history")
        view = view_of(pane)
        await wait_until(lambda: view.verticalScrollBar().maximum() > 0, what="a scrollable list")
        assert env.message_rows()[0].text.startswith("Update 30:")

        key, top = await scroll_to_the_top_and_land_one_page(env, view)

        now_top = view.visualRect(index_of(env, key)).top()
        pages = len(older_page_requests(env, chat_id))
        assert (abs(now_top - top) <= 2, pages) == (True, 1), f"read at y={top}, now at y={now_top}; {pages} pages"
        assert env.message_rows()[0].text.startswith("Update 0:")  # the page of the same day is in
        assert [r.kind for r in env.model.rows()].count(RowKind.DAY) == 1
        assert env.controller.can_load_older  # there is more: a second page could have been asked for


@pytest.mark.asyncio
@pytest.mark.parametrize("clocked_sandbox", [SAME_DAY], indirect=True)
async def test_a_page_that_lands_within_the_top_margin_does_not_ask_for_the_next(
    clocked_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    # Pages of one message: the page that lands is shorter than the margin that asks for more, so putting the
    # message being read back in place leaves the scroll bar near the top. That move is the view's, not the person's.
    async with pane_env(clocked_sandbox, qtbot, page_size=1) as (env, pane):
        chat = await env.open("long_history")
        view = view_of(pane)
        await wait_until(
            lambda: view.verticalScrollBar().maximum() > 0 and not env.controller.is_loading_older,
            what="pages of one message filling the view",
        )
        await qt_turn()
        while view.verticalScrollBar().maximum() <= 2 * view_module.TOP_THRESHOLD_PX:  # well past the top margin
            older = asyncio.ensure_future(wait_signal(env.controller.older_loaded))
            await asyncio.sleep(0)
            env.controller.load_older()
            await older
        await qt_turn()
        assert not env.controller.is_loading_older
        pages_before = len(older_page_requests(env, chat.id))
        asked: list[None] = []
        view.top_reached.connect(lambda: asked.append(None))

        key, top = await scroll_to_the_top_and_land_one_page(env, view)

        assert 0 < view.verticalScrollBar().value() <= view_module.TOP_THRESHOLD_PX  # could have asked again
        assert len(asked) == 1  # the scroll asked; the landing did not
        assert abs(view.visualRect(index_of(env, key)).top() - top) <= 1
        assert len(older_page_requests(env, chat.id)) == pages_before + 1
        assert env.controller.can_load_older


def test_wheeling_up_at_the_very_top_asks_for_older_messages(qtbot: QtBot) -> None:
    from unipile_desktop.core.images import ImageCache
    from unipile_desktop.core.tasks import TaskRunner

    class NoClient:
        pass

    view = MessageView(ImageCache(NoClient(), TaskRunner()))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    model = MessageListModel()
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    model.set_rows([MessageRow(key=f"m{n}", kind=RowKind.MESSAGE, text=f"message {n}") for n in range(40)])
    asked: list[None] = []
    view.top_reached.connect(lambda: asked.append(None))
    view.verticalScrollBar().setValue(0)
    assert len(asked) == 1  # scrolling into the top margin asks
    position = QPointF(view.viewport().rect().center())

    def wheel(dy: int) -> None:
        event = QWheelEvent(
            position,
            view.viewport().mapToGlobal(position),
            QPoint(0, 0),
            QPoint(0, dy),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)

    wheel(120)  # up, already at the top: the scroll bar cannot move
    assert view.verticalScrollBar().value() == 0
    assert len(asked) == 2
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    wheel(-120)  # down, far from the top: nothing to ask
    assert len(asked) == 2


@pytest.mark.asyncio
async def test_ctrl_c_and_context_menu_copy_message_text(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["html_like_text"]
        (row,) = [r for r in env.message_rows() if r.message_id == message_id]
        view = view_of(pane)
        index = index_of(env, row.key)
        view.setFocus()
        view.selectionModel().select(index, view.selectionModel().SelectionFlag.ClearAndSelect)
        QGuiApplication.clipboard().clear()
        qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text() == XSS

        menu = view.build_context_menu(view.visualRect(index).center())
        assert menu is not None
        labels = [a.text() for a in menu.actions() if a.text()]
        assert "Copy text" in labels and "Select text…" in labels
        QGuiApplication.clipboard().clear()
        next(a for a in menu.actions() if a.text() == "Copy text").trigger()
        assert QGuiApplication.clipboard().text() == XSS
        menu.close()

        popup = view.show_text_popup(index)
        assert popup is not None and not popup.isModal()
        editor = popup.findChild(type(pane.composer.text_edit).__mro__[1])
        assert editor is not None and editor.toPlainText() == XSS and editor.isReadOnly()
        popup.close()

        second = index_of(env, env.message_rows()[0].key)
        view.selectionModel().select(second, view.selectionModel().SelectionFlag.Select)
        text = view.copy_selection()
        assert text.count("\n") == 1 and text.endswith(XSS)


@pytest.mark.asyncio
async def test_clicking_a_painted_link_goes_through_the_link_handler(
    sandbox: SandboxServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open_link(url: str, parent: object = None) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(pane_module, "open_link", fake_open_link)
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        (row,) = [r for r in env.message_rows() if "https://example.com/track" in r.text]
        view = view_of(pane)
        index = index_of(env, row.key)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None and layout.text is not None
        start, end, url = layout.text.links[0]
        line = layout.text.layout.lineForTextPosition(start + 3)
        x = float(line.cursorToX(start + 3)[0]) + layout.text.origin.x()  # type: ignore[index]
        y = line.y() + line.height() / 2 + layout.text.origin.y()
        point = painted_point(view, index, QPointF(x, y))
        assert view.hit_at(point)[1] == Hit("link", url=url)
        click_at(qtbot, view, point)
        assert opened == ["https://example.com/track?id=42&lang=de"]
        plain = painted_point(view, index, QPointF(layout.text.origin.x() + 2, y))
        click_at(qtbot, view, plain)  # "Also: is" is not a link
        assert len(opened) == 1


@pytest.mark.asyncio
async def test_files_offer_save_as_and_open(
    sandbox: SandboxServer, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def fake_open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open_url))
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["file"]
        (row,) = [r for r in env.message_rows() if r.message_id == message_id]
        view = view_of(pane)
        index = index_of(env, row.key)
        menu = view.build_context_menu(view.visualRect(index).center())
        assert menu is not None
        assert {"Save as…", "Open"} <= {a.text() for a in menu.actions()}
        menu.close()

        dialog = pane.ask_where_to_save(row.attachments[0])
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        saved = asyncio.ensure_future(wait_signal(env.controller.attachment_saved))
        await asyncio.sleep(0)
        target = tmp_path / "copy.pdf"
        dialog.fileSelected.emit(str(target))
        dialog.close()
        await saved
        assert target.read_bytes() == await env.client.get_attachment(message_id, row.attachments[0].id)

        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None
        (open_rect,) = [r for r, kind, _ in layout.file_links if kind == "open"]
        ready = asyncio.ensure_future(wait_signal(env.controller.attachment_ready))
        await asyncio.sleep(0)
        click_at(qtbot, view, painted_point(view, index, open_rect.center()))
        (path,) = await ready
        assert [u.toLocalFile() for u in opened] == [path]


@pytest.mark.asyncio
@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")  # the tooltip window, offscreen
async def test_tooltips_show_network_names_and_links_as_plain_text(sandbox: SandboxServer, qtbot: QtBot) -> None:
    name = "<b>Invoice</b><img src='file:///etc/hosts'>.pdf"
    message = sandbox.state.inject_inbound(
        sandbox.landmarks["chats"]["showcase"], None, attachments=[(name, "application/pdf", b"%PDF-1.4 tiny")]
    )
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        (row,) = [r for r in env.message_rows() if r.message_id == message.id]
        view = view_of(pane)
        index = index_of(env, row.key)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None and layout.file_links
        point = painted_point(view, index, layout.file_links[0][0].center())
        hit = view.hit_at(point)[1]
        assert hit is not None and hit.attachment is not None and hit.attachment.name == name
        viewport = view.viewport()
        QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
        shown = QToolTip.text()
        QToolTip.hideText()
        assert "&lt;b&gt;Invoice&lt;/b&gt;&lt;img" in shown
        assert "<b>" not in shown and "<img" not in shown


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["invoice.exe ", "invoice.exe.", "run.ps1 ", "invoice\u202efdp.exe", "page.html"])
async def test_a_file_that_could_be_a_program_is_save_as_only(
    sandbox: SandboxServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    message = sandbox.state.inject_inbound(
        sandbox.landmarks["chats"]["showcase"], None, attachments=[(name, "application/pdf", b"MZ not a pdf")]
    )
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        (row,) = [r for r in env.message_rows() if r.message_id == message.id]
        (attachment,) = row.attachments
        assert "\u202e" not in attachment.name  # the bubble shows what would be written, not a disguise
        view = view_of(pane)
        index = index_of(env, row.key)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None
        assert [kind for _, kind, _ in layout.file_links] == ["save"]
        menu = view.build_context_menu(view.visualRect(index).center())
        assert menu is not None
        assert "Save as…" in {a.text() for a in menu.actions()} and "Open" not in {a.text() for a in menu.actions()}
        menu.close()
        pane.open_attachment(attachment)  # e.g. a click on the thumbnail area
        await wait_tasks_settled(env.tasks)  # a download, had one started, would have finished here
        assert opened == []
        assert env.requests("GET", f"/attachments/{attachment.id}") == []


@pytest.mark.asyncio
async def test_images_are_lazy_thumbnails_with_the_right_shape(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["image_only"]
        (row,) = [r for r in env.message_rows() if r.message_id == message_id]
        (attachment,) = row.attachments
        assert attachment.is_image and attachment.width and attachment.height
        view = view_of(pane)
        index = index_of(env, row.key)
        view.scrollTo(index)
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None
        ((rect, _),) = layout.attachments
        assert abs(rect.width() / rect.height() - attachment.width / attachment.height) < 0.02
        pane.grab()  # painting asks the cache, which fetches in the background
        key = env.images.attachment_key(message_id, attachment.id)
        await wait_until(lambda: env.images.attachment_image(message_id, attachment.id) is not None, what=key)
        assert pane.grab().width() > 0
        hit = view.hit_at(painted_point(view, index, rect.center()))[1]
        assert hit is not None and hit.kind == "image"


def attachment_rect(pane: ConversationPane, env: Env, message_id: str) -> QRectF:
    (row,) = [r for r in env.message_rows() if r.message_id == message_id]
    view = view_of(pane)
    index = index_of(env, row.key)
    view.scrollTo(index)
    layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
    assert layout is not None
    ((rect, _),) = layout.attachments
    return rect


@pytest.mark.asyncio
async def test_small_pictures_keep_their_size_and_large_ones_shrink(sandbox: SandboxServer, qtbot: QtBot) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    small = sandbox.state.inject_inbound(chat_id, None, None, [("icon.png", "image/png", photo_png(2, 96, 64))])
    tiny = sandbox.state.inject_inbound(chat_id, None, None, [("logo.png", "image/png", photo_png(4, 40, 30))])
    large = sandbox.state.inject_inbound(chat_id, None, None, [("photo.png", "image/png", photo_png(3, 1600, 1200))])
    # Its first download fails, so the small picture is a placeholder box until it is asked for again.
    sandbox.add_fault(f"/attachments/{small.attachments[0].id}", method="GET", status=500, times=None)
    async with pane_env(sandbox, qtbot) as (env, pane):
        pane.resize(1500, 800)  # room enough that only the picture's own size can limit the thumbnail
        await env.open("showcase")
        small_attachment, large_attachment = small.attachments[0], large.attachments[0]
        pane.grab()  # painting fetches both pictures
        await wait_until(lambda: env.images.attachment_failed(small.id, small_attachment.id), what="small fails")
        await wait_until(lambda: env.images.attachment_image(large.id, large_attachment.id) is not None)
        placeholder = attachment_rect(pane, env, small.id)
        assert (placeholder.width(), placeholder.height()) == (96, 64)  # not stretched to the thumbnail width
        large_box = attachment_rect(pane, env, large.id)
        assert large_box.width() <= THUMB_MAX_W and large_box.height() <= THUMB_MAX_H
        assert abs(large_box.width() / large_box.height() - 1600 / 1200) < 0.02
        assert large_box.width() == THUMB_MAX_W or large_box.height() == THUMB_MAX_H  # scaled down to fit
        await wait_until(lambda: env.images.attachment_image(tiny.id, tiny.attachments[0].id) is not None)
        pane.grab()
        loaded = attachment_rect(pane, env, tiny.id)
        assert (loaded.width(), loaded.height()) == (40, 30)  # drawn at its own size once in, too


@pytest.mark.asyncio
async def test_wide_windows_keep_a_readable_thread_column(sandbox: SandboxServer, qtbot: QtBot) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    arabic = "مرحبا، لدي مشكلة في الطلب رقم 4512. الطرد لم يصل بعد وقد مر أسبوعان على الشحن. " * 3
    english = "The parcel has not arrived yet and it has been two weeks since it was shipped. " * 4
    rtl_message = sandbox.state.inject_inbound(chat_id, arabic.strip())
    ltr_message = sandbox.state.inject_inbound(chat_id, english.strip())
    async with pane_env(sandbox, qtbot) as (env, pane):
        pane.resize(1500, 800)
        await env.open("showcase")
        view = view_of(pane)
        width = view.viewport().width()
        assert width >= 1400

        def layout_of(row: MessageRow) -> Any:
            layout = view.bubble_delegate.layout_for(index_of(env, row.key), width)
            assert layout is not None
            return layout

        rows = env.message_rows()
        incoming = [layout_of(r) for r in rows if not r.outgoing]
        outgoing = [layout_of(r) for r in rows if r.outgoing]
        assert incoming and outgoing
        left = min(layout.bubble.left() for layout in incoming)
        right = max(layout.bubble.right() for layout in outgoing)
        assert right - left <= 1000  # not from one edge of the window to the other
        assert abs(left - (width - right)) <= 2  # the column is centred
        for row in rows:
            assert layout_of(row).bubble.width() <= MAX_BUBBLE_WIDTH  # lines stay short enough to read
        (ltr_row,) = [r for r in rows if r.message_id == ltr_message.id]
        ltr = layout_of(ltr_row)
        assert ltr.text.layout.lineCount() >= 3 and ltr.bubble.left() == left  # long text wraps, starts at the left
        (rtl_row,) = [r for r in rows if r.message_id == rtl_message.id]
        rtl = layout_of(rtl_row)
        assert rtl.text.rtl and rtl.text.layout.lineCount() >= 2 and rtl.bubble.left() == left
        inner_right = rtl.bubble.right() - BUBBLE_PAD_X
        for i in range(rtl.text.layout.lineCount()):
            line = rtl.text.layout.lineAt(i)  # every line of right-to-left text ends at the bubble's right edge
            line_right = rtl.text.origin.x() + line.x() + line.naturalTextRect().right()
            assert abs(line_right - inner_right) <= 2, (i, line_right, inner_right)
        assert pane.grab().width() >= 1400


@pytest.mark.asyncio
async def test_a_large_picture_waits_for_a_click_on_load_picture(sandbox: SandboxServer, qtbot: QtBot) -> None:
    big = photo_png(1) + b"\0" * (6 * MB)  # a real picture, padded past the automatic-thumbnail limit
    message = sandbox.state.inject_inbound(
        sandbox.landmarks["chats"]["showcase"], None, attachments=[("holiday.png", "image/png", big)]
    )
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("showcase")
        (row,) = [r for r in env.message_rows() if r.message_id == message.id]
        (attachment,) = row.attachments
        assert attachment.is_image and attachment.size == len(big)
        view = view_of(pane)
        index = index_of(env, row.key)
        view.scrollTo(index)
        pane.grab()  # painting must not start the download
        await wait_tasks_settled(env.tasks)  # a download started by painting would have finished here
        assert env.requests("GET", f"/attachments/{attachment.id}") == []
        layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
        assert layout is not None
        ((rect, _),) = layout.attachments
        point = painted_point(view, index, rect.center())
        assert view.hit_at(point)[1] == Hit("load_picture", attachment=attachment)
        click_at(qtbot, view, point)
        await wait_until(lambda: env.images.attachment_image(message.id, attachment.id) is not None, what="picture")
        assert len(env.requests("GET", f"/attachments/{attachment.id}")) == 1
        assert view.hit_at(painted_point(view, index, rect.center()))[1] == Hit("image", attachment=attachment)


@pytest.mark.asyncio
async def test_day_separators_events_and_deleted_rows(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with pane_env(sandbox, qtbot) as (env, pane):
        await env.open("group")
        kinds = [r.kind for r in env.model.rows()]
        assert kinds[0] == RowKind.DAY
        days = [r.text for r in env.model.rows() if r.kind == RowKind.DAY]
        # The seed dates the group's last message minutes ago: "Today", or "Yesterday" just after midnight.
        newest = max(r.timestamp for r in env.message_rows() if r.timestamp is not None)
        assert days[-1] == day_label(local_day(newest), datetime.now().astimezone().date())
        assert days[-1] in ("Today", "Yesterday") and len(days) == len(set(days))
        await env.open("showcase")
        deleted_id = sandbox.landmarks["messages"]["deleted"]
        (deleted,) = [r for r in env.message_rows() if r.message_id == deleted_id]
        assert deleted.text == "This message was deleted" and deleted.deleted
        hidden_id = sandbox.landmarks["messages"]["hidden_reaction_event"]
        assert all(r.message_id != hidden_id for r in env.model.rows())


@pytest.mark.asyncio
async def test_model_passes_qtmodeltester_after_loading(
    sandbox: SandboxServer, qtbot: QtBot, qtmodeltester: Any
) -> None:
    # The tester watches a model that outlives the controller; it checks every change the controller's rows make.
    model = MessageListModel()
    qtmodeltester.check(model, force_py=True)
    async with pane_env(sandbox, qtbot) as (env, pane):
        for landmark in ("group", "showcase", "long_history"):
            await env.open(landmark)
            model.set_rows(env.model.rows())
            assert model.rows() == env.model.rows()
        older = asyncio.ensure_future(wait_signal(env.controller.older_loaded))
        await asyncio.sleep(0)
        env.controller.load_older()
        await older
        model.set_rows(env.model.rows())
        assert model.rowCount() == env.model.rowCount()


def test_placeholder_without_a_chat(qtbot: QtBot) -> None:
    from unipile_desktop.core.images import ImageCache

    class NoClient:
        pass

    from unipile_desktop.core.conversation import ConversationController
    from unipile_desktop.core.tasks import TaskRunner

    tasks = TaskRunner()
    images = ImageCache(NoClient(), tasks)  # type: ignore[arg-type]
    controller = ConversationController(NoClient(), tasks, images)  # type: ignore[arg-type]
    pane = ConversationPane(controller, images)
    qtbot.addWidget(pane)
    assert pane.stack.currentWidget() is pane.placeholder
    assert pane.placeholder.text() == "Select a conversation"
    assert not pane.composer.send_button.isEnabled()


def test_a_new_row_lays_out_only_itself_when_the_list_outgrows_the_cache(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unipile_desktop.core.images import ImageCache
    from unipile_desktop.core.tasks import TaskRunner
    from unipile_desktop.ui.conversation import delegate as delegate_module

    class NoClient:
        pass

    # A small floor stands in for a chat of thousands of messages: the cache must follow the model, not the floor.
    monkeypatch.setattr(delegate_module, "LAYOUT_CACHE_MIN", 10)
    monkeypatch.setattr(delegate_module, "LAYOUT_CACHE_SLACK", 0)
    view = MessageView(ImageCache(NoClient(), TaskRunner()))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    model = MessageListModel()
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    width_when_empty = view.viewport().width()

    def text_row(n: int) -> MessageRow:
        return MessageRow(
            key=f"m{n}", kind=RowKind.MESSAGE, text=f"message number {n} " * (1 + n % 4), outgoing=n % 2 == 1
        )

    rows = [text_row(n) for n in range(60)]
    model.set_rows(rows)
    assert view.verticalScrollBar().maximum() > 0 and view.is_at_bottom()
    assert view.viewport().width() == width_when_empty  # the scroll bar's room was kept: no relayout at a new width

    built: list[str] = []
    build = delegate_module.BubbleDelegate._build

    def counting_build(self: delegate_module.BubbleDelegate, row: MessageRow, width: int) -> Any:
        built.append(row.key)
        return build(self, row, width)

    monkeypatch.setattr(delegate_module.BubbleDelegate, "_build", counting_build)
    model.set_rows([*rows, text_row(60)])
    view.viewport().grab()
    assert built == ["m60"]  # every other row's layout was still cached, at the same width
    assert view.is_at_bottom()

    model.clear()
    assert view.bubble_delegate.layout_for(model.index(0, 0)) is None
    assert not view.bubble_delegate._cache  # a reset drops the old rows' layouts

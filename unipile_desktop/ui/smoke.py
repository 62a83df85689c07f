"""--smoke-test and --screenshot: drive the real window like a person and report what happened."""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ..core.chats import DetailsState
from ..core.message_list import MessageListModel
from .accounts import AccountRole
from .chat_list import ChatRole
from .new_chat.driver import DriverFailure, smoke_new_chats

if TYPE_CHECKING:
    from ..app import Application
    from .main_window import MainWindow

log = logging.getLogger(__name__)

SMOKE_TIMEOUT_S = 60.0
POLL_S = 0.02


class SmokeFailure(Exception):
    """A step did not happen; the message says which."""


class _Steps:
    """Remembers the step being waited for, so a timeout can say what never happened."""

    def __init__(self) -> None:
        self.current = "starting"

    async def until(self, description: str, predicate: Callable[[], bool], timeout: float = SMOKE_TIMEOUT_S) -> None:
        self.current = description
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SmokeFailure(f"timed out waiting for {description}")
            await asyncio.sleep(POLL_S)


def _ms(start: float, end: float | None = None) -> int:
    return round(((end if end is not None else time.perf_counter()) - start) * 1000)


def _window(app: Application) -> MainWindow:
    if app.window is None:
        raise SmokeFailure("the main window was not built")
    return app.window


def _click(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or widget.rect().center())


async def _click_chat(window: MainWindow, steps: _Steps, proxy_row: int) -> str:
    """Click a row of the chat list the way a person would, and wait until its conversation is open."""
    view = window.chat_view
    index = window.chat_proxy.index(proxy_row, 0)
    chat_id = str(index.data(ChatRole.CHAT_ID))
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    await asyncio.sleep(0)
    _click(view.viewport(), view.visualRect(index).center())
    await steps.until(
        "the clicked chat to open",
        lambda: window.conversation.chat is not None and window.conversation.chat.id == chat_id,
        timeout=10,
    )
    return chat_id


def _list_settled(window: MainWindow) -> bool:
    return not window.chat_model.is_fetching and (window.chat_proxy.rowCount() > 0 or not window.chats.has_more)


def make_test_png(path: Path) -> Path:
    """A small picture generated on the spot (a gradient with a mark), saved as PNG."""
    image = QImage(96, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 96, 64)
    gradient.setColorAt(0, QColor("#3a5ccc"))
    gradient.setColorAt(1, QColor("#ffc94a"))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("white"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), "smoke")
    painter.end()
    if not image.save(str(path)):
        raise SmokeFailure(f"could not write the test picture to {path}")
    return path


async def run_smoke_test(app: Application, started_at: float) -> int:
    """Print one JSON line with timings (or the failure) and return the exit code."""
    steps = _Steps()
    try:
        result = await asyncio.wait_for(_smoke(app, started_at, steps), SMOKE_TIMEOUT_S)
    except TimeoutError:
        result = {"ok": False, "error": f"timed out after {SMOKE_TIMEOUT_S:.0f} s waiting for {steps.current}"}
    except SmokeFailure as exc:
        result = {"ok": False, "error": str(exc)}
    except Exception as exc:  # the JSON line must be printed whatever broke
        log.exception("smoke test crashed")
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if result.get("ok") else 1


async def _smoke(app: Application, started_at: float, steps: _Steps) -> dict[str, Any]:
    window = _window(app)
    errors: list[str] = []
    window.tasks.task_failed.connect(lambda name, sentence, _exc: errors.append(f"{name}: {sentence}"))
    await steps.until("the main window to be shown", window.isVisible, timeout=10)
    startup_ms = _ms(started_at)

    await steps.until("the account list", lambda: window.accounts.loaded or bool(errors))
    if not window.accounts.loaded:
        raise SmokeFailure(f"accounts could not be loaded: {errors[0]}")
    await steps.until("the first chats", lambda: window.chat_proxy.rowCount() > 0 or bool(errors))
    if window.chat_proxy.rowCount() == 0:
        raise SmokeFailure(f"no chats were listed: {errors[0] if errors else 'empty list'}")
    chats_loaded_ms = _ms(started_at)

    # Pick the first account that accepts messages, like an agent choosing it in the picker.
    picker = window.account_picker
    chosen_row: int | None = None
    for account_row in range(1, picker.count()):
        if not picker.itemData(account_row, AccountRole.ACCEPTS_MESSAGES):
            continue
        picker.setCurrentIndex(account_row)
        await steps.until(f"the chats of {picker.itemText(account_row)}", lambda: _list_settled(window), timeout=20)
        for proxy_row in range(window.chat_proxy.rowCount()):
            if not window.chat_proxy.index(proxy_row, 0).data(ChatRole.READ_ONLY):
                chosen_row = proxy_row
                break
        if chosen_row is not None:
            break
    if chosen_row is None:
        raise SmokeFailure("no account that accepts messages has a chat that is not read-only")
    await _click_chat(window, steps, chosen_row)

    pane = window.conversation_pane
    composer = pane.composer
    confirmed: list[str] = []
    failed: list[str] = []
    window.conversation.send_confirmed.connect(lambda local_id, _message_id: confirmed.append(local_id))
    window.conversation.send_failed.connect(lambda local_id, sentence: failed.append(sentence))
    await steps.until(
        "the composer to be ready",
        lambda: composer.text_edit.isEnabled() and not composer.text_edit.isReadOnly(),
        timeout=10,
    )

    # A text message, typed and sent with the Send button.
    stamp = time.strftime("%H:%M:%S")
    QTest.keyClicks(composer.text_edit, f"Smoke test {stamp}: hello from Unipile Desktop")
    await steps.until("the Send button to be enabled", composer.send_button.isEnabled, timeout=5)
    send_started = time.perf_counter()
    _click(composer.send_button)
    await steps.until("the text message to be confirmed", lambda: bool(confirmed or failed))
    if failed:
        raise SmokeFailure(f"the text message failed: {failed[0]}")
    send_ms = _ms(send_started)
    await steps.until("the composer to be cleared", lambda: not composer.text_edit.toPlainText(), timeout=5)

    # A generated picture with a caption.
    with tempfile.TemporaryDirectory(prefix="unipile-smoke-") as folder:
        picture = make_test_png(Path(folder) / "smoke-test.png")
        composer.add_files([picture])
        QTest.keyClicks(composer.text_edit, "Smoke test picture")
        await steps.until("the Send button to be enabled with the picture", composer.send_button.isEnabled, timeout=5)
        attachment_started = time.perf_counter()
        _click(composer.send_button)
        await steps.until("the picture to be confirmed", lambda: len(confirmed) >= 2 or bool(failed))
        if failed:
            raise SmokeFailure(f"the picture failed: {failed[0]}")
        attachment_send_ms = _ms(attachment_started)

    # New chats through the New chat dialog: a 1:1, a titled group, and LinkedIn with its best API.
    try:
        new_chat_ms = await smoke_new_chats(window, steps.until)
    except DriverFailure as exc:
        raise SmokeFailure(str(exc)) from None

    result: dict[str, Any] = {
        "ok": True,
        "startup_ms": startup_ms,
        "chats_loaded_ms": chats_loaded_ms,
        "send_ms": send_ms,
        "attachment_send_ms": attachment_send_ms,
        "new_chat_ms": new_chat_ms,
    }
    result.update(_delivery_check(app))
    if result.get("copies_wrong"):
        raise SmokeFailure(f"the sandbox does not hold exactly one copy of each sent message: {result}")
    return result


def _delivery_check(app: Application) -> dict[str, Any]:
    """Demo only: every message the outbox sent is in the sandbox exactly once (counted by the sandbox itself)."""
    sandbox, store = app.sandbox, app.store
    if sandbox is None or store is None:
        return {}
    sent = [e for e in store.outbox.entries(states=("sent",)) if e.text and e.chat_id]
    wrong = 0
    for entry in sent:
        assert entry.chat_id is not None and entry.text is not None
        copies = int(sandbox.message_counts(entry.chat_id)["by_text"].get(entry.text, 0))
        if copies != 1:
            log.error("smoke: %d copies of a sent message in chat %s", copies, entry.chat_id)
            wrong += 1
    unfinished = len(store.outbox.entries(states=("queued", "sending", "unknown", "failed")))
    fired = sum(int(rule.get("fired", 0)) for rule in sandbox.list_faults())
    return {"sent_once": len(sent) - wrong, "copies_wrong": wrong, "unfinished": unfinished, "faults_fired": fired}


# ---------------------------------------------------------------------------------------------- screenshot


async def take_screenshot(app: Application, path: Path) -> int:
    steps = _Steps()
    try:
        await asyncio.wait_for(_screenshot(app, path, steps), SMOKE_TIMEOUT_S)
    except TimeoutError:
        print(f"screenshot failed: timed out waiting for {steps.current}", flush=True)
        return 1
    except SmokeFailure as exc:
        print(f"screenshot failed: {exc}", flush=True)
        return 1
    print(f"screenshot saved to {path}", flush=True)
    return 0


async def _find_image_chat(app: Application) -> str | None:
    """A chat with a picture in it: the sandbox's showcase chat in the demo, else the first listed one that has one."""
    if app.sandbox is not None:
        chat_id = app.sandbox.landmarks.get("chats", {}).get("showcase")
        if isinstance(chat_id, str):
            return chat_id
    window = _window(app)
    assert app.client is not None
    for row in range(min(window.chat_proxy.rowCount(), 20)):
        chat_id = str(window.chat_proxy.index(row, 0).data(ChatRole.CHAT_ID))
        page = await app.client.list_messages(chat_id, limit=30)
        if any(a.is_image and not a.unavailable for m in page.items for a in m.attachments):
            return chat_id
    return None


def _proxy_row_of(window: MainWindow, chat_id: str) -> int | None:
    for row in range(window.chat_proxy.rowCount()):
        if window.chat_proxy.index(row, 0).data(ChatRole.CHAT_ID) == chat_id:
            return row
    return None


def _visible_rows_resolved(window: MainWindow) -> bool:
    view = window.chat_view
    for row in range(window.chat_proxy.rowCount()):
        index = window.chat_proxy.index(row, 0)
        if not view.visualRect(index).intersects(view.viewport().rect()):
            continue
        entry = index.data(ChatRole.ENTRY)
        if entry is None or entry.details in (DetailsState.MISSING, DetailsState.QUEUED):
            return False
        if entry.avatar_id and window.images.is_loading(window.images.avatar_key(entry.avatar_id)):
            return False
    return True


def _image_row(model: MessageListModel) -> tuple[QModelIndex, str] | None:
    """The newest message row with a loadable picture, and its cache key."""
    for row in range(model.rowCount() - 1, -1, -1):
        index = model.index(row, 0)
        for attachment in index.data(MessageListModel.AttachmentsRole) or ():
            if attachment.is_image and attachment.downloadable:
                return index, f"attachment:{attachment.message_id}/{attachment.id}"
    return None


async def _screenshot(app: Application, path: Path, steps: _Steps) -> None:
    window = _window(app)
    await steps.until("the first chats", lambda: window.chat_proxy.rowCount() > 0)
    chat_id = await _find_image_chat(app)
    if chat_id is None:
        raise SmokeFailure("no chat with a picture was found")
    await steps.until(
        "the chat with a picture to be listed",
        lambda: _proxy_row_of(window, chat_id) is not None or not _fetch_more(window),
        timeout=30,
    )
    row = _proxy_row_of(window, chat_id)
    if row is None:
        raise SmokeFailure("the chat with a picture is not in the list")
    await _click_chat(window, steps, row)
    model = window.conversation.message_list
    await steps.until("the conversation to load", lambda: not window.conversation.is_loading and model.rowCount() > 0)
    found = _image_row(model)
    if found is None:
        raise SmokeFailure("the open conversation shows no picture")
    index, key = found
    pane_view = window.conversation_pane.message_view
    pane_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    await steps.until("the picture's thumbnail", lambda: window.images.is_cached(key), timeout=20)
    await steps.until("the chat list's names and avatars", lambda: _visible_rows_resolved(window), timeout=20)
    await asyncio.sleep(0.3)  # let the last repaints land
    window.chat_view.clearFocus()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise SmokeFailure(f"could not write {path}")


def _fetch_more(window: MainWindow) -> bool:
    """Ask for the next page when one exists; False when the whole list is loaded."""
    source = window.chat_model
    if source.canFetchMore(QModelIndex()):
        source.fetchMore(QModelIndex())
        return True
    return source.is_fetching or window.chats.has_more

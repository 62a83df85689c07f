"""--screenshot: open a chat with a picture in the real window, wait until everything shown is loaded, save a PNG."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from ..core.chats import DetailsState
from ..core.message_list import MessageListModel
from ..ui.chat_list import ChatRole
from .smoke import SMOKE_TIMEOUT_S, SmokeFailure, Steps, click_chat

if TYPE_CHECKING:
    from ..app.session import Session
    from ..ui.main_window import MainWindow


async def take_screenshot(session: Session, path: Path) -> int:
    steps = Steps()
    try:
        await asyncio.wait_for(_screenshot(session, path, steps), SMOKE_TIMEOUT_S)
    except TimeoutError:
        print(f"screenshot failed: timed out waiting for {steps.current}", flush=True)
        return 1
    except SmokeFailure as exc:
        print(f"screenshot failed: {exc}", flush=True)
        return 1
    print(f"screenshot saved to {path}", flush=True)
    return 0


async def _find_image_chat(session: Session) -> str | None:
    """A chat with a picture in it: the sandbox's showcase chat in the demo, else the first listed one that has one."""
    if session.sandbox is not None:
        chat_id = session.sandbox.landmarks.get("chats", {}).get("showcase")
        if isinstance(chat_id, str):
            return chat_id
    window = session.window
    for row in range(min(window.chat_proxy.rowCount(), 20)):
        chat_id = str(window.chat_proxy.index(row, 0).data(ChatRole.CHAT_ID))
        page = await session.client.list_messages(chat_id, limit=30)
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


async def _screenshot(session: Session, path: Path, steps: Steps) -> None:
    window = session.window
    await steps.until("the first chats", lambda: window.chat_proxy.rowCount() > 0)
    chat_id = await _find_image_chat(session)
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
    await click_chat(window, steps, row)
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

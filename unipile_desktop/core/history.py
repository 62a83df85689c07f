"""Download a chat's whole history into the local cache, so every message of it becomes searchable.

Pages are read newest first with the list cursor (``GET /chats/{id}/messages``) down to the oldest message; each
page is cached (and so indexed for search by the store's triggers) as soon as it arrives, so cancelling or a
failure keeps everything downloaded so far.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ..api import UnipileClient, UnipileError
from ..store import Store, StoreError
from ..texts import translate
from .tasks import TaskRunner

log = logging.getLogger(__name__)

HISTORY_PAGE = 250  # the largest page the API serves: fewest round trips


def _task_name(chat_id: str) -> str:
    return f"history:{chat_id}"


class HistoryDownloader(QObject):
    """One download per chat at a time; several chats can download side by side."""

    progress = Signal(str, int)  # chat id, messages downloaded so far
    finished = Signal(str, int)  # chat id, messages downloaded in all
    failed = Signal(str, str)  # chat id, a sentence for the person
    cancelled = Signal(str, int)  # chat id, messages downloaded (and kept) before the cancel

    def __init__(
        self,
        client: UnipileClient,
        store: Store,
        tasks: TaskRunner,
        *,
        page_size: int = HISTORY_PAGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._store = store
        self._tasks = tasks
        self._page_size = page_size
        self._counts: dict[str, int] = {}

    def is_downloading(self, chat_id: str) -> bool:
        return self._tasks.is_running(_task_name(chat_id))

    def downloaded(self, chat_id: str) -> int:
        """Messages downloaded so far by the running (or last) download of the chat."""
        return self._counts.get(chat_id, 0)

    def download(self, chat_id: str) -> bool:
        """Start downloading the chat's history; False when a download of it is already running."""
        if self.is_downloading(chat_id):
            return False
        self._counts[chat_id] = 0
        self._tasks.start(_task_name(chat_id), self._download(chat_id))
        return True

    def cancel(self, chat_id: str) -> None:
        """Stop the chat's download; the pages already cached stay (``cancelled`` says how many messages)."""
        if not self.is_downloading(chat_id):
            return
        self._tasks.cancel(_task_name(chat_id))
        self.cancelled.emit(chat_id, self._counts.get(chat_id, 0))

    def cancel_all(self) -> None:
        """Stop every download without a word (the window is closing); what was cached stays."""
        for chat_id in list(self._counts):
            self._tasks.cancel(_task_name(chat_id))

    def _stopped_sentence(self, chat_id: str, reason: str) -> str:
        count = self._counts.get(chat_id, 0)
        sentence = translate(
            "History", "The whole history could not be downloaded (%n message(s) saved). {reason}", n=count
        )
        return sentence.format(reason=reason)

    async def _download(self, chat_id: str) -> None:
        cursor: str | None = None
        seen_cursors: set[str] = set()
        try:
            while True:
                page = await self._client.list_messages(chat_id, cursor=cursor, limit=self._page_size)
                if page.items:
                    self._store.cache.put_messages(page.items)
                self._counts[chat_id] = self._counts.get(chat_id, 0) + len(page.items)
                self.progress.emit(chat_id, self._counts[chat_id])
                # An empty page or a repeated cursor is the end too: either would otherwise never end.
                if page.cursor is None or not page.items or page.cursor in seen_cursors:
                    break
                seen_cursors.add(page.cursor)
                cursor = page.cursor
        except UnipileError as exc:
            log.warning("downloading the history of %s failed: %r", chat_id, exc)
            self.failed.emit(chat_id, self._stopped_sentence(chat_id, exc.user_message()))
            return
        except StoreError as exc:
            log.warning("caching the history of %s failed: %s", chat_id, exc)
            self.failed.emit(
                chat_id,
                translate("History", "The history could not be saved on this computer. {reason}").format(reason=exc),
            )
            return
        self.finished.emit(chat_id, self._counts[chat_id])

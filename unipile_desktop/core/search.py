"""Message search for the ui: synchronous queries over the local index, the coverage line, and the background
backfill that indexes messages cached before the search index existed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from ..store import SearchHit, Store, StoreError
from ..texts import translate
from .tasks import TaskRunner

log = logging.getLogger(__name__)

BACKFILL_TASK = "search.backfill"
BACKFILL_BATCH = 250  # rows per transaction: ~10 ms each at 100,000 cached messages, so the window never stalls
RESULT_LIMIT = 200
NOTE_LIMIT = 50


class SearchController(QObject):
    """Queries the store's index on the calling (asyncio/Qt) thread: a query takes milliseconds (see the bench).

    ``start_backfill`` indexes older cached rows in the TaskRunner, one batch per loop turn, announcing
    ``backfill_progress(indexed, total)`` after each batch and ``backfill_finished`` at the end.
    """

    backfill_progress = Signal(int, int)  # indexed so far, total to index
    backfill_finished = Signal()

    def __init__(
        self, store: Store, tasks: TaskRunner, *, batch: int = BACKFILL_BATCH, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._batch = batch
        self._total = 0
        self._indexed = 0
        self.last_error: str | None = None  # the sentence of the last query that failed, None after a good one

    # ------------------------------------------------------------------------------------------ queries

    def search(
        self, text: str, *, limit: int = RESULT_LIMIT, account_ids: Sequence[str] | None = None
    ) -> list[SearchHit]:
        """Cached messages matching ``text``, newest first; [] for no word (and on a store error, logged)."""
        try:
            hits = self._store.search.query(text, limit=limit, account_ids=account_ids)
            # The agent's private notes about people match too, as results of their own kind, listed first.
            hits = self._store.people.search_notes(text, limit=NOTE_LIMIT) + hits
        except StoreError as exc:
            log.warning("search failed: %s", exc)
            self.last_error = str(exc)
            return []
        self.last_error = None
        return hits

    def coverage(self) -> tuple[int, int]:
        return self._store.search.coverage()

    def coverage_text(self) -> str:
        """What a search covers, e.g. "Messages on this computer: 1,240 chats, 31,400 messages"."""
        chats, messages = self.coverage()
        # Two counts, so two plural lookups: the sentence around them is one string a translator can reorder.
        return translate("Search", "Messages on this computer: {chats}, {messages}").format(
            chats=translate("Search", "%n chat(s)", n=chats), messages=translate("Search", "%n message(s)", n=messages)
        )

    # ------------------------------------------------------------------------------------------ backfill

    @property
    def backfilling(self) -> bool:
        return self._tasks.is_running(BACKFILL_TASK)

    @property
    def backfill_state(self) -> tuple[int, int]:
        """(indexed, total) of the running backfill; (0, 0) when none ran."""
        return self._indexed, self._total

    def start_backfill(self) -> bool:
        """Index the rows cached before the search index existed; False when there is nothing to do."""
        if self.backfilling:
            return True
        remaining = self._store.search.backfill_remaining()
        if remaining == 0:
            return False
        self._total, self._indexed = remaining, 0
        self._tasks.start(BACKFILL_TASK, self._backfill())
        return True

    def stop_backfill(self) -> None:
        """Stop after the current batch (what is indexed stays; the next start goes on from there)."""
        self._tasks.cancel(BACKFILL_TASK)

    async def _backfill(self) -> None:
        while True:
            left = self._store.search.backfill_step(self._batch)
            self._indexed = max(0, min(self._total, self._total - left))
            self.backfill_progress.emit(self._indexed, self._total)
            if left == 0:
                break
            await asyncio.sleep(0)  # let the window paint and the network answer between batches
        self.backfill_finished.emit()


def cached_sender_name(store: Store) -> Callable[[SearchHit], str]:
    """A ``sender_name`` for the search window from the cached attendees: "You" for the agent's own messages,
    else the attendee's name (by attendee id, then by provider id), else the sender's id."""

    def sender_name(hit: SearchHit) -> str:
        if hit.is_sender:
            return translate("Search", "You")
        person = store.cache.attendee(hit.sender_attendee_id) if hit.sender_attendee_id else None
        if person is None and hit.sender_id:
            person = store.cache.attendee_by_provider_id(hit.account_id, hit.sender_id)
        if person is not None:
            return translate("Search", "You") if person.is_self else (person.name or person.provider_id)
        return hit.sender_id or translate("Search", "Someone")

    return sender_name

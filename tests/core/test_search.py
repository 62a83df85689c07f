"""SearchController: queries, the coverage sentence, and the background backfill of a cache from before the index
(batches, progress, yielding to the loop between batches, stopping and going on later)."""

from __future__ import annotations

import asyncio
import gc
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6

from tests.helpers.conversation_support import wait_signal, wait_until
from unipile_desktop.core.search import SearchController, cached_sender_name
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.store import MIGRATIONS, SearchHit, Store
from unipile_desktop.store.schema import migrate


def old_cache(path: Path, messages: int, chats: int) -> None:
    """A schema v5 database (before the search index) holding ``messages`` spread over ``chats``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    rows = []
    for n in range(messages):
        data: dict[str, object] = {"id": f"m{n}", "chat_id": f"c{n % chats}", "account_id": "a1"}
        data.update({"text": f"Commande numéro {n}", "object": "Message", "provider_id": f"p{n}", "sender_id": "s"})
        rows.append((f"m{n}", f"c{n % chats}", "a1", n, json.dumps(data)))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
def parts(tmp_path: Path) -> Iterator[tuple[Path, TaskRunner]]:
    tasks = TaskRunner()
    yield tmp_path / "p.sqlite3", tasks
    shiboken6.delete(tasks)
    gc.collect()


@pytest.mark.asyncio
async def test_backfill_runs_in_batches_with_progress_and_yields_between_them(
    parts: tuple[Path, TaskRunner],
) -> None:
    path, tasks = parts
    old_cache(path, 2500, 1240)
    with Store.open(path) as store:
        controller = SearchController(store, tasks, batch=1000)
        progress: list[tuple[int, int]] = []
        order: list[str] = []

        def on_progress(done: int, total: int) -> None:
            progress.append((done, total))
            order.append("b")

        controller.backfill_progress.connect(on_progress)
        assert controller.search("commande") == []
        assert controller.coverage_text() == "Messages on this computer: 1240 chats, 2500 messages"
        finished = asyncio.ensure_future(wait_signal(controller.backfill_finished, timeout=10))
        await asyncio.sleep(0)
        assert controller.start_backfill()
        assert controller.backfilling
        assert controller.start_backfill()  # already running: not started twice
        asyncio.get_running_loop().call_soon(order.append, "other")
        await finished
        assert progress == [(1000, 2500), (2000, 2500), (2500, 2500)]
        assert "other" in order and order.index("other") < len(order) - 1  # ran between two batches
        assert controller.backfill_state == (2500, 2500)
        assert len(controller.search("commande", limit=5000)) == 2500
        assert [h.message_id for h in controller.search("numero 2499")] == ["m2499"]
        assert store.search.backfill_remaining() == 0
        assert not controller.start_backfill()  # nothing left to do
        await wait_until(lambda: not controller.backfilling, what="the task to end")
        await tasks.shutdown()
        shiboken6.delete(controller)


@pytest.mark.asyncio
async def test_stopping_keeps_the_indexed_part_and_a_later_start_goes_on(parts: tuple[Path, TaskRunner]) -> None:
    path, tasks = parts
    old_cache(path, 300, 3)
    with Store.open(path) as store:
        controller = SearchController(store, tasks, batch=100)

        def stop_early(done: int, total: int) -> None:
            if done >= 100:
                controller.stop_backfill()

        controller.backfill_progress.connect(stop_early)
        controller.start_backfill()
        await wait_until(lambda: not controller.backfilling, what="the stop")
        assert store.search.backfill_remaining() == 200
        assert len(controller.search("commande", limit=1000)) == 100
        progress: list[tuple[int, int]] = []
        shiboken6.delete(controller)
        controller = SearchController(store, tasks, batch=150)
        controller.backfill_progress.connect(lambda done, total: progress.append((done, total)))
        finished = asyncio.ensure_future(wait_signal(controller.backfill_finished, timeout=10))
        await asyncio.sleep(0)
        controller.start_backfill()
        await finished
        assert progress == [(150, 200), (200, 200)]
        assert len(controller.search("commande", limit=1000)) == 300
        await tasks.shutdown()
        shiboken6.delete(controller)


@pytest.mark.asyncio
async def test_coverage_text_and_a_query_with_no_word(parts: tuple[Path, TaskRunner]) -> None:
    path, tasks = parts
    with Store.open(path) as store:
        controller = SearchController(store, tasks)
        assert controller.coverage_text() == "Messages on this computer: 0 chats, 0 messages"
        store.cache.put_messages(
            [
                {
                    "object": "Message",
                    "id": "x",
                    "chat_id": "c",
                    "account_id": "a",
                    "provider_id": "p",
                    "sender_id": "s",
                    "text": 'Say "hi" AND NEAR(bye',
                    "timestamp": "2024-05-01T10:00:00.000Z",
                }
            ]
        )
        assert controller.coverage_text() == "Messages on this computer: 1 chat, 1 message"
        assert controller.search('" * ( NEAR') != [] and controller.search('" * ( -') == []
        assert [h.message_id for h in controller.search('"hi" near')] == ["x"]
        assert controller.last_error is None
        assert not controller.start_backfill() and controller.backfill_state == (0, 0)
        shiboken6.delete(controller)


def test_cached_sender_name(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.sqlite3") as store:
        store.cache.put_attendees(
            [
                {"object": "ChatAttendee", "id": "att1", "account_id": "a", "provider_id": "prov1", "name": "Zoë"},
                {"object": "ChatAttendee", "id": "me", "account_id": "a", "provider_id": "me-p", "name": "Agent",
                 "is_self": 1},
            ]
        )  # fmt: skip
        name = cached_sender_name(store)
        base = SearchHit("m", "c", "a", None, "prov1", False, "text", ())
        assert name(base) == "Zoë"  # by provider id
        assert name(replace(base, sender_id="x", sender_attendee_id="att1")) == "Zoë"
        assert name(replace(base, sender_id="me-p")) == "You"
        assert name(replace(base, is_sender=True, sender_id="prov1")) == "You"
        assert name(replace(base, sender_id="unknown")) == "unknown"
        assert name(replace(base, sender_id=None)) == "Someone"

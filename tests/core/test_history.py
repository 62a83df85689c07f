"""Downloading a chat's whole history against the sandbox over real HTTP: every page cached and searchable,
progress, cancel keeps what arrived, failures as sentences."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6

from tests.helpers.conversation_support import API_KEY, wait_signal, wait_until
from unipile_desktop.api import Message, Page, UnipileClient
from unipile_desktop.core.history import HistoryDownloader
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.seed import Seeder
from unipile_desktop.store import Store

EXTRA = 1200  # messages generated on top of the seeded ones: several pages at any page size used here
OLDEST_WORD = "zanzibarpostcard"


@dataclass
class Env:
    sandbox: SandboxServer
    store: Store
    downloader: HistoryDownloader
    chat_id: str
    progress: list[int] = field(default_factory=list)

    def server_total(self) -> int:
        return int(self.sandbox.message_counts(self.chat_id)["total"])

    def cached(self) -> int:
        row = self.store.db.query_one("SELECT count(*) FROM messages WHERE chat_id = ?", (self.chat_id,))
        return 0 if row is None else int(row[0])

    def page_requests(self) -> int:
        path = f"/api/v1/chats/{self.chat_id}/messages"
        return sum(1 for e in self.sandbox.requests_log() if e["method"] == "GET" and e["path"] == path)


def generate_long_chat(sandbox: SandboxServer) -> str:
    """The seeded long chat with EXTRA older messages; the oldest carries OLDEST_WORD."""
    state = sandbox.state
    chat_id = str(sandbox.landmarks["chats"]["long_history"])
    with state.lock:
        chat = state.chats[chat_id]
        customer = state.attendees[chat.attendee_ids[1]]
        owner = state.attendees[chat.attendee_ids[0]]
        oldest = min(m.timestamp_ms for m in state.messages.values() if m.chat_id == chat_id)
        seeder = Seeder(state, 3, int(time.time() * 1000))
        for number in range(EXTRA):
            text = f"Old message {number} about order A{10000 + number}"
            if number == EXTRA - 1:
                text = f"The very first one: a {OLDEST_WORD} from the old days"
            sender = customer if number % 3 else owner
            seeder.add_message(chat, sender, text, oldest - (number + 1) * 60_000)
    return chat_id


@asynccontextmanager
async def history_env(sandbox: SandboxServer, db: Path, page_size: int = 100) -> AsyncIterator[Env]:
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    store = Store.open(db)
    downloader = HistoryDownloader(client, store, tasks, page_size=page_size)
    env = Env(sandbox, store, downloader, generate_long_chat(sandbox))
    downloader.progress.connect(lambda chat, count: env.progress.append(count))
    try:
        yield env
    finally:
        await tasks.shutdown()
        await client.aclose()
        store.close()
        for qobject in (downloader, tasks):
            shiboken6.delete(qobject)
        gc.collect()


@pytest.mark.asyncio
async def test_a_long_chat_downloads_entirely_and_becomes_searchable(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with history_env(sandbox, tmp_path / "p.sqlite3") as env:
        total = env.server_total()
        assert total >= EXTRA + 100
        assert env.store.search.query(OLDEST_WORD) == []
        finished = asyncio.ensure_future(wait_signal(env.downloader.finished, timeout=30))
        await asyncio.sleep(0)
        assert env.downloader.download(env.chat_id)
        assert env.downloader.is_downloading(env.chat_id)
        assert not env.downloader.download(env.chat_id)  # one download per chat at a time
        assert await finished == (env.chat_id, total)
        assert env.cached() == total
        pages = -(-total // 100)
        assert env.page_requests() == pages
        assert env.progress == [min(total, 100 * n) for n in range(1, pages + 1)]
        (hit,) = env.store.search.query(OLDEST_WORD)
        assert hit.chat_id == env.chat_id and hit.snippet.startswith("The very first one")
        assert len(env.store.search.query("order", limit=5000)) == EXTRA - 1  # the oldest one says otherwise
        assert not env.downloader.is_downloading(env.chat_id)
        assert env.downloader.downloaded(env.chat_id) == total


@pytest.mark.asyncio
async def test_downloading_again_changes_nothing(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with history_env(sandbox, tmp_path / "p.sqlite3", page_size=250) as env:
        for _ in range(2):
            finished = asyncio.ensure_future(wait_signal(env.downloader.finished, timeout=30))
            await asyncio.sleep(0)
            env.downloader.download(env.chat_id)
            await finished
        assert env.cached() == env.server_total()
        assert len(env.store.search.query(OLDEST_WORD)) == 1


@pytest.mark.asyncio
async def test_cancel_stops_it_and_keeps_the_pages_cached(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with history_env(sandbox, tmp_path / "p.sqlite3", page_size=50) as env:
        cancelled: list[tuple[str, int]] = []
        finished: list[tuple[str, int]] = []
        env.downloader.cancelled.connect(lambda chat, count: cancelled.append((chat, count)))
        env.downloader.finished.connect(lambda chat, count: finished.append((chat, count)))

        def on_progress(chat: str, count: int) -> None:
            if count >= 150:
                env.downloader.cancel(chat)  # the next page is not asked for

        env.downloader.progress.connect(on_progress)
        env.downloader.download(env.chat_id)
        await wait_until(lambda: bool(cancelled), what="the cancel")
        await wait_until(lambda: not env.downloader.is_downloading(env.chat_id), what="the task to end")
        assert cancelled == [(env.chat_id, 150)]
        assert env.page_requests() == 3
        assert env.cached() == 150 < env.server_total()
        assert finished == []
        assert env.store.search.query(OLDEST_WORD) == []
        env.downloader.cancel(env.chat_id)  # nothing running: no second signal
        assert cancelled == [(env.chat_id, 150)]


@pytest.mark.asyncio
async def test_a_failure_is_a_sentence_and_keeps_what_arrived(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with history_env(sandbox, tmp_path / "p.sqlite3", page_size=100) as env:

        def on_progress(chat: str, count: int) -> None:
            if count == 200:  # the third page fails
                sandbox.add_fault(
                    f"/chats/{chat}/messages$", status=401, type="errors/disconnected_account", times=None
                )

        env.downloader.progress.connect(on_progress)
        failed = asyncio.ensure_future(wait_signal(env.downloader.failed, timeout=10))
        await asyncio.sleep(0)
        env.downloader.download(env.chat_id)
        chat, sentence = await failed
        assert chat == env.chat_id
        assert sentence.startswith("The whole history could not be downloaded (200 messages saved). ")
        assert "Traceback" not in sentence and len(sentence) > len("The whole history … saved). ") + 10
        assert env.cached() == 200
        await wait_until(lambda: not env.downloader.is_downloading(env.chat_id), what="the task to end")


class _EndlessEmptyPages:
    """A server that answers every page with no message and a new cursor: a download must still end."""

    def __init__(self) -> None:
        self.requests = 0

    async def list_messages(self, chat_id: str, *, cursor: str | None = None, limit: int = 0) -> Page[Message]:
        self.requests += 1
        return Page(items=(), cursor=f"next-{self.requests}")


@pytest.mark.asyncio
async def test_an_empty_page_with_a_cursor_ends_the_download(tmp_path: Path) -> None:
    client = _EndlessEmptyPages()
    tasks = TaskRunner()
    store = Store.open(tmp_path / "db.sqlite3")
    downloader = HistoryDownloader(client, store, tasks)  # type: ignore[arg-type]
    try:
        finished = asyncio.get_running_loop().create_future()
        downloader.finished.connect(lambda chat_id, count: finished.done() or finished.set_result((chat_id, count)))
        assert downloader.download("chat")
        assert await asyncio.wait_for(finished, 5) == ("chat", 0)
        assert client.requests == 1
        assert not downloader.is_downloading("chat")
    finally:
        await tasks.shutdown()
        store.close()


class _NeverAnswers:
    """A server that never answers a page: the download waits until it is cancelled."""

    async def list_messages(self, chat_id: str, *, cursor: str | None = None, limit: int = 0) -> Page[Message]:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


@pytest.mark.asyncio
async def test_cancel_all_stops_every_download_without_a_word(tmp_path: Path) -> None:
    """What the window's close calls: no download outlives it, and no sentence is shown for stopping them."""
    tasks = TaskRunner()
    store = Store.open(tmp_path / "db.sqlite3")
    downloader = HistoryDownloader(_NeverAnswers(), store, tasks)  # type: ignore[arg-type]
    said: list[str] = []
    downloader.cancelled.connect(lambda chat_id, _count: said.append(chat_id))
    try:
        assert downloader.download("a") and downloader.download("b")
        await asyncio.sleep(0)  # both are waiting for their first page
        assert downloader.is_downloading("a") and downloader.is_downloading("b")
        downloader.cancel_all()
        assert not downloader.is_downloading("a") and not downloader.is_downloading("b")
        assert said == []
    finally:
        await tasks.shutdown()
        store.close()

"""The chat list at N chats (default 10,000): filter keystrokes and the event loop while pages of chats arrive.

    python tests/perf/chat_list_profile.py [--chats N] [--profile] [--repeat R]

Reuses bench.py's data: ``build_world`` generates N WhatsApp chats in an in-process sandbox, read over HTTP with
``UnipileClient`` and resolved as rows (``resolved_entry``), as bench.py's ``chat_list.*`` measurements do.
Prints JSON lines (``chat_list.filter``: the same keystrokes as bench.py, typed ``--repeat`` times, wall and thread
CPU time; ``chat_list.filter_more``: accents, an account's name, a phone number typed as digits, deleting back;
``chat_list.first_load``: the longest lateness of a 5 ms QTimer while pages of ``PAGE_SIZE`` chats are inserted, each
page in its own turn of the loop, then one batch of all N). With ``--profile``, the filter keystrokes run under
cProfile and the top functions go to stderr. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import gc
import io
import os
import pstats
import secrets
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))  # the repository, for tests.perf.bench

import qasync  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.perf import bench  # noqa: E402 - after the platform is chosen
from unipile_desktop.api import Account, UnipileClient  # noqa: E402
from unipile_desktop.core.chats import PAGE_SIZE, ChatEntry, ChatListController  # noqa: E402
from unipile_desktop.core.images import ImageCache  # noqa: E402
from unipile_desktop.core.queue import QueueController  # noqa: E402
from unipile_desktop.core.tasks import TaskRunner  # noqa: E402
from unipile_desktop.sandbox import SandboxServer  # noqa: E402
from unipile_desktop.store import Store  # noqa: E402
from unipile_desktop.ui.chat_list import ChatDelegate, ChatFilterProxy, ChatListModel, ChatListView  # noqa: E402

MORE_QUERIES = ["zoe", "muller", "bench sup", "garcia maria", "xqz"]  # accents, an account, two words, none


class LagMonitor:
    """A 5 ms QTimer; how late each tick came (the longest is the longest stall of the loop)."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.interval_ms = interval_ms
        self.lateness: list[float] = []
        self.cpu: list[float] = []  # this thread's CPU time between two ticks: the loop's own work, not preemption
        self._cpu_at = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.lateness.clear()
        self.cpu.clear()
        self._cpu_at = time.thread_time()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        elapsed = self._clock.restart()
        cpu = time.thread_time()
        self.lateness.append(max(0.0, (elapsed - self.interval_ms) / 1000))
        self.cpu.append(cpu - self._cpu_at)
        self._cpu_at = cpu


async def fetch_entries(client: UnipileClient, account: str) -> list[ChatEntry]:
    chats, _ = await bench.all_pages(
        lambda cursor: client.list_chats(account_ids=[account], limit=bench.API_PAGE, cursor=cursor)
    )
    people, _ = await bench.all_pages(
        lambda cursor: client.list_attendees(account_id=account, limit=bench.API_PAGE, cursor=cursor)
    )
    messages, _ = await bench.all_pages(
        lambda cursor: client.list_all_messages(account_id=account, limit=bench.API_PAGE, cursor=cursor)
    )
    last_of: dict[str, Any] = {}
    for message in messages:
        last_of.setdefault(message.chat_id, message)
    by_provider = {p.provider_id: p for p in people}
    owner = next((p for p in people if p.is_self), None)
    return [bench.resolved_entry(replace(c, last_message=last_of.get(c.id)), by_provider, owner) for c in chats]


class Harness:
    def __init__(self, client: UnipileClient, account: Account | None) -> None:
        self.tasks = TaskRunner()
        self.images = ImageCache(client, self.tasks)
        self.controller = ChatListController(client, self.tasks)
        self.model = ChatListModel(self.controller, account_of=lambda _id: account)
        self.proxy = ChatFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.view = ChatListView()
        self.view.setItemDelegate(ChatDelegate(self.images, parent=self.view))
        self.view.setModel(self.proxy)
        self.view.resize(*bench.CHAT_VIEW_SIZE)
        self.view.show()

    def keystroke(self, typed: str) -> tuple[float, float, float]:
        """set_filter_text + layout + repaint, as bench.py times it: (wall s, thread CPU s, filter-only wall s)."""
        cpu = time.thread_time()
        started = time.perf_counter()
        self.proxy.set_filter_text(typed)
        filtered = time.perf_counter()
        self.view.executeDelayedItemsLayout()
        self.view.grab()
        return time.perf_counter() - started, time.thread_time() - cpu, filtered - started


def typed_prefixes(needles: list[str]) -> list[str]:
    texts: list[str] = []
    for needle in needles:
        texts += [needle[:length] for length in range(1, len(needle) + 1)] + [""]
    return texts


async def run(args: argparse.Namespace) -> None:
    key = "profile-" + secrets.token_hex(8)
    server = SandboxServer(api_key=key, seed=1).start()
    try:
        bench.log(f"generating {args.chats} chats")
        world = bench.build_world(server, args.chats, 2)
        client = UnipileClient(server.url, key)
        entries = await fetch_entries(client, world.chats_account)
        account = next((a for a in await client.list_accounts() if a.id == world.chats_account), None)
    finally:
        server.stop()
    del server  # the sandbox's 10,000 chats: not part of what the app holds (the collector would walk them)
    gc.collect()
    harness = Harness(client, account)
    monitor = LagMonitor()
    await asyncio.sleep(0.05)

    # First load: pages as the controller delivers them, each in a turn of the loop of its own.
    load_profiler = cProfile.Profile() if args.profile else None
    if load_profiler is not None:
        load_profiler.enable()
    monitor.start()
    loading = time.perf_counter()
    handlers: list[float] = []
    for start in range(0, len(entries), PAGE_SIZE):
        page = entries[start : start + PAGE_SIZE]
        handlers.append(bench.timed(functools.partial(harness.controller.chats_loaded.emit, page)))
        await asyncio.sleep(0)
    await asyncio.sleep(0.05)
    monitor.stop()
    paged, paged_cpu = list(monitor.lateness), list(monitor.cpu)
    if load_profiler is not None:
        load_profiler.disable()
        out = io.StringIO()
        pstats.Stats(load_profiler, stream=out).sort_stats("tottime").print_stats(25)
        print("first load, paged:\n" + out.getvalue(), file=sys.stderr)
    load_s = time.perf_counter() - loading
    harness.controller.chats_reset.emit()
    await asyncio.sleep(0.02)
    monitor.start()
    harness.controller.chats_loaded.emit(entries)  # one batch of every chat (a cache or a live answer)
    await bench.wait_until(lambda: getattr(harness.model, "pending_rows", 0) == 0, 60.0)
    await asyncio.sleep(0.05)
    monitor.stop()
    bench.emit(
        bench.measurement(
            "chat_list.first_load",
            "bench.build_world chats read over HTTP; ChatListModel + ChatFilterProxy + shown ChatListView",
            chats=harness.model.rowCount(),
            page_size=PAGE_SIZE,
            paged_total_ms=bench.ms(load_s),
            **bench.spread("paged_stall", paged),
            **bench.spread("paged_stall_cpu", paged_cpu),
            **bench.spread("page_insert", handlers),
            **bench.spread("one_batch_stall", list(monitor.lateness)),
            **bench.spread("one_batch_stall_cpu", list(monitor.cpu)),
            worst_ticks=sorted(range(len(paged_cpu)), key=paged_cpu.__getitem__)[-3:],
            ticks=len(paged_cpu),
            note="stall = lateness of a 5 ms QTimer (stall_cpu: this thread's CPU time between two ticks, the loop's "
            "own work without what other processes of a busy machine add); paged: one chats_loaded per loop turn; "
            "one_batch: every chat "
            "in one chats_loaded (the model inserts it over several turns if it batches); page_insert: the model and "
            "proxies handling one page's chats_loaded (the view lays out and paints in later turns)",
        )
    )
    await bench.wait_until(lambda: getattr(harness.model, "pending_rows", 0) == 0, 60.0)  # the batched insert finishes
    harness.view.grab()

    profiler = cProfile.Profile() if args.profile else None
    walls: list[float] = []
    cpus: list[float] = []
    filter_only: list[float] = []
    texts = typed_prefixes([world.name_needle, world.phone_needle])
    for _ in range(args.repeat):
        for typed in texts:
            if profiler is not None:
                profiler.enable()
            wall, cpu, only = harness.keystroke(typed)
            if profiler is not None:
                profiler.disable()
            walls.append(wall)
            cpus.append(cpu)
            filter_only.append(only)
    bench.emit(
        bench.measurement(
            "chat_list.filter",
            "as bench.py's chat_list.filter (name then phone number typed, box cleared after each)",
            chats=harness.model.rowCount(),
            keystrokes=len(walls),
            **bench.spread("keystroke", walls),
            **bench.spread("keystroke_cpu", cpus),
            **bench.spread("filter_only", filter_only),
        )
    )
    more: list[float] = []
    more_cpu: list[float] = []
    rows: dict[str, int] = {}
    for query in MORE_QUERIES:
        for typed in [*typed_prefixes([query])[:-1], *reversed(typed_prefixes([query])[:-2]), ""]:
            wall, cpu, _ = harness.keystroke(typed)
            more.append(wall)
            more_cpu.append(cpu)
        harness.proxy.set_filter_text(query)
        rows[query] = harness.proxy.rowCount()
    harness.proxy.set_filter_text("")
    bench.emit(
        bench.measurement(
            "chat_list.filter_more",
            "typing then deleting back: " + ", ".join(MORE_QUERIES),
            keystrokes=len(more),
            **bench.spread("keystroke", more),
            **bench.spread("keystroke_cpu", more_cpu),
            rows=rows,
        )
    )
    await measure_queue(harness, texts)
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print("filter keystrokes:\n" + out.getvalue(), file=sys.stderr)
    await harness.tasks.shutdown()
    harness.images.close()
    await client.aclose()


async def measure_queue(harness: Harness, texts: list[str]) -> None:
    """With a queue (marks in an in-memory store): the view counts (what the queue bar shows after typing), the
    Waiting view sorted by wait, and keystrokes in the Unread view."""
    store = Store.open(None)
    queue = QueueController(store)
    harness.model.set_queue(queue)
    harness.proxy.set_queue(queue)
    counts: list[float] = []
    for typed in ("", "m", "mar", "maria", ""):
        harness.proxy.set_filter_text(typed)
        counts.append(bench.timed(harness.proxy.count_views))
    switch = [bench.timed(functools.partial(harness.proxy.set_view, view)) for view in ("waiting", "all") * 3]
    harness.proxy.set_view("unread")
    walls = [harness.keystroke(typed)[0] for typed in texts]
    harness.proxy.set_view("all")
    bench.emit(
        bench.measurement(
            "chat_list.queue",
            "the same chats with a QueueController (no marks); count_views after each filter text",
            **bench.spread("count_views", counts),
            **bench.spread("view_switch", switch),
            **bench.spread("unread_keystroke", walls),
        )
    )
    harness.proxy.set_queue(None)
    queue.close()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="times bench.py's keystrokes are typed")
    parser.add_argument("--profile", action="store_true", help="cProfile the filter keystrokes (top 30 to stderr)")
    args = parser.parse_args()
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qt_app)) as runner:
        runner.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

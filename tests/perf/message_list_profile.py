"""The conversation at N messages, through the real ConversationController and MessageView: figures as JSON lines.

    python tests/perf/message_list_profile.py [--messages 5000] [--switches 20] [--profile open|live|older]

A sandbox in this process holds one chat of N generated messages (bench.py's ``build_world``); they are read over
HTTP and written to an in-memory ``Store`` (the cache the app opens chats from). Then, in one shown ``MessageView``
(830×600, offscreen) on the controller's model, with both times beside each other (wall, and this thread's CPU):

- ``open``: ``open_chat`` of the cached N-message chat to the end of its first paint (``viewport().grab()``),
  switching back and forth with a small chat ``--switches`` times (the server's newest page lands in between);
- ``older``: the agent at the top, pages of 50 landing (``load_older`` over HTTP) until the rows reach N: from the
  page's parsed answer to the end of the paint (the cache write included), for the pages landing at N/2 rows
  and more;
- ``live``: a message arriving (``on_live_messages_arrived``) in the N-row conversation, at the bottom and scrolled
  up, to the end of the paint.

``--profile NAME`` prints cProfile's top functions (cumulative) of that scenario to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))  # the repository, for tests.perf.bench

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.perf.bench import all_pages, build_world, spread  # noqa: E402
from unipile_desktop.api import Message, UnipileClient  # noqa: E402
from unipile_desktop.core.conversation import ConversationController  # noqa: E402
from unipile_desktop.core.images import ImageCache  # noqa: E402
from unipile_desktop.core.tasks import TaskRunner  # noqa: E402
from unipile_desktop.sandbox import SandboxServer  # noqa: E402
from unipile_desktop.store import Store  # noqa: E402
from unipile_desktop.ui.conversation.view import MessageView  # noqa: E402

VIEW_SIZE = (830, 600)


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record), flush=True)


@contextmanager
def profiled(enabled: bool, title: str) -> Iterator[None]:
    profile = cProfile.Profile() if enabled else None
    if profile is not None:
        profile.enable()
    try:
        yield
    finally:
        if profile is not None:
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(35)
            print(f"--- profile of {title} ---\n{out.getvalue()}", file=sys.stderr)


class Clock:
    """Wall time and this thread's CPU time together."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.thread_time()

    def since(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.thread_time() - self.cpu


async def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.005)


async def run(args: argparse.Namespace) -> None:
    key = "profile-" + secrets.token_hex(6)
    server = SandboxServer(api_key=key, seed=1).start()
    client = UnipileClient(server.url, key)
    tasks = TaskRunner()
    images = ImageCache(client, tasks)
    store = Store.open(None, exclusive=False)
    try:
        world = build_world(server, 2, args.messages)
        long_chat = await client.get_chat(world.history_chat)
        small_chat = await client.get_chat(world.send_chat)
        messages, _ = await all_pages(lambda c: client.list_messages(long_chat.id, limit=250, cursor=c))
        store.cache.put_messages(messages)
        store.cache.put_attendees(await client.list_chat_attendees(long_chat.id), chat_id=long_chat.id)
        controller = ConversationController(client, tasks, images, store=store)
        view = MessageView(images)
        view.resize(*VIEW_SIZE)
        view.setModel(controller.messages_model)
        view.show()
        await asyncio.sleep(0.05)
        uptime = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
        emit({"type": "machine", "nproc": os.cpu_count(), "loadavg": uptime, "messages": len(messages)})

        # ---------------------------------------------------------------------------------------------- open
        walls: list[float] = []
        cpus: list[float] = []
        with profiled(args.profile == "open", "open"):
            for _ in range(args.switches):
                for chat in (small_chat, long_chat):
                    clock = Clock()
                    controller.open_chat(chat, None, mark_read=False)
                    view.viewport().grab()
                    wall, cpu = clock.since()
                    if chat is long_chat:
                        walls.append(wall)
                        cpus.append(cpu)
                    await wait_until(lambda: not controller.is_loading)
        emit(
            {
                "type": "measurement",
                "measure": "conversation.open",
                "rows": len(controller.message_list.rows()),
                "view_rows": controller.message_list.rowCount(),
                **spread("wall", walls),
                **spread("cpu", cpus),
            }
        )

        # ---------------------------------------------------------------------------------------------- older
        arrived: list[tuple[float, float]] = []  # wall, thread CPU
        original = client.list_messages

        async def list_messages(*a: Any, **k: Any) -> Any:
            page = await original(*a, **k)
            arrived.append((time.perf_counter(), time.thread_time()))
            return page

        client.list_messages = list_messages  # type: ignore[method-assign]
        bar = view.verticalScrollBar()
        older: list[tuple[int, float, float]] = []  # rows after, wall, cpu
        landed: list[tuple[float, float]] = []

        def on_older(_chat: str, _count: int) -> None:
            view.viewport().grab()
            landed.append((time.perf_counter(), time.thread_time()))

        controller.older_loaded.connect(on_older)
        with profiled(args.profile == "older", "older pages"):
            while controller.can_load_older and len(controller.message_list.rows()) < args.messages:
                bar.setValue(bar.minimum())
                before = len(landed)
                controller.load_older()
                await wait_until(lambda before=before: len(landed) > before)  # type: ignore[misc]
                await asyncio.sleep(0.02)  # the view settles (trims its rows) before the agent scrolls on
                end_wall, end_cpu = landed[-1]
                # From the page's answer (parsed) to its paint: writing it to the cache, the rows, the view.
                older.append((len(controller.message_list.rows()), end_wall - arrived[-1][0], end_cpu - arrived[-1][1]))
        client.list_messages = original  # type: ignore[method-assign]
        late = [o for o in older if o[0] >= args.messages // 2]
        emit(
            {
                "type": "measurement",
                "measure": "conversation.older_page",
                "pages": len(older),
                "pages_counted": len(late),
                "rows_at_end": len(controller.message_list.rows()),
                "view_rows_at_end": controller.message_list.rowCount(),
                "view_at_top_kept": bar.value() > 0,
                **spread("wall", [o[1] for o in late]),
                **spread("cpu", [o[2] for o in late]),
            }
        )

        # ---------------------------------------------------------------------------------------------- live
        newest = max(messages, key=lambda m: m.timestamp or datetime.min.replace(tzinfo=UTC))
        results: dict[str, tuple[list[float], list[float]]] = {"bottom": ([], []), "scrolled_up": ([], [])}
        with profiled(args.profile == "live", "live messages"):
            for number in range(args.switches * 2):
                where = "bottom" if number % 2 == 0 else "scrolled_up"
                if where == "bottom":  # what "New messages ↓" does
                    controller.message_list.show_newest()
                    view.scrollToBottom()
                else:
                    bar.setValue(bar.maximum() // 2)
                await asyncio.sleep(0.02)  # the view settles (trims its rows) as it does between two messages
                live: Message = replace(
                    newest, id=f"live-{number}", text=f"A new message {number}", timestamp=datetime.now(UTC)
                )
                clock = Clock()
                controller.on_live_messages_arrived(long_chat.id, [live])
                view.viewport().grab()
                wall, cpu = clock.since()
                results[where][0].append(wall)
                results[where][1].append(cpu)
        for where, (wall_list, cpu_list) in results.items():
            emit(
                {
                    "type": "measurement",
                    "measure": f"conversation.live_message.{where}",
                    "rows": len(controller.message_list.rows()),
                    "view_rows": controller.message_list.rowCount(),
                    "new_messages_button": view.new_messages_button.isVisible(),
                    **spread("wall", wall_list),
                    **spread("cpu", cpu_list),
                }
            )
        await controller.aclose()
    finally:
        await tasks.shutdown()
        images.close()
        store.close()
        await client.aclose()
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--switches", type=int, default=20)
    parser.add_argument("--profile", choices=("open", "older", "live"), default=None)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

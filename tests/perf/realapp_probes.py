"""The child side of realapp.py: the bare window, and the driver that runs inside the real app (paint watch, lag
monitor, the scenarios). Imports only PySide6 and the standard library at first, so a child's start-up is its own."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from unipile_desktop.app.session import Session

Snapshot = tuple[Any, ...]
SETTLE_TIMEOUT_S = 30.0


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(prefix: str, values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {f"{prefix}_median_ms": None, f"{prefix}_p95_ms": None, f"{prefix}_max_ms": None}
    return {
        f"{prefix}_median_ms": round(percentile(values, 0.5), 2),
        f"{prefix}_p95_ms": round(percentile(values, 0.95), 2),
        f"{prefix}_max_ms": round(max(values), 2),
    }


def rss_mb() -> float | None:
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


class PaintWatch(QObject):
    """Paint events of watched viewports: when each began, when it ended (the loop came round after it), and what
    ``snapshot()`` said when it began. Before ``watch()``, as an application-wide filter, it waits for the first
    paint of the viewport of a ``start_class`` view whose model has rows: the end of a start-up."""

    def __init__(self, start_class: str) -> None:
        super().__init__()
        self.start_class = start_class
        self.start_end: float | None = None
        self.on_start: Callable[[], None] | None = None
        self.snapshots: dict[QObject, tuple[str, Callable[[], Snapshot]]] = {}
        self.paints: dict[str, list[tuple[float, float, Snapshot]]] = {}
        self.waiters: list[tuple[str, float, Callable[[Snapshot], bool], asyncio.Future[float]]] = []

    def watch(self, name: str, viewport: QObject, snapshot: Callable[[], Snapshot]) -> None:
        self.snapshots[viewport] = (name, snapshot)
        self.paints.setdefault(name, [])
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.Paint:
            return False
        began = time.monotonic()
        if self.start_end is None:
            view = watched.parent()
            if type(view).__name__ == self.start_class and watched.objectName() == "qt_scrollarea_viewport":
                model = view.model()
                if model is not None and model.rowCount() > 0:
                    QTimer.singleShot(0, self._started)
            return False
        known = self.snapshots.get(watched)
        if known is not None:
            name, snapshot = known
            state = snapshot()
            QTimer.singleShot(0, lambda: self._painted(name, began, state))
        return False

    def _started(self) -> None:
        if self.start_end is None:
            self.start_end = time.monotonic()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            if self.on_start is not None:
                self.on_start()

    def _painted(self, name: str, began: float, state: Snapshot) -> None:
        ended = time.monotonic()
        self.paints[name].append((began, ended, state))
        for waiter in list(self.waiters):
            target, after, accepts, future = waiter
            if target == name and began >= after and accepts(state):
                self.waiters.remove(waiter)
                if not future.done():
                    future.set_result(ended)

    async def paint_after(
        self, name: str, after: float, accepts: Callable[[Snapshot], bool] = lambda _s: True, timeout: float = 10.0
    ) -> float | None:
        """The end of the first paint of ``name`` that began at ``after`` or later and whose snapshot ``accepts``."""
        for began, ended, state in self.paints[name]:
            if began >= after and accepts(state):
                return ended
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        waiter = (name, after, accepts, future)
        self.waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            if waiter in self.waiters:
                self.waiters.remove(waiter)


class LagMonitor(QObject):
    """The lateness of a 5 ms precise timer: how long the event loop could not turn, per scenario."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.late: list[float] = []
        self.results: dict[str, dict[str, Any]] = {}
        self.name = ""

    def begin(self, name: str) -> None:
        print(f"realapp child: {name}", file=sys.stderr, flush=True)  # where a run that hangs got to
        self.name, self.late, self.last = name, [], time.monotonic()
        self.timer.start()

    def end(self) -> None:
        self._tick()
        self.timer.stop()
        late = self.late or [0.0]
        self.results[self.name] = {
            "max_ms": round(max(late), 2),
            "p99_ms": round(percentile(late, 0.99), 2),
            "ticks": len(self.late),
        }

    def _tick(self) -> None:
        now = time.monotonic()
        self.late.append(max(0.0, (now - self.last) * 1000 - 5))
        self.last = now


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.01)


class Driver:
    """Runs one mode's scenarios in the real app and prints one ``probe`` line."""

    def __init__(self, session: Session, args: argparse.Namespace, watch: PaintWatch) -> None:
        self.session = session
        self.window = session.window
        self.args = args
        self.world: dict[str, Any] = json.loads(args.world)
        self.watch = watch
        self.lag = LagMonitor()
        self.figures: dict[str, Any] = {}
        self.reasons: dict[str, str] = {}
        self.responses: list[tuple[float, str]] = []  # when each API answer arrived, and its path
        self.row_changes: list[float] = []

    async def run(self) -> int:
        started = asyncio.Event()
        self.watch.on_start = started.set
        if self.watch.start_end is not None:
            started.set()
        await asyncio.wait_for(started.wait(), 180)
        painted_at = self.watch.start_end
        self.figures["start_rows"] = self.window.chat_proxy.rowCount()
        mode = self.args.mode
        if mode in ("prime", "browse"):
            self._hook_responses()
            conversation = self.session.conversation
            self.watch.watch("chats", self.window.chat_view.viewport(), lambda: (self.window.chat_proxy.rowCount(),))
            self.watch.watch(
                "messages",
                self.window.conversation_pane.message_view.viewport(),
                lambda: (conversation.chat.id if conversation.chat else None, len(conversation.message_list.rows())),
            )
            model = conversation.message_list
            for signal in (model.rowsInserted, model.modelReset, model.layoutChanged, model.changed):
                signal.connect(lambda *_: self.row_changes.append(time.monotonic()))
            await (self.prime() if mode == "prime" else self.browse())
            self.figures["stalls"] = self.lag.results
            self.figures["reasons"] = self.reasons
        self.figures["rss_mb"] = rss_mb()
        emit({"type": "probe", "mode": mode, "painted_at": painted_at, "figures": self.figures})
        return 0

    def _hook_responses(self) -> None:
        http = getattr(self.session.client, "_http", None)
        if http is None:
            self.reasons["live_message_ms"] = self.reasons["older_page_ms"] = "the app's client has no httpx client"
            return

        async def arrived(response: Any) -> None:
            self.responses.append((time.monotonic(), response.request.url.path))

        http.event_hooks["response"].append(arrived)

    def landed(self, path_part: str, before: float) -> float | None:
        """When the last answer whose path has ``path_part`` arrived, at ``before`` or earlier."""
        times = [at for at, path in self.responses if path_part in path and at <= before]
        return times[-1] if times else None

    # ------------------------------------------------------------------------------------------ scenarios

    async def load_all_chats(self) -> float:
        window = self.window
        started = time.monotonic()
        while window.chats.has_more or window.chats.is_loading:
            if window.chat_model.canFetchMore(QModelIndex()):
                window.chat_model.fetchMore(QModelIndex())
            if time.monotonic() - started > 900:
                raise TimeoutError("the chat list did not finish loading in 900 s")
            await asyncio.sleep(0.01)
        return round((time.monotonic() - started) * 1000, 1)

    async def open(self, chat_id: str) -> None:
        if not self.window.select_chat(chat_id):
            raise RuntimeError(f"chat {chat_id} is not in the list")
        conversation = self.session.conversation
        await until(lambda: conversation.chat is not None and conversation.chat.id == chat_id, 10, "the chat")
        await until(lambda: not conversation.is_loading, SETTLE_TIMEOUT_S, "the chat to load")

    async def prime(self) -> None:
        self.lag.begin("first_sync")
        self.figures["first_sync_ms"] = await self.load_all_chats()
        self.lag.end()
        self.figures["chats_listed"] = self.window.chat_model.rowCount()
        long_chat = self.world["long_chat"]
        await self.open(long_chat)
        history = self.session.workbench.history
        started = time.monotonic()
        history.download(long_chat)
        await until(lambda: not history.is_downloading(long_chat), 900, "the history download")
        self.figures["history_download_ms"] = round((time.monotonic() - started) * 1000, 1)

    async def browse(self) -> None:
        window, conversation = self.window, self.session.conversation
        self.lag.begin("list_all_chats")
        self.figures["list_all_chats_ms"] = await self.load_all_chats()
        self.lag.end()
        self.figures["chats_listed"] = window.chat_model.rowCount()
        await self.filter_keystrokes()
        long_chat = self.world["long_chat"]
        await self.switches(long_chat, self._other_chat(long_chat))
        await self.older_pages()
        await self.live_messages(long_chat)
        self.figures["rss_mb"] = rss_mb()
        await until(lambda: not conversation.is_loading and not window.chats.is_loading, 30, "quiet")
        for state in ("active", "background"):
            if state == "background":
                app = QApplication.instance()
                assert isinstance(app, QApplication)
                app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
            engine = getattr(self.session.live, "engine", None)
            window_marks = {"from": time.time(), "engine_active": getattr(engine, "active", None)}
            self.lag.begin(f"idle_{state}")
            await asyncio.sleep(self.args.idle)
            self.lag.end()
            window_marks["to"] = time.time()
            self.figures[f"idle_{state}"] = window_marks

    def _other_chat(self, long_chat: str) -> str:
        from unipile_desktop.ui.chat_list import ChatRole

        proxy = self.window.chat_proxy
        for row in range(proxy.rowCount()):
            chat_id = str(proxy.index(row, 0).data(ChatRole.CHAT_ID))
            if chat_id != long_chat:
                return chat_id
        raise RuntimeError("no second chat in the list")

    async def filter_keystrokes(self) -> None:
        from PySide6.QtTest import QTest

        edit = self.window.filter_edit
        edit.setFocus()
        times: list[float] = []
        unpainted = 0
        self.lag.begin("filter")
        for needle in (self.world["name_needle"], self.world["phone_needle"]):
            keys: list[str | Qt.Key] = [*needle, Qt.Key.Key_Backspace]  # Backspace with the text selected: cleared
            for key in keys:
                if key == Qt.Key.Key_Backspace:
                    edit.selectAll()
                started = time.monotonic()
                QTest.keyClick(edit, key)
                handled = time.monotonic()
                ended = await self.watch.paint_after("chats", started, timeout=0.5)
                if ended is None:  # the rows shown did not change: the keystroke ends with its handling
                    unpainted += 1
                    ended = handled
                times.append((ended - started) * 1000)
                await asyncio.sleep(0.08)  # a fast typist's pace
        self.lag.end()
        self.figures.update(spread("keystroke", times))
        self.figures["keystrokes"] = len(times)
        self.figures["keystrokes_without_paint"] = unpainted
        self.figures["keystroke_chats"] = self.window.chat_model.rowCount()

    async def switches(self, long_chat: str, other: str) -> None:
        conversation = self.session.conversation
        times: list[float] = []
        rows: list[int] = []
        self.lag.begin("chat_switch")
        for _ in range(self.args.switches):
            await self.open(other)
            await asyncio.sleep(0.05)
            started = time.monotonic()
            self.window.select_chat(long_chat)
            ended = await self.watch.paint_after(
                "messages", started, lambda s: s[0] == long_chat and s[1] > 0, timeout=SETTLE_TIMEOUT_S
            )
            if ended is not None:
                times.append((ended - started) * 1000)
                rows.append(len(conversation.message_list.rows()))
            await until(lambda: not conversation.is_loading, SETTLE_TIMEOUT_S, "the long chat to load")
            await asyncio.sleep(0.05)
        self.lag.end()
        self.figures.update(spread("switch", times))
        self.figures["switches"] = len(times)
        self.figures["switch_rows_first_paint_median"] = percentile(rows, 0.5) if rows else None
        self.figures["switch_rows_settled"] = len(conversation.message_list.rows())

    async def older_pages(self) -> None:
        conversation = self.session.conversation
        view = self.window.conversation_pane.message_view
        bar = view.verticalScrollBar()
        pages: list[tuple[int, float, float]] = []  # rows before, landing → paint ms, scroll → paint ms
        self.lag.begin("older_pages")
        started_all = time.monotonic()
        while conversation.can_load_older and time.monotonic() - started_all < 600:
            rows = len(conversation.message_list.rows())
            started = time.monotonic()
            bar.setValue(bar.minimum())  # the agent scrolls to the top: the view asks for the older page
            await asyncio.sleep(0.2)
            if len(conversation.message_list.rows()) == rows and not conversation.is_loading_older:
                conversation.load_older()  # the view did not ask (already at the top): as a further scroll would
            try:
                await until(lambda: len(conversation.message_list.rows()) > rows, 30, "an older page")  # noqa: B023
            except TimeoutError:
                break
            changed = [at for at in self.row_changes if at >= started]
            ended = await self.watch.paint_after("messages", changed[0] if changed else started, lambda s: s[1] > rows)  # noqa: B023
            landed = (
                self.landed(f"/chats/{conversation.chat.id}/messages", changed[0])
                if changed and conversation.chat
                else None
            )
            if ended is not None and landed is not None and landed >= started:
                pages.append((rows, (ended - landed) * 1000, (ended - started) * 1000))
            await until(lambda: not conversation.is_loading_older, SETTLE_TIMEOUT_S, "the older page to settle")
        self.lag.end()
        final = len(conversation.message_list.rows())
        late = [p for p in pages if p[0] >= 0.8 * final] or pages
        self.figures.update(spread("older", [p[1] for p in late]))
        self.figures.update(spread("older_scroll", [p[2] for p in late]))
        self.figures["older_pages"] = len(pages)
        self.figures["older_pages_counted"] = len(late)
        self.figures["older_rows_final"] = final
        if not pages:
            self.reasons["older_page_ms"] = "no older page landed (the chat's history was already complete?)"

    async def live_messages(self, long_chat: str) -> None:
        import httpx

        conversation = self.session.conversation
        view = self.window.conversation_pane.message_view
        bar = view.verticalScrollBar()
        # Back at the newest message, as the agent is when a customer writes (End after reading the history: the
        # view holds a window of the rows, so the scroll bar's bottom alone is the window's end, not the newest).
        conversation.message_list.show_newest()
        await asyncio.sleep(0.2)
        bar.setValue(bar.maximum())
        from unipile_desktop.selftest.smoke_checks import inbound_control_url

        control = inbound_control_url(self.session.client.base_url)
        if control is None:
            self.reasons["live_message_ms"] = "the server is not a sandbox on this computer"
            return
        live: list[float] = []
        notice: list[float] = []
        missed = 0  # not shown in the open conversation within 20 s
        self.lag.begin("live_message")
        async with httpx.AsyncClient(headers={"X-API-KEY": self.session.connection.api_key}) as http:
            for number in range(self.args.lives):
                # Every row the model holds (the view sees a window of them, which stays the same size).
                rows = len(conversation.message_list.rows())
                injected = time.monotonic()
                answer = await http.post(control, json={"chat_id": long_chat, "text": f"Bench live message {number}"})
                answer.raise_for_status()
                try:
                    await until(
                        lambda: len(conversation.message_list.rows()) > rows,  # noqa: B023
                        20,
                        "the live message",
                    )
                except TimeoutError:
                    missed += 1
                    continue
                changed = [at for at in self.row_changes if at >= injected] or [time.monotonic()]
                ended = await self.watch.paint_after("messages", changed[0], lambda s: s[1] > rows)  # noqa: B023
                landed = self.landed("/messages", changed[0])
                if ended is not None and landed is not None and landed >= injected:
                    live.append((ended - landed) * 1000)
                    notice.append((ended - injected) * 1000)
                await asyncio.sleep(0.3)
        self.lag.end()
        self.figures.update(spread("live", live))
        self.figures.update(spread("live_notice", notice))
        self.figures["live_messages"] = len(live)
        self.figures["live_missed"] = missed
        self.figures["live_rows"] = len(conversation.message_list.rows())
        if not live:
            self.reasons["live_message_ms"] = f"no live message reached a paint ({missed} not shown within 20 s)"


# ---------------------------------------------------------------------------------------------- entry points


def bare_child() -> int:
    """QMainWindow + QListView (40 rows) + QTextEdit, shown; prints when its list was first painted with rows."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView, QMainWindow, QSplitter, QTextEdit

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    watch = PaintWatch("QListView")
    app.installEventFilter(watch)
    window = QMainWindow()
    splitter = QSplitter()
    view = QListView()
    view.setModel(QStringListModel([f"Customer {n}: Where is my order?" for n in range(40)], view))
    splitter.addWidget(view)
    splitter.addWidget(QTextEdit())
    window.setCentralWidget(splitter)
    window.resize(1200, 780)
    watch.on_start = app.quit
    window.show()
    app.exec()
    emit({"type": "probe", "painted_at": watch.start_end})
    return 0


def app_child(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    watch = PaintWatch("ChatListView")
    app.installEventFilter(watch)
    from unipile_desktop import __main__ as entry_point

    async def drive(session: Session) -> int:
        return await Driver(session, args, watch).run()

    return entry_point.main(["--smoke-test"], on_session_ready=drive)


def child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=("app", "bare"))
    parser.add_argument("--mode", choices=("cold", "warm", "prime", "browse"))
    parser.add_argument("--world", default="{}")
    parser.add_argument("--switches", type=int, default=20)
    parser.add_argument("--lives", type=int, default=10)
    parser.add_argument("--idle", type=float, default=180.0)
    args = parser.parse_args(argv)
    return bare_child() if args.child == "bare" else app_child(args)

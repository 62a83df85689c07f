"""Helpers for conversation tests: a controller wired to a sandbox, and awaiting Qt signals inside async tests."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, SignalInstance

from unipile_desktop.api import Account, Chat, UnipileClient
from unipile_desktop.core.conversation import ConversationController
from unipile_desktop.core.drafts import DraftKeeper
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.message_list import MessageListModel, MessageRow, RowKind
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.outbox import OutboxEngine, RetryPolicy
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import Store

API_KEY = "test-key"
# The app's rules with short delays: a 503 is retried after ~50 ms, an ambiguous send is looked for after 50 ms.
FAST_OUTBOX = RetryPolicy(
    base_delay=0.05, max_delay=0.2, jitter=0.0, settle_delay=0.05, settle_window=0.3, check_interval=0.05
)


async def wait_signal(
    signal: SignalInstance, predicate: Callable[..., bool] | None = None, timeout: float = 5.0
) -> tuple[Any, ...]:
    """The arguments of the next emission of ``signal`` (that satisfies ``predicate``); fails after ``timeout``."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def on_emit(*args: Any) -> None:
        if not future.done() and (predicate is None or predicate(*args)):
            future.set_result(args)

    signal.connect(on_emit)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(on_emit)


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def fault_fired(sandbox: SandboxServer, fault_id: str) -> int:
    """How many requests the sandbox fault rule ``fault_id`` has caught so far (counted as each one arrives)."""
    return int(next(rule["fired"] for rule in sandbox.list_faults() if rule["id"] == fault_id))


async def qt_timers_started_before_ran(timeout: float = 5.0) -> None:
    """Return once Qt has fired the zero-interval timers started before this call.

    Qt fires due timers in the order they were started, and a timer started while timers fire waits for the next
    round; a view's delayed layout and its "fetch more?" check run on such timers.
    """
    fired: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: fired.done() or fired.set_result(None))
    timer.start(0)
    try:
        await asyncio.wait_for(fired, timeout)
    finally:
        timer.stop()
        shiboken6.delete(timer)


def tracked_task_names(tasks: TaskRunner) -> set[str]:
    """Names of the named tasks ``tasks`` still tracks (running, or finished with their done callback pending)."""
    return set(tasks._tasks)


def tasks_settled(tasks: TaskRunner) -> bool:
    """Every task ``tasks`` still tracks has finished and its done callback (which reports failures) has run.

    A task cancelled by a newer one of the same name is no longer tracked: hold on to it to wait for it.
    """
    return not tasks._tasks and not tasks._anonymous


async def wait_tasks_settled(tasks: TaskRunner, timeout: float = 5.0) -> None:
    """Wait until whatever the runner was doing is over: then anything it would have done has been done."""
    await wait_until(lambda: tasks_settled(tasks), timeout, "the background tasks to finish")


@dataclass
class SandboxEnv:
    """What every controller test against the sandbox holds: the server, a client, the task runner and images."""

    sandbox: SandboxServer
    client: UnipileClient
    tasks: TaskRunner
    images: ImageCache

    def requests(self, method: str, path_part: str) -> list[dict[str, Any]]:
        """The sandbox's request log entries of that method whose path contains ``path_part``."""
        return [
            e for e in self.sandbox.requests_log() if e.get("method") == method and path_part in str(e.get("path", ""))
        ]


@dataclass
class Env(SandboxEnv):
    controller: ConversationController
    errors: list[str]
    task_failures: list[str]
    store: Store
    outbox: OutboxEngine
    drafts: DraftKeeper

    @property
    def model(self) -> MessageListModel:
        return self.controller.message_list

    def chat_id(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["chats"][landmark])

    async def chat(self, landmark: str) -> Chat:
        return await self.client.get_chat(self.chat_id(landmark))

    async def account(self, account_id: str) -> Account:
        return await self.client.get_account(account_id)

    async def open(self, landmark: str, *, mark_read: bool = False) -> Chat:
        chat = await self.chat(landmark)
        loaded = asyncio.ensure_future(wait_signal(self.controller.history_loaded, lambda cid: cid == chat.id))
        await asyncio.sleep(0)
        self.controller.open_chat(chat, None, mark_read=mark_read)
        await loaded
        return chat

    def message_rows(self) -> list[MessageRow]:
        return [r for r in self.model.rows() if r.kind == RowKind.MESSAGE]


@asynccontextmanager
async def conversation_env(
    sandbox: SandboxServer, *, store: Store | None = None, policy: RetryPolicy = FAST_OUTBOX, **controller_options: Any
) -> AsyncIterator[Env]:
    """A controller as the app builds it: a store (in memory unless given), the outbox and the draft keeper."""
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    images = ImageCache(client, tasks)
    own_store = store is None
    the_store = store if store is not None else Store.open(None, exclusive=False)
    outbox = OutboxEngine(the_store, client, policy=policy)
    drafts = DraftKeeper(the_store, outbox)
    controller = ConversationController(
        client, tasks, images, outbox=outbox, store=the_store, drafts=drafts, **controller_options
    )
    outbox.start()
    env = Env(sandbox, client, tasks, images, controller, [], [], the_store, outbox, drafts)
    controller.error_occurred.connect(lambda sentence, exc: env.errors.append(sentence))
    tasks.task_failed.connect(lambda name, sentence, exc: env.task_failures.append(f"{name}: {sentence}"))
    try:
        yield env
    finally:
        drafts.close()
        await controller.aclose()
        await outbox.close()
        await tasks.shutdown()
        await client.aclose()
        if own_store:
            the_store.close()
        # Destroy the Qt objects here, on the main thread: left to the garbage collector they may be finalised
        # on a worker thread (image decoding), where Qt warns or crashes ("Timers cannot be stopped ...").
        for qobject in (controller, drafts, images, tasks):
            shiboken6.delete(qobject)
        gc.collect()

"""Named background tasks on the running asyncio (qasync) loop: latest wins, references kept, errors reported."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..api import UnipileError
from ..texts import translate

log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> str:
    """The sentence a person sees for a failure; never a traceback."""
    if isinstance(exc, UnipileError):
        return exc.user_message()
    return translate("Tasks", "Unexpected error: {name}. Details are in the log.").format(name=type(exc).__name__)


class TaskRunner(QObject):
    """Starts coroutines as tasks by name.

    Starting a task under a name that is already running cancels the older one first (switching chats or
    typing in a search box should not let a stale answer land). Every failure is logged once and announced
    through ``task_failed`` with a readable sentence.
    """

    task_failed = Signal(str, str, object)  # name, sentence, exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._anonymous: set[asyncio.Task[Any]] = set()
        self._closed = False

    def start(self, name: str, coro: Coroutine[Any, Any, Any], *, preempt: bool = True) -> asyncio.Task[Any]:
        """Run ``coro`` in the background. With ``preempt=False`` tasks of the same name run side by side."""
        if self._closed:
            coro.close()
            raise RuntimeError("TaskRunner is shut down")
        if preempt:
            previous = self._tasks.pop(name, None)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.ensure_future(coro)
        if preempt:
            self._tasks[name] = task
        else:
            self._anonymous.add(task)
        task.add_done_callback(functools.partial(self._on_done, name))
        return task

    def is_running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def cancel(self, name: str) -> None:
        task = self._tasks.pop(name, None)
        if task is not None:
            task.cancel()

    async def shutdown(self) -> None:
        """Cancel everything still running and wait until it has unwound."""
        self._closed = True
        tasks = [t for t in [*self._tasks.values(), *self._anonymous] if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._anonymous.clear()

    def _on_done(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        self._anonymous.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        if isinstance(exc, UnipileError):
            log.warning("task %s failed: %r", name, exc)
        else:
            log.error("task %s crashed", name, exc_info=exc)
        self.task_failed.emit(name, describe_error(exc), exc)

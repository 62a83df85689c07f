"""TaskRunner: latest wins, failures become sentences, shutdown cancels."""

from __future__ import annotations

import asyncio

import pytest

from unipile_desktop.api import NotFoundError
from unipile_desktop.core.tasks import TaskRunner


@pytest.mark.asyncio
async def test_starting_a_task_under_a_running_name_cancels_the_older_one() -> None:
    runner = TaskRunner()
    first = runner.start("load", asyncio.sleep(10))
    second = runner.start("load", asyncio.sleep(0, result="new"))
    assert await second == "new"
    await asyncio.sleep(0)
    assert first.cancelled()


@pytest.mark.asyncio
async def test_a_failed_task_is_reported_with_a_readable_sentence() -> None:
    runner = TaskRunner()
    reports: list[tuple[str, str]] = []
    runner.task_failed.connect(lambda name, sentence, exc: reports.append((name, sentence)))

    async def fail() -> None:
        raise NotFoundError("Chat not found", status=404, type="errors/resource_not_found")

    task = runner.start("open", fail())
    with pytest.raises(NotFoundError):
        await task
    await asyncio.sleep(0)
    assert reports == [("open", "It no longer exists on the server (it may have been deleted).")]


@pytest.mark.asyncio
async def test_shutdown_cancels_running_tasks_and_refuses_new_ones() -> None:
    runner = TaskRunner()
    task = runner.start("poll", asyncio.sleep(10), preempt=False)
    await runner.shutdown()
    assert task.cancelled()
    coro = asyncio.sleep(0)
    with pytest.raises(RuntimeError):
        runner.start("late", coro)

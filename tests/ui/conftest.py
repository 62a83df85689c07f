"""Async tests in this folder run on a qasync loop so Qt signals and asyncio tasks share one loop."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator, Mapping

import pytest

from tests.qt_loop import qasync_loop_factories


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return qasync_loop_factories()


@pytest.fixture(autouse=True)
def collect_qt_garbage_on_the_main_thread() -> Iterator[None]:
    """Qt objects left to the garbage collector must die here, not later on a worker thread that happens to run it."""
    yield
    gc.collect()

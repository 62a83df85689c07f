"""pytest-asyncio hook and fixture shared by the Qt test folders: async tests run on a qasync loop.

A folder's conftest re-exports them (``from tests.qt_loop import ...``): pytest finds hooks and fixtures by name in
a conftest module, and ``pytest_plugins`` is only allowed in the root conftest.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable, Iterator, Mapping

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtWidgets  # noqa: F401 - PySide6 must be imported before qasync picks a binding
import pytest
from PySide6.QtWidgets import QApplication

from unipile_desktop.app.event_loop import AppEventLoop


def qasync_loop_factories() -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    def make_loop() -> asyncio.AbstractEventLoop:
        app = QApplication.instance() or QApplication([])
        return AppEventLoop(app)  # the app's own loop (qasync's, with asyncio's async-generator hooks)

    return {"qasync": make_loop}


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Async tests and fixtures of the folder run on a qasync loop, so Qt signals and asyncio tasks share it."""
    return qasync_loop_factories()


@pytest.fixture(autouse=True)
def collect_qt_garbage_on_the_main_thread() -> Iterator[None]:
    """Qt objects left to the garbage collector must die here, not later on a worker thread that happens to run it."""
    yield
    gc.collect()

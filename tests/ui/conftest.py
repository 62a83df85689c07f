"""Async tests in this folder run on a qasync loop so Qt signals and asyncio tasks share one loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

import pytest

from tests.qt_loop import qasync_loop_factories


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return qasync_loop_factories()

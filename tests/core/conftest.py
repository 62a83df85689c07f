"""Async tests in this folder run on a qasync loop so Qt signals and asyncio tasks share one loop."""

from tests.helpers.qt_loop import collect_qt_garbage_on_the_main_thread, pytest_asyncio_loop_factories

__all__ = ["collect_qt_garbage_on_the_main_thread", "pytest_asyncio_loop_factories"]

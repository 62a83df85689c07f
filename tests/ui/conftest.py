"""Async tests in this folder run on a qasync loop so Qt signals and asyncio tasks share one loop; app fixtures."""

from tests.helpers.app_support import config_dir, no_environment_connection, window_settings
from tests.helpers.qt_loop import collect_qt_garbage_on_the_main_thread, pytest_asyncio_loop_factories

__all__ = [
    "collect_qt_garbage_on_the_main_thread",
    "config_dir",
    "no_environment_connection",
    "pytest_asyncio_loop_factories",
    "window_settings",
]

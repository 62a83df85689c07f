"""pytest-asyncio hook body shared by the Qt test folders: run async tests on a qasync loop."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtWidgets  # noqa: F401 - PySide6 must be imported before qasync picks a binding
import qasync
from PySide6.QtWidgets import QApplication


def qasync_loop_factories() -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    def make_loop() -> asyncio.AbstractEventLoop:
        app = QApplication.instance() or QApplication([])
        return qasync.QEventLoop(app)

    return {"qasync": make_loop}

"""FirstPaint: work that waits for the first paint starts after it, and a widget never shown does not hold it up."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.first_paint import FirstPaint


class PaintLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_painted_is_emitted_once_after_the_first_paint(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    paints = PaintLog()
    view.viewport().installEventFilter(paints)
    first = FirstPaint(view.viewport())
    emitted: list[int] = []
    first.painted.connect(lambda: emitted.append(paints.paints))
    assert not first.done
    view.show()
    qtbot.waitUntil(lambda: first.done, timeout=5000)
    assert emitted and emitted[0] >= 1, "emitted before the widget was painted"
    view.viewport().update()
    qtbot.waitUntil(lambda: paints.paints > emitted[0], timeout=5000)
    assert len(emitted) == 1


def test_wait_returns_false_for_a_widget_that_is_never_shown(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    first = FirstPaint(view.viewport())
    assert asyncio.run(first.wait(0.05)) is False
    assert not first.done

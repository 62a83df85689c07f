"""Knowing when a widget has first been painted, so work the person does not see yet can wait until then."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Emits ``painted`` once, when the loop comes round after the widget's first paint event."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._widget and event.type() == QEvent.Type.Paint and not self.done:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._finish)  # after the paint itself, not before it
        return False

    def _finish(self) -> None:
        if not self.done:
            self.done = True
            self.painted.emit()

    async def wait(self, timeout: float) -> bool:
        """Until the first paint was handled, or ``timeout`` seconds (a window that is never shown); True if painted."""
        if self.done:
            return True
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_painted() -> None:
            if not future.done():
                future.set_result(None)

        self.painted.connect(on_painted)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return False
        finally:
            self.painted.disconnect(on_painted)
        return True

"""A layout that places widgets left to right and wraps them onto new lines, like words (Qt's flow layout example)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Wrapping rows of widgets. With ``stretch_last`` the last item fills what is left of its row (a search box)."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6, stretch_last: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._stretch_last = stretch_last
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Place ``widget`` at ``index`` (addWidget only appends)."""
        self.addChildWidget(widget)
        self.addWidget(widget)  # appends a QWidgetItem; move it where it belongs
        item = self._items.pop()
        self._items.insert(max(0, min(index, len(self._items))), item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Lay the items out in ``rect`` (each line's items centred vertically); returns the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        visible = [item for item in self._items if not item.isEmpty()]
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        x = area.x()
        for position, item in enumerate(visible):
            width = min(item.sizeHint().width(), max(0, area.width()))
            if x + width > area.right() + 1 and lines[-1]:
                lines.append([])
                x = area.x()
            if self._stretch_last and position == len(visible) - 1:
                width = max(width, area.right() + 1 - x)
            lines[-1].append((item, width))
            x += width + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            line_height = max(item.sizeHint().height() for item, _ in line)
            x = area.x()
            for item, width in line:
                height = item.sizeHint().height()
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (line_height - height) // 2), QSize(width, height)))
                x += width + self._spacing
            y += line_height + self._spacing
        used = y - self._spacing if visible else y
        return used - rect.y() + margins.bottom()

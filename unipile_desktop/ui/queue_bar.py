"""The queue bar above the chat list: Waiting, Unread, All, Done and Snoozed views, with live counts."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ..engine.queue import QueueView

VIEW_LABELS: dict[QueueView, str] = {
    QueueView.WAITING: "Waiting",
    QueueView.UNREAD: "Unread",
    QueueView.ALL: "All",
    QueueView.DONE: "Done",
    QueueView.SNOOZED: "Snoozed",
}
VIEW_TIPS: dict[QueueView, str] = {
    QueueView.WAITING: "Chats where the customer wrote last, longest wait first (not done, not snoozed)",
    QueueView.UNREAD: "Chats with unread messages",
    QueueView.ALL: "Every chat, newest activity first",
    QueueView.DONE: "Chats marked done (a new customer message brings them back)",
    QueueView.SNOOZED: "Chats snoozed until later",
}
# The views whose size tells the agent something at a glance; All and Done only grow, so no number on them.
COUNTED_VIEWS = frozenset({QueueView.WAITING, QueueView.UNREAD, QueueView.SNOOZED})


def chats_phrase(count: int) -> str:
    if count == 0:
        return "no chats"
    return "1 chat" if count == 1 else f"{count} chats"


class QueueBar(QWidget):
    """Five exclusive buttons; choosing one emits ``view_selected`` with the QueueView value."""

    view_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.setAccessibleName("Queue views")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[QueueView, QToolButton] = {}
        self._counts: dict[QueueView, int] = {}
        for view in QueueView:
            button = QToolButton(self)
            button.setObjectName(f"queueView_{view.value}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setToolTip(VIEW_TIPS[view])
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, chosen=view: self._on_button_clicked(chosen))
            self._group.addButton(button)
            self._buttons[view] = button
            layout.addWidget(button)
            self._label(view)
        layout.addStretch(1)
        self._buttons[QueueView.ALL].setChecked(True)

    @property
    def view(self) -> QueueView:
        for view, button in self._buttons.items():
            if button.isChecked():
                return view
        return QueueView.ALL

    def button(self, view: QueueView | str) -> QToolButton:
        return self._buttons[QueueView(view)]

    def count(self, view: QueueView | str) -> int:
        return self._counts.get(QueueView(view), 0)

    def set_view(self, view: QueueView | str) -> None:
        """Check the view's button without emitting ``view_selected`` (the caller already knows)."""
        self._buttons[QueueView(view)].setChecked(True)

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """New counts per view value ("waiting": 3, …); views missing from ``counts`` keep theirs."""
        for key, count in counts.items():
            try:
                view = QueueView(key)
            except ValueError:
                continue
            if self._counts.get(view) != count:
                self._counts[view] = count
                self._label(view)

    def _label(self, view: QueueView) -> None:
        button = self._buttons[view]
        name = VIEW_LABELS[view]
        count = self._counts.get(view)
        shown = view in COUNTED_VIEWS and count
        button.setText(f"{name} {count}" if shown else name)
        # A screen reader hears the number as words, and for every view the count is known for.
        button.setAccessibleName(name if count is None else f"{name}, {chats_phrase(count)}")

    def _on_button_clicked(self, view: QueueView) -> None:
        self.view_selected.emit(view.value)

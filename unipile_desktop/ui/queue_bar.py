"""The queue bar above the chat list: Waiting, Unread, All, Done and Snoozed views, with live counts."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from ..engine.queue import QueueView
from ..texts import QT_TRANSLATE_NOOP, translate

VIEW_LABELS: dict[QueueView, str] = {
    QueueView.WAITING: QT_TRANSLATE_NOOP("QueueBar", "Waiting"),
    QueueView.UNREAD: QT_TRANSLATE_NOOP("QueueBar", "Unread"),
    QueueView.ALL: QT_TRANSLATE_NOOP("QueueBar", "All"),
    QueueView.DONE: QT_TRANSLATE_NOOP("QueueBar", "Done"),
    QueueView.SNOOZED: QT_TRANSLATE_NOOP("QueueBar", "Snoozed"),
}
VIEW_TIPS: dict[QueueView, str] = {
    QueueView.WAITING: QT_TRANSLATE_NOOP(
        "QueueBar", "Chats where the customer wrote last, longest wait first (not done, not snoozed)"
    ),
    QueueView.UNREAD: QT_TRANSLATE_NOOP("QueueBar", "Chats with unread messages"),
    QueueView.ALL: QT_TRANSLATE_NOOP("QueueBar", "Every chat, newest activity first"),
    QueueView.DONE: QT_TRANSLATE_NOOP("QueueBar", "Chats marked done (a new customer message brings them back)"),
    QueueView.SNOOZED: QT_TRANSLATE_NOOP("QueueBar", "Chats snoozed until later"),
}
# The views whose size tells the agent something at a glance; All and Done only grow, so no number on them.
COUNTED_VIEWS = frozenset({QueueView.WAITING, QueueView.UNREAD, QueueView.SNOOZED})


def chats_phrase(count: int) -> str:
    if count == 0:
        return translate("QueueBar", "no chats")
    return translate("QueueBar", "%n chat(s)", None, count)


class QueueBar(QWidget):
    """Five exclusive buttons; choosing one emits ``view_selected`` with the QueueView value."""

    view_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.setAccessibleName(translate("QueueBar", "Queue views"))
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
            button.setToolTip(translate("QueueBar", VIEW_TIPS[view]))
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
        name = translate("QueueBar", VIEW_LABELS[view])
        count = self._counts.get(view)
        shown = view in COUNTED_VIEWS and count
        # "Waiting 3": the view's name, then its count.
        counted = translate("QueueBar", "{view} {count}").format(view=name, count=QLocale().toString(count or 0))
        button.setText(counted if shown else name)
        # A screen reader hears the number as words, and for every view the count is known for.
        spoken = translate("QueueBar", "{view}, {chats}")  # "Waiting, 3 chats"
        button.setAccessibleName(name if count is None else spoken.format(view=name, chats=chats_phrase(count)))

    def _on_button_clicked(self, view: QueueView) -> None:
        self.view_selected.emit(view.value)

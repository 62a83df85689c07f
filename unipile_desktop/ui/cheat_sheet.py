"""Help → Keyboard shortcuts (F1, Ctrl+/): every key of the shortcut registry, by section, in a non-modal window.

The sheet is drawn from ``shortcuts.cheat_sheet()`` each time it is built, so it lists exactly what the menus use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..texts import translate
from . import shortcuts


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CheatSheetDialog(QDialog):
    """Non-modal: the agent keeps it open beside the window while learning the keys; Esc or Close hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle(translate("CheatSheet", "Keyboard shortcuts"))
        self.setModal(False)
        self.setMinimumWidth(440)
        self.rows: list[tuple[str, str, str]] = []  # (section, keys, title) as shown, for tests and screen readers

        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        line = 0
        for section, entries in shortcuts.cheat_sheet():
            heading = _label(section, body)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            if line:
                grid.setRowMinimumHeight(line, 10)
                line += 1
            grid.addWidget(heading, line, 0, 1, 2)
            line += 1
            for keys, title in entries:
                if not keys:
                    continue  # a registry entry without a key on this platform: nothing to learn
                key_label = _label(keys, body)
                key_label.setObjectName("cheatSheetKeys")
                key_label.setAccessibleName(translate("CheatSheet", "{action}: {keys}").format(action=title, keys=keys))
                grid.addWidget(key_label, line, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                text_label = _label(title, body)
                text_label.setWordWrap(True)
                grid.addWidget(text_label, line, 1)
                self.rows.append((section, keys, title))
                line += 1
        grid.setColumnStretch(1, 1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(translate("CheatSheet", "Keyboard shortcuts"))

        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(480, 560)

    def titles(self) -> list[str]:
        return [title for _section, _keys, title in self.rows]

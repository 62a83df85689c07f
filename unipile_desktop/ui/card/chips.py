"""Small label chips ("vip", "refund") painted in a list row, in the theme's label colours."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter

from ..theme import current_theme

MAX_CHIPS = 3
CHIP_GAP = 4


def paint_label_chips(
    painter: QPainter, labels: Sequence[str], right: int, top: int, font: QFont, max_width: int
) -> int:
    """Paint up to MAX_CHIPS chips ending at x = ``right`` (the rest as "+n"); returns the width used (0: none)."""
    metrics = QFontMetrics(font)
    theme = current_theme()
    shown = list(labels[:MAX_CHIPS])
    if len(labels) > MAX_CHIPS:
        shown.append(f"+{len(labels) - MAX_CHIPS}")
    height = metrics.height() + 2
    x = right
    used = 0
    painter.save()
    painter.setFont(font)
    for text in reversed(shown):
        label = metrics.elidedText(text, Qt.TextElideMode.ElideRight, 80)
        width = metrics.horizontalAdvance(label) + 10
        if used + width > max_width:
            break
        rect = QRect(x - width, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.label_background)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(theme.label_text)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)  # drawText: never markup
        x -= width + CHIP_GAP
        used += width + CHIP_GAP
    painter.restore()
    return max(0, used - CHIP_GAP)

"""What every custom list row paints first: the style's own background (selection, hover, focus) and the two text
colours of the palette for the row's state, so each delegate only draws its own text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

MUTED_ALPHA = 0.65


def paint_row_background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> None:
    """The style's item background for the row, without its text, so themes and focus rectangles stay native."""
    style = option.widget.style() if option.widget is not None else None
    if style is None:
        return
    background = QStyleOptionViewItem(option)
    delegate.initStyleOption(background, index)
    background.text = ""
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget)


def row_colours(option: QStyleOptionViewItem, muted_alpha: float = MUTED_ALPHA) -> tuple[QColor, QColor]:
    """(text, muted text) for the row: the highlighted-text colour when selected, else the text colour."""
    palette: QPalette = option.palette
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    muted = QColor(text)
    muted.setAlphaF(muted_alpha)
    return text, muted

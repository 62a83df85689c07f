"""Bidi controls cannot disguise a link or reorder what follows them: checked on Qt's own layout of the text.

``https://evil.example/\u202efdp.exe`` read "…exe.pdf", and the override ran on through the rest of the bubble.
The visual order is read from QTextLayout (cursorToX of consecutive characters), so a reversal is seen, not assumed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QImage, QPainter, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from tests.helpers.message_view_support import shown_message_view
from unipile_desktop.core.message_list import AttachmentView, MessageListModel, MessageRow, RowKind
from unipile_desktop.engine.display_text import isolate
from unipile_desktop.ui.conversation.view import MessageView

RLO = "\u202e"
PDI = "\u2069"
EVIL = f"https://evil.example/{RLO}fdp.exe"
AFTER = " and then more words"


def xs(line: QTextLine, start: int, end: int) -> list[float]:
    """The x of each cursor position in [start, end) on ``line``: increasing when the text runs left to right."""
    positions = []
    for i in range(start, end):
        x = line.cursorToX(i)  # PySide6 gives (x, cursor)
        positions.append(float(x[0] if isinstance(x, tuple) else x))  # type: ignore[arg-type]
    return positions


def runs_left_to_right(positions: list[float]) -> bool:
    return all(a < b for a, b in zip(positions, positions[1:], strict=False))


KEPT: list[QTextLayout] = []  # a QTextLine is valid only while its layout lives


def laid_out(text: str) -> QTextLine:
    """``text`` on one left-to-right line, as Qt orders it."""
    layout = QTextLayout(text, QApplication.font())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    KEPT.append(layout)
    return line


@pytest.mark.parametrize("inside", [EVIL, f"abc{PDI}{RLO}fdp", f"{RLO}{RLO}x{PDI}{PDI}"], ids=["link", "pdi", "many"])
def test_text_after_an_isolate_keeps_its_order(qapp: QApplication, inside: str) -> None:
    raw = inside + AFTER
    assert not runs_left_to_right(xs(laid_out(raw), len(inside), len(raw)))  # the attack works without isolation
    wrapped = isolate(inside)
    text = wrapped + AFTER
    assert runs_left_to_right(xs(laid_out(text), len(wrapped), len(text)))


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MessageView]:
    yield shown_message_view(qtbot, 700)


def bubble_lines(view: MessageView, text: str) -> tuple[str, list[QTextLine], list[tuple[int, int, str]]]:
    model = view.model()
    assert isinstance(model, MessageListModel)
    model.set_rows([MessageRow(key="m", kind=RowKind.MESSAGE, text=text)])
    layout = view.bubble_delegate.layout_for(model.index(0))
    assert layout is not None and layout.text is not None
    shaped = layout.text.layout
    return shaped.text(), [shaped.lineAt(i) for i in range(shaped.lineCount())], layout.text.links


def test_a_link_with_an_override_reads_as_it_is_and_the_rest_of_the_bubble_keeps_its_order(view: MessageView) -> None:
    shown, lines, links = bubble_lines(view, f"see {EVIL}{AFTER}\nsecond line")
    assert "https://evil.example/⟨U+202E⟩fdp.exe" in shown and RLO not in shown
    ((start, end, url),) = links
    assert url == EVIL  # opening it goes to the real address, through the link handler's confirmation
    assert runs_left_to_right(xs(lines[0], 0, end))  # "…fdp.exe" as it is written, not "exe.pdf"
    after = shown.index(AFTER)
    assert runs_left_to_right(xs(lines[0], after, after + len(AFTER)))
    second = shown.index("second line")
    assert runs_left_to_right(xs(lines[1], second, second + len("second line")))


def test_an_override_outside_a_link_ends_with_its_line(view: MessageView) -> None:
    shown, lines, _ = bubble_lines(view, f"invoice {RLO}fdp.exe\nsecond line")
    second = shown.index("second line")
    assert runs_left_to_right(xs(lines[1], second, second + len("second line")))


class RecordingPainter(QPainter):
    """Paints as usual and keeps every string the delegate drew with drawText."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        self.texts.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)  # type: ignore[call-overload]


def test_names_and_file_names_in_a_bubble_are_drawn_as_isolates(view: MessageView) -> None:
    model = view.model()
    assert isinstance(model, MessageListModel)
    evil_name = f"Eve {RLO}lirpA"
    attachment = AttachmentView(id="f", message_id="m", kind="file", name=f"report{RLO}fdp.exe", size=10)
    row = MessageRow(
        key="m", kind=RowKind.MESSAGE, text="hi", sender_name=evil_name, show_sender=True, attachments=(attachment,)
    )
    model.set_rows([row])
    index = model.index(0)
    option = QStyleOptionViewItem()
    hint = view.bubble_delegate.sizeHint(option, index)
    option.rect = QRect(0, 0, view.viewport().width(), hint.height())
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    painter.setFont(QFont(view.font()))
    view.bubble_delegate.paint(painter, option, index)
    painter.end()
    drawn = [t for t in painter.texts if RLO in t]
    assert len(drawn) == 2  # the name and the file name
    for text in drawn:
        assert text.startswith("\u2068") and text.endswith(PDI) and text.count(PDI) == 1
        line = laid_out(text + AFTER)
        assert runs_left_to_right(xs(line, len(text), len(text) + len(AFTER)))

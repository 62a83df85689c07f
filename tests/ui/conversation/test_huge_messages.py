"""A huge message lays out in bounded time: a prefix in the bubble, "Show whole message", a viewer that lays out lazily.

Before, Qt laid out the whole text: a 262,144-character word took about 10 s here, 10 MB of words 14 s, and a 10 MB
word froze the window for many minutes (again at each start, since it is cached). The bounds below are generous.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from tests.helpers.message_view_support import model_of, shown_message_view
from unipile_desktop.core.message_list import (
    AttachmentView,
    MessageRow,
    QuoteView,
    RowKind,
    SendState,
)
from unipile_desktop.engine.display_text import SHOWN_CHARS
from unipile_desktop.ui.conversation.bubble_layout import Hit
from unipile_desktop.ui.conversation.delegate import SHOW_WHOLE
from unipile_desktop.ui.conversation.view import MessageView
from unipile_desktop.ui.conversation.whole_message import WholeMessageDialog

MB10 = 10 * 1024 * 1024
WORD_10MB = "x" * MB10
WORDS_10MB = ("lorem ipsum dolor sit amet " * (MB10 // 27 + 1))[:MB10]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MessageView]:
    yield shown_message_view(qtbot, 500)


def message(text: str, key: str = "m", **fields: object) -> MessageRow:
    return MessageRow(key=key, kind=RowKind.MESSAGE, text=text, **fields)  # type: ignore[arg-type]


def lay_out_and_paint(view: MessageView, row: MessageRow) -> float:
    """Seconds to add ``row``, lay it out (sizeHint) and paint it with the real delegate."""
    started = time.perf_counter()
    model_of(view).set_rows([row])
    index = model_of(view).index(0)
    delegate = view.bubble_delegate
    hint = delegate.sizeHint(QStyleOptionViewItem(), index)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, view.viewport().width(), hint.height())
    image = QImage(option.rect.width(), min(hint.height(), 2000), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return time.perf_counter() - started


def test_a_300k_character_word_lays_out_and_paints_quickly(view: MessageView) -> None:
    elapsed = lay_out_and_paint(view, message("x" * 300_000))
    assert elapsed < 1.5  # about 10 ms; the whole word laid out took over 10 s
    layout = view.bubble_delegate.layout_for(model_of(view).index(0))
    assert layout is not None and layout.text is not None and layout.more is not None
    assert len(layout.text.layout.text()) < SHOWN_CHARS + 20
    assert view.bubble_delegate.shows_part(model_of(view).index(0))


@pytest.mark.parametrize("text", [WORD_10MB, WORDS_10MB], ids=["one-word", "words"])
def test_a_10_mb_message_first_paints_in_bounded_time_and_stays_whole_in_the_model(
    view: MessageView, qtbot: QtBot, text: str
) -> None:
    started = time.perf_counter()
    model_of(view).set_rows([message("Earlier", key="a"), message(text, key="m")])
    view.viewport().grab()  # the first paint: every row laid out, the visible ones painted
    assert time.perf_counter() - started < 3.0  # well under a second; 14 s for words and minutes for one word before
    row = model_of(view).row_at(1)
    assert row is not None and row.text is text  # the bubble shows a prefix; the row keeps all of it
    index = model_of(view).index(1)
    assert view.bubble_delegate.text_layout_text(index).startswith(text[:100])


def test_show_whole_message_opens_a_viewer_with_all_of_it(view: MessageView, qtbot: QtBot) -> None:
    model_of(view).set_rows([message(WORD_10MB)])
    index = model_of(view).index(0)
    view.executeDelayedItemsLayout()
    layout = view.bubble_delegate.layout_for(index, view.visualRect(index).width())
    assert layout is not None and layout.more is not None and layout.more[1] == SHOW_WHOLE
    view.scrollTo(index)
    point = view.visualRect(index).topLeft() + layout.more[0].center().toPoint()
    assert view.hit_at(point)[1] == Hit("show_whole")
    started = time.perf_counter()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dialogs = view.findChildren(WholeMessageDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitExposed(dialog)
    dialog.grab()
    assert time.perf_counter() - started < 3.0  # the viewer lays out only what it shows (about 0.2 s)
    assert dialog.editor.isReadOnly() and dialog.note is not None
    assert dialog.editor.document().blockCount() > 1000  # short lines, not one 10 MB block
    QGuiApplication.clipboard().clear()
    dialog.copy_all()
    assert QGuiApplication.clipboard().text() == WORD_10MB  # exactly as written, without the viewer's cuts
    dialog.close()


def test_the_context_menu_offers_the_whole_message_only_when_the_bubble_shows_a_part(view: MessageView) -> None:
    model_of(view).set_rows([message("short", key="a"), message(WORDS_10MB, key="m")])
    view.executeDelayedItemsLayout()
    for row, offered in ((0, False), (1, True)):
        index = model_of(view).index(row)
        view.scrollTo(index)
        menu = view.build_context_menu(view.visualRect(index).center())
        assert menu is not None
        labels = [a.text() for a in menu.actions()]
        assert ("Show whole message" in labels) is offered and "Select text…" in labels
        menu.close()


def test_a_short_message_keeps_its_time_beside_the_text_and_offers_no_viewer(view: MessageView) -> None:
    model_of(view).set_rows([message("Hello there")])
    layout = view.bubble_delegate.layout_for(model_of(view).index(0))
    assert layout is not None and layout.more is None
    assert not view.bubble_delegate.shows_part(model_of(view).index(0))


def test_huge_names_quotes_file_names_events_and_errors_are_bounded_too(view: MessageView) -> None:
    huge = "y" * 2_000_000
    attachment = AttachmentView(id="f", message_id="m", kind="file", name=huge + ".pdf", size=10)
    rows = [
        message(
            "hi",
            sender_name=huge,
            show_sender=True,
            subject=huge,
            quote=QuoteView(sender_name=huge, text=huge),
            attachments=(attachment,),
        ),
        MessageRow(key="e", kind=RowKind.EVENT, text=huge),
        message("not sent", key="f", outgoing=True, state=SendState.FAILED, error=huge, local_id="l"),
    ]
    started = time.perf_counter()
    model_of(view).set_rows(rows)
    view.viewport().grab()
    view.tooltip_at(QPoint(10, 10))
    assert time.perf_counter() - started < 3.0  # each of these was laid out whole: seconds each before


def test_a_screen_reader_hears_what_the_bubble_shows_not_ten_megabytes(view: MessageView) -> None:
    model_of(view).set_rows([message(WORDS_10MB, key="m", sender_name="Zoë")])
    spoken = model_of(view).index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Zoë: " + WORDS_10MB[:100])
    assert len(spoken) < SHOWN_CHARS + 200 and "whole message" in spoken


def test_the_viewer_s_window_title_carries_no_bidi_control_from_the_sender_s_name(qtbot: QtBot) -> None:
    row = message("hello", sender_name="Eve \u202eexe.fdp")
    dialog = WholeMessageDialog(row)
    qtbot.addWidget(dialog)
    assert "\u202e" not in dialog.windowTitle() and dialog.windowTitle().startswith("Eve exe.fdp")

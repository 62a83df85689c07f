"""The bubbles' pure geometry: rectangles and hit tests from a row, made-up font sizes and measured text sizes.

Every font here is monospaced, 7 px a character, 16 px high: the expected numbers can be worked out by hand.
No QApplication is needed (one test proves it in a process of its own).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF

from unipile_desktop.core.message_list import AttachmentView, MessageRow, QuoteView, ReactionView, RowKind, SendState
from unipile_desktop.ui.conversation.bubble_layout import (
    FAILED_ACTIONS,
    SENT_TWICE_TEXT,
    UNSURE_ACTIONS,
    UNSURE_TEXT,
    BubbleMetrics,
    FontMeasure,
    Hit,
    RowLayout,
    TextSize,
    bubble_max_width,
    bubble_text_width,
    centered_layout,
    centered_text_width,
    hit_at,
    message_layout,
    meta_text,
    state_sentence,
    thread_column,
    thumbnail_size,
)
from unipile_desktop.ui.conversation.bubble_style import (
    BUBBLE_PAD_X,
    FILE_BOX_H,
    MAX_BUBBLE_WIDTH,
    SIDE_MARGIN,
    THREAD_MAX_WIDTH,
    THUMB_MAX_W,
)

CHAR = 7.0
LINE = 16.0
FONT = FontMeasure(height=LINE, ascent=12.0, advance=lambda text: CHAR * len(text))
METRICS = BubbleMetrics(small=FONT, bold_small=FONT, bold=FontMeasure(18.0, 14.0, lambda text: 8.0 * len(text)))
AT_9_30 = datetime(2024, 5, 6, 9, 30)  # naive: shown as "09:30" whatever the time zone
WIDTH = 800  # column 14..786, bubbles at most 520 wide, their content at most 498
INNER_MAX = 498


def message(text: str = "", **fields: object) -> MessageRow:
    return MessageRow(key="k", kind=RowKind.MESSAGE, text=text, timestamp=AT_9_30, **fields)  # type: ignore[arg-type]


def one_line(text: str) -> TextSize:
    width = CHAR * len(text)
    return TextSize(height=18.0, natural_width=width, last_line_width=width)


def picture(width: int | None = 640, height: int | None = 480, size: int | None = 1000) -> AttachmentView:
    return AttachmentView("a1", "m1", "img", "photo.png", size, "image/png", width, height)


def document(name: str = "invoice.pdf", size: int | None = 699) -> AttachmentView:
    return AttachmentView("f1", "m1", "file", name, size, "application/pdf")


def unsure_row(outgoing: bool = True) -> tuple[MessageRow, RowLayout]:
    row = message("Unsure one", outgoing=outgoing, state=SendState.UNSURE, error="The checks failed.", local_id="l1")
    sentence = state_sentence(row)
    assert sentence == f"{UNSURE_TEXT}. The checks failed."
    state = TextSize(height=16.0, natural_width=CHAR * len(sentence))
    return row, message_layout(row, WIDTH, METRICS, text=one_line("Unsure one"), state_text=state)


# ------------------------------------------------------------------------------------------------ widths


def test_the_thread_is_a_centred_column_on_wide_rows_and_bubbles_stay_readable() -> None:
    assert thread_column(WIDTH) == (SIDE_MARGIN, WIDTH - SIDE_MARGIN)
    left, right = thread_column(1500)
    assert right - left == THREAD_MAX_WIDTH - 2 * SIDE_MARGIN and left == (1500 - THREAD_MAX_WIDTH) / 2 + SIDE_MARGIN
    assert bubble_max_width(WIDTH) == MAX_BUBBLE_WIDTH  # 70 % of 772 would be 540
    assert bubble_max_width(500) == int((500 - 2 * SIDE_MARGIN) * 0.7)  # a narrow window: a share of the column
    assert bubble_max_width(100) == 160  # never narrower than that
    assert bubble_text_width(WIDTH) == INNER_MAX


def test_thumbnails_shrink_to_fit_and_never_grow() -> None:
    assert thumbnail_size(640, 480, 260, 240) == (260.0, 195.0)
    assert thumbnail_size(40, 30, 260, 240) == (40.0, 30.0)  # small: its own size
    assert thumbnail_size(10, 2000, 260, 240) == (10.0, 240.0)  # thin: cropped, not stretched past its own side


# ------------------------------------------------------------------------------------------------ text bubbles


def test_a_short_incoming_text_has_its_time_on_the_same_line() -> None:
    layout = message_layout(message("Hello"), WIDTH, METRICS, text=one_line("Hello"))
    # Content: "Hello" (35) + 10 + "09:30" (35) = 80 wide, padded by 11 on each side; on the column's left edge.
    assert layout.bubble == QRectF(SIDE_MARGIN, 3, 80 + 2 * BUBBLE_PAD_X, 7 + 18 + 7)
    assert layout.text_area == QRectF(SIDE_MARGIN + BUBBLE_PAD_X, 10, 80, 18)
    assert layout.meta is not None
    meta_rect, words = layout.meta
    assert words == "09:30"
    assert meta_rect.right() == layout.text_area.right() and meta_rect.bottom() == layout.text_area.bottom()
    assert layout.height == 39  # bubble bottom 35, the row's padding and a pixel
    assert layout.buttons == [] and layout.error_area is None and layout.reactions == []


def test_an_outgoing_bubble_sits_on_the_right_edge_with_the_same_size() -> None:
    incoming = message_layout(message("Hello"), WIDTH, METRICS, text=one_line("Hello"))
    outgoing = message_layout(message("Hello", outgoing=True, seen=True), WIDTH, METRICS, text=one_line("Hello"))
    assert outgoing.meta is not None and outgoing.meta[1] == "09:30 · Seen"
    assert outgoing.bubble.right() == WIDTH - SIDE_MARGIN
    assert outgoing.bubble.left() > WIDTH / 2 > incoming.bubble.right()
    assert outgoing.bubble.width() == 2 * BUBBLE_PAD_X + 5 * CHAR + 10 + len("09:30 · Seen") * CHAR


def test_a_long_wrapped_text_fills_the_widest_bubble_and_puts_its_time_below() -> None:
    wrapped = TextSize(height=3 * 18.0, natural_width=490.0, last_line_width=480.0)  # the time does not fit after it
    layout = message_layout(message("long " * 40), WIDTH, METRICS, text=wrapped)
    assert layout.bubble.width() == 490 + 2 * BUBBLE_PAD_X <= MAX_BUBBLE_WIDTH
    assert layout.text_area is not None and layout.meta is not None
    meta_rect = layout.meta[0]
    assert meta_rect.top() == layout.text_area.bottom() + 2  # a line of its own
    assert meta_rect.right() == layout.text_area.right()
    assert layout.bubble.bottom() == meta_rect.bottom() + 7
    assert layout.height > layout.bubble.bottom()


def test_wide_text_is_capped_at_the_widest_bubble() -> None:
    too_wide = TextSize(height=18.0, natural_width=900.0, last_line_width=900.0)
    layout = message_layout(message("x" * 130), WIDTH, METRICS, text=too_wide)
    assert layout.bubble.width() == MAX_BUBBLE_WIDTH


def test_right_to_left_text_never_has_the_time_on_its_last_line() -> None:
    arabic = TextSize(height=18.0, natural_width=70.0, last_line_width=70.0, rtl=True)
    layout = message_layout(message("مرحبا"), WIDTH, METRICS, text=arabic)
    assert layout.text_area is not None and layout.meta is not None
    assert layout.meta[0].top() == layout.text_area.bottom() + 2


def test_sender_subject_and_quote_stack_above_the_text() -> None:
    row = message(
        "Re",
        sender_name="Zoë",
        sender_key="zoe",
        show_sender=True,
        subject="Invoice",
        quote=QuoteView("You", "the quoted words"),
    )
    layout = message_layout(row, WIDTH, METRICS, text=one_line("Re"), quote_lines=["the quoted words"])
    assert layout.sender is not None and layout.subject is not None and layout.quote_box is not None
    assert layout.bubble.top() == 3 + 4  # a named sender's bubble sits a little lower
    sender, subject = layout.sender[0], layout.subject[0]
    assert sender.bottom() + 2 == subject.top()
    assert subject.bottom() + 2 == layout.quote_box.top()
    assert layout.quote_name is not None and layout.quote_name[1] == "You"
    ((baseline, line),) = layout.quote_lines
    assert line == "the quoted words" and layout.quote_box.contains(baseline)
    assert layout.text_area is not None and layout.text_area.top() == layout.quote_box.bottom() + 6
    # The quote is the widest piece: its line and the quote's inset.
    assert layout.quote_box.width() == len("the quoted words") * CHAR + 14


# ------------------------------------------------------------------------------------------------ attachments


def test_a_picture_is_a_thumbnail_of_its_shape_above_the_caption() -> None:
    layout = message_layout(message("caption", attachments=(picture(),)), WIDTH, METRICS, text=one_line("caption"))
    ((rect, attachment),) = layout.attachments
    assert attachment.name == "photo.png"
    assert (rect.width(), rect.height()) == (THUMB_MAX_W, 195)  # 640×480 scaled down, 4:3 kept
    assert rect.topLeft() == QPointF(SIDE_MARGIN + BUBBLE_PAD_X, 10)
    assert layout.text_area is not None and layout.text_area.top() == rect.bottom() + 6
    assert layout.bubble.width() == THUMB_MAX_W + 2 * BUBBLE_PAD_X
    assert layout.file_links == []  # a picture is opened by a click on it


def test_a_picture_without_a_size_is_a_4_by_3_box_until_its_own_size_is_seen() -> None:
    row = message(attachments=(picture(None, None),))
    unknown = message_layout(row, WIDTH, METRICS)
    assert (unknown.attachments[0][0].width(), unknown.attachments[0][0].height()) == (THUMB_MAX_W, 195)
    seen = message_layout(row, WIDTH, METRICS, seen_size=lambda attachment: (40, 30))
    assert (seen.attachments[0][0].width(), seen.attachments[0][0].height()) == (40, 30)


def test_an_attachment_only_bubble_keeps_its_time_close_under_the_last_box() -> None:
    layout = message_layout(message(attachments=(picture(),)), WIDTH, METRICS)
    assert layout.text_area is None and layout.meta is not None
    assert layout.meta[0].top() == layout.attachments[0][0].bottom() + 2


def test_a_file_box_offers_save_as_and_open_side_by_side_after_its_size() -> None:
    layout = message_layout(message(attachments=(document(),)), WIDTH, METRICS)
    ((box, _),) = layout.attachments
    assert box.height() == FILE_BOX_H and box.width() == 280
    (save, save_kind, _), (open_, open_kind, _) = layout.file_links
    assert (save_kind, open_kind) == ("save", "open")
    assert save.left() == box.left() + 44 + len("699 B   ") * CHAR  # after the glyph and the size
    assert save.right() + 12 == open_.left() and save.top() == open_.top()
    assert box.contains(save) and box.contains(open_)


def test_a_program_is_offered_save_as_only() -> None:
    layout = message_layout(message(attachments=(document("setup.exe"),)), WIDTH, METRICS)
    assert [kind for _, kind, _ in layout.file_links] == ["save"]


def test_reactions_hang_under_the_bubble_on_its_outer_side() -> None:
    reactions = (ReactionView("👍", 2, True), ReactionView("❤", 1, False))
    incoming = message_layout(message("Hi", reactions=reactions), WIDTH, METRICS, text=one_line("Hi"))
    outgoing = message_layout(message("Hi", reactions=reactions, outgoing=True), WIDTH, METRICS, text=one_line("Hi"))
    (first, label, mine), (second, _, _) = incoming.reactions
    assert (label, mine) == ("👍 2", True)
    assert first.top() == incoming.bubble.bottom() + 3 and first.left() == incoming.bubble.left() + 8
    assert first.right() + 4 == second.left()
    assert outgoing.reactions[-1][0].right() == outgoing.bubble.right()
    assert incoming.height >= first.bottom()


# ------------------------------------------------------------------------------------------------ failed and unsure


def test_an_unsure_bubble_has_its_sentence_and_three_buttons_in_a_row_that_do_not_overlap() -> None:
    row, layout = unsure_row()
    assert layout.meta is not None and layout.meta[1] == f"09:30 · {UNSURE_TEXT}"
    assert [(kind, label) for _, kind, label in layout.buttons] == list(UNSURE_ACTIONS)
    rects = [rect for rect, _, _ in layout.buttons]
    assert layout.error_area is not None
    assert layout.error_area.top() == layout.bubble.bottom() + 4
    assert layout.error_area.right() == WIDTH - SIDE_MARGIN  # an outgoing bubble's side
    for left, right in pairwise(rects):
        assert left.right() + 6 == right.left() and left.top() == right.top()
        assert not left.intersects(right)
    for rect, (_, label) in zip(rects, UNSURE_ACTIONS, strict=True):
        assert rect.width() == len(label) * CHAR + 20
        assert rect.top() == layout.error_area.bottom() + 4 and not rect.intersects(layout.bubble)
    assert rects[-1].right() == WIDTH - SIDE_MARGIN
    assert layout.height >= rects[0].bottom()


def test_a_failed_incoming_row_starts_its_buttons_at_the_column_left() -> None:
    row = message("Oops", state=SendState.FAILED, error="No network.")
    assert state_sentence(row) == "Not sent. No network."
    layout = message_layout(row, WIDTH, METRICS, text=one_line("Oops"), state_text=TextSize(16.0, 147.0))
    assert [(kind, label) for _, kind, label in layout.buttons] == list(FAILED_ACTIONS)
    assert layout.buttons[0][0].left() == SIDE_MARGIN
    assert layout.error_area == QRectF(SIDE_MARGIN, layout.bubble.bottom() + 4, 148, 16)


def test_a_failed_or_unsure_row_needs_its_sentence_measured() -> None:
    with pytest.raises(ValueError):
        message_layout(message("Oops", state=SendState.FAILED), WIDTH, METRICS, text=one_line("Oops"))


def test_the_state_words_say_how_an_outgoing_message_stands() -> None:
    assert meta_text(message("x", outgoing=True, sent_twice=True)) == f"09:30 · {SENT_TWICE_TEXT}"
    assert meta_text(message("x", outgoing=True, state=SendState.QUEUED, edited=True)) == (
        "edited · 09:30 · Waiting to send"
    )
    assert meta_text(message("x", outgoing=False, seen=True)) == "09:30"
    assert state_sentence(message("x")) is None
    engine_words = message("x", state=SendState.UNSURE, error=f"{UNSURE_TEXT}: no answer")
    assert state_sentence(engine_words) == f"{UNSURE_TEXT}: no answer"  # not said twice


# ------------------------------------------------------------------------------------------------ day separators


def test_a_day_separator_is_a_centred_pill_and_an_event_has_none() -> None:
    day = MessageRow(key="d", kind=RowKind.DAY, text="Today")
    size = TextSize(height=16.0, natural_width=35.0)
    layout = centered_layout(day, WIDTH, size, pill=True)
    assert layout.center_box == QRectF((WIDTH - 59) / 2, 9, 59, 24)
    assert layout.center_area == QRectF((WIDTH - centered_text_width(WIDTH)) / 2, 13, 456, 16)
    assert layout.height == 42  # the pill's bottom (33), 6 below it and the row's padding
    event = centered_layout(MessageRow(key="e", kind=RowKind.EVENT, text="Zoë joined"), WIDTH, size, pill=False)
    assert event.center_box is None and event.height == layout.height
    assert hit_at(layout, QPointF(WIDTH / 2, 20)) is None  # nothing to click on a separator


# ------------------------------------------------------------------------------------------------ hit tests


def test_a_point_on_each_button_hits_that_button_and_a_gap_hits_nothing() -> None:
    _, layout = unsure_row()
    for rect, kind, _ in layout.buttons:
        assert hit_at(layout, rect.center()) == Hit(kind)
    first, second = layout.buttons[0][0], layout.buttons[1][0]
    gap = QPointF((first.right() + second.left()) / 2, first.center().y())
    assert hit_at(layout, gap) is None
    assert hit_at(layout, layout.bubble.center()) == Hit("bubble")
    assert hit_at(layout, QPointF(1, 1)) is None


def test_hits_on_file_links_pictures_and_text_links() -> None:
    row = message("see x.org", attachments=(document(), picture(size=25 * 1024 * 1024)))
    layout = message_layout(row, WIDTH, METRICS, text=one_line("see x.org"))
    (file_rect, file), (picture_rect, big_picture) = layout.attachments
    save_rect, _, _ = layout.file_links[0]
    assert hit_at(layout, save_rect.center()) == Hit("save", attachment=file)
    just_above = QPointF(save_rect.center().x(), save_rect.top() - 2)  # small words: a little slack around them
    assert hit_at(layout, just_above) == Hit("save", attachment=file)
    assert hit_at(layout, QPointF(file_rect.left() + 2, file_rect.top() + 2)) == Hit("bubble", attachment=file)
    centre = picture_rect.center()
    assert hit_at(layout, centre) == Hit("image", attachment=big_picture)
    assert hit_at(layout, centre, needs_click=lambda a: a is big_picture) == Hit("load_picture", attachment=big_picture)
    assert layout.text_area is not None
    on_text = layout.text_area.center()
    assert hit_at(layout, on_text) == Hit("bubble")
    assert hit_at(layout, on_text, link_at=lambda p: "https://x.org" if p == on_text else None) == Hit(
        "link", url="https://x.org"
    )


def test_a_text_shown_in_part_offers_the_whole_message_with_its_time_beside_it() -> None:
    wrapped = TextSize(height=57 * 18.0, natural_width=490.0, last_line_width=100.0)
    layout = message_layout(message("x" * 4000), WIDTH, METRICS, text=wrapped, more_label="Show whole message")
    assert layout.text_area is not None and layout.more is not None and layout.meta is not None
    more_rect, label = layout.more
    assert label == "Show whole message" and more_rect.top() == layout.text_area.bottom() + 2
    assert more_rect.left() == layout.text_area.left() and more_rect.width() == CHAR * len(label)
    assert layout.meta[0].top() == more_rect.top() and layout.meta[0].right() == layout.text_area.right()
    assert layout.bubble.bottom() == more_rect.bottom() + 7
    assert hit_at(layout, more_rect.center()) == Hit("show_whole")
    assert hit_at(layout, layout.text_area.center()) == Hit("bubble")


def test_huge_names_and_subjects_are_measured_on_a_bounded_start() -> None:
    measured: list[int] = []

    def advance(text: str) -> float:
        measured.append(len(text))
        return CHAR * len(text)

    font = FontMeasure(height=LINE, ascent=12.0, advance=advance)
    huge = "n" * 5_000_000
    row = message("hi", sender_name=huge, show_sender=True, subject=huge, quote=QuoteView(huge, "quoted"))
    layout = message_layout(row, WIDTH, BubbleMetrics(font, font, font), text=one_line("hi"), quote_lines=["quoted"])
    assert max(measured) <= 200
    assert layout.sender is not None and len(layout.sender[1]) <= 200
    assert layout.subject is not None and len(layout.subject[1]) <= 200
    assert layout.quote_name is not None and len(layout.quote_name[1]) <= 200


def test_the_layout_needs_no_qapplication() -> None:
    script = (
        "from PySide6.QtGui import QGuiApplication\n"
        "from unipile_desktop.core.message_list import MessageRow, RowKind\n"
        "from unipile_desktop.ui.conversation.bubble_layout import "
        "BubbleMetrics, FontMeasure, TextSize, message_layout\n"
        "font = FontMeasure(16.0, 12.0, lambda text: 7.0 * len(text))\n"
        "row = MessageRow(key='k', kind=RowKind.MESSAGE, text='Hello')\n"
        "layout = message_layout(row, 800, BubbleMetrics(font, font, font), text=TextSize(18.0, 35.0, 35.0))\n"
        "assert QGuiApplication.instance() is None\n"
        "print(layout.bubble.width(), layout.height)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["67.0", "39"]  # "Hello" (35) and the room before a time (10), padded by 11 twice

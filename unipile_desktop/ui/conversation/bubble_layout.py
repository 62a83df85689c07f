"""Where each part of a row goes: pure geometry from the row, its measured text and its fonts' sizes.

Nothing here paints, shapes text or needs a QApplication: text is wrapped by the caller (``TextSize`` says how
big it came out) and fonts are given as numbers and a width function (``FontMeasure``). Rectangles are QRectF,
plain values from QtCore. The caller then places its shaped text at ``text_area``, ``error_area`` and
``center_area``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPointF, QRectF

from ...core.message_list import AttachmentView, MessageRow, QuoteView, RowKind, SendState
from ...engine.display_text import short_line
from ...texts import QT_TRANSLATE_NOOP, translate
from ..format import clock_time, human_size
from .bubble_style import (
    BUBBLE_PAD_X,
    BUBBLE_PAD_Y,
    BUBBLE_WIDTH_SHARE,
    BUTTON_PAD,
    BUTTON_SPACING,
    CENTERED_MAX_WIDTH,
    CENTERED_PAD,
    FILE_BOX_H,
    FILE_BOX_W,
    FILE_LINK_SPACING,
    FILE_TEXT_INDENT,
    GAP,
    MAX_BUBBLE_WIDTH,
    META_SPACING,
    MIN_BUBBLE_WIDTH,
    MIN_INNER_WIDTH,
    QUOTE_INDENT,
    QUOTE_INSET,
    REACTION_PAD,
    REACTION_SPACING,
    ROW_PAD,
    SENDER_ROW_EXTRA,
    SIDE_MARGIN,
    THREAD_MAX_WIDTH,
    THUMB_MAX_H,
    THUMB_MAX_W,
    THUMB_MIN_SIDE,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLayout

HitKind = Literal[
    "link",
    "image",
    "load_picture",
    "save",
    "open",
    "retry",
    "edit",
    "discard",
    "check_again",
    "send_again",
    "confirm_sent",
    "bubble",
    "show_whole",
    "without_quote",
]
# The buttons under a bubble, by state: a failed send, and one the outbox could not tell had arrived.
# Their labels are marked for translation here and translated where shown (``translated_actions``).
FAILED_ACTIONS: tuple[tuple[HitKind, str], ...] = (
    ("retry", QT_TRANSLATE_NOOP("BubbleLayout", "Retry")),
    ("edit", QT_TRANSLATE_NOOP("BubbleLayout", "Edit")),
    ("discard", QT_TRANSLATE_NOOP("BubbleLayout", "Discard")),
)
UNSURE_ACTIONS: tuple[tuple[HitKind, str], ...] = (
    ("check_again", QT_TRANSLATE_NOOP("BubbleLayout", "Check again")),
    ("send_again", QT_TRANSLATE_NOOP("BubbleLayout", "Send again")),
    ("confirm_sent", QT_TRANSLATE_NOOP("BubbleLayout", "It was sent")),
)
PRIMARY_ACTIONS = ("retry", "check_again", "without_quote")  # drawn bold, in the state's colour
UNSURE_TEXT = QT_TRANSLATE_NOOP("BubbleLayout", "Not sure this was sent")
SENT_TWICE_TEXT = QT_TRANSLATE_NOOP("BubbleLayout", "Sent twice")
REACTION_CHARS = 16


@dataclass(frozen=True, slots=True)
class Hit:
    kind: HitKind
    url: str = ""
    attachment: AttachmentView | None = None


@dataclass(frozen=True, slots=True)
class FontMeasure:
    """One font's sizes as the layout needs them: QFontMetricsF's in the app, made-up numbers in a test."""

    height: float
    ascent: float
    advance: Callable[[str], float]  # the width of a piece of text on one line


@dataclass(frozen=True, slots=True)
class BubbleMetrics:
    """The fonts a bubble measures with, besides its message text (see BubbleFonts)."""

    small: FontMeasure
    bold_small: FontMeasure
    bold: FontMeasure


@dataclass(frozen=True, slots=True)
class TextSize:
    """How big a piece of text came out once wrapped to a width."""

    height: float
    natural_width: float  # its widest line
    last_line_width: float = 0.0
    rtl: bool = False


@dataclass
class TextBlock:
    """Shaped text and where it is drawn (``origin``, the top-left of its area in the row)."""

    layout: QTextLayout
    origin: QPointF
    links: list[tuple[int, int, str]]  # start, end, url
    rtl: bool


@dataclass
class RowLayout:
    """Geometry of one row relative to its item's top-left; built once per (row, width)."""

    row: MessageRow
    width: int
    height: int
    bubble: QRectF = field(default_factory=QRectF)
    sender: tuple[QRectF, str] | None = None
    subject: tuple[QRectF, str] | None = None
    quote_box: QRectF | None = None
    quote_name: tuple[QRectF, str] | None = None
    quote_lines: list[tuple[QPointF, str]] = field(default_factory=list)  # each line's baseline start
    attachments: list[tuple[QRectF, AttachmentView]] = field(default_factory=list)
    file_links: list[tuple[QRectF, HitKind, AttachmentView]] = field(default_factory=list)
    text_area: QRectF | None = None  # the message text: where it starts and the width it wraps at
    text: TextBlock | None = None
    more: tuple[QRectF, str] | None = None  # "Show whole message" under a text shown only in part
    meta: tuple[QRectF, str] | None = None
    reactions: list[tuple[QRectF, str, bool]] = field(default_factory=list)  # rect, label, mine
    error_area: QRectF | None = None  # the sentence under a failed or unsure bubble
    error: TextBlock | None = None
    buttons: list[tuple[QRectF, HitKind, str]] = field(default_factory=list)
    center_area: QRectF | None = None  # day separators and events: their text
    center_text: TextBlock | None = None
    center_box: QRectF | None = None  # a day separator's pill


# ------------------------------------------------------------------------------------------------ widths


def thread_column(width: int) -> tuple[float, float]:
    """Left and right edge of the bubbles' column in a row ``width`` wide (margins included)."""
    column = min(width, THREAD_MAX_WIDTH)
    left = (width - column) / 2
    return left + SIDE_MARGIN, left + column - SIDE_MARGIN


def bubble_max_width(width: int) -> int:
    """The widest a bubble gets in a row ``width`` wide."""
    column_left, column_right = thread_column(width)
    return max(MIN_BUBBLE_WIDTH, min(MAX_BUBBLE_WIDTH, int((column_right - column_left) * BUBBLE_WIDTH_SHARE)))


def bubble_text_width(width: int) -> int:
    """The widest a bubble's content gets (the width its text is first wrapped at)."""
    return bubble_max_width(width) - 2 * BUBBLE_PAD_X


def quote_text_width(width: int) -> int:
    """The width a quoted message's text is wrapped at."""
    return bubble_text_width(width) - QUOTE_INSET


def centered_text_width(width: int) -> int:
    """The width a day separator's or an event's text is wrapped at."""
    return min(width - 2 * SIDE_MARGIN, CENTERED_MAX_WIDTH) - CENTERED_PAD


def thumbnail_size(width: int, height: int, max_width: float, max_height: float) -> tuple[float, float]:
    """A ``width``×``height`` picture fitted in max_width×max_height: scaled down when larger, never enlarged
    (stretching a small picture only blurs it). A very thin picture keeps a clickable side of THUMB_MIN_SIDE, cropped
    rather than stretched, so that side never exceeds the picture's own."""
    scale = min(1.0, max_width / width, max_height / height)
    thumb_w = max(min(THUMB_MIN_SIDE, width), round(width * scale))
    thumb_h = max(min(THUMB_MIN_SIDE, height), round(height * scale))
    return float(min(thumb_w, max_width)), float(min(thumb_h, max_height))


def shows_picture(attachment: AttachmentView) -> bool:
    """Drawn as a thumbnail (or its placeholder) rather than a file box."""
    return attachment.is_image and bool(attachment.message_id) and not attachment.unavailable


def attachment_size(attachment: AttachmentView, inner_max: float, seen: tuple[int, int] | None) -> tuple[float, float]:
    """An attachment's box: a picture's thumbnail (also its placeholder's before it is in), or a file box.

    ``seen`` is the picture's own size once it was loaded: it beats the size the server announced.
    """
    if not shows_picture(attachment):
        return min(inner_max, FILE_BOX_W), float(FILE_BOX_H)
    w, h = seen if seen is not None else (attachment.width or 0, attachment.height or 0)
    max_w = min(float(THUMB_MAX_W), inner_max)
    if not w or not h:
        return max_w, round(max_w * 3 / 4)  # size unknown: a 4:3 box until the picture says otherwise
    return thumbnail_size(w, h, max_w, float(THUMB_MAX_H))


# ------------------------------------------------------------------------------------------------ words


def meta_text(row: MessageRow) -> str:
    """The small words at a bubble's bottom right: edited, the time, and how an outgoing message stands."""
    parts = []
    if row.edited:
        parts.append(translate("BubbleLayout", "edited"))
    parts.append(clock_time(row.timestamp))
    if row.outgoing:
        if row.state == SendState.PENDING:
            parts.append(translate("BubbleLayout", "Sending…"))
        elif row.state == SendState.QUEUED:
            parts.append(translate("BubbleLayout", "Waiting to send"))
        elif row.state == SendState.UNKNOWN:
            parts.append(translate("BubbleLayout", "Checking whether it arrived…"))
        elif row.state == SendState.UNSURE:
            parts.append(translate("BubbleLayout", UNSURE_TEXT))
        elif row.state == SendState.FAILED:
            parts.append(translate("BubbleLayout", "Not sent"))
        elif row.sent_twice:
            parts.append(translate("BubbleLayout", SENT_TWICE_TEXT))  # words, not only a colour: may delete one copy
        elif row.seen:
            parts.append(translate("BubbleLayout", "Seen"))
        elif row.delivered:
            parts.append("✓✓")
        else:
            parts.append("✓")
    return " · ".join(p for p in parts if p)


def state_sentence(row: MessageRow) -> str | None:
    """The sentence under a failed or unsure bubble, above its buttons; None for any other row."""
    if row.state == SendState.FAILED:
        if row.error:
            return translate("BubbleLayout", "Not sent. {error}").format(error=row.error)
        return translate("BubbleLayout", "Not sent.")
    if row.state == SendState.UNSURE:  # the engine's sentence (plain text, never markup) says what the checks found
        if row.error.startswith((UNSURE_TEXT, translate("BubbleLayout", UNSURE_TEXT))):
            return row.error
        if row.error:
            return translate("BubbleLayout", "Not sure this was sent. {error}").format(error=row.error)
        return translate("BubbleLayout", "Not sure this was sent.")
    return None


def translated_actions(actions: Sequence[tuple[HitKind, str]]) -> tuple[tuple[HitKind, str], ...]:
    """``FAILED_ACTIONS`` or ``UNSURE_ACTIONS`` with their labels in the agent's language."""
    return tuple((kind, translate("BubbleLayout", label)) for kind, label in actions)


def file_link_label(kind: str) -> str:
    """The words of a file box's link: "Save as…" or "Open" (measured here, drawn by the painter)."""
    return translate("BubbleLayout", "Save as…") if kind == "save" else translate("BubbleLayout", "Open")


def state_actions(row: MessageRow) -> tuple[tuple[HitKind, str], ...]:
    """The buttons under the bubble: none unless the send failed or may not have arrived."""
    if row.state == SendState.FAILED and row.quote_gone:  # Retry would be refused again: offer the text alone
        return (
            ("without_quote", translate("Reply", "Send without the quote")),
            *translated_actions(FAILED_ACTIONS[1:]),
        )
    if row.state == SendState.FAILED:
        return translated_actions(FAILED_ACTIONS)
    if row.state == SendState.UNSURE:
        return translated_actions(UNSURE_ACTIONS)
    return ()


# ------------------------------------------------------------------------------------------------ rows


def centered_layout(row: MessageRow, width: int, text: TextSize, *, pill: bool) -> RowLayout:
    """A day separator (``pill``: on a rounded box) or an event line, centred in the row (so in the column too).

    ``text`` is the row's text wrapped at ``centered_text_width(width)``, centred.
    """
    text_width = centered_text_width(width)
    box_w = min(text_width + CENTERED_PAD, text.natural_width + CENTERED_PAD)
    box = QRectF((width - box_w) / 2, ROW_PAD + 6, box_w, text.height + 8)
    area = QRectF((width - text_width) / 2, box.top() + 4, text_width, text.height)
    height = math.ceil(box.bottom() + 6 + ROW_PAD)
    return RowLayout(row=row, width=width, height=height, center_area=area, center_box=box if pill else None)


def message_layout(
    row: MessageRow,
    width: int,
    metrics: BubbleMetrics,
    *,
    text: TextSize | None = None,
    quote_lines: Sequence[str] = (),
    state_text: TextSize | None = None,
    seen_size: Callable[[AttachmentView], tuple[int, int] | None] = lambda attachment: None,
    more_label: str | None = None,
) -> RowLayout:
    """A message bubble with everything around it, in a row ``width`` wide.

    ``text``: the message text wrapped at ``bubble_text_width(width)`` (None when it has none). ``quote_lines``:
    the quoted message's lines as shown (wrapped at ``quote_text_width(width)``, at most QUOTE_MAX_LINES, the last
    elided). ``state_text``: ``state_sentence(row)`` wrapped at ``bubble_max_width(width)``, required for a failed
    or unsure row. ``seen_size``: a picture's own size once loaded, if it was. ``more_label``: the link under a
    text that shows only the start of its message ("Show whole message"), the time beside it when it fits.

    Names and the subject are cut to ``short_line`` first: a name from the network may be megabytes long.
    """
    small, bold_small = metrics.small, metrics.bold_small
    column_left, column_right = thread_column(width)
    inner_max = bubble_text_width(width)
    out = RowLayout(row=row, width=width, height=0)

    # Measure every piece at the widest allowed width, then shrink the bubble to the widest piece.
    widths: list[float] = []
    sender_name, subject = short_line(row.sender_name), short_line(row.subject)
    sender_w = bold_small.advance(sender_name) if row.show_sender and sender_name else 0.0
    widths.append(min(sender_w, inner_max))
    subject_w = metrics.bold.advance(subject) if subject else 0.0
    widths.append(min(subject_w, inner_max))
    if row.quote is not None:
        name_w = bold_small.advance(short_line(row.quote.sender_name))
        line_ws = [small.advance(line) for line in quote_lines]
        widths.append(min(inner_max, max([name_w, *line_ws, MIN_INNER_WIDTH]) + QUOTE_INSET))
    attachment_sizes = [attachment_size(a, inner_max, seen_size(a)) for a in row.attachments]
    widths.extend(w for w, _ in attachment_sizes)
    meta = meta_text(row)
    meta_w = small.advance(meta)
    inline_meta = False  # the time fits at the end of the text's last line
    more_w = small.advance(more_label) if more_label else 0.0
    if text is not None:
        after_last_line = text.last_line_width + META_SPACING + meta_w
        inline_meta = not text.rtl and more_label is None and after_last_line <= inner_max
        widths.append(max(text.natural_width, after_last_line) if inline_meta else text.natural_width)
    if more_label:
        widths.append(min(inner_max, more_w + META_SPACING + meta_w))
    elif not inline_meta:
        widths.append(meta_w)

    inner_w = math.ceil(min(inner_max, max(widths + [MIN_INNER_WIDTH])))
    bubble_w = inner_w + 2 * BUBBLE_PAD_X
    left = column_right - bubble_w if row.outgoing else column_left
    sender_extra = SENDER_ROW_EXTRA if row.show_sender else 0
    x = float(left + BUBBLE_PAD_X)
    y = float(ROW_PAD + sender_extra + BUBBLE_PAD_Y)

    if row.show_sender and sender_name:
        h = bold_small.height
        out.sender = (QRectF(x, y, inner_w, h), sender_name)
        y += h + 2
    if subject:
        h = metrics.bold.height
        out.subject = (QRectF(x, y, inner_w, h), subject)
        y += h + 2
    if row.quote is not None:
        y = _place_quote(out, row.quote, quote_lines, x, y, inner_w, metrics)
    for attachment, (w, h) in zip(row.attachments, attachment_sizes, strict=True):
        _place_attachment(out, attachment, QRectF(x, y, w, h), small)
        y += h + GAP
    if text is not None:
        out.text_area = QRectF(x, y, inner_w, text.height)
        y += text.height
    meta_h = small.height
    if text is not None and inline_meta:
        out.meta = (QRectF(x + inner_w - meta_w, y - meta_h, meta_w, meta_h), meta)
    elif more_label:
        y += 2
        out.more = (QRectF(x, y, min(more_w, inner_w), meta_h), more_label)
        if more_w + META_SPACING + meta_w > inner_w:  # no room for the time beside it: under it
            y += meta_h
        out.meta = (QRectF(x + inner_w - meta_w, y, meta_w, meta_h), meta)
        y += meta_h
    else:
        if text is not None or not row.attachments:
            y += 2
        else:
            y -= GAP - 2
        out.meta = (QRectF(x + inner_w - meta_w, y, meta_w, meta_h), meta)
        y += meta_h
    y += BUBBLE_PAD_Y
    out.bubble = QRectF(left, ROW_PAD + sender_extra, bubble_w, y - ROW_PAD - sender_extra)
    y = out.bubble.bottom()
    if row.reactions:
        y = _place_reactions(out, y, small)
    actions = state_actions(row)
    if actions:
        if state_text is None:
            raise ValueError(f"a {row.state} row needs its state sentence measured")
        y = _place_state(out, actions, state_text, (column_left, column_right), y, small)
    out.height = math.ceil(y + ROW_PAD + 1)
    return out


def _place_quote(
    out: RowLayout, quote: QuoteView, lines: Sequence[str], x: float, y: float, inner_w: int, metrics: BubbleMetrics
) -> float:
    top = y
    qy = y + 4
    if quote.sender_name:
        h = metrics.bold_small.height
        out.quote_name = (QRectF(x + QUOTE_INDENT, qy, inner_w - QUOTE_INSET, h), short_line(quote.sender_name))
        qy += h
    for line in lines:
        out.quote_lines.append((QPointF(x + QUOTE_INDENT, qy + metrics.small.ascent), line))
        qy += metrics.small.height
    out.quote_box = QRectF(x, top, inner_w, qy - top + 4)
    return out.quote_box.bottom() + GAP


def _place_attachment(out: RowLayout, attachment: AttachmentView, rect: QRectF, small: FontMeasure) -> None:
    out.attachments.append((rect, attachment))
    if not (attachment.is_image and attachment.message_id) and attachment.downloadable:
        # A file box's links sit on its second line, after the file's size.
        link_y = rect.top() + 6 + small.height + 2
        size_text = human_size(attachment.size)
        lx = rect.left() + FILE_TEXT_INDENT + (small.advance(size_text + "   ") if size_text else 0)
        offered: tuple[tuple[HitKind, str], ...] = (("save", file_link_label("save")),)
        if attachment.openable:
            offered = (("save", file_link_label("save")), ("open", file_link_label("open")))
        for kind, label in offered:
            lw = small.advance(label)
            out.file_links.append((QRectF(lx, link_y, lw, small.height), kind, attachment))
            lx += lw + FILE_LINK_SPACING


def _place_reactions(out: RowLayout, y: float, small: FontMeasure) -> float:
    """The reaction pills under the bubble, on its outer side; returns the y below them."""
    y += 3
    pill_h = small.height + 6
    pills: list[tuple[float, str, bool]] = []
    for reaction in out.row.reactions:
        value = short_line(reaction.value, REACTION_CHARS)  # an emoji, but from the network
        label = value if reaction.count == 1 else f"{value} {reaction.count}"
        pills.append((small.advance(label) + REACTION_PAD, label, reaction.mine))
    total = sum(p[0] for p in pills) + REACTION_SPACING * (len(pills) - 1)
    px = (out.bubble.right() - total) if out.row.outgoing else out.bubble.left() + 8
    for w, label, mine in pills:
        out.reactions.append((QRectF(px, y, w, pill_h), label, mine))
        px += w + REACTION_SPACING
    return y + pill_h


def _place_state(
    out: RowLayout,
    actions: tuple[tuple[HitKind, str], ...],
    sentence: TextSize,
    column: tuple[float, float],
    y: float,
    small: FontMeasure,
) -> float:
    """The state sentence and its buttons in a line, both on the bubble's side; returns the y below them."""
    column_left, column_right = column
    y += 4
    sentence_w = math.ceil(sentence.natural_width) + 1
    sx = column_right - sentence_w if out.row.outgoing else column_left
    out.error_area = QRectF(sx, y, sentence_w, sentence.height)
    y += sentence.height + 4
    button_h = small.height + 8
    widths = [small.advance(label) + BUTTON_PAD for _, label in actions]
    total = sum(widths) + BUTTON_SPACING * (len(actions) - 1)
    bx = (column_right - total) if out.row.outgoing else column_left
    for (kind, label), w in zip(actions, widths, strict=True):
        out.buttons.append((QRectF(bx, y, w, button_h), kind, label))
        bx += w + BUTTON_SPACING
    return y + button_h


# ------------------------------------------------------------------------------------------------ hit tests


def hit_at(
    layout: RowLayout,
    point: QPointF,
    *,
    needs_click: Callable[[AttachmentView], bool] = lambda attachment: False,
    link_at: Callable[[QPointF], str | None] = lambda point: None,
) -> Hit | None:
    """What is under ``point`` (relative to the row's top-left), the topmost first.

    ``needs_click``: whether a picture waits for "Load picture". ``link_at``: the link of the text under a point.
    """
    if layout.row.kind != RowKind.MESSAGE:
        return None
    for rect, kind, _ in layout.buttons:
        if rect.contains(point):
            return Hit(kind)
    if layout.more is not None and layout.more[0].adjusted(-3, -3, 3, 3).contains(point):
        return Hit("show_whole")
    for rect, kind, attachment in layout.file_links:
        if rect.adjusted(-3, -3, 3, 3).contains(point):  # small words: a little slack around them
            return Hit(kind, attachment=attachment)
    for rect, attachment in layout.attachments:
        if rect.contains(point) and attachment.is_image and attachment.downloadable:
            if needs_click(attachment):
                return Hit("load_picture", attachment=attachment)
            return Hit("image", attachment=attachment)
    url = link_at(point)
    if url:
        return Hit("link", url=url)
    if layout.bubble.contains(point):
        under = next((a for r, a in layout.attachments if r.contains(point)), None)
        return Hit("bubble", attachment=under)
    return None

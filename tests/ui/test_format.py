"""Relative times, file sizes, initials and one-line previews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtGui import QTextDocument

from unipile_desktop.ui.format import human_size, initials, one_line, plain_tip, relative_time

LOCAL = timezone(timedelta(hours=1))
NOW = datetime(2024, 3, 14, 15, 0, tzinfo=LOCAL)  # a Thursday


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 3, 14, 14, 32, tzinfo=LOCAL), "14:32"),
        (datetime(2024, 3, 14, 0, 5, tzinfo=LOCAL), "00:05"),
        (datetime(2024, 3, 13, 23, 59, tzinfo=LOCAL), "Yesterday"),
        (datetime(2024, 3, 11, 9, 0, tzinfo=LOCAL), "Mon"),
        (datetime(2024, 3, 8, 9, 0, tzinfo=LOCAL), "Fri"),
        (datetime(2024, 3, 7, 9, 0, tzinfo=LOCAL), "7 Mar"),
        (datetime(2024, 1, 2, 9, 0, tzinfo=LOCAL), "2 Jan"),
        (datetime(2023, 3, 12, 9, 0, tzinfo=LOCAL), "12 Mar 2023"),
        (datetime(2024, 3, 14, 15, 3, tzinfo=LOCAL), "15:03"),  # a little in the future: clock skew
        (None, ""),
    ],
)
def test_relative_time(moment: datetime | None, expected: str) -> None:
    assert relative_time(moment, NOW) == expected


def test_relative_time_compares_days_in_the_local_zone_not_utc() -> None:
    # 23:30 UTC on the 13th is 00:30 on the 14th at UTC+1: today, not yesterday.
    late_utc = datetime(2024, 3, 13, 23, 30, tzinfo=UTC)
    assert relative_time(late_utc, NOW) == "00:30"


def test_relative_time_keeps_december_of_last_year_short() -> None:
    assert relative_time(datetime(2023, 12, 20, tzinfo=LOCAL), datetime(2024, 1, 5, tzinfo=LOCAL)) == "20 Dec"


@pytest.mark.parametrize(
    ("size", "expected"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1 KB"), (1536, "1.5 KB"), (15 * 1024 * 1024, "15 MB"), (None, "")],
)
def test_human_size(size: int | None, expected: str) -> None:
    assert human_size(size) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", "AL"),
        ("bob", "B"),
        ("Zoë Müller", "ZM"),
        ("Jean-Luc de la Fontaine", "JF"),
        ("", "?"),
        (None, "?"),
    ],
)
def test_initials(name: str | None, expected: str) -> None:
    assert initials(name) == expected


def test_one_line_collapses_newlines_and_cuts_long_text() -> None:
    assert one_line("hello\n\n  world\t!") == "hello world !"
    cut = one_line("x" * 300, limit=10)
    assert len(cut) == 10 and cut.endswith("…")


@pytest.mark.parametrize(
    "text",
    [
        "<b>Acme</b> <img src='file:///etc/hosts'>",
        "<h1>URGENT call +1 555</h1>",
        "Tom & Jerry <tom@example.com>",
        "two\nlines",
    ],
)
def test_plain_tip_shows_markup_literally(text: str) -> None:
    tip = plain_tip(text)
    assert "<b>" not in tip and "<img" not in tip and "<h1>" not in tip
    document = QTextDocument()
    document.setHtml(tip)  # what QToolTip does with text that looks like rich text
    assert document.toPlainText().replace("\u2029", "\n") == text


def test_plain_tip_escapes_a_chat_name() -> None:
    assert "&lt;b&gt;x&lt;/b&gt;" in plain_tip("<b>x</b>")
    assert plain_tip("") == "" and plain_tip(None) == ""

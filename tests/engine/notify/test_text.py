"""The words of a notification: summary and body, shortened, cleaned of invisible tricks, escaped only for markup."""

from __future__ import annotations

import html
import time

from hypothesis import given
from hypothesis import strategies as st

from unipile_desktop.engine.notify.text import (
    EXCERPT_CHARS,
    clean_text,
    escape_markup,
    notification_text,
    shorten,
    snooze_ended_text,
)


def words(
    texts: list[str],
    *,
    sender: str = "Alice Martin",
    chat_title: str = "Alice Martin",
    account: str = "WhatsApp Support",
    hide_text: bool = False,
    markup: bool = False,
) -> tuple[str, str]:
    return notification_text(
        sender=sender, chat_title=chat_title, account=account, texts=texts, hide_text=hide_text, markup=markup
    )


def test_one_message_shows_who_wrote_on_which_account_and_the_text() -> None:
    assert words(["Hello, is my order on its way?"]) == (
        "Alice Martin — WhatsApp Support",
        "Hello, is my order on its way?",
    )


def test_a_group_is_named_after_the_sender() -> None:
    summary, _ = words(["Hi all"], chat_title="Project Falcon")
    assert summary == "Alice Martin in Project Falcon — WhatsApp Support"


def test_without_an_account_name_the_summary_has_no_dangling_dash() -> None:
    assert words(["Hi"], account="")[0] == "Alice Martin"
    assert words(["Hi"], sender="", account="")[0] == "Someone in Alice Martin"


def test_several_pending_messages_are_counted_with_the_newest_text() -> None:
    assert words(["first", "second", "third"])[1] == "3 new messages — third"


def test_hidden_text_says_only_that_something_came() -> None:
    assert words(["secret"], hide_text=True)[1] == "New message"
    assert words(["one", "two secret"], hide_text=True)[1] == "2 new messages"


def test_a_message_without_text_still_says_something() -> None:
    assert words([""])[1] == "New message"
    assert words(["", "  "])[1] == "2 new messages"


def test_a_long_text_is_shortened_at_a_word() -> None:
    text = "word " * 100
    body = words([text])[1]
    assert len(body) <= EXCERPT_CHARS and body.endswith("word…")


def test_a_long_word_is_cut_inside_it() -> None:
    assert shorten("x" * 500, 10) == "x" * 9 + "…"
    assert shorten("short", 10) == "short"


def test_control_characters_and_bidi_overrides_are_removed() -> None:
    trick = "pay\u202e\u2066 gpj.exe\u2069\u200f now\x00\x1b[31m\nplease\ttoday\u200b"
    assert clean_text(trick) == "pay gpj.exe now[31m please today"
    assert words([trick])[1] == "pay gpj.exe now[31m please today"
    assert words(["hi"], sender="Eve\u202eliA", chat_title="")[0] == "EveliA — WhatsApp Support"


def test_markup_escapes_the_three_special_characters_in_the_body_only() -> None:
    hostile = '<b>x</b> <a href="http://evil">y</a> <img src=x> & co'
    summary, body = words([hostile], sender="<i>Tom & Jerry</i>", chat_title="", markup=True)
    assert body == '&lt;b&gt;x&lt;/b&gt; &lt;a href="http://evil"&gt;y&lt;/a&gt; &lt;img src=x&gt; &amp; co'
    assert summary == "<i>Tom & Jerry</i> — WhatsApp Support"  # the summary is plain text by the specification
    assert words([hostile], markup=False)[1] == hostile


def test_an_ampersand_entity_in_the_text_shows_as_typed() -> None:
    assert words(["&lt; is how you write <"], markup=True)[1] == "&amp;lt; is how you write &lt;"


@given(st.text())
def test_escaped_text_reads_back_as_typed(text: str) -> None:
    escaped = escape_markup(text)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == text


def test_the_snooze_ended_notification_names_the_chat() -> None:
    assert snooze_ended_text(chat_title="Alice Martin", account="WhatsApp Support", markup=False) == (
        "Snooze ended — Alice Martin",
        "Back in Waiting — WhatsApp Support",
    )
    assert snooze_ended_text(chat_title="", account="A<B", markup=True) == (
        "Snooze ended — a chat",
        "Back in Waiting — A&lt;B",
    )


MB10 = 10 * 1024 * 1024


def test_a_10_mb_message_and_10_mb_names_make_a_short_notification_quickly() -> None:
    for huge in ("x" * MB10, "lorem ipsum " * (MB10 // 12), " " * 5000 + "late start " * (MB10 // 11)):
        started = time.perf_counter()
        summary, body = words([huge], sender=huge, chat_title=huge, account=huge, markup=True)
        assert time.perf_counter() - started < 1.0  # a bounded start of each: 5 to 9 s before, 10 MB summaries
        assert 0 < len(body) <= EXCERPT_CHARS and 0 < len(summary) <= 3 * 80 + 10
    assert words([" " * 5000 + "hello"])[1] == "hello"  # leading space does not use up what is read

"""What a message, a name or a preview becomes on screen: bounded prefix, long runs broken, bidi isolates (Qt-free)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from unipile_desktop.engine.display_text import (
    ELLIPSIS,
    FSI,
    PDI,
    SHOWN_CHARS,
    SHOWN_LINES,
    VIEWER_LINE_CHARS,
    ZWSP,
    balance_bidi,
    bounded_prefix,
    break_long_runs,
    bubble_text,
    isolate,
    isolate_if_needed,
    needs_isolation,
    reveal_links,
    short_line,
    viewer_text,
)
from unipile_desktop.engine.hidden_chars import reveal

RLO = "\u202e"
PDF = "\u202c"
MB10 = 10 * 1024 * 1024
_URL = re.compile(r"https?://\S+")


def find_links(text: str) -> Iterator[tuple[int, int, str]]:
    """A stand-in for ui.links.find_links (the engine takes the finder as an argument)."""
    for match in _URL.finditer(text):
        yield match.start(), match.end(), match.group()


def longest_run(text: str) -> int:
    return max((len(run) for run in re.split(f"[\\s{ZWSP}]", text)), default=0)


# ------------------------------------------------------------------------------------------------ prefix


def test_a_short_text_is_shown_whole() -> None:
    assert bounded_prefix("Hello\nthere") == ("Hello\nthere", False)


def test_a_long_text_is_cut_after_a_word_near_the_limit() -> None:
    text = "word " * 2000
    shown, cut = bounded_prefix(text)
    assert cut and len(shown) <= SHOWN_CHARS and shown.endswith("word") and text.startswith(shown)


def test_one_huge_word_is_cut_at_the_limit() -> None:
    shown, cut = bounded_prefix("x" * MB10)
    assert cut and shown == "x" * SHOWN_CHARS


def test_many_short_lines_are_cut_after_the_last_line_shown() -> None:
    shown, cut = bounded_prefix("line\n" * 1000)
    assert cut and shown.count("\n") == SHOWN_LINES - 1 and shown.endswith("line")


def test_names_are_one_bounded_line() -> None:
    assert short_line("Alice\nMartin") == "Alice Martin"
    assert short_line("é" * MB10) == "é" * 200
    assert short_line("Bob") == "Bob"


# ------------------------------------------------------------------------------------------------ long runs


def test_long_runs_get_a_break_opportunity_and_short_words_do_not() -> None:
    assert break_long_runs("x" * 12, 5) == f"xxxxx{ZWSP}xxxxx{ZWSP}xx"
    assert break_long_runs("short words stay as they are", 5) == "short words stay as they are"
    broken = break_long_runs("x" * MB10)
    assert broken.replace(ZWSP, "") == "x" * MB10 and longest_run(broken) <= 500


def test_a_run_already_broken_by_zero_width_spaces_is_left_alone() -> None:
    text = f"{'x' * 400}{ZWSP}{'x' * 400}"
    assert break_long_runs(text) == text


# ------------------------------------------------------------------------------------------------ bidi


def test_stray_closers_are_neutralised_in_place_and_open_controls_closed() -> None:
    # A stray closer becomes U+200B, not nothing: the offsets after it (links' clickable spans) stay true.
    assert balance_bidi("plain text") == "plain text"
    assert balance_bidi(f"a{PDI}b") == f"a{ZWSP}b"  # would close an isolate around it
    assert balance_bidi(f"a{PDF}b") == f"a{ZWSP}b"
    assert balance_bidi(f"a{RLO}b") == f"a{RLO}b{PDF}"
    assert balance_bidi(f"{FSI}a{RLO}b{PDI}c") == f"{FSI}a{RLO}b{PDI}c"  # a PDI ends the override inside it
    assert balance_bidi(f"{RLO}a{FSI}b{PDF}c") == f"{RLO}a{FSI}b{ZWSP}c{PDI}{PDF}"  # no PDF across an isolate


def test_stray_closers_before_links_cannot_move_a_link_onto_another_links_text() -> None:
    # The attack: closers the isolation drops shift the text left under spans computed before, so the clickable
    # area of the first (evil) address lands on the visible text of the second (good) one.
    text = PDI * 24 + "https://evil.example/zz https://good.example/aa"
    shown = bubble_text(text, find_links)
    assert [url for _, _, url in shown.links] == ["https://evil.example/zz", "https://good.example/aa"]
    for start, end, url in shown.links:
        assert shown.text[start:end].replace(ZWSP, "") == reveal(url)


def test_an_isolate_cannot_be_closed_early_from_inside() -> None:
    wrapped = isolate(f"evil{PDI}{RLO}fdp.exe")
    assert wrapped.startswith(FSI) and wrapped.endswith(PDI)
    assert wrapped.count(PDI) == 1 and wrapped.index(RLO) < wrapped.index(PDF) < wrapped.index(PDI)


def test_only_text_that_could_reorder_others_is_isolated() -> None:
    assert not needs_isolation("Camille Laurent <b>hi</b> 123")
    assert needs_isolation("שלום") and needs_isolation("مرحبا") and needs_isolation(f"a{RLO}b")
    assert isolate_if_needed("Camille") == "Camille"
    assert isolate_if_needed("שלום") == f"{FSI}שלום{PDI}"


# ------------------------------------------------------------------------------------------------ bubbles


def test_hidden_characters_in_a_link_are_shown_and_the_url_kept() -> None:
    url = f"https://evil.example/{RLO}fdp.exe"
    text, links = reveal_links(f"see {url} now", [(4, 4 + len(url), url)])
    assert text == "see https://evil.example/⟨U+202E⟩fdp.exe now"
    ((start, end, real),) = links
    assert text[start:end] == "https://evil.example/⟨U+202E⟩fdp.exe" and real == url


def test_a_bubble_shows_links_revealed_and_each_line_that_could_reorder_others_isolated() -> None:
    url = f"https://evil.example/{RLO}fdp.exe"
    shown = bubble_text(f"see {url} and more\nplain line\nover {RLO}ride\nlast", find_links)
    lines = shown.text.split("\n")
    assert lines[0] == "see https://evil.example/⟨U+202E⟩fdp.exe and more"
    assert lines[1] == "plain line" and lines[3] == "last"  # plain text as it was
    assert lines[2] == f"{FSI}over {RLO}ride{PDF}{PDI}"  # the override ends with its line
    ((start, end, real),) = shown.links
    assert shown.text[start:end] == "https://evil.example/⟨U+202E⟩fdp.exe" and real == url and not shown.cut


def test_a_bubble_keeps_link_offsets_through_isolates_and_breaks() -> None:
    url = "https://example.com/" + "p" * 900
    shown = bubble_text(f"שלום {url} end", find_links, run=100)
    ((start, end, real),) = shown.links
    assert real == url and shown.text[start:end].replace(ZWSP, "") == url
    assert shown.text.startswith(FSI) and longest_run(shown.text) <= 100


def test_a_huge_message_shows_a_bounded_prefix_and_keeps_no_link_the_cut_may_have_shortened() -> None:
    text = "word " * 799 + "https://example.com/" + "a" * MB10
    shown = bubble_text(text, find_links)
    assert shown.cut and shown.text.endswith(ELLIPSIS) and len(shown.text) <= SHOWN_CHARS + 20
    assert shown.links == ()  # its end was cut off: opening it would go elsewhere
    complete = bubble_text("https://example.com/a " + "word " * 2000, find_links)
    assert complete.cut and [u for _, _, u in complete.links] == ["https://example.com/a"]


@pytest.mark.parametrize("text", ["x" * MB10, "lorem ipsum dolor sit amet " * (MB10 // 27)], ids=["word", "words"])
def test_a_10_mb_message_costs_no_more_than_its_prefix(text: str) -> None:
    started = time.perf_counter()
    shown = bubble_text(text, find_links)
    assert time.perf_counter() - started < 0.5  # reads only the prefix: about a millisecond
    assert shown.cut and len(shown.text) < SHOWN_CHARS + 20 and longest_run(shown.text) <= 500


# ------------------------------------------------------------------------------------------------ viewer


def test_the_viewer_cuts_long_lines_after_a_space_and_keeps_short_ones() -> None:
    assert viewer_text("short\nlines\n") == "short\nlines\n"
    words = "lorem ipsum " * 1000
    lines = viewer_text(words).split("\n")
    assert all(len(line) <= VIEWER_LINE_CHARS for line in lines) and "".join(lines) == words
    assert all(line.endswith(" ") for line in lines[:-1])  # cut after a space, never inside a word


@pytest.mark.parametrize("text", ["x" * MB10, "lorem ipsum " * (MB10 // 12)], ids=["word", "words"])
def test_the_viewer_cuts_10_mb_into_short_lines_quickly(text: str) -> None:
    started = time.perf_counter()
    shown = viewer_text(text)
    assert time.perf_counter() - started < 2.0  # about 30 ms; a cut that copied the rest each time took seconds
    assert shown.replace("\n", "") == text and max(map(len, shown.split("\n"))) <= VIEWER_LINE_CHARS

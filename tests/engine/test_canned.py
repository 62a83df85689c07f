"""Filling canned replies' variables and choosing replies as the agent types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from unipile_desktop.engine.canned import (
    VARIABLES,
    choose,
    fill,
    fold,
    known_variables_in,
    refusal,
    variables_used,
)

TODAY = date(2026, 3, 14)
VALUES = {
    "first_name": "Zoë",
    "name": "Zoë Martin",
    "account_name": "Support WhatsApp",
    "agent_name": "Sam",
}


def _marked(text: str, spans: tuple[tuple[int, int, str], ...]) -> list[str]:
    return [text[start:end] for start, end, _ in spans]


@pytest.mark.parametrize(
    ("variable", "expected"),
    [
        ("first_name", "Zoë"),
        ("name", "Zoë Martin"),
        ("account_name", "Support WhatsApp"),
        ("agent_name", "Sam"),
        ("date", "2026-03-14"),
    ],
)
def test_every_variable_is_filled(variable: str, expected: str) -> None:
    filled = fill(f"<{{{variable}}}>", VALUES, today=TODAY)
    assert filled.text == f"<{expected}>"
    assert filled.unfilled == () and filled.complete


def test_the_spec_lists_exactly_these_variables() -> None:
    assert VARIABLES == ("first_name", "name", "account_name", "agent_name", "date")


def test_date_uses_the_formatter_and_a_given_value_wins() -> None:
    assert fill("{date}", {}, today=TODAY, format_date=lambda d: d.strftime("%d/%m/%Y")).text == "14/03/2026"
    assert fill("{date}", {"date": "tomorrow"}, today=TODAY).text == "tomorrow"


@pytest.mark.parametrize("missing", [None, "", "   "])
def test_an_empty_variable_stays_marked(missing: str | None) -> None:
    filled = fill("Hi {first_name}, I'm {agent_name}.", {"first_name": missing, "agent_name": "Sam"}, today=TODAY)
    assert filled.text == "Hi {first_name}, I'm Sam."
    assert filled.unfilled == ((3, 15, "first_name"),)
    assert _marked(filled.text, filled.unfilled) == ["{first_name}"]
    assert not filled.complete


def test_unknown_variables_stay_marked_with_their_spans_after_filled_ones() -> None:
    filled = fill("{agent_name} here: {order_id} and {Name} for {first_name}", VALUES, today=TODAY)
    assert filled.text == "Sam here: {order_id} and {Name} for Zoë"
    assert [name for _, _, name in filled.unfilled] == ["order_id", "Name"]
    assert _marked(filled.text, filled.unfilled) == ["{order_id}", "{Name}"]


def test_double_braces_are_literal_braces_and_not_variables() -> None:
    filled = fill("{{first_name}} is {first_name}; {{ {{{first_name}}} }}", VALUES, today=TODAY)
    assert filled.text == "{first_name} is Zoë; { {Zoë} }"
    assert filled.unfilled == ()


def test_spans_count_escapes_and_multiline_text() -> None:
    filled = fill("{{x}}\n{first_name}\n{nope}", {}, today=TODAY)
    assert filled.text == "{x}\n{first_name}\n{nope}"
    assert _marked(filled.text, filled.unfilled) == ["{first_name}", "{nope}"]


def test_lone_braces_and_non_names_are_left_alone() -> None:
    filled = fill("a { b } {two words} {1x} {", VALUES, today=TODAY)
    assert filled.text == "a { b } {two words} {1x} {"
    assert filled.unfilled == ()


def test_values_with_braces_are_inserted_as_they_are() -> None:
    filled = fill("Hi {first_name}", {"first_name": "{agent_name}"}, today=TODAY)
    assert filled.text == "Hi {agent_name}"
    assert filled.unfilled == ()


def test_helpers_for_drafts_and_the_refusal_sentence() -> None:
    assert known_variables_in("Hi {first_name} {order} {date}") == ((3, 15, "first_name"), (24, 30, "date"))
    assert variables_used("{a} {{b}} {a} {c}") == ("a", "c")
    assert refusal(["first_name"]) == "Fill in {first_name} before sending."
    assert refusal(["first_name", "date", "first_name", "x"]) == "Fill in {first_name}, {date} and {x} before sending."
    assert refusal([]) == ""


@dataclass
class _R:
    title: str
    shortcut: str


REPLIES = [
    _R("Shipping delay", "delay"),
    _R("Refund on its way", "refund"),
    _R("Réponse — délai", "fr-delai"),
    _R("Opening hours", "hours"),
    _R("Delayed refund", "ref"),
]


def test_choose_puts_shortcut_matches_before_titles_in_the_agents_order() -> None:
    assert choose(REPLIES, "") == REPLIES
    assert [r.shortcut for r in choose(REPLIES, "ref")] == ["ref", "refund"]  # exact before prefix
    assert [r.shortcut for r in choose(REPLIES, "del")] == ["delay", "fr-delai", "ref"]  # shortcut, inside, title
    assert [r.shortcut for r in choose(REPLIES, "DELAI")] == ["fr-delai"]
    assert [r.shortcut for r in choose(REPLIES, "réponse")] == ["fr-delai"]
    assert [r.shortcut for r in choose(REPLIES, "way")] == ["refund"]
    assert choose(REPLIES, "zzz") == []


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Réponse DÉLAI") == "reponse delai"

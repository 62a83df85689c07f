"""The quick switcher's matcher: what a few typed letters find, and in which order."""

from __future__ import annotations

import random

import pytest

from unipile_desktop.engine.switcher import (
    ACCOUNT_PREFIX,
    ACCOUNT_SUBSTRING,
    EXACT,
    PREFIX,
    SPREAD_WORDS,
    SUBSEQUENCE,
    SUBSTRING,
    WORDS,
    MatchField,
    SwitcherIndex,
    SwitcherItem,
    describe,
    detail_text,
    fold_for_search,
    handle_key,
    match,
    readable_handle,
    score,
)

ZOE = SwitcherItem(
    "zoe",
    "Zoë Müller",
    ("Zoë Müller",),
    ("4915112345678@s.whatsapp.net",),
    "Acme WhatsApp",
    last_activity_ms=1_000,
)
TEAM = SwitcherItem(
    "team",
    "Team Rossi",
    ("Hélène Dubois", "Omar Haddad"),
    ("33612345678@s.whatsapp.net", "447700900123@s.whatsapp.net"),
    "Acme WhatsApp",
    last_activity_ms=3_000,
)
LINKEDIN = SwitcherItem(
    "li",
    "Pierre Moreau",
    ("Pierre Moreau",),
    ("pierre-moreau-4a1b",),
    "Sales LinkedIn",
    last_activity_ms=2_000,
)
ITEMS = [ZOE, TEAM, LINKEDIN]


def ids(query: str, items: list[SwitcherItem] = ITEMS, limit: int = 50) -> list[str]:
    return [found.item.chat_id for found in match(query, items, limit)]


def test_folding_drops_case_and_accents() -> None:
    assert fold_for_search("Zoë MÜLLER Hélène Łukasz") == "zoe muller helene łukasz"
    assert fold_for_search("plain ascii") == "plain ascii"


@pytest.mark.parametrize("query", ["zoe", "ZOË", "Zoe Muller", "müller", "muller"])
def test_accents_and_case_are_ignored(query: str) -> None:
    assert ids(query)[0] == "zoe"


def test_initials_and_word_starts_find_a_name() -> None:
    found = describe("zm", ZOE)
    assert (found.score, found.field) == (WORDS, MatchField.TITLE)
    assert describe("mul", ZOE).score == WORDS
    assert describe("zoe mu", ZOE).score == PREFIX  # the start of the title
    assert describe("hd", TEAM).score == WORDS  # initials of an attendee: Hélène Dubois
    assert describe("dubois helene", TEAM).score < WORDS  # words in another order are not word starts
    assert ids("zm") == ["zoe"]


@pytest.mark.parametrize("query", ["4915", "+49 15", "+49-151 123", "49151 1234 5678", "4915112345678"])
def test_phone_numbers_match_however_they_are_typed(query: str) -> None:
    found = match(query, ITEMS)
    assert [f.item.chat_id for f in found] == ["zoe"]
    assert found[0].field is MatchField.HANDLE
    assert found[0].score in (EXACT, PREFIX)


def test_digits_inside_a_number_match_below_its_start() -> None:
    assert describe("1234", ZOE).score == SUBSTRING
    assert describe("4915", ZOE).score == PREFIX
    assert describe("9999", ZOE).score == 0


def test_linkedin_handles_match_without_their_dashes() -> None:
    found = describe("pierre moreau 4a", LINKEDIN)
    assert (found.field, found.score) == (MatchField.HANDLE, PREFIX)


def test_account_names_match_below_names() -> None:
    assert ids("acme") == ["team", "zoe"]  # both on the account, most recent first
    assert describe("acme", ZOE).score == ACCOUNT_PREFIX
    assert describe("whatsapp", ZOE).score < ACCOUNT_PREFIX
    assert describe("atsa", ZOE).score == ACCOUNT_SUBSTRING
    assert describe("sales", LINKEDIN).field is MatchField.ACCOUNT


def test_words_spread_over_a_name_and_the_account() -> None:
    found = describe("zoe acme", ZOE)
    assert (found.score, found.field) == (SPREAD_WORDS, MatchField.WORDS)
    assert describe("zoe sales", ZOE).score == 0


def test_better_kinds_of_match_rank_first() -> None:
    items = [
        SwitcherItem("subsequence", "Emma Ortiz", last_activity_ms=9_000),  # m…a…r scattered
        SwitcherItem("substring", "Omar Haddad", last_activity_ms=8_000),
        SwitcherItem("words", "Ana Mars", last_activity_ms=7_000),
        SwitcherItem("prefix", "Marta Nowak", last_activity_ms=1_000),
        SwitcherItem("exact", "Mar", last_activity_ms=500),
    ]
    assert ids("mar", items) == ["exact", "prefix", "words", "substring", "subsequence"]
    assert [describe("mar", item).score for item in items] == [SUBSEQUENCE, SUBSTRING, WORDS, PREFIX, EXACT]


def test_ties_put_waiting_chats_first_then_the_most_recent() -> None:
    items = [
        SwitcherItem("old", "Maria A", last_activity_ms=1_000),
        SwitcherItem("new", "Maria B", last_activity_ms=5_000),
        SwitcherItem("waiting_old", "Maria C", last_activity_ms=500, waiting=True),
        SwitcherItem("never", "Maria D", last_activity_ms=None),
        SwitcherItem("waiting_new", "Maria E", last_activity_ms=900, waiting=True),
    ]
    assert ids("maria", items) == ["waiting_new", "waiting_old", "new", "old", "never"]


def test_an_empty_query_lists_waiting_then_recent_chats() -> None:
    items = [*ITEMS, SwitcherItem("waiting", "Yuki Tanaka", last_activity_ms=10, waiting=True)]
    found = match("  ", items)
    assert [f.item.chat_id for f in found] == ["waiting", "team", "li", "zoe"]
    assert {f.field for f in found} == {MatchField.NONE}
    assert ids("", items, limit=2) == ["waiting", "team"]


def test_the_limit_keeps_the_best() -> None:
    items = [SwitcherItem(f"c{n}", f"Client {n}", last_activity_ms=n) for n in range(100)]
    items.append(SwitcherItem("exact", "Client", last_activity_ms=-5))
    assert ids("client", items, limit=3) == ["exact", "c99", "c98"]


def test_duplicate_chats_are_listed_once() -> None:
    index = SwitcherIndex([ZOE, ZOE, TEAM])
    assert len(index) == 2
    assert [f.item.chat_id for f in index.match("")] == ["team", "zoe"]


def test_separators_and_markup_in_names_or_queries_are_just_text() -> None:
    hostile = SwitcherItem("h", "<b>Boss</b>\n\x1e42\x1f", ("a\x1db",), ("\x1f1\x1e",), "x\ny")
    index = SwitcherIndex([hostile, ZOE])
    assert [f.item.chat_id for f in index.match("<b>boss")] == ["h"]
    assert [f.item.chat_id for f in index.match("42")] == ["h"]  # the title's text, not an index number
    assert [f.item.chat_id for f in index.match("\x1e")] == ["zoe", "h"]  # nothing typed: everything, by recency
    assert index.match("[(.*") == []
    assert index.match("\\") == []


def test_the_second_line_names_the_account_and_what_matched() -> None:
    assert detail_text(describe("omar", TEAM)) == "Acme WhatsApp · Omar Haddad"
    assert detail_text(describe("+33 6", TEAM)) == "Acme WhatsApp · +33612345678"
    assert detail_text(describe("team", TEAM)) == "Acme WhatsApp · Hélène Dubois, Omar Haddad"
    assert detail_text(describe("zoe", ZOE)) == "Acme WhatsApp · +4915112345678"
    assert readable_handle("pierre-moreau-4a1b") == "pierre-moreau-4a1b"
    assert handle_key("+44 (0) 7700-900.123") == "4407700900123"


def test_commands_are_scored_by_their_title() -> None:
    assert score("new", "New chat") == PREFIX
    assert score("nc", "New chat") == WORDS
    assert score("dnd", "Do not disturb") == WORDS
    assert score("snz", "Snooze…") == SUBSEQUENCE
    assert score("xyz", "New chat") == 0
    assert score("", "New chat") == 0


def _random_items(rng: random.Random, count: int) -> list[SwitcherItem]:
    first = ["Zoë", "Ana", "Hélène", "Omar", "Maria", "Jean-Luc", "Søren", "Li", "O'Brien", "Mo"]
    last = ["Müller", "García", "Rossi", "Nowak", "Ma", "Dubois", "Kim", "Van der Berg"]
    items = []
    for number in range(count):
        names = tuple(f"{rng.choice(first)} {rng.choice(last)}" for _ in range(rng.choice((1, 1, 2))))
        title = names[0] if len(names) == 1 else f"Team {rng.choice(last)}"
        handles = (f"{rng.randint(10**8, 10**11)}@s.whatsapp.net", f"{names[0].lower().replace(' ', '-')}-{number}")
        items.append(
            SwitcherItem(
                f"c{number}",
                title,
                names,
                handles[: rng.choice((1, 2))],
                rng.choice(["Acme WhatsApp", "Sales LinkedIn", "Support"]),
                rng.randint(0, 10**6),
                rng.random() < 0.1,
            )
        )
    return items


def test_the_fast_index_agrees_with_scoring_each_chat() -> None:
    """The index answers with regular expressions over its big strings; scoring each chat in Python gives the same
    scores and order, for queries of every kind."""
    rng = random.Random(14)
    items = _random_items(rng, 300)
    index = SwitcherIndex(items)
    queries = ["z", "zo", "mu", "zm", "hd", "ma ga", "4", "+1 2", "acme", "sup", "zoe acme", "ob", "jean-l", "rr"]
    queries += ["".join(rng.choice("aeimnorsuzl ") for _ in range(rng.randint(1, 5))) for _ in range(40)]
    for query in queries:
        fast = index.match(query, limit=len(items))
        slow = sorted(
            (found for found in (describe(query, item) for item in index.items) if found.score > 0),
            key=lambda found: -found.score,
        )  # stable: keeps the index's rank order within a score
        assert fast == slow, query  # same chats, scores, fields and matched texts


def test_typing_on_searches_only_the_previous_matches_and_finds_the_same() -> None:
    """Each keystroke that extends the query narrows the previous matches; the answers equal a fresh index's."""
    rng = random.Random(7)
    items = _random_items(rng, 400)
    typed = ["maria garcia", "zoe mu", "+1 23", "4", "+", "jean-luc", "acme s", "hd", "van der b", "o'b"]
    for query in typed:
        index = SwitcherIndex(items)
        mixed = SwitcherIndex(items)  # short lists in between: narrowing must keep every match, not the first few
        for end in range(1, len(query) + 1):
            fresh = SwitcherIndex(items).match(query[:end], limit=len(items))
            assert index.match(query[:end], limit=len(items)) == fresh, query[:end]
            limit = 3 if end % 2 else len(items)
            assert mixed.match(query[:end], limit=limit) == fresh[:limit], query[:end]
        index.match(query + "x")
        assert index.match(query[:2]) == SwitcherIndex(items).match(query[:2])  # deleting: a full search again


def test_a_completed_whatsapp_suffix_is_not_narrowed_wrongly() -> None:
    item = SwitcherItem("w", "Someone", (), ("4917@lid",))
    index = SwitcherIndex([item])
    assert index.match("4917@li") == []
    assert [found.item.chat_id for found in index.match("4917@lid")] == ["w"]

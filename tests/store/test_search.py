"""Search over cached messages: the MATCH expression never errors, prefixes, phrases, accents, order, snippets,
coverage, and the background backfill of a cache written before schema v6."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from unipile_desktop.store import MIGRATIONS, Store, fts_query
from unipile_desktop.store.schema import SEARCH_BACKFILL_KEY
from unipile_desktop.store.search import SNIPPET_CHARS, SearchHit, make_snippet, match_spans

HOSTILE = [
    '"',
    '""',
    '"""',
    "*",
    "**",
    "AND",
    "OR",
    "NOT",
    "and or not",
    "NEAR(",
    "NEAR(a b, 2)",
    "-",
    "-foo",
    ":",
    "body:foo",
    "foo:",
    '"unbalanced',
    'unbalanced"',
    '"a" "b',
    "(",
    ")",
    "()",
    "^",
    "^foo",
    "+",
    "{body}: x",
    "a'b",
    "'",
    "\\",
    "%",
    "_",
    "\x00",
    "\ue000facture\ue001",
    "😀",
    "   ",
    "",
    "foo AND",
    "OR foo",
    "NOT foo",
    "f*o",
    "facture*",
    "*facture",
    "c'est",
    "e-mail",
]


def message(
    mid: str, text: str | None, ts: int, *, chat: str = "c1", account: str = "a1", **extra: Any
) -> dict[str, Any]:
    return {
        "object": "Message",
        "id": mid,
        "chat_id": chat,
        "account_id": account,
        "provider_id": "p-" + mid,
        "sender_id": extra.pop("sender_id", "s-" + mid),
        "text": text,
        "timestamp": f"2024-05-{ts:02d}T10:00:00.000Z",
        "is_sender": extra.pop("is_sender", 0),
        "attachments": extra.pop("attachments", []),
        **extra,
    }


def ids(hits: list[SearchHit]) -> list[str]:
    return [hit.message_id for hit in hits]


def marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.marks]


@pytest.fixture
def filled(store: Store) -> Store:
    store.cache.put_messages(
        [
            message("m1", "Où est ma facture ? Je l'attends depuis lundi.", 1),
            message("m2", "La FACTURATION est en retard", 2, chat="c2"),
            message("m3", "Your invoice is attached", 3, account="a2", chat="c3"),
            message("m4", "the invoice number is wrong, please resend", 4, chat="c2"),
            message("m5", "Wrong number, the invoice is fine", 5),
            message("m6", None, 6, attachments=[{"id": "f1", "file_name": "Rechnung-2024.pdf", "mimetype": "x"}]),
            message("m7", "Müller schrieb: <b>bold</b> & co", 7, chat="c4", is_sender=True),
        ]
    )
    return store


# ---------------------------------------------------------------------------------------------- fts_query


def test_words_become_quoted_prefix_terms_and_quotes_a_phrase() -> None:
    assert fts_query("invoice wrong") == '"invoice"* "wrong"*'
    assert fts_query('"invoice is" fine') == '"invoice is" "fine"*'
    assert fts_query('say "unclosed phrase') == '"say"* "unclosed phrase"'
    assert fts_query("NEAR(a b)") == '"NEAR"* "a"* "b"*'
    assert fts_query("") is None and fts_query(' " * - : ( ) ') is None


@pytest.mark.parametrize("typed", HOSTILE)
def test_nothing_typed_is_ever_an_error(filled: Store, typed: str) -> None:
    expression = fts_query(typed)
    if expression is not None:
        assert set(expression) - set('"* ') and "(" not in expression and ":" not in expression
    hits = filled.search.query(typed)  # must not raise
    assert isinstance(hits, list)


def test_fts_syntax_words_are_searched_as_plain_words(filled: Store) -> None:
    filled.cache.put_messages([message("m8", "Salt AND pepper NEAR the door: not here", 8)])
    assert ids(filled.search.query("AND")) == ["m8"]
    assert ids(filled.search.query("NEAR(")) == ["m8"]
    assert ids(filled.search.query("door:")) == ["m8"]
    assert ids(filled.search.query("-pepper")) == ["m8"]  # not an exclusion


# ---------------------------------------------------------------------------------------------- matching


def test_prefix_accents_and_case_are_ignored(filled: Store) -> None:
    assert ids(filled.search.query("factur")) == ["m2", "m1"]  # newest first
    assert ids(filled.search.query("FACTURE")) == ["m1"]
    assert ids(filled.search.query("ou est")) == ["m1"]  # "Où" without its accent
    assert ids(filled.search.query("muller")) == ["m7"]
    assert ids(filled.search.query("MÜLL")) == ["m7"]


def test_words_are_anded_and_a_quoted_phrase_keeps_its_order(filled: Store) -> None:
    assert ids(filled.search.query("invoice wrong")) == ["m5", "m4"]
    assert ids(filled.search.query('"invoice is"')) == ["m5", "m3"]
    assert ids(filled.search.query('"is invoice"')) == []
    assert ids(filled.search.query('"invoice number" wrong')) == ["m4"]
    assert ids(filled.search.query('"invoice numb')) == []  # a phrase is whole words, not a prefix


def test_file_names_are_searchable(filled: Store) -> None:
    (hit,) = filled.search.query("rechnung")
    assert hit.message_id == "m6" and marked(hit) == ["Rechnung"]


def test_newest_first_limit_and_accounts(filled: Store) -> None:
    assert ids(filled.search.query("invoice")) == ["m5", "m4", "m3"]
    assert ids(filled.search.query("invoice", limit=2)) == ["m5", "m4"]
    assert ids(filled.search.query("invoice", account_ids=["a2"])) == ["m3"]
    assert filled.search.query("invoice", account_ids=[]) == []


def test_a_hit_carries_the_message_fields(filled: Store) -> None:
    (hit,) = filled.search.query("bold")
    assert (hit.chat_id, hit.account_id, hit.sender_id, hit.is_sender) == ("c4", "a1", "s-m7", True)
    assert hit.timestamp is not None and hit.timestamp.isoformat() == "2024-05-07T10:00:00+00:00"
    (other,) = filled.search.query("facture")
    assert other.is_sender is False


def test_edits_and_deletes_reach_the_index(filled: Store) -> None:
    filled.cache.put_messages([message("m1", "Plus de mot clé ici", 1)])
    assert ids(filled.search.query("facture")) == []
    assert ids(filled.search.query("cle")) == ["m1"]
    filled.cache.delete_chat("c1")
    assert ids(filled.search.query("cle")) == []


# ---------------------------------------------------------------------------------------------- snippets


def test_snippet_is_plain_text_with_the_matched_words_marked(filled: Store) -> None:
    (hit,) = filled.search.query("bold")
    assert hit.snippet == "Müller schrieb: <b>bold</b> & co"  # markup from the network stays literal text
    assert marked(hit) == ["bold"]
    (hit,) = filled.search.query("mull schr")
    assert marked(hit) == ["Müller", "schrieb"]
    hits = filled.search.query("invoice")
    assert [marked(h) for h in hits] == [["invoice"]] * 3


def test_long_text_is_cut_around_the_first_match(store: Store) -> None:
    before = " ".join(f"word{n}" for n in range(80))
    after = " ".join(f"tail{n}" for n in range(80))
    store.cache.put_messages([message("long", f"{before}\n\nthe   needle is here\n{after}", 1)])
    (hit,) = store.search.query("needle")
    assert len(hit.snippet) <= SNIPPET_CHARS
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "\n" not in hit.snippet and "  " not in hit.snippet
    assert marked(hit) == ["needle"]
    start = hit.marks[0][0]
    assert 20 <= start <= 45  # some words of context before the match
    assert hit.snippet[1] != " " and hit.snippet[-2] != " "


def test_make_snippet_handles_marks_at_the_edges() -> None:
    text = "start " + "x " * 100 + "end"
    snippet, marks = make_snippet(text, [(("start",), True), (("end",), True)])
    assert snippet.startswith("start") and [snippet[a:b] for a, b in marks] == ["start"]
    short, marks = make_snippet("a\n\n b", [(("B",), True)])
    assert (short, marks) == ("a b", ((2, 3),))


def test_marks_follow_the_query_terms() -> None:
    text = "Über uns: the invoice, INVOICES and in voice; invoice number 12"
    assert [text[a:b] for a, b in match_spans(text, [(("uber",), True)])] == ["Über"]
    spans = match_spans(text, [(("invoice",), True)])
    assert [text[a:b] for a, b in spans] == ["invoice", "INVOICES", "invoice"]
    spans = match_spans(text, [(("invoice", "number"), False)])
    assert [text[a:b] for a, b in spans] == ["invoice number"]  # the phrase, not every "invoice"
    spans = match_spans("Ça coûte 12€, ÇA COÛTE", [(("ca", "coute"), False), (("12",), True)])
    assert spans == [(0, 8), (9, 11), (14, 22)]  # accents and case folded, positions those of the text


def test_text_holding_private_characters_stays_as_it_is(store: Store) -> None:
    store.cache.put_messages([message("odd", "evil \ue000 text \ue001 here", 1)])
    (hit,) = store.search.query("text")
    assert hit.snippet == "evil \ue000 text \ue001 here"
    assert marked(hit) == ["text"]


# ---------------------------------------------------------------------------------------------- coverage and backfill


def test_coverage_counts_chats_and_messages(store: Store, filled: Store) -> None:
    assert filled.search.coverage() == (4, 7)


def test_coverage_of_an_empty_store(store: Store) -> None:
    assert store.search.coverage() == (0, 0)
    assert store.search.backfill_remaining() == 0 and store.search.backfill_step() == 0


def _v5_database(path: Path, count: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    from unipile_desktop.store.schema import migrate

    migrate(conn, MIGRATIONS[:5])
    rows = [
        (f"old{n}", f"c{n % 7}", "a1", n, json.dumps(message(f"old{n}", f"ancienne facture numéro {n}", 1 + n % 28)))
        for n in range(count)
    ]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.close()


def test_a_v5_cache_is_backfilled_in_batches_newest_rows_first(db_path: Path) -> None:
    _v5_database(db_path, 25)
    with Store.open(db_path) as store:
        search = store.search
        assert search.backfill_remaining() == 25
        assert search.query("facture") == []  # not indexed yet
        store.cache.put_messages([message("new", "nouvelle facture", 28)])  # indexed at once by the trigger
        assert ids(search.query("facture")) == ["new"]
        assert search.backfill_remaining() == 25  # the new row is not counted
        assert search.backfill_step(10) == 15
        found = {h.message_id for h in search.query("facture", limit=100)}
        assert found == {"new"} | {f"old{n}" for n in range(15, 25)}  # the highest rowids went first
        assert search.backfill_step(10) == 5
        assert search.backfill_step(10) == 0
        assert store.cache.sync_value(SEARCH_BACKFILL_KEY) is None
        assert len(search.query("facture", limit=100)) == 26
        assert search.backfill_step(10) == 0  # nothing more to do
        assert ids(search.query("numero 7")) == ["old7"]
    with Store.open(db_path) as reopened:
        assert reopened.search.backfill_remaining() == 0


def test_backfill_survives_a_restart_and_rows_edited_meanwhile(db_path: Path) -> None:
    _v5_database(db_path, 12)
    with Store.open(db_path) as store:
        assert store.search.backfill_step(5) == 7
        store.cache.put_messages([message("old2", "texte modifié", 3)])  # an old row, edited before its turn
    with Store.open(db_path) as store:
        assert store.search.backfill_remaining() == 7
        while store.search.backfill_step(5):
            pass
        assert ids(store.search.query("modifie")) == ["old2"]
        assert "old2" not in ids(store.search.query("ancienne", limit=100))
        assert len(store.search.query("ancienne", limit=100)) == 11
        count = store.db.query_one("SELECT count(*) FROM message_search")
        assert count is not None and count[0] == 12  # every row indexed exactly once


def test_an_unreadable_marker_is_dropped(store: Store) -> None:
    store.cache.set_sync_value(SEARCH_BACKFILL_KEY, "garbage")
    assert store.search.backfill_remaining() == 0
    assert store.search.backfill_step() == 0
    assert store.cache.sync_value(SEARCH_BACKFILL_KEY) is None


def test_messages_without_a_time_come_last(store: Store) -> None:
    undated = message("undated", "invoice without a time", 1)
    undated["timestamp"] = None
    store.cache.put_messages([undated, message("old", "old invoice", 1), message("new", "new invoice", 9)])
    assert ids(store.search.query("invoice")) == ["new", "old", "undated"]

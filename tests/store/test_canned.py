"""The canned replies table: order, changes, and the JSON file (all or nothing, with sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.store import CannedReplyError, Store
from unipile_desktop.store.canned import FORMAT, MAX_TEXT_CHARS


def _titles(store: Store) -> list[str]:
    return [reply.title for reply in store.canned.list()]


def _file(*replies: object, version: object = 1, fmt: object = FORMAT) -> str:
    return json.dumps({"format": fmt, "version": version, "replies": list(replies)})


def test_add_keeps_the_agents_order_and_survives_a_restart(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        first = store.canned.add("Shipping delay", "/ship ", "Hello {first_name}")
        store.canned.add("Refund", "refund", "Your refund is on its way.")
        store.canned.add("No shortcut", "", "Thanks!")
        assert first.shortcut == "ship" and first.position == 0
    with Store.open(db_path, clock=clock) as store:
        assert _titles(store) == ["Shipping delay", "Refund", "No shortcut"]
        assert [r.position for r in store.canned.list()] == [0, 1, 2]
        assert store.canned.get(first.id) == first


def test_update_changes_only_the_given_fields(store: Store) -> None:
    reply = store.canned.add("Refund", "refund", "old text")
    updated = store.canned.update(reply.id, body="new text")
    assert (updated.title, updated.shortcut, updated.body) == ("Refund", "refund", "new text")
    assert store.canned.get(reply.id) == updated
    with pytest.raises(CannedReplyError, match="no longer exists"):
        store.canned.update("gone", title="x")


@pytest.mark.parametrize(
    ("title", "shortcut", "body", "sentence"),
    [
        ("  ", "x", "text", "Give the reply a title."),
        ("T", "two words", "text", "must be one word"),
        ("T", "a{b}", "text", "must be one word"),
        ("T", "x", "   ", "has no text"),
        ("T", "x", "y" * (MAX_TEXT_CHARS + 1), "longer than 5,000 characters"),
        ("T" * 121, "x", "text", "longer than 120 characters"),
    ],
)
def test_bad_fields_are_refused_with_a_sentence(
    store: Store, title: str, shortcut: str, body: str, sentence: str
) -> None:
    with pytest.raises(CannedReplyError, match=sentence):
        store.canned.add(title, shortcut, body)
    assert store.canned.list() == []


def test_a_shortcut_is_used_once_ignoring_case(store: Store) -> None:
    store.canned.add("Shipping", "ship", "a")
    other = store.canned.add("Other", "other", "b")
    with pytest.raises(CannedReplyError, match="The shortcut /SHIP is already used by “Shipping”."):
        store.canned.add("Again", "SHIP", "c")
    with pytest.raises(CannedReplyError, match="already used"):
        store.canned.update(other.id, shortcut="Ship")
    assert store.canned.update(other.id, shortcut="other").shortcut == "other"  # its own shortcut is fine


def test_delete_and_move_keep_positions_contiguous(store: Store) -> None:
    ids = [store.canned.add(f"R{i}", f"r{i}", "text").id for i in range(4)]
    store.canned.move(ids[3], 0)
    assert _titles(store) == ["R3", "R0", "R1", "R2"]
    store.canned.move(ids[3], 99)  # clamped to the end
    assert _titles(store) == ["R0", "R1", "R2", "R3"]
    store.canned.move(ids[0], 2)
    assert _titles(store) == ["R1", "R2", "R0", "R3"]
    assert store.canned.delete(ids[2]) is True
    assert store.canned.delete(ids[2]) is False
    assert _titles(store) == ["R1", "R0", "R3"]
    assert [r.position for r in store.canned.list()] == [0, 1, 2]
    with pytest.raises(CannedReplyError):
        store.canned.move(ids[2], 0)


def test_export_then_import_into_another_profile_gives_the_same_replies(tmp_path: Path, store: Store) -> None:
    store.canned.add("Délai", "delai", "Bonjour {first_name},\n\nvotre colis… {{pas une variable}}")
    store.canned.add("Plain", "", "Thanks")
    exported = store.canned.export_json()
    data = json.loads(exported)
    assert data["format"] == "unipile-desktop.canned-replies" and data["version"] == 1
    assert data["replies"][0] == {
        "title": "Délai",
        "shortcut": "delai",
        "text": "Bonjour {first_name},\n\nvotre colis… {{pas une variable}}",
    }
    with Store.open(tmp_path / "other.sqlite3") as other:
        result = other.canned.import_json(exported)
        assert (result.added, result.updated, result.errors) == (2, 0, [])
        assert [(r.title, r.shortcut, r.body) for r in other.canned.list()] == [
            (r.title, r.shortcut, r.body) for r in store.canned.list()
        ]
        again = other.canned.import_json(exported)  # same shortcuts (or titles without one): updated, not doubled
        assert (again.added, again.updated) == (0, 2)
        assert again.summary() == "Canned replies imported: 2 updated."
        assert len(other.canned.list()) == 2


def test_import_updates_by_shortcut_and_appends_new_ones(store: Store) -> None:
    store.canned.add("Shipping", "ship", "old")
    result = store.canned.import_json(
        _file({"title": "Shipping (new)", "shortcut": "SHIP", "text": "new"}, {"title": "Hi", "text": "Hello"})
    )
    assert (result.added, result.updated) == (1, 1)
    assert result.summary() == "Canned replies imported: 1 added, 1 updated."
    assert [(r.title, r.shortcut, r.body, r.position) for r in store.canned.list()] == [
        ("Shipping (new)", "ship", "new", 0),
        ("Hi", "", "Hello", 1),
    ]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("{not json", "The file is not valid JSON (line 1)."),
        ("[1, 2]", "The file is not a canned replies file from Unipile Desktop."),
        (json.dumps({"format": "something-else", "version": 1, "replies": []}), "not a canned replies file"),
        (_file(version="1"), "does not say which version"),
        (_file(version=2), "written by a newer version"),
        (json.dumps({"format": FORMAT, "version": 1}), "The file has no list of replies."),
        (_file("just text"), "Reply 1: it is not an object"),
        (_file({"shortcut": "x"}), "Reply 1: the title and the text are missing."),
        (_file({"title": "T", "text": 5}), "Reply 1: the text must be text."),
        (_file({"title": "T", "text": "x" * (MAX_TEXT_CHARS + 1)}), "Reply 1: the text of “T” is longer than 5,000"),
        (_file({"title": "A", "shortcut": "x", "text": "a"}, {"title": "B", "shortcut": "X", "text": "b"}), "Reply 2"),
    ],
)
def test_a_bad_file_is_refused_with_a_sentence_and_changes_nothing(store: Store, text: str, sentence: str) -> None:
    store.canned.add("Existing", "ship", "keep me")
    before = store.canned.list()
    result = store.canned.import_json(text)
    assert result.added == result.updated == 0
    assert any(sentence in error for error in result.errors), result.errors
    assert result.summary().startswith("Nothing was imported: ")
    assert store.canned.list() == before


def test_one_bad_reply_among_good_ones_imports_none_of_them(store: Store) -> None:
    good = {"title": "Good", "shortcut": "good", "text": "fine"}
    bad = {"title": "", "shortcut": "bad", "text": "no title"}
    result = store.canned.import_json(_file(good, good | {"shortcut": "good2"}, bad))
    assert result.errors == ["Reply 3: give the reply a title."]
    assert store.canned.list() == []


def test_many_problems_are_listed_up_to_ten(store: Store) -> None:
    result = store.canned.import_json(_file(*[{"title": "T"}] * 14))
    assert len(result.errors) == 11
    assert result.errors[-1] == "…and 4 more problems."

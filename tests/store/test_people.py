"""The people tables: the profile cache with its fetch time, private notes (searchable) and labels, kept across a
restart of the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.store import Store, normalize_label, person_key, split_person_key


def test_person_key_is_provider_and_id() -> None:
    assert person_key("linkedin", " ACoAAB1 ") == "LINKEDIN:ACoAAB1"
    assert split_person_key("WHATSAPP:336@s.whatsapp.net") == ("WHATSAPP", "336@s.whatsapp.net")
    assert normalize_label("  Big   Customer ") == "big customer"


def test_profile_cache_keeps_the_json_and_the_fetch_time(store: Store, clock: FakeClock) -> None:
    key = person_key("LINKEDIN", "p1")
    assert store.people.profile(key) is None
    store.people.put_profile(key, {"provider": "LINKEDIN", "headline": "CFO"})
    cached = store.people.profile(key)
    assert cached is not None and cached.data["headline"] == "CFO" and cached.fetched_at == clock()
    clock.advance(3600)
    store.people.put_profile(key, {"provider": "LINKEDIN", "headline": "CEO"})
    cached = store.people.profile(key)
    assert cached is not None and cached.data["headline"] == "CEO" and cached.fetched_at == clock()


def test_a_damaged_cached_profile_reads_as_missing(store: Store) -> None:
    store.db.execute("INSERT INTO person_profiles (person_key, json, fetched_at) VALUES ('X:1', '{oops', 1)")
    assert store.people.profile("X:1") is None


def test_notes_are_added_edited_deleted_newest_first(store: Store, clock: FakeClock) -> None:
    key = person_key("WHATSAPP", "33612@s.whatsapp.net")
    first = store.people.add_note(key, "  Called about the refund  ", person_name="Zoë", chat_id="c1")
    clock.advance(60)
    second = store.people.add_note(key, "Second note")
    assert [note.text for note in store.people.notes(key)] == ["Second note", "Called about the refund"]
    assert first.chat_id == "c1" and first.person_name == "Zoë"
    clock.advance(60)
    edited = store.people.update_note(first.id, "Refund sent")
    assert edited is not None and edited.text == "Refund sent" and edited.updated_at == clock()
    assert edited.created_at == first.created_at
    assert store.people.delete_note(second.id)
    assert [note.text for note in store.people.notes(key)] == ["Refund sent"]
    with pytest.raises(ValueError):
        store.people.add_note(key, "   ")


def test_notes_are_found_by_the_search_and_edits_and_deletes_follow(store: Store) -> None:
    key = person_key("TELEGRAM", "42")
    note = store.people.add_note(key, "Wants the facture in French", person_name="Hélène", chat_id="c9")
    hits = store.people.search_notes("factu")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.kind == "note" and hit.chat_id == "c9" and hit.person_key == key and hit.person_name == "Hélène"
    assert hit.snippet[hit.marks[0][0] : hit.marks[0][1]] == "facture"
    assert [h.person_key for h in store.people.search_notes("helene")] == [key]  # the person's name, accents aside
    store.people.update_note(note.id, "Wants the invoice in English")
    assert store.people.search_notes("facture") == []
    assert len(store.people.search_notes("invoice")) == 1
    store.people.delete_note(note.id)
    assert store.people.search_notes("invoice") == []
    assert store.people.search_notes('" AND NEAR(') == []  # typed syntax is never an error


def test_labels_are_normalised_unique_and_listed(store: Store) -> None:
    a, b = person_key("LINKEDIN", "a"), person_key("INSTAGRAM", "b")
    assert store.people.add_label(a, " VIP ") == "vip"
    assert store.people.add_label(a, "vip") == "vip"
    assert store.people.add_label(a, "   ") is None
    store.people.add_label(a, "Refund")
    store.people.add_label(b, "vip")
    assert store.people.labels(a) == ["refund", "vip"]
    assert store.people.all_labels() == {a: ("refund", "vip"), b: ("vip",)}
    assert sorted(store.people.people_with_label("VIP")) == sorted([a, b])
    assert store.people.label_names() == ["refund", "vip"]
    assert store.people.remove_label(a, "VIP")
    assert store.people.set_labels(b, ["bug", "Bug", ""]) == ["bug"]
    assert store.people.all_labels() == {a: ("refund",), b: ("bug",)}


def test_notes_labels_and_profiles_survive_a_restart(db_path: Path, clock: FakeClock) -> None:
    key = person_key("LINKEDIN", "p1")
    with Store.open(db_path, clock=clock) as first:
        first.people.add_note(key, "Met at the fair", person_name="Ada")
        first.people.add_label(key, "vip")
        first.people.put_profile(key, {"provider": "LINKEDIN"})
    with Store.open(db_path, clock=clock) as second:
        assert [note.text for note in second.people.notes(key)] == ["Met at the fair"]
        assert second.people.labels(key) == ["vip"]
        cached = second.people.profile(key)
        assert cached is not None and cached.fetched_at == clock()
        assert len(second.people.search_notes("fair")) == 1

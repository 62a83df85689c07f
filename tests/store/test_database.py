"""Opening a profile database: platform path, WAL, the profile lock, and recovery from a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unipile_desktop.store import (
    MessageSend,
    ProfileInUseError,
    Store,
    StoreCorruptError,
    profile_database_path,
    safe_profile_name,
)
from unipile_desktop.store.database import CHECK_MARKER_SUFFIX


def test_profile_path_is_in_the_platform_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert profile_database_path("Support") == tmp_path / "data" / "profiles" / "Support.sqlite3"
    assert profile_database_path("Support", tmp_path / "x") == tmp_path / "x" / "profiles" / "Support.sqlite3"


@pytest.mark.parametrize("name", ["a/b", "../../etc/passwd", "CON", "", "  ", "Zoë's desk", "x" * 200, ".hidden"])
def test_profile_names_become_safe_file_names(name: str) -> None:
    safe = safe_profile_name(name)
    assert safe and len(safe) <= 64
    assert all(c.isalnum() or c in "._-" for c in safe)
    assert not safe.startswith(".")
    assert safe.lower() != "con"


def test_distinct_profile_names_never_share_a_file() -> None:
    names = ["a/b", "a_b", "a b", "a:b", "A_B"]
    assert len({safe_profile_name(n) for n in names}) == len(names)


def test_open_profile_creates_the_directory_and_uses_wal(tmp_path: Path) -> None:
    with Store.open_profile("Team One", data_dir=tmp_path) as store:
        assert store.path == profile_database_path("Team One", tmp_path)
        assert store.path is not None and store.path.exists()
        assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.recovery is None


def test_a_second_open_of_the_same_profile_is_refused_until_the_first_closes(db_path: Path) -> None:
    first = Store.open(db_path)
    with pytest.raises(ProfileInUseError, match="already open"):
        Store.open(db_path)
    first.close()
    Store.open(db_path).close()


def test_a_garbage_file_is_set_aside_and_its_loss_reported(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database at all" * 200)
    with Store.open(db_path) as store:
        report = store.recovery
        assert report is not None
        assert report.moved_to.exists() and report.moved_to.read_bytes().startswith(b"this is not")
        assert set(report.unrecoverable) == {"drafts", "outbox", "invitations", "person_notes", "person_labels"}
        assert "could not be recovered" in report.user_message()
        assert "unsent messages" in report.user_message()
        # The fresh database works.
        store.drafts.save("chat:x", "after recovery")
        assert store.drafts.get("chat:x") is not None


def _damage_pages(path: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the b-tree pages of some tables with garbage, leaving the rest of the file intact."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [
        row[0]
        for row in conn.execute(
            f"SELECT rootpage FROM sqlite_master WHERE name IN ({', '.join('?' for _ in tables)})", tables
        )
    ]
    conn.close()
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size)
            handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_damage_seen_at_runtime_is_checked_at_next_start_and_drafts_outbox_salvaged(db_path: Path) -> None:
    store = Store.open(db_path)
    store.drafts.save("chat:a", "keep me", ["/tmp/file.pdf"])
    entry = store.outbox.add(MessageSend("chat-1", "unsent text"))
    invitation = store.invitations.begin("a-li", "p-ali", "Ali Hassan", "Hello Ali")
    store.people.add_note("WHATSAPP:491701", "Prefers calls after 5 pm", person_name="Zoë Müller")
    store.people.add_label("WHATSAPP:491701", "vip")
    store.cache.put_messages([_message_json(f"m{i}") for i in range(50)])
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _damage_pages(db_path, ("messages",))

    store = Store.open(db_path)  # the header is fine: the damage is not seen yet
    with pytest.raises(StoreCorruptError, match="damaged"):
        store.cache.messages("c1")
    assert db_path.with_name(db_path.name + CHECK_MARKER_SUFFIX).exists()
    store.close()

    with Store.open(db_path) as reopened:
        report = reopened.recovery
        assert report is not None
        assert report.unrecoverable == ()
        assert (report.drafts_recovered, report.outbox_recovered) == (1, 1)
        assert "Recovered from it: 1 unsent message and 1 draft." in report.user_message()
        draft = reopened.drafts.get("chat:a")
        assert draft is not None and draft.text == "keep me" and draft.attachments == ("/tmp/file.pdf",)
        salvaged = reopened.outbox.get(entry.local_id)
        assert salvaged is not None and salvaged.text == "unsent text" and salvaged.state == "queued"
        # An invitation that may have gone out is still known: it is checked, not sent blindly again.
        kept = reopened.invitations.get(invitation.local_id)
        assert kept is not None and kept.provider_id == "p-ali" and kept.state == invitation.state
        # What the agent wrote about a customer cannot be downloaded again: kept, and found by the search again.
        assert [note.text for note in reopened.people.notes("WHATSAPP:491701")] == ["Prefers calls after 5 pm"]
        assert reopened.people.labels("WHATSAPP:491701") == ["vip"]
        assert len(reopened.people.search_notes("calls")) == 1
        assert reopened.cache.messages("c1") == []  # the cache starts empty and is refilled from the server
    assert not db_path.with_name(db_path.name + CHECK_MARKER_SUFFIX).exists()


def test_damaged_outbox_pages_are_reported_as_lost(db_path: Path) -> None:
    store = Store.open(db_path)
    store.outbox.add(MessageSend("chat-1", "unsent text"))
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _damage_pages(db_path, ("outbox",))
    db_path.with_name(db_path.name + CHECK_MARKER_SUFFIX).touch()
    with Store.open(db_path) as reopened:
        assert reopened.recovery is not None
        assert "outbox" in reopened.recovery.unrecoverable
        assert "unsent messages" in reopened.recovery.user_message()


def _message_json(message_id: str) -> dict[str, object]:
    return {
        "object": "Message",
        "id": message_id,
        "account_id": "acc",
        "chat_id": "c1",
        "provider_id": "p",
        "sender_id": "s",
        "text": "x" * 300,
        "timestamp": "2024-01-02T03:04:05.000Z",
        "is_sender": 0,
        "attachments": [],
    }


def test_in_memory_store_for_tests() -> None:
    with Store.open(None) as store:
        assert store.path is None and store.recovery is None
        store.drafts.save("chat:a", "x")
        assert store.drafts.get("chat:a") is not None


def test_a_failed_transaction_is_rolled_back_and_the_next_one_works(store: Store) -> None:
    with pytest.raises(RuntimeError), store.db.transaction():
        store.drafts.save("chat:a", "inside")
        with store.db.transaction():  # nested: joins the outer one
            store.drafts.save("chat:b", "nested")
        raise RuntimeError("boom")
    assert store.drafts.all() == {}
    with store.db.transaction():
        store.drafts.save("chat:c", "after")
    assert set(store.drafts.all()) == {"chat:c"}

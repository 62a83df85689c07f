"""The invitations table: written before each POST, settled from the answer, unresolved rows found after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.store import Store


def test_a_row_is_sending_with_one_attempt_as_soon_as_it_is_begun(store: Store, clock: FakeClock) -> None:
    row = store.invitations.begin("acc", "ACoAAali", "Ali Hassan", "Hello Ali")
    assert (row.state, row.attempts, row.invitation_id, row.error) == ("sending", 1, None, None)
    assert row.created_ms == row.updated_ms == int(clock() * 1000)
    assert row.is_unresolved
    assert store.invitations.get(row.local_id) == row
    assert store.invitations.unresolved() == [row]


def test_settling_records_the_answer_and_keeps_a_known_id(store: Store, clock: FakeClock) -> None:
    row = store.invitations.begin("acc", "p1", "Ali Hassan", "")
    clock.advance(2)
    sent = store.invitations.settle(row.local_id, "sent", invitation_id="inv1")
    assert sent.state == "sent" and sent.invitation_id == "inv1" and sent.error is None
    assert sent.updated_ms == sent.created_ms + 2000
    unsure = store.invitations.settle(sent.local_id, "unsure", error="Not sure.")
    assert unsure.invitation_id == "inv1" and unsure.error == "Not sure."  # None keeps the stored id
    assert not store.invitations.settle(row.local_id, "failed", error="Refused.").is_unresolved
    assert store.invitations.unresolved() == []
    with pytest.raises(ValueError, match="unknown invitation state"):
        store.invitations.settle(row.local_id, "lost")  # type: ignore[arg-type]


def test_a_second_attempt_is_counted_and_clears_the_old_doubt(store: Store) -> None:
    row = store.invitations.begin("acc", "p1", "Ali Hassan", "")
    store.invitations.settle(row.local_id, "unsure", error="The connection was lost.")
    again = store.invitations.begin_again(row.local_id)
    assert (again.state, again.attempts, again.error) == ("sending", 2, None)


def test_latest_and_by_person_pick_the_newest_row(store: Store, clock: FakeClock) -> None:
    first = store.invitations.begin("acc", "p1", "Ali", "")
    store.invitations.settle(first.local_id, "failed", error="Refused.")
    second = store.invitations.begin("acc", "p1", "Ali", "")  # same millisecond: insertion order decides
    clock.advance(1)
    other = store.invitations.begin("acc", "p2", "Bea", "")
    store.invitations.begin("acc2", "p1", "Ali", "")
    assert store.invitations.latest("acc", "p1") == second
    assert store.invitations.latest("acc", "nobody") is None
    assert [r.local_id for r in store.invitations.for_account("acc")] == [
        other.local_id,
        second.local_id,
        first.local_id,
    ]
    assert store.invitations.latest_by_person("acc") == {"p1": second, "p2": other}


def test_withdrawing_marks_the_row_of_that_invitation_only(store: Store) -> None:
    row = store.invitations.begin("acc", "p1", "Ali", "")
    store.invitations.settle(row.local_id, "sent", invitation_id="inv1")
    assert store.invitations.mark_withdrawn("acc2", "inv1") == 0
    assert store.invitations.mark_withdrawn("acc", "inv1") == 1
    found = store.invitations.get(row.local_id)
    assert found is not None and found.state == "withdrawn"


def test_old_settled_rows_can_be_forgotten_but_unresolved_ones_stay(store: Store, clock: FakeClock) -> None:
    sent = store.invitations.begin("acc", "p1", "Ali", "")
    store.invitations.settle(sent.local_id, "sent", invitation_id="inv1")
    unsure = store.invitations.begin("acc", "p2", "Bea", "")
    store.invitations.settle(unsure.local_id, "unsure", error="?")
    clock.advance(10)
    assert store.invitations.delete_settled_before(int(clock() * 1000)) == 1
    assert [r.local_id for r in store.invitations.for_account("acc")] == [unsure.local_id]


def test_an_unresolved_row_survives_a_restart(db_path: Path) -> None:
    with Store.open(db_path) as first:
        row = first.invitations.begin("acc", "p1", "Ali Hassan", "Grüße, Ali")
    with Store.open(db_path) as second:
        assert second.invitations.unresolved() == [row]
        assert second.invitations.get(row.local_id) == row


def test_an_unknown_state_reads_as_a_doubt(store: Store) -> None:
    row = store.invitations.begin("acc", "p1", "Ali", "")
    store.db.execute("UPDATE invitations SET state = 'from-the-future' WHERE local_id = ?", (row.local_id,))
    found = store.invitations.get(row.local_id)
    assert found is not None and found.state == "unsure"  # checked against the server, never re-sent blindly
    assert store.invitations.unresolved() == [found]

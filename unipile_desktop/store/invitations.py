"""LinkedIn invitations this app tried to send, written before each POST so none is ever sent twice by accident.

A row starts ``sending`` (committed before the request goes out) and ends ``sent`` or ``failed`` when the server
answered clearly. ``unsure`` means the answer was lost (dropped connection, timeout, a 5xx that may have done the
work): such a row, and a ``sending`` row found at start (the app was killed mid-request), must be checked against
the server's sent list before anything is POSTed again. ``withdrawn``: the agent withdrew it from this app.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Literal, get_args

from .database import Database

InvitationRowState = Literal["sending", "sent", "unsure", "failed", "withdrawn"]
INVITATION_ROW_STATES: tuple[InvitationRowState, ...] = get_args(InvitationRowState)
# Rows whose outcome on the server is not known yet: never POST their person again without looking first.
UNRESOLVED_INVITATION_STATES: tuple[InvitationRowState, ...] = ("sending", "unsure")


@dataclass(frozen=True, slots=True)
class InvitationRow:
    local_id: str
    account_id: str
    provider_id: str  # the invited person's LinkedIn provider id
    name: str  # display name when invited, for sentences after a restart
    note: str
    state: InvitationRowState
    invitation_id: str | None  # the server's id, once known
    error: str | None  # the sentence shown for a failure or a doubt
    attempts: int  # POSTs made for this row (the first, and at most one more after a check)
    created_ms: int
    updated_ms: int

    @property
    def is_unresolved(self) -> bool:
        return self.state in UNRESOLVED_INVITATION_STATES


class InvitationTable:
    """One row per invitation tried; every change is committed at once (it must be on disk before the POST)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _now_ms(self) -> int:
        return int(self._db.clock() * 1000)

    def begin(self, account_id: str, provider_id: str, name: str, note: str) -> InvitationRow:
        """Record a POST about to go out: a ``sending`` row with one attempt. Durable when this returns."""
        now = self._now_ms()
        local_id = uuid.uuid4().hex
        self._db.execute(
            """INSERT INTO invitations (local_id, account_id, provider_id, name, note, state, attempts, created_ms,
                   updated_ms) VALUES (?, ?, ?, ?, ?, 'sending', 1, ?, ?)""",
            (local_id, account_id, provider_id, name, note, now, now),
        )
        return self._require(local_id)

    def begin_again(self, local_id: str) -> InvitationRow:
        """Record a re-POST of a row the sent list did not show: ``sending`` again, one attempt more."""
        self._db.execute(
            "UPDATE invitations SET state = 'sending', error = NULL, attempts = attempts + 1, updated_ms = ? "
            "WHERE local_id = ?",
            (self._now_ms(), local_id),
        )
        return self._require(local_id)

    def settle(
        self,
        local_id: str,
        state: InvitationRowState,
        *,
        invitation_id: str | None = None,
        error: str | None = None,
    ) -> InvitationRow:
        """Set what is known now; ``invitation_id`` keeps the stored one when None."""
        if state not in INVITATION_ROW_STATES:
            raise ValueError(f"unknown invitation state {state!r}")
        self._db.execute(
            "UPDATE invitations SET state = ?, invitation_id = COALESCE(?, invitation_id), error = ?, updated_ms = ? "
            "WHERE local_id = ?",
            (state, invitation_id, error, self._now_ms(), local_id),
        )
        return self._require(local_id)

    def mark_withdrawn(self, account_id: str, invitation_id: str) -> int:
        """The agent withdrew the invitation ``invitation_id``; returns how many rows knew it (0 or 1)."""
        return self._db.execute(
            "UPDATE invitations SET state = 'withdrawn', updated_ms = ? WHERE account_id = ? AND invitation_id = ?",
            (self._now_ms(), account_id, invitation_id),
        )

    def get(self, local_id: str) -> InvitationRow | None:
        row = self._db.query_one("SELECT * FROM invitations WHERE local_id = ?", (local_id,))
        return None if row is None else _row(row)

    def latest(self, account_id: str, provider_id: str) -> InvitationRow | None:
        """The newest row for this person on this account."""
        row = self._db.query_one(
            "SELECT * FROM invitations WHERE account_id = ? AND provider_id = ? ORDER BY created_ms DESC, rowid DESC",
            (account_id, provider_id),
        )
        return None if row is None else _row(row)

    def for_account(self, account_id: str) -> list[InvitationRow]:
        """Every row of the account, newest first."""
        rows = self._db.query(
            "SELECT * FROM invitations WHERE account_id = ? ORDER BY created_ms DESC, rowid DESC", (account_id,)
        )
        return [_row(row) for row in rows]

    def latest_by_person(self, account_id: str) -> dict[str, InvitationRow]:
        """provider id → the newest row for that person on the account."""
        found: dict[str, InvitationRow] = {}
        for row in self.for_account(account_id):
            found.setdefault(row.provider_id, row)
        return found

    def unresolved(self) -> list[InvitationRow]:
        """``sending`` and ``unsure`` rows of every account, oldest first: what a start-up check must settle."""
        rows = self._db.query(
            # Any state but the settled ones, so a row in a state this app does not know is checked too.
            "SELECT * FROM invitations WHERE state NOT IN ('sent', 'failed', 'withdrawn') ORDER BY created_ms, rowid"
        )
        return [_row(row) for row in rows]

    def delete_settled_before(self, before_ms: int) -> int:
        """Forget sent, failed and withdrawn rows last changed before ``before_ms``; unresolved ones are kept."""
        return self._db.execute(
            "DELETE FROM invitations WHERE state IN ('sent', 'failed', 'withdrawn') AND updated_ms < ?", (before_ms,)
        )

    def _require(self, local_id: str) -> InvitationRow:
        found = self.get(local_id)
        if found is None:
            raise KeyError(f"no invitation row {local_id!r}")
        return found


def _row(row: Any) -> InvitationRow:
    state = str(row["state"])
    invitation_id, error = row["invitation_id"], row["error"]
    return InvitationRow(
        local_id=str(row["local_id"]),
        account_id=str(row["account_id"]),
        provider_id=str(row["provider_id"]),
        name=str(row["name"]),
        note=str(row["note"]),
        # An unknown state (written by a newer app) is treated as a doubt: it gets checked, never re-sent blindly.
        state=state if state in INVITATION_ROW_STATES else "unsure",
        invitation_id=None if invitation_id is None else str(invitation_id),
        error=None if error is None else str(error),
        attempts=int(row["attempts"]),
        created_ms=int(row["created_ms"]),
        updated_ms=int(row["updated_ms"]),
    )

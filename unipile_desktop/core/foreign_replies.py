"""The collision guard's rule: which new messages were sent from this account, but not by this app.

The agent's phone, a colleague logged in to the same account, or another copy of the app can answer a customer
while the agent is still typing here. Such a message is ``is_sender`` like ours; what tells it apart is that no
outbox entry claims it. Doubt counts as ours: a message whose copy the outbox has not matched yet (a send in
flight, one accepted without an id, one not sure to have arrived) is never reported when its text matches, so
the warning never fires for this app's own sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..api import Message
from ..store import OutboxEntry


def _text_key(text: str | None) -> str:
    return (text or "").strip()


def find_foreign_reply(
    messages: Sequence[Message], entries: Iterable[OutboxEntry], own_ids: Iterable[str] = ()
) -> Message | None:
    """The newest of ``messages`` sent from this account by someone else than this app; None when there is none.

    ``entries`` are the outbox entries of the chat, sent ones included (their ``message_id`` and ``duplicate_ids``
    are this app's copies); ``own_ids`` are server ids this app matched by other means (a send accepted without
    an id, matched by text and time).
    """
    candidates = [m for m in messages if m.is_sender and not m.is_event and not m.deleted]
    if not candidates:
        return None
    claimed = set(own_ids)
    unmatched_texts: set[str] = set()  # texts of sends whose server copy is not known (yet)
    for entry in entries:
        if entry.message_id:
            claimed.add(entry.message_id)
        claimed.update(entry.duplicate_ids)
        if entry.state != "sent" or not entry.message_id:
            unmatched_texts.add(_text_key(entry.text))
    foreign = [m for m in candidates if m.id not in claimed and _text_key(m.text) not in unmatched_texts]
    if not foreign:
        return None
    # Newest by time; a message without a time is taken as just now, so it counts as the newest.
    return max(foreign, key=lambda m: (m.timestamp is None, m.timestamp.timestamp() if m.timestamp else 0.0))

"""Which message a reply quotes: from a row of the view, from an outbox entry (Edit of a failed reply), or the one
Alt+R answers."""

from __future__ import annotations

from collections.abc import Sequence

from ...core.message_list import MessageListModel, MessageRow, RowKind
from ...core.outgoing import quote_gone
from ...engine.quotes import ReplyTo
from ...store import MessageSend, OutboxEntry
from ...texts import translate
from .view import MessageView


def reply_of_row(row: MessageRow) -> ReplyTo:
    """What the strip and the pending bubble show: the sender ("You" for the agent's own) and the text."""
    sender = translate("Reply", "You") if row.outgoing else row.sender_name
    text = row.text
    if not text.strip() and row.attachments:
        images = all(a.is_image for a in row.attachments)
        text = translate("Reply", "Photo") if images else translate("Reply", "Attachment")
    return ReplyTo.of(row.message_id, sender, text)


def reply_of_entry(entry: OutboxEntry | None) -> ReplyTo | None:
    """The quote of a failed reply being edited; None when it quotes nothing or its quoted message is gone."""
    if entry is None or not isinstance(entry.send, MessageSend) or not entry.send.quote_id or quote_gone(entry):
        return None
    send = entry.send
    assert send.quote_id is not None
    return ReplyTo.of(send.quote_id, send.quote_sender or "", send.quote_text or "")


def reply_target(view: MessageView, rows: Sequence[MessageRow]) -> MessageRow | None:
    """The message Alt+R answers: the view's current (or single selected) row, else the newest received message."""
    current = view.currentIndex()
    selected = view.selected_rows()
    candidates: list[MessageRow] = []
    if len(selected) == 1:
        candidates.append(selected[0])
    if current.isValid() and view.selectionModel().isSelected(current):
        row = current.data(MessageListModel.RowRole)
        if isinstance(row, MessageRow):
            candidates.insert(0, row)
    for row in candidates:
        if view.hover_reply.can_reply_to(row):
            return row
    for row in reversed(rows):
        if row.kind == RowKind.MESSAGE and not row.outgoing and view.hover_reply.can_reply_to(row):
            return row
    return None

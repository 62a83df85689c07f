"""Outgoing messages before and after the outbox: checking files to send, and the bubble of an outbox entry."""

from __future__ import annotations

import os
import pathlib
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QLocale

from ..store import MessageSend, OutboxEntry, OutboxState
from ..texts import translate
from .message_list import OutgoingMessage, QuoteView, SendState

MAX_FILE_SIZE = 15 * 1024 * 1024  # "usually 15 MB" per Unipile's send guide; providers differ


class SendRefusedError(ValueError):
    """``send`` refused before any request: nothing to send, a file missing or too large, no writable chat."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def size_in_mb(size: int) -> str:
    locale = QLocale()
    number = locale.toString(size / (1024 * 1024), "f", 1).removesuffix(locale.decimalPoint() + "0")
    return translate("Outgoing", "{size} MB").format(size=number)


def check_files(files: Sequence[pathlib.Path], max_file_size: int = MAX_FILE_SIZE) -> str | None:
    """The first reason these files cannot be sent, as a sentence, or None when all are fine."""
    for path in files:
        name = path.name or str(path)
        try:
            info = path.stat()
        except FileNotFoundError:
            return translate("Outgoing", "“{name}” no longer exists.").format(name=name)
        except OSError as exc:
            return translate("Outgoing", "“{name}” cannot be read: {reason}.").format(
                name=name, reason=exc.strerror or exc
            )
        if not path.is_file():
            return translate("Outgoing", "“{name}” is not a file.").format(name=name)
        if not os.access(path, os.R_OK):
            return translate("Outgoing", "“{name}” cannot be read (no permission).").format(name=name)
        if info.st_size == 0:
            return translate("Outgoing", "“{name}” is empty.").format(name=name)
        if info.st_size > max_file_size:
            return translate("Outgoing", "“{name}” is {size}; the limit is {limit}.").format(
                name=name, size=size_in_mb(info.st_size), limit=size_in_mb(max_file_size)
            )
    return None


ROW_STATES: dict[OutboxState, SendState] = {
    "queued": SendState.QUEUED,
    "sending": SendState.PENDING,
    "unknown": SendState.UNKNOWN,
    "unsure": SendState.UNSURE,
    "failed": SendState.FAILED,
    "sent": SendState.SENT,
}


def outgoing_from_entry(entry: OutboxEntry, send: MessageSend) -> OutgoingMessage:
    """The bubble of an outbox entry (also after a restart, from the stored entry alone)."""
    files = tuple(pathlib.Path(p) for p in send.attachments)
    return OutgoingMessage(
        local_id=entry.local_id,
        chat_id=send.chat_id,
        text=send.text or "",
        files=files,
        created_at=datetime.fromtimestamp(entry.created_at, UTC),
        state=ROW_STATES[entry.state],
        error=row_error(entry),
        server_id=entry.message_id,
        sizes=tuple(_size(p) for p in files),
        quote=quote_view(send),
        quote_gone=quote_gone(entry),
    )


def quote_view(send: MessageSend) -> QuoteView | None:
    """A reply's quote as its pending bubble shows it (like a received quote); None for a message that quotes none."""
    if not send.quote_id:
        return None
    return QuoteView(sender_name=send.quote_sender or "", text=send.quote_text or "")


def quote_gone(entry: OutboxEntry) -> bool:
    """A reply that failed because the message it quotes no longer exists (the engine put that sentence)."""
    send = entry.send
    return entry.state == "failed" and isinstance(send, MessageSend) and bool(send.quote_id) and send.quote_gone


def row_error(entry: OutboxEntry, failed_fallback: str = "") -> str:
    """What the bubble says under a failed or unsure message (plain text); "" in every other state."""
    if entry.state == "failed":
        return entry.reason or failed_fallback
    if entry.state == "unsure":
        return entry.reason or ""
    return ""


def sent_twice_ids(entry: OutboxEntry) -> set[str]:
    """Server ids of every copy of a sent entry the server holds more than once (empty when it holds one)."""
    if entry.state != "sent" or not entry.duplicate_ids:
        return set()
    ids = set(entry.duplicate_ids)
    if entry.message_id:
        ids.add(entry.message_id)
    return ids


def _size(path: pathlib.Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0

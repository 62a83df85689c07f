"""Drafts saved while typing (at most half a second behind) and restored after a restart or a crash."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..engine.outbox import OutboxEngine
from ..store.drafts import Draft, chat_draft_key
from ..store.outbox import OutboxEntry
from ..store.store import Store
from ..texts import translate

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 400  # typing is written to disk this long after the first unsaved keystroke (never later)

_Content = tuple[str, tuple[str, ...], tuple[tuple[str, Any], ...]]


def _content(text: str, attachments: Sequence[Path | str], fields: Mapping[str, Any] | None) -> _Content:
    return text, tuple(str(p) for p in attachments), tuple(sorted((fields or {}).items()))


def missing_attachment_note(paths: Sequence[str]) -> str:
    """The sentence shown when a restored draft's files are gone (moved or deleted since it was saved)."""
    if not paths:
        return ""
    names = ", ".join(f"“{Path(p).name}”" for p in paths)
    where = Path(paths[0]).parent
    if len(paths) == 1:
        return translate(
            "Drafts", "The draft's attachment {names} is no longer in {folder}. Attach it again if you still need it."
        ).format(names=names, folder=where)
    return translate(
        "Drafts",
        "The draft's attachments {names} are no longer where they were. Attach them again if you still need them.",
    ).format(names=names)


class DraftKeeper(QObject):
    """Writes drafts to the store a moment after each change, and says which drafts to show.

    Saves are debounced with a timer that is *not* restarted by further typing, so what is on screen is on disk
    at most ``SAVE_DELAY_MS`` later even during continuous typing. A draft that was sent stays stored until the
    outbox confirms the send (the engine deletes it then); meanwhile ``effective`` hides it, because the message
    shows as a pending bubble and restoring its text as well would invite sending it twice.
    """

    draft_changed = Signal(str)  # draft key: its stored or effective draft may have changed

    def __init__(
        self,
        store: Store,
        outbox: OutboxEngine | None = None,
        *,
        delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._outbox = outbox
        self._pending: dict[str, _Content] = {}
        self._saved: dict[str, _Content] = {}  # last content written per key, so unchanged notes write nothing
        self._held: set[str] = set()  # keys whose composer was just emptied by a send
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush_all)
        self._remove_listener: Callable[[], None] | None = None
        if outbox is not None:
            self._remove_listener = outbox.add_listener(self._on_outbox_changed, self._on_outbox_discarded)

    def close(self) -> None:
        """Write what is pending and stop listening (at shutdown, before the store closes)."""
        self.flush_all()
        self._timer.stop()
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None

    # ------------------------------------------------------------------------------------------ writing

    def note(
        self,
        key: str,
        text: str,
        attachments: Sequence[Path | str] = (),
        fields: Mapping[str, Any] | None = None,
    ) -> None:
        """The composer (or the new chat dialog) for ``key`` now shows this; it is saved shortly."""
        content = _content(text, attachments, fields)
        empty = not text.strip() and not content[1] and not any(v for _, v in content[2])
        if key in self._held:
            if empty:
                return  # the send emptied the composer: the stored draft stays until the send is confirmed
            self._held.discard(key)
        if content == self._saved.get(key) and key not in self._pending:
            return
        self._pending[key] = content
        if not self._timer.isActive():
            self._timer.start()

    def flush(self, key: str) -> None:
        content = self._pending.pop(key, None)
        if content is not None:
            self._write(key, content)

    def flush_all(self) -> None:
        pending, self._pending = self._pending, {}
        for key, content in pending.items():
            self._write(key, content)

    def hold_after_send(self, key: str) -> None:
        """A send of this draft was queued: write it now, and ignore the composer being emptied by the send."""
        self.flush(key)
        self._held.add(key)

    def clear(self, key: str) -> None:
        """Delete the draft now (the person emptied it on purpose, e.g. discarded the new chat dialog's content)."""
        self._pending.pop(key, None)
        self._held.discard(key)
        self._write(key, _content("", (), None))

    def _write(self, key: str, content: _Content) -> None:
        text, attachments, fields = content
        try:
            self._store.drafts.save(key, text, attachments, dict(fields))
        except Exception:  # a full disk must not break typing; the next change tries again
            log.exception("could not save the draft %s", key)
            return
        self._saved[key] = content
        self.draft_changed.emit(key)

    # ------------------------------------------------------------------------------------------ reading

    def stored(self, key: str) -> Draft | None:
        """The draft as stored (pending typing written first)."""
        self.flush(key)
        return self._store.drafts.get(key)

    def effective(self, key: str) -> Draft | None:
        """The draft to restore or preview: None when a newer send of it is still unsent or failed."""
        draft = self.stored(key)
        if draft is None or self._outbox is None:
            return draft
        for entry in self._outbox.entries():
            if entry.draft_key == key and entry.created_at >= draft.updated_at:
                return None
        return draft

    def chat_previews(self) -> dict[str, str]:
        """Chat id → one line of its effective draft, for the chat list's "Draft: …"."""
        self.flush_all()
        previews: dict[str, str] = {}
        for key in self._store.drafts.all():
            draft = self.effective(key)
            if draft is not None and draft.chat_id is not None:
                previews[draft.chat_id] = draft.preview()
        return previews

    def chat_preview(self, chat_id: str) -> str | None:
        draft = self.effective(chat_draft_key(chat_id))
        return draft.preview() if draft is not None else None

    # ------------------------------------------------------------------------------------------ outbox

    def _on_outbox_changed(self, entry: OutboxEntry) -> None:
        if entry.draft_key and entry.state in ("sent", "failed", "queued"):
            self.draft_changed.emit(entry.draft_key)

    def _on_outbox_discarded(self, entry: OutboxEntry) -> None:
        key = entry.draft_key
        if not key:
            return
        # Discarding a failed send drops its text everywhere; typing done after it was sent is kept.
        self._store.drafts.delete_if_not_newer(key, entry.created_at)
        self._saved.pop(key, None)
        self.draft_changed.emit(key)

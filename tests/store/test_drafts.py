"""Drafts: saved per chat and for the new-chat dialog, restored after a restart or a SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers.clock import FakeClock
from unipile_desktop.store import NEW_CHAT_DRAFT_KEY, Store, chat_draft_key


def test_save_restore_and_empty_deletes(store: Store, tmp_path: Path) -> None:
    existing = tmp_path / "photo.jpg"
    existing.write_bytes(b"jpg")
    store.drafts.save(chat_draft_key("c1"), "Hello  there\nsecond line", [str(existing), str(tmp_path / "gone.pdf")])
    draft = store.drafts.get("chat:c1")
    assert draft is not None
    assert draft.chat_id == "c1"
    assert draft.attachments == (str(existing), str(tmp_path / "gone.pdf"))
    assert draft.missing_attachments() == (str(tmp_path / "gone.pdf"),)
    assert draft.preview() == "Hello there second line"
    assert store.drafts.save("chat:c1", "   ") is None
    assert store.drafts.get("chat:c1") is None


def test_new_chat_draft_keeps_dialog_fields(store: Store) -> None:
    fields = {"account_id": "acc", "attendee_ids": ["ACo1"], "subject": "Hi", "linkedin_api": "recruiter"}
    store.drafts.save(NEW_CHAT_DRAFT_KEY, "", fields=fields)  # recipients chosen, nothing typed yet: still a draft
    draft = store.drafts.get(NEW_CHAT_DRAFT_KEY)
    assert draft is not None and dict(draft.fields) == fields and draft.chat_id is None


def test_all_lists_drafts_for_the_chat_list(store: Store) -> None:
    store.drafts.save("chat:a", "x" * 100)
    store.drafts.save("chat:b", "", ["/tmp/f.pdf"])
    drafts = store.drafts.all()
    assert set(drafts) == {"chat:a", "chat:b"}
    assert drafts["chat:a"].preview(20) == "x" * 19 + "…"
    assert drafts["chat:b"].preview() == "1 attachment"


def test_delete_if_not_newer_spares_typing_after_the_send(store: Store, clock: FakeClock) -> None:
    store.drafts.save("chat:a", "sent text")
    sent_at = clock.now
    clock.advance(2)
    store.drafts.save("chat:a", "typed after sending")
    assert not store.drafts.delete_if_not_newer("chat:a", sent_at)
    assert store.drafts.get("chat:a") is not None
    assert store.drafts.delete_if_not_newer("chat:a", clock.now)
    assert store.drafts.get("chat:a") is None


WRITER = textwrap.dedent(
    """
    import sys, time
    from unipile_desktop.store import Store, chat_draft_key
    store = Store.open(sys.argv[1])
    for n in range(1, 4):  # the composer saves as the user types
        store.drafts.save(chat_draft_key("c1"), "typing " * n + "done", [sys.argv[2]])
    store.drafts.save("new-chat", "first words", fields={"attendee_ids": ["ACo1"]})
    print("saved", flush=True)
    time.sleep(60)  # killed here, without closing anything
    """
)


def test_drafts_survive_sigkill(db_path: Path, tmp_path: Path) -> None:
    attachment = tmp_path / "invoice.pdf"
    attachment.write_bytes(b"%PDF")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(attachment)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "saved"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    # The WAL was never checkpointed or closed cleanly; a new connection must still see every committed save.
    with Store.open(db_path) as store:
        draft = store.drafts.get(chat_draft_key("c1"))
        assert draft is not None
        assert draft.text == "typing typing typing done"
        assert draft.attachments == (str(attachment),) and draft.missing_attachments() == ()
        new_chat = store.drafts.get("new-chat")
        assert new_chat is not None and new_chat.fields["attendee_ids"] == ["ACo1"]

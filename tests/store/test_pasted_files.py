"""Pasted images live in the profile's own folder and stay as long as a draft or an unsent message needs them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from unipile_desktop.store import NEW_CHAT_DRAFT_KEY, MessageSend, NewChatSend, Store, chat_draft_key


def paste(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"\x89PNG pasted")
    return path


def test_the_pasted_folder_belongs_to_the_profile_database(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.pasted_dir is not None
        assert store.pasted_dir.parent.name == db_path.name + ".files"
        assert store.pasted_dir.parent.parent == db_path.parent
    with Store.open(None) as memory:
        assert memory.pasted_dir is None


def test_reopening_deletes_pasted_images_once_their_message_is_sent_or_discarded(db_path: Path) -> None:
    with Store.open(db_path) as store:
        folder = store.pasted_dir
        assert folder is not None
        in_chat_draft = paste(folder, "pasted-image-1.png")
        in_new_chat_draft = paste(folder, "pasted-image-2.png")
        queued = paste(folder, "pasted-image-3.png")
        failed = paste(folder, "pasted-image-4.png")
        sent = paste(folder, "pasted-image-5.png")
        discarded = paste(folder, "pasted-image-6.png")
        never_used = paste(folder, "pasted-image-7.png")
        store.drafts.save(chat_draft_key("c1"), "", [str(in_chat_draft)])
        store.drafts.save(NEW_CHAT_DRAFT_KEY, "hi", [str(in_new_chat_draft)])
        store.outbox.add(MessageSend(chat_id="c1", attachments=(str(queued),)))
        entry = store.outbox.add(NewChatSend(account_id="a", attendee_ids=("p",), attachments=(str(failed),)))
        store.outbox.save(entry.with_changes(state="failed", reason="refused"))
        entry = store.outbox.add(MessageSend(chat_id="c2", attachments=(str(sent),)))
        store.outbox.save(entry.with_changes(state="sent", message_id="m1"))
        entry = store.outbox.add(MessageSend(chat_id="c3", attachments=(str(discarded),)))
        store.outbox.delete(entry.local_id)
        outside = paste(db_path.parent / "elsewhere", "chosen-by-the-user.png")

    with Store.open(db_path) as reopened:
        assert reopened.pasted_dir == folder

    assert sorted(p.name for p in folder.iterdir()) == [
        in_chat_draft.name,
        in_new_chat_draft.name,
        queued.name,
        failed.name,
    ]
    assert not sent.exists() and not discarded.exists() and not never_used.exists()
    assert outside.exists()  # only the app's own pasted copies are ever deleted


def test_a_second_reader_without_the_lock_deletes_nothing(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.pasted_dir is not None
        orphan = paste(store.pasted_dir, "pasted-image-1.png")
        Store.open(db_path, exclusive=False).close()  # e.g. a tool peeking while the app runs
        assert orphan.exists()


def test_an_unreadable_outbox_row_keeps_every_pasted_image_and_the_profile_opens(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store.open(db_path) as store:
        assert store.pasted_dir is not None
        waiting = paste(store.pasted_dir, "pasted-image-1.png")
        store.outbox.add(MessageSend(chat_id="c1", attachments=(str(waiting),)))
        store.db.execute("UPDATE outbox SET payload = '{not json'")  # written by a broken or newer app

    with caplog.at_level(logging.ERROR), Store.open(db_path) as reopened:
        assert reopened.path == db_path
    assert waiting.exists()  # when in doubt, nothing is deleted
    assert "could not tidy up the pasted images" in caplog.text

"""A profile's local database follows its stable id: renaming keeps it, removing deletes it (after saying what is
unsent), and profiles saved before ids keep the database they already had."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import keyring_fixtures
from unipile_desktop.profiles import Credentials, KeyStore, Profile, ProfileStore, SettingsFileError
from unipile_desktop.store import (
    MessageSend,
    Store,
    chat_draft_key,
    is_valid_profile_id,
    profile_database_path,
    profile_db_path,
)
from unipile_desktop.store.paths import database_files, removal_marker

memory_keyring = keyring_fixtures.memory_keyring
pytestmark = pytest.mark.usefixtures("memory_keyring")

KEY = "sk_test_profile_data"
DSN = "api8.unipile.com:13851"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


def credentials(config_dir: Path, data_dir: Path) -> Credentials:
    return Credentials(ProfileStore(config_dir), KeyStore(), data_dir=data_dir)


def queue_message(path: Path, text: str, *, attachments: tuple[str, ...] = ()) -> None:
    with Store.open(path) as store:
        store.outbox.add(MessageSend(chat_id="chat_1", text=text, attachments=attachments))


def outbox_texts(path: Path) -> list[str | None]:
    with Store.open(path) as store:
        return [entry.text for entry in store.outbox.entries()]


def saved_ids(config_dir: Path) -> dict[str, str]:
    data = json.loads((config_dir / "settings.json").read_text("utf-8"))
    return {item["name"]: item["id"] for item in data["profiles"]}


# ------------------------------------------------------------------------------------------------ the id


def test_a_new_profile_gets_an_id_that_names_its_database(config_dir: Path, data_dir: Path) -> None:
    creds = credentials(config_dir, data_dir)
    first = creds.add_profile("Support", DSN, KEY)
    second = creds.add_profile("Sales", DSN, KEY)
    assert is_valid_profile_id(first.id) and is_valid_profile_id(second.id) and first.id != second.id
    assert creds.database_path("Support") == profile_db_path(first.id, data_dir)
    assert creds.database_path("Support") != profile_database_path("Support", data_dir)  # not the name any more
    assert saved_ids(config_dir) == {"Support": first.id, "Sales": second.id}
    reread = credentials(config_dir, data_dir)
    assert reread.store.get("Support").id == first.id


def test_renaming_a_profile_keeps_its_unsent_messages(config_dir: Path, data_dir: Path) -> None:
    creds = credentials(config_dir, data_dir)
    creds.add_profile("Support", DSN, KEY)
    before = creds.database_path("Support")
    queue_message(before, "queued before the rename")

    creds.edit_profile("Support", "Support desk", DSN)

    after = credentials(config_dir, data_dir).database_path("Support desk")  # as the next start finds it
    assert after == before
    assert outbox_texts(after) == ["queued before the rename"]


def test_replacing_a_profile_keeps_its_id(config_dir: Path, data_dir: Path) -> None:
    creds = credentials(config_dir, data_dir)
    original = creds.add_profile("Support", DSN, KEY)
    replaced = creds.add_profile("Support", "localhost:8999", "new-key", replace_existing=True)
    assert replaced.id == original.id
    assert creds.store.get("Support").id == original.id


def test_a_profile_saved_before_ids_keeps_its_database_through_a_rename(config_dir: Path, data_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "settings.json").write_text(
        json.dumps({"version": 1, "last_profile": "Team One", "profiles": [{"name": "Team One", "dsn": DSN}]}),
        "utf-8",
    )
    old_database = profile_database_path("Team One", data_dir)  # where the app kept it, by name
    queue_message(old_database, "queued by the old version")
    creds = credentials(config_dir, data_dir)
    assert creds.database_path("Team One") == old_database

    creds.edit_profile("Team One", "Team Two", DSN)

    assert credentials(config_dir, data_dir).database_path("Team Two") == old_database
    assert outbox_texts(old_database) == ["queued by the old version"]


@pytest.mark.parametrize("bad_id", ["../../elsewhere", "", "a/b", 42])
def test_a_settings_file_with_an_unusable_id_is_set_aside(config_dir: Path, bad_id: object) -> None:
    config_dir.mkdir()
    (config_dir / "settings.json").write_text(
        json.dumps({"version": 1, "profiles": [{"name": "A", "dsn": DSN, "id": bad_id}]}), "utf-8"
    )
    store = ProfileStore(config_dir)
    with pytest.raises(SettingsFileError, match="unusable id"):
        store.load()
    assert store.profiles() == []


def test_two_profiles_sharing_an_id_are_refused(config_dir: Path) -> None:
    config_dir.mkdir()
    profiles = [{"name": "A", "dsn": DSN, "id": "same"}, {"name": "B", "dsn": DSN, "id": "same"}]
    (config_dir / "settings.json").write_text(json.dumps({"version": 1, "profiles": profiles}), "utf-8")
    with pytest.raises(SettingsFileError, match="appears twice"):
        ProfileStore(config_dir).load()


def test_an_id_is_only_a_plain_file_name() -> None:
    with pytest.raises(ValueError):
        profile_db_path("../x")
    assert not is_valid_profile_id("CON")


# ------------------------------------------------------------------------------------------------ removing


def test_removing_a_profile_says_what_is_unsent_then_deletes_all_its_local_data(
    config_dir: Path, data_dir: Path
) -> None:
    creds = credentials(config_dir, data_dir)
    creds.add_profile("Support", DSN, KEY)
    creds.add_profile("Other", DSN, KEY)
    database = creds.database_path("Support")
    with Store.open(database) as store:
        pasted_dir = store.pasted_dir
        assert pasted_dir is not None
        pasted_dir.mkdir(parents=True)
        (pasted_dir / "pasted-image-1.png").write_bytes(b"png")
        store.outbox.add(MessageSend(chat_id="c1", text="one", attachments=(str(pasted_dir / "pasted-image-1.png"),)))
        failed = store.outbox.add(MessageSend(chat_id="c1", text="two"))
        store.outbox.save(failed.with_changes(state="failed", reason="refused"))
        sent = store.outbox.add(MessageSend(chat_id="c2", text="three"))
        store.outbox.save(sent.with_changes(state="sent", message_id="m3"))
        store.drafts.save(chat_draft_key("c1"), "customer data in a draft")
    queue_message(creds.database_path("Other"), "other profile")
    assert creds.unsent_messages("Support") == 2  # queued and failed; the sent one is not lost
    assert database_files(database)

    assert creds.remove_profile("Support") is True

    assert database_files(database) == []
    assert not database.exists() and not pasted_dir.exists()
    assert outbox_texts(creds.database_path("Other")) == ["other profile"]  # untouched
    again = creds.add_profile("Support", DSN, KEY)  # the same name later starts empty
    assert creds.database_path("Support") != database
    assert outbox_texts(profile_db_path(again.id, data_dir)) == []


def test_a_profile_without_a_database_reports_nothing_unsent_and_removes_cleanly(
    config_dir: Path, data_dir: Path
) -> None:
    creds = credentials(config_dir, data_dir)
    creds.add_profile("Never opened", DSN, KEY)
    assert creds.unsent_messages("Never opened") == 0
    assert creds.remove_profile("Never opened") is True
    assert not data_dir.exists() or not any(data_dir.rglob("*"))


def test_the_open_profile_is_deleted_when_its_session_closes_it(config_dir: Path, data_dir: Path) -> None:
    creds = credentials(config_dir, data_dir)
    creds.add_profile("Support", DSN, KEY)
    database = creds.database_path("Support")
    session_store = Store.open(database)  # the running session holds the database and its lock
    session_store.outbox.add(MessageSend(chat_id="c1", text="queued"))
    assert creds.unsent_messages("Support") == 1  # counted without the lock

    assert creds.remove_profile("Support") is False
    assert database.exists() and removal_marker(database).exists()
    session_store.outbox.add(MessageSend(chat_id="c1", text="still writable until the session ends"))

    session_store.close()
    assert database_files(database) == []


def test_a_database_left_marked_by_a_crash_is_deleted_at_the_next_start(data_dir: Path) -> None:
    removed = profile_db_path("removed-profile", data_dir)
    queue_message(removed, "customer data")
    removal_marker(removed).touch()  # removed while open, then the app died before closing it
    kept = profile_db_path("kept-profile", data_dir)

    Store.open(kept).close()

    assert database_files(removed) == []
    assert kept.exists()


def test_removal_keeps_the_profile_when_the_settings_cannot_be_written(
    config_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = credentials(config_dir, data_dir)
    creds.add_profile("Support", DSN, KEY)
    database = creds.database_path("Support")
    queue_message(database, "must survive")

    def read_only(*_args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("unipile_desktop.profiles.settings_file.os.replace", read_only)
    with pytest.raises(SettingsFileError):
        creds.remove_profile("Support")
    assert outbox_texts(database) == ["must survive"]


def test_profiles_compare_by_what_a_person_sees() -> None:
    assert Profile("A", DSN, id="one") == Profile("A", DSN, id="two")

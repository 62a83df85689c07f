"""Profiles in the settings file, keys in the keyring (an in-memory one here)."""

from __future__ import annotations

import json
import stat
import sys
from datetime import datetime
from pathlib import Path

import keyring.errors
import pytest
from keyring.backends import SecretService, chainer, fail, null

from tests.helpers import keyring_fixtures
from tests.helpers.memory_keyring import FailingKeyring, MemoryKeyring
from unipile_desktop.profiles import (
    KEYRING_SERVICE,
    Credentials,
    InvalidProfileError,
    KeyringProblem,
    KeyringUnavailableError,
    KeyStore,
    Profile,
    ProfileExistsError,
    ProfileStore,
    SessionKeys,
    SettingsFileError,
    UnknownProfileError,
    describe_backend,
    describe_connection_failure,
    is_system_backend,
    validate_api_key,
    validate_dsn,
    validate_profile_name,
)
from unipile_desktop.profiles import settings_file as settings_file_module

memory_keyring = keyring_fixtures.memory_keyring
pytestmark = pytest.mark.usefixtures("memory_keyring")

KEY = "sk_live_Q9x7-secret-key-value"
DSN = "api8.unipile.com:13851"


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    store = ProfileStore(tmp_path / "config")
    store.load()
    return store


@pytest.fixture
def creds(store: ProfileStore, memory_keyring: MemoryKeyring) -> Credentials:
    return Credentials(store, KeyStore())


def all_text_under(folder: Path) -> str:
    return "\n".join(p.read_text("utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 65, "too long"),
        ("line\nbreak", "control characters"),
        ("tab\there", "control characters"),
        ("bell\x07", "control characters"),
        ("zero\u200bwidth", "control characters"),
    ],
)
def test_bad_profile_names_are_refused_with_a_sentence(name: str, problem: str) -> None:
    with pytest.raises(InvalidProfileError, match=problem) as info:
        validate_profile_name(name)
    assert str(info.value).endswith(".")


def test_profile_names_are_trimmed_and_may_use_any_script() -> None:
    assert validate_profile_name("  Support – Paris  ") == "Support – Paris"
    assert validate_profile_name("Поддержка") == "Поддержка"
    assert validate_profile_name("x" * 64) == "x" * 64


@pytest.mark.parametrize(
    ("dsn", "problem"),
    [
        ("", "empty"),
        ("http://api8.unipile.com:13851", "Plain http is only allowed"),
        ("ftp://api8.unipile.com", "not a server address"),
        ("api8.unipile.com:99999", "invalid port"),
    ],
)
def test_bad_dsns_are_refused_with_the_clients_sentence(dsn: str, problem: str) -> None:
    with pytest.raises(InvalidProfileError, match=problem):
        validate_dsn(dsn)


@pytest.mark.parametrize(
    "dsn", ["api8.unipile.com:13851", "https://api8.unipile.com:13851/", "http://127.0.0.1:8999", "localhost:8999"]
)
def test_good_dsns_are_kept_as_typed(dsn: str) -> None:
    assert validate_dsn(f" {dsn} ") == dsn


def test_api_key_validation_never_echoes_the_key() -> None:
    assert validate_api_key(f"  {KEY}\n") == KEY
    with pytest.raises(InvalidProfileError, match="empty"):
        validate_api_key(" \n")
    with pytest.raises(InvalidProfileError, match="spaces or line breaks") as info:
        validate_api_key(f"{KEY} {KEY}")
    assert KEY not in str(info.value)


# ------------------------------------------------------------------------------------------------ profile store


def test_profiles_survive_a_restart_and_the_file_holds_no_key(creds: Credentials, tmp_path: Path) -> None:
    creds.add_profile("Support", DSN, KEY)
    creds.add_profile("Sales", "https://api1.unipile.com:13111", KEY + "2")
    creds.store.set_last_used("Sales")
    creds.store.set_last_account("Sales", "acc_42")

    reopened = ProfileStore(creds.store.config_dir)
    reopened.load()
    assert reopened.profiles() == [
        Profile("Support", DSN, None),
        Profile("Sales", "https://api1.unipile.com:13111", "acc_42"),
    ]
    assert reopened.last_used() == Profile("Sales", "https://api1.unipile.com:13111", "acc_42")
    data = json.loads(reopened.path.read_text("utf-8"))
    assert data["last_profile"] == "Sales"
    assert KEY not in all_text_under(tmp_path)


def test_last_used_falls_back_to_the_first_profile(store: ProfileStore) -> None:
    assert store.last_used() is None
    store.add(Profile("A", DSN))
    store.add(Profile("B", DSN))
    assert store.last_used() == Profile("A", DSN)
    store.set_last_used("B")
    store.remove("B")
    assert store.last_used() == Profile("A", DSN)


def test_writes_are_atomic_and_leave_no_temporary_files(store: ProfileStore) -> None:
    store.add(Profile("A", DSN))
    store.add(Profile("B", DSN))
    assert sorted(p.name for p in store.config_dir.iterdir()) == ["settings.json"]


def test_a_failed_write_leaves_the_old_file_intact(store: ProfileStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(Profile("A", DSN))
    before = store.path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_file_module.os, "replace", broken_replace)
    with pytest.raises(SettingsFileError, match="could not be saved .No space left on device."):
        store.add(Profile("B", DSN))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert store.profiles() == [Profile("A", DSN)]
    assert sorted(p.name for p in store.config_dir.iterdir()) == ["settings.json"]


def test_duplicate_and_unknown_names_are_refused(store: ProfileStore) -> None:
    store.add(Profile("A", DSN))
    with pytest.raises(ProfileExistsError, match="already exists"):
        store.add(Profile(" A ", DSN))
    with pytest.raises(UnknownProfileError) as info:
        store.get("nobody")
    assert str(info.value) == "There is no profile named “nobody”."
    with pytest.raises(UnknownProfileError):
        store.remove("nobody")
    with pytest.raises(UnknownProfileError):
        store.set_last_used("nobody")


def test_invalid_profiles_are_never_written(store: ProfileStore) -> None:
    with pytest.raises(InvalidProfileError):
        store.add(Profile("A", "http://example.com"))
    with pytest.raises(InvalidProfileError):
        store.add(Profile("bad\nname", DSN))
    assert not store.path.exists()


def test_a_change_made_by_another_process_is_not_overwritten(tmp_path: Path) -> None:
    app_store = ProfileStore(tmp_path)
    app_store.load()
    app_store.add(Profile("App", DSN))
    cli_store = ProfileStore(tmp_path)
    cli_store.load()
    cli_store.add(Profile("FromCli", DSN))

    app_store.set_last_account("App", "acc_1")

    final = ProfileStore(tmp_path)
    final.load()
    assert [p.name for p in final.profiles()] == ["App", "FromCli"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG directories are a Linux convention")
def test_default_config_dir_is_the_platform_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert ProfileStore().path == tmp_path / "xdg" / "unipile-desktop" / "settings.json"


# ------------------------------------------------------------------------------------------------ corrupt file


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "does not hold a settings object"),
        (b'{"profiles": {"a": 1}}', "is not a list"),
        (b'{"profiles": [{"name": "A"}]}', "lacks a name or a DSN"),
        (b'{"profiles": [{"name": "A", "dsn": "http://evil.example"}]}', "Plain http"),
        (b'{"version": 99, "profiles": []}', "newer version"),
    ],
)
def test_a_corrupt_settings_file_is_kept_and_the_store_starts_empty(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    store = ProfileStore(tmp_path)

    with pytest.raises(SettingsFileError) as info:
        store.load()

    message = str(info.value)
    assert reason in message
    assert "starts with no profiles" in message
    backup = info.value.backup_path
    assert backup is not None and backup.name in message
    assert backup.read_bytes() == content
    assert store.profiles() == []
    store.add(Profile("Fresh", DSN))  # the app carries on
    assert json.loads(path.read_text("utf-8"))["profiles"][0]["name"] == "Fresh"
    assert backup.read_bytes() == content


def test_an_unreadable_settings_path_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()  # reading a folder fails even for root
    store = ProfileStore(tmp_path)
    with pytest.raises(SettingsFileError, match="could not be read") as info:
        store.load()
    assert info.value.backup_path is not None and info.value.backup_path.is_dir()
    store.add(Profile("A", DSN))
    assert store.path.is_file()


def test_a_corrupt_file_that_cannot_be_moved_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"{broken")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_file_module.os, "replace", refuse)
    store = ProfileStore(tmp_path)
    with pytest.raises(SettingsFileError, match="will not overwrite that file"):
        store.load()
    monkeypatch.undo()
    with pytest.raises(SettingsFileError, match="will not overwrite"):
        store.add(Profile("A", DSN))
    assert path.read_bytes() == b"{broken"


@pytest.mark.date_sensitive
@pytest.mark.time_machine(datetime(2025, 3, 12, 23, 59, 59).astimezone(), tick=False)  # really the same second
def test_two_corruptions_in_the_same_second_get_two_backups(tmp_path: Path) -> None:
    for content in (b"{one", b"{two"):
        (tmp_path / "settings.json").write_bytes(content)
        with pytest.raises(SettingsFileError):
            ProfileStore(tmp_path).load()
    backups = {p.name: p.read_bytes() for p in tmp_path.iterdir() if ".corrupt-" in p.name}
    assert backups == {
        "settings.json.corrupt-20250312-235959": b"{one",
        "settings.json.corrupt-20250312-235959-2": b"{two",
    }


# ------------------------------------------------------------------------------------------------ key store


def test_key_store_sets_gets_and_deletes_under_the_app_service(memory_keyring: MemoryKeyring) -> None:
    keys = KeyStore()
    assert keys.get("Support") is None
    keys.set("Support", KEY)
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): KEY}
    assert keys.get("Support") == KEY
    keys.delete("Support")
    assert keys.get("Support") is None
    keys.delete("Support")  # already gone: fine


@pytest.mark.parametrize(
    ("error", "problem", "words"),
    [
        (keyring.errors.NoKeyringError("no backend"), KeyringProblem.NO_BACKEND, "No system keyring is available"),
        (keyring.errors.KeyringLocked("Failed to unlock"), KeyringProblem.LOCKED, "Unlock it"),
        (keyring.errors.InitError("no collection"), KeyringProblem.INIT_FAILED, "could not be opened"),
        (keyring.errors.PasswordSetError("nope"), KeyringProblem.REFUSED, "refused to store"),
        (keyring.errors.KeyringError("odd"), KeyringProblem.FAILED, "did not work"),
    ],
)
def test_every_keyring_failure_becomes_a_sentence(
    error: keyring.errors.KeyringError, problem: KeyringProblem, words: str
) -> None:
    keys = KeyStore(FailingKeyring(error))
    for action in (lambda: keys.get("p"), lambda: keys.set("p", KEY), lambda: keys.delete("p")):
        with pytest.raises(KeyringUnavailableError) as info:
            action()
        assert info.value.problem is problem
        assert words in str(info.value)
        assert str(info.value).endswith(".")
        assert info.value.__cause__ is None and info.value.__suppress_context__


def test_a_prompt_dismissed_by_secret_storage_counts_as_locked() -> None:
    class PromptDismissedException(Exception):
        pass

    backend = FailingKeyring()
    backend.error = PromptDismissedException("Prompt dismissed.")  # type: ignore[assignment]
    with pytest.raises(KeyringUnavailableError) as info:
        KeyStore(backend).get("p")
    assert info.value.problem is KeyringProblem.LOCKED


def test_the_key_never_appears_in_a_keyring_error() -> None:
    backend = FailingKeyring(keyring.errors.PasswordSetError(f"could not store {KEY}"))
    with pytest.raises(KeyringUnavailableError) as info:
        KeyStore(backend).set("p", KEY)
    assert KEY not in str(info.value)
    assert KEY not in repr(info.value)
    assert "<redacted>" in info.value.detail


def test_a_broken_keyring_configuration_becomes_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise keyring.errors.InitError("bad keyringrc.cfg")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    keys = KeyStore()
    with pytest.raises(KeyringUnavailableError, match="could not be opened"):
        keys.get("p")
    assert keys.backend_description() == "none (the keyring could not be loaded)"
    assert keys.is_system_backend() is False


def test_a_delete_error_while_the_key_is_still_there_is_reported() -> None:
    class StubbornKeyring(MemoryKeyring):
        def delete_password(self, service: str, username: str) -> None:
            raise keyring.errors.PasswordDeleteError("refused")

    backend = StubbornKeyring()
    backend.set_password(KEYRING_SERVICE, "p", KEY)
    with pytest.raises(KeyringUnavailableError):
        KeyStore(backend).delete("p")


def _fake_backend(module: str, name: str, **attrs: object) -> object:
    return type(name, (), {"__module__": module, **attrs})()


@pytest.mark.parametrize(
    ("backend", "description", "system"),
    [
        (SecretService.Keyring(), "Secret Service (GNOME Keyring / KWallet)", True),
        (_fake_backend("keyring.backends.macOS", "Keyring"), "macOS Keychain", True),
        (_fake_backend("keyring.backends.Windows", "WinVaultKeyring"), "Windows Credential Locker", True),
        (_fake_backend("keyring.backends.kwallet", "DBusKeyring"), "KDE Wallet (KWallet)", True),
        (fail.Keyring(), "none (no keyring backend is available)", False),
        (null.Keyring(), "none (the null keyring stores nothing)", False),
        (_fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[]), "none", False),
        (
            _fake_backend("keyring.backends.chainer", "ChainerBackend", backends=[SecretService.Keyring()]),
            "Secret Service (GNOME Keyring / KWallet)",
            True,
        ),
        (_fake_backend("keyrings.alt.file", "PlaintextKeyring"), "not a system keyring", False),
        (MemoryKeyring(), "MemoryKeyring", True),
    ],
)
def test_backends_are_named_and_classified(backend: object, description: str, system: bool) -> None:
    assert description in describe_backend(backend)
    assert is_system_backend(backend) is system
    assert KeyStore(backend).backend_description() == describe_backend(backend)
    assert KeyStore(backend).is_system_backend() is system


def test_the_real_chainer_without_backends_is_not_a_system_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [])
    backend = chainer.ChainerBackend()
    assert is_system_backend(backend) is False
    assert describe_backend(backend).startswith("none")


def test_the_real_chainer_is_named_after_its_first_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [MemoryKeyring(), null.Keyring()])
    backend = chainer.ChainerBackend()
    assert describe_backend(backend) == "MemoryKeyring"
    assert is_system_backend(backend) is True


def test_session_keys_hold_keys_in_memory_and_never_show_them() -> None:
    session = SessionKeys()
    session.set("p", KEY)
    assert session.get("p") == KEY and "p" in session
    session.rename("p", "q")
    assert session.get("p") is None and session.get("q") == KEY
    assert KEY not in repr(session)
    assert KEY not in repr(KeyStore()) and KEY not in repr(Credentials(ProfileStore(Path("/x")), KeyStore(), session))
    session.discard("q")
    assert "q" not in session


# ------------------------------------------------------------------------------------------------ credentials


def test_add_profile_puts_the_key_only_in_the_keyring(
    creds: Credentials, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    creds.add_profile(" Support ", f" {DSN} ", f"{KEY}\n")
    assert creds.store.profiles() == [Profile("Support", DSN)]
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): KEY}
    assert creds.api_key("Support") == KEY
    assert KEY not in all_text_under(tmp_path)


def test_add_profile_refuses_an_existing_name_unless_replacing(
    creds: Credentials, memory_keyring: MemoryKeyring
) -> None:
    creds.add_profile("Support", DSN, KEY)
    with pytest.raises(ProfileExistsError):
        creds.add_profile("Support", DSN, "other-key")
    assert creds.api_key("Support") == KEY
    creds.add_profile("Support", "localhost:8999", "other-key", replace_existing=True)
    assert creds.api_key("Support") == "other-key"
    assert creds.store.get("Support").dsn == "localhost:8999"


def test_a_keyring_failure_on_add_writes_nothing(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    creds = Credentials(store, KeyStore(FailingKeyring(keyring.errors.KeyringLocked("locked"))))
    with pytest.raises(KeyringUnavailableError, match="locked"):
        creds.add_profile("Support", DSN, KEY)
    assert not store.path.exists()


def test_session_only_keeps_the_key_in_memory_and_off_the_disk(tmp_path: Path) -> None:
    backend = FailingKeyring()
    creds = Credentials(ProfileStore(tmp_path), KeyStore(backend))
    creds.add_profile("Support", DSN, KEY, session_only=True)
    assert backend.calls == []
    assert creds.api_key("Support") == KEY
    assert creds.store.profiles() == [Profile("Support", DSN)]
    assert KEY not in all_text_under(tmp_path)


def test_a_failed_settings_write_takes_the_new_key_back_out(
    creds: Credentials, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: object, dst: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(settings_file_module.os, "replace", broken_replace)
    with pytest.raises(SettingsFileError):
        creds.add_profile("Support", DSN, KEY)
    assert memory_keyring.passwords == {}


def test_renaming_a_profile_moves_its_key(creds: Credentials, memory_keyring: MemoryKeyring) -> None:
    creds.add_profile("Old", DSN, KEY)
    creds.store.set_last_used("Old")
    creds.store.set_last_account("Old", "acc_1")
    creds.edit_profile("Old", "New", "localhost:8999")
    assert creds.store.profiles() == [Profile("New", "localhost:8999", "acc_1")]
    assert creds.store.last_used() == Profile("New", "localhost:8999", "acc_1")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "New"): KEY}


def test_editing_with_a_new_key_replaces_it(creds: Credentials) -> None:
    creds.add_profile("P", DSN, KEY)
    creds.edit_profile("P", "P", DSN, "new-key")
    assert creds.api_key("P") == "new-key"
    with pytest.raises(UnknownProfileError):
        creds.edit_profile("ghost", "P2", DSN)


def test_remove_profile_deletes_the_keyring_entry(creds: Credentials, memory_keyring: MemoryKeyring) -> None:
    creds.add_profile("A", DSN, KEY)
    creds.add_profile("B", DSN, "kb")
    creds.remove_profile("A")
    assert [p.name for p in creds.store.profiles()] == ["B"]
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "B"): "kb"}


def test_remove_profile_without_a_stored_key_is_fine(creds: Credentials) -> None:
    creds.store.add(Profile("A", DSN))
    creds.remove_profile("A")
    assert creds.store.profiles() == []
    with pytest.raises(UnknownProfileError):
        creds.remove_profile("A")


def test_a_locked_keyring_stops_removal_so_no_key_is_left_behind(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    store.add(Profile("A", DSN))
    creds = Credentials(store, KeyStore(FailingKeyring(keyring.errors.KeyringLocked("locked"))))
    with pytest.raises(KeyringUnavailableError):
        creds.remove_profile("A")
    assert [p.name for p in store.profiles()] == ["A"]


def test_with_no_keyring_at_all_removal_goes_ahead(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    creds = Credentials(store, KeyStore(FailingKeyring()))
    creds.add_profile("A", DSN, KEY, session_only=True)
    creds.remove_profile("A")
    assert store.profiles() == []
    assert creds.session.get("A") is None


def test_files_written_are_private_to_the_user(creds: Credentials) -> None:
    creds.add_profile("A", DSN, KEY)
    mode = stat.S_IMODE(creds.store.path.stat().st_mode)
    assert mode & 0o077 == 0


def test_a_tester_refusing_the_profile_shows_that_sentence_and_other_failures_the_apis() -> None:
    refused = InvalidProfileError("The profile name is empty. Give the connection a short name, like “Support”.")
    assert describe_connection_failure(refused, DSN) == str(refused)
    assert "did not answer in time" in describe_connection_failure(TimeoutError(), DSN)
    assert describe_connection_failure(ValueError("boom"), DSN) == (
        "The connection test failed unexpectedly (ValueError)."
    )

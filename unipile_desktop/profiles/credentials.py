"""Qt-free connection profiles: name, DSN and last account in a settings file; the API key only in the OS keyring."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
import keyring
import keyring.errors

from .. import paths
from ..api import AuthenticationError, InvalidDsnError, NetworkError, UnipileClient, UnipileError, base_url_from_dsn
from ..store import (
    count_unsent_messages,
    delete_database,
    is_valid_profile_id,
    legacy_profile_id,
    new_profile_id,
    profile_db_path,
)

log = logging.getLogger(__name__)

KEYRING_SERVICE: Final = "unipile-desktop"
SETTINGS_FILE_NAME: Final = "settings.json"
SETTINGS_VERSION: Final = 1
MAX_PROFILE_NAME_LENGTH: Final = 64
# The connection check should answer quickly in a dialog or a provisioning script.
CHECK_TIMEOUT: Final = httpx.Timeout(10.0)


# ---------------------------------------------------------------------------------------------- validation


class InvalidProfileError(ValueError):
    """A profile name or DSN that cannot be used; the message is a sentence for the user."""


def validate_profile_name(name: str) -> str:
    """The name with surrounding spaces removed, or InvalidProfileError saying what is wrong with it."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidProfileError("The profile name is empty. Give the connection a short name, like “Support”.")
    if len(cleaned) > MAX_PROFILE_NAME_LENGTH:
        raise InvalidProfileError(
            f"The profile name is too long ({len(cleaned)} characters); use at most {MAX_PROFILE_NAME_LENGTH}."
        )
    # Control, format and line/paragraph separator characters would break the settings file, the keyring
    # entry's label or a terminal listing.
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in cleaned):
        raise InvalidProfileError("The profile name contains control characters (such as a line break or a tab).")
    return cleaned


def validate_dsn(dsn: str) -> str:
    """The DSN with surrounding spaces removed, or InvalidProfileError with the reason as a sentence."""
    cleaned = dsn.strip()
    try:
        base_url_from_dsn(cleaned)
    except InvalidDsnError as exc:
        raise InvalidProfileError(str(exc)) from None
    return cleaned


def validate_api_key(key: str) -> str:
    """The key without surrounding whitespace (a pasted key often has some), or InvalidProfileError."""
    cleaned = key.strip()
    if not cleaned:
        raise InvalidProfileError("The API key is empty. Paste the key from the Unipile dashboard.")
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in cleaned):
        # Never echo the key back: the message only says what kind of character is wrong.
        raise InvalidProfileError("The API key contains spaces or line breaks. Paste only the key itself.")
    return cleaned


# ---------------------------------------------------------------------------------------------- profiles


@dataclass(frozen=True, slots=True)
class Profile:
    """One connection: a display name (also the keyring user name), the DSN and the account last opened.

    ``id`` names the profile's local database and never changes, so renaming a profile keeps its drafts and
    unsent messages. ``ProfileStore`` assigns it (empty until stored); it takes no part in equality, which
    compares what a person sees and edits.
    """

    name: str
    dsn: str
    last_account_id: str | None = None
    id: str = field(default="", compare=False)


class SettingsFileError(Exception):
    """The settings file could not be read or written; the message is a sentence for the user.

    When reading failed, the bad file was moved to ``backup_path`` (if that worked) and the store carries on
    with no profiles, so the app can start and the user can look at the old file later.
    """

    def __init__(self, message: str, *, path: Path, backup_path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.backup_path = backup_path


class UnknownProfileError(KeyError):
    """No profile has that name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"There is no profile named “{self.name}”."


class ProfileExistsError(ValueError):
    """A profile with that name already exists."""

    def __init__(self, name: str) -> None:
        super().__init__(f"A profile named “{name}” already exists. Choose another name or edit that profile.")
        self.name = name


class ProfileStore:
    """Profiles and the last-used profile in ``settings.json`` in the config directory.

    Writes are atomic (temporary file, then ``os.replace``), so a crash never leaves half a file. Every change
    re-reads the file first, so a profile added meanwhile by ``unipile-desktop profile add`` is not lost.
    Call ``load()`` once at start-up: it raises ``SettingsFileError`` for a corrupt or unreadable file, after
    moving that file aside as a backup; the store is then empty and fully usable.
    """

    def __init__(self, config_dir: Path | None = None) -> None:
        self.config_dir = config_dir if config_dir is not None else paths.config_dir()
        self.path = self.config_dir / SETTINGS_FILE_NAME
        self._profiles: list[Profile] = []
        self._last_used: str | None = None
        self._loaded = False
        self._write_blocked: SettingsFileError | None = None

    def __repr__(self) -> str:
        return f"ProfileStore({str(self.path)!r})"

    # ------------------------------------------------------------------ reading

    def load(self) -> None:
        """Read the settings file; a missing file means no profiles yet."""
        self._loaded = True
        self._profiles, self._last_used = [], None
        self._profiles, self._last_used = self._read_file()

    def profiles(self) -> list[Profile]:
        self._ensure_loaded()
        return list(self._profiles)

    def find(self, name: str) -> Profile | None:
        self._ensure_loaded()
        return next((p for p in self._profiles if p.name == name), None)

    def get(self, name: str) -> Profile:
        profile = self.find(name)
        if profile is None:
            raise UnknownProfileError(name)
        return profile

    def last_used(self) -> Profile | None:
        """The profile the app should start on: the last one used, else the only or first one."""
        self._ensure_loaded()
        if self._last_used is not None:
            profile = self.find(self._last_used)
            if profile is not None:
                return profile
        return self._profiles[0] if self._profiles else None

    # ------------------------------------------------------------------ changing

    def add(self, profile: Profile, *, replace_existing: bool = False) -> Profile:
        """Store a new profile (validated) under a new id; an existing name is refused unless ``replace_existing``.

        Replacing keeps the existing profile's id, so its local data stays with it.
        """
        checked = _checked(profile)
        stored = checked

        def change(profiles: list[Profile]) -> None:
            nonlocal stored
            index = _index_of(profiles, checked.name)
            if index is None:
                stored = replace(checked, id=checked.id or new_profile_id())
                if any(p.id == stored.id for p in profiles):
                    raise InvalidProfileError(f"Another profile already has the id {stored.id}.")
                profiles.append(stored)
            elif replace_existing:
                stored = replace(checked, id=profiles[index].id)
                profiles[index] = stored
            else:
                raise ProfileExistsError(checked.name)

        self._update(change)
        return stored

    def update(self, original_name: str, profile: Profile) -> Profile:
        """Replace the profile called ``original_name`` by ``profile``, which may carry a new name; the id stays."""
        checked = _checked(profile)
        stored = checked

        def change(profiles: list[Profile]) -> None:
            nonlocal stored
            index = _index_of(profiles, original_name)
            if index is None:
                raise UnknownProfileError(original_name)
            if checked.name != original_name and _index_of(profiles, checked.name) is not None:
                raise ProfileExistsError(checked.name)
            stored = replace(checked, id=profiles[index].id)
            profiles[index] = stored
            if self._last_used == original_name:
                self._last_used = checked.name

        self._update(change)
        return stored

    def remove(self, name: str) -> None:
        """Forget the profile in the settings file only; ``Credentials.remove_profile`` also deletes the key."""

        def change(profiles: list[Profile]) -> None:
            index = _index_of(profiles, name)
            if index is None:
                raise UnknownProfileError(name)
            del profiles[index]
            if self._last_used == name:
                self._last_used = None

        self._update(change)

    def set_last_used(self, name: str) -> None:
        def change(profiles: list[Profile]) -> None:
            if _index_of(profiles, name) is None:
                raise UnknownProfileError(name)
            self._last_used = name

        self._update(change)

    def set_last_account(self, name: str, account_id: str | None) -> None:
        def change(profiles: list[Profile]) -> None:
            index = _index_of(profiles, name)
            if index is None:
                raise UnknownProfileError(name)
            profiles[index] = replace(profiles[index], last_account_id=account_id)

        self._update(change)

    # ------------------------------------------------------------------ file handling

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.load()

    def _update(self, change: Callable[[list[Profile]], None]) -> None:
        self._ensure_loaded()
        if self._write_blocked is not None:
            raise self._write_blocked
        try:
            # Pick up changes another process (the admin CLI) made since we last read the file.
            self._profiles, self._last_used = self._read_file()
        except SettingsFileError as exc:
            log.warning("settings file changed under us and is unreadable: %s", exc)
            if self._write_blocked is not None:
                raise
        profiles = list(self._profiles)
        last_used_before = self._last_used
        try:
            change(profiles)
            self._write_file(profiles, self._last_used)
        except BaseException:
            self._last_used = last_used_before
            raise
        self._profiles = profiles

    def _read_file(self) -> tuple[list[Profile], str | None]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return [], None
        except OSError as exc:
            raise self._quarantine(f"it could not be read ({exc.strerror or type(exc).__name__})") from None
        try:
            data = json.loads(raw.decode("utf-8"))
            return _parse_settings(data)
        except UnicodeDecodeError:
            raise self._quarantine("it is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise self._quarantine(f"it is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
        except _SettingsFormatError as exc:
            raise self._quarantine(str(exc)) from None

    def _quarantine(self, reason: str) -> SettingsFileError:
        """Move the bad file aside (never delete it) and build the error that says where it went."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while backup.exists():
            counter += 1
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        try:
            # A rename keeps the bytes exactly and works even when the file itself is unreadable.
            os.replace(self.path, backup)
        except OSError as exc:
            error = SettingsFileError(
                f"The settings file {self.path} could not be used because {reason}, and it could not be moved "
                f"aside ({exc.strerror or type(exc).__name__}). The app starts with no profiles and will not "
                "overwrite that file; fix or remove it, then restart.",
                path=self.path,
            )
            self._write_blocked = error
            return error
        log.warning("settings file %s was unusable (%s); kept as %s", self.path, reason, backup)
        return SettingsFileError(
            f"The settings file {self.path} could not be used because {reason}. It was kept as {backup.name} "
            "and the app starts with no profiles.",
            path=self.path,
            backup_path=backup,
        )

    def _write_file(self, profiles: list[Profile], last_used: str | None) -> None:
        data: dict[str, Any] = {
            "version": SETTINGS_VERSION,
            "last_profile": last_used,
            "profiles": [
                {"name": p.name, "dsn": p.dsn, "last_account_id": p.last_account_id, "id": p.id} for p in profiles
            ],
        }
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        try:
            self.config_dir.mkdir(parents=True, exist_ok=True)
            with _atomic_writer(self.path) as handle:
                handle.write(text.encode("utf-8"))
        except OSError as exc:
            raise SettingsFileError(
                f"The settings file {self.path} could not be saved ({exc.strerror or type(exc).__name__}). "
                "Check that the folder exists and is writable.",
                path=self.path,
            ) from None


class _SettingsFormatError(ValueError):
    pass


def _parse_settings(data: object) -> tuple[list[Profile], str | None]:
    if not isinstance(data, dict):
        raise _SettingsFormatError("it does not hold a settings object")
    version = data.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise _SettingsFormatError(f"it was written by a newer version of the app (format {version!r})")
    raw_profiles = data.get("profiles", [])
    if not isinstance(raw_profiles, list):
        raise _SettingsFormatError("its “profiles” entry is not a list")
    profiles: list[Profile] = []
    for position, item in enumerate(raw_profiles, start=1):
        if not isinstance(item, dict):
            raise _SettingsFormatError(f"profile number {position} is not an object")
        name, dsn, account = item.get("name"), item.get("dsn"), item.get("last_account_id")
        if not isinstance(name, str) or not isinstance(dsn, str) or not (account is None or isinstance(account, str)):
            raise _SettingsFormatError(f"profile number {position} lacks a name or a DSN")
        raw_id = item.get("id")
        if raw_id is None:
            # Saved before profiles had ids: the id is the name its database file already has.
            raw_id = legacy_profile_id(name)
        if not isinstance(raw_id, str) or not is_valid_profile_id(raw_id):
            raise _SettingsFormatError(f"profile number {position} has an unusable id")
        try:
            profile = _checked(Profile(name=name, dsn=dsn, last_account_id=account, id=raw_id))
        except InvalidProfileError as exc:
            raise _SettingsFormatError(f"profile number {position} is invalid: {exc}") from None
        if _index_of(profiles, profile.name) is not None:
            raise _SettingsFormatError(f"the profile name “{profile.name}” appears twice")
        if any(p.id == profile.id for p in profiles):
            raise _SettingsFormatError(f"the profile id {profile.id} appears twice")
        profiles.append(profile)
    last_used = data.get("last_profile")
    if last_used is not None and not isinstance(last_used, str):
        raise _SettingsFormatError("its “last_profile” entry is not a name")
    return profiles, last_used


def _checked(profile: Profile) -> Profile:
    if profile.id and not is_valid_profile_id(profile.id):
        raise InvalidProfileError(f"“{profile.id}” cannot be used as a profile id.")
    return Profile(
        name=validate_profile_name(profile.name),
        dsn=validate_dsn(profile.dsn),
        last_account_id=profile.last_account_id or None,
        id=profile.id,
    )


def _index_of(profiles: list[Profile], name: str) -> int | None:
    return next((i for i, p in enumerate(profiles) if p.name == name), None)


@contextlib.contextmanager
def _atomic_writer(path: Path) -> Iterator[Any]:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over ``path``."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


# ---------------------------------------------------------------------------------------------- keyring


class KeyringProblem(Enum):
    """Why the keyring could not be used; the UI and the CLI react the same way to all but NO_BACKEND."""

    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    INIT_FAILED = "init_failed"
    REFUSED = "refused"
    FAILED = "failed"


_PROBLEM_SENTENCES: Final[dict[KeyringProblem, str]] = {
    KeyringProblem.NO_BACKEND: (
        "No system keyring is available on this computer, so the API key cannot be stored safely. "
        "On Linux, install and start a Secret Service provider such as GNOME Keyring (package gnome-keyring) "
        "or KWallet, then try again."
    ),
    KeyringProblem.LOCKED: (
        "The system keyring is locked, or its unlock prompt was dismissed. Unlock it when asked (or unlock the "
        "login keyring in your keyring manager, such as Passwords and Keys), then try again."
    ),
    KeyringProblem.INIT_FAILED: (
        "The system keyring could not be opened. Make sure the keyring service (such as GNOME Keyring or "
        "KWallet) is running and has a default keyring, then try again."
    ),
    KeyringProblem.REFUSED: (
        "The system keyring refused to store the API key. Make sure it is unlocked and writable, then try again."
    ),
    KeyringProblem.FAILED: (
        "The system keyring did not work. Make sure the keyring service is running and unlocked, then try again."
    ),
}


class KeyringUnavailableError(Exception):
    """The keyring cannot be used right now; ``str()`` is a sentence for the user and never holds the key.

    ``detail`` names the backend's own error for the log, with any occurrence of the key blanked out.
    """

    def __init__(self, problem: KeyringProblem, *, detail: str = "") -> None:
        super().__init__(_PROBLEM_SENTENCES[problem])
        self.problem = problem
        self.detail = detail

    def __repr__(self) -> str:
        return f"KeyringUnavailableError({self.problem.value!r}, detail={self.detail!r})"


def _problem_of(exc: BaseException) -> KeyringProblem:
    if isinstance(exc, keyring.errors.NoKeyringError):
        return KeyringProblem.NO_BACKEND
    if isinstance(exc, keyring.errors.KeyringLocked):
        return KeyringProblem.LOCKED
    if isinstance(exc, keyring.errors.InitError):
        return KeyringProblem.INIT_FAILED
    if isinstance(exc, keyring.errors.PasswordSetError):
        return KeyringProblem.REFUSED
    # SecretStorage raises its own exceptions from some calls; match by name so this module needs no
    # Linux-only import.
    name = type(exc).__name__
    if name in {"LockedException", "PromptDismissedException"}:
        return KeyringProblem.LOCKED
    if name == "SecretServiceNotAvailableException":
        return KeyringProblem.INIT_FAILED
    return KeyringProblem.FAILED


def _unavailable(exc: BaseException, secret: str | None = None) -> KeyringUnavailableError:
    detail = f"{type(exc).__name__}: {exc}"
    if secret:
        detail = detail.replace(secret, "<redacted>")
    return KeyringUnavailableError(_problem_of(exc), detail=detail[:300])


_SYSTEM_BACKENDS: Final[dict[tuple[str, str], str]] = {
    ("keyring.backends.SecretService", "Keyring"): "Secret Service (GNOME Keyring / KWallet)",
    ("keyring.backends.libsecret", "Keyring"): "Secret Service (libsecret)",
    ("keyring.backends.kwallet", "DBusKeyring"): "KDE Wallet (KWallet)",
    ("keyring.backends.kwallet", "DBusKeyringKWallet4"): "KDE Wallet (KWallet 4)",
    ("keyring.backends.macOS", "Keyring"): "macOS Keychain",
    ("keyring.backends.Windows", "WinVaultKeyring"): "Windows Credential Locker",
}


def describe_backend(backend: Any) -> str:
    """A person's name for a keyring backend instance."""
    module, cls = type(backend).__module__, type(backend).__name__
    if (module, cls) in _SYSTEM_BACKENDS:
        return _SYSTEM_BACKENDS[(module, cls)]
    if module == "keyring.backends.fail":
        return "none (no keyring backend is available)"
    if module == "keyring.backends.null":
        return "none (the null keyring stores nothing)"
    if module == "keyring.backends.chainer":
        chained = _chained_backends(backend)
        if not chained:
            return "none (no keyring backend is available)"
        return describe_backend(chained[0])
    if module.startswith("keyrings.alt") or "plaintext" in cls.lower():
        return f"{cls} from {module} (a file, not a system keyring)"
    return cls


def is_system_backend(backend: Any) -> bool:
    """False for backends that store nothing or store keys in plain files; True for the OS keyrings.

    A backend this module does not know (one an administrator configured on purpose) counts as a system one.
    """
    module, cls = type(backend).__module__, type(backend).__name__
    if (module, cls) in _SYSTEM_BACKENDS:
        return True
    if module in {"keyring.backends.fail", "keyring.backends.null"}:
        return False
    if module == "keyring.backends.chainer":
        chained = _chained_backends(backend)
        return bool(chained) and is_system_backend(chained[0])
    if module.startswith("keyrings.alt") or "plaintext" in cls.lower():
        return False
    return True


def _chained_backends(backend: Any) -> list[Any]:
    try:
        return list(backend.backends)
    except Exception:  # probing a backend must never break a status line
        return []


class KeyStore:
    """The API key of each profile in the OS keyring: service ``unipile-desktop``, user name = profile name.

    Every keyring failure becomes ``KeyringUnavailableError`` with a sentence. The key is never logged, never
    written anywhere else and never part of an exception text. ``backend`` is injectable for tests; by default
    the keyring library's current backend is looked up on every call.
    """

    def __init__(self, backend: Any = None, *, service: str = KEYRING_SERVICE) -> None:
        self._backend = backend
        self.service = service

    def __repr__(self) -> str:
        return f"KeyStore(service={self.service!r})"

    def backend(self) -> Any:
        if self._backend is not None:
            return self._backend
        try:
            return keyring.get_keyring()
        except Exception as exc:  # a broken keyring configuration must become a sentence
            raise _unavailable(exc) from None

    def get(self, profile_name: str) -> str | None:
        """The stored key, or None when the profile has none."""
        backend = self.backend()
        try:
            value = backend.get_password(self.service, profile_name)
        except Exception as exc:
            raise _unavailable(exc) from None
        return value if isinstance(value, str) and value else None

    def set(self, profile_name: str, api_key: str) -> None:
        backend = self.backend()
        try:
            backend.set_password(self.service, profile_name, api_key)
        except Exception as exc:
            raise _unavailable(exc, api_key) from None
        log.info("API key for profile %r stored in %s", profile_name, describe_backend(backend))

    def delete(self, profile_name: str) -> None:
        """Remove the key; a profile without a stored key is fine."""
        backend = self.backend()
        try:
            backend.delete_password(self.service, profile_name)
        except keyring.errors.PasswordDeleteError as exc:
            # Most backends say "not found" this way; make sure nothing is left before calling it fine.
            if self.get(profile_name) is not None:
                raise _unavailable(exc) from None
        except Exception as exc:
            raise _unavailable(exc) from None

    def backend_description(self) -> str:
        """Where keys go, in words: "Secret Service (GNOME Keyring / KWallet)", "macOS Keychain", …"""
        try:
            return describe_backend(self.backend())
        except KeyringUnavailableError:
            return "none (the keyring could not be loaded)"

    def is_system_backend(self) -> bool:
        try:
            return is_system_backend(self.backend())
        except KeyringUnavailableError:
            return False


class SessionKeys:
    """Keys the user chose to keep in memory for this run only, when no keyring could hold them."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"SessionKeys(profiles={sorted(self._keys)!r})"

    def __contains__(self, profile_name: object) -> bool:
        return profile_name in self._keys

    def get(self, profile_name: str) -> str | None:
        return self._keys.get(profile_name)

    def set(self, profile_name: str, api_key: str) -> None:
        self._keys[profile_name] = api_key

    def discard(self, profile_name: str) -> None:
        self._keys.pop(profile_name, None)

    def rename(self, old_name: str, new_name: str) -> None:
        if old_name in self._keys:
            self._keys[new_name] = self._keys.pop(old_name)

    def clear(self) -> None:
        self._keys.clear()


# ---------------------------------------------------------------------------------------------- together


class Credentials:
    """Profiles and their keys together: what the app and the admin CLI call.

    A key lives in the keyring, or, when the user chose so after a keyring failure, in ``session`` for this run.
    Nothing here ever writes a key to a file. Each profile's local database (``database_path``) lives under
    ``data_dir`` (the platform's data directory by default), named by the profile's id.
    """

    def __init__(
        self,
        store: ProfileStore,
        keys: KeyStore,
        session: SessionKeys | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.keys = keys
        self.session = session if session is not None else SessionKeys()
        self.data_dir = data_dir

    def __repr__(self) -> str:
        return f"Credentials({self.store!r}, {self.keys!r})"

    def api_key(self, profile_name: str) -> str | None:
        """The key for this profile: the session's first, else the keyring's (KeyringUnavailableError if broken)."""
        return self.session.get(profile_name) or self.keys.get(profile_name)

    def add_profile(
        self, name: str, dsn: str, api_key: str, *, replace_existing: bool = False, session_only: bool = False
    ) -> Profile:
        """Validate, put the key in the keyring (or the session), then write the profile.

        If the keyring fails, nothing is written and KeyringUnavailableError tells why; the caller may ask the
        user and call again with ``session_only=True``.
        """
        profile = _checked(Profile(name=name, dsn=dsn))
        key = validate_api_key(api_key)
        if not replace_existing and self.store.find(profile.name) is not None:
            raise ProfileExistsError(profile.name)
        previous_key = None
        if session_only:
            self.session.set(profile.name, key)
        else:
            if replace_existing:
                previous_key = self._keyring_key_or_none(profile.name)
            self.keys.set(profile.name, key)
            self.session.discard(profile.name)
        try:
            stored = self.store.add(profile, replace_existing=replace_existing)
        except BaseException:
            self._undo_key(profile.name, previous_key, session_only)
            raise
        return stored

    def edit_profile(
        self, original_name: str, name: str, dsn: str, api_key: str | None = None, *, session_only: bool = False
    ) -> Profile:
        """Change a profile's name, DSN and (when given) key; a rename moves the key to the new name."""
        old = self.store.get(original_name)
        profile = _checked(Profile(name=name, dsn=dsn, last_account_id=old.last_account_id, id=old.id))
        if profile.name != original_name and self.store.find(profile.name) is not None:
            raise ProfileExistsError(profile.name)
        renamed = profile.name != original_name
        key = validate_api_key(api_key) if api_key else None
        if key is None and renamed:
            key = self.api_key(original_name)  # the key has to follow the profile to its new name
        key_in_keyring = False
        if key is not None:
            if session_only or (original_name in self.session and api_key is None):
                self.session.set(profile.name, key)
            else:
                self.keys.set(profile.name, key)
                self.session.discard(profile.name)
                key_in_keyring = True
        try:
            stored = self.store.update(original_name, profile)
        except BaseException:
            if renamed:  # the profile keeps its old name, so the copy under the new name must go
                self.session.discard(profile.name)
                if key_in_keyring:
                    self._delete_key_quietly(profile.name)
            raise
        if renamed:
            self.session.discard(original_name)
            self._delete_key_quietly(original_name)
        return stored

    def database_path(self, name: str) -> Path:
        """The profile's local database (cache, drafts, outbox), named by its id: the same after a rename."""
        return profile_db_path(self.store.get(name).id, self.data_dir)

    def unsent_messages(self, name: str) -> int | None:
        """How many of the profile's messages have not reached the server yet (queued, unsure or failed).

        Ask before ``remove_profile``: removing deletes them. None when the database could not be read.
        """
        return count_unsent_messages(self.database_path(name))

    def remove_profile(self, name: str) -> bool:
        """Forget the profile, delete its keyring entry (a missing entry is fine) and its local database.

        A locked keyring stops the removal (KeyringUnavailableError), so a key is never left behind unnoticed;
        with no keyring backend at all there is nothing to delete and the profile goes. The database holds
        cached customer messages, drafts and unsent messages (see ``unsent_messages``); returns False when it is
        open right now (the running session): it is then deleted as soon as that session closes it.
        """
        database = self.database_path(name)
        try:
            self.keys.delete(name)
        except KeyringUnavailableError as exc:
            if exc.problem is not KeyringProblem.NO_BACKEND:
                raise
        self.session.discard(name)
        self.store.remove(name)
        try:
            return delete_database(database)
        except OSError as exc:
            log.warning("the database of the removed profile %r could not be deleted: %s", name, exc)
            return False

    def _keyring_key_or_none(self, name: str) -> str | None:
        try:
            return self.keys.get(name)
        except KeyringUnavailableError:
            return None

    def _undo_key(self, name: str, previous_key: str | None, session_only: bool) -> None:
        if session_only:
            self.session.discard(name)
            return
        try:
            if previous_key is None:
                self.keys.delete(name)
            else:
                self.keys.set(name, previous_key)
        except KeyringUnavailableError:
            log.warning("could not undo the keyring change for profile %r", name)

    def _delete_key_quietly(self, name: str) -> None:
        try:
            self.keys.delete(name)
        except KeyringUnavailableError as exc:
            log.warning("old keyring entry for profile %r could not be deleted: %s", name, exc.detail)


# ---------------------------------------------------------------------------------------------- connection check


class ConnectionProblem(Enum):
    REJECTED_KEY = "rejected_key"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    TIMEOUT = "timeout"
    INVALID_DSN = "invalid_dsn"
    OTHER = "other"


class ConnectionCheckError(Exception):
    """Why ``GET /accounts`` failed, as a sentence (``str()``) and a ``problem`` the UI can branch on."""

    def __init__(self, problem: ConnectionProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


async def check_connection(
    dsn: str,
    api_key: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout = CHECK_TIMEOUT,
) -> int:
    """Call ``GET /accounts`` with this key; return how many accounts the first page lists.

    Raises ConnectionCheckError with a sentence for a rejected key, an unreachable host, a TLS failure or a
    timeout (and the server's own sentence for anything else).
    """
    try:
        client = UnipileClient(dsn, api_key, transport=transport, timeout=timeout)
    except InvalidDsnError as exc:
        raise ConnectionCheckError(ConnectionProblem.INVALID_DSN, str(exc)) from None
    try:
        async with client:
            page = await client.list_accounts_page(limit=10)
    except UnipileError as exc:
        raise connection_error_from(exc, dsn) from None
    return len(page.items)


def connection_error_from(exc: UnipileError, dsn: str) -> ConnectionCheckError:
    """Turn a client error from a connection check into the sentence a person needs."""
    host = _host_of(dsn)
    if isinstance(exc, AuthenticationError):
        return ConnectionCheckError(
            ConnectionProblem.REJECTED_KEY,
            f"The server at {host} rejected the API key. Copy the key again from the Unipile dashboard and check "
            "that it belongs to this DSN.",
        )
    if isinstance(exc, NetworkError):
        if exc.kind in ("timeout", "connect_timeout"):
            return ConnectionCheckError(
                ConnectionProblem.TIMEOUT,
                f"The server at {host} did not answer in time. Check the DSN and your network, then try again.",
            )
        if exc.kind == "tls":
            return ConnectionCheckError(
                ConnectionProblem.TLS,
                f"The secure connection to {host} failed: its certificate could not be verified. Check the DSN; "
                "on a company network, ask IT whether HTTPS traffic is intercepted.",
            )
        return ConnectionCheckError(
            ConnectionProblem.UNREACHABLE,
            f"Could not reach {host}. Check the DSN (host and port) and your network connection.",
        )
    return ConnectionCheckError(ConnectionProblem.OTHER, exc.user_message())


def describe_connection_failure(exc: BaseException, dsn: str) -> str:
    """One sentence for anything a connection tester raised."""
    if isinstance(exc, ConnectionCheckError):
        return str(exc)
    if isinstance(exc, UnipileError):
        return str(connection_error_from(exc, dsn))
    if isinstance(exc, InvalidDsnError | InvalidProfileError):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return str(connection_error_from(NetworkError("The server did not answer in time.", kind="timeout"), dsn))
    return f"The connection test failed unexpectedly ({type(exc).__name__})."


def _host_of(dsn: str) -> str:
    try:
        parts = urlsplit(base_url_from_dsn(dsn))
    except InvalidDsnError:
        return dsn.strip()
    return parts.netloc or dsn.strip()

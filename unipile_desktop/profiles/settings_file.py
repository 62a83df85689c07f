"""Profiles in settings.json: the ``Profile`` record, the file format and ``ProfileStore`` that reads and writes it."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from .. import paths
from ..store import is_valid_profile_id, legacy_profile_id, new_profile_id
from ..texts import translate
from .validation import InvalidProfileError, validate_dsn, validate_profile_name

log = logging.getLogger(__name__)

SETTINGS_FILE_NAME: Final = "settings.json"
SETTINGS_VERSION: Final = 1


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
        return translate("SettingsFile", "There is no profile named “{name}”.").format(name=self.name)


class ProfileExistsError(ValueError):
    """A profile with that name already exists."""

    def __init__(self, name: str) -> None:
        super().__init__(
            translate(
                "SettingsFile", "A profile named “{name}” already exists. Choose another name or edit that profile."
            ).format(name=name)
        )
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
        self._tighten_older_install()
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
        checked = checked_profile(profile)
        stored = checked

        def change(profiles: list[Profile]) -> None:
            nonlocal stored
            index = _index_of(profiles, checked.name)
            if index is None:
                stored = replace(checked, id=checked.id or new_profile_id())
                if any(p.id == stored.id for p in profiles):
                    raise InvalidProfileError(
                        translate("SettingsFile", "Another profile already has the id {id}.").format(id=stored.id)
                    )
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
        checked = checked_profile(profile)
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

    def _tighten_older_install(self) -> None:
        """An earlier version left the folder 0755 and the file 0644: make them this user's only (POSIX)."""
        if not self.config_dir.is_dir():
            return
        try:
            paths.private_folder(self.config_dir)
            paths.tighten_tree(self.config_dir)  # settings.json, its set-aside copies, window.ini
        except OSError as exc:
            log.warning("could not make the settings folder %s private: %s", self.config_dir, exc)

    def _read_file(self) -> tuple[list[Profile], str | None]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return [], None
        except OSError as exc:
            reason = translate("SettingsFile", "it could not be read ({error})")
            raise self._quarantine(reason.format(error=exc.strerror or type(exc).__name__)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
            return _parse_settings(data)
        except UnicodeDecodeError:
            raise self._quarantine(translate("SettingsFile", "it is not UTF-8 text")) from None
        except json.JSONDecodeError as exc:
            reason = translate("SettingsFile", "it is not valid JSON (line {line}, column {column})")
            raise self._quarantine(reason.format(line=exc.lineno, column=exc.colno)) from None
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
            paths.private_file(backup)
        except OSError as exc:
            sentence = translate(
                "SettingsFile",
                "The settings file {path} could not be used because {reason}, and it could not be moved aside "
                "({error}). The app starts with no profiles and will not overwrite that file; fix or remove it, "
                "then restart.",
            )
            error = SettingsFileError(
                sentence.format(path=self.path, reason=reason, error=exc.strerror or type(exc).__name__),
                path=self.path,
            )
            self._write_blocked = error
            return error
        log.warning("settings file %s was unusable (%s); kept as %s", self.path, reason, backup)
        sentence = translate(
            "SettingsFile",
            "The settings file {path} could not be used because {reason}. It was kept as {backup} and the app "
            "starts with no profiles.",
        )
        return SettingsFileError(
            sentence.format(path=self.path, reason=reason, backup=backup.name),
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
            paths.private_folder(self.config_dir)
            with _atomic_writer(self.path) as handle:
                handle.write(text.encode("utf-8"))
        except OSError as exc:
            sentence = translate(
                "SettingsFile",
                "The settings file {path} could not be saved ({error}). Check that the folder exists and is writable.",
            )
            raise SettingsFileError(
                sentence.format(path=self.path, error=exc.strerror or type(exc).__name__), path=self.path
            ) from None


class _SettingsFormatError(ValueError):
    pass


def _parse_settings(data: object) -> tuple[list[Profile], str | None]:
    if not isinstance(data, dict):
        raise _SettingsFormatError(translate("SettingsFile", "it does not hold a settings object"))
    version = data.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise _SettingsFormatError(
            translate("SettingsFile", "it was written by a newer version of the app (format {version})").format(
                version=repr(version)
            )
        )
    raw_profiles = data.get("profiles", [])
    if not isinstance(raw_profiles, list):
        raise _SettingsFormatError(translate("SettingsFile", "its “profiles” entry is not a list"))
    profiles: list[Profile] = []
    for position, item in enumerate(raw_profiles, start=1):
        if not isinstance(item, dict):
            raise _SettingsFormatError(
                translate("SettingsFile", "profile number {position} is not an object").format(position=position)
            )
        name, dsn, account = item.get("name"), item.get("dsn"), item.get("last_account_id")
        if not isinstance(name, str) or not isinstance(dsn, str) or not (account is None or isinstance(account, str)):
            raise _SettingsFormatError(
                translate("SettingsFile", "profile number {position} lacks a name or a DSN").format(position=position)
            )
        raw_id = item.get("id")
        if raw_id is None:
            # Saved before profiles had ids: the id is the name its database file already has.
            raw_id = legacy_profile_id(name)
        if not isinstance(raw_id, str) or not is_valid_profile_id(raw_id):
            raise _SettingsFormatError(
                translate("SettingsFile", "profile number {position} has an unusable id").format(position=position)
            )
        try:
            profile = checked_profile(Profile(name=name, dsn=dsn, last_account_id=account, id=raw_id))
        except InvalidProfileError as exc:
            reason = translate("SettingsFile", "profile number {position} is invalid: {error}")
            raise _SettingsFormatError(reason.format(position=position, error=exc)) from None
        if _index_of(profiles, profile.name) is not None:
            raise _SettingsFormatError(
                translate("SettingsFile", "the profile name “{name}” appears twice").format(name=profile.name)
            )
        if any(p.id == profile.id for p in profiles):
            raise _SettingsFormatError(
                translate("SettingsFile", "the profile id {id} appears twice").format(id=profile.id)
            )
        profiles.append(profile)
    last_used = data.get("last_profile")
    if last_used is not None and not isinstance(last_used, str):
        raise _SettingsFormatError(translate("SettingsFile", "its “last_profile” entry is not a name"))
    return profiles, last_used


def checked_profile(profile: Profile) -> Profile:
    """The profile with its name and DSN validated and trimmed, or InvalidProfileError (also for a bad id)."""
    if profile.id and not is_valid_profile_id(profile.id):
        raise InvalidProfileError(
            translate("SettingsFile", "“{id}” cannot be used as a profile id.").format(id=profile.id)
        )
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

"""``Credentials``: profiles and their API keys together, as the app and the admin CLI use them."""

from __future__ import annotations

import logging
from pathlib import Path

from .. import api
from ..store import count_unsent_messages, delete_database, profile_db_path
from .keys import KeyringProblem, KeyringUnavailableError, KeyStore, SessionKeys
from .settings_file import Profile, ProfileExistsError, ProfileStore, checked_profile
from .validation import InvalidProfileError, validate_api_key

log = logging.getLogger(__name__)


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
        profile = checked_profile(Profile(name=name, dsn=dsn))
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
        profile = checked_profile(Profile(name=name, dsn=dsn, last_account_id=old.last_account_id, id=old.id))
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


def describe_connection_failure(exc: BaseException, dsn: str) -> str:
    """One sentence for anything a connection tester raised, a profile that failed validation included."""
    if isinstance(exc, InvalidProfileError):
        return str(exc)
    return api.describe_connection_failure(exc, dsn)

"""API keys: ``KeyStore`` in the OS keyring (every failure a sentence), ``SessionKeys`` for this run only."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any, Final

import keyring
import keyring.errors

from ..texts import QT_TRANSLATE_NOOP, translate

log = logging.getLogger(__name__)

KEYRING_SERVICE: Final = "unipile-desktop"


class KeyringProblem(Enum):
    """Why the keyring could not be used; the UI and the CLI react the same way to all but NO_BACKEND."""

    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    INIT_FAILED = "init_failed"
    REFUSED = "refused"
    FAILED = "failed"


_PROBLEM_SENTENCES: Final[dict[KeyringProblem, str]] = {
    KeyringProblem.NO_BACKEND: QT_TRANSLATE_NOOP(
        "Keyring",
        "No system keyring is available on this computer, so the API key cannot be stored safely. "
        "On Linux, install and start a Secret Service provider such as GNOME Keyring (package gnome-keyring) "
        "or KWallet, then try again.",
    ),
    KeyringProblem.LOCKED: QT_TRANSLATE_NOOP(
        "Keyring",
        "The system keyring is locked, or its unlock prompt was dismissed. Unlock it when asked (or unlock the "
        "login keyring in your keyring manager, such as Passwords and Keys), then try again.",
    ),
    KeyringProblem.INIT_FAILED: QT_TRANSLATE_NOOP(
        "Keyring",
        "The system keyring could not be opened. Make sure the keyring service (such as GNOME Keyring or "
        "KWallet) is running and has a default keyring, then try again.",
    ),
    KeyringProblem.REFUSED: QT_TRANSLATE_NOOP(
        "Keyring",
        "The system keyring refused to store the API key. Make sure it is unlocked and writable, then try again.",
    ),
    KeyringProblem.FAILED: QT_TRANSLATE_NOOP(
        "Keyring",
        "The system keyring did not work. Make sure the keyring service is running and unlocked, then try again.",
    ),
}


class KeyringUnavailableError(Exception):
    """The keyring cannot be used right now; ``str()`` is a sentence for the user and never holds the key.

    ``detail`` names the backend's own error for the log, with any occurrence of the key blanked out.
    """

    def __init__(self, problem: KeyringProblem, *, detail: str = "") -> None:
        super().__init__(translate("Keyring", _PROBLEM_SENTENCES[problem]))
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
        return translate("Keyring", "none (no keyring backend is available)")
    if module == "keyring.backends.null":
        return translate("Keyring", "none (the null keyring stores nothing)")
    if module == "keyring.backends.chainer":
        chained = _chained_backends(backend)
        if not chained:
            return translate("Keyring", "none (no keyring backend is available)")
        return describe_backend(chained[0])
    if module.startswith("keyrings.alt") or "plaintext" in cls.lower():
        return translate("Keyring", "{backend} from {module} (a file, not a system keyring)").format(
            backend=cls, module=module
        )
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
            return translate("Keyring", "none (the keyring could not be loaded)")

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

"""Keyring backends for tests: one that keeps passwords in a dict, and one that fails like a missing keyring."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, per instance. Never touches the user's keyring.

    The high priority is deliberate: a test process that imported this module and then lets ``keyring`` pick a
    backend on its own picks this one, not the user's real keyring.
    """

    @properties.classproperty
    def priority(cls) -> float:
        return 50

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError("No such password!") from None


class FailingKeyring(KeyringBackend):
    """Raises ``error`` (by default NoKeyringError, as when no backend exists) from every operation."""

    @properties.classproperty
    def priority(cls) -> float:
        return -100  # never chosen on its own

    def __init__(self, error: KeyringError | None = None) -> None:
        super().__init__()
        self.error = error if error is not None else NoKeyringError("No recommended backend was available.")
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        raise self.error

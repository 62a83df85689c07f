"""Loads the connected accounts and keeps track of which ones need reconnecting."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ..api import Account, AuthenticationError, UnipileClient
from ..store import Store
from ..texts import QT_TRANSLATE_NOOP, translate
from .tasks import TaskRunner

log = logging.getLogger(__name__)

# Account types that carry chats; mail and calendar connections live on the same API key but not in a messenger.
MESSAGING_TYPES = frozenset({"LINKEDIN", "WHATSAPP", "INSTAGRAM", "MESSENGER", "TELEGRAM", "TWITTER", "SLACK"})

_STATUS_SENTENCES = {
    "CREDENTIALS": QT_TRANSLATE_NOOP("Accounts", "reconnect needed"),
    "ERROR": QT_TRANSLATE_NOOP("Accounts", "error"),
    "STOPPED": QT_TRANSLATE_NOOP("Accounts", "stopped"),
    "PERMISSIONS": QT_TRANSLATE_NOOP("Accounts", "permissions missing"),
    "CONNECTING": QT_TRANSLATE_NOOP("Accounts", "connecting…"),
    "DISCONNECTED": QT_TRANSLATE_NOOP("Accounts", "reconnect needed"),
}

TASK_ACCOUNT_SEPARATOR = "@"


def task_name(purpose: str, account_id: str | None = None) -> str:
    """A TaskRunner name that says which account a failure belongs to ("chats:page@acc1")."""
    return f"{purpose}{TASK_ACCOUNT_SEPARATOR}{account_id}" if account_id else purpose


def account_from_task_name(name: str) -> str | None:
    _, separator, account_id = name.rpartition(TASK_ACCOUNT_SEPARATOR)
    return account_id if separator and account_id else None


def status_text(status: str) -> str:
    """A few words for an account that is not OK; "" when it is."""
    if status == "OK":
        return ""
    sentence = _STATUS_SENTENCES.get(status)
    return translate("Accounts", sentence) if sentence is not None else status.lower()  # an unknown server status


def is_disconnection(exc: BaseException) -> bool:
    return isinstance(exc, AuthenticationError) and exc.is_account_disconnected


class AccountsController(QObject):
    """The messaging accounts behind the API key, plus what the app learned about them since listing."""

    accounts_loaded = Signal(list)  # list[Account]
    account_status_changed = Signal(str, str)  # account id, status (OK | CREDENTIALS | DISCONNECTED | ...)

    def __init__(
        self, client: UnipileClient, tasks: TaskRunner, parent: QObject | None = None, *, store: Store | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._store = store
        self._accounts: list[Account] = []
        self._status_overrides: dict[str, str] = {}
        self.loaded = False  # listed by the server in this session (not only read from the cache)

    @property
    def accounts(self) -> list[Account]:
        return list(self._accounts)

    def account(self, account_id: str) -> Account | None:
        return next((a for a in self._accounts if a.id == account_id), None)

    def status(self, account_id: str) -> str:
        """The listed status, unless a request since then showed the account is disconnected."""
        override = self._status_overrides.get(account_id)
        if override is not None:
            return override
        account = self.account(account_id)
        return account.status if account is not None else "OK"

    def accepts_messages(self, account_id: str) -> bool:
        return self.status(account_id) == "OK"

    def load(self) -> None:
        """List the accounts; the first time, the cached list shows at once (the app may be offline)."""
        if not self.loaded and not self._accounts and self._store is not None:
            cached = [a for a in self._store.cache.accounts() if a.type.upper() in MESSAGING_TYPES]
            if cached:
                self._accounts = cached
                self.accounts_loaded.emit(self.accounts)
        self._tasks.start("accounts:load", self.load_now())

    async def load_now(self) -> list[Account]:
        accounts = await self._client.list_accounts()
        self._accounts = [a for a in accounts if a.type.upper() in MESSAGING_TYPES]
        if self._store is not None:
            try:
                self._store.cache.replace_accounts(accounts)
            except Exception:  # the cache is a comfort for the next start
                log.exception("could not cache the accounts")
        self._status_overrides.clear()
        self.loaded = True
        log.info("loaded %d messaging accounts", len(self._accounts))
        self.accounts_loaded.emit(self.accounts)
        return self.accounts

    def mark_disconnected(self, account_id: str) -> None:
        """A request answered 401 disconnected_account for this account: show it as needing a reconnect."""
        if self._status_overrides.get(account_id) == "DISCONNECTED":
            return
        self._status_overrides[account_id] = "DISCONNECTED"
        log.warning("account %s is disconnected", account_id)
        self.account_status_changed.emit(account_id, "DISCONNECTED")

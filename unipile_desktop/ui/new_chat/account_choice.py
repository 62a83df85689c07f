"""The From box of the New chat dialog: every messaging account, the ones that cannot send greyed out with why."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...api import Account
from ...core.accounts import AccountsController, status_text
from ...texts import translate
from ..accounts import account_label
from ..format import plain_tip
from ..resources import provider_icon, provider_name

ModelIndex = QModelIndex | QPersistentModelIndex


class AccountChoiceRole(enum.IntEnum):
    ACCOUNT_ID = Qt.ItemDataRole.UserRole + 1
    ACCOUNT = Qt.ItemDataRole.UserRole + 2
    USABLE = Qt.ItemDataRole.UserRole + 3
    REASON = Qt.ItemDataRole.UserRole + 4  # why it cannot send ("" when it can)


class AccountChoiceModel(QAbstractListModel):
    """Every messaging account; ones that cannot send (disconnected…) are listed, greyed out, with the reason."""

    def __init__(self, accounts: AccountsController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = accounts
        self._accounts: list[Account] = accounts.accounts
        accounts.accounts_loaded.connect(self.on_accounts_accounts_loaded)
        accounts.account_status_changed.connect(self.on_accounts_account_status_changed)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._accounts)

    def reason(self, account: Account) -> str:
        status = self._controller.status(account.id)
        return "" if status == "OK" else status_text(status)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._accounts):
            return None
        account = self._accounts[index.row()]
        reason = self.reason(account)
        if role == Qt.ItemDataRole.DisplayRole:
            label = f"{account_label(account)} · {provider_name(account.type)}"
            return f"{label} — {reason}" if reason else label
        if role == Qt.ItemDataRole.DecorationRole:
            return provider_icon(account.type)
        if role == Qt.ItemDataRole.ToolTipRole:  # the account's name and username come from the network
            if reason:
                return plain_tip(
                    translate(
                        "AccountChoice",
                        "This account cannot send right now ({reason}). Reconnect it in the Unipile dashboard.",
                    ).format(reason=reason)
                )
            return plain_tip(
                translate("AccountChoice", "Write from {account} on {provider}").format(
                    account=account_label(account), provider=provider_name(account.type)
                )
            )
        if role == AccountChoiceRole.ACCOUNT_ID:
            return account.id
        if role == AccountChoiceRole.ACCOUNT:
            return account
        if role == AccountChoiceRole.USABLE:
            return not reason
        if role == AccountChoiceRole.REASON:
            return reason
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and not index.data(AccountChoiceRole.USABLE):
            flags &= ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return flags

    def row_of(self, account_id: str | None) -> int | None:
        return next((row for row, a in enumerate(self._accounts) if a.id == account_id), None)

    def first_usable_row(self) -> int | None:
        return next((row for row, a in enumerate(self._accounts) if not self.reason(a)), None)

    def on_accounts_accounts_loaded(self, accounts: list[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    def on_accounts_account_status_changed(self, account_id: str, _status: str) -> None:
        row = self.row_of(account_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

"""The account picker: "All accounts" plus each messaging account with its provider icon and state."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy

from ..api import Account
from ..core.accounts import AccountsController, status_text
from ..texts import QT_TRANSLATE_NOOP, translate
from .format import plain_tip
from .resources import app_icon, provider_icon, provider_name
from .theme import current_theme

ModelIndex = QModelIndex | QPersistentModelIndex

ALL_ACCOUNTS_LABEL = QT_TRANSLATE_NOOP("AccountPicker", "All accounts")  # shown through translate("AccountPicker", …)


class AccountRole(enum.IntEnum):
    ACCOUNT_ID = Qt.ItemDataRole.UserRole + 1  # "" for All accounts
    ACCOUNT = Qt.ItemDataRole.UserRole + 2
    PROVIDER = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4  # OK | CREDENTIALS | DISCONNECTED | ...
    ACCEPTS_MESSAGES = Qt.ItemDataRole.UserRole + 5


def account_label(account: Account) -> str:
    """The name to show: the account's name, else its username or phone, else the provider."""
    return account.name.strip() or (account.username or "").strip() or provider_name(account.type)


class AccountListModel(QAbstractListModel):
    """Row 0 is "All accounts"; the others follow the controller's order and status changes."""

    def __init__(self, controller: AccountsController, parent: Any = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._accounts: list[Account] = controller.accounts
        controller.accounts_loaded.connect(self.on_controller_accounts_loaded)
        controller.account_status_changed.connect(self.on_controller_account_status_changed)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else 1 + len(self._accounts)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() == 0:
            return self._all_accounts_data(role)
        account = self._accounts[index.row() - 1]
        status = self._controller.status(account.id)
        note = status_text(status)
        if role == Qt.ItemDataRole.DisplayRole:
            if not note:
                return account_label(account)
            return translate("AccountPicker", "{account} — {status}").format(
                account=account_label(account), status=note
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return provider_icon(account.type)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                translate("AccountPicker", "{provider}: {account}").format(
                    provider=provider_name(account.type), account=account_label(account)
                )
            ]
            if account.username and account.username != account_label(account):
                lines.append(account.username)
            if note:
                lines.append(
                    translate(
                        "AccountPicker", "Status: {status}. Reconnect this account in the Unipile dashboard."
                    ).format(status=note)
                )
            return plain_tip("\n".join(lines))  # the name and username come from the network
        if role == Qt.ItemDataRole.ForegroundRole:
            return current_theme().error_text if note else None
        if role == AccountRole.ACCOUNT_ID:
            return account.id
        if role == AccountRole.ACCOUNT:
            return account
        if role == AccountRole.PROVIDER:
            return account.type
        if role == AccountRole.STATUS:
            return status
        if role == AccountRole.ACCEPTS_MESSAGES:
            return status == "OK"
        return None

    def _all_accounts_data(self, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("AccountPicker", ALL_ACCOUNTS_LABEL)
        if role == Qt.ItemDataRole.DecorationRole:
            return app_icon()
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("AccountPicker", "Chats of every connected account, newest first")
        if role == AccountRole.ACCOUNT_ID:
            return ""
        if role == AccountRole.STATUS:
            return "OK"
        if role == AccountRole.ACCEPTS_MESSAGES:
            return False
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role in AccountRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def account_ids(self) -> list[str]:
        return [a.id for a in self._accounts]

    def row_of(self, account_id: str) -> int | None:
        for row, account in enumerate(self._accounts, start=1):
            if account.id == account_id:
                return row
        return None

    def on_controller_accounts_loaded(self, accounts: list[Account]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self.endResetModel()

    def on_controller_account_status_changed(self, account_id: str, _status: str) -> None:
        row = self.row_of(account_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)


class AccountPicker(QComboBox):
    """A combo box over AccountListModel; ``scope_changed`` carries the account ids to list (None = all)."""

    scope_changed = Signal(object)  # tuple[str, ...] | None

    def __init__(self, model: AccountListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountPicker")
        self.setAccessibleName(translate("AccountPicker", "Account"))

        self.setModel(model)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self._last_scope: tuple[str, ...] | None | bool = False  # False: nothing emitted yet
        self._selected_before_reset: str | None = None
        self._resetting = False
        self.currentIndexChanged.connect(self.on_current_index_changed)
        model.modelAboutToBeReset.connect(self.on_model_about_to_be_reset)
        model.modelReset.connect(self.on_model_reset)

    def current_account_id(self) -> str | None:
        value = self.currentData(AccountRole.ACCOUNT_ID)
        return value or None

    def select_account(self, account_id: str | None) -> bool:
        row = 0
        if account_id:
            model = self.model()
            found = model.row_of(account_id) if isinstance(model, AccountListModel) else None
            if found is None:
                return False
            row = found
        self.setCurrentIndex(row)
        return True

    def announce_scope(self) -> None:
        """Emit the current scope once at start, so the chat list loads without waiting for the accounts."""
        self._emit_scope()

    def on_current_index_changed(self, _row: int) -> None:
        if not self._resetting:
            self._emit_scope()

    def on_model_about_to_be_reset(self) -> None:
        # Reloading the accounts must not throw the agent back to "All accounts".
        self._selected_before_reset = self.current_account_id()
        self._resetting = True

    def on_model_reset(self) -> None:
        self._resetting = False
        if not self.select_account(self._selected_before_reset):
            self.setCurrentIndex(0)
        self._emit_scope()

    def _emit_scope(self) -> None:
        if self.currentIndex() < 0:
            return
        account_id = self.current_account_id()
        scope = (account_id,) if account_id else None
        if scope != self._last_scope:
            self._last_scope = scope
            self.scope_changed.emit(scope)

"""Where the Sent invitations windows open from: a menu button beside the account picker and File → Sent invitations.

Both list the connected LinkedIn accounts (the only ones with invitations); the picker's button puts the account
shown in the list first, so one click opens the window of the account the agent is working in.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from ..api import Account
from ..core.accounts import AccountsController
from ..core.invitations import InvitationController
from ..core.new_chat import is_linkedin
from ..texts import translate
from .accounts import AccountPicker, account_label
from .invitations_window import InvitationsWindow, show_invitations_window


class InvitationActions(QObject):
    """Builds the account picker's menu button and the File menu's submenu; opens one window per account."""

    def __init__(
        self,
        window: QWidget,
        accounts: AccountsController,
        picker: AccountPicker,
        controller: InvitationController | None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._accounts = accounts
        self._picker = picker
        self.controller = controller
        self.windows: dict[str, InvitationsWindow] = {}
        self.picker_button = QToolButton(window)
        self.picker_button.setObjectName("accountMenuButton")
        self.picker_button.setText("⋯")
        self.picker_button.setToolTip(translate("InvitationActions", "Account actions: sent LinkedIn invitations"))
        self.picker_button.setAccessibleName(translate("InvitationActions", "Account actions"))
        self.picker_button.setAccessibleDescription(
            translate("InvitationActions", "Sent LinkedIn invitations of the account")
        )
        self.picker_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.picker_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # "⋯" says it is a menu
        self.picker_menu = QMenu(translate("InvitationActions", "Account"), self.picker_button)
        self.picker_menu.aboutToShow.connect(self.fill_picker_menu)
        self.picker_button.setMenu(self.picker_menu)
        self.file_menu = QMenu(translate("InvitationActions", "Sent LinkedIn &invitations"), window)
        self.file_menu.aboutToShow.connect(self.fill_file_menu)
        self.picker_button.setEnabled(controller is not None)
        self.file_menu.setEnabled(controller is not None)

    def linkedin_accounts(self) -> list[Account]:
        """Connected LinkedIn accounts, the one picked in the account picker first."""
        accounts = [a for a in self._accounts.accounts if is_linkedin(a) and self._accounts.status(a.id) == "OK"]
        picked = self._picker.current_account_id()
        return sorted(accounts, key=lambda a: a.id != picked)

    def fill_picker_menu(self) -> None:
        self._fill(self.picker_menu, translate("InvitationActions", "Sent invitations — {account}…"))

    def fill_file_menu(self) -> None:
        self._fill(self.file_menu, translate("InvitationActions", "{account}…"))

    def _fill(self, menu: QMenu, pattern: str) -> None:
        menu.clear()
        accounts = self.linkedin_accounts()
        if not accounts or self.controller is None:
            empty = menu.addAction(
                translate("InvitationActions", "No LinkedIn account: invitations are a LinkedIn feature")
            )
            empty.setEnabled(False)
            return
        for number, account in enumerate(accounts, 1):
            text = pattern.format(account=account_label(account).replace("&", "&&"))  # "R&D" is a name, not a mnemonic

            if menu is self.file_menu and number < 10:
                text = f"&{number} {text}"  # File → Sent LinkedIn invitations → 1, 2…: an Alt path to each
            action = QAction(text, menu)
            action.setData(account.id)
            action.triggered.connect(lambda _checked=False, account_id=account.id: self.open_window(account_id))
            menu.addAction(action)

    def open_window(self, account_id: str) -> InvitationsWindow | None:
        """The account's Sent invitations window, shown and raised (None without a controller or such account)."""
        account = self._accounts.account(account_id)
        if self.controller is None or account is None or not is_linkedin(account):
            return None
        return show_invitations_window(self.windows, self.controller, account, self._window)

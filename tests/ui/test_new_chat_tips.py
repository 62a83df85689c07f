"""Names in the New chat dialog come from the network: its tooltips show them literally, never as markup."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QObject, Qt, Signal
from pytestqt.qtbot import QtBot

from unipile_desktop.api import Account, ChatAttendee
from unipile_desktop.api.models import AccountSource
from unipile_desktop.core.accounts import AccountsController
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.new_chat import Recipient
from unipile_desktop.ui.new_chat.dialog import AccountChoiceModel
from unipile_desktop.ui.new_chat.recipients import AttendeeListModel, RecipientChip

MARKUP = "<img src='file:///etc/hosts'><b>Acme</b>"
ESCAPED = "&lt;img src='file:///etc/hosts'&gt;&lt;b&gt;Acme&lt;/b&gt;"


class FakeAccounts(QObject):
    """What AccountChoiceModel reads from the accounts controller."""

    accounts_loaded = Signal(list)
    account_status_changed = Signal(str, str)

    def __init__(self, accounts: list[Account], status: str = "OK") -> None:
        super().__init__()
        self.accounts = accounts
        self._status = status

    def status(self, _account_id: str) -> str:
        return self._status


class NoImages:
    def avatar(self, _attendee_id: str) -> None:
        return None


def assert_literal(tip: str) -> None:
    assert ESCAPED in tip and "<img" not in tip and "<b>" not in tip


def test_an_attendee_tip_shows_the_name_and_headline_literally(qtbot: QtBot) -> None:
    model = AttendeeListModel()
    model.set_attendees([ChatAttendee("att_1", "acc", "prov_1", MARKUP, False, headline="<i>CEO</i>")])
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert_literal(tip)
    assert "&lt;i&gt;CEO&lt;/i&gt;" in tip


def test_a_recipient_chip_tip_shows_the_name_literally(qtbot: QtBot) -> None:
    chip = RecipientChip(Recipient("prov_1", MARKUP, "att_1"), cast(ImageCache, NoImages()))
    qtbot.addWidget(chip)
    assert_literal(chip.toolTip())
    assert_literal(chip.remove_button.toolTip())


def test_an_account_tip_shows_its_name_literally(qtbot: QtBot) -> None:
    account = Account("acc_1", MARKUP, "WHATSAPP", None, (AccountSource("acc_1_MESSAGING", "OK"),))
    controller: Any = FakeAccounts([account])
    model = AccountChoiceModel(cast(AccountsController, controller))
    assert_literal(model.index(0).data(Qt.ItemDataRole.ToolTipRole))

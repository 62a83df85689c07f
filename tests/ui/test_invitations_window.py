"""The Sent invitations window: the list, paging by cursor, withdrawing after a confirmation, empty state, errors."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import API_KEY, wait_until
from unipile_desktop.api import Account, SentInvitation, UnipileClient
from unipile_desktop.api.models import AccountSource
from unipile_desktop.core.invitations import InvitationController
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.invitations_window import (
    EMPTY_TEXT,
    FAILED_TEXT,
    InvitationRole,
    InvitationsWindow,
    SentInvitationModel,
    sent_when,
    show_invitations_window,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

ACCOUNT = Account("acc_li", "Sophie Laurent", "LINKEDIN", None, (AccountSource("acc_li_MESSAGING", "OK"),))
MARKUP = "<b>x</b>"


def invitation(number: int, *, name: str | None = None, note: str | None = "Let's connect") -> SentInvitation:
    return SentInvitation(
        id=f"inv_{number}",
        invited_user=name if name is not None else f"Person {number}",
        invited_user_id=f"prov_{number}",
        invited_user_public_id=f"person-{number}",
        invited_user_description=f"Headline {number}",
        date="Sent today",
        parsed_datetime=None,
        invitation_text=note,
    )


class FakeInvitations(QObject):
    """The sent-list half of the InvitationController: pages are answered when the test says so."""

    outcome = Signal(object)
    batch_finished = Signal(str)
    busy_changed = Signal(bool)
    pending_changed = Signal(str)
    sent_loaded = Signal(str)
    sent_failed = Signal(str, str)
    withdrawn = Signal(str, str)
    withdraw_failed = Signal(str, str, str)

    def __init__(self, pages: list[list[SentInvitation]]) -> None:
        super().__init__()
        self.pages = pages
        self.shown: list[SentInvitation] = []
        self.next_page = 0
        self.requests: list[bool] = []  # more=…
        self.withdrawals: list[str] = []

    def sent_invitations(self, _account_id: str) -> list[SentInvitation]:
        return list(self.shown)

    def has_more_sent(self, _account_id: str) -> bool:
        return 0 < self.next_page < len(self.pages)

    def load_sent(self, _account_id: str, *, more: bool = False) -> None:
        self.requests.append(more)

    def answer(self) -> None:
        """The server's answer to the last request."""
        more = self.requests[-1]
        page = 0 if not more else self.next_page
        self.shown = (self.shown if more else []) + (self.pages[page] if self.pages else [])
        self.next_page = page + 1
        self.sent_loaded.emit(ACCOUNT.id)

    def fail(self, sentence: str) -> None:
        self.sent_failed.emit(ACCOUNT.id, sentence)

    def withdraw(self, account_id: str, invitation_id: str) -> None:
        self.withdrawals.append(invitation_id)

    def confirm_withdrawn(self, invitation_id: str) -> None:
        """As the controller does: the list without it, then the signal."""
        self.shown = [i for i in self.shown if i.id != invitation_id]
        self.sent_loaded.emit(ACCOUNT.id)
        self.withdrawn.emit(ACCOUNT.id, invitation_id)


def make_window(qtbot: QtBot, fake: FakeInvitations) -> InvitationsWindow:
    window = InvitationsWindow(cast(InvitationController, fake), ACCOUNT)
    qtbot.addWidget(window)
    window.show()
    return window


def names(window: InvitationsWindow) -> list[str]:
    model = window.model
    return [model.index(row).data() for row in range(model.rowCount())]


def select(window: InvitationsWindow, row: int) -> None:
    index = window.model.index(row)
    window.view.setCurrentIndex(index)
    assert window.selected_invitation() is not None


# ---------------------------------------------------------------------------------------------- list and paging


def test_the_first_page_loads_on_open_and_more_come_with_the_button(qtbot: QtBot, qtmodeltester: Any) -> None:
    pages = [[invitation(n) for n in range(p * 10, p * 10 + 10)] for p in range(3)]
    fake = FakeInvitations(pages)
    window = make_window(qtbot, fake)
    assert fake.requests == [False]
    assert window.state_label.isVisible() and window.state_label.text().startswith("Loading")
    assert not window.more_button.isVisible()
    fake.answer()
    assert names(window) == [f"Person {n}" for n in range(10)]
    assert window.view.isVisible() and window.more_button.isVisible()
    qtmodeltester.check(window.model)
    select(window, 3)
    QTest.mouseClick(window.more_button, Qt.MouseButton.LeftButton)
    assert fake.requests == [False, True]
    assert not window.more_button.isEnabled() and window.more_button.text() == "Loading…"
    QTest.mouseClick(window.more_button, Qt.MouseButton.LeftButton)  # a second click while loading asks nothing
    assert fake.requests == [False, True]
    fake.answer()
    assert len(names(window)) == 20 and names(window)[19] == "Person 19"
    assert window.selected_invitation() == pages[0][3]  # rows were appended, the selection stayed
    qtmodeltester.check(window.model)


def test_scrolling_to_the_end_asks_for_the_next_page(qtbot: QtBot) -> None:
    pages = [[invitation(n) for n in range(p * 10, p * 10 + 10)] for p in range(2)]
    fake = FakeInvitations(pages)
    window = make_window(qtbot, fake)
    fake.answer()
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0  # ten rows do not fit: nothing is fetched until the agent scrolls
    assert fake.requests == [False]
    bar.setValue(bar.maximum())
    assert fake.requests == [False, True]
    fake.answer()
    assert len(names(window)) == 20
    assert not window.more_button.isVisible()  # the last page: no cursor left
    bar.setValue(bar.maximum())
    assert fake.requests == [False, True]


def test_pages_that_fit_without_scrolling_bring_the_next_by_themselves(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1), invitation(2)], [invitation(3), invitation(4)], [invitation(5)]])
    window = make_window(qtbot, fake)
    fake.answer()
    assert fake.requests == [False, True]  # no scroll bar: the agent could never scroll to the end
    fake.answer()
    assert fake.requests == [False, True, True]
    fake.answer()
    assert fake.requests == [False, True, True] and len(names(window)) == 5


def test_no_invitations_show_the_empty_state(qtbot: QtBot) -> None:
    fake = FakeInvitations([])
    window = make_window(qtbot, fake)
    fake.answer()
    assert window.state_label.isVisible() and window.state_label.text() == EMPTY_TEXT
    assert not window.view.isVisible() and not window.more_button.isVisible()
    assert not window.withdraw_button.isEnabled()


def test_a_failed_load_is_said_in_words_and_refresh_tries_again(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1)]])
    window = make_window(qtbot, fake)
    sentence = "The sent invitations could not be loaded. The Unipile server is unreachable."
    fake.fail(sentence)
    assert window.banner.isVisible() and window.banner.sentence == sentence
    assert window.state_label.text() == FAILED_TEXT
    assert window.refresh_button.isEnabled()
    QTest.mouseClick(window.refresh_button, Qt.MouseButton.LeftButton)
    assert fake.requests == [False, False] and not window.banner.isVisible()
    fake.answer()
    assert names(window) == ["Person 1"]


# ---------------------------------------------------------------------------------------------- withdrawing


def test_withdraw_asks_first_and_removes_the_row(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1), invitation(2, name="Ali Hassan"), invitation(3)]])
    window = make_window(qtbot, fake)
    fake.answer()
    assert not window.withdraw_button.isEnabled()  # nothing selected
    select(window, 1)
    assert window.withdraw_button.isEnabled()
    QTest.mouseClick(window.withdraw_button, Qt.MouseButton.LeftButton)
    box = window.confirm_box
    assert box is not None and box.isVisible()
    assert box.text() == "Withdraw the invitation to Ali Hassan?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter does not withdraw
    QTest.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert fake.withdrawals == [] and window.confirm_box is None
    assert names(window) == ["Person 1", "Ali Hassan", "Person 3"]

    QTest.mouseClick(window.withdraw_button, Qt.MouseButton.LeftButton)
    box = window.confirm_box
    assert box is not None
    QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert fake.withdrawals == ["inv_2"]
    assert window.model.index(1).data(InvitationRole.WITHDRAWING) is True
    assert not window.withdraw_button.isEnabled()  # once is enough
    fake.confirm_withdrawn("inv_2")
    assert names(window) == ["Person 1", "Person 3"]


def test_a_failed_withdrawal_keeps_the_row_and_says_why(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1)]])
    window = make_window(qtbot, fake)
    fake.answer()
    select(window, 0)
    window.withdraw_action.trigger()  # the Delete key
    box = window.confirm_box
    assert box is not None
    QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    sentence = "The invitation to Person 1 was not withdrawn. LinkedIn did not answer."
    fake.withdraw_failed.emit(ACCOUNT.id, "inv_1", sentence)
    assert window.banner.sentence == sentence
    assert names(window) == ["Person 1"] and window.withdraw_button.isEnabled()


# ---------------------------------------------------------------------------------------------- text


def test_names_and_notes_stay_literal(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1, name=MARKUP, note=f"{MARKUP}\nsecond line")]])
    window = make_window(qtbot, fake)
    fake.answer()
    index = window.model.index(0)
    assert index.data() == MARKUP
    assert index.data(InvitationRole.NOTE) == f"{MARKUP} second line"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "<b>" not in tip
    select(window, 0)
    window.confirm_withdraw()
    box = window.confirm_box
    assert box is not None
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == f"Withdraw the invitation to {MARKUP}?"
    box.reject()


def test_dates_read_as_words() -> None:
    now = datetime.now(UTC)
    assert sent_when(invitation(1)) == "Sent today"  # the API's words when it gives no parsed date
    item = SentInvitation("i", "A", "p", None, None, "2026-01-01", now - timedelta(days=1), None)
    assert sent_when(item) == "Sent yesterday"
    assert sent_when(SentInvitation("i", "A", "p", None, None, "", now, None)).startswith("Sent today, ")


def test_one_window_per_account(qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1)]])
    windows: dict[str, InvitationsWindow] = {}
    first = show_invitations_window(windows, cast(InvitationController, fake), ACCOUNT)
    qtbot.addWidget(first)
    assert first.isVisible() and not first.isModal() and windows == {ACCOUNT.id: first}
    assert first.windowTitle() == "Sent invitations — Sophie Laurent"
    fake.answer()
    assert show_invitations_window(windows, cast(InvitationController, fake), ACCOUNT) is first
    assert fake.requests == [False, False]  # shown again: refreshed


def test_the_model_passes_the_model_tester(qtmodeltester: Any, qtbot: QtBot) -> None:
    fake = FakeInvitations([[invitation(1), invitation(2)], [invitation(3)]])
    model = SentInvitationModel(cast(InvitationController, fake), ACCOUNT.id)
    qtmodeltester.check(model)
    model.load()
    fake.answer()
    assert model.canFetchMore()
    model.fetchMore()
    fake.answer()
    assert model.rowCount() == 3 and not model.canFetchMore()
    fake.confirm_withdrawn("inv_2")
    assert [model.index(r).data(InvitationRole.INVITATION_ID) for r in range(3 - 1)] == ["inv_1", "inv_3"]
    qtmodeltester.check(model)


# ---------------------------------------------------------------------------------------------- the real thing


@pytest.mark.asyncio
async def test_the_real_controller_lists_pages_and_withdraws_on_the_sandbox(sandbox: SandboxServer) -> None:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)
    account_id = str(sandbox.landmarks["accounts"]["linkedin_premium"])
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    controller = InvitationController(client, tasks, store=None, sent_page_size=2)
    account = next(a for a in await client.list_accounts() if a.id == account_id)
    window = InvitationsWindow(controller, account)
    try:
        window.show()
        seeded = sandbox.sent_invitations(account_id)
        assert len(seeded) == 3  # the demo seed: three waiting invitations on this account
        # Two rows fit without a scroll bar, so the window asks for the second page by itself.
        await wait_until(lambda: window.model.rowCount() == 3, 10, "both pages")
        pages = [e for e in sandbox.requests_log() if str(e.get("path", "")).endswith("/users/invite/sent")]
        assert len(pages) == 2
        assert names(window) == [item["invited_user"] for item in seeded]  # newest first, as the server lists them
        assert not window.more_button.isVisible()
        select(window, 0)
        QTest.mouseClick(window.withdraw_button, Qt.MouseButton.LeftButton)
        box = window.confirm_box
        assert box is not None and seeded[0]["invited_user"] in box.text()
        QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        await wait_until(lambda: window.model.rowCount() == 2, 10, "the withdrawal")
        left = sandbox.sent_invitations(account_id)
        assert [i["id"] for i in left] == [i["id"] for i in seeded[1:]]  # the server's list lost exactly that one
        assert names(window) == [item["invited_user"] for item in seeded[1:]]
        assert not window.banner.isVisible()
    finally:
        window.hide()
        shiboken6.delete(window)
        await controller.close()
        await tasks.shutdown()
        await client.aclose()
        shiboken6.delete(controller)
        shiboken6.delete(tasks)
        gc.collect()
        qt_app.setQuitOnLastWindowClosed(True)

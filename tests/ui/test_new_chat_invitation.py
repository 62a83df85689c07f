"""The New chat dialog's invitation mode: LinkedIn people who are not connections get an invitation, not a message."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import API_KEY, SandboxEnv, wait_until
from unipile_desktop.api import ChatAttendee, UnipileClient
from unipile_desktop.core.accounts import AccountsController
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.invitations import NOTE_LIMIT, InvitationController, InvitationOutcome, InvitationState
from unipile_desktop.core.new_chat import NewChatController, Recipient
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.selftest.new_chat_driver import choose_account, pick_recipient, type_text
from unipile_desktop.ui.new_chat import NewChatDialog
from unipile_desktop.ui.new_chat.invitation import InvitationPanel, InvitationResultModel
from unipile_desktop.ui.new_chat.recipients import AttendeeRole

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)

MARKUP = "<b>x</b>"


async def wait(what: str, condition: Callable[[], bool], timeout: float) -> None:
    await wait_until(condition, timeout, what)


class FakeInvitations(QObject):
    """The InvitationController's interface; the test decides every outcome and who is pending."""

    outcome = Signal(object)
    batch_finished = Signal(str)
    busy_changed = Signal(bool)
    pending_changed = Signal(str)
    sent_loaded = Signal(str)
    sent_failed = Signal(str, str)
    withdrawn = Signal(str, str)
    withdraw_failed = Signal(str, str, str)

    check_note = staticmethod(InvitationController.check_note)

    def __init__(self) -> None:
        super().__init__()
        self.pending: set[tuple[str, str]] = set()
        self.calls: list[tuple[str, list[Recipient], str]] = []
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def invite(self, account_id: str, recipients: Sequence[Recipient], note: str) -> bool:
        if self._busy:
            return False
        self.calls.append((account_id, list(recipients), note))
        self._busy = True
        self.busy_changed.emit(True)
        return True

    def is_pending(self, account_id: str, provider_id: str) -> bool:
        return (account_id, provider_id) in self.pending

    def note_attendees(self, account_id: str, attendees: Sequence[ChatAttendee]) -> None:
        for attendee in attendees:
            if attendee.pending_invitation:
                self.pending.add((account_id, attendee.provider_id))

    def answer(self, recipient: Recipient, state: InvitationState, sentence: str) -> None:
        account_id = self.calls[-1][0]
        self.outcome.emit(InvitationOutcome(account_id, recipient.provider_id, recipient.name, state, sentence))
        if state == InvitationState.SENT:
            self.pending.add((account_id, recipient.provider_id))
            self.pending_changed.emit(account_id)

    def finish(self) -> None:
        self._busy = False
        self.busy_changed.emit(False)
        self.batch_finished.emit(self.calls[-1][0])


@dataclass
class Env(SandboxEnv):
    accounts: AccountsController
    controller: NewChatController
    invitations: InvitationController | FakeInvitations | None
    dialogs: list[NewChatDialog] = field(default_factory=list)

    def account(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["accounts"][landmark])

    def person(self, account_landmark: str, *, landmark: str = "", name: str = "") -> ChatAttendee:
        provider_id = str(self.sandbox.landmarks["recipients"][landmark]) if landmark else None
        people = self.controller.attendees(self.account(account_landmark)) or []
        return next(p for p in people if p.provider_id == provider_id or (name and p.name == name))

    async def open(self, landmark: str) -> NewChatDialog:
        dialog = NewChatDialog(
            self.controller,
            self.images,
            account_id=self.account(landmark),
            invitations=cast(InvitationController, self.invitations),
        )
        self.dialogs.append(dialog)
        dialog.show()
        account = dialog.current_account()
        assert account is not None and account.id == self.account(landmark)
        await choose_account(dialog, account, wait)
        return dialog

    async def pick(self, dialog: NewChatDialog, account_landmark: str, **which: str) -> ChatAttendee:
        person = self.person(account_landmark, **which)
        await pick_recipient(dialog, person, wait)
        return person


@asynccontextmanager
async def invitation_env(sandbox: SandboxServer, invitations: str = "fake") -> AsyncIterator[Env]:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    images = ImageCache(client, tasks)
    accounts = AccountsController(client, tasks)
    await accounts.load_now()
    controller = NewChatController(client, tasks, accounts)
    chosen: InvitationController | FakeInvitations | None
    if invitations == "real":
        chosen = InvitationController(client, tasks, store=None, check_delays=(0.0,))
    elif invitations == "fake":
        chosen = FakeInvitations()
    else:
        chosen = None
    env = Env(sandbox, client, tasks, images, accounts, controller, chosen)
    try:
        yield env
    finally:
        for dialog in env.dialogs:
            if shiboken6.isValid(dialog):
                dialog.hide()
                shiboken6.delete(dialog)
        if isinstance(chosen, InvitationController):
            await chosen.close()
        await tasks.shutdown()
        await client.aclose()
        images.close()
        for qobject in (controller, accounts, images, tasks, chosen):
            if qobject is not None:
                shiboken6.delete(qobject)
        gc.collect()
        qt_app.setQuitOnLastWindowClosed(True)


def note_box(dialog: NewChatDialog) -> Any:
    return dialog.invitation_panel.note_edit


# ---------------------------------------------------------------------------------------------- when it applies


@pytest.mark.asyncio
async def test_a_second_degree_person_without_inmail_gets_an_invitation_instead(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox) as env:
        dialog = await env.open("linkedin_premium")
        section = dialog.linkedin_section
        QTest.mouseClick(section.api_buttons["classic"], Qt.MouseButton.LeftButton)
        await env.pick(dialog, "linkedin_premium", landmark="linkedin_premium_prospect")  # Ali Hassan, 2nd degree
        assert dialog.invitation_mode()
        assert dialog.invitation_panel.isVisible() and not dialog.text_edit.isVisible()
        assert not dialog.attach_button.isVisible() and not dialog.title_edit.isVisible()
        assert dialog.send_button.text() == "Send invitation" and dialog.send_button.isEnabled()
        assert dialog.invitation_panel.explanation_label.text() == (
            "Ali is not a 1st-degree connection, so this sends an invitation to connect. To write a message instead, "
            "turn on InMail, or send with Recruiter or Sales Navigator."
        )
        assert section.warning_text() == ""  # the panel says it, not in the alarm colour
        # InMail reaches them with a message: back to the message box.
        QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
        assert not dialog.invitation_mode()
        assert dialog.text_edit.isVisible() and not dialog.invitation_panel.isVisible()
        assert dialog.send_button.text() == "Send"
        QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
        assert dialog.invitation_mode()
        # So does Recruiter (its own InMail credits).
        QTest.mouseClick(section.api_buttons["recruiter"], Qt.MouseButton.LeftButton)
        assert not dialog.invitation_mode() and dialog.text_edit.isVisible()


@pytest.mark.asyncio
async def test_a_first_degree_connection_gets_a_message(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox) as env:
        dialog = await env.open("linkedin_classic")
        await env.pick(dialog, "linkedin_classic", landmark="linkedin_classic_connection")
        assert not dialog.invitation_mode()
        assert dialog.text_edit.isVisible() and not dialog.invitation_panel.isVisible()
        assert dialog.send_button.text() == "Send"


@pytest.mark.asyncio
async def test_without_an_invitation_controller_the_dialog_is_as_before(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox, invitations="none") as env:
        dialog = await env.open("linkedin_classic")
        await env.pick(dialog, "linkedin_classic", landmark="linkedin_classic_prospect")
        assert not dialog.invitation_mode() and dialog.text_edit.isVisible()
        assert dialog.linkedin_section.warning_text() == "Rania is not a 1st-degree connection. Turn on InMail."


# ---------------------------------------------------------------------------------------------- the note


@pytest.mark.asyncio
async def test_the_counter_follows_the_note_and_sending_stops_past_300(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox) as env:
        dialog = await env.open("linkedin_classic")
        await env.pick(dialog, "linkedin_classic", landmark="linkedin_classic_prospect")
        panel = dialog.invitation_panel
        assert panel.counter_label.text() == f"0 / {NOTE_LIMIT}"
        note_box(dialog).setFocus()
        type_text(note_box(dialog), "Hi Rania")
        assert panel.counter_label.text() == f"8 / {NOTE_LIMIT}"
        assert dialog.send_button.isEnabled() and "#b3261e" not in panel.counter_label.styleSheet()
        note_box(dialog).setPlainText("a" * NOTE_LIMIT)
        assert panel.counter_label.text() == "300 / 300" and dialog.send_button.isEnabled()
        type_text(note_box(dialog), "b")
        assert panel.counter_label.text() == "301 / 300"
        assert "#b3261e" in panel.counter_label.styleSheet()  # the error colour
        assert not dialog.send_button.isEnabled()
        assert dialog.send_button.toolTip().startswith("The note is 301 characters long")
        QTest.keyClick(note_box(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert env.invitations is not None and cast(FakeInvitations, env.invitations).calls == []
        QTest.keyClick(note_box(dialog), Qt.Key.Key_Backspace)
        assert panel.counter_label.text() == "300 / 300" and dialog.send_button.isEnabled()


# ---------------------------------------------------------------------------------------------- several people


@pytest.mark.asyncio
async def test_several_people_are_invited_one_by_one_and_the_dialog_stays_on_the_results(
    sandbox: SandboxServer,
) -> None:
    async with invitation_env(sandbox) as env:
        fake = cast(FakeInvitations, env.invitations)
        dialog = await env.open("linkedin_premium")
        QTest.mouseClick(dialog.linkedin_section.api_buttons["classic"], Qt.MouseButton.LeftButton)
        people = [
            await env.pick(dialog, "linkedin_premium", landmark=mark)
            for mark in ("linkedin_premium_prospect", "linkedin_premium_prospect_2", "linkedin_premium_prospect_3")
        ]
        assert dialog.send_button.text() == "Send 3 invitations"
        assert "one by one" in dialog.invitation_panel.explanation_label.text()
        note_box(dialog).setFocus()
        type_text(note_box(dialog), "  Glad to connect  ")
        QTest.keyClick(note_box(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # as the message box
        (call,) = fake.calls
        assert call[0] == env.account("linkedin_premium")
        assert [r.provider_id for r in call[1]] == [p.provider_id for p in people]
        assert call[2] == "Glad to connect"
        assert dialog.is_inviting and not dialog.send_button.isEnabled()
        assert dialog.send_button.text() == "Sending invitations…"
        assert not dialog.recipient_field.isEnabled() and not note_box(dialog).isEnabled()
        results = dialog.invitation_panel.result_model
        assert [r.text for r in results.rows()] == [f"·  {p.name}: waiting…" for p in people]
        ali, leila, omar = call[1]
        fake.answer(ali, InvitationState.SENDING, "Inviting Ali Hassan…")
        fake.answer(ali, InvitationState.SENT, "Invitation sent to Ali Hassan.")
        fake.answer(leila, InvitationState.FAILED, "Leila Haddad was not invited. LinkedIn refused it.")
        rows = results.rows()
        assert [r.text for r in rows] == [
            "✓  Invitation sent to Ali Hassan.",
            "✗  Leila Haddad was not invited. LinkedIn refused it.",
            "·  Omar Farouk: waiting…",
        ]
        assert dialog.invitation_panel.result_view.isVisible()
        assert not dialog.invitation_panel.summary_label.isVisible()
        fake.answer(omar, InvitationState.UNSURE, "Not sure the invitation to Omar Farouk reached LinkedIn.")
        fake.finish()
        await asyncio.sleep(0)
        assert dialog.isVisible()  # the agent reads the results, then closes
        assert dialog.invitation_panel.summary_label.text() == (
            "3 invitations: 1 sent, 1 not sent, 1 not sure (see Sent invitations later)."
        )
        assert results.rows()[2].text.startswith("?  Not sure")
        assert dialog.close_button.isVisible() and dialog.close_button.isEnabled()
        # Ali is pending now: the form says so and would invite the two others again only.
        assert [c.pending for c in dialog.recipient_field.chips()] == [True, False, False]
        assert dialog.send_button.text() == "Send 2 invitations"
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()


# ---------------------------------------------------------------------------------------------- pending


@pytest.mark.asyncio
async def test_a_pending_person_says_so_and_is_not_invited_again(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox) as env:
        fake = cast(FakeInvitations, env.invitations)
        account_id = env.account("linkedin_classic")
        dialog = await env.open("linkedin_classic")
        field = dialog.recipient_field
        # The seed invited Marta Nowak (3rd degree): her attendee carries pending_invitation.
        marta = env.person("linkedin_classic", landmark="linkedin_classic_invited")
        assert marta.pending_invitation and fake.is_pending(account_id, marta.provider_id)
        field.search_edit.setFocus()
        type_text(field.search_edit, "Mart")
        await wait("the popup", field.popup_is_visible, 5)
        row = next(
            field.popup.model().index(r, 0)
            for r in range(field.popup.model().rowCount())
            if field.popup.model().index(r, 0).data(AttendeeRole.PROVIDER_ID) == marta.provider_id
        )
        assert str(row.data(AttendeeRole.DETAIL)).startswith("Invitation pending · ")
        field.search_edit.clear()
        field.popup.hide()
        await pick_recipient(dialog, marta, wait)
        (chip,) = field.chips()
        assert chip.pending and chip.pending_label.isVisible() and chip.pending_label.text() == "Invitation pending"
        assert "An invitation to connect is pending." in chip.toolTip()
        assert dialog.invitation_mode() and not dialog.send_button.isEnabled()
        assert dialog.send_button.toolTip() == "An invitation is already pending"
        assert dialog.invitation_panel.explanation_label.text() == (
            "Marta already has an invitation pending and will not be invited again."
        )
        assert not dialog.invitation_panel.exclusion_label.isVisible()
        # With someone who can be invited, Marta is left out with that sentence.
        pedro = await env.pick(dialog, "linkedin_classic", name="Pedro Santos")
        assert dialog.send_button.isEnabled() and dialog.send_button.text() == "Send invitation"
        assert dialog.invitation_panel.exclusion_label.text() == (
            "Marta already has an invitation pending and will not be invited again."
        )
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert [r.provider_id for r in fake.calls[-1][1]] == [pedro.provider_id]
        assert [r.name for r in dialog.invitation_panel.result_model.rows()] == ["Pedro Santos"]


# ---------------------------------------------------------------------------------------------- hostile text


def test_names_and_notes_from_the_network_stay_literal(qtbot: QtBot) -> None:
    panel = InvitationPanel()
    qtbot.addWidget(panel)
    person = Recipient("p1", MARKUP, "a1", "DISTANCE_2")
    panel.set_people([person], [Recipient("p2", MARKUP, "a2", "DISTANCE_2")], [])
    for label in (panel.explanation_label, panel.exclusion_label, panel.summary_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP.split()[0] in panel.explanation_label.text()  # "<b>x</b>" is the "first name"
    panel.note_edit.setPlainText(MARKUP)
    assert panel.note() == MARKUP and panel.counter_label.text() == f"{len(MARKUP)} / {NOTE_LIMIT}"
    panel.start_results([person])
    panel.apply(InvitationOutcome("acc", "p1", MARKUP, InvitationState.SENT, f"Invitation sent to {MARKUP}."))
    model = panel.result_model
    assert model.index(0).data() == f"✓  Invitation sent to {MARKUP}."
    assert "&lt;b&gt;x&lt;/b&gt;" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    panel.show_summary([InvitationOutcome("acc", "p1", MARKUP, InvitationState.SENT, f"Invitation sent to {MARKUP}.")])
    assert panel.summary_label.text() == f"Invitation sent to {MARKUP}."


def test_the_result_model_passes_the_model_tester(qtmodeltester: Any, qtbot: QtBot) -> None:
    model = InvitationResultModel()
    model.start([Recipient("p1", "Ali Hassan", "a1", "DISTANCE_2"), Recipient("p2", "Leila Haddad", "a2")])
    qtmodeltester.check(model)
    assert model.apply(InvitationOutcome("acc", "p2", "Leila Haddad", InvitationState.SENT, "Sent."))
    assert not model.apply(InvitationOutcome("acc", "p3", "Someone", InvitationState.SENT, "Sent."))
    assert not model.finished()
    assert model.apply(InvitationOutcome("acc", "p1", "Ali Hassan", InvitationState.FAILED, "Refused."))
    assert model.finished()
    qtmodeltester.check(model)


@pytest.mark.asyncio
async def test_a_hostile_name_in_the_dialog_shows_as_typed(sandbox: SandboxServer) -> None:
    account_id = sandbox.landmarks["accounts"]["linkedin_classic"]
    prospect = sandbox.landmarks["recipients"]["linkedin_classic_prospect"]
    attendees = sandbox.state.attendees.values()
    person = next(a for a in attendees if a.account_id == account_id and a.provider_id == prospect)
    person.name = f"{MARKUP} Khalil"
    async with invitation_env(sandbox) as env:
        dialog = await env.open("linkedin_classic")
        await env.pick(dialog, "linkedin_classic", landmark="linkedin_classic_prospect")
        (chip,) = dialog.recipient_field.chips()
        assert chip.label.textFormat() == Qt.TextFormat.PlainText and chip.label.text() == f"{MARKUP} Khalil"
        assert dialog.invitation_panel.explanation_label.text().startswith(f"{MARKUP} is not a 1st-degree")
        note_box(dialog).setPlainText(MARKUP)
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        fake = cast(FakeInvitations, env.invitations)
        assert fake.calls[-1][2] == MARKUP


# ---------------------------------------------------------------------------------------------- the real thing


@pytest.mark.asyncio
async def test_the_real_controllers_invite_through_the_sandbox(sandbox: SandboxServer) -> None:
    async with invitation_env(sandbox, invitations="real") as env:
        account_id = env.account("linkedin_premium")
        dialog = await env.open("linkedin_premium")
        QTest.mouseClick(dialog.linkedin_section.api_buttons["classic"], Qt.MouseButton.LeftButton)
        ali = await env.pick(dialog, "linkedin_premium", landmark="linkedin_premium_prospect")
        leila = await env.pick(dialog, "linkedin_premium", landmark="linkedin_premium_prospect_2")
        emma = await env.pick(dialog, "linkedin_premium", landmark="linkedin_premium_connection")  # 1st degree
        assert dialog.send_button.text() == "Send 2 invitations"
        assert "Emma is already a connection" in dialog.invitation_panel.exclusion_label.text()
        note_box(dialog).setPlainText("Hello, let's connect.")
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not dialog.is_inviting, 10, "the invitations")
        rows = dialog.invitation_panel.result_model.rows()
        assert [r.text for r in rows] == [f"✓  Invitation sent to {ali.name}.", f"✓  Invitation sent to {leila.name}."]
        assert dialog.invitation_panel.summary_label.text() == "Both invitations were sent."
        # Ali and Leila are pending now because of this very send: that is the result, not a refusal.
        assert dialog.invitation_panel.explanation_label.text() == "Each invitation's result is listed below."
        assert dialog.invitation_panel.exclusion_label.text() == (
            "Emma is already a connection: no invitation needed (write to them separately)."
        )
        assert dialog.isVisible()
        # The server holds exactly one invitation per person, with the note.
        sent = sandbox.sent_invitations(account_id)
        for person in (ali, leila):
            (item,) = [i for i in sent if i["invited_user_id"] == person.provider_id]
            assert item["invitation_text"] == "Hello, let's connect."
        assert not [i for i in sent if i["invited_user_id"] == emma.provider_id]
        posts = env.requests("POST", "/users/invite")
        assert len(posts) == 2
        chips = {c.recipient.provider_id: c.pending for c in dialog.recipient_field.chips()}
        assert chips == {ali.provider_id: True, leila.provider_id: True, emma.provider_id: False}
        assert not dialog.send_button.isEnabled() and dialog.send_button.toolTip() == "An invitation is already pending"
        assert env.controller.draft is None  # done: reopening New chat does not offer the same people again

"""The smoke test's LinkedIn invitation: through the New chat dialog's widgets, then the Sent invitations window.

Only ever run against the sandbox: on a real account it would invite a real person.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ..core.invitations import InvitationOutcome, InvitationState
from ..core.new_chat import is_linkedin
from .new_chat_driver import DriverFailure, Wait, choose_account, open_dialog, pick_recipient, type_text

if TYPE_CHECKING:
    from ..ui.main_window import MainWindow

INVITE_TIMEOUT_S = 20


@dataclass(frozen=True)
class InviteCheck:
    elapsed_ms: int  # Send invitation clicked -> the controller reported it sent
    listed: bool  # the person then shows in the account's Sent invitations window


async def smoke_invitation(window: MainWindow, wait: Wait) -> InviteCheck | None:
    """Invite a 2nd-degree person on the first connected LinkedIn account (None: no such account here)."""
    invitations = window.invitations
    if invitations is None:
        raise DriverFailure("the window has no invitation controller")
    account = next(
        (a for a in window.accounts.accounts if is_linkedin(a) and window.accounts.accepts_messages(a.id)), None
    )
    if account is None:
        return None
    dialog = await open_dialog(window, wait)
    contacts = await choose_account(dialog, account, wait)
    candidates = [
        person
        for person in contacts
        if person.name
        and person.network_distance == "DISTANCE_2"
        and not invitations.is_pending(account.id, person.provider_id)
    ]
    if not candidates:
        raise DriverFailure(f"{account.name} has no 2nd-degree person left to invite")
    person = candidates[0]
    section = dialog.linkedin_section
    QTest.mouseClick(section.api_buttons["classic"], Qt.MouseButton.LeftButton)
    if section.inmail_check.isChecked():
        QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
    await pick_recipient(dialog, person, wait)
    await wait("the dialog to offer an invitation", dialog.invitation_mode, 5)
    note = dialog.invitation_panel.note_edit
    note.setFocus(Qt.FocusReason.OtherFocusReason)
    type_text(note, f"Hello {person.name.split()[0]}, smoke test {time.strftime('%H:%M:%S')}.")

    outcomes: list[InvitationOutcome] = []

    def record(outcome: InvitationOutcome) -> None:
        if outcome.provider_id == person.provider_id and outcome.state is not InvitationState.SENDING:
            outcomes.append(outcome)

    invitations.outcome.connect(record)
    try:
        began = time.perf_counter()
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        await wait(f"the invitation to {person.name}", lambda: bool(outcomes), INVITE_TIMEOUT_S)
        elapsed_ms = round((time.perf_counter() - began) * 1000)
    finally:
        invitations.outcome.disconnect(record)
    if outcomes[0].state is not InvitationState.SENT:
        raise DriverFailure(f"the invitation to {person.name} was not sent: {outcomes[0].sentence}")
    dialog.close()

    sent_window = window.invitation_actions.open_window(account.id)
    if sent_window is None:
        raise DriverFailure("the Sent invitations window did not open")
    model = sent_window.model

    def listed() -> bool:
        return any(item.invited_user_id == person.provider_id for item in model.invitations())

    try:
        await wait(f"{person.name} in the Sent invitations window", lambda: listed() or not model.loading, 10)
        if not listed():  # the first page came without them: invitations are listed newest first
            await wait(f"{person.name} in the Sent invitations window", listed, 10)
        return InviteCheck(elapsed_ms, listed())
    finally:
        sent_window.close()

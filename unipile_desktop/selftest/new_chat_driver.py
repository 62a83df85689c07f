"""Drives the New chat dialog like a person (click, type, pick from the popup) for --smoke-test and the UI tests."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ..api import Account, ChatAttendee, LinkedinApi
from ..core.message_list import RowKind
from ..core.new_chat import StartedChat, is_linkedin
from ..ui.new_chat.dialog import AccountChoiceRole, NewChatDialog
from ..ui.new_chat.recipients import AttendeeRole

if TYPE_CHECKING:
    from ..ui.main_window import MainWindow

Wait = Callable[[str, Callable[[], bool], float], Awaitable[None]]


class DriverFailure(Exception):
    """A step of the dialog did not happen; the message says which and why."""


def search_text_for(name: str) -> str:
    """What a person types to find someone: the start of the first name (accents dropped, as people often do)."""
    first = name.split()[0] if name.split() else name
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", first) if not unicodedata.combining(ch))
    return (plain or first)[:4]


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for ``text``; characters beyond ASCII arrive as a keyboard layout or input method sends them
    (QTest.keyClicks only knows ASCII)."""
    for char in text:
        if char.isascii() and char.isprintable():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


async def open_dialog(window: MainWindow, wait: Wait) -> NewChatDialog:
    """Click the New chat button next to the chat list and wait for the dialog."""
    QTest.mouseClick(window.new_chat_button, Qt.MouseButton.LeftButton)
    await wait("the New chat dialog", lambda: window.new_chat_dialog is not None, 5)
    dialog = window.new_chat_dialog
    assert dialog is not None
    await wait("the New chat dialog to be shown", dialog.isVisible, 5)
    return dialog


async def choose_account(dialog: NewChatDialog, account: Account, wait: Wait) -> list[ChatAttendee]:
    """Pick the account in the From box, wait for its contacts (and LinkedIn products); returns the contacts."""
    row = dialog.account_model.row_of(account.id)
    if row is None or not dialog.account_model.index(row).data(AccountChoiceRole.USABLE):
        raise DriverFailure(f"the account {account.name} cannot be chosen in the dialog")
    dialog.account_combo.setCurrentIndex(row)
    controller = dialog.controller
    await wait(
        f"the contacts of {account.name}",
        lambda: controller.attendees(account.id) is not None or bool(controller.attendees_error(account.id)),
        10,
    )
    error = controller.attendees_error(account.id)
    if error:
        raise DriverFailure(error)
    if is_linkedin(account):
        await wait(
            f"the LinkedIn products of {account.name}",
            lambda: (
                controller.linkedin_info(account.id) is not None and not controller.is_loading_linkedin_info(account.id)
            ),
            10,
        )
    return controller.attendees(account.id) or []


async def pick_recipient(dialog: NewChatDialog, attendee: ChatAttendee, wait: Wait) -> None:
    """Type the start of the person's name, then click their row in the popup."""
    field = dialog.recipient_field
    field.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    type_text(field.search_edit, search_text_for(attendee.name or attendee.provider_id))
    await wait(f"the popup to list {attendee.name}", field.popup_is_visible, 5)
    popup = field.popup
    model = popup.model()
    index = QModelIndex()
    for row in range(model.rowCount()):
        candidate = model.index(row, 0)
        if candidate.data(AttendeeRole.PROVIDER_ID) == attendee.provider_id:
            index = candidate
            break
    if not index.isValid():
        raise DriverFailure(f"{attendee.name} is not in the popup after typing “{field.search_edit.text()}”")
    popup.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    QTest.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, popup.visualRect(index).center()
    )
    await wait(
        f"{attendee.name} to become a recipient",
        lambda: any(r.provider_id == attendee.provider_id for r in field.recipients()),
        5,
    )


def choose_best_linkedin_api(dialog: NewChatDialog) -> LinkedinApi:
    """Recruiter, else Sales Navigator, else Classic with InMail, as enabled in the dialog."""
    section = dialog.linkedin_section
    for api in ("recruiter", "sales_navigator"):
        button = section.api_buttons[api]
        if button.isEnabled():
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            return api
    QTest.mouseClick(section.api_buttons["classic"], Qt.MouseButton.LeftButton)
    if not section.inmail_check.isChecked():
        QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
    return "classic"


@dataclass(frozen=True)
class SentChat:
    started: StartedChat
    elapsed_ms: int


async def send_and_wait(window: MainWindow, dialog: NewChatDialog, text: str, wait: Wait) -> SentChat:
    """Click Send, then wait until the dialog has closed and the chat is open with the message in it."""
    started: list[StartedChat] = []
    controller = dialog.controller
    controller.chat_started.connect(started.append)
    try:
        began = time.perf_counter()
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        await wait(
            "the new chat to be started",
            lambda: bool(started) or (not controller.busy and dialog.notice.isVisible() and not dialog.is_sending),
            20,
        )
        if not started:
            raise DriverFailure(f"the new chat was refused: {dialog.notice.text()}")
    finally:
        controller.chat_started.disconnect(started.append)
    chat_id = started[0].chat_id
    conversation = window.conversation

    def message_shown() -> bool:
        chat = conversation.chat
        if chat is None or chat.id != chat_id or conversation.is_loading:
            return False
        return any(row.kind == RowKind.MESSAGE and row.text == text for row in conversation.message_list.rows())

    await wait("the dialog to close", lambda: window.new_chat_dialog is None or not dialog.isVisible(), 5)
    await wait("the new chat to open with its message", message_shown, 10)
    return SentChat(started[0], round((time.perf_counter() - began) * 1000))


async def smoke_new_chats(window: MainWindow, wait: Wait) -> int:
    """A 1:1 and a titled group on the first WhatsApp account (else the first one), and a LinkedIn chat with the
    best API that account has. Returns the slowest send-to-open time in milliseconds."""
    usable = [a for a in window.accounts.accounts if window.accounts.accepts_messages(a.id)]
    if not usable:
        raise DriverFailure("no account can send")
    first = next((a for a in usable if a.type.upper() == "WHATSAPP"), usable[0])
    stamp = time.strftime("%H:%M:%S")
    timings: list[int] = []

    dialog = await open_dialog(window, wait)
    people = [a for a in await choose_account(dialog, first, wait) if a.name]
    if len(people) < 2:
        raise DriverFailure(f"{first.name} knows fewer than two people to write to")
    group_members = people[1:3] if len(people) >= 3 else people[:2]
    await pick_recipient(dialog, people[0], wait)
    text = f"Smoke test {stamp}: a new chat"
    dialog.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    type_text(dialog.text_edit, text)
    timings.append((await send_and_wait(window, dialog, text, wait)).elapsed_ms)

    dialog = await open_dialog(window, wait)
    await choose_account(dialog, first, wait)
    for member in group_members:
        await pick_recipient(dialog, member, wait)
    await wait("the group name field", dialog.title_edit.isVisible, 5)
    type_text(dialog.title_edit, f"Smoke group {stamp}")
    text = f"Smoke test {stamp}: a new group"
    type_text(dialog.text_edit, text)
    group = await send_and_wait(window, dialog, text, wait)
    if group.started.chat is None or not group.started.chat.is_group:
        raise DriverFailure("the group was started as a 1:1 chat")
    timings.append(group.elapsed_ms)

    linkedin = next((a for a in usable if is_linkedin(a)), None)
    if linkedin is not None:
        dialog = await open_dialog(window, wait)
        contacts = [a for a in await choose_account(dialog, linkedin, wait) if a.name]
        if not contacts:
            raise DriverFailure(f"{linkedin.name} knows nobody to write to")
        api = choose_best_linkedin_api(dialog)
        # Paid APIs and InMail are for people outside the network: write to one of them when there is one.
        outside = [a for a in contacts if a.network_distance not in (None, "DISTANCE_1")]
        await pick_recipient(dialog, (outside or contacts)[0], wait)
        if dialog.title_edit.isVisible():
            type_text(dialog.title_edit, "Smoke test")
        text = f"Smoke test {stamp}: LinkedIn {api}"
        type_text(dialog.text_edit, text)
        timings.append((await send_and_wait(window, dialog, text, wait)).elapsed_ms)
    return max(timings)

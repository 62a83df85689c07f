"""The New chat dialog against the sandbox, driven like a person: type a name, pick from the popup, press Send."""

from __future__ import annotations

import asyncio
import gc
import pathlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import API_KEY, SandboxEnv, fault_fired, wait_tasks_settled, wait_until
from tests.helpers.window_support import running_app, wait_for_chats, window_of
from unipile_desktop.api import ChatAttendee, LinkedinApi, UnipileClient
from unipile_desktop.core.accounts import AccountsController
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.new_chat import NewChatController, NewChatDraft, Recipient, StartedChat
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.selftest.new_chat_driver import choose_account, pick_recipient, search_text_for, type_text
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.new_chat import NewChatDialog
from unipile_desktop.ui.new_chat.dialog import AccountChoiceRole
from unipile_desktop.ui.new_chat.recipients import AttendeeFilterProxy, AttendeeListModel, fold

# The offscreen platform warns about window-manager features it lacks (the popup grabs the keyboard).
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)

NO_CONNECTION = (
    "You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first."
)
NOT_ALLOWED_INMAIL = "This LinkedIn account cannot send InMail. It needs a Premium subscription."
NOT_SUBSCRIBED = "This account does not have that LinkedIn product (Recruiter or Sales Navigator)."
NO_CREDITS = "No InMail credits left for this LinkedIn product. Wait for credits to renew or pick another API."


async def wait(what: str, condition: Callable[[], bool], timeout: float) -> None:
    await wait_until(condition, timeout, what)


@dataclass
class Env(SandboxEnv):
    accounts: AccountsController
    controller: NewChatController
    dialogs: list[NewChatDialog] = field(default_factory=list)
    started: list[StartedChat] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def account(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["accounts"][landmark])

    def recipient_id(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["recipients"][landmark])

    async def open(self, landmark: str | None = None) -> NewChatDialog:
        """A dialog as the main window opens it, with the account's contacts (and LinkedIn products) loaded."""
        dialog = NewChatDialog(self.controller, self.images, account_id=self.account(landmark) if landmark else None)
        self.dialogs.append(dialog)
        dialog.show()
        account = dialog.current_account()
        assert account is not None
        await choose_account(dialog, account, wait)
        return dialog

    def attendee(self, account_landmark: str, provider_id: str) -> ChatAttendee:
        people = self.controller.attendees(self.account(account_landmark)) or []
        return next(p for p in people if p.provider_id == provider_id)

    def posts(self) -> list[dict[str, Any]]:
        return [e for e in self.requests("POST", "/chats") if str(e.get("path")).endswith("/chats")]

    async def send(self, dialog: NewChatDialog) -> StartedChat | str:
        """Click Send; the started chat, or the sentence the dialog shows."""
        started, failed = len(self.started), len(self.failures)
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: len(self.started) > started or len(self.failures) > failed, 10, "the start to finish")
        await asyncio.sleep(0)
        if len(self.started) > started:
            return self.started[-1]
        assert dialog.notice.isVisible()
        return dialog.notice.text()


@asynccontextmanager
async def dialog_env(sandbox: SandboxServer, **options: Any) -> AsyncIterator[Env]:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)  # the dialog is the only window: closing it must not stop the loop
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    images = ImageCache(client, tasks)
    accounts = AccountsController(client, tasks)
    await accounts.load_now()
    controller = NewChatController(client, tasks, accounts, **options)
    env = Env(sandbox, client, tasks, images, accounts, controller)
    controller.chat_started.connect(env.started.append)
    controller.start_failed.connect(lambda sentence, _exc: env.failures.append(sentence))
    try:
        yield env
    finally:
        for dialog in env.dialogs:
            if shiboken6.isValid(dialog):
                dialog.hide()
                shiboken6.delete(dialog)
        await tasks.shutdown()
        await client.aclose()
        images.close()
        for qobject in (controller, accounts, images, tasks):
            shiboken6.delete(qobject)
        gc.collect()
        qt_app.setQuitOnLastWindowClosed(True)


async def pick(env: Env, dialog: NewChatDialog, account_landmark: str, recipient_landmark: str) -> None:
    await pick_recipient(dialog, env.attendee(account_landmark, env.recipient_id(recipient_landmark)), wait)


def type_message(dialog: NewChatDialog, text: str) -> None:
    dialog.text_edit.setFocus()
    type_text(dialog.text_edit, text)


# ---------------------------------------------------------------------------------------------- every provider


@pytest.mark.asyncio
@pytest.mark.parametrize("landmark", ["whatsapp", "instagram", "messenger", "telegram", "linkedin_premium"])
async def test_every_provider_starts_a_chat_through_the_dialog(sandbox: SandboxServer, landmark: str) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open(landmark)
        people = env.controller.attendees(env.account(landmark)) or []
        # A 1st-degree connection on LinkedIn, so every API works; anyone elsewhere.
        person = next(p for p in people if p.name and p.network_distance in (None, "DISTANCE_1"))
        await pick_recipient(dialog, person, wait)
        type_message(dialog, f"Hello {person.name}")
        assert dialog.send_button.isEnabled() and dialog.send_button.text() == "Send"
        result = await env.send(dialog)
        assert isinstance(result, StartedChat), result
        assert result.chat is not None and not result.chat.is_group
        assert result.chat.account_id == env.account(landmark)
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
        form = env.posts()[-1]["form"]
        assert form["account_id"] == [env.account(landmark)]
        assert form["attendees_ids"] == [person.provider_id]
        assert form["text"] == [f"Hello {person.name}"]
        assert ("linkedin[api]" in form) == (landmark == "linkedin_premium")
        messages = await env.client.list_messages(result.chat_id, limit=5)
        assert messages.items[0].text == f"Hello {person.name}" and messages.items[0].is_sender
        assert env.controller.draft is None


# ---------------------------------------------------------------------------------------------- LinkedIn options


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("account", "recipient", "api", "inmail", "outcome"),
    [
        ("linkedin_classic", "linkedin_classic_connection", "classic", False, "ok"),
        ("linkedin_classic", "linkedin_classic_prospect", "classic", False, NO_CONNECTION),
        ("linkedin_premium", "linkedin_premium_prospect", "classic", True, "ok"),
        ("linkedin_classic", "linkedin_classic_prospect", "classic", True, NOT_ALLOWED_INMAIL),
        ("linkedin_premium", "linkedin_premium_prospect_2", "recruiter", False, "ok"),
        ("linkedin_premium", "linkedin_premium_prospect_3", "sales_navigator", False, "ok"),
    ],
)
async def test_each_linkedin_option_through_the_dialog(
    sandbox: SandboxServer, account: str, recipient: str, api: LinkedinApi, inmail: bool, outcome: str
) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open(account)
        section = dialog.linkedin_section
        assert section.isVisible() and section.info is not None and section.info.confirmed
        QTest.mouseClick(section.api_buttons[api], Qt.MouseButton.LeftButton)
        assert section.api() == api
        if inmail:
            QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
        assert section.inmail() is inmail
        await pick(env, dialog, account, recipient)
        type_message(dialog, "Hello!")
        result = await env.send(dialog)
        form = env.posts()[-1]["form"]
        assert form["linkedin[api]"] == [api]
        assert form.get("linkedin[inmail]") == (["true"] if inmail else None)
        if outcome == "ok":
            assert isinstance(result, StartedChat), result
            assert result.chat is not None
            paid = inmail or api != "classic" and recipient != "linkedin_classic_connection"
            assert result.chat.is_inmail is paid
        else:
            assert result == outcome
            assert dialog.isVisible() and dialog.send_button.isEnabled()


@pytest.mark.asyncio
async def test_recruiter_is_out_of_reach_without_the_seat_and_refused_when_forced(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("linkedin_classic")
        section = dialog.linkedin_section
        assert section.api_buttons["classic"].isEnabled() and section.api() == "classic"
        for api in ("recruiter", "sales_navigator"):
            assert not section.api_buttons[api].isEnabled()
            assert "has no LinkedIn" in section.api_buttons[api].toolTip()
        QTest.mouseClick(section.api_buttons["recruiter"], Qt.MouseButton.LeftButton)
        assert section.api() == "classic"
        # Forced through the controller, the server answers 403 feature_not_subscribed.
        draft = NewChatDraft(
            account_id=env.account("linkedin_classic"),
            recipients=(Recipient(env.recipient_id("linkedin_classic_connection")),),
            text="Hi",
            linkedin_api="recruiter",
        )
        assert env.controller.start(draft)
        await wait_until(lambda: bool(env.failures), 5, "the refusal")
        assert env.failures == [NOT_SUBSCRIBED]
        assert env.posts()[-1]["status"] == 403 and env.posts()[-1]["form"]["linkedin[api]"] == ["recruiter"]


@pytest.mark.asyncio
async def test_zero_credits_show_a_warning_and_the_server_refuses(sandbox: SandboxServer) -> None:
    account_id = sandbox.landmarks["accounts"]["linkedin_premium"]
    sandbox.state.accounts[account_id].inmail_balance["recruiter"] = 0
    async with dialog_env(sandbox) as env:
        dialog = await env.open("linkedin_premium")
        section = dialog.linkedin_section
        assert section.api() == "recruiter"  # the account's default: its chats come from Recruiter
        assert section.credits_label.text() == "Recruiter InMail credits left: 0"
        assert section.warning_text().startswith("⚠ No Recruiter InMail credits left.")
        QTest.mouseClick(section.api_buttons["sales_navigator"], Qt.MouseButton.LeftButton)
        assert section.credits_label.text() == "Sales Navigator InMail credits left: 12"
        assert section.warning_text() == ""
        QTest.mouseClick(section.api_buttons["recruiter"], Qt.MouseButton.LeftButton)
        await pick(env, dialog, "linkedin_premium", "linkedin_premium_prospect")
        type_message(dialog, "Would you be open to a chat?")
        assert await env.send(dialog) == NO_CREDITS
        assert env.posts()[-1]["status"] == 422


@pytest.mark.asyncio
async def test_classic_without_inmail_names_who_is_not_a_connection(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("linkedin_premium")
        section = dialog.linkedin_section
        QTest.mouseClick(section.api_buttons["classic"], Qt.MouseButton.LeftButton)
        await pick(env, dialog, "linkedin_premium", "linkedin_premium_prospect")
        assert section.warning_text() == (
            "Ali is not a 1st-degree connection. Turn on InMail, or send with Recruiter or Sales Navigator."
        )
        QTest.mouseClick(section.inmail_check, Qt.MouseButton.LeftButton)
        assert section.warning_text() == ""
        assert dialog.title_edit.isVisible() and dialog.title_label.text() == "Subject:"


# ---------------------------------------------------------------------------------------------- recipients


@pytest.mark.asyncio
async def test_two_recipients_make_a_group_with_a_name(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("whatsapp")
        people = [p for p in env.controller.attendees(env.account("whatsapp")) or [] if p.name]
        assert not dialog.title_edit.isVisible()
        await pick_recipient(dialog, people[0], wait)
        assert not dialog.title_edit.isVisible() and dialog.send_button.text() == "Send"
        await pick_recipient(dialog, people[1], wait)
        assert dialog.title_edit.isVisible() and dialog.title_label.text() == "Group name:"
        assert dialog.send_button.text() == "Create group"
        assert [c.recipient.name for c in dialog.recipient_field.chips()] == [people[0].name, people[1].name]
        QTest.keyClicks(dialog.title_edit, "Returns desk")
        type_message(dialog, "Hi both!")
        result = await env.send(dialog)
        assert isinstance(result, StartedChat) and result.chat is not None
        assert result.chat.is_group and result.chat.name == "Returns desk"
        form = env.posts()[-1]["form"]
        assert form["attendees_ids"] == [people[0].provider_id, people[1].provider_id]
        assert form["subject"] == ["Returns desk"] and form["title"] == ["Returns desk"]


@pytest.mark.asyncio
async def test_chips_can_be_removed_and_chosen_people_leave_the_popup(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("whatsapp")
        field = dialog.recipient_field
        zoe = env.attendee("whatsapp", next(p.provider_id for p in field.model.attendees() if p.name == "Zoë Müller"))
        type_text(field.search_edit, "zoe mul")  # no accents, another case, two words
        assert field.popup_is_visible()
        assert field.popup.model().index(0, 0).data() == "Zoë Müller"
        QTest.keyClick(field.search_edit, Qt.Key.Key_Return)  # Enter takes the best match
        assert [r.provider_id for r in field.recipients()] == [zoe.provider_id]
        assert field.search_edit.text() == "" and not field.popup_is_visible()
        QTest.keyClicks(field.search_edit, "zoe")
        assert not field.popup_is_visible()  # already chosen: not offered again
        assert field.hint.startswith("No contact matches")
        field.search_edit.clear()
        QTest.mouseClick(field.chips()[0].remove_button, Qt.MouseButton.LeftButton)
        assert field.recipients() == []
        await pick_recipient(dialog, zoe, wait)
        QTest.keyClick(field.search_edit, Qt.Key.Key_Backspace)  # Backspace in the empty box removes the last chip
        assert field.recipients() == []


@pytest.mark.asyncio
async def test_a_pasted_provider_id_is_accepted_as_is_with_a_hint(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("whatsapp")
        field = dialog.recipient_field
        field.search_edit.setFocus()
        field.search_edit.insert("33699999999@s.whatsapp.net")  # as Ctrl+V does
        field.on_search_edit_text_edited(field.search_edit.text())
        assert dialog.recipient_hint.text() == (
            "No contact matches. Press Enter to add “33699999999@s.whatsapp.net” as a provider id (sent as-is)."
        )
        QTest.keyClick(field.search_edit, Qt.Key.Key_Return)
        (chip,) = field.chips()
        assert chip.recipient == Recipient("33699999999@s.whatsapp.net")
        assert "sent as-is" in chip.toolTip() and "as-is" in dialog.recipient_hint.text()
        # A pasted id of a known person becomes that person.
        known = env.recipient_id("whatsapp_contact_without_chat")
        field.search_edit.insert(known)
        QTest.keyClick(field.search_edit, Qt.Key.Key_Return)
        assert field.recipients()[1].name == "Hannah Schmidt"
        field.remove_recipient(known)
        type_message(dialog, "Hello")
        assert await env.send(dialog) == "That recipient cannot be found on this account."
        assert env.posts()[-1]["form"]["attendees_ids"] == ["33699999999@s.whatsapp.net"]


# ---------------------------------------------------------------------------------------------- failures, drafts


@pytest.mark.asyncio
async def test_every_input_is_kept_when_the_server_refuses(sandbox: SandboxServer, tmp_path: pathlib.Path) -> None:
    sandbox.add_fault(r"^/chats$", method="POST", status=422, type="errors/user_unreachable", title="Unreachable")
    attachment = tmp_path / "brief.pdf"
    attachment.write_bytes(b"%PDF-1.4 brief")
    async with dialog_env(sandbox) as env:
        dialog = await env.open("linkedin_premium")
        QTest.mouseClick(dialog.linkedin_section.api_buttons["classic"], Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.linkedin_section.inmail_check, Qt.MouseButton.LeftButton)
        await pick(env, dialog, "linkedin_premium", "linkedin_premium_prospect")
        QTest.keyClicks(dialog.title_edit, "About your profile")
        dialog.text_edit.setPlainText("Line one\nLine two")
        assert dialog.add_files([attachment]) == [attachment]
        before = dialog.current_draft()
        result = await env.send(dialog)
        assert result == "This person cannot be reached on this provider right now."
        assert dialog.isVisible() and dialog.notice.text() == result
        after = dialog.current_draft()
        assert after == before
        assert after.account_id == env.account("linkedin_premium")
        assert [r.provider_id for r in after.recipients] == [env.recipient_id("linkedin_premium_prospect")]
        assert (after.title, after.text, after.linkedin_api, after.inmail) == (
            "About your profile",
            "Line one\nLine two",
            "classic",
            True,
        )
        assert after.attachments == (str(attachment),) and len(dialog.file_chips()) == 1
        assert dialog.send_button.isEnabled() and dialog.form_widget.isEnabled()
        assert env.posts()[-1]["files"][0]["filename"] == "brief.pdf"
        # Fixing the cause and sending again works from the same dialog.
        sandbox.clear_faults()
        assert isinstance(await env.send(dialog), StartedChat)


@pytest.mark.asyncio
async def test_the_draft_survives_closing_and_a_success_clears_it(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("whatsapp")
        people = [p for p in env.controller.attendees(env.account("whatsapp")) or [] if p.name]
        await pick_recipient(dialog, people[0], wait)
        await pick_recipient(dialog, people[1], wait)
        QTest.keyClicks(dialog.title_edit, "Draft group")
        type_message(dialog, "Not finished")
        kept = dialog.current_draft()
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # closed by mistake
        assert not dialog.isVisible()
        assert env.controller.draft == kept
        again = NewChatDialog(env.controller, env.images, account_id=env.account("telegram"))
        env.dialogs.append(again)
        again.show()
        assert again.current_draft() == kept  # the draft wins over the window's current account
        assert again.notice.text() == "This is what you wrote before. Clear empties the form."
        assert [c.recipient.name for c in again.recipient_field.chips()] == [people[0].name, people[1].name]
        assert again.title_edit.isVisible() and again.title_edit.text() == "Draft group"
        assert isinstance(await env.send(again), StartedChat)
        assert env.controller.draft is None
        fresh = await env.open("telegram")
        assert fresh.current_draft().recipients == () and fresh.text_edit.toPlainText() == ""
        assert fresh.current_account() is not None and fresh.current_account().id == env.account("telegram")


@pytest.mark.asyncio
async def test_clear_empties_the_fields_and_forgets_the_draft(sandbox: SandboxServer) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("instagram")
        people = env.controller.attendees(env.account("instagram")) or []
        await pick_recipient(dialog, people[0], wait)
        type_message(dialog, "bye")
        assert env.controller.draft is not None
        QTest.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
        assert dialog.recipient_field.recipients() == [] and dialog.text_edit.toPlainText() == ""
        assert env.controller.draft is None and not dialog.send_button.isEnabled()


@pytest.mark.asyncio
async def test_a_double_click_or_a_double_ctrl_enter_starts_one_chat(sandbox: SandboxServer) -> None:
    delay = sandbox.add_fault(r"^/chats$", method="POST", action="delay", delay_ms=200, times=None)
    async with dialog_env(sandbox) as env:
        dialog = await env.open("messenger")
        people = env.controller.attendees(env.account("messenger")) or []
        await pick_recipient(dialog, people[0], wait)
        type_message(dialog, "Once")
        QTest.mouseDClick(dialog.send_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert dialog.is_sending and not dialog.send_button.isEnabled() and dialog.send_button.text() == "Sending…"
        assert dialog.submit() is False
        await wait_until(lambda: bool(env.started), 5, "the start")
        dialog = await env.open("messenger")
        await pick_recipient(dialog, people[1], wait)
        type_message(dialog, "Twice")
        QTest.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await wait_until(lambda: len(env.started) == 2, 5, "the second start")
        # Every start is over and the server has answered every POST it received: a third would be counted now.
        await wait_tasks_settled(env.tasks)
        await wait_until(lambda: fault_fired(sandbox, delay) == len(env.posts()), 5, "the server's answers")
        assert len(env.posts()) == 2 and fault_fired(sandbox, delay) == 2


@pytest.mark.asyncio
async def test_attachments_use_the_composer_chips_and_size_check(
    sandbox: SandboxServer, tmp_path: pathlib.Path
) -> None:
    small = tmp_path / "photo.png"
    small.write_bytes(b"\x89PNG" + b"0" * 100)
    large = tmp_path / "huge.mov"
    large.write_bytes(b"0" * 3 * 1024 * 1024)
    async with dialog_env(sandbox, max_file_size=2 * 1024 * 1024) as env:
        dialog = await env.open("telegram")
        assert dialog.add_files([small, large]) == [small]
        assert dialog.notice.text() == "“huge.mov” is 3 MB; the limit is 2 MB."
        (chip,) = dialog.file_chips()
        assert chip.label.text().startswith("photo.png · ")
        people = env.controller.attendees(env.account("telegram")) or []
        await pick_recipient(dialog, people[0], wait)
        assert dialog.send_button.isEnabled()  # a file alone is a message
        result = await env.send(dialog)
        assert isinstance(result, StartedChat)
        files = env.posts()[-1]["files"]
        assert [(f["filename"], f["content_type"]) for f in files] == [("photo.png", "image/png")]
        assert "text" not in env.posts()[-1]["form"]


@pytest.mark.asyncio
async def test_disconnected_accounts_are_listed_but_not_usable(sandbox: SandboxServer, qtmodeltester: Any) -> None:
    async with dialog_env(sandbox) as env:
        dialog = await env.open("linkedin_disconnected")  # the main window's account cannot send
        model = dialog.account_model
        qtmodeltester.check(model)
        row = model.row_of(env.account("linkedin_disconnected"))
        assert row is not None
        index = model.index(row)
        assert index.data() == "Julien Moreau · LinkedIn — reconnect needed"
        assert not index.flags() & Qt.ItemFlag.ItemIsEnabled
        assert "Reconnect it in the Unipile dashboard" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert dialog.current_account() is not None
        assert dialog.current_account().id != env.account("linkedin_disconnected")
        assert dialog.account_notice.isVisible() and "reconnect needed" in dialog.account_notice.text()
        # An account that disconnects while the dialog is open cannot send either.
        env.accounts.mark_disconnected(dialog.current_account().id)
        assert not model.index(model.row_of(dialog.current_account().id) or 0).data(AccountChoiceRole.USABLE)
        people = env.controller.attendees(dialog.current_account().id) or []
        await pick_recipient(dialog, people[0], wait)
        type_message(dialog, "Hi")
        assert not dialog.send_button.isEnabled()
        assert dialog.send_button.toolTip() == "This account cannot send right now"


def test_the_people_models_pass_the_model_tester(qtmodeltester: Any, qtbot: QtBot) -> None:
    model = AttendeeListModel()
    people = [
        ChatAttendee("a1", "acc", "p1", "Zoë Müller", False, network_distance="DISTANCE_2"),
        ChatAttendee("a2", "acc", "p2", "Ada Lovelace", False, headline="Mathematician"),
        ChatAttendee("a3", "acc", "p3", "Grace Hopper", False),
    ]
    model.set_attendees(people)
    proxy = AttendeeFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_query("MULLER")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Zoë Müller"]
    proxy.set_query("a")
    assert proxy.index(0, 0).data() == "Ada Lovelace"  # a name starting with the text comes first
    proxy.set_excluded(["p2"])
    assert "Ada Lovelace" not in [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert fold("Zoë") == "zoe" and search_text_for("Élodie Dupont") == "Elod"


# ---------------------------------------------------------------------------------------------- main window


@pytest.mark.asyncio
async def test_ctrl_n_opens_the_dialog_and_a_new_chat_opens_in_the_window(
    sandbox: SandboxServer, tmp_path: pathlib.Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        assert window.new_chat_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
        assert window.new_chat_button.isEnabled()
        telegram = sandbox.landmarks["accounts"]["telegram"]
        window.account_picker.select_account(telegram)
        window.new_chat_action.trigger()
        dialog = window.new_chat_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
        assert dialog.current_account() is not None and dialog.current_account().id == telegram
        people = await choose_account(dialog, dialog.current_account(), wait)
        await pick_recipient(dialog, people[0], wait)
        type_message(dialog, "Started from the dialog")
        started: list[StartedChat] = []
        assert window.new_chat is not None
        window.new_chat.chat_started.connect(started.append)
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: bool(started), 5, "the start")
        chat_id = started[0].chat_id
        await wait_until(lambda: window.new_chat_dialog is None, 5, "the dialog to close")
        await wait_until(
            lambda: window.conversation.chat is not None and window.conversation.chat.id == chat_id, 5, "the chat"
        )
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == chat_id
        await wait_until(
            lambda: any(r.text == "Started from the dialog" for r in window.conversation.message_list.rows()),
            5,
            "the message in the conversation",
        )


@pytest.mark.asyncio
async def test_an_existing_chat_is_reused_and_the_list_switches_to_its_account(
    sandbox: SandboxServer, tmp_path: pathlib.Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        window.account_picker.select_account(sandbox.landmarks["accounts"]["instagram"])
        window.filter_edit.setText("zzz")  # a filter that would hide the chat
        dialog = window.open_new_chat_dialog()
        assert dialog is not None and window.open_new_chat_dialog() is dialog  # Ctrl+N again: the same dialog
        premium = window.accounts.account(sandbox.landmarks["accounts"]["linkedin_premium"])
        assert premium is not None
        people = await choose_account(dialog, premium, wait)
        person = next(
            p
            for p in people
            if p.provider_id == sandbox.landmarks["recipients"]["linkedin_premium_connection_with_chat"]
        )
        await pick_recipient(dialog, person, wait)
        type_message(dialog, "Following up")
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        existing = sandbox.landmarks["chats"]["linkedin_connection"]
        await wait_until(
            lambda: window.conversation.chat is not None and window.conversation.chat.id == existing, 5, "the chat"
        )
        assert window.account_picker.current_account_id() == premium.id and window.filter_edit.text() == ""
        await wait_until(
            lambda: any(r.text == "Following up" for r in window.conversation.message_list.rows()), 5, "the message"
        )


@pytest.mark.asyncio
async def test_a_failure_after_the_dialog_was_closed_goes_to_the_banner(
    sandbox: SandboxServer, tmp_path: pathlib.Path
) -> None:
    sandbox.add_fault(r"^/chats$", method="POST", status=422, type="errors/blocked_recipient", delay_ms=150)
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        dialog = window.open_new_chat_dialog()
        assert dialog is not None
        account = dialog.current_account()
        assert account is not None
        people = await choose_account(dialog, account, wait)
        await pick_recipient(dialog, people[0], wait)
        type_message(dialog, "Hi")
        QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: bool(window.error_banner.sentence), 5, "the banner")
        assert "This person has blocked messages from this account." in window.error_banner.sentence
        assert window.new_chat is not None and window.new_chat.draft is not None  # nothing typed is lost

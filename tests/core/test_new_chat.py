"""The new-chat controller against the sandbox: drafts, known people, LinkedIn products, POST /chats, refusals."""

from __future__ import annotations

import asyncio
import gc
import pathlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import pytest
import shiboken6

from tests.helpers.conversation_support import API_KEY, wait_signal, wait_tasks_settled
from unipile_desktop.api import (
    Chat,
    ChatAttendee,
    ChatStarted,
    ChatType,
    InvalidRequestError,
    OwnerProfile,
    UnipileClient,
)
from unipile_desktop.api.errors import error_from_response
from unipile_desktop.core.accounts import AccountsController
from unipile_desktop.core.new_chat import (
    NewChatController,
    NewChatDraft,
    Recipient,
    StartRefusedError,
    default_api_from,
    products_from,
    title_applies,
)
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer

# Every 422 type of the reference (section 6), including the mail-only ones.
REFERENCE_422_TYPES = """
invalid_account invalid_recipient no_connection_with_recipient blocked_recipient user_unreachable
unprocessable_entity action_already_performed invalid_message invalid_post not_allowed_inmail
insufficient_credits cannot_resend_yet cannot_resend_within_24hrs limit_exceeded
already_invited_recently cannot_invite_attendee invalid_thread limit_too_high unauthorized
provider_unreachable account_configuration_error cant_send_message realtime_client_not_initialized
parent_mail_not_found invalid_reply_subject invalid_headers send_as_denied invalid_folder
sender_rejected recipient_rejected ip_rejected_by_server
""".split()


@dataclass
class Env:
    sandbox: SandboxServer
    client: UnipileClient
    tasks: TaskRunner
    accounts: AccountsController
    controller: NewChatController

    def account(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["accounts"][landmark])

    def recipient(self, landmark: str) -> Recipient:
        return Recipient(provider_id=str(self.sandbox.landmarks["recipients"][landmark]))

    def posts(self) -> list[dict[str, Any]]:
        return [
            e
            for e in self.sandbox.requests_log()
            if e.get("method") == "POST" and str(e.get("path")).endswith("/chats")
        ]


@asynccontextmanager
async def new_chat_env(sandbox: SandboxServer, **options: Any) -> AsyncIterator[Env]:
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    accounts = AccountsController(client, tasks)
    await accounts.load_now()
    controller = NewChatController(client, tasks, accounts, **options)
    try:
        yield Env(sandbox, client, tasks, accounts, controller)
    finally:
        await tasks.shutdown()
        await client.aclose()
        for qobject in (controller, accounts, tasks):
            shiboken6.delete(qobject)
        gc.collect()


def draft_for(env: Env, account: str, *recipients: str, **fields: Any) -> NewChatDraft:
    return NewChatDraft(
        account_id=env.account(account),
        recipients=tuple(env.recipient(r) for r in recipients),
        text=fields.pop("text", "Hello from the tests"),
        **fields,
    )


# ---------------------------------------------------------------------------------------------- draft


def test_the_draft_round_trips_through_the_store_shape_and_tolerates_junk() -> None:
    draft = NewChatDraft(
        account_id="acc",
        recipients=(Recipient("p1", "Ada", "a1", "DISTANCE_1"), Recipient("ACoAAxyz")),
        text="Hi\nthere",
        title="Team",
        linkedin_api="recruiter",
        inmail=True,
        attachments=("/tmp/a.pdf",),
    )
    text, attachments, fields = draft.to_store()
    assert NewChatDraft.from_store(text, attachments, fields) == draft
    junk = NewChatDraft.from_store(
        "x", [], {"recipients": [{"provider_id": ""}, "nope", {"provider_id": "p2"}], "linkedin_api": "bogus"}
    )
    assert junk.recipients == (Recipient("p2"),)
    assert junk.linkedin_api is None and junk.account_id is None and junk.inmail is False
    assert NewChatDraft(account_id="acc").is_empty and not NewChatDraft(title="t").is_empty


def test_a_pending_invitation_comes_from_the_attendee_and_survives_the_draft() -> None:
    attendee = ChatAttendee(
        "att1", "acc", "ACoAAali", "Ali Hassan", False, network_distance="DISTANCE_2", pending_invitation=True
    )
    recipient = Recipient.from_attendee(attendee)
    assert recipient == Recipient("ACoAAali", "Ali Hassan", "att1", "DISTANCE_2", pending_invitation=True)
    assert recipient.is_connection is False
    assert recipient.to_json()["pending_invitation"] is True
    assert Recipient.from_json(recipient.to_json()) == recipient
    draft = NewChatDraft(account_id="acc", recipients=(recipient, Recipient("p2")))
    restored = NewChatDraft.from_store(*draft.to_store())
    assert [r.pending_invitation for r in restored.recipients] == [True, False]
    # A draft saved before the flag existed, or holding junk, reads as "not pending".
    assert Recipient.from_json({"provider_id": "p3"}) == Recipient("p3")
    assert Recipient.from_json({"provider_id": "p3", "pending_invitation": "yes"}) == Recipient("p3")


def test_a_title_applies_to_groups_and_to_linkedin_messages_that_may_become_inmail() -> None:
    from unipile_desktop.api import Account

    whatsapp = Account("w", "W", "WHATSAPP", None, ())
    linkedin = Account("l", "L", "LINKEDIN", None, ())
    one = NewChatDraft(recipients=(Recipient("a"),))
    two = NewChatDraft(recipients=(Recipient("a"), Recipient("b")))
    assert not title_applies(one, whatsapp) and title_applies(two, whatsapp)
    assert not title_applies(replace(one, linkedin_api="classic"), linkedin)
    assert title_applies(replace(one, linkedin_api="classic", inmail=True), linkedin)
    assert title_applies(replace(one, linkedin_api="sales_navigator"), linkedin)
    assert not title_applies(replace(one, inmail=True), whatsapp)


def test_every_422_type_of_the_reference_has_its_own_sentence() -> None:
    for name in REFERENCE_422_TYPES:
        err = error_from_response(422, {"status": 422, "type": f"errors/{name}", "title": "raw title"}, request="x")
        sentence = err.user_message()
        assert sentence != "Raw title." and sentence.endswith("."), name
    err = error_from_response(422, {"type": "errors/no_connection_with_recipient", "title": "t"}, request="x")
    assert err.user_message() == (
        "You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first."
    )


# ---------------------------------------------------------------------------------------------- LinkedIn products


def chat_in(*folders: str) -> Chat:
    return Chat("c", "a", "LINKEDIN", "p", None, ChatType.SINGLE, datetime.now(UTC), 0, folder=folders)


def test_the_default_api_is_the_paid_product_recent_chats_mostly_come_from() -> None:
    classic = chat_in("INBOX", "INBOX_LINKEDIN_CLASSIC")
    recruiter = chat_in("INBOX_LINKEDIN_RECRUITER")
    navigator = chat_in("INBOX_LINKEDIN_SALES_NAVIGATOR")
    everything = frozenset({"classic", "recruiter", "sales_navigator"})
    assert default_api_from([classic, classic], everything) == "classic"
    assert default_api_from([], everything) == "classic"
    assert default_api_from([navigator, classic, recruiter, recruiter], everything) == "recruiter"
    assert default_api_from([navigator, recruiter], everything) == "sales_navigator"  # tie: the newest chat's
    assert default_api_from([recruiter, recruiter], frozenset({"classic"})) == "classic"  # the seat is gone


def test_users_me_confirms_the_listed_products() -> None:
    from unipile_desktop.api import Account

    account = Account("l", "L", "LINKEDIN", None, (), premium_features=frozenset({"premium", "recruiter"}))
    assert products_from(account, None) == (frozenset({"classic", "recruiter"}), True)
    seat_lost = OwnerProfile("LINKEDIN", "me", "Me", premium=True, recruiter=False, sales_navigator=False)
    assert products_from(account, seat_lost) == (frozenset({"classic"}), True)
    navigator = OwnerProfile("LINKEDIN", "me", "Me", premium=False, recruiter=True, sales_navigator=True)
    assert products_from(account, navigator)[0] == frozenset({"classic", "recruiter", "sales_navigator"})


@pytest.mark.asyncio
async def test_linkedin_info_of_the_premium_and_the_classic_accounts(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox) as env:
        premium = env.accounts.account(env.account("linkedin_premium"))
        classic = env.accounts.account(env.account("linkedin_classic"))
        assert premium is not None and classic is not None
        info = await env.controller.fetch_linkedin_info(premium)
        assert info.available == {"classic", "recruiter", "sales_navigator"} and info.premium and info.confirmed
        assert info.default_api == "recruiter"  # most of its recent paid chats are Recruiter ones
        assert (info.credits("classic"), info.credits("recruiter"), info.credits("sales_navigator")) == (5, 30, 12)
        info = await env.controller.fetch_linkedin_info(classic)
        assert info.available == {"classic"} and not info.premium and info.default_api == "classic"
        assert info.credits("classic") == 0 and info.credits("recruiter") is None
        assert info.unavailable_reason("recruiter") == "This account has no LinkedIn Recruiter seat."
        assert env.controller.linkedin_info(classic.id) == info


# ---------------------------------------------------------------------------------------------- attendees


@pytest.mark.asyncio
async def test_known_people_come_from_every_page_once_per_account(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox, attendee_page_size=7) as env:
        account_id = env.account("linkedin_premium")
        loaded = asyncio.ensure_future(wait_signal(env.controller.attendees_loaded))
        await asyncio.sleep(0)
        env.controller.load_attendees(account_id)
        assert env.controller.is_loading_attendees(account_id)
        assert await loaded == (account_id,)
        people = env.controller.attendees(account_id)
        assert people is not None and len(people) == 44  # 45 attendees, the account itself left out
        assert len({p.provider_id for p in people}) == 44
        assert all(not p.is_self for p in people)
        pages = [e for e in sandbox.requests_log() if e["path"].endswith("/chat_attendees")]
        assert len(pages) == 7  # ceil(45 / 7)
        env.controller.load_attendees(account_id)  # cached: no new request
        assert not env.controller.is_loading_attendees(account_id)
        await wait_tasks_settled(env.tasks)  # a load, had one started, would be over now
        assert len([e for e in sandbox.requests_log() if e["path"].endswith("/chat_attendees")]) == 7


@pytest.mark.asyncio
async def test_a_failed_attendee_list_is_reported_with_a_sentence(sandbox: SandboxServer) -> None:
    sandbox.add_fault(r"^/chat_attendees$", status=503, type="errors/service_unavailable", title="Down")
    async with new_chat_env(sandbox) as env:
        account_id = env.account("whatsapp")
        failed = asyncio.ensure_future(wait_signal(env.controller.attendees_load_failed))
        await asyncio.sleep(0)
        env.controller.load_attendees(account_id)
        got_id, sentence = await failed
        assert got_id == account_id
        assert sentence.startswith("The contacts of this account could not be loaded.")
        assert env.controller.attendees(account_id) is None
        assert env.controller.attendees_error(account_id) == sentence


# ---------------------------------------------------------------------------------------------- sending


@pytest.mark.asyncio
async def test_a_group_sends_each_recipient_the_subject_and_the_title(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox) as env:
        account_id = env.account("whatsapp")
        people = await env.controller.fetch_attendees(account_id)
        draft = NewChatDraft(
            account_id=account_id,
            recipients=tuple(Recipient.from_attendee(p) for p in people[:3]),
            text="Welcome!",
            title="Launch team",
        )
        started = await env.controller.start_now(draft)
        assert started.chat is not None and started.chat.is_group and started.chat.name == "Launch team"
        assert started.chat_id == started.chat.id and started.message_id
        form = env.posts()[-1]["form"]
        assert form["attendees_ids"] == [p.provider_id for p in people[:3]]
        assert form["subject"] == ["Launch team"] and form["title"] == ["Launch team"]
        assert form["text"] == ["Welcome!"] and "linkedin[api]" not in form


@pytest.mark.asyncio
async def test_a_one_to_one_sends_no_title_and_reuses_the_existing_chat(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox) as env:
        draft = draft_for(env, "linkedin_premium", "linkedin_premium_connection_with_chat", title="ignored")
        draft = replace(draft, linkedin_api="classic")
        started = await env.controller.start_now(draft)
        assert started.chat_id == sandbox.landmarks["chats"]["linkedin_connection"]
        form = env.posts()[-1]["form"]
        assert "subject" not in form and "title" not in form
        assert form["linkedin[api]"] == ["classic"] and "linkedin[inmail]" not in form


@pytest.mark.asyncio
async def test_inmail_goes_only_with_the_classic_api(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox) as env:
        draft = draft_for(env, "linkedin_premium", "linkedin_premium_prospect", linkedin_api="recruiter", inmail=True)
        started = await env.controller.start_now(replace(draft, title="Your profile"))
        assert started.chat is not None and started.chat.is_inmail
        form = env.posts()[-1]["form"]
        assert form["linkedin[api]"] == ["recruiter"] and "linkedin[inmail]" not in form
        assert form["subject"] == ["Your profile"]
        draft = draft_for(env, "linkedin_premium", "linkedin_premium_prospect_2", linkedin_api="classic", inmail=True)
        await env.controller.start_now(draft)
        assert env.posts()[-1]["form"]["linkedin[inmail]"] == ["true"]


@pytest.mark.asyncio
async def test_a_null_chat_id_is_resolved_from_the_newest_chats(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with new_chat_env(sandbox) as env:
        real_start = env.client.start_chat

        async def start_without_ids(*args: Any, **kwargs: Any) -> ChatStarted:
            await real_start(*args, **kwargs)
            return ChatStarted(chat_id=None, message_id=None)

        monkeypatch.setattr(env.client, "start_chat", start_without_ids)
        draft = draft_for(env, "whatsapp", "whatsapp_contact_without_chat")
        started = await env.controller.start_now(draft)
        assert started.chat is not None and started.chat_id == started.chat.id
        assert started.chat.attendee_provider_id == sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"]


@pytest.mark.asyncio
async def test_a_null_chat_id_never_opens_another_customers_chat(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with new_chat_env(sandbox) as env:

        async def accepted_but_not_listed_yet(*args: Any, **kwargs: Any) -> ChatStarted:
            return ChatStarted(chat_id=None, message_id=None)  # created and synced by Unipile later

        monkeypatch.setattr(env.client, "start_chat", accepted_but_not_listed_yet)
        newest = (await env.client.list_chats(account_ids=[env.account("whatsapp")], limit=1)).items[0]
        started = await env.controller.start_now(draft_for(env, "whatsapp", "whatsapp_contact_without_chat"))
        assert started.chat is None and started.chat_id == ""  # not the account's newest chat (another customer)
        assert newest.attendee_provider_id != sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"]


@pytest.mark.asyncio
async def test_refusals_before_any_request(sandbox: SandboxServer, tmp_path: pathlib.Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2000)
    async with new_chat_env(sandbox, max_file_size=1000) as env:
        check = env.controller.check
        assert check(NewChatDraft()) == "Choose the account to write from."
        assert check(draft_for(env, "whatsapp")) == "Add at least one recipient."
        assert check(draft_for(env, "whatsapp", "whatsapp_contact_without_chat", text=" ")) == (
            "Write a message or attach a file."
        )
        assert check(draft_for(env, "whatsapp", "whatsapp_contact_without_chat", attachments=(str(big),))) == (
            "“big.bin” is 0 MB; the limit is 0 MB."
        )
        assert "Reconnect it" in (check(draft_for(env, "linkedin_disconnected", "linkedin_premium_prospect")) or "")
        group_inmail = draft_for(
            env, "linkedin_premium", "linkedin_premium_prospect", "linkedin_premium_prospect_2", inmail=True
        )
        assert check(replace(group_inmail, linkedin_api="classic")) == (
            "An InMail goes to one person. Remove the other recipients or turn off InMail."
        )
        with pytest.raises(StartRefusedError):
            await env.controller.start_now(draft_for(env, "whatsapp"))
        failed = asyncio.ensure_future(wait_signal(env.controller.start_failed))
        await asyncio.sleep(0)
        assert env.controller.start(draft_for(env, "whatsapp")) is False
        assert await failed == ("Add at least one recipient.", None)
        assert env.posts() == []


@pytest.mark.asyncio
async def test_only_one_start_runs_at_a_time_and_success_clears_the_draft(sandbox: SandboxServer) -> None:
    sandbox.add_fault(r"^/chats$", method="POST", action="delay", delay_ms=150)
    async with new_chat_env(sandbox) as env:
        draft = draft_for(env, "telegram", "whatsapp_contact_without_chat")
        people = await env.controller.fetch_attendees(env.account("telegram"))
        draft = replace(draft, recipients=(Recipient.from_attendee(people[0]),))
        started = asyncio.ensure_future(wait_signal(env.controller.chat_started, timeout=5))
        await asyncio.sleep(0)
        assert env.controller.start(draft) is True
        assert env.controller.busy and env.controller.draft == draft
        assert env.controller.start(draft) is False  # a double press while the first is running
        (result,) = await started
        assert result.chat_id and result.draft == draft
        assert not env.controller.busy and env.controller.draft is None
        assert len(env.posts()) == 1


@pytest.mark.asyncio
async def test_a_server_refusal_keeps_the_draft_and_says_why(sandbox: SandboxServer) -> None:
    async with new_chat_env(sandbox) as env:
        draft = draft_for(env, "linkedin_classic", "linkedin_classic_prospect", linkedin_api="classic")
        failed = asyncio.ensure_future(wait_signal(env.controller.start_failed))
        await asyncio.sleep(0)
        assert env.controller.start(draft)
        sentence, exc = await failed
        assert isinstance(exc, InvalidRequestError) and exc.type == "errors/no_connection_with_recipient"
        assert sentence.startswith("You can only message your LinkedIn connections without InMail.")
        assert env.controller.draft == draft and not env.controller.busy

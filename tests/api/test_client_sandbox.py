"""The client against the sandbox over real loopback HTTP: every route and every error group."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import pytest_asyncio

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.api import (
    AuthenticationError,
    ChatType,
    ForbiddenError,
    InvalidRequestError,
    LinkedinOptions,
    NetworkError,
    NotFoundError,
    OutgoingFile,
    RateLimitedError,
    ServerError,
    UnipileClient,
)
from unipile_desktop.sandbox import SandboxServer

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


@pytest_asyncio.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[UnipileClient]:
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as c:
        yield c


def marks(sandbox: SandboxServer, group: str, name: str) -> str:
    value = sandbox.landmarks[group][name]
    assert isinstance(value, str)
    return value


@pytest.mark.asyncio
async def test_accounts_all_pages_one_account_and_states(client: UnipileClient, sandbox: SandboxServer) -> None:
    accounts = await client.list_accounts()
    types = {a.type for a in accounts}
    assert {"LINKEDIN", "WHATSAPP", "INSTAGRAM", "MESSENGER", "TELEGRAM"} <= types
    disconnected = marks(sandbox, "accounts", "linkedin_disconnected")
    assert not next(a for a in accounts if a.id == disconnected).is_ok
    premium = await client.get_account(marks(sandbox, "accounts", "linkedin_premium"))
    assert {"recruiter", "sales_navigator"} <= premium.premium_features and premium.is_ok
    page = await client.list_accounts_page(limit=2)
    assert len(page.items) == 2 and page.cursor is not None


@pytest.mark.asyncio
async def test_linkedin_owner_profile_and_inmail_balance(client: UnipileClient, sandbox: SandboxServer) -> None:
    premium = marks(sandbox, "accounts", "linkedin_premium")
    me = await client.get_own_profile(premium)
    assert me.provider == "LINKEDIN" and me.recruiter and me.sales_navigator and me.display_name
    balance = await client.get_inmail_balance(premium)
    assert (balance.premium or 0) > 0
    classic = await client.get_inmail_balance(marks(sandbox, "accounts", "linkedin_classic"))
    assert not classic.premium


@pytest.mark.asyncio
async def test_chat_pages_cover_every_chat_once_newest_first(client: UnipileClient) -> None:
    seen: list[str] = []
    cursor: str | None = None
    stamps = []
    for _ in range(100):
        page = await client.list_chats(limit=7, cursor=cursor)
        seen.extend(c.id for c in page.items)
        stamps.extend(c.timestamp for c in page.items if c.timestamp)
        cursor = page.cursor
        if cursor is None:
            break
    assert cursor is None and len(seen) == len(set(seen)) > 20
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.asyncio
async def test_chat_filters(client: UnipileClient, sandbox: SandboxServer) -> None:
    whatsapp = marks(sandbox, "accounts", "whatsapp")
    telegram = marks(sandbox, "accounts", "telegram")
    page = await client.list_chats(account_ids=[whatsapp, telegram], limit=250)
    assert page.items and {c.account_id for c in page.items} == {whatsapp, telegram}
    unread = await client.list_chats(unread=True, limit=250)
    assert unread.items and all(c.unread_count > 0 for c in unread.items)
    newest = page.items[0]
    assert newest.timestamp is not None
    after = await client.list_chats(account_ids=[whatsapp], after=newest.timestamp - timedelta(seconds=1))
    assert newest.id in {c.id for c in after.items}


@pytest.mark.asyncio
async def test_get_chat_messages_paging_and_attendees(client: UnipileClient, sandbox: SandboxServer) -> None:
    chat_id = marks(sandbox, "chats", "long_history")
    chat = await client.get_chat(chat_id)
    assert chat.id == chat_id and chat.last_message is not None
    ids: list[str] = []
    cursor: str | None = None
    while True:
        page = await client.list_messages(chat_id, limit=40, cursor=cursor)
        ids.extend(m.id for m in page.items)
        if page.cursor is None:
            break
        cursor = page.cursor
    assert len(ids) == len(set(ids)) >= 150 and ids[0] == chat.last_message.id
    group = await client.get_chat(marks(sandbox, "chats", "group"))
    assert group.type is ChatType.GROUP and group.name
    attendees = await client.list_chat_attendees(group.id)
    assert len(attendees) >= 3 and any(a.is_self for a in attendees)
    everyone = await client.list_attendees(account_id=chat.account_id, limit=5)
    assert len(everyone.items) <= 5 and all(a.account_id == chat.account_id for a in everyone.items)


@pytest.mark.asyncio
async def test_binary_routes(client: UnipileClient, sandbox: SandboxServer) -> None:
    zoe = marks(sandbox, "attendees", "zoe")
    picture = await client.get_attendee_picture(zoe)
    assert picture is not None and picture.startswith(b"\x89PNG")
    image_message = marks(sandbox, "messages", "image_only")
    message = None
    for chat in (await client.list_chats(limit=250)).items:
        for candidate in (await client.list_messages(chat.id, limit=250)).items:
            if candidate.id == image_message:
                message = candidate
    assert message is not None and message.attachments[0].is_image
    data = await client.get_attachment(message.id, message.attachments[0].id)
    assert data.startswith(b"\x89PNG") and len(data) == message.attachments[0].file_size


@pytest.mark.asyncio
async def test_send_with_attachment_and_quote_then_listed(client: UnipileClient, sandbox: SandboxServer) -> None:
    chat_id = marks(sandbox, "chats", "showcase")
    first = (await client.list_messages(chat_id, limit=1)).items[0]
    sent = await client.send_message(
        chat_id, text="Here is the photo 📷", attachments=[OutgoingFile("p.png", PNG, "image/png")], quote_id=first.id
    )
    newest = (await client.list_messages(chat_id, limit=1)).items[0]
    assert sent.message_id == newest.id and newest.is_sender and newest.text == "Here is the photo 📷"
    assert newest.attachments[0].mimetype == "image/png"
    assert await client.get_attachment(newest.id, newest.attachments[0].id) == PNG


@pytest.mark.asyncio
async def test_read_status_round_trip(client: UnipileClient, sandbox: SandboxServer) -> None:
    unread = next(c for c in (await client.list_chats(unread=True, limit=250)).items if c.account_type == "WHATSAPP")
    await client.set_chat_read(unread.id, True)
    assert (await client.get_chat(unread.id)).unread_count == 0
    await client.set_chat_read(unread.id, False)
    assert (await client.get_chat(unread.id)).unread_count > 0


@pytest.mark.asyncio
async def test_start_group_and_linkedin_chats(client: UnipileClient, sandbox: SandboxServer) -> None:
    whatsapp = marks(sandbox, "accounts", "whatsapp")
    contacts = [a for a in (await client.list_attendees(account_id=whatsapp, limit=250)).items if not a.is_self]
    group = await client.start_chat(
        whatsapp, [contacts[0].provider_id, contacts[1].provider_id], text="Welcome all", subject="Onboarding"
    )
    assert group.chat_id is not None
    started = await client.get_chat(group.chat_id)
    assert started.type is ChatType.GROUP and started.name == "Onboarding"

    premium = marks(sandbox, "accounts", "linkedin_premium")
    prospect = marks(sandbox, "recipients", "linkedin_premium_prospect")
    with pytest.raises(InvalidRequestError) as refused:
        await client.start_chat(premium, [prospect], text="Hi", linkedin=LinkedinOptions("classic"))
    assert refused.value.status == 422 and refused.value.type == "errors/no_connection_with_recipient"
    inmail = await client.start_chat(premium, [prospect], text="Hi", linkedin=LinkedinOptions("classic", inmail=True))
    assert inmail.chat_id is not None and (await client.get_chat(inmail.chat_id)).is_inmail

    classic = marks(sandbox, "accounts", "linkedin_classic")
    with pytest.raises(ForbiddenError) as forbidden:
        await client.start_chat(
            classic,
            [marks(sandbox, "recipients", "linkedin_classic_prospect")],
            text="Hi",
            linkedin=LinkedinOptions("recruiter"),
        )
    assert forbidden.value.type == "errors/feature_not_subscribed"


@pytest.mark.asyncio
async def test_error_groups(client: UnipileClient, sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, "wrong-key") as bad:
        with pytest.raises(AuthenticationError) as rejected:
            await bad.list_accounts()
    assert rejected.value.is_key_rejected and "wrong-key" not in str(rejected.value)

    with pytest.raises(AuthenticationError) as disconnected:
        await client.send_message(marks(sandbox, "chats", "disconnected"), text="hello?")
    assert disconnected.value.is_account_disconnected

    with pytest.raises(NotFoundError):
        await client.get_chat("no-such-chat")
    with pytest.raises(InvalidRequestError) as invalid:
        await client.list_chats(limit=0)
    assert invalid.value.status == 400

    sandbox.add_fault(r"^/chats$", status=429, type="errors/too_many_requests", retry_after=2)
    with pytest.raises(RateLimitedError) as limited:
        await client.list_chats()
    assert limited.value.retry_after == 2.0

    sandbox.add_fault(r"^/chats/[^/]+/messages$", method="POST", status=503, type="errors/service_unavailable")
    with pytest.raises(ServerError) as unavailable:
        await client.send_message(marks(sandbox, "chats", "showcase"), text="x")
    assert unavailable.value.may_have_reached_server is False

    chat_id = marks(sandbox, "chats", "showcase")
    sandbox.add_fault(r"^/chats/[^/]+/messages$", "store_then_drop", method="POST")
    with pytest.raises(NetworkError) as dropped:
        await client.send_message(chat_id, text="stored but no answer")
    assert dropped.value.may_have_reached_server is True
    assert sandbox.message_counts(chat_id)["by_text"]["stored but no answer"] == 1


@pytest.mark.asyncio
async def test_all_messages_newest_first_after_a_time_and_per_account(
    client: UnipileClient, sandbox: SandboxServer
) -> None:
    whatsapp = marks(sandbox, "accounts", "whatsapp")
    newest = (await client.list_all_messages(limit=1)).items[0]
    assert newest.timestamp is not None
    one = sandbox.inject_inbound(marks(sandbox, "chats", "showcase"), "polled one")
    two = sandbox.inject_inbound(marks(sandbox, "chats", "linkedin_connection"), "polled two")
    window = await client.list_all_messages(after=newest.timestamp, limit=250)
    assert {m.id for m in window.items} == {one["id"], two["id"]} and window.cursor is None
    only = await client.list_all_messages(account_id=whatsapp, after=newest.timestamp)
    assert [m.id for m in only.items] == [one["id"]]
    first = await client.list_all_messages(limit=3)
    second = await client.list_all_messages(limit=3, cursor=first.cursor)
    stamps = [m.timestamp for m in (*first.items, *second.items)]
    assert len({m.id for m in (*first.items, *second.items)}) == 6
    assert all(a is not None and b is not None and a >= b for a, b in zip(stamps, stamps[1:], strict=False))

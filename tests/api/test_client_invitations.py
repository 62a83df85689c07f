"""The client's LinkedIn invitation methods against the sandbox: round trip, refusals in words, ambiguous drops."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.api import (
    AuthenticationError,
    ChatAttendee,
    InvalidRequestError,
    NetworkError,
    NotFoundError,
    SentInvitation,
    ServerError,
    UnipileClient,
)
from unipile_desktop.api.models import parse_attendee, parse_sent_invitation
from unipile_desktop.sandbox import SandboxServer


@pytest_asyncio.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[UnipileClient]:
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as c:
        yield c


def mark(sandbox: SandboxServer, group: str, name: str) -> str:
    value = sandbox.landmarks[group][name]
    assert isinstance(value, str)
    return value


async def pending(client: UnipileClient, account_id: str, provider_id: str) -> bool:
    page = await client.list_attendees(account_id=account_id, limit=250)
    return next(person for person in page.items if person.provider_id == provider_id).pending_invitation


async def all_sent(client: UnipileClient, account_id: str, limit: int = 2) -> list[SentInvitation]:
    found: list[SentInvitation] = []
    cursor: str | None = None
    while True:
        page = await client.list_sent_invitations(account_id, cursor=cursor, limit=limit)
        found.extend(page.items)
        if page.cursor is None:
            return found
        cursor = page.cursor


@pytest.mark.asyncio
async def test_send_list_and_cancel_round_trip(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    person = mark(sandbox, "recipients", "linkedin_premium_prospect")
    assert not await pending(client, account_id, person)

    invitation_id = await client.send_invitation(account_id, person, "Hello Ali — let's connect.")
    assert await pending(client, account_id, person)
    sent = await all_sent(client, account_id)
    assert len(sent) == 4 and sent[0].id == invitation_id
    newest = sent[0]
    assert newest.invited_user == "Ali Hassan" and newest.invited_user_id == person
    assert newest.invitation_text == "Hello Ali — let's connect." and newest.date == "Sent today"
    assert newest.parsed_datetime is not None and newest.parsed_datetime.tzinfo is not None
    assert newest.invited_user_public_id and newest.invited_user_description
    stamps = [s.parsed_datetime.timestamp() for s in sent if s.parsed_datetime is not None]
    assert len(stamps) == len(sent) and stamps == sorted(stamps, reverse=True)

    await client.cancel_invitation(account_id, invitation_id)
    assert not await pending(client, account_id, person)
    assert invitation_id not in {s.id for s in await all_sent(client, account_id)}


@pytest.mark.asyncio
async def test_without_a_note_no_message_is_sent(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_classic")
    person = mark(sandbox, "recipients", "linkedin_classic_prospect")
    await client.send_invitation(account_id, person)
    posted = [entry for entry in sandbox.requests_log() if entry["path"].endswith("/users/invite")]
    assert posted[-1]["method"] == "POST"
    assert posted[-1]["json"] == {"provider_id": person, "account_id": account_id}
    assert (await client.list_sent_invitations(account_id)).items[0].invitation_text is None


@pytest.mark.asyncio
async def test_refusals_map_to_error_types_and_sentences(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    prospect = mark(sandbox, "recipients", "linkedin_premium_prospect")

    with pytest.raises(InvalidRequestError) as too_long:
        await client.send_invitation(account_id, prospect, "x" * 301)
    assert too_long.value.type == "errors/too_many_characters" and not too_long.value.may_have_reached_server
    assert "300 characters" in too_long.value.user_message() and "note" in too_long.value.user_message()

    with pytest.raises(InvalidRequestError) as connection:
        await client.send_invitation(account_id, mark(sandbox, "recipients", "linkedin_premium_connection"))
    assert connection.value.type == "errors/cannot_invite_attendee"
    assert "already be a connection" in connection.value.user_message()

    await client.send_invitation(account_id, prospect)
    with pytest.raises(InvalidRequestError) as again:
        await client.send_invitation(account_id, prospect)
    assert again.value.type == "errors/already_invited_recently"
    assert again.value.user_message().startswith("This person already has an invitation from this account")

    with pytest.raises(AuthenticationError) as disconnected:
        await client.send_invitation(mark(sandbox, "accounts", "linkedin_disconnected"), prospect)
    assert disconnected.value.type == "errors/disconnected_account" and disconnected.value.is_account_disconnected
    assert "Reconnect it" in disconnected.value.user_message()

    with pytest.raises(NotFoundError) as unknown:
        await client.cancel_invitation(account_id, "1234567890")
    assert unknown.value.type == "errors/resource_not_found"

    with pytest.raises(InvalidRequestError) as wrong_account:
        await client.list_sent_invitations(mark(sandbox, "accounts", "whatsapp"))
    assert wrong_account.value.type == "errors/invalid_account"


@pytest.mark.asyncio
async def test_weekly_cap_says_so_in_words(client: UnipileClient, sandbox: SandboxServer) -> None:
    sandbox.invitation_weekly_cap = 1
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    await client.send_invitation(account_id, mark(sandbox, "recipients", "linkedin_premium_prospect"))
    with pytest.raises(InvalidRequestError) as capped:
        await client.send_invitation(account_id, mark(sandbox, "recipients", "linkedin_premium_prospect_2"))
    assert capped.value.type == "errors/limit_exceeded" and "weekly invitation limit" in (capped.value.detail or "")
    assert capped.value.user_message().startswith("LinkedIn's invitation limit for this account is reached")


@pytest.mark.asyncio
async def test_a_dropped_answer_may_have_reached_the_server(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    person = mark(sandbox, "recipients", "linkedin_premium_prospect_3")
    sandbox.add_fault(r"^/users/invite$", "store_then_drop", method="POST")
    with pytest.raises(NetworkError) as dropped:
        await client.send_invitation(account_id, person)
    assert dropped.value.may_have_reached_server and dropped.value.kind == "dropped"
    # It did reach it: the sent list (what a careful caller checks before trying again) holds it once.
    assert [s.invited_user_id for s in await all_sent(client, account_id)].count(person) == 1


@pytest.mark.asyncio
async def test_503_did_not_reach_the_server_but_a_504_may_have(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    person = mark(sandbox, "recipients", "linkedin_premium_prospect_2")
    sandbox.add_fault(r"^/users/invite$", "error", method="POST", status=503, type="errors/service_unavailable")
    with pytest.raises(ServerError) as refused:
        await client.send_invitation(account_id, person)
    assert not refused.value.may_have_reached_server
    assert person not in {s.invited_user_id for s in await all_sent(client, account_id)}
    sandbox.add_fault(r"^/users/invite$", "store_then_error", method="POST")
    with pytest.raises(ServerError) as timed_out:
        await client.send_invitation(account_id, person)
    assert timed_out.value.status == 504 and timed_out.value.may_have_reached_server


def test_parsers_tolerate_nulls_and_read_the_pending_flag() -> None:
    bare = parse_sent_invitation(
        {
            "object": "InvitationSent",
            "id": "7",
            "invited_user": None,
            "invited_user_id": None,
            "invited_user_public_id": None,
            "invited_user_description": None,
            "date": "Sent 3 weeks ago",
            "parsed_datetime": None,
            "invitation_text": None,
        }
    )
    assert bare == SentInvitation("7", None, None, None, None, "Sent 3 weeks ago", None, None)
    base = {"id": "a", "provider_id": "p", "name": "N", "is_self": 0}
    for raw, expected in ((1, True), (0, False), (True, True), (None, False)):
        specifics = {"provider": "LINKEDIN", "pending_invitation": raw}
        assert parse_attendee({**base, "specifics": specifics}).pending_invitation is expected
    assert parse_attendee(base).pending_invitation is False


def test_the_cache_keeps_the_pending_flag() -> None:
    from unipile_desktop.store.encode import attendee_to_json

    for pending_invitation in (True, False):
        attendee = ChatAttendee(
            "a", "acc", "p", "Ali Hassan", False, network_distance="DISTANCE_2", pending_invitation=pending_invitation
        )
        assert parse_attendee(attendee_to_json(attendee)) == attendee
    bare = ChatAttendee("b", "acc", "q", "Zoe", False, pending_invitation=True)  # no other LinkedIn detail known
    assert parse_attendee(attendee_to_json(bare)).pending_invitation

"""The invitation controller against the sandbox over real HTTP: batches, refusals, the sent list, withdrawing, and
the durable rule (a lost answer is checked against the server's sent list, never simply sent again)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from tests.helpers.conversation_support import API_KEY, fault_fired, wait_signal, wait_until
from unipile_desktop.api import ChatAttendee, UnipileClient
from unipile_desktop.core.invitations import (
    NOTE_LIMIT,
    InvitationController,
    InvitationOutcome,
    InvitationState,
)
from unipile_desktop.core.new_chat import Recipient
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import Store

INVITE_PATH = "/api/v1/users/invite"
S = InvitationState


@dataclass
class Env:
    sandbox: SandboxServer
    client: UnipileClient
    tasks: TaskRunner
    store: Store
    controller: InvitationController
    outcomes: list[InvitationOutcome] = field(default_factory=list)

    def account(self, landmark: str = "linkedin_premium") -> str:
        return str(self.sandbox.landmarks["accounts"][landmark])

    def provider(self, landmark: str) -> str:
        return str(self.sandbox.landmarks["recipients"][landmark])

    async def people(self, account: str = "linkedin_premium") -> dict[str, ChatAttendee]:
        """The account's attendees by provider id, as GET /chat_attendees lists them now."""
        found: dict[str, ChatAttendee] = {}
        cursor: str | None = None
        while True:
            page = await self.client.list_attendees(account_id=self.account(account), cursor=cursor, limit=100)
            found.update((a.provider_id, a) for a in page.items)
            if page.cursor is None:
                return found
            cursor = page.cursor

    async def recipients(self, *landmarks: str, account: str = "linkedin_premium") -> list[Recipient]:
        people = await self.people(account)
        return [Recipient.from_attendee(people[self.provider(landmark)]) for landmark in landmarks]

    def posts(self) -> list[dict[str, Any]]:
        """POST /users/invite requests the server received, in order."""
        return [e for e in self.sandbox.requests_log() if e["method"] == "POST" and e["path"] == INVITE_PATH]

    def on_server(self, provider_id: str, account: str = "linkedin_premium") -> list[dict[str, Any]]:
        """The server's waiting invitations of the account to ``provider_id``."""
        items = self.sandbox.sent_invitations(self.account(account))
        return [item for item in items if item["invited_user_id"] == provider_id]

    def of(self, provider_id: str) -> list[tuple[InvitationState, str]]:
        return [(o.state, o.sentence) for o in self.outcomes if o.provider_id == provider_id]

    async def run_batch(self, account_id: str, recipients: list[Recipient], note: str = "") -> None:
        finished = asyncio.ensure_future(wait_signal(self.controller.batch_finished, timeout=10))
        await asyncio.sleep(0)
        assert self.controller.invite(account_id, recipients, note)
        assert await finished == (account_id,)


@asynccontextmanager
async def invitation_env(sandbox: SandboxServer, db: Path, **options: Any) -> AsyncIterator[Env]:
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    store = Store.open(db)
    options.setdefault("check_delays", (0.0, 0.05))
    controller = InvitationController(client, tasks, store=store, **options)
    env = Env(sandbox, client, tasks, store, controller)
    controller.outcome.connect(env.outcomes.append)
    try:
        yield env
    finally:
        await controller.close()
        await tasks.shutdown()
        await client.aclose()
        store.close()
        for qobject in (controller, tasks):
            shiboken6.delete(qobject)
        gc.collect()


# ---------------------------------------------------------------------------------------------- sending


@pytest.mark.asyncio
async def test_a_batch_goes_one_by_one_and_reports_each_in_order(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        people = await env.recipients("linkedin_premium_prospect", "linkedin_premium_prospect_3")
        people.append(Recipient(env.provider("linkedin_premium_out_of_network"), "Sakura Ito"))
        assert not any(env.on_server(p.provider_id) for p in people)
        busy: list[bool] = []
        env.controller.busy_changed.connect(busy.append)
        await env.run_batch(env.account(), people, "  Hello, let's connect.  ")
        assert [(o.name, o.state) for o in env.outcomes] == [
            ("Ali Hassan", S.SENDING),
            ("Ali Hassan", S.SENT),
            ("Omar Farouk", S.SENDING),
            ("Omar Farouk", S.SENT),
            ("Sakura Ito", S.SENDING),
            ("Sakura Ito", S.SENT),
        ]
        assert env.outcomes[1].sentence == "Invitation sent to Ali Hassan."
        assert busy == [True, False] and not env.controller.busy
        assert [p["json"]["provider_id"] for p in env.posts()] == [p.provider_id for p in people]
        assert all(p["json"]["message"] == "Hello, let's connect." for p in env.posts())  # stripped
        for person in people:
            (listed,) = env.on_server(person.provider_id)
            row = env.store.invitations.latest(env.account(), person.provider_id)
            assert row is not None and row.state == "sent" and row.invitation_id == listed["id"]
            assert row.attempts == 1 and row.note == "Hello, let's connect."
            assert env.controller.is_pending(env.account(), person.provider_id)


@pytest.mark.asyncio
async def test_the_note_limit_is_checked_before_any_request(sandbox: SandboxServer, tmp_path: Path) -> None:
    assert InvitationController.check_note("x" * NOTE_LIMIT) is None
    too_long = InvitationController.check_note("é" * 301)
    assert too_long is not None and "301" in too_long and "300" in too_long and "by 1 character." in too_long
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        (ali,) = await env.recipients("linkedin_premium_prospect")
        assert not env.controller.invite(env.account(), [ali], "x" * 301)
        assert not env.controller.invite(env.account(), [], "")  # nobody to invite
        assert env.posts() == [] and env.outcomes == [] and not env.controller.busy
        await env.run_batch(env.account(), [ali], f"  {'y' * NOTE_LIMIT}\n")  # exactly 300 once stripped
        (listed,) = env.on_server(ali.provider_id)
        assert listed["invitation_text"] == "y" * NOTE_LIMIT


@pytest.mark.asyncio
async def test_a_second_batch_is_refused_while_one_runs(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        people = await env.recipients("linkedin_premium_prospect", "linkedin_premium_prospect_3")
        finished = asyncio.ensure_future(wait_signal(env.controller.batch_finished))
        await asyncio.sleep(0)
        assert env.controller.invite(env.account(), people[:1], "")
        assert env.controller.busy
        assert not env.controller.invite(env.account(), people[1:], "")
        await finished
        assert len(env.posts()) == 1


@pytest.mark.asyncio
async def test_people_with_a_pending_invitation_are_skipped(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        people = await env.people()
        invited = env.provider("linkedin_premium_invited")  # seeded: already waiting for an answer
        assert not env.controller.is_pending(account, invited)
        changed: list[str] = []
        env.controller.pending_changed.connect(changed.append)
        env.controller.note_attendees(account, list(people.values()))
        assert changed == [account] and env.controller.is_pending(account, invited)
        ali = Recipient.from_attendee(people[env.provider("linkedin_premium_prospect")])
        # Known only from the recipient itself (the dialog's chip): also skipped.
        flagged = Recipient(env.provider("linkedin_premium_prospect_3"), "Omar Farouk", pending_invitation=True)
        batch = [Recipient.from_attendee(people[invited]), ali, flagged, ali]  # Ali twice: invited once
        await env.run_batch(account, batch, "")
        assert env.of(invited) == [
            (S.FAILED, "Maximilian Weber already has a pending invitation from this account; not invited again.")
        ]
        assert [state for state, _ in env.of(ali.provider_id)] == [S.SENDING, S.SENT, S.FAILED]
        assert [state for state, _ in env.of(flagged.provider_id)] == [S.FAILED]
        assert [p["json"]["provider_id"] for p in env.posts()] == [ali.provider_id]


# ---------------------------------------------------------------------------------------------- refusals


@pytest.mark.asyncio
async def test_each_refusal_has_its_own_sentence(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        (listed_invited, emma, ali) = await env.recipients(
            "linkedin_premium_invited", "linkedin_premium_connection", "linkedin_premium_prospect"
        )
        # Listed before the invitation was sent (from LinkedIn itself): the app does not know, so it asks, and the
        # server refuses a second one.
        maximilian = replace(listed_invited, pending_invitation=False)
        sandbox.add_fault(
            r"^/users/invite$",
            method="POST",
            status=400,
            type="errors/too_many_characters",
            times=1,
            detail="The invitation note is longer than this account may send.",
        )
        await env.run_batch(account, [ali, maximilian, emma], "A note a free account may not send")
        assert env.of(ali.provider_id)[-1] == (
            S.FAILED,
            "The note is too long for LinkedIn, so Ali Hassan was not invited. Shorten the note (free LinkedIn "
            "accounts allow fewer characters) and try again.",
        )
        assert env.of(maximilian.provider_id)[-1] == (
            S.FAILED,
            "Maximilian Weber was invited recently; LinkedIn does not allow another invitation yet.",
        )
        assert env.of(emma.provider_id)[-1][0] == S.FAILED
        assert env.of(emma.provider_id)[-1][1].startswith("LinkedIn does not allow inviting Emma Wagner")
        assert len(env.posts()) == 3  # a refusal about one person does not stop the others
        assert len(env.on_server(maximilian.provider_id)) == 1 and env.on_server(emma.provider_id) == []
        row = env.store.invitations.latest(account, emma.provider_id)
        assert row is not None and row.state == "failed" and row.error == env.of(emma.provider_id)[-1][1]
        assert not env.controller.is_pending(account, ali.provider_id)


@pytest.mark.asyncio
async def test_the_weekly_cap_stops_the_batch(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.invitation_weekly_cap = 2
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        people = await env.recipients(
            "linkedin_premium_prospect", "linkedin_premium_prospect_3", "linkedin_premium_out_of_network"
        )
        people.append(Recipient(people[0].provider_id.replace("A", "B", 1), "Not Tried"))  # never reaches the server
        await env.run_batch(env.account(), people, "")
        assert [o.state for o in env.outcomes if o.state != S.SENDING] == [S.SENT, S.SENT, S.FAILED, S.FAILED]
        assert env.of(people[2].provider_id)[-1][1] == (
            "Sakura Ito was not invited. This account reached LinkedIn's weekly invitation limit. "
            "Try again in a few days."
        )
        assert env.of(people[3].provider_id) == [
            (
                S.FAILED,
                "Not Tried was not invited: the invitations stopped. This account reached LinkedIn's weekly "
                "invitation limit. Try again in a few days.",
            )
        ]
        assert len(env.posts()) == 3 and env.on_server(people[2].provider_id) == []


@pytest.mark.asyncio
async def test_a_disconnected_account_stops_the_batch(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account("linkedin_disconnected")
        people = [Recipient("ACoAAfirst", "Ali Hassan"), Recipient("ACoAAsecond", "Leila Haddad")]
        await env.run_batch(account, people, "")
        assert env.of("ACoAAfirst")[-1] == (
            S.FAILED,
            "Ali Hassan was not invited. This account is disconnected from Unipile. Reconnect it in the Unipile "
            "dashboard, then try again.",
        )
        assert env.of("ACoAAsecond") == [
            (
                S.FAILED,
                "Leila Haddad was not invited: the invitations stopped. This account is disconnected from Unipile. "
                "Reconnect it in the Unipile dashboard, then try again.",
            )
        ]
        assert len(env.posts()) == 1


# ---------------------------------------------------------------------------------------------- sent list


@pytest.mark.asyncio
async def test_the_sent_list_pages_through_the_cursor(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3", sent_page_size=2) as env:
        account = env.account()
        await env.run_batch(account, await env.recipients("linkedin_premium_prospect", "linkedin_premium_prospect_3"))
        on_server = [item["id"] for item in sandbox.sent_invitations(account)]
        assert len(on_server) == 5  # three seeded, two just sent
        for expected, more in ((2, True), (4, True), (5, False)):
            loaded = asyncio.ensure_future(wait_signal(env.controller.sent_loaded))
            await asyncio.sleep(0)
            env.controller.load_sent(account, more=expected > 2)
            assert await loaded == (account,)
            assert [i.id for i in env.controller.sent_invitations(account)] == on_server[:expected]
            assert env.controller.has_more_sent(account) is more
        newest = env.controller.sent_invitations(account)[0]
        assert newest.invited_user == "Omar Farouk" and newest.invited_user_id == env.provider(
            "linkedin_premium_prospect_3"
        )
        assert env.controller.is_pending(account, env.provider("linkedin_premium_invited"))  # listed
        requests = [e for e in sandbox.requests_log() if e["path"].endswith("/users/invite/sent")]
        assert [e["query"].get("limit") for e in requests] == [["2"]] * 3


@pytest.mark.asyncio
async def test_a_sent_list_that_cannot_be_read_says_why(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account("linkedin_disconnected")
        failed = asyncio.ensure_future(wait_signal(env.controller.sent_failed))
        await asyncio.sleep(0)
        env.controller.load_sent(account)
        (failed_account, sentence) = await failed
        assert failed_account == account
        assert sentence.startswith("The sent invitations could not be loaded. This account is disconnected")
        assert env.controller.sent_invitations(account) == []


@pytest.mark.asyncio
async def test_withdrawing_removes_it_on_the_server_and_here(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        stale_people = list((await env.people()).values())  # listed while Maximilian's invitation waits
        env.controller.note_attendees(account, stale_people)
        (ali,) = await env.recipients("linkedin_premium_prospect")
        await env.run_batch(account, [ali])
        loaded = asyncio.ensure_future(wait_signal(env.controller.sent_loaded))
        await asyncio.sleep(0)
        env.controller.load_sent(account)
        await loaded
        seeded = next(i for i in env.controller.sent_invitations(account) if i.invited_user == "Maximilian Weber")
        mine = env.store.invitations.latest(account, ali.provider_id)
        assert mine is not None and mine.invitation_id is not None
        for invitation_id, provider_id in ((seeded.id, seeded.invited_user_id), (mine.invitation_id, ali.provider_id)):
            assert provider_id is not None
            withdrawn = asyncio.ensure_future(wait_signal(env.controller.withdrawn))
            await asyncio.sleep(0)
            env.controller.withdraw(account, invitation_id)
            assert await withdrawn == (account, invitation_id)
            assert env.on_server(provider_id) == []
            assert invitation_id not in [i.id for i in env.controller.sent_invitations(account)]
            env.controller.note_attendees(account, stale_people)  # a cached list still says "pending"
            assert not env.controller.is_pending(account, provider_id)
        row = env.store.invitations.get(mine.local_id)
        assert row is not None and row.state == "withdrawn"
        failed = asyncio.ensure_future(wait_signal(env.controller.withdraw_failed))
        await asyncio.sleep(0)
        env.controller.withdraw(account, seeded.id)  # again: it is gone
        assert await failed == (
            account,
            seeded.id,
            "The invitation to Maximilian Weber is no longer waiting on LinkedIn (it was accepted or withdrawn "
            "already).",
        )
        # The dialog's chip, made from the stale list, still says "pending": the withdrawal seen here wins.
        stale_chip = Recipient.from_attendee(next(p for p in stale_people if p.provider_id == seeded.invited_user_id))
        assert stale_chip.pending_invitation
        await env.run_batch(account, [stale_chip])
        assert env.outcomes[-1].state == S.SENT and len(env.on_server(stale_chip.provider_id)) == 1


# ---------------------------------------------------------------------------------------------- lost answers


@pytest.mark.asyncio
async def test_an_invitation_stored_before_the_connection_dropped_is_found_not_sent_again(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        (ali,) = await env.recipients("linkedin_premium_prospect")
        fault = sandbox.add_fault(r"^/users/invite$", method="POST", action="store_then_drop", times=1)
        await env.run_batch(account, [ali], "Hello Ali")
        assert fault_fired(sandbox, fault) == 1
        (fired,) = [e for e in sandbox.fault_log() if e["rule"] == fault]
        assert fired["action"] == "store_then_drop" and fired["effect"] == "done" and fired["ambiguous"]
        states = [state for state, _ in env.of(ali.provider_id)]
        assert states == [S.SENDING, S.UNSURE, S.SENT]
        assert env.of(ali.provider_id)[-1][1] == (
            "Invitation sent to Ali Hassan (found in the sent list after the answer was lost)."
        )
        assert len(env.posts()) == 1  # never posted twice
        (listed,) = env.on_server(ali.provider_id)
        row = env.store.invitations.latest(account, ali.provider_id)
        assert row is not None and row.state == "sent" and row.invitation_id == listed["id"] and row.attempts == 1


@pytest.mark.asyncio
async def test_an_invitation_the_server_never_got_is_posted_once_more(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        (ali,) = await env.recipients("linkedin_premium_prospect")
        fault = sandbox.add_fault(r"^/users/invite$", method="POST", action="drop", times=1)
        await env.run_batch(account, [ali], "")
        assert fault_fired(sandbox, fault) == 1
        assert [state for state, _ in env.of(ali.provider_id)] == [S.SENDING, S.UNSURE, S.SENDING, S.SENT]
        assert env.of(ali.provider_id)[-1][1] == (
            "Invitation sent to Ali Hassan (on the second try: the sent list showed the first had not arrived)."
        )
        looks = [e for e in sandbox.requests_log() if e["path"].endswith("/users/invite/sent")]
        posts = env.posts()
        assert len(posts) == 2 and looks and looks[0]["id"] < posts[1]["id"]  # looked before posting again
        (listed,) = env.on_server(ali.provider_id)
        row = env.store.invitations.latest(account, ali.provider_id)
        assert row is not None and row.state == "sent" and row.invitation_id == listed["id"] and row.attempts == 2


@pytest.mark.asyncio
async def test_a_second_try_refused_as_already_invited_means_the_first_arrived(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        (ali,) = await env.recipients("linkedin_premium_prospect")
        dropped = sandbox.add_fault(r"^/users/invite$", method="POST", action="drop", times=1)
        refused = sandbox.add_fault(
            r"^/users/invite$", method="POST", status=422, type="errors/already_invited_recently", times=1
        )  # LinkedIn listed the first one late
        await env.run_batch(account, [ali], "")
        assert fault_fired(sandbox, dropped) == 1 and fault_fired(sandbox, refused) == 1
        assert env.of(ali.provider_id)[-1] == (
            S.SENT,
            "Invitation sent to Ali Hassan (the first attempt reached LinkedIn after all).",
        )
        assert len(env.posts()) == 2 and env.controller.is_pending(account, ali.provider_id)


@pytest.mark.asyncio
async def test_it_is_posted_again_at_most_once(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with invitation_env(sandbox, tmp_path / "p.sqlite3") as env:
        account = env.account()
        (ali,) = await env.recipients("linkedin_premium_prospect")
        fault = sandbox.add_fault(r"^/users/invite$", method="POST", action="drop", times=None)
        await env.run_batch(account, [ali], "")
        assert fault_fired(sandbox, fault) == 2 and len(env.posts()) == 2
        state, sentence = env.of(ali.provider_id)[-1]
        assert state == S.FAILED
        assert sentence.startswith("Not sure the invitation to Ali Hassan reached LinkedIn; checked the sent list:")
        assert env.on_server(ali.provider_id) == []
        assert not env.controller.is_pending(account, ali.provider_id)


@pytest.mark.asyncio
async def test_an_unreadable_sent_list_leaves_it_unsure_until_the_next_start(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    async with invitation_env(sandbox, db) as env:
        account = env.account()
        (ali,) = await env.recipients("linkedin_premium_prospect")
        sandbox.add_fault(r"^/users/invite$", method="POST", action="store_then_drop", times=1)
        sandbox.add_fault(r"^/users/invite/sent$", method="GET", status=503, times=None)
        await env.run_batch(account, [ali], "")
        state, sentence = env.of(ali.provider_id)[-1]
        assert state == S.UNSURE
        assert sentence.startswith("Not sure the invitation to Ali Hassan reached LinkedIn; checked the sent list: ")
        assert sentence.endswith("It will be checked again when the app starts.")
        assert env.controller.is_pending(account, ali.provider_id)  # not offered again while in doubt
        assert len(env.posts()) == 1
    sandbox.clear_faults()
    async with invitation_env(sandbox, db) as env:
        env.controller.resume()
        await wait_until(lambda: env.store.invitations.unresolved() == [], what="the doubt settled")
        assert [state for state, _ in env.of(ali.provider_id)] == [S.SENT]
        assert len(env.posts()) == 1 and len(env.on_server(ali.provider_id)) == 1


@pytest.mark.asyncio
async def test_a_row_left_sending_is_checked_at_start_and_not_duplicated(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    async with invitation_env(sandbox, db) as env:
        account = env.account()
        ali, omar = await env.recipients("linkedin_premium_prospect", "linkedin_premium_prospect_3")
        # The app was killed mid-request twice: once after the POST reached the server, once before.
        reached = env.store.invitations.begin(account, ali.provider_id, ali.name, "")
        await env.client.send_invitation(account, ali.provider_id)
        never_sent = env.store.invitations.begin(account, omar.provider_id, omar.name, "")
    async with invitation_env(sandbox, db) as env:
        assert env.controller.is_pending(account, ali.provider_id)
        changed: list[str] = []
        env.controller.pending_changed.connect(changed.append)
        env.controller.resume()
        await wait_until(lambda: env.store.invitations.unresolved() == [], what="the rows settled")
        assert [state for state, _ in env.of(ali.provider_id)] == [S.SENT]
        assert [state for state, _ in env.of(omar.provider_id)] == [S.SENDING, S.SENT]
        assert [p["json"]["provider_id"] for p in env.posts()] == [ali.provider_id, omar.provider_id]
        assert len(env.on_server(ali.provider_id)) == 1 and len(env.on_server(omar.provider_id)) == 1
        first, second = env.store.invitations.get(reached.local_id), env.store.invitations.get(never_sent.local_id)
        assert first is not None and first.state == "sent" and first.attempts == 1
        assert second is not None and second.state == "sent" and second.attempts == 2
        assert account in changed
        env.controller.resume()  # nothing left: no request
        await asyncio.sleep(0)
        assert len(env.posts()) == 2

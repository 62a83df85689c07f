"""The customer card's controller against the sandbox over real HTTP: the profile per provider, its cache and age,
no second lookup within a day (counted by the server), other conversations, notes and labels."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6

from tests.helpers.clock import FakeClock
from tests.helpers.conversation_support import API_KEY, wait_until
from unipile_desktop.api import Account, Chat, ChatAttendee, UnipileClient
from unipile_desktop.core.card import PROFILE_MAX_AGE, CardController, chat_person_key, profile_age_text
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.profiles import profile_views
from unipile_desktop.store import Store


@dataclass
class Env:
    sandbox: SandboxServer
    client: UnipileClient
    tasks: TaskRunner
    store: Store
    clock: FakeClock
    card: CardController
    accounts: list[Account]
    failures: list[str]

    async def one_to_one(self, provider: str) -> tuple[Chat, list[ChatAttendee]]:
        """A 1:1 chat of a connected account of ``provider`` whose other person is known, with its attendees."""
        for account in self.accounts:
            if account.type.upper() != provider or not account.is_ok:
                continue
            page = await self.client.list_chats(account_ids=[account.id], limit=50)
            for chat in page.items:
                if chat.is_group or chat.read_only or not chat.attendee_provider_id:
                    continue
                attendees = await self.client.list_chat_attendees(chat.id)
                if any(not a.is_self for a in attendees):
                    return chat, attendees
        raise AssertionError(f"no 1:1 {provider} chat in the sandbox")

    def views(self, account_id: str) -> int:
        return int(profile_views(self.sandbox.state)["accounts"].get(account_id, 0))

    async def settled(self, key: str) -> None:
        await wait_until(
            lambda: not self.card.profile_state(key).loading and not self.card.other_chats_loading(key),
            10,
            "the profile and the other chats",
        )


@asynccontextmanager
async def card_env(sandbox: SandboxServer, db: Path) -> AsyncIterator[Env]:
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    failures: list[str] = []
    tasks.task_failed.connect(lambda name, sentence, _exc: failures.append(f"{name}: {sentence}"))
    store = Store.open(db)
    clock = FakeClock(1_800_000_000.0)
    accounts = await client.list_accounts()
    card = CardController(client, tasks, store, accounts=lambda: accounts, clock=clock)
    try:
        yield Env(sandbox, client, tasks, store, clock, card, accounts, failures)
    finally:
        await tasks.shutdown()
        await client.aclose()
        store.close()
        for qobject in (card, tasks):
            shiboken6.delete(qobject)
        gc.collect()


@pytest.mark.asyncio
@pytest.mark.parametrize("provider", ["LINKEDIN", "WHATSAPP", "TELEGRAM", "INSTAGRAM"])
async def test_the_card_shows_the_profile_of_each_provider_the_api_serves(
    sandbox: SandboxServer, tmp_path: Path, provider: str
) -> None:
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        chat, attendees = await env.one_to_one(provider)
        env.card.show_chat(chat, attendees)
        person = env.card.current
        assert person is not None and person.key == chat_person_key(chat)
        await env.settled(person.key)
        state = env.card.profile_state(person.key)
        assert state.profile is not None, state.note
        assert state.note == "" and state.fetched_at == env.clock()
        assert state.profile.provider == provider and state.profile.provider_id == person.provider_id
        if provider == "LINKEDIN":
            assert state.profile.headline and state.profile.network_distance
        if provider == "WHATSAPP":
            assert state.profile.phone and state.profile.phone.startswith("+")
        if provider == "TELEGRAM":
            assert state.profile.username or state.profile.phone
        if provider == "INSTAGRAM":
            assert state.profile.username
        cached = env.store.people.profile(person.key)
        assert cached is not None and cached.fetched_at == env.clock()
        assert env.views(person.account_id) == 1
        assert env.failures == []


@pytest.mark.asyncio
async def test_a_provider_without_profiles_shows_what_the_chat_knows_without_a_banner(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        chat, attendees = await env.one_to_one("MESSENGER")
        env.card.show_chat(chat, attendees)
        person = env.card.current
        assert person is not None and person.name  # the attendee's name, from the chat
        await env.settled(person.key)
        state = env.card.profile_state(person.key)
        assert state.profile is None and "no profile for this provider" in state.note
        assert env.failures == []  # nothing reached the TaskRunner's banner
        assert env.store.people.profile(person.key) is None


@pytest.mark.asyncio
async def test_failed_lookups_are_not_repeated_at_every_open(sandbox: SandboxServer, tmp_path: Path) -> None:
    """A provider without profiles is asked again after a day, another failure after an hour, Refresh at once."""
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        messenger, messenger_people = await env.one_to_one("MESSENGER")
        linkedin, linkedin_people = await env.one_to_one("LINKEDIN")
        env.card.show_chat(messenger, messenger_people)
        unsupported = env.card.current
        assert unsupported is not None
        await env.settled(unsupported.key)
        assert env.views(unsupported.account_id) == 1  # the sandbox counts the 501 too
        sandbox.add_fault("^/users/", status=503, times=1)
        env.card.show_chat(linkedin, linkedin_people)
        failing = env.card.current
        assert failing is not None
        await env.settled(failing.key)
        assert env.card.profile_state(failing.key).profile is None and env.card.profile_state(failing.key).note

        def reopen(chat: Chat, people: list[ChatAttendee], key: str) -> None:
            env.card.show_chat(None)
            env.card.show_chat(chat, people)
            assert env.card.current is not None and env.card.current.key == key

        env.clock.advance(3599)
        reopen(messenger, messenger_people, unsupported.key)
        reopen(linkedin, linkedin_people, failing.key)
        await env.settled(failing.key)
        assert env.views(unsupported.account_id) == 1 and env.views(failing.account_id) == 0
        env.clock.advance(1)  # an hour after the failure: the LinkedIn profile is asked again, Messenger's is not
        reopen(messenger, messenger_people, unsupported.key)
        reopen(linkedin, linkedin_people, failing.key)
        await env.settled(failing.key)
        assert env.views(failing.account_id) == 1 and env.card.profile_state(failing.key).profile is not None
        assert env.views(unsupported.account_id) == 1
        env.card.show_chat(messenger, messenger_people)
        env.card.refresh()  # the agent asks: at once, whatever the hold-off
        await env.settled(unsupported.key)
        assert env.views(unsupported.account_id) == 2


@pytest.mark.asyncio
async def test_the_cached_profile_has_an_age_and_is_not_asked_again_within_a_day(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        chat, attendees = await env.one_to_one("LINKEDIN")
        env.card.show_chat(chat, attendees)
        person = env.card.current
        assert person is not None
        await env.settled(person.key)
        assert env.views(person.account_id) == 1
        fetched = env.clock()

        # Three hours later, the chat opened again (after another one): the cache answers, the server is not asked.
        env.clock.advance(3 * 3600)
        env.card.show_chat(None)
        env.card.show_chat(chat, attendees)
        await env.settled(person.key)
        state = env.card.profile_state(person.key)
        assert state.profile is not None and state.fetched_at == fetched
        assert profile_age_text(fetched, env.clock()) == "updated 3 h ago"
        assert env.views(person.account_id) == 1

        # Just short of a day: still the cache. A day: asked again in the background, the cached one shown meanwhile.
        env.clock.advance(PROFILE_MAX_AGE - 3 * 3600 - 1)
        env.card.show_chat(None)
        env.card.show_chat(chat, attendees)
        await env.settled(person.key)
        assert env.views(person.account_id) == 1
        env.clock.advance(1)
        env.card.show_chat(None)
        env.card.show_chat(chat, attendees)
        assert env.card.profile_state(person.key).profile is not None  # shown while the new one loads
        await env.settled(person.key)
        assert env.views(person.account_id) == 2
        assert env.card.profile_state(person.key).fetched_at == env.clock()

        # Refresh asks at once, whatever the age.
        env.card.refresh()
        await env.settled(person.key)
        assert env.views(person.account_id) == 3


@pytest.mark.asyncio
async def test_a_restart_keeps_the_cache_so_a_new_controller_does_not_ask_again(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    db = tmp_path / "p.sqlite3"
    async with card_env(sandbox, db) as env:
        chat, attendees = await env.one_to_one("LINKEDIN")
        env.card.show_chat(chat, attendees)
        assert env.card.current is not None
        key, account_id = env.card.current.key, env.card.current.account_id
        await env.settled(key)
        env.card.add_note(key, "Asked about the invoice of March")
        env.card.add_label(key, "VIP")
    async with card_env(sandbox, db) as env:
        env.clock.advance(3600)
        env.card.show_chat(chat, attendees)
        await env.settled(key)
        assert env.card.profile_state(key).profile is not None
        assert env.views(account_id) == 1  # the first run's lookup only
        assert [note.text for note in env.card.notes(key)] == ["Asked about the invoice of March"]
        assert env.card.labels(key) == ("vip",) and env.card.labels_for_chat(chat) == ("vip",)


@pytest.mark.asyncio
async def test_a_group_lists_its_members_and_choosing_one_shows_that_person(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        group_id = sandbox.landmarks["chats"]["group"]
        chat = await env.client.get_chat(group_id)
        attendees = await env.client.list_chat_attendees(group_id)
        env.card.show_chat(chat, attendees)
        assert env.card.current is None
        members = env.card.people
        assert len(members) >= 2 and all(not m.key.endswith(":") for m in members)
        env.card.select(members[1].key)
        assert env.card.current == members[1]
        await env.settled(members[1].key)
        assert env.card.profile_state(members[1].key).profile is not None
        env.card.select(None)
        assert env.card.current is None


@pytest.mark.asyncio
async def test_other_conversations_come_from_the_server_and_the_cache_without_the_open_one(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with card_env(sandbox, tmp_path / "p.sqlite3") as env:
        chat, attendees = await env.one_to_one("WHATSAPP")
        person_id = next(a for a in attendees if not a.is_self).provider_id
        # The same person in a cached group chat: the cache knows it even though the server's list has 1:1 chats only.
        group_id = sandbox.landmarks["chats"]["group"]
        group = await env.client.get_chat(group_id)
        members = await env.client.list_chat_attendees(group_id)
        someone = next(a for a in members if not a.is_self)
        env.store.cache.put_chats([group])
        env.store.cache.put_attendees([*members, ChatAttendeeLike(someone, person_id)], chat_id=group_id)
        env.card.show_chat(chat, attendees)
        assert env.card.current is not None
        key = env.card.current.key
        await env.settled(key)
        others = [other.chat.id for other in env.card.other_chats(key)]
        assert chat.id not in others
        if group.account_type.upper() == "WHATSAPP":
            assert group_id in others
        chosen: list[str] = []
        env.card.chat_chosen.connect(chosen.append)
        env.card.choose_chat(group_id)
        assert chosen == [group_id]


def ChatAttendeeLike(other: ChatAttendee, provider_id: str) -> ChatAttendee:  # noqa: N802 - reads as a type
    """Another attendee row for the same person, as a group would list them."""
    from dataclasses import replace

    return replace(other, id=f"{other.id}-copy", provider_id=provider_id, is_self=False)

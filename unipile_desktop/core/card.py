"""The customer's card beside the conversation: who the person is (profile, cached a day), their other
conversations, the agent's private notes and local labels. The widgets in ``ui.card`` only call this.

Profiles come from ``GET /users/{identifier}`` and LinkedIn counts each lookup against the account's limits, so a
profile is cached in the store with its fetch time and asked again at most once a day (or when the agent presses
Refresh). A provider whose profiles the API does not serve (501 ``feature_not_implemented``), or any failure, leaves
the card with what the chat already knows: no banner, a quiet line at most.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from ..api import Account, Chat, ChatAttendee, Page, UnipileError, UserProfile, parse_user_profile
from ..store import Note, Store, StoreError, person_key
from ..texts import translate
from .tasks import TaskRunner

log = logging.getLogger(__name__)

PROFILE_MAX_AGE = 24 * 3600.0  # seconds: a cached profile older than this is fetched again in the background
FAILED_LOOKUP_HOLD_OFF = 3600.0  # seconds: after a failed lookup (other than "no profiles here"), before the next
OTHER_CHATS_LIMIT = 50  # per account
NOT_IMPLEMENTED = "errors/feature_not_implemented"


class ProfileSource(Protocol):
    """What the card needs of the API client (UnipileClient)."""

    async def get_user_profile(
        self, identifier: str, *, account_id: str, linkedin_api: str | None = None
    ) -> UserProfile: ...

    async def list_attendee_chats(
        self, attendee_id: str, *, account_id: str | None = None, cursor: str | None = None, limit: int | None = None
    ) -> Page[Chat]: ...


@dataclass(frozen=True, slots=True)
class CardPerson:
    """One person the card can show: what the chat knows of them (the attendee), before any profile."""

    key: str  # person_key(provider, provider_id)
    provider: str
    provider_id: str
    account_id: str  # the account of the chat they were met in (the profile is asked as that account)
    name: str
    attendee_id: str | None = None  # for the avatar and the attendee's chats
    headline: str | None = None
    network_distance: str | None = None
    pending_invitation: bool = False
    profile_url: str | None = None

    @classmethod
    def of(cls, attendee: ChatAttendee, provider: str) -> CardPerson:
        return cls(
            key=person_key(provider, attendee.provider_id),
            provider=provider.upper(),
            provider_id=attendee.provider_id,
            account_id=attendee.account_id,
            name=attendee.name or attendee.provider_id,
            attendee_id=attendee.id,
            headline=attendee.headline,
            network_distance=_attendee_distance(attendee.network_distance),
            pending_invitation=attendee.pending_invitation,
            profile_url=attendee.profile_url,
        )


@dataclass(frozen=True, slots=True)
class ProfileState:
    """The profile shown for a person: the last one fetched (None: none yet) and when, and a quiet note."""

    profile: UserProfile | None
    fetched_at: float | None
    loading: bool = False
    note: str = ""  # why there is no (fresh) profile, in words; "" when all is well


@dataclass(frozen=True, slots=True)
class OtherChat:
    chat: Chat
    title: str


def chat_person_key(chat: Chat) -> str | None:
    """The person of a 1:1 chat (from the chat alone, before its attendees load); None for a group."""
    if chat.is_group or not chat.attendee_provider_id:
        return None
    return person_key(chat.account_type, chat.attendee_provider_id)


def _attendee_distance(value: str | None) -> str | None:
    mapping = {"DISTANCE_1": "FIRST_DEGREE", "DISTANCE_2": "SECOND_DEGREE", "DISTANCE_3": "THIRD_DEGREE"}
    return mapping.get(value, value) if value else None


def profile_age_text(fetched_at: float, now: float) -> str:
    """ "updated just now", "updated 3 h ago", "updated 2 days ago"."""
    seconds = max(0.0, now - fetched_at)
    if seconds < 60:
        return translate("CustomerCard", "updated just now")
    if seconds < 3600:
        return translate("CustomerCard", "updated %n min ago", n=int(seconds // 60))
    if seconds < 86400:
        return translate("CustomerCard", "updated %n h ago", n=int(seconds // 3600))
    return translate("CustomerCard", "updated %n day(s) ago", n=int(seconds // 86400))


class CardController(QObject):
    """The card's state for the open chat. ``show_chat`` is called when a chat opens and when its people load."""

    people_changed = Signal()  # the chat's people (and the one shown) changed
    profile_changed = Signal(str)  # person key
    other_chats_changed = Signal(str)  # person key
    notes_changed = Signal(str)  # person key
    labels_changed = Signal(str)  # person key
    chat_chosen = Signal(str)  # chat id: the agent chose one of the other conversations

    def __init__(
        self,
        client: ProfileSource,
        tasks: TaskRunner,
        store: Store,
        *,
        accounts: Callable[[], Sequence[Account]] = list,
        clock: Callable[[], float] = time.time,
        max_age: float = PROFILE_MAX_AGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._store = store
        self._accounts = accounts
        self._clock = clock
        self.max_age = max_age
        # When a lookup failed, per person: not asked again before the hold-off ends (a provider without profiles
        # for a day, other failures for an hour), except on Refresh. Profile views count against LinkedIn's limits.
        self._failed_at: dict[str, tuple[float, float]] = {}
        self._chat: Chat | None = None
        self._people: list[CardPerson] = []
        self._current: CardPerson | None = None
        self._profiles: dict[str, ProfileState] = {}
        self._other_chats: dict[str, list[OtherChat]] = {}
        self._loading_chats: set[str] = set()
        self._labels: dict[str, tuple[str, ...]] = {}
        self.active = True  # False while the panel is hidden: nothing is fetched for it
        self.lookups = 0  # profile requests made (tests and the smoke test read it)
        try:
            self._labels = self._store.people.all_labels()
        except StoreError:
            log.exception("could not read the labels")

    # ------------------------------------------------------------------------------------------ state

    @property
    def chat(self) -> Chat | None:
        return self._chat

    @property
    def people(self) -> list[CardPerson]:
        return list(self._people)

    @property
    def current(self) -> CardPerson | None:
        return self._current

    def profile_state(self, key: str) -> ProfileState:
        return self._profiles.get(key, ProfileState(None, None))

    def other_chats(self, key: str) -> list[OtherChat]:
        return list(self._other_chats.get(key, []))

    def other_chats_loading(self, key: str) -> bool:
        return key in self._loading_chats

    def now(self) -> float:
        return self._clock()

    # ------------------------------------------------------------------------------------------ the open chat

    def show_chat(self, chat: Chat | None, attendees: Sequence[ChatAttendee] = ()) -> None:
        """The open chat and the people known so far (the attendees load after the chat opens)."""
        same_chat = chat is not None and self._chat is not None and chat.id == self._chat.id
        self._chat = chat
        people: list[CardPerson] = []
        if chat is not None:
            others = [a for a in attendees if not a.is_self and not a.hidden and a.provider_id]
            people = [CardPerson.of(a, chat.account_type) for a in others]
            if not people and not chat.is_group and chat.attendee_provider_id:
                key = person_key(chat.account_type, chat.attendee_provider_id)
                people = [CardPerson(key, chat.account_type.upper(), chat.attendee_provider_id, chat.account_id, "")]
        previous = self._current.key if self._current is not None else None
        self._people = people
        current: CardPerson | None = None
        if chat is not None and not chat.is_group:
            current = people[0] if people else None
        elif same_chat and previous is not None:
            current = next((p for p in people if p.key == previous), None)
        self._current = current
        self.people_changed.emit()
        if current is not None and (current.key != previous or not same_chat):
            self._load(current)

    def select(self, key: str | None) -> None:
        """Show one of a group's members (None: back to the member list)."""
        person = next((p for p in self._people if p.key == key), None) if key is not None else None
        if person == self._current:
            return
        self._current = person
        self.people_changed.emit()
        if person is not None:
            self._load(person)

    def set_active(self, active: bool) -> None:
        """The panel was shown or hidden; shown again, the current person is brought up to date."""
        self.active = active
        if active and self._current is not None:
            self._load(self._current)

    def refresh(self) -> None:
        """The Refresh button: ask for the current person's profile and conversations now, whatever their age."""
        if self._current is not None:
            self._load(self._current, force=True)

    # ------------------------------------------------------------------------------------------ profiles

    def _load(self, person: CardPerson, *, force: bool = False) -> None:
        cached = None
        try:
            cached = self._store.people.profile(person.key)
        except StoreError:
            log.exception("could not read the cached profile")
        profile: UserProfile | None = None
        if cached is not None:
            try:
                profile = parse_user_profile(dict(cached.data), asked=person.provider_id)
            except UnipileError:
                log.warning("ignoring a cached profile that no longer reads")
        state = self._profiles.get(person.key)
        note = state.note if state is not None else ""
        fetched_at = cached.fetched_at if cached is not None and profile is not None else None
        now = self._clock()
        stale = fetched_at is None or now - fetched_at >= self.max_age
        failed_at, hold_off = self._failed_at.get(person.key, (0.0, 0.0))
        held = now - failed_at < hold_off
        wanted = self.active and (force or (stale and not held))
        self._profiles[person.key] = ProfileState(profile, fetched_at, loading=wanted, note=note)
        self.profile_changed.emit(person.key)
        self._load_other_chats(person)
        if wanted:
            # One task per person: choosing another chat does not cancel a lookup the provider has already counted.
            self._tasks.start(f"card:profile:{person.key}", self._fetch(person))

    async def _fetch(self, person: CardPerson) -> None:
        """Never raises: a failure becomes the card's quiet note (the TaskRunner would show a banner)."""
        self.lookups += 1
        note = ""
        hold_off = FAILED_LOOKUP_HOLD_OFF
        profile: UserProfile | None = None
        try:
            profile = await self._client.get_user_profile(person.provider_id, account_id=person.account_id)
        except UnipileError as exc:
            if getattr(exc, "type", None) == NOT_IMPLEMENTED:
                hold_off = self.max_age  # the provider has no profiles: asking again tomorrow is soon enough
                note = translate(
                    "CustomerCard", "The API gives no profile for this provider: this is what the chat knows."
                )
            else:
                log.info("profile lookup failed: %r", exc)
                note = translate("CustomerCard", "The profile could not be loaded ({reason}).").format(
                    reason=exc.user_message().rstrip(".")
                )
        except Exception:
            log.exception("profile lookup crashed")
            note = translate("CustomerCard", "The profile could not be loaded.")
        old = self._profiles.get(person.key, ProfileState(None, None))
        if profile is None:
            self._failed_at[person.key] = (self._clock(), hold_off)
            self._profiles[person.key] = ProfileState(old.profile, old.fetched_at, note=note)
        else:
            fetched_at = self._clock()
            try:
                self._store.people.put_profile(person.key, dict(profile.raw), fetched_at)
            except StoreError:
                log.exception("could not cache the profile")
            self._profiles[person.key] = ProfileState(profile, fetched_at)
        self.profile_changed.emit(person.key)

    # ------------------------------------------------------------------------------------------ other chats

    def _load_other_chats(self, person: CardPerson) -> None:
        self._other_chats[person.key] = self._cached_other_chats(person)
        self.other_chats_changed.emit(person.key)
        if self.active:
            self._loading_chats.add(person.key)
            self._tasks.start(f"card:chats:{person.key}", self._fetch_other_chats(person))

    def _cached_other_chats(self, person: CardPerson) -> list[OtherChat]:
        try:
            chats = self._store.people.chats_with(person.provider, person.provider_id)
        except StoreError:
            log.exception("could not read the person's cached chats")
            return []
        return self._others(person, chats)

    def _others(self, person: CardPerson, chats: Sequence[Chat]) -> list[OtherChat]:
        open_id = self._chat.id if self._chat is not None else None
        seen: dict[str, OtherChat] = {}
        for chat in chats:
            if chat.id == open_id or chat.id in seen:
                continue
            seen[chat.id] = OtherChat(chat, chat.name or person.name or chat.id)
        return sorted(seen.values(), key=lambda item: -(item.chat.timestamp.timestamp() if item.chat.timestamp else 0))

    async def _fetch_other_chats(self, person: CardPerson) -> None:
        """The 1:1 chats with the person on each of the profile's accounts of that provider. Never raises."""
        accounts = [a.id for a in self._accounts() if a.type.upper() == person.provider] or [person.account_id]
        found: list[Chat] = []
        for account_id in dict.fromkeys([person.account_id, *accounts]):
            identifier = person.attendee_id if account_id == person.account_id and person.attendee_id else None
            try:
                page = await self._client.list_attendee_chats(
                    identifier or person.provider_id, account_id=account_id, limit=OTHER_CHATS_LIMIT
                )
            except UnipileError as exc:
                log.info("could not list the chats of a person on %s: %r", account_id, exc)
                continue
            except Exception:
                log.exception("listing a person's chats crashed")
                continue
            found.extend(page.items)
        if found:
            try:
                self._store.cache.put_chats(found)  # so that choosing one opens it even if the list has not shown it
            except StoreError:
                log.exception("could not cache the person's chats")
        self._loading_chats.discard(person.key)
        self._other_chats[person.key] = self._others(
            person, [*found, *(o.chat for o in self._cached_other_chats(person))]
        )
        self.other_chats_changed.emit(person.key)

    def choose_chat(self, chat_id: str) -> None:
        self.chat_chosen.emit(chat_id)

    # ------------------------------------------------------------------------------------------ notes

    def notes(self, key: str) -> list[Note]:
        try:
            return self._store.people.notes(key)
        except StoreError:
            log.exception("could not read the notes")
            return []

    def add_note(self, key: str, text: str) -> Note | None:
        """Keep a private note about the person (None for an empty text)."""
        if not text.strip():
            return None
        person = next((p for p in self._people if p.key == key), None)
        profile = self.profile_state(key).profile
        name = (profile.name if profile is not None and profile.name else None) or (person.name if person else "")
        note = self._store.people.add_note(
            key, text, person_name=name, chat_id=self._chat.id if self._chat is not None else None
        )
        self.notes_changed.emit(key)
        return note

    def update_note(self, key: str, note_id: str, text: str) -> None:
        if not text.strip():
            self.delete_note(key, note_id)
            return
        self._store.people.update_note(note_id, text)
        self.notes_changed.emit(key)

    def delete_note(self, key: str, note_id: str) -> None:
        self._store.people.delete_note(note_id)
        self.notes_changed.emit(key)

    # ------------------------------------------------------------------------------------------ labels

    def labels(self, key: str) -> tuple[str, ...]:
        return self._labels.get(key, ())

    def labels_for_chat(self, chat: Chat) -> tuple[str, ...]:
        key = chat_person_key(chat)
        return self._labels.get(key, ()) if key is not None else ()

    def label_names(self) -> list[str]:
        return sorted({label for labels in self._labels.values() for label in labels})

    def add_label(self, key: str, label: str) -> str | None:
        name = self._store.people.add_label(key, label)
        if name is not None:
            self._labels[key] = tuple(self._store.people.labels(key))
            self.labels_changed.emit(key)
        return name

    def remove_label(self, key: str, label: str) -> None:
        self._store.people.remove_label(key, label)
        labels = tuple(self._store.people.labels(key))
        if labels:
            self._labels[key] = labels
        else:
            self._labels.pop(key, None)
        self.labels_changed.emit(key)

"""The primitives every part of the demo world is built with: accounts, people, chats, messages, conversations."""

from __future__ import annotations

import random

from .. import images
from ..models import LINKEDIN_FOLDERS, Account, Attendee, Chat, Message, format_ts
from ..state import SandboxState
from .lines import LINES, SCRIPTED_KINDS
from .people import LOCATIONS, OCCUPATIONS, Persona

MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR


class Seeder:
    """Adds demo records to a SandboxState; every choice comes from RNGs seeded with `seed`.

    The provider parts of the world (whatsapp.py, linkedin.py, …) build with it, in the order `world.populate` sets.
    """

    def __init__(self, state: SandboxState, seed: int, now: int) -> None:
        self.state = state
        self.rng = random.Random(f"unipile-sandbox-content-{seed}")
        self.pids = state.provider_ids
        self.now = now
        self.photo_variant = seed * 100

    # ------------------------------------------------------------------ primitives

    def first_name(self, name: str) -> str:
        return name.split(" ")[0]

    def order_number(self) -> str:
        return "A" + self.pids.digits(5)

    def phone(self, country: str) -> str:
        prefixes = {"fr": "336", "es": "346", "de": "4915", "ar": "97150", "he": "97254", "en": "447", "zh": "86138"}
        prefix = prefixes.get(country, "447")
        return prefix + self.pids.digits(12 - len(prefix))

    def add_account(
        self,
        name: str,
        account_type: str,
        age_days: int,
        im_params: dict[str, object],
        self_provider_id: str,
        owner: dict[str, object],
        premium_features: tuple[str, ...] = (),
        balance: dict[str, int | None] | None = None,
        status: str = "OK",
    ) -> Account:
        account = Account(
            id=self.state.ids.new(),
            name=name,
            type=account_type,
            created_at_ms=self.now - age_days * DAY - self.rng.randint(0, DAY),
            im_params=dict(im_params),
            source_status=status,
            premium_features=premium_features,
            inmail_balance=dict(balance or {}),
            owner=dict(owner),
        )
        owner_attendee = Attendee(
            id=self.state.ids.new(),
            account_id=account.id,
            provider_id=self_provider_id,
            name=name,
            is_self=True,
            profile_url=None,
        )
        account.self_attendee_id = owner_attendee.id
        self.state.add_account(account)
        self.state.add_attendee(owner_attendee)
        return account

    def add_person(self, account: Account, persona: Persona, distance: str | None = None) -> Attendee:
        slug = "".join(
            ch for ch in persona.name.lower().replace(" ", "-") if ch.isascii() and (ch.isalnum() or ch == "-")
        )
        slug = slug.strip("-") or "member"
        profile_url: str | None = None
        specifics: dict[str, object] | None = None
        if account.type == "LINKEDIN":
            provider_id = self.pids.linkedin_member()
            profile_url = f"https://www.linkedin.com/in/{slug}-{self.pids.digits(4)}"
            specifics = {
                "provider": "LINKEDIN",
                "member_urn": f"urn:li:member:{self.pids.digits(9)}",
                "occupation": self.rng.choice(OCCUPATIONS),
                "network_distance": distance or "DISTANCE_1",
                "pending_invitation": False,
                "location": self.rng.choice(LOCATIONS),
            }
        elif account.type == "WHATSAPP":
            provider_id = self.phone(persona.lang) + "@s.whatsapp.net"
        elif account.type == "INSTAGRAM":
            provider_id = "1784" + self.pids.digits(13)
            profile_url = f"https://www.instagram.com/{slug.replace('-', '.')}"
        elif account.type == "MESSENGER":
            provider_id = "1000" + self.pids.digits(11)
            profile_url = f"https://www.facebook.com/{provider_id}"
        else:
            provider_id = self.pids.digits(10)
            profile_url = f"https://t.me/{slug.replace('-', '_')}" if self.rng.random() < 0.5 else None
        attendee = Attendee(
            id=self.state.ids.new(),
            account_id=account.id,
            provider_id=provider_id,
            name=persona.name,
            has_picture=persona.picture,
            profile_url=profile_url,
            specifics=specifics,
        )
        return self.state.add_attendee(attendee, persona.lang)

    def add_chat(
        self,
        account: Account,
        members: list[Attendee],
        name: str | None = None,
        chat_type: int | None = None,
        **fields: object,
    ) -> Chat:
        group = chat_type if chat_type is not None else (1 if len(members) > 1 else 0)
        single = group == 0
        provider_id = self.pids.chat(account.type, not single)
        if account.type == "WHATSAPP" and single:
            provider_id = members[0].provider_id
        chat = Chat(
            id=self.state.ids.new(),
            account_id=account.id,
            account_type=account.type,
            provider_id=provider_id,
            name=name,
            type=group,
            created_at_ms=self.now - self.rng.randint(30, 400) * DAY,
            attendee_ids=[account.self_attendee_id] + [member.id for member in members],
            attendee_provider_id=members[0].provider_id if single and members else None,
        )
        if account.type == "LINKEDIN":
            chat.folder = list(LINKEDIN_FOLDERS["classic"])
        for key, value in fields.items():
            setattr(chat, key, value)
        return self.state.add_chat(chat)

    def add_message(
        self,
        chat: Chat,
        sender: Attendee,
        text: str | None,
        timestamp: int,
        *,
        seen: bool = True,
        attachments: list[tuple[str, bytes]] | None = None,
        extra: dict[str, object] | None = None,
        **fields: object,
    ) -> Message:
        account = self.state.accounts[chat.account_id]
        outbound = sender.is_self
        others = [self.state.attendees[member] for member in chat.attendee_ids if member != sender.id]
        seen_by: dict[str, str | bool] = {}
        if seen and outbound:
            for other in others[:3]:
                if not other.is_self:
                    seen_by[other.provider_id] = format_ts(timestamp + self.rng.randint(1, 90) * MINUTE)
        elif seen:
            seen_by[self.state.attendees[account.self_attendee_id].provider_id] = True
        files = [(file_name, None, data) for file_name, data in attachments or []]
        message = self.state.store_message(
            chat, sender, text, files, timestamp_ms=timestamp, extra=extra, seen=seen, seen_by=seen_by
        )
        for key, value in fields.items():
            setattr(message, key, value)
        return message

    def photo(self) -> bytes:
        self.photo_variant += 1
        return images.photo_png(self.photo_variant)

    def timeline(self, count: int, end: int, pace: str = "chat") -> list[int]:
        """`count` ascending timestamps ending at `end`, spaced like a real conversation."""
        stamps = [end]
        for _ in range(count - 1):
            roll = self.rng.random()
            if pace == "fast" or roll < 0.55:
                gap = self.rng.randint(20, 600) * 1000
            elif roll < 0.9:
                gap = self.rng.randint(10, 180) * MINUTE
            else:
                gap = self.rng.randint(12, 72) * HOUR
            stamps.append(stamps[-1] - gap - self.rng.randint(0, 999))
        return list(reversed(stamps))

    def converse(
        self,
        chat: Chat,
        kind: str,
        count: int,
        end: int,
        unread: int = 0,
        outbound_first: bool = False,
        pace: str = "chat",
    ) -> list[Message]:
        """Generate a plausible exchange; the last `unread` messages are inbound and not yet seen."""
        account = self.state.accounts[chat.account_id]
        owner = self.state.attendees[account.self_attendee_id]
        members = [self.state.attendees[member] for member in chat.attendee_ids if member != owner.id]
        lang = self.state.attendee_langs.get(members[0].id, "en") if members else "en"
        bank = LINES[kind].get(lang) or LINES[kind].get("en") or next(iter(LINES[kind].values()))
        scripted = kind in SCRIPTED_KINDS
        if scripted and unread and count % 2 == (0 if not outbound_first else 1):
            count += 1  # strict alternation must end on their side to leave unread messages
        # The first line of each bank is an opener; the rest come shuffled unless the kind is scripted.
        pools = {
            role: lines if scripted else lines[:1] + self.rng.sample(lines[1:], len(lines[1:]))
            for role, lines in bank.items()
        }
        cursor = {role: 0 for role in pools}
        order = self.order_number()
        speaking_us = outbound_first
        created: list[Message] = []
        stamps = self.timeline(count, end, pace)
        for index, stamp in enumerate(stamps):
            if index > 0 and (scripted or self.rng.random() < 0.6):
                speaking_us = not speaking_us
            if index >= count - unread or not pools.get("us"):
                speaking_us = False
            role = "us" if speaking_us else "them"
            sender = owner if speaking_us else self.rng.choice(members)
            addressee = members[0] if speaking_us else owner
            line = pools[role][cursor[role] % len(pools[role])]
            cursor[role] += 1
            text = line.format(first=self.first_name(addressee.name), order=order)
            unseen = index >= count - unread or (speaking_us and index == count - 1 and self.now - stamp < HOUR)
            created.append(self.add_message(chat, sender, text, stamp, seen=not unseen))
        chat.unread_count = unread
        return created

    def ago(self, low_minutes: float, high_minutes: float) -> int:
        """A moment between `low_minutes` and `high_minutes` before now (epoch ms)."""
        return self.now - int(self.rng.uniform(low_minutes, high_minutes) * MINUTE)

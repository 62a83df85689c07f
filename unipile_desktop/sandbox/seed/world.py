"""The whole demo world: every provider's part, built in a fixed order so a seed always gives the same world."""

from __future__ import annotations

from ..models import now_ms
from ..state import SandboxState
from .hostile import build_hostile
from .instagram import build_instagram
from .invitations import build_invitations
from .linkedin import build_linkedin_classic, build_linkedin_disconnected, build_linkedin_premium
from .messenger import build_messenger
from .seeder import HOUR, Seeder
from .telegram import build_telegram
from .whatsapp import build_whatsapp


def populate(state: SandboxState, seed: int, now: int) -> None:
    """Fill `state` with the demo world for `seed`, dated relative to `now` (epoch ms)."""
    # The parts share one content RNG (and the state's id RNGs): their order is part of what a seed means.
    seeder = Seeder(state, seed, now)
    marks = state.landmarks
    build_whatsapp(seeder, marks.accounts, marks.chats, marks.messages, marks.attendees, marks.recipients)
    build_linkedin_premium(seeder, marks.accounts, marks.chats, marks.attendees, marks.recipients)
    build_linkedin_classic(seeder, marks.accounts, marks.recipients)
    build_instagram(seeder, marks.accounts, marks.chats)
    build_messenger(seeder, marks.accounts, marks.chats, marks.messages)
    build_telegram(seeder, marks.accounts, marks.chats)
    build_linkedin_disconnected(seeder, marks.accounts, marks.chats)
    for chat_id, messages in state.chat_messages.items():
        if messages:
            first = min(message.timestamp_ms for message in messages)
            chat = state.chats[chat_id]
            chat.created_at_ms = min(chat.created_at_ms, first - seeder.rng.randint(1, 48) * HOUR)
    build_invitations(seeder, marks)  # last, so the worlds of existing seeds stay as they were


WORLDS = ("demo", "hostile")


def seeded_state(seed: int = 1, now: int | None = None, world: str = "demo") -> SandboxState:
    """A new SandboxState holding the `world` of `seed` ("demo", or "hostile": see hostile.py), dated relative to
    `now` (default: the current time)."""
    if world not in WORLDS:
        raise ValueError(f"world must be one of {', '.join(WORLDS)}")
    state = SandboxState(seed)
    build = build_hostile if world == "hostile" else populate
    build(state, seed, now if now is not None else now_ms())
    return state

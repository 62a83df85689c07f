"""Deterministic demo data (accounts, people, chats, messages, files) built from a seed into an empty SandboxState."""

from .people import Persona
from .seeder import Seeder
from .world import WORLDS, populate, seeded_state

__all__ = ["WORLDS", "Persona", "Seeder", "populate", "seeded_state"]

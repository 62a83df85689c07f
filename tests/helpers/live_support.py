"""The polling sync wired to a conversation environment, as the window wires it, polled by hand in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.helpers.conversation_support import Env
from unipile_desktop.engine.sync import SyncEngine


@asynccontextmanager
async def polled(env: Env) -> AsyncIterator[SyncEngine]:
    """A SyncEngine over the env's store that reports new messages to the controller; call ``poll_once`` to poll.

    The first poll (made here) only notes the chats; later polls report the messages that are new to the cache.
    """
    engine = SyncEngine(env.store, env.client)
    engine.add_listener(messages_arrived=env.controller.on_live_messages_arrived)
    await engine.poll_once()
    try:
        yield engine
    finally:
        await engine.close()

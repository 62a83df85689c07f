"""What the outbox tests share: a fast policy, and what the sandbox saw (copies of a text, sends, new chats)."""

from __future__ import annotations

from typing import Any

from unipile_desktop.api.protocols import SendingClient
from unipile_desktop.engine.outbox import OutboxEngine, RetryPolicy
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

SEND_PATH = r"^/chats/[^/]+/messages$"
FAST = RetryPolicy(
    base_delay=0.02,
    max_delay=0.1,
    jitter=0.0,
    settle_delay=0.05,
    settle_window=0.3,
    check_interval=0.05,
    new_chat_checks=(0.05, 0.1, 0.2),
    max_concurrent_requests=4,
)


def chat_id(sandbox: SandboxServer, name: str = "showcase") -> str:
    return str(sandbox.landmarks["chats"][name])


def new_chat_people(sandbox: SandboxServer) -> tuple[str, str]:
    """A WhatsApp account and a contact it has no chat with yet: (account id, attendee id)."""
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    return account, recipient


def copies(sandbox: SandboxServer, chat: str, text: str) -> int:
    return int(sandbox.message_counts(chat)["by_text"].get(text, 0))


def posts(sandbox: SandboxServer, chat: str) -> int:
    return sum(
        1 for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == f"/api/v1/chats/{chat}/messages"
    )


def chat_starts(sandbox: SandboxServer) -> int:
    return sum(1 for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats")


async def run_until_idle(engine: OutboxEngine, timeout: float = 20.0) -> None:
    assert await engine.wait_idle(timeout), "the outbox did not drain"


def state_of(store: Store, local_id: str) -> str:
    entry = store.outbox.get(local_id)
    assert entry is not None
    return entry.state


def start_engine(store: Store, client: SendingClient, **options: Any) -> OutboxEngine:
    """An engine over ``store`` and ``client`` (``options``: policy, clock, sleep, rng), started on the running loop."""
    engine = OutboxEngine(store, client, **options)
    engine.start()
    return engine

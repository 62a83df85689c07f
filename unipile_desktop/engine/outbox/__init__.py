"""The durable outbox: sending, reconciling doubtful sends with the server, and the retry policy."""

from .engine import (
    NEW_CHAT_UNCONFIRMED,
    NOT_SURE,
    Listener,
    OutboxEngine,
    OutboxError,
    RetryPolicy,
)

__all__ = [
    "Listener",
    "NEW_CHAT_UNCONFIRMED",
    "NOT_SURE",
    "OutboxEngine",
    "OutboxError",
    "RetryPolicy",
]

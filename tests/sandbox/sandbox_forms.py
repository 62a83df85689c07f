"""Multipart helpers for the sandbox tests (httpx urlencodes `data=` unless files are present)."""

from __future__ import annotations

import ssl

import httpx

# Loading CA certificates costs ~40 ms per httpx.Client; the sandbox is plain HTTP, so share one context.
SHARED_SSL_CONTEXT = ssl.create_default_context()


def send(api: httpx.Client, chat_id: str, text: str | None = None, **fields: str) -> httpx.Response:
    """POST /chats/{id}/messages as multipart, even without files."""
    parts: list[tuple[str, tuple[None, str]]] = []
    if text is not None:
        parts.append(("text", (None, text)))
    parts += [(name, (None, value)) for name, value in fields.items()]
    return api.post(f"/chats/{chat_id}/messages", files=parts)


def start(
    api: httpx.Client,
    account_id: str,
    attendees: list[str],
    text: str | None = "Hello",
    extra: list[tuple[str, str]] | None = None,
) -> httpx.Response:
    """POST /chats as multipart with one `attendees_ids` part per attendee and `extra` fields in order."""
    parts: list[tuple[str, tuple[None, str]]] = [("account_id", (None, account_id))]
    parts += [("attendees_ids", (None, attendee)) for attendee in attendees]
    if text is not None:
        parts.append(("text", (None, text)))
    parts += [(name, (None, value)) for name, value in extra or []]
    return api.post("/chats", files=parts)

"""One send on the wire: reading the files it carries, and the client request that fits its kind."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from ...api.models import LinkedinOptions, OutgoingFile
from ...api.protocols import SendingClient
from ...store.outbox import MessageSend, Send


async def read_files(paths: Sequence[str]) -> list[OutgoingFile]:
    """The attachments' bytes, read off the event loop; ``OSError`` when one is gone or unreadable."""
    return [await asyncio.to_thread(OutgoingFile.from_path, path) for path in paths]


async def request(client: SendingClient, send: Send, files: list[OutgoingFile]) -> tuple[str | None, str | None]:
    """Send a message to its chat, or start a new chat; the server's message id (may be None) and the chat id."""
    if isinstance(send, MessageSend):
        sent = await client.send_message(
            send.chat_id, text=send.text, attachments=files, quote_id=send.quote_id, account_id=send.account_id
        )
        return sent.message_id, send.chat_id
    linkedin = LinkedinOptions(api=send.linkedin_api, inmail=send.inmail) if send.linkedin_api is not None else None
    started = await client.start_chat(
        send.account_id,
        send.attendee_ids,
        text=send.text,
        subject=send.subject,
        attachments=files,
        linkedin=linkedin,
    )
    return started.message_id, started.chat_id

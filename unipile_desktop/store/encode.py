"""API-shaped JSON for models that only exist parsed, so the cache can store them like raw API answers.

The cache prefers the JSON exactly as the API returned it (it keeps fields the parsers ignore). When a caller
only holds a parsed model, these functions write the subset the ``api.models`` parsers read back, so that
``parse_x(x_to_json(model)) == model`` holds for every model (tested property).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..api.models import (
    Account,
    Attachment,
    Chat,
    ChatAttendee,
    Message,
    QuotedMessage,
    Reaction,
    format_timestamp,
)

JsonObject = dict[str, Any]


def _time(value: datetime | None) -> str | None:
    return None if value is None else format_timestamp(value)


def _flag(value: bool) -> int:
    return 1 if value else 0


def account_to_json(account: Account) -> JsonObject:
    im: JsonObject = {"username": account.username}
    if account.premium_features:
        im["premiumFeatures"] = sorted(account.premium_features)
    return {
        "object": "Account",
        "id": account.id,
        "name": account.name,
        "type": account.type,
        "created_at": _time(account.created_at),
        "connection_params": {"im": im},
        "sources": [{"id": source.id, "status": source.status} for source in account.sources],
        "groups": [],
    }


def attachment_to_json(attachment: Attachment) -> JsonObject:
    data: JsonObject = {
        "id": attachment.id,
        "type": attachment.type,
        "unavailable": attachment.unavailable,
        "file_size": attachment.file_size,
        "mimetype": attachment.mimetype,
        "file_name": attachment.file_name,
        "url": attachment.url,
    }
    if attachment.width is not None or attachment.height is not None:
        data["size"] = {"width": attachment.width, "height": attachment.height}
    return data


def _reaction_to_json(reaction: Reaction) -> JsonObject:
    return {"value": reaction.value, "sender_id": reaction.sender_id, "is_sender": reaction.is_sender}


def _quoted_to_json(quoted: QuotedMessage) -> JsonObject:
    return {
        "provider_id": quoted.provider_id,
        "sender_id": quoted.sender_id,
        "text": quoted.text,
        "attachments": [attachment_to_json(a) for a in quoted.attachments],
    }


def message_to_json(message: Message) -> JsonObject:
    data: JsonObject = {
        "object": "Message",
        "id": message.id,
        "account_id": message.account_id,
        "chat_id": message.chat_id,
        "provider_id": message.provider_id,
        "sender_id": message.sender_id,
        "sender_attendee_id": message.sender_attendee_id,
        "text": message.text,
        "timestamp": _time(message.timestamp),
        "is_sender": _flag(message.is_sender),
        "attachments": [attachment_to_json(a) for a in message.attachments],
        "reactions": [_reaction_to_json(r) for r in message.reactions],
        "seen": _flag(message.seen),
        "hidden": _flag(message.hidden),
        "deleted": _flag(message.deleted),
        "edited": _flag(message.edited),
        "is_event": _flag(message.is_event),
        "delivered": _flag(message.delivered),
        "event_type": message.event_type,
        "message_type": message.message_type,
        "subject": message.subject,
    }
    if message.quoted is not None:
        data["quoted"] = _quoted_to_json(message.quoted)
    return data


def chat_to_json(chat: Chat) -> JsonObject:
    return {
        "object": "Chat",
        "id": chat.id,
        "account_id": chat.account_id,
        "account_type": chat.account_type,
        "provider_id": chat.provider_id,
        "attendee_provider_id": chat.attendee_provider_id,
        "name": chat.name,
        "type": int(chat.type),
        "timestamp": _time(chat.timestamp),
        "unread_count": chat.unread_count,
        "archived": _flag(chat.archived),
        "muted_until": -1 if chat.muted else None,
        "read_only": _flag(chat.read_only),
        "disabledFeatures": sorted(chat.disabled_features),
        "subject": chat.subject,
        "content_type": chat.content_type,
        "folder": list(chat.folder),
        "lastMessage": None if chat.last_message is None else message_to_json(chat.last_message),
    }


def attendee_to_json(attendee: ChatAttendee) -> JsonObject:
    data: JsonObject = {
        "object": "ChatAttendee",
        "id": attendee.id,
        "account_id": attendee.account_id,
        "provider_id": attendee.provider_id,
        "name": attendee.name,
        "is_self": _flag(attendee.is_self),
        "hidden": _flag(attendee.hidden),
        "picture_url": attendee.picture_url,
        "profile_url": attendee.profile_url,
    }
    if attendee.network_distance is not None or attendee.headline is not None or attendee.pending_invitation:
        data["specifics"] = {
            "provider": "LINKEDIN",
            "network_distance": attendee.network_distance,
            "headline": attendee.headline,
            "pending_invitation": attendee.pending_invitation,
        }
    return data

"""Assertions mirroring the strict points of the official Unipile SDK's response validators."""

from __future__ import annotations

import re
from typing import Any

ISO_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
PADDED_BASE64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
ATTACHMENT_TYPES = {"img", "video", "audio", "file", "linkedin_post"}


def assert_flag(value: Any, allowed: tuple[int, ...] = (0, 1)) -> None:
    assert type(value) is int and value in allowed, value


def assert_cursor(cursor: Any) -> None:
    assert cursor is None or (
        isinstance(cursor, str) and cursor and len(cursor) % 4 == 0 and PADDED_BASE64.match(cursor)
    )


def assert_list(body: dict[str, Any], object_name: str, with_cursor: bool = True) -> list[dict[str, Any]]:
    assert body["object"] == object_name
    assert isinstance(body["items"], list)
    if with_cursor:
        assert_cursor(body["cursor"])
    else:
        assert "cursor" not in body
    return list(body["items"])


def check_account(account: dict[str, Any]) -> None:
    assert account["object"] == "Account"
    assert ISO_MS.match(account["created_at"])
    assert isinstance(account["groups"], list)
    assert all(
        source["status"] in {"OK", "STOPPED", "ERROR", "CREDENTIALS", "PERMISSIONS", "CONNECTING"}
        for source in account["sources"]
    )
    im = account["connection_params"]["im"]
    if account["type"] == "LINKEDIN":
        assert isinstance(im["id"], str) and isinstance(im["username"], str)
        assert im["premiumContractId"] is None or isinstance(im["premiumContractId"], str)
        assert set(im.get("premiumFeatures", [])) <= {"recruiter", "sales_navigator", "premium"}
    elif account["type"] == "WHATSAPP":
        assert isinstance(im["phone_number"], str)
    elif account["type"] == "TELEGRAM":
        assert isinstance(im["user_id"], str) and isinstance(im["username"], str)
    else:
        assert isinstance(im["id"], str) and isinstance(im["username"], str)


def check_chat(chat: dict[str, Any]) -> None:
    assert chat["object"] == "Chat"
    assert isinstance(chat["id"], str) and chat["id"]
    assert chat["account_type"] in {"WHATSAPP", "LINKEDIN", "SLACK", "TWITTER", "MESSENGER", "INSTAGRAM", "TELEGRAM"}
    assert chat["name"] is None or isinstance(chat["name"], str)
    assert chat["type"] in (0, 1, 2)
    assert chat["timestamp"] is None or ISO_MS.match(chat["timestamp"])
    assert type(chat["unread_count"]) is int
    assert_flag(chat["archived"])
    assert_flag(chat["read_only"], (0, 1, 2))
    assert chat["muted_until"] in (-1, None) or isinstance(chat["muted_until"], str)
    assert chat.get("content_type") in (None, "inmail", "sponsored", "linkedin_offer")
    assert set(chat.get("folder", [])) <= {
        "INBOX",
        "INBOX_LINKEDIN_CLASSIC",
        "INBOX_LINKEDIN_RECRUITER",
        "INBOX_LINKEDIN_SALES_NAVIGATOR",
        "INBOX_LINKEDIN_ORGANIZATION",
    }


def check_attachment(attachment: dict[str, Any]) -> None:
    assert attachment["type"] in ATTACHMENT_TYPES
    assert type(attachment["unavailable"]) is bool
    if attachment["type"] == "img":
        assert set(attachment["size"]) == {"width", "height"} and type(attachment["sticker"]) is bool
    if attachment["type"] == "file":
        assert isinstance(attachment["file_name"], str)


def check_message(message: dict[str, Any]) -> None:
    assert message["object"] == "Message"
    for key in ("id", "account_id", "chat_id", "chat_provider_id", "provider_id", "sender_id", "sender_attendee_id"):
        assert isinstance(message[key], str) and message[key], key
    assert message["text"] is None or isinstance(message["text"], str)
    assert ISO_MS.match(message["timestamp"])
    for key in ("is_sender", "seen", "hidden", "deleted", "edited", "is_event", "delivered"):
        assert_flag(message[key])
    assert message["behavior"] in (0, None)
    assert isinstance(message["original"], str)
    assert isinstance(message["seen_by"], dict)
    for reaction in message["reactions"]:
        assert type(reaction["is_sender"]) is bool and isinstance(reaction["value"], str)
    for attachment in message["attachments"]:
        check_attachment(attachment)
    if "quoted" in message:
        assert set(message["quoted"]) >= {"provider_id", "sender_id", "text", "attachments"}


def check_attendee(attendee: dict[str, Any]) -> None:
    assert attendee["object"] == "ChatAttendee"
    assert isinstance(attendee["name"], str)
    assert_flag(attendee["is_self"])
    if "specifics" in attendee:
        specifics = attendee["specifics"]
        assert isinstance(specifics, dict) and specifics["provider"] == "LINKEDIN"
        assert isinstance(specifics["member_urn"], str)
        assert specifics.get("network_distance") in (None, "DISTANCE_1", "DISTANCE_2", "DISTANCE_3", "OUT_OF_NETWORK")


def check_error(body: dict[str, Any], status: int, error_type: str) -> None:
    assert body["status"] == status
    assert body["type"] == error_type
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str)

"""The words of a notification: who wrote, where, and a short plain excerpt, made safe for the notification server."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ...texts import translate

EXCERPT_CHARS = 120  # a notification bubble shows two or three lines; more is noise
NAME_CHARS = 80  # a sender, chat or account name in the summary line
SCAN_CHARS = 4 * 1024  # of any text, at most this much is cleaned: a 10 MB message costs microseconds, not seconds

# Bidi embeddings, overrides and isolates, and the directional marks: a customer can use them to make the
# notification read differently from what was sent ("Trojan Source"). Zero-width characters go too.
_INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x200B, 0x2060, 0xFEFF]
)
_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of visible text: control characters and bidi overrides removed, every run of whitespace one space.

    Only the first SCAN_CHARS characters (after leading whitespace) are read: more never fits a notification.
    """
    text = text.lstrip()[:SCAN_CHARS].translate(_INVISIBLE)
    # Line breaks and tabs become spaces (they are whitespace); other control characters disappear.
    text = "".join(ch if ch.isspace() or unicodedata.category(ch) != "Cc" else "" for ch in text)
    return _WHITESPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with an ellipsis when something was left out."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; otherwise cut inside the (very long) word
        cut = cut[:space]
    return cut.rstrip() + "…"


def escape_markup(text: str) -> str:
    """The three characters the notification markup gives a meaning, as entities: the text then shows literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def notification_text(
    *, sender: str, chat_title: str, account: str, texts: Sequence[str], hide_text: bool, markup: bool
) -> tuple[str, str]:
    """(summary, body) for the messages of one chat not yet seen; ``texts`` oldest first, the newest last.

    The summary names the sender, the group when the chat is one (its title differs from the sender's name) and
    the account. The body is the newest text shortened, after "3 new messages — " when several are pending, or
    only "New message" / "3 new messages" when ``hide_text`` is set. With ``markup`` (the server renders a
    subset of HTML in the body) the body is escaped, so a customer's ``<a href=…>`` shows as typed and never
    becomes a link. The summary is plain text in the specification, so it is never escaped.
    """
    summary = _summary(_name(sender) or translate("Notifications", "Someone"), _name(chat_title), _name(account))
    count = len(texts)
    newest = "" if hide_text or not texts else shorten(clean_text(texts[-1]))
    if count > 1 and newest:
        body = translate("Notifications", "%n new message(s) — {text}", n=count).format(text=newest)
    elif count > 1:
        body = translate("Notifications", "%n new message(s)", n=count)
    else:
        body = newest or translate("Notifications", "New message")
    return summary, escape_markup(body) if markup else body


def snooze_ended_text(*, chat_title: str, account: str, markup: bool) -> tuple[str, str]:
    """(summary, body) telling that a snoozed chat is back in the queue: "Snooze ended — Alice Martin"."""
    title = _name(chat_title)
    if title:
        summary = translate("Notifications", "Snooze ended — {chat}").format(chat=title)
    else:
        summary = translate("Notifications", "Snooze ended — a chat")
    account = _name(account)
    if account:
        body = translate("Notifications", "Back in Waiting — {account}").format(account=account)
    else:
        body = translate("Notifications", "Back in Waiting")
    return summary, escape_markup(body) if markup else body


def _name(text: str) -> str:
    return shorten(clean_text(text), NAME_CHARS)


def _summary(sender: str, chat_title: str, account: str) -> str:
    in_group = bool(chat_title) and chat_title.casefold() != sender.casefold()
    if in_group and account:
        return translate("Notifications", "{sender} in {chat} — {account}").format(
            sender=sender, chat=chat_title, account=account
        )
    if in_group:
        return translate("Notifications", "{sender} in {chat}").format(sender=sender, chat=chat_title)
    if account:
        return translate("Notifications", "{sender} — {account}").format(sender=sender, account=account)
    return sender

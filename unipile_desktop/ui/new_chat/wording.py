"""The New chat dialog's words that follow its state: the title field's, and why Send is disabled (its tooltip)."""

from __future__ import annotations

from collections.abc import Sequence

from ...api import Account
from ...core.new_chat import NewChatDraft, Recipient
from ...texts import translate


def title_field_words(group: bool) -> tuple[str, str, str]:
    """The label, placeholder and accessible name of the title field: a group's name, or an InMail's subject."""
    if group:
        return (
            translate("NewChatDialog", "Group name:"),
            translate("NewChatDialog", "Optional: a name for the group"),
            translate("NewChatDialog", "Group name"),
        )
    return (
        translate("NewChatDialog", "Subject:"),
        translate("NewChatDialog", "Optional: the InMail's subject line"),
        translate("NewChatDialog", "Subject"),
    )


def message_problem(draft: NewChatDraft, account: Account | None, *, busy: bool, account_reason: str) -> str | None:
    """What stops a message from being sent (``account_reason``: why the account cannot send, "" when it can)."""
    if busy:
        return translate("NewChatDialog", "A chat is being started")
    if account is None:
        return translate("NewChatDialog", "Choose the account to write from")
    if account_reason:
        return translate("NewChatDialog", "This account cannot send right now")
    if not draft.recipients:
        return translate("NewChatDialog", "Add at least one recipient")
    if not draft.text.strip() and not draft.attachments:
        return translate("NewChatDialog", "Write a message or attach a file")
    return None


def invitation_problem(
    invitees: Sequence[Recipient],
    pending: Sequence[Recipient],
    account: Account | None,
    *,
    busy: bool,
    account_reason: str,
    note_problem: str | None,
) -> str | None:
    """What stops the invitations from going out (``note_problem``: the note's refusal sentence, if any)."""
    if busy:
        return translate("NewChatDialog", "Invitations are being sent")
    if account is None:
        return translate("NewChatDialog", "Choose the account to write from")
    if account_reason:
        return translate("NewChatDialog", "This account cannot send right now")
    if not invitees:
        if pending:
            return translate("NewChatDialog", "An invitation is already pending")
        return translate("NewChatDialog", "Nobody here can be invited")
    return note_problem.rstrip(".") if note_problem else None

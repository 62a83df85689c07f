"""The business rules of sending: POST /chats/{id}/messages into a chat, POST /chats to start (or reuse) one."""

from __future__ import annotations

from .errors import ApiError, invalid_parameters, missing_parameters
from .models import LINKEDIN_FOLDERS, Account, Attendee, Chat, JsonDict, Message, now_ms
from .multipart import FormData, UploadedFile
from .state import SandboxState

MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
LINKEDIN_APIS = ("classic", "recruiter", "sales_navigator")
# Provider text limits (real-world figures; Unipile relays the provider's refusal as too_many_characters).
TEXT_LIMITS = {"LINKEDIN": 8000, "WHATSAPP": 65536, "INSTAGRAM": 1000, "MESSENGER": 2000, "TELEGRAM": 4096}


def send_message(state: SandboxState, chat_id: str, form: FormData) -> Message:
    """POST /chats/{id}/messages: store an outbound message (rules in the module docs of server.py)."""
    with state.lock:
        chat = state.chat(chat_id)
        account = state.accounts[chat.account_id]
        requested = form.first("account_id")
        if requested:
            state.account(requested)
            if requested != chat.account_id:
                raise ApiError(
                    403, "errors/account_mismatch", f"Chat {chat_id} does not belong to account {requested}."
                )
        state.require_connected(account)
        text, uploads = _content(form, account)
        if chat.read_only:
            raise ApiError(422, "errors/cant_send_message", "This chat is read-only; messages cannot be sent.")
        quoted: Message | None = None
        quote_id = form.first("quote_id")
        if quote_id:
            quoted = state.messages.get(quote_id)
            if quoted is None or quoted.chat_id != chat.id:
                raise invalid_parameters(f"quote_id {quote_id} is not a message of chat {chat_id}.")
        sender = state.attendees[account.self_attendee_id]
        message = state.store_message(chat, sender, text, _upload_tuples(uploads), quoted=quoted, origin="api")
        chat.unread_count = 0
        return message


def start_chat(state: SandboxState, form: FormData) -> tuple[Chat, Message]:
    """POST /chats: start (or reuse) a chat and send its first message.

    LinkedIn rules, in order: `linkedin[api]` must be classic (default), recruiter or sales_navigator (400);
    recruiter/sales_navigator need that premium feature (403 `errors/feature_not_subscribed`); unknown
    attendees are 422 `errors/invalid_recipient`; a single attendee with an existing 1:1 chat reuses it for
    free; classic without `linkedin[inmail]=true` needs 1st-degree connections (422
    `errors/no_connection_with_recipient`); InMail needs the premium feature (422 `errors/not_allowed_inmail`);
    InMail, or recruiter/sales_navigator to a non-connection, spends one credit of that product (422
    `errors/insufficient_credits` at zero) and creates a chat with content_type "inmail".
    """
    with state.lock:
        account_id = form.first("account_id")
        if not account_id:
            raise missing_parameters("account_id is required.")
        recipient_ids = [value for value in form.all("attendees_ids") if value.strip()]
        if not recipient_ids:
            raise missing_parameters("attendees_ids needs at least one attendee provider id.")
        account = state.account(account_id)
        state.require_connected(account)
        text, uploads = _content(form, account)
        linkedin_api, inmail = _linkedin_options(form, account)
        recipients = [_recipient(state, account, recipient_id) for recipient_id in recipient_ids]
        subject = form.first("subject") or form.first("title") or None

        existing = _existing_single_chat(state, account, recipients) if len(recipients) == 1 else None
        if existing is not None:
            if existing.read_only:
                raise ApiError(422, "errors/cant_send_message", "This chat is read-only; messages cannot be sent.")
            sender = state.attendees[account.self_attendee_id]
            message = state.store_message(existing, sender, text, _upload_tuples(uploads), origin="api")
            existing.unread_count = 0
            return existing, message

        paid_product = _linkedin_product_to_charge(account, linkedin_api, inmail, recipients)
        if paid_product is not None:
            if len(recipients) > 1:
                raise invalid_parameters("An InMail can only be sent to one recipient.")
            balance = account.inmail_balance.get(paid_product) or 0
            if balance <= 0:
                raise ApiError(
                    422, "errors/insufficient_credits", f"No {paid_product} InMail credits left on this account."
                )
            account.inmail_balance[paid_product] = balance - 1

        chat = _new_chat(state, account, recipients, subject, linkedin_api, paid_product is not None)
        extra: JsonDict | None = None
        if account.is_linkedin:
            extra = {"message_type": "INMAIL" if paid_product else "MESSAGE", "attendee_type": "MEMBER"}
            if subject:
                extra["subject"] = subject
        sender = state.attendees[account.self_attendee_id]
        message = state.store_message(chat, sender, text, _upload_tuples(uploads), extra=extra, origin="api")
        return chat, message


def _content(form: FormData, account: Account) -> tuple[str | None, list[UploadedFile]]:
    text = form.first("text")
    if text is not None and not text.strip():
        text = None
    uploads = form.files_named("attachments")
    if text is None and not uploads:
        raise missing_parameters("A message needs a text or at least one attachment.")
    if text is not None and len(text) > TEXT_LIMITS.get(account.type, 8000):
        raise ApiError(
            400,
            "errors/too_many_characters",
            f"The text exceeds {TEXT_LIMITS.get(account.type, 8000)} characters for {account.type}.",
        )
    for upload in uploads:
        if len(upload.data) > MAX_ATTACHMENT_BYTES:
            raise ApiError(
                400,
                "errors/content_too_large",
                f"Attachment {upload.filename or upload.field} exceeds {MAX_ATTACHMENT_BYTES} bytes.",
            )
    return text, uploads


def _upload_tuples(uploads: list[UploadedFile]) -> list[tuple[str, str | None, bytes]]:
    return [(upload.filename or "attachment", upload.content_type, upload.data) for upload in uploads]


def _linkedin_options(form: FormData, account: Account) -> tuple[str, bool]:
    if not account.is_linkedin:
        return "classic", False
    api = form.first("linkedin[api]") or "classic"
    if api not in LINKEDIN_APIS:
        raise invalid_parameters("linkedin[api] must be one of classic, recruiter, sales_navigator.")
    raw_inmail = (form.first("linkedin[inmail]") or "false").strip().lower()
    if raw_inmail not in ("true", "false"):
        raise invalid_parameters("linkedin[inmail] must be true or false.")
    if api != "classic" and api not in account.premium_features:
        raise ApiError(403, "errors/feature_not_subscribed", f"The account does not subscribe to LinkedIn {api}.")
    return api, api == "classic" and raw_inmail == "true"


def _recipient(state: SandboxState, account: Account, recipient_id: str) -> Attendee:
    """The person an `attendees_ids` value names: provider ids only, as the reference says (not attendee ids).

    Instagram's `provider_messaging_id` is not modelled: its attendees' `provider_id` stands in for it.
    """
    for attendee in state.attendees.values():
        if attendee.account_id == account.id and not attendee.is_self and attendee.provider_id == recipient_id:
            return attendee
    raise ApiError(422, "errors/invalid_recipient", f"Recipient {recipient_id} cannot be found on this account.")


def _existing_single_chat(state: SandboxState, account: Account, recipients: list[Attendee]) -> Chat | None:
    wanted = recipients[0].id
    candidates = [
        chat
        for chat in state.chats.values()
        if chat.account_id == account.id and chat.type == 0 and wanted in chat.attendee_ids
    ]
    return max(candidates, key=lambda chat: chat.activity_ms) if candidates else None


def _linkedin_product_to_charge(account: Account, api: str, inmail: bool, recipients: list[Attendee]) -> str | None:
    """Which InMail balance a new LinkedIn chat uses (None when free), or the 422 refusing it."""
    if not account.is_linkedin:
        return None
    strangers = [attendee for attendee in recipients if attendee.network_distance != "DISTANCE_1"]
    if api == "classic":
        if inmail:
            if "premium" not in account.premium_features:
                raise ApiError(422, "errors/not_allowed_inmail", "InMail needs a LinkedIn Premium subscription.")
            return "premium"
        if strangers:
            raise ApiError(
                422,
                "errors/no_connection_with_recipient",
                f"{strangers[0].name} is not a 1st-degree connection; send an InMail instead.",
            )
        return None
    return api if strangers else None


def _new_chat(
    state: SandboxState,
    account: Account,
    recipients: list[Attendee],
    subject: str | None,
    linkedin_api: str,
    inmail: bool,
) -> Chat:
    group = len(recipients) > 1
    name: str | None = None
    if group:
        name = subject or ", ".join(recipient.name.split(" ")[0] for recipient in recipients)
    created = now_ms()
    chat = Chat(
        id=state.ids.new(),
        account_id=account.id,
        account_type=account.type,
        provider_id=state.provider_ids.chat(account.type, group),
        name=name,
        type=1 if group else 0,
        created_at_ms=created,
        attendee_ids=[account.self_attendee_id] + [recipient.id for recipient in recipients],
        attendee_provider_id=None if group else recipients[0].provider_id,
        subject=subject if account.is_linkedin and subject else None,
    )
    if account.type == "WHATSAPP" and not group:
        chat.provider_id = recipients[0].provider_id
    if account.is_linkedin:
        chat.folder = list(LINKEDIN_FOLDERS[linkedin_api])
        if inmail:
            chat.content_type = "inmail"
    return state.add_chat(chat)

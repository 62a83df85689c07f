"""The client's routes about people: chat attendees, their pictures and chats, profiles, LinkedIn invitations.

Mixed into ``UnipileClient`` (``client.py``), which provides the transport these methods use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from .errors import NotFoundError
from .models import (
    Chat,
    ChatAttendee,
    Page,
    SentInvitation,
    parse_attendee,
    parse_chat,
    parse_invitation_sent_answer,
    parse_sent_invitation,
)
from .profiles_model import UserProfile, parse_user_profile
from .wire import decode_json as _decode_json
from .wire import expect_object as _expect_object
from .wire import query_params as _params
from .wire import seg as _seg

if TYPE_CHECKING:
    from .limits import Limits
    from .wire import Answer

T = TypeVar("T")

# ``GET /users/{identifier}``: the LinkedIn products a lookup may go through besides the classic one (SDK enum).
PROFILE_LINKEDIN_APIS = ("recruiter", "sales_navigator")


class PeopleRoutes:
    """Attendees, profiles and invitations; needs the transport of ``UnipileClient``."""

    if TYPE_CHECKING:
        limits: Limits

        async def _request(
            self,
            method: str,
            path: str,
            *,
            params: Mapping[str, str | int] | None = None,
            json_body: object = None,
        ) -> Answer: ...

        async def _get_json(self, path: str, params: Mapping[str, str | int] | None = None) -> object: ...

        async def _get_bytes(self, path: str, max_bytes: int) -> bytes: ...

        async def _get_page(
            self, path: str, params: Mapping[str, str | int], parse_item: Callable[[object, str], T], name: str
        ) -> Page[T]: ...

    # ------------------------------------------------------------------------------------------ attendees

    async def list_chat_attendees(self, chat_id: str) -> list[ChatAttendee]:
        page = await self._get_page(f"/chats/{_seg(chat_id)}/attendees", {}, parse_attendee, "ChatAttendeeList")
        return list(page.items)

    async def list_attendees(
        self, *, account_id: str | None = None, cursor: str | None = None, limit: int | None = None
    ) -> Page[ChatAttendee]:
        params = _params(account_id=account_id, cursor=cursor, limit=limit)
        return await self._get_page("/chat_attendees", params, parse_attendee, "ChatAttendeeList")

    async def get_attendee_picture(self, attendee_or_chat_id: str) -> bytes | None:
        """The avatar (or a group's picture for a chat id); None when there is none."""
        try:
            path = f"/chat_attendees/{_seg(attendee_or_chat_id)}/picture"
            data = await self._get_bytes(path, self.limits.picture_max_bytes)
        except NotFoundError:
            return None
        return data or None

    async def list_attendee_chats(
        self,
        attendee_id: str,
        *,
        account_id: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Page[Chat]:
        """``GET /chat_attendees/{id}/chats`` (SDK ``messaging.getAllChatsFromAttendee``): the 1:1 chats with a
        person, newest first; ``attendee_id`` is an attendee id or a provider id (then give ``account_id``)."""
        params = _params(account_id=account_id, cursor=cursor, limit=limit)
        return await self._get_page(f"/chat_attendees/{_seg(attendee_id)}/chats", params, parse_chat, "ChatList")

    # ------------------------------------------------------------------------------------------ profiles

    async def get_user_profile(
        self, identifier: str, *, account_id: str, linkedin_api: str | None = None
    ) -> UserProfile:
        """``GET /users/{identifier}`` (SDK ``users.getProfile``): a person's profile as ``account_id`` sees it.

        ``identifier`` is the provider id (for LinkedIn also the public identifier). A provider whose profiles the
        API does not serve answers 501: a ``ServerError`` whose ``type`` is ``errors/feature_not_implemented``.
        LinkedIn counts each lookup against the account's limits: cache the answer.
        """
        if linkedin_api is not None and linkedin_api not in PROFILE_LINKEDIN_APIS:
            raise ValueError(f"linkedin_api must be one of {', '.join(PROFILE_LINKEDIN_APIS)}, not {linkedin_api!r}")
        params = _params(account_id=account_id, linkedin_api=linkedin_api)
        data = await self._get_json(f"/users/{_seg(identifier)}", params)
        return parse_user_profile(data, asked=identifier)

    # ------------------------------------------------------------------------------------------ invitations

    async def send_invitation(self, account_id: str, provider_id: str, note: str | None = None) -> str:
        """``POST /users/invite`` (JSON, unlike the multipart sends): invite a LinkedIn member to connect.

        Returns the ``invitation_id``. Like sends it carries no idempotency key: when the error says it
        ``may_have_reached_server``, look for the person in ``list_sent_invitations`` before sending again.
        """
        body: dict[str, str] = {"provider_id": provider_id, "account_id": account_id}
        if note:
            body["message"] = note
        response = await self._request("POST", "/users/invite", json_body=body)
        return parse_invitation_sent_answer(_decode_json(response, "POST /users/invite"))

    async def list_sent_invitations(
        self, account_id: str, *, cursor: str | None = None, limit: int | None = None
    ) -> Page[SentInvitation]:
        """``GET /users/invite/sent``: the account's invitations still waiting for an answer, newest first."""
        params = _params(account_id=account_id, cursor=cursor, limit=limit)
        return await self._get_page("/users/invite/sent", params, parse_sent_invitation, "InvitationList")

    async def cancel_invitation(self, account_id: str, invitation_id: str) -> None:
        """``DELETE /users/invite/sent/{id}``: withdraw an invitation that is still waiting."""
        response = await self._request(
            "DELETE", f"/users/invite/sent/{_seg(invitation_id)}", params={"account_id": account_id}
        )
        _expect_object(_decode_json(response, "DELETE /users/invite/sent"), "InvitationCanceled")

"""Demo customers who write unasked: which chats they write in, that they do write, and only when asked to."""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers.polling import wait_for_condition
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.models import Message
from unipile_desktop.sandbox.replies import CUSTOMER_MESSAGES, customer_chats
from unipile_desktop.sandbox.seed import seeded_state

FAST_CUSTOMERS = (0.005, 0.02)  # seconds between unasked messages, so a test sees several at once
WAIT_S = 5.0


def unasked_messages(server: SandboxServer) -> list[Message]:
    """The messages the simulated customers wrote, in the order they were stored (two can share a millisecond).

    Nothing else stores inbound messages here: the seed's have origin "seed", and nobody sends, so none is a reply.
    """
    with server.state.lock:
        return [message for message in server.state.messages.values() if message.origin == "inbound"]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    wait_for_condition(condition, what, WAIT_S)


def test_customers_write_only_in_one_to_one_chats_open_to_replies() -> None:
    state = seeded_state(1)
    chats = {chat.id for chat in customer_chats(state)}
    landmarks = state.landmarks.chats
    assert {landmarks["long_history"], landmarks["rtl_arabic"], landmarks["linkedin_connection"]} <= chats
    for role in ("group", "left_group", "channel", "sponsored", "inmail_recruiter", "inmail_inbound", "disconnected"):
        assert landmarks[role] not in chats, role
    for chat_id in chats:
        chat = state.chats[chat_id]
        assert chat.type == 0 and not chat.read_only and chat.content_type is None


def test_customers_keep_writing_with_a_short_interval() -> None:
    with SandboxServer(api_key="k", simulate_replies=True, customer_interval=FAST_CUSTOMERS) as server:
        before = len(server.state.messages)
        wait_for(lambda: len(unasked_messages(server)) >= 5, "five unasked customer messages")
        written = unasked_messages(server)
        assert len(server.state.messages) >= before + 5
    allowed = {chat.id for chat in customer_chats(seeded_state(1))}
    lines = {line for language in CUSTOMER_MESSAGES.values() for line in language}
    for message in written:
        assert message.chat_id in allowed
        assert message.is_sender == 0 and message.text in lines
        assert server.state.chats[message.chat_id].unread_count > 0


def test_the_same_seed_gives_the_same_customers_the_same_words() -> None:
    def first_three(seed: int) -> list[tuple[str, str | None]]:
        with SandboxServer(api_key="k", seed=seed, simulate_replies=True, customer_interval=FAST_CUSTOMERS) as server:
            wait_for(lambda: len(unasked_messages(server)) >= 3, "three unasked customer messages")
            return [(message.chat_id, message.text) for message in unasked_messages(server)[:3]]

    assert first_three(1) == first_three(1)


def test_no_customer_writes_unless_simulation_is_asked_for() -> None:
    # The control writes with the same interval; once it has written several times, the other two would have too.
    with (
        SandboxServer(api_key="k", customer_interval=FAST_CUSTOMERS) as quiet,
        SandboxServer(api_key="k", simulate_replies=True, customer_interval=None) as answering_only,
        SandboxServer(api_key="k", simulate_replies=True, customer_interval=FAST_CUSTOMERS) as control,
    ):
        wait_for(lambda: len(unasked_messages(control)) >= 5, "the control's customers to write")
        assert unasked_messages(quiet) == []
        assert unasked_messages(answering_only) == []

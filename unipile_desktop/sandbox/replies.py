"""Simulated customers (demo mode): they answer the agent's messages a few seconds later, and now and then one of
them writes first, unasked, in a 1:1 chat that takes replies (the way a real queue fills up)."""

from __future__ import annotations

import heapq
import random
import threading
import time
from collections.abc import Callable

from .models import Chat
from .state import SandboxState

REPLIES: dict[str, list[str]] = {
    "en": [
        "Thanks for the quick answer! 🙏",
        "Ok, that works for me.",
        "Great, I'll wait for the parcel then 📦",
        "Hmm, I'm not sure I understand — could you explain?",
        "Perfect 👍",
        "One more question: can I pay by bank transfer?",
    ],
    "fr": [
        "Merci beaucoup !",
        "D'accord, parfait 👍",
        "Super, merci pour votre aide 🙂",
        "Je reviens vers vous demain.",
    ],
    "es": ["¡Muchas gracias!", "Vale, perfecto 👍", "Genial, quedo a la espera.", "¿Y cuánto tarda el envío?"],
    "de": ["Vielen Dank!", "Alles klar 👍", "Super, danke für die Hilfe!"],
    "ar": ["شكراً جزيلاً 🙏", "تمام 👍"],
    "he": ["תודה רבה!", "מעולה 👍"],
    "zh": ["谢谢！", "好的 👍"],
    "ru": ["Спасибо!", "Отлично 👍"],
}

# What a customer writes unasked: short follow-ups of the kind that fill a support queue.
CUSTOMER_MESSAGES: dict[str, list[str]] = {
    "en": [
        "Hi, any update on my order?",
        "Hello? Is anyone there?",
        "Could you tell me when my parcel will ship?",
        "Sorry to bother you again — did you get my last message?",
        "Quick question: do you deliver on weekends? 🚚",
        "I still haven't received the invoice.",
    ],
    "fr": ["Bonjour, des nouvelles de ma commande ?", "Vous êtes là ? J'attends toujours une réponse."],
    "es": ["Hola, ¿hay novedades de mi pedido?", "¿Me podéis confirmar la dirección de entrega?"],
    "de": ["Hallo, gibt es schon Neuigkeiten zu meiner Bestellung?"],
    "ar": ["مرحباً، هل من جديد بخصوص طلبي؟"],
    "he": ["היי, יש עדכון לגבי ההזמנה שלי?"],
    "zh": ["你好，我的订单有更新吗？"],
    "ru": ["Здравствуйте, есть новости по моему заказу?"],
}

# Chats a customer cannot start writing in on their own: LinkedIn ads and InMail threads are one-way outreach.
ONE_WAY_CONTENT = frozenset({"sponsored", "inmail"})
SINGLE_CHAT = 0  # Unipile chat `type`: 0 is a 1:1 chat, 1 a group, 2 a channel


def customer_chats(state: SandboxState) -> list[Chat]:
    """The chats where a simulated customer may write unasked: 1:1, open to replies, on a connected account."""
    with state.lock:
        return [
            chat
            for chat in state.chats.values()
            if chat.type == SINGLE_CHAT
            and not chat.read_only
            and chat.content_type not in ONE_WAY_CONTENT
            and "reply" not in (chat.disabled_features or ())
            and state.accounts[chat.account_id].source_status == "OK"
            and any(not attendee.is_self for attendee in state.chat_attendees(chat))
        ]


class ReplySimulator:
    """A daemon thread that posts one reply per chat after each burst of outbound messages, and a message from a
    customer every `customer_interval` seconds (a random pick in the range; None: never); restartable.

    Each kind draws from a random generator of its own, seeded, so adding customer messages left the sequence of
    replies as it was, and a server with the same seed has its customers write the same things in the same chats.
    """

    def __init__(
        self,
        state: SandboxState,
        seed: int,
        delay_s: tuple[float, float],
        customer_interval: tuple[float, float] | None = None,
    ) -> None:
        self._state = state
        self._rng = random.Random(f"unipile-sandbox-replies-{seed}")
        self._customer_rng = random.Random(f"unipile-sandbox-customers-{seed}")
        self._delay_s = delay_s
        self._customer_interval = customer_interval
        self._customer_due: float | None = None  # monotonic time of the next unasked message
        self._queue: list[tuple[float, str]] = []
        self._pending: set[str] = set()
        self._condition = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Run the reply thread; a no-op while it is running. A Thread starts only once, so each start makes one."""
        with self._condition:
            if self._thread is not None and self._thread.is_alive() and not self._stopping:
                return
            previous = self._thread
        if previous is not None:
            previous.join(timeout=5)
        with self._condition:
            if self._stopping:
                # Replies planned before a stop belong to the old run; a restarted server starts quiet.
                self._queue.clear()
                self._pending.clear()
            self._stopping = False
            self._customer_due = self._next_customer_due()
            self._thread = threading.Thread(target=self._run, name="sandbox-replies", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
            thread = self._thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout=5)

    def schedule(self, chat_id: str) -> None:
        """Plan a reply in `chat_id` unless one is already pending there (bursts get one answer)."""
        with self._condition:
            if self._stopping or chat_id in self._pending:
                return
            low, high = self._delay_s
            due = time.monotonic() + self._rng.uniform(low, max(low, high))
            self._pending.add(chat_id)
            heapq.heappush(self._queue, (due, chat_id))
            self._condition.notify_all()

    def _next_customer_due(self) -> float | None:
        if self._customer_interval is None:
            return None
        low, high = self._customer_interval
        return time.monotonic() + self._customer_rng.uniform(low, max(low, high))

    def _next_wake(self) -> float | None:
        """When the thread has something to do: the earliest planned reply or unasked message (None: nothing)."""
        times = [self._queue[0][0]] if self._queue else []
        if self._customer_due is not None:
            times.append(self._customer_due)
        return min(times, default=None)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._stopping:
                    wake, now = self._next_wake(), time.monotonic()
                    if wake is not None and wake <= now:
                        break
                    self._condition.wait(None if wake is None else wake - now)
                if self._stopping:
                    return
                action = self._take_due_action()
            action()

    def _take_due_action(self) -> Callable[[], None]:
        """The reply or unasked message that is due, its random draws taken now (under the lock, in order)."""
        if self._queue and self._queue[0][0] <= time.monotonic():
            _, chat_id = heapq.heappop(self._queue)
            self._pending.discard(chat_id)
            choice = self._rng.random()
            return lambda: self._reply(chat_id, choice)
        self._customer_due = self._next_customer_due()
        pick, line = self._customer_rng.random(), self._customer_rng.random()
        return lambda: self._customer_writes(pick, line)

    def _reply(self, chat_id: str, choice: float) -> None:
        with self._state.lock:
            chat = self._state.chats.get(chat_id)
            if chat is None or chat.read_only:
                return
            others = [attendee for attendee in self._state.chat_attendees(chat) if not attendee.is_self]
            if not others:
                return
            sender = others[int(choice * len(others))]
            lines = REPLIES.get(self._state.attendee_langs.get(sender.id, "en"), REPLIES["en"])
            text = lines[int(choice * 997) % len(lines)]
            self._state.inject_inbound(chat_id, text, sender.id)

    def _customer_writes(self, pick: float, line: float) -> None:
        """The customer of one chat picked by `pick` writes the line picked by `line`, in their language."""
        with self._state.lock:
            chats = customer_chats(self._state)
            if not chats:
                return
            chat = chats[int(pick * len(chats))]
            sender = next(attendee for attendee in self._state.chat_attendees(chat) if not attendee.is_self)
            lines = CUSTOMER_MESSAGES.get(self._state.attendee_langs.get(sender.id, "en"), CUSTOMER_MESSAGES["en"])
            self._state.inject_inbound(chat.id, lines[int(line * len(lines))], sender.id)

"""Simulated customers who answer the agent's messages a few seconds later (demo mode)."""

from __future__ import annotations

import heapq
import random
import threading
import time

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


class ReplySimulator:
    """A daemon thread that posts one reply per chat after each burst of outbound messages; restartable."""

    def __init__(self, state: SandboxState, seed: int, delay_s: tuple[float, float]) -> None:
        self._state = state
        self._rng = random.Random(f"unipile-sandbox-replies-{seed}")
        self._delay_s = delay_s
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

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._stopping and (not self._queue or self._queue[0][0] > time.monotonic()):
                    timeout = self._queue[0][0] - time.monotonic() if self._queue else None
                    self._condition.wait(timeout)
                if self._stopping:
                    return
                _, chat_id = heapq.heappop(self._queue)
                self._pending.discard(chat_id)
                choice = self._rng.random()
            self._reply(chat_id, choice)

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

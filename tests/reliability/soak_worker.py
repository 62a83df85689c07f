"""Soak child process: the app's real sending core (store + outbox engine + UnipileClient) working through a plan.

Started, closed, SIGKILLed and started again by ``soak.py``, always on the same database. It resumes whatever the
database holds and goes through the plan (``plan.json``, written by the parent):

- a ``send`` item is enqueued (local id ``s<index>``, so a restart knows which are done; texts repeat) and
  ``enqueued <n>`` is printed once it is durable;
- an ``other`` item stores the same kind of short text from "another device" on the same account (the sandbox
  control ``POST /_sandbox/chats/{id}/outgoing``), but only while no entry with that chat and text is
  unfinished (queued, sending, unknown or unsure); otherwise it waits until one is. That rule keeps out the one
  case nobody can decide: a copy stored by the other device *while* one of our own sends of the same text is
  unresolved looks exactly like our late copy, so an app (or a person) could only guess. Stored before our own
  entry is enqueued, the other device's copy is below the entry's baseline, which is what must be proven safe.

Entries the engine shows as ``unsure`` are resolved as an agent would: Check again after a while (a few times),
then, once the chat and text are quiet and every late store has had its time, look at the chat like a person:
count our copies of the text, take away those the agent already knew of (there before the run, sent from the
phone, or belonging to messages shown as sent) and say "It was sent" for as many unsure entries as copies are left
unexplained, "Send again" for the rest. Nothing is ever enqueued again by the soak itself.

On stdin, ``close`` asks for a graceful close: ``await engine.close()`` and exit 0 (``closed`` is printed first).
Every state change goes to ``--history`` as one JSON line (the parent shows it when something went wrong).
When everything is settled it prints ``drained <json>`` and exits. The API key comes from ``SOAK_API_KEY``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

import httpx

from unipile_desktop.api import UnipileClient
from unipile_desktop.api.errors import UnipileError
from unipile_desktop.engine.outbox import OutboxEngine, OutboxError, RetryPolicy
from unipile_desktop.store import Store
from unipile_desktop.store.outbox import MessageSend, OutboxEntry, OutboxState

OPEN_STATES: tuple[OutboxState, ...] = ("queued", "sending", "unknown", "unsure")
AGENT_TICK = 0.25  # seconds between two looks of the agent at the outbox


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class History:
    """Append-only JSON lines: every state change of every entry, and what the worker did."""

    def __init__(self, path: Path, run: int) -> None:
        self._file: TextIO = path.open("a", encoding="utf-8")
        self._run = run

    def write(self, event: str, **fields: Any) -> None:
        record = {"t": round(time.time(), 3), "run": self._run, "ev": event, **fields}
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()

    def entry(self, entry: OutboxEntry) -> None:
        self.write(
            "state",
            id=entry.local_id,
            state=entry.state,
            attempts=entry.attempts,
            ambiguous=entry.ambiguous_attempts,
            message_id=entry.message_id,
            duplicates=list(getattr(entry, "duplicate_ids", ())),  # getattr: older engines (positive control)
            reason=entry.reason,
            last_attempt_at=entry.last_attempt_at,
            settle_until=getattr(entry, "settle_until", None),
        )

    def close(self) -> None:
        self._file.close()


class Worker:
    def __init__(self, args: argparse.Namespace, plan: dict[str, Any], store: Store, client: UnipileClient) -> None:
        self.args = args
        self.plan = plan
        self.store = store
        self.client = client
        wanted = {"base_delay": 0.05, "max_delay": 1.0, "jitter": 0.5, "max_ambiguous_attempts": 10, **plan["policy"]}
        # Only the fields this engine has: the same worker then runs an older engine too (a positive control).
        known = {f.name for f in dataclasses.fields(RetryPolicy)}
        self.policy = RetryPolicy(**{name: value for name, value in wanted.items() if name in known})
        self.settle_window = float(plan["policy"]["settle_window"])
        self.client_timeout = float(plan["client_timeout"])
        self.engine = OutboxEngine(store, client, policy=self.policy, rng=random.Random(args.seed * 1000 + args.run))
        self.history = History(args.history, args.run)
        self.others_path = args.db.with_suffix(".other.jsonl")
        self.locks: dict[tuple[str, str], asyncio.Lock] = {}
        self.pending_others: list[dict[str, Any]] = []
        self.agent: dict[str, dict[str, float]] = {}  # local id → {"since": when it became unsure, "checks": n}
        self.controls = httpx.AsyncClient(base_url=args.dsn.rstrip("/") + "/_sandbox", timeout=10)

    # ------------------------------------------------------------------------------------------ bookkeeping

    def on_change(self, entry: OutboxEntry) -> None:
        self.history.entry(entry)
        if entry.state == "unsure":
            info = self.agent.setdefault(entry.local_id, {"since": time.monotonic(), "checks": 0})
            info["since"] = time.monotonic()
            say(f"unsure {entry.local_id}")

    def lock(self, chat_id: str, text: str) -> asyncio.Lock:
        return self.locks.setdefault((chat_id, text), asyncio.Lock())

    def open_entries(self, chat_id: str, text: str, states: tuple[OutboxState, ...] = OPEN_STATES) -> list[OutboxEntry]:
        return [e for e in self.store.outbox.entries(chat_id=chat_id, states=states) if e.text == text]

    def others_done(self) -> set[int]:
        if not self.others_path.exists():
            return set()
        done = set()
        for line in self.others_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                done.add(int(json.loads(line)["i"]))
        return done

    # ------------------------------------------------------------------------------------------ "another device"

    async def flush_others(self) -> None:
        """Store the waiting other-device texts whose chat and text have no unfinished entry (module docs)."""
        still: list[dict[str, Any]] = []
        for item in self.pending_others:
            chat_id, text = item["chat_id"], item["text"]
            lock = self.lock(chat_id, text)
            if lock.locked() or self.open_entries(chat_id, text):
                still.append(item)
                continue
            async with lock:
                response = await self.controls.post(f"/chats/{chat_id}/outgoing", json={"text": text})
                response.raise_for_status()
            with self.others_path.open("a", encoding="utf-8") as done:
                done.write(json.dumps({"i": item["i"]}) + "\n")
            self.history.write(
                "other_device", i=item["i"], chat_id=chat_id, text=text, message_id=response.json()["id"]
            )
            say(f"other {item['i']}")
        self.pending_others = still

    # ------------------------------------------------------------------------------------------ the agent

    async def agent_step(self) -> None:
        now = time.monotonic()
        unsure = self.store.outbox.entries(states=("unsure",))
        ready: dict[tuple[str, str], list[OutboxEntry]] = {}
        for entry in unsure:
            info = self.agent.setdefault(entry.local_id, {"since": now, "checks": 0})
            if info["checks"] < self.args.agent_checks:
                if (
                    now - info["since"] >= self.args.agent_wait
                    and not self.lock(entry.chat_id or "", entry.text or "").locked()
                ):
                    info["checks"] += 1
                    with contextlib.suppress(OutboxError):
                        self.engine.check_again(entry.local_id)
                        self.history.write("agent_check_again", id=entry.local_id, n=int(info["checks"]))
                        say(f"check_again {entry.local_id}")
                continue
            ready.setdefault((entry.chat_id or "", entry.text or ""), []).append(entry)
        for (chat_id, text), entries in ready.items():
            await self.decide(chat_id, text, entries)

    async def decide(self, chat_id: str, text: str, unsure: list[OutboxEntry]) -> None:
        """Look at the chat like a person and choose "It was sent" or "Send again" for each unsure entry."""
        if self.open_entries(chat_id, text, ("queued", "sending", "unknown")):
            return  # our own sends of this text are still moving: count later
        if len(self.open_entries(chat_id, text, ("unsure",))) != len(unsure):
            return  # another "not sure" one is still being checked again: its copy would be counted as unexplained
        wall = time.time()
        latest = max((e.last_attempt_at or e.created_at) for e in unsure)
        if wall < latest + self.client_timeout + self.settle_window + 1.0:
            return  # a late copy of ours may still land: a person would wait too
        async with self.lock(chat_id, text):
            try:
                copies = await self.count_own_copies(chat_id, text)
                counts = (await self.controls.get(f"/chats/{chat_id}/message_counts")).json()
            except (UnipileError, httpx.HTTPError) as err:
                self.history.write("agent_look_failed", chat_id=chat_id, text=text, error=str(err))
                return
            # What the person already knows of: copies there before the run, sent from the phone, and the
            # messages the app shows as sent (one copy each).
            before = int(self.plan["initial"].get(chat_id, {}).get(text, 0))
            phone = int(counts["other_device_by_text"].get(text, 0))
            shown_sent = len(self.open_entries(chat_id, text, ("sent",)))
            unexplained = copies - before - phone - shown_sent
            unsure = sorted(unsure, key=lambda e: e.position)
            confirm = max(0, min(unexplained, len(unsure)))
            for n, entry in enumerate(unsure):
                action = "confirm_sent" if n < confirm else "send_again"
                try:
                    if action == "confirm_sent":
                        self.engine.confirm_sent(entry.local_id)
                    else:
                        self.engine.send_again(entry.local_id)
                except OutboxError as err:
                    self.history.write("agent_refused", id=entry.local_id, action=action, error=str(err))
                    continue
                self.agent.pop(entry.local_id, None)
                detail = {"copies": copies, "before": before, "phone": phone, "shown_sent": shown_sent}
                self.history.write("agent_decided", id=entry.local_id, action=action, **detail)
                say(f"agent {action} {entry.local_id} {json.dumps(detail)}")

    async def count_own_copies(self, chat_id: str, text: str) -> int:
        """Our messages (``is_sender``) with this text in the whole chat, read through the API like the app."""
        count = 0
        cursor: str | None = None
        while True:
            page = await self.client.list_messages(chat_id, cursor=cursor, limit=250)
            count += sum(1 for m in page.items if m.is_sender and m.text == text)
            if page.cursor is None:
                return count
            cursor = page.cursor

    # ------------------------------------------------------------------------------------------ the run

    async def enqueue_all(self) -> None:
        known = {entry.local_id for entry in self.store.outbox.entries()}
        others_done = self.others_done()
        enqueued = sum(1 for item in self.plan["items"] if item["kind"] == "send" and f"s{item['i']:05d}" in known)
        say(f"resumed {enqueued}")
        for item in self.plan["items"]:
            if item["kind"] == "other":
                if item["i"] not in others_done:
                    self.pending_others.append(item)
                    await self.flush_others()
                continue
            local_id = f"s{item['i']:05d}"
            if local_id in known:
                continue
            async with self.lock(item["chat_id"], item["text"]):
                send = MessageSend(item["chat_id"], item["text"], account_id=item["account_id"])
                self.engine.enqueue(send, local_id=local_id)
            enqueued += 1
            say(f"enqueued {enqueued}")
            await asyncio.sleep(self.args.pace)
        say("all_enqueued")

    async def agent_loop(self) -> None:
        while True:
            try:
                await self.agent_step()
                await self.flush_others()
            except (UnipileError, httpx.HTTPError) as err:
                self.history.write("agent_error", error=str(err))
            await asyncio.sleep(AGENT_TICK)

    def settled(self) -> bool:
        return not self.engine.busy and not self.pending_others and not self.store.outbox.entries(states=OPEN_STATES)

    async def run(self, close_requested: asyncio.Event) -> int:
        self.engine.add_listener(self.on_change)
        self.engine.start()  # resumes: interrupted sends are reconciled before anything else in their chat
        agent = asyncio.ensure_future(self.agent_loop())
        enqueue = asyncio.ensure_future(self.enqueue_all())
        closing = asyncio.ensure_future(close_requested.wait())
        deadline = time.monotonic() + self.args.timeout
        try:
            while True:
                if closing.done():
                    enqueue.cancel()
                    agent.cancel()
                    await asyncio.gather(enqueue, agent, return_exceptions=True)
                    await self.engine.close()
                    self.history.write("closed")
                    say("closed")
                    return 0
                if enqueue.done() and enqueue.exception() is not None:
                    raise enqueue.exception()  # type: ignore[misc]
                if enqueue.done() and self.settled():
                    break
                if time.monotonic() > deadline:
                    break
                await asyncio.wait({closing}, timeout=0.1)
            agent.cancel()
            await asyncio.gather(agent, return_exceptions=True)
            drained = enqueue.done() and self.settled()
            await self.engine.close()
            states = Counter(entry.state for entry in self.store.outbox.entries())
            say("drained " + json.dumps({"drained": drained, "states": dict(states)}))
            return 0 if drained else 2
        finally:
            closing.cancel()
            await self.controls.aclose()
            self.history.close()


def read_commands(loop: asyncio.AbstractEventLoop, close_requested: asyncio.Event) -> None:
    """Stdin, on a thread: ``close`` asks for a graceful close."""
    for line in sys.stdin:
        if line.strip() == "close":
            loop.call_soon_threadsafe(close_requested.set)
            return


async def main_async(args: argparse.Namespace) -> int:
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    close_requested = asyncio.Event()
    threading.Thread(target=read_commands, args=(asyncio.get_running_loop(), close_requested), daemon=True).start()
    timeout = httpx.Timeout(float(plan["client_timeout"]))
    with Store.open(args.db) as store:
        async with UnipileClient(args.dsn, os.environ.get("SOAK_API_KEY", ""), timeout=timeout) as client:
            return await Worker(args, plan, store, client).run(close_requested)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--history", type=Path, required=True, help="JSON lines: every state change")
    parser.add_argument("--run", type=int, default=0, help="how many times the worker was started before")
    parser.add_argument("--pace", type=float, default=0.05, help="seconds between two enqueues")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for everything to settle")
    parser.add_argument("--agent-wait", type=float, default=2.0, help="seconds before the agent checks again")
    parser.add_argument("--agent-checks", type=int, default=3, help="Check again this often before deciding")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="worker %(levelname)s %(name)s: %(message)s")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())

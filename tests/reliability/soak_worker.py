"""Soak child process: the app's real sending core (store + outbox engine + UnipileClient) working through a plan.

Started (and SIGKILLed, then started again) by ``soak.py``. It resumes whatever the database holds, enqueues
the plan's sends that are not in the outbox yet (texts are unique), prints ``enqueued <n>`` after each durable
enqueue, waits until the outbox drains, then prints ``drained <json of state counts>``. The API key comes from
the ``SOAK_API_KEY`` environment variable so it never shows in a process list.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import sys
from collections import Counter
from pathlib import Path

import httpx

from unipile_desktop.api import UnipileClient
from unipile_desktop.core.outbox import OutboxEngine, RetryPolicy
from unipile_desktop.store import Store

SOAK_POLICY = RetryPolicy(
    base_delay=0.05,
    max_delay=1.0,
    jitter=0.5,
    settle_delay=1.0,  # longer than any delay the soak's fault rules inject
    timeout_settle_delay=1.0,  # the same after a 504: the soak's late answers come within that
    max_ambiguous_attempts=20,
)
CLIENT_TIMEOUT = httpx.Timeout(connect=5.0, read=10.0, write=10.0, pool=10.0)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def run(
    db: Path, dsn: str, api_key: str, plan: list[dict[str, str]], pace: float, timeout: float, seed: int
) -> int:
    with Store.open(db) as store:
        async with UnipileClient(dsn, api_key, timeout=CLIENT_TIMEOUT) as client:
            engine = OutboxEngine(store, client, policy=SOAK_POLICY, rng=random.Random(seed))
            engine.start()  # resumes: interrupted sends are reconciled before anything else in their chat
            known = {entry.text for entry in store.outbox.entries()}
            enqueued = len(known)
            say(f"resumed {enqueued}")
            for item in plan:
                if item["text"] in known:
                    continue
                engine.send_message(item["chat_id"], item["text"], account_id=item["account_id"])
                enqueued += 1
                say(f"enqueued {enqueued}")
                await asyncio.sleep(pace)
            drained = await engine.wait_idle(timeout)
            await engine.close()
            states = Counter(entry.state for entry in store.outbox.entries())
            say("drained " + json.dumps({"drained": drained, "states": dict(states)}))
            return 0 if drained else 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--plan", type=Path, required=True, help="JSON list of {chat_id, account_id, text}")
    parser.add_argument("--pace", type=float, default=0.01, help="seconds between two enqueues")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the outbox to drain")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="worker %(levelname)s %(name)s: %(message)s")
    api_key = os.environ.get("SOAK_API_KEY", "")
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    return asyncio.run(run(args.db, args.dsn, api_key, plan, args.pace, args.timeout, args.seed))


if __name__ == "__main__":
    sys.exit(main())

"""The engine's one retry backoff: exponential from a base, capped, with jitter that only ever shortens a wait.

The outbox (a send that certainly did not reach the server) and the sync (a poll that failed) both wait
``base * multiplier ** (failures - 1)`` seconds after ``failures`` failures in a row, at most ``cap``, and then take
a random fraction of up to ``jitter`` off that wait, so that many clients that failed together do not retry together.

Why jitter is taken off rather than added (the sync used to add its own): the cap stays a real cap. The outbox's
``max_delay`` promises that an offline queue is retried at least that often, and the sync's "retrying in N s" never
shows more than its ``max_error_delay``; the first retry never comes later than ``base``. Spreading the waits
downwards desynchronises clients as well as spreading them upwards does.
"""

from __future__ import annotations

import random

MAX_EXPONENT = 30  # far beyond any cap, and keeps ``multiplier ** exponent`` a finite float


def backoff_delay(
    failures: int,
    *,
    base: float,
    cap: float,
    multiplier: float = 2.0,
    jitter: float = 0.0,
    rng: random.Random,
) -> float:
    """Seconds to wait after ``failures`` failures in a row (1: the first), in ``[(1 - jitter) * d, d]``.

    ``d`` is ``base * multiplier ** (failures - 1)``, at most ``cap``; one draw of ``rng`` picks the part taken off.
    """
    exponent = max(0, min(failures - 1, MAX_EXPONENT))
    delay = min(cap, base * multiplier**exponent)
    return delay * (1.0 - jitter * rng.random())

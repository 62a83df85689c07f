"""The engine's one backoff: growth from the base, the cap, and jitter that only ever shortens a wait."""

from __future__ import annotations

import random

import pytest

from unipile_desktop.engine.backoff import backoff_delay


class FixedDraw(random.Random):
    """A random source whose every draw is ``value`` (0 ≤ value < 1), so the jitter's bounds can be hit exactly."""

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def random(self) -> float:
        return self.value


NO_DRAW = FixedDraw(0.0)


def test_the_first_failure_waits_the_base_and_each_further_one_multiplies_it() -> None:
    delays = [backoff_delay(n, base=2.0, cap=1000.0, rng=NO_DRAW) for n in range(1, 6)]
    assert delays == [2.0, 4.0, 8.0, 16.0, 32.0]
    tripled = [backoff_delay(n, base=1.0, cap=1000.0, multiplier=3.0, rng=NO_DRAW) for n in range(1, 4)]
    assert tripled == [1.0, 3.0, 9.0]


def test_no_failure_yet_counts_as_the_first() -> None:
    assert backoff_delay(0, base=2.0, cap=60.0, rng=NO_DRAW) == 2.0
    assert backoff_delay(-3, base=2.0, cap=60.0, rng=NO_DRAW) == 2.0


def test_the_cap_holds_however_many_failures_came() -> None:
    assert backoff_delay(7, base=1.0, cap=60.0, rng=NO_DRAW) == 60.0  # 64 s, capped
    assert backoff_delay(10_000, base=1.0, cap=60.0, rng=NO_DRAW) == 60.0  # no overflow on a long outage
    assert backoff_delay(3, base=100.0, cap=60.0, rng=NO_DRAW) == 60.0  # a base above the cap is capped too


@pytest.mark.parametrize("draw", [0.0, 0.25, 0.5, 0.999999])
def test_jitter_takes_up_to_its_fraction_off_and_never_adds(draw: float) -> None:
    nominal = 8.0
    delay = backoff_delay(3, base=2.0, cap=60.0, jitter=0.5, rng=FixedDraw(draw))
    assert delay == pytest.approx(nominal * (1.0 - 0.5 * draw))
    assert nominal * 0.5 < delay <= nominal


def test_jittered_waits_stay_within_bounds_below_the_cap_and_spread() -> None:
    rng = random.Random(11)
    for failures in range(1, 12):
        nominal = min(60.0, 1.0 * 2.0 ** (failures - 1))
        delays = [backoff_delay(failures, base=1.0, cap=60.0, jitter=0.1, rng=rng) for _ in range(200)]
        assert all(0.9 * nominal <= d <= nominal for d in delays)
        assert max(delays) <= 60.0  # the cap is a real cap, jitter included
        assert len(set(delays)) > 100  # spread out: clients that failed together do not retry together


def test_without_jitter_the_wait_is_exact_whatever_the_draw() -> None:
    assert backoff_delay(4, base=0.02, cap=0.1, rng=FixedDraw(0.9)) == pytest.approx(0.1)
    assert backoff_delay(2, base=0.02, cap=0.1, rng=FixedDraw(0.9)) == pytest.approx(0.04)


def test_growth_is_monotonic_up_to_the_cap() -> None:
    delays = [backoff_delay(n, base=0.5, cap=30.0, rng=NO_DRAW) for n in range(1, 20)]
    assert delays == sorted(delays)
    assert delays[-1] == 30.0

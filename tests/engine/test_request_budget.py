"""RequestBudget, the token bucket behind the polling budget: rate, burst, debt cap, a change of rate."""

from __future__ import annotations

import pytest

from unipile_desktop.engine.request_budget import RequestBudget


def test_requests_beyond_the_burst_wait_for_the_rate_and_the_debt_is_capped() -> None:
    now = [0.0]
    budget = RequestBudget(12, burst=2, clock=lambda: now[0])
    assert budget.ready_at() == 0.0
    budget.spend(2)
    assert budget.ready_at() == pytest.approx(5.0)  # one request every 5 s at 12 a minute
    budget.spend(10)  # a burst the agent asked for (F5, accounts): the debt stops at -burst
    assert budget.tokens() == -2
    assert budget.ready_at() == pytest.approx(15.0)
    now[0] = 100.0
    assert budget.tokens() == 2  # a quiet time refills up to the burst, no further
    assert budget.spent == 12


def test_a_change_of_rate_counts_what_accrued_at_the_old_rate_first() -> None:
    now = [0.0]
    budget = RequestBudget(12, burst=2, clock=lambda: now[0])
    budget.spend(2)
    now[0] = 2.5  # half a request accrued at 12 a minute
    budget.set_rate(3)  # the window went to the background
    assert budget.tokens() == pytest.approx(0.5)
    assert budget.ready_at() == pytest.approx(2.5 + 10.0)  # the other half at 3 a minute
    with pytest.raises(ValueError):
        budget.set_rate(0)


def test_requests_the_agent_asked_for_empty_the_budget_but_leave_no_debt() -> None:
    now = [0.0]
    budget = RequestBudget(12, burst=2, clock=lambda: now[0])
    budget.spend(10, asked=True)  # F5 and switching accounts several times
    assert budget.tokens() == 0
    assert budget.ready_at() == pytest.approx(5.0)  # the next scheduled poll waits one token's time, not 15 s
    budget.spend(1)
    assert budget.tokens() == -1  # a scheduled poll's own cost still counts

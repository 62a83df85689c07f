"""CI-sized soak: 100 sends of mostly repeated short texts through faults, a close and a SIGKILL mid-send.

The verdict and the minimums come from the soak's own JSON line (counted on the server side, see soak.py); this
test checks that nothing was lost or duplicated and that the run really went through what it claims: at least
20 % of the send attempts faulted, 5 % ambiguous, one graceful close and one kill while a send was in flight.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parent / "soak.py"
KEYS = {
    "sends",
    "faulted_attempts",
    "ambiguous_attempts",
    "closes",
    "kills",
    "delivered_once",
    "duplicates",
    "lost",
    "unsure_shown",
    "failed_visible",
}


@pytest.mark.slow
# The run waits on settle windows (wall-clock, not CPU): 49 s here, and more on a loaded CI machine. The soak
# bounds itself (--timeout), the subprocess call bounds the soak, and this bounds both.
@pytest.mark.timeout(200)
def test_short_soak_loses_and_duplicates_nothing() -> None:
    run = subprocess.run(
        [sys.executable, str(SOAK), "--sends", "100", "--chats", "8", "--seed", "11", "--timeout", "150"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout + run.stderr
    result = json.loads(lines[0])
    assert set(result) == KEYS, run.stderr
    assert result["lost"] == 0 and result["duplicates"] == 0, run.stderr
    assert result["sends"] == 100
    assert result["delivered_once"] + result["failed_visible"] == 100, run.stderr
    assert result["closes"] >= 1 and result["kills"] >= 1, run.stderr
    details = json.loads(run.stderr.split("soak: details ", 1)[1].splitlines()[0])
    attempts = details["send_attempts"]
    assert attempts >= 100
    assert result["faulted_attempts"] >= 0.20 * attempts, run.stderr
    assert result["ambiguous_attempts"] >= 0.05 * attempts, run.stderr
    assert details["unresolved"] == [] and details["misclaimed"] == [] and details["misattributed"] == []
    assert details["order_violations"] == 0
    assert details["other_device_copies"] > 0  # the other device really sent the same texts
    assert run.returncode == 0, run.stderr

"""CI-sized soak: 40 sends through faults and a SIGKILL mid-run; nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parent / "soak.py"


@pytest.mark.slow
def test_short_soak_loses_and_duplicates_nothing() -> None:
    run = subprocess.run(
        [sys.executable, str(SOAK), "--sends", "40", "--chats", "4", "--seed", "11", "--timeout", "45"],
        capture_output=True,
        text=True,
        timeout=55,
        check=False,
    )
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout + run.stderr
    result = json.loads(lines[0])
    assert result == {"sends": 40, "delivered_once": 40, "duplicates": 0, "lost": 0, "failed_visible": 0}, run.stderr
    assert run.returncode == 0, run.stderr
    killed = re.search(r"SIGKILL with (\d+) of 40 enqueued; outbox then: (.*)", run.stderr)
    assert killed is not None, run.stderr
    assert 20 <= int(killed.group(1)) < 40  # killed mid-run: the restarted worker enqueued the rest
    details = json.loads(run.stderr.split("soak: details ", 1)[1].splitlines()[0])
    assert details["order_violations"] == 0
    assert sum(details["faults_fired"].values()) > 0  # the run really went through faults

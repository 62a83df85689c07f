"""The real-app benchmark runs end to end in its quick mode and prints every figure it promises as a number (no
figure is judged against its target here) and an HTML report."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REALAPP = Path(__file__).resolve().parent / "realapp.py"

SUMMARY_FIGURES = [
    "startup_vs_bare",
    "warm_start_vs_bare",
    "chat_switch_p95_ms",
    "live_message_ms",
    "older_page_ms",
    "filter_keystroke_p95_ms",
    "first_sync_max_stall_ms",
    "max_stall_ms",
    "rss_10k_mb",
    "requests_per_min_active",
    "requests_per_min_background",
]
BESIDE = {  # the p95 and max beside each median, and the p99 beside the longest stall
    "startup_vs_bare": ["startup_vs_bare_p95", "startup_vs_bare_max"],
    "warm_start_vs_bare": ["warm_start_vs_bare_p95", "warm_start_vs_bare_max"],
    "chat_switch_p95_ms": ["chat_switch_median_ms", "chat_switch_max_ms"],
    "live_message_ms": ["live_message_p95_ms", "live_message_max_ms"],
    "older_page_ms": ["older_page_p95_ms", "older_page_max_ms"],
    "filter_keystroke_p95_ms": ["filter_keystroke_median_ms", "filter_keystroke_max_ms"],
    "max_stall_ms": ["stall_p99_ms"],
    "first_sync_max_stall_ms": ["first_sync_stall_p99_ms"],
}
MEASURES = [
    "data.generate",
    "prime",
    "startup.cold",
    "startup.warm",
    "requests.active",
    "requests.background",
    "browse",
]


def is_figure(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@pytest.mark.slow
@pytest.mark.timeout(170)
def test_the_quick_real_app_benchmark_prints_every_figure(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    # Smaller than --quick's defaults (and 8 s idle windows instead of 20 s) to keep the suite's time reasonable.
    run = subprocess.run(
        [sys.executable, str(REALAPP), "--quick", "--chats", "120", "--messages", "1200", "--long", "300"]
        + ["--idle", "8", "--plot", str(report)],
        capture_output=True,
        text=True,
        timeout=160,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]  # every line is one JSON object
    machine, *measurements, summary = lines
    assert machine["type"] == "machine" and machine["nproc"]
    assert [m["measure"] for m in measurements if m["type"] == "measurement"] == MEASURES
    assert all(isinstance(m["data"], str) and m["data"] and m["load"] for m in measurements)

    assert summary["type"] == "summary"
    assert summary["ok"] is True and summary["quick"] is True
    names = SUMMARY_FIGURES + [name for beside in BESIDE.values() for name in beside]
    not_figures = {name: summary.get(name) for name in names if not is_figure(summary.get(name))}
    assert not not_figures, summary.get("reasons")
    assert summary["targets"].keys() == set(SUMMARY_FIGURES)
    by_name = {m["measure"]: m for m in measurements}
    assert by_name["browse"]["chats_listed"] >= 120  # the seed-1 accounts' chats besides
    assert by_name["browse"]["keystroke_chats"] == by_name["browse"]["chats_listed"]
    assert by_name["requests.active"]["engine_active"] is True
    assert by_name["requests.background"]["engine_active"] is False
    page = report.read_text(encoding="utf-8")
    assert page.count("<svg") == len(SUMMARY_FIGURES)

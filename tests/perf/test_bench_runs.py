"""The benchmark runs end to end in its quick size and prints the JSON lines it promises (no timing is judged)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent / "bench.py"

MEASURES = {
    "data.generate": ["chats", "messages", "generate_ms"],
    "startup.cold": ["runs", "window_shown_ms", "usable_ms", "painted_ms", "main_to_usable_ms", "rss_mb", "each_run"],
    "startup.warm": ["runs", "first_run_usable_ms", "usable_ms", "painted_ms", "rss_mb"],
    "chat_list.fetch": ["chats", "requests", "fetch_ms"],
    "chat_list.insert": ["chats", "insert_ms", "view_layout_ms", "page_median_ms"],
    "chat_list.paint": ["first_paint_ms", "paint_median_ms", "paint_p95_ms"],
    "chat_list.filter": ["keystroke_median_ms", "keystroke_max_ms", "filter_only_median_ms", "each_keystroke"],
    "message_list.fetch": ["messages", "requests", "fetch_ms"],
    "message_list.load": ["rows", "build_rows_ms", "set_rows_ms", "total_ms"],
    "message_list.paint": ["first_paint_ms", "paint_median_ms"],
    "message_list.scroll": ["steps", "total_ms", "step_median_ms", "step_p95_ms", "reached_top"],
    "message_list.update": ["live_message_ms", "older_page_ms"],
    "memory": ["startup_rss_mb", "after_chats_rss_mb", "after_messages_rss_mb", "growth_per_1000_messages_mb"],
    "store.write_messages": ["messages", "total_ms", "batch_median_ms"],
    "store.read_newest_page": ["read_median_ms", "read_p95_ms"],
    "store.draft_save": ["saves", "save_median_ms", "save_p95_ms"],
    "send.outbox": ["sends", "latency_median_ms", "latency_p95_ms"],
    "switcher.keystroke": [
        "chats",
        "keystrokes",
        "open_ms",
        "keystroke_median_ms",
        "keystroke_p95_ms",
        "keystroke_cpu_p95_ms",
    ],
    "history.download": ["messages", "pages", "total_ms", "messages_per_s"],
    "search.query": ["messages", "query_median_ms", "query_p95_ms", "query_max_ms", "keystroke_p95_ms", "each_query"],
    "search.backfill": ["batches", "total_ms", "batch_median_ms", "batch_max_ms"],
}
SUMMARY_FIGURES = [
    "switcher_keystroke_p95_ms",
    "search_query_median_ms",
    "search_query_p95_ms",
    "history_download_ms",
    "cold_start_usable_ms",
    "cold_start_rss_mb",
    "warm_start_cached_chats_ms",
    "chat_list_insert_ms",
    "chat_list_paint_ms",
    "chat_list_filter_keystroke_ms",
    "message_list_load_ms",
    "message_list_paint_ms",
    "message_list_scroll_step_ms",
    "store_write_messages_ms",
    "store_read_page_ms",
    "draft_save_median_ms",
    "draft_save_p95_ms",
    "rss_startup_mb",
    "rss_after_chats_mb",
    "rss_after_messages_mb",
    "rss_growth_per_1000_messages_mb",
    "send_median_ms",
    "send_p95_ms",
]


def is_figure(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@pytest.mark.slow
def test_the_quick_benchmark_prints_every_measurement_and_a_summary() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--chats", "120", "--messages", "150"],
        capture_output=True,
        text=True,
        timeout=55,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]  # every line is one JSON object
    assert all(isinstance(line, dict) for line in lines)

    machine, *measurements, summary = lines
    assert machine["type"] == "machine"
    for key in ("nproc", "python", "pyside6", "qt", "platform"):
        assert machine[key], key

    assert [m["type"] for m in measurements] == ["measurement"] * len(measurements)
    by_name = {m["measure"]: m for m in measurements}
    assert set(by_name) == set(MEASURES)
    for name, keys in MEASURES.items():
        record = by_name[name]
        assert isinstance(record["data"], str) and record["data"], name  # says where its data came from
        missing = [key for key in keys if key not in record]
        assert not missing, f"{name} lacks {missing}"
    assert by_name["chat_list.insert"]["chats"] == 120
    assert by_name["message_list.fetch"]["messages"] == 150
    assert by_name["send.outbox"]["sends"] == 20
    assert by_name["message_list.scroll"]["reached_top"] is True

    assert summary["type"] == "summary"
    assert summary["ok"] is True and summary["quick"] is True
    not_figures = {key: summary.get(key) for key in SUMMARY_FIGURES if not is_figure(summary.get(key))}
    assert not not_figures
    assert summary["machine"]["nproc"] == machine["nproc"]

"""The chat list's preview line stays cheap and honest with hostile text: bounded work, names as bidi isolates."""

from __future__ import annotations

import time

from tests.core.test_chats import message
from unipile_desktop.core.chats import PREVIEW_LIMIT, preview_text

RLO = "\u202e"
MB10 = 10 * 1024 * 1024


def test_a_10_mb_message_gives_its_preview_from_its_start_only() -> None:
    words = "lorem ipsum " * (MB10 // 12)
    started = time.perf_counter()
    for text in (words, "x" * MB10, " " * 1000 + words):
        preview = preview_text(message(text), "Ann Lee " * 100_000, is_group=True)
        assert preview.startswith("Ann: ") and len(preview) <= PREVIEW_LIMIT
    assert time.perf_counter() - started < 0.5  # microseconds each; splitting all 10 MB took about 0.5 s each


def test_a_senders_name_with_an_override_cannot_reorder_the_text_after_it() -> None:
    preview = preview_text(message("On my way"), f"Eve{RLO}lirpA Smith", is_group=True)
    assert preview == f"\u2068Eve{RLO}lirpA\u202c\u2069: On my way"
    assert preview_text(message("On my way"), "Camille Laurent", is_group=True) == "Camille: On my way"

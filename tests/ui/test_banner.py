"""Banners show server text capped and breakable anywhere: a long token cannot push the window off the screen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats, window_of
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.banner import ErrorBanner
from unipile_desktop.ui.key_banner import KeyRejectedBanner
from unipile_desktop.ui.server_text import ZERO_WIDTH_SPACE, breakable, capped

TOKEN = "EyJ" + "x7Qz" * 150  # 603 characters without a break, as in a server's error detail


def test_capped_text_ends_with_an_ellipsis_and_keeps_short_text() -> None:
    assert capped("short") == "short"
    cut = capped("a" * 1000)
    assert len(cut) <= 300 and cut.endswith("…")
    assert capped("é" * 299 + "e\u0301" + "z" * 10).endswith("é…")  # never an accent without its letter


def test_long_runs_get_break_opportunities_and_words_stay_whole() -> None:
    assert breakable("a sentence of ordinary words") == "a sentence of ordinary words"
    text = breakable(TOKEN)
    assert text.replace(ZERO_WIDTH_SPACE, "") == TOKEN
    assert max(len(part) for part in text.split(ZERO_WIDTH_SPACE)) <= 40


def test_a_banner_with_a_long_token_stays_narrow_and_offers_the_whole_text(qtbot: QtBot) -> None:
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    sentence = f"The server refused the request. Invalid token {TOKEN}."
    banner.show_error(sentence)
    assert banner.minimumSizeHint().width() < 600
    assert len(banner.label.text()) < 400 and banner.label.text().endswith("…")
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert banner.sentence == sentence and banner.full_text == sentence
    assert not banner.details_button.isHidden()
    banner.details_button.click()
    box = banner.details_box
    assert box is not None and box.isVisible()
    assert box.detailedText().replace("\u200b", "") == sentence  # whole, with break opportunities in long runs
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    banner.show_error("A short sentence.")
    assert banner.details_button.isHidden() and banner.label.text() == "A short sentence."


def test_details_of_a_huge_server_error_open_without_freezing(qtbot: QtBot) -> None:
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    banner.show_error("Invalid token " + "x" * 300_000)  # a server's detail may be up to 1 MB
    started = time.perf_counter()
    banner.details_button.click()
    box = banner.details_box
    assert box is not None
    box.grab()  # laid out and painted; one 300,000-character word took 10.8 s before
    assert time.perf_counter() - started < 3.0
    assert 20_000 <= len(box.detailedText()) < 21_000
    box.close()


def test_the_key_banner_caps_what_it_shows_too(qtbot: QtBot) -> None:
    banner = KeyRejectedBanner()
    qtbot.addWidget(banner)
    banner.show_rejected(TOKEN)
    assert banner.minimumSizeHint().width() < 600
    assert TOKEN in banner.full_text


@pytest.mark.asyncio
async def test_a_long_server_error_does_not_widen_the_window(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        width = window.width()
        screen = QApplication.primaryScreen().availableGeometry()
        telegram = sandbox.landmarks["accounts"]["telegram"]
        sandbox.add_fault(
            r"^/chats$", method="GET", status=400, type="errors/invalid_parameters", detail=TOKEN, times=1
        )
        window.account_picker.select_account(telegram)
        await wait_until(lambda: not window.error_banner.isHidden(), what="the error banner")
        await wait_until(lambda: window.error_banner.label.isVisible(), what="the banner's layout")
        assert window.minimumSizeHint().width() <= screen.width()
        assert window.width() <= max(width, screen.width())
        assert window.error_banner.width() <= window.width()
        assert TOKEN in window.error_banner.full_text  # reachable through Details…
        assert TOKEN not in window.error_banner.label.text()
        window.error_banner.details_button.click()
        box = window.error_banner.details_box
        assert box is not None and TOKEN in box.detailedText().replace("\u200b", "")
        box.close()

"""Links from messages: only http(s) opens, anything else is refused with a message; URLs found in plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.links import REFUSED_SENTENCE, find_links, open_link, refusal_reason

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform's note when a window shows


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake_open(url: QUrl) -> bool:
        calls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return calls


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "file:///etc/passwd",
        "file:///C:/Windows/System32/calc.exe",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/file",
        "mailto:someone@example.com",
        "smb://server/share",
        "http://",
        "https:///path-without-host",
        "",
        "not a url",
    ],
)
def test_everything_but_web_links_is_refused(url: str, opened: list[str], qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert refusal_reason(url) == REFUSED_SENTENCE
    assert open_link(url, parent) is False
    assert opened == []
    box = parent.findChild(QMessageBox, "link_refused_box")
    assert box is not None and box.text() == REFUSED_SENTENCE
    box.close()


@pytest.mark.parametrize(
    "url", ["https://example.com/track?id=42&lang=de", "http://127.0.0.1:8080/x", "HTTPS://EXAMPLE.COM"]
)
def test_web_links_open_in_the_browser(url: str, opened: list[str], qtbot: QtBot) -> None:
    assert refusal_reason(url) is None
    assert open_link(url) is True
    assert len(opened) == 1 and opened[0].lower() == url.lower()
    assert QApplication.activeModalWidget() is None


def test_find_links_trims_trailing_punctuation_and_unpaired_brackets() -> None:
    text = "See https://example.com/a?b=1&c=2. Or (https://example.org/x_(y)) and http://t.co/z!"
    assert [url for _, _, url in find_links(text)] == [
        "https://example.com/a?b=1&c=2",
        "https://example.org/x_(y)",
        "http://t.co/z",
    ]
    start, end, url = next(find_links("go to https://x.io now"))
    assert "go to https://x.io now"[start:end] == url == "https://x.io"


def test_find_links_ignores_other_schemes() -> None:
    assert list(find_links("javascript:alert(1) file:///etc/passwd www.example.com")) == []

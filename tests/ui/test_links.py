"""Links from messages: only http(s) opens, anything else is refused with a message; URLs found in plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from unipile_desktop.engine.hidden_chars import contains_hidden
from unipile_desktop.ui.links import REFUSED_SENTENCE, confirmation_reasons, find_links, open_link, refusal_reason
from unipile_desktop.ui.server_text import ZERO_WIDTH_SPACE

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


# ------------------------------------------------------------------------------------------------ deceptive links


def confirm_box(parent: QWidget) -> QMessageBox:
    box = parent.findChild(QMessageBox, "link_confirm_box")
    assert box is not None
    return box


@pytest.mark.parametrize(
    ("url", "real", "says"),
    [
        ("https://evil.example/\u202efdp.exe", "https://evil.example/⟨U+202E⟩fdp.exe", "hidden characters"),
        ("https://pay\u200bpal.com/login", "https://paypal.com/login", "hidden characters"),
        ("https://\u0430pple.com/login", "https://xn--pple-43d.com/login", "letters outside plain English"),
        ("https://user@b\u00fccher.de:8080/a?q=1", "https://user@xn--bcher-kva.de:8080/a?q=1", "outside plain"),
        ("https://bank.example@evil.example/login", "https://bank.example@evil.example/login", "the one after"),
    ],
)
def test_a_deceptive_link_opens_only_after_a_confirmation_showing_the_real_address(
    url: str, real: str, says: str, opened: list[str], qtbot: QtBot
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert refusal_reason(url) is None
    assert open_link(url, parent) is False
    assert opened == []  # nothing opens before the person says so
    box = confirm_box(parent)
    assert box.isVisible() and box.textFormat() == Qt.TextFormat.PlainText
    assert real in box.text() and says in box.text()
    assert not contains_hidden(box.text().replace(ZERO_WIDTH_SPACE, ""))
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.windowModality() != Qt.WindowModality.ApplicationModal  # open(), not exec()
    open_button = box.findChild(QPushButton, "link_open_button")
    assert open_button is not None and open_button.text() == "Open"
    open_button.click()
    assert len(opened) == 1


def test_cancel_opens_nothing(opened: list[str], qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    open_link("https://evil.example/\u202efdp.exe", parent)
    box = confirm_box(parent)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert opened == []


@pytest.mark.parametrize("url", ["https://example.com/a?b=1", "https://xn--pple-43d.com/", "http://[::1]:8080/x"])
def test_plain_ascii_links_open_directly(url: str, opened: list[str], qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert confirmation_reasons(url) == []
    assert open_link(url, parent) is True
    assert len(opened) == 1 and parent.findChild(QMessageBox) is None


def test_a_very_long_deceptive_link_keeps_the_box_on_the_screen(opened: list[str], qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    url = "https://evil.example/" + "a" * 3000 + "\u202efdp.exe"
    open_link(url, parent)
    box = confirm_box(parent)
    assert box.sizeHint().width() <= QApplication.primaryScreen().availableGeometry().width()
    assert "⟨U+202E⟩fdp.exe" in box.detailedText()


def test_an_invalid_host_with_hidden_characters_is_refused_with_them_shown(opened: list[str], qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert open_link("https://exa\u202emple.com/", parent) is False
    box = parent.findChild(QMessageBox, "link_refused_box")
    assert box is not None and "exa⟨U+202E⟩mple.com" in box.text()
    assert opened == []

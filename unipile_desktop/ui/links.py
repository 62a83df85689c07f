"""The one way a link from a message is opened: only http and https, anything else refused with a message."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
REFUSED_SENTENCE = "This link was not opened: only web links (http or https) can be opened from a message."

# A URL in plain text: scheme, then anything up to whitespace or a character that cannot be part of it.
_URL_PATTERN = re.compile(r"\bhttps?://[^\s<>\"'`\u00a0\u2028\u2029]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"…"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def refusal_reason(url: str) -> str | None:
    """None when ``url`` may be opened; else the sentence that explains the refusal."""
    parsed = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not parsed.isValid() or parsed.scheme().lower() not in ALLOWED_SCHEMES or not parsed.host():
        return REFUSED_SENTENCE
    return None


def open_link(url: str, parent: QWidget | None = None) -> bool:
    """Open an http(s) URL in the browser; refuse anything else, telling the person why. True when opened."""
    reason = refusal_reason(url)
    if reason is not None:
        log.info("refused to open a link with scheme %r", QUrl(url).scheme())
        _tell(reason, parent)
        return False
    return QDesktopServices.openUrl(QUrl(url.strip(), QUrl.ParsingMode.StrictMode))


def _tell(sentence: str, parent: QWidget | None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Link not opened", sentence, QMessageBox.StandardButton.Ok, parent or _active()
    )
    box.setObjectName("link_refused_box")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # never exec(): no nested event loop under qasync


def _active() -> QWidget | None:
    return QApplication.activeWindow()


def find_links(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, url) for each http(s) URL in plain text, without trailing punctuation or an unpaired ')'."""
    for match in _URL_PATTERN.finditer(text):
        url = match.group(0)
        while url:
            last = url[-1]
            if last in _TRAILING:
                url = url[:-1]
            elif last in _PAIRS and url.count(_PAIRS[last]) < url.count(last):
                url = url[:-1]
            else:
                break
        if len(url) > len("https://"):
            yield match.start(), match.start() + len(url), url

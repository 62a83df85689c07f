"""The one way a link from a message is opened: only http and https, anything else refused with a message.

A link that could read as another address (bidi controls or invisible characters in it, or a host name not in plain
ASCII, where a Cyrillic "а" passes for a Latin "a") opens only after a confirmation that shows the real address: the
hidden characters made visible and the host in punycode, the form no other alphabet can imitate.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..engine.hidden_chars import HIDDEN, contains_hidden, reveal
from ..texts import QT_TRANSLATE_NOOP, translate
from .server_text import is_capped, shown

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Sources (the English text): shown through translate("Links", …).
REFUSED_SENTENCE = QT_TRANSLATE_NOOP(
    "Links", "This link was not opened: only web links (http or https) can be opened from a message."
)
HIDDEN_REFUSED_SENTENCE = QT_TRANSLATE_NOOP(
    "Links", "This link was not opened: its address holds hidden characters and is not valid: {address}"
)
CONFIRM_TITLE = QT_TRANSLATE_NOOP("Links", "Open this link?")
MAX_SHOWN_ADDRESS = 500
HIDDEN_CHARS_WARNING = QT_TRANSLATE_NOOP(
    "Links", "This link contains hidden characters that can make it read as another address."
)
USER_INFO_WARNING = QT_TRANSLATE_NOOP(
    "Links",
    "The address starts with a name followed by “@”: the site it opens is the one after the “@”, not the name "
    "before it (“https://bank.example@evil.example/” opens evil.example).",
)
FOREIGN_HOST_WARNING = QT_TRANSLATE_NOOP(
    "Links",
    "The site's name uses letters outside plain English ones: it may imitate a site you know "
    "(a Cyrillic “а” looks like a Latin “a”).",
)

# A URL in plain text: scheme, then anything up to whitespace or a character that cannot be part of it.
_URL_PATTERN = re.compile(r"\bhttps?://[^\s<>\"'`\u00a0\u2028\u2029]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\"…"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def refusal_reason(url: str) -> str | None:
    """None when ``url`` may be opened; else the sentence that explains the refusal."""
    parsed = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not parsed.isValid() or parsed.scheme().lower() not in ALLOWED_SCHEMES or not parsed.host():
        if contains_hidden(url) and parsed.scheme().lower() in ALLOWED_SCHEMES:
            return translate("Links", HIDDEN_REFUSED_SENTENCE).format(address=reveal(url.strip()))
        return translate("Links", REFUSED_SENTENCE)
    return None


def _raw_host(url: str) -> str:
    """The host as written in ``url`` (between "//" and the path, without user name or port)."""
    _scheme, separator, rest = url.partition("://")
    if not separator:
        return ""
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    if host.startswith("["):  # an IPv6 address: ASCII by definition
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if re.search(r":\d*$", host) else host


def confirmation_reasons(url: str) -> list[str]:
    """Why ``url`` needs a confirmation before it opens (hidden characters, a host not in ASCII); [] when not."""
    reasons: list[str] = []
    if contains_hidden(url):
        reasons.append(translate("Links", HIDDEN_CHARS_WARNING))
    if not "".join(char for char in _raw_host(url.strip()) if char not in HIDDEN).isascii():
        reasons.append(translate("Links", FOREIGN_HOST_WARNING))
    _scheme, _separator, rest = url.strip().partition("://")
    if "@" in re.split(r"[/?#\\]", rest, maxsplit=1)[0]:  # user info before the host: what opens is after "@"
        reasons.append(translate("Links", USER_INFO_WARNING))
    return reasons


def real_address(url: str) -> str:
    """``url`` as it really is: hidden characters shown as "⟨U+202E⟩", the host in punycode ("xn--pple-43d.com")."""
    url = url.strip()
    host = _raw_host(url)
    shown = reveal(url)
    if host and not host.isascii():
        ace = bytes(QUrl.toAce(host).data()).decode("ascii", "replace")
        if ace and ace.isascii():
            shown = shown.replace(reveal(host), ace, 1)
    return shown


def open_link(url: str, parent: QWidget | None = None) -> bool:
    """Open an http(s) URL in the browser; refuse anything else, telling the person why. True when opened.

    A link that could read as another address is not opened at once: a confirmation shows its real address and
    opens it on Open (then this returns False; the box is ``link_confirm_box`` among the parent's children).
    """
    reason = refusal_reason(url)
    if reason is not None:
        log.info("refused to open a link with scheme %r", QUrl(url).scheme())
        _tell(reason, parent)
        return False
    reasons = confirmation_reasons(url)
    if reasons:
        confirm_link(url, reasons, parent)
        return False
    return QDesktopServices.openUrl(QUrl(url.strip(), QUrl.ParsingMode.StrictMode))


def confirm_link(url: str, reasons: list[str], parent: QWidget | None = None) -> QMessageBox:
    """Ask before opening a deceptive-looking link: plain text, Open / Cancel, Cancel the default."""
    address = real_address(url)
    written = reveal(url.strip())
    # Addresses are capped and breakable anywhere, so a long one cannot push the box off the screen.
    real = translate("Links", "The real address is:\n{address}")
    as_written = translate("Links", "As written in the message:\n{address}")
    text = " ".join(reasons) + "\n\n" + real.format(address=shown(address, MAX_SHOWN_ADDRESS))
    details = real.format(address=address)
    if written != address:
        text += "\n\n" + as_written.format(address=shown(written, MAX_SHOWN_ADDRESS))
        details += "\n\n" + as_written.format(address=written)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("Links", CONFIRM_TITLE),
        text + "\n\n" + translate("Links", "Open it only if you trust where it leads."),
        QMessageBox.StandardButton.Cancel,
        parent or _active(),
    )
    box.setObjectName("link_confirm_box")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if is_capped(address, MAX_SHOWN_ADDRESS) or is_capped(written, MAX_SHOWN_ADDRESS):
        box.setDetailedText(details)
    open_button = box.addButton(translate("Links", "Open"), QMessageBox.ButtonRole.AcceptRole)
    open_button.setObjectName("link_open_button")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    target = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)

    def on_clicked(button: object) -> None:
        if button is open_button:
            log.info("opening a link after confirmation: %s", address)
            QDesktopServices.openUrl(target)

    box.buttonClicked.connect(on_clicked)
    box.open()  # never exec(): no nested event loop under qasync
    return box


def _tell(sentence: str, parent: QWidget | None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("Links", "Link not opened"),
        sentence,
        QMessageBox.StandardButton.Ok,
        parent or _active(),
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

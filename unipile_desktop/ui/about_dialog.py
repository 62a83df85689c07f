"""Help → About: the version, the connection in use, and where its API key is held (which keyring backend)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..texts import translate
from .resources import app_icon


@dataclass(frozen=True)
class ConnectionSummary:
    """What the About dialog says about the connection; never the key itself."""

    connection: str  # "Profile “Support”", "Demo data on this computer", …
    server: str  # host[:port]
    key_location: str  # where this connection's key is held, in words
    keyring_backend: str  # KeyStore.backend_description()
    system_keyring: bool


def _value_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # profile names and hosts are user data
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    """Non-modal facts about the app and its connection; open it with ``open()`` or ``show()``."""

    def __init__(self, summary: ConnectionSummary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AboutDialog", "About {app}").format(app=APP_NAME))
        self.setMinimumWidth(460)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(48, 48))
        heading = QLabel(f"{APP_NAME} {__version__}", self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        tagline = _value_label(
            translate("AboutDialog", "A desktop messenger for support agents, on the Unipile API."), self
        )

        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(heading)
        layout.addWidget(tagline)

        self.rows: dict[str, QLabel] = {}
        if summary is not None:
            form = QFormLayout()
            form.setContentsMargins(0, 12, 0, 0)
            keyring_words = (
                translate("AboutDialog", "{backend} — a system keyring")
                if summary.system_keyring
                else translate("AboutDialog", "{backend} — not a system keyring, so keys cannot be saved")
            ).format(backend=summary.keyring_backend)
            for key, title, value in (
                ("Connection", translate("AboutDialog", "Connection:"), summary.connection),
                ("Server", translate("AboutDialog", "Server:"), summary.server),
                ("API key", translate("AboutDialog", "API key:"), summary.key_location),
                ("Keyring", translate("AboutDialog", "Keyring:"), keyring_words),
            ):
                label = _value_label(value, self)
                form.addRow(title, label)
                self.rows[key] = label  # keyed in English: tests and callers look rows up by role, not by text

            layout.addLayout(form)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)

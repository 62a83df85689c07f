"""A quiet status-bar line for live updates: nothing while online, "Syncing…" or "Offline — …" otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..texts import translate
from .format import plain_tip
from .theme import colour_style, set_themed_style

OFFLINE_STYLE = colour_style("warning_text", "padding: 0 8px;")
QUIET_STYLE = colour_style("secondary_text", "padding: 0 8px;")


class SyncIndicator(QLabel):
    """Plain text, hidden while there is nothing to say; the reason of an offline state is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(translate("SyncIndicator", "Connection status"))
        self._offline = False
        self.hide()

    def set_indicator(self, text: str, tooltip: str, offline: bool | None = None) -> None:
        """``offline`` is the sync's state (the text may be in any language); None: read it from English text."""
        offline = text.startswith("Offline") if offline is None else offline and bool(text)
        self._offline = offline
        set_themed_style(self, OFFLINE_STYLE if offline else QUIET_STYLE)
        self.setText(f"● {text}" if offline else text)
        self.setToolTip(plain_tip(tooltip))  # the offline reason quotes the server
        self.setAccessibleDescription(tooltip)
        self.setVisible(bool(text))

    @property
    def is_offline(self) -> bool:
        return not self.isHidden() and self._offline

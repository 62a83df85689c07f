"""The collision guard's line above the composer: someone else already answered from this account.

It only matters while the agent is writing, so it shows only while the composer has text; it stays true as time
passes ("1 min ago", then "2 min ago") and goes away when the chat changes, when the agent sends, or on ×.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from ...texts import translate
from ..banner import WARNING_COLOURS, Banner

REFRESH_MS = 30_000  # "1 min ago" must not stay on screen once it is two


def ago_text(seconds: float) -> str:
    """ "just now", "1 min ago", "12 min ago", "2 h ago", "3 d ago" (a clock running behind counts as just now)."""
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 1:
        return translate("ForeignReplyNotice", "just now")
    if minutes < 60:
        return translate("ForeignReplyNotice", "%n min ago", n=minutes)
    hours = minutes // 60
    if hours < 24:
        return translate("ForeignReplyNotice", "%n h ago", n=hours)
    return translate("ForeignReplyNotice", "%n d ago", n=hours // 24)


def notice_text(seconds: float) -> str:
    sentence = translate("ForeignReplyNotice", "A reply was sent from this account {ago}, not from here.")
    return sentence.format(ago=ago_text(seconds))


class ForeignReplyNotice(QWidget):
    """Hidden until ``note_reply``; then shown while ``set_composing(True)``, until ``clear`` or the × button.

    ``now`` gives the current time (aware); tests pass a fixed clock. The warning frame sits inside margins that
    belong to this widget, so a hidden notice takes no room at all.
    """

    def __init__(self, parent: QWidget | None = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("foreignReplyNotice")
        self._now = now or (lambda: datetime.now(UTC))
        self._reply_at: datetime | None = None
        self._composing = False
        self.frame = Banner("foreignReplyFrame", WARNING_COLOURS, self)
        self.frame.show()
        self.label = self.frame.label
        self.label.setAccessibleName(translate("ForeignReplyNotice", "Reply sent elsewhere"))
        self.dismiss_button = QToolButton(self.frame)
        self.dismiss_button.setObjectName("foreignReplyDismiss")
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip(translate("ForeignReplyNotice", "Dismiss"))
        self.dismiss_button.setAccessibleName(
            translate("ForeignReplyNotice", "Dismiss the notice about a reply sent elsewhere")
        )
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.clear)
        self.frame.set_action(self.dismiss_button, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 0)
        layout.addWidget(self.frame)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.hide()

    @property
    def reply_at(self) -> datetime | None:
        """When the reply that is being warned about was sent; None when there is nothing to warn about."""
        return self._reply_at

    def note_reply(self, at: datetime) -> None:
        """A reply from elsewhere arrived in the open chat (the newest one wins, also after a dismissal)."""
        if at.tzinfo is None:  # the API's times are UTC
            at = at.replace(tzinfo=UTC)
        if self._reply_at is None or at >= self._reply_at:
            self._reply_at = at
        self.refresh()
        self._update()

    def set_composing(self, composing: bool) -> None:
        """Whether the composer holds text: the line only matters to someone about to send."""
        self._composing = composing
        self._update()

    def clear(self) -> None:
        """Forget the reply: the chat changed, the agent sent, or the agent dismissed the line."""
        self._reply_at = None
        self._update()

    def refresh(self) -> None:
        if self._reply_at is not None:
            self.label.setText(notice_text((self._now() - self._reply_at).total_seconds()))

    def _update(self) -> None:
        visible = self._reply_at is not None and self._composing
        if visible:
            self.refresh()
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()
        else:
            self._refresh_timer.stop()
        self.setVisible(visible)

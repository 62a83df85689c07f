"""The tray icon: the Waiting count on the app icon and in the tooltip, the dock/taskbar badge, and a small menu."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..texts import QT_TRANSLATE_NOOP, translate
from .theme import current_theme

log = logging.getLogger(__name__)

APP_NAME = "Unipile Desktop"
HINT_KEY = "tray/hint_shown"
HINT_TEXT = QT_TRANSLATE_NOOP(
    "Tray", "{app} keeps running here, so new messages still reach you. Quit from this icon's menu."
)
HINT_MS = 8000
ICON_SIZES = (16, 22, 24, 32, 48, 64)  # what trays of the common desktops ask for
MAX_SHOWN_COUNT = 99


def waiting_tooltip(count: int) -> str:
    """ "Unipile Desktop — 3 waiting"; "Unipile Desktop — nothing waiting" at zero."""
    if count > 0:
        return translate("Tray", "{app} — %n waiting", None, count).format(app=APP_NAME)
    return translate("Tray", "{app} — nothing waiting").format(app=APP_NAME)


def count_label(count: int) -> str:
    """What fits in the badge: the count, or "99+"."""
    locale = QLocale()
    if count <= MAX_SHOWN_COUNT:
        return locale.toString(count)
    return translate("Tray", "{count}+", "more than this many").format(count=locale.toString(MAX_SHOWN_COUNT))


def badged_icon(base: QIcon, count: int) -> QIcon:
    """A copy of ``base`` with ``count`` in a red disc at the bottom right; ``base`` itself when nothing waits."""
    if count <= 0:
        return base
    label = count_label(count)
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
        icon.addPixmap(_paint_badge(pixmap.copy(), label))
    return icon


def _paint_badge(pixmap: QPixmap, label: str) -> QPixmap:
    # The pixmap may carry a device pixel ratio: paint in its logical size so the disc keeps its proportions.
    ratio = pixmap.devicePixelRatio() or 1.0
    side = min(pixmap.width(), pixmap.height()) / ratio
    height = side * 0.6
    width = max(height, height * (0.45 + 0.3 * len(label)))  # "7" is a disc, "99+" a pill
    rect = QRectF(side - width, side - height, width, height)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(current_theme().tray_badge)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(height * (0.8 if len(label) == 1 else 0.62))))
        painter.setFont(font)
        painter.setPen(current_theme().tray_badge_text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    finally:
        painter.end()
    return pixmap


def set_badge_number(count: int) -> None:
    """The dock/taskbar badge; Qt older than 6.5 or a platform without badges simply has none."""
    app = QGuiApplication.instance()
    setter = getattr(app, "setBadgeNumber", None)  # a member function, not a static one
    if setter is None:
        return
    try:
        setter(max(0, count))
    except Exception:  # a comfort: never worth a failure
        log.debug("could not set the badge number", exc_info=True)


def _settings_flag(settings: QSettings, key: str) -> bool:
    value = settings.value(key, False)
    if isinstance(value, str):  # INI files give strings back
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


class TrayIcon(QObject):
    """The app in the system tray. Holds no policy: the application connects the signals and feeds the count."""

    open_requested = Signal()  # a click on the icon, or Open
    quit_requested = Signal()
    do_not_disturb_toggled = Signal(bool)

    def __init__(self, window_icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base_icon = window_icon
        self._waiting = 0
        # A tray menu has no widget to belong to; it goes when the tray does.
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.destroyed.connect(self.menu.deleteLater)
        self.open_action = QAction(translate("Tray", "Open"), self.menu)
        self.open_action.setObjectName("trayOpenAction")
        self.open_action.triggered.connect(self.open_requested)
        self.do_not_disturb_action = QAction(translate("Tray", "Do not disturb"), self.menu)
        self.do_not_disturb_action.setObjectName("trayDoNotDisturbAction")
        self.do_not_disturb_action.setCheckable(True)
        self.do_not_disturb_action.toggled.connect(self.do_not_disturb_toggled)
        self.quit_action = QAction(translate("Tray", "Quit"), self.menu)
        self.quit_action.setObjectName("trayQuitAction")
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.do_not_disturb_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

        self.icon = QSystemTrayIcon(window_icon, self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self.on_icon_activated)
        self.set_waiting(0)

    @property
    def available(self) -> bool:
        """Whether the desktop has a tray to show the icon in (it can come and go with the panel)."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    @property
    def waiting(self) -> int:
        return self._waiting

    def set_waiting(self, count: int) -> None:
        """Show how many chats wait for an answer: the tooltip, the number on the icon and the badge."""
        count = max(0, count)
        self._waiting = count
        self.icon.setToolTip(waiting_tooltip(count))
        self.icon.setIcon(badged_icon(self._base_icon, count))
        set_badge_number(count)

    def set_do_not_disturb(self, on: bool) -> None:
        """Follow the setting changed elsewhere, without echoing it back through ``do_not_disturb_toggled``."""
        self.do_not_disturb_action.blockSignals(True)
        try:
            self.do_not_disturb_action.setChecked(on)
        finally:
            self.do_not_disturb_action.blockSignals(False)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def is_visible(self) -> bool:
        return self.icon.isVisible()

    def show_hint_once(self, settings: QSettings) -> bool:
        """Say once, in a balloon, that closing the window left the app running here; True when it was said.

        Without a tray nothing is said or remembered, so the hint comes when there is somewhere to show it.
        """
        if not self.available or _settings_flag(settings, HINT_KEY):
            return False
        hint = translate("Tray", HINT_TEXT).format(app=APP_NAME)
        self.icon.showMessage(APP_NAME, hint, QSystemTrayIcon.MessageIcon.Information, HINT_MS)
        settings.setValue(HINT_KEY, True)
        settings.sync()
        return True

    def on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A click (or double click) opens the window; the context menu opens by itself.
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

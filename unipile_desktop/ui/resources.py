"""Finds bundled icons (source tree or PyInstaller bundle) and draws a fallback when a file is missing."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ..texts import translate
from .theme import PROVIDER_GLYPH_TEXT, PROVIDER_GLYPHS

log = logging.getLogger(__name__)

PROVIDERS = ("linkedin", "whatsapp", "instagram", "messenger", "telegram")

# Fallback glyphs when the SVG files are not shipped (e.g. an installed wheel without resources/).
# Brand colours, the same in both schemes (an icon, not text on the app's surfaces): the theme module keeps them.
_FALLBACK_GLYPHS: dict[str, tuple[str, str]] = PROVIDER_GLYPHS


def resources_dir() -> Path | None:
    """The top-level ``resources/`` directory: inside a PyInstaller bundle, else next to the package."""
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def icon_path(relative: str) -> Path | None:
    root = resources_dir()
    if root is None:
        return None
    path = root / "icons" / relative
    return path if path.is_file() else None


def provider_key(account_type: str | None) -> str:
    """``LINKEDIN`` -> ``linkedin``; anything unknown -> ``generic``."""
    key = (account_type or "").strip().lower()
    return key if key in PROVIDERS else "generic"


def provider_name(account_type: str | None) -> str:
    names = {
        "linkedin": "LinkedIn",
        "whatsapp": "WhatsApp",
        "instagram": "Instagram",
        "messenger": "Messenger",
        "telegram": "Telegram",
    }
    key = provider_key(account_type)
    # Brand names stay as they are; an unknown provider id from the server is shown as written.
    return names.get(key) or (account_type.title() if account_type else translate("Providers", "Unknown"))


@functools.cache
def provider_icon(account_type: str | None) -> QIcon:
    key = provider_key(account_type)
    return _load_icon(f"providers/{key}.svg", key)


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # resources/icons/hicolor, made by packaging/make_icons.py


@functools.cache
def app_icon() -> QIcon:
    """The SVG when Qt can draw it; else the rendered PNGs (a build without the SVG plugin); else a drawn glyph."""
    svg = icon_path("app.svg")
    if svg is not None:
        icon = QIcon(str(svg))
        if not icon.pixmap(16, 16).isNull():
            return icon
    icon = QIcon()
    for size in APP_ICON_SIZES:
        png = icon_path(f"hicolor/{size}x{size}/apps/unipile-desktop.png")
        if png is not None:
            icon.addFile(str(png))
    if not icon.isNull() and not icon.pixmap(16, 16).isNull():
        return icon
    return _fallback_icon("app")


def _load_icon(relative: str, fallback_key: str) -> QIcon:
    path = icon_path(relative)
    if path is not None:
        icon = QIcon(str(path))
        if not icon.pixmap(16, 16).isNull():  # a file Qt cannot render (no SVG plugin) counts as missing
            return icon
    log.debug("icon %s not found; drawing a fallback", relative)
    return _fallback_icon(fallback_key)


def _fallback_icon(key: str) -> QIcon:
    colour, letter = _FALLBACK_GLYPHS.get(key, _FALLBACK_GLYPHS["generic"])
    icon = QIcon()
    for size in (16, 32, 64):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.6))
        painter.setFont(font)
        painter.setPen(QColor(PROVIDER_GLYPH_TEXT))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon

"""Fonts the app brings along: the frozen Linux build ships Noto Color Emoji, so emoji are not boxes on a bare system.

Where each font comes from:

- Emoji. The Linux build (packaging/unipile-desktop.spec) copies ``NotoColorEmoji.ttf`` and its licence from the
  build machine's ``fonts-noto-color-emoji`` package into ``resources/fonts/`` of the bundle; at start
  :func:`register_bundled_fonts` registers it and makes it the application's emoji font, ahead of whatever the system
  has. A source run uses the system's emoji font (the README's apt line installs the same package). Windows and
  macOS have their own colour emoji fonts (Segoe UI Emoji, Apple Color Emoji): nothing is bundled there.
- CJK. The Linux build also ships Droid Sans Fallback (``fonts-droid-fallback``, Apache-2.0, 4 MB) with its
  licence: on a bare Linux, Chinese, Japanese and Korean text then falls back to it instead of boxes (Japanese kanji
  in Chinese-style glyphs, which a system with ``fonts-noto-cjk`` improves on: system fonts are tried first). Noto Sans
  CJK itself would add 20-90 MB. Windows and macOS always have CJK fonts.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from .resources import resources_dir

log = logging.getLogger(__name__)

EMOJI_FONT_FILE = "NotoColorEmoji.ttf"
EMOJI_LICENCE_FILE = "NotoColorEmoji-LICENSE.txt"  # the name the licence has in the bundle, beside the font
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
CJK_FONT_FILE = "DroidSansFallbackFull.ttf"
CJK_LICENCE_FILE = "DroidSansFallback-LICENSE.txt"
ENV_EMOJI_FONT = "UNIPILE_EMOJI_FONT"  # build time: another NotoColorEmoji.ttf; its licence must sit beside it

# Where Linux distributions install Noto Color Emoji, with the file that carries its licence (the OFL text).
SYSTEM_EMOJI_FONTS: tuple[tuple[str, str], ...] = (
    # Debian, Ubuntu: fonts-noto-color-emoji (the copyright file quotes the whole OFL 1.1)
    ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "/usr/share/doc/fonts-noto-color-emoji/copyright"),
    # Fedora: google-noto-color-emoji-fonts
    (
        "/usr/share/fonts/google-noto-color-emoji-fonts/NotoColorEmoji.ttf",
        "/usr/share/licenses/google-noto-color-emoji-fonts/LICENSE",
    ),
    # Arch: noto-fonts-emoji
    ("/usr/share/fonts/noto/NotoColorEmoji.ttf", "/usr/share/licenses/noto-fonts-emoji/LICENSE"),
)


def system_emoji_font() -> tuple[Path, Path] | None:
    """The build machine's Noto Color Emoji and its licence file, or None when either is missing (the spec warns).

    ``UNIPILE_EMOJI_FONT=/path/NotoColorEmoji.ttf`` names another copy; its licence is ``LICENSE``, ``OFL.txt`` or
    ``copyright`` in the same folder.
    """
    candidates = list(SYSTEM_EMOJI_FONTS)
    override = os.environ.get(ENV_EMOJI_FONT, "").strip()
    if override:
        folder = Path(override).parent
        candidates = [(override, str(folder / name)) for name in ("LICENSE", "OFL.txt", "copyright")]
    for font, licence in candidates:
        if Path(font).is_file() and Path(licence).is_file():
            return Path(font), Path(licence)
    return None


# Debian, Ubuntu: fonts-droid-fallback; its copyright file points at the Apache-2.0 text, which is bundled instead.
SYSTEM_CJK_FONTS: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "/usr/share/common-licenses/Apache-2.0"),
)


def system_cjk_font() -> tuple[Path, Path] | None:
    """The build machine's Droid Sans Fallback and the Apache-2.0 licence text, or None (the spec warns)."""
    for font, licence in SYSTEM_CJK_FONTS:
        if Path(font).is_file() and Path(licence).is_file():
            return Path(font), Path(licence)
    return None


def bundled_fonts_dir() -> Path | None:
    """``resources/fonts`` of a frozen build; None in a source tree (the repository ships no font files)."""
    root = resources_dir()
    if root is None:
        return None
    folder = root / "fonts"
    return folder if folder.is_dir() else None


def register_bundled_fonts(folder: Path | None = None) -> list[str]:
    """Registers every font in ``folder`` (default: the bundle's fonts); emoji fonts become the app's emoji fonts.

    Call once the QGuiApplication exists, before the first window paints. Returns the emoji families registered (an
    empty list in a source run, where the system's fonts serve). About 5 ms for the 10 MB emoji font.
    """
    folder = bundled_fonts_dir() if folder is None else folder
    if folder is None:
        return []
    emoji_families: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("bundled font %s could not be loaded", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        emoji = "emoji" in path.name.lower()
        if emoji:
            for family in families:
                _prefer_for_emoji(family)
            emoji_families += families
        log.info("bundled font %s registered: %s%s", path.name, ", ".join(families), " (emoji)" if emoji else "")
    return emoji_families


def _prefer_for_emoji(family: str) -> None:
    """Qt 6.9+ draws emoji from this family before the system's emoji font. Qt 6.8 lacks the call: there the
    registered font serves through Qt's ordinary fallback, for the characters the text's font has no glyph for."""
    add = getattr(QFontDatabase, "addApplicationEmojiFontFamily", None)
    if add is not None:
        add(family)

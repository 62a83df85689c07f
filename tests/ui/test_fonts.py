"""Emoji are drawn in colour, and CJK as characters, not as the missing-glyph box: with the system's fonts, and on a
bare Linux with the fonts the frozen build bundles (resources/fonts, registered at start by ui/fonts.py).

Without a colour emoji font on the machine the rendering tests skip; CI installs ``fonts-noto-color-emoji`` and sets
``UNIPILE_REQUIRE_EMOJI_FONT=1``, and then they fail instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

from unipile_desktop.ui import fonts
from unipile_desktop.ui.fonts import (
    CJK_FONT_FILE,
    EMOJI_FONT_FILE,
    bundled_fonts_dir,
    register_bundled_fonts,
    system_cjk_font,
    system_emoji_font,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
GRINNING = "\U0001f600"  # 😀: DejaVu Sans has a black-and-white one
PARTYING = "\U0001f973"  # 🥳: Unicode 11, in no DejaVu: a box without an emoji font
CJK = "\u8c22"  # 谢 (thanks): in no DejaVu font, a box on a bare Linux without a CJK font
NO_GLYPH = "\U0010fffd"  # a private-use code point no font draws: the missing-glyph box


def render(text: str) -> QImage:
    """``text`` in the application's font, 32 px, black on white, centred in a 64 px square."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(QGuiApplication.font())
    font.setPixelSize(32)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRect(0, 0, 64, 64), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def coloured_pixels(image: QImage) -> int:
    """Pixels that are not grey: black text on white has none, a colour emoji hundreds."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            channels = (colour.red(), colour.green(), colour.blue())
            count += max(channels) - min(channels) > 40
    return count


def require_emoji_font(reason: str) -> NoReturn:
    if os.environ.get("UNIPILE_REQUIRE_EMOJI_FONT") == "1":
        pytest.fail(f"{reason}, and UNIPILE_REQUIRE_EMOJI_FONT=1 requires it")
    pytest.skip(reason)


def test_an_emoji_is_drawn_in_colour_not_as_a_box() -> None:
    """The app's start-up font set-up (a source tree bundles none, so the system's emoji font serves)."""
    register_bundled_fonts()
    if not any("emoji" in family.lower() for family in QFontDatabase.families()):
        require_emoji_font("no emoji font on this machine (Debian/Ubuntu: apt-get install fonts-noto-color-emoji)")
    emoji, box = render(GRINNING), render(NO_GLYPH)
    assert emoji != box
    assert coloured_pixels(emoji) > 100
    assert coloured_pixels(box) == 0


def test_the_bundled_emoji_font_draws_colour_on_a_bare_linux(tmp_path: Path) -> None:
    """A child process sees only DejaVu (fontconfig told so): emoji are boxes until the bundled font is registered."""
    found = system_emoji_font()
    if found is None:
        require_emoji_font("Noto Color Emoji or its licence is missing (apt-get install fonts-noto-color-emoji)")
    dejavu = next(Path("/usr/share/fonts").glob("**/DejaVuSans.ttf"), None)
    if dejavu is None:
        require_emoji_font("DejaVu Sans, the bare machine's one font, is missing (apt-get install fonts-dejavu-core)")
    bundle_fonts = tmp_path / "resources" / "fonts"
    bundle_fonts.mkdir(parents=True)
    (bundle_fonts / EMOJI_FONT_FILE).symlink_to(found[0])
    cjk = system_cjk_font()
    if cjk is None:
        require_emoji_font("Droid Sans Fallback or its licence text is missing (apt-get install fonts-droid-fallback)")
    (bundle_fonts / CJK_FONT_FILE).symlink_to(cjk[0])
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        f"<dir>{dejavu.parent}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FONTCONFIG")}
    environment.update(FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    child = subprocess.run(
        [sys.executable, "-m", "tests.ui.test_fonts", str(bundle_fonts)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    # The check can see the failure: without the font, the bare machine draws the emoji as the missing-glyph box.
    assert report["before"] == {"partying_is_box": True, "partying_colour": 0, "grinning_colour": 0, "cjk_is_box": True}
    assert report["registered"] == ["Noto Color Emoji"]
    if hasattr(QFontDatabase, "addApplicationEmojiFontFamily"):  # Qt 6.9+
        assert "Noto Color Emoji" in report["emoji_families"]
    assert report["after"]["partying_is_box"] is False
    assert report["after"]["partying_colour"] > 100
    assert report["after"]["grinning_colour"] > 100
    assert report["after"]["cjk_is_box"] is False  # the bundled CJK fallback draws it


def _bare_machine_report(bundle_fonts: Path) -> dict[str, object]:
    """Run in the child: the renderings before and after register_bundled_fonts(bundle_fonts)."""

    def look() -> dict[str, object]:
        partying = render(PARTYING)
        return {
            "partying_is_box": partying == render(NO_GLYPH),
            "partying_colour": coloured_pixels(partying),
            "grinning_colour": coloured_pixels(render(GRINNING)),
            "cjk_is_box": render(CJK) == render(NO_GLYPH),
        }

    before = look()
    registered = register_bundled_fonts(bundle_fonts)
    return {
        "before": before,
        "registered": registered,
        "emoji_families": QFontDatabase.applicationEmojiFontFamilies(),
        "after": look(),
    }


def test_a_source_tree_bundles_no_font() -> None:
    """The repository ships no font file: the build copies it from the build machine."""
    assert bundled_fonts_dir() is None
    assert register_bundled_fonts() == []
    assert not list((REPO_ROOT / "resources").glob("**/*.ttf"))


def test_a_frozen_bundle_s_fonts_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundled_fonts_dir() == tmp_path / "resources" / "fonts"


def test_a_font_that_does_not_load_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "Broken-Emoji.ttf").write_bytes(b"not a font")
    (tmp_path / fonts.EMOJI_LICENCE_FILE).write_text("licence text", encoding="utf-8")
    assert register_bundled_fonts(tmp_path) == []


def test_the_build_finds_a_font_named_in_the_environment_only_with_its_licence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / EMOJI_FONT_FILE
    font.write_bytes(b"font")
    monkeypatch.setenv(fonts.ENV_EMOJI_FONT, str(font))
    assert system_emoji_font() is None  # no licence beside it: not shipped
    (tmp_path / "OFL.txt").write_text("SIL OPEN FONT LICENSE Version 1.1", encoding="utf-8")
    assert system_emoji_font() == (font, tmp_path / "OFL.txt")


if __name__ == "__main__":  # the child of test_the_bundled_emoji_font_draws_colour_on_a_bare_linux
    application = QGuiApplication(sys.argv[:1])
    print(json.dumps(_bare_machine_report(Path(sys.argv[1]))))

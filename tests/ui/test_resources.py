"""Icons are found in the source tree and in a PyInstaller bundle, and drawn when the files are missing."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from unipile_desktop.ui import resources
from unipile_desktop.ui.resources import PROVIDERS, app_icon, icon_path, provider_icon, provider_key, resources_dir

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_resources_are_found_in_the_source_tree() -> None:
    assert resources_dir() == REPO_ROOT / "resources"
    for provider in (*PROVIDERS, "generic"):
        assert icon_path(f"providers/{provider}.svg") is not None
    assert icon_path("app.svg") is not None


def test_every_provider_icon_renders(qapp: QApplication) -> None:
    for account_type in ("LINKEDIN", "WHATSAPP", "INSTAGRAM", "MESSENGER", "TELEGRAM", "SLACK", None):
        pixmap = provider_icon(account_type).pixmap(32, 32)
        assert not pixmap.isNull()
        assert pixmap.toImage().pixelColor(16, 16).alpha() == 255  # a filled glyph, not an empty square
    assert not app_icon().pixmap(64, 64).isNull()


def test_unknown_providers_get_the_generic_icon() -> None:
    assert provider_key("LINKEDIN") == "linkedin"
    assert provider_key("slack") == "generic"
    assert provider_key(None) == "generic"


def test_a_pyinstaller_bundle_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO_ROOT / "resources", tmp_path / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    assert icon_path("providers/telegram.svg") == tmp_path / "resources" / "icons" / "providers" / "telegram.svg"


def test_missing_files_fall_back_to_drawn_icons(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "resources_dir", lambda: None)
    icon = resources._load_icon("providers/whatsapp.svg", "whatsapp")
    image = icon.pixmap(32, 32).toImage()
    assert not image.isNull()
    assert image.pixelColor(4, 16).green() > image.pixelColor(4, 16).red()  # WhatsApp's green square


def test_the_app_icon_files_exist_in_every_format(qapp: QApplication) -> None:
    from PySide6.QtGui import QImageReader

    for size in resources.APP_ICON_SIZES:
        png = icon_path(f"hicolor/{size}x{size}/apps/unipile-desktop.png")
        assert png is not None, size
        assert QImageReader(str(png)).size().width() == size
    for container, sizes in (
        ("app.ico", {16, 24, 32, 48, 64, 128, 256}),
        ("app.icns", {16, 32, 64, 128, 256, 512, 1024}),
    ):
        path = icon_path(container)
        assert path is not None, container
        reader = QImageReader(str(path))
        found = set()
        for index in range(reader.imageCount()):
            reader.jumpToImage(index)
            found.add(reader.read().width())
        assert found == sizes, container


def test_without_svg_support_the_app_icon_comes_from_the_pngs(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_icon_path = resources.icon_path
    monkeypatch.setattr(
        resources, "icon_path", lambda relative: None if relative.endswith(".svg") else real_icon_path(relative)
    )
    resources.app_icon.cache_clear()
    try:
        icon = resources.app_icon()
        assert sorted(size.width() for size in icon.availableSizes()) == list(resources.APP_ICON_SIZES)
        # The PNG's yellow speech bubble, not the drawn fallback's plain square with a letter.
        image = icon.pixmap(128, 128).toImage()
        assert image.pixelColor(80, 62).red() > 200 and image.pixelColor(80, 62).blue() < 120
    finally:
        resources.app_icon.cache_clear()

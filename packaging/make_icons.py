"""Renders resources/icons/app.svg into the PNG sizes, the Windows .ico and the macOS .icns the builds need.

Run from the repository root after changing app.svg, and commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Both containers are written by hand (they are simple): the .ico holds PNG entries (Windows Vista and later
read those), the .icns holds PNG chunks (macOS 10.7 and later).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "app.svg"
ICON_NAME = "unipile-desktop"  # the freedesktop icon name; the desktop entry's Icon= uses it
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS chunk type -> pixel size. The @2x types (ic11…ic14, ic10) are what Retina screens pick.
ICNS_CHUNKS = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def hicolor_png(root: Path, size: int) -> Path:
    return root / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: ICONDIR, one ICONDIRENTRY per image, then the PNG data (width/height 0 means 256)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries = b""
    data = b""
    for size in sizes:
        png = pngs[size]
        dimension = 0 if size >= 256 else size
        # width, height, palette colours, reserved, colour planes, bits per pixel, data size, data offset
        entries += struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns_bytes(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file: the ``icns`` magic and total length, then (type, length incl. 8-byte header, PNG) chunks."""
    body = b"".join(kind + struct.pack(">I", len(png) + 8) + png for kind, png in chunks)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG Qt can render")
    pngs: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"could not encode the {size}px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG, help="source SVG (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=SVG.parent, help="output directory (default: %(default)s)")
    args = parser.parse_args(argv)

    wanted = set(PNG_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_CHUNKS}
    pngs = render_pngs(args.svg, wanted)
    written: list[Path] = []
    for size in PNG_SIZES:
        path = hicolor_png(args.out, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    ico = args.out / "app.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = args.out / "app.icns"
    icns.write_bytes(icns_bytes([(kind, pngs[size]) for kind, size in ICNS_CHUNKS]))
    written += [ico, icns]
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

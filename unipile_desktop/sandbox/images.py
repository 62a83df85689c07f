"""PNG generation with zlib+struct (identicon avatars, landscape "photos") and image size sniffing."""

from __future__ import annotations

import colorsys
import hashlib
import math
import random
import struct
import zlib
from functools import lru_cache

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, raw_rows: bytes) -> bytes:
    """An 8-bit RGB PNG from rows that each start with a filter byte (0) followed by width*3 bytes."""
    if len(raw_rows) != height * (1 + 3 * width):
        raise ValueError("raw_rows does not match width and height")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return _PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw_rows, 6)) + _chunk(b"IEND", b"")


def _hsl(hue: float, saturation: float, lightness: float) -> bytes:
    red, green, blue = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return bytes((round(red * 255), round(green * 255), round(blue * 255)))


@lru_cache(maxsize=512)
def identicon_png(key: str, size: int = 120) -> bytes:
    """A GitHub-style 5x5 mirrored identicon, distinct and stable per key."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    foreground = _hsl(digest[0] / 255, 0.55 + digest[1] / 1275, 0.45 + digest[2] / 2550)
    background = b"\xf0\xf0\xf0"
    cells = 5
    cell = size // (cells + 1)
    margin = (size - cell * cells) // 2
    blank_row = b"\x00" + background * size
    rows: list[bytes] = []
    for grid_y in range(cells):
        pixels = bytearray(background * margin)
        for grid_x in range(cells):
            mirrored_x = grid_x if grid_x < 3 else cells - 1 - grid_x
            filled = digest[3 + grid_y * 3 + mirrored_x] % 2 == 0
            pixels += (foreground if filled else background) * cell
        pixels += background * (size - margin - cell * cells)
        rows.extend([b"\x00" + bytes(pixels)] * cell)
    top = [blank_row] * margin
    bottom = [blank_row] * (size - margin - cell * cells)
    return encode_png(size, size, b"".join(top + rows + bottom))


@lru_cache(maxsize=64)
def photo_png(variant: int, width: int = 640, height: int = 426) -> bytes:
    """A landscape that looks like a photo at a glance: sky gradient, sun, three mountain ridges."""
    rng = random.Random(variant)
    stride = 1 + 3 * width
    canvas = bytearray(stride * height)
    sky_hue = rng.uniform(0.52, 0.62)
    horizon = int(height * rng.uniform(0.45, 0.6))
    for y in range(height):
        depth = y / max(1, horizon)
        color = _hsl(sky_hue - 0.05 * depth, 0.55, 0.45 + 0.35 * min(1.0, depth))
        canvas[y * stride + 1 : (y + 1) * stride] = color * width
    sun_x, sun_y = rng.randint(width // 5, 4 * width // 5), rng.randint(height // 8, horizon // 2)
    radius = max(6, height // 12)
    for y in range(max(0, sun_y - radius), min(height, sun_y + radius)):
        half = int(math.sqrt(max(0, radius * radius - (y - sun_y) ** 2)))
        left, right = max(0, sun_x - half), min(width, sun_x + half)
        canvas[y * stride + 1 + 3 * left : y * stride + 1 + 3 * right] = b"\xff\xf1\xc4" * (right - left)
    layer_hue = rng.uniform(0.25, 0.4)
    for layer in range(3):
        base = horizon + layer * (height - horizon) // 4 - height // 10
        amplitude = height / (7 + 3 * layer)
        phases = [rng.uniform(0, 2 * math.pi) for _ in range(3)]
        lightness = 0.55 - 0.13 * layer
        for x in range(width):
            ridge = base - amplitude * (
                0.6 * math.sin(x / width * 3.1 + phases[0])
                + 0.3 * math.sin(x / width * 9.7 + phases[1])
                + 0.1 * math.sin(x / width * 31.0 + phases[2])
            )
            top = min(height - 1, max(0, int(ridge)))
            shade = 0.04 * math.sin(x / width * 57.0 + phases[0])
            color = _hsl(layer_hue + 0.02 * layer, 0.35 + 0.1 * layer, lightness + shade)
            count = height - top
            start = top * stride + 1 + 3 * x
            for channel in range(3):
                canvas[start + channel :: stride] = bytes((color[channel],)) * count
    return encode_png(width, height, bytes(canvas))


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image; None when the format is not recognised."""
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 9 < len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return int(width), int(height)
        offset += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return width, height
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None

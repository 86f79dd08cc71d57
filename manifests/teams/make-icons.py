#!/usr/bin/env python3
"""Draws the Teams app icons (run once; the PNGs are committed).

color.png: 192x192, full colour. outline.png: 32x32, white on transparent, as Teams requires.
The picture: three rising bars, a sales team getting a little better every day.
Standard library only (zlib + struct), so it runs anywhere Python does.
"""
import struct
import zlib
from pathlib import Path

ACCENT = (0x2B, 0x57, 0x9A, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR = (0, 0, 0, 0)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def bars(size, x, y, margin):
    """True where one of three rising bars is (in a size x size square with a margin)."""
    inner = size - 2 * margin
    width = inner // 4
    gap = (inner - 3 * width) // 2
    for i, height in enumerate((0.4, 0.65, 0.9)):
        left = margin + i * (width + gap)
        top = margin + int(inner * (1 - height))
        if left <= x < left + width and top <= y < size - margin:
            return True
    return False


here = Path(__file__).parent
png(here / "color.png", 192, lambda x, y: WHITE if bars(192, x, y, 40) else ACCENT)
png(here / "outline.png", 32, lambda x, y: WHITE if bars(32, x, y, 4) else CLEAR)

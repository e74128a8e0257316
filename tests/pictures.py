"""Pictures for upload tests, made in memory: a small real one and huge ones of a few KB."""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from PIL import Image


def small_png(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def huge_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG of width × height black pixels (1 bit each): tens of KB on disk, about
    `width × height` bytes once Pillow decodes it (400 MB for the default)."""
    row = bytes(1 + (width + 7) // 8)  # filter byte 0, then the packed pixels
    compressor = zlib.compressobj(9)
    block = 256
    parts = [compressor.compress(row * block) for _ in range(height // block)]
    parts.append(compressor.compress(row * (height % block)))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )

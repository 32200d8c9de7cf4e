"""What a picture file holds, read from its bytes: PNG or JPEG, its size in pixels and dots per inch.

A picture put into a document must be a real PNG or JPEG: its structure is walked (every PNG
chunk and its checksum, every JPEG segment up to the image data and its end marker), so that a
renamed text file, a truncated download or another format is refused with a clear message
before it reaches a .docx. Nothing is decoded and no library is needed.

>>> import base64, zlib, struct
>>> def chunk(kind, data):
...     return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
>>> png = (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 300, 150, 8, 2, 0, 0, 0))
...        + chunk(b"IDAT", zlib.compress(b"\\0" * 10)) + chunk(b"IEND", b""))
>>> inspect_image(png)
ImageInfo(format='png', width=300, height=150, dpi=None)
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Literal

from chibo_docs.i18n import Message, message

__all__ = ["ImageInfo", "inspect_image"]

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8"
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD8)})
_MAX_PIXELS = 65_535  # JPEG's own limit per side; PNG allows more, no page needs it


@dataclass(frozen=True)
class ImageInfo:
    """A picture's format, its size in pixels and its resolution (``None`` when not stored)."""

    format: Literal["png", "jpeg"]
    width: int
    height: int
    dpi: tuple[float, float] | None


def inspect_image(data: bytes) -> ImageInfo:
    """Return what ``data`` holds, or raise ``ValueError`` saying why it is not a usable picture."""
    if data.startswith(_PNG):
        return _png(data)
    if data.startswith(_JPEG):
        return _jpeg(data)
    raise ValueError(
        message("the file is not a PNG or JPEG picture (it starts with {start}); save the picture "
          "as PNG or JPEG", start=repr(data[:8]))
    )


def _broken(kind: str, detail: Message) -> ValueError:
    return ValueError(
        message("the {kind} picture is damaged or cut short ({detail}); open it in an image editor "
          "and save it again", kind=kind, detail=detail)
    )


def _checked_size(kind: str, width: int, height: int) -> None:
    if not (0 < width <= _MAX_PIXELS and 0 < height <= _MAX_PIXELS):
        raise _broken(kind, message("{width}x{height} pixels", width=width, height=height))


def _png(data: bytes) -> ImageInfo:
    at = len(_PNG)
    width = height = 0
    dpi: tuple[float, float] | None = None
    seen: list[bytes] = []
    while at < len(data):
        if at + 8 > len(data):
            raise _broken("PNG", message("a chunk header is cut"))
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        crc = data[at + 8 + length : at + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise _broken("PNG", message("chunk {chunk} is cut", chunk=kind.decode("latin-1")))
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise _broken("PNG", message("chunk {chunk} has a wrong checksum", chunk=kind.decode("latin-1")))
        if not seen and kind != b"IHDR":
            raise _broken("PNG", message("no IHDR chunk first"))
        if kind == b"IHDR":
            if length != 13:
                raise _broken("PNG", message("IHDR chunk of a wrong length"))
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"pHYs" and length == 9:
            x, y, unit = struct.unpack(">IIB", body)
            if unit == 1 and x > 0 and y > 0:
                dpi = (x * 0.0254, y * 0.0254)
        seen.append(kind)
        at += 12 + length
        if kind == b"IEND":
            break
    if b"IDAT" not in seen or not seen or seen[-1] != b"IEND":
        raise _broken("PNG", message("no image data or no end"))
    _checked_size("PNG", width, height)
    return ImageInfo("png", width, height, dpi)


def _jpeg(data: bytes) -> ImageInfo:
    at = 2
    size: tuple[int, int] | None = None
    dpi: tuple[float, float] | None = None
    while True:
        while at < len(data) and data[at] == 0xFF and at + 1 < len(data) and data[at + 1] == 0xFF:
            at += 1  # fill bytes
        if at + 2 > len(data) or data[at] != 0xFF:
            raise _broken("JPEG", message("a segment marker is missing"))
        marker = data[at + 1]
        if marker in _NO_LENGTH:
            at += 2
            continue
        if at + 4 > len(data):
            raise _broken("JPEG", message("a segment is cut"))
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        segment = data[at + 4 : at + 2 + length]
        if length < 2 or len(segment) != length - 2:
            raise _broken("JPEG", message("a segment is cut"))
        if marker in _SOF and len(segment) >= 5:
            height, width = struct.unpack(">HH", segment[1:5])
            size = (width, height)
        elif marker == 0xE0 and segment[:5] == b"JFIF\0" and len(segment) >= 12:
            unit, x, y = struct.unpack(">BHH", segment[7:12])
            if x > 0 and y > 0 and unit in (1, 2):
                dpi = (float(x), float(y)) if unit == 1 else (x * 2.54, y * 2.54)
        at += 2 + length
        if marker == 0xDA:  # start of scan: the image data follows, up to the end marker
            break
    if size is None:
        raise _broken("JPEG", message("no frame header before the image data"))
    if data.rfind(b"\xff\xd9") < at:
        raise _broken("JPEG", message("no end marker"))
    _checked_size("JPEG", *size)
    return ImageInfo("jpeg", size[0], size[1], dpi)

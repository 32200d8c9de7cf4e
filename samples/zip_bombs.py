"""Write hostile .docx files for tests: zip bombs, lying headers, duplicate names.

A 1 GiB member of zeros deflates to about 1 MB; it is built from one compressed 1 MiB block
repeated (a full flush makes each block stand alone), so nothing of 1 GiB is ever held in
memory or written to disk.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MiB = 2**20
GiB = 2**30
STORED, DEFLATED = 0, 8


@dataclass(frozen=True)
class Member:
    """One file of a zip archive, as stored: its name, packed bytes and what the headers say."""

    name: str
    data: bytes
    size: int
    crc: int
    method: int = DEFLATED


def deflated(content: bytes) -> Member:
    """Return a member holding ``content`` (name filled in by :func:`named`)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member("", packer.compress(content) + packer.flush(), len(content), zlib.crc32(content))


def deflated_zeros(size: int, chunk: int = MiB) -> Member:
    """Return a member of ``size`` zero bytes (a multiple of ``chunk``), built without them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(chunk)) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    zeros = bytes(chunk)
    for _ in range(size // chunk):
        crc = zlib.crc32(zeros, crc)
    return Member("", block * (size // chunk) + packer.flush(), size, crc)


def named(member: Member, name: str) -> Member:
    """Return ``member`` under another name."""
    return Member(name, member.data, member.size, member.crc, member.method)


def members_of(docx: bytes) -> list[Member]:
    """Return the members of a real .docx, deflated again."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [named(deflated(archive.read(i)), i.filename) for i in archive.infolist()]


def write_zip(members: list[Member]) -> bytes:
    """Write a zip archive of ``members`` exactly as given (sizes and CRCs may lie)."""
    out = io.BytesIO()
    directory = io.BytesIO()
    for m in members:
        name = m.name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, m.method, 0, 0x21, m.crc,
                              len(m.data), m.size, len(name), 0))
        out.write(name)
        out.write(m.data)
        directory.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, m.method, 0, 0x21,
                                    m.crc, len(m.data), m.size, len(name), 0, 0, 0, 0, 0, offset))
        directory.write(name)
    start = out.tell()
    out.write(directory.getvalue())
    count = len(members)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count,
                          len(directory.getvalue()), start, 0))
    return out.getvalue()


def with_member(docx: bytes, member: Member) -> bytes:
    """Return ``docx`` with ``member`` added (or put in place of the member of that name)."""
    members = [m for m in members_of(docx) if m.name != member.name]
    return write_zip([*members, member])


def save(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and return ``path``."""
    path.write_bytes(data)
    return path

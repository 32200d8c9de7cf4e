"""Read a .docx package: the one capped reader, the one strict XML parser, its text parts.

Every .docx chibo_docs opens (a template, a rendered document, a file given to the layout
check or to the font check) is read by :func:`read_package`: the zip directory is checked
against the limits of :mod:`chibo_docs.limits` before anything is unpacked, each member is
unpacked in chunks and dropped when it grows past its limit, and XML is parsed by
:func:`strict_xml` (no DTD, no entities, no network). :func:`relationships` is the one reader
of a part's relationships, and :func:`text_parts` lists the parts that hold text in reading
order; :mod:`chibo_docs.ooxml.paragraphs` walks their paragraphs.

>>> text_parts({"word/document.xml": b"<document/>"})
[Part(name='word/document.xml', kind='body')]
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO

from lxml import etree

from chibo_docs.errors import DocxFileError, TemplateLimitError, os_reason
from chibo_docs.i18n import Message, message
from chibo_docs.limits import LIMITS, Limits
from chibo_docs.ooxml.namespaces import REL, R, W

__all__ = [
    "Package",
    "Part",
    "Relationship",
    "main_part_name",
    "parse_part",
    "read_package",
    "relationships",
    "strict_xml",
    "text_parts",
]

_POSITION = re.compile(r", line \d+, column \d+$")  # lxml repeats the place in its message
_local = threading.local()
_CHUNK = 1 << 20  # members are unpacked 1 MiB at a time
_XML_PARTS = (".xml", ".rels")
_EOCD_SEARCH = 22 + 0xFFFF + 20  # the end record, its longest comment, the zip64 locator
_PACKAGE_RELS = "_rels/.rels"
_DEFAULT_MAIN = "word/document.xml"

Package = Mapping[str, bytes]
"""The files of a .docx (a zip archive): name → bytes, in archive order."""


@dataclass(frozen=True)
class Part:
    """One XML part of a document.

    ``name`` is the file inside the archive (``word/header1.xml``); ``kind`` is ``body``,
    ``header``, ``footer``, ``footnotes`` or ``endnotes`` for the parts that hold text
    (``styles`` for the styles part).
    """

    name: str
    kind: str

    @property
    def label(self) -> str:
        """Name the part for a person: ``body`` or ``header (header1.xml)``.

        >>> Part("word/header2.xml", "header").label, Part("word/document.xml", "body").label
        ('header (header2.xml)', 'body')
        """
        if self.kind in ("header", "footer"):
            return f"{self.kind} ({posixpath.basename(self.name)})"
        return self.kind


@dataclass(frozen=True)
class Relationship:
    """One internal relationship of a part: its id, its type and the part it points to.

    ``kind`` is the last word of the relationship type (``header``, ``styles``, ``theme``…);
    ``target`` the archive name of the part pointed to, resolved against the source part.
    """

    id: str
    kind: str
    target: str


def read_package(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    limits: Limits = LIMITS,
    members: Callable[[str], bool] | None = None,
    check_xml: bool = True,
) -> dict[str, bytes]:
    """Read the files of a .docx (a path or its bytes) into memory, keeping archive order.

    Nothing is unpacked before the zip directory has been checked against ``limits`` (number
    of files, each file's unpacked size and packing ratio, the total); each file is then read
    in chunks and dropped as soon as it goes over its limit, in case the directory lies.
    Every XML part is then parsed strictly (no DTD, no entities, no network), and the main
    document part must be there.

    ``name`` names the file in errors (default: the path, or ``<bytes>``). ``members`` picks
    the files to unpack by name (default: all; the directory is checked whole either way, and
    the package relationships ``_rels/.rels`` are always read). ``check_xml=False`` leaves the
    XML parts unparsed, for a caller that scans them as text and parses what it reads as XML
    with :func:`parse_part`.

    Raises:
        DocxFileError: ``source`` cannot be read, is not a zip archive, lacks its main part
            or holds a part that is not well-formed XML (named, with line and column).
        TemplateLimitError: the archive goes over one of ``limits`` (naming the file, the part
            and the limit).
    """
    label = name or ("<bytes>" if isinstance(source, bytes) else os.fspath(source))
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise DocxFileError(_os_problem(exc), template=label) from exc
    with stream:
        _check_directory_size(stream, label, limits)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise DocxFileError(
                message(
                    "it is not a .docx (not a zip archive: {reason}); save it from Word or "
                    "LibreOffice as a Word document (.docx)",
                    reason=str(exc),
                ),
                template=label,
            ) from exc
        with archive:
            infos = archive.infolist()
            _check_infos(infos, label, limits)
            package = {
                info.filename: _read_member(archive, info, label, limits)
                for info in infos
                if members is None or info.filename == _PACKAGE_RELS or members(info.filename)
            }
    for member, data in package.items():
        if member.endswith(_XML_PARTS) and (check_xml or member == _PACKAGE_RELS):
            parse_part(data, source=label, part=member)
    names = {info.filename for info in infos}
    main = next(
        (r.target for r in relationships(package, "") if r.kind == "officeDocument" and r.target in names),
        _DEFAULT_MAIN,
    )
    if main not in names:
        raise DocxFileError(
            message(
                "it is not a .docx: it has no main document part ({part!r}); save it from "
                "Word or LibreOffice as a Word document (.docx)",
                part=main,
            ),
            template=label,
        )
    return package


def _os_problem(exc: OSError) -> Message:
    """Say why a file cannot be opened, in the reader's words, and what to do.

    >>> _os_problem(FileNotFoundError(2, "No such file or directory")).text("en")
    'no such file or folder; check the path'
    >>> str(_os_problem(FileNotFoundError(2, "No such file or directory")))
    'không có tệp hay thư mục này; hãy kiểm tra đường dẫn'
    """
    return message("{problem}; check the path", problem=os_reason(exc))


def _check_directory_size(stream: IO[bytes], label: str, limits: Limits) -> None:
    """Refuse a zip directory larger than the limit before :mod:`zipfile` reads it whole."""
    size = stream.seek(0, io.SEEK_END)
    tail_start = max(size - _EOCD_SEARCH, 0)
    stream.seek(tail_start)
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return  # not a zip: zipfile says so
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    if directory == 0xFFFFFFFF:  # zip64: the real size is in the zip64 end record
        locator = tail.rfind(b"PK\x06\x07", 0, at)
        if locator >= 0 and len(tail) - locator >= 20:
            offset = int.from_bytes(tail[locator + 8 : locator + 16], "little")
            stream.seek(offset)
            record = stream.read(56)
            stream.seek(0)
            if record[:4] == b"PK\x06\x06" and len(record) == 56:
                directory = int.from_bytes(record[40:48], "little")
    if directory > limits.directory_bytes:
        raise TemplateLimitError(
            "directory_bytes", directory, limits.directory_bytes, template=label
        )


def _check_infos(infos: list[zipfile.ZipInfo], label: str, limits: Limits) -> None:
    """Check the zip directory against the limits, before anything is unpacked."""
    if len(infos) > limits.zip_members:
        raise TemplateLimitError("zip_members", len(infos), limits.zip_members, template=label)
    total = 0
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise DocxFileError(
                message(
                    "the archive holds {part!r} twice, which Word never writes; save the "
                    "document again from Word or LibreOffice",
                    part=info.filename,
                ),
                template=label,
                part=info.filename,
            )
        seen.add(info.filename)
        if info.file_size > limits.member_bytes:
            raise TemplateLimitError(
                "member_bytes",
                info.file_size,
                limits.member_bytes,
                template=label,
                part=info.filename,
            )
        if info.file_size > limits.xml_part_bytes and info.filename.endswith(_XML_PARTS):
            raise TemplateLimitError(
                "xml_part_bytes",
                info.file_size,
                limits.xml_part_bytes,
                template=label,
                part=info.filename,
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.compression_ratio:
            raise TemplateLimitError(
                "compression_ratio",
                ratio,
                limits.compression_ratio,
                template=label,
                part=info.filename,
            )
        total += info.file_size
        if total > limits.package_bytes:
            raise TemplateLimitError(
                "package_bytes", total, limits.package_bytes, template=label, part=info.filename
            )


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits
) -> bytes:
    """Read one member in chunks, stopping as soon as it unpacks beyond what was declared."""
    allowed = min(info.file_size, limits.member_bytes)
    if info.filename.endswith(_XML_PARTS):
        allowed = min(allowed, limits.xml_part_bytes)
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                read += len(chunk)
                if read > allowed:
                    raise TemplateLimitError(
                        "member_bytes", None, allowed, template=label, part=info.filename
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, zlib.error,
            ValueError) as exc:
        raise DocxFileError(
            message(
                "cannot unpack this part ({reason}); the file is damaged or encrypted: save "
                "it again from Word or LibreOffice, without a password",
                reason=str(exc),
            ),
            template=label,
            part=info.filename,
        ) from exc
    return b"".join(chunks)


def _parser() -> etree.XMLParser:
    """Return this thread's strict parser: no recovery, no DTD, no entities, no network."""
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(
            recover=False,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,  # keep libxml2's own limits on depth and text size
        )
    return parser


def strict_xml(data: bytes) -> etree._Element:
    """Parse XML strictly and safely; raise ``etree.XMLSyntaxError`` if it is not well formed.

    No recovery, no DTD loading, no entity expansion, no network, and libxml2's own limits on
    depth and text size kept (no ``huge_tree``).

    >>> strict_xml(b"<a><b/></a>").tag
    'a'
    """
    return etree.fromstring(data, _parser())


def parse_part(
    data: bytes, *, source: str | None = None, part: str | None = None
) -> etree._Element:
    """Parse one XML part of a .docx strictly (see :func:`strict_xml`).

    A document type declaration (``<!DOCTYPE …>``), which no part of a .docx may hold, is
    refused too: it is how entity bombs and external entities get in.

    Raises:
        DocxFileError: the part is not well-formed XML or has a DTD, naming the file
            (``source``), the part and the line and column.
    """
    try:
        root = strict_xml(data)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno or 0, exc.offset or 0)
        reason = _POSITION.sub("", exc.msg or str(exc))
        raise DocxFileError(
            message(
                "the part is not well-formed XML ({reason}); the file is damaged: open it in "
                "Word or LibreOffice and save it again",
                reason=reason,
            ),
            template=source,
            part=part,
            line=line,
            column=column,
        ) from exc
    if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]
        raise DocxFileError(
            message(
                "the part holds a document type declaration (<!DOCTYPE …>), which a .docx "
                "may not have; save the document again from Word or LibreOffice"
            ),
            template=source,
            part=part,
        )
    return root


def relationships(package: Package, part_name: str) -> list[Relationship]:
    """Return the internal relationships of a part (``""``: of the package), in order.

    External targets (web links) are left out; a target is resolved against the folder of
    the part (or from the root when it starts with ``/``).

    Raises:
        DocxFileError: the relationships part is not well-formed XML.
    """
    folder, base = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in package:
        return []
    result = []
    for rel in parse_part(package[rels_name], part=rels_name).iter(REL + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        result.append(Relationship(rel.get("Id", ""), kind, posixpath.normpath(name)))
    return result


def main_part_name(package: Package) -> str:
    """Return the archive name of the main document part (usually ``word/document.xml``)."""
    for rel in relationships(package, ""):
        if rel.kind == "officeDocument" and rel.target in package:
            return rel.target
    return _DEFAULT_MAIN


def text_parts(package: Package) -> list[Part]:
    """List the parts that hold text in reading order: headers, body, notes, footers.

    Headers and footers come in the order the sections refer to them; parts that no section
    refers to follow.
    """
    main = main_part_name(package)
    rels = relationships(package, main)
    by_id = {rel.id: rel.target for rel in rels}
    referenced: dict[str, list[str]] = {"header": [], "footer": []}
    if main in package:
        for ref in parse_part(package[main]).iter(W + "headerReference", W + "footerReference"):
            kind = "header" if ref.tag == W + "headerReference" else "footer"
            name = by_id.get(ref.get(R + "id", ""))
            if name and name in package and name not in referenced[kind]:
                referenced[kind].append(name)
    for rel in rels:
        if rel.kind in referenced and rel.target in package and rel.target not in referenced[rel.kind]:
            referenced[rel.kind].append(rel.target)
    notes = [
        Part(rel.target, kind)
        for kind in ("footnotes", "endnotes")
        for rel in rels
        if rel.kind == kind and rel.target in package
    ]
    return [
        *(Part(name, "header") for name in referenced["header"]),
        Part(main, "body"),
        *notes,
        *(Part(name, "footer") for name in referenced["footer"]),
    ]

"""Read a .docx package: its text parts, their paragraphs with locations, and the tags in them.

This is the one place that walks WordprocessingML with lxml. The renderer uses it to say where
a template error is ("body, table 1, row 2, cell 3"); the template linter and
:func:`chibo_docs.visible_text` reuse it.

Locations speak the template author's language: the part (``body``, ``header (header1.xml)``,
``footer (footer1.xml)``, ``footnotes``), then ``paragraph 3`` for the third paragraph of the
part, or ``table 1, row 2, cell 3`` (plus ``, paragraph 2`` when a cell holds several) for a
paragraph in a table. Paragraphs and tables are counted from 1, in document order, and empty
paragraphs count: they are the ones a person sees in Word.

>>> from chibo_docs.ooxml.reading import find_tags
>>> find_tags("Kính gửi: {{ chi_bo.ten }}, {%p if x %} {# note #}")
('{{ chi_bo.ten }}', '{%p if x %}', '{# note #}')
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import threading
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from lxml import etree

from chibo_docs.errors import DocxFileError, TemplateLimitError
from chibo_docs.limits import LIMITS, Limits

__all__ = [
    "TAG_PATTERN",
    "Package",
    "Part",
    "SourceParagraph",
    "W",
    "deepest_block",
    "find_tags",
    "iter_blocks",
    "iter_cells",
    "iter_paragraphs",
    "iter_part_paragraphs",
    "iter_rows",
    "main_part_name",
    "paragraph_text",
    "parse_part",
    "read_package",
    "snippet",
    "strict_xml",
    "tag_hazards",
    "tag_nesting",
    "text_parts",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

TAG_PATTERN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})
_POSITION = re.compile(r", line \d+, column \d+$")  # lxml repeats the place in its message
_local = threading.local()
_CHUNK = 1 << 20  # members are unpacked 1 MiB at a time
_XML_PARTS = (".xml", ".rels")
_EOCD_SEARCH = 22 + 0xFFFF + 20  # the end record, its longest comment, the zip64 locator

Package = Mapping[str, bytes]
"""The files of a .docx (a zip archive): name → bytes, in archive order."""


@dataclass(frozen=True)
class Part:
    """One XML part of a document that holds text.

    ``name`` is the file inside the archive (``word/header1.xml``); ``kind`` is ``body``,
    ``header``, ``footer``, ``footnotes`` or ``endnotes``.
    """

    name: str
    kind: str

    @property
    def label(self) -> str:
        """Name the part for a person: ``body`` or ``header (header1.xml)``."""
        if self.kind in ("header", "footer"):
            return f"{self.kind} ({posixpath.basename(self.name)})"
        return self.kind


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph of a template, where it is, its visible text and the tags written in it."""

    part: Part
    location: str
    text: str
    tags: tuple[str, ...]

    @property
    def snippet(self) -> str:
        """Return the start of the visible text, enough to find the paragraph in Word."""
        return snippet(self.text)


def snippet(text: str, limit: int = 60) -> str:
    """Shorten ``text`` to ``limit`` characters, marking a cut with an ellipsis.

    >>> snippet("Đảng Cộng sản Việt Nam", 10)
    'Đảng Cộng…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def find_tags(text: str) -> tuple[str, ...]:
    """Return the Jinja tags (``{{ }}``, ``{% %}``, ``{# #}``) in ``text``, in order."""
    return tuple(TAG_PATTERN.findall(text))


def tag_nesting(tag: str) -> int:
    """Return how deep brackets nest inside a tag (quoted text is skipped).

    >>> tag_nesting("{{ f(a[1], (b, {'x': '((('})) }}")
    3
    """
    depth = deepest = 0
    quote = ""
    for char in tag[2:-2]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(depth - 1, 0)
    return deepest


_BLOCK_WORD = re.compile(r"^\{%[-+]?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)")
_BLOCK_OPENERS = frozenset(
    {"for", "if", "macro", "call", "filter", "with", "autoescape", "block", "raw"}
)


def deepest_block(tags: list[str]) -> tuple[int, int]:
    """Return how deep blocks nest among ``tags`` (in order) and the index of the deepest.

    >>> deepest_block(["{%p for a in b %}", "{% if a %}", "{{ a }}", "{% endif %}",
    ...                "{%p endfor %}"])
    (2, 1)
    """
    depth = deepest = 0
    where = -1
    for index, tag in enumerate(tags):
        match = _BLOCK_WORD.match(tag)
        if not match:
            continue
        word = match.group(1)
        if word in _BLOCK_OPENERS or (word == "set" and "=" not in tag):
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif word.startswith("end"):
            depth = max(depth - 1, 0)
    return deepest, where


def read_package(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    limits: Limits = LIMITS,
) -> dict[str, bytes]:
    """Read every file of a .docx (a path or its bytes) into memory, keeping archive order.

    Nothing is unpacked before the zip directory has been checked against ``limits`` (number
    of files, each file's unpacked size and packing ratio, the total); each file is then read
    in chunks and dropped as soon as it goes over its limit, in case the directory lies.
    Every XML part is then parsed strictly (no DTD, no entities, no network), and the main
    document part must be there.

    ``name`` names the file in errors (default: the path, or ``<bytes>``).

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
        raise DocxFileError(
            f"{(exc.strerror or str(exc)).lower()}; check the path", template=label
        ) from exc
    with stream:
        _check_directory_size(stream, label, limits)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise DocxFileError(
                f"it is not a .docx (not a zip archive: {exc}); save it "
                "from Word or LibreOffice as a Word document (.docx)",
                template=label,
            ) from exc
        with archive:
            infos = archive.infolist()
            _check_infos(infos, label, limits)
            package = {info.filename: _read_member(archive, info, label, limits) for info in infos}
    for member, data in package.items():
        if member.endswith(_XML_PARTS):
            parse_part(data, source=label, part=member)
    main = main_part_name(package)
    if main not in package:
        raise DocxFileError(
            f"it is not a .docx: it has no main document part ({main!r}); save "
            "it from Word or LibreOffice as a Word document (.docx)",
            template=label,
        )
    return package


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
                f"the archive holds {info.filename!r} twice, which Word never writes; save "
                "the document again from Word or LibreOffice",
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
            f"cannot unpack this part ({exc}); the file is damaged or encrypted: save it "
            "again from Word or LibreOffice, without a password",
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
            f"the part is not well-formed XML ({reason}); the file is damaged: open it in "
            "Word or LibreOffice and save it again",
            template=source,
            part=part,
            location=f"line {line}, column {column}",
        ) from exc
    if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]
        raise DocxFileError(
            "the part holds a document type declaration (<!DOCTYPE …>), which a .docx may "
            "not have; save the document again from Word or LibreOffice",
            template=source,
            part=part,
        )
    return root


def _relationships(package: Package, part_name: str) -> list[tuple[str, str, str]]:
    """Return (id, type suffix, target part name) for each internal relationship of a part."""
    folder, base = posixpath.split(part_name)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in package:
        return []
    result = []
    for rel in parse_part(package[rels_name]).iter(_REL + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        result.append((rel.get("Id", ""), kind, posixpath.normpath(name)))
    return result


def main_part_name(package: Package) -> str:
    """Return the archive name of the main document part (usually ``word/document.xml``)."""
    for _, kind, name in _relationships(package, ""):
        if kind == "officeDocument" and name in package:
            return name
    return "word/document.xml"


def text_parts(package: Package) -> list[Part]:
    """List the parts that hold text in reading order: headers, body, notes, footers.

    Headers and footers come in the order the sections refer to them; parts that no section
    refers to follow.
    """
    main = main_part_name(package)
    rels = _relationships(package, main)
    by_id = {rel_id: name for rel_id, _, name in rels}
    referenced: dict[str, list[str]] = {"header": [], "footer": []}
    if main in package:
        for ref in parse_part(package[main]).iter(W + "headerReference", W + "footerReference"):
            kind = "header" if ref.tag == W + "headerReference" else "footer"
            name = by_id.get(ref.get(_R + "id", ""))
            if name and name in package and name not in referenced[kind]:
                referenced[kind].append(name)
    for _, kind, name in rels:
        if kind in referenced and name in package and name not in referenced[kind]:
            referenced[kind].append(name)
    notes = [
        Part(name, kind)
        for kind in ("footnotes", "endnotes")
        for _, rel_kind, name in rels
        if rel_kind == kind and name in package
    ]
    return [
        *(Part(name, "header") for name in referenced["header"]),
        Part(main, "body"),
        *notes,
        *(Part(name, "footer") for name in referenced["footer"]),
    ]


def _children(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


def iter_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Yield the paragraphs (``w:p``) and tables (``w:tbl``) of a container, in order.

    Content controls and custom XML wrappers are looked through.
    """
    for child in _children(container):
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "footnote", W + "endnote", W + "body"):
            yield from iter_blocks(child)


def iter_rows(table: etree._Element) -> Iterator[etree._Element]:
    """Yield the rows of a table."""
    return (child for child in _children(table) if child.tag == W + "tr")


def iter_cells(row: etree._Element) -> Iterator[etree._Element]:
    """Yield the cells of a table row."""
    return (child for child in _children(row) if child.tag == W + "tc")


def paragraph_text(paragraph: etree._Element) -> str:
    """Return a paragraph's visible text: runs joined, breaks as ``\\n``, tabs as ``\\t``."""
    pieces: list[str] = []
    for element in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        tag = element.tag
        if tag == W + "t":
            pieces.append(element.text or "")
        elif tag == W + "tab":
            parent = element.getparent()
            if parent is not None and parent.tag == W + "r":  # not a tab stop in w:tabs
                pieces.append("\t")
        elif tag == W + "noBreakHyphen":
            pieces.append("\u2011")
        else:
            pieces.append("\n")
    return "".join(pieces)


_BOUNDARIES = {
    W + "hyperlink": "a hyperlink",
    W + "ins": "a tracked insertion (Track Changes)",
    W + "moveTo": "a tracked move (Track Changes)",
    W + "sdt": "a content control",
    W + "smartTag": "a smart tag",
    W + "customXml": "a custom XML element",
    W + "fldSimple": "a field",
}


def _boundary(text_element: etree._Element, paragraph: etree._Element) -> tuple[str, ...]:
    """Return the wrappers between a text element and its paragraph, innermost last."""
    chain: list[str] = []
    node = text_element.getparent()
    while node is not None and node is not paragraph:
        if node.tag in _BOUNDARIES:
            chain.append(f"{_BOUNDARIES[node.tag]}@{id(node)}")
        node = node.getparent()
    return tuple(reversed(chain))


def tag_hazards(paragraph: etree._Element) -> list[tuple[str, str]]:
    """Return ``(tag, reason)`` for each tag of a paragraph that docxtpl cannot render as seen.

    docxtpl joins a tag written over several runs of one paragraph (different formatting,
    spelling marks, bookmarks, deleted text in between are all fine). It cannot join a tag
    that starts outside and ends inside a hyperlink, a tracked insertion, a content control
    or a field: the output is broken XML, or the field's shown value becomes part of the tag.
    A tag in text deleted with Track Changes is invisible in Word but docxtpl still runs it.
    """
    pieces: list[tuple[str, tuple[str, ...]]] = []
    hazards: list[tuple[str, str]] = []
    field_depth, in_result, field_id = 0, False, 0
    for element in paragraph.iter(W + "t", W + "delText", W + "fldChar"):
        if element.tag == W + "fldChar":
            kind = element.get(W + "fldCharType")
            if kind == "begin":
                field_depth += 1
                field_id += 1
                in_result = False
            elif kind == "separate":
                in_result = True
            elif kind == "end" and field_depth:
                field_depth -= 1
                in_result = False
            continue
        text = element.text or ""
        if element.tag == W + "delText":
            hazards += [(tag, "deleted") for tag in find_tags(text)]
            continue
        chain = _boundary(element, paragraph)
        if field_depth and in_result:
            chain += (f"a field@{field_id}",)
        pieces.append((text, chain))
    joined = "".join(text for text, _ in pieces)
    owners = [chain for text, chain in pieces for _ in text]
    for match in TAG_PATTERN.finditer(joined):
        chains = set(owners[match.start() : match.end()])
        if len(chains) > 1:
            inner = next(
                (c[-1] for c in sorted(chains, key=len, reverse=True) if c), "a field@0"
            )
            hazards.append((match.group(), inner.split("@")[0]))
    return hazards


def _walk(
    container: etree._Element, part: Part, prefix: str
) -> Iterator[tuple[etree._Element, SourceParagraph]]:
    paragraphs = tables = 0
    blocks = list(iter_blocks(container))
    in_cell = container.tag == W + "tc"
    several = sum(1 for b in blocks if b.tag == W + "p") > 1
    for block in blocks:
        if block.tag == W + "p":
            paragraphs += 1
            if in_cell:
                where = prefix + (f", paragraph {paragraphs}" if several and paragraphs > 1 else "")
            else:
                where = f"{prefix}, paragraph {paragraphs}" if prefix else f"paragraph {paragraphs}"
            text = paragraph_text(block)
            yield block, SourceParagraph(part, where, text, find_tags(text))
        else:
            tables += 1
            table = f"{prefix}, table {tables}" if prefix else f"table {tables}"
            for r, row in enumerate(iter_rows(block), start=1):
                for c, cell in enumerate(iter_cells(row), start=1):
                    yield from _walk(cell, part, f"{table}, row {r}, cell {c}")


def iter_paragraphs(
    source: str | os.PathLike[str] | bytes | Package, parts: list[Part] | None = None
) -> Iterator[SourceParagraph]:
    """Yield every paragraph of a .docx (headers, body, notes, footers) with its location.

    ``source`` is a path, the bytes of a .docx or a package from :func:`read_package`.
    """
    package = source if isinstance(source, Mapping) else read_package(source)
    for part in parts if parts is not None else text_parts(package):
        for _, paragraph in _walk(parse_part(package[part.name]), part, ""):
            yield paragraph


def iter_part_paragraphs(
    root: etree._Element, part: Part
) -> Iterator[tuple[etree._Element, SourceParagraph]]:
    """Yield each paragraph element of a parsed part with its :class:`SourceParagraph`."""
    return _walk(root, part, "")

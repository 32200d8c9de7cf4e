"""Read a .docx package: its text parts, their paragraphs with locations, and the tags in them.

This is the one place that walks WordprocessingML with lxml. The renderer uses it to say where
a template error is ("body, table 1, row 2, cell 3"); the template linter and
:func:`chibo_docs.visible_text` reuse it.

Locations speak the template author's language: the part (``body``, ``header (header1.xml)``,
``footer (footer1.xml)``, ``footnotes``), then ``paragraph 3`` for the third paragraph of the
part, or ``table 1, row 2, cell 3`` (plus ``, paragraph 2`` when a cell holds several) for a
paragraph in a table. Paragraphs and tables are counted from 1, in document order, and empty
paragraphs count: they are the ones a person sees in Word.

>>> from chibo_docs.template_source import find_tags
>>> find_tags("Kính gửi: {{ chi_bo.ten }}, {%p if x %} {# note #}")
('{{ chi_bo.ten }}', '{%p if x %}', '{# note #}')
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

__all__ = [
    "TAG_PATTERN",
    "Package",
    "Part",
    "SourceParagraph",
    "W",
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
    "tag_hazards",
    "text_parts",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

TAG_PATTERN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})
_PARSER = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)

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


def read_package(source: str | os.PathLike[str] | bytes) -> dict[str, bytes]:
    """Read every file of a .docx (a path or its bytes) into memory, keeping archive order.

    Raises:
        zipfile.BadZipFile: when ``source`` is not a zip archive.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with stream, zipfile.ZipFile(stream) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def parse_part(data: bytes) -> etree._Element:
    """Parse one XML part strictly (no recovery); raise ``etree.XMLSyntaxError`` if broken."""
    return etree.fromstring(data, _PARSER)


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

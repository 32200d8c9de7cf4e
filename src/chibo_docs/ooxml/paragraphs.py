"""The one paragraph walker: every paragraph of a part, in reading order, with its Location.

The renderer uses it to say where a template error is, the template linter where a tag is,
and the layout checker where a paragraph breaks a rule; all three print the same
:class:`~chibo_docs.location.Location` (``body, table 1, row 2, cell 3, paragraph 1``).

Paragraphs and tables are counted from 1 in their container (the part, or a table cell), in
document order; empty paragraphs count, since a person sees them in Word. Content controls,
custom XML and smart tags are looked through.

>>> from chibo_docs.ooxml.namespaces import W_NS
>>> from chibo_docs.ooxml.reading import strict_xml
>>> root = strict_xml(
...     f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Kính gửi {{{{ ten }}}}</w:t>'
...     "</w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>Ký</w:t></w:r></w:p>"
...     "</w:tc></w:tr></w:tbl></w:body></w:document>".encode())
>>> for walked in walk_part(root, Part("word/document.xml", "body")):
...     print(walked.paragraph.location.text("en"), walked.paragraph.tags)
body, paragraph 1 ('{{ ten }}',)
body, table 1, row 1, cell 1, paragraph 1 ()
body, table 1, row 1, cell 2, paragraph 1 ()
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from chibo_docs.location import Location, TableCell, snippet
from chibo_docs.ooxml.namespaces import W
from chibo_docs.ooxml.reading import Package, Part, parse_part, read_package, text_parts
from chibo_docs.ooxml.tags import find_tags

__all__ = [
    "CellElements",
    "SourceParagraph",
    "WalkedParagraph",
    "iter_blocks",
    "iter_cells",
    "iter_paragraphs",
    "iter_rows",
    "paragraph_text",
    "walk_package",
    "walk_part",
]

_WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"})


@dataclass(frozen=True)
class SourceParagraph:
    """A paragraph of a document: its part, where it is, its visible text and its tags."""

    part: Part
    location: Location
    text: str
    tags: tuple[str, ...]

    @property
    def snippet(self) -> str:
        """Return the start of the visible text, enough to find the paragraph in Word."""
        return self.location.snippet or ""


@dataclass(frozen=True)
class CellElements:
    """The elements of one table cell around a paragraph: the table, the row and the cell."""

    table: etree._Element
    row: etree._Element
    cell: etree._Element


class WalkedParagraph(NamedTuple):
    """A paragraph met by the walker: its element, what it says and where, its cells."""

    element: etree._Element
    paragraph: SourceParagraph
    cells: tuple[CellElements, ...]
    """The table cells that hold it, outermost first (as in its location)."""


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


def _walk(
    container: etree._Element,
    part: Part,
    path: tuple[TableCell, ...],
    elements: tuple[CellElements, ...],
) -> Iterator[WalkedParagraph]:
    paragraphs = tables = 0
    for block in iter_blocks(container):
        if block.tag == W + "p":
            paragraphs += 1
            text = paragraph_text(block)
            where = Location(part.label, path, paragraphs, snippet(text))
            yield WalkedParagraph(block, SourceParagraph(part, where, text, find_tags(text)), elements)
        else:
            tables += 1
            for r, row in enumerate(iter_rows(block), start=1):
                for c, cell in enumerate(iter_cells(row), start=1):
                    yield from _walk(
                        cell,
                        part,
                        (*path, TableCell(tables, r, c)),
                        (*elements, CellElements(block, row, cell)),
                    )


def walk_part(root: etree._Element, part: Part) -> Iterator[WalkedParagraph]:
    """Yield every paragraph of a parsed part (``root``), in reading order, with its location."""
    return _walk(root, part, (), ())


def walk_package(package: Package, parts: list[Part] | None = None) -> Iterator[WalkedParagraph]:
    """Yield every paragraph of the text parts of ``package`` (headers, body, notes, footers).

    ``parts`` limits the walk to those parts (default: :func:`text_parts`, in reading order).
    """
    for part in parts if parts is not None else text_parts(package):
        yield from walk_part(parse_part(package[part.name], part=part.name), part)


def iter_paragraphs(
    source: str | os.PathLike[str] | bytes | Package, parts: list[Part] | None = None
) -> Iterator[SourceParagraph]:
    """Yield every paragraph of a .docx (headers, body, notes, footers) with its location.

    ``source`` is a path, the bytes of a .docx or a package from
    :func:`~chibo_docs.ooxml.reading.read_package`.

    Raises:
        DocxFileError: ``source`` is not a readable .docx.
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`.
    """
    package = source if isinstance(source, Mapping) else read_package(source)
    for walked in walk_package(package, parts):
        yield walked.paragraph

"""What two renderings of a template are compared on: visible text, table shapes, properties.

docxtpl and chibo_docs write different XML for the same result (docxtpl keeps ``<w:br/>`` where
chibo_docs makes a paragraph, run boundaries differ, ids differ), so outputs are compared on
what a reader sees: the visible text (a line per paragraph or line break, table rows with
``" | "`` between cells), the shape of every table (per row, each cell's column span and
vertical merge), the number of pictures and the document properties a PDF shows (title,
subject, author).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from chibo_docs.ooxml.text import visible_text

__all__ = ["Rendering", "compare", "pictures", "properties", "rendering", "table_shapes"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"

CellShape = tuple[int, str]
"""A cell's column span and vertical merge (``""``, ``"restart"`` or ``"continue"``)."""


def table_shapes(docx: bytes) -> list[list[list[CellShape]]]:
    """Return every table of the body (nested ones after their parent), row by row."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    tables = []
    for table in root.iter(_W + "tbl"):
        rows = []
        for row in table.findall(_W + "tr"):
            cells = []
            for cell in row.findall(_W + "tc"):
                span = cell.find(f"{_W}tcPr/{_W}gridSpan")
                merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                merged = "" if merge is None else merge.get(_W + "val", "continue")
                cells.append((int(span.get(_W + "val", "1")) if span is not None else 1, merged))
            rows.append(cells)
        tables.append(rows)
    return tables


def pictures(docx: bytes) -> int:
    """Return how many pictures the document shows (in its body, headers, footers and notes)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        return sum(archive.read(n).count(b"<a:blip ") for n in parts)


def properties(docx: bytes) -> dict[str, str]:
    """Return the title, subject and author of the document's core properties."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        if "docProps/core.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("docProps/core.xml"))
    found = {}
    for name in ("title", "subject", "creator"):
        element = root.find(_DC + name)
        found[name] = (element.text or "") if element is not None else ""
    return found


@dataclass(frozen=True)
class Rendering:
    """What a reader sees of one rendered document."""

    text: str
    tables: list[list[list[CellShape]]]
    properties: dict[str, str]
    pictures: int


def rendering(docx: bytes) -> Rendering:
    """Return what a reader sees of ``docx``; empty lines and trailing spaces do not count."""
    lines = [line.rstrip() for line in visible_text(docx).split("\n")]
    return Rendering("\n".join(line for line in lines if line), table_shapes(docx),
                     properties(docx), pictures(docx))


def compare(first: bytes, second: bytes) -> list[str]:
    """Return how two renderings differ for a reader (empty: they are the same)."""
    a, b = rendering(first), rendering(second)
    out = []
    if a.text != b.text:
        out.append(f"text differs:\n--- docxtpl\n{a.text}\n--- chibo_docs\n{b.text}")
    if a.tables != b.tables:
        out.append(f"table shapes differ: {a.tables} != {b.tables}")
    if a.properties != b.properties:
        out.append(f"properties differ: {a.properties} != {b.properties}")
    if a.pictures != b.pictures:
        out.append(f"pictures differ: {a.pictures} != {b.pictures}")
    return out

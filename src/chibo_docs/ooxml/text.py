"""The visible text of a .docx, in reading order, for golden tests and quick checks."""

from __future__ import annotations

import os

from lxml import etree

from chibo_docs.ooxml.namespaces import W
from chibo_docs.ooxml.paragraphs import iter_blocks, iter_cells, iter_rows, paragraph_text
from chibo_docs.ooxml.reading import parse_part, read_package, text_parts

__all__ = ["NBSP_MARK", "visible_text"]

NBSP_MARK = "⍽"
"""What a non-breaking space (U+00A0) looks like in :func:`visible_text`."""


def _block_lines(container: etree._Element) -> list[str]:
    lines: list[str] = []
    for block in iter_blocks(container):
        if block.tag == W + "p":
            lines.append(paragraph_text(block))
        else:
            for row in iter_rows(block):
                cells = ["\n".join(_block_lines(cell)) for cell in iter_cells(row)]
                lines.append(" | ".join(cells))
    return lines


def visible_text(source: str | os.PathLike[str] | bytes) -> str:
    """Return the text a reader sees in a .docx (a path or its bytes), one paragraph a line.

    Headers come first, then the body, foot- and endnotes, then footers. A table row is one
    line with its cells joined by ``" | "`` (paragraphs inside a cell by ``"\\n"``). A line
    break inside a paragraph shows as ``"\\n"``, a tab as ``"\\t"``, and a non-breaking space
    as ``"⍽"`` so that a diff shows it.

    Raises:
        DocxFileError: ``source`` is not a readable .docx (a broken part is named, with its
            line and column).
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`,
            checked before anything is unpacked.
    """
    package = read_package(source)
    lines: list[str] = []
    for part in text_parts(package):
        lines.extend(_block_lines(parse_part(package[part.name])))
    return "\n".join(lines).replace("\u00a0", NBSP_MARK)

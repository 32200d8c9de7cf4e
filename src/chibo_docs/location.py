"""Where something is in a .docx, in the template author's words: the one :class:`Location`.

Render errors (:class:`~chibo_docs.errors.TemplateError`), template lint findings and layout
conformance findings (:class:`~chibo_docs.problems.Problem`) all locate a paragraph with it,
print it one way and give it to JSON as fields. :mod:`chibo_docs.ooxml.paragraphs` makes them,
as it walks a part; this module holds only the value, so that the lowest layers can use it.

>>> where = Location("body", (TableCell(1, 1, 2),), 1, snippet="Số 05-NQ/CB")
>>> print(where)
body, table 1, row 1, cell 2, paragraph 1
>>> where.to_dict()["cells"]
[{'table': 1, 'row': 1, 'cell': 2}]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Location", "TableCell", "snippet"]


@dataclass(frozen=True, slots=True)
class TableCell:
    """One step into a table: the table (counted in its part or cell), its row and its cell.

    Every number counts from 1, in document order.

    >>> str(TableCell(1, 2, 3))
    'table 1, row 2, cell 3'
    """

    table: int
    row: int
    cell: int

    def __str__(self) -> str:
        return f"table {self.table}, row {self.row}, cell {self.cell}"

    def to_dict(self) -> dict[str, int]:
        """Return the numbers as a JSON-ready dict."""
        return {"table": self.table, "row": self.row, "cell": self.cell}


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a .docx: a part, the table cells around it, the paragraph.

    ``part`` names the part the way a person sees it: ``body``, ``header (header1.xml)``,
    ``footer (footer1.xml)``, ``footnotes``, ``endnotes``, ``styles``. ``cells`` is the path of
    table cells that hold the paragraph, outermost first (empty outside tables; one step per
    nested table). ``paragraph`` counts the paragraphs of the innermost container (the part, or
    the cell) from 1, empty ones included; it is ``None`` when the whole part is meant.
    ``snippet`` is the start of the paragraph's text, to find it in Word; it is not printed by
    ``str()`` and two locations of one place are equal whatever their snippets.

    >>> str(Location("header (header1.xml)", paragraph=2))
    'header (header1.xml), paragraph 2'
    >>> str(Location("body", (TableCell(2, 1, 1), TableCell(1, 3, 2)), 1))
    'body, table 2, row 1, cell 1, table 1, row 3, cell 2, paragraph 1'
    >>> str(Location("styles"))
    'styles'
    """

    part: str
    cells: tuple[TableCell, ...] = ()
    paragraph: int | None = None
    snippet: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        steps = [self.part, *(str(cell) for cell in self.cells)]
        if self.paragraph is not None:
            steps.append(f"paragraph {self.paragraph}")
        return ", ".join(steps)

    def to_dict(self) -> dict[str, Any]:
        """Return the location as JSON-ready fields (``cells`` a list, outermost first).

        >>> Location("body", paragraph=3, snippet="Kính gửi").to_dict()
        {'part': 'body', 'cells': [], 'paragraph': 3, 'snippet': 'Kính gửi'}
        """
        return {
            "part": self.part,
            "cells": [cell.to_dict() for cell in self.cells],
            "paragraph": self.paragraph,
            "snippet": self.snippet,
        }


def snippet(text: str, limit: int = 60) -> str:
    """Shorten ``text`` to ``limit`` characters, its spaces collapsed, marking a cut with "…".

    >>> snippet("Đảng Cộng sản Việt Nam", 10)
    'Đảng Cộng…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

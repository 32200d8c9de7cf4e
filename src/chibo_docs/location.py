"""Where something is in a .docx, in the template author's words: the one :class:`Location`.

Render errors (:class:`~chibo_docs.errors.TemplateError`), template lint findings and layout
conformance findings (:class:`~chibo_docs.problems.Problem`) all locate a paragraph with it,
print it one way and give it to JSON as fields. :mod:`chibo_docs.ooxml.paragraphs` makes them,
as it walks a part; this module holds only the value, so that the lowest layers can use it.

It prints in the reader's language (:mod:`chibo_docs.i18n`), in the template author's words;
JSON keeps the part's English name (``body``, ``header (header1.xml)``):

>>> where = Location("body", (TableCell(1, 1, 2),), 1, snippet="Số 05-NQ/CB")
>>> print(where)
thân văn bản, bảng 1, hàng 1, ô 2, đoạn 1
>>> print(where.text("en"))
body, table 1, row 1, cell 2, paragraph 1
>>> where.to_dict()["cells"]
[{'table': 1, 'row': 1, 'cell': 2}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from chibo_docs.i18n import N_, Language, translate

__all__ = ["Location", "TableCell", "part_text", "snippet"]

_PARTS: Final[dict[str, str]] = {
    "body": N_("body"),
    "footnotes": N_("footnotes"),
    "endnotes": N_("endnotes"),
    "styles": N_("styles"),
    "header": N_("header"),
    "footer": N_("footer"),
    # places the layout check names in words, where no paragraph is meant
    "page setup": N_("page setup"),
    "section properties": N_("section properties"),
    "end of document": N_("end of document"),
}
"""Names of parts and places, for a person: ``header`` alone is the header block of the
first page (the layout check's word); a page header part is ``header (header1.xml)``."""
_FILE_PARTS: Final[dict[str, str]] = {
    "header": N_("header ({file})"),
    "footer": N_("footer ({file})"),
}
_WITH_FILE = re.compile(r"^(header|footer) \((.+)\)$")
_SECTION = re.compile(r"^section (\d+)$")


def part_text(part: str, lang: Language | None = None) -> str:
    """Name ``part`` (a :attr:`Location.part`) in ``lang``; an unknown name is kept as it is.

    >>> part_text("header (header1.xml)"), part_text("header (header1.xml)", "en")
    ('phần đầu trang (header1.xml)', 'header (header1.xml)')
    >>> part_text("section 2"), part_text("word/styles.xml")
    ('phần 2 (section)', 'word/styles.xml')
    """
    known = _PARTS.get(part)
    if known is not None:
        return translate(known, {}, lang)
    with_file = _WITH_FILE.match(part)
    if with_file:
        return translate(_FILE_PARTS[with_file.group(1)], {"file": with_file.group(2)}, lang)
    section = _SECTION.match(part)
    if section:
        return translate(N_("section {number}"), {"number": int(section.group(1))}, lang)
    return part


@dataclass(frozen=True, slots=True)
class TableCell:
    """One step into a table: the table (counted in its part or cell), its row and its cell.

    Every number counts from 1, in document order.

    >>> str(TableCell(1, 2, 3)), TableCell(1, 2, 3).text("en")
    ('bảng 1, hàng 2, ô 3', 'table 1, row 2, cell 3')
    """

    table: int
    row: int
    cell: int

    def text(self, lang: Language | None = None) -> str:
        """Return the step in ``lang`` (default: the language in force)."""
        return translate(
            N_("table {table}, row {row}, cell {cell}"),
            {"table": self.table, "row": self.row, "cell": self.cell},
            lang,
        )

    def __str__(self) -> str:
        return self.text()

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

    ``str()`` prints it in the language in force, :meth:`text` in any:

    >>> Location("header (header1.xml)", paragraph=2).text("en")
    'header (header1.xml), paragraph 2'
    >>> str(Location("header (header1.xml)", paragraph=2))
    'phần đầu trang (header1.xml), đoạn 2'
    >>> Location("body", (TableCell(2, 1, 1), TableCell(1, 3, 2)), 1).text("en")
    'body, table 2, row 1, cell 1, table 1, row 3, cell 2, paragraph 1'
    >>> Location("styles").text("en"), str(Location("styles"))
    ('styles', 'kiểu định dạng (styles)')
    """

    part: str
    cells: tuple[TableCell, ...] = ()
    paragraph: int | None = None
    snippet: str | None = field(default=None, compare=False)

    def text(self, lang: Language | None = None) -> str:
        """Return the place in ``lang`` (default: the language in force)."""
        steps = [part_text(self.part, lang), *(cell.text(lang) for cell in self.cells)]
        if self.paragraph is not None:
            steps.append(translate(N_("paragraph {number}"), {"number": self.paragraph}, lang))
        return ", ".join(steps)

    def __str__(self) -> str:
        return self.text()

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

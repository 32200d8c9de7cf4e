"""Build small .docx templates with python-docx for tests: body, table, header, footer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH


def make_docx(
    path: Path,
    body: Sequence[str] = (),
    *,
    table: Sequence[Sequence[str]] = (),
    header: str | None = None,
    footer: str | None = None,
    justify: bool = False,
    after_table: Sequence[str] = (),
) -> Path:
    """Write a .docx whose paragraphs, table cells, header and footer hold the given texts."""
    document = docx.Document()
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    for text in body:
        paragraph = document.add_paragraph(text)
        if justify:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for text in after_table:
        document.add_paragraph(text)
    document.save(str(path))
    return path

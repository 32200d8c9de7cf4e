"""visible_text shows what a reader sees, in reading order, with breaks, tabs and nbsp visible."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from chibo_docs.ooxml.text import visible_text
from samples.docx_builder import make_docx


def test_headers_come_first_tables_are_joined_with_bars_and_footers_come_last(
    tmp_path: Path,
) -> None:
    path = make_docx(
        tmp_path / "t.docx",
        ["Nghị quyết"],
        table=[["a", "b"], ["c", ""]],
        header="Đầu trang",
        footer="Cuối trang",
    )
    assert visible_text(path) == "Đầu trang\nNghị quyết\na | b\nc | \nCuối trang"


def test_line_breaks_tabs_and_non_breaking_spaces_are_visible(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Số\u00a05\tngày")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("sau")
    document.save(str(tmp_path / "t.docx"))
    assert visible_text((tmp_path / "t.docx").read_bytes()) == "Số⍽5\tngày\nsau"


def test_paragraphs_inside_a_cell_are_on_their_own_lines(tmp_path: Path) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "một"
    cell.add_paragraph("hai")
    document.save(str(tmp_path / "t.docx"))
    assert visible_text(tmp_path / "t.docx") == "một\nhai | "

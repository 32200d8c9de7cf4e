"""The one paragraph walker finds every paragraph, where it is, its text and its tags."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from chibo_docs.ooxml.paragraphs import iter_paragraphs
from chibo_docs.ooxml.reading import read_package, text_parts
from chibo_docs.ooxml.tags import find_tags
from samples.docx_builder import make_docx

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def test_paragraphs_in_body_table_header_and_footer_are_located(tmp_path: Path) -> None:
    """This test ensures that each paragraph gets its part, its number or cell, and its tags."""
    path = make_docx(
        tmp_path / "t.docx",
        ["Mở đầu", "", "Chủ trì: {{ chair }}"],
        table=[["STT", "Họ tên"], ["1", "{{ name }} - {{ role }}"]],
        header="ĐẢNG CỘNG SẢN VIỆT NAM {{ org }}",
        footer="Trang {{ page }}",
        after_table=["Kết thúc"],
    )
    found = [(str(p.location), p.text, p.tags) for p in iter_paragraphs(path)]
    assert found == [
        ("header (header1.xml), paragraph 1", "ĐẢNG CỘNG SẢN VIỆT NAM {{ org }}", ("{{ org }}",)),
        ("body, paragraph 1", "Mở đầu", ()),
        ("body, paragraph 2", "", ()),
        ("body, paragraph 3", "Chủ trì: {{ chair }}", ("{{ chair }}",)),
        ("body, table 1, row 1, cell 1, paragraph 1", "STT", ()),
        ("body, table 1, row 1, cell 2, paragraph 1", "Họ tên", ()),
        ("body, table 1, row 2, cell 1, paragraph 1", "1", ()),
        (
            "body, table 1, row 2, cell 2, paragraph 1",
            "{{ name }} - {{ role }}",
            ("{{ name }}", "{{ role }}"),
        ),
        ("body, paragraph 4", "Kết thúc", ()),
        ("footer (footer1.xml), paragraph 1", "Trang {{ page }}", ("{{ page }}",)),
    ]


def test_a_nested_table_is_located_by_the_path_of_its_cells(tmp_path: Path) -> None:
    """This test ensures that a table inside a cell is counted in that cell, and its paragraphs
    carry the whole path (the JSON form gives each step as fields)."""
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 1).paragraphs[0].text = "ngoài"
    outer.cell(0, 1).add_paragraph("hai")
    inner = outer.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(1, 0).paragraphs[0].text = "{{ x }}"
    document.save(str(tmp_path / "t.docx"))
    found = {p.text: p.location for p in iter_paragraphs(tmp_path / "t.docx") if p.text}
    assert str(found["hai"]) == "body, table 1, row 1, cell 2, paragraph 2"
    assert str(found["{{ x }}"]) == (
        "body, table 1, row 1, cell 2, table 1, row 2, cell 1, paragraph 1"
    )
    assert found["{{ x }}"].to_dict() == {
        "part": "body",
        "cells": [{"table": 1, "row": 1, "cell": 2}, {"table": 1, "row": 2, "cell": 1}],
        "paragraph": 1,
        "snippet": "{{ x }}",
    }


def test_a_tag_split_across_runs_is_found_whole(tmp_path: Path) -> None:
    """This test ensures that runs are joined before tags are looked for."""
    document = docx.Document()
    paragraph = document.add_paragraph("Đồng chí {{ na")
    paragraph.add_run("me }}").bold = True
    document.save(str(tmp_path / "t.docx"))
    (found,) = list(iter_paragraphs(tmp_path / "t.docx"))
    assert found.tags == ("{{ name }}",)


def test_text_parts_put_headers_first_and_footers_last(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["x"], header="h", footer="f")
    kinds = [part.kind for part in text_parts(read_package(path))]
    assert kinds[0] == "header"
    assert kinds[-1] == "footer"
    assert "body" in kinds


def test_find_tags_keeps_docxtpl_prefixes_and_comments() -> None:
    assert find_tags("{%tr for x in xs %}a{{r x }}{#p c #}{_{ not a tag }_}") == (
        "{%tr for x in xs %}",
        "{{r x }}",
        "{#p c #}",
    )

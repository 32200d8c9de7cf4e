"""The template scanner finds every paragraph, where it is, its text and its tags."""

from __future__ import annotations

from pathlib import Path

import docx

from chibo_docs.ooxml.reading import find_tags, iter_paragraphs, read_package, text_parts
from samples.docx_builder import make_docx


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
    found = [(p.part.label, p.location, p.text, p.tags) for p in iter_paragraphs(path)]
    assert found == [
        ("header (header1.xml)", "paragraph 1", "ĐẢNG CỘNG SẢN VIỆT NAM {{ org }}", ("{{ org }}",)),
        ("body", "paragraph 1", "Mở đầu", ()),
        ("body", "paragraph 2", "", ()),
        ("body", "paragraph 3", "Chủ trì: {{ chair }}", ("{{ chair }}",)),
        ("body", "table 1, row 1, cell 1", "STT", ()),
        ("body", "table 1, row 1, cell 2", "Họ tên", ()),
        ("body", "table 1, row 2, cell 1", "1", ()),
        ("body", "table 1, row 2, cell 2", "{{ name }} - {{ role }}", ("{{ name }}", "{{ role }}")),
        ("body", "paragraph 4", "Kết thúc", ()),
        ("footer (footer1.xml)", "paragraph 1", "Trang {{ page }}", ("{{ page }}",)),
    ]


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

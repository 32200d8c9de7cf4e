"""Each docxtpl feature, in templates of our own, reads the same rendered by docxtpl and by us.

Templates are built here (Vietnamese content, the features a chi bộ's forms use), rendered by
docxtpl (a dependency) and by chibo_docs with the same data, and compared on what a reader
sees: visible text, table shapes (column spans, vertical merges), pictures and the title,
subject and author (:mod:`tests.support.docx_compare`). Where chibo_docs differs on purpose,
the case says so and why, and the test checks that it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from samples.pictures import JPEG_1x1, png
from tests.support.docx_compare import rendering
from tests.support.docxtpl_suite import (
    ChiboKit,
    Kit,
    Script,
    Table,
    Template,
    _chibo,
    _docxtpl,
    run_script,
)


def _values(values: Mapping[str, Any]) -> list[Any]:
    return [lambda kit, folder: values]


def _numbered(n: int) -> Any:
    def context(kit: Kit, folder: Path) -> Mapping[str, Any]:
        return {"title": f"Văn bản {n}", "hinh": kit.image(png(10 + n, 10))}
    return context


def _rich(kit: Kit, folder: Path) -> Mapping[str, Any]:
    note = kit.rich("Khẩn", bold=True, color="#C00000")
    pieces: list[tuple[str, dict[str, Any]]] = [
        (" — xem ", {"italic": True}), ("nghị quyết", {"underline": True}),
        (" cỡ 16", {"size": 16}), (" Times", {"font": "Times New Roman"}),
        (" gạch", {"strike": True}), ("\ndòng 2\tcột", {}), (" ²", {"position": "superscript"}),
        (" nền vàng", {"highlight": "#FFFF00"}),
    ]
    for text, formatting in pieces:
        note = kit.add(note, text, **formatting)
    return {"note": note, "ten": "Nguyễn Văn An"}


def _pictures(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "chu_ky": kit.image(png(120, 60, (0, 0, 160)), width_mm=35),
        "con_dau": kit.image(png(80, 80, (200, 0, 0)), height_mm=30),
        "anh": kit.image(JPEG_1x1, width_mm=10, height_mm=10),
        "dong": [{"ten": "An", "anh": kit.image(png(20, 20), width_mm=5)},
                 {"ten": "Bình", "anh": kit.image(png(20, 20), width_mm=5)}],
    }


def _annex(folder: Path) -> Path:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("PHỤ LỤC", style="Title")
    document.add_paragraph("Danh sách đảng viên", style="Heading 1")
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        document.add_paragraph(name, style="List Number")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Bảng gộp ba cột"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Gộp dọc"
    table.cell(1, 1).text, table.cell(2, 2).text = "b", "c"
    document.add_picture(io.BytesIO(png(40, 40, (0, 100, 0))))
    link = document.add_paragraph("Xem thêm tại trang của Đảng bộ.")
    link.runs[0].bold = True
    path = folder / "phu-luc.docx"
    document.save(str(path))
    return path


def _subdocs(kit: Kit, folder: Path) -> Mapping[str, Any]:
    def build(document: Any) -> None:
        document.add_paragraph("Văn bản chèn dựng bằng python-docx")
        document.add_paragraph("đoạn thứ hai").runs[0].italic = True

    return {"phu_luc": kit.subdoc(path=_annex(folder)), "ghi_chu": kit.subdoc(build)}


FEATURES: list[Script] = [
    Script("paragraph_loops_and_merges", lambda f: Template(body=[
        "Chi bộ {{ chi_bo }}",
        "{%p for m in members %}",
        "{{ loop.index }}. Đồng chí {{ m.ten }}{% if m.chuc_vu %}, {{ m.chuc_vu }}{% endif %}",
        "{%p endfor %}",
        "Địa điểm họp", "{%- if tai_hoi_truong -%}", "tại hội trường", "{%- else -%}",
        "tại phòng họp", "{%- endif -%}", "của cơ quan.",
    ]), _values({"chi_bo": "Trung tâm Kỹ thuật", "tai_hoi_truong": True, "members": [
        {"ten": "Nguyễn Văn An", "chuc_vu": "Bí thư"}, {"ten": "Trần Thị Bình", "chuc_vu": ""},
    ]})),
    Script("row_loops_spans_merges_backgrounds", lambda f: Template(body=[Table([
        ["{% colspan 3 %}KẾT QUẢ BIỂU QUYẾT", "", ""],
        ["Nội dung", "Tán thành", "Tỷ lệ"],
        ["{%tr for v in votes %}", "", ""],
        ["{% vm %}{{ nhom }}", "{% cellbg v.mau %}{{ v.noi_dung }}", "{{ v.ty_le }}"],
        ["{%tr endfor %}", "", ""],
        ["{%tc for c in cot %}", "{% hm %}Gộp ngang", "{%tc endfor %}"],
    ])]), _values({"nhom": "Nghị quyết", "cot": ["a", "b"], "votes": [
        {"noi_dung": "Thông qua nghị quyết", "ty_le": "100%", "mau": "E2EFDA"},
        {"noi_dung": "Kết nạp đảng viên", "ty_le": "93,75%", "mau": "FFF2CC"},
    ]})),
    Script("column_loops", lambda f: Template(body=[Table([
        ["Họ và tên", "{%tc for t in thang %}", "Tháng {{ t }}", "{%tc endfor %}"],
        ["{%tr for m in members %}", "", "", ""],
        ["{{ m.ten }}", "{%tc for d in m.dong %}", "{{ d }}", "{%tc endfor %}"],
        ["{%tr endfor %}", "", "", ""],
    ])]), _values({"thang": [1, 2, 3], "members": [
        {"ten": "An", "dong": ["x", "x", "—"]}, {"ten": "Bình", "dong": ["x", "—", "x"]},
    ]})),
    Script("rich_text", lambda f: Template(body=[
        "Ghi chú: {{r note }} (hết)", "Người ký: {{ ten }}",
    ]), [_rich]),
    Script("pictures", lambda f: Template(
        header=["Con dấu: {{ con_dau }}"],
        body=["T/M CHI BỘ {{ chu_ky }}", "Ảnh: {{ anh }}",
              Table([["{%tr for d in dong %}", ""], ["{{ d.ten }}", "{{ d.anh }}"],
                     ["{%tr endfor %}", ""]])]), [_pictures], autoescape=True),
    Script("sub_documents", lambda f: Template(body=[
        "Trước phụ lục", "{{p phu_luc }}", "Giữa", "{{p ghi_chu }}", "Sau",
        Table([["Ô chứa:", ["{{p ghi_chu }}"]]]),
    ]), [_subdocs]),
    Script("listing", lambda f: Template(body=["Nội dung: {{ noi_dung }}"]), [
        lambda kit, folder: {"noi_dung": kit.listing(
            "Điều 1.\tThông qua\nĐiều 2.\tGiao nhiệm vụ\fTrang sau\aĐoạn mới")}]),
    Script("rich_paragraphs", lambda f: Template(body=["Mở đầu", "{{p doan }}", "Kết"]), [
        lambda kit, folder: {"doan": kit.paragraphs([
            ("I. ĐÁNH GIÁ TÌNH HÌNH", "Heading 1"), ("Chi bộ đã lãnh đạo…", None),
            (kit.add(kit.rich("Đậm ", bold=True), "và thường"), "Quote"),
        ])}]),
    Script("properties", lambda f: Template(
        body=["{{ tieu_de }}"], title="Nghị quyết {{ so }} — {{ tieu_de }}",
        subject="{{ chi_bo }} & {{ 'Đảng bộ' }}", author="Chi bộ {{ chi_bo }}"),
        _values({"so": "05-NQ/CB", "tieu_de": "Về lãnh đạo nhiệm vụ quý II",
                 "chi_bo": "Trung tâm Kỹ thuật"})),
    Script("literals", lambda f: Template(body=[
        '{{ "R&D" }} | {{ co ~ " & Co" }}',
        "{{ 'nói \"có\"' }} | {{ \"Chi bộ Trung tâm\" }}",
    ]), _values({"co": "X"})),
    Script("curly_quotes_as_delimiters", lambda f: Template(body=[
        "{% if ten == \u2018An\u2019 %}Chào đồng chí An{% endif %}",
        "{{ \u201cChi bộ\u201d ~ \u2018 \u2019 ~ ten }}",
    ]), _values({"ten": "An"})),
    Script("multi_rendering", lambda f: Template(body=["{{ title }} {{ hinh }}"]),
           [_numbered(n) for n in (1, 2, 3)]),
    Script("footnotes_headers_footers", lambda f: Template(
        header=["{{ co_quan }}"], footer=["Trang cuối — {{ co_quan }}"],
        body=["Thân văn bản"], footnote="Chú thích: {{ chu_thich }}"),
        _values({"co_quan": "Đảng bộ Khối", "chu_thich": "theo Hướng dẫn 36-HD/VPTW"})),
    Script("escaped_delimiters", lambda f: Template(body=[
        "Viết {_{ ten }_} để in tên; {_% if %_} để điều kiện", "{{ ten }}",
    ]), _values({"ten": "An"})),
]
"""Every docxtpl feature the forms use, in templates of our own."""

DELIBERATE: dict[str, tuple[Script, str, str]] = {
    "quotes_inside_a_string": (
        Script("quotes_inside_a_string", lambda f: Template(body=[
            "{{ \u201cAnh \u2018Ba\u2019 nói\u201d }}"]), _values({})),
        "Anh ‘Ba’ nói",
        "docxtpl turns every curly quote inside a tag into a straight one, also those typed "
        "inside a string (Anh 'Ba' nói); chibo_docs reads only the string's delimiters so",
    ),
    "ampersand_with_autoescape": (
        Script("ampersand_with_autoescape", lambda f: Template(body=['{{ "R&D" }}']),
               _values({}), autoescape=True),
        "R&D",
        "with autoescape on, docxtpl escapes Word's &amp; a second time (R&amp;D); chibo_docs "
        "reads the tag as typed",
    ),
    "markup_characters_made_by_a_tag": (
        Script("markup_characters_made_by_a_tag", lambda f: Template(body=[
            "{{ \"a < b > c\" }} | {{ co | replace('X', 'Y & Z') }}"]), _values({"co": "X"})),
        "a < b > c | Y & Z",
        "docxtpl (autoescape off) loses the < of a string and the & a filter adds; chibo_docs "
        "escapes what tags print",
    ),
    "rich_text_inside_a_sentence": (
        Script("rich_text_inside_a_sentence", lambda f: Template(body=[
            "Ghi chú: {{ note }} hết"]),
            [lambda kit, folder: {"note": kit.rich("Khẩn", bold=True)}]),
        "Ghi chú: Khẩn hết",
        "docxtpl needs {{r note }} for rich text and, given {{ note }}, loses the rest of the "
        "paragraph without an error; chibo_docs splits the run, the rich runs taking the "
        "tag's formatting",
    ),
    "text_with_markup_characters": (
        Script("text_with_markup_characters", lambda f: Template(body=[
            "Đơn vị: {{ ten }}", "Trạng thái: {{ trang_thai }}", "Cuối"]),
            _values({"ten": "Chi bộ A & B", "trang_thai": "<chờ duyệt>"})),
        "Đơn vị: Chi bộ A & B\nTrạng thái: <chờ duyệt>\nCuối",
        "docxtpl (autoescape off, its default) loses text holding & or < without an error; "
        "chibo_docs always escapes",
    ),
}
"""Where chibo_docs differs on purpose: the case, what chibo_docs shows, and why."""


@pytest.mark.parametrize("script", FEATURES, ids=lambda s: s.name)
def test_a_docxtpl_feature_reads_the_same(script: Script) -> None:
    outcome = run_script(script)
    assert (outcome.docxtpl, outcome.chibo_docs) == ("rendered", "rendered")
    assert outcome.differences == (), "\n".join(outcome.differences)
    assert outcome.lint_errors == ()


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_a_deliberate_difference_is_real_and_chibo_docs_reads_as_typed(
    name: str, tmp_path: Path
) -> None:
    script, expected, _reason = DELIBERATE[name]
    outcome = run_script(script)
    assert outcome.differences, f"{name} no longer differs: remove it from DELIBERATE"
    template = script.template(tmp_path).save(tmp_path / "t.docx")
    ours = _chibo(script, template, tmp_path)
    assert not isinstance(ours, str)
    assert rendering(ours[0]).text == expected


@pytest.mark.parametrize(
    ("values", "field"),
    [({"ten": None}, "ten"), ({}, "ten")],
    ids=["None", "missing"],
)
def test_none_and_missing_are_refused_where_docxtpl_prints_none_or_a_blank(
    tmp_path: Path, values: dict[str, Any], field: str
) -> None:
    from chibo_docs.errors import TemplateDataError
    from chibo_docs.templating.engine import render_template_bytes

    script = Script("guard", lambda f: Template(footer=["Ký: {{ ten }}"], body=["Thân"]),
                    _values(values))
    template = script.template(tmp_path).save(tmp_path / "t.docx")
    theirs = _docxtpl(script, template, tmp_path)
    assert not isinstance(theirs, str)
    assert rendering(theirs[0]).text in ("Thân\nKý: None", "Thân\nKý:")
    with pytest.raises(TemplateDataError) as caught:
        render_template_bytes(template, values)
    error = caught.value
    assert error.location is not None
    assert (error.part, error.location.text("en"), error.tag, error.field) == (
        "footer (footer1.xml)", "footer (footer1.xml), paragraph 1", "{{ ten }}", field
    )
    # the migration recipe: a guarded field prints nothing, as docxtpl's blank
    guarded = Template(footer=['Ký: {{ ten | default("") }}'], body=["Thân"]).save(
        tmp_path / "g.docx")
    assert rendering(render_template_bytes(guarded, values)).text == "Thân\nKý:"


def test_the_chibo_kit_builds_sub_documents_from_the_template_styles(tmp_path: Path) -> None:
    template = Template(body=["x"], character_styles=("dynamic",)).save(tmp_path / "t.docx")

    def build(document: Any) -> None:
        document.add_paragraph("a").add_run("b").style = "dynamic"

    sub = ChiboKit(template).subdoc(build)
    assert sub.name == "python-docx document"

"""The rendering engine: no data lost, no internals reached, errors located, output stable."""

from __future__ import annotations

import datetime as dt
import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from pydantic import BaseModel

from chibo_docs.errors import (
    OutputXMLError,
    TemplateDataError,
    TemplateError,
    TemplateSecurityError,
    TemplateSyntaxError,
)
from chibo_docs.ooxml.text import visible_text
from chibo_docs.ooxml.writing import check_xml
from chibo_docs.templating import engine as rendering
from chibo_docs.templating.engine import (
    cache_info,
    clear_cache,
    render_template,
    render_template_bytes,
)
from samples.docx_builder import make_docx

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

NASTY = [
    "Chi bộ A & B",
    "<select> & </w:t></w:r></w:p> <w:p>",
    "\"quoted\" and 'single' ‘smart’ “quotes”",
    "{{ not_a_variable }} {% if x %} {# c #} {_{ }_} {_% %_}",
    "emoji 😀🇻🇳 and Vietnamese: Đảng Cộng sản Việt Nam, nghị quyết",
    "  leading and trailing spaces  ",
    "non\u00a0breaking",
    "x" * 10_000,
    "ý kiến thứ nhất\ný kiến thứ hai\n\nsau dòng trống",
    "cột\tcột",
]


def _visible(text: str) -> str:
    """What visible_text shows for a data string that went through a {{ }} tag."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", "⍽")


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return make_docx(
        tmp_path / "mau.docx",
        ["Trước {{ text }} sau", "Giữa"],
        table=[["Ô {{ text }}", "x"]],
        header="Đầu {{ text }}",
        footer="Cuối {{ text }}",
        justify=True,
    )


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_any_text_appears_verbatim_in_body_table_header_and_footer(
    template: Path, tmp_path: Path, text: str
) -> None:
    """This test ensures that escaping is on: no character is lost or turned into markup."""
    out = render_template(template, {"text": text}, tmp_path / "out.docx")
    shown = _visible(text)
    assert visible_text(out) == f"Đầu {shown}\nTrước {shown} sau\nGiữa\nÔ {shown} | x\nCuối {shown}"
    document = docx.Document(str(out))
    assert "\n".join(p.text for p in document.paragraphs[:-1]).startswith(
        "Trước " + text.split("\n")[0].replace("\t", "\t")
    )
    assert document.paragraphs[-1].text == "Giữa"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        st.characters(
            exclude_categories=["Cs"],
            exclude_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
            "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
        ),
        max_size=200,
    )
)
def test_property_any_xml_legal_text_survives_rendering(template: Path, text: str) -> None:
    """This test ensures that any XML-legal text comes back exactly, wherever the tag is."""
    shown = _visible(text)
    expected = f"Đầu {shown}\nTrước {shown} sau\nGiữa\nÔ {shown} | x\nCuối {shown}"
    assert visible_text(render_template_bytes(template, {"text": text})) == expected


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ text.__class__.__subclasses__() }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ joiner.__init__.__globals__.__builtins__ }}",
    ],
)
def test_a_tag_reaching_for_python_internals_is_refused(tmp_path: Path, tag: str) -> None:
    path = make_docx(tmp_path / "evil.docx", ["Xin chào", f"Tên: {tag}"])
    with pytest.raises(TemplateSecurityError) as caught:
        render_template_bytes(path, {"text": "x"})
    assert (caught.value.template, str(caught.value.location)) == ("evil.docx", "body, paragraph 2")
    assert caught.value.tag == tag


def test_the_sandbox_refuses_mutating_the_data(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ items.append(1) }}"])
    with pytest.raises(TemplateSecurityError):
        render_template_bytes(path, {"items": []})


@pytest.mark.parametrize(
    ("where", "part", "location", "snippet"),
    [
        ("body", "body", "body, paragraph 2", "Chủ trì: {{ chu_tri }}"),
        ("cell", "body", "body, table 1, row 2, cell 2, paragraph 1", "{{ chu_tri }}"),
        (
            "header",
            "header (header1.xml)",
            "header (header1.xml), paragraph 1",
            "Đầu trang {{ chu_tri }}",
        ),
        (
            "footer",
            "footer (footer1.xml)",
            "footer (footer1.xml), paragraph 1",
            "Chân trang {{ chu_tri }}",
        ),
    ],
)
def test_a_missing_variable_names_template_part_paragraph_and_field(
    tmp_path: Path, where: str, part: str, location: str, snippet: str
) -> None:
    tag = "{{ chu_tri }}"
    path = make_docx(
        tmp_path / "bien_ban.docx",
        ["Biên bản {{ ok }}", "Chủ trì: " + tag if where == "body" else "Chủ trì"],
        table=[["a", "b"], ["c", tag if where == "cell" else "d"]],
        header="Đầu trang " + tag if where == "header" else "Đầu trang",
        footer="Chân trang " + tag if where == "footer" else "Chân trang",
    )
    with pytest.raises(TemplateDataError) as caught:
        render_template_bytes(path, {"ok": 1})
    error = caught.value
    assert (error.template, error.part, str(error.location)) == ("bien_ban.docx", part, location)
    assert (error.snippet, error.tag, error.field) == (snippet, tag, "chu_tri")
    assert "'chu_tri'" in str(error)
    assert str(error).startswith(f"template 'bien_ban.docx', {location}: ")


class Person(BaseModel):
    full_name: str

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.full_name.split())


class Meeting(BaseModel):
    chair: Person
    held_on: dt.date


class Minutes(BaseModel):
    meeting: Meeting
    note: str | None = None


MINUTES = Minutes(
    meeting=Meeting(chair=Person(full_name="Nguyễn Văn An"), held_on=dt.date(2025, 3, 5))
)


def test_a_pydantic_model_gives_its_fields_as_variables_with_nested_objects(
    tmp_path: Path,
) -> None:
    path = make_docx(
        tmp_path / "t.docx",
        [
            "{{ meeting.chair.full_name }} ({{ meeting.chair.initials }})",
            "{{ meeting.held_on | format_date }}",
        ],
    )
    assert (
        visible_text(render_template_bytes(path, MINUTES)) == "Nguyễn Văn An (NVA)\nngày 05 tháng 3 năm 2025"
    )


def test_a_misspelt_attribute_names_the_whole_field_path(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Chủ trì: {{ meeting.chair.full_nmae }}"])
    with pytest.raises(TemplateDataError) as caught:
        render_template_bytes(path, MINUTES)
    assert caught.value.field == "meeting.chair.full_nmae"
    assert str(caught.value.location) == "body, paragraph 1"


def test_a_none_value_is_refused_instead_of_printed(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Ghi chú: {{ note }}"])
    with pytest.raises(TemplateDataError, match=r"'note' has no value") as caught:
        render_template_bytes(path, MINUTES)
    assert caught.value.field == "note"


def test_a_control_character_in_data_is_refused_with_its_field(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["a", "{{ text }}"])
    with pytest.raises(TemplateDataError, match=r"cannot hold") as caught:
        render_template_bytes(path, {"text": "start of heading\x01"})  # \x07 is docxtpl's new paragraph
    assert (caught.value.field, str(caught.value.location)) == ("text", "body, paragraph 2")


@pytest.mark.parametrize(
    ("body", "location", "tag"),
    [
        (["a", "b", "c", "d", "Sai: {{ x }", "f"], "paragraph 5", None),
        (["a", "{% if x %}mở", "c", "d"], "paragraph 2", "{% if x %}"),
        (["a", "b", "{{ x | khong_co_filter }}"], "paragraph 3", "{{ x | khong_co_filter }}"),
        (
            ["a", "{%p if x %}", "b", "{%p endif %}", "{%p endfor %}"],
            "paragraph 5",
            "{%p endfor %}",
        ),
    ],
)
def test_a_syntax_error_names_the_paragraph_not_an_xml_line(
    tmp_path: Path, body: list[str], location: str, tag: str | None
) -> None:
    path = make_docx(tmp_path / "sai.docx", body)
    with pytest.raises(TemplateSyntaxError) as caught:
        render_template_bytes(path, {"x": 1})
    assert (caught.value.template, caught.value.part) == ("sai.docx", "body")
    assert str(caught.value.location) == f"body, {location}"
    if tag:
        assert caught.value.tag == tag


def test_a_syntax_error_in_a_table_cell_names_the_cell(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["a"], table=[["x", "y"], ["z", "{{ a b }}"]])
    with pytest.raises(TemplateSyntaxError) as caught:
        render_template_bytes(path, {})
    assert str(caught.value.location) == "body, table 1, row 2, cell 2, paragraph 1"


def _markup(_: object) -> Markup:
    return Markup("</w:t><w:bad")


def test_broken_output_xml_is_refused_and_no_file_is_left(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ x | raw_xml }}"])
    out = tmp_path / "out" / "o.docx"
    out.parent.mkdir()
    with pytest.raises(OutputXMLError) as caught:
        render_template(path, {"x": 1}, out, filters={"raw_xml": _markup})
    assert (caught.value.template, caught.value.part) == ("t.docx", "body")
    assert list(out.parent.iterdir()) == []


def test_the_strict_parser_repairs_nothing() -> None:
    with pytest.raises(OutputXMLError, match="not well formed") as caught:
        check_xml(b"<a><b>text</a>", template="t.docx", part="footer (footer1.xml)")
    assert caught.value.part == "footer (footer1.xml)"
    assert check_xml("<a><b>ok</b></a>", template="t.docx", part="body").tag == "a"


def _paragraph_xml(path: Path) -> list[tuple[str, str | None, bool]]:
    document = docx.Document(str(path))
    return [
        (p.text, str(p.alignment) if p.alignment is not None else None, "<w:br/>" in p._p.xml)
        for p in document.paragraphs
    ]


def test_multi_line_text_becomes_paragraphs_that_stay_justified(
    template: Path, tmp_path: Path
) -> None:
    out = render_template(template, {"text": "một\nhai\r\nba"}, tmp_path / "o.docx")
    justified = str(WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert _paragraph_xml(out) == [
        ("Trước một", justified, False),
        ("hai", justified, False),
        ("ba sau", justified, False),
        ("Giữa", justified, False),
    ]


def test_multi_line_text_can_become_line_breaks_in_one_paragraph(
    template: Path, tmp_path: Path
) -> None:
    out = render_template(template, {"text": "một\nhai"}, tmp_path / "o.docx", line_breaks="break")
    first = docx.Document(str(out)).paragraphs[0]
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert first.text == "Trước một\nhai sau"
    assert "<w:br/>" in first._p.xml


def test_docxtpl_row_loops_and_paragraph_conditions_still_work(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "t.docx",
        ["{%p if show %}", "Hiện & rõ", "{%p endif %}", "Cuối"],
        table=[["{%tr for m in members %}"], ["{{ loop.index }}. {{ m }}"], ["{%tr endfor %}"]],
    )
    text = visible_text(render_template_bytes(path, {"show": True, "members": ["A & B", "<C>"]}))
    assert text == "Hiện & rõ\nCuối\n1. A & B\n2. <C>"
    assert visible_text(render_template_bytes(path, {"show": False, "members": []})) == "Cuối"


def test_an_error_inside_a_row_loop_names_the_cell(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "t.docx",
        ["a"],
        table=[["{%tr for m in members %}"], ["{{ m.ten }}"], ["{%tr endfor %}"]],
    )
    with pytest.raises(TemplateDataError) as caught:
        render_template_bytes(path, {"members": [{"name": "A"}]})
    assert (str(caught.value.location), caught.value.field) == (
        "body, table 1, row 2, cell 1, paragraph 1",
        "m.ten",
    )


def test_rendering_the_same_template_twice_compiles_it_once(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ text }}"])
    clear_cache()
    render_template_bytes(path, {"text": "a"})
    render_template_bytes(path, {"text": "b"})
    assert cache_info() == rendering.CacheInfo(hits=1, compiles=1, templates=1)


def test_a_modified_template_is_compiled_again(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Cũ {{ text }}"])
    clear_cache()
    assert visible_text(render_template_bytes(path, {"text": "a"})) == "Cũ a"
    make_docx(path, ["Mới {{ text }}"])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert visible_text(render_template_bytes(path, {"text": "a"})) == "Mới a"
    assert cache_info().compiles == 2


def test_the_same_input_gives_the_same_bytes(template: Path) -> None:
    first = render_template_bytes(template, {"text": "ổn định"})
    clear_cache()
    assert render_template_bytes(template, {"text": "ổn định"}) == first
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(__import__("io").BytesIO(first)) as out,
    ):
        assert out.namelist() == source.namelist()
        assert {info.date_time for info in out.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert out.read("docProps/core.xml") == source.read("docProps/core.xml")


def test_rendering_from_eight_threads_gives_each_its_own_document(template: Path) -> None:
    clear_cache()
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for round_ in range(3):
                text = f"luồng {number} lần {round_}"
                results[number * 10 + round_] = visible_text(render_template_bytes(template, {"text": text}))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for key, text in results.items():
        assert text.split("\n")[1] == f"Trước luồng {key // 10} lần {key % 10} sau"
    assert cache_info().compiles == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.docx", "cannot read the template file"),
        (lambda p: (p / "x.docx", (p / "x.docx").write_bytes(b"not a zip"))[0], "is not a .docx"),
    ],
)
def test_a_missing_or_broken_template_file_is_a_template_error(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(TemplateError, match=message):
        render_template_bytes(make(tmp_path), {})


def test_data_must_be_a_model_or_a_mapping(template: Path) -> None:
    bad: Any = ["text"]
    with pytest.raises(TypeError, match="pydantic model or a mapping"):
        render_template_bytes(template, bad)


@pytest.mark.parametrize(
    ("tag", "field"),
    [
        ("{% for a in danh_sach %}{{ a }}{% endfor %}", "danh_sach"),
        ("{{ so | format_date }}", "so"),
    ],
)
def test_a_filter_or_loop_refusing_a_value_names_the_field(
    tmp_path: Path, tag: str, field: str
) -> None:
    path = make_docx(tmp_path / "t.docx", ["a", tag])
    with pytest.raises(TemplateDataError, match="TypeError") as caught:
        render_template_bytes(path, {"danh_sach": 3, "so": 3})
    assert (caught.value.field, str(caught.value.location)) == (field, "body, paragraph 2")


@pytest.mark.parametrize(
    "tag",
    ['{{ items | join("\\n") }}', '{{ items[0] ~ "\\n" ~ items[1] }}', "{{ items | join(nl) }}"],
)
def test_line_breaks_made_by_jinja_operators_are_kept(tmp_path: Path, tag: str) -> None:
    """This test ensures that Markup built by join or ~ still gets its line breaks."""
    path = make_docx(tmp_path / "t.docx", [tag])
    text = visible_text(render_template_bytes(path, {"items": ["a & b", "<c>"], "nl": "\n"}))
    assert text == "a & b\n<c>"


def test_a_captured_block_renders_like_inline_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("{% set who %}Đồng chí ")
    paragraph.add_run("{{ name }}").bold = True
    paragraph.add_run("{% endset %}{{ who }}; {{ who }}")
    document.save(str(tmp_path / "t.docx"))
    assert visible_text(render_template_bytes(tmp_path / "t.docx", {"name": "An"})) == (
        "Đồng chí An; Đồng chí An"
    )

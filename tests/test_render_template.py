"""``chibo_docs.render_template`` for any template, tag text as typed, and document properties.

Issue 13, items 2 and 4: text inside a tag's string literal renders exactly as typed (Word
stores ``&`` as ``&amp;`` and turns quotes curly); tags in the core and custom document
properties render like the body; any template renders from a pydantic model or a plain
mapping, sandboxed, escaped and strict as the forms are; messages in Vietnamese by default.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pydantic import BaseModel
from pypdf import PdfReader

import chibo_docs
from chibo_docs.errors import (
    TemplateDataError,
    TemplateError,
    TemplateSecurityError,
    TemplateSyntaxError,
)
from chibo_docs.i18n import using
from chibo_docs.ooxml.text import visible_text
from chibo_docs.pdf import convert
from chibo_docs.templating.engine import render_template_bytes
from samples.docx_builder import make_docx

CUSTOM = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Chi bộ">'
    "<vt:lpwstr>{{ chi_bo }} &amp; {{ 'Đảng bộ' }}</vt:lpwstr></property>"
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Cố định">'
    "<vt:lpwstr>không đổi</vt:lpwstr></property></Properties>"
)


def _with_custom_properties(path: Path) -> Path:
    """Give a saved .docx a custom properties part holding a tag."""
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["docProps/custom.xml"] = CUSTOM.encode()
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.custom-properties+xml"/></Types>',
    )
    files["_rels/.rels"] = files["_rels/.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


# -- item 2: literals ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ('{{ "R&D" }}', "R&D"),
        ('{{ co ~ " & Co" }}', "X & Co"),
        ('{{ "a < b > c" }}', "a < b > c"),
        ("{{ 'nói \"có\"' }}", 'nói "có"'),
        ('{{ "Chi bộ Trung tâm Kỹ thuật" }}', "Chi bộ Trung tâm Kỹ thuật"),
        ("{{ “R&D” }}", "R&D"),  # Word's curly quotes around the string
        ("{{ “Anh ‘Ba’” }}", "Anh ‘Ba’"),  # quotes typed inside it stay as typed
        ("{{ ‘it’ ~ co }}", "itX"),
        ('{{ "&amp;" }}', "&amp;"),  # an entity typed as text stays text
        ("{{ co | replace('X', 'Y & Z') }}", "Y & Z"),
        ("{% if co == ‘X’ %}đúng{% endif %}", "đúng"),
    ],
)
def test_text_inside_a_tags_string_renders_exactly_as_typed(
    tmp_path: Path, tag: str, shown: str
) -> None:
    path = make_docx(tmp_path / "t.docx", [f"[{tag}]"], table=[[tag]], header=tag)
    assert visible_text(render_template_bytes(path, {"co": "X"})) == (
        f"{shown}\n[{shown}]\n{shown}"
    )


def test_curly_quotes_outside_tags_are_kept(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["“Trích” ‘dẫn’ {{ “x” }} ’"])
    assert visible_text(render_template_bytes(path, {})) == "“Trích” ‘dẫn’ x ’"


# -- item 2: document properties -------------------------------------------------------------
def _properties_template(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("{{ tieu_de }}")
    props = document.core_properties
    props.title = "Nghị quyết {{ so }} — {{ tieu_de }}"
    props.subject = "{{ chi_bo }} & {{ 'Đảng bộ' }}"
    props.author = "Chi bộ {{ chi_bo }}"
    props.keywords = "{{ so }}, nghị quyết"
    props.comments = "{% if so %}Số {{ so }}{% endif %}"
    props.category = "không có thẻ"
    path = tmp_path / "t.docx"
    document.save(str(path))
    return _with_custom_properties(path)


DATA = {"so": "05-NQ/CB", "tieu_de": "Về nhiệm vụ quý II", "chi_bo": "A & B"}


def test_tags_in_the_core_and_custom_properties_render_like_the_body(tmp_path: Path) -> None:
    out = render_template_bytes(_properties_template(tmp_path), DATA)
    props = docx.Document(io.BytesIO(out)).core_properties
    assert props.title == "Nghị quyết 05-NQ/CB — Về nhiệm vụ quý II"
    assert props.subject == "A & B & Đảng bộ"
    assert props.author == "Chi bộ A & B"
    assert props.keywords == "05-NQ/CB, nghị quyết"
    assert props.comments == "Số 05-NQ/CB"
    assert props.category == "không có thẻ"
    custom = zipfile.ZipFile(io.BytesIO(out)).read("docProps/custom.xml").decode()
    assert "<vt:lpwstr>A &amp; B &amp; Đảng bộ</vt:lpwstr>" in custom
    assert "<vt:lpwstr>không đổi</vt:lpwstr>" in custom


def test_a_property_without_tags_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ x }}"])
    out = render_template_bytes(path, {"x": "a"})
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(io.BytesIO(out)) as after:
        assert before.read("docProps/core.xml") == after.read("docProps/core.xml")


def test_an_error_in_a_property_names_the_property_and_the_field(tmp_path: Path) -> None:
    with using("en"), pytest.raises(TemplateDataError) as caught:
        render_template_bytes(_properties_template(tmp_path), {**DATA, "so": None})
    error = caught.value
    assert (error.part, error.field) == ("docProps/core.xml (title)", "so")
    assert "'so' has no value (None)" in error.text("en")
    document = docx.Document()
    document.core_properties.title = "{{ x }"
    document.save(str(tmp_path / "bad.docx"))
    with pytest.raises(TemplateSyntaxError) as syntax:
        render_template_bytes(tmp_path / "bad.docx", {"x": 1})
    assert syntax.value.part == "docProps/core.xml (title)"


@pytest.mark.libreoffice
@pytest.mark.filterwarnings("ignore::chibo_docs.errors.FontFallbackWarning")
def test_the_pdf_title_reads_the_rendered_title(tmp_path: Path) -> None:
    out = tmp_path / "nq.docx"
    chibo_docs.render_template(_properties_template(tmp_path), DATA, out)
    pdf = convert(out, tmp_path / "nq.pdf", allow_font_fallback=True)
    metadata = PdfReader(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Nghị quyết 05-NQ/CB — Về nhiệm vụ quý II"


# -- item 4: the public call -----------------------------------------------------------------
class Letter(BaseModel):
    """A model of one's own."""

    to: str
    org: str | None = None


def test_render_template_is_public_and_takes_a_mapping_or_a_model(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Kính gửi: {{ to }}{{ (' (' ~ org ~ ')') if org }}"])
    out = chibo_docs.render_template(path, {"to": "Chi bộ A & B", "org": "ĐU"}, tmp_path / "a.docx")
    assert visible_text(out) == "Kính gửi: Chi bộ A & B (ĐU)"
    out = chibo_docs.render_template(path, Letter(to="<Chi bộ C>"), tmp_path / "b.docx")
    assert visible_text(out) == "Kính gửi: <Chi bộ C>"
    assert chibo_docs.render_template is chibo_docs.templating.render_template


def test_a_template_may_be_given_as_bytes(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "t.docx", ["{{ x }}"]).read_bytes()
    out = chibo_docs.render_template(data, {"x": "bytes"}, tmp_path / "o.docx")
    assert visible_text(out) == "bytes"
    assert visible_text(render_template_bytes(data, {"x": "lại"})) == "lại"
    with pytest.raises(TemplateError) as caught:
        render_template_bytes(data, {})
    assert caught.value.template == "<bytes>"


def test_a_mapping_is_as_strict_and_sandboxed_as_a_form(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ to }}", "{{ to.__class__ }}"])
    with pytest.raises(TemplateDataError):
        chibo_docs.render_template(path, {}, tmp_path / "o.docx")
    with pytest.raises(TemplateSecurityError):
        chibo_docs.render_template(path, {"to": "x"}, tmp_path / "o.docx")
    assert not (tmp_path / "o.docx").exists()


def test_default_treats_none_as_missing(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ['[{{ a | default("—") }}][{{ b | d("") }}][{{ c | default("x", true) }}]'])
    out = render_template_bytes(path, {"a": None, "c": ""})
    assert visible_text(out) == "[—][][x]"


# -- messages: Vietnamese by default, English on request -------------------------------------
def test_template_errors_speak_vietnamese_by_default_and_english_on_request(
    tmp_path: Path,
) -> None:
    path = make_docx(tmp_path / "t.docx", ["Chủ trì: {{ chu_tri }}"])
    with pytest.raises(TemplateDataError) as caught:
        chibo_docs.render_template(path, {"chu_tri": None}, tmp_path / "o.docx")
    error = caught.value
    assert str(error).startswith(
        "mẫu 't.docx', thân văn bản, đoạn 1: 'chu_tri' không có giá trị")
    assert "thẻ '{{ chu_tri }}'; trường 'chu_tri'" in str(error)
    assert error.message_en.startswith("'chu_tri' has no value (None)")
    with using("en"):
        assert str(error).startswith("template 't.docx', body, paragraph 1: 'chu_tri' has no")
    with pytest.raises(TemplateDataError) as pinned:
        chibo_docs.render_template(path, {"chu_tri": None}, tmp_path / "o.docx", lang="en")
    assert str(pinned.value).startswith("template 't.docx'")  # the call's language stays


def test_limit_errors_group_thousands_in_each_language(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ 'A' * 1500000000 }}"])
    with pytest.raises(TemplateError) as caught:
        render_template_bytes(path, {})
    assert "1.500.000.000 ký tự" in str(caught.value)
    assert "1,500,000,000 characters" in caught.value.text("en")

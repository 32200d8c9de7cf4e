"""Rich content: formatted text, pictures, sub-documents, listings, paragraphs (issue 13, item 1).

Each is typed in chibo_docs.models, refused with a clear error when malformed, escaped like any
value (nothing it holds becomes markup) and held to the safety limits.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from markupsafe import Markup
from pydantic import BaseModel, ValidationError

from chibo_docs.errors import TemplateDataError, TemplateLimitError
from chibo_docs.i18n import using
from chibo_docs.limits import LIMITS
from chibo_docs.models import (
    Image,
    Listing,
    RichParagraph,
    RichParagraphs,
    RichText,
    Run,
    Subdoc,
)
from chibo_docs.models import rich as rich_module
from chibo_docs.ooxml.text import visible_text
from chibo_docs.templating import engine as rendering
from chibo_docs.templating.engine import render_template_bytes
from samples.docx_builder import make_docx
from samples.pictures import JPEG_1x1, png
from samples.zip_bombs import GiB, deflated_zeros, named, with_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read the English messages (the default language is Vietnamese)."""
    with using("en"):
        yield


def _part(docx_bytes: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return etree.fromstring(archive.read(name))


def _names(docx_bytes: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return archive.namelist()


def _get(element: etree._Element | None, path: str, attribute: str) -> str | None:
    """The attribute of the child at ``path`` (the test fails when there is none)."""
    assert element is not None
    found = element.find(path)
    assert found is not None, path
    return found.get(attribute)


def _runs_of(root: etree._Element, text: str) -> etree._Element:
    for t in root.iter(W + "t"):
        if t.text == text:
            run = t.getparent()
            assert run is not None
            return run
    raise AssertionError(f"no run holds {text!r}")


def _bold_tag(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    paragraph = document.add_paragraph("Ghi chú: ")
    paragraph.add_run(text).bold = True
    paragraph.add_run(" (hết)")
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


# -- rich text --------------------------------------------------------------------------------
def test_rich_text_runs_carry_their_formatting(tmp_path: Path) -> None:
    note = (RichText("Khẩn", bold=True, color="c00000")
            + Run(" xem", italic=True, underline="double", size=13.5, font="Times New Roman")
            + Run(" Đông Á", east_asia_font="SimSun", strike=True, highlight="#FFFF00")
            + Run("2", position="superscript"))
    out = render_template_bytes(make_docx(tmp_path / "t.docx", ["{{r note }}"]), {"note": note})
    root = _part(out)
    bold = _runs_of(root, "Khẩn").find(W + "rPr")
    assert bold is not None
    assert [etree.QName(c).localname for c in bold] == ["b", "bCs", "color"]  # in schema order
    assert _get(bold, W + "color", W + "val") == "C00000"
    xem = _runs_of(root, " xem").find(W + "rPr")
    assert xem is not None
    assert _get(xem, W + "u", W + "val") == "double"
    assert _get(xem, W + "sz", W + "val") == "27"  # half points
    assert _get(xem, W + "rFonts", W + "ascii") == "Times New Roman"
    asia = _runs_of(root, " Đông Á").find(W + "rPr")
    assert asia is not None
    assert _get(asia, W + "rFonts", W + "eastAsia") == "SimSun"
    assert _get(asia, W + "shd", W + "fill") == "FFFF00"
    assert _get(_runs_of(root, "2"), f"{W}rPr/{W}vertAlign", W + "val") == "superscript"
    assert visible_text(out) == "Khẩn xem Đông Á2"


def test_rich_text_in_a_sentence_takes_the_tags_formatting_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    path = _bold_tag(tmp_path, "{{ note }}")
    note = RichText("Khẩn", color="#C00000") + " và\nthường\tcột"
    out = render_template_bytes(path, {"note": note})
    assert visible_text(out) == "Ghi chú: Khẩn và\nthường\tcột (hết)"
    root = _part(out)
    first = _runs_of(root, "Khẩn").find(W + "rPr")
    assert first is not None
    assert first.find(W + "b") is not None  # the tag was bold
    assert first.find(W + "color") is not None
    # with {{r }} the rich runs have their own formatting only
    plain = render_template_bytes(make_docx(tmp_path / "r.docx", ["{{r note }}"]), {"note": note})
    assert _runs_of(_part(plain), "Khẩn").find(f"{W}rPr/{W}b") is None


def test_a_link_is_an_external_relationship_and_its_text_is_escaped(tmp_path: Path) -> None:
    url = "https://dangcongsan.vn/tim?q=a&b=<1>"
    with pytest.raises(ValidationError, match="not a web or e-mail link"):
        Run("x", link=url)
    url = "https://dangcongsan.vn/tim?q=a&b=1"
    note = RichText("Xem <trang> & ", link=url) + Run("thư", link="mailto:chibo@example.vn")
    out = render_template_bytes(make_docx(tmp_path / "t.docx", ["{{ note }}"]), {"note": note})
    links = list(_part(out).iter(W + "hyperlink"))
    assert len(links) == 2
    rels = _part(out, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode")) for r in rels}
    assert targets[links[0].get(R_ID)] == (url, "External")
    assert targets[links[1].get(R_ID)] == ("mailto:chibo@example.vn", "External")
    assert visible_text(out) == "Xem <trang> & thư"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Run("x", color="red"), "colour written #RRGGBB"),
        (lambda: Run("x", font="eastAsia:SimSun"), "east_asia_font"),
        (lambda: Run("x", font="<w:b/>"), "plain font name"),
        (lambda: Run("x", style="Strong<"), "plain style name"),
        (lambda: Run("x", link="javascript:alert(1)"), "web or e-mail link"),
        (lambda: Run("x", link="file:///etc/passwd"), "web or e-mail link"),
        (lambda: Run("x", size=10.3), "multiple of 0.5"),
        (lambda: Run("x", size=0), "greater than or equal to 1"),
        (lambda: Run("x\x01"), r"U\+0001"),
        (lambda: RichText("x", nonsense=True), "Extra inputs are not permitted"),
    ],
)
def test_malformed_rich_text_is_refused(make: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make()


def test_an_unknown_character_style_is_refused_naming_the_styles_there_are(
    tmp_path: Path,
) -> None:
    path = make_docx(tmp_path / "t.docx", ["a", "{{ note }}"])
    with pytest.raises(TemplateDataError) as caught:
        render_template_bytes(path, {"note": RichText("x", style="Không có")})
    error = caught.value
    assert "no character style 'Không có'" in error.message
    assert "Default Paragraph Font" in error.message  # the styles it has
    assert (str(error.location), error.tag, error.field) == ("body, paragraph 2", "{{ note }}", "note")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r")
                    .filter(lambda c: c in "\n\t" or (c >= " " and c not in "\ufffe\uffff")),
                    max_size=40))
def test_any_rich_text_or_listing_is_printed_verbatim_and_breaks_nothing(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "t.docx"
    if not path.exists():
        make_docx(path, ["[{{ a }}]", "[{{r b }}]", "[{{ c }}]"])
    out = render_template_bytes(path, {
        "a": RichText(text, bold=True), "b": RichText(runs=[Run(text, link="https://a.vn/")]),
        "c": Listing(text),
    })
    lines = visible_text(out)
    shown = text.replace("\u00a0", "⍽")  # how visible_text shows a non-breaking space
    assert lines == "\n".join(f"[{shown}]" for _ in range(3))


# -- rich paragraphs --------------------------------------------------------------------------
def test_rich_paragraphs_take_the_place_of_their_paragraph_in_their_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("Trích dẫn riêng", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Trước")
    document.add_paragraph("{{ doan }}")
    document.add_paragraph("{{p doan }}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    value = RichParagraphs(RichParagraph("Tiêu đề", style="heading 1"),
                           RichParagraph(RichText("Đậm", bold=True) + " thường",
                                         style="Trích dẫn riêng"))
    out = render_template_bytes(path, {"doan": value})
    assert visible_text(out) == "Trước\nTiêu đề\nĐậm thường\nTiêu đề\nĐậm thường"
    styles = [p.style.name if p.style else None for p in docx.Document(io.BytesIO(out)).paragraphs]
    assert styles == ["Normal", "Heading 1", "Trích dẫn riêng", "Heading 1", "Trích dẫn riêng"]


def test_paragraphs_inside_a_sentence_are_refused_naming_the_tag(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Trước {{ doan }} sau"])
    with pytest.raises(TemplateDataError, match=r"cannot stand inside a sentence.*\{\{p name \}\}") as caught:
        render_template_bytes(path, {"doan": RichParagraphs("a", "b")})
    assert caught.value.tag == "{{ doan }}"


def test_an_unknown_paragraph_style_is_refused(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{p doan }}"])
    with pytest.raises(TemplateDataError, match="no paragraph style 'Tiêu đề riêng'"):
        render_template_bytes(path, {"doan": RichParagraph("a", style="Tiêu đề riêng")})


# -- listings ---------------------------------------------------------------------------------
def test_a_listing_keeps_line_breaks_tabs_page_breaks_and_paragraph_marks(tmp_path: Path) -> None:
    path = _bold_tag(tmp_path, "{{ ds }}")
    out = render_template_bytes(path, {"ds": Listing("Điều 1.\tA <b>\nĐiều 2.\fTrang 2\aĐoạn 2")})
    root = _part(out)
    assert len(root.findall(f".//{W}br[@{W}type='page']")) == 1
    assert visible_text(out) == "Ghi chú: Điều 1.\tA <b>\nĐiều 2.\nTrang 2\nĐoạn 2 (hết)"
    paragraphs = docx.Document(io.BytesIO(out)).paragraphs
    assert len(paragraphs) == 2  # \a started a paragraph
    assert all(r.bold for r in paragraphs[0].runs[1:])  # the listing keeps the tag's formatting


def test_plain_text_keeps_docxtpls_page_break_and_paragraph_mark(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ t }}"])
    out = render_template_bytes(path, {"t": "a\fb\ac"}, line_breaks="break")
    assert visible_text(out) == "a\nb\nc"
    assert len(docx.Document(io.BytesIO(out)).paragraphs) == 2
    assert len(_part(out).findall(f".//{W}br[@{W}type='page']")) == 1


# -- pictures ---------------------------------------------------------------------------------
def test_a_picture_is_sized_in_millimetres_from_bytes_or_a_path(tmp_path: Path) -> None:
    (tmp_path / "con-dau.png").write_bytes(png(200, 100, dpi=300))
    assert Image(data=png(200, 100), width_mm=40).size_mm == (40, 20)
    assert Image(data=png(200, 100), height_mm=10).size_mm == (20, 10)
    assert Image.from_path(tmp_path / "con-dau.png").size_mm == pytest.approx((16.93, 8.47), abs=0.01)
    assert Image.from_path(str(tmp_path / "con-dau.png"), width_mm=5, height_mm=9).size_mm == (5, 9)
    assert Image.model_validate({"path": "con-dau.png", "width_mm": 35},
                                context={"base_dir": tmp_path}).size_mm == (35, 17.5)
    assert Image(data=JPEG_1x1, width_mm=3).format == "jpeg"
    assert Image.model_validate_json(Image(data=png(), width_mm=3).model_dump_json()).size_mm == (3, 1.5)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a....", "not a PNG or JPEG"),
        (b"%PDF-1.7", "not a PNG or JPEG"),
        (png()[:40], "cut"),
        (png()[:-5], "cut"),
        (png().replace(b"IDAT", b"IDAX"), "checksum"),
        (JPEG_1x1[:20], "JPEG picture is damaged"),
        (JPEG_1x1[:-2], "no end marker"),
    ],
)
def test_a_file_that_is_not_a_real_png_or_jpeg_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Image(data=data, width_mm=10)


def test_pictures_over_the_size_caps_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match="over the limit of 600 mm"):
        Image(data=png(), width_mm=1000)
    with pytest.raises(ValidationError, match="give width_mm or height_mm"):
        Image(data=png(4000, 3000))  # 96 dpi: over a metre wide
    monkeypatch.setattr(rich_module, "LIMITS", dataclasses.replace(LIMITS, image_bytes=200))
    with pytest.raises(ValidationError, match="over the limit of 200"):
        Image(data=png(100, 100, (1, 2, 3)) + b"\0" * 200)
    big = tmp_path / "big.png"
    big.write_bytes(png() + b"\0" * 300)
    with pytest.raises(ValidationError, match="over the limit of 200"):
        Image.from_path(big)
    with pytest.raises(ValidationError, match="cannot read the picture"):
        Image.from_path(tmp_path / "missing.png")
    with pytest.raises(ValidationError, match="cannot read the picture"):
        Image.from_path(tmp_path)  # a folder


def test_a_picture_goes_into_the_body_a_cell_and_a_header_stored_once(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["T/M CHI BỘ {{ dau }}", "{{ dau }}"],
                     table=[["{{ dau }}"]], header="Dấu: {{ dau }}")
    out = render_template_bytes(path, {"dau": Image(data=png(60, 60), width_mm=30,
                                                    description="Con dấu chi bộ")})
    media = [n for n in _names(out) if n.startswith("word/media/chibo-")]
    assert len(media) == 1
    body = _part(out)
    assert len(list(body.iter(f"{{{_WP}}}inline"))) == 3
    ids = [d.get("id") for name in ("word/document.xml", "word/header1.xml")
           for d in _part(out, name).iter(f"{{{_WP}}}docPr")]
    assert len(ids) == len(set(ids)) == 4  # unique across the document
    extent = next(body.iter(f"{{{_WP}}}extent"))
    assert (extent.get("cx"), extent.get("cy")) == ("1080000", "1080000")  # 30 mm
    assert next(body.iter(f"{{{_WP}}}docPr")).get("descr") == "Con dấu chi bộ"
    assert 'Extension="png"' in zipfile.ZipFile(io.BytesIO(out)).read("[Content_Types].xml").decode()
    header_rels = _part(out, "word/_rels/header1.xml.rels")
    assert any(r.get("Target") == media[0].removeprefix("word/") for r in header_rels)
    assert visible_text(out).startswith("Dấu: \nT/M CHI BỘ \n")


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def test_pictures_count_against_the_size_of_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_docx(tmp_path / "t.docx", ["{% for p in hinh %}{{ p }}{% endfor %}"])
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, output_bytes=60_000))
    pictures = [Image(data=png(100, 100, (i, 0, 0)), width_mm=5) for i in range(40)]
    with pytest.raises(TemplateLimitError) as caught:
        render_template_bytes(path, {"hinh": pictures})
    assert caught.value.limit == "output_bytes"


def test_too_many_rich_values_in_one_render_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_docx(tmp_path / "t.docx", ["a", "{% for i in range(10) %}{{ r }}{% endfor %}"])
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, rich_items=5))
    with pytest.raises(TemplateLimitError) as caught:
        render_template_bytes(path, {"r": RichText("x")})
    assert (caught.value.limit, str(caught.value.location)) == ("rich_items", "body, paragraph 2")


# -- sub-documents ----------------------------------------------------------------------------
def _annex(tmp_path: Path) -> Path:
    document = docx.Document()
    style = document.styles.add_style("Phụ lục tiêu đề", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 1"]
    document.add_paragraph("PHỤ LỤC 1", style="Phụ lục tiêu đề")
    for name in ("An", "Bình"):
        document.add_paragraph(name, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "gộp"
    document.add_picture(io.BytesIO(png(30, 30, (0, 90, 0))))
    path = tmp_path / "phu-luc.docx"
    document.save(str(path))
    return path


def _numbered_master(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Trước")
    document.add_paragraph("{{p pl }}")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "{{p pl }}"
    document.add_paragraph("Sau")
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


def test_a_sub_document_brings_its_styles_lists_tables_and_pictures(tmp_path: Path) -> None:
    out = render_template_bytes(_numbered_master(tmp_path), {"pl": Subdoc.from_path(_annex(tmp_path))})
    text = visible_text(out)
    assert text.split("\n")[:4] == ["Trước", "PHỤ LỤC 1", "An", "Bình"]
    document = docx.Document(io.BytesIO(out))
    style = document.paragraphs[1].style
    assert style is not None
    assert style.name == "Phụ lục tiêu đề"
    assert style.base_style is not None
    assert style.base_style.name == "Heading 1"
    numbering = _part(out, "word/numbering.xml")
    num_ids = [p.find(f"{W}pPr/{W}numPr/{W}numId") for p in _part(out).iter(W + "p")]
    assert not [n for n in num_ids if n is not None]  # List Number numbers through its style
    assert len([n for n in _names(out) if n.startswith("word/media/")]) == 1
    assert len(list(_part(out).iter(f"{{{_WP}}}inline"))) == 2
    cell = next(_part(out).iter(W + "tc"))
    assert cell[-1].tag == W + "p"  # a cell ends with a paragraph
    assert numbering.tag == W + "numbering"


def test_a_sub_documents_own_lists_are_carried_over_as_new_lists(tmp_path: Path) -> None:
    source = docx.Document()
    for text in ("một", "hai"):
        paragraph = source.add_paragraph(text)
        num = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
        num.get_or_add_numId().val = 1
        num.get_or_add_ilvl().val = 0
    buffer = io.BytesIO()
    source.save(buffer)
    master = make_docx(tmp_path / "m.docx", ["{{p pl }}"])
    out = render_template_bytes(master, {"pl": Subdoc(data=buffer.getvalue())})
    used = {n.get(W + "val") for n in _part(out).iter(W + "numId")}
    declared = {n.get(W + "numId") for n in _part(out, "word/numbering.xml").iter(W + "num")}
    assert used
    assert used <= declared
    assert "1" not in used  # renumbered: the template's own list 1 is not continued


def test_a_python_docx_document_can_be_given_directly(tmp_path: Path) -> None:
    sub = docx.Document()
    sub.add_paragraph("Dựng bằng python-docx")
    out = render_template_bytes(make_docx(tmp_path / "t.docx", ["{{ pl }}"]), {"pl": Subdoc.from_document(sub)})
    assert visible_text(out) == "Dựng bằng python-docx"


def _with_relationship(kind: str, element: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("x")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    rels = files["word/_rels/document.xml.rels"].decode().replace(
        "</Relationships>",
        f'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="other.xml"/></Relationships>')
    files["word/_rels/document.xml.rels"] = rels.encode()
    files["word/other.xml"] = b"<x/>"
    files["word/document.xml"] = files["word/document.xml"].replace(
        b"<w:t>x</w:t></w:r>", b"<w:t>x</w:t></w:r>" + element.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with_relationship("chart", '<w:r><w:object r:id="rIdX"/></w:r>'),
         r"holds object \(chart\) that cannot be carried"),
        (_with_relationship("footnotes", '<w:r><w:footnoteReference w:id="1"/></w:r>'),
         "has footnotes"),
        (b"not a zip", "not a .docx"),
    ],
)
def test_a_sub_document_that_cannot_be_carried_over_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Subdoc(data=data, name="phu-luc.docx")


def test_a_sub_document_is_read_by_the_capped_reader(tmp_path: Path) -> None:
    plain = io.BytesIO()
    docx.Document().save(plain)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(with_member(plain.getvalue(), named(deflated_zeros(GiB), "word/media/x.bin")))
    with pytest.raises(ValidationError, match="zip bomb"):
        Subdoc.from_path(bomb)


def test_a_sub_document_in_a_sentence_is_refused(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "t.docx", ["Xem {{ pl }} sau"])
    with pytest.raises(TemplateDataError, match="a sub-document cannot stand inside a sentence"):
        render_template_bytes(path, {"pl": Subdoc.from_path(_annex(tmp_path))})


def test_too_many_sub_document_blocks_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_docx(tmp_path / "t.docx", ["{%p for i in range(5) %}", "{{p pl }}", "{%p endfor %}"])
    monkeypatch.setattr(rendering, "LIMITS", dataclasses.replace(LIMITS, subdocument_blocks=10))
    with pytest.raises(TemplateLimitError) as caught:
        render_template_bytes(path, {"pl": Subdoc.from_path(_annex(tmp_path))})
    assert caught.value.limit == "subdocument_blocks"


# -- models typed with rich values ------------------------------------------------------------
class Letter(BaseModel):
    """A form's own model: a field may be rich text or a picture."""

    to: str
    note: RichText | str
    seal: Image | None = None


def test_a_models_field_can_be_rich_text_or_a_picture(tmp_path: Path) -> None:
    (tmp_path / "dau.png").write_bytes(png())
    letter = Letter.model_validate({
        "to": "Chi bộ A", "note": {"runs": [{"text": "Khẩn", "bold": True}, " — xem"]},
        "seal": {"path": "dau.png", "width_mm": 30},
    }, context={"base_dir": tmp_path})
    assert isinstance(letter.note, RichText)
    path = make_docx(tmp_path / "t.docx", ["{{ to }}: {{ note }} {{ seal }}"])
    out = render_template_bytes(path, letter)
    assert visible_text(out) == "Chi bộ A: Khẩn — xem "
    assert len([n for n in _names(out) if n.startswith("word/media/")]) == 1


# -- markup and other libraries' objects in the data ------------------------------------------
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Markup("<w:b/>"), "holds markup"),
        (lambda: __import__("docxtpl").RichText("x"), "docxtpl RichText object"),
        (lambda: __import__("docxtpl").Listing("x"), "chibo_docs.models.Listing"),
        (lambda: docx.Document(), "docx Document object"),
    ],
)
def test_markup_and_other_libraries_objects_in_the_data_are_refused(
    tmp_path: Path, value: Any, message: str
) -> None:
    path = make_docx(tmp_path / "t.docx", ["{{ rows[0].x }}"])
    value = value() if callable(value) and not isinstance(value, str) else value
    with pytest.raises(TemplateDataError, match=message) as caught:
        render_template_bytes(path, {"rows": [{"x": value}]})
    assert caught.value.field == "rows.0.x"


def test_a_rich_value_in_a_document_property_prints_its_text_a_picture_is_refused(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("x")
    document.core_properties.title = "{{ t }}"
    path = tmp_path / "t.docx"
    document.save(str(path))
    out = render_template_bytes(path, {"t": RichText("Nghị quyết", bold=True) + " 05"})
    assert docx.Document(io.BytesIO(out)).core_properties.title == "Nghị quyết 05"
    with pytest.raises(TemplateDataError, match="holds only text, not a picture") as caught:
        render_template_bytes(path, {"t": Image(data=png(), width_mm=3)})
    assert caught.value.part == "docProps/core.xml (title)"


@pytest.mark.libreoffice
@pytest.mark.filterwarnings("ignore::chibo_docs.errors.FontFallbackWarning")
def test_a_document_with_every_kind_of_rich_content_converts_to_a_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from chibo_docs.pdf import convert

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.add_paragraph("Ghi chú: {{ note }} (hết)")
    document.add_paragraph("T/M CHI BỘ {{ dau }}")
    document.add_paragraph("{{ ds }}")
    document.add_paragraph("{{p doan }}")
    document.add_paragraph("{{p pl }}")
    path = tmp_path / "t.docx"
    document.save(str(path))
    out = tmp_path / "out.docx"
    out.write_bytes(render_template_bytes(path, {
        "note": RichText("Khẩn", bold=True) + Run(" xem", link="https://dangcongsan.vn"),
        "dau": Image(data=png(80, 80), width_mm=25),
        "ds": Listing("Điều 1.\tThông qua\nĐiều 2."),
        "doan": RichParagraphs(RichParagraph("Tiêu đề", style="Heading 1"), "Nội dung"),
        "pl": Subdoc.from_path(_annex(tmp_path)),
    }))
    pdf = PdfReader(convert(out, tmp_path / "out.pdf", allow_font_fallback=True))
    text = " ".join((page.extract_text() or "") for page in pdf.pages)
    for expected in ("Khẩn xem (hết)", "Điều 1.", "Tiêu đề", "PHỤ LỤC 1", "Bình"):
        assert expected in text, text
    assert sum(len(page.images) for page in pdf.pages) == 2  # the seal and the annex's picture

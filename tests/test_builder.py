"""The form builder writes .docx files that reopen with python-docx and follow the profile."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Twips
from docxtpl import DocxTemplate
from lxml import etree

from chibo_docs import check_document
from chibo_docs.errors import FormError
from chibo_docs.layout import HD36, build_docx, write_docx
from chibo_docs.layout.builder import Bullet, Paragraph, Run, Table, Title
from tests.support import form_specs as form_samples

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_sample_reopens_with_python_docx_and_keeps_its_text(tmp_path: Path) -> None:
    path = write_docx(form_samples.resolution(), tmp_path / "nghi_quyet.docx")
    document = docx.Document(str(path))
    header = document.tables[0]
    assert header.cell(0, 0).text.split("\n") == [
        "ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN",
        "*",
    ]
    assert header.cell(0, 1).text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (header.cell(1, 0).text, header.cell(1, 1).text) == (
        "Số 05-NQ/CB",
        "Lai Châu, ngày 26 tháng 4 năm 2021",
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["NGHỊ QUYẾT", "về lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021", "-----"]
    assert "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4 NĂM 2021" in texts
    signature = document.tables[-1]
    assert signature.cell(0, 0).text.split("\n")[0] == "Nơi nhận:"
    assert signature.cell(0, 1).text.split("\n")[:2] == ["T/M CHI BỘ", "BÍ THƯ"]


def test_page_setup_matches_the_profile(tmp_path: Path) -> None:
    section = docx.Document(
        str(write_docx(form_samples.resolution(), tmp_path / "a.docx"))
    ).sections[0]
    m = HD36.margins
    assert (section.page_width, section.page_height) == (
        Twips(HD36.page.width),
        Twips(HD36.page.height),
    )
    assert (
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ) == tuple(Twips(v) for v in (m.top, m.bottom, m.left, m.right))
    assert section.header_distance == Twips(567)
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    assert "PAGE" in section.header._element.xml


def test_sample_passes_the_checker_with_no_finding(tmp_path: Path) -> None:
    path = write_docx(form_samples.resolution(), tmp_path / "nghi_quyet.docx")
    assert check_document(path) == []


def test_minutes_with_two_signature_columns_pass_the_checker() -> None:
    data = build_docx(form_samples.minutes())
    assert check_document(data) == []
    signatures = docx.Document(io.BytesIO(data)).tables[-1].rows[0].cells
    space = [""] * HD36.signature_blank_lines
    assert signatures[0].text.split("\n") == ["THƯ KÝ", *space, "Trần Thị Bình"]
    assert signatures[1].text.split("\n") == ["CHỦ TRÌ", *space, "Nguyễn Văn An"]


def test_template_passes_the_checker_before_and_after_docxtpl_renders_it() -> None:
    data = build_docx(form_samples.template())
    assert check_document(data) == []
    template = DocxTemplate(io.BytesIO(data))
    template.render(form_samples.TEMPLATE_CONTEXT)
    out = io.BytesIO()
    template.save(out)
    rendered = docx.Document(io.BytesIO(out.getvalue()))
    assert rendered.tables[0].cell(1, 0).text == "Số 05-NQ/CB"
    assert [r.cells[1].text for r in rendered.tables[1].rows] == [
        "Nhiệm vụ",
        "Đo đạc bản đồ",
        "Lập hồ sơ",
    ]
    assert "- Tổ chức học tập văn bản mới." in [p.text for p in rendered.paragraphs]
    assert check_document(out.getvalue()) == []


def test_each_tag_sits_inside_one_text_node() -> None:
    xml = _parts(build_docx(form_samples.template()))["word/document.xml"].decode()
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    for opening, closing in (("{{", "}}"), ("{%", "%}")):
        assert all(t.count(opening) == t.count(closing) for t in texts)
    assert "Số {{ document.number }}-NQ/CB" in texts
    assert "{%tr for task in document.tasks %}" in texts


def test_same_spec_gives_identical_bytes() -> None:
    assert build_docx(form_samples.resolution()) == build_docx(form_samples.resolution())


def test_core_properties_are_fixed(tmp_path: Path) -> None:
    props = docx.Document(
        str(write_docx(form_samples.resolution(), tmp_path / "a.docx"))
    ).core_properties
    assert (props.author, props.revision) == ("chibo_docs", 1)
    assert props.created == props.modified
    assert props.created.year == 2000


def test_times_new_roman_is_the_only_font_in_the_package() -> None:
    fonts: set[str] = set()
    for name, blob in _parts(build_docx(form_samples.resolution())).items():
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(blob)
        for el in root.iter(f"{W}rFonts", f"{W}font"):
            for key, value in el.attrib.items():
                assert not str(key).endswith("Theme"), name
                if el.tag == f"{W}rFonts" or str(key).endswith("name"):
                    fonts.add(str(value))
    assert fonts == {"Times New Roman"}


def test_docdefaults_name_times_new_roman_in_all_four_slots() -> None:
    styles = etree.fromstring(_parts(build_docx(form_samples.resolution()))["word/styles.xml"])
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts is not None
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }


def test_text_is_written_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Chi bộ đã thảo luận.")
    spec = form_samples.resolution(body=(Paragraph(decomposed),))
    xml = _parts(build_docx(spec))["word/document.xml"].decode()
    assert "Chi bộ đã thảo luận." in xml
    assert decomposed not in xml


@pytest.mark.parametrize(
    "block",
    [
        Paragraph("dòng một\ndòng hai"),
        Bullet("{{ unclosed"),
        Paragraph((Run("{{ a "), Run("}}"))),
        Table(("A", "B"), (("1",),)),
        Table(("A", "B"), (("1", "2"),), align=("center",)),
    ],
)
def test_invalid_blocks_are_refused_with_form_error(block: Paragraph | Bullet | Table) -> None:
    with pytest.raises(FormError):
        build_docx(form_samples.resolution(body=(block,)))


def test_table_columns_take_their_alignment_and_the_row_loop_wraps_the_rows() -> None:
    table = Table(
        ("TT", "Nhiệm vụ"),
        (("{{ loop.index }}", "{{ t.name }}"),),
        loop="t in tasks",
        align=("center", "both"),
    )
    document = docx.Document(io.BytesIO(build_docx(form_samples.resolution(body=(table,)))))
    rows = document.tables[1].rows
    assert [[c.text for c in r.cells] for r in rows] == [
        ["TT", "Nhiệm vụ"],
        ["{%tr for t in tasks %}", ""],
        ["{{ loop.index }}", "{{ t.name }}"],
        ["{%tr endfor %}", ""],
    ]
    aligns = [p.paragraphs[0].paragraph_format.alignment for p in rows[2].cells]
    assert [str(a) for a in aligns] == ["CENTER (1)", "JUSTIFY (3)"]


def test_a_body_table_is_followed_by_a_small_empty_paragraph() -> None:
    spec = form_samples.resolution(body=(Table(("A",), (("1",),)), Paragraph("Sau bảng.")))
    body = docx.Document(io.BytesIO(build_docx(spec))).element.body
    blocks = [el for el in body if el.tag in (f"{W}p", f"{W}tbl")]
    table = [i for i, el in enumerate(blocks) if el.tag == f"{W}tbl"][1]
    texts = ["".join(t.text or "" for t in el.iter(f"{W}t")) for el in blocks]
    assert texts[table + 1 : table + 3] == ["", "Sau bảng."]
    spacer = blocks[table + 1]
    size = spacer.find(f"{W}pPr/{W}rPr/{W}sz").get(f"{W}val")
    assert int(size) == HD36.spacing.space_after // 10  # 6 pt, in half-points


def test_keep_next_keeps_a_paragraph_with_the_signature() -> None:
    spec = form_samples.resolution(body=(Paragraph("Câu cuối.", keep_next=True),))
    document = docx.Document(io.BytesIO(build_docx(spec)))
    last = next(p for p in document.paragraphs if p.text == "Câu cuối.")
    assert last.paragraph_format.keep_with_next is True
    assert check_document(build_docx(spec)) == []


def test_multi_line_excerpt_is_centred_bold_lines() -> None:
    spec = form_samples.resolution(
        title=Title("KẾ HOẠCH", ("thực hiện mô hình sinh hoạt", "chi bộ mẫu năm 2026"))
    )
    data = build_docx(spec)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs[:4]]
    assert texts == ["KẾ HOẠCH", "thực hiện mô hình sinh hoạt", "chi bộ mẫu năm 2026", "-----"]
    findings = check_document(data)  # the số line still says NQ under a KẾ HOẠCH
    assert [(f.code, f.found, f.expected) for f in findings] == [("HD36-7", "NQ", "KH")]


def _pdf(docx_path: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{docx_path.parent}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx_path.parent),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return docx_path.with_suffix(".pdf")


def _page_text(pdf: Path, page: int) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.libreoffice
def test_libreoffice_lays_out_the_sample_as_an_official_document(tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("soffice or pdftotext is not installed")
    long_body = tuple(form_samples.resolution().body) * 3
    pdf = _pdf(write_docx(form_samples.resolution(body=long_body), tmp_path / "nghi_quyet.docx"))
    first, second = _page_text(pdf, 1), _page_text(pdf, 2)
    assert first[0].startswith("ĐẢNG BỘ SỞ TÀI NGUYÊN")
    assert first[0].endswith(
        "ĐẢNG CỘNG SẢN VIỆT NAM"
    )
    assert any(
        line.startswith("Số 05-NQ/CB") and line.endswith("Lai Châu, ngày 26 tháng 4 năm 2021")
        for line in first
    )
    assert "NGHỊ QUYẾT" in first
    assert not re.fullmatch(r"\d+", first[0]), "page 1 must not show a page number"
    assert second[0] == "2", "page 2 shows its number at the top"
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    families = {
        line.split()[0].split("+")[-1].split("-")[0].split(",")[0]
        for line in fonts.splitlines()[2:]
    }
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman", "Times"}, families

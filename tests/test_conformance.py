"""The checker catches each rule of format-hd36.md §8 on a deliberately wrong document."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
import zipfile
from collections.abc import Callable
from typing import Any

import docx
import pytest
from lxml import etree

from chibo_docs import check_document
from chibo_docs.errors import DataError
from chibo_docs.layout import HD36
from chibo_docs.layout.builder import Header, Heading, Paragraph, Signature, TemplateTag, Title
from chibo_docs.layout.builder import build_docx as build
from chibo_docs.layout.conformance import RULES
from chibo_docs.problems import Problem
from tests.support import form_specs as form_samples

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

Edit = Callable[[Any], None]


def _edit(data: bytes, part: str, edit: Edit) -> bytes:
    """Return ``data`` with ``edit`` applied to the XML root of ``part``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == part:
                root = etree.fromstring(blob)
                edit(root)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, blob)
    return out.getvalue()


def _para(root: Any, text: str) -> Any:
    for p in root.iter(f"{W}p"):
        if "".join(t.text or "" for t in p.iter(f"{W}t")) == text:
            return p
    raise AssertionError(f"no paragraph {text!r}")


def _drop(parent_tag: str, child_tag: str, text: str | None = None) -> Edit:
    def edit(root: Any) -> None:
        scope = _para(root, text) if text else root
        for el in list(scope.iter(f"{W}{parent_tag}")):
            for child in el.findall(f"{W}{child_tag}"):
                el.remove(child)

    return edit


def _add_bold(text: str) -> Edit:
    def edit(root: Any) -> None:
        for rpr in _para(root, text).iter(f"{W}rPr"):
            rpr.insert(1, etree.Element(f"{W}b"))

    return edit


def _set(tag: str, **attrs: str) -> Edit:
    def edit(root: Any) -> None:
        for el in root.iter(f"{W}{tag}"):
            for key, value in attrs.items():
                el.set(f"{W}{key}", value)

    return edit


def _set_in(text: str, tag: str, **attrs: str) -> Edit:
    def edit(root: Any) -> None:
        for el in _para(root, text).iter(f"{W}{tag}"):
            for key, value in attrs.items():
                el.set(f"{W}{key}", value)

    return edit


def _first_body_run_calibri(root: Any) -> None:
    fonts = _para(root, "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4 NĂM 2021").find(f".//{W}rFonts")
    fonts.set(f"{W}ascii", "Calibri")
    fonts.set(f"{W}hAnsi", "Calibri")


def _rename(old: str, new: str) -> Edit:
    def edit(root: Any) -> None:
        for t in _para(root, old).iter(f"{W}t"):
            t.text = new

    return edit


def _remove_paragraph(text: str) -> Edit:
    def edit(root: Any) -> None:
        p = _para(root, text)
        p.getparent().remove(p)

    return edit


def _remove_page_field(root: Any) -> None:
    for p in root.iter(f"{W}p"):
        for r in list(p):
            if r.tag == f"{W}r":
                p.remove(r)


def _decompose(root: Any) -> None:
    for t in _para(root, "về lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021").iter(f"{W}t"):
        t.text = unicodedata.normalize("NFD", t.text or "")


SAMPLE = build(form_samples.resolution())
DOC, HEADER1 = "word/document.xml", "word/header1.xml"


def _variant(**changes: Any) -> bytes:
    return build(form_samples.resolution(**changes))


CASES: list[tuple[str, str, bytes]] = [
    ("HD36-1", "letter paper", _edit(SAMPLE, DOC, _set("pgSz", w="12240", h="15840"))),
    (
        "HD36-1",
        "landscape",
        _edit(SAMPLE, DOC, _set("pgSz", w="16838", h="11906", orient="landscape")),
    ),
    ("HD36-2", "left margin 25 mm", _edit(SAMPLE, DOC, _set("pgMar", left="1418"))),
    ("HD36-3", "a Calibri run", _edit(SAMPLE, DOC, _first_body_run_calibri)),
    (
        "HD36-3",
        "a theme font in styles",
        _edit(SAMPLE, "word/styles.xml", _set("rFonts", asciiTheme="minorHAnsi")),
    ),
    (
        "HD36-4",
        "header title not in capitals",
        _edit(SAMPLE, DOC, _rename("ĐẢNG CỘNG SẢN VIỆT NAM", "Đảng Cộng sản Việt Nam")),
    ),
    (
        "HD36-4",
        "header title not bold",
        _edit(SAMPLE, DOC, _drop("rPr", "b", "ĐẢNG CỘNG SẢN VIỆT NAM")),
    ),
    (
        "HD36-5",
        "no rule under the header title",
        _edit(SAMPLE, DOC, _drop("pPr", "pBdr", "ĐẢNG CỘNG SẢN VIỆT NAM")),
    ),
    (
        "HD36-5",
        "rule half as long as the title",
        _edit(SAMPLE, DOC, _set("ind", left="1500", right="1500")),
    ),
    (
        "HD36-6",
        "upper line bold",
        _edit(SAMPLE, DOC, _add_bold("ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")),
    ),
    (
        "HD36-6",
        "issuer not bold",
        _edit(SAMPLE, DOC, _drop("rPr", "b", "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN")),
    ),
    ("HD36-6", "no star", _edit(SAMPLE, DOC, _remove_paragraph("*"))),
    ("HD36-7", "colon after Số", _edit(SAMPLE, DOC, _rename("Số 05-NQ/CB", "Số: 05-NQ/CB"))),
    ("HD36-7", "state-style number", _edit(SAMPLE, DOC, _rename("Số 05-NQ/CB", "Số 05/NQ-CB"))),
    (
        "HD36-8",
        "day not padded",
        _edit(
            SAMPLE,
            DOC,
            _rename("Lai Châu, ngày 26 tháng 4 năm 2021", "Lai Châu, ngày 8 tháng 4 năm 2021"),
        ),
    ),
    (
        "HD36-8",
        "month 03 padded",
        _edit(
            SAMPLE,
            DOC,
            _rename("Lai Châu, ngày 26 tháng 4 năm 2021", "Lai Châu, ngày 26 tháng 03 năm 2021"),
        ),
    ),
    (
        "HD36-8",
        "date line upright",
        _edit(SAMPLE, DOC, _drop("rPr", "i", "Lai Châu, ngày 26 tháng 4 năm 2021")),
    ),
    ("HD36-9", "type name not bold", _edit(SAMPLE, DOC, _drop("rPr", "b", "NGHỊ QUYẾT"))),
    (
        "HD36-9",
        "trích yếu capitalised",
        _edit(
            SAMPLE,
            DOC,
            _rename(
                "về lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021",
                "Về lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021",
            ),
        ),
    ),
    ("HD36-10", "no separator", _edit(SAMPLE, DOC, _remove_paragraph("-----"))),
    (
        "HD36-11",
        "body not justified",
        _variant(body=(Paragraph("Chi bộ đã thảo luận và thống nhất.", align="left"),)),
    ),
    (
        "HD36-11",
        "body in 12 pt",
        _edit(SAMPLE, DOC, _set_in("1. Công tác chính trị, tư tưởng", "sz", val="24")),
    ),
    (
        "HD36-12",
        "state-style heading",
        _variant(body=(Heading("I. KẾT QUẢ"), Paragraph("Chi bộ đã thảo luận."))),
    ),
    (
        "HD36-12",
        "heading not in capitals",
        _variant(body=(Heading("I- Kết quả"), Paragraph("Chi bộ đã thảo luận."))),
    ),
    (
        "HD36-13",
        "TM. signature",
        _variant(signature=Signature(name="Nguyễn Văn An", authority="TM. CHI BỘ")),
    ),
    (
        "HD36-13",
        "K/T BÍ THƯ",
        _variant(
            signature=Signature(name="Nguyễn Văn An", authority="K/T BÍ THƯ", position="PHÓ BÍ THƯ")
        ),
    ),
    ("HD36-13", "chức vụ bold", _edit(SAMPLE, DOC, _add_bold("BÍ THƯ"))),
    ("HD36-14", "Nơi nhận not underlined", _edit(SAMPLE, DOC, _drop("rPr", "u", "Nơi nhận:"))),
    (
        "HD36-14",
        "last recipient not Lưu",
        _variant(recipients=("Đảng ủy Sở Tài nguyên và Môi trường.",)),
    ),
    ("HD36-16", "no titlePg", _edit(SAMPLE, DOC, _drop("sectPr", "titlePg"))),
    ("HD36-16", "no PAGE field", _edit(SAMPLE, HEADER1, _remove_page_field)),
    ("HD36-16", "header 12.7 mm from the top", _edit(SAMPLE, DOC, _set("pgMar", header="720"))),
    (
        "HD36-17",
        "state quốc hiệu",
        _variant(
            body=(Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="center", indent=False),)
        ),
    ),
    ("HD36-17", "Lưu: VT", _variant(recipients=("Lưu: VT.",))),
    ("HD36-18", "decomposed text", _edit(SAMPLE, DOC, _decompose)),
    ("HD36-18", "TCVN3 text", _variant(body=(Paragraph("Chi bé ®· th¶o luËn vµ thèng nhÊt."),))),
]


def _severity(rule: str, findings: list[Problem]) -> set[str]:
    return {f.severity for f in findings if f.code == rule}


@pytest.mark.parametrize(
    ("rule", "data"), [(r, d) for r, _, d in CASES], ids=[f"{r} {name}" for r, name, _ in CASES]
)
def test_each_wrong_document_gives_its_rule(rule: str, data: bytes) -> None:
    findings = check_document(data)
    assert rule in {f.code for f in findings}, [str(f) for f in findings]


def test_each_wrong_document_gives_no_other_rule() -> None:
    strays = {
        name: sorted({f.code for f in check_document(data)} - {rule}) for rule, name, data in CASES
    }
    assert {name: rules for name, rules in strays.items() if rules} == {}


def test_minutes_without_two_signature_columns_give_rule_15() -> None:
    spec = form_samples.minutes()
    wrong = form_samples.resolution(header=spec.header, title=spec.title, body=spec.body)
    findings = check_document(build(wrong))
    assert "HD36-15" in {f.code for f in findings}
    assert _severity("HD36-15", findings) == {"warning"}  # the columns are a secondary rule


def test_minutes_numbered_as_a_resolution_give_rule_15_error() -> None:
    data = _edit(build(form_samples.minutes()), DOC, _rename("Số 07-BB/CB", "Số 07-NQ/CB"))
    findings = check_document(data)
    assert "error" in _severity("HD36-15", findings)


def test_kind_argument_overrides_the_type_name() -> None:
    findings = check_document(SAMPLE, kind="BB")
    assert {f.code for f in findings} == {"HD36-15"}


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(DataError, match="unknown document kind 'XX'"):
        check_document(SAMPLE, kind="XX")


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Any) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(DataError, match="cannot read"):
        check_document(bad)


def test_primary_rules_are_errors_and_secondary_rules_warnings() -> None:
    margins = check_document(_edit(SAMPLE, DOC, _set("pgMar", left="1418")))
    page = check_document(_edit(SAMPLE, DOC, _set("pgSz", w="12240", h="15840")))
    assert _severity("HD36-2", margins) == {"warning"}
    assert _severity("HD36-1", page) == {"error"}


def test_findings_locate_the_paragraph_and_say_what_was_expected() -> None:
    findings = check_document(_edit(SAMPLE, DOC, _rename("Số 05-NQ/CB", "Số: 05-NQ/CB")))
    (finding,) = [f for f in findings if f.code == "HD36-7"]
    assert finding.where == "body, table 1, row 2, cell 1, paragraph 1"
    assert finding.location is not None
    assert finding.location.to_dict() == {
        "part": "body",
        "cells": [{"table": 1, "row": 2, "cell": 1}],
        "paragraph": 1,
        "snippet": "Số: 05-NQ/CB",
    }
    assert (finding.found, finding.expected, finding.severity) == (
        "Số: 05-NQ/CB",
        "'Số 05-NQ/CB'",
        "error",
    )


def test_every_rule_is_registered_once_with_its_check() -> None:
    """This test ensures that the registry lists each rule of the profile once, in order, with a
    check of its own and the severity the profile gives each aspect."""
    assert list(RULES) == list(HD36.rules)
    checks = [rule.check for rule in RULES.values()]
    assert len(set(checks)) == len(checks)
    assert all(check.__name__.startswith("check_") for check in checks)
    for rule_id, rule in RULES.items():
        assert (rule.id, rule.title, rule.source) == (
            rule_id,
            HD36.rules[rule_id].title,
            HD36.rules[rule_id].source,
        )
    assert (RULES["HD36-2"].severity(), RULES["HD36-1"].severity()) == ("warning", "error")
    assert RULES["HD36-11"].severity("size") == "error"


def test_a_part_level_finding_names_the_part_as_lint_does() -> None:
    findings = check_document(_edit(SAMPLE, "word/styles.xml", _set("rFonts", ascii="Arial")))
    fonts = [f for f in findings if f.code == "HD36-3"]
    assert fonts
    assert {f.where for f in fonts} == {"styles"}
    assert all(f.location is not None and f.location.paragraph is None for f in fonts)


def test_python_docx_default_document_fails_many_rules() -> None:
    document = docx.Document()
    document.add_paragraph("Số: 05/NQ-UBND")
    out = io.BytesIO()
    document.save(out)
    rules = {f.code for f in check_document(out.getvalue())}
    assert {"HD36-1", "HD36-3", "HD36-4", "HD36-6", "HD36-7", "HD36-16"} <= rules


def _minutes_without_number() -> bytes:
    spec = form_samples.minutes()
    header = dataclasses.replace(spec.header, number_line="")
    return build(dataclasses.replace(spec, header=header))


def test_unnumbered_minutes_pass_and_an_unnumbered_resolution_does_not() -> None:
    assert check_document(_minutes_without_number()) == []
    resolution = form_samples.resolution(
        header=dataclasses.replace(form_samples.HEADER, number_line="")
    )
    assert {f.code for f in check_document(build(resolution))} == {"HD36-7"}


def test_a_profile_may_require_numbered_minutes() -> None:
    strict = dataclasses.replace(HD36, minutes_may_be_unnumbered=False)
    findings = check_document(_minutes_without_number(), profile=strict)
    assert [(f.code, f.message) for f in findings] == [("HD36-7", "the header has no số line")]


_COMMITTEE_HEADER = Header(
    upper_line="ĐẢNG BỘ TỈNH LAI CHÂU",
    issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
    number_line="Số 10-KH/ĐUK",
    date_line="Lai Châu, ngày 28 tháng 01 năm 2021",
)


def _plan(header: Header, authority: str) -> bytes:
    return _variant(
        header=header,
        title=Title("KẾ HOẠCH", "về tổ chức thực hiện mô hình sinh hoạt chi bộ mẫu năm 2021"),
        signature=Signature(name="Vũ Văn Lương", authority=authority),
    )


def test_a_party_committee_signs_for_its_standing_committee_with_its_own_abbreviation() -> None:
    assert check_document(_plan(_COMMITTEE_HEADER, "T/M BAN THƯỜNG VỤ")) == []
    assert check_document(_plan(_COMMITTEE_HEADER, "T/M ĐẢNG ỦY")) == []


def test_signing_for_the_wrong_kind_of_body_is_an_error() -> None:
    chi_bo = dataclasses.replace(form_samples.HEADER, number_line="Số 10-KH/CB")
    for header, authority, expected in (
        (chi_bo, "T/M BAN THƯỜNG VỤ", "'T/M CHI BỘ'"),
        (_COMMITTEE_HEADER, "T/M CHI BỘ", "'T/M BAN THƯỜNG VỤ'"),
    ):
        findings = check_document(_plan(header, authority))
        assert [(f.code, f.severity, f.found) for f in findings] == [
            ("HD36-13", "error", authority)
        ]
        assert findings[0].expected is not None
        assert findings[0].expected.startswith(expected)


def test_a_chi_bo_numbering_with_another_abbreviation_is_warned() -> None:
    header = dataclasses.replace(form_samples.HEADER, number_line="Số 10-KH/ĐUK")
    findings = check_document(_plan(header, "T/M CHI BỘ"))
    assert [(f.code, f.severity, f.found) for f in findings] == [("HD36-7", "warning", "ĐUK")]


def _templated_signature() -> bytes:
    return _variant(
        signature=Signature(
            name="{{ signature.full_name }}",
            authority="{{ signature.on_behalf }}",
            position="{{ signature.title }}",
        ),
        recipients=(TemplateTag("{%p for r in recipients %}"), "{{ r }},", TemplateTag("{%p endfor %}")),
    )


def test_a_template_writing_the_signature_and_recipients_with_tags_passes() -> None:
    assert check_document(_templated_signature()) == []


def test_the_format_of_a_templated_signing_authority_is_still_checked() -> None:
    data = _edit(_templated_signature(), DOC, _drop("rPr", "b", "{{ signature.on_behalf }}"))
    findings = check_document(data)
    assert [(f.code, f.message) for f in findings] == [
        ("HD36-13", "the signing authority must be bold")
    ]

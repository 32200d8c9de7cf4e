"""Messages in Vietnamese by default, English on request (issue 10): errors, places, problems,
the layout check, PDF output, forms; the language of a call (``lang=``) and of its errors.

Tests run in Vietnamese (the default); each English text asked for says so (``lang="en"``,
``using("en")``, ``text("en")``).
"""

from __future__ import annotations

import dataclasses
import errno
import threading
import zipfile
from pathlib import Path

import pytest

from chibo_docs import check_document, get_form, list_forms, merge_pdfs
from chibo_docs.errors import (
    BatchConversionError,
    ConversionError,
    DocxFileError,
    FormModelMismatchError,
    LibreOfficeCrashedError,
    OutputError,
    PdfError,
    TempFolderError,
    UnknownFormError,
)
from chibo_docs.i18n import message, using
from chibo_docs.layout.builder import Signature, write_docx
from chibo_docs.layout.conformance.registry import RULES
from chibo_docs.layout.profiles import HD36
from chibo_docs.location import Location, TableCell, part_text
from chibo_docs.pdf import convert, convert_many, diagnose, find_soffice, pdf_info
from chibo_docs.pdf.fonts import check_fonts
from chibo_docs.problems import Problem
from samples.documents import write_minutes
from tests.support import form_specs as form_samples


# --- where: Location -------------------------------------------------------------------------
def test_a_place_reads_in_the_template_authors_words() -> None:
    where = Location("body", (TableCell(2, 1, 2),), 1)
    assert str(where) == "thân văn bản, bảng 2, hàng 1, ô 2, đoạn 1"
    assert where.text("en") == "body, table 2, row 1, cell 2, paragraph 1"
    with using("en"):
        assert str(where) == "body, table 2, row 1, cell 2, paragraph 1"
    assert where.to_dict()["part"] == "body"  # JSON keeps the part's name for programs


@pytest.mark.parametrize(
    ("part", "vietnamese", "english"),
    [
        ("header (header1.xml)", "phần đầu trang (header1.xml)", "header (header1.xml)"),
        ("footer (footer2.xml)", "phần cuối trang (footer2.xml)", "footer (footer2.xml)"),
        ("header", "phần đầu văn bản", "header"),
        ("styles", "kiểu định dạng (styles)", "styles"),
        ("section 3", "phần 3 (section)", "section 3"),
        ("end of document", "cuối văn bản", "end of document"),
        ("word/numbering.xml", "word/numbering.xml", "word/numbering.xml"),
    ],
)
def test_every_part_has_a_vietnamese_name(part: str, vietnamese: str, english: str) -> None:
    assert part_text(part) == vietnamese
    assert part_text(part, "en") == english


# --- what: Problem ---------------------------------------------------------------------------
def test_a_problem_prints_its_words_in_the_language_in_force() -> None:
    problem = Problem(
        "HD36-7", "warning", "chữ viết tắt …", message_en="the issuer abbreviation …",
        location=Location("body", paragraph=3), found="ĐU", expected="CB",
        hint="hãy viết …", hint_en="write …", source="HD 36", line=4, file="a.yaml",
        tag="{{ x }}",
    )
    assert problem.text() == (
        "cảnh báo HD36-7 tại thân văn bản, đoạn 3 (dòng 4 của a.yaml), thẻ {{ x }}: "
        "chữ viết tắt … (thấy 'ĐU', cần CB); hãy viết … [HD 36]"
    )
    assert problem.text("en") == (
        "warning HD36-7 at body, paragraph 3 (line 4 of a.yaml), tag {{ x }}: "
        "the issuer abbreviation … (found 'ĐU', expected CB); write … [HD 36]"
    )
    assert problem.to_dict()["where"] == "body, paragraph 3"


# --- errors keep a Message -------------------------------------------------------------------
def test_an_error_reads_in_vietnamese_and_keeps_its_english() -> None:
    error = PdfError(message("nothing to merge: give at least one PDF"))
    assert str(error) == "không có gì để gộp: hãy đưa ít nhất một tệp PDF"
    assert error.message_en == "nothing to merge: give at least one PDF"
    assert error.args == ("nothing to merge: give at least one PDF",)


def test_an_error_raised_outside_a_language_follows_the_one_in_force_when_shown() -> None:
    with pytest.raises(PdfError) as caught:
        merge_pdfs([], "x.pdf")
    assert str(caught.value).startswith("không có gì để gộp")
    with using("en"):
        assert str(caught.value) == "nothing to merge: give at least one PDF"


def test_an_error_of_a_call_with_lang_reads_in_that_language_wherever_it_is_shown(
    tmp_path: Path,
) -> None:
    with pytest.raises(PdfError) as caught:
        merge_pdfs([tmp_path / "khong-co.pdf"], tmp_path / "ho-so.pdf", lang="en")
    assert str(caught.value) == (
        f"cannot read PDF '{tmp_path / 'khong-co.pdf'}': no such file or folder"
    )
    assert caught.value.text("vi") == (
        f"không đọc được tệp PDF '{tmp_path / 'khong-co.pdf'}': không có tệp hay thư mục này"
    )


def test_each_error_class_of_this_side_has_vietnamese_text(tmp_path: Path) -> None:
    errors = [
        FormModelMismatchError("nq", "Resolution", "Minutes", source="bb.yaml"),
        LibreOfficeCrashedError("a.docx", status=139, blamed=True),
        LibreOfficeCrashedError("a.docx", status=None, blamed=False, detail="gone"),
        OutputError("/ro/a.pdf", errno.EROFS, culprit="/ro"),
        OutputError("/a/b.pdf", errno.ENOSPC, source="b.docx"),
        OutputError("/a/" + "x" * 300, errno.ENAMETOOLONG),
        OutputError("/a/b.pdf", errno.EIO, detail="Input/output error"),
        TempFolderError("/tmp", errno.ENOSPC),
        ConversionError(message("LibreOffice made no PDF from {file!r}", file="a.docx"),
                        detail="source file could not be loaded"),
        DocxFileError(message("a part it refers to is missing; save it again from Word or "
                              "LibreOffice"), template="a.docx", part="word/styles.xml"),
    ]
    for error in errors:
        vietnamese, english = str(error), error.message_en
        assert vietnamese != english, english
        assert english == error.text("en")
        assert not any(word in english.split() for word in ("không", "hãy", "tệp")), english
        assert any(word in vietnamese.split() for word in ("không", "hãy", "tệp")), vietnamese


def test_libreoffice_s_own_words_are_quoted_in_vietnamese() -> None:
    error = ConversionError(message("LibreOffice made no PDF from {file!r}", file="a.docx"),
                            detail="source file could not be loaded")
    assert str(error) == (
        "LibreOffice không tạo được PDF từ 'a.docx'; LibreOffice báo: "
        "“source file could not be loaded”"
    )
    assert error.message_en == (
        "LibreOffice made no PDF from 'a.docx': source file could not be loaded"
    )


def test_a_batch_failure_lists_each_document_in_the_language_in_force() -> None:
    failures: list[ConversionError] = [
        LibreOfficeCrashedError("a.docx", status=-11, blamed=True)
    ]
    error = BatchConversionError(failures, {Path("b.docx"): Path("b.pdf")})
    assert str(error).splitlines()[0] == "1 trong 2 văn bản bị lỗi:"
    assert "bị dừng bởi tín hiệu 11 (SIGSEGV)" in str(error)
    assert error.text("en").splitlines()[0] == "1 of 2 documents failed:"
    assert "killed by signal 11 (SIGSEGV)" in error.message_en


# --- the layout check ------------------------------------------------------------------------
@pytest.fixture
def bad_docx(tmp_path: Path) -> Path:
    spec = form_samples.resolution(signature=Signature(name="Nguyễn Văn An", authority="TM. CHI BỘ"))
    return write_docx(spec, tmp_path / "sai.docx")


def test_findings_are_vietnamese_with_english_beside_them(bad_docx: Path) -> None:
    finding = check_document(bad_docx)[0]
    assert finding.code == "HD36-13"
    assert finding.message.startswith("chi bộ ký 'T/M CHI BỘ'")
    assert finding.message_en is not None
    assert finding.message_en.startswith("a chi bộ signs 'T/M CHI BỘ'")
    assert finding.hint is not None
    assert finding.hint.startswith("hãy ký ở cột phải")
    assert finding.hint_en is not None
    assert finding.hint_en.startswith("sign in the right column")
    assert finding.source is not None
    assert finding.source.startswith("HD 36 (40E6A) quy tắc T/M")
    assert finding.found == "TM. CHI BỘ"  # the document's own text stays as it is


def test_check_document_takes_lang(bad_docx: Path) -> None:
    finding = check_document(bad_docx, lang="en")[0]
    assert finding.message == finding.message_en
    assert finding.hint == finding.hint_en
    assert finding.source is not None
    assert finding.source.startswith("HD 36 (40E6A) T/M rule")


def test_measures_are_written_with_a_decimal_comma(tmp_path: Path) -> None:
    margins = dataclasses.replace(HD36.margins, left=1500)  # 26.5 mm
    path = write_docx(form_samples.resolution(), tmp_path / "le.docx",
                      profile=dataclasses.replace(HD36, margins=margins))
    finding = next(f for f in check_document(path) if f.code == "HD36-2")
    assert finding.found == "trái 26,5 mm"
    assert finding.expected == "trái 30 mm"
    english = next(f for f in check_document(path, lang="en") if f.code == "HD36-2")
    assert (english.found, english.expected) == ("left 26.5 mm", "left 30 mm")


def test_every_rule_has_a_title_and_a_hint_in_both_languages() -> None:
    for rule in RULES.values():
        spec = rule.spec()
        assert spec.hint, rule.id
        assert rule.title_text("en") == spec.title
        assert rule.title != spec.title, rule.id  # Vietnamese, the default
    assert RULES["HD36-1"].title == "khổ giấy A4 đứng"


def test_an_unknown_kind_is_refused_in_vietnamese(bad_docx: Path) -> None:
    with pytest.raises(ValueError, match="không có loại văn bản 'XX'"):
        check_document(bad_docx, kind="XX")


# --- forms -----------------------------------------------------------------------------------
def test_an_unknown_form_is_refused_in_the_language_asked() -> None:
    with pytest.raises(UnknownFormError) as caught:
        get_form("khong-co")
    assert str(caught.value).startswith("không có mẫu 'khong-co'; các mẫu hiện có: 'bao-cao'")
    with pytest.raises(UnknownFormError, match="^unknown form 'khong-co'"):
        get_form("khong-co", lang="en")


def test_a_form_says_where_it_comes_from_in_words() -> None:
    form = next(f for f in list_forms() if f.id == "nghi-quyet")
    assert (form.origin, form.origin_text) == ("built-in", "có sẵn")
    with using("en"):
        assert form.origin_text == "built-in"


# --- PDF output ------------------------------------------------------------------------------
def test_merge_and_read_errors_in_both_languages(tmp_path: Path) -> None:
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    with pytest.raises(PdfError, match="rỗng"):
        pdf_info(empty)
    with pytest.raises(PdfError, match="is empty"):
        pdf_info(empty, lang="en")


def test_a_missing_input_is_refused_in_the_language_asked(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.docx"
    with pytest.raises(ConversionError, match="^không có tệp '.*'; hãy kiểm tra tên tệp"):
        convert(missing)
    with pytest.raises(ConversionError, match="^input '.*' does not exist; check the file name"):
        convert_many([missing], lang="en")


def test_a_bad_soffice_is_refused_in_the_language_asked(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match="không phải chương trình LibreOffice"):
        find_soffice(tmp_path / "soffice")
    with pytest.raises(ConversionError, match="is not an executable LibreOffice program"):
        find_soffice(tmp_path / "soffice", lang="en")


def test_the_font_check_and_the_doctor_speak_the_language_asked(tmp_path: Path) -> None:
    missing = check_fonts("Khong Co Font")
    english = check_fonts("Khong Co Font", lang="en")
    assert not missing.ok
    assert missing.hint
    assert english.hint
    assert missing.hint != english.hint
    assert "hãy cài" in missing.hint or "không" in missing.hint
    checks = diagnose(soffice=tmp_path / "soffice")
    assert [c.code for c in checks] == ["libreoffice", "uno", "font", "temp_folder"]
    assert checks[3].name == "thư mục tạm"
    assert [c.name for c in diagnose(soffice=tmp_path / "soffice", lang="en")][2:] == [
        "font for Times New Roman", "temporary folder",
    ]


@pytest.mark.libreoffice
def test_errors_made_in_worker_threads_read_in_the_caller_s_language(tmp_path: Path) -> None:
    garbled = tmp_path / "rac.docx"
    with zipfile.ZipFile(garbled, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", bytes(range(256)) * 4)
    good = write_minutes(tmp_path / "tot.docx", paragraphs=1)
    with pytest.raises(BatchConversionError) as caught:
        convert_many([garbled, good], tmp_path / "out", workers=2, lang="en")
    failure = caught.value.failures[0]
    assert threading.current_thread() is threading.main_thread()
    assert str(failure).startswith(f"LibreOffice made no PDF from '{garbled}'")
    assert failure.text("vi").startswith(f"LibreOffice không tạo được PDF từ '{garbled}'")

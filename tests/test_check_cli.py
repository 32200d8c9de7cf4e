"""``chibo-docs check``: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chibo_docs.cli import main
from chibo_docs.layout.builder import Signature, write_docx
from tests.support import form_specs as form_samples


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_docx(form_samples.resolution(), tmp_path / "good.docx")


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    spec = form_samples.resolution(
        signature=Signature(name="Nguyễn Văn An", authority="TM. CHI BỘ")
    )
    return write_docx(spec, tmp_path / "bad.docx")


def test_conformant_document_exits_0(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out.strip() == f"{good}: 0 lỗi, 0 cảnh báo"


def test_document_with_errors_exits_1_and_names_the_rule(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert (
        "lỗi HD36-13 tại thân văn bản, bảng 2, hàng 1, ô 2, đoạn 1: chi bộ ký 'T/M CHI BỘ'"
        in out
    )
    assert "(thấy 'TM. CHI BỘ', cần 'T/M CHI BỘ'); hãy ký ở cột phải của bảng chữ ký" in out
    assert out.rstrip().endswith(f"{bad}: 2 lỗi, 0 cảnh báo")


def test_english_on_request(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert (
        "error HD36-13 at body, table 2, row 1, cell 2, paragraph 1: a chi bộ signs 'T/M CHI BỘ'"
        in out
    )
    assert "(found 'TM. CHI BỘ', expected 'T/M CHI BỘ'); sign in the right column" in out
    assert out.rstrip().endswith(f"{bad}: 2 error(s), 0 warning(s)")


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_docx(form_samples.resolution(recipients=()), tmp_path / "no_recipients.docx")
    assert main(["check", str(path)]) == 0
    assert "cảnh báo HD36-14" in capsys.readouterr().out


def test_json_output_lists_the_findings(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(bad)
    findings = report["problems"]
    assert {f["code"] for f in findings} == {"HD36-13"}
    assert set(findings[0]) == {
        "code", "severity", "path", "dotted", "where", "field", "message", "message_en",
        "values", "source", "location", "hint", "hint_en", "found", "expected", "tag", "line",
        "file",
    }
    signed = next(f for f in findings if f["location"] is not None)
    assert signed["location"]["cells"] == [{"table": 2, "row": 1, "cell": 2}]
    assert signed["location"]["snippet"] == "TM. CHI BỘ"
    # for people in the chosen language, for programs in English
    assert signed["message"].startswith("chi bộ ký 'T/M CHI BỘ'")
    assert signed["message_en"].startswith("a chi bộ signs 'T/M CHI BỘ'")
    assert signed["hint"].startswith("hãy ký ở cột phải")
    assert signed["hint_en"].startswith("sign in the right column")
    assert signed["where"] == "body, table 2, row 1, cell 2, paragraph 1"
    assert signed["location"]["part"] == "body"


def test_json_output_of_a_conformant_document_has_no_problems(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--json", str(good)]) == 0
    assert json.loads(capsys.readouterr().out) == {"file": str(good), "problems": []}


def test_kind_option_checks_as_minutes(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--kind", "BB", str(good)]) == 1
    out = capsys.readouterr().out
    assert "lỗi HD36-15" in out
    assert "(thấy '-NQ/', cần -BB/)" in out
    assert "cảnh báo HD36-15" in out  # and no secretary / chair columns


def test_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.docx")]) == 1
    assert capsys.readouterr().err.startswith(
        f"lỗi: không đọc được '{tmp_path / 'missing.docx'}': không có tệp hay thư mục này; "
        "hãy kiểm tra đường dẫn"
    )


def test_unknown_kind_is_a_usage_error(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--kind", "XX", str(good)]) == 2

"""The command-line tool's frame: help, version, usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import chibo_docs
from chibo_docs.cli import main

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"chibo-docs {chibo_docs.__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("validate", "schema", "check"):
        assert command in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_python_dash_m_runs_the_tool() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chibo_docs", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("chibo-docs ")


def test_forms_lists_a_folder_form_with_its_origin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "giay-moi.docx").write_bytes(b"PK")
    (tmp_path / "giay-moi.toml").write_text(
        'id = "giay-moi"\ntitle = "Giấy mời"\ndocument_type = "GM"\nmodel = "Minutes"\n',
        encoding="utf-8",
    )
    assert main(["forms", "--forms", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"giay-moi\tGM\tGiấy mời\tfolder {tmp_path}" in lines


def test_forms_reports_a_bad_manifest_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.toml").write_text("id = 1", encoding="utf-8")
    assert main(["forms", "--forms", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("error: manifest")


def test_render_writes_the_document_from_a_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chibo_docs.ooxml import visible_text
    from chibo_docs.resources import examples_dir
    from samples.docx_builder import make_docx

    forms = tmp_path / "forms"
    forms.mkdir()
    make_docx(forms / "nq-mini.docx", ["{{ doc.number_line }}", "{{ doc.date_line }}", "{{ title }}"])
    (forms / "nq-mini.toml").write_text(
        'id = "nq-mini"\ntitle = "Nghị quyết (rút gọn)"\ndocument_type = "NQ"\nmodel = "Resolution"\n',
        encoding="utf-8",
    )
    out = tmp_path / "nq.docx"
    data = examples_dir() / "nghi-quyet-05-2021.yaml"
    assert main(["render", "nq-mini", str(data), "-o", str(out), "--forms", str(forms)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    lines = visible_text(out).splitlines()
    assert lines[:2] == ["Số 05-NQ/CB", "Lai Châu, ngày 26 tháng 4 năm 2021"]


def test_render_refuses_bad_data_with_the_field_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "bad.yaml"
    data.write_text("document: resolution\nnumber: 0\n", encoding="utf-8")
    out = tmp_path / "x.docx"
    assert main(["render", "nghi-quyet", str(data), "-o", str(out), "--lang", "vi"]) == 1
    err = capsys.readouterr().err
    assert "lỗi tại Số (number), dòng 2: Phải từ 1 trở lên; dữ liệu ghi 0" in err
    assert not out.exists()

"""``chibo-docs doctor`` on this machine, with a font set lacking Vietnamese, without LibreOffice."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chibo_docs.cli import main
from chibo_docs.pdf import DoctorCheck, diagnose
from chibo_docs.pdf.doctor import all_ok

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

UseFonts = Callable[..., Path]
NAMES = [
    "LibreOffice",
    "python3-uno (WarmConverter only)",
    "font for Times New Roman",
    "temporary folder",
]


def _lines(out: str) -> dict[str, str]:
    """Map each check's name to its line (and its fix line, when there is one)."""
    found: dict[str, str] = {}
    name = ""
    for line in out.splitlines():
        if line.startswith(" "):
            found[name] += "\n" + line.strip()
        else:
            name = line.split(None, 1)[1].split(":", 1)[0]
            found[name] = line
    return found


@pytest.mark.libreoffice
def test_this_machine_is_ready(capsys: pytest.CaptureFixture[str]) -> None:
    checks = diagnose()
    assert [c.name for c in checks] == NAMES
    assert all(c.ok for c in checks), checks
    assert all_ok(checks)
    assert main(["doctor"]) == 0
    lines = _lines(capsys.readouterr().out)
    assert list(lines) == NAMES
    assert all(line.startswith("ok ") for line in lines.values())
    assert re.search(r"\(LibreOffice \d+\.\d+", lines["LibreOffice"])
    assert "Liberation Serif 2.1" in lines["font for Times New Roman"]
    assert "every Vietnamese letter (134)" in lines["font for Times New Roman"]


@pytest.mark.libreoffice
def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert [c["name"] for c in report["checks"]] == NAMES
    assert set(report["checks"][0]) == {"name", "ok", "detail", "fix", "required", "code"}
    assert [c["code"] for c in report["checks"]] == ["libreoffice", "uno", "font", "temp_folder"]


@pytest.mark.libreoffice
def test_a_font_without_vietnamese_is_a_missing_line_and_exit_1(
    only_fonts: UseFonts, capsys: pytest.CaptureFixture[str]
) -> None:
    only_fonts("fonts-liberation", "fonts-dejavu-core")
    assert main(["doctor"]) == 1
    lines = _lines(capsys.readouterr().out)
    font = lines["font for Times New Roman"]
    assert font.startswith("missing ")
    assert "Liberation Serif 1.07" in font
    assert "no glyph for 92 of the 134 Vietnamese letters" in font
    assert font.endswith("fix: sudo apt-get install fonts-liberation2")
    assert lines["LibreOffice"].startswith("ok ")
    assert main(["doctor", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    (check,) = [c for c in report["checks"] if c["name"] == "font for Times New Roman"]
    assert (check["ok"], check["fix"]) == (False, "sudo apt-get install fonts-liberation2")


def test_a_missing_libreoffice_is_a_missing_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHIBO_DOCS_SOFFICE", "/nowhere/soffice")
    assert main(["doctor"]) == 1
    line = _lines(capsys.readouterr().out)["LibreOffice"]
    assert line.startswith("missing ")
    assert "/nowhere/soffice" in line
    assert "fix: point CHIBO_DOCS_SOFFICE at the soffice program or unset it" in line
    assert "apt-get install libreoffice-writer-nogui" in line


def test_an_unwritable_temporary_folder_is_a_missing_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "khong-co"))
    (check,) = [c for c in diagnose() if c.name == "temporary folder"]
    assert not check.ok
    assert check.required
    assert "khong-co" in check.detail
    assert check.fix is not None
    assert "TMPDIR" in check.fix


def test_an_optional_check_does_not_fail_the_doctor() -> None:
    assert all_ok([DoctorCheck("a", True, "x"), DoctorCheck("b", False, "y", "z", required=False)])
    assert not all_ok([DoctorCheck("a", False, "x", "z")])

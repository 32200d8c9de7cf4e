"""chibo-docs validate, schema and demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from chibo_docs.cli import main
from chibo_docs.resources import examples_dir
from samples.data_bombs import alias_bomb
from tests.support.data import MINUTES, RESOLUTION, example

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def test_validate_a_good_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(examples_dir() / MINUTES)]) == 0
    assert capsys.readouterr().out.strip().endswith("bien-ban-2021-04.yaml: minutes OK")


def test_validate_prints_warnings_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 15:00"
    path = tmp_path / "bb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "minutes OK, 1 finding(s)" in out
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("end:"))
    assert f"warning V8 at meeting.end (line {line}): the meeting lasted 60 minutes" in out


def test_validate_prints_errors_with_paths_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    data["signature"]["full_name"] = "Nguyễn\x07Tiến Duyệt"
    path = tmp_path / "nq.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "nq.json: 1 error(s)" in out
    assert "error at signature.full_name (line 1): contains the character '\\x07' (U+0007)" in out


def test_validate_reports_a_rule_violation_with_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    path = tmp_path / "nq.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert ("error V2 at adoption_vote.approve (line 2): the resolution is not adopted: more than half is needed: "
            "5 of 12 eligible approve, at least 7 are needed") in capsys.readouterr().out


def test_validate_an_unreadable_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bb.yaml"
    path.write_bytes(b"document: [\n")
    assert main(["validate", str(path)]) == 1
    assert "is not valid YAML" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["missing.yaml", "data.txt"])
def test_validate_usage_errors_exit_2(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    if name.endswith(".txt"):
        (tmp_path / name).write_text("document: minutes", encoding="utf-8")
    assert main(["validate", str(tmp_path / name)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_schema_prints_json_with_vietnamese_descriptions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Minutes"]) == 0
    schema = json.loads(capsys.readouterr().out)
    meeting = schema["$defs"]["Meeting"]["properties"]
    assert meeting["chair_id"]["description"].startswith("Chủ trì")
    assert schema["$defs"]["Member"]["description"].startswith("Đảng viên")


def test_schema_of_any_document_is_a_tagged_union(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "document"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["discriminator"]["propertyName"] == "document"


def test_schema_of_an_unknown_model_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "Memo"]) == 2
    assert "choose one of" in capsys.readouterr().err


@pytest.mark.libreoffice
def test_demo_validates_the_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "nghi-quyet-05-2021.yaml: resolution OK" in out
    assert "Nghị quyết Số 05-NQ/CB" in out
    assert "Lai Châu, ngày 26 tháng 4 năm 2021" in out
    assert "Có mặt 13/14 đồng chí; vắng 1 (có lý do 1, không lý do 0): Nguyễn Văn Long" in out
    assert "11/12 đồng chí tán thành, đạt 91,67% (thông qua)" in out
    assert (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8").startswith(str(examples_dir()))


def _hostile(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Hostile data files, each with a phrase its one-line error must hold."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.yaml").write_text("token: s3cret\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    files = {
        "bomb.yaml": (alias_bomb(), "an 'alias bomb'"),
        "deep.yaml": ("document: minutes\nx: " + "[" * 5_000 + "]" * 5_000 + "\n", "nested more than 50"),
        "deeper.yaml": ("document: minutes\nx: " + "[" * 100_000 + "\n", "nested more than 50"),
        "deep.json": ('{"document": "minutes", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than 50"),
        "up.yaml": ("document: minutes\nx: {include: ../elsewhere/secret.yaml#token}\n", "outside"),
        "absolute.yaml": (f"document: minutes\nx: {{include: {tmp_path}/elsewhere/secret.yaml#token}}\n",
                          "names an absolute path"),
        "loop.yaml": ("document: minutes\nx: {include: loop.yaml#x}\n", "which includes it back"),
        "syntax.yaml": ("document: minutes\nx: [1\n", "line 3, column 1: is not valid YAML"),
        "big.yaml": ("document: minutes\n#" + "x" * (1024 * 1024) + "\n", "the limit is 1048576"),
    }
    for name, (text, _) in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return {name: (data / name, phrase) for name, (_, phrase) in files.items()}


def test_validate_refuses_each_hostile_file_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, (path, phrase) in _hostile(tmp_path).items():
        assert main(["validate", str(path)]) == 1, name
        captured = capsys.readouterr()
        assert captured.out == "", name
        assert captured.err.startswith(f"error: data file {str(path)!r}"), name
        assert captured.err.count("\n") == 1, name
        assert phrase in captured.err, (name, captured.err)
        assert "s3cret" not in captured.err


@pytest.mark.parametrize("name", ["bomb.yaml", "deep.json", "up.yaml"])
def test_the_command_prints_no_traceback(tmp_path: Path, name: str) -> None:
    path, phrase = _hostile(tmp_path)[name]
    done = subprocess.run([sys.executable, "-m", "chibo_docs", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert phrase in done.stderr
    assert "Traceback" not in done.stderr

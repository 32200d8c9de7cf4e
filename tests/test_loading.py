"""load_data: JSON and YAML, includes, and files that cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from chibo_docs import DataError, Invitation, Minutes, Plan, Resolution
from chibo_docs.loading.reader import load_data
from chibo_docs.models import LessonsNotice, MonthlyReport, QualityReport, Scorecard
from chibo_docs.resources import examples_dir
from tests.support.data import MINUTES, example

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


def test_yaml_and_json_load_to_the_same_document(tmp_path: Path) -> None:
    data = example(MINUTES)
    as_json = tmp_path / "bb.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    from_yaml = load_data(examples_dir() / MINUTES)
    assert isinstance(from_yaml, Minutes)
    assert load_data(as_json) == from_yaml


def test_each_example_loads_as_the_document_it_names() -> None:
    kinds = {p.name: type(load_data(p)) for p in examples_dir().glob("*.yaml")}
    assert kinds == {"bien-ban-2021-04.yaml": Minutes, "nghi-quyet-05-2021.yaml": Resolution,
                     "ke-hoach-10-2021.yaml": Plan, "giay-moi-2021-04.yaml": Invitation,
                     "phieu-cham-diem-2021-04.yaml": Scorecard,
                     "bao-cao-04-2021.yaml": MonthlyReport,
                     "bao-cao-danh-gia-2021-04.yaml": QualityReport,
                     "thong-bao-rut-kinh-nghiem-2021-04.yaml": LessonsNotice}


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + yaml.safe_dump(example(MINUTES), allow_unicode=True).encode())
    assert isinstance(load_data(path), Minutes)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.yaml", b"document: minutes\nnumber: 1\nnumber: 2\n", "duplicate key 'number'"),
        ("a.json", b'{"document": "minutes", "number": 1, "number": 2}', "duplicate key 'number'"),
        ("a.yaml", "document: biên\n".encode("cp1258"), "is not UTF-8"),
        ("a.yaml", b"document: [minutes\n", "is not valid YAML"),
        ("a.json", b"{document: minutes}", "is not valid JSON"),
        ("a.yaml", b"- minutes\n", "must hold a mapping"),
        ("a.yaml", b"number: 1\n", "has no 'document' key"),
        ("a.yaml", b"document: memo\n", "has document: 'memo', which is not a kind of document"),
        ("a.txt", b"document: minutes\n", "must end in .json, .yaml or .yml"),
        ("a.yaml", b"document: minutes\nmeeting: {include: nowhere.yaml#meeting}\n", "does not exist"),
        ("a.yaml", b"document: minutes\nmeeting: {include: a.yaml#meeting}\n", "which includes it back"),
    ],
)
def test_bad_files_raise_data_error_naming_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=message) as exc:
        load_data(path)
    assert str(path) in str(exc.value) or "nowhere.yaml" in str(exc.value)


def test_a_missing_file_raises_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        load_data(tmp_path / "none.yaml")


def test_an_include_of_a_missing_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("meeting: {}\n", encoding="utf-8")
    path = tmp_path / "nq.yaml"
    path.write_text("document: resolution\nmeeting: {include: base.yaml#agenda}\n", encoding="utf-8")
    with pytest.raises(DataError, match="'base.yaml' has no 'agenda'"):
        load_data(path)


def test_invalid_data_raises_data_error_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nnumber: 0\nplace: x\n", encoding="utf-8")
    with pytest.raises(DataError, match="the data is not valid: 3 error") as exc:
        load_data(path)
    assert exc.value.code == "invalid_data"
    assert [(p.code, p.dotted, p.line) for p in exc.value.problems] == [
        ("missing", "meeting", None), ("greater_than_equal", "number", 2), ("extra_forbidden", "place", 3),
        ("V16", "", None)]  # the minutes' date against the meeting's: not checked, and said so
    assert "  error at number (Số), line 2: must be 1 or more; the data has 0" in str(exc.value)

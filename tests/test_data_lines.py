"""Errors of a data file name the field path and the line; dates are checked by the models."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from chibo_docs import DataError, Plan, Resolution
from chibo_docs.i18n import using
from chibo_docs.loading.reader import load_data, read_data
from chibo_docs.pipeline.validation import validate_file
from chibo_docs.problems import describe
from chibo_docs.resources import examples_dir
from tests.support.data import MINUTES, PLAN, RESOLUTION, example

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def _line_of(path: Path, text: str) -> int:
    """The number of the first line of ``path`` that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the bundled examples, to edit."""
    folder = tmp_path / "examples"
    shutil.copytree(examples_dir(), folder, ignore=shutil.ignore_patterns("forms"))
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_yaml_date_is_refused_naming_its_field_and_line(examples: Path) -> None:
    path = examples / RESOLUTION
    _edit(path, "deadline: 2021-04-28", "deadline: 2021-02-30")
    report = validate_file(path, lang="en")
    assert not report.ok
    (error,) = report.errors
    line = _line_of(path, "2021-02-30")
    assert (error.code, error.dotted, error.field, error.line, error.file) == (
        "date_from_datetime_parsing", "assignments.0.deadline", "Thời hạn", line, None)
    assert error.message == ("is not a date: that day does not exist in that month; write it as "
                             "YYYY-MM-DD, such as 2021-04-26 (the data has '2021-02-30')")
    with using("en"):
        assert describe(error) == f"error at assignments.0.deadline (Thời hạn), line {line}: {error.message}"
    assert error.to_dict()["line"] == line


def test_a_bad_json_date_is_refused_naming_its_field_and_line(tmp_path: Path) -> None:
    data = example(RESOLUTION)
    data["assignments"][1]["deadline"] = "2021-13-01"
    path = tmp_path / "nq.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    line = _line_of(path, '"deadline": "2021-13-01"')
    assert line > 100  # the meeting comes first: the line is found, not guessed
    (issue,) = validate_file(path, lang="en").errors
    assert (issue.dotted, issue.line, issue.file) == ("assignments.1.deadline", line, None)
    assert "the month is from 1 to 12; write it as YYYY-MM-DD, such as 2021-04-26 (the data has '2021-13-01')" in issue.message


def test_an_error_in_an_included_file_names_that_file_and_its_line(examples: Path) -> None:
    _edit(examples / MINUTES, "start: 2021-04-26 14:00", "start: 2021-04-31 14:00")
    report = validate_file(examples / RESOLUTION)
    (issue,) = report.errors
    assert (issue.dotted, issue.file) == ("meeting.start", MINUTES)
    assert issue.line == _line_of(examples / MINUTES, "start: 2021-04-31")
    with using("en"):
        assert describe(issue).startswith(
            f"error at meeting.start (Thời gian bắt đầu), line {issue.line} of {MINUTES}: ")


def test_a_rule_violation_is_located_at_its_field(examples: Path) -> None:
    path = examples / RESOLUTION
    _edit(path, "  approve: 11", "  approve: 5")
    (issue,) = validate_file(path).errors
    assert (issue.code, issue.dotted, issue.line) == ("V2", "adoption_vote.approve", _line_of(path, "approve: 5"))


def test_a_missing_field_is_located_at_the_value_that_lacks_it(examples: Path) -> None:
    path = examples / RESOLUTION
    _edit(path, "  subject: Thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021\n", "")
    (issue,) = validate_file(path, lang="en").errors
    assert (issue.dotted, issue.code, issue.message) == (
        "adoption_vote.subject", "missing", "is required but missing; add it")
    assert issue.line == _line_of(path, "adoption_vote:")


def test_warnings_are_located_too(examples: Path) -> None:
    _edit(examples / MINUTES, "end: 2021-04-26 16:15", "end: 2021-04-26 15:00")
    lines = validate_file(examples / MINUTES, lang="en").lines("en")
    line = _line_of(examples / MINUTES, "end: 2021-04-26 15:00")
    assert any(text.startswith(f"  warning V8 at meeting.end (Thời gian kết thúc), line {line}: ") for text in lines)


def test_yaml_dates_stay_text_until_the_models_read_them() -> None:
    data = read_data(examples_dir() / RESOLUTION)
    assert data["issued_on"] == "2021-04-26"
    assert data["meeting"]["start"] == "2021-04-26 14:00"
    resolution = load_data(examples_dir() / RESOLUTION)
    assert isinstance(resolution, Resolution)
    assert resolution.issued_on == date(2021, 4, 26)
    assert resolution.meeting.start == datetime(2021, 4, 26, 14, 0)
    assert resolution.meeting.end == datetime(2021, 4, 26, 16, 15)
    assert resolution.assignments[0].deadline == date(2021, 4, 28)
    assert resolution.meeting.agenda[2].documents[0].issued_on == date(2021, 1, 28)


def test_every_date_of_the_examples_is_read_as_a_date() -> None:
    found: list[date] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, date):
            found.append(value)

    for name in (MINUTES, PLAN, "giay-moi-2021-04.yaml"):
        text = (examples_dir() / name).read_text(encoding="utf-8")
        found.clear()
        walk(load_data(examples_dir() / name))
        written = re.findall(r":\s*\d{4}-\d{2}-\d{2}", text)
        assert len(found) == len(written), name
        assert all(not isinstance(d, str) for d in found)


def test_a_date_in_a_text_field_is_kept_as_written(examples: Path) -> None:
    # PyYAML made this a date, which the text field then refused
    _edit(examples / PLAN, "when: Tháng 3/2021", "when: 2021-03-01")
    plan = load_data(examples / PLAN)
    assert isinstance(plan, Plan)
    assert plan.schedule[0].when == "2021-03-01"


@pytest.mark.usefixtures("each_loader")
def test_an_explicit_timestamp_tag_with_a_bad_date_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nmeeting:\n  start: !!timestamp 2021-02-30\n", encoding="utf-8")
    with using("en"), pytest.raises(DataError, match=r"line 3, column 10, at meeting.start: the value "
                                                     r"'2021-02-30' tagged tag:yaml.org,2002:timestamp cannot be read"):
        read_data(path)


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("a.yaml", "document: minutes\nmeeting:\n  place: [a\n", "line 4, column 1: is not valid YAML: while parsing a flow sequence"),
        ("a.yaml", "document: minutes\nmeeting:\n\tplace: x\n", "line 3, column 1: is not valid YAML: while scanning for the next token, found character"),
        ("a.yaml", "document: minutes\nx: 1\n y: 2\n", "line 3, column 3: is not valid YAML: mapping values are not allowed"),
        ("a.yaml", "document: minutes\nx: Nguyễn Tiến Duyệt\ny: ệệ\x07\n", "line 3, column 6: is not valid YAML: the character '\\x07' (U+0007) is not allowed"),
        ("a.json", '{\n  "document": "minutes",\n  "x": [1,]\n}', "line 3, column 11: is not valid JSON: Expecting value"),
        ("a.json", '{"a": 1,\n "a": 2}', "line 2, column 2: is not valid JSON: duplicate key 'a'"),
        ("a.yaml", "document: minutes\n\xe9\n", ""),
    ],
)
@pytest.mark.usefixtures("each_loader")
def test_syntax_errors_name_line_and_column(tmp_path: Path, name: str, content: str, where: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1" if "\xe9" in content else "utf-8"))
    with pytest.raises(DataError) as exc:
        read_data(path)
    with using("en"):
        message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"data file {str(path)!r}, line ")
    assert where in message


def test_approve_true_is_refused_not_counted_as_one_vote(examples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from chibo_docs.cli import main

    path = examples / RESOLUTION
    _edit(path, "  approve: 11", "  approve: true")
    assert main(["validate", str(path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert (f"error at adoption_vote.approve (Số đồng chí tán thành), line {_line_of(path, 'approve: true')}: "
            "must be a whole number written with digits, such as 7, not true") in out


def test_both_yaml_parsers_read_the_examples_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import chibo_docs.loading.yaml_reading as yaml_reading
    from chibo_docs.loading.reader import read_data_file

    for path in examples_dir().glob("*.yaml"):
        default = read_data_file(path)
        monkeypatch.setattr(yaml_reading, "LOADER", yaml_reading._Loader)
        python = read_data_file(path)
        monkeypatch.undo()
        assert (default.data, dict(default.locations)) == (python.data, dict(python.locations)), path.name

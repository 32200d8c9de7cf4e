"""Every problem of a data file at once, each one structured (issue 10, items 3 and 4).

A type error (a bad date, a negative count) no longer hides the rules of the same document: the
rules that do not read the broken field are still checked, and each rule that does is named in
one note. Every problem is a Problem: code, severity, path (and dotted), the field's Vietnamese
term, the message in the chosen language and in English, the values, the source, the line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from chibo_docs import DataError, Minutes, Resolution, load_data, validate
from chibo_docs.cli import main
from chibo_docs.problems import Problem
from chibo_docs.resources import examples_dir
from chibo_docs.rules.validation import validate_data
from tests.support.data import MINUTES, RESOLUTION, attendance_index, example


def _codes(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.severity, p.code, p.dotted) for p in problems]


@pytest.fixture
def bad_minutes(tmp_path: Path) -> Path:
    """The example minutes with a bad date, a missing absence reason and a vote larger than the
    voters: the file of the issue's closing note."""
    shutil.copytree(examples_dir(), tmp_path / "examples", ignore=shutil.ignore_patterns("forms"))
    path = tmp_path / "examples" / MINUTES
    text = path.read_text(encoding="utf-8")
    for old, new in (("  start: 2021-04-26 14:00", "  start: 2021-04-31 14:00"),
                     (", reason: đi công tác tại huyện Phong Thổ}", "}"),
                     ("      approve: 11", "      approve: 14")):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_date_does_not_hide_the_rules_of_the_same_file(bad_minutes: Path) -> None:
    problems = validate(bad_minutes, lang="en")
    assert _codes(problems) == [
        ("error", "datetime_from_date_parsing", "meeting.start"),
        ("error", "V5", "meeting.attendance.8.reason"),
        ("error", "V4", "meeting.votes.0.approve"),
        ("info", "V16", "meeting"),
        ("info", "V8", "meeting"),
        ("info", "V14", "meeting"),
        ("info", "V2", "meeting"),
        ("info", "V16", ""),  # the minutes' date against the meeting's (issue 11)
    ]
    v16 = problems[3]
    assert v16.message == "rule V16 was not checked: it needs Thời gian bắt đầu (meeting.start), which has errors"
    assert v16.values["fields"] == ["meeting.start"]


def test_the_vote_counts_are_checked_beside_other_meeting_errors() -> None:
    """V4 used to be skipped whenever another rule of the meeting failed."""
    data = example(MINUTES)
    data["meeting"]["chair_id"] = "m09"  # absent: V6
    data["meeting"]["opinions"][0]["speaker_id"] = "x1"  # unknown: V15
    data["meeting"]["votes"][0]["approve"] = 12  # more than the 11 voters: V4
    result = validate_data(Minutes, data, lang="en")
    errors = [p for p in result.problems if p.severity == "error"]
    assert [(p.code, p.dotted) for p in errors] == [
        ("V6", "meeting.chair_id"), ("V15", "meeting.opinions.0.speaker_id"), ("V4", "meeting.votes.0.approve")]


def test_the_vote_counts_wait_for_a_right_attendance_and_say_so() -> None:
    data = example(MINUTES)
    del data["meeting"]["attendance"][attendance_index(data, "m14")]
    data["meeting"]["votes"][0]["approve"] = 14
    result = validate_data(Minutes, data, lang="en")
    assert ("error", "V5", "meeting.attendance") in _codes(result.problems)
    assert ("error", "V4", "meeting.votes.0.approve") not in _codes(result.problems)
    (note,) = [p for p in result.problems if p.code == "V4"]
    assert (note.severity, note.values["fields"]) == ("info", ["meeting.attendance"])


def test_a_resolution_whose_meeting_is_broken_still_checks_its_own_rules() -> None:
    data = example(RESOLUTION)
    data["meeting"]["votes"][0]["approve"] = -1  # a type error inside the meeting
    data["adoption_vote"]["approve"] = 5  # not adopted: V2, read from the meeting's attendance
    data["issued_on"] = "2021-04-25"  # before the meeting: V16
    result = validate_data(Resolution, data, lang="en")
    assert result.document is None
    errors = [(p.code, p.dotted) for p in result.problems if p.severity == "error"]
    assert errors == [("greater_than_equal", "meeting.votes.0.approve"), ("V2", "adoption_vote.approve"),
                      ("V16", "issued_on")]


def test_a_missing_part_skips_only_the_rules_that_read_it() -> None:
    data = example(RESOLUTION)
    del data["signature"]
    result = validate_data(Resolution, data, lang="en")
    assert _codes(result.problems) == [
        ("error", "missing", "signature"),
        ("info", "V22", ""),
        ("info", "V12", ""),
        ("info", "V23", ""),
    ]


def test_unparsable_data_is_one_problem() -> None:
    assert _codes(validate_data(Minutes, ["not", "a", "mapping"]).problems) == [("error", "model_type", "")]


def test_each_kind_of_document_reports_everything_and_valid_data_nothing() -> None:
    for path in sorted(examples_dir().glob("*.yaml")):
        assert validate(path) == [], path.name


def test_a_problem_is_structured_and_serialises_to_json(bad_minutes: Path) -> None:
    problems = validate(bad_minutes)  # Vietnamese, the default
    v4 = next(p for p in problems if p.code == "V4")
    assert (v4.severity, v4.path, v4.dotted, v4.field) == (
        "error", ("meeting", "votes", 0, "approve"), "meeting.votes.0.approve", "Số đồng chí tán thành")
    assert v4.message.startswith("Tổng số phiếu là 14 (14 tán thành + 0 không tán thành + 0 không biểu quyết)")
    assert v4.message_en is not None
    assert v4.message_en.startswith("14 votes are counted (14 approve + 0 disapprove + 0 abstain)")
    assert (v4.source, v4.line) == ("Điều lệ Đảng, Điều 3", _line_of(bad_minutes, "approve: 14"))
    assert {"cast": 14, "approve": 14, "voters": 11}.items() <= v4.values.items()
    data = json.loads(json.dumps([p.to_dict() for p in problems], ensure_ascii=False))
    assert data[2]["code"] == "V4"
    assert data[2]["values"]["other_ids"] == ["m13", "m14"]
    date = data[0]
    assert (date["code"], date["field"], date["line"]) == (
        "datetime_from_date_parsing", "Thời gian bắt đầu", _line_of(bad_minutes, "start: 2021-04-31"))
    assert date["values"]["input"] == "'2021-04-31 14:00'"


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_load_data_raises_data_error_holding_every_problem(bad_minutes: Path) -> None:
    with pytest.raises(DataError) as exc:
        load_data(bad_minutes)
    error = exc.value
    assert error.code == "invalid_data"
    assert [p.code for p in error.problems] == [p.code for p in validate(bad_minutes)]
    lines = str(error).splitlines()
    assert lines[0].endswith("dữ liệu không hợp lệ: 3 lỗi")
    assert lines[1].startswith("  lỗi tại Thời gian bắt đầu (meeting.start), dòng ")
    assert len(lines) == 4  # the head and one line per error; the notes stay in .problems


def test_a_data_file_that_cannot_be_read_is_one_problem_too(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nmeeting: [1\n", encoding="utf-8")
    (problem,) = validate(path, lang="en")
    assert (problem.code, problem.severity, problem.line, problem.file) == ("yaml_syntax", "error", 3, str(path))
    assert problem.message.startswith("is not valid YAML: while parsing a flow sequence")
    with pytest.raises(DataError) as exc:
        load_data(path)
    assert exc.value.problems[0].code == "yaml_syntax"


def test_python_constructors_get_one_pydantic_error_per_rule_ready_for_json() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    data["issued_on"] = "2021-04-25"
    with pytest.raises(ValidationError) as exc:
        Resolution.model_validate(data)
    errors = exc.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("V2", ("adoption_vote", "approve")), ("V16", ("issued_on",))]
    assert errors[1].get("ctx") == {"rule": "V16", "key": "issued_before_meeting", "document": "the resolution",
                                    "issued_on": "2021-04-25", "meeting_day": "2021-04-26"}
    json.dumps(errors)


def _problems_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["validate", *args, "--json"]) == 1
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_validate_json_prints_the_file_and_its_problems(bad_minutes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vi = _problems_json(capsys, str(bad_minutes))
    en = _problems_json(capsys, str(bad_minutes), "--lang", "en")
    assert set(vi) == set(en) == {"file", "problems"}
    assert vi["file"] == str(bad_minutes)
    keys = {"code", "severity", "path", "dotted", "field", "message", "message_en", "values", "source",
            "line", "file", "location", "hint", "hint_en", "found", "expected", "tag", "where"}
    assert all(set(p) == keys for p in vi["problems"])
    assert [p["code"] for p in vi["problems"]] == [p["code"] for p in en["problems"]]
    assert [p["message_en"] for p in vi["problems"]] == [p["message"] for p in en["problems"]]
    assert vi["problems"][1]["message"] == (
        "Đồng chí Nguyễn Văn Long (m09) vắng có lý do nhưng chưa ghi lý do; hãy ghi lý do vắng")


def test_validate_json_of_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bb.json"
    path.write_text('{"document": "minutes",}', encoding="utf-8")
    result = _problems_json(capsys, str(path))
    (problem,) = result["problems"]
    assert (problem["code"], problem["line"]) == ("json_syntax", 1)
    assert problem["message"].startswith("không đúng cú pháp JSON")

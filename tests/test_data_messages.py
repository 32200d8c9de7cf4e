"""Messages about data in the reader's words (issue 10, items 1 and 2).

Vietnamese by default, English on request (``lang=``, ``--lang``, ``CHIBO_DOCS_LANG``); the
field named by its glossary term beside its path; numbers and dates in Vietnamese style; a
sentence that says what to do. Every error type our models can raise has a message of its own
(a corpus of bad values finds them), and an unknown one still gets a Vietnamese sentence.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from chibo_docs import Minutes, Resolution, check, validate
from chibo_docs.cli import main
from chibo_docs.errors import DataError, DataLimitError, IncludeError
from chibo_docs.i18n import using
from chibo_docs.loading.reader import load_data, read_data
from chibo_docs.models import DOCUMENT_MODELS, Vote
from chibo_docs.models.glossary import CHOICES, term_of
from chibo_docs.problems import describe
from chibo_docs.resources import examples_dir
from chibo_docs.rules.registry import RULES
from chibo_docs.rules.type_errors import TYPE_ERRORS, type_error_problem
from chibo_docs.rules.validation import validate_data
from tests.support.data import MINUTES, RESOLUTION, example

# English words that never appear in a Vietnamese sentence of ours (values as written in the
# data, such as ids and enum values, are not sentences)
_ENGLISH = re.compile(r"\b(the|is|are|of|must|should|and|not|but|with|field|member|vote|error|"
                      r"warning|line|missing|required|Input|valid)\b")


def test_the_issue_s_vote_shortfall_reads_as_asked() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 6
    (problem,) = validate_data(Resolution, data).problems
    assert problem.message == ("Nghị quyết không được thông qua: 6/12 đồng chí tán thành, cần ít nhất 7 "
                               "(hơn một nửa số đảng viên chính thức)")
    assert problem.source == "Điều lệ Đảng, Điều 9 khoản 5"
    assert problem.field == "Số đồng chí tán thành"
    assert problem.hint == ("hãy kiểm tra lại số phiếu; biểu quyết không đạt thì ghi vào biên bản và không "
                            "ban hành nghị quyết")
    assert describe(problem).endswith(" — Điều lệ Đảng, Điều 9 khoản 5")
    assert problem.values == {"approve": 6, "base": 12, "required": 7}


def test_vietnamese_by_default_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = -1
    vi = validate_data(Minutes, data).problems[0]
    en = validate_data(Minutes, data, lang="en").problems[0]
    assert vi.message == "Phải từ 0 trở lên; dữ liệu ghi -1"
    assert (en.message, en.message_en, vi.message_en) == (
        "must be 0 or more; the data has -1", None, "must be 0 or more; the data has -1")
    monkeypatch.setenv("CHIBO_DOCS_LANG", "en")
    assert validate_data(Minutes, data).problems[0].message == en.message
    assert validate_data(Minutes, data, lang="vi").problems[0].message == vi.message  # lang= wins


def test_numbers_dates_and_times_are_written_the_vietnamese_way() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 13:30"
    data["meeting"]["period_month"] = 2
    problems = {p.dotted: p for p in validate_data(Minutes, data).problems}
    assert problems["meeting.end"].message.startswith(
        "Giờ kết thúc (13:30 26/4/2021) không sau giờ bắt đầu (14:00 26/4/2021)")
    assert problems["meeting.period_month"].message.startswith(
        "Kỳ sinh hoạt ngày 26/4/2021 không thể là kỳ tháng 2/2021")
    data = example(MINUTES)
    for member_id in ("m10", "m11"):
        entry = next(e for e in data["meeting"]["attendance"] if e["member_id"] == member_id)
        entry.update(status="vang_co_ly_do", reason="ốm")
    data["meeting"]["votes"][0]["approve"] = 9
    (finding,) = [p for p in check(Minutes.model_validate(data)) if p.code == "V9"]
    assert "78,57%" in finding.message
    assert finding.found == "78,57%"
    with using("en"):
        assert "78.57%" in check(Minutes.model_validate(data))[0].message


def test_each_field_is_named_by_its_glossary_term_and_its_path() -> None:
    data = example(RESOLUTION)
    data["meeting"]["attendance"][8].pop("reason")
    data["assignments"][0]["deadline"] = "2021-02-30"
    problems = validate_data(Resolution, data).problems
    lines = [describe(p) for p in problems]
    assert lines[0].startswith("lỗi tại Thời hạn (assignments.0.deadline): Không phải ngày hợp lệ: tháng đó "
                               "không có ngày này; hãy viết theo dạng YYYY-MM-DD")
    assert lines[1].startswith("lỗi V5 tại Lý do vắng (meeting.attendance.8.reason): Đồng chí Nguyễn Văn Long "
                               "(m09) vắng có lý do nhưng chưa ghi lý do; hãy ghi lý do vắng")
    with using("en"):
        assert describe(problems[0]).startswith("error at assignments.0.deadline (Thời hạn): ")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_python_calls_take_lang(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nnumber: 0\n", encoding="utf-8")
    problems = validate(path, lang=lang)
    number = next(p for p in problems if p.dotted == "number")
    assert number.message == ("Phải từ 1 trở lên; dữ liệu ghi 0" if lang == "vi" else "must be 1 or more; the data has 0")
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 15:00"
    (short,) = check(Minutes.model_validate(data), lang=lang)
    assert short.message.startswith("Kỳ sinh hoạt chỉ kéo dài 60 phút" if lang == "vi" else "the meeting lasted 60")


def test_a_data_error_speaks_the_language_in_force_when_shown(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nx: [1\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_data(path)
    error = exc.value
    assert str(error).startswith(f"tệp dữ liệu “{path}”, dòng 3, cột 1: không đúng cú pháp YAML: ")
    with using("en"):
        assert str(error).startswith(f"data file '{path}', line 3, column 1: is not valid YAML: ")
    assert error.message_en.startswith("is not valid YAML: while parsing a flow sequence")
    assert (error.code, error.line, error.column) == ("yaml_syntax", 3, 1)


def test_limits_and_includes_are_refused_in_vietnamese(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("document: minutes\nx: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    with pytest.raises(DataLimitError) as limit:
        read_data(deep)
    assert "dữ liệu lồng nhau sâu hơn 50 cấp" in str(limit.value)
    assert limit.value.code == "max_depth"
    up = tmp_path / "data" / "up.yaml"
    up.parent.mkdir()
    up.write_text("document: minutes\nx: {include: ../secret.yaml#a}\n", encoding="utf-8")
    with pytest.raises(IncludeError) as include:
        read_data(up)
    assert "include “../secret.yaml#a” trỏ tới" in str(include.value)
    assert "nằm ngoài" in str(include.value)
    assert include.value.code == "include_outside"


def _bad_values() -> list[Any]:
    return [None, True, -1, 5.5, "2021-02-30", "dòng\nhai", "x\x07", "", {"x": 1}, [], [1], "x" * 50]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path of the data, the first item of each list standing for the others."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list) and value:
        yield from _paths(value[0], (*path, 0))
    if path:
        yield path


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(data)
    target = copied
    for part in path[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return copied


_DELETE = object()


def _corpus() -> Iterator[tuple[type[BaseModel], Any]]:
    for name in sorted(p.name for p in examples_dir().glob("*.yaml")):
        data = read_data(examples_dir() / name)
        model = DOCUMENT_MODELS[data["document"]]
        for path in _paths(data):
            if name == RESOLUTION and path[0] == "meeting":
                continue  # the minutes' meeting, checked there
            for value in (*_bad_values(), _DELETE):
                if value is _DELETE and isinstance(path[-1], int):
                    continue
                yield model, _replaced(data, path, value)
        yield model, {**data, "unknown_key": 1}
    yield Vote, {"subject": "x", "approve": 1, "method": "khong_co"}
    minutes = read_data(examples_dir() / MINUTES)
    yield Minutes, _replaced(minutes, ("meeting", "cell", "members", 0, "exempt"), "có lẽ")


def test_every_error_our_models_raise_has_a_message_and_partial_data_never_crashes() -> None:
    """A corpus of bad values, one at each place of the examples: validation never crashes on
    the partial models it builds, every error type is in the table, and no Vietnamese message
    holds an English sentence."""
    codes: set[str] = set()
    english: set[str] = set()
    count = 0
    for model, data in _corpus():
        result = validate_data(model, data, lang="vi")  # must not raise on any partial model
        for problem in result.problems:
            if problem.severity == "error":
                codes.add(problem.code)
            text = re.sub(r"'[^']*'|“[^”]*”|\([a-z_.0-9]+\)|\b[a-z]+_[a-z_]+\b", "", problem.message)
            if _ENGLISH.search(text):
                english.add(problem.message)
        count += 1
    pydantic_codes = {c for c in codes if c not in RULES}
    assert pydantic_codes <= set(TYPE_ERRORS), sorted(pydantic_codes - set(TYPE_ERRORS))
    assert {"missing", "extra_forbidden", "int_type", "greater_than_equal", "date_from_datetime_parsing",
            "datetime_from_date_parsing", "string_type", "too_short", "enum", "literal_error", "model_type",
            "list_type", "bool_parsing", "one_line", "xml_character", "empty_text",
            "string_pattern_mismatch", "string_too_long", "not_capitals"} <= pydantic_codes
    assert count > 1000
    assert sorted(english) == []


def test_an_error_type_without_a_message_still_gets_a_vietnamese_sentence() -> None:
    error: Any = {"type": "url_parsing", "loc": ("adoption_vote", "approve"), "msg": "Input should be a valid URL",
                  "input": "ftp://x"}
    problem = type_error_problem(error, Resolution, "vi")
    assert problem.message == ("Giá trị không được chấp nhận (lỗi “url_parsing”); hãy kiểm tra lại giá trị này "
                               "(dữ liệu ghi 'ftp://x')")
    assert problem.field == "Số đồng chí tán thành"


def test_a_choice_lists_the_allowed_values_with_their_labels() -> None:
    data = example(MINUTES)
    data["meeting"]["kind"] = "hang_thang"
    (problem,) = [p for p in validate_data(Minutes, data).problems if p.severity == "error"]
    assert problem.message == ("Phải là một trong các giá trị: thuong_ky (Thường kỳ), chuyen_de (Chuyên đề), "
                               "thuong_ky_ket_hop_chuyen_de (Thường kỳ kết hợp chuyên đề); dữ liệu ghi 'hang_thang'")


def test_every_choice_and_every_field_has_a_term() -> None:
    for enum, labels in CHOICES.items():
        assert set(labels) == {str(m.value) for m in enum}, enum.__name__
        assert all(vi and en for vi, en in labels.values()), enum.__name__
    for model in set(DOCUMENT_MODELS.values()):
        for name in model.model_fields:
            term = term_of(model, (name,))
            assert term is not None, (model.__name__, name)
            assert term.name == name, (model.__name__, name)


def test_the_cli_speaks_vietnamese_by_default_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nq.yaml"
    path.write_text((examples_dir() / RESOLUTION).read_text(encoding="utf-8").replace("  approve: 11", "  approve: 6"),
                    encoding="utf-8")
    (tmp_path / MINUTES).write_text((examples_dir() / MINUTES).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Nghị quyết không được thông qua: 6/12 đồng chí tán thành" in out
    assert main(["validate", str(path), "--lang", "en"]) == 1
    assert "the resolution is not adopted: 6 of 12 members approve" in capsys.readouterr().out
    monkeypatch.setenv("CHIBO_DOCS_LANG", "en")
    assert main(["validate", str(path)]) == 1
    assert "the resolution is not adopted" in capsys.readouterr().out
    assert main(["validate", str(path), "--lang", "fr"]) == 2  # argparse: not a choice


def test_no_english_sentence_in_the_vietnamese_output_of_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the bundled examples and on bad data (the issue's closing condition)."""
    bad = tmp_path / "bb.yaml"
    text = (examples_dir() / MINUTES).read_text(encoding="utf-8")
    bad.write_text(text.replace("  start: 2021-04-26 14:00", "  start: 2021-04-31 14:00")
                   .replace(", reason: đi công tác tại huyện Phong Thổ}", "}")
                   .replace("      approve: 11", "      approve: 14"), encoding="utf-8")
    for path in [*sorted(examples_dir().glob("*.yaml")), bad]:
        main(["validate", str(path)])
        out = capsys.readouterr().out.replace(str(path), "")
        text = re.sub(r"'[^']*'|“[^”]*”|\([a-z_.0-9]+\)|\b[a-z]+_[a-z_]+\b|[a-z_]+\.[a-z_.0-9]+", "", out)
        assert not _ENGLISH.search(text), out


def test_load_data_refuses_in_vietnamese_naming_every_error(tmp_path: Path) -> None:
    path = tmp_path / "bb.yaml"
    path.write_text("document: minutes\nnumber: 0\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_data(path)
    assert str(exc.value).splitlines()[1:] == [
        "  lỗi tại Kỳ sinh hoạt (meeting): Bắt buộc phải có nhưng còn thiếu; hãy bổ sung",
        "  lỗi tại Số (number), dòng 2: Phải từ 1 trở lên; dữ liệu ghi 0",
    ]


def test_python_constructors_still_raise_pydantic_errors() -> None:
    with pytest.raises(ValidationError):
        Resolution.model_validate({"document": "resolution"})

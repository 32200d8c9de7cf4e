"""Text and model hygiene: immutability, unknown fields, NFC, stripping, XML-illegal characters."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chibo_docs.models import DocType, Guest, Member, Minutes, Section
from chibo_docs.models.references import number_line
from tests.support.data import MINUTES, example


def test_models_are_immutable() -> None:
    member = Member(id="m01", full_name="Nguyễn Tiến Duyệt")
    with pytest.raises(ValidationError, match="frozen"):
        member.full_name = "Khác"  # type: ignore[misc]


def test_unknown_fields_are_refused_with_their_path() -> None:
    data = example(MINUTES)
    data["meeting"]["chairman"] = "m01"
    with pytest.raises(ValidationError) as exc:
        Minutes.model_validate(data)
    assert [e["loc"] for e in exc.value.errors()] == [("meeting", "chairman")]


def test_text_is_stripped_and_normalised_to_nfc() -> None:
    decomposed = "  Nguye\u0302\u0303n Tie\u0302\u0301n Duye\u0323\u0302t \n"
    member = Member(id="m01", full_name=decomposed)
    assert member.full_name == "Nguyễn Tiến Duyệt"
    assert len(member.full_name) == len("Nguyễn Tiến Duyệt")


def test_blank_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        Member(id="m01", full_name="   ")


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_characters_xml_cannot_hold_are_refused_naming_the_field(bad: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Guest(id="g1", full_name="Nguyễn Thị Hương", position=f"Phó Bí thư{bad}")
    (error,) = exc.value.errors()
    assert error["loc"] == ("position",)
    assert f"U+{ord(bad):04X}" in error["msg"]


def test_tab_and_newline_are_kept_in_multi_line_text() -> None:
    section = Section(heading="Kết quả", paragraphs=["dòng 1\r\ndòng 2\tcó tab"])
    assert section.paragraphs == ["dòng 1\ndòng 2\tcó tab"]


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028"])
def test_line_breaks_are_refused_in_one_line_fields(brk: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Section(heading=f"Kết quả{brk}đạt được")
    (error,) = exc.value.errors()
    assert error["loc"] == ("heading",)
    assert "must be one line" in error["msg"]


def test_header_lines_must_be_capitals() -> None:
    data = example(MINUTES)
    data["meeting"]["cell"]["header_line"] = "Chi bộ Trung tâm Kỹ thuật Tài nguyên"
    with pytest.raises(ValidationError, match="'CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN'"):
        Minutes.model_validate(data)


@pytest.mark.parametrize(
    ("number", "doc_type", "symbol", "expected"),
    [
        (1, DocType.MINUTES, "CB", "Số 01-BB/CB"),
        (5, DocType.RESOLUTION, "CB", "Số 05-NQ/CB"),
        (9, DocType.REPORT, "CB", "Số 09-BC/CB"),
        (10, DocType.PLAN, "ĐUK", "Số 10-KH/ĐUK"),
        (127, DocType.DECISION, "TW", "Số 127-QĐ/TW"),
    ],
)
def test_number_line_pads_numbers_below_ten(number: int, doc_type: DocType, symbol: str, expected: str) -> None:
    assert number_line(number, doc_type, symbol) == expected


def test_model_dump_round_trips() -> None:
    minutes = Minutes.model_validate(example(MINUTES))
    again = Minutes.model_validate(minutes.model_dump())
    assert again == minutes
    assert again.meeting.tallies[0].eligible_base == 12

"""Dates and times follow the official rule: day < 10 and months 1–2 zero-padded, nothing else.

Expected strings are written from the rule and the examples of format-hd36.md §2.4/§5 and
meeting-content.md §6, not copied from the code's output.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo_docs.formatting import (
    date_line,
    format_date,
    format_time,
    month_year,
    month_year_long,
    short_date,
    weekday_name,
)
from chibo_docs.i18n import using

# The months as the rule writes them: 1 and 2 padded, 3..12 not.
MONTHS = {
    1: "01",
    2: "02",
    3: "3",
    4: "4",
    5: "5",
    6: "6",
    7: "7",
    8: "8",
    9: "9",
    10: "10",
    11: "11",
    12: "12",
}
DATE_LINE = re.compile(r"^ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})$")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2018, 10, 8), "ngày 08 tháng 10 năm 2018"),  # format-hd36.md §2.4
        (date(2021, 1, 28), "ngày 28 tháng 01 năm 2021"),  # citation example §5
        (date(2021, 4, 26), "ngày 26 tháng 4 năm 2021"),  # meeting-content.md §6
        (date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),  # HD 36's own header
        (date(2018, 2, 20), "ngày 20 tháng 02 năm 2018"),  # Phụ lục 3 example
        (date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),  # QĐ 399 header
        (date(2020, 1, 1), "ngày 01 tháng 01 năm 2020"),  # NĐ 30 example
        (date(2020, 3, 2), "ngày 02 tháng 3 năm 2020"),  # NĐ 30 example
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),  # leap day
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
    ],
)
def test_format_date_matches_the_official_examples(value: date, expected: str) -> None:
    assert format_date(value) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_only_months_1_and_2_take_a_leading_zero(month: int) -> None:
    assert format_date(date(2025, month, 15)) == f"ngày 15 tháng {MONTHS[month]} năm 2025"
    assert short_date(date(2025, month, 15)) == f"15/{MONTHS[month]}/2025"
    assert month_year(month, 2025) == f"tháng {MONTHS[month]}/2025"
    assert month_year_long(month, 2025) == f"tháng {MONTHS[month]} năm 2025"


@pytest.mark.parametrize("day", range(1, 32))
def test_days_below_10_take_a_leading_zero(day: int) -> None:
    expected = f"0{day}" if day < 10 else str(day)
    assert format_date(date(2025, 1, day)) == f"ngày {expected} tháng 01 năm 2025"


def test_a_datetime_counts_as_its_date() -> None:
    moment = datetime(2021, 4, 26, 14, 0)
    assert format_date(moment) == "ngày 26 tháng 4 năm 2021"
    assert short_date(moment) == "26/4/2021"
    assert weekday_name(moment) == "thứ Hai"
    assert month_year(moment) == "tháng 4/2021"


@pytest.mark.parametrize(
    "function", [format_date, short_date, weekday_name, month_year, month_year_long]
)
@pytest.mark.parametrize("value", ["2021-04-26", None, 20210426.0, time(14, 0)])
def test_wrong_types_are_refused_naming_the_value(function: object, value: object) -> None:
    assert callable(function)
    with pytest.raises(TypeError, match=re.escape(repr(value))):
        function(value)


def test_date_line_puts_the_place_before_the_date() -> None:
    assert date_line("Lai Châu", date(2021, 4, 26)) == "Lai Châu, ngày 26 tháng 4 năm 2021"
    assert date_line("Hà Nội", date(2018, 4, 3)) == "Hà Nội, ngày 03 tháng 4 năm 2018"
    assert date_line(" Tiên Phong ", date(2026, 2, 5)) == "Tiên Phong, ngày 05 tháng 02 năm 2026"


@pytest.mark.usefixtures("english")  # reads the English messages
def test_date_line_refuses_an_empty_place_or_a_wrong_date() -> None:
    with pytest.raises(ValueError, match="needs a place name, got '  '"):
        date_line("  ", date(2021, 4, 26))
    with pytest.raises(TypeError, match="got 42"):
        date_line(42, date(2021, 4, 26))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got '26/4/2021'"):
        date_line("Lai Châu", "26/4/2021")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected", "padded"),
    [
        (time(14, 0), "14 giờ 00 phút", "14 giờ 00 phút"),  # meeting-content.md §6
        (time(16, 0), "16 giờ 00 phút", "16 giờ 00 phút"),
        (time(8, 30), "8 giờ 30 phút", "08 giờ 30 phút"),
        (time(7, 5), "7 giờ 05 phút", "07 giờ 05 phút"),
        (time(0, 0), "0 giờ 00 phút", "00 giờ 00 phút"),
        (time(23, 59, 59), "23 giờ 59 phút", "23 giờ 59 phút"),  # seconds dropped, not rounded
        (datetime(2021, 4, 26, 19, 45), "19 giờ 45 phút", "19 giờ 45 phút"),
    ],
)
def test_format_time_uses_a_24_hour_clock_and_two_digit_minutes(
    value: time, expected: str, padded: str
) -> None:
    assert format_time(value) == expected
    assert format_time(value, pad_hour=True) == padded


@pytest.mark.usefixtures("english")  # reads the English messages
def test_format_time_refuses_a_date() -> None:
    with pytest.raises(TypeError, match=re.escape("got datetime.date(2021, 4, 26)")):
        format_time(date(2021, 4, 26))  # type: ignore[arg-type]


def test_weekdays_of_one_week() -> None:
    # 26/4/2021 was a Monday (meeting-content.md §6).
    names = [weekday_name(date(2021, 4, 26 + i)) for i in range(5)]
    names += [weekday_name(date(2021, 5, 1)), weekday_name(date(2021, 5, 2))]
    assert names == ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def test_short_date_matches_the_citation_examples() -> None:
    # "Quy định số 66-QĐ/TW, ngày 06/02/2017"; "Kết luận số 121-KL/TW, ngày 24/01/2025".
    assert short_date(date(2017, 2, 6)) == "06/02/2017"
    assert short_date(date(2025, 1, 24)) == "24/01/2025"
    assert short_date(date(2021, 1, 28)) == "28/01/2021"


@pytest.mark.usefixtures("english")  # reads the English messages
def test_month_year_takes_a_date_or_a_month_and_a_year_but_not_both() -> None:
    assert month_year_long(date(2026, 10, 5)) == "tháng 10 năm 2026"
    with pytest.raises(TypeError, match="not both: 2021"):
        month_year(date(2021, 4, 1), 2021)
    with pytest.raises(TypeError, match="got None"):
        month_year(4)
    with pytest.raises(TypeError, match="got True"):
        month_year(True, 2021)
    with pytest.raises(ValueError, match="got 0"):
        month_year_long(0, 2021)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_date_always_matches_the_rule_and_parses_back(value: date) -> None:
    match = DATE_LINE.match(format_date(value))
    assert match is not None
    day, month, year = (int(part) for part in match.groups())
    assert date(year, month, day) == value


@given(st.dates())
def test_short_date_parses_back(value: date) -> None:
    day, month, year = short_date(value).split("/")
    assert len(day) == 2
    assert len(month) == (2 if int(month) <= 2 else len(str(int(month))))
    assert date(int(year), int(month), int(day)) == value


@given(st.times())
def test_format_time_parses_back_to_the_minute(value: time) -> None:
    match = re.fullmatch(r"(\d{1,2}) giờ (\d{2}) phút", format_time(value))
    assert match is not None
    assert (int(match[1]), int(match[2])) == (value.hour, value.minute)


def test_a_filter_refuses_a_value_in_vietnamese_by_default() -> None:
    """A template author sees these errors (a filter given a wrong value): in Vietnamese."""
    with pytest.raises(ValueError, match="date_line\\(\\) cần một địa danh, nhưng giá trị đưa vào là '  '"):
        date_line("  ", date(2021, 4, 26))
    with pytest.raises(TypeError, match="month_year\\(\\) cần số của tháng hoặc một ngày"):
        month_year("abc")  # type: ignore[arg-type]
    with using("en"), pytest.raises(TypeError, match="month_year\\(\\) needs a month number"):
        month_year("abc")  # type: ignore[arg-type]

"""Thời gian: a period of a plan's schedule, typed: a day, a month, a quarter, a year, or a range.

A period is written in the data the short way, as a point (``2021-04-26``, ``2021-04``,
``2021-Q2``, ``2021``), or as a range (``{start: 2021-03, end: 2021-05}``) whose end is not
before its start. It knows its first and last day, so a schedule can be checked (rule V25), and
writes itself in Vietnamese for the form ("Tháng 4/2021", "Quý II/2021", "Từ tháng 3/2021 đến
tháng 5/2021").

Old data gives a schedule row's time as free text (``when: Tháng 3/2021``): :func:`parse_when`
reads the usual Vietnamese ways of writing a period, so those rows are checked too.

>>> Period.model_validate("2021-Q2").text, Period.model_validate("2021-04").last_day
('Quý II/2021', datetime.date(2021, 4, 30))
>>> Period.model_validate({"start": "2021-03", "end": "2021-05"}).text
'Từ tháng 3/2021 đến tháng 5/2021'
>>> parse_when("Quý II năm 2021") == Period.model_validate("2021-Q2")
True
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Any, Final, Self

from pydantic import BeforeValidator, Field, model_validator

from chibo_docs.models.base import Model
from chibo_docs.models.value_errors import value_error

__all__ = ["POINT_PATTERN", "Period", "Point", "parse_when", "point_days"]

POINT_PATTERN: Final = r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?|-Q[1-4])?$"
"""What a point of a period may be: a year, a month, a quarter or a day (ISO-like)."""

_ROMAN: Final = ("I", "II", "III", "IV")


def _point(value: Any) -> Any:
    """A YAML date or year becomes the text of a point; a bad day of a month is refused."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            raise value_error("bad_day", input=value) from None
    return value


Point = Annotated[
    str,
    BeforeValidator(_point),
    Field(
        pattern=POINT_PATTERN,
        description="Thời điểm — a day (2021-04-26), a month (2021-04), a quarter (2021-Q2) or a year (2021)",
    ),
]


def point_days(point: str) -> tuple[date, date]:
    """Return the first and the last day of a point.

    >>> point_days("2021-Q1"), point_days("2020-02")[1]
    ((datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)), datetime.date(2020, 2, 29))
    """
    year = int(point[:4])
    rest = point[5:]
    if not rest:
        return date(year, 1, 1), date(year, 12, 31)
    if rest.startswith("Q"):
        first_month = (int(rest[1]) - 1) * 3 + 1
        last_month = first_month + 2
        return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])
    month = int(rest[:2])
    if len(rest) > 2:
        day = date.fromisoformat(point)
        return day, day
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _point_text(point: str, *, lower: bool) -> str:
    year, rest = point[:4], point[5:]
    if not rest:
        text = f"Năm {year}"
    elif rest.startswith("Q"):
        text = f"Quý {_ROMAN[int(rest[1]) - 1]}/{year}"
    elif len(rest) > 2:
        day = date.fromisoformat(point)
        text = f"Ngày {day.day}/{day.month}/{day.year}"
    else:
        text = f"Tháng {int(rest)}/{year}"
    return text[:1].lower() + text[1:] if lower else text


class Period(Model):
    """Thời gian — a day, a month, a quarter or a year (``start``), or a range from ``start`` to ``end``."""

    start: Point = Field(description="Từ — the period, or its start: 2021-04-26, 2021-04, 2021-Q2, 2021")
    end: Point | None = Field(default=None, description="Đến — the end of a range, not before its start")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """``2021-04`` alone is the period ``{start: 2021-04}``."""
        return data if isinstance(data, dict | cls) else {"start": data}

    @model_validator(mode="after")
    def _forwards(self) -> Self:
        if self.end is not None and isinstance(self.start, str) and isinstance(self.end, str) \
                and point_days(self.end)[1] < point_days(self.start)[0]:
            raise value_error("period_backwards", start=self.start, end=self.end)
        return self

    @property
    def first_day(self) -> date:
        """The first day of the period."""
        return point_days(self.start)[0]

    @property
    def last_day(self) -> date:
        """The last day of the period (of its end, for a range)."""
        return point_days(self.end if self.end is not None else self.start)[1]

    @property
    def text(self) -> str:
        """The period in Vietnamese, as the form prints it: 'Tháng 4/2021', 'Từ … đến …'."""
        if self.end is None:
            return _point_text(self.start, lower=False)
        return f"Từ {_point_text(self.start, lower=True)} đến {_point_text(self.end, lower=True)}"


_VI_POINT = (
    r"(?:ngày\s+(?P<d>\d{1,2})[/-](?P<dm>\d{1,2})[/-](?P<dy>\d{4})"
    r"|(?P<d2>\d{1,2})/(?P<dm2>\d{1,2})/(?P<dy2>\d{4})"
    r"|tháng\s+(?P<m>\d{1,2})(?:\s*(?:/|năm)\s*(?P<my>\d{4}))?"
    r"|quý\s+(?P<q>I{1,3}|IV|[1-4])(?:\s*(?:/|năm)\s*(?P<qy>\d{4}))?"
    r"|năm\s+(?P<y>\d{4}))"
)
_POINT_RE = re.compile(rf"^\s*{_VI_POINT}\s*$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^\s*từ\s+(?P<a>.+?)\s+(?:đến|tới)\s+(?P<b>.+?)\s*$", re.IGNORECASE)


def _parse_point(text: str, year: int | None) -> tuple[str | None, int | None]:
    """The point ``text`` names (its year from ``year`` when it gives none) and its own year."""
    found = _POINT_RE.match(text)
    if found is None:
        return None, None
    g = found.groupdict()
    if g["d"] or g["d2"]:
        day, month, y = (g["d"], g["dm"], g["dy"]) if g["d"] else (g["d2"], g["dm2"], g["dy2"])
        try:
            return date(int(y), int(month), int(day)).isoformat(), int(y)
        except ValueError:
            return None, None
    if g["m"]:
        own = int(g["my"]) if g["my"] else None
        month_year = own or year
        if month_year is None or not 1 <= int(g["m"]) <= 12:
            return None, None
        return f"{month_year}-{int(g['m']):02d}", own
    if g["q"]:
        own = int(g["qy"]) if g["qy"] else None
        quarter_year = own or year
        if quarter_year is None:
            return None, None
        q = g["q"].upper()
        number = _ROMAN.index(q) + 1 if q in _ROMAN else int(q)
        return f"{quarter_year}-Q{number}", own
    return g["y"], int(g["y"])


def parse_when(text: str, *, year: int | None = None) -> Period | None:
    """Return the period a schedule's free text names, or None when it is not one of the usual
    forms ("Tháng 4/2021", "Quý II năm 2021", "Năm 2021", "26/4/2021", "Từ tháng 3 đến tháng
    5/2021"). ``year`` is the year of a text that names none (the plan's).

    >>> parse_when("Từ tháng 3 đến tháng 5/2021").text
    'Từ tháng 3/2021 đến tháng 5/2021'
    >>> parse_when("Thường xuyên") is None, parse_when("Tháng 4", year=2021).start
    (True, '2021-04')
    """
    ranged = _RANGE_RE.match(text)
    if ranged is None:
        point, _own = _parse_point(text, year)
        return None if point is None else Period(start=point)
    end, end_year = _parse_point(ranged["b"], year)
    start, _own = _parse_point(ranged["a"], end_year or year)
    if start is None or end is None:
        return None
    try:
        return Period(start=start, end=end)
    except ValueError:  # a range that runs backwards: the check says so on the row
        return Period.model_construct(start=start, end=end)

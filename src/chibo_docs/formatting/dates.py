"""Vietnamese dates and times as official documents write them.

The date rule is a legal convention, not locale data, so it is plain Python and babel is not
used here (babel's ``vi`` patterns give ``"26 tháng 4, 2021"``, ``"Chủ Nhật"``, and pattern
``MM`` pads March as ``"03"``). The rule: Arabic digits; **days below 10 and the months 1 and 2
take a leading zero, nothing else does** (NĐ 30/2020/NĐ-CP Phụ lục I; the Party's own headers
follow it, e.g. HD 36-HD/VPTW "Hà Nội, ngày 03 tháng 4 năm 2018", Phụ lục 3 "tháng 02").

Every function accepts a :class:`datetime.datetime` where a :class:`datetime.date` is expected
(its date part is used) and refuses other types with :class:`TypeError`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Final

from chibo_docs.i18n import _

__all__ = [
    "PAD_HOUR",
    "date_line",
    "format_date",
    "format_time",
    "month_year",
    "month_year_long",
    "short_date",
    "weekday_name",
]

PAD_HOUR: Final = False
"""Default of :func:`format_time`'s ``pad_hour``: write ``"8 giờ 30 phút"``, not ``"08 giờ …"``.

No guidance pads the hour: the zero-padding rule of NĐ 30/2020 Phụ lục I covers the day and the
month of a date only, and a count of hours is an ordinary Vietnamese number, which is written
without a leading zero. Minutes always take two digits (``"14 giờ 00 phút"``), as in the
minutes templates.
"""

_WEEKDAYS: Final = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def _as_date(value: object, function: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(_("{function}() needs a date or datetime, got {value}", function=function,
                      value=repr(value)))


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def format_date(d: date) -> str:
    """Write a date as in the place-date line: ``ngày DD tháng M năm YYYY``.

    >>> format_date(date(2018, 10, 8))
    'ngày 08 tháng 10 năm 2018'
    >>> format_date(date(2021, 1, 28))
    'ngày 28 tháng 01 năm 2021'
    >>> format_date(datetime(2021, 4, 26, 14, 0))
    'ngày 26 tháng 4 năm 2021'
    >>> format_date("2021-04-26")
    Traceback (most recent call last):
    TypeError: format_date() cần một ngày (date hoặc datetime), nhưng giá trị đưa vào là '2021-04-26'
    """
    d = _as_date(d, "format_date")
    return f"ngày {_day(d)} tháng {_month(d.month)} năm {d.year}"


def date_line(place: str, d: date) -> str:
    """Write the place-date line of the header (ô số 4): ``<Địa danh>, ngày … tháng … năm …``.

    As a template filter the place is piped: ``{{ place | date_line(issued_on) }}``.

    >>> date_line("Lai Châu", date(2021, 4, 26))
    'Lai Châu, ngày 26 tháng 4 năm 2021'
    >>> date_line("", date(2021, 4, 26))
    Traceback (most recent call last):
    ValueError: date_line() cần một địa danh, nhưng giá trị đưa vào là ''; hãy ghi tên xã/phường nơi cơ quan đóng trụ sở
    """
    if not isinstance(place, str):
        raise TypeError(_("date_line() needs the place name as str, got {value}", value=repr(place)))
    if not place.strip():
        raise ValueError(_(
            "date_line() needs a place name, got {value}; give the xã/phường where the body sits",
            value=repr(place),
        ))
    return f"{place.strip()}, {format_date(_as_date(d, 'date_line'))}"


def format_time(t: time | datetime, *, pad_hour: bool = PAD_HOUR) -> str:
    """Write a clock time as minutes do: ``14 giờ 00 phút`` (24-hour clock).

    Minutes always have two digits; seconds are dropped (not rounded). ``pad_hour`` writes
    hours below 10 with a zero; see :data:`PAD_HOUR` for the default.

    >>> format_time(time(14, 0))
    '14 giờ 00 phút'
    >>> format_time(time(8, 5))
    '8 giờ 05 phút'
    >>> format_time(time(8, 5), pad_hour=True)
    '08 giờ 05 phút'
    >>> format_time(datetime(2021, 4, 26, 16, 30, 59))
    '16 giờ 30 phút'
    """
    if isinstance(t, datetime):
        t = t.time()
    if not isinstance(t, time):
        raise TypeError(_("format_time() needs a time or datetime, got {value}", value=repr(t)))
    hour = f"{t.hour:02d}" if pad_hour else str(t.hour)
    return f"{hour} giờ {t.minute:02d} phút"


def weekday_name(d: date) -> str:
    """Name the weekday: ``thứ Hai`` … ``thứ Bảy``, ``Chủ nhật`` (NĐ 30/2020 Phụ lục II).

    >>> weekday_name(date(2021, 4, 26))
    'thứ Hai'
    >>> weekday_name(date(2021, 5, 2))
    'Chủ nhật'
    """
    return _WEEKDAYS[_as_date(d, "weekday_name").weekday()]


def short_date(d: date) -> str:
    """Write a date in the short form used when citing a document: ``dd/m/yyyy``.

    The padding follows the header rule (day below 10, months 1 and 2), so a citation reads
    "Kế hoạch số 10-KH/ĐUK, ngày 28/01/2021 của …".

    >>> short_date(date(2021, 1, 28))
    '28/01/2021'
    >>> short_date(date(2018, 4, 3))
    '03/4/2018'
    """
    d = _as_date(d, "short_date")
    return f"{_day(d)}/{_month(d.month)}/{d.year}"


def _month_and_year(value: date | int, year: int | None, function: str) -> tuple[int, int]:
    if isinstance(value, date):
        if year is not None:
            raise TypeError(_("{function}() takes a date or a month and a year, not both: {value}",
                              function=function, value=repr(year)))
        return value.month, value.year
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(_("{function}() needs a month number or a date, got {value}",
                          function=function, value=repr(value)))
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(_("{function}() needs the year as int after the month, got {value}",
                          function=function, value=repr(year)))
    if not 1 <= value <= 12:
        raise ValueError(_("{function}() needs a month from 1 to 12, got {value}",
                           function=function, value=repr(value)))
    return value, year


def month_year(value: date | int, year: int | None = None) -> str:
    """Write a month of a year in short form: ``tháng 4/2021`` (months 1 and 2 padded).

    Give a date, or a month number and a year: ``{{ meeting.held_on | month_year }}`` or
    ``{{ 4 | month_year(2021) }}``.

    >>> month_year(4, 2021)
    'tháng 4/2021'
    >>> month_year(date(2021, 1, 28))
    'tháng 01/2021'
    >>> month_year(13, 2021)
    Traceback (most recent call last):
    ValueError: month_year() cần tháng từ 1 đến 12, nhưng giá trị đưa vào là 13
    """
    month, year = _month_and_year(value, year, "month_year")
    return f"tháng {_month(month)}/{year}"


def month_year_long(value: date | int, year: int | None = None) -> str:
    """Write a month of a year in full: ``tháng 4 năm 2021`` (months 1 and 2 padded).

    This is the form of titles and trích yếu ("Nghị quyết … tháng 10 năm 2026").

    >>> month_year_long(10, 2026)
    'tháng 10 năm 2026'
    >>> month_year_long(date(2026, 2, 5))
    'tháng 02 năm 2026'
    """
    month, year = _month_and_year(value, year, "month_year_long")
    return f"tháng {_month(month)} năm {year}"

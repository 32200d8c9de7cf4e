"""Vietnamese formatting: dates, times, numbers, words, money, Roman numerals, and the filters.

Pure functions, no machine locale: ``chibo_docs.formatting.dates`` writes dates the way Party
documents do, ``chibo_docs.formatting.numerals`` numbers (the only module that uses babel), and
``chibo_docs.formatting.filters.FILTERS`` offers them all to templates by name.

>>> from datetime import date
>>> format_date(date(2021, 4, 26)), format_percent(11 / 12)
('ngày 26 tháng 4 năm 2021', '91,67%')
"""

from __future__ import annotations

from chibo_docs.formatting.dates import (
    date_line,
    format_date,
    format_time,
    month_year,
    month_year_long,
    short_date,
    weekday_name,
)
from chibo_docs.formatting.filters import FILTERS
from chibo_docs.formatting.numerals import (
    format_money,
    format_number,
    format_percent,
    money_in_words,
    number_to_words,
    to_roman,
    vote_phrase,
)

__all__ = [
    "FILTERS",
    "date_line",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "money_in_words",
    "month_year",
    "month_year_long",
    "number_to_words",
    "short_date",
    "to_roman",
    "vote_phrase",
    "weekday_name",
]

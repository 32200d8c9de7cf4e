"""The template filters: one read-only registry, filter name → formatting function.

The renderer installs them with ``env.filters.update(FILTERS)``. Each filter's name is its
function's name, and the piped value is the function's first argument::

    {{ issued_on | format_date }}              ngày 26 tháng 4 năm 2021
    {{ place | date_line(issued_on) }}         Lai Châu, ngày 26 tháng 4 năm 2021
    {{ meeting.start | format_time }}          14 giờ 00 phút
    {{ meeting.held_on | weekday_name }}       thứ Hai
    {{ cited_on | short_date }}                28/01/2021
    {{ meeting.held_on | month_year }}         tháng 4/2021
    {{ meeting.held_on | month_year_long }}    tháng 4 năm 2021
    {{ 2025 | number_to_words }}               hai nghìn không trăm hai mươi lăm
    {{ 13 | to_roman }}                        XIII
    {{ total | format_number }}                1.234.567
    {{ ratio | format_percent }}               93,75%
    {{ approve | vote_phrase(present) }}       15/16 đồng chí tán thành, đạt 93,75%
    {{ amount | format_money }}                1.234.567 đồng
    {{ amount | money_in_words }}              Một triệu hai trăm ba mươi tư nghìn … đồng

Keyword options pass through: ``{{ n | number_to_words(linh="lẻ") }}``.

>>> sorted(FILTERS)  # doctest: +NORMALIZE_WHITESPACE
['date_line', 'format_date', 'format_money', 'format_number', 'format_percent', 'format_time',
 'money_in_words', 'month_year', 'month_year_long', 'number_to_words', 'short_date', 'to_roman',
 'vote_phrase', 'weekday_name']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from chibo_docs.formatting.dates import (
    date_line,
    format_date,
    format_time,
    month_year,
    month_year_long,
    short_date,
    weekday_name,
)
from chibo_docs.formatting.numerals import (
    format_money,
    format_number,
    format_percent,
    money_in_words,
    number_to_words,
    to_roman,
    vote_phrase,
)

__all__ = ["FILTERS"]

_FUNCTIONS: Final[tuple[Callable[..., str], ...]] = (
    date_line,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_time,
    money_in_words,
    month_year,
    month_year_long,
    number_to_words,
    short_date,
    to_roman,
    vote_phrase,
    weekday_name,
)

FILTERS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {function.__name__: function for function in _FUNCTIONS}
)
"""Filter name → function; the names are the function names (see the module docstring)."""

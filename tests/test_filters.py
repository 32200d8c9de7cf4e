"""The filter registry holds every formatting function, and each renders through real Jinja."""

from __future__ import annotations

import inspect
from datetime import date, datetime, time
from decimal import Decimal
from types import ModuleType
from typing import Any

import jinja2
import pytest

from chibo_docs import formatting
from chibo_docs.formatting import dates
from chibo_docs.formatting import numerals as numbers
from chibo_docs.formatting.filters import FILTERS


def _functions(module: ModuleType) -> dict[str, object]:
    return {
        name: getattr(module, name)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
    }


def test_every_formatting_function_is_a_filter_under_its_own_name() -> None:
    expected = _functions(dates) | _functions(numbers)
    assert dict(FILTERS) == expected


def test_every_filter_is_exported_by_the_formatting_package() -> None:
    for name, function in FILTERS.items():
        assert name in formatting.__all__
        assert getattr(formatting, name) is function


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        FILTERS["x"] = str  # type: ignore[index]


CONTEXT: dict[str, Any] = {
    "issued_on": date(2021, 4, 26),
    "cited_on": date(2021, 1, 28),
    "start": datetime(2021, 4, 26, 8, 30),
    "place": "Lai Châu",
    "approve": 15,
    "present": 16,
    "ratio": Decimal("0.9375"),
    "amount": 1234567,
}

RENDERED = [
    ("{{ issued_on | format_date }}", "ngày 26 tháng 4 năm 2021"),
    ("{{ place | date_line(issued_on) }}", "Lai Châu, ngày 26 tháng 4 năm 2021"),
    ("{{ start | format_time }}", "8 giờ 30 phút"),
    ("{{ start | format_time(pad_hour=True) }}", "08 giờ 30 phút"),
    ("{{ start | weekday_name }}", "thứ Hai"),
    ("{{ cited_on | short_date }}", "28/01/2021"),
    ("{{ cited_on | month_year }}", "tháng 01/2021"),
    ("{{ 4 | month_year(2021) }}", "tháng 4/2021"),
    ("{{ issued_on | month_year_long }}", "tháng 4 năm 2021"),
    ("{{ 2025 | number_to_words }}", "hai nghìn không trăm hai mươi lăm"),
    ("{{ 105 | number_to_words(linh='lẻ') }}", "một trăm lẻ năm"),
    ("{{ 13 | to_roman }}", "XIII"),
    ("{{ amount | format_number }}", "1.234.567"),
    ("{{ ratio | format_number(2) }}", "0,94"),
    ("{{ ratio | format_percent }}", "93,75%"),
    ("{{ approve | vote_phrase(present) }}", "15/16 đồng chí tán thành, đạt 93,75%"),
    ("{{ amount | format_money }}", "1.234.567 đồng"),
    (
        "{{ amount | money_in_words }}",
        "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng",
    ),
]


@pytest.fixture
def env() -> jinja2.Environment:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.filters.update(FILTERS)
    return environment


@pytest.mark.parametrize(("source", "expected"), RENDERED)
def test_each_filter_renders_with_the_piped_value_first(
    env: jinja2.Environment, source: str, expected: str
) -> None:
    assert env.from_string(source).render(CONTEXT) == expected


def test_every_filter_is_rendered_by_the_table() -> None:
    used = {name for source, _ in RENDERED for name in FILTERS if f"| {name}" in source}
    assert used == set(FILTERS)


def test_autoescape_still_escapes_what_a_filter_returns(env: jinja2.Environment) -> None:
    rendered = env.from_string("{{ place | date_line(d) }}").render(
        place="Xóm <Đông> & Tây", d=date(2026, 2, 5)
    )
    assert rendered == "Xóm &lt;Đông&gt; &amp; Tây, ngày 05 tháng 02 năm 2026"


@pytest.mark.usefixtures("english")  # reads the English messages
def test_a_missing_value_fails_loudly_even_without_strict_undefined() -> None:
    lenient = jinja2.Environment(autoescape=True)  # default Undefined: a typo renders ""
    lenient.filters.update(FILTERS)
    for name in ("format_date", "format_time", "format_number", "number_to_words"):
        with pytest.raises(TypeError, match="got Undefined"):
            lenient.from_string(f"{{{{ meeting.missing | {name} }}}}").render(meeting={})


@pytest.mark.usefixtures("english")  # reads the English messages
def test_a_wrong_value_names_itself(env: jinja2.Environment) -> None:
    with pytest.raises(TypeError, match="got '14:00'"):
        env.from_string("{{ t | format_time }}").render(t="14:00")
    with pytest.raises(TypeError, match=r"got datetime\.time\(14, 0\)"):
        env.from_string("{{ t | format_date }}").render(t=time(14, 0))

"""The HD 36 profile: its patterns accept and refuse the examples of format-hd36.md §8."""

from __future__ import annotations

import dataclasses

import pytest

from chibo_docs.layout.profiles import HD36, TextFormat, mm_to_twips


@pytest.mark.parametrize(
    "line",
    [
        "Số 05-NQ/CB",
        "Số 127-QĐ/TW",
        "Số 36-HD/VPTW",
        "Số 07-BB/CB",
        "Số 05-QC/BTCTU-BDVTU",
        "Số 12-CTr/ĐU",
        "Số     -GM/CB",  # unnumbered: room for a number written by hand
        "Số -NQ/CB",  # the same, spaces collapsed as the checker reads it
    ],
)
def test_number_line_pattern_accepts_party_numbers(line: str) -> None:
    assert HD36.number_line_pattern.match(line)


@pytest.mark.parametrize(
    "line",
    ["Số: 05-NQ/CB", "Số 5-NQ/CB", "Số 05/NQ-CB", "Số 05-XYZ/CB", "Số: 05/NQ-UBND", "05-NQ/CB",
     "Số-NQ/CB", "Số     -XYZ/CB", "Số  x -NQ/CB"],
)
def test_number_line_pattern_refuses_state_style_and_bad_numbers(line: str) -> None:
    assert not HD36.number_line_pattern.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội, ngày 03 tháng 4 năm 2018",
        "Hạ Long, ngày 20 tháng 02 năm 2018",
        "Tiên Phong, ngày 31 tháng 12 năm 2026",
        "Hà Nội, ngày 09 tháng 01 năm 2026",
    ],
)
def test_date_line_pattern_accepts_official_dates(line: str) -> None:
    assert HD36.date_line_pattern.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội, ngày 8 tháng 10 năm 2018",
        "Hà Nội, ngày 08 tháng 1 năm 2018",
        "Hà Nội, ngày 08 tháng 03 năm 2018",
        "Hà Nội, ngày 32 tháng 4 năm 2018",
        "ngày 08 tháng 4 năm 2018",
    ],
)
def test_date_line_pattern_refuses_wrong_padding(line: str) -> None:
    assert not HD36.date_line_pattern.match(line)


def test_page_values_are_a4_and_20_20_30_15_mm() -> None:
    assert (HD36.page.width, HD36.page.height) == (mm_to_twips(210), mm_to_twips(297))
    m = HD36.margins
    assert (m.top, m.bottom, m.left, m.right, m.header) == tuple(
        mm_to_twips(v) for v in (20, 20, 30, 15, 10)
    )


def test_every_text_format_and_rule_cites_a_source() -> None:
    for f in dataclasses.fields(HD36):
        value = getattr(HD36, f.name)
        if isinstance(value, TextFormat):
            assert value.source, f.name
            assert value.tag in "PSX", f.name
    assert list(HD36.rules) == [f"HD36-{n}" for n in range(1, 19)]
    for rule in HD36.rules.values():
        assert rule.source
        assert rule.tag() in ("P", "S")


def test_secondary_rules_are_the_ones_tagged_s_in_the_reference() -> None:
    secondary = {rule.id for rule in HD36.rules.values() if rule.tag() == "S"}
    assert secondary == {"HD36-2", "HD36-10", "HD36-11", "HD36-14", "HD36-16"}
    assert HD36.rules["HD36-11"].tag("size") == "P"
    assert HD36.rules["HD36-7"].tag("issuer") == "S"


def test_type_names_map_to_codes() -> None:
    assert HD36.type_for_title("NGHỊ QUYẾT").code == "NQ"  # type: ignore[union-attr]
    assert HD36.type_for_title("KẾ HOẠCH").code == "KH"  # type: ignore[union-attr]
    assert HD36.type_for_title("CỘNG HÒA") is None

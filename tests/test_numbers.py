"""Numbers in digits and in words follow Vietnamese usage, checked against tables and a parser.

The word tables are written from the reading rules (group names nghìn/triệu/tỷ, "không trăm"
in a group after a higher one, linh/lẻ, mười/mươi, mốt, lăm, tư) and the measured correct
outputs of anchors.md §6, not copied from the code. The strong test is an independent parser
that reads the words back, strictly, for random numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chibo_docs.formatting import (
    format_money,
    format_number,
    format_percent,
    money_in_words,
    number_to_words,
    to_roman,
    vote_phrase,
)

WORDS = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (91, "chín mươi mốt"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1010, "một nghìn không trăm mười"),
    (1100, "một nghìn một trăm"),
    (2025, "hai nghìn không trăm hai mươi lăm"),
    (2001, "hai nghìn không trăm linh một"),
    (10_000, "mười nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_000, "một trăm nghìn"),
    (10**6, "một triệu"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (1_234_567, "một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy"),
    (10**9, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (2_500_000_000, "hai tỷ năm trăm triệu"),
    (10**12, "một nghìn tỷ"),
    (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
    (10**15, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (-15, "âm mười lăm"),
]


@pytest.mark.parametrize(("n", "expected"), WORDS)
def test_number_to_words_reads_by_the_rules(n: int, expected: str) -> None:
    assert number_to_words(n) == expected


@pytest.mark.parametrize(
    ("n", "options", "expected"),
    [
        (105, {"linh": "lẻ"}, "một trăm lẻ năm"),
        (1_000_005, {"linh": "lẻ"}, "một triệu không trăm lẻ năm"),
        (1000, {"thousand": "ngàn"}, "một ngàn"),
        (1001, {"thousand": "ngàn", "linh": "lẻ"}, "một ngàn không trăm lẻ một"),
        (10**12, {"thousand": "ngàn"}, "một ngàn tỷ"),
        (24, {"four": "tư"}, "hai mươi tư"),
        (94, {"four": "tư"}, "chín mươi tư"),
        (14, {"four": "tư"}, "mười bốn"),  # only after "mươi"
        (4, {"four": "tư"}, "bốn"),
        (104, {"four": "tư"}, "một trăm linh bốn"),
    ],
)
def test_number_to_words_options(n: int, options: dict[str, str], expected: str) -> None:
    assert number_to_words(n, **options) == expected  # type: ignore[arg-type]


def test_number_to_words_is_not_num2words() -> None:
    # num2words 0.5.14 says "hai nghìn lẻ hai mươi lăm" and "một nghìn lẻ mười" (anchors.md §6).
    assert "lẻ" not in number_to_words(2025, linh="lẻ")
    assert number_to_words(1010, linh="lẻ") == "một nghìn không trăm mười"


@pytest.mark.usefixtures("english")  # reads the English messages
def test_number_to_words_accepts_whole_decimals_and_floats_only() -> None:
    assert number_to_words(Decimal("2025.00")) == number_to_words(2025.0) == number_to_words(2025)
    with pytest.raises(ValueError, match=r"got 1\.5; round it first"):
        number_to_words(1.5)
    with pytest.raises(TypeError, match="got '12'"):
        number_to_words("12")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got True"):
        number_to_words(True)
    with pytest.raises(ValueError, match="linh='le'"):
        number_to_words(105, linh="le")  # type: ignore[arg-type]


# ---------- an independent reader of the words, strict about the grammar ----------

_VALUE = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


def _group(tokens: list[str], leading: bool) -> int:
    """Read 0..999; a group after a higher one must say its hundreds."""
    if not tokens:
        return 0
    hundreds = tens = units = 0
    i = 0
    if len(tokens) >= 2 and tokens[1] == "trăm":
        hundreds, i = _VALUE[tokens[0]], 2
    else:
        assert leading, f"non-leading group without hundreds: {tokens}"
    said_linh = False
    if i < len(tokens) and tokens[i] == "mười":
        tens, i = 1, i + 1
    elif i + 1 < len(tokens) and tokens[i + 1] == "mươi":
        tens, i = _VALUE[tokens[i]], i + 2
        assert tens >= 2, tokens
    elif i < len(tokens) and tokens[i] in ("linh", "lẻ"):
        assert i == 2, f"linh without hundreds: {tokens}"
        said_linh, i = True, i + 1
    if i < len(tokens):
        word = tokens[i]
        i += 1
        if word == "mốt":
            assert tens >= 2, tokens
            units = 1
        elif word == "lăm":
            assert tens >= 1, tokens
            units = 5
        elif word == "tư":
            assert tens >= 2, tokens
            units = 4
        else:
            units = _VALUE[word]
            assert units != 0, tokens
            assert not (tens >= 2 and units in (1, 5)), f"should be mốt/lăm: {tokens}"
            assert not (tens == 1 and units == 5), f"should be lăm: {tokens}"
    assert i == len(tokens), f"unread words in {tokens}"
    assert not said_linh or units, tokens
    value = hundreds * 100 + tens * 10 + units
    assert value or not leading, tokens
    return value


def _below_billion(tokens: list[str], leading: bool) -> int:
    total = 0
    for name, scale in (("triệu", 10**6), ("nghìn", 10**3), ("ngàn", 10**3)):
        if name in tokens:
            at = tokens.index(name)
            assert tokens.count(name) == 1, tokens
            group = _group(tokens[:at], leading and total == 0)
            assert group, tokens
            total += group * scale
            tokens = tokens[at + 1 :]
    return total + _group(tokens, leading and total == 0)


def read_words(text: str) -> int:
    """Turn Vietnamese number words back into an int, independently of the writer."""
    tokens = text.split(" ")
    sign = 1
    if tokens[0] == "âm":
        sign, tokens = -1, tokens[1:]
    if tokens == ["không"]:
        return 0

    def read(tokens: list[str], leading: bool) -> int:
        if "tỷ" not in tokens:
            return _below_billion(tokens, leading)
        at = len(tokens) - 1 - tokens[::-1].index("tỷ")
        high = read(tokens[:at], leading)
        assert high, tokens
        return high * 10**9 + _below_billion(tokens[at + 1 :], False)

    return sign * read(tokens, True)


def test_the_reader_reads_the_table() -> None:
    for n, words in WORDS:
        assert read_words(words) == n


@pytest.mark.parametrize(
    "bad", ["hai nghìn hai mươi lăm", "hai mươi năm", "mười năm", "một linh năm"]
)
def test_the_reader_rejects_ungrammatical_words(bad: str) -> None:
    with pytest.raises(AssertionError):
        read_words(bad)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_number_to_words_reads_back_to_the_number(n: int) -> None:
    words = number_to_words(n)
    assert "lẻ" not in words
    assert "  " not in words
    assert words == words.strip()
    assert read_words(words) == n


@given(
    st.integers(min_value=0, max_value=10**18),
    st.sampled_from(["linh", "lẻ"]),
    st.sampled_from(["nghìn", "ngàn"]),
    st.sampled_from(["bốn", "tư"]),
)
def test_every_option_combination_reads_back(n: int, linh: str, thousand: str, four: str) -> None:
    words = number_to_words(n, linh=linh, thousand=thousand, four=four)  # type: ignore[arg-type]
    assert read_words(words) == n
    other = {"linh": "lẻ", "lẻ": "linh"}[linh]
    assert other not in words.split()


# ---------- digits ----------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, None, "0"),
        (1234567, None, "1.234.567"),
        (1000, None, "1.000"),
        (999, None, "999"),
        (-1234567, None, "-1.234.567"),
        (Decimal("0.5"), None, "0,5"),
        (Decimal("1234.5"), None, "1.234,5"),
        (Decimal("1.50"), None, "1,50"),
        (1500.0, None, "1.500"),
        (Decimal(2) / 3 * 100, 2, "66,67"),
        (Decimal("0.125"), 2, "0,13"),  # half-up, where babel's half-even gives 0,12
        (Decimal("2.5"), 0, "3"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("1E+3"), None, "1.000"),
    ],
)
def test_format_number_groups_with_dots_and_uses_a_decimal_comma(
    value: int | Decimal | float, decimals: int | None, expected: str
) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.usefixtures("english")  # reads the English messages
def test_format_number_refuses_what_is_not_a_finite_number() -> None:
    with pytest.raises(TypeError, match="got '12'"):
        format_number("12")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="got nan"):
        format_number(float("nan"))
    with pytest.raises(ValueError, match="decimals >= 0, got -1"):
        format_number(1, -1)


def _parse_digits(text: str) -> Decimal:
    assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?", text), text
    return Decimal(text.replace(".", "").replace(",", "."))


@given(st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, places=6))
def test_format_number_reads_back_to_the_decimal(value: Decimal) -> None:
    assert _parse_digits(format_number(value)) == value


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_format_number_reads_back_to_the_int(value: int) -> None:
    assert _parse_digits(format_number(value)) == value


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_format_number_reads_a_float_as_its_shortest_repr(value: float) -> None:
    assert _parse_digits(format_number(value)) == Decimal(repr(value))


@pytest.mark.parametrize(
    ("ratio", "decimals", "expected"),
    [
        (0.9375, 2, "93,75%"),
        (1, 2, "100%"),
        (Decimal(2) / 3, 2, "66,67%"),
        (Decimal("0.5"), 2, "50%"),
        (Decimal("0.105"), 2, "10,5%"),
        (Decimal("0.00125"), 2, "0,13%"),  # half-up
        (Decimal(1) / 3, 0, "33%"),
        (0, 2, "0%"),
        (Decimal(14) / 15, 2, "93,33%"),
    ],
)
def test_format_percent_drops_trailing_zeros_and_has_no_space(
    ratio: int | Decimal | float, decimals: int, expected: str
) -> None:
    assert format_percent(ratio, decimals) == expected


@pytest.mark.parametrize(
    ("approve", "base", "expected"),
    [
        (15, 16, "15/16 đồng chí tán thành, đạt 93,75%"),
        (16, 16, "16/16 đồng chí tán thành, đạt 100%"),
        (14, 15, "14/15 đồng chí tán thành, đạt 93,33%"),
        (0, 7, "0/7 đồng chí tán thành, đạt 0%"),
    ],
)
def test_vote_phrase(approve: int, base: int, expected: str) -> None:
    assert vote_phrase(approve, base) == expected


@pytest.mark.parametrize(("approve", "base"), [(17, 16), (-1, 5), (0, 0)])
def test_vote_phrase_refuses_impossible_counts(approve: int, base: int) -> None:
    with pytest.raises(ValueError, match=f"approve={approve}, base={base}"):
        vote_phrase(approve, base)


@pytest.mark.usefixtures("english")  # reads the English messages
def test_vote_phrase_refuses_non_integers() -> None:
    with pytest.raises(TypeError, match="approve as int, got 15.0"):
        vote_phrase(15.0, 16)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (11, "XI"),
        (12, "XII"),
        (13, "XIII"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (2025, "MMXXV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_roman(n: int, expected: str) -> None:
    assert to_roman(n) == expected


@pytest.mark.usefixtures("english")  # reads the English messages
@pytest.mark.parametrize("n", [0, -1, 4000])
def test_to_roman_refuses_numbers_outside_1_to_3999(n: int) -> None:
    with pytest.raises(ValueError, match=f"got {n}"):
        to_roman(n)


@pytest.mark.usefixtures("english")  # reads the English messages
def test_format_money() -> None:
    assert format_money(1234567) == "1.234.567 đồng"
    assert format_money(10_000_000) == "10.000.000 đồng"
    assert format_money(Decimal("500000.00")) == "500.000 đồng"
    with pytest.raises(ValueError, match=r"got Decimal\('1000.5'\); round it first"):
        format_money(Decimal("1000.5"))


def test_money_in_words() -> None:
    assert (
        money_in_words(1234567) == "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"
    )
    assert money_in_words(1234567, four="bốn").startswith("Một triệu hai trăm ba mươi bốn nghìn")
    assert money_in_words(5_000_000, even=True) == "Năm triệu đồng chẵn"
    assert money_in_words(105_000, linh="lẻ") == "Một trăm lẻ năm nghìn đồng"
    assert money_in_words(0) == "Không đồng"

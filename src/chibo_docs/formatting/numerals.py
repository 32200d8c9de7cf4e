"""Vietnamese numbers: digits, words, percentages, money, Roman numerals.

This is the only module that imports babel, and it always passes ``locale="vi"``: the CLDR
``vi`` symbols (group ``.``, decimal ``,``) are the authority for digits, never the system
locale. Rounding is ours: values are :class:`~decimal.Decimal` and are rounded
``ROUND_HALF_UP`` (0,125 → 0,13) before babel sees them (babel itself rounds half-even).

Numbers in words are ours too: num2words' ``vi`` says "hai nghìn lẻ hai mươi lăm" for 2025,
but a thousand-group with a zero hundreds digit after a higher group reads "không trăm":
"hai nghìn không trăm hai mươi lăm".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final, Literal

from babel.numbers import format_decimal

from chibo_docs.i18n import _

__all__ = [
    "MONEY_FOUR",
    "Number",
    "format_money",
    "format_number",
    "format_percent",
    "money_in_words",
    "number_to_words",
    "to_roman",
    "vote_phrase",
]

Number = int | Decimal | float

_LOCALE: Final = "vi"
_DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION: Final = 10**9
_ROMAN: Final = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"],
        strict=True,
    )
)

MONEY_FOUR: Final = "tư"
"""Default of :func:`money_in_words`' ``four``: "ba mươi tư", as amounts in words are written."""


def _decimal(value: object, function: str) -> Decimal:
    """Return ``value`` as an exact finite Decimal (floats through their shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(_("{function}() needs an int, Decimal or float, got {value}",
                          function=function, value=repr(value)))
    try:
        result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # pragma: no cover - Decimal(int) and Decimal(str(float)) succeed
        raise ValueError(_("{function}() cannot read {value} as a number", function=function,
                           value=repr(value))) from None
    if not result.is_finite():
        raise ValueError(_("{function}() needs a finite number, got {value}", function=function,
                           value=repr(value)))
    return result


def _whole(value: object, function: str) -> int:
    number = _decimal(value, function)
    if number != number.to_integral_value():
        raise ValueError(_("{function}() needs a whole number, got {value}; round it first",
                           function=function, value=repr(value)))
    return int(number)


def _round(value: Decimal, decimals: int, function: str) -> Decimal:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(_("{function}() needs decimals >= 0, got {value}", function=function,
                           value=repr(decimals)))
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _digits(value: Decimal) -> str:
    """Write an already-rounded Decimal with vi symbols, keeping exactly its decimal places."""
    if value.is_zero():
        value = abs(value)  # no "-0,00"
    places = max(0, -int(value.as_tuple().exponent))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=_LOCALE, decimal_quantization=False)


def format_number(x: Number, decimals: int | None = None) -> str:
    """Write a number with ``.`` between thousands and ``,`` before decimals.

    With ``decimals=None`` every digit of the value is kept (a Decimal keeps its trailing
    zeros, a float does not); with ``decimals=n`` the value is
    rounded half-up to exactly ``n`` places (zeros kept, so columns line up).

    >>> format_number(1234567)
    '1.234.567'
    >>> format_number(Decimal(2) / 3 * 100, decimals=2)
    '66,67'
    >>> format_number(0.5), format_number(1500.0), format_number(Decimal("1234.50"), decimals=1)
    ('0,5', '1.500', '1.234,5')
    >>> format_number(-0.125, decimals=2)
    '-0,13'
    """
    value = _decimal(x, "format_number")
    if decimals is not None:
        value = _round(value, decimals, "format_number")
    elif isinstance(x, float) or int(value.as_tuple().exponent) > 0:
        # a float carries no meaningful trailing zeros (1500.0 → "1.500"); 1E+3 → "1.000"
        whole = value == value.to_integral_value()
        value = value.quantize(Decimal(1)) if whole else value.normalize()
    return _digits(value)


def format_percent(ratio: Number, decimals: int = 2) -> str:
    """Write a ratio as a percentage: at most ``decimals`` places, trailing zeros dropped.

    No space before ``%`` ("đạt tỷ lệ 100%"). Rounding is half-up.

    >>> format_percent(0.9375), format_percent(1), format_percent(Decimal(2) / 3)
    ('93,75%', '100%', '66,67%')
    >>> format_percent(Decimal("0.5")), format_percent(Decimal(1) / 3, decimals=0)
    ('50%', '33%')
    """
    value = _round(_decimal(ratio, "format_percent") * 100, decimals, "format_percent")
    whole = value == value.to_integral_value()
    value = value.quantize(Decimal(1)) if whole else value.normalize()  # drop trailing zeros
    return _digits(value) + "%"


def vote_phrase(approve: int, base: int, decimals: int = 2) -> str:
    """Write a vote result: ``15/16 đồng chí tán thành, đạt 93,75%``.

    ``base`` is the number the percentage is taken of (usually the members present who vote).

    >>> vote_phrase(15, 16)
    '15/16 đồng chí tán thành, đạt 93,75%'
    >>> vote_phrase(16, 16)
    '16/16 đồng chí tán thành, đạt 100%'
    >>> vote_phrase(17, 16)
    Traceback (most recent call last):
    ValueError: vote_phrase() cần 0 <= approve <= base và base > 0, nhưng giá trị đưa vào là approve=17, base=16
    """
    for name, value in (("approve", approve), ("base", base)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(_("vote_phrase() needs {name} as int, got {value}", name=name,
                              value=repr(value)))
    if not 0 <= approve <= base or base <= 0:
        raise ValueError(_(
            "vote_phrase() needs 0 <= approve <= base and base > 0, got approve={approve}, "
            "base={base}", approve=repr(approve), base=repr(base),
        ))
    percent = format_percent(Decimal(approve) / Decimal(base), decimals)
    return f"{approve}/{base} đồng chí tán thành, đạt {percent}"


def _three(n: int, *, leading: bool, linh: str, four: str) -> list[str]:
    """Read one group of three digits (1..999); ``leading`` when no higher group precedes."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += [linh, _DIGITS[units]] if words else [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1:
        words.append(four)
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(n: int, *, leading: bool, linh: str, thousand: str, four: str) -> list[str]:
    """Read 1..999_999_999, skipping groups that are all zero."""
    words: list[str] = []
    for scale, name in ((10**6, "triệu"), (10**3, thousand), (1, "")):
        group = n // scale % 1000
        if group:
            words += _three(group, leading=leading and not words, linh=linh, four=four)
            if name:
                words.append(name)
    return words


def _words(n: int, *, leading: bool, linh: str, thousand: str, four: str) -> list[str]:
    high, low = divmod(n, _BILLION)
    words: list[str] = []
    if high:
        words = [*_words(high, leading=leading, linh=linh, thousand=thousand, four=four), "tỷ"]
    if low:
        words += _below_billion(
            low, leading=leading and not words, linh=linh, thousand=thousand, four=four
        )
    return words


def number_to_words(
    n: Number,
    *,
    linh: Literal["linh", "lẻ"] = "linh",
    thousand: Literal["nghìn", "ngàn"] = "nghìn",
    four: Literal["bốn", "tư"] = "bốn",
) -> str:
    """Read a whole number in Vietnamese words.

    Groups of three digits are named nghìn, triệu, tỷ; above a tỷ the names repeat before
    "tỷ" (10^12 = "một nghìn tỷ", 10^15 = "một triệu tỷ", 10^18 = "một tỷ tỷ"). A group after a
    higher one says its hundreds even when they are zero ("không trăm"); a zero tens digit
    before a unit is ``linh`` (northern, the default) or ``lẻ``. After "mươi", 1 is "mốt",
    5 is "lăm", and 4 is ``four`` ("bốn" by default, "tư" if asked); after "mười", 5 is "lăm".

    >>> number_to_words(2025)
    'hai nghìn không trăm hai mươi lăm'
    >>> number_to_words(105), number_to_words(105, linh="lẻ")
    ('một trăm linh năm', 'một trăm lẻ năm')
    >>> number_to_words(21), number_to_words(11), number_to_words(24, four="tư")
    ('hai mươi mốt', 'mười một', 'hai mươi tư')
    >>> number_to_words(1_000_005), number_to_words(-15)
    ('một triệu không trăm linh năm', 'âm mười lăm')
    >>> number_to_words(10**15, thousand="ngàn"), number_to_words(0)
    ('một triệu tỷ', 'không')
    """
    number = _whole(n, "number_to_words")
    options = {"linh": linh, "thousand": thousand, "four": four}
    for name, allowed in (
        ("linh", ("linh", "lẻ")),
        ("thousand", ("nghìn", "ngàn")),
        ("four", ("bốn", "tư")),
    ):
        if options[name] not in allowed:
            raise ValueError(_(
                "number_to_words() option {name}={value} is not one of {allowed}",
                name=name, value=repr(options[name]), allowed=repr(allowed),
            ))
    if number == 0:
        return "không"
    words = _words(abs(number), leading=True, linh=linh, thousand=thousand, four=four)
    return ("âm " if number < 0 else "") + " ".join(words)


def to_roman(n: int) -> str:
    """Write 1..3999 in Roman numerals, for "khóa XIII" and headings "I-", "II-".

    >>> to_roman(13), to_roman(4), to_roman(1994)
    ('XIII', 'IV', 'MCMXCIV')
    >>> to_roman(0)
    Traceback (most recent call last):
    ValueError: to_roman() cần một số nguyên từ 1 đến 3999, nhưng giá trị đưa vào là 0
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(_("to_roman() needs an int, got {value}", value=repr(n)))
    if not 1 <= n <= 3999:
        raise ValueError(_("to_roman() needs a whole number from 1 to 3999, got {value}",
                           value=repr(n)))
    result = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        result += letters * count
    return result


def format_money(n: Number) -> str:
    """Write an amount of Vietnamese đồng in digits: ``1.234.567 đồng``.

    The đồng has no subunit, so a fractional amount is refused rather than rounded away.

    >>> format_money(1234567)
    '1.234.567 đồng'
    >>> format_money(Decimal("10000000.00"))
    '10.000.000 đồng'
    """
    return f"{_digits(Decimal(_whole(n, 'format_money')))} đồng"


def money_in_words(
    n: Number,
    *,
    even: bool = False,
    linh: Literal["linh", "lẻ"] = "linh",
    thousand: Literal["nghìn", "ngàn"] = "nghìn",
    four: Literal["bốn", "tư"] = MONEY_FOUR,
) -> str:
    """Write an amount of đồng in words, capitalised, as on a "Bằng chữ:" line.

    The first letter is upper-case because the words stand alone after "Bằng chữ:". ``four``
    defaults to "tư" (:data:`MONEY_FOUR`), the usual spelling of written amounts. ``even=True``
    appends "chẵn" ("… đồng chẵn"), which some offices add to round sums; it is off by
    default because the words are exact either way.

    >>> money_in_words(1234567)
    'Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng'
    >>> money_in_words(5_000_000, even=True)
    'Năm triệu đồng chẵn'
    """
    words = number_to_words(_whole(n, "money_in_words"), linh=linh, thousand=thousand, four=four)
    text = f"{words[0].upper()}{words[1:]} đồng"
    return f"{text} chẵn" if even else text

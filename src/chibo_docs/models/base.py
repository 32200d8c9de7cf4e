"""The shared base of every model and the text types all of them use.

Every model is immutable and refuses unknown fields. Every text is stripped and normalised to
Unicode NFC; text that an XML 1.0 document (and so a .docx) cannot hold is refused, never
silently dropped.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(Line).validate_python("  Chi bô\\u0323  ")  # decomposed dot below → NFC
'Chi bộ'
>>> TypeAdapter(Text).validate_python("dòng 1\\r\\ndòng 2")
'dòng 1\\ndòng 2'
>>> from pydantic import ValidationError
>>> for value in (True, "5", 5.0):
...     try:
...         TypeAdapter(Count).validate_python(value)
...     except ValidationError as exc:
...         print(exc.errors()[0]["msg"])
Input should be a valid integer
Input should be a valid integer
Input should be a valid integer
>>> TypeAdapter(Count).validate_python(5)
5
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

__all__ = [
    "Count",
    "Id",
    "Integer",
    "Line",
    "Model",
    "PositiveInteger",
    "RuleViolation",
    "Text",
    "clean_text",
]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str, *, one_line: bool) -> str:
    """Return ``value`` stripped, in NFC, with ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Raises ValueError when the text is empty after stripping, when it holds a character
    XML 1.0 cannot hold, or when ``one_line`` is true and it holds a line break.

    >>> clean_text(" a\\tb ", one_line=True)
    'a\\tb'
    >>> clean_text("a\\nb", one_line=True)
    Traceback (most recent call last):
    ...
    ValueError: must be one line, but a line break was found at position 1; put it on one line
    """
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise ValueError(
            f"contains the character {bad.group()!r} (U+{ord(bad.group()):04X}) at position "
            f"{bad.start()}, which a .docx (XML 1.0) cannot hold; remove it"
        )
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise ValueError("must not be empty")
    if one_line:
        brk = _LINE_BREAKS.search(text)
        if brk:
            raise ValueError(
                f"must be one line, but a line break was found at position {brk.start()}; "
                "put it on one line"
            )
    return text


def _one_line(value: str) -> str:
    return clean_text(value, one_line=True)


def _multi_line(value: str) -> str:
    return clean_text(value, one_line=False)


Line = Annotated[str, AfterValidator(_one_line)]
"""One-line text: names, header lines, titles, short items. Line breaks are refused."""

Text = Annotated[str, AfterValidator(_multi_line)]
"""Text that may span several lines (``\\n``): opinions, conclusions, paragraphs."""

Integer = Annotated[int, Strict()]
"""A whole number written as a number. Booleans (``true`` would count as 1), text (``"5"``) and
fractions (``5.0``) are refused, not converted: every count and number field uses this type
(bounds given with ``Field(ge=…, le=…)`` on the field)."""

Count = Annotated[Integer, Field(ge=0)]
"""A count of people or votes: a whole number from 0."""

PositiveInteger = Annotated[Integer, Field(ge=1)]
"""A document or item number: a whole number from 1."""

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40)]
"""An identifier for a person in the data (``m01``, ``guest-1``): ASCII letters, digits, ``_.-``."""


class Model(BaseModel):
    """Base of every chibo_docs model: immutable, no unknown fields, instances re-validated."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        revalidate_instances="always",
        validate_default=True,
        use_attribute_docstrings=False,
    )


class RuleViolation(ValueError):
    """One or more broken Party rules (level E) found while validating a model.

    ``violations`` holds ``(rule, where, message)`` triples; ``where`` is the field path
    relative to the model that raised it (pydantic's error location gives the rest).
    """

    def __init__(self, violations: list[tuple[str, str, str]]) -> None:
        self.violations = violations
        lines = [f"[{rule}] {where}: {message}" if where else f"[{rule}] {message}"
                 for rule, where, message in violations]
        super().__init__(lines[0] if len(lines) == 1 else "\n".join(lines))


def raise_violations(violations: list[tuple[str, str, str]]) -> None:
    """Raise :class:`RuleViolation` when ``violations`` is not empty."""
    if violations:
        raise RuleViolation(violations)

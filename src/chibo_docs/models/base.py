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
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, model_validator

__all__ = [
    "Checked",
    "Count",
    "Id",
    "Integer",
    "Line",
    "Model",
    "PositiveInteger",
    "Text",
    "View",
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


class View(BaseModel):
    """Base of the read-only views a model builds from its data for templates.

    A view is never data: no file holds it and it is not validated input. A meeting builds
    them (``meeting.absent``, ``meeting.agenda_entries``, ``meeting.tallies``, …) with the
    ids of its parts resolved, so a template writes ``entry.member.full_name``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")


class Checked(Model):
    """A model with rules of level E (a cell, a meeting, a document): broken, they refuse it.

    The checks registered for the model's type (:data:`chibo_docs.rules.checks.REFUSALS`) run
    on its own data once its fields, and so its parts with their own checks, are valid. What
    they find is raised as one :class:`~chibo_docs.rules.registry.RuleViolation`, which
    pydantic reports as a ``ValidationError`` naming every field path.

    The checks live in :mod:`chibo_docs.rules` and import the models, so the validator imports
    them when it runs, not when this module is loaded: the one place where the models reach up
    to the checks. (The only other thing the models read from :mod:`chibo_docs.rules` is
    :mod:`~chibo_docs.models.rulesets`, plain data that imports nothing of chibo_docs.)
    """

    @model_validator(mode="after")
    def _refuse_broken_rules(self) -> Self:
        from chibo_docs.rules.checks import refuse  # the one import from models up to rules

        refuse(self)
        return self

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
...         print(exc.errors()[0]["type"])
int_type
int_type
int_type
>>> TypeAdapter(Count).validate_python(5)
5

A model is validated in one of three modes (:func:`validating`): ``normal`` (the Party rules of
level E refuse a model while it is validated: what Python constructors get), ``types`` (only
the fields' types; the rules are run afterwards, all of them, by
:func:`chibo_docs.rules.validation.validate_data`) and ``partial``: every field that cannot be
validated holds :data:`BROKEN` instead of refusing the model, so the rules that do not read a
broken field can still be checked on the rest.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from enum import Enum
from typing import Annotated, Any, Final, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

from chibo_docs.models.value_errors import value_error

__all__ = [
    "BROKEN",
    "ID_PATTERN",
    "Checked",
    "Count",
    "Id",
    "Integer",
    "Line",
    "Mode",
    "Model",
    "PositiveInteger",
    "Text",
    "View",
    "clean_text",
    "is_broken",
    "partial_mode",
    "validating",
]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str, *, one_line: bool) -> str:
    """Return ``value`` stripped, in NFC, with ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Raises a ``ValueError`` (pydantic's ``PydanticCustomError``, with the code ``empty_text``,
    ``xml_character`` or ``one_line``) when the text is empty after stripping, when it holds a
    character XML 1.0 cannot hold, or when ``one_line`` is true and it holds a line break.

    >>> clean_text(" a\\tb ", one_line=True)
    'a\\tb'
    >>> clean_text("a\\nb", one_line=True)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: must be one line, but a line break was found at position 1; put it on one line
    """
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise value_error("xml_character", character=repr(bad.group()),
                          code_point=f"U+{ord(bad.group()):04X}", position=bad.start())
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise value_error("empty_text")
    if one_line:
        brk = _LINE_BREAKS.search(text)
        if brk:
            raise value_error("one_line", position=brk.start())
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

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
"""What an id may hold (pydantic reports a mismatch with this ``pattern``)."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=40)]
"""An identifier for a person in the data (``m01``, ``guest-1``): ASCII letters, digits, ``_.-``."""


class Mode(Enum):
    """How models are validated (see the module's docstring)."""

    NORMAL = "normal"
    """Types and the Party rules of level E: a broken rule refuses the model."""
    TYPES = "types"
    """Types only: the rules are checked afterwards, by whoever asked for this mode."""
    PARTIAL = "partial"
    """Types only, and a field that cannot be validated holds :data:`BROKEN`."""


_mode: ContextVar[Mode] = ContextVar("chibo_docs_validation_mode", default=Mode.NORMAL)


@contextlib.contextmanager
def validating(mode: Mode) -> Iterator[None]:
    """Validate models in ``mode`` inside the ``with`` block (thread- and task-safe)."""
    token = _mode.set(mode)
    try:
        yield
    finally:
        _mode.reset(token)


class _Broken:
    """The value of a field that could not be validated, in a partially validated model."""

    _instance: _Broken | None = None

    def __new__(cls) -> _Broken:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "BROKEN"

    def __bool__(self) -> bool:
        return False


BROKEN: Final = _Broken()
"""What a partially validated model holds in a field that could not be validated."""


def partial_mode() -> bool:
    """Return whether models are being validated partially (see :func:`validating`)."""
    return _mode.get() is Mode.PARTIAL


def is_broken(value: object) -> bool:
    """Return whether ``value`` is :data:`BROKEN` (a field of a partial model that failed)."""
    return value is BROKEN


class Model(BaseModel):
    """Base of every chibo_docs model: immutable, no unknown fields, instances re-validated."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        revalidate_instances="always",
        validate_default=True,
        use_attribute_docstrings=False,
    )

    @model_validator(mode="before")
    @classmethod
    def _partial_input(cls, data: Any) -> Any:
        """In partial mode: a missing required field is broken, an unknown key left out."""
        if _mode.get() is not Mode.PARTIAL or not isinstance(data, dict):
            return data
        fields = cls.model_fields
        kept = {k: v for k, v in data.items() if k in fields}
        for name, info in fields.items():
            if name not in kept and info.is_required():
                kept[name] = BROKEN
        return kept

    @field_validator("*", mode="wrap")
    @classmethod
    def _partial_field(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """In partial mode: a field that cannot be validated holds BROKEN."""
        if _mode.get() is not Mode.PARTIAL:
            return handler(value)
        if value is BROKEN:
            return BROKEN
        try:
            return handler(value)
        except Exception:  # noqa: BLE001 - a validator of a part may trip on a BROKEN field
            return BROKEN


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
    on its own data once its fields, and so its parts with their own checks, are valid. Each
    broken rule is one error of pydantic's ``ValidationError``: its type is the rule id
    (``V4``), its location the full field path, its context the rule's message key and values.
    In the modes ``types`` and ``partial`` (:func:`validating`) the rules are not run here.

    The checks live in :mod:`chibo_docs.rules` and import the models, so the validator imports
    them when it runs, not when this module is loaded: the one place where the models reach up
    to the checks. (The only other thing the models read from :mod:`chibo_docs.rules` is
    :mod:`~chibo_docs.models.rulesets`, plain data that imports nothing of chibo_docs.)
    """

    @model_validator(mode="after")
    def _refuse_broken_rules(self) -> Self:
        if _mode.get() is not Mode.NORMAL:
            return self
        from chibo_docs.rules.checks import refuse  # the one import from models up to rules

        refuse(self)
        return self

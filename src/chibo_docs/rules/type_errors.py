"""Pydantic's errors in the reader's words: one message per error type, with what to do.

Pydantic reports a value of the wrong type by an error type (``int_type``,
``greater_than_equal``, ``date_from_datetime_parsing``, …) and a context (``{"ge": 0}``).
:data:`TYPE_ERRORS` gives each type our models can produce a message of its own (English, the
msgid; Vietnamese in the catalog), filled with the context, the value the data has (``input``)
and, for a choice, the values allowed with their labels. The codes of the models' own
validators (:mod:`chibo_docs.models.value_errors`) are in the table too. A type not in the
table still gets a sentence in the reader's language (:data:`FALLBACK`) naming the code.

>>> from pydantic import ValidationError
>>> from chibo_docs.models import Vote
>>> try:
...     Vote(subject="Thông qua", approve=-1)
... except ValidationError as exc:
...     problem = type_error_problem(exc.errors()[0], Vote, "vi")
>>> problem.code, problem.field, problem.message
('greater_than_equal', 'Số đồng chí tán thành', 'Phải từ 0 trở lên; dữ liệu ghi -1')
>>> problem.message_en
'must be 0 or more; the data has -1'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from chibo_docs.i18n import N_, Language, Message
from chibo_docs.models.base import ID_PATTERN
from chibo_docs.models.glossary import Label, choices_at
from chibo_docs.models.organisation import SYMBOL_PATTERN
from chibo_docs.models.periods import POINT_PATTERN
from chibo_docs.models.references import CODE_PATTERN
from chibo_docs.models.value_errors import VALUE_ERRORS
from chibo_docs.problems import Problem
from chibo_docs.rules.registry import phrases
from chibo_docs.rules.reporting import make_problem

__all__ = ["DATE_REASONS", "FALLBACK", "PATTERNS", "TYPE_ERRORS", "type_error_problem"]

_WHOLE_NUMBER = N_("must be a whole number written with digits, such as 7, not {input}")
_A_DATE = N_("is not a date: {reason}; write it as YYYY-MM-DD, such as 2021-04-26 (the data has {input})")
_A_TIME = N_(
    "is not a date and time: {reason}; write it as YYYY-MM-DD HH:MM, such as 2021-04-26 14:00 "
    "(the data has {input})"
)
_A_GROUP = N_("must be a group of fields (key: value lines below it), not {input}")
_YES_NO = N_("must be true or false, not {input}")

TYPE_ERRORS: Final[Mapping[str, str]] = {
    "missing": N_("is required but missing; add it"),
    "extra_forbidden": N_("'{key}' is not a field here; check its spelling, or remove it"),
    "int_type": _WHOLE_NUMBER,
    "int_parsing": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "greater_than_equal": N_("must be {ge} or more; the data has {input}"),
    "greater_than": N_("must be more than {gt}; the data has {input}"),
    "less_than_equal": N_("must be {le} or less; the data has {input}"),
    "less_than": N_("must be less than {lt}; the data has {input}"),
    "string_type": N_("must be text, not {input}; put it in quotes if it looks like a number or a date"),
    "string_too_short": N_("must have at least {min_length} character(s)"),
    "string_too_long": N_("is too long: at most {max_length} characters are allowed"),
    "string_pattern_mismatch": N_("does not have the expected form ({pattern}); the data has {input}"),
    "too_short": N_("must hold at least {min_length} item(s); the data has {actual_length}"),
    "too_long": N_("must hold at most {max_length} item(s); the data has {actual_length}"),
    "list_type": N_("must be a list (one line starting with '- ' per item), not {input}"),
    "bool_type": _YES_NO,
    "bool_parsing": _YES_NO,
    "date_type": N_("must be a date written as YYYY-MM-DD, such as 2021-04-26, not {input}"),
    "date_parsing": _A_DATE,
    "date_from_datetime_parsing": _A_DATE,
    "date_from_datetime_inexact": N_(
        "must be a date without a time, written as YYYY-MM-DD, such as 2021-04-26; the data has {input}"
    ),
    "datetime_type": N_(
        "must be a date and time written as YYYY-MM-DD HH:MM, such as 2021-04-26 14:00, not {input}"
    ),
    "datetime_parsing": _A_TIME,
    "datetime_from_date_parsing": _A_TIME,
    "datetime_object_invalid": _A_TIME,
    "timezone_naive": N_(
        "must be a local time without a time zone, written as YYYY-MM-DD HH:MM, such as "
        "2021-04-26 14:00; the data has {input}"
    ),
    "enum": N_("must be one of {choices}; the data has {input}"),
    "literal_error": N_("must be one of {choices}; the data has {input}"),
    "model_type": _A_GROUP,
    "model_attributes_type": _A_GROUP,
    "dict_type": _A_GROUP,
    "union_tag_invalid": N_("'{discriminator}' is {tag}, which is none of {expected_tags}"),
    "union_tag_not_found": N_("'{discriminator}' is missing: it says which document the data holds"),
    "recursion_loop": N_("refers to itself; write the value out"),
    "value_error": N_("is not accepted: {reason}; check this value"),
    **VALUE_ERRORS,
}
"""A message per pydantic error type (and per code of our validators), English (the msgid)."""

FALLBACK: Final = N_("is not accepted (error '{code}'); check this value (the data has {input})")
"""The message of an error type the table does not know."""

PATTERNS: Final[Mapping[str, str]] = {
    ID_PATTERN: N_(
        "an id holds only ASCII letters, digits and '.', '_' or '-', from a letter or a digit "
        "(such as m01); the data has {input}"
    ),
    POINT_PATTERN: N_(
        "a time is a day (2021-04-26), a month (2021-04), a quarter (2021-Q2) or a year (2021); "
        "the data has {input}"
    ),
    SYMBOL_PATTERN: N_(
        "a symbol is letters from a capital, parts joined by '-' (such as CB, ĐUK); the data has {input}"
    ),
    CODE_PATTERN: N_(
        "a document's number and symbol are written like 10-KH/ĐUK or 05-CT/TW; the data has {input}"
    ),
}
"""Messages of ``string_pattern_mismatch`` for the patterns of our models, by pattern."""

DATE_REASONS: Final[Mapping[str, str]] = {
    "day value is outside expected range": N_("that day does not exist in that month"),
    "month value is outside expected range of 1-12": N_("the month is from 1 to 12"),
    "hour value is outside expected range of 0-23": N_("the hour is from 0 to 23"),
    "minute value is outside expected range of 0-59": N_("the minutes are from 0 to 59"),
    "second value is outside expected range of 0-59": N_("the seconds are from 0 to 59"),
    "input is too short": N_("it is incomplete"),
    "input is too long": N_("it is too long"),
    "invalid character in year": N_("it does not start with a year of 4 digits"),
    "invalid character in month": N_("the month is not written with 2 digits"),
    "invalid character in day": N_("the day is not written with 2 digits"),
    "invalid date separator, expected `-`": N_("the year, month and day are separated by '-'"),
    "invalid datetime separator, expected `T`, `t`, `_` or space": N_(
        "the date and the time are separated by a space"
    ),
    "unexpected extra characters at the end of the input": N_(
        "something follows the date and time, or the time is not HH:MM"
    ),
    "year 0 is out of range": N_("the year is out of range"),
}
"""What pydantic's date parser says, in our words (the ``reason`` of a date message)."""

_CANNOT_READ: Final = N_("it cannot be read")

_ENGLISH_CONTEXT = {"error", "expected"}
_NOT_SHOWN = {"missing"}  # the input of a missing field is the value around it
_SHOWN_LENGTH = 60


def shown(value: Any) -> str:
    """The value as written in YAML or JSON: ``true``, ``null``, ``5``, ``'2021-02-30'``.

    >>> shown(True), shown(None), shown(5), shown("2021-02-30"), shown({"a": 1})
    ('true', 'null', '5', "'2021-02-30'", '{…}')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= _SHOWN_LENGTH else f"{text[:_SHOWN_LENGTH - 4]}…{text[-1]}"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    return type(value).__name__


def _json_ready(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    return str(value)


def type_error_problem(error: ErrorDetails, model: type[BaseModel] | None, lang: Language) -> Problem:
    """Return one of pydantic's errors as a problem in ``lang``; ``model`` validated the data.

    The code is pydantic's error type (or our validator's code), the path its location; the
    values are its context, the value the data has (``input``) and what the message shows.
    """
    code = error["type"]
    path = tuple(error["loc"])
    context: dict[str, Any] = {k: _json_ready(v) for k, v in (error.get("ctx") or {}).items()}
    # pydantic's own words ("day value is outside expected range", "'a' or 'b'") are English:
    # the message says them in the reader's language instead
    values: dict[str, Any] = {k: v for k, v in context.items() if k not in _ENGLISH_CONTEXT}
    if code not in _NOT_SHOWN:
        values["input"] = shown(error.get("input"))
    raised = (error.get("ctx") or {}).get("error")
    said = getattr(raised, "msg", None)  # our errors keep their Message (errors.FrameworkError)
    if not isinstance(said, Message):
        said = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
    if code == "value_error" and isinstance(said, Message):
        # a validator of our models refused the value with a message of its own
        return make_problem(code, "error", said.msgid, {**said.values, **values}, lang,
                            path=path, model=model)
    msgid = TYPE_ERRORS.get(code, FALLBACK)
    if code == "extra_forbidden":
        values["key"] = path[-1] if path else ""
    elif code == "string_pattern_mismatch":
        msgid = PATTERNS.get(str(context.get("pattern")), msgid)
    elif code in ("enum", "literal_error"):
        kind, allowed = choices_at(model, path) if model is not None else (None, ())
        values["choices"] = (phrases(Label("", {}, v, kind, True) for v in allowed) if allowed
                             else context.get("expected", ""))
    elif msgid in (_A_DATE, _A_TIME):
        values["reason"] = Message(DATE_REASONS.get(str(context.get("error")), _CANNOT_READ))
    elif code == "value_error":
        values["reason"] = str(said) if said is not None else ""
    elif msgid is FALLBACK:
        values["code"] = code
    problem = make_problem(code, "error", msgid, values, lang, path=path, model=model)
    return problem

"""The errors the models' own validators raise: a code, an English message, the values.

A validator of chibo_docs refuses a value with :func:`value_error`: pydantic reports it with the
code as its error type (``one_line``, ``not_capitals``, …) and the values as its context, so a
program reads what went wrong without parsing text, and :mod:`chibo_docs.rules.type_errors`
translates it like any of pydantic's own errors (the message below is its msgid).

>>> error = value_error("one_line", position=3)
>>> error.type, str(error)
('one_line', 'must be one line, but a line break was found at position 3; put it on one line')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from pydantic_core import PydanticCustomError

from chibo_docs.i18n import N_

__all__ = ["VALUE_ERRORS", "value_error"]

VALUE_ERRORS: Final[Mapping[str, str]] = {
    "xml_character": N_(
        "contains the character {character} ({code_point}) at position {position}, which a "
        ".docx (XML 1.0) cannot hold; remove it"
    ),
    "empty_text": N_("must not be empty; write the text"),
    "one_line": N_(
        "must be one line, but a line break was found at position {position}; put it on one line"
    ),
    "not_capitals": N_("header lines are written in capitals; write '{capitals}'"),
    "recipient_punctuation": N_(
        "recipient {number} '{recipient}' is written with a leading '- ' or a final ',', ';' or "
        "'.'; write it without them, the template adds them"
    ),
    "last_recipient": N_(
        "the last recipient is the file copy, e.g. 'Lưu Chi bộ'; the last one is '{recipient}'"
    ),
    "bad_day": N_("'{input}' is not a day of the calendar; write a day that exists, such as 2021-04-26"),
    "period_backwards": N_(
        "the period ends ({end}) before it starts ({start}); give an end on or after the start"
    ),
}
"""Every code the models' validators raise, with its message (English, the msgid)."""


def value_error(code: str, /, **values: object) -> PydanticCustomError:
    """Return the error a validator raises to refuse a value: ``code`` with ``values``."""
    return PydanticCustomError(code, VALUE_ERRORS[code], dict(values))

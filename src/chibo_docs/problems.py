"""Problems: the one shape of every problem chibo_docs reports, for people and for programs.

Data validation, the Party-rule warnings of :func:`chibo_docs.check`, the conformance check and
the template linter all report :class:`Problem` objects: the command-line tool prints them the
same way and other programs read them the same way (:meth:`Problem.to_dict` for JSON).

A problem says what (``code``: a rule id such as ``V4``, ``HD36-7``, ``L003``, or pydantic's
error type such as ``greater_than_equal``), how bad (``severity``), where (``path`` in the data,
or ``location`` in a document or template), in which words (``message`` in the chosen
language, ``message_en`` in English), with which numbers (``values``) and on what authority
(``source``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from chibo_docs.i18n import N_, Language, Message, current_language, translate
from chibo_docs.location import Location

__all__ = ["Path", "Problem", "Severity", "describe", "has_errors"]

Severity = Literal["error", "warning", "info"]
_SEVERITIES: dict[str, str] = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
Path = tuple[str | int, ...]
"""Where a value sits in the data: ``("meeting", "attendance", 3, "reason")``."""

def _json_value(value: Any) -> Any:
    """Return ``value`` as JSON can hold it (dates as ISO text, decimals as numbers)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class Problem:
    """One reported problem.

    It prints in the language in force (:mod:`chibo_docs.i18n`): the words around the
    message, and the message itself when it is English (``message_en``) and English is asked.

    >>> p = Problem("V8", "warning", "the meeting lasted 60 minutes; at least 90 are expected",
    ...             path=("meeting", "end"), source="HD 12-HD/BTCTW II.3.3",
    ...             values={"minutes": 60, "minimum": 90}, line=12)
    >>> print(p.text("en"))
    warning V8 at meeting.end (line 12): the meeting lasted 60 minutes; at least 90 are expected [HD 12-HD/BTCTW II.3.3]
    >>> p.dotted, p.to_dict()["values"]
    ('meeting.end', {'minutes': 60, 'minimum': 90})
    >>> q = Problem("HD36-7", "error", "không có dấu hai chấm sau 'Số'",
    ...             message_en="no colon after 'Số'", location=Location("body", paragraph=4),
    ...             found="Số: 05-NQ/CB", expected="'Số 05-NQ/CB'")
    >>> print(q)
    lỗi HD36-7 tại thân văn bản, đoạn 4: không có dấu hai chấm sau 'Số' (thấy 'Số: 05-NQ/CB', cần 'Số 05-NQ/CB')
    >>> print(q.text("en"))
    error HD36-7 at body, paragraph 4: no colon after 'Số' (found 'Số: 05-NQ/CB', expected 'Số 05-NQ/CB')
    >>> q.to_dict()["where"], q.to_dict()["location"]["paragraph"]
    ('body, paragraph 4', 4)
    """

    code: str
    """What broke: a rule id (``"V4"``, ``"HD36-7"``, ``"L003"``) or pydantic's error type."""
    severity: Severity
    message: str
    """What is wrong and what to do, in the language chosen when the problem was made."""
    path: Path = ()
    """Where in the data (empty for the whole document, or for a problem in a .docx)."""
    location: Location | None = None
    """Where in a .docx (lint and conformance problems)."""
    field: str | None = None
    """The Vietnamese term of the field at ``path`` (the glossary's), for people."""
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    """The numbers, names and dates involved, by name (also those the message shows)."""
    source: str | None = None
    """The rule's source (guidance document and section)."""
    hint: str | None = None
    """What to do about it, in plain words, when the message does not say it already."""
    found: str | None = None
    expected: str | None = None
    tag: str | None = None
    """The template tag at fault, as written (template lint problems)."""
    line: int | None = None
    """The line of the data file where the value at ``path`` is written (from 1)."""
    file: str | None = None
    """The file the value was read from, when it is not the data file itself (an include)."""
    message_en: str | None = None
    """The message in English; ``None`` when ``message`` is English already."""
    hint_en: str | None = None

    @property
    def dotted(self) -> str:
        """The data path as text: ``meeting.attendance.3.reason`` (``""`` for none)."""
        return ".".join(str(part) for part in self.path)

    @property
    def where(self) -> str:
        """Where the problem is, for programs: the dotted data path, or the location in English."""
        return self.where_text("en")

    def where_text(self, lang: Language | None = None) -> str:
        """Where the problem is, in ``lang``: the dotted data path, or the document location."""
        if self.path:
            return self.dotted
        return self.location.text(lang) if self.location is not None else ""

    def text(self, lang: Language | None = None) -> str:
        """Return the problem on one line in ``lang`` (default: the language in force).

        The message and hint are ``message_en``/``hint_en`` in English, else as made.
        """
        chosen = lang or current_language()
        english = chosen == "en"
        words = {
            "severity": translate(_SEVERITIES[self.severity], {}, chosen),
            "code": self.code,
            "where": self.where_text(chosen),
            "line": self.line,
            "file": self.file,
        }
        pieces = [
            translate(N_("{severity} {code} at {where}"), words, chosen) if words["where"]
            else translate(N_("{severity} {code}"), words, chosen)
        ]
        if self.line is not None:
            pieces.append(" ")
            pieces.append(
                translate(N_("(line {line} of {file})"), words, chosen) if self.file
                else translate(N_("(line {line})"), words, chosen)
            )
        if self.tag is not None:
            pieces.append(", ")
            pieces.append(translate(N_("tag {tag}"), {"tag": self.tag}, chosen))
        pieces.append(": ")
        pieces.append(self.message_en if english and self.message_en else self.message)
        shown = {"found": self.found, "expected": self.expected}
        if self.found is not None:
            pieces.append(" ")
            pieces.append(
                translate(N_("(found {found!r}, expected {expected})"), shown, chosen)
                if self.expected is not None
                else translate(N_("(found {found!r})"), shown, chosen)
            )
        elif self.expected is not None:
            pieces.append(" ")
            pieces.append(translate(N_("(expected {expected})"), shown, chosen))
        hint = self.hint_en if english and self.hint_en else self.hint
        if hint:
            pieces.append("; ")
            pieces.append(hint)
        if self.source:
            pieces.append(f" [{self.source}]")
        return "".join(pieces)

    def __str__(self) -> str:
        return self.text()

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready dict: every field, ``path`` also dotted."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": list(self.path),
            "dotted": self.dotted,
            "where": self.where,
            "field": self.field,
            "message": self.message,
            "message_en": self.message_en if self.message_en is not None else self.message,
            "values": _json_value(dict(self.values)),
            "source": self.source,
            "location": self.location.to_dict() if self.location is not None else None,
            "hint": self.hint,
            "hint_en": self.hint_en if self.hint_en is not None else self.hint,
            "found": self.found,
            "expected": self.expected,
            "tag": self.tag,
            "line": self.line,
            "file": self.file,
        }


def has_errors(problems: Iterable[Problem]) -> bool:
    """Return whether any problem is an error.

    >>> has_errors([Problem("X", "warning", "w")]), has_errors([Problem("X", "error", "e")])
    (False, True)
    """
    return any(p.severity == "error" for p in problems)


SEVERITIES: Mapping[str, str] = {"error": N_("error"), "warning": N_("warning"), "info": N_("note")}
"""The severities in words, as a problem's line starts."""


def describe(problem: Problem, lang: Language | None = None) -> str:
    """Return ``problem`` as one line in ``lang`` (default: the language in force).

    The severity and, for a rule (a code that starts with a capital: ``V4``, ``HD36-7``), its
    id; where: the field's path with its Vietnamese term and the line of the data file, or the
    place in a document; the message; what to do; the source.

    >>> p = Problem("V5", "error", "Chưa ghi lý do vắng", path=("meeting", "attendance", 8, "reason"),
    ...             field="Lý do vắng", line=58, source="HD 12-HD/BTCTW II.1.2")
    >>> describe(p, "vi")
    'lỗi V5 tại Lý do vắng (meeting.attendance.8.reason), dòng 58: Chưa ghi lý do vắng — HD 12-HD/BTCTW II.1.2'
    >>> describe(Problem("int_type", "error", "must be a whole number", path=("number",)), "en")
    'error at number: must be a whole number'
    """
    severity = Message(SEVERITIES[problem.severity])
    rule = problem.code[:1].isupper()
    head = (translate("{severity} {code}", {"severity": severity, "code": problem.code}, lang)
            if rule else severity.text(lang))
    where: str | Message | None = None
    if problem.path:
        where = (Message(N_("{path} ({field})"), {"path": problem.dotted, "field": problem.field})
                 if problem.field else problem.dotted)
    elif problem.location is not None:
        where = str(problem.location)
    if where is not None and problem.line is not None:
        where = (Message(N_("{where}, line {line} of {file}"), {"where": where, "line": problem.line,
                                                                "file": problem.file})
                 if problem.file else Message(N_("{where}, line {line}"), {"where": where, "line": problem.line}))
    text = problem.message
    if problem.hint:
        text = translate("{message}; {hint}", {"message": text, "hint": problem.hint}, lang)
    if problem.source:
        text = translate("{message} — {source}", {"message": text, "source": problem.source}, lang)
    if where is None:
        return translate("{head}: {text}", {"head": head, "text": text}, lang)
    return translate(N_("{head} at {where}: {text}"), {"head": head, "where": where, "text": text}, lang)

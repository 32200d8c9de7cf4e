"""Findings: the one shape for every reported problem that does not stop the work.

Data warnings (Party rules marked W), conformance-check results and template lint results are
all :class:`Finding` objects, so the command-line tool prints them the same way and other tools
read them the same way (``to_dict`` for JSON). A finding about a place in a .docx carries its
:class:`~chibo_docs.location.Location`, printed in ``where`` and given to JSON as fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Literal

from chibo_docs.location import Location

__all__ = ["Finding", "Severity", "has_errors"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem.

    >>> f = Finding("V8", "warning", "the meeting lasted 60 minutes; at least 90 are expected",
    ...             where="meeting.end", source="HD 12-HD/BTCTW II.3.3")
    >>> print(f)
    warning V8 at meeting.end: the meeting lasted 60 minutes; at least 90 are expected [HD 12-HD/BTCTW II.3.3]
    >>> g = Finding("HD36-7", "error", "no colon after 'Số'", location=Location("body", paragraph=4))
    >>> g.where, g.to_dict()["location"]["paragraph"]
    ('body, paragraph 4', 4)
    """

    rule: str
    """Short rule id, e.g. ``"V8"`` for a data rule or ``"HD36-7"`` for a layout rule."""
    severity: Severity
    message: str
    where: str = ""
    """Where the problem is: a data field path, or a location in a document or template."""
    found: str | None = None
    expected: str | None = None
    source: str | None = None
    """The rule's source (guidance document and section)."""
    tag: str | None = None
    """The template tag at fault, as written (template lint findings)."""
    hint: str | None = None
    """What to do about it, in plain words."""
    location: Location | None = None
    """The place in a .docx (lint and conformance findings); ``where`` prints it when not given."""

    def __post_init__(self) -> None:
        if self.location is not None and not self.where:
            object.__setattr__(self, "where", str(self.location))

    def __str__(self) -> str:
        text = f"{self.severity} {self.rule}"
        if self.where:
            text += f" at {self.where}"
        if self.tag is not None:
            text += f", tag {self.tag}"
        text += f": {self.message}"
        if self.found is not None:
            text += f" (found {self.found!r}"
            text += f", expected {self.expected})" if self.expected is not None else ")"
        elif self.expected is not None:
            text += f" (expected {self.expected})"
        if self.hint:
            text += f"; {self.hint}"
        if self.source:
            text += f" [{self.source}]"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as a JSON-ready dict (``location`` as fields, or ``None``)."""
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["location"] = self.location.to_dict() if self.location is not None else None
        return data


def has_errors(findings: Iterable[Finding]) -> bool:
    """Return whether any finding is an error.

    >>> has_errors([Finding("X", "warning", "w")]), has_errors([Finding("X", "error", "e")])
    (False, True)
    """
    return any(f.severity == "error" for f in findings)

"""Findings: the one shape for every reported problem that does not stop the work.

Data warnings (Party rules marked W), conformance-check results and template lint results are
all :class:`Finding` objects, so the command-line tool prints them the same way and other tools
read them the same way (``to_dict`` for JSON).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["Finding", "Severity", "has_errors"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem.

    >>> f = Finding("V8", "warning", "the meeting lasted 60 minutes; at least 90 are expected",
    ...             where="meeting.end", source="HD 12-HD/BTCTW II.3.3")
    >>> print(f)
    warning V8 at meeting.end: the meeting lasted 60 minutes; at least 90 are expected [HD 12-HD/BTCTW II.3.3]
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

    def to_dict(self) -> dict[str, str | None]:
        """Return the finding as a JSON-ready dict."""
        return asdict(self)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Return whether any finding is an error.

    >>> has_errors([Finding("X", "warning", "w")]), has_errors([Finding("X", "error", "e")])
    (False, True)
    """
    return any(f.severity == "error" for f in findings)

"""Validation reports: a data file's errors (with field paths) and warnings, as text lines.

Used by ``chibo-docs validate`` and ``chibo-docs demo``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from chibo_docs.findings import Finding
from chibo_docs.loading import load_data
from chibo_docs.models import Invitation, Minutes, Plan, Resolution
from chibo_docs.rules.registry import RuleViolation
from chibo_docs.validation import check

__all__ = ["Report", "error_lines", "validate_file"]


def error_lines(exc: ValidationError) -> list[str]:
    """Return one line per error: ``error [rule] at <field path>: <message>``.

    Rule violations raised by a model validator carry their own sub-path, which is joined
    to pydantic's location, so the path always leads to the offending field.
    """
    lines: list[str] = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, RuleViolation):
            for violation in cause.violations:
                path = ".".join(p for p in (loc, violation.where) if p)
                lines.append(f"error {violation.rule} at {path or '(document)'}: {violation.message}")
        else:
            message = err["msg"].removeprefix("Value error, ")
            lines.append(f"error at {loc or '(document)'}: {message}")
    return lines


@dataclass
class Report:
    """The result of validating one data file."""

    path: Path
    document: Minutes | Resolution | Plan | Invitation | None = None
    errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the data was accepted (warnings allowed)."""
        return self.document is not None and not self.errors

    def lines(self) -> list[str]:
        """The report as text lines: a status line, the errors, then the findings."""
        if self.document is None:
            head = f"{self.path}: {len(self.errors)} error(s)"
        else:
            head = f"{self.path}: {self.document.document} OK"
            if self.findings:
                head += f", {len(self.findings)} finding(s)"
        return [head, *(f"  {e}" for e in self.errors), *(f"  {f}" for f in self.findings)]


def validate_file(path: str | os.PathLike[str]) -> Report:
    """Load and check a data file; validation errors go into the report, not out as exceptions.

    Raises:
        DataError: the file cannot be read, parsed, or does not say which document it holds.
    """
    report = Report(Path(path))
    try:
        report.document = load_data(path)
    except ValidationError as exc:
        report.errors = error_lines(exc)
        return report
    report.findings = check(report.document)
    return report

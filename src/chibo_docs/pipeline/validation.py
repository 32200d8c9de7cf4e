"""Validation reports: a data file's errors and warnings, with field paths and line numbers.

Used by ``chibo-docs validate``, ``render``, ``dossier`` and ``demo``. Each error names the
field path and, for data read from a file, the line the value was written on::

    error at assignments.0.deadline (line 40): Input should be a valid date or datetime, day
    value is outside expected range (the data has '2021-02-30')

The data's ``document:`` says which model validates it: a kind of document (``minutes``,
``resolution``, ``plan``, ``invitation``) names its chibo_docs model, and the id of a form names
that form's model, which may be its author's own (``model = "my_models:X"`` in the manifest).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from chibo_docs.errors import DataError, FormModelMismatchError
from chibo_docs.forms.registry import Form, FormRegistry, model_label
from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.reader import DataFile, Location, read_data_file
from chibo_docs.models import DOCUMENT_MODELS, Invitation, Minutes, Plan, Resolution
from chibo_docs.problems import Problem
from chibo_docs.rules.check import check
from chibo_docs.rules.registry import RuleViolation

__all__ = ["DataIssue", "Report", "data_issues", "error_lines", "validate_file"]

# Error types whose message already shows the offending value (our own validators), or whose
# input is not the user's value (a missing field).
_NO_VALUE_SHOWN = {"value_error", "assertion_error", "missing"}
_SHOWN_LENGTH = 60


@dataclass(frozen=True)
class DataIssue:
    """One validation error of a data file: the field, the message, and where it was written.

    ``where`` is the dotted field path (``''`` for the whole document), ``rule`` the Party rule
    broken (``'V2'``) if any, ``line`` the line (from 1) of the value or of its closest
    enclosing value, and ``file`` the included file it was written in (``None`` for the data
    file itself, or when the data did not come from a file).

    >>> print(DataIssue("assignments.0.deadline", "Input should be a valid date", line=40))
    error at assignments.0.deadline (line 40): Input should be a valid date
    >>> print(DataIssue("adoption_vote.approve", "not adopted", rule="V2"))
    error V2 at adoption_vote.approve: not adopted
    """

    where: str
    message: str
    rule: str | None = None
    line: int | None = None
    file: str | None = None

    def __str__(self) -> str:
        head = f"error {self.rule}" if self.rule else "error"
        place = ""
        if self.line is not None:
            place = f" (line {self.line} of {self.file})" if self.file else f" (line {self.line})"
        return f"{head} at {self.where or '(document)'}{place}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The issue as plain values (for JSON)."""
        return {"where": self.where, "message": self.message, "rule": self.rule,
                "line": self.line, "file": self.file}


def _shown(value: Any) -> str | None:
    """The offending value as written in YAML/JSON, or None when it is not a plain value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= _SHOWN_LENGTH else f"{text[:_SHOWN_LENGTH - 4]}…{text[-1]}"
    return None


def _key_path(loc: Iterable[Any], where: str = "") -> tuple[Any, ...]:
    extra = [int(p) if p.isdigit() else p for p in where.split(".") if p]
    return (*loc, *extra)


def _place(source: DataFile | None, path: tuple[Any, ...]) -> tuple[int | None, str | None]:
    """The line of ``path`` in ``source`` and the included file it is in (None: the file itself)."""
    found: Location | None = source.locate(path) if source is not None else None
    if found is None or source is None:
        return None, None
    home = source.path.resolve().parent
    if found.file == source.path.resolve():
        return found.line, None
    shown = found.file.relative_to(home) if found.file.is_relative_to(home) else found.file
    return found.line, str(shown)


def data_issues(exc: ValidationError, source: DataFile | None = None) -> list[DataIssue]:
    """Return one :class:`DataIssue` per error of ``exc``, located in ``source`` when given.

    Rule violations raised by a model validator carry their own sub-path, which is joined to
    pydantic's location, so the path always leads to the offending field. Type errors show
    the value the data has (``true``, ``'2021-02-30'``).
    """
    issues: list[DataIssue] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, RuleViolation):
            for violation in cause.violations:
                path = (*loc, *violation.path)
                line, file = _place(source, path)
                issues.append(
                    DataIssue(".".join(map(str, path)), violation.message, violation.rule, line, file)
                )
            continue
        message = err["msg"].removeprefix("Value error, ")
        shown = None if err["type"] in _NO_VALUE_SHOWN else _shown(err.get("input"))
        if shown is not None:
            message += f" (the data has {shown})"
        line, file = _place(source, loc)
        issues.append(DataIssue(".".join(map(str, loc)), message, None, line, file))
    return issues


def error_lines(exc: ValidationError, source: DataFile | None = None) -> list[str]:
    """Return one line per error: ``error [rule] at <field path> [(line N)]: <message>``."""
    return [str(issue) for issue in data_issues(exc, source)]


@dataclass
class Report:
    """The result of validating one data file.

    ``issues`` are the errors (structured, with lines); ``errors`` the same as text lines;
    ``findings`` the warnings of the Party rules; ``source`` the data as read, with lines;
    ``kind`` what its ``document:`` key says; ``form`` the form the data is for, when it names
    one (``document: <form id>``) or one was given.
    """

    path: Path
    document: BaseModel | None = None
    issues: list[DataIssue] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    source: DataFile | None = None
    kind: str | None = None
    form: Form | None = None

    @property
    def errors(self) -> list[str]:
        """The errors as report lines."""
        return [str(issue) for issue in self.issues]

    @property
    def ok(self) -> bool:
        """Whether the data was accepted (warnings allowed)."""
        return self.document is not None and not self.issues

    def _located(self, finding: Problem) -> Problem:
        if not finding.path:
            return finding
        line, file = _place(self.source, finding.path)
        if line is None:
            return finding
        return replace(finding, line=line, file=file)

    def lines(self) -> list[str]:
        """The report as text lines: a status line, the errors, then the findings."""
        if self.document is None:
            head = f"{self.path}: {len(self.issues)} error(s)"
        else:
            head = f"{self.path}: {self.kind} OK"
            if self.findings:
                head += f", {len(self.findings)} finding(s)"
        return [head, *(f"  {e}" for e in self.errors),
                *(f"  {self._located(f)}" for f in self.findings)]


def validate_file(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
    folders: Sequence[str | os.PathLike[str]] = (),
    form: Form | str | None = None,
) -> Report:
    """Load and check a data file; validation errors go into the report, not out as exceptions.

    ``limits`` and ``include_roots`` are those of :func:`chibo_docs.loading.reader.read_data_file`.
    A ``document:`` that is not a kind of document is looked up as a form id among the forms
    (built-in, ``folders``, ``CHIBO_DOCS_FORMS_PATH``, packages), whose model validates the
    data. With ``form`` (what ``chibo-docs render FORM`` gives), the data must be for that
    form: of its model, or of a model derived from it.

    >>> from chibo_docs.resources import examples_dir
    >>> validate_file(examples_dir() / "ke-hoach-10-2021.yaml").lines()[0].endswith("plan OK")
    True

    Raises:
        DataError: the file cannot be read or parsed, breaks a limit, has a refused include,
            or does not say which document it holds (neither a kind nor a known form).
        UnknownFormError: ``form`` is an id no form has.
        FormModelMismatchError: ``form`` is filled from another model than the data's.
    """
    report = Report(Path(path))
    source = report.source = read_data_file(path, limits=limits, include_roots=include_roots)
    report.kind = source.kind
    registry: FormRegistry | None = None
    if report.kind in DOCUMENT_MODELS:
        model: type[BaseModel] = DOCUMENT_MODELS[report.kind]
    else:
        registry = FormRegistry.default(folders)
        if report.kind not in registry:
            raise _unknown_kind(source, report.kind, registry)
        report.form = registry.get(report.kind)
        model = report.form.model
    if form is not None:
        chosen = form if isinstance(form, Form) else (registry or FormRegistry.default(folders)).get(form)
        if not issubclass(model, chosen.model):
            raise FormModelMismatchError(
                chosen.id, chosen.model_name, model_label(model), source=str(path),
                document=report.kind, by_id=chosen.model not in DOCUMENT_MODELS.values(),
            )
        report.form = chosen
    try:
        report.document = source.document(model)
    except ValidationError as exc:
        report.issues = data_issues(exc, report.source)
        return report
    if isinstance(report.document, Minutes | Resolution | Plan | Invitation):
        report.findings = check(report.document)
    return report


def _unknown_kind(source: DataFile, kind: str, registry: FormRegistry) -> DataError:
    kinds = ", ".join(DOCUMENT_MODELS)
    forms = ", ".join(f.id for f in registry)
    where = source.locate(("document",))
    return DataError(
        f"has document: {kind!r}, which is neither a kind of document ({kinds}) nor the id of "
        f"a form ({forms}); check its spelling, or give the folder of its form (--forms DIR)",
        file=str(source.path), line=where.line if where else None,
    )

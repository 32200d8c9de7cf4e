"""Validate a data file: every problem at once, with field paths, Vietnamese terms and lines.

Used by ``chibo-docs validate``, ``render``, ``dossier`` and ``demo``, and by
:func:`chibo_docs.validate`. Each problem names the field's path, its Vietnamese term and, for
data read from a file, the line the value was written on::

    lỗi tại Thời hạn (assignments.0.deadline), dòng 40: Không phải là ngày hợp lệ: tháng đó
    không có ngày này; hãy viết theo dạng YYYY-MM-DD, ví dụ 2021-04-26 (dữ liệu ghi '2021-02-30')

The data's ``document:`` says which model validates it: a kind of document (``minutes``,
``resolution``, ``plan``, ``invitation``) names its chibo_docs model, and the id of a form names
that form's model, which may be its author's own (``model = "my_models:X"`` in the manifest).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs.errors import DataError, FormModelMismatchError
from chibo_docs.forms.registry import Form, FormRegistry, model_label
from chibo_docs.i18n import N_, Message, message, translate, using
from chibo_docs.loading.limits import DataLimits
from chibo_docs.loading.reader import DataFile, read_data_file
from chibo_docs.models import DOCUMENT_MODELS
from chibo_docs.models.glossary import Label
from chibo_docs.problems import Problem, describe
from chibo_docs.rules.validation import validate_data

__all__ = ["Report", "validate", "validate_file"]


@dataclass
class Report:
    """The result of validating one data file.

    ``problems`` are every error, warning and note (errors first), each with its field path,
    Vietnamese term and line; ``errors`` and ``findings`` split them (errors; warnings and
    notes). ``source`` is the data as read, with lines; ``kind`` what its ``document:`` key
    says; ``form`` the form the data is for, when it names one (``document: <form id>``) or one
    was given; ``document`` the model, when the data is valid.
    """

    path: Path
    document: BaseModel | None = None
    problems: list[Problem] = field(default_factory=list)
    source: DataFile | None = None
    kind: str | None = None
    form: Form | None = None
    lang: str | None = None
    """The language of the messages (``None``: the language in force)."""

    @property
    def errors(self) -> list[Problem]:
        """The errors: the data is refused when there is any."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def findings(self) -> list[Problem]:
        """The warnings and notes."""
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        """Whether the data was accepted (warnings and notes allowed)."""
        return self.document is not None and not self.errors

    def summary(self) -> str:
        """The status line, in the report's language: the file, OK or not, the counts."""
        with using(self.lang):
            return self._summary()

    def _summary(self) -> str:
        counts = {"file": str(self.path),
                  "errors": len(self.errors),
                  "warnings": sum(p.severity == "warning" for p in self.problems),
                  "notes": sum(p.severity == "info" for p in self.problems)}
        if not self.ok:
            return translate(N_("{file}: {errors} error(s), {warnings} warning(s), {notes} note(s)"),
                             counts)
        kind = Label("", {}, self.kind or "")
        if not self.findings:
            return translate(N_("{file}: {kind} OK"), {**counts, "kind": kind})
        return translate(N_("{file}: {kind} OK, {warnings} warning(s), {notes} note(s)"),
                         {**counts, "kind": kind})

    def lines(self, lang: str | None = None) -> list[str]:
        """The report as text lines in ``lang`` (default: the report's): the status line, then
        one line per problem."""
        with using(lang if lang is not None else self.lang):
            return [self._summary(), *(f"  {describe(p)}" for p in self.problems)]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON holds it: ``{"file": …, "problems": [problem.to_dict(), …]}``."""
        return {"file": str(self.path), "problems": [p.to_dict() for p in self.problems]}


def validate_file(
    path: str | os.PathLike[str],
    *,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
    folders: Sequence[str | os.PathLike[str]] = (),
    form: Form | str | None = None,
    lang: str | None = None,
) -> Report:
    """Load and check a data file; its problems go into the report, not out as exceptions.

    ``limits`` and ``include_roots`` are those of :func:`chibo_docs.loading.reader.read_data_file`.
    A ``document:`` that is not a kind of document is looked up as a form id among the forms
    (built-in, ``folders``, ``CHIBO_DOCS_FORMS_PATH``, packages), whose model validates the
    data. With ``form`` (what ``chibo-docs render FORM`` gives), the data must be for that
    form: of its model, or of a model derived from it. ``lang`` is the language of the
    messages (``vi`` or ``en``; default: ``CHIBO_DOCS_LANG``, else Vietnamese).

    >>> from chibo_docs.resources import examples_dir
    >>> validate_file(examples_dir() / "ke-hoach-10-2021.yaml", lang="en").summary().endswith("plan OK")
    True

    Raises:
        DataError: the file cannot be read or parsed, breaks a limit, has a refused include,
            or does not say which document it holds (neither a kind nor a known form).
        UnknownFormError: ``form`` is an id no form has.
        FormModelMismatchError: ``form`` is filled from another model than the data's.
    """
    report = Report(Path(path), lang=lang)
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
    result = source.validate(model, lang=lang)
    report.document, report.problems = result.document, result.problems
    return report


def validate(
    data: str | os.PathLike[str] | Mapping[str, Any],
    *,
    model: type[BaseModel] | None = None,
    lang: str | None = None,
    limits: DataLimits | None = None,
    include_roots: Iterable[str | os.PathLike[str]] = (),
    folders: Sequence[str | os.PathLike[str]] = (),
) -> list[Problem]:
    """Return every problem of a data file or of data: errors, warnings and notes.

    ``data`` is the path of a JSON or YAML file, or the data itself (a mapping, as
    ``json.load`` gives it). The model is ``model``, else the one its ``document:`` key names
    (a kind of document, or the id of a form among ``folders`` and the other forms). Every type
    error is reported, and every Party rule that does not read a broken field; a rule that
    does is named in a note. A file that cannot be read gives its one problem (``yaml_syntax``,
    ``max_depth``, …). The messages are in ``lang`` (``vi`` or ``en``; default:
    ``CHIBO_DOCS_LANG``, else Vietnamese), with ``message_en`` in English beside them;
    ``Problem.to_dict()`` gives JSON.

    >>> from chibo_docs.resources import examples_dir
    >>> validate(examples_dir() / "bien-ban-2021-04.yaml")
    []
    >>> problems = validate({"document": "minutes"}, lang="en")
    >>> problems[0].code, problems[0].dotted, problems[0].message
    ('missing', 'meeting', 'is required but missing; add it')

    Raises:
        UnknownFormError, FormModelMismatchError: as :func:`validate_file` (a form is not found).
    """
    if not isinstance(data, Mapping):
        try:
            return validate_file(data, limits=limits, include_roots=include_roots, folders=folders,
                                 lang=lang).problems
        except DataError as exc:
            with using(lang):
                return exc.problems
    kind = data.get("document")
    if model is None:
        if isinstance(kind, str) and kind in DOCUMENT_MODELS:
            model = DOCUMENT_MODELS[kind]
        elif isinstance(kind, str) and kind in (registry := FormRegistry.default(folders)):
            model = registry.get(kind).model
        else:
            with using(lang):
                return DataError(_kind_message(kind), code="unknown_document").problems
    source = data if kind in DOCUMENT_MODELS or "document" not in data else {
        k: v for k, v in data.items() if k != "document"}
    return validate_data(model, dict(source), lang=lang).problems


def _kind_message(kind: object) -> Message:
    kinds = ", ".join(DOCUMENT_MODELS)
    if kind is None:
        return message(N_("the data has no 'document' key; say which document it holds with "
                          "'document:' and one of {kinds}, or the id of the form it fills"), kinds=kinds)
    return message(N_("has document: '{kind}', which is not a kind of document; write one of "
                      "{kinds}, or the id of the form it fills"), kind=str(kind), kinds=kinds)


def _unknown_kind(source: DataFile, kind: str, registry: FormRegistry) -> DataError:
    kinds = ", ".join(DOCUMENT_MODELS)
    forms = ", ".join(f.id for f in registry)
    where = source.locate(("document",))
    return DataError(
        message(N_("has document: '{kind}', which is neither a kind of document ({kinds}) nor the "
                   "id of a form ({forms}); check its spelling, or give the folder of its form "
                   "(--forms DIR)"), kind=kind, kinds=kinds, forms=forms),
        file=str(source.path), line=where.line if where else None, code="unknown_document",
    )

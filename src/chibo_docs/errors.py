"""Errors raised by chibo_docs.

Every error this library raises on purpose is a :class:`ChiboDocsError`::

    ChiboDocsError
    ├── DataError                 (also ValueError)   data refused outside pydantic validation
    │   ├── DataLimitError                            a data file is too big, too deep or an alias bomb
    │   └── IncludeError                              an include is refused (outside the folder, a loop…)
    ├── UnknownFormError          (also LookupError)  no form with that id or model
    ├── FormError                 (also ValueError)   a bad form manifest or an id clash
    │   └── FormModelMismatchError (also TypeError)   a form given data of another model
    ├── FrameworkError            (also ValueError)   a bad quality framework file or an id clash
    │   └── UnknownFrameworkError (also LookupError)  no quality framework with that id
    ├── TemplateError             (also ValueError)   a template cannot be rendered
    │   ├── TemplateSyntaxError                       Jinja/docxtpl syntax in the template
    │   ├── TemplateDataError                         a tag uses data the model does not have
    │   ├── TemplateSecurityError                     a tag reaches for Python internals
    │   ├── TemplateLimitError                        over a safety limit (size, work, depth)
    │   ├── DocxFileError         (also DataError)    not a zip, a part missing or broken XML
    │   └── OutputXMLError                            the rendered XML is not well formed
    ├── ConversionError           (also RuntimeError) LibreOffice could not make a PDF
    │   ├── LibreOfficeNotFoundError                  no soffice binary was found
    │   ├── ConversionTimeoutError                    a conversion took too long and was killed
    │   ├── LibreOfficeCrashedError                   LibreOffice crashed twice on the documents
    │   ├── ConversionOutputError (also OutputError)  a PDF was made but cannot be written
    │   ├── FontFallbackError                         the PDF draws characters in a fallback font
    │   └── BatchConversionError                      some documents of a batch failed
    ├── PdfError                  (also ValueError)   a PDF cannot be read or merged
    ├── NumberRegisterError       (also RuntimeError) a document number cannot be given or changed
    └── OutputError               (also OSError)      a file cannot be written where asked
        └── TempFolderError                           the temporary folder (TMPDIR) is unusable

One warning: :class:`FontFallbackWarning` (also a ``UserWarning``) replaces
:class:`FontFallbackError` when the fallback was accepted (``allow_font_fallback=True``).

Invalid data read by :func:`chibo_docs.load_data` is refused with :class:`DataError` (code
``invalid_data``) holding every problem (``problems``); a Python constructor of a model
(``Resolution(...)``, ``model_validate``) raises :class:`pydantic.ValidationError`, one error
per type error or broken rule, naming the field path (``meeting.attendance.3.reason``).

Messages say what went wrong, the offending value, and what to do about it. They are written in
English and shown in Vietnamese by default (:mod:`chibo_docs.i18n`): an error keeps its text as
a :class:`~chibo_docs.i18n.Message`, so ``str(error)`` reads in the language of the call that
raised it (``lang=``), else in the language in force when it is shown; ``error.message_en`` is
the English text and ``error.text(lang)`` the text in any language. Programs match on the
attributes, not on the text.
"""

from __future__ import annotations

import errno as _errno
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from chibo_docs.i18n import (
    N_,
    Language,
    Message,
    _,
    chosen_language,
    current_language,
    message,
    translate,
    using,
)
from chibo_docs.location import Location, part_text
from chibo_docs.problems import Problem, describe

__all__ = [
    "BatchConversionError",
    "ChiboDocsError",
    "ConversionError",
    "ConversionOutputError",
    "ConversionTimeoutError",
    "DataError",
    "DataLimitError",
    "DocxFileError",
    "FontFallbackError",
    "FontFallbackWarning",
    "FormError",
    "FormModelMismatchError",
    "FrameworkError",
    "IncludeError",
    "LibreOfficeCrashedError",
    "LibreOfficeNotFoundError",
    "NumberRegisterError",
    "OutputError",
    "OutputXMLError",
    "PdfError",
    "TempFolderError",
    "TemplateDataError",
    "TemplateError",
    "TemplateLimitError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
    "UnknownFrameworkError",
]


class ChiboDocsError(Exception):
    """Base class of every error chibo_docs raises on purpose.

    Given a :class:`~chibo_docs.i18n.Message`, the error keeps it and the language chosen by
    the call that raised it (``lang=``, :func:`~chibo_docs.i18n.using`): ``str(error)`` reads
    in that language, or in the language in force when it is shown when none was chosen.
    ``message_en`` is the English text; :meth:`text` gives it in any language.

    >>> error = PdfError(message("nothing to merge: give at least one PDF"))
    >>> str(error)
    'không có gì để gộp: hãy đưa ít nhất một tệp PDF'
    >>> error.message_en, error.text("en")
    ('nothing to merge: give at least one PDF', 'nothing to merge: give at least one PDF')
    """

    _said: Message | None = None
    _said_lang: Language | None = None

    def __init__(self, *args: object) -> None:
        said = args[0] if len(args) == 1 and isinstance(args[0], Message) else None
        super().__init__(*args)
        if said is not None:
            self._keep(said)

    def _keep(self, said: Message | None) -> None:
        """Keep ``said`` (``None``: the text :meth:`text` builds) and the language chosen now."""
        self._said = said
        self._said_lang = chosen_language()
        self.args = (self.text("en"),)

    @property
    def message_en(self) -> str:
        """The error's text in English (for logs and programs that expect English)."""
        return self.text("en")

    def _language(self, lang: Language | None) -> Language:
        """Return ``lang``, else the language the raising call chose, else the one in force."""
        return lang or self._said_lang or current_language()

    def text(self, lang: Language | None = None) -> str:
        """Return the error's text in ``lang`` (default: as ``str()`` shows it)."""
        if self._said is not None:
            return self._said.text(self._language(lang))
        return super().__str__()

    def __str__(self) -> str:
        return self.text()


class DataError(ChiboDocsError, ValueError):
    """Raised when data is refused: a data file cannot be read, or the data breaks the model.

    ``file``, ``line`` and ``column`` (both from 1) and ``key_path`` (``meeting.attendance.3``)
    locate the problem when they are known; any of them may be ``None``. ``code`` names the
    problem for programs (``yaml_syntax``, ``max_depth``, ``include_outside``,
    ``invalid_data``, …). ``problems`` holds every problem as a
    :class:`~chibo_docs.problems.Problem`: for data that breaks the model (``invalid_data``)
    every type error, every broken rule, and the warnings and notes; otherwise the one problem
    this error is. ``message`` is the text without the location, in the language in force when
    the error was raised; ``str(error)`` is in the language in force when it is shown, and
    ``message_en`` in English.

    >>> from chibo_docs.i18n import message, using
    >>> error = DataError(message("is not valid YAML: {reason}; fix the YAML there",
    ...                           reason="found a tab"), file="bb.yaml", line=3, column=1)
    >>> with using("en"):
    ...     str(error)
    "data file 'bb.yaml', line 3, column 1: is not valid YAML: found a tab; fix the YAML there"
    >>> error.code, error.problems[0].line
    ('data_file', 3)
    """

    code: str = "data_file"

    def __init__(
        self,
        message: str | Message,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key_path: str | None = None,
        code: str | None = None,
        problems: Sequence[Problem] | None = None,
    ) -> None:
        self._detail = message
        self.file = file
        self.line = line
        self.column = column
        self.key_path = key_path
        if code is not None:
            self.code = code
        self._problems = list(problems) if problems is not None else None
        self.message = self._detail_text(None)
        super().__init__(self._text(None))
        self._said_lang = chosen_language()  # a call's lang= holds wherever the error is shown

    def _detail_text(self, lang: Language | None) -> str:
        detail = self._detail
        return detail.text(lang) if isinstance(detail, Message) else detail

    def _text(self, lang: Language | None) -> str:
        parts = [
            Message(N_("data file '{file}'"), {"file": self.file}) if self.file is not None else None,
            Message(N_("line {line}"), {"line": self.line}) if self.line is not None else None,
            Message(N_("column {column}"), {"column": self.column})
            if self.column is not None and self.line is not None else None,
            Message(N_("at {key_path}"), {"key_path": self.key_path}) if self.key_path else None,
        ]
        where = ", ".join(part.text(lang) for part in parts if part is not None)
        detail = self._detail_text(lang)
        text = translate("{where}: {problem}", {"where": where, "problem": detail}, lang) if where else detail
        shown = [p for p in self._problems or () if p.severity == "error"]
        if shown:
            text = "\n".join([text, *(f"  {describe(p, lang)}" for p in shown)])
        return text

    def text(self, lang: Language | None = None) -> str:
        """Return the error's text, location included, in ``lang`` (default: in force)."""
        if not isinstance(self._detail, Message):  # plain text: as given (a subclass's own)
            return super().text(lang)
        return self._text(self._language(lang))

    def located_message(self) -> Message:
        """This error's text, location included, as a message translated when it is shown."""
        return _ErrorText("", {}, self)

    @property
    def message_en(self) -> str:
        """The message in English, without the location."""
        return self._detail_text("en")

    @property
    def problems(self) -> list[Problem]:
        """Every problem: those of invalid data, or the one this error is (its message in the
        language in force)."""
        if self._problems is not None:
            return list(self._problems)
        values = dict(self._detail.values) if isinstance(self._detail, Message) else {}
        return [Problem(
            self.code, "error", self._detail_text(None),
            path=tuple(int(p) if p.isdigit() else p for p in (self.key_path or "").split(".") if p),
            values=values, line=self.line, file=self.file, message_en=self.message_en,
        )]


@dataclass(frozen=True)
class _ErrorText(Message):
    """The whole text of a :class:`DataError`, as a value of another message."""

    error: DataError | None = None

    def text(self, lang: Language | None = None) -> str:
        assert self.error is not None
        return self.error._text(lang)


def _amount_found(found: int | None, allowed: int) -> Message | int:
    return found if found is not None else Message(N_("more than {allowed}"), {"allowed": allowed})


class DataLimitError(DataError):
    """Raised when a data file exceeds one of its limits (`DataLimits`): too big, deep or aliased.

    ``limit`` names the limit (``max_nodes``…; it is the ``code`` too), ``allowed`` is its value
    and ``found`` the amount found (``None`` when reading stopped before counting it all).

    >>> from chibo_docs.i18n import using
    >>> with using("en"):
    ...     str(DataLimitError("max_depth", 50, 51, file="bb.yaml", line=9, key_path="a.b"))[:80]
    "data file 'bb.yaml', line 9, at a.b: the data is nested more than 50 levels deep"
    """

    _MESSAGES: ClassVar[dict[str, str]] = {
        "max_file_bytes": N_(
            "the file is {amount} bytes; the limit is {allowed} (a month of a chi bộ's documents "
            "is far smaller): split the file, or raise DataLimits.max_file_bytes"
        ),
        "max_total_bytes": N_(
            "the data file and the files it includes come to {amount} bytes; the limit is "
            "{allowed}: include less, or raise DataLimits.max_total_bytes"
        ),
        "max_depth": N_(
            "the data is nested more than {allowed} levels deep (a chi bộ document needs far "
            "fewer): look for brackets that are never closed or an alias (*name) that repeats "
            "a deep value, or raise DataLimits.max_depth"
        ),
        "max_aliases": N_(
            "the data uses {amount} YAML aliases (*name); the limit is {allowed}: write the "
            "values out, or raise DataLimits.max_aliases"
        ),
        "max_nodes": N_(
            "the data grows to {amount} values once aliases (*name) and includes are expanded; "
            "the limit is {allowed}. Aliases that repeat other aliases do this (an 'alias "
            "bomb'): write the values out, or raise DataLimits.max_nodes"
        ),
    }

    def __init__(
        self,
        limit: str,
        allowed: int,
        found: int | None = None,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key_path: str | None = None,
    ) -> None:
        self.limit = limit
        self.allowed = allowed
        self.found = found
        text = Message(self._MESSAGES[limit], {"allowed": allowed, "amount": _amount_found(found, allowed)})
        super().__init__(text, file=file, line=line, column=column, key_path=key_path, code=limit)


class IncludeError(DataError):
    """Raised when an include (`{include: other.yaml#key}`) of a data file is refused.

    ``include`` is the include text as written, ``reason`` one of ``absolute``, ``outside``,
    ``loop``, ``no_file``, ``no_key``, ``unreadable`` (the ``code`` is ``include_`` and the
    reason); ``target`` the file it names (resolved), ``folders`` the folders includes may read
    from, ``detail`` what went wrong further down (a message, or text).
    ``file``/``line``/``key_path`` locate the include itself.
    """

    _MESSAGES: ClassVar[dict[str, str]] = {
        "absolute": N_(
            "include '{include}' names an absolute path; an include names a file relative to the "
            "data file, inside {folders}; allow another folder with include_roots= "
            "(chibo-docs --include-root DIR)"
        ),
        "outside": N_(
            "include '{include}' reaches {target}, outside {folders}; move the file into the "
            "data file's folder, or allow its folder with include_roots= "
            "(chibo-docs --include-root DIR)"
        ),
        "loop": N_(
            "include '{include}' names {target}, which includes it back; remove one of the "
            "two includes"
        ),
        "no_file": N_("include '{include}' names no file; write it as {{include: other.yaml#key}}"),
        "no_key": N_("include '{include}': {file_named} has no '{key}'; check the key path after '#'"),
        "unreadable": N_("include '{include}' cannot be used: {reason}"),
    }

    def __init__(
        self,
        reason: str,
        include: str,
        *,
        target: Path | None = None,
        folders: tuple[Path, ...] = (),
        detail: str | Message | None = None,
        file: str | None = None,
        line: int | None = None,
        key_path: str | None = None,
    ) -> None:
        self.reason = reason
        self.include = include
        self.target = target
        self.folders = folders
        self.detail = detail
        shown: object = (
            ", ".join(f"'{f}'" for f in folders) if folders
            else Message(N_("the data file's folder"))
        )
        text = Message(self._MESSAGES[reason], {
            "include": include,
            "target": f"'{target}'" if target is not None else "?",
            "folders": shown,
            "reason": detail if detail is not None else "",
            "file_named": detail if detail is not None else "",
            "key": include.partition("#")[2],
        })
        super().__init__(text, file=file, line=line, key_path=key_path, code=f"include_{reason}")


class UnknownFormError(ChiboDocsError, LookupError):
    """Raised when no registered form has the requested id or takes the given model."""


class FormError(ChiboDocsError, ValueError):
    """Raised when a form is badly described: a bad manifest, an id clash, or bad builder input."""


class FormModelMismatchError(FormError, TypeError):
    """Raised when a form is given data of another model than the one it is filled from.

    Names the form, its model and the data's model, and the data file (``source``) with what
    its ``document:`` key says when the data came from one. ``by_id`` tells to name the form
    in that key: the way to fill a form whose model is not a kind of document of chibo_docs.
    ``str(error)`` is in the language in force; ``message_en`` in English.

    >>> error = FormModelMismatchError("nq-tinh", "my_models:NQ", "Resolution", source="nq.yaml",
    ...                                document="resolution", by_id=True)
    >>> print(error.text("en"))  # doctest: +NORMALIZE_WHITESPACE
    form 'nq-tinh' is filled from my_models:NQ data, but 'nq.yaml' holds Resolution data
    (document: resolution); write 'document: nq-tinh' in the data file to fill this form from it
    >>> print(error)  # doctest: +NORMALIZE_WHITESPACE
    mẫu 'nq-tinh' được điền từ dữ liệu my_models:NQ, nhưng 'nq.yaml' chứa dữ liệu Resolution
    (document: resolution); hãy ghi 'document: nq-tinh' trong tệp dữ liệu để điền mẫu này từ nó
    """

    def __init__(
        self,
        form_id: str,
        form_model: str,
        data_model: str,
        *,
        source: str | None = None,
        document: str | None = None,
        by_id: bool = False,
    ) -> None:
        self.form_id = form_id
        self.form_model = form_model
        self.data_model = data_model
        self.source = source
        names = {"form": form_id, "form_model": form_model, "data_model": data_model}
        if source is None:
            what = (
                message("form {form!r} is filled from {form_model} data, but the data is "
                        "{data_model} data (document: {document})", document=document, **names)
                if document
                else message("form {form!r} is filled from {form_model} data, but the data is "
                             "{data_model} data", **names)
            )
        elif document:
            what = message(
                "form {form!r} is filled from {form_model} data, but {source!r} holds "
                "{data_model} data (document: {document})",
                source=source, document=document, **names,
            )
        else:
            what = message(
                "form {form!r} is filled from {form_model} data, but {source!r} holds "
                "{data_model} data",
                source=source, **names,
            )
        if by_id and source is not None:
            todo = message(
                "write 'document: {form}' in the data file to fill this form from it", form=form_id
            )
        else:
            todo = message(
                "choose a form that takes {data_model} data (see `chibo-docs forms`)",
                data_model=data_model,
            )
        super().__init__(message("{problem}; {todo}", problem=what, todo=todo))


class FrameworkError(ChiboDocsError, ValueError):
    """Raised when a quality framework (khung tiêu chí) file is bad, or two frameworks share an id.

    ``problem`` is the message (a :class:`~chibo_docs.i18n.Message`, shown in the language in
    force); ``file`` names the framework file to blame, when there is one; ``msg`` is the whole
    message.

    >>> print(FrameworkError(message("is not valid TOML: {reason}", reason="line 3"), file="a.toml"))
    tệp khung tiêu chí 'a.toml': không phải TOML hợp lệ: line 3
    """

    def __init__(self, problem: Message, *, file: str | None = None) -> None:
        self.problem = problem
        self.file = file
        self.msg = (
            problem if file is None
            else message("framework file {file}: {problem}", file=repr(file), problem=problem)
        )
        super().__init__(self.msg)


class UnknownFrameworkError(FrameworkError, LookupError):
    """Raised when no quality framework has the requested id; ``known`` lists the ids there are."""

    def __init__(self, framework_id: str, known: list[str]) -> None:
        self.framework_id = framework_id
        self.known = known
        super().__init__(message(
            "no quality framework has the id {framework}; choose one of {known} "
            "(see `chibo-docs frameworks`)", framework=repr(framework_id), known=", ".join(known)))


class TemplateError(ChiboDocsError, ValueError):
    """Raised when a template cannot be rendered.

    The attributes locate the problem in the author's terms; any of them may be ``None``
    when it does not apply. ``location`` is the paragraph (a
    :class:`~chibo_docs.location.Location`, printed ``body, table 1, row 2, cell 3,
    paragraph 1``); ``part`` is its part's name for a person (``body``), or the file inside
    the archive (``word/styles.xml``) when no paragraph is meant; ``snippet`` is the start of
    the paragraph's text (by default the location's).

    The text follows the language in force when it is shown (``str(error)``), or the
    language the call that raised it was given (``lang=``, kept in ``lang``); ``message`` is
    what went wrong and what to do, ``message_en`` the same in English.

    >>> where = Location("body", paragraph=2, snippet="Chủ trì: {{ chair }}")
    >>> error = TemplateError("the data has no 'chair'", template="bb.docx", location=where)
    >>> with using("en"):
    ...     str(error)
    "template 'bb.docx', body, paragraph 2: the data has no 'chair'; text: 'Chủ trì: {{ chair }}'"
    >>> error.part, error.snippet
    ('body', 'Chủ trì: {{ chair }}')
    """

    def __init__(
        self,
        message: str | Message,
        *,
        template: str | None = None,
        part: str | None = None,
        location: Location | None = None,
        snippet: str | None = None,
        tag: str | None = None,
        field: str | None = None,
    ) -> None:
        self._message: str | Message = message
        self.template = template
        self.part = part if part is not None or location is None else location.part
        self.location = location
        self.snippet = snippet if snippet is not None or location is None else location.snippet
        self.tag = tag
        self.field = field
        self.lang: Language | None = None
        super().__init__(self._full_message())
        self._message = message  # DataError (a DocxFileError's other base) set it to the whole text

    @property
    def message(self) -> str:
        """What went wrong and what to do, without the location, in the language in force."""
        found = self._message
        return found.text(self.lang) if isinstance(found, Message) else found

    @message.setter
    def message(self, value: str | Message) -> None:
        self._message = value

    @property
    def message_en(self) -> str:
        """:attr:`message` in English."""
        found = self._message
        return found.text("en") if isinstance(found, Message) else found

    def text(self, lang: Language | None = None) -> str:
        """Return the whole message (location, problem, tag, field, text) in ``lang``."""
        with using(lang or self.lang or current_language()):
            return self._full_message()

    def __str__(self) -> str:
        return self.text()

    def _place(self) -> str | None:
        """Return where the problem is, printed: the location, else the part."""
        return str(self.location) if self.location is not None else self.part

    def _full_message(self) -> str:
        place = self._place()
        if self.template and place:
            where: str | None = _("template {template}, {place}", template=repr(self.template),
                                  place=place)
        elif self.template:
            where = _("template {template}", template=repr(self.template))
        else:
            where = place
        found = self._message
        problem = found.text() if isinstance(found, Message) else found
        parts = [_("{where}: {problem}", where=where, problem=problem) if where else problem]
        if self.tag:
            parts.append(_("tag {tag}", tag=repr(self.tag)))
        if self.field:
            parts.append(_("field {field}", field=repr(self.field)))
        if self.snippet:
            parts.append(_("text: {text}", text=repr(self.snippet)))
        return "; ".join(parts)


class TemplateSyntaxError(TemplateError):
    """Raised when a template's tags are not valid Jinja or docxtpl syntax."""


class TemplateDataError(TemplateError):
    """Raised when a template uses a variable or attribute that the data does not have.

    Also when a tag prints ``None``, a filter refuses its value, a rich value cannot stand
    where it is printed, or the data holds markup.
    """


class TemplateSecurityError(TemplateError):
    """Raised when a template tries to reach Python internals (refused by the sandbox)."""


class DocxFileError(TemplateError, DataError):
    """Raised when a .docx (a template or a document) cannot be read, naming the file and part.

    The file is not a zip archive, lacks a part, or holds a part that is not well-formed XML
    (``line`` and ``column``, from 1, say where in the part) or has a DTD. ``template`` is
    the file.

    ``message`` (a :class:`~chibo_docs.i18n.Message` from the readers of
    :mod:`chibo_docs.ooxml`, so that it reads in the reader's language) says what is wrong.

    >>> reason = message("a part it refers to is missing; save it again from Word or LibreOffice")
    >>> error = DocxFileError(reason, template="a.docx", part="word/styles.xml", line=2,
    ...                       column=7)
    >>> print(error.text("en"))  # doctest: +NORMALIZE_WHITESPACE
    cannot read 'a.docx', word/styles.xml, line 2, column 7: a part it refers to is missing;
    save it again from Word or LibreOffice
    >>> print(error)  # doctest: +NORMALIZE_WHITESPACE
    không đọc được 'a.docx', word/styles.xml, dòng 2, cột 7: thiếu một phần mà tệp tham chiếu
    tới; hãy lưu lại tệp từ Word hoặc LibreOffice
    >>> error.line, error.column
    (2, 7)
    """

    def __init__(
        self,
        message: str | Message,
        *,
        template: str | None = None,
        part: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.line, self.column = line, column  # the message is built from them
        self._reason = message
        super().__init__(str(message), template=template, part=part)
        # DataError.__init__, next in the method order, set its own attributes to None
        self.line, self.column, self.file = line, column, template
        self._keep(None)

    @property
    def message_en(self) -> str:
        """The error's whole text in English."""
        return self.text("en")

    def text(self, lang: Language | None = None) -> str:
        """Return the error's text in ``lang``: the file, the part, the place, the problem."""
        chosen = self._language(lang)
        where = [repr(self.template) if self.template else None]
        where.append(part_text(self.part, chosen) if self.part else None)
        if self.line is not None:
            where.append(
                translate(N_("line {line}, column {column}"),
                          {"line": self.line, "column": self.column}, chosen)
            )
        reason = self._reason
        values = {"where": ", ".join(w for w in where if w), "problem": reason}
        if values["where"]:
            return translate(N_("cannot read {where}: {problem}"), values, chosen)
        return translate(N_("cannot read: {problem}"), values, chosen)

    def _full_message(self) -> str:
        return self.text("en") if hasattr(self, "_reason") else super()._full_message()


@dataclass(frozen=True)
class _Grouped(Message):
    """A whole number written with its thousands grouped as the language does (5,000 / 5.000)."""

    def text(self, lang: Language | None = None) -> str:
        """Return the number in ``lang``: ``1,500,000`` in English, ``1.500.000`` in Vietnamese."""
        shown = f"{self.values['n']:,}"
        return shown.replace(",", ".") if (lang or current_language()) == "vi" else shown


def _number(number: int) -> Message:
    return _Grouped("{n}", {"n": number})


_BYTES = "bytes"
_UNITS: dict[str, str] = {
    "files": N_("{n} files"),
    "tags": N_("{n} tags"),
    "characters": N_("{n} characters"),
    "items": N_("{n} items"),
    "digits": N_("{n} digits"),
    "steps": N_("{n} steps of work (loop iterations, calls, text and list handling)"),
    "levels": N_("{n} levels deep"),
    "values": N_("{n} rich values"),
    "blocks": N_("{n} paragraphs and tables"),
}
_LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "zip_members": (
        N_("the file holds {found}; a .docx normally holds under 100; save it again from Word "
           "or LibreOffice, without embedded files"),
        "files",
    ),
    "directory_bytes": (
        N_("the zip directory of the file takes {found}; the file is damaged or made to "
           "exhaust memory; save it again from Word or LibreOffice"),
        _BYTES,
    ),
    "member_bytes": (
        N_("the part unpacks to {found}; a part this large is a damaged file or a zip bomb; "
           "save the document again from Word or LibreOffice, with smaller pictures and no "
           "embedded files"),
        _BYTES,
    ),
    "xml_part_bytes": (
        N_("the XML part unpacks to {found}; a part this large is a damaged file or a document "
           "far longer than any form; save it again from Word or LibreOffice, or split it into "
           "several documents"),
        _BYTES,
    ),
    "tags": (
        N_("the part holds {found}; a template this large cannot be compiled; split it into "
           "several forms"),
        "tags",
    ),
    "package_bytes": (
        N_("the parts of the file unpack to {found}; save the document again from Word or "
           "LibreOffice, with smaller pictures and no embedded files"),
        _BYTES,
    ),
    "compression_ratio": (
        N_("the part is packed {found}; such packing is the mark of a zip bomb; save the "
           "document again from Word or LibreOffice"),
        ":1",
    ),
    "string_length": (
        N_("the tag builds a text of {found}; build shorter texts: a '*', '%' or '~', or a "
           "filter such as center, replace or join, is probably given a very large number or "
           "list"),
        "characters",
    ),
    "list_length": (
        N_("the tag builds a list of {found}; build shorter lists: a '*' or '+' on a list is "
           "probably given a very large number"),
        "items",
    ),
    "int_digits": (
        N_("the tag computes a number of about {found}; use smaller numbers: a '*' or '**' is "
           "probably given very large ones"),
        "digits",
    ),
    "steps": (
        N_("the template takes {found}; a loop probably runs over a very long list, or loops "
           "are nested over each other; loop over shorter lists"),
        "steps",
    ),
    "call_depth": (
        N_("macros call each other {found}; a macro probably calls itself without end; give it "
           "a condition that stops it"),
        "levels",
    ),
    "nesting": (
        N_("the tag nests brackets or lists {found}; write it in simpler steps, with "
           "{{% set %}} tags"),
        "levels",
    ),
    "block_nesting": (
        N_("blocks ({{% for %}}, {{% if %}}…) are open inside one another {found}; close some "
           "blocks before opening others, or move the inner part into a macro"),
        "levels",
    ),
    "part_output": (
        N_("the part renders to {found}; a loop or a tag repeats far too much; check the loops "
           "of this part"),
        "characters",
    ),
    "output_bytes": (
        N_("the rendered document would unpack to {found}; nothing was written; check the "
           "template's loops and the lists in the data"),
        _BYTES,
    ),
    "rich_items": (
        N_("the template prints {found} (rich texts, pictures, listings, sub-documents); print "
           "fewer, or join them into one"),
        "values",
    ),
    "subdocument_blocks": (
        N_("the sub-documents bring {found}; put fewer or shorter sub-documents into one "
           "document"),
        "blocks",
    ),
}


def _amount(number: int, unit: str) -> Message:
    if unit == ":1":
        return message("{n}:1", n=_number(number))
    if unit != _BYTES:
        return message(_UNITS[unit], n=_number(number))
    for size, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if number >= size:
            return message("{n} {unit}", n=round(number / size, 1), unit=name)
    return message("{n} bytes", n=_number(number))


_FILE_LIMITS = frozenset(
    {"zip_members", "directory_bytes", "member_bytes", "xml_part_bytes", "package_bytes",
     "compression_ratio"}
)


class TemplateLimitError(TemplateError):
    """Raised when a template, or a .docx being read, goes over a safety limit.

    ``limit`` names the limit (an attribute of :class:`chibo_docs.limits.Limits`), ``value``
    is the amount found (``None`` when the work stopped before it was known) and ``maximum``
    the limit in force. The other attributes locate the problem as in :class:`TemplateError`.

    >>> error = TemplateLimitError("member_bytes", 2**30, 2**24, template="t.docx", part="a.xml")
    >>> error.limit, error.value, error.maximum
    ('member_bytes', 1073741824, 16777216)
    >>> error.message_en[:51]
    'the part unpacks to 1 GiB, over the limit of 16 MiB'
    """

    def __init__(
        self,
        limit: str,
        value: int | None,
        maximum: int,
        *,
        template: str | None = None,
        part: str | None = None,
        location: Location | None = None,
        snippet: str | None = None,
        tag: str | None = None,
        field: str | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        text, unit = _LIMIT_TEXTS.get(limit, (N_("the {limit} goes to {found}; simplify it"), "items"))
        if value is not None:
            found = message("{amount}, over the limit of {maximum}", amount=_amount(value, unit),
                            maximum=_amount(maximum, unit))
        else:
            found = message("more than {maximum}", maximum=_amount(maximum, unit))
        super().__init__(
            message(text, found=found, limit=limit),
            template=template,
            part=part,
            location=location,
            snippet=snippet,
            tag=tag,
            field=field,
        )

    def _full_message(self) -> str:
        text = super()._full_message()
        if self.limit in _FILE_LIMITS and self.template:  # any .docx read, not only templates
            text = text.replace(_("template {template}", template=repr(self.template)),
                                _("file {file}", file=repr(self.template)), 1)
        return text


class OutputXMLError(TemplateError):
    """Raised when a rendered part is not well-formed XML; no file is written."""


class ConversionError(ChiboDocsError, RuntimeError):
    """Raised when LibreOffice could not convert a document to PDF.

    ``source`` is the input file, ``detail`` LibreOffice's own message when it gave one
    (shown as LibreOffice wrote it, in English).
    """

    def __init__(
        self, text: str | Message, *, source: str | None = None, detail: str | None = None
    ) -> None:
        self.source = source
        self.detail = detail
        said = text if isinstance(text, Message) else Message(text)
        if detail:
            said = message("{problem}: {detail}", problem=said, detail=detail)
        super().__init__(said)


class LibreOfficeNotFoundError(ConversionError):
    """Raised before any work starts when no LibreOffice (soffice) binary can be found."""


class ConversionTimeoutError(ConversionError):
    """Raised when a conversion exceeded its timeout; its processes were killed."""


class LibreOfficeCrashedError(ConversionError):
    """Raised (in a batch: listed) when LibreOffice crashed twice while converting ``source``.

    A crashed LibreOffice is restarted once for the documents it had not converted. When it
    crashes again ``blamed`` tells whether it crashed twice on this very document (the file
    probably crashes it) or the batch crashed twice anyway (something else kills LibreOffice:
    memory, an administrator, a broken installation). ``status`` is the exit status of the
    LibreOffice process (above 128: killed by signal ``status - 128``; negative: by ``-status``;
    ``None`` when unknown).
    """

    def __init__(
        self, source: str, *, status: int | None, blamed: bool, detail: str | None = None
    ) -> None:
        self.status = status
        self.blamed = blamed
        how = (
            _describe_exit_status(status) if status is not None
            else message("exit status unknown")
        )
        if blamed:
            said = message(
                "LibreOffice crashed twice while converting {source!r} ({how}); the file "
                "itself probably crashes it: open it in Word or LibreOffice, save it again "
                "and convert it once more",
                source=source, how=how,
            )
        else:
            said = message(
                "{source!r} was not converted: LibreOffice crashed twice in this batch "
                "({how}); check the free memory and the LibreOffice installation, then "
                "convert it again",
                source=source, how=how,
            )
        super().__init__(said, source=source, detail=detail)


def _describe_exit_status(status: int) -> Message:
    """Return a process exit status in words, naming the signal that killed it.

    >>> _describe_exit_status(137).text("en")
    'exit status 137: killed by signal 9 (SIGKILL)'
    >>> _describe_exit_status(-11).text("en")
    'killed by signal 11 (SIGSEGV)'
    >>> _describe_exit_status(1).text("en"), _describe_exit_status(1).text("vi")
    ('exit status 1', 'mã thoát 1')
    """
    number = -status if status < 0 else status - 128 if 128 < status < 128 + 65 else None
    if number is None:
        return message("exit status {status}", status=status)
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = None
    killed = (
        message("killed by signal {number} ({name})", number=number, name=name) if name
        else message("killed by signal {number}", number=number)
    )
    if status < 0:
        return killed
    return message("exit status {status}: {killed}", status=status, killed=killed)


_FALLBACK_SHOWN = 20  # characters a font fallback message lists at most


def _font_fallback_message(
    source: str,
    characters: str,
    fallback_font: str,
    expected: str,
    package: str | None,
    *,
    accepted: bool,
) -> Message:
    """Build the one message of :class:`FontFallbackError` and :class:`FontFallbackWarning`."""
    shown = " ".join(characters[:_FALLBACK_SHOWN]) + (
        " …" if len(characters) > _FALLBACK_SHOWN else ""
    )
    what = message(
        "LibreOffice drew {count} character(s) of {source!r} in the fallback font "
        "{fallback!r}, not in {expected!r} or a metric-compatible face: {characters}",
        count=len(characters), source=source, fallback=fallback_font, expected=expected,
        characters=shown,
    )
    fix = (
        message("install {package} (on Debian/Ubuntu: sudo apt-get install {package})",
                package=package)
        if package
        else message("install a version of {expected!r} that has these characters",
                     expected=expected)
    )
    if accepted:
        return message(
            "{problem}; the PDF was kept because font fallback is allowed; to fix it, {fix}",
            problem=what, fix=fix,
        )
    return message(
        "{problem}; the PDF would mix fonts and its text would not extract cleanly; {fix}, "
        "or accept the fallback with allow_font_fallback=True, "
        "CHIBO_DOCS_ALLOW_FONT_FALLBACK=1 or --allow-font-fallback",
        problem=what, fix=fix,
    )


class FontFallbackError(ConversionError):
    """Raised when LibreOffice drew characters in a font the document does not ask for.

    That happens when the installed face lacks glyphs (Liberation 1.x has no ơ, ư, ạ…ỹ):
    LibreOffice silently takes them from another font. ``characters`` are the characters
    drawn in ``fallback_font`` (its PDF name, e.g. ``DejaVuSerif``; ``fallbacks`` maps each
    fallback font to its characters), ``expected`` is the document's font and ``package`` the
    Debian package that provides a complete metric-compatible face (``None`` when unknown).
    No PDF is written.
    """

    def __init__(
        self,
        *,
        source: str,
        fallbacks: dict[str, str],
        expected: str,
        package: str | None,
    ) -> None:
        self.fallbacks = fallbacks
        self.fallback_font = max(fallbacks, key=lambda name: len(fallbacks[name]))
        self.characters = "".join(sorted(set("".join(fallbacks.values()))))
        self.expected = expected
        self.package = package
        super().__init__(
            _font_fallback_message(
                source, self.characters, self.fallback_font, expected, package, accepted=False
            ),
            source=source,
        )


class FontFallbackWarning(ChiboDocsError, UserWarning):
    """Warned instead of :class:`FontFallbackError` when font fallback is allowed.

    It has the same attributes as the error; the PDF was written.
    """

    def __init__(self, error: FontFallbackError) -> None:
        self.source = error.source
        self.fallbacks = error.fallbacks
        self.fallback_font = error.fallback_font
        self.characters = error.characters
        self.expected = error.expected
        self.package = error.package
        super().__init__(
            _font_fallback_message(
                error.source or "",
                error.characters,
                error.fallback_font,
                error.expected,
                error.package,
                accepted=True,
            )
        )


class BatchConversionError(ConversionError):
    """Raised by ``convert_many`` when some documents failed.

    The others were converted: ``outputs`` maps each converted source to its PDF, and
    ``failures`` holds one :class:`ConversionError` per failed source.
    """

    def __init__(self, failures: list[ConversionError], outputs: dict[Path, Path]) -> None:
        self.failures = failures
        self.outputs = outputs
        super().__init__("", source=None)
        self._keep(None)

    def text(self, lang: Language | None = None) -> str:
        """Return the count of failures and one line per failed document, in ``lang``."""
        chosen = self._language(lang)
        head = translate(
            N_("{failed} of {total} documents failed:"),
            {"failed": len(self.failures), "total": len(self.failures) + len(self.outputs)},
            chosen,
        )
        return "\n".join([head, *(f"  {failure.text(chosen)}" for failure in self.failures)])


class PdfError(ChiboDocsError, ValueError):
    """Raised when a PDF is encrypted, corrupt or empty, naming the file."""


_OS_REASONS: dict[int, str] = {
    _errno.ENOENT: N_("no such file or folder"),
    _errno.EACCES: N_("permission denied"),
    _errno.EPERM: N_("operation not permitted"),
    _errno.EISDIR: N_("it is a folder"),
    _errno.ENOTDIR: N_("a part of the path is not a folder"),
    _errno.EROFS: N_("read-only file system"),
    _errno.ENOSPC: N_("no space left on the disk"),
    _errno.ENAMETOOLONG: N_("the name is too long"),
}


def os_reason(exc: OSError) -> Message:
    """Return the system's reason for ``exc`` in words that can be translated.

    A reason not listed is quoted as the system gives it (in English).

    >>> os_reason(FileNotFoundError(_errno.ENOENT, "No such file or directory")).text("en")
    'no such file or folder'
    >>> os_reason(OSError(_errno.EIO, "Input/output error")).text("en")
    "the system says: 'Input/output error'"
    """
    known = _OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return Message(known)
    return message("the system says: {reason!r}", reason=exc.strerror or str(exc))


_REGISTER_MESSAGES: dict[str, str] = {
    "open": N_("cannot open the number register {path!r}: {detail}; check that the folder "
               "exists and is writable, and that the file is a register made by chibo_docs"),
    "issuer": N_("the issuer must be named (e.g. 'CHI BỘ THÔN 1'), got {value!r}"),
    "doc_type": N_("unknown document type {value!r}; use one of {choices}"),
    "year": N_("the year or term must be a year from 1900 to 2999 or a term label such as "
               "'2025-2030' (1 to 40 characters), got {value!r}"),
    "number": N_("a document number is a whole number from 1, got {value!r}"),
    "reason": N_("say why number {number} is voided (reason=…); a voided number stays on "
                 "record"),
    "missing": N_("number {number} of {series} was never given out in {path!r}; give numbers "
                  "with `chibo-docs register next`"),
    "voided": N_("number {number} of {series} was voided ({detail}); it is never used again: "
                 "take the next number"),
    "used": N_("number {number} of {series} is already used ({detail}); take the next number"),
    "busy": N_("the number register {path!r} stayed locked for {seconds} s by another "
               "process; try again"),
}
"""What went wrong with the number register, by ``NumberRegisterError.problem``."""


class NumberRegisterError(ChiboDocsError, RuntimeError):
    """Raised when a document number cannot be given, used or voided.

    ``problem`` says which (``open``, ``issuer``, ``doc_type``, ``year``, ``number``,
    ``reason``, ``missing``, ``voided``, ``used``, ``busy``); ``path`` is the register file and
    ``values`` the numbers involved (``number``, ``series``, …).

    >>> NumberRegisterError("number", path="so.sqlite", value=0).text("en")
    "a document number is a whole number from 1, got '0'"
    """

    def __init__(self, problem: str, *, path: str, **values: object) -> None:
        self.problem = problem
        self.path = path
        self.values = values
        super().__init__(Message(_REGISTER_MESSAGES[problem], {"path": path, **values}))


NAME_MAX = 255
"""Bytes one file name may have: the limit of ext4, XFS, Btrfs, tmpfs and APFS (NAME_MAX)."""

_FOLDER_PROBLEM = N_(
    "this user may not write in folder {culprit!r}; choose another folder or get write "
    "permission for it"
)
_OUTPUT_PROBLEMS: dict[int, str] = {
    _errno.EACCES: _FOLDER_PROBLEM,
    _errno.EPERM: _FOLDER_PROBLEM,
    _errno.EROFS: N_("folder {culprit!r} is on a read-only file system; choose a writable folder"),
    _errno.ENOSPC: N_("the disk is full; free some space or choose a folder on another disk"),
    _errno.EDQUOT: N_("the disk quota is used up; free some space or choose another disk"),
    _errno.EFBIG: N_(
        "the file is larger than the file system or this process may write; "
        "choose a folder on another disk"
    ),
    _errno.EISDIR: N_(
        "it is a folder; give the path of a file (a new name inside that folder)"
    ),
    _errno.ENOTDIR: N_("{culprit!r} is a file, not a folder; choose another path"),
    _errno.ENAMETOOLONG: N_(
        "the name {name!r} is too long ({length} bytes; file systems allow {limit}); "
        "choose a shorter name"
    ),
    _errno.ELOOP: N_("{culprit!r} is a loop of symbolic links; choose another path"),
}
"""What a failed write means to the user, by ``errno``; ``{culprit}`` is the path to blame."""


class OutputError(ChiboDocsError, OSError):
    """Raised when a file cannot be written where the caller asked.

    A read-only or forbidden folder, a full disk, a destination that is a folder, a part of
    the path that is a file, a name that is too long. The message names the caller's path
    (never a temporary file) and says what to do. ``path`` is that path, ``culprit`` the
    path to blame (the folder that cannot be written, the file in the way), ``errno`` and
    ``strerror`` the system's error; ``filename`` is ``path`` as for any :class:`OSError`.
    Missing parent folders are not an error: every writer of chibo_docs creates them.

    >>> error = OutputError("/ro/ho-so.pdf", _errno.EROFS, culprit="/ro")
    >>> error.text("en")
    "cannot write '/ro/ho-so.pdf': folder '/ro' is on a read-only file system; choose a writable folder"
    >>> str(error)
    "không ghi được '/ro/ho-so.pdf': thư mục '/ro' nằm trên một hệ thống tệp chỉ đọc; hãy chọn một thư mục ghi được"
    """

    def __init__(
        self,
        path: str,
        errno: int | None,
        *,
        culprit: str | None = None,
        detail: str | None = None,
        source: str | None = None,
    ) -> None:
        super().__init__(path)
        self.path = path
        self.culprit = culprit or path
        self.errno = errno
        self.strerror = detail or (os.strerror(errno) if errno else None)
        self.filename = path
        self._keep(message("cannot write {what}: {problem}", what=self._what(source),
                           problem=self._problem()))

    @property
    def message(self) -> str:
        """The text of the error, as ``str()`` gives it."""
        return self.text()

    def _what(self, source: str | None) -> Message | str:
        if source:
            return message("{path!r} (the PDF of {source!r})", path=self.path, source=source)
        return repr(self.path)

    def _problem(self) -> Message:
        problem = _OUTPUT_PROBLEMS.get(self.errno or 0)
        if problem is None:
            return message(
                "{reason}; check the path and the disk", reason=self.strerror or "unknown error"
            )
        name = os.path.basename(self.culprit.rstrip("/\\")) or self.culprit
        shown = name if len(name) <= 60 else name[:57] + "…"
        return Message(problem, {"culprit": self.culprit, "name": shown,
                                 "length": len(os.fsencode(name)), "limit": NAME_MAX})


class TempFolderError(OutputError):
    """Raised when chibo_docs cannot write its intermediate files in the temporary folder.

    ``path`` is the temporary folder (``TMPDIR``, else ``/tmp``); the message says to free
    space there or set ``TMPDIR`` to another folder.
    """

    def _what(self, source: str | None) -> Message | str:
        return message("temporary files in {path!r}", path=self.path)

    def _problem(self) -> Message:
        return message("{problem}; or set TMPDIR to a folder with room",
                       problem=super()._problem())


class ConversionOutputError(ConversionError, OutputError):
    """Raised (in a batch: listed) when LibreOffice made the PDF but it cannot be written.

    Both a :class:`ConversionError` (``source`` is the document) and an :class:`OutputError`
    (``path`` is the PDF asked for, ``culprit`` what to blame).
    """

    def __init__(self, error: OutputError, source: str) -> None:
        OutputError.__init__(
            self, error.path, error.errno, culprit=error.culprit, detail=error.strerror,
            source=source,
        )
        self.source = source
        self.detail = None

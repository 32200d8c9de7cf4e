"""Errors raised by chibo_docs.

Every error this library raises on purpose is a :class:`ChiboDocsError`::

    ChiboDocsError
    ├── DataError                 (also ValueError)   data refused outside pydantic validation
    │   ├── DataLimitError                            a data file is too big, too deep or an alias bomb
    │   └── IncludeError                              an include is refused (outside the folder, a loop…)
    ├── UnknownFormError          (also LookupError)  no form with that id or model
    ├── FormError                 (also ValueError)   a bad form manifest or an id clash
    ├── TemplateError             (also ValueError)   a template cannot be rendered
    │   ├── TemplateSyntaxError                       Jinja/docxtpl syntax in the template
    │   ├── TemplateDataError                         a tag uses data the model does not have
    │   ├── TemplateSecurityError                     a tag reaches for Python internals
    │   └── OutputXMLError                            the rendered XML is not well formed
    ├── ConversionError           (also RuntimeError) LibreOffice could not make a PDF
    │   ├── LibreOfficeNotFoundError                  no soffice binary was found
    │   ├── ConversionTimeoutError                    a conversion took too long and was killed
    │   └── BatchConversionError                      some documents of a batch failed
    └── PdfError                  (also ValueError)   a PDF cannot be read or merged

Invalid input data is refused with :class:`pydantic.ValidationError`, whose messages name the
field path (``meeting.attendance.3.reason``) and the numbers involved.

Messages are in English, lower-case, and say what went wrong, the offending value, and what to
do about it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BatchConversionError",
    "ChiboDocsError",
    "ConversionError",
    "ConversionTimeoutError",
    "DataError",
    "DataLimitError",
    "FormError",
    "IncludeError",
    "LibreOfficeNotFoundError",
    "OutputXMLError",
    "PdfError",
    "TemplateDataError",
    "TemplateError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
]


class ChiboDocsError(Exception):
    """Base class of every error chibo_docs raises on purpose."""


class DataError(ChiboDocsError, ValueError):
    """Raised when data is refused outside pydantic validation (e.g. an unreadable data file).

    ``file``, ``line`` and ``column`` (both from 1) and ``key_path`` (``meeting.attendance.3``)
    locate the problem when they are known; any of them may be ``None``. ``message`` is the
    text without the location.

    >>> str(DataError("is not valid YAML: found a tab", file="bb.yaml", line=3, column=1))
    "data file 'bb.yaml', line 3, column 1: is not valid YAML: found a tab"
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key_path: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.key_path = key_path
        where = [
            f"data file {file!r}" if file is not None else None,
            f"line {line}" if line is not None else None,
            f"column {column}" if column is not None and line is not None else None,
            f"at {key_path}" if key_path else None,
        ]
        text = ", ".join(w for w in where if w)
        super().__init__(f"{text}: {message}" if text else message)


class DataLimitError(DataError):
    """Raised when a data file exceeds one of its limits (`DataLimits`): too big, deep or aliased.

    ``limit`` names the limit (``max_nodes``…), ``allowed`` is its value and ``found`` the
    amount found (``None`` when reading stopped before counting it all).

    >>> str(DataLimitError("max_depth", 50, 51, file="bb.yaml", line=9, key_path="a.b"))[:80]
    "data file 'bb.yaml', line 9, at a.b: the data is nested more than 50 levels deep"
    """

    _MESSAGES = {
        "max_file_bytes": (
            "the file is {amount} bytes; the limit is {allowed} (a month of a chi bộ's documents "
            "is far smaller): split the file, or raise DataLimits.max_file_bytes"
        ),
        "max_total_bytes": (
            "the data file and the files it includes come to {amount} bytes; the limit is "
            "{allowed}: include less, or raise DataLimits.max_total_bytes"
        ),
        "max_depth": (
            "the data is nested more than {allowed} levels deep (a chi bộ document needs far "
            "fewer): look for brackets that are never closed or an alias (*name) that repeats "
            "a deep value, or raise DataLimits.max_depth"
        ),
        "max_aliases": (
            "the data uses {amount} YAML aliases (*name); the limit is {allowed}: write the "
            "values out, or raise DataLimits.max_aliases"
        ),
        "max_nodes": (
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
        amount = str(found) if found is not None else f"more than {allowed}"
        text = self._MESSAGES[limit].format(allowed=allowed, amount=amount)
        super().__init__(text, file=file, line=line, column=column, key_path=key_path)


class IncludeError(DataError):
    """Raised when an include (`{include: other.yaml#key}`) of a data file is refused.

    ``include`` is the include text as written, ``reason`` one of ``absolute``, ``outside``,
    ``loop``, ``no_file``, ``no_key``, ``unreadable``; ``target`` the file it names (resolved),
    ``folders`` the folders includes may read from, ``detail`` what went wrong further down.
    ``file``/``line``/``key_path`` locate the include itself.
    """

    _MESSAGES = {
        "absolute": (
            "include {include!r} names an absolute path; an include names a file relative to the "
            "data file, inside {folders}; allow another folder with include_roots= "
            "(chibo-docs --include-root DIR)"
        ),
        "outside": (
            "include {include!r} reaches {target}, outside {folders}; move the file into the "
            "data file's folder, or allow its folder with include_roots= "
            "(chibo-docs --include-root DIR)"
        ),
        "loop": (
            "include {include!r} names {target}, which includes it back; remove one of the "
            "two includes"
        ),
        "no_file": "include {include!r} names no file; write it as {{include: other.yaml#key}}",
        "no_key": (
            "include {include!r}: {detail} has no {key!r}; check the key path after '#'"
        ),
        "unreadable": "include {include!r} cannot be used: {detail}",
    }

    def __init__(
        self,
        reason: str,
        include: str,
        *,
        target: Path | None = None,
        folders: tuple[Path, ...] = (),
        detail: str | None = None,
        file: str | None = None,
        line: int | None = None,
        key_path: str | None = None,
    ) -> None:
        self.reason = reason
        self.include = include
        self.target = target
        self.folders = folders
        self.detail = detail
        shown = " or ".join(f"'{f}'" for f in folders) or "the data file's folder"
        text = self._MESSAGES[reason].format(
            include=include,
            target=f"'{target}'" if target is not None else "?",
            folders=shown,
            detail=detail,
            key=include.partition("#")[2],
        )
        super().__init__(text, file=file, line=line, key_path=key_path)


class UnknownFormError(ChiboDocsError, LookupError):
    """Raised when no registered form has the requested id or takes the given model."""


class FormError(ChiboDocsError, ValueError):
    """Raised when a form is badly described: a bad manifest, an id clash, or bad builder input."""


class TemplateError(ChiboDocsError, ValueError):
    """Raised when a template cannot be rendered.

    The attributes locate the problem in the author's terms; any of them may be ``None``
    when it does not apply.
    """

    def __init__(
        self,
        message: str,
        *,
        template: str | None = None,
        part: str | None = None,
        location: str | None = None,
        snippet: str | None = None,
        tag: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.template = template
        self.part = part
        self.location = location
        self.snippet = snippet
        self.tag = tag
        self.field = field
        super().__init__(self._full_message())

    def _full_message(self) -> str:
        where = [
            f"template {self.template!r}" if self.template else None,
            self.part,
            self.location,
        ]
        text = ", ".join(w for w in where if w)
        parts = [f"{text}: {self.message}" if text else self.message]
        if self.tag:
            parts.append(f"tag {self.tag!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        if self.snippet:
            parts.append(f"text: {self.snippet!r}")
        return "; ".join(parts)


class TemplateSyntaxError(TemplateError):
    """Raised when a template's tags are not valid Jinja or docxtpl syntax."""


class TemplateDataError(TemplateError):
    """Raised when a template uses a variable or attribute that the data does not have."""


class TemplateSecurityError(TemplateError):
    """Raised when a template tries to reach Python internals (refused by the sandbox)."""


class OutputXMLError(TemplateError):
    """Raised when a rendered part is not well-formed XML; no file is written."""


class ConversionError(ChiboDocsError, RuntimeError):
    """Raised when LibreOffice could not convert a document to PDF.

    ``source`` is the input file, ``detail`` LibreOffice's own message when it gave one.
    """

    def __init__(self, message: str, *, source: str | None = None, detail: str | None = None):
        self.source = source
        self.detail = detail
        super().__init__(message if not detail else f"{message}: {detail}")


class LibreOfficeNotFoundError(ConversionError):
    """Raised before any work starts when no LibreOffice (soffice) binary can be found."""


class ConversionTimeoutError(ConversionError):
    """Raised when a conversion exceeded its timeout; its processes were killed."""


class BatchConversionError(ConversionError):
    """Raised by ``convert_many`` when some documents failed.

    The others were converted: ``outputs`` maps each converted source to its PDF, and
    ``failures`` holds one :class:`ConversionError` per failed source.
    """

    def __init__(self, failures: list[ConversionError], outputs: dict[Path, Path]) -> None:
        self.failures = failures
        self.outputs = outputs
        lines = "\n".join(f"  {failure}" for failure in failures)
        super().__init__(f"{len(failures)} of {len(failures) + len(outputs)} documents failed:\n{lines}")


class PdfError(ChiboDocsError, ValueError):
    """Raised when a PDF is encrypted, corrupt or empty, naming the file."""

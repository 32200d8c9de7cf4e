"""Errors raised by chibo_docs.

Every error this library raises on purpose is a :class:`ChiboDocsError`::

    ChiboDocsError
    ├── DataError                 (also ValueError)   data refused outside pydantic validation
    ├── UnknownFormError          (also LookupError)  no form with that id or model
    ├── FormError                 (also ValueError)   a bad form manifest or an id clash
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
    "DocxFileError",
    "FormError",
    "LibreOfficeNotFoundError",
    "OutputXMLError",
    "PdfError",
    "TemplateDataError",
    "TemplateError",
    "TemplateLimitError",
    "TemplateSecurityError",
    "TemplateSyntaxError",
    "UnknownFormError",
]


class ChiboDocsError(Exception):
    """Base class of every error chibo_docs raises on purpose."""


class DataError(ChiboDocsError, ValueError):
    """Raised when data is refused outside pydantic validation (e.g. an unreadable data file)."""


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


class DocxFileError(TemplateError, DataError):
    """Raised when a .docx (a template or a document) cannot be read, naming the file and part.

    The file is not a zip archive, lacks a part, or holds a part that is not well-formed XML
    (``location`` gives its line and column) or has a DTD. ``template`` is the file.

    >>> str(DocxFileError("the part is not well-formed XML", template="a.docx",
    ...                   part="word/styles.xml", location="line 2, column 7"))
    "cannot read 'a.docx', word/styles.xml, line 2, column 7: the part is not well-formed XML"
    """

    def _full_message(self) -> str:
        where = [repr(self.template) if self.template else None, self.part, self.location]
        text = ", ".join(w for w in where if w)
        return f"cannot read {text}: {self.message}" if text else f"cannot read: {self.message}"


_BYTES = "bytes"
_LIMIT_TEXTS: dict[str, tuple[str, str, str]] = {
    "zip_members": (
        "the file holds",
        "files",
        "a .docx normally holds under 100; save it again from Word or LibreOffice, "
        "without embedded files",
    ),
    "directory_bytes": (
        "the zip directory of the file takes",
        _BYTES,
        "the file is damaged or made to exhaust memory; save it again from Word or LibreOffice",
    ),
    "member_bytes": (
        "the part unpacks to",
        _BYTES,
        "a part this large is a damaged file or a zip bomb; save the document again from "
        "Word or LibreOffice, with smaller pictures and no embedded files",
    ),
    "xml_part_bytes": (
        "the XML part unpacks to",
        _BYTES,
        "a part this large is a damaged file or a document far longer than any form; save "
        "it again from Word or LibreOffice, or split it into several documents",
    ),
    "tags": (
        "the part holds",
        "tags",
        "a template this large cannot be compiled; split it into several forms",
    ),
    "package_bytes": (
        "the parts of the file unpack to",
        _BYTES,
        "save the document again from Word or LibreOffice, with smaller pictures and no "
        "embedded files",
    ),
    "compression_ratio": (
        "the part is packed",
        ":1",
        "such packing is the mark of a zip bomb; save the document again from Word or "
        "LibreOffice",
    ),
    "string_length": (
        "the tag builds a text of",
        "characters",
        "build shorter texts: a '*', '%' or '~', or a filter such as center, replace or join, "
        "is probably given a very large number or list",
    ),
    "list_length": (
        "the tag builds a list of",
        "items",
        "build shorter lists: a '*' or '+' on a list is probably given a very large number",
    ),
    "int_digits": (
        "the tag computes a number of about",
        "digits",
        "use smaller numbers: a '*' or '**' is probably given very large ones",
    ),
    "steps": (
        "the template takes",
        "steps of work (loop iterations, calls, text and list handling)",
        "a loop probably runs over a very long list, or loops are nested over each other; "
        "loop over shorter lists",
    ),
    "call_depth": (
        "macros call each other",
        "levels deep",
        "a macro probably calls itself without end; give it a condition that stops it",
    ),
    "nesting": (
        "the tag nests brackets or lists",
        "levels deep",
        "write it in simpler steps, with {% set %} tags",
    ),
    "block_nesting": (
        "blocks ({% for %}, {% if %}…) are open inside one another",
        "levels deep",
        "close some blocks before opening others, or move the inner part into a macro",
    ),
    "part_output": (
        "the part renders to",
        "characters",
        "a loop or a tag repeats far too much; check the loops of this part",
    ),
    "output_bytes": (
        "the rendered document would unpack to",
        _BYTES,
        "nothing was written; check the template's loops and the lists in the data",
    ),
}


def _amount(number: int, unit: str) -> str:
    if unit == ":1":
        return f"{number:,}:1"
    if unit != _BYTES:
        return f"{number:,} {unit}"
    for size, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if number >= size:
            return f"{number / size:.1f} {name}".replace(".0 ", " ")
    return f"{number:,} bytes"


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
    >>> error.message[:51]
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
        location: str | None = None,
        snippet: str | None = None,
        tag: str | None = None,
        field: str | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        what, unit, advice = _LIMIT_TEXTS.get(limit, (f"the {limit} is", "", "simplify it"))
        found = _amount(value, unit) if value is not None else f"more than {_amount(maximum, unit)}"
        over = f", over the limit of {_amount(maximum, unit)}" if value is not None else ""
        super().__init__(
            f"{what} {found}{over}; {advice}",
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
            text = text.replace(f"template {self.template!r}", f"file {self.template!r}", 1)
        return text


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

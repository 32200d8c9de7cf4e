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

Invalid input data is refused with :class:`pydantic.ValidationError`, whose messages name the
field path (``meeting.attendance.3.reason``) and the numbers involved.

Messages are in English, lower-case, and say what went wrong, the offending value, and what to
do about it.
"""

from __future__ import annotations

import errno as _errno
import os
import signal
from pathlib import Path

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
        how = _describe_exit_status(status) if status is not None else "exit status unknown"
        if blamed:
            message = (
                f"LibreOffice crashed twice while converting {source!r} ({how}); the file "
                "itself probably crashes it: open it in Word or LibreOffice, save it again "
                "and convert it once more"
            )
        else:
            message = (
                f"{source!r} was not converted: LibreOffice crashed twice in this batch "
                f"({how}); check the free memory and the LibreOffice installation, then "
                "convert it again"
            )
        super().__init__(message, source=source, detail=detail)


def _describe_exit_status(status: int) -> str:
    """Return a process exit status in words, naming the signal that killed it.

    >>> _describe_exit_status(137)
    'exit status 137: killed by signal 9 (SIGKILL)'
    >>> _describe_exit_status(-11)
    'killed by signal 11 (SIGSEGV)'
    >>> _describe_exit_status(1)
    'exit status 1'
    """
    number = -status if status < 0 else status - 128 if 128 < status < 128 + 65 else None
    if number is None:
        return f"exit status {status}"
    try:
        name = f" ({signal.Signals(number).name})"
    except ValueError:
        name = ""
    killed = f"killed by signal {number}{name}"
    return killed if status < 0 else f"exit status {status}: {killed}"
_FALLBACK_SHOWN = 20  # characters a font fallback message lists at most


def _font_fallback_message(
    source: str,
    characters: str,
    fallback_font: str,
    expected: str,
    package: str | None,
    *,
    accepted: bool,
) -> str:
    """Build the one message of :class:`FontFallbackError` and :class:`FontFallbackWarning`."""
    shown = " ".join(characters[:_FALLBACK_SHOWN]) + (
        " …" if len(characters) > _FALLBACK_SHOWN else ""
    )
    what = (
        f"LibreOffice drew {len(characters)} character(s) of {source!r} in the fallback font "
        f"{fallback_font!r}, not in {expected!r} or a metric-compatible face: {shown}"
    )
    fix = (
        f"install {package} (on Debian/Ubuntu: sudo apt-get install {package})"
        if package
        else f"install a version of {expected!r} that has these characters"
    )
    if accepted:
        return f"{what}; the PDF was kept because font fallback is allowed; to fix it, {fix}"
    return (
        f"{what}; the PDF would mix fonts and its text would not extract cleanly; {fix}, "
        "or accept the fallback with allow_font_fallback=True, "
        "CHIBO_DOCS_ALLOW_FONT_FALLBACK=1 or --allow-font-fallback"
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
        lines = "\n".join(f"  {failure}" for failure in failures)
        super().__init__(f"{len(failures)} of {len(failures) + len(outputs)} documents failed:\n{lines}")


class PdfError(ChiboDocsError, ValueError):
    """Raised when a PDF is encrypted, corrupt or empty, naming the file."""


_REGISTER_MESSAGES: dict[str, str] = {
    "open": "cannot open the number register {path!r}: {detail}; check that the folder exists "
    "and is writable, and that the file is a register made by chibo_docs",
    "issuer": "the issuer must be named (e.g. 'CHI BỘ THÔN 1'), got {value!r}",
    "doc_type": "unknown document type {value!r}; use one of {choices}",
    "year": "the year or term must be a year from 1900 to 2999 or a term label such as "
    "'2025-2030' (1 to 40 characters), got {value!r}",
    "number": "a document number is a whole number from 1, got {value!r}",
    "reason": "say why number {number} is voided (reason=…); a voided number stays on record",
    "missing": "number {number} of {series} was never given out in {path!r}; give numbers with "
    "`chibo-docs register next`",
    "voided": "number {number} of {series} was voided ({detail}); it is never used again: "
    "take the next number",
    "used": "number {number} of {series} is already used ({detail}); take the next number",
    "busy": "the number register {path!r} stayed locked for {seconds:g} s by another process; "
    "try again",
}


class NumberRegisterError(ChiboDocsError, RuntimeError):
    """Raised when a document number cannot be given, used or voided.

    ``problem`` says which (``open``, ``issuer``, ``doc_type``, ``year``, ``number``,
    ``reason``, ``missing``, ``voided``, ``used``, ``busy``); ``path`` is the register file and
    ``values`` the numbers involved (``number``, ``series``, …).
    """

    def __init__(self, problem: str, *, path: str, **values: object) -> None:
        self.problem = problem
        self.path = path
        self.values = values
        super().__init__(_REGISTER_MESSAGES[problem].format(path=path, **values))


NAME_MAX = 255
"""Bytes one file name may have: the limit of ext4, XFS, Btrfs, tmpfs and APFS (NAME_MAX)."""

_FOLDER_PROBLEM = (
    "this user may not write in folder {culprit!r}; choose another folder or get write "
    "permission for it"
)
_OUTPUT_PROBLEMS: dict[int, str] = {
    _errno.EACCES: _FOLDER_PROBLEM,
    _errno.EPERM: _FOLDER_PROBLEM,
    _errno.EROFS: "folder {culprit!r} is on a read-only file system; choose a writable folder",
    _errno.ENOSPC: "the disk is full; free some space or choose a folder on another disk",
    _errno.EDQUOT: "the disk quota is used up; free some space or choose another disk",
    _errno.EFBIG: "the file is larger than the file system or this process may write; "
    "choose a folder on another disk",
    _errno.EISDIR: "it is a folder; give the path of a file (a new name inside that folder)",
    _errno.ENOTDIR: "{culprit!r} is a file, not a folder; choose another path",
    _errno.ENAMETOOLONG: "the name {name!r} is too long ({length} bytes; file systems allow "
    f"{NAME_MAX}); choose a shorter name",
    _errno.ELOOP: "{culprit!r} is a loop of symbolic links; choose another path",
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
        self.message = self._message(source)

    def _what(self, source: str | None) -> str:
        return f"{self.path!r}" + (f" (the PDF of {source!r})" if source else "")

    def _message(self, source: str | None) -> str:
        problem = _OUTPUT_PROBLEMS.get(self.errno or 0)
        if problem is None:
            problem = f"{self.strerror or 'unknown error'}; check the path and the disk"
        name = os.path.basename(self.culprit.rstrip("/\\")) or self.culprit
        shown = name if len(name) <= 60 else name[:57] + "…"
        problem = problem.format(
            culprit=self.culprit, name=shown, length=len(os.fsencode(name))
        )
        return f"cannot write {self._what(source)}: {problem}"

    def __str__(self) -> str:
        return self.message


class TempFolderError(OutputError):
    """Raised when chibo_docs cannot write its intermediate files in the temporary folder.

    ``path`` is the temporary folder (``TMPDIR``, else ``/tmp``); the message says to free
    space there or set ``TMPDIR`` to another folder.
    """

    def _what(self, source: str | None) -> str:
        return f"temporary files in {self.path!r}"

    def _message(self, source: str | None) -> str:
        return super()._message(source) + "; or set TMPDIR to a folder with room"


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
        self.args = (self.message,)

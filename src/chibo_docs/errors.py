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
    │   └── OutputXMLError                            the rendered XML is not well formed
    ├── ConversionError           (also RuntimeError) LibreOffice could not make a PDF
    │   ├── LibreOfficeNotFoundError                  no soffice binary was found
    │   ├── ConversionTimeoutError                    a conversion took too long and was killed
    │   ├── FontFallbackError                         the PDF draws characters in a fallback font
    │   └── BatchConversionError                      some documents of a batch failed
    └── PdfError                  (also ValueError)   a PDF cannot be read or merged

One warning: :class:`FontFallbackWarning` (also a ``UserWarning``) replaces
:class:`FontFallbackError` when the fallback was accepted (``allow_font_fallback=True``).

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
    "FontFallbackError",
    "FontFallbackWarning",
    "FormError",
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

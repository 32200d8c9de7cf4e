"""After a conversion: refuse a PDF in which LibreOffice drew characters in a fallback font.

When the face LibreOffice uses for a document's font lacks a glyph (Liberation 1.x has no
ơ, ư, ạ…ỹ), LibreOffice silently draws that character in another installed font, e.g.
DejaVu Serif. The PDF then mixes two families: the layout is no longer Times New Roman's
and its text extracts broken ("Đ NG B  S "). Every converted PDF is therefore checked: each
font it embeds must be one of the document's families (read from the .docx: document
defaults, styles, numbering, runs) or a face metric-compatible with one
(:data:`chibo_docs.pdf.fonts.METRIC_COMPATIBLE`). Otherwise :class:`FontFallbackError` names the
characters, the font they fell back to and the package to install.

Whoever accepts such PDFs turns the error into a :class:`FontFallbackWarning` with
``allow_font_fallback=True`` on the conversion calls, the environment variable
``CHIBO_DOCS_ALLOW_FONT_FALLBACK=1``, or ``--allow-font-fallback`` on the command line.

The check reads the font names of the PDF (already open for its own check) and the
``w:rFonts`` of the .docx as text: 1.5 ms a document for the built-in forms, 4.5 ms for a
.docx with Word's full 350 KB styles part, against 100-200 ms for LibreOffice's conversion.
The PDF is read again, for the characters, only when a font is not accepted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from chibo_docs.errors import (
    DataError,
    FontFallbackError,
    FontFallbackWarning,
    TemplateLimitError,
)
from chibo_docs.ooxml.fonts import document_families, document_fonts
from chibo_docs.pdf.fonts import METRIC_COMPATIBLE, metric_compatible_faces
from chibo_docs.pdf.merging import FontInfo, pdf_info

__all__ = [
    "ALWAYS_ACCEPTED",
    "ENV_VAR",
    "check_font_fallback",
    "fallback_allowed",
    "find_font_fallback",
    "pdf_family",
]

ENV_VAR = "CHIBO_DOCS_ALLOW_FONT_FALLBACK"
"""Environment variable that, set to ``1``, accepts font fallback (a warning, not an error)."""

ALWAYS_ACCEPTED = ("OpenSymbol",)
"""Faces accepted in any document: LibreOffice draws bullets and the characters of symbol
fonts (Symbol, Wingdings) with its own OpenSymbol."""

CHECKED_SUFFIXES = (".docx", ".docm")
"""Inputs whose fonts are read and checked; other formats (.doc, .odt, .rtf) are not."""

_TRUE = ("1", "true", "yes", "on")
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def fallback_allowed(allow: bool | None = None) -> bool:
    """Return whether font fallback is accepted: ``allow``, else the environment variable.

    >>> fallback_allowed(True), fallback_allowed(False)
    (True, False)
    """
    if allow is not None:
        return allow
    return os.environ.get(ENV_VAR, "").strip().casefold() in _TRUE


def pdf_family(base_font: str) -> str:
    """Return the family part of a PDF font name: no subset tag, no style suffix.

    >>> pdf_family("BAAAAA+LiberationSerif-Bold"), pdf_family("TimesNewRomanPS-BoldMT")
    ('LiberationSerif', 'TimesNewRomanPS')
    >>> pdf_family("Arial,BoldItalic")
    'Arial'
    """
    name = _SUBSET.sub("", base_font)
    return re.split(r"[-,]", name, maxsplit=1)[0]


def _key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def find_font_fallback(
    pdf: str | os.PathLike[str],
    source: str | os.PathLike[str],
    *,
    fonts: Sequence[FontInfo] | None = None,
) -> FontFallbackError | None:
    """Return the font fallback in ``pdf`` (made from the .docx ``source``), or ``None``.

    ``fonts`` are the PDF's fonts when already read (:func:`~chibo_docs.pdf.merging.pdf_info`);
    the PDF is read again, for the characters, only when a font is not accepted. Sources
    that are not .docx, or name no font, are not checked (``None``).
    """
    src = Path(source)
    if src.suffix.lower() not in CHECKED_SUFFIXES:
        return None
    try:
        families = document_families(src)
    except (DataError, TemplateLimitError):
        return None  # LibreOffice read it; we cannot tell its fonts, so nothing to compare
    if not families:
        return None
    accepted = {
        _key(face) for family in families for face in metric_compatible_faces(family)
    } | {_key(face) for face in ALWAYS_ACCEPTED}
    used = fonts if fonts is not None else pdf_info(pdf, text=False).fonts
    strangers = {
        f.name for f in used if not any(_key(pdf_family(f.name)).startswith(a) for a in accepted)
    }
    if not strangers:
        return None
    fallbacks: dict[str, str] = {}
    for font in pdf_info(pdf, text=False, characters=True).fonts:
        if font.name in strangers:
            family = pdf_family(font.name)
            visible = [c for c in font.characters or "" if c.isprintable() and not c.isspace()]
            fallbacks[family] = "".join(dict.fromkeys([*fallbacks.get(family, ""), *visible]))
    fallbacks = {family: chars for family, chars in fallbacks.items() if chars}
    if not fallbacks:
        return None
    expected = _expected_family(document_fonts(src).main, families, used)
    package = METRIC_COMPATIBLE[expected][1] if expected in METRIC_COMPATIBLE else None
    return FontFallbackError(
        source=str(source), fallbacks=fallbacks, expected=expected, package=package
    )


def _expected_family(
    main: str | None, families: Sequence[str], used: Sequence[FontInfo]
) -> str:
    """Return the document family the PDF was set in: one with a face in the PDF, main first."""
    present = {_key(pdf_family(f.name)) for f in used}
    ordered = [main, *families] if main else list(families)
    for family in ordered:
        faces = {_key(face) for face in metric_compatible_faces(family)}
        if any(p.startswith(face) for p in present for face in faces):
            return family
    return ordered[0]


def check_font_fallback(
    pdf: str | os.PathLike[str],
    source: str | os.PathLike[str],
    *,
    fonts: Sequence[FontInfo] | None = None,
    allow: bool | None = None,
) -> FontFallbackWarning | None:
    """Check ``pdf`` (made from ``source``) for font fallback.

    Returns ``None`` when it has none, or, when fallback is allowed (``allow``, else
    ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``), the :class:`FontFallbackWarning` for the caller to
    emit.

    Raises:
        FontFallbackError: the PDF draws characters in a fallback font, and that is not allowed.
    """
    error = find_font_fallback(pdf, source, fonts=fonts)
    if error is None:
        return None
    if fallback_allowed(allow):
        return FontFallbackWarning(error)
    raise error

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
    mixed = _mixed_faces(families, used)
    if not strangers and not mixed:
        return None
    read = pdf_info(pdf, text=False, characters=True).fonts
    if mixed:
        strangers |= _minority_faces(families, read)
    fallbacks: dict[str, str] = {}
    for font in read:
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


def _face_of(name: str, family: str) -> str | None:
    """Return which accepted face of ``family`` the PDF font ``name`` is, or ``None``."""
    key = _key(pdf_family(name))
    for face in metric_compatible_faces(family):
        if key.startswith(_key(face)):
            return _key(face)
    return None


def _faces_by_family(families: Sequence[str], used: Sequence[FontInfo]) -> dict[str, set[str]]:
    """Map each document family to the distinct accepted faces the PDF draws it with.

    A face the document itself asks for by name (e.g. Tinos in a document that names both
    Times New Roman and Tinos) is the document's own choice and is left out.
    """
    own = {_key(family) for family in families}
    found: dict[str, set[str]] = {}
    for family in families:
        for font in used:
            face = _face_of(font.name, family)
            if face is not None and (face == _key(family) or face not in own):
                found.setdefault(family, set()).add(face)
    return found


def _mixed_faces(families: Sequence[str], used: Sequence[FontInfo]) -> bool:
    """Whether one document family is drawn in two faces (e.g. Times New Roman and Tinos).

    Metric-compatible faces are accepted for a family, but not several of them at once: when
    the face LibreOffice chose lacks a letter (an old Times New Roman without ơ, ư, ạ…ỹ), it
    draws that letter in another installed face, which is a fallback like any other.
    """
    return any(len(faces) > 1 for faces in _faces_by_family(families, used).values())


def _minority_faces(families: Sequence[str], fonts: Sequence[FontInfo]) -> set[str]:
    """Return the PDF font names of every face but the main one of each mixed family.

    The main face is the one that draws the most distinct characters.
    """
    minority: set[str] = set()
    for family, faces in _faces_by_family(families, fonts).items():
        if len(faces) < 2:
            continue
        drawn = {
            face: {c for f in fonts if _face_of(f.name, family) == face for c in f.characters or ""}
            for face in faces
        }
        main = max(sorted(drawn), key=lambda face: len(drawn[face]))
        minority |= {f.name for f in fonts if _face_of(f.name, family) in faces - {main}}
    return minority


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

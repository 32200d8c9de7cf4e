"""Which face LibreOffice sets Times New Roman in, and whether it has every Vietnamese letter.

Official Party documents (HD 36-HD/VPTW) use Times New Roman. Where it is not installed,
LibreOffice uses a face with the same metrics (Liberation Serif, Tinos), which keeps line
breaks and page counts. But a face must also have a glyph for every letter of the text:
Debian's ``fonts-liberation`` (Liberation 1.07) has none for ơ, ư and ạ…ỹ, and LibreOffice
then silently draws those letters in another font (DejaVu Serif), which breaks the layout
and the text of the PDF. :func:`check_fonts` finds the face LibreOffice will use and checks
its glyphs, with fontconfig (``fc-match``), as LibreOffice itself does on Linux.
"""

from __future__ import annotations

import bisect
import os
import shutil
import subprocess
from dataclasses import dataclass

from chibo_docs.i18n import _, using
from chibo_docs.ooxml.fonts import document_fonts

__all__ = [
    "LIBREOFFICE_REPLACEMENTS",
    "METRIC_COMPATIBLE",
    "STYLES",
    "VIETNAMESE_LETTERS",
    "FontCheck",
    "check_fonts",
    "metric_compatible_faces",
]

VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
"""The 134 precomposed letters of Vietnamese beyond ASCII, lower case then upper case.

Each vowel a ă â e ê i o ô ơ u ư y with each tone (none, huyền, sắc, hỏi, ngã, nặng: the
combining marks U+0300, U+0301, U+0309, U+0303, U+0323) in Unicode's composed (NFC) form,
plus đ; the plain vowels are ASCII. A font for Vietnamese needs a glyph for each of them
(and for ASCII).

>>> len(VIETNAMESE_LETTERS), VIETNAMESE_LETTERS[:6], "đ" in VIETNAMESE_LETTERS
(134, 'àáảãạă', True)
"""

METRIC_COMPATIBLE: dict[str, tuple[tuple[str, ...], str]] = {
    "Times New Roman": (("Liberation Serif", "Tinos"), "fonts-liberation2"),
    "Arial": (("Liberation Sans", "Arimo"), "fonts-liberation2"),
    "Arial Narrow": (("Liberation Sans Narrow",), "fonts-liberation"),
    "Courier New": (("Liberation Mono", "Cousine"), "fonts-liberation2"),
    "Calibri": (("Carlito",), "fonts-crosextra-carlito"),
    "Cambria": (("Caladea",), "fonts-crosextra-caladea"),
}
"""For each Microsoft font: the free faces with the same metrics, and the Debian package to
install. Liberation 2.x (``fonts-liberation2``) and Tinos/Arimo/Cousine (``fonts-croscore``)
cover Vietnamese; Liberation 1.x (``fonts-liberation``) does not. Liberation Sans Narrow
exists only in 1.x."""

LIBREOFFICE_REPLACEMENTS: dict[str, str] = {
    "Times New Roman": "Liberation Serif",
    "Arial": "Liberation Sans",
    "Arial Narrow": "Liberation Sans Narrow",
    "Courier New": "Liberation Mono",
    "Cambria": "Caladea",
    "Calibri": "Carlito",
}
"""The replacements LibreOffice prefers, when installed, before asking fontconfig.

LibreOffice's own table (``aMetricCompatibleMap`` in vcl/source/font/PhysicalFontCollection.cxx,
LibreOffice 6 and later): with Liberation Serif and Tinos both installed, fontconfig says
Tinos for "Times New Roman" but LibreOffice embeds Liberation Serif (checked with pdffonts,
LibreOffice 7.4). Among several installed versions of a face it takes the newest, as
fontconfig does.
"""

STYLES: tuple[tuple[str, str], ...] = (
    ("regular", ""),
    ("bold", ":bold"),
    ("italic", ":italic"),
    ("bold italic", ":bold:italic"),
)
"""The styles a document uses, and how fontconfig asks for each; each is its own font file."""

_FC_TIMEOUT = 30  # seconds; fc-match answers in milliseconds once its cache is built
_SHOWN = 20  # characters listed in a hint at most


@dataclass(frozen=True)
class FontCheck:
    """The result of :func:`check_fonts`.

    ``face`` is the font LibreOffice will use for ``requested`` (``None`` when unknown),
    ``ok`` whether it is ``requested`` or metric-compatible *and* has every needed character,
    ``hint`` what to do when not (in the language of the check, :mod:`chibo_docs.i18n`). ``file`` and ``version`` describe the face's regular style;
    ``missing`` lists the needed characters that some style of the face has no glyph for;
    ``package`` is the Debian package to install when the check fails.
    """

    requested: str
    face: str | None
    ok: bool
    hint: str | None
    file: str | None = None
    version: str | None = None
    metric_compatible: bool = False
    missing: str = ""
    package: str | None = None


@dataclass(frozen=True)
class _Match:
    families: tuple[str, ...]
    file: str
    version: str | None
    charset: tuple[tuple[int, int], ...]

    def has(self, char: str) -> bool:
        code = ord(char)
        k = bisect.bisect_right(self.charset, (code, 0x10FFFF)) - 1
        return k >= 0 and self.charset[k][0] <= code <= self.charset[k][1]


def _parse_charset(text: str) -> tuple[tuple[int, int], ...]:
    """Read fontconfig's charset notation: hexadecimal code points and ranges.

    >>> _parse_charset("20-7e a0 1ea0-1ef9")
    ((32, 126), (160, 160), (7840, 7929))
    """
    ranges = []
    for token in text.split():
        low, _, high = token.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(sorted(ranges))


def _version(text: str) -> str | None:
    """Turn fontconfig's font version (16.16 fixed point) into the usual ``2.1``.

    >>> _version("137625"), _version("70123"), _version("")
    ('2.1', '1.07', None)
    """
    if not text.isdigit():
        return None
    return f"{int(text) / 65536:.2f}".rstrip("0").rstrip(".")


def _fc_match(fc_match: str, pattern: str) -> _Match | None:
    done = subprocess.run(  # noqa: S603 - fixed program, argument is a font pattern
        [fc_match, "--format=%{family}\t%{file}\t%{fontversion}\t%{charset}", pattern],
        capture_output=True,
        text=True,
        check=False,
        timeout=_FC_TIMEOUT,
        env=dict(os.environ, LC_ALL="C"),
    )
    parts = done.stdout.split("\t")
    if done.returncode != 0 or len(parts) != 4 or not parts[0]:
        return None
    families = tuple(name.strip() for name in parts[0].split(",") if name.strip())
    return _Match(families, parts[1], _version(parts[2].strip()), _parse_charset(parts[3]))


def _is(match: _Match | None, family: str) -> bool:
    return match is not None and family.casefold() in (f.casefold() for f in match.families)


def _libreoffice_face(fc_match: str, family: str) -> _Match | None:
    """Find the face LibreOffice uses for ``family``: itself, its own replacement, fontconfig's."""
    found = _fc_match(fc_match, family)
    if _is(found, family):
        return found
    replacement = LIBREOFFICE_REPLACEMENTS.get(family)
    if replacement is not None:
        preferred = _fc_match(fc_match, replacement)
        if _is(preferred, replacement):
            return preferred
    return found


def metric_compatible_faces(family: str) -> tuple[str, ...]:
    """Return ``family`` and the faces with its metrics (:data:`METRIC_COMPATIBLE`).

    >>> metric_compatible_faces("Times New Roman")
    ('Times New Roman', 'Liberation Serif', 'Tinos')
    >>> metric_compatible_faces("Noto Serif")
    ('Noto Serif',)
    """
    faces, _ = METRIC_COMPATIBLE.get(family, ((), ""))
    return (family, *faces)


def _needed(text: str) -> str:
    """Return each distinct visible character of ``text`` once, in order of first use."""
    return "".join(dict.fromkeys(c for c in text if c.isprintable() and not c.isspace()))


def _hint(
    family: str, face: str | None, metric_ok: bool, missing: str, package: str | None
) -> str:
    """Build the one message of a failed :func:`check_fonts`, in the language in force."""
    how = (
        _("install {package} (on Debian/Ubuntu: sudo apt-get install {package})",
          package=package)
        if package
        else _("install the font {family!r}", family=family)
    )
    if face is None:
        return _("no installed font stands in for {family!r}; {fix}", family=family, fix=how)
    if not metric_ok:
        return _(
            "{family!r} is rendered with {face!r}, which changes line breaks and page counts; "
            "{fix}",
            family=family, face=face, fix=how,
        )
    shown = " ".join(missing[:_SHOWN]) + (" …" if len(missing) > _SHOWN else "")
    return _(
        "{face!r}, used for {family!r}, has no glyph for {count} needed character(s): "
        "{characters}; LibreOffice would draw them in another font, which breaks the layout "
        "and the text of the PDF; {fix}",
        face=face, family=family, count=len(missing), characters=shown, fix=how,
    )


def check_fonts(
    family: str = "Times New Roman",
    *,
    document: str | os.PathLike[str] | None = None,
    lang: str | None = None,
) -> FontCheck:
    """Check the face LibreOffice will use for ``family``: metrics and Vietnamese glyphs.

    The face is ``family`` when installed, else LibreOffice's own preferred replacement
    (:data:`LIBREOFFICE_REPLACEMENTS`) when installed, else what fontconfig's ``fc-match``
    gives. The check passes when that face is ``family`` or one of its
    :data:`METRIC_COMPATIBLE` faces, and each of its styles (regular, bold, italic, bold
    italic) has a glyph for every letter of :data:`VIETNAMESE_LETTERS` and, when
    ``document`` (a .docx) is given, every character of the document's text. Otherwise
    ``hint`` says what to install. Without ``fc-match`` (Windows, macOS without fontconfig)
    ``face`` is ``None`` and the check fails with a hint. The hint is in ``lang`` (``"vi"``
    or ``"en"``; default: the language in force).

    Raises:
        DataError: ``document`` cannot be read as a .docx.
    """
    with using(lang):
        return _check_fonts(family, document)


def _check_fonts(family: str, document: str | os.PathLike[str] | None) -> FontCheck:
    faces = metric_compatible_faces(family)
    package = METRIC_COMPATIBLE.get(family, ((), None))[1]
    needed = _needed(
        VIETNAMESE_LETTERS + (document_fonts(document).text if document is not None else "")
    )
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return FontCheck(
            family,
            None,
            False,
            _(
                "fc-match (fontconfig) is not installed, so the font cannot be checked; "
                "on Debian/Ubuntu: sudo apt-get install fontconfig"
            ),
            package="fontconfig",
        )
    regular = _libreoffice_face(fc_match, family)
    if regular is None:
        return FontCheck(family, None, False, _hint(family, None, False, "", package),
                         package=package)
    face = regular.families[0]
    metric_ok = any(_is(regular, accepted) for accepted in faces)
    styles = [regular] + [_fc_match(fc_match, f"{face}{suffix}") for _, suffix in STYLES[1:]]
    missing = "".join(
        c for c in needed if not all(s.has(c) for s in styles if s is not None)
    )
    ok = metric_ok and not missing
    return FontCheck(
        requested=family,
        face=face,
        ok=ok,
        hint=None if ok else _hint(family, face, metric_ok, missing, package),
        file=regular.file,
        version=regular.version,
        metric_compatible=metric_ok,
        missing=missing,
        package=None if ok else package,
    )

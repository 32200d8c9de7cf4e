"""The fonts a .docx asks for: every family its styles, numbering and runs name.

:func:`document_families` is what the font fallback check runs after each conversion, so it
reads the XML as text (a regular expression over the ``w:rFonts`` elements): about 1 ms
where parsing a Word styles part (often 300 KB) takes 20 ms. :func:`document_fonts` parses
the parts and also returns the main family and the visible text.
"""

from __future__ import annotations

import html
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from chibo_docs.errors import DataError

__all__ = ["DocumentFonts", "document_families", "document_fonts"]

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SLOTS = tuple(  # each font slot of w:rFonts, with the attribute naming its theme font
    (slot, theme)
    for slot, theme in (
        ("ascii", "asciiTheme"),
        ("hAnsi", "hAnsiTheme"),
        ("cs", "cstheme"),
        ("eastAsia", "eastAsiaTheme"),
    )
)
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_FONT_PARTS = re.compile(
    r"word/(styles|numbering|document|header\d*|footer\d*|footnotes|endnotes)\.xml"
)
_PREFIX = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']' + re.escape(_W_NS.encode()) + rb'["\']')
_ATTRIBUTE = re.compile(rb'([\w.-]+):([\w]+)\s*=\s*(["\'])(.*?)\3', re.S)


@dataclass(frozen=True)
class DocumentFonts:
    """The fonts a .docx asks for (see :func:`document_fonts`).

    ``families``: every font named in its styles, defaults, numbering and runs (theme fonts
    resolved), in order of first mention; ``main`` the family of its default text (the
    Normal style, else the document defaults, else the first family named); ``text`` its
    visible text (body, headers, footers, notes).
    """

    families: tuple[str, ...]
    main: str | None
    text: str = field(repr=False)


def _read(source: str | os.PathLike[str]) -> tuple[dict[str, str], dict[str, bytes]]:
    """Return the theme fonts and the parts that name fonts, in a fixed order (styles first)."""
    path = Path(source)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            theme = [n for n in names if n.startswith("word/theme/") and n.endswith(".xml")]
            theme_xml = archive.read(sorted(theme)[0]) if theme else None
            parts = {n: archive.read(n) for n in names if _FONT_PARTS.fullmatch(n)}
        fonts = _theme_fonts(etree.fromstring(theme_xml)) if theme_xml else {}
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise DataError(
            f"cannot read the fonts of {str(path)!r}: {exc}; is it a Word (.docx) file?"
        ) from exc
    order = ("word/styles.xml", "word/numbering.xml")
    ordered = sorted(parts, key=lambda n: (order.index(n) if n in order else len(order), n))
    return fonts, {n: parts[n] for n in ordered}


def _theme_fonts(root: etree._Element) -> dict[str, str]:
    """Map theme font names (``minorHAnsi``, ``majorBidi``, …) to the theme's typefaces."""
    fonts: dict[str, str] = {}
    for kind in ("major", "minor"):
        scheme = root.find(f".//{_A}{kind}Font")
        if scheme is None:
            continue
        for tag, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            element = scheme.find(f"{_A}{tag}")
            typeface = element.get("typeface") if element is not None else None
            if typeface:
                for slot in slots:
                    fonts[f"{kind}{slot}"] = typeface
    return fonts


def _families(attributes: Mapping[str, str], theme: Mapping[str, str]) -> Iterable[str]:
    """Yield the families of one ``w:rFonts`` (local attribute names), ASCII first."""
    for slot, theme_slot in _SLOTS:
        name = attributes.get(theme_slot)
        value = theme.get(name) if name else attributes.get(slot)
        if value:
            yield value


def _rfonts(data: bytes) -> Iterable[dict[str, str]]:
    """Yield the attributes of each distinct ``w:rFonts`` element of an XML part."""
    prefix = _PREFIX.search(data)
    if prefix is None:  # WordprocessingML as the default namespace: rare, parse it
        root = etree.fromstring(data)
        elements = [
            {etree.QName(k).localname: str(v) for k, v in e.attrib.items()}
            for e in root.iter(f"{_W}rFonts")
        ]
        yield from elements
        return
    element = re.compile(b"<" + re.escape(prefix[1]) + rb":rFonts\b([^>]*)>")
    for found in dict.fromkeys(element.findall(data)):
        yield {
            local.decode(): html.unescape(value.decode("utf-8", errors="replace"))
            for ns, local, _, value in _ATTRIBUTE.findall(found)
            if ns == prefix[1]
        }


def document_families(source: str | os.PathLike[str]) -> tuple[str, ...]:
    """Return every font family the .docx ``source`` names, in order of first mention.

    Raises:
        DataError: ``source`` is not a readable .docx (Word 2007+) file.
    """
    theme, parts = _read(source)
    families: dict[str, None] = {}
    try:
        for data in parts.values():
            for attributes in _rfonts(data):
                families.update(dict.fromkeys(_families(attributes, theme)))
    except etree.XMLSyntaxError as exc:
        raise DataError(
            f"cannot read the fonts of {str(source)!r}: {exc}; the file is corrupt"
        ) from exc
    return tuple(families)


def document_fonts(source: str | os.PathLike[str]) -> DocumentFonts:
    """Return the fonts the .docx ``source`` asks for, its main family and its visible text.

    Raises:
        DataError: ``source`` is not a readable .docx (Word 2007+) file.
    """
    families = document_families(source)
    theme, parts = _read(source)
    main: str | None = None
    texts: list[str] = []
    try:
        for name, data in parts.items():
            if name == "word/styles.xml":
                main = _default_family(etree.fromstring(data), theme)
            elif _TEXT_PARTS.fullmatch(name):
                texts.extend(t.text or "" for t in etree.fromstring(data).iter(f"{_W}t"))
    except etree.XMLSyntaxError as exc:
        raise DataError(
            f"cannot read the fonts of {str(source)!r}: {exc}; the file is corrupt"
        ) from exc
    return DocumentFonts(families, main or (families[0] if families else None), "".join(texts))


def _default_family(styles: etree._Element, theme: Mapping[str, str]) -> str | None:
    """Return the ASCII font of the Normal style, else of the document defaults."""
    candidates = [
        style.find(f"{_W}rPr/{_W}rFonts")
        for style in styles.iter(f"{_W}style")
        if style.get(f"{_W}default") == "1" and style.get(f"{_W}type") == "paragraph"
    ]
    candidates.append(styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts"))
    for element in candidates:
        if element is not None:
            attributes = {etree.QName(k).localname: str(v) for k, v in element.attrib.items()}
            first = next(iter(_families(attributes, theme)), None)
            if first:
                return first
    return None

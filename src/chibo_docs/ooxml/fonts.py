"""The fonts a .docx asks for: every family its styles, numbering and runs name.

:func:`document_families` is what the font fallback check runs after each conversion, so it
reads the XML as text (a regular expression over the ``w:rFonts`` elements): about 1 ms
where parsing a Word styles part (often 300 KB) takes 20 ms. :func:`document_fonts` parses
the parts and also returns the main family and the visible text. Either way the file is read
by the one capped reader (:func:`~chibo_docs.ooxml.reading.read_package`, only the parts
that name fonts unpacked), and what is parsed is parsed by its strict parser.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from chibo_docs.ooxml.namespaces import W_NS, A, W
from chibo_docs.ooxml.reading import parse_part, read_package

__all__ = ["DocumentFonts", "document_families", "document_fonts"]

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
_THEME_PART = re.compile(r"word/theme/.*\.xml")
_PREFIX = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']' + re.escape(W_NS.encode()) + rb'["\']')
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
    """Return the theme fonts and the parts that name fonts, in a fixed order (styles first).

    Raises:
        DocxFileError: ``source`` is not a readable .docx (also a :class:`DataError`).
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`.
    """
    label = os.fspath(source)
    package = read_package(source, name=label, members=_wanted, check_xml=False)
    theme = sorted(n for n in package if _THEME_PART.fullmatch(n))
    fonts = _theme_fonts(parse_part(package[theme[0]], source=label, part=theme[0])) if theme else {}
    parts = {n: data for n, data in package.items() if _FONT_PARTS.fullmatch(n)}
    order = ("word/styles.xml", "word/numbering.xml")
    ordered = sorted(parts, key=lambda n: (order.index(n) if n in order else len(order), n))
    return fonts, {n: parts[n] for n in ordered}


def _wanted(name: str) -> bool:
    return bool(_FONT_PARTS.fullmatch(name) or _THEME_PART.fullmatch(name))


def _theme_fonts(root: etree._Element) -> dict[str, str]:
    """Map theme font names (``minorHAnsi``, ``majorBidi``, …) to the theme's typefaces."""
    fonts: dict[str, str] = {}
    for kind in ("major", "minor"):
        scheme = root.find(f".//{A}{kind}Font")
        if scheme is None:
            continue
        for tag, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            element = scheme.find(f"{A}{tag}")
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


def _rfonts(data: bytes, source: str, part: str) -> Iterable[dict[str, str]]:
    """Yield the attributes of each distinct ``w:rFonts`` element of an XML part."""
    prefix = _PREFIX.search(data)
    if prefix is None:  # WordprocessingML as the default namespace: rare, parse it
        root = parse_part(data, source=source, part=part)
        elements = [
            {etree.QName(k).localname: str(v) for k, v in e.attrib.items()}
            for e in root.iter(f"{W}rFonts")
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


def _named(theme: Mapping[str, str], parts: Mapping[str, bytes], source: str) -> tuple[str, ...]:
    families: dict[str, None] = {}
    for name, data in parts.items():
        for attributes in _rfonts(data, source, name):
            families.update(dict.fromkeys(_families(attributes, theme)))
    return tuple(families)


def document_families(source: str | os.PathLike[str]) -> tuple[str, ...]:
    """Return every font family the .docx ``source`` names, in order of first mention.

    Raises:
        DocxFileError: ``source`` is not a readable .docx (Word 2007+) file (also a
            :class:`~chibo_docs.errors.DataError`).
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`.
    """
    theme, parts = _read(source)
    return _named(theme, parts, os.fspath(source))


def document_fonts(source: str | os.PathLike[str]) -> DocumentFonts:
    """Return the fonts the .docx ``source`` asks for, its main family and its visible text.

    Raises:
        DocxFileError: ``source`` is not a readable .docx (Word 2007+) file (also a
            :class:`~chibo_docs.errors.DataError`).
        TemplateLimitError: ``source`` goes over a size limit of :mod:`chibo_docs.limits`.
    """
    label = os.fspath(source)
    theme, parts = _read(source)
    families = _named(theme, parts, label)
    main: str | None = None
    texts: list[str] = []
    for name, data in parts.items():
        if name == "word/styles.xml":
            main = _default_family(parse_part(data, source=label, part=name), theme)
        elif _TEXT_PARTS.fullmatch(name):
            root = parse_part(data, source=label, part=name)
            texts.extend(t.text or "" for t in root.iter(f"{W}t"))
    return DocumentFonts(families, main or (families[0] if families else None), "".join(texts))


def _default_family(styles: etree._Element, theme: Mapping[str, str]) -> str | None:
    """Return the ASCII font of the Normal style, else of the document defaults."""
    candidates = [
        style.find(f"{W}rPr/{W}rFonts")
        for style in styles.iter(f"{W}style")
        if style.get(f"{W}default") == "1" and style.get(f"{W}type") == "paragraph"
    ]
    candidates.append(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts"))
    for element in candidates:
        if element is not None:
            attributes = {etree.QName(k).localname: str(v) for k, v in element.attrib.items()}
            first = next(iter(_families(attributes, theme)), None)
            if first:
                return first
    return None

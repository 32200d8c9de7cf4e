"""Turn rendered WordprocessingML into a .docx file: strictly checked, stable, written whole.

Nothing here knows about templates: :mod:`chibo_docs.templating.engine` hands over rendered XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Literal

from lxml import etree

from chibo_docs.errors import OutputXMLError
from chibo_docs.i18n import message
from chibo_docs.ooxml.namespaces import WP_DOCPR, W
from chibo_docs.ooxml.reading import parse_part, strict_xml
from chibo_docs.output_files import write_atomically

__all__ = [
    "NEWLINE_XML",
    "TAB_XML",
    "LineBreaks",
    "check_xml",
    "first_free_drawing_id",
    "part_bytes",
    "part_text",
    "renumber_drawings",
    "split_paragraphs",
    "write_atomically",
    "zip_package",
]

LineBreaks = Literal["paragraph", "break"]
"""What a line break in a text value becomes: a new paragraph or a line break inside one."""

NEWLINE_XML = '</w:t><w:br chibo-nl="1"/><w:t xml:space="preserve">'
"""Markup for a line break that came from data; :func:`split_paragraphs` resolves it."""

TAB_XML = '</w:t><w:tab/><w:t xml:space="preserve">'
"""Markup for a tab that came from data."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def check_xml(data: bytes | str, *, template: str, part: str) -> etree._Element:
    """Parse a rendered part with a strict XML parser and return its root element.

    Raises:
        OutputXMLError: when the XML is not well formed, naming the template and the part,
            with the text around the fault. Nothing is repaired.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return strict_xml(raw)
    except etree.XMLSyntaxError as exc:
        line = raw.splitlines()[exc.lineno - 1] if exc.lineno and raw else b""
        column = max((exc.offset or 1) - 1, 0)
        around = line[max(column - 60, 0) : column + 40].decode("utf-8", "replace")
        raise OutputXMLError(
            message("the rendered XML is not well formed ({detail}); a filter or value produced "
                    "markup that breaks the document, so nothing was written", detail=exc.msg),
            template=template,
            part=part,
            snippet=around,
        ) from exc


def split_paragraphs(root: etree._Element, line_breaks: LineBreaks) -> None:
    """Turn the line breaks that came from data into paragraphs (or plain line breaks).

    A break marked ``chibo-nl="1"`` (a line break in a text value) follows ``line_breaks``;
    one marked ``chibo-nl="p"`` (docxtpl's ``\\a`` in a listing or rich text) always starts a
    new paragraph.
    """
    for br in list(root.iter(W + "br")):
        mark = br.get("chibo-nl")
        if mark is None:
            continue
        del br.attrib["chibo-nl"]
        run = br.getparent()
        paragraph = run.getparent() if run is not None else None
        if (line_breaks == "break" and mark != "p") or run is None or paragraph is None:
            continue
        if run.tag != W + "r" or paragraph.tag != W + "p":
            continue
        new_run = etree.Element(W + "r")
        properties = run.find(W + "rPr")
        if properties is not None:
            new_run.append(_copy(properties))
        for sibling in list(br.itersiblings()):
            new_run.append(sibling)
        run.remove(br)
        new_paragraph = etree.Element(W + "p")
        paragraph_properties = paragraph.find(W + "pPr")
        if paragraph_properties is not None:
            copied = _copy(paragraph_properties)
            section = paragraph_properties.find(W + "sectPr")
            if section is not None:  # the section break belongs after the last piece
                paragraph_properties.remove(section)
            new_paragraph.append(copied)
        new_paragraph.append(new_run)
        for sibling in list(run.itersiblings()):
            new_paragraph.append(sibling)
        paragraph.addnext(new_paragraph)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def renumber_drawings(root: etree._Element, first: int) -> int:
    """Number the drawings (``wp:docPr`` ids) of a part from ``first``; return the next id."""
    for drawing in root.iter(WP_DOCPR):
        drawing.set("id", str(first))
        first += 1
    return first


def first_free_drawing_id(package: Mapping[str, bytes], skip: set[str], *, source: str) -> int:
    """Return the first drawing id (``wp:docPr``) above those of every XML part not in ``skip``.

    The parts in ``skip`` are the ones to be rendered, whose drawings are numbered afresh
    from this id by :func:`renumber_drawings`. ``source`` names the file in errors.
    """
    first = 1
    for member, data in package.items():
        if member not in skip and b"docPr" in data and member.endswith(".xml"):
            ids = [
                int(e.get("id", "0"))
                for e in parse_part(data, source=source, part=member).iter(WP_DOCPR)
                if e.get("id", "").isdigit()
            ]
            first = max([first, *(i + 1 for i in ids)])
    return first


def part_text(root: etree._Element) -> str:
    """Return a parsed part as XML text, without declaration (what a template is compiled from)."""
    return etree.tostring(root, encoding="unicode")


def part_bytes(root: etree._Element) -> bytes:
    """Return a parsed part as the bytes written into a .docx: UTF-8, declaration, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_package(package: Mapping[str, bytes]) -> bytes:
    """Zip the files of a .docx, in order, with fixed timestamps: the same input, the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in package.items():
            info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            archive.writestr(info, data)
    return buffer.getvalue()

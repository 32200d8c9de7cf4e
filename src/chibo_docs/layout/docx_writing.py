"""Low-level WordprocessingML writing for the form builder (python-docx and lxml).

The builder describes *what* goes on the page; this module makes the XML elements: runs whose
text stays in one ``w:r`` (so docxtpl tags are never split), paragraphs with direct formatting,
borderless layout tables, the PAGE field, a minimal package with only Times New Roman in it, and
a byte-for-byte reproducible zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement

from chibo_docs.layout.profiles import LayoutProfile, TextFormat
from chibo_docs.ooxml.namespaces import R_NS, W_NS

__all__ = [
    "Align",
    "ParagraphFormat",
    "blank_package",
    "element",
    "keep_core_properties_readable",
    "page_number_paragraph",
    "paragraph",
    "reproducible_zip",
    "run",
    "table",
]

Align = Literal["left", "center", "right", "both"]

_W = W_NS
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def element(tag: str, attrs: dict[str, str] | None = None, *children: Any) -> Any:
    """Return a new ``w:`` element with ``attrs`` (prefixed names) and ``children`` appended."""
    el = OxmlElement(tag, {qn(k): v for k, v in (attrs or {}).items()})
    for child in children:
        if child is not None:
            el.append(child)
    return el


def _run_properties(fmt: TextFormat, font: str) -> Any:
    rpr = element("w:rPr")
    rpr.append(
        element("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font})
    )
    if fmt.bold:
        rpr.append(element("w:b"))
        rpr.append(element("w:bCs"))
    if fmt.italic:
        rpr.append(element("w:i"))
        rpr.append(element("w:iCs"))
    if fmt.underline:
        rpr.append(element("w:u", {"w:val": "single"}))
    half_points = str(round(fmt.size * 2))
    rpr.append(element("w:sz", {"w:val": half_points}))
    rpr.append(element("w:szCs", {"w:val": half_points}))
    return rpr


def run(text: str, fmt: TextFormat, font: str) -> Any:
    """Return a ``w:r`` holding ``text`` in a single ``w:t`` with ``fmt`` applied."""
    r = element("w:r", None, _run_properties(fmt, font))
    t = element("w:t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


@dataclass(frozen=True, slots=True)
class ParagraphFormat:
    """Direct paragraph formatting, in twips; ``line`` is an exact line height."""

    align: Align = "left"
    first_line: int = 0
    left: int = 0
    right: int = 0
    before: int = 0
    after: int = 0
    line: int | None = None
    keep_next: bool = False
    bottom_rule: bool = False


def paragraph(runs: Iterable[Any], fmt: ParagraphFormat, mark: TextFormat, font: str) -> Any:
    """Return a ``w:p`` with ``fmt``; ``mark`` formats the paragraph mark (height of empty lines)."""
    ppr = element("w:pPr")
    if fmt.keep_next:
        ppr.append(element("w:keepNext"))
    if fmt.bottom_rule:
        bottom = {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}
        ppr.append(element("w:pBdr", None, element("w:bottom", bottom)))
    spacing = {"w:before": str(fmt.before), "w:after": str(fmt.after)}
    if fmt.line is None:
        spacing.update({"w:line": "240", "w:lineRule": "auto"})
    else:
        spacing.update({"w:line": str(fmt.line), "w:lineRule": "exact"})
    ppr.append(element("w:spacing", spacing))
    if fmt.first_line or fmt.left or fmt.right:
        ind = {"w:left": str(fmt.left), "w:right": str(fmt.right)}
        if fmt.first_line:
            ind["w:firstLine"] = str(fmt.first_line)
        ppr.append(element("w:ind", ind))
    ppr.append(element("w:jc", {"w:val": fmt.align}))
    ppr.append(_run_properties(mark, font))
    p = element("w:p", None, ppr)
    for r in runs:
        p.append(r)
    return p


def page_number_paragraph(fmt: TextFormat, font: str) -> Any:
    """Return a centred paragraph holding a PAGE field (a complex field, as Word writes it)."""

    def field_char(kind: str) -> Any:
        return element(
            "w:r", None, _run_properties(fmt, font), element("w:fldChar", {"w:fldCharType": kind})
        )

    instr = element("w:instrText", {"xml:space": "preserve"})
    instr.text = " PAGE "
    runs = [
        field_char("begin"),
        element("w:r", None, _run_properties(fmt, font), instr),
        field_char("separate"),
        run("2", fmt, font),
        field_char("end"),
    ]
    return paragraph(runs, ParagraphFormat(align="center"), fmt, font)


def table(
    widths: Sequence[int],
    rows: Sequence[Sequence[Sequence[Any]]],
    *,
    borders: bool = False,
    header_rows: int = 0,
) -> Any:
    """Return a fixed-layout ``w:tbl``; ``rows[r][c]`` is the list of block elements of a cell."""
    edge = (
        {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"}
        if borders
        else {"w:val": "nil"}
    )
    tbl_borders = element(
        "w:tblBorders",
        None,
        *(
            element(f"w:{side}", edge)
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ),
    )
    tbl_pr = element(
        "w:tblPr",
        None,
        element("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}),
        element("w:tblInd", {"w:w": "0", "w:type": "dxa"}),
        tbl_borders,
        element("w:tblLayout", {"w:type": "fixed"}),
        element(
            "w:tblLook",
            {
                "w:val": "0000",
                "w:firstRow": "0",
                "w:lastRow": "0",
                "w:firstColumn": "0",
                "w:lastColumn": "0",
                "w:noHBand": "1",
                "w:noVBand": "1",
            },
        ),
    )
    grid = element("w:tblGrid", None, *(element("w:gridCol", {"w:w": str(w)}) for w in widths))
    tbl = element("w:tbl", None, tbl_pr, grid)
    for index, cells in enumerate(rows):
        tr_pr = element("w:trPr", None, element("w:cantSplit"))
        if index < header_rows:
            tr_pr.append(element("w:tblHeader"))
        tr = element("w:tr", None, tr_pr)
        for width, blocks in zip(widths, cells, strict=True):
            tc_pr = element("w:tcPr", None, element("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
            tr.append(element("w:tc", None, tc_pr, *blocks))
        tbl.append(tr)
    return tbl


def _xml(body: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + body).encode("utf-8")


_CONTENT_TYPES = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
</Types>"""

_R = R_NS
_ROOT_RELS = f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="{_R}/extended-properties" Target="docProps/app.xml"/>\
</Relationships>"""

_DOCUMENT_RELS = f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="{_R}/settings" Target="settings.xml"/>\
<Relationship Id="rId3" Type="{_R}/fontTable" Target="fontTable.xml"/>\
</Relationships>"""

_SETTINGS = f"""<w:settings xmlns:w="{_W}"><w:zoom w:percent="100"/>\
<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>\
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
<w:themeFontLang w:val="vi-VN"/></w:settings>"""


def _styles(profile: LayoutProfile) -> str:
    f = profile.font
    size = round(profile.body.size * 2)
    return f"""<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>\
<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>\
</w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>\
<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>\
<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>\
<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>\
<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>\
<w:semiHidden/><w:unhideWhenUsed/></w:style></w:styles>"""


def _font_table(profile: LayoutProfile) -> str:
    return f"""<w:fonts xmlns:w="{_W}"><w:font w:name="{profile.font}"><w:panose1 w:val="02020603050405020304"/>\
<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"""


def _core(created: str) -> str:
    return f"""<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:creator>chibo_docs</dc:creator><cp:lastModifiedBy>chibo_docs</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>"""


_APP = """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>chibo_docs</Application></Properties>"""


def blank_package(profile: LayoutProfile, *, created: str) -> bytes:
    """Return a minimal .docx with an empty body, whose only font is ``profile.font``.

    ``created`` is the W3CDTF timestamp written as both created and modified date.
    """
    body = f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body><w:sectPr/></w:body></w:document>'
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "word/document.xml": body,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": _styles(profile),
        "word/settings.xml": _SETTINGS,
        "word/fontTable.xml": _font_table(profile),
        "docProps/core.xml": _core(created),
        "docProps/app.xml": _APP,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, _ZIP_DATE), _xml(text))
    return buffer.getvalue()


def reproducible_zip(data: bytes) -> bytes:
    """Return ``data`` (a zip) rewritten with fixed entry dates, so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


_CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def keep_core_properties_readable() -> None:
    """Bind python-docx's ``cp`` prefix back to the core-properties namespace.

    docxcompose, which docxtpl imports when it is installed, rebinds that prefix in
    python-docx's own namespace map to the custom-properties namespace; python-docx then reads
    no document's title, revision or dates (every ``cp:`` property is missing). chibo_docs
    imports docxtpl, so it puts the binding back right after (docxcompose keeps its own map).

    >>> keep_core_properties_readable(); nsmap["cp"] == _CORE_PROPERTIES_NS
    True
    """
    nsmap["cp"] = _CORE_PROPERTIES_NS

"""Read a .docx for checking: paragraphs in reading order with their effective formatting.

Formatting is resolved the way Word does for the properties the layout rules need: direct
run properties, then the run's character style, then the paragraph style chain (``basedOn``),
then ``docDefaults``. Table-style formatting and numbering are not resolved. The paragraphs
come from the one walker (:mod:`chibo_docs.ooxml.paragraphs`), with the same locations as
lint findings and render errors.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from chibo_docs.errors import DocxFileError
from chibo_docs.i18n import message
from chibo_docs.location import Location
from chibo_docs.ooxml.namespaces import A, w
from chibo_docs.ooxml.paragraphs import CellElements, iter_cells, walk_part
from chibo_docs.ooxml.reading import (
    Package,
    Part,
    main_part_name,
    parse_part,
    read_package,
    relationships,
)
from chibo_docs.ooxml.tags import literal, only_control_tags

__all__ = ["Cell", "DocxPackage", "Para", "RunFormat", "iter_paragraphs"]

_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOTS = {
    "ascii": "asciiTheme",
    "hAnsi": "hAnsiTheme",
    "eastAsia": "eastAsiaTheme",
    "cs": "cstheme",
}
_OFF = {"0", "false", "off", "none"}


def _val(el: Any, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(w(attr))
    return None if value is None else str(value)


def _on(el: Any) -> bool | None:
    """Return the value of a toggle property element (``w:b``), or None when absent."""
    if el is None:
        return None
    return _val(el) not in _OFF


@dataclass
class RunFormat:
    """Effective character formatting of a run."""

    fonts: dict[str, str] = field(default_factory=dict)
    size: float | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def apply(self, rpr: Any, theme_fonts: dict[str, str]) -> None:
        """Lay the properties of ``rpr`` (a ``w:rPr`` or None) over these."""
        if rpr is None:
            return
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            for slot in _FONT_SLOTS:
                theme = _val(fonts, _THEME_SLOTS[slot])
                value = (
                    theme_fonts.get(theme, f"theme font {theme}") if theme else _val(fonts, slot)
                )
                if value:
                    self.fonts[slot] = value
        size = _val(rpr.find(w("sz")))
        if size is not None:
            self.size = int(size) / 2
        for name in ("bold", "italic"):
            on = _on(rpr.find(w("b" if name == "bold" else "i")))
            if on is not None:
                setattr(self, name, on)
        underline = rpr.find(w("u"))
        if underline is not None:
            self.underline = _val(underline) not in _OFF

    def copy(self) -> RunFormat:
        """Return an independent copy."""
        return RunFormat(dict(self.fonts), self.size, self.bold, self.italic, self.underline)


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table: 1-based numbers, and the cell's geometry in twips.

    ``table`` numbers the tables of the part in document order, nested ones included, so
    that it tells tables apart; ``row`` and ``column`` are those of the paragraph's location.
    """

    table: int
    row: int
    column: int
    x: int
    width: int
    table_width: int
    margins: int
    element: Any


@dataclass
class Para:
    """A paragraph with its text, location and effective formatting."""

    element: Any
    part: Part
    location: Location
    cell: Cell | None
    text: str
    runs: list[tuple[str, RunFormat]]
    mark: RunFormat
    ppr: dict[str, str]
    """Effective paragraph properties: ``jc``, ``ind.firstLine``, ``spacing.after``, ``bdr.bottom`` …"""

    @property
    def text_runs(self) -> list[tuple[str, RunFormat]]:
        """Return the runs that hold visible characters."""
        return [(t, f) for t, f in self.runs if t.strip()]

    @property
    def is_tag_only(self) -> bool:
        """Return whether the paragraph holds only control tags (``{%p for … %}``), no output."""
        return only_control_tags(self.text)

    @property
    def templated(self) -> bool:
        """Return whether the paragraph holds a Jinja tag."""
        return literal(self.text) != self.text

    def twips(self, key: str) -> int | None:
        """Return the integer value of a paragraph property, or None."""
        value = self.ppr.get(key)
        return None if value is None or not value.lstrip("-").isdigit() else int(value)


class DocxPackage:
    """The parts of a .docx that the checker reads.

    ``source`` is a path, the bytes of a .docx, or a package already read by
    :func:`chibo_docs.ooxml.reading.read_package` (``name`` then names it in errors). A file
    is read by that one reader: size limits checked before anything is unpacked, every XML
    part parsed strictly.

    Raises:
        DocxFileError: the file is not a readable .docx (also a :class:`DataError`).
        TemplateLimitError: the file goes over a limit of :mod:`chibo_docs.limits`.
    """

    def __init__(
        self, source: str | os.PathLike[str] | bytes | Package, *, name: str | None = None
    ) -> None:
        if isinstance(source, Mapping):
            self.name = name or "<package>"
            self.parts: Package = source
        else:
            self.name = name or ("<bytes>" if isinstance(source, bytes) else os.fspath(source))
            self.parts = read_package(source, name=self.name)
        self.main = Part(main_part_name(self.parts), "body")
        self.document = self.xml(self.main.name)
        self.rels = {rel.id: rel for rel in relationships(self.parts, self.main.name)}
        styles = next(iter(self.parts_of_type("styles")), "word/styles.xml")
        self.styles = self.xml(styles, required=False)
        self.styles_part = Part(styles, "styles")
        self.theme_fonts = self._theme_fonts()
        self._styles: dict[tuple[str, str | None], Any] = {}

    def xml(self, part: str, *, required: bool = True) -> Any:
        """Return the parsed root of ``part``, or None when it is missing and not required."""
        if part not in self.parts:
            if not required:
                return None
            raise DocxFileError(
                message("a part it refers to is missing; save it again from Word or LibreOffice"),
                template=self.name,
                part=part,
            )
        return parse_part(self.parts[part], source=self.name, part=part)

    def parts_of_type(self, kind: str) -> list[str]:
        """Return the part names the document relates to with relationship type ``kind``."""
        return sorted(
            rel.target
            for rel in self.rels.values()
            if rel.kind == kind and rel.target in self.parts
        )

    def _theme_fonts(self) -> dict[str, str]:
        theme = next(iter(self.parts_of_type("theme")), None)
        root = self.xml(theme) if theme else None
        out: dict[str, str] = {}
        if root is None:
            return out
        for level in ("major", "minor"):
            scheme = root.find(f".//{A}{level}Font")
            if scheme is None:
                continue
            for tag, names in (
                ("latin", ("HAnsi", "Ascii")),
                ("ea", ("EastAsia",)),
                ("cs", ("Bidi",)),
            ):
                face = scheme.find(f"{A}{tag}")
                if face is not None and face.get("typeface"):
                    for suffix in names:
                        out[level + suffix] = face.get("typeface", "")
        return out

    def style(self, style_id: str | None, kind: str) -> Any:
        """Return the ``w:style`` element with ``style_id`` (or the default of ``kind``)."""
        if not self._styles:
            for el in self.styles.iterfind(w("style")) if self.styles is not None else ():
                key = (str(el.get(w("type"))), el.get(w("styleId")))
                self._styles.setdefault(key, el)
                if _val(el, "default") in {"1", "true", "on"}:
                    self._styles.setdefault((key[0], None), el)
        return self._styles.get((kind, style_id))

    def style_chain(self, style_id: str | None, kind: str) -> list[Any]:
        """Return the style and its ``basedOn`` ancestors, root first."""
        chain: list[Any] = []
        el = self.style(style_id, kind)
        while el is not None and el not in chain:
            chain.insert(0, el)
            based = _val(el.find(w("basedOn")))
            el = self.style(based, kind) if based else None
        return chain

    def defaults(self) -> tuple[Any, Any]:
        """Return the ``docDefaults`` ``w:rPr`` and ``w:pPr`` (either may be None)."""
        if self.styles is None:
            return None, None
        return (
            self.styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"),
            self.styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}"),
        )

    def paragraph_base(self, style_id: str | None) -> tuple[RunFormat, dict[str, str]]:
        """Return the run format and paragraph properties a paragraph of ``style_id`` starts from."""
        rpr_default, ppr_default = self.defaults()
        fmt = RunFormat()
        fmt.apply(rpr_default, self.theme_fonts)
        props: dict[str, str] = {}
        _apply_ppr(props, ppr_default)
        for style in self.style_chain(style_id, "paragraph"):
            fmt.apply(style.find(w("rPr")), self.theme_fonts)
            _apply_ppr(props, style.find(w("pPr")))
        return fmt, props

    def run_format(self, base: RunFormat, run: Any) -> RunFormat:
        """Return the effective format of ``run`` in a paragraph whose format is ``base``."""
        fmt = base.copy()
        rpr = run.find(w("rPr"))
        style_id = _val(rpr.find(w("rStyle"))) if rpr is not None else None
        if style_id:
            for style in self.style_chain(style_id, "character"):
                fmt.apply(style.find(w("rPr")), self.theme_fonts)
        fmt.apply(rpr, self.theme_fonts)
        return fmt


def _apply_ppr(props: dict[str, str], ppr: Any) -> None:
    if ppr is None:
        return
    jc = _val(ppr.find(w("jc")))
    if jc:
        props["jc"] = jc
    for child, attrs in (
        ("ind", ("left", "start", "right", "end", "firstLine", "hanging")),
        ("spacing", ("before", "after", "line", "lineRule")),
    ):
        el = ppr.find(w(child))
        if el is None:
            continue
        for attr in attrs:
            value = _val(el, attr)
            if value is not None:
                props[f"{child}.{attr}"] = value
        if child == "ind" and _val(el, "hanging") is not None:
            props["ind.firstLine"] = "-" + str(_val(el, "hanging"))
    borders = ppr.find(w("pBdr"))
    if borders is not None:
        for side in ("top", "bottom"):
            value = _val(borders.find(w(side)))
            if value is not None:
                props[f"bdr.{side}"] = value


def _owner(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent


def _paragraph(pkg: DocxPackage, p: Any, part: Part, location: Location, cell: Cell | None) -> Para:
    ppr = p.find(w("pPr"))
    style_id = _val(ppr.find(w("pStyle"))) if ppr is not None else None
    base, props = pkg.paragraph_base(style_id)
    _apply_ppr(props, ppr)
    mark = base.copy()
    if ppr is not None:
        mark.apply(ppr.find(w("rPr")), pkg.theme_fonts)
    runs = []
    for r in p.iter(w("r")):
        if _owner(r) is not p:
            continue
        text = "".join(
            (t.text or "") if t.tag == w("t") else "\t" for t in r if t.tag in (w("t"), w("tab"))
        )
        runs.append((text, pkg.run_format(base, r)))
    return Para(p, part, location, cell, "".join(t for t, _ in runs), runs, mark, props)


def _cell_margin(pkg: DocxPackage, tbl: Any) -> int:
    for source in (
        tbl.find(w("tblPr")),
        *(s.find(w("tblPr")) for s in pkg.style_chain(None, "table")),
    ):
        if source is None:
            continue
        mar = source.find(w("tblCellMar"))
        if mar is not None:
            total = sum(
                int(_val(mar.find(w(side)), "w") or 0)
                for side in ("left", "right")
                if mar.find(w(side)) is not None
            )
            if total:
                return total
    return 216


def _span(tc: Any) -> int:
    tc_pr = tc.find(w("tcPr"))
    return int(_val(tc_pr.find(w("gridSpan"))) or 1) if tc_pr is not None else 1


def _cell(around: CellElements, number: int, margins: int, location: Location) -> Cell:
    """Return the geometry of the innermost cell around a paragraph (table ``number``)."""
    tbl, tc = around.table, around.cell
    grid = [int(_val(col, "w") or 0) for col in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
    column = 0
    for before in iter_cells(around.row):
        if before is tc:
            break
        column += _span(before)
    width = sum(grid[column : column + _span(tc)])
    tc_pr = tc.find(w("tcPr"))
    if not width and tc_pr is not None:
        width = int(_val(tc_pr.find(w("tcW")), "w") or 0)
    place = location.cells[-1]
    return Cell(number, place.row, place.cell, sum(grid[:column]), width, sum(grid), margins, tc)


def iter_paragraphs(pkg: DocxPackage, root: Any, part: Part) -> Iterator[Para]:
    """Yield the paragraphs of ``root`` (a body, header or footer part) in reading order."""
    tables: dict[Any, tuple[int, int]] = {}  # each table: its number in the part, its margins
    for walked in walk_part(root, part):
        location = walked.paragraph.location
        cell = None
        for around in walked.cells:
            if around.table not in tables:
                tables[around.table] = (len(tables) + 1, _cell_margin(pkg, around.table))
        if walked.cells:
            inner = walked.cells[-1]
            cell = _cell(inner, *tables[inner.table], location)
        yield _paragraph(pkg, walked.element, part, location, cell)

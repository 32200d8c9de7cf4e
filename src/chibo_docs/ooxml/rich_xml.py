"""WordprocessingML for rich content: formatted runs, pictures, listings, paragraphs, sub-documents.

A template prints a rich value as a *marker*, an empty element of chibo_docs' own namespace
that data can never produce (data text is escaped). Once the part is rendered and parsed,
:func:`resolve_markers` replaces each marker by the XML of its value, built here with lxml
(so every text is escaped by construction and nothing a value holds can become markup), and
chosen by where the marker stands:

* inside a run's text (``{{ value }}`` in a sentence): the run is split, and the value's runs
  take the template run's formatting, their own on top;
* where a run was (``{{r value }}``): the runs stand there, with their own formatting only;
* where a paragraph was (``{{p value }}``): paragraphs and tables stand there.

Paragraph-sized values (rich paragraphs, sub-documents) printed with ``{{ }}`` or ``{{r }}``
take the place of their paragraph, which must hold nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from lxml import etree

from chibo_docs.i18n import Message, message
from chibo_docs.ooxml.namespaces import A_NS, PIC, PIC_NS, R_NS, WP, WP_NS, A, R, W
from chibo_docs.ooxml.package_edits import PackageEdits
from chibo_docs.ooxml.paragraphs import paragraph_text

__all__ = [
    "MARKER",
    "ImageSpec",
    "ListingSpec",
    "ParagraphSpec",
    "PlacementError",
    "RichItem",
    "RunSpec",
    "marker_xml",
    "resolve_markers",
]

MARKER_NS = "urn:chibo-docs:rich"
MARKER = "{" + MARKER_NS + "}rich"
"""The Clark name of the marker a template prints for a rich value."""

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_EMU_PER_MM = 36_000

# The order of a run's properties in WordprocessingML (CT_RPr); Word refuses other orders.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
]
_RPR_RANK = {W + name: rank for rank, name in enumerate(_RPR_ORDER)}
_RUN_PARENTS = frozenset(
    {W + "p", W + "hyperlink", W + "ins", W + "del", W + "smartTag", W + "customXml",
     W + "fldSimple", W + "moveTo", W + "moveFrom", W + "dir", W + "bdo"}
)
_BLOCK_PARENTS = frozenset(
    {W + "body", W + "tc", W + "hdr", W + "ftr", W + "footnote", W + "endnote", W + "comment",
     W + "txbxContent", W + "docPartBody"}
)
_LINK_PARENTS = frozenset({W + "p", W + "customXml", W + "smartTag", W + "sdtContent"})


class RunSpec(Protocol):
    """A formatted piece of text (what :class:`chibo_docs.models.Run` holds)."""

    @property
    def text(self) -> str: ...
    @property
    def bold(self) -> bool: ...
    @property
    def italic(self) -> bool: ...
    @property
    def underline(self) -> bool | str: ...
    @property
    def strike(self) -> bool: ...
    @property
    def color(self) -> str | None: ...
    @property
    def highlight(self) -> str | None: ...
    @property
    def size(self) -> float | None: ...
    @property
    def font(self) -> str | None: ...
    @property
    def east_asia_font(self) -> str | None: ...
    @property
    def link(self) -> str | None: ...
    @property
    def style(self) -> str | None: ...
    @property
    def position(self) -> str | None: ...


class ParagraphSpec(Protocol):
    """A paragraph of formatted runs, in a paragraph style or not."""

    @property
    def runs(self) -> Sequence[RunSpec]: ...
    @property
    def style(self) -> str | None: ...


class ImageSpec(Protocol):
    """A picture: its bytes, format and size on the page."""

    @property
    def data(self) -> bytes: ...
    @property
    def format(self) -> str: ...
    @property
    def size_mm(self) -> tuple[float, float]: ...
    @property
    def description(self) -> str | None: ...


class ListingSpec(Protocol):
    """Text whose line breaks, tabs, page breaks and paragraph marks are kept."""

    @property
    def text(self) -> str: ...


Kind = Literal["runs", "paragraphs", "image", "listing", "blocks"]


@dataclass(frozen=True)
class RichItem:
    """One rich value printed by a template, with what it is.

    ``runs``: a sequence of :class:`RunSpec`; ``paragraphs``: of :class:`ParagraphSpec`;
    ``image``: an :class:`ImageSpec`; ``listing``: a :class:`ListingSpec`; ``blocks``: a
    function that returns the body elements of a sub-document for a part (it is called
    once per place the sub-document is printed).
    """

    kind: Kind
    value: object
    blocks: Callable[[PackageEdits, str], list[etree._Element]] | None = None


class PlacementError(Exception):
    """A rich value cannot stand where its tag is, or names a style the template lacks.

    ``index`` is the value's number in the render (its marker's), ``reason`` the message.
    """

    def __init__(self, index: int, reason: Message) -> None:
        super().__init__(str(reason))
        self.index = index
        self.reason = reason


def marker_xml(index: int) -> str:
    """Return the marker printed for the ``index``-th rich value of a render."""
    return f'<chibo:rich xmlns:chibo="{MARKER_NS}" n="{index}"/>'


# -- runs ------------------------------------------------------------------------------------
def _sorted_properties(rpr: etree._Element) -> None:
    children = sorted(rpr, key=lambda c: _RPR_RANK.get(c.tag, len(_RPR_RANK)))
    for child in children:
        rpr.append(child)


def _set(rpr: etree._Element, name: str, **attributes: str) -> etree._Element:
    for old in rpr.findall(W + name):
        rpr.remove(old)
    element = etree.SubElement(rpr, W + name)
    for key, value in attributes.items():
        element.set(W + key, value)
    return element


def _half_points(points: float) -> str:
    return str(round(points * 2))


def run_properties(
    spec: RunSpec, base: etree._Element | None, style_id: str | None
) -> etree._Element | None:
    """Return the ``w:rPr`` of a run: a copy of ``base`` with the spec's formatting on top."""
    rpr = etree.fromstring(etree.tostring(base)) if base is not None else etree.Element(W + "rPr")
    if style_id:
        _set(rpr, "rStyle", val=style_id)
    if spec.font or spec.east_asia_font:
        fonts = rpr.find(W + "rFonts")
        if fonts is None:
            fonts = etree.SubElement(rpr, W + "rFonts")
        if spec.font:
            for attribute in ("ascii", "hAnsi", "cs"):
                fonts.set(W + attribute, spec.font)
            for theme in ("asciiTheme", "hAnsiTheme", "cstheme"):
                if W + theme in fonts.attrib:
                    del fonts.attrib[W + theme]
        if spec.east_asia_font:
            fonts.set(W + "eastAsia", spec.east_asia_font)
            if W + "eastAsiaTheme" in fonts.attrib:
                del fonts.attrib[W + "eastAsiaTheme"]
    if spec.bold:
        _set(rpr, "b")
        _set(rpr, "bCs")
    if spec.italic:
        _set(rpr, "i")
        _set(rpr, "iCs")
    if spec.strike:
        _set(rpr, "strike")
    if spec.color:
        _set(rpr, "color", val=spec.color.lstrip("#").upper())
    if spec.size:
        _set(rpr, "sz", val=_half_points(spec.size))
        _set(rpr, "szCs", val=_half_points(spec.size))
    if spec.underline:
        _set(rpr, "u", val=spec.underline if isinstance(spec.underline, str) else "single")
    if spec.highlight:
        _set(rpr, "shd", val="clear", color="auto", fill=spec.highlight.lstrip("#").upper())
    if spec.position:
        _set(rpr, "vertAlign", val=spec.position)
    if len(rpr) == 0:
        return None
    _sorted_properties(rpr)
    return rpr


def _text(run: etree._Element, text: str) -> None:
    t = etree.SubElement(run, W + "t")
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def fill_run(run: etree._Element, text: str) -> None:
    """Append ``text`` to a run: ``\\n`` a line break, ``\\t`` a tab, ``\\f`` a page break and
    ``\\a`` a paragraph mark (the paragraph is split after rendering)."""
    piece: list[str] = []
    for char in text:
        if char in "\n\t\f\a":
            if piece:
                _text(run, "".join(piece))
                piece = []
            if char == "\n":
                etree.SubElement(run, W + "br")
            elif char == "\t":
                etree.SubElement(run, W + "tab")
            elif char == "\f":
                etree.SubElement(run, W + "br").set(W + "type", "page")
            else:
                etree.SubElement(run, W + "br").set("chibo-nl", "p")
        else:
            piece.append(char)
    if piece:
        _text(run, "".join(piece))


def _runs(
    specs: Sequence[RunSpec],
    base: etree._Element | None,
    edits: PackageEdits,
    part: str,
    index: int,
    links: bool,
) -> list[etree._Element]:
    out: list[etree._Element] = []
    for spec in specs:
        style_id = _style(edits, spec.style, "character", index) if spec.style else None
        run = etree.Element(W + "r")
        rpr = run_properties(spec, base, style_id)
        if rpr is not None:
            run.append(rpr)
        fill_run(run, spec.text)
        if spec.link:
            if not links:
                raise PlacementError(index, message(
                    "a link cannot be put here: the tag is inside another link or a field; "
                    "move the tag out of it"))
            rel = edits.relate(part, "hyperlink", spec.link, external=True)
            link = etree.Element(W + "hyperlink")
            link.set(R + "id", rel)
            link.set(W + "history", "1")
            link.append(run)
            out.append(link)
        else:
            out.append(run)
    return out


def _style(edits: PackageEdits, wanted: str, kind: str, index: int) -> str:
    found = edits.style_id(wanted, kind)
    if found is None:
        names = edits.style_names(kind)
        shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
        what = (message("paragraph style") if kind == "paragraph" else message("character style"))
        raise PlacementError(index, message(
            "the template has no {what} {style}; its {what} styles are: {names}; create the "
            "style in Word (Home → Styles) or use one of these",
            what=what, style=repr(wanted), names=shown or "—"))
    return found


# -- pictures --------------------------------------------------------------------------------
def drawing_run(spec: ImageSpec, base: etree._Element | None, edits: PackageEdits, part: str,
                number: int) -> etree._Element:
    """Return a run holding the picture ``spec`` inline, its file added to the package."""
    extension = "png" if spec.format == "png" else "jpeg"
    media = edits.add_media(spec.data, extension, f"image/{extension}")
    rel = edits.relate(part, "image", media)
    width, height = (round(mm * _EMU_PER_MM) for mm in spec.size_mm)
    name = f"Picture {number}"
    run = etree.Element(W + "r", nsmap={"w": W[1:-1]})
    if base is not None:
        run.append(etree.fromstring(etree.tostring(base)))
    drawing = etree.SubElement(run, W + "drawing")
    inline = etree.SubElement(drawing, WP + "inline", nsmap={"wp": WP_NS})
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
    etree.SubElement(inline, WP + "extent", cx=str(width), cy=str(height))
    etree.SubElement(inline, WP + "effectExtent", l="0", t="0", r="0", b="0")
    doc_pr = etree.SubElement(inline, WP + "docPr", id=str(number), name=name)
    if spec.description:
        doc_pr.set("descr", spec.description)
    frame = etree.SubElement(inline, WP + "cNvGraphicFramePr")
    etree.SubElement(frame, A + "graphicFrameLocks", nsmap={"a": A_NS}, noChangeAspect="1")
    graphic = etree.SubElement(inline, A + "graphic", nsmap={"a": A_NS})
    data = etree.SubElement(graphic, A + "graphicData", uri=PIC_NS)
    pic = etree.SubElement(data, PIC + "pic", nsmap={"pic": PIC_NS})
    nv = etree.SubElement(pic, PIC + "nvPicPr")
    etree.SubElement(nv, PIC + "cNvPr", id="0", name=f"image{number}.{extension}")
    etree.SubElement(nv, PIC + "cNvPicPr")
    fill = etree.SubElement(pic, PIC + "blipFill")
    blip = etree.SubElement(fill, A + "blip", nsmap={"r": R_NS})
    blip.set(R + "embed", rel)
    etree.SubElement(etree.SubElement(fill, A + "stretch"), A + "fillRect")
    sp = etree.SubElement(pic, PIC + "spPr")
    xfrm = etree.SubElement(sp, A + "xfrm")
    etree.SubElement(xfrm, A + "off", x="0", y="0")
    etree.SubElement(xfrm, A + "ext", cx=str(width), cy=str(height))
    etree.SubElement(etree.SubElement(sp, A + "prstGeom", prst="rect"), A + "avLst")
    return run


# -- paragraphs ------------------------------------------------------------------------------
def _paragraphs(
    specs: Sequence[ParagraphSpec],
    base: etree._Element | None,
    edits: PackageEdits,
    part: str,
    index: int,
) -> list[etree._Element]:
    out = []
    for spec in specs:
        paragraph = etree.Element(W + "p")
        ppr = etree.fromstring(etree.tostring(base)) if base is not None else None
        if spec.style:
            style_id = _style(edits, spec.style, "paragraph", index)
            if ppr is None:
                ppr = etree.Element(W + "pPr")
            for old in ppr.findall(W + "pStyle"):
                ppr.remove(old)
            etree.SubElement(ppr, W + "pStyle").set(W + "val", style_id)
            ppr.insert(0, ppr[-1])  # pStyle comes first in a paragraph's properties
        if ppr is not None:
            for section in ppr.findall(W + "sectPr"):
                ppr.remove(section)
            paragraph.append(ppr)
        paragraph.extend(_runs(spec.runs, None, edits, part, index, True))
        out.append(paragraph)
    return out


# -- placing markers -------------------------------------------------------------------------
def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


def _keep_tail(marker: etree._Element) -> None:
    """Remove ``marker``, keeping the text after it."""
    parent = marker.getparent()
    assert parent is not None
    tail = marker.tail or ""
    previous = marker.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(marker)


def _split_run(marker: etree._Element) -> tuple[etree._Element, etree._Element | None]:
    """Split the run around a marker in its text; return (run before, run after or None).

    The marker is removed; the run before may end up empty (and is removed then)."""
    t = marker.getparent()
    assert t is not None
    run = t.getparent()
    assert run is not None
    properties = run.find(W + "rPr")
    after = etree.Element(W + "r")
    if properties is not None:
        after.append(etree.fromstring(etree.tostring(properties)))
    rest = etree.SubElement(after, W + "t")
    rest.set(XML_SPACE, "preserve")
    rest.text = marker.tail
    for sibling in list(marker.itersiblings()):
        rest.append(sibling)
    for sibling in list(t.itersiblings()):
        after.append(sibling)
    marker.tail = None
    t.remove(marker)
    if not rest.text and len(rest) == 0:
        after.remove(rest)
    has_after = any(child.tag != W + "rPr" for child in after)
    if not t.text and len(t) == 0:
        run.remove(t)
    return run, after if has_after else None


def _remove_if_empty(run: etree._Element) -> None:
    if all(child.tag == W + "rPr" for child in run):
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)


def _alone(paragraph: etree._Element, marker: etree._Element) -> bool:
    """Whether ``marker`` is all that shows in ``paragraph``."""
    saved = marker.tail
    marker.tail = None
    text = paragraph_text(paragraph)
    marker.tail = saved
    others = [m for m in paragraph.iter(MARKER) if m is not marker]
    drawings = paragraph.find(".//" + W + "drawing")
    return not text.strip() and not others and drawings is None


def _block_context(parent: etree._Element) -> bool:
    if parent.tag == W + "sdtContent":
        sdt = parent.getparent()
        holder = sdt.getparent() if sdt is not None else None
        return holder is None or holder.tag != W + "p"
    return parent.tag in _BLOCK_PARENTS


def _place_blocks(target: etree._Element, blocks: list[etree._Element], *, replace: bool) -> None:
    """Put ``blocks`` where ``target`` is (replacing it, or before it when it is a marker)."""
    for block in blocks:
        target.addprevious(block)
    container = target.getparent()
    if replace:
        assert container is not None
        container.remove(target)
    else:
        _keep_tail(target)
    if container is not None and container.tag == W + "tc":
        last = [c for c in container if c.tag in (W + "p", W + "tbl")]
        if not last or last[-1].tag != W + "p":  # a cell must end with a paragraph
            container.append(etree.Element(W + "p"))


def resolve_markers(
    root: etree._Element,
    items: Sequence[RichItem],
    edits: PackageEdits,
    part: str,
    first_drawing: int = 1,
) -> int:
    """Replace every marker of a rendered part by the XML of its value; return the drawings made.

    Raises:
        PlacementError: a value cannot stand where it was printed, or names a style the
            template lacks.
    """
    drawings = 0
    for marker in list(root.iter(MARKER)):
        index = int(marker.get("n", "-1"))
        if not 0 <= index < len(items):
            raise PlacementError(index, message("the document holds a marker of chibo_docs "
                                                "that no value printed; retype the tag"))
        item = items[index]
        parent = marker.getparent()
        assert parent is not None
        inline = item.kind in ("runs", "image", "listing")
        grand = parent.getparent()
        if parent.tag == W + "t" and grand is not None and grand.tag == W + "r":
            run = grand
            container = run.getparent()
            if inline:
                base = run.find(W + "rPr")
                links = container is not None and container.tag in _LINK_PARENTS
                new = _inline(item, base, edits, part, index, links, first_drawing + drawings)
                drawings += item.kind == "image"
                before, after = _split_run(marker)
                for element in reversed(new):
                    before.addnext(element)
                if after is not None:
                    (new[-1] if new else before).addnext(after)
                _remove_if_empty(before)
                continue
            paragraph = _ancestor(marker, W + "p")
            drawings += _replace_paragraph(item, paragraph, marker, edits, part, index)
        elif parent.tag in _RUN_PARENTS or (parent.tag == W + "sdtContent"
                                            and not _block_context(parent)):
            if inline:
                links = parent.tag in _LINK_PARENTS
                new = _inline(item, None, edits, part, index, links, first_drawing + drawings)
                drawings += item.kind == "image"
                for element in new:
                    marker.addprevious(element)
                _keep_tail(marker)
                continue
            paragraph = parent if parent.tag == W + "p" else _ancestor(marker, W + "p")
            drawings += _replace_paragraph(item, paragraph, marker, edits, part, index)
        elif _block_context(parent):
            if inline:
                paragraph = etree.Element(W + "p")
                paragraph.extend(_inline(item, None, edits, part, index, True,
                                         first_drawing + drawings))
                drawings += item.kind == "image"
                _place_blocks(marker, [paragraph], replace=False)
            else:
                blocks = _blocks(item, None, edits, part, index)
                drawings += sum(1 for b in blocks for _ in b.iter(WP + "docPr"))
                _place_blocks(marker, blocks, replace=False)
        else:
            raise PlacementError(index, message(
                "this value cannot stand here (inside {element}); put its tag in a paragraph's "
                "text", element=etree.QName(parent).localname))
    return drawings


def _inline(item: RichItem, base: etree._Element | None, edits: PackageEdits, part: str,
            index: int, links: bool, number: int) -> list[etree._Element]:
    if item.kind == "runs":
        specs: Sequence[RunSpec] = item.value  # type: ignore[assignment]
        return _runs(specs, base, edits, part, index, links)
    if item.kind == "image":
        return [drawing_run(item.value, base, edits, part, number)]  # type: ignore[arg-type]
    listing: ListingSpec = item.value  # type: ignore[assignment]
    run = etree.Element(W + "r")
    if base is not None:
        run.append(etree.fromstring(etree.tostring(base)))
    fill_run(run, listing.text)
    return [run]


def _blocks(item: RichItem, base: etree._Element | None, edits: PackageEdits, part: str,
            index: int) -> list[etree._Element]:
    if item.kind == "paragraphs":
        specs: Sequence[ParagraphSpec] = item.value  # type: ignore[assignment]
        return _paragraphs(specs, base, edits, part, index)
    assert item.blocks is not None
    return item.blocks(edits, part)


def _replace_paragraph(item: RichItem, paragraph: etree._Element | None,
                       marker: etree._Element, edits: PackageEdits, part: str,
                       index: int) -> int:
    if paragraph is None or not _alone(paragraph, marker):
        what = (message("paragraphs") if item.kind == "paragraphs" else message("a sub-document"))
        raise PlacementError(index, message(
            "{what} cannot stand inside a sentence: give the tag a paragraph of its own, "
            "written {{{{p name }}}} (the paragraph is replaced)", what=what))
    blocks = _blocks(item, paragraph.find(W + "pPr"), edits, part, index)
    if paragraph.getparent() is None:
        raise PlacementError(index, message("this value cannot stand here; put its tag in a "
                                            "paragraph of its own"))
    _place_blocks(paragraph, blocks, replace=True)
    return sum(1 for b in blocks for _ in b.iter(WP + "docPr"))

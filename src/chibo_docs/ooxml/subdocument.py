"""Put the body of another .docx (a sub-document: an annex, a list) into a rendered document.

The sub-document's paragraphs and tables are copied with what they need to look the same:
the styles they use that the document lacks (with the styles those are based on), their list
numbering (as new lists, so numbering restarts), their pictures and their links. What cannot
be carried over faithfully is refused when the sub-document is read, never dropped silently:
footnotes, charts, embedded objects, linked pictures and other parts a paragraph points to.
Its section settings (page size, margins, headers and footers) are the document's, not its
own; comments are left out.

>>> from chibo_docs.ooxml.reading import read_package
>>> check_subdocument({"word/document.xml": b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p/></w:body></w:document>"}, "phu-luc.docx")
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from chibo_docs.i18n import _, message
from chibo_docs.ooxml.namespaces import CT, R_NS, REL, W
from chibo_docs.ooxml.package_edits import PackageEdits, rels_name
from chibo_docs.ooxml.reading import Package, main_part_name, parse_part

__all__ = ["SubdocumentPlan", "check_subdocument", "subdocument_blocks"]

_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_R = "{" + R_NS + "}"
_NOTES = {W + "footnoteReference": "footnotes", W + "endnoteReference": "endnotes"}
_COMMENTS = frozenset(
    {W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference"}
)
_BOOKMARKS = frozenset({W + "bookmarkStart", W + "bookmarkEnd"})
_MEDIA_TYPES = {
    "png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif",
    "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
    "wmf": "image/x-wmf", "svg": "image/svg+xml",
}
_STYLE_REFS = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")


@dataclass(frozen=True)
class _Rel:
    type: str
    target: str
    external: bool


def _rels(package: Package, part: str) -> dict[str, _Rel]:
    name = rels_name(part)
    if name not in package:
        return {}
    folder = posixpath.dirname(part)
    out = {}
    for rel in parse_part(package[name], part=name).iter(REL + "Relationship"):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target", "")
        if not external:
            target = (target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
        out[rel.get("Id", "")] = _Rel(rel.get("Type", ""), target, external)
    return out


def _body(package: Package) -> etree._Element:
    main = main_part_name(package)
    body = parse_part(package[main], part=main).find(W + "body")
    return body if body is not None else etree.Element(W + "body")


def check_subdocument(package: Package, name: str) -> None:
    """Refuse a sub-document whose body needs what cannot be carried into another document.

    Raises:
        ValueError: the body has footnotes or endnotes, or points to a part other than a
            picture or a web link (a chart, an embedded object, a linked picture…); the
            message names it and says what to do.
    """
    main = main_part_name(package)
    rels = _rels(package, main)
    body = _body(package)
    for section in list(body.iter(W + "sectPr")):  # its headers and footers are not carried over
        parent = section.getparent()
        if parent is not None:
            parent.remove(section)
    for element in body.iter():
        if element.tag in _NOTES:
            raise ValueError(_(
                "the sub-document {name} has {what}, which cannot be carried into another "
                "document; turn them into ordinary text (or an annex of notes) and try again",
                name=repr(name), what=message(_NOTES[element.tag])))
        for attribute, value in element.attrib.items():
            if not str(attribute).startswith(_R):
                continue
            rel = rels.get(str(value))
            kind = rel.type.rsplit("/", 1)[-1] if rel else "?"
            fine = rel is not None and (
                (rel.type == _IMAGE and not rel.external and rel.target in package)
                or (rel.type == _HYPERLINK and rel.external)
            )
            if not fine:
                raise ValueError(_(
                    "the sub-document {name} holds {what} ({kind}) that cannot be carried into "
                    "another document; replace it with a picture (copy it, then Paste Special "
                    "→ Picture in Word) and try again",
                    name=repr(name), what=etree.QName(element).localname, kind=kind))


@dataclass
class SubdocumentPlan:
    """What one sub-document brings into one render: its body, its style and list mappings.

    The styles and lists are added to the document once, the first time the sub-document is
    placed; the same plan then serves every place it is printed.
    """

    package: Mapping[str, bytes]
    name: str
    body: etree._Element | None = None
    numbers: dict[str, str] = field(default_factory=dict)
    prepared: bool = False


def _used(elements: list[etree._Element], local: str) -> list[str]:
    found: list[str] = []
    for element in elements:
        for ref in element.iter(W + local):
            value = ref.get(W + "val")
            if value is not None and value not in found:
                found.append(value)
    return found


def _copy_styles(
    plan: SubdocumentPlan, edits: PackageEdits, blocks: list[etree._Element]
) -> list[etree._Element]:
    """Add the styles the blocks use (and those they build on) that the document lacks."""
    sub_main = main_part_name(plan.package)
    sub_styles = None
    for rel in _rels(plan.package, sub_main).values():
        if rel.type.endswith("/styles") and rel.target in plan.package:
            sub_styles = parse_part(plan.package[rel.target], part=rel.target)
    if sub_styles is None:
        return []
    by_id = {s.get(W + "styleId"): s for s in sub_styles.iter(W + "style")}
    wanted = [v for local in _STYLE_REFS for v in _used(blocks, local)]
    master = edits.styles(create=True)
    assert master is not None
    have = {s.get(W + "styleId") for s in master.iter(W + "style")}
    added: list[etree._Element] = []
    while wanted:
        style_id = wanted.pop()
        if style_id in have or style_id not in by_id:
            continue
        style = copy.deepcopy(by_id[style_id])
        master.append(style)
        have.add(style_id)
        added.append(style)
        for local in ("basedOn", "next", "link"):
            ref = style.find(W + local)
            if ref is not None and ref.get(W + "val") not in have:
                wanted.append(ref.get(W + "val", ""))
        wanted.extend(v for v in _used([style], "numStyleLink") if v not in have)
    if added:
        edits.styles_changed()
    return added


def _copy_numbering(plan: SubdocumentPlan, edits: PackageEdits, blocks: list[etree._Element]) -> None:
    used = [n for n in _used(blocks, "numId") if n != "0"]
    if not used:
        return
    sub_main = main_part_name(plan.package)
    sub_numbering = None
    for rel in _rels(plan.package, sub_main).values():
        if rel.type.endswith("/numbering") and rel.target in plan.package:
            sub_numbering = parse_part(plan.package[rel.target], part=rel.target)
    if sub_numbering is None:
        return
    nums = {n.get(W + "numId"): n for n in sub_numbering.iter(W + "num")}
    abstracts = {a.get(W + "abstractNumId"): a for a in sub_numbering.iter(W + "abstractNum")}
    master = edits.numbering()

    def next_id(tag: str, attribute: str) -> int:
        ids = [int(e.get(W + attribute, "0")) for e in master.iter(W + tag)
               if e.get(W + attribute, "").isdigit()]
        return max(ids, default=0) + 1

    for old in used:
        num = nums.get(old)
        if num is None:
            continue
        abstract_ref = num.find(W + "abstractNumId")
        abstract = abstracts.get(abstract_ref.get(W + "val") if abstract_ref is not None else None)
        new_num = copy.deepcopy(num)
        new_num.set(W + "numId", str(next_id("num", "numId")))
        if abstract is not None:
            new_abstract = copy.deepcopy(abstract)
            new_abstract_id = str(next_id("abstractNum", "abstractNumId"))
            new_abstract.set(W + "abstractNumId", new_abstract_id)
            for nsid in new_abstract.findall(W + "nsid"):
                new_abstract.remove(nsid)  # a fresh list, not one Word would join with the master's
            existing = list(master.iter(W + "abstractNum"))
            if existing:
                existing[-1].addnext(new_abstract)
            else:
                master.insert(_first_after(master, ("numPicBullet",)), new_abstract)
            ref = new_num.find(W + "abstractNumId")
            if ref is not None:
                ref.set(W + "val", new_abstract_id)
        existing_nums = list(master.iter(W + "num"))
        if existing_nums:
            existing_nums[-1].addnext(new_num)
        else:
            master.insert(_first_after(master, ("numPicBullet", "abstractNum")), new_num)
        plan.numbers[old] = new_num.get(W + "numId", "")
    edits.numbering_changed()


def _first_after(root: etree._Element, locals_: tuple[str, ...]) -> int:
    position = 0
    for index, child in enumerate(root):
        if etree.QName(child).localname in locals_:
            position = index + 1
    return position


def _prepare(plan: SubdocumentPlan, edits: PackageEdits) -> None:
    body = _body(plan.package)
    for section in body.findall(W + "sectPr"):
        body.remove(section)
    for element in list(body.iter()):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == W + "sectPr" or element.tag in _COMMENTS:
            parent.remove(element)
    plan.body = body
    styles = _copy_styles(plan, edits, list(body))
    _copy_numbering(plan, edits, [*body, *styles])
    for style in styles:  # the styles' own lists now point to the copied ones
        for ref in style.iter(W + "numId"):
            if ref.get(W + "val") in plan.numbers:
                ref.set(W + "val", plan.numbers[ref.get(W + "val", "")])
    plan.prepared = True


def subdocument_blocks(plan: SubdocumentPlan, edits: PackageEdits, part: str) -> list[etree._Element]:
    """Return copies of the sub-document's paragraphs and tables, ready for ``part``.

    The first call adds the sub-document's styles and lists to the document; each call adds
    its pictures and links to ``part``'s relationships and renumbers its bookmarks.
    """
    if not plan.prepared:
        _prepare(plan, edits)
    assert plan.body is not None
    blocks = [copy.deepcopy(child) for child in plan.body]
    sub_main = main_part_name(plan.package)
    rels = _rels(plan.package, sub_main)
    types = _content_types(plan.package)
    for block in blocks:
        for element in block.iter():
            if element.tag == W + "numId" and element.get(W + "val") in plan.numbers:
                element.set(W + "val", plan.numbers[element.get(W + "val", "")])
            elif element.tag in _BOOKMARKS and element.get(W + "id") is not None:
                element.set(W + "id", str(edits.next_bookmark()))
            for attribute, value in list(element.attrib.items()):
                if not str(attribute).startswith(_R) or value not in rels:
                    continue
                rel = rels[value]
                if rel.external:
                    element.set(attribute, edits.relate(part, "hyperlink", rel.target, external=True))
                else:
                    extension = posixpath.splitext(rel.target)[1].lstrip(".").lower()
                    content_type = types.get(extension) or _MEDIA_TYPES.get(extension, "image/png")
                    media = edits.add_media(plan.package[rel.target], extension, content_type)
                    element.set(attribute, edits.relate(part, "image", media))
    return blocks


def _content_types(package: Package) -> dict[str, str]:
    name = "[Content_Types].xml"
    if name not in package:
        return {}
    root = parse_part(package[name], part=name)
    return {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(CT + "Default")}

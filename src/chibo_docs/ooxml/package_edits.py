"""Edit a .docx package being rendered: relationships, pictures, content types, styles, numbering.

Rich content printed by a template needs more than the XML of its part: a picture is a file of
the package with a relationship from the part and a content type; a link is an external
relationship; a sub-document brings its styles, its list numbering and its pictures along.
:class:`PackageEdits` makes those changes on the package dict of one render, deterministically
(the same input gives the same names and ids, so output stays reproducible), and writes the
edited parts back once, in :meth:`PackageEdits.finish`.
"""

from __future__ import annotations

import copy
import hashlib
import posixpath
import re
from collections.abc import Iterator, MutableMapping

from lxml import etree

from chibo_docs.ooxml.namespaces import CT, REL, REL_NS, REL_TYPES, W
from chibo_docs.ooxml.reading import main_part_name, parse_part
from chibo_docs.ooxml.writing import part_bytes

__all__ = ["PackageEdits"]

_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = CT[1:-1]
_NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_RID = re.compile(r"^rId(\d+)$")


def rels_name(part: str) -> str:
    """Return the archive name of a part's relationships (``word/_rels/document.xml.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


class PackageEdits:
    """The changes rich content makes to the package of one render, written back by :meth:`finish`.

    ``package`` is edited in place (the render's own copy); ``source`` names the template in
    errors.
    """

    def __init__(self, package: MutableMapping[str, bytes], source: str) -> None:
        self.package = package
        self.source = source
        self.main = main_part_name(package)
        self._parsed: dict[str, etree._Element] = {}
        self._changed: set[str] = set()
        self._links: dict[tuple[str, str, str, bool], str] = {}
        self._media: dict[str, str] = {}
        self._bookmark = 1_000_000  # above the ids Word gives the bookmarks of a document

    def next_bookmark(self) -> int:
        """Return a bookmark id no other bookmark of the render has."""
        self._bookmark += 1
        return self._bookmark

    # -- parts, parsed once -------------------------------------------------------------
    def parsed(self, name: str) -> etree._Element | None:
        """Return the parsed part ``name`` (edits to it are kept), or ``None`` when absent."""
        if name not in self._parsed:
            if name not in self.package:
                return None
            self._parsed[name] = parse_part(self.package[name], source=self.source, part=name)
        return self._parsed[name]

    def changed(self, name: str, root: etree._Element) -> None:
        """Mark part ``name`` (parsed as ``root``) to be written back."""
        self._parsed[name] = root
        self._changed.add(name)

    def finish(self) -> None:
        """Write every changed part back into the package."""
        for name in sorted(self._changed):
            self.package[name] = part_bytes(self._parsed[name])
        self._changed.clear()

    # -- relationships ------------------------------------------------------------------
    def _rels(self, part: str) -> etree._Element:
        name = rels_name(part)
        root = self.parsed(name)
        if root is None:
            root = etree.Element(REL + "Relationships", nsmap={None: REL_NS})  # type: ignore[dict-item]
            self._parsed[name] = root
        return root

    def relate(self, part: str, kind: str, target: str, *, external: bool = False) -> str:
        """Return the id of a relationship from ``part`` (one is added when missing).

        ``kind`` is a key of :data:`~chibo_docs.ooxml.namespaces.REL_TYPES` or a full type;
        ``target`` an archive name (made relative to the part) or, ``external``, a URL.
        """
        rel_type = REL_TYPES.get(kind, kind)
        if not external:
            target = posixpath.relpath(target, posixpath.dirname(part) or ".")
        key = (part, rel_type, target, external)
        if key in self._links:
            return self._links[key]
        root = self._rels(part)
        for rel in root.iter(REL + "Relationship"):
            same_mode = (rel.get("TargetMode") == "External") == external
            if rel.get("Type") == rel_type and rel.get("Target") == target and same_mode:
                self._links[key] = rel.get("Id", "")
                return self._links[key]
        used = [int(m.group(1)) for r in root.iter(REL + "Relationship")
                if (m := _RID.match(r.get("Id", "")))]
        new_id = f"rId{max(used, default=0) + 1}"
        rel = etree.SubElement(root, REL + "Relationship", Id=new_id, Type=rel_type, Target=target)
        if external:
            rel.set("TargetMode", "External")
        self.changed(rels_name(part), root)
        self._links[key] = new_id
        return new_id

    def related_part(self, kind: str) -> str | None:
        """Return the part the main document relates to with ``kind`` (``styles``, ``numbering``)."""
        root = self.parsed(rels_name(self.main))
        if root is None:
            return None
        for rel in root.iter(REL + "Relationship"):
            if rel.get("Type") == REL_TYPES.get(kind) and rel.get("TargetMode") != "External":
                folder = posixpath.dirname(self.main)
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        return None

    # -- media and content types --------------------------------------------------------
    def add_media(self, data: bytes, extension: str, content_type: str) -> str:
        """Store a picture (once, however often it is used); return its archive name."""
        digest = hashlib.sha256(data).hexdigest()[:16]
        key = f"{digest}.{extension}"
        if key not in self._media:
            name = f"word/media/chibo-{digest}.{extension}"
            self.package[name] = data
            self.add_content_type(extension, content_type)
            self._media[key] = name
        return self._media[key]

    def add_content_type(self, extension: str, content_type: str) -> None:
        """Declare the content type of files ending in ``.extension`` when it is not declared."""
        root = self.parsed(_CONTENT_TYPES)
        if root is None:
            return
        for default in root.iter(CT + "Default"):
            if default.get("Extension", "").lower() == extension.lower():
                return
        element = etree.Element(CT + "Default", Extension=extension, ContentType=content_type)
        defaults = list(root.iter(CT + "Default"))
        if defaults:
            defaults[-1].addnext(element)
        else:
            root.insert(0, element)
        self.changed(_CONTENT_TYPES, root)

    def add_part(self, name: str, root: etree._Element, content_type: str, kind: str) -> None:
        """Add a new XML part, related from the main document and declared in the content types."""
        self.changed(name, root)
        self.package[name] = b""  # placeholder: written by finish()
        types = self.parsed(_CONTENT_TYPES)
        if types is not None:
            etree.SubElement(types, CT + "Override", PartName="/" + name, ContentType=content_type)
            self.changed(_CONTENT_TYPES, types)
        self.relate(self.main, kind, name)

    # -- styles -------------------------------------------------------------------------
    def styles(self, *, create: bool = False) -> etree._Element | None:
        """Return the styles part of the document (created empty when missing and ``create``)."""
        name = self.related_part("styles")
        root = self.parsed(name) if name else None
        if root is None and create:
            root = etree.Element(W + "styles", nsmap={"w": W[1:-1]})
            self.add_part("word/styles.xml", root, _STYLES_TYPE, "styles")
        return root

    def styles_changed(self) -> None:
        """Mark the styles part as edited."""
        name = self.related_part("styles")
        root = self.parsed(name) if name else None
        if name and root is not None:
            self.changed(name, root)

    def style_id(self, wanted: str, kind: str) -> str | None:
        """Return the id of the ``kind`` style (``paragraph``, ``character``) named or id'd ``wanted``."""
        for style in self.iter_styles(kind):
            name = style.find(W + "name")
            if wanted in (style.get(W + "styleId"), name.get(W + "val") if name is not None else None):
                return style.get(W + "styleId")
        folded = wanted.casefold().replace(" ", "")
        for style in self.iter_styles(kind):
            name = style.find(W + "name")
            names = [style.get(W + "styleId", ""), name.get(W + "val", "") if name is not None else ""]
            if any(n.casefold().replace(" ", "") == folded for n in names):
                return style.get(W + "styleId")
        return None

    def iter_styles(self, kind: str | None = None) -> Iterator[etree._Element]:
        """Yield the styles of the document (of ``kind`` only, when given)."""
        root = self.styles()
        if root is None:
            return
        for style in root.iter(W + "style"):
            if kind is None or style.get(W + "type") == kind:
                yield style

    def style_names(self, kind: str) -> list[str]:
        """Return the names of the document's ``kind`` styles, as Word shows them."""
        names = []
        for style in self.iter_styles(kind):
            name = style.find(W + "name")
            names.append(name.get(W + "val", "") if name is not None else style.get(W + "styleId", ""))
        return sorted(n for n in names if n)

    # -- numbering ----------------------------------------------------------------------
    def numbering(self) -> etree._Element:
        """Return the numbering part of the document, created empty when missing."""
        name = self.related_part("numbering")
        root = self.parsed(name) if name else None
        if root is None:
            root = etree.Element(W + "numbering", nsmap={"w": W[1:-1]})
            self.add_part("word/numbering.xml", root, _NUMBERING_TYPE, "numbering")
        return root

    def numbering_changed(self) -> None:
        """Mark the numbering part as edited."""
        name = self.related_part("numbering")
        if name:
            root = self.parsed(name)
            if root is not None:
                self.changed(name, root)


def deep_copy(element: etree._Element) -> etree._Element:
    """Return a copy of ``element`` and everything inside it."""
    return copy.deepcopy(element)

"""Store each font of a dossier once: merge LibreOffice's per-document subsets into one font.

LibreOffice embeds in each PDF a *subset* of each font style: only the glyphs that document
uses, numbered in the order it first used them (a simple TrueType font, codes 0-255). Two
documents' subsets are byte-identical only when they use exactly the same glyphs, so a
dossier of 105 documents carried about 300 subsets of the same three Liberation Serif styles.
Neither pypdf nor pikepdf (qpdf) can do better than dropping byte-identical copies, and
LibreOffice's PDF export has no option to embed whole fonts.

:class:`FontMerger` does it while the dossier is written (:mod:`~chibo_docs.pdf.dossier_writer`):
for each style (``LiberationSerif-Bold``…) it collects the union of the glyphs of every
document's subset, each glyph once (glyphs are compared by their outlines, so the same glyph
from two subsets is one glyph), and rewrites each page's text to the merged glyph numbers: the
style becomes one composite font (``Type0``/``CIDFontType2``, two-byte glyph codes,
``Identity-H``) with one ``/ToUnicode`` map, written once at the end. Each document keeps its
exact glyph widths, so nothing moves on the page; the text extracts as before.

Only what LibreOffice writes is merged: simple TrueType fonts with an embedded subset, a
``(1, 0)`` or ``(3, 0)`` character map, ``/Widths`` and no ``/Encoding``, used by page
contents. Anything else (a font inside a form XObject, a Type 1 or CFF font, a font with
an encoding) is copied as it is, so merging never changes a PDF it does not understand.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
import re
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import DictionaryObject, NameObject, StreamObject

__all__ = ["FontMerger", "MergedFont", "font_key"]

logging.getLogger("fontTools").setLevel(logging.ERROR)  # LibreOffice's subsets have no dates

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_KEPT_TABLES = ("head", "hhea", "maxp", "glyf", "loca", "hmtx", "post", "cvt ", "fpgm", "prep",
                "name", "OS/2")  # the others (cmap, kern, hdmx…) would not match merged glyphs
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")


def font_key(font: DictionaryObject) -> str | None:
    """Return the style a LibreOffice subset belongs to (``LiberationSerif-Bold``), or ``None``.

    ``None`` when the font is not one :class:`FontMerger` merges (see the module's doc).
    """
    if font.get("/Subtype") != "/TrueType" or "/Encoding" in font:
        return None
    if not all(key in font for key in ("/FirstChar", "/Widths", "/FontDescriptor")):
        return None
    descriptor = font["/FontDescriptor"].get_object()
    if not isinstance(descriptor, DictionaryObject) or "/FontFile2" not in descriptor:
        return None
    return _SUBSET_TAG.sub("", str(font.get("/BaseFont", "")).lstrip("/")) or None


@dataclass
class MergedFont:
    """One style's merged font: its glyphs so far and the object number it will be written at."""

    key: str
    number: int
    base: Any  # a fontTools TTFont
    descriptor: DictionaryObject
    order: list[str] = field(default_factory=lambda: [".notdef"])
    glyphs: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_print: dict[bytes, int] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    unicode: dict[int, str] = field(default_factory=dict)


class FontMerger:
    """Collect the glyphs of each style across documents, then write one font per style.

    ``new_number`` gives a fresh object number; the merged fonts are written by
    :meth:`write` once every document was added.
    """

    def __init__(self, new_number: Any) -> None:
        self._new = new_number
        self.fonts: dict[str, MergedFont] = {}
        self._codes: dict[int, tuple[MergedFont, dict[int, int]]] = {}  # per source font
        self._seen: OrderedDict[bytes, tuple[MergedFont, dict[int, int]]] = OrderedDict()

    def new_document(self) -> None:
        """Forget the fonts of the previous input (their objects are gone with it)."""
        self._codes.clear()

    def adopt(self, font: DictionaryObject, key: str) -> tuple[MergedFont, dict[int, int]] | None:
        """Take ``font``'s glyphs into its style; return the style and its code → glyph map.

        ``None`` when the subset cannot be read (the font is then copied as it is).
        """
        cached = self._codes.get(id(font))
        if cached is not None:
            return cached
        content = _subset_digest(font)
        seen = self._seen.get(content)
        if seen is not None:
            self._seen.move_to_end(content)
            self._codes[id(font)] = seen
            return seen
        from fontTools.ttLib import TTFont  # here: conversions that merge nothing never load it

        try:
            descriptor: Any = font["/FontDescriptor"].get_object()
            subset = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            cmap = _code_map(subset)
        except Exception:  # noqa: BLE001 - a subset fontTools cannot read is left alone
            return None
        if cmap is None:
            return None
        merged = self.fonts.get(key)
        if merged is None:
            merged = MergedFont(key, self._new(), subset, descriptor)
            merged.glyphs[".notdef"] = copy.deepcopy(subset["glyf"][".notdef"])
            merged.metrics[".notdef"] = subset["hmtx"][".notdef"]
            self.fonts[key] = merged
        entries: Any = font
        first = int(entries["/FirstChar"])
        widths = [float(w) for w in entries["/Widths"].get_object()]
        texts = _to_unicode(font)
        codes: dict[int, int] = {}
        prints: dict[str, bytes] = {}
        for code, name in cmap.items():
            if name not in subset["glyf"].glyphs:
                continue
            gid = _import(merged, subset, name, prints)
            codes[code] = gid
            if 0 <= code - first < len(widths):
                merged.widths.setdefault(gid, widths[code - first])
            if code in texts:
                merged.unicode.setdefault(gid, texts[code])
        self._codes[id(font)] = self._seen[content] = (merged, codes)
        if len(self._seen) > _SEEN:
            self._seen.popitem(last=False)
        return merged, codes

    def write(self, emit: Any) -> None:
        """Write each merged font as a ``Type0`` font at its object number: ``emit(n, body)``."""
        for merged in self.fonts.values():
            _write_font(merged, emit, self._new)


_STRINGS = 4096  # recoded hex strings remembered per font of a page (most are one code)
_SEEN = 512  # subsets remembered by content: documents of one form often share them


def _subset_digest(font: DictionaryObject) -> bytes:
    """Return what identifies a subset: its font program, widths and ToUnicode map."""
    entries: Any = font
    digest = hashlib.blake2b(digest_size=16)
    digest.update(_SUBSET_TAG.sub("", str(entries.get("/BaseFont", ""))).encode())
    descriptor = entries["/FontDescriptor"].get_object()
    digest.update(descriptor["/FontFile2"].get_object()._data)
    digest.update(repr([entries["/FirstChar"], *entries["/Widths"].get_object()]).encode())
    if "/ToUnicode" in entries:
        digest.update(entries["/ToUnicode"].get_object()._data)
    return digest.digest()


def _code_map(subset: Any) -> dict[int, str] | None:
    """Return the subset's code → glyph name map, from its (1, 0) or (3, 0) character map."""
    if "cmap" not in subset:
        return None
    for platform, encoding in ((1, 0), (3, 0)):
        table = subset["cmap"].getcmap(platform, encoding)
        if table is not None:
            return {code & 0xFF: name for code, name in table.cmap.items()}
    return None


def _fingerprint(subset: Any, name: str, prints: dict[str, bytes]) -> bytes:
    """Return what identifies a glyph whatever subset it comes from: its outline."""
    known = prints.get(name)
    if known is not None:
        return known
    raw = getattr(subset["glyf"].glyphs[name], "data", None)  # as stored, before parsing
    if raw is not None and raw[:2] != b"\xff\xff":  # a simple glyph (not -1 contours)
        data = b"S" + raw
    else:
        glyph = subset["glyf"][name]  # parsed
        if glyph.isComposite():
            parts = [
                _fingerprint(subset, c.glyphName, prints)
                + struct.pack(">Hhh", c.flags & 0xFFFF, c.x, c.y)
                + repr(getattr(c, "transform", None)).encode()
                for c in glyph.components
            ]
            program = glyph.program.getBytecode() if hasattr(glyph, "program") else b""
            data = b"C" + b"".join(parts) + program
        else:
            data = b"S" + glyph.compile(subset["glyf"])
    digest = hashlib.blake2b(data + repr(subset["hmtx"][name]).encode(), digest_size=16).digest()
    prints[name] = digest
    return digest


def _import(merged: MergedFont, subset: Any, name: str, prints: dict[str, bytes]) -> int:
    """Add glyph ``name`` of ``subset`` (and its components) to ``merged``; return its id."""
    mark = _fingerprint(subset, name, prints)
    gid = merged.by_print.get(mark)
    if gid is not None:
        return gid
    glyph = copy.deepcopy(subset["glyf"][name])
    if glyph.isComposite():
        for component in glyph.components:
            component.glyphName = merged.order[_import(merged, subset, component.glyphName, prints)]
    gid = len(merged.order)
    new_name = f"g{gid}"
    merged.order.append(new_name)
    merged.glyphs[new_name] = glyph
    merged.metrics[new_name] = subset["hmtx"][name]
    merged.by_print[mark] = gid
    return gid


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    """Read a simple font's ``/ToUnicode`` map: code → text."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.get_object().get_data()
    found: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        for code, text in _PAIR.findall(block):
            found[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in _BFRANGE.findall(data):
        for low, high, text in _RANGE.findall(block):
            start = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
            for k, code in enumerate(range(int(low, 16), min(int(high, 16), 0xFF) + 1)):
                found[code] = start[:-1] + chr(ord(start[-1]) + k) if start else ""
    return found


def _tag(key: str) -> str:
    """Return a subset tag (six capitals) for a merged style, stable for the same style."""
    digest = hashlib.blake2b(key.encode(), digest_size=6).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest)


def _font_program(merged: MergedFont) -> bytes:
    font = merged.base
    for tag in list(font.keys()):
        if tag not in _KEPT_TABLES and tag != "GlyphOrder":
            del font[tag]
    font.setGlyphOrder(merged.order)
    glyf = font["glyf"]
    glyf.glyphs = merged.glyphs
    glyf.glyphOrder = merged.order
    font["hmtx"].metrics = merged.metrics
    font["maxp"].numGlyphs = len(merged.order)
    font["post"].formatType = 3.0  # no glyph names
    font.recalcTimestamp = False  # the same dossier gives the same bytes
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _write_font(merged: MergedFont, emit: Any, new: Any) -> None:
    name = f"/{_tag(merged.key)}+{merged.key}".encode()
    program = _font_program(merged)
    packed = zlib.compress(program, 9)
    file_number, descriptor_number, cid_number, map_number = new(), new(), new(), new()
    emit(file_number, b"<</Filter/FlateDecode/Length %d/Length1 %d>>\nstream\n"
         % (len(packed), len(program)) + packed + b"\nendstream")
    descriptor = b"<</Type/FontDescriptor/FontName " + name
    for key in ("/Flags", "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight",
                "/StemV"):
        if key in merged.descriptor:
            descriptor += _pdf(NameObject(key)) + b" " + _pdf(merged.descriptor[key])
    emit(descriptor_number, descriptor + b"/FontFile2 %d 0 R>>" % file_number)
    widths = b" ".join(
        b"%d[%s]" % (gid, _number(width)) for gid, width in sorted(merged.widths.items())
    )
    emit(cid_number, b"<</Type/Font/Subtype/CIDFontType2/BaseFont " + name
         + b"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"
         + b"/FontDescriptor %d 0 R/CIDToGIDMap/Identity/DW 0/W[%s]>>" % (descriptor_number, widths))
    cmap = _cmap(merged.unicode)
    packed_map = zlib.compress(cmap, 9)
    emit(map_number, b"<</Filter/FlateDecode/Length %d>>\nstream\n" % len(packed_map)
         + packed_map + b"\nendstream")
    emit(merged.number, b"<</Type/Font/Subtype/Type0/BaseFont " + name
         + b"/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>"
         % (cid_number, map_number))


def _number(value: float) -> bytes:
    return (b"%d" % value) if value == int(value) else (b"%.3f" % value).rstrip(b"0")


def _pdf(obj: Any) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _cmap(unicode: dict[int, str]) -> bytes:
    """Build the ``/ToUnicode`` CMap of a merged font: two-byte glyph id → text."""
    lines = [
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        b"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>> def",
        b"/CMapName/Adobe-Identity-UCS def /CMapType 2 def",
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = sorted(unicode.items())
    for start in range(0, len(items), 100):  # at most 100 entries a block (PDF 9.10.3)
        block = items[start : start + 100]
        lines.append(b"%d beginbfchar" % len(block))
        lines += [
            b"<%04X> <%s>" % (gid, text.encode("utf-16-be").hex().upper().encode())
            for gid, text in block
        ]
        lines.append(b"endbfchar")
    lines.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(lines)


_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")  # not "<<": a dictionary opens with two
_INTERESTING = re.compile(  # what changes the font or stops the scan; checked again below
    rb"(?P<font>/[^\s/\[\]()<>{}%]+)\s+[-+.0-9]+\s+Tf\b"
    rb"|(?P<open>\()|(?P<stop>%|\bBI\b)|(?P<push>\bq\b)|(?P<pop>\bQ\b)"
)


def rewrite_text(content: bytes, fonts: dict[bytes, dict[int, int]]) -> bytes | None:
    """Re-encode the strings of text shown in a merged font; return the new content.

    ``fonts`` maps a page's font resource name (``b"/F1"``) to its code → merged glyph id
    map. The content is scanned for what matters (font selections, hex strings, ``q`` and
    ``Q``, which save and restore the font), as LibreOffice writes it: its text is hex
    strings. ``None`` (the page keeps its own fonts) when the content holds what this
    scan does not follow: a comment, an inline image, a literal string while a merged font
    is set, or a code the font has no glyph for.

    >>> rewrite_text(b"q BT /F1 12 Tf [<0102>-3<01>]TJ ET Q <01>", {b"/F1": {1: 7, 2: 300}})
    b'q BT /F1 12 Tf [<0007012C>-3<0007>]TJ ET Q <01>'
    """
    tables = {name: _Recoder(codes) for name, codes in fonts.items()}
    out: list[bytes] = []
    current: _Recoder | None = None
    saved: list[_Recoder | None] = []
    done = 0  # content[:done] is in out
    position = 0
    while True:
        match = _INTERESTING.search(content, position)
        end = match.start() if match is not None else len(content)
        if current is not None and end > done:  # the text shown since the last font change
            recoded = current.recode(content[done:end])
            if recoded is None:
                return None
            out.append(recoded)
            done = end
        if match is None:
            break
        position = match.end()
        kind = match.lastgroup
        if kind in ("push", "pop", "stop") and match.start() > 0 and content[match.start() - 1] in b"/#":
            continue  # a name (/q, /BI), not an operator
        if kind == "font":
            out.append(content[done:position])
            done = position
            current = tables.get(match.group("font"))
        elif kind == "open":
            literal_end = _literal_end(content, match.start())
            if literal_end is None or current is not None:
                return None
            position = literal_end
        elif kind == "stop":
            return None
        else:
            out.append(content[done:position])
            done = position
            if kind == "push":
                saved.append(current)
            else:
                current = saved.pop() if saved else None
    out.append(content[done:])
    return b"".join(out)


class _Recoder:
    """Turn the hex strings of shown text from one-byte codes into two-byte glyph ids."""

    def __init__(self, codes: dict[int, int]) -> None:
        self.table: list[bytes | None] = [
            b"%04X" % codes[c] if c in codes else None for c in range(256)
        ]
        self.cache: dict[bytes, bytes] = {}  # hex digits → the recoded string

    def recode(self, segment: bytes) -> bytes | None:
        """Recode every hex string of ``segment``, content set in this font; ``None`` if unsure.

        Between text operators a content stream holds hex strings only as their operands,
        or inside an inline dictionary (marked content such as ``/ActualText``): a segment
        with a dictionary is left alone, as is a code the font has no glyph for.

        >>> _Recoder({1: 7}).recode(b"[<01> 3 <0101>]TJ")
        b'[<0007> 3 <00070007>]TJ'
        >>> _Recoder({1: 7}).recode(b"<02> Tj") is None
        True
        """
        if b"<<" in segment:
            return None
        parts = _HEX.split(segment)  # text, digits, text, digits, …, text
        cache = self.cache
        try:
            parts[1::2] = [cache[p] if p in cache else self.string(p) for p in parts[1::2]]
        except ValueError:  # an odd number of digits or a code without a glyph
            return None
        return b"".join(parts)

    def string(self, digits: bytes) -> bytes:
        """Return the hex string ``<…>`` for ``digits``, remembered for the next time.

        Raises:
            ValueError: an odd number of digits, or a code the font has no glyph for.
        """
        glyphs = list(map(self.table.__getitem__, bytes.fromhex(digits.decode("ascii"))))
        if None in glyphs:
            raise ValueError(digits)
        if len(self.cache) < _STRINGS:
            self.cache[digits] = b"<" + b"".join(glyphs) + b">"  # type: ignore[arg-type]
        return b"<" + b"".join(glyphs) + b">"  # type: ignore[arg-type]


def _literal_end(content: bytes, start: int) -> int | None:
    """Return the index after the literal string opening at ``start``, or ``None``."""
    depth, k = 0, start
    while k < len(content):
        byte = content[k]
        if byte == 0x5C:  # backslash: the next byte is escaped
            k += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    return None


def content_stream(data: bytes) -> StreamObject:
    """Return ``data`` as a compressed stream object."""
    stream = StreamObject()
    stream._data = zlib.compress(data, 6)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return stream

"""Write a merged PDF document by document, so that memory stays flat however many are merged.

pypdf's ``PdfWriter`` keeps every page of every input until it writes the file: merging 200
two-page PDFs takes 35 MiB, 10,000 would take gigabytes. :class:`DossierWriter` writes each
input's pages and the objects they use as soon as the input is added, then forgets them;
what it keeps is small and bounded: one file offset per object written (8 bytes), the page
and bookmark list, and the fingerprints of the shared resources it has written (fonts,
images), so that a resource byte-identical to one already written is stored once.

It reads the inputs with pypdf and writes PDF 1.7 with a classic cross-reference table. Each
page gets the attributes it inherited from its input's page tree (resources, media box,
crop box, rotation); the inputs' own catalogs (structure trees, named destinations, forms)
are not carried over, as pypdf's own merging does not carry them either.
"""

from __future__ import annotations

import hashlib
import io
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from chibo_docs.pdf.font_merging import FontMerger, content_stream, font_key, rewrite_text

__all__ = ["DossierWriter", "Fingerprints"]

_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # ISO 32000-1, 7.7.3.4
_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

Fingerprints = dict[bytes, int]
"""Digest of a written resource object → its object number (see :class:`DossierWriter`)."""


@dataclass
class _Bookmark:
    title: str
    page: int  # object number of the page it opens
    children: list[_Bookmark] = field(default_factory=list)


@dataclass(frozen=True)
class _Written:
    """An object already written (or to be written) at ``number``: copied as a reference."""

    number: int


class _Counter:
    """A write-only stream wrapper that counts bytes: offsets without ``tell()``."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.position = out, 0

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)


class DossierWriter:
    """Append PDFs to one output stream, one bookmark each; :meth:`close` finishes the file.

    ::

        with open("ho-so.pdf", "wb") as out:
            writer = DossierWriter(out)
            writer.add(PdfReader("bien-ban.pdf"), "Biên bản sinh hoạt chi bộ tháng 4/2021")
            writer.add(PdfReader("nghi-quyet.pdf"), "Nghị quyết số 05-NQ/CB")
            writer.close(title="Hồ sơ", author="Chi bộ …", page_label_prefix="{n}-")
    """

    def __init__(self, out: BinaryIO, *, merge_fonts: bool = True) -> None:
        self._out = _Counter(out)
        self._fonts = FontMerger(self._new) if merge_fonts else None
        self._offsets = array("Q", [0, 0, 0])  # object 0 is free; 1 catalog, 2 page tree
        self._pages: array[int] = array("Q")
        self._starts: list[int] = []  # index of each document's first page
        self._bookmarks: list[_Bookmark] = []
        self._shared: Fingerprints = {}
        self._out.write(_HEADER)

    @property
    def documents(self) -> int:
        """How many documents were added."""
        return len(self._starts)

    @property
    def pages(self) -> int:
        """How many pages were written."""
        return len(self._pages)

    def _new(self) -> int:
        self._offsets.append(0)
        return len(self._offsets) - 1

    def _emit(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._out.position
        self._out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def add(self, reader: PdfReader, bookmark: str, *, inner_bookmarks: bool = True) -> int:
        """Write every page of ``reader`` and what they use; return the number of pages.

        ``bookmark`` opens the document's first page; with ``inner_bookmarks`` the
        document's own bookmarks are kept under it.

        Raises:
            pypdf.errors.PyPdfError, ValueError, KeyError, TypeError: the input is corrupt;
                the caller names it (the output is then unfinished).
        """
        copy = _Copy(self)
        if self._fonts is not None:
            self._fonts.new_document()
        page_numbers = []
        for page in reader.pages:
            number = self._new()
            copy.numbers[id(page)] = number
            source = page.indirect_reference
            if source is not None:
                copy.numbers[(source.idnum, source.generation)] = number
            page_numbers.append(number)
        for page, number in zip(reader.pages, page_numbers, strict=True):
            entries = {k: v for k, v in page.items() if k != "/Parent"}
            for key in _INHERITED:
                if key not in entries:
                    value = _inherited(page, key)
                    if value is not None:
                        entries[key] = value
            if self._fonts is not None:
                self._merge_fonts(page, entries)
            body = b"<<" + b"".join(
                _name(k) + b" " + copy.value(v, shared=k == "/Resources")
                for k, v in entries.items()
            ) + b"/Parent 2 0 R>>"
            self._emit(number, body)
        self._starts.append(len(self._pages))
        self._pages.extend(page_numbers)
        top = _Bookmark(bookmark, page_numbers[0])
        if inner_bookmarks:
            top.children = _outline(reader, reader.outline, page_numbers)
        self._bookmarks.append(top)
        return len(page_numbers)

    def _merge_fonts(self, page: Any, entries: dict[str, Any]) -> None:
        """Point the page's LibreOffice fonts at the merged ones and re-encode its text."""
        assert self._fonts is not None
        found: Any = entries.get("/Resources")
        resources = found.get_object() if found is not None else None
        if not isinstance(resources, DictionaryObject) or "/Contents" not in entries:
            return
        found = resources.get("/Font")
        fonts = found.get_object() if found is not None else None
        if not isinstance(fonts, DictionaryObject):
            return
        codes: dict[bytes, dict[int, int]] = {}
        merged: dict[str, int] = {}
        for name, ref in fonts.items():
            font = ref.get_object()
            key = font_key(font) if isinstance(font, DictionaryObject) else None
            adopted = self._fonts.adopt(font, key) if key is not None else None
            if adopted is not None:
                codes[_name(name)], merged[name] = adopted[1], adopted[0].number
        if not codes:
            return
        content = page.get_contents()
        text = rewrite_text(content.get_data(), codes) if content is not None else None
        if text is None:
            return  # content this reader does not follow: the page keeps its own fonts
        number = self._new()
        self._emit(number, _Copy(self).body(content_stream(text), False))
        entries["/Contents"] = _Written(number)
        new_fonts: dict[str, Any] = dict(fonts)
        for name, target in merged.items():
            new_fonts[name] = _Written(target)
        entries["/Resources"] = {**resources, "/Font": new_fonts}

    def close(
        self,
        *,
        title: str | None = None,
        author: str | None = None,
        page_label_prefix: str | None = None,
        producer: str = "chibo_docs",
    ) -> None:
        """Write the page tree, bookmarks, labels, metadata and cross-reference table.

        ``page_label_prefix`` (e.g. ``"{n}-"``) numbers each document's pages from 1 with
        the prefix of its position ``n`` (from 1).
        """
        if self._fonts is not None:
            self._fonts.write(self._emit)
        kids = b" ".join(b"%d 0 R" % n for n in self._pages)
        self._emit(2, b"<</Type/Pages/Count %d/Kids[%s]>>" % (len(self._pages), kids))
        outlines = self._write_outline()
        catalog = b"<</Type/Catalog/Pages 2 0 R/PageMode/UseOutlines"
        if outlines is not None:
            catalog += b"/Outlines %d 0 R" % outlines
        if page_label_prefix is not None:
            nums = b"".join(
                b"%d<</S/D/St 1/P %s>>"
                % (start, _text(page_label_prefix.format(n=k + 1)))
                for k, start in enumerate(self._starts)
            )
            catalog += b"/PageLabels<</Nums[" + nums + b"]>>"
        self._emit(1, catalog + b">>")
        info = self._new()
        meta = {"/Producer": producer, "/Title": title, "/Author": author}
        self._emit(info, b"<<" + b"".join(
            _name(k) + _text(v) for k, v in meta.items() if v is not None
        ) + b">>")
        start = self._out.position
        size = len(self._offsets)
        self._out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        chunk = io.BytesIO()
        for offset in self._offsets[1:]:
            chunk.write(b"%010d 00000 n \n" % offset)
            if chunk.tell() > 1 << 16:
                self._out.write(chunk.getvalue())
                chunk = io.BytesIO()
        self._out.write(chunk.getvalue())
        digest = hashlib.md5(bytes(self._offsets), usedforsecurity=False).hexdigest().encode()
        self._out.write(
            b"trailer\n<</Size %d/Root 1 0 R/Info %d 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n"
            % (size, info, digest, digest, start)
        )

    def _write_outline(self) -> int | None:
        if not self._bookmarks:
            return None
        root = self._new()
        first, last, count = self._write_items(self._bookmarks, root)
        self._emit(root, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>"
                   % (first, last, count))
        return root

    def _write_items(self, items: list[_Bookmark], parent: int) -> tuple[int, int, int]:
        """Write ``items`` (and their children) under ``parent``; return first, last, count."""
        numbers = [self._new() for _ in items]
        total = len(items)
        for k, (item, number) in enumerate(zip(items, numbers, strict=True)):
            body = b"<</Title %s/Parent %d 0 R/Dest[%d 0 R/Fit]" % (
                _text(item.title), parent, item.page
            )
            if k > 0:
                body += b"/Prev %d 0 R" % numbers[k - 1]
            if k + 1 < len(items):
                body += b"/Next %d 0 R" % numbers[k + 1]
            if item.children:
                first, last, count = self._write_items(item.children, number)
                body += b"/First %d 0 R/Last %d 0 R/Count -%d" % (first, last, count)
            self._emit(number, body + b">>")
        return numbers[0], numbers[-1], total


class _Copy:
    """Copy the objects one input's pages use, each once, under new object numbers.

    Objects reached from a page's ``/Resources`` (fonts, images, graphic states) are written
    children first and fingerprinted: one byte-identical to a resource already written, by
    this document or an earlier one, is not written again but pointed at.
    """

    def __init__(self, writer: DossierWriter) -> None:
        self.writer = writer
        self.numbers: dict[Any, int] = {}
        self.busy: set[tuple[int, int]] = set()

    def reference(self, ref: IndirectObject, shared: bool) -> bytes:
        key = (ref.idnum, ref.generation)
        number = self.numbers.get(key)
        if number is None:
            number = self._copy(key, ref.get_object(), shared)
        return b"%d 0 R" % number

    def _copy(self, key: tuple[int, int], obj: PdfObject | None, shared: bool) -> int:
        if key in self.busy:  # a cycle: give it its number now, the copy in progress writes it
            number = self.writer._new()
            self.numbers[key] = number
            return number
        self.busy.add(key)
        body = self.body(obj, shared)
        self.busy.discard(key)
        given = self.numbers.get(key)  # given while in progress (a cycle through it)
        if given is not None:
            number = given
        elif shared:
            fingerprint = hashlib.blake2b(body, digest_size=16).digest()
            known = self.writer._shared.get(fingerprint)
            if known is not None:
                self.numbers[key] = known
                return known
            number = self.writer._new()
            self.writer._shared[fingerprint] = number
        else:
            number = self.writer._new()
        self.numbers[key] = number
        self.writer._emit(number, body)
        return number

    def body(self, obj: PdfObject | None, shared: bool) -> bytes:
        if isinstance(obj, StreamObject):
            data: bytes = obj._data  # the stream's bytes as stored (still encoded)
            head = {k: v for k, v in obj.items() if k != "/Length"}
            return (
                b"<<" + b"".join(_name(k) + b" " + self.value(v, shared) for k, v in head.items())
                + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
            )
        return self.value(obj, shared)

    def value(self, obj: Any, shared: bool) -> bytes:
        if isinstance(obj, _Written):
            return b"%d 0 R" % obj.number
        if isinstance(obj, IndirectObject):
            return self.reference(obj, shared)
        if isinstance(obj, dict):  # a DictionaryObject, or one made here
            return b"<<" + b"".join(
                _name(k) + b" " + self.value(v, shared) for k, v in obj.items()
            ) + b">>"
        if isinstance(obj, ArrayObject):
            return b"[" + b" ".join(self.value(v, shared) for v in obj) + b"]"
        if obj is None:
            return b"null"
        buffer = io.BytesIO()
        obj.write_to_stream(buffer)
        return buffer.getvalue()


def _name(key: str) -> bytes:
    buffer = io.BytesIO()
    NameObject(key).write_to_stream(buffer)
    return buffer.getvalue()


def _text(value: str) -> bytes:
    """Return ``value`` as a PDF text string (UTF-16 when it is not plain ASCII).

    >>> _text("Ho so")
    b'(Ho so)'
    """
    buffer = io.BytesIO()
    TextStringObject(value).write_to_stream(buffer)
    return buffer.getvalue()


def _inherited(page: DictionaryObject, key: str) -> Any:
    node: Any = page.get("/Parent")
    for _ in range(64):  # a page tree deeper than this is broken
        if node is None:
            return None
        node = node.get_object()
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _outline(reader: PdfReader, items: Any, pages: list[int]) -> list[_Bookmark]:
    """Return the input's own bookmarks, pointing at the pages as written."""
    found: list[_Bookmark] = []
    for item in items:
        if isinstance(item, list):
            if found:
                found[-1].children += _outline(reader, item, pages)
            continue
        index: Callable[[Any], int | None] = reader.get_destination_page_number
        page = index(item)
        if page is not None and 0 <= page < len(pages):
            found.append(_Bookmark(str(item.title), pages[page]))
    return found

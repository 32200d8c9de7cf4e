"""Read and merge PDFs (with pypdf, which enters through :mod:`chibo_docs.pdf` only).

:func:`merge_pdfs` assembles a dossier (hồ sơ): the PDFs in order, one bookmark per source
document, document metadata and optional page labels, written atomically, one input in
memory at a time (:class:`~chibo_docs.pdf.dossier_writer.DossierWriter`).
:func:`pdf_info` reads what a conversion must be checked for: pages, fonts, text.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, overload

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import IndirectObject

from chibo_docs.errors import PdfError, os_reason
from chibo_docs.i18n import message, using
from chibo_docs.output_files import atomic_output, check_destination
from chibo_docs.pdf.dossier_writer import DossierWriter

__all__ = ["FontInfo", "MergeItem", "PdfInfo", "merge_pdfs", "pdf_info"]

MergeItem = str | os.PathLike[str] | tuple[str | os.PathLike[str], str]
"""A PDF to merge: a path, or ``(path, bookmark title)``."""


@dataclass(frozen=True)
class FontInfo:
    """A font used by a PDF: its ``/BaseFont`` name and whether its glyphs are embedded.

    ``characters`` (read only when asked for: ``pdf_info(…, characters=True)``) are the
    characters the font draws, from its ``/ToUnicode`` map; ``""`` when it has none.
    """

    name: str
    embedded: bool
    characters: str | None = None


@dataclass(frozen=True)
class PdfInfo:
    """What :func:`pdf_info` found in a PDF."""

    path: Path
    pages: int
    fonts: tuple[FontInfo, ...]
    text: str | None
    """The text of every page, pages separated by form feeds; ``None`` when not extracted."""

    @property
    def fonts_embedded(self) -> bool:
        """Return whether every font the PDF uses is embedded in it."""
        return all(font.embedded for font in self.fonts)


def pdf_info(
    path: str | os.PathLike[str],
    *,
    text: bool = True,
    characters: bool = False,
    lang: str | None = None,
) -> PdfInfo:
    """Return the page count, fonts and (when ``text``) the text of the PDF at ``path``.

    With ``characters``, each font also lists the characters it draws (from its
    ``/ToUnicode`` map): the font fallback check reads them to name what fell back.

    Raises:
        PdfError: the file is missing, empty, encrypted, corrupt or has no pages (in
            ``lang``; default: the language in force).
    """
    with using(lang):
        return _pdf_info(Path(path), text, characters)


def _pdf_info(source: Path, text: bool, characters: bool) -> PdfInfo:
    reader = _open(source)
    try:
        pages = len(reader.pages)
        fonts: dict[str, bool] = {}
        drawn: dict[str, dict[str, None]] = {}
        for page in reader.pages:
            for name, embedded, font in _page_fonts(page):
                fonts[name] = fonts.get(name, True) and embedded
                if characters:
                    drawn.setdefault(name, {}).update(dict.fromkeys(_font_characters(font)))
        content = "\f".join(page.extract_text() for page in reader.pages) if text else None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _corrupt(source, exc) from exc
    return PdfInfo(
        path=source,
        pages=pages,
        fonts=tuple(
            FontInfo(n, e, "".join(drawn.get(n, {})) if characters else None)
            for n, e in sorted(fonts.items())
        ),
        text=content,
    )


@overload
def merge_pdfs(
    items: Iterable[MergeItem],
    dest: str | os.PathLike[str],
    *,
    title: str | None = ...,
    author: str | None = ...,
    page_labels: bool | str = ...,
    inner_bookmarks: bool = ...,
    merge_fonts: bool = ...,
    lang: str | None = ...,
) -> Path: ...
@overload
def merge_pdfs(
    items: Iterable[MergeItem],
    dest: BinaryIO,
    *,
    title: str | None = ...,
    author: str | None = ...,
    page_labels: bool | str = ...,
    inner_bookmarks: bool = ...,
    merge_fonts: bool = ...,
    lang: str | None = ...,
) -> BinaryIO: ...


def merge_pdfs(
    items: Iterable[MergeItem],
    dest: str | os.PathLike[str] | BinaryIO,
    *,
    title: str | None = None,
    author: str | None = None,
    page_labels: bool | str = False,
    inner_bookmarks: bool = True,
    merge_fonts: bool = True,
    lang: str | None = None,
) -> Path | BinaryIO:
    """Merge PDFs in order into ``dest`` with one bookmark per source document.

    Args:
        items: paths, or ``(path, bookmark title)`` pairs; a bare path's bookmark is its
            file name without ``.pdf``.
        dest: the merged file; missing folders are created. It is written to a temporary
            file beside it and renamed, so a failed merge leaves no half-written file and an
            existing ``dest`` untouched. A new file gets the mode ``open()`` gives (``0o666``
            less the umask); a replaced one keeps its mode. Or a writable binary stream (an
            :class:`io.BytesIO`, a web response), written once the merge is complete.
        title: the document title in the PDF metadata.
        author: the document author in the PDF metadata (the issuing body, e.g. the chi bộ).
        page_labels: ``True`` numbers each document's pages from 1 with the prefix
            ``"{n}-"`` (``1-1, 1-2, 2-1…``, ``n`` counts documents from 1); a string sets
            another prefix format, e.g. ``"VB{n}-"``.
        inner_bookmarks: keep each source's own bookmarks under its bookmark.
        merge_fonts: store each font once: LibreOffice's per-document subsets of a style
            become one font (:mod:`~chibo_docs.pdf.font_merging`). ``False`` keeps each
            document's subsets (only byte-identical objects are stored once): a larger file,
            merged two to three times faster.
        lang: the language of the errors (``"vi"`` or ``"en"``; default: the language in
            force, :mod:`chibo_docs.i18n`).

    Returns:
        ``dest`` as a :class:`~pathlib.Path`, or the stream.

    Raises:
        PdfError: no items, or an input is missing, empty, encrypted, corrupt or has no
            pages (the error names the file).
        OutputError: ``dest`` cannot be written (a read-only folder, a full disk, a folder
            in its place…), naming it; checked before the inputs are read where possible.
    """
    with using(lang):
        return _merge(items, dest, title, author, page_labels, inner_bookmarks, merge_fonts)


def _merge(
    items: Iterable[MergeItem],
    dest: str | os.PathLike[str] | BinaryIO,
    title: str | None,
    author: str | None,
    page_labels: bool | str,
    inner_bookmarks: bool,
    merge_fonts: bool,
) -> Path | BinaryIO:
    entries = [_entry(item) for item in items]
    if not entries:
        raise PdfError(message("nothing to merge: give at least one PDF"))
    target: Path | BinaryIO = (
        check_destination(dest) if isinstance(dest, str | os.PathLike) else dest
    )
    prefix_format = "{n}-" if page_labels is True else page_labels or None
    if isinstance(target, Path):
        with atomic_output(target, durable=True) as out:
            _write(entries, out, title, author, prefix_format, inner_bookmarks, merge_fonts)
    else:
        _write(entries, target, title, author, prefix_format, inner_bookmarks, merge_fonts)
    return target


def _write(
    entries: list[tuple[Path, str]],
    out: BinaryIO,
    title: str | None,
    author: str | None,
    prefix_format: str | None,
    inner_bookmarks: bool,
    merge_fonts: bool,
) -> None:
    """Write the dossier document by document: one input in memory at a time."""
    writer = DossierWriter(out, merge_fonts=merge_fonts)
    for source, bookmark in entries:
        reader = _open(source)
        try:
            writer.add(reader, bookmark, inner_bookmarks=inner_bookmarks)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PdfError(
                message("cannot merge PDF {file!r}: {reason}; the file is corrupt",
                        file=str(source), reason=str(exc))
            ) from exc
        finally:
            del reader
    writer.close(title=title, author=author, page_label_prefix=prefix_format)


def _entry(item: MergeItem) -> tuple[Path, str]:
    if isinstance(item, tuple):
        path, bookmark = item
        return Path(path), bookmark
    path = Path(item)
    return path, path.stem


def _open(source: Path) -> PdfReader:
    """Open ``source`` for reading, refusing missing, empty, encrypted and page-less files."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise PdfError(
            message("cannot read PDF {file!r}: {reason}", file=str(source), reason=os_reason(exc))
        ) from exc
    if not data:
        raise PdfError(
            message("PDF {file!r} is empty (0 bytes); convert or export it again",
                    file=str(source))
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError(
                message(
                    "PDF {file!r} is encrypted with a password; decrypt it first (e.g. qpdf "
                    "--decrypt --password=… in.pdf out.pdf)",
                    file=str(source),
                )
            )
        pages = len(reader.pages)
    except PdfError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _corrupt(source, exc) from exc
    if pages == 0:
        raise PdfError(message("PDF {file!r} has no pages", file=str(source)))
    return reader


def _corrupt(source: Path, exc: Exception) -> PdfError:
    return PdfError(
        message("cannot read PDF {file!r}: {reason}; the file is corrupt", file=str(source),
                reason=str(exc))
    )


def _page_fonts(page: Any) -> Iterator[tuple[str, bool, dict[Any, Any]]]:
    resources = _resolve(page.get("/Resources"))
    yield from _resource_fonts(resources, depth=0)


def _resource_fonts(resources: Any, depth: int) -> Iterator[tuple[str, bool, dict[Any, Any]]]:
    if not isinstance(resources, dict) or depth > 5:
        return
    fonts = _resolve(resources.get("/Font"))
    if isinstance(fonts, dict):
        for ref in fonts.values():
            font = _resolve(ref)
            if isinstance(font, dict):
                yield str(font.get("/BaseFont", "(unnamed)")).lstrip("/"), _embedded(font), font
    xobjects = _resolve(resources.get("/XObject"))
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            xobject = _resolve(ref)
            if isinstance(xobject, dict) and xobject.get("/Subtype") == "/Form":
                yield from _resource_fonts(_resolve(xobject.get("/Resources")), depth + 1)


def _embedded(font: dict[Any, Any]) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the PDF itself
    if font.get("/Subtype") == "/Type0":
        descendants = _resolve(font.get("/DescendantFonts"))
        if not descendants:
            return False
        font = _resolve(descendants[0])
    descriptor = _resolve(font.get("/FontDescriptor"))
    if not isinstance(descriptor, dict):
        return False
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")
_RANGE_MAX = 0x10000  # codes one bfrange line may map; a real font has far fewer


def _font_characters(font: dict[Any, Any]) -> str:
    """Return the characters a PDF font draws, read from its ``/ToUnicode`` CMap."""
    stream = _resolve(font.get("/ToUnicode"))
    if stream is None or not hasattr(stream, "get_data"):
        return ""
    return _cmap_characters(stream.get_data())


def _unicode(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", errors="replace")


def _cmap_characters(data: bytes) -> str:
    """Return the characters a ToUnicode CMap maps to, in order, each once.

    >>> _cmap_characters(b"2 beginbfchar <01> <01A1> <02> <1EA1> endbfchar "
    ...                  b"1 beginbfrange <03> <05> <0061> endbfrange")
    'ơạabc'
    """
    found: dict[str, None] = {}
    for block in _BFCHAR.findall(data):
        targets = _HEX.findall(block)[1::2]
        found.update(dict.fromkeys(_unicode(t) for t in targets))
    for block in _BFRANGE.findall(data):
        for low, high, target in _RANGE.findall(block):
            count = min(int(high, 16) - int(low, 16) + 1, _RANGE_MAX)
            if target.startswith(b"["):
                found.update(dict.fromkeys(_unicode(t) for t in _HEX.findall(target)))
            elif count > 0:
                first = _unicode(target[1:-1])
                if len(first) == 1 and ord(first) + count <= sys.maxunicode + 1:
                    found.update(dict.fromkeys(chr(ord(first) + k) for k in range(count)))
                else:
                    found[first] = None
    return "".join(found)


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value

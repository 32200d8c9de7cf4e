"""PDF output: one document as a PDF, or many as one dossier (hồ sơ) with a bookmark each.

A dossier is rendered (.docx) and converted part by part, each part's LibreOffice starting
while the next part is rendered, then merged with pypdf::

    make_dossier([minutes, resolution], "out/ho-so-thang-4.pdf")
    make_dossier(documents, buffer := io.BytesIO())     # the PDF in memory

Intermediate files live in a temporary folder unless ``workdir`` keeps them.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterable, Sequence, Sized
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, BinaryIO, overload

from pydantic import BaseModel

from chibo_docs.errors import BatchConversionError, ConversionError, DataError
from chibo_docs.formatting.dates import month_year
from chibo_docs.forms.registry import Form
from chibo_docs.i18n import message, using
from chibo_docs.numbering.numbered import Reservation, numbered_by_policy, reserve_by_policy
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.output_files import (
    check_destination,
    install_file,
    prepare_folder,
    scratch_folder,
)
from chibo_docs.pdf.conversion import DEFAULT_TIMEOUT, ConversionRun, convert_many, named_as
from chibo_docs.pdf.merging import merge_pdfs
from chibo_docs.pipeline.render import StrPath, render_docx

__all__ = ["bookmark_title", "make_dossier", "render_pdf"]

Progress = Callable[[int, int], None]
_STEM_BYTES = 200  # of the PDF's name kept for the intermediate .docx (names: 255 bytes)


def bookmark_title(document: BaseModel) -> str:
    """Return the dossier bookmark of a document.

    Minutes and scorecards are named by their meeting ("Biên bản sinh hoạt chi bộ tháng
    4/2021", "Phiếu chấm điểm sinh hoạt chi bộ tháng 4/2021"), numbered
    documents by type and code ("Nghị quyết số 05-NQ/CB"); other models by their type name.
    """
    doc: Any = document
    type_name = getattr(doc, "type_name", type(document).__name__)
    meeting = getattr(doc, "meeting", None)
    code = getattr(doc, "code", None)
    if type(document).__name__ in ("Minutes", "Scorecard") and meeting is not None:
        title = f"{type_name} sinh hoạt chi bộ"
        if getattr(meeting, "period_month", None):
            title += f" {month_year(meeting.period_month, meeting.period_year)}"
        return title + (f" số {code}" if code else "")
    return f"{type_name} số {code}" if code else str(type_name)


def _author(documents: Sequence[BaseModel]) -> str | None:
    issuer = getattr(documents[0], "issuer", None)
    return getattr(issuer, "name", None)


_PART = 200  # documents per LibreOffice process at most, as in convert_many


def _part_sizes(count: int, workers: int) -> list[int]:
    """Cut ``count`` documents into a multiple of ``workers`` parts of near-equal size.

    >>> _part_sizes(105, 2), _part_sizes(3, 4), _part_sizes(450, 2)
    ([53, 52], [1, 1, 1], [113, 113, 112, 112])
    """
    parts = min(count, workers * math.ceil(count / (workers * _PART)))
    size, extra = divmod(count, parts)
    return [size + (1 if k < extra else 0) for k in range(parts)]


def _forms_mismatch(documents: int, forms: int) -> DataError:
    """The error for ``forms=`` of another length than the documents (code ``forms_count``).

    >>> error = _forms_mismatch(3, 2)
    >>> error.text("en")
    'got 3 documents but 2 forms; give one form per document (None: its default form)'
    >>> str(error)
    'có 3 văn bản nhưng 2 mẫu; hãy đưa mỗi văn bản một mẫu (None: mẫu mặc định của văn bản đó)'
    """
    return DataError(
        message("got {documents} documents but {forms} forms; give one form per document "
                "(None: its default form)", documents=documents, forms=forms),
        code="forms_count",
    )


@overload
def make_dossier(
    documents: Iterable[BaseModel],
    dest: StrPath,
    *,
    forms: Sequence[Form | str | None] | None = ...,
    title: str | None = ...,
    author: str | None = ...,
    workdir: StrPath | None = ...,
    workers: int | None = ...,
    timeout: float = ...,
    folders: Sequence[StrPath] = ...,
    progress: Progress | None = ...,
    allow_font_fallback: bool | None = ...,
    executor: Executor | None = ...,
    register: NumberRegister | None = ...,
    merge_fonts: bool = ...,
    lang: str | None = ...,
) -> Path: ...
@overload
def make_dossier(
    documents: Iterable[BaseModel],
    dest: BinaryIO,
    *,
    forms: Sequence[Form | str | None] | None = ...,
    title: str | None = ...,
    author: str | None = ...,
    workdir: StrPath | None = ...,
    workers: int | None = ...,
    timeout: float = ...,
    folders: Sequence[StrPath] = ...,
    progress: Progress | None = ...,
    allow_font_fallback: bool | None = ...,
    executor: Executor | None = ...,
    register: NumberRegister | None = ...,
    merge_fonts: bool = ...,
    lang: str | None = ...,
) -> BinaryIO: ...


def make_dossier(
    documents: Iterable[BaseModel],
    dest: StrPath | BinaryIO,
    *,
    forms: Sequence[Form | str | None] | None = None,
    title: str | None = None,
    author: str | None = None,
    workdir: StrPath | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    folders: Sequence[StrPath] = (),
    progress: Progress | None = None,
    allow_font_fallback: bool | None = None,
    executor: Executor | None = None,
    register: NumberRegister | None = None,
    merge_fonts: bool = True,
    lang: str | None = None,
) -> Path | BinaryIO:
    """Render ``documents``, convert them and merge them into the PDF ``dest``.

    The documents are rendered part by part; each part goes to its LibreOffice as soon as it
    is rendered, so conversion runs while the next part is rendered. No document model is
    kept once rendered and the merge holds one PDF at a time, so ``documents`` may be a
    generator of any length: memory stays flat (docs/performance.md: 10,000 documents).

    Args:
        documents: the document models, in dossier order (any iterable; a generator is
            read one document at a time).
        dest: the merged PDF (written atomically; missing folders are created), or a
            writable binary stream (e.g. :class:`io.BytesIO`) that receives it.
        forms: the form of each document (default: the one form that takes its model).
        title: the PDF title (default: "Hồ sơ" and the first document's bookmark).
        author: the PDF author (default: the issuing body of the first document).
        workdir: keep the .docx and single PDFs there, created if missing (default: a
            temporary folder).
        workers: LibreOffice processes at once (default: the number of CPUs).
        timeout: seconds one document may take to convert.
        folders: extra folders of forms.
        progress: called as ``progress(done, total)`` while converting.
        allow_font_fallback: accept PDFs with characters in a fallback font, with a warning
            (default: the environment variable ``CHIBO_DOCS_ALLOW_FONT_FALLBACK``; see
            :func:`~chibo_docs.pdf.conversion.convert_many`).
        executor: run the conversions on any :class:`concurrent.futures.Executor`, e.g. a
            dask.distributed client's ``get_executor()`` (default: our local workers).
        register: give documents without a number (not minutes:
            :data:`~chibo_docs.numbering.NUMBERED_TYPES`) the next number of their issuer,
            type and year; marked used once the dossier is written, voided if it is not.
        merge_fonts: store each font once (see :func:`~chibo_docs.merge_pdfs`).
        lang: the language of errors and warnings (``"vi"`` or ``"en"``; default: the
            language in force, :mod:`chibo_docs.i18n`).

    Returns:
        ``dest`` as a :class:`~pathlib.Path`, or the stream.

    Raises:
        OutputError: ``dest`` or ``workdir`` cannot be written (checked before any work;
            missing folders are created), naming it.
        TempFolderError: the temporary folder cannot hold the intermediate files.
        ConversionError: LibreOffice could not convert some documents.
        DataError: no document at all, or ``forms`` not one per document
            (``code == "forms_count"``, a :class:`ValueError` too).
    """
    with using(lang):
        return _dossier(documents, dest, forms, title, author, workdir, workers, timeout,
                        folders, progress, allow_font_fallback, executor, register, merge_fonts)


def _dossier(
    documents: Iterable[BaseModel],
    dest: StrPath | BinaryIO,
    forms: Sequence[Form | str | None] | None,
    title: str | None,
    author: str | None,
    workdir: StrPath | None,
    workers: int | None,
    timeout: float,
    folders: Sequence[StrPath],
    progress: Progress | None,
    allow_font_fallback: bool | None,
    executor: Executor | None,
    register: NumberRegister | None,
    merge_fonts: bool,
) -> Path | BinaryIO:
    count = len(documents) if isinstance(documents, Sized) else None
    if count == 0:
        raise DataError(message("a dossier needs at least one document, got none"))
    if forms is not None and count is not None and len(forms) != count:
        raise _forms_mismatch(count, len(forms))
    target = dest if not isinstance(dest, str | os.PathLike) else check_destination(dest)
    reservations: list[Reservation] = []
    try:
        with contextlib.ExitStack() as stack:
            if workdir is not None:
                folder = prepare_folder(workdir)
            else:
                folder = stack.enter_context(scratch_folder("chibo-docs-dossier-"))
            run = stack.enter_context(
                ConversionRun(workers=workers, timeout=timeout, progress=progress,
                              allow_font_fallback=allow_font_fallback, executor=executor,
                              total=count)
            )
            width = max(2, len(str(count or 0)))
            made: list[tuple[Path, str]] = []  # each .docx and its bookmark: no model is kept
            first: BaseModel | None = None
            part: list[Path] = []  # rendered, not yet converting
            sizes = iter(_part_sizes(count, run.workers) if count else ())
            size = next(sizes, _PART)
            # documents of unknown number (a generator) are rendered ahead, up to a part for
            # each worker: fewer than that are then cut into balanced parts, like a list's
            ahead = run.workers * _PART
            for k, document in enumerate(documents):
                numbered, reservation = reserve_by_policy(document, register)
                if reservation is not None:
                    reservations.append(reservation)
                form = forms[k] if forms is not None and k < len(forms) else None
                name = f"{k + 1:0{width}d}-{type(document).__name__.lower()}.docx"
                docx = render_docx(numbered, folder / name, form=form, folders=folders)
                made.append((docx, bookmark_title(numbered)))
                first = first or numbered
                part.append(docx)
                if count is not None and len(part) == size:
                    run.submit(part, folder)  # converting while the next part is rendered
                    part, size = [], next(sizes, _PART)
                elif count is None and len(part) == ahead:  # many: full parts from now on
                    run.submit(part[:_PART], folder)
                    part = part[_PART:]
            for n in _part_sizes(len(part), run.workers) if part else ():
                run.submit(part[:n], folder)
                part = part[n:]
            if first is None:
                raise DataError(message("a dossier needs at least one document, got none"))
            if forms is not None and len(forms) != len(made):
                raise _forms_mismatch(len(made), len(forms))
            try:
                pdfs = run.finish()
            except ConversionError as exc:  # name the dossier's documents, not our .docx files
                names = {str(docx): f"{k}. {t}" for k, (docx, t) in enumerate(made, start=1)}
                raise named_as(exc, names) from exc
            titles = [t for _, t in made]
            merged = merge_pdfs(
                [(pdfs[docx], t) for docx, t in made],
                target,
                title=title or f"Hồ sơ: {titles[0]}",
                author=author or _author([first]),
                merge_fonts=merge_fonts,
            )
    except BaseException as exc:
        for reservation in reservations:
            reservation.void(exc)
        raise
    for reservation in reservations:
        reservation.use()
    return merged


@overload
def render_pdf(
    document: BaseModel,
    dest: StrPath,
    *,
    form: Form | str | None = ...,
    timeout: float = ...,
    folders: Sequence[StrPath] = ...,
    register: NumberRegister | None = ...,
    lang: str | None = ...,
) -> Path: ...
@overload
def render_pdf(
    document: BaseModel,
    dest: BinaryIO,
    *,
    form: Form | str | None = ...,
    timeout: float = ...,
    folders: Sequence[StrPath] = ...,
    register: NumberRegister | None = ...,
    lang: str | None = ...,
) -> BinaryIO: ...


def render_pdf(
    document: BaseModel,
    dest: StrPath | BinaryIO,
    *,
    form: Form | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    folders: Sequence[StrPath] = (),
    register: NumberRegister | None = None,
    lang: str | None = None,
) -> Path | BinaryIO:
    """Render ``document`` with its form and convert it to the PDF ``dest``; return ``dest``.

    ``dest`` is a path or a writable binary stream: ``render_pdf(doc, buffer := io.BytesIO())``
    leaves the PDF's bytes in ``buffer.getvalue()``, for a service that never writes files.
    Missing folders of a path are created (before any work); the PDF appears whole or not at
    all, with the mode ``open()`` gives a new file (a replaced file keeps its mode). A
    ``register`` numbers it as :func:`~chibo_docs.render_docx` does.
    Errors read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    Raises:
        OutputError: ``dest`` cannot be written (checked first), naming it.
        TempFolderError: the temporary folder cannot hold the intermediate .docx.
        ConversionError: LibreOffice could not convert the document.
    """
    with using(lang):
        return _render_pdf(document, dest, form, timeout, folders, register)


def _render_pdf(
    document: BaseModel,
    dest: StrPath | BinaryIO,
    form: Form | str | None,
    timeout: float,
    folders: Sequence[StrPath],
    register: NumberRegister | None,
) -> Path | BinaryIO:
    target = dest if not isinstance(dest, str | os.PathLike) else check_destination(dest)
    name = target.stem if isinstance(target, Path) else type(document).__name__.lower()
    with scratch_folder("chibo-docs-pdf-") as tmp, numbered_by_policy(document, register) as doc:
        stem = name.encode()[:_STEM_BYTES].decode("utf-8", "ignore") or "document"
        docx = render_docx(doc, tmp / f"{stem}.docx", form=form, folders=folders)
        try:
            (pdf,) = convert_many([docx], workers=1, timeout=timeout)
        except BatchConversionError as exc:  # one document: its failure, naming what was asked
            asked = str(target) if isinstance(target, Path) else bookmark_title(doc)
            raise named_as(exc.failures[0], {str(docx): asked}) from exc
        if isinstance(target, Path):
            install_file(pdf, target)
        else:
            target.write(pdf.read_bytes())
    return target

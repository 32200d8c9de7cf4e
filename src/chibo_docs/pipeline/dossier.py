"""PDF output: one document as a PDF, or many as one dossier (hồ sơ) with a bookmark each.

A dossier is rendered (.docx), converted in ONE LibreOffice batch, and merged with pypdf::

    make_dossier([minutes, resolution], "out/ho-so-thang-4.pdf")

Intermediate files live in a temporary folder unless ``workdir`` keeps them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs.errors import DataError
from chibo_docs.formatting.dates import month_year
from chibo_docs.forms.registry import Form
from chibo_docs.i18n import message, using
from chibo_docs.output_files import (
    check_destination,
    install_file,
    prepare_folder,
    scratch_folder,
)
from chibo_docs.pdf.conversion import DEFAULT_TIMEOUT, convert_many
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


def make_dossier(
    documents: Sequence[BaseModel],
    dest: StrPath,
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
    lang: str | None = None,
) -> Path:
    """Render ``documents``, convert them in one batch and merge them into the PDF ``dest``.

    Args:
        documents: the document models, in dossier order.
        dest: the merged PDF (written atomically; missing folders are created).
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
        lang: the language of errors and warnings (``"vi"`` or ``"en"``; default: the
            language in force, :mod:`chibo_docs.i18n`).

    Returns:
        ``dest`` as a :class:`~pathlib.Path`.

    Raises:
        OutputError: ``dest`` or ``workdir`` cannot be written (checked before any work;
            missing folders are created), naming it.
        TempFolderError: the temporary folder cannot hold the intermediate files.
        ConversionError: LibreOffice could not convert some documents.
    """
    with using(lang):
        return _dossier(documents, dest, forms, title, author, workdir, workers, timeout,
                        folders, progress, allow_font_fallback)


def _dossier(
    documents: Sequence[BaseModel],
    dest: StrPath,
    forms: Sequence[Form | str | None] | None,
    title: str | None,
    author: str | None,
    workdir: StrPath | None,
    workers: int | None,
    timeout: float,
    folders: Sequence[StrPath],
    progress: Progress | None,
    allow_font_fallback: bool | None,
) -> Path:
    if not documents:
        raise DataError(message("a dossier needs at least one document, got none"))
    chosen = list(forms) if forms is not None else [None] * len(documents)
    if len(chosen) != len(documents):
        raise ValueError(f"got {len(documents)} documents but {len(chosen)} forms")
    target = check_destination(dest)
    with contextlib.ExitStack() as stack:
        if workdir is not None:
            folder = prepare_folder(workdir)
        else:
            folder = stack.enter_context(scratch_folder("chibo-docs-dossier-"))
        docx_files = [
            render_docx(doc, folder / f"{i:02d}-{type(doc).__name__.lower()}.docx", form=form,
                        folders=folders)
            for i, (doc, form) in enumerate(zip(documents, chosen, strict=True), start=1)
        ]
        pdfs = convert_many(
            docx_files,
            workers=workers,
            timeout=timeout,
            progress=progress,
            allow_font_fallback=allow_font_fallback,
        )
        titles = [bookmark_title(doc) for doc in documents]
        return merge_pdfs(
            list(zip(pdfs, titles, strict=True)),
            target,
            title=title or f"Hồ sơ: {titles[0]}",
            author=author or _author(documents),
        )


def render_pdf(
    document: BaseModel,
    dest: StrPath,
    *,
    form: Form | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    folders: Sequence[StrPath] = (),
    lang: str | None = None,
) -> Path:
    """Render ``document`` with its form and convert it to the PDF ``dest``; return ``dest``.

    Missing folders of ``dest`` are created (before any work); the PDF appears whole or
    not at all, with the mode ``open()`` gives a new file (a replaced file keeps its mode).
    Errors read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    Raises:
        OutputError: ``dest`` cannot be written (checked first), naming it.
        TempFolderError: the temporary folder cannot hold the intermediate .docx.
        ConversionError: LibreOffice could not convert the document.
    """
    with using(lang):
        return _render_pdf(document, dest, form, timeout, folders)


def _render_pdf(
    document: BaseModel,
    dest: StrPath,
    form: Form | str | None,
    timeout: float,
    folders: Sequence[StrPath],
) -> Path:
    target = check_destination(dest)
    with scratch_folder("chibo-docs-pdf-") as tmp:
        stem = target.stem.encode()[:_STEM_BYTES].decode("utf-8", "ignore") or "document"
        docx = render_docx(document, tmp / f"{stem}.docx", form=form, folders=folders)
        (pdf,) = convert_many([docx], workers=1, timeout=timeout)
        install_file(pdf, target)
    return target

"""``chibo-docs pdf`` (convert .docx files with LibreOffice) and ``chibo-docs merge``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chibo_docs.cli._font_fallback_option import (
    add_font_fallback_option,
    font_warnings_on_stderr,
)
from chibo_docs.cli.progress import Progress
from chibo_docs.errors import BatchConversionError
from chibo_docs.output_files import prepare_folder
from chibo_docs.pdf.conversion import DEFAULT_TIMEOUT, convert_many
from chibo_docs.pdf.fonts import check_fonts
from chibo_docs.pdf.merging import merge_pdfs

__all__ = ["positive_int", "register"]

_PROGRESS_FROM = 4  # batches smaller than this show no progress bar


def register(subparsers: Any) -> None:
    """Add the ``pdf`` and ``merge`` sub-commands."""
    p = subparsers.add_parser(
        "pdf",
        help="convert .docx files to PDF with LibreOffice (each PDF beside its .docx unless -o)",
    )
    p.add_argument("files", nargs="+", metavar="FILE.docx", help="documents to convert")
    p.add_argument("-o", "--out-dir", type=Path, help="folder for the PDFs (created if missing)")
    p.add_argument(
        "--workers", type=positive_int, help="LibreOffice processes at once (default: CPUs)"
    )
    p.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds one document may take (default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument("--soffice", help="the LibreOffice program (default: found automatically)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_font_fallback_option(p)
    p.set_defaults(handler=_pdf)

    p = subparsers.add_parser(
        "merge", help="merge PDFs into one dossier with a bookmark per document"
    )
    p.add_argument("files", nargs="+", metavar="FILE.pdf", help="PDFs, in dossier order")
    p.add_argument(
        "-o", "--output", type=Path, required=True, help="the merged PDF (folders created if missing)"
    )
    p.add_argument("--title", help="document title (PDF metadata)")
    p.add_argument("--author", help="author, e.g. the issuing chi bộ (PDF metadata)")
    p.add_argument(
        "--bookmark",
        action="append",
        default=[],
        metavar="TITLE",
        help="bookmark title of each file, in order (default: the file name without .pdf); "
        "give it once per file",
    )
    p.add_argument(
        "--page-labels",
        action="store_true",
        help="number each document's pages from 1 with its position as prefix (1-1, 1-2, 2-1…)",
    )
    p.add_argument(
        "--drop-inner-bookmarks",
        action="store_true",
        help="keep only one bookmark per document (drop the documents' own bookmarks)",
    )
    p.set_defaults(handler=_merge)


def positive_int(text: str) -> int:
    """Return ``text`` as a whole number of at least 1 (an argparse type)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text}")
    return value


def _pdf(args: argparse.Namespace) -> int:
    fonts = check_fonts()
    if not fonts.ok:
        print(f"warning: {fonts.hint}", file=sys.stderr)
    if args.out_dir is not None:
        prepare_folder(args.out_dir)
    show = not args.quiet and len(args.files) >= _PROGRESS_FROM
    progress = Progress("pdf", enabled=None if show else False)
    try:
        with font_warnings_on_stderr():
            pdfs = convert_many(
                args.files,
                args.out_dir,
                workers=args.workers,
                timeout=args.timeout,
                soffice=args.soffice,
                progress=progress,
                allow_font_fallback=args.allow_font_fallback,
            )
    except BatchConversionError as exc:
        progress.close()
        for pdf in exc.outputs.values():
            print(pdf)
        for failure in exc.failures:
            print(f"error: {failure}", file=sys.stderr)
        return 1
    progress.close()
    for pdf in pdfs:
        print(pdf)
    return 0


def _merge(args: argparse.Namespace) -> int:
    if args.bookmark and len(args.bookmark) != len(args.files):
        print(
            f"error: {len(args.bookmark)} --bookmark titles for {len(args.files)} files; "
            "give one per file or none",
            file=sys.stderr,
        )
        return 2
    items = list(zip(args.files, args.bookmark, strict=True)) if args.bookmark else args.files
    out = merge_pdfs(
        items,
        args.output,
        title=args.title,
        author=args.author,
        page_labels=args.page_labels,
        inner_bookmarks=not args.drop_inner_bookmarks,
    )
    print(out)
    return 0

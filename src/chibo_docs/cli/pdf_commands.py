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
from chibo_docs.i18n import _
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
        help=_(
            "convert .docx files to PDF with LibreOffice (each PDF beside its .docx unless -o)"
        ),
    )
    p.add_argument("files", nargs="+", metavar=_("FILE.docx"), help=_("documents to convert"))
    p.add_argument(
        "-o", "--out-dir", type=Path, metavar=_("DIR"),
        help=_("folder for the PDFs (created if missing)"),
    )
    p.add_argument(
        "--workers", type=positive_int, metavar=_("N"),
        help=_("LibreOffice processes at once (default: CPUs)"),
    )
    p.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar=_("SECONDS"),
        help=_("seconds one document may take (default {seconds})", seconds=DEFAULT_TIMEOUT),
    )
    p.add_argument(
        "--soffice", metavar=_("PROGRAM"),
        help=_("the LibreOffice program (default: found automatically)"),
    )
    p.add_argument("-q", "--quiet", action="store_true", help=_("no progress bar"))
    add_font_fallback_option(p)
    p.set_defaults(handler=_pdf)

    p = subparsers.add_parser(
        "merge", help=_("merge PDFs into one dossier with a bookmark per document")
    )
    p.add_argument("files", nargs="+", metavar=_("FILE.pdf"), help=_("PDFs, in dossier order"))
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT.pdf"),
        help=_("the merged PDF (folders created if missing)"),
    )
    p.add_argument("--title", metavar=_("TEXT"), help=_("document title (PDF metadata)"))
    p.add_argument(
        "--author", metavar=_("TEXT"),
        help=_("author, e.g. the issuing chi bộ (PDF metadata)"),
    )
    p.add_argument(
        "--bookmark",
        action="append",
        default=[],
        metavar=_("TITLE"),
        help=_(
            "bookmark title of each file, in order (default: the file name without .pdf); "
            "give it once per file"
        ),
    )
    p.add_argument(
        "--page-labels",
        action="store_true",
        help=_(
            "number each document's pages from 1 with its position as prefix (1-1, 1-2, 2-1…)"
        ),
    )
    p.add_argument(
        "--drop-inner-bookmarks",
        action="store_true",
        help=_("keep only one bookmark per document (drop the documents' own bookmarks)"),
    )
    p.set_defaults(handler=_merge)


def positive_int(text: str) -> int:
    """Return ``text`` as a whole number of at least 1 (an argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("must be a whole number of at least 1, not {value!r}", value=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1, not {value}", value=value))
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(
            _("must be a number of seconds above 0, not {value}", value=text)
        )
    return value


def _pdf(args: argparse.Namespace) -> int:
    fonts = check_fonts()
    if not fonts.ok:
        print(_("warning: {message}", message=fonts.hint), file=sys.stderr)
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
            print(_("error: {message}", message=failure), file=sys.stderr)
        return 1
    progress.close()
    for pdf in pdfs:
        print(pdf)
    return 0


def _merge(args: argparse.Namespace) -> int:
    if args.bookmark and len(args.bookmark) != len(args.files):
        print(
            _("error: {message}", message=_(
                "{titles} --bookmark titles for {files} files; give one per file or none",
                titles=len(args.bookmark), files=len(args.files),
            )),
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

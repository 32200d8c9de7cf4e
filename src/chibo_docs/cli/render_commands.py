"""``chibo-docs render`` (one document) and ``chibo-docs dossier`` (many, as one PDF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs.cli._font_fallback_option import (
    add_font_fallback_option,
    font_warnings_on_stderr,
)
from chibo_docs.cli.data_commands import add_include_root_option
from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.cli.pdf_commands import positive_int
from chibo_docs.cli.progress import Progress
from chibo_docs.cli.register_commands import add_register_option
from chibo_docs.errors import FormError
from chibo_docs.forms.registry import FormRegistry
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.pdf.conversion import convert
from chibo_docs.pipeline.dossier import make_dossier
from chibo_docs.pipeline.render import render_docx
from chibo_docs.pipeline.validation import validate_file

__all__ = ["register"]

_PROGRESS_FROM = 4  # batches smaller than this show no progress bar


def register(subparsers: Any) -> None:
    """Add the ``render`` and ``dossier`` sub-commands."""
    p = subparsers.add_parser("render", help="render one document from a data file (JSON/YAML)")
    p.add_argument("form", metavar="FORM", help="a form id (see `chibo-docs forms`)")
    p.add_argument("data", metavar="DATA", help="a .json, .yaml or .yml data file")
    p.add_argument(
        "-o", "--output", metavar="OUT.docx", required=True,
        help="the .docx to write (missing folders are created)",
    )
    p.add_argument("--pdf", action="store_true", help="also write OUT.pdf beside the .docx")
    add_register_option(p, required=False)
    add_font_fallback_option(p)
    add_folder_option(p)
    add_include_root_option(p)
    p.set_defaults(handler=_render)

    p = subparsers.add_parser(
        "dossier", help="render data files, convert them in one batch and merge them into one PDF"
    )
    p.add_argument("data", metavar="DATA", nargs="+", help="data files, in dossier order")
    p.add_argument(
        "-o", "--output", metavar="HOSO.pdf", required=True,
        help="the PDF to write (missing folders are created)",
    )
    p.add_argument("--title", help="the PDF title (default: from the first document)")
    p.add_argument("--workdir", metavar="DIR", help="keep the .docx and single PDFs here")
    p.add_argument(
        "--workers", type=positive_int, help="LibreOffice processes at once (default: CPUs)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add_register_option(p, required=False)
    add_font_fallback_option(p)
    add_folder_option(p)
    add_include_root_option(p)
    p.set_defaults(handler=_dossier)


def _load(path: str, include_roots: list[str]) -> BaseModel | None:
    """Load and check one data file; print its errors and warnings on stderr."""
    report = validate_file(path, include_roots=include_roots)
    if report.document is None or report.errors:
        print("\n".join(report.lines()), file=sys.stderr)
        return None
    for finding in report.findings:
        print(f"{path}: {finding}", file=sys.stderr)
    return report.document


def _render(args: argparse.Namespace) -> int:
    document = _load(args.data, args.include_roots)
    if document is None:
        return 1
    form = FormRegistry.default(args.forms).get(args.form)
    if not isinstance(document, form.model):
        raise FormError(
            f"form {form.id!r} is filled from {form.model.__name__} data, but {args.data!r} "
            f"holds a {type(document).__name__}; choose a form for it (see `chibo-docs forms`)"
        )
    book = NumberRegister(args.register) if args.register else None
    out = render_docx(document, Path(args.output), form=form, register=book)
    print(out)
    if args.pdf:
        with font_warnings_on_stderr():
            print(convert(out, allow_font_fallback=args.allow_font_fallback))
    return 0


def _dossier(args: argparse.Namespace) -> int:
    documents = [_load(path, args.include_roots) for path in args.data]
    if any(d is None for d in documents):
        return 1
    bar = Progress("pdf", enabled=False if args.quiet or len(documents) < _PROGRESS_FROM else None)
    try:
        with font_warnings_on_stderr():
            out = make_dossier(
                [d for d in documents if d is not None],
                args.output,
                title=args.title,
                workdir=args.workdir,
                workers=args.workers,
                folders=args.forms,
                progress=bar,
                allow_font_fallback=args.allow_font_fallback,
                register=NumberRegister(args.register) if args.register else None,
            )
    finally:
        bar.close()
    print(out)
    return 0

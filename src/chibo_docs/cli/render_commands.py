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
from chibo_docs.errors import DataError
from chibo_docs.forms.registry import Form
from chibo_docs.i18n import _
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.pdf.conversion import convert
from chibo_docs.pipeline.dossier import make_dossier
from chibo_docs.pipeline.render import render_docx
from chibo_docs.pipeline.validation import validate_file
from chibo_docs.problems import describe

__all__ = ["register"]

_PROGRESS_FROM = 4  # batches smaller than this show no progress bar


def register(subparsers: Any) -> None:
    """Add the ``render`` and ``dossier`` sub-commands."""
    p = subparsers.add_parser(
        "render", help=_("render one document from a data file (JSON/YAML)")
    )
    p.add_argument("form", metavar=_("FORM"), help=_("a form id (see `chibo-docs forms`)"))
    p.add_argument(
        "data", metavar=_("DATA"),
        help=_(
            "a .json, .yaml or .yml data file; its 'document:' is a kind of document "
            "(minutes, resolution, plan, invitation) or the id of the form it fills"
        ),
    )
    out = _("OUT.docx")
    p.add_argument(
        "-o", "--output", metavar=out, required=True,
        help=_("the .docx to write (missing folders are created)"),
    )
    p.add_argument(
        "--pdf", action="store_true",
        help=_("also write the PDF beside the .docx (same name, .pdf)"),
    )
    add_register_option(p, required=False)
    add_font_fallback_option(p)
    add_folder_option(p)
    add_include_root_option(p)
    p.set_defaults(handler=_render)

    p = subparsers.add_parser(
        "dossier",
        help=_("render data files, convert them in one batch and merge them into one PDF"),
    )
    p.add_argument(
        "data", metavar=_("DATA"), nargs="+", help=_("data files, in dossier order")
    )
    p.add_argument(
        "-o", "--output", metavar=_("HOSO.pdf"), required=True,
        help=_("the PDF to write (missing folders are created)"),
    )
    p.add_argument(
        "--title", metavar=_("TEXT"),
        help=_("the PDF title (default: from the first document)"),
    )
    p.add_argument(
        "--workdir", metavar=_("DIR"), help=_("keep the .docx and single PDFs here")
    )
    p.add_argument(
        "--workers", type=positive_int, metavar=_("N"),
        help=_("LibreOffice processes at once (default: CPUs)"),
    )
    p.add_argument("-q", "--quiet", action="store_true", help=_("no progress bar"))
    add_register_option(p, required=False)
    add_font_fallback_option(p)
    add_folder_option(p)
    add_include_root_option(p)
    p.set_defaults(handler=_dossier)


def _load(
    path: str, args: argparse.Namespace, form: str | None = None
) -> tuple[BaseModel, Form | None] | None:
    """Load and check one data file (for ``form``, if given); print its errors and warnings.

    Returns the document and the form it is for (named by ``form`` or by its ``document:``);
    ``None`` after printing why the file cannot be used (``dossier`` goes on to the next file,
    so that every file's problems are shown at once).
    """
    try:
        report = validate_file(
            path, include_roots=args.include_roots, folders=args.forms, form=form
        )
    except DataError as exc:  # a file that is missing, unreadable or not JSON/YAML
        print(_("error: {message}", message=exc), file=sys.stderr)
        return None
    if report.document is None or report.errors:
        print("\n".join(report.lines()), file=sys.stderr)
        return None
    for finding in report.findings:
        print(f"{path}: {describe(finding)}", file=sys.stderr)
    return report.document, report.form


def _render(args: argparse.Namespace) -> int:
    loaded = _load(args.data, args, form=args.form)
    if loaded is None:
        return 1
    document, form = loaded
    book = NumberRegister(args.register) if args.register else None
    out = render_docx(document, Path(args.output), form=form, register=book)
    print(out)
    if args.pdf:
        with font_warnings_on_stderr():
            print(convert(out, allow_font_fallback=args.allow_font_fallback))
    return 0


def _dossier(args: argparse.Namespace) -> int:
    loaded = [_load(path, args) for path in args.data]
    if any(item is None for item in loaded):
        return 1
    documents = [item for item in loaded if item is not None]
    bar = Progress("pdf", enabled=False if args.quiet or len(documents) < _PROGRESS_FROM else None)
    try:
        with font_warnings_on_stderr():
            out = make_dossier(
                [document for document, _ in documents],
                args.output,
                forms=[form for _, form in documents],
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

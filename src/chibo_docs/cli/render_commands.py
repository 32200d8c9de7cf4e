"""``chibo-docs render FORM DATA -o OUT.docx``: one document from a data file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chibo_docs.api import render_docx
from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.reporting import validate_file

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``render`` sub-command."""
    p = subparsers.add_parser("render", help="render one document from a data file (JSON/YAML)")
    p.add_argument("form", metavar="FORM", help="a form id (see `chibo-docs forms`)")
    p.add_argument("data", metavar="DATA", help="a .json, .yaml or .yml data file")
    p.add_argument("-o", "--output", metavar="OUT.docx", required=True, help="the .docx to write")
    add_folder_option(p)
    p.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    report = validate_file(args.data)
    if report.document is None or report.errors:
        print("\n".join(report.lines()), file=sys.stderr)
        return 1
    for finding in report.findings:
        print(f"{args.data}: {finding}", file=sys.stderr)
    out = render_docx(report.document, Path(args.output), form=args.form, folders=args.forms)
    print(out)
    return 0

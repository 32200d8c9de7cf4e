"""``chibo-docs check``: check a .docx against the official layout (rules HD36-1 … HD36-18)."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.cli._problems_output import print_findings
from chibo_docs.i18n import _
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.layout.profiles import HD36

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``check`` sub-command."""
    p = subparsers.add_parser(
        "check",
        help=_("check a .docx against the official Party layout (HD 36)"),
        description=_(
            "Check a .docx (template or rendered document) against the rules of Hướng dẫn "
            "36-HD/VPTW. Exit status 1 when any error is found; warnings (rules not confirmed "
            "against the primary text) do not fail the check."
        ),
    )
    p.add_argument(
        "file", metavar=_("FILE.docx"), help=_("the document or template to check")
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=_("print the file's name and its problems as JSON, for other programs"),
    )
    p.add_argument(
        "--kind",
        choices=sorted(HD36.document_types),
        help=_("document type code (default: read from the type name or the number line)"),
    )
    p.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    findings = check_document(args.file, kind=args.kind)
    return print_findings(findings, args.file, as_json=args.json)

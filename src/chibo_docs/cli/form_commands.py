"""``chibo-docs forms``: list the registered forms and where each comes from."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.forms.registry import FormRegistry

__all__ = ["register"]


def add_folder_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--forms DIR`` (repeatable): extra folders of forms to register."""
    parser.add_argument(
        "--forms",
        metavar="DIR",
        action="append",
        default=[],
        help="a folder of extra forms (.docx + .toml manifest); may be repeated",
    )


def register(subparsers: Any) -> None:
    """Add the ``forms`` sub-command."""
    p = subparsers.add_parser("forms", help="list the forms, one a line, id first")
    add_folder_option(p)
    p.set_defaults(handler=_forms)


def _forms(args: argparse.Namespace) -> int:
    registry = FormRegistry.default(args.forms)
    for form in registry:
        print(f"{form.id}\t{form.document_type}\t{form.title}\t{form.origin}")
    return 0

"""``chibo-docs lint``: every problem of a template at once, located, with hints."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Any

from pydantic import BaseModel

from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.errors import DataError
from chibo_docs.findings import has_errors
from chibo_docs.forms import FormRegistry
from chibo_docs.lint import lint_template

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``lint`` sub-command."""
    p = subparsers.add_parser(
        "lint",
        help="report every problem of a .docx template at once, with its location",
    )
    p.add_argument("template", metavar="TEMPLATE.docx")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--model", metavar="NAME", help="check names against this model")
    which.add_argument("--form", metavar="ID", help="check against the model of this form")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--quiet", action="store_true", help="leave out information findings")
    add_folder_option(p)
    p.set_defaults(handler=_lint)


def _model(args: argparse.Namespace) -> type[BaseModel] | None:
    if args.form:
        return FormRegistry.default(args.forms).get(args.form).model
    if args.model:
        models = importlib.import_module("chibo_docs.models")
        model = getattr(models, args.model, None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            known = ", ".join(n for n in ("Minutes", "Resolution", "Plan"))
            raise DataError(f"unknown model {args.model!r}; use one of {known}")
        return model
    return None


def _lint(args: argparse.Namespace) -> int:
    findings = lint_template(args.template, _model(args))
    if args.quiet:
        findings = [f for f in findings if f.severity != "info"]
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        print(f"{args.template}: {errors} error(s), {warnings} warning(s)")
    return 1 if has_errors(findings) else 0

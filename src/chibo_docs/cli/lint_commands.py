"""``chibo-docs lint``: every problem of a template at once, located, with hints."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from pydantic import BaseModel

from chibo_docs.cli._problems_output import print_findings
from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.errors import DataError
from chibo_docs.forms.registry import FormRegistry
from chibo_docs.i18n import _, message, using
from chibo_docs.layout.profiles import HD36
from chibo_docs.models import DOCUMENT_MODELS
from chibo_docs.templating.lint import lint_template

DOCUMENT_MODELS_BY_NAME = {m.__name__: m for m in DOCUMENT_MODELS.values()}

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``lint`` sub-command."""
    p = subparsers.add_parser(
        "lint",
        help=_("report every problem of a .docx template at once, with its location"),
    )
    p.add_argument(
        "template", metavar=_("TEMPLATE.docx"), help=_("the template to check")
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--model", metavar=_("NAME"), help=_("check names against this model")
    )
    which.add_argument(
        "--form", metavar=_("ID"), help=_("check against the model of this form")
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=_("print the file's name and its problems as JSON, for other programs"),
    )
    p.add_argument("--quiet", action="store_true", help=_("leave out information findings"))
    p.add_argument(
        "--no-layout",
        action="store_true",
        help=_("skip the layout check (rules HD36-…) of the template's fixed text"),
    )
    add_folder_option(p)
    p.set_defaults(handler=_lint)


def _model(args: argparse.Namespace) -> tuple[type[BaseModel] | None, str | None]:
    if args.form:
        form = FormRegistry.default(args.forms).get(args.form)
        kind = form.document_type if form.document_type in HD36.document_types else None
        return form.model, kind
    return _named_model(args.model), None


def _named_model(name: str | None) -> type[BaseModel] | None:
    if name:
        if ":" in name:
            module, _, attr = name.partition(":")
            model = getattr(importlib.import_module(module), attr, None)
        else:
            model = getattr(importlib.import_module("chibo_docs.models"), name, None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            known = ", ".join(sorted(DOCUMENT_MODELS_BY_NAME))
            raise DataError(
                message("unknown model {model!r}; use one of {known} or 'package.module:Class'",
                        model=name, known=known)
            )
        return model
    return None


def _lint(args: argparse.Namespace) -> int:
    with using(getattr(args, "lang", None)):
        model, kind = _model(args)
        findings = lint_template(
            args.template, model, layout=None if args.no_layout else HD36, kind=kind
        )
        if args.quiet:
            findings = [f for f in findings if f.severity != "info"]
        return print_findings(findings, args.template, as_json=args.json)

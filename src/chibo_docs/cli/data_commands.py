"""``chibo-docs validate`` and ``chibo-docs schema``: check data files, print JSON Schemas."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from chibo_docs import models
from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.i18n import _
from chibo_docs.loading.reader import SUFFIXES
from chibo_docs.pipeline.validation import validate_file

__all__ = ["add_include_root_option", "register", "schema_models"]


def add_include_root_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--include-root DIR`` (repeatable) to a command that reads data files."""
    parser.add_argument(
        "--include-root",
        dest="include_roots",
        metavar=_("DIR"),
        action="append",
        default=[],
        help=_(
            "a folder that includes (include: other.yaml#key) may also read from, besides the "
            "data file's own folder; may be repeated"
        ),
    )


def register(subparsers: Any) -> None:
    """Add the ``validate`` and ``schema`` sub-commands."""
    p = subparsers.add_parser(
        "validate", help=_("check a data file (JSON or YAML) and print its report")
    )
    p.add_argument("data", metavar="DATA", help="a .json, .yaml or .yml file, UTF-8")
    add_include_root_option(p)
    add_folder_option(p)
    p.set_defaults(handler=_validate)

    p = subparsers.add_parser("schema", help=_("print the JSON Schema of a model"))
    p.add_argument("model", metavar="MODEL", help="a model name, e.g. Minutes, Resolution, Plan, Document")
    p.set_defaults(handler=_schema)


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.data)
    if path.suffix.lower() not in SUFFIXES:
        print(f"error: {str(path)!r} is not a data file: its name must end in .json, .yaml or .yml", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"error: data file {str(path)!r} does not exist", file=sys.stderr)
        return 2
    report = validate_file(path, include_roots=args.include_roots, folders=args.forms)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def schema_models() -> dict[str, Any]:
    """Return the names ``chibo-docs schema`` accepts (lower-case) and what each names."""
    found: dict[str, Any] = {"document": models.Document}
    for name in models.__all__:
        value = getattr(models, name)
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not models.Model:
            found[name.lower()] = value
    return found


def _schema(args: argparse.Namespace) -> int:
    known = schema_models()
    target = known.get(args.model.lower())
    if target is None:
        names = ", ".join(sorted(n for n in known if n not in models.DOCUMENT_MODELS))
        print(f"error: no model named {args.model!r}; choose one of: {names}", file=sys.stderr)
        return 2
    schema = TypeAdapter(target).json_schema()
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0

"""``chibo-docs validate`` and ``chibo-docs schema``: check data files, print JSON Schemas."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``validate`` and ``schema`` sub-commands."""
    p = subparsers.add_parser(
        "validate", help="check a data file (JSON or YAML) and print its report"
    )
    p.add_argument("data", metavar="DATA", help="a .json, .yaml or .yml file, UTF-8")
    p.set_defaults(handler=_validate)

    p = subparsers.add_parser("schema", help="print the JSON Schema of a model")
    p.add_argument("model", metavar="MODEL", help="a model name, e.g. Minutes, Resolution, Plan")
    p.set_defaults(handler=_schema)


def _validate(args: argparse.Namespace) -> int:
    raise NotImplementedError


def _schema(args: argparse.Namespace) -> int:
    raise NotImplementedError

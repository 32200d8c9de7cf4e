"""``chibo-docs register next|use|void|list|audit``: the document-number register."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from chibo_docs.cli.pdf_commands import positive_int
from chibo_docs.i18n import N_, _
from chibo_docs.numbering.register import NumberRegister
from chibo_docs.problems import describe, has_errors

__all__ = ["ENV_VAR", "add_register_option", "register"]

ENV_VAR = "CHIBO_DOCS_REGISTER"
"""Environment variable naming the register file used when ``--register`` is not given."""


def add_register_option(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """Add ``--register FILE`` (default: the ``CHIBO_DOCS_REGISTER`` variable)."""
    default = os.environ.get(ENV_VAR) or None
    parser.add_argument(
        "--register",
        metavar=_("FILE"),
        default=default,
        required=required and default is None,
        help=_("the number register, an SQLite file created if missing (default: ${variable})",
               variable=ENV_VAR)
        if required
        else _("give documents without a number (not minutes) the next one from this "
               "register (default: ${variable} when set)", variable=ENV_VAR),
    )


def _series_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--issuer", required=required, metavar=_("ISSUER"),
                        help=_("the issuer, e.g. 'CHI BỘ THÔN 1'"))
    parser.add_argument("--type", dest="doc_type", required=required, metavar=_("TYPE"),
                        help=_("the document type's abbreviation: NQ, KH, GM, BB, …"))
    parser.add_argument("--year", type=_year, required=required, metavar=_("YEAR"),
                        help=_("the year (2025) or the term ('2025-2030') numbers run in"))


_STATES = {"reserved": N_("reserved"), "used": N_("used"), "voided": N_("voided")}
"""The states of a number, for people."""


def _year(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def register(subparsers: Any) -> None:
    """Add the ``register`` sub-command and its actions."""
    p = subparsers.add_parser(
        "register", help=_("document numbers: take the next, mark used, void, list, audit")
    )
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    a = actions.add_parser("next", help=_("reserve and print the next number of a series"))
    add_register_option(a, required=True)
    _series_options(a, required=True)
    a.add_argument("--reference", metavar=_("TEXT"),
                   help=_("what the number is for (a title, a file)"))
    a.set_defaults(handler=_next)

    a = actions.add_parser("use", help=_("mark a reserved number used (its document was issued)"))
    add_register_option(a, required=True)
    _series_options(a, required=True)
    a.add_argument("number", type=positive_int, metavar=_("NUMBER"), help=_("the number"))
    a.add_argument("--reference", metavar=_("TEXT"), help=_("what the number was used for"))
    a.set_defaults(handler=_use)

    a = actions.add_parser("void", help=_("void a number, with a reason (it stays on record)"))
    add_register_option(a, required=True)
    _series_options(a, required=True)
    a.add_argument("number", type=positive_int, metavar=_("NUMBER"), help=_("the number"))
    a.add_argument("--reason", required=True, metavar=_("TEXT"),
                   help=_("why the number is not used"))
    a.set_defaults(handler=_void)

    a = actions.add_parser("list", help=_("list the numbers on record"))
    add_register_option(a, required=True)
    _series_options(a, required=False)
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(handler=_list)

    a = actions.add_parser(
        "audit",
        help=_("list holes, unsettled reservations and voided numbers (exit 1 on a hole)"),
    )
    add_register_option(a, required=True)
    _series_options(a, required=False)
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(handler=_audit)


def _next(args: argparse.Namespace) -> int:
    book = NumberRegister(args.register)
    print(book.next(args.issuer, args.doc_type, args.year, reference=args.reference))
    return 0


def _use(args: argparse.Namespace) -> int:
    book = NumberRegister(args.register)
    entry = book.use(args.issuer, args.doc_type, args.year, args.number, reference=args.reference)
    print(_("{number} {state}", number=entry.number, state=_(_STATES[entry.state])))
    return 0


def _void(args: argparse.Namespace) -> int:
    book = NumberRegister(args.register)
    entry = book.void(args.issuer, args.doc_type, args.year, args.number, reason=args.reason)
    print(_("{number} {state}", number=entry.number, state=_(_STATES[entry.state])))
    return 0


def _list(args: argparse.Namespace) -> int:
    entries = NumberRegister(args.register).entries(args.issuer, args.doc_type, args.year)
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        note = e.reason if e.state == "voided" else e.reference
        state = _(_STATES[e.state])
        print(f"{e.issuer}\t{e.doc_type}\t{e.year}\t{e.number:02d}\t{state}\t{note or ''}")
    return 0


def _audit(args: argparse.Namespace) -> int:
    findings = NumberRegister(args.register).audit(args.issuer, args.doc_type, args.year)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(describe(finding), file=sys.stdout)
    return 1 if has_errors(findings) else 0

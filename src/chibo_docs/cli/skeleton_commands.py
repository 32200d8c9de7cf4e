"""``chibo-docs new-form``: write a conformant .docx skeleton (and its manifest) to edit in Word."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.forms.skeleton import new_form
from chibo_docs.layout.profiles import HD36

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``new-form`` sub-command."""
    p = subparsers.add_parser(
        "new-form",
        help="write a conformant .docx skeleton of a new form (and its .toml manifest)",
    )
    p.add_argument("out", metavar="OUT.docx")
    p.add_argument(
        "--type",
        required=True,
        dest="doc_type",
        choices=[code for code, t in HD36.document_types.items() if t.title],
        help="document type: NQ, BB, KH, TB, BC, GM, …",
    )
    p.add_argument("--issuer-upper", metavar="TEXT", help="upper body's header line, e.g. 'ĐẢNG BỘ …'")
    p.add_argument("--issuer", required=True, metavar="TEXT", help="issuer's header line, e.g. 'CHI BỘ …'")
    p.add_argument("--symbol", default="CB", help="issuer abbreviation in the số line (default CB)")
    p.add_argument("--place", default="Lai Châu", help="place name of the sample date line")
    p.add_argument("--id", dest="form_id", metavar="ID", help="form id; writes OUT.toml (needs --model)")
    p.add_argument("--title", metavar="TEXT", help="the form's title in the manifest")
    p.add_argument("--model", metavar="NAME", help="model name (e.g. Invitation) or package.module:Class")
    p.set_defaults(handler=_new_form)


def _new_form(args: argparse.Namespace) -> int:
    path = new_form(
        args.out,
        args.doc_type,
        issuer_upper=args.issuer_upper,
        issuer=args.issuer,
        symbol=args.symbol,
        place=args.place,
        form_id=args.form_id,
        title=args.title,
        model=args.model,
    )
    print(f"wrote {path}")
    if args.form_id:
        print(f"wrote {path.with_suffix('.toml')}")
    return 0

"""``chibo-docs new-form``: write a conformant .docx skeleton (and its manifest) to edit in Word."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.forms.skeleton import new_form
from chibo_docs.i18n import _
from chibo_docs.layout.profiles import HD36

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add the ``new-form`` sub-command."""
    p = subparsers.add_parser(
        "new-form",
        help=_("write a conformant .docx skeleton of a new form (and its .toml manifest)"),
    )
    out, text = _("OUT.docx"), _("TEXT")
    p.add_argument("out", metavar=out, help=_("the .docx to write (missing folders are created)"))
    p.add_argument(
        "--type",
        required=True,
        dest="doc_type",
        choices=[code for code, t in HD36.document_types.items() if t.title],
        help=_("document type: NQ, BB, KH, TB, BC, GM, …"),
    )
    p.add_argument(
        "--issuer-upper", metavar=text, help=_("upper body's header line, e.g. 'ĐẢNG BỘ …'")
    )
    p.add_argument(
        "--issuer", required=True, metavar=text,
        help=_("issuer's header line, e.g. 'CHI BỘ …'"),
    )
    p.add_argument(
        "--symbol", default="CB", metavar=text,
        help=_("issuer abbreviation in the số line (default CB)"),
    )
    p.add_argument(
        "--place", default="Lai Châu", metavar=text,
        help=_("place name of the sample date line"),
    )
    p.add_argument(
        "--id", dest="form_id", metavar=_("ID"),
        help=_("form id; also writes the manifest (.toml) beside the .docx (needs --model)"),
    )
    p.add_argument("--title", metavar=text, help=_("the form's title in the manifest"))
    p.add_argument(
        "--model", metavar=_("NAME"),
        help=_("model name (e.g. Invitation) or package.module:Class"),
    )
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
    print(_("wrote {path}", path=path))
    if args.form_id:
        print(_("wrote {path}", path=path.with_suffix(".toml")))
    return 0

"""``chibo-docs forms``: list the registered forms; ``forms copy``: copy one to customise it."""

from __future__ import annotations

import argparse
from typing import Any

from chibo_docs.forms.copying import copy_form
from chibo_docs.forms.registry import FormRegistry
from chibo_docs.i18n import _

__all__ = ["add_folder_option", "register"]


def add_folder_option(
    parser: argparse.ArgumentParser, *, default: Any = None
) -> None:
    """Add ``--forms DIR`` (repeatable): extra folders of forms to register."""
    parser.add_argument(
        "--forms",
        metavar=_("DIR"),
        action="append",
        default=[] if default is None else default,
        help=_("a folder of extra forms (.docx + .toml manifest); may be repeated"),
    )


def register(subparsers: Any) -> None:
    """Add the ``forms`` sub-command and its ``copy`` sub-command."""
    p = subparsers.add_parser(
        "forms",
        help=_(
            "list the forms, one a line, id first; `forms copy` copies one to customise it"
        ),
        description=_(
            "List the forms, one a line: id, document type, title and where it comes from "
            "(separated by tabs)."
        ),
    )
    add_folder_option(p)
    p.set_defaults(handler=_forms)
    actions = p.add_subparsers(dest="forms_action", metavar=_("ACTION"))
    form, folder = _("FORM"), _("DIR")
    c = actions.add_parser(
        "copy",
        help=_(
            "copy a form (.docx and manifest) into a folder, to edit it in Word; the copy "
            "takes the original's place when that folder is given (--forms)"
        ),
    )
    c.add_argument(
        "form", metavar=form, help=_("the id of the form to copy (see `chibo-docs forms`)")
    )
    c.add_argument(
        "folder", metavar=folder, help=_("the folder of your forms (created if missing)")
    )
    c.add_argument(
        "--id",
        dest="form_id",
        metavar=_("ID"),
        help=_("the copy's id (default: that of {form})", form=form),
    )
    c.add_argument(
        "--title",
        metavar=_("TEXT"),
        help=_("the copy's title (default: that of {form})", form=form),
    )
    c.add_argument(
        "--keep-original",
        action="store_true",
        help=_("register the copy beside {form} instead of in its place (needs --id)",
               form=form),
    )
    # given after `copy`, --forms adds to any given before it (a default would erase those)
    add_folder_option(c, default=argparse.SUPPRESS)
    c.set_defaults(handler=_copy)


def _forms(args: argparse.Namespace) -> int:
    registry = FormRegistry.default(args.forms)
    for form in registry:
        origin = (
            form.origin_text if form.overrides is None
            else _("{origin}, in place of {form}", origin=form.origin_said, form=form.overrides)
        )
        print(f"{form.id}\t{form.document_type}\t{form.title}\t{origin}")
    return 0


def _copy(args: argparse.Namespace) -> int:
    form = FormRegistry.default(args.forms).get(args.form)
    docx, manifest = copy_form(
        form, args.folder, form_id=args.form_id, title=args.title, keep_original=args.keep_original
    )
    print(_("wrote {path}", path=docx))
    print(_("wrote {path}", path=manifest))
    new_id = args.form_id or form.id
    print(_(
        "edit {docx} in Word, then check it with: chibo-docs lint {docx} --form {form} "
        "--forms {folder}",
        docx=docx, form=new_id, folder=args.folder,
    ))
    return 0

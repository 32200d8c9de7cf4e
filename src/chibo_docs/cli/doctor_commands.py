"""``chibo-docs doctor``: is this machine ready to make PDFs? One line a check."""

from __future__ import annotations

import argparse
import json
from typing import Any

from chibo_docs.i18n import _
from chibo_docs.pdf.doctor import all_ok, diagnose

__all__ = ["register"]

_INDENT = " " * 9
_WIDTH = 8  # of the status column: the longest status word ("optional", "tùy chọn")


def register(subparsers: Any) -> None:
    """Add the ``doctor`` sub-command."""
    p = subparsers.add_parser(
        "doctor",
        help=_("check LibreOffice, its Python bridge, the Vietnamese font and the temp folder"),
        description=_(
            "Check what PDF output needs on this machine. Each line is ok or says the command "
            "to run. Exit status 1 when something needed is missing."
        ),
    )
    p.add_argument("--json", action="store_true", help=_("print the checks as JSON"))
    p.add_argument(
        "--soffice",
        metavar=_("PROGRAM"),
        help=_("the LibreOffice program to check (default: found as usual)"),
    )
    p.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    checks = diagnose(soffice=args.soffice)
    healthy = all_ok(checks)
    if args.json:
        report = {"ok": healthy, "checks": [c.to_dict() for c in checks]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            status = (
                _("ok") if check.ok else (_("missing") if check.required else _("optional"))
            )
            print(f"{status:<{_WIDTH}} {check.name}: {check.detail}")
            if not check.ok and check.fix:
                fix = _("fix: {command}", command=check.fix)
                print(f"{_INDENT}{fix}")
    return 0 if healthy else 1

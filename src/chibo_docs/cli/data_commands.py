"""``chibo-docs validate``, ``history`` and ``schema``: check data files, a year of a cell's
meetings, print JSON Schemas.

Both speak the reader's language: ``--lang vi|en`` (after the command), else
``CHIBO_DOCS_LANG``, else Vietnamese. ``validate --json`` prints
``{"file": …, "problems": [{"code", "severity", "path", "field", "message", …}, …]}``, the
shape ``check --json`` and ``lint --json`` print too.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from chibo_docs import models
from chibo_docs.cli._problems_output import problems_json
from chibo_docs.cli.form_commands import add_folder_option
from chibo_docs.errors import DataError
from chibo_docs.i18n import N_, Language, _, resolve_language, using
from chibo_docs.loading.reader import SUFFIXES
from chibo_docs.models.json_schema import form_schema
from chibo_docs.models.meeting import Meeting
from chibo_docs.pipeline.validation import validate_file
from chibo_docs.problems import Problem, has_errors
from chibo_docs.rules.history import check_history
from chibo_docs.rules.reporting import make_problem

__all__ = ["add_include_root_option", "command_language", "register", "schema_models"]


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


def command_language(args: argparse.Namespace) -> Language:
    """The language a command speaks: its ``--lang``, else ``CHIBO_DOCS_LANG``, else ``vi``."""
    return resolve_language(getattr(args, "lang", None))


def register(subparsers: Any) -> None:
    """Add the ``validate`` and ``schema`` sub-commands."""
    p = subparsers.add_parser(
        "validate",
        help=_("check a data file (JSON or YAML) and print every problem it has"),
        description=_("Check a data file against its model and the Party rules. Every problem "
                      "is reported at once: one line each, with the field's Vietnamese term, "
                      "its path and the line of the file. Exit status 0: valid (warnings "
                      "allowed); 1: errors; 2: usage."),
    )
    p.add_argument("data", metavar=_("DATA"), help=_("a .json, .yaml or .yml file, UTF-8"))
    p.add_argument("--json", action="store_true",
                   help=_('print {"file": …, "problems": […]} as JSON instead of lines'))
    add_include_root_option(p)
    add_folder_option(p)
    p.set_defaults(handler=_validate)

    p = subparsers.add_parser(
        "history",
        help=_("check a year of a cell's minutes together (rules V10, V11, V13)"),
        description=_("Check the minutes of one cell's meetings together against the rules "
                      "that need several meetings: absent with a reason more than 3 times in a "
                      "row (V10), meetings missed without a reason in 3 months of a year (V11), "
                      "a regular meeting every month and a thematic one every quarter (V13). "
                      "Each file is validated first; a file with errors is reported and left "
                      "out. Exit status 0: no errors (warnings allowed); 1: errors; 2: usage."),
    )
    p.add_argument("data", metavar="DATA", nargs="+",
                   help=_("the data files of the meetings (.json, .yaml or .yml), in any order"))
    p.add_argument("--through", metavar=_("YYYY-MM-DD"), type=date.fromisoformat, default=None,
                   help=_("the last day the history covers (default: the last meeting's month)"))
    p.add_argument("--json", action="store_true",
                   help=_('print {"file": …, "problems": […]} as JSON instead of lines'))
    add_include_root_option(p)
    add_folder_option(p)
    p.set_defaults(handler=_history)

    p = subparsers.add_parser(
        "schema",
        help=_("print the JSON Schema of a model, for web forms"),
        description=_("Print the JSON Schema of a model: every field titled with its "
                      "Vietnamese term (--lang en: in English), every choice with a label."),
    )
    p.add_argument("model", metavar=_("MODEL"),
                   help=_("a model name, e.g. Minutes, Resolution, Plan, Document"))
    p.set_defaults(handler=_schema)


def _usage_error(text: str) -> int:
    print(_("error: {message}", message=text), file=sys.stderr)
    return 2


def _validate(args: argparse.Namespace) -> int:
    with using(command_language(args)):
        path = Path(args.data)
        if path.suffix.lower() not in SUFFIXES:
            return _usage_error(_("'{path}' is not a data file: its name must end in .json, "
                                  ".yaml or .yml", path=str(path)))
        if not path.is_file():
            return _usage_error(_("data file '{path}' does not exist", path=str(path)))
        try:
            report = validate_file(path, include_roots=args.include_roots, folders=args.forms)
        except DataError as exc:
            if args.json:
                print(json.dumps({"file": str(path), "problems": [p.to_dict() for p in exc.problems]},
                                 ensure_ascii=False, indent=2))
            else:
                print(_("error: {message}", message=str(exc)), file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            print("\n".join(report.lines()))
        return 0 if report.ok else 1


def _history(args: argparse.Namespace) -> int:
    with using(command_language(args)) as lang:
        problems: list[Problem] = []
        meetings: list[Meeting] = []
        for name in args.data:
            path = Path(name)
            if path.suffix.lower() not in SUFFIXES or not path.is_file():
                return _usage_error(_("data file '{path}' does not exist or is not a .json, .yaml or "
                                      ".yml file", path=str(path)))
            try:
                report = validate_file(path, include_roots=args.include_roots, folders=args.forms)
            except DataError as exc:
                problems += [replace(p, file=str(path)) for p in exc.problems]
                continue
            meeting = getattr(report.document, "meeting", None)
            if report.ok and isinstance(meeting, Meeting):
                meetings.append(meeting)
                continue
            errors = [p for p in report.problems if p.severity == "error"]
            problems += [replace(p, file=str(path)) for p in errors or [_not_minutes(path, lang)]]
        problems += check_history(meetings, through=args.through)
        source = ", ".join(args.data)
        if args.json:
            print(problems_json(problems, source))
        else:
            for problem in problems:
                print(_("{file}: {problem}", file=problem.file, problem=problem.text()) if problem.file
                      else problem.text())
            print(_("{count} meeting(s) checked: {errors} error(s), {warnings} warning(s)",
                    count=len(meetings), errors=sum(p.severity == "error" for p in problems),
                    warnings=sum(p.severity == "warning" for p in problems)))
        return 1 if has_errors(problems) else 0


def _not_minutes(path: Path, lang: Language) -> Problem:
    msgid = N_("this file is not a document of a meeting (minutes, resolution, …); a history is made "
               "of the minutes of one cell: leave it out")
    return replace(make_problem("history", "error", msgid, {}, lang), file=str(path))


def schema_models() -> dict[str, Any]:
    """Return the names ``chibo-docs schema`` accepts (lower-case) and what each names."""
    found: dict[str, Any] = {"document": models.Document}
    for name in models.__all__:
        value = getattr(models, name)
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not models.Model:
            found[name.lower()] = value
    return found


def _schema(args: argparse.Namespace) -> int:
    with using(command_language(args)) as lang:
        known = schema_models()
        target = known.get(args.model.lower())
        if target is None:
            names = ", ".join(sorted(n for n in known if n not in models.DOCUMENT_MODELS))
            return _usage_error(_("no model named '{model}'; choose one of: {names}",
                                  model=args.model, names=names))
        print(json.dumps(form_schema(target, lang), ensure_ascii=False, indent=2))
        return 0

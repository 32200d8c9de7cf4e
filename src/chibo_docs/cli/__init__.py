"""The ``chibo-docs`` command-line tool.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(args) -> int``.

Everything it prints is in Vietnamese, or in English with ``--lang en`` (given before or
after the command; else the environment variable ``CHIBO_DOCS_LANG``): output, progress,
errors and ``--help``, argparse's own words included (:mod:`chibo_docs.cli._parser`).

Every failure ends in one ``error: …`` line on stderr, never a traceback. Exit codes:

* 0 success; 1 the work found errors (bad data, a file that cannot be read or written…);
  2 usage errors;
* 70 an internal error of chibo-docs (a bug: an exception it did not expect); the line says
  so, and ``--debug`` (or ``CHIBO_DOCS_DEBUG=1``) shows the traceback instead;
* 130 interrupted (Ctrl-C); 141 the output was closed early (``chibo-docs lint … | head``):
  the command stops quietly, as a program killed by SIGPIPE does (128 + 13).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

from chibo_docs import __version__
from chibo_docs.cli import _commands
from chibo_docs.cli._parser import ArgumentParser, language_in, language_option
from chibo_docs.errors import BatchConversionError, ChiboDocsError
from chibo_docs.i18n import ENV_VAR as LANG_ENV_VAR
from chibo_docs.i18n import _, current_language, using

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h: an internal software error
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_CLOSED_OUTPUT = 141  # 128 + SIGPIPE, what shells report for a writer whose reader left
_SHOWN = 300  # characters of an unexpected exception's message shown on its one line
DEBUG_ENV_VAR = "CHIBO_DOCS_DEBUG"
"""Set to 1 to see the traceback of an internal error (like ``--debug``)."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every sub-command registered.

    Its help and errors are in the language in force: build it inside
    :func:`chibo_docs.i18n.using`.
    """
    parser = ArgumentParser(
        prog="chibo-docs",
        description=_(
            "Official documents of a chi bộ: typed meeting data in, .docx and PDF out."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"chibo-docs {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_("show the traceback of an internal error (or set {variable}=1)",
               variable=DEBUG_ENV_VAR),
    )
    language_option(parser)
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for register in _commands.REGISTRARS:
        register(subparsers)
    for command in _parsers(parser):
        language_option(command, default=argparse.SUPPRESS)
    return parser


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Return the sub-command parsers under ``parser``, at any depth (``forms copy`` too)."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:  # argparse keeps its sub-parsers only there
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += [sub, *_parsers(sub)]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool with ``argv`` (default: ``sys.argv[1:]``) and return its exit code.

    It speaks the language of ``--lang``, else of ``CHIBO_DOCS_LANG``, else Vietnamese.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    # pypdf logs what it repairs or cannot read, in English; our own error line says it
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    asked = language_in(arguments)
    try:
        language = asked if asked is not None else current_language()
    except ValueError:  # CHIBO_DOCS_LANG names no language chibo-docs speaks
        with using("vi"):
            _say(_("error: {message}", message=_(
                "the environment variable {variable} is {value!r}; set it to vi or en, or "
                "give --lang vi or --lang en",
                variable=LANG_ENV_VAR, value=os.environ.get(LANG_ENV_VAR, ""),
            )))
        return EXIT_USAGE
    with using(language):
        return _run(arguments)


def _run(argv: Sequence[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return _flushed(int(exc.code or 0))
    except BrokenPipeError:
        return _closed_output()
    if args.command is None:
        parser.print_help()
        return _flushed(EXIT_USAGE)
    with using(getattr(args, "lang", None)):  # an abbreviated --lan(g) is read only here
        return _handle(args)


def _handle(args: argparse.Namespace) -> int:
    """Run the command of ``args``; turn what it raises into one line on stderr."""
    try:
        code = int(args.handler(args))
        if sys.stdout is not None:  # None: started with stdout closed (>&-), print() is a no-op
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _closed_output()
    except BatchConversionError as exc:  # one line per document, as `pdf` prints them
        for failure in exc.failures:
            _say(_("error: {message}", message=failure))
        return EXIT_ERRORS
    except ChiboDocsError as exc:
        _say(_("error: {message}", message=exc))
        return EXIT_ERRORS
    except KeyboardInterrupt:
        _say(_("interrupted"))
        return EXIT_INTERRUPTED
    except Exception as exc:
        if args.debug or os.environ.get(DEBUG_ENV_VAR, "") not in ("", "0"):
            raise
        what = " ".join(str(exc).split())
        what = what if len(what) <= _SHOWN else what[: _SHOWN - 1] + "…"
        _say(_(
            "error: internal error of chibo-docs ({kind}: {what}); please report it with the "
            "command that caused it; run `chibo-docs --debug {command} …` or set {variable}=1 "
            "to see the traceback",
            kind=type(exc).__name__, what=what, command=args.command, variable=DEBUG_ENV_VAR,
        ))
        return EXIT_INTERNAL


def _say(line: str) -> None:
    """Print ``line`` on stderr; a closed stderr is not worth another error."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _flushed(code: int) -> int:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        return _closed_output()
    return code


def _closed_output() -> int:
    """Stop quietly after the reader of stdout went away (``| head``).

    Python's recipe (docs of :mod:`signal`, "Note on SIGPIPE"): point stdout at devnull so
    that the flush at exit does not fail again.
    """
    with contextlib.suppress(OSError, ValueError):  # no real stdout (tests): nothing to do
        stdout = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stdout)
        finally:
            os.close(devnull)
    return EXIT_CLOSED_OUTPUT

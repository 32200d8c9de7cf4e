"""The ``chibo-docs`` command-line tool.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(args) -> int``.

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
import os
import sys
from collections.abc import Sequence

from chibo_docs import __version__
from chibo_docs.cli import _commands
from chibo_docs.errors import BatchConversionError, ChiboDocsError

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
    """Return the argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="chibo-docs",
        description="Official documents of a chi bộ: typed meeting data in, .docx and PDF out.",
    )
    parser.add_argument("--version", action="version", version=f"chibo-docs {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show the traceback of an internal error (or set {DEBUG_ENV_VAR}=1)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _commands.REGISTRARS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool with ``argv`` (default: ``sys.argv[1:]``) and return its exit code."""
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
    try:
        code = int(args.handler(args))
        if sys.stdout is not None:  # None: started with stdout closed (>&-), print() is a no-op
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _closed_output()
    except BatchConversionError as exc:  # one line per document, as `pdf` prints them
        for failure in exc.failures:
            _say(f"error: {failure}")
        return EXIT_ERRORS
    except ChiboDocsError as exc:
        _say(f"error: {exc}")
        return EXIT_ERRORS
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if args.debug or os.environ.get(DEBUG_ENV_VAR, "") not in ("", "0"):
            raise
        what = " ".join(str(exc).split())
        what = what if len(what) <= _SHOWN else what[: _SHOWN - 1] + "…"
        _say(
            f"error: internal error of chibo-docs ({type(exc).__name__}: {what}); please report "
            f"it with the command that caused it; run `chibo-docs --debug {args.command} …` "
            f"or set {DEBUG_ENV_VAR}=1 to see the traceback"
        )
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

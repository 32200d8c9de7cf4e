"""argparse in the reader's language: ``usage:``, ``options:``, ``error:`` and argparse's own
error messages through the catalog of :mod:`chibo_docs.i18n`.

argparse writes its own words with :func:`gettext.gettext` in the ``messages`` domain, which
chibo-docs does not own. :class:`ArgumentParser` gives them in the language in force instead,
without touching the :mod:`argparse` module: its help option, section titles and usage prefix
are made in the language in force, and :meth:`ArgumentParser.error` reads argparse's English
message back against argparse's own templates (:data:`_ARGPARSE_MESSAGES`) and writes it with
ours. A message argparse words otherwise (another Python version) is shown as argparse wrote
it.

>>> from chibo_docs.i18n import using
>>> translate_argparse("the following arguments are required: FORM, DIR")
'thiếu các tham số bắt buộc: FORM, DIR'
>>> translate_argparse("argument --kind: invalid choice: 'XX' (choose from 'BB', 'NQ')")
"tham số --kind: lựa chọn không hợp lệ: 'XX' (hãy chọn một trong 'BB', 'NQ')"
>>> with using("en"):
...     translate_argparse("unrecognized arguments: --x")
'unrecognized arguments: --x'
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from chibo_docs.i18n import LANGUAGES, N_, _

__all__ = ["ArgumentParser", "HelpFormatter", "language_option", "translate_argparse"]

LANG_OPTION = "--lang"

# argparse's own templates (Python 3.11-3.13, argparse.py) → ours, with named placeholders.
_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", N_("argument {argument_name}: {message}")),
    (
        "the following arguments are required: %s",
        N_("the following arguments are required: {arguments}"),
    ),
    ("unrecognized arguments: %s", N_("unrecognized arguments: {arguments}")),
    ("not allowed with argument %s", N_("not allowed with argument {argument}")),
    ("ignored explicit argument %r", N_("ignored explicit argument {argument}")),
    ("one of the arguments %s is required", N_("one of the arguments {arguments} is required")),
    ("expected one argument", N_("expected one argument")),
    ("expected at most one argument", N_("expected at most one argument")),
    ("expected at least one argument", N_("expected at least one argument")),
    ("expected %s argument", N_("expected {count} argument(s)")),
    ("expected %s arguments", N_("expected {count} argument(s)")),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        N_("ambiguous option: {option} could match {matches}"),
    ),
    ("invalid %(type)s value: %(value)r", N_("invalid {type} value: {value}")),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        N_("invalid choice: {value} (choose from {choices})"),
    ),
    (
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        N_("unknown command {parser_name} (choose from {choices})"),
    ),
    ("unexpected option string: %s", N_("unexpected option string: {option}")),
)
"""argparse's English messages a user can meet, and the msgid each is shown with."""

_NESTED = ("message",)  # placeholders that hold another argparse message


def _pattern(template: str) -> re.Pattern[str]:
    """Turn an argparse %-template into a regular expression with one group per value."""
    parts: list[str] = []
    position = 0
    for token in re.split(r"(%\(\w+\)[sr]|%[sr])", template):
        named = re.fullmatch(r"%\((\w+)\)[sr]", token)
        if named:
            parts.append(f"(?P<{named.group(1)}>.+?)")
        elif re.fullmatch(r"%[sr]", token):
            parts.append(f"(?P<_{position}>.+?)")
            position += 1
        else:
            parts.append(re.escape(token))
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


_PATTERNS = tuple((_pattern(english), ours) for english, ours in _ARGPARSE_MESSAGES)
_POSITIONAL_NAMES = ("arguments", "argument", "count", "option")


def translate_argparse(text: str) -> str:
    """Return argparse's English message ``text`` in the language in force."""
    for pattern, ours in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        values: dict[str, object] = {}
        for name, value in match.groupdict().items():
            if name.startswith("_"):  # an unnamed %s: the one placeholder of our msgid
                name = next(n for n in _POSITIONAL_NAMES if "{" + n + "}" in ours)
            values[name] = translate_argparse(value) if name in _NESTED else value
        return _(ours, **values)
    return text


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter with the usage prefix in the language in force."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        """Add the usage line, prefixed ``usage:`` in the language in force."""
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` that speaks the language in force.

    Build it inside :func:`chibo_docs.i18n.using`: its own words (the help option, the
    section titles, ``usage:``, errors) are made in the language in force; sub-command
    parsers are of this class too.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False  # our own -h, with its help in the language in force
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            prefix = "-" if "-" in self.prefix_chars else self.prefix_chars[0]
            self.add_argument(
                prefix + "h",
                prefix * 2 + "help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("show this help and exit"),
            )

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``<prog>: error: <message>`` in the language in force; exit 2."""
        self.print_usage(sys.stderr)
        text = _("{prog}: error: {message}", prog=self.prog, message=translate_argparse(message))
        self.exit(2, f"{text}\n")


def language_option(parser: argparse.ArgumentParser, *, default: Any = None) -> None:
    """Add ``--lang vi|en`` to ``parser`` (the sub-commands take it too, after their name)."""
    parser.add_argument(
        LANG_OPTION,
        choices=LANGUAGES,
        default=default,
        help=_(
            "language of the messages: vi (Vietnamese, the default) or en (English); "
            "else the environment variable CHIBO_DOCS_LANG"
        ),
    )


def language_in(argv: Sequence[str]) -> str | None:
    """Return the language ``argv`` asks for with ``--lang`` (the last one), or ``None``.

    Read before the parser is built, so that its help and errors are in that language; a
    value that is not a language is skipped here and refused by the parser.

    >>> language_in(["check", "--lang", "en", "a.docx"]), language_in(["--lang=vi", "doctor"])
    ('en', 'vi')
    >>> language_in(["render", "--", "--lang", "en"]) is None
    True
    """
    found: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--":
            break
        value = next(items, None) if item == LANG_OPTION else None
        if item.startswith(LANG_OPTION + "="):
            value = item.partition("=")[2]
        if value in LANGUAGES:
            found = value
    return found

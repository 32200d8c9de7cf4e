"""Check a valid document against the Party rules of level W and return the problems found.

Data that breaks a rule of level E is refused (:func:`chibo_docs.validate` reports it, with
the warnings it can still check). What is left for a valid document are warnings (the meeting
was short, attendance was low, …) and notes (a vote recorded in the minutes did not pass).
:func:`check` returns them all, in the reader's language; nothing is dropped. The rules, their
checks and their messages are in :mod:`chibo_docs.rules`.
"""

from __future__ import annotations

from chibo_docs.i18n import resolve_language
from chibo_docs.models import DocumentBase, Meeting
from chibo_docs.problems import Problem
from chibo_docs.rules.checks import warnings
from chibo_docs.rules.reporting import violation_problem

__all__ = ["check"]


def check(
    document: DocumentBase | Meeting, *, lang: str | None = None
) -> list[Problem]:
    """Return the warnings and notes about ``document`` (an already valid model).

    ``lang`` is the language of the messages (``vi`` or ``en``; default: ``CHIBO_DOCS_LANG``,
    else Vietnamese); ``message_en`` always holds the English.

    >>> from chibo_docs.resources import examples_dir
    >>> from chibo_docs.loading.reader import load_data
    >>> check(load_data(examples_dir() / "bien-ban-2021-04.yaml"))
    []
    """
    chosen = resolve_language(lang)
    return [violation_problem(v, type(document), chosen) for v in warnings(document)]

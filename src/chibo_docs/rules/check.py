"""Check a document against the Party rules of level W and return the findings.

Data that breaks a rule of level E never gets this far: the models refuse it. What is left are
warnings (the meeting was short, attendance was low, …) and notes (a vote recorded in the
minutes did not pass). :func:`check` returns them all; nothing is dropped. The rules, their
checks and their messages are in :mod:`chibo_docs.rules`.
"""

from __future__ import annotations

from chibo_docs.models import Invitation, Meeting, Minutes, Plan, Resolution
from chibo_docs.problems import Problem
from chibo_docs.rules.checks import warnings
from chibo_docs.rules.registry import Violation

__all__ = ["check"]


def _finding(violation: Violation) -> Problem:
    return Problem(violation.rule, violation.severity, violation.message, path=violation.path,
                   values=violation.values, found=violation.found, expected=violation.expected,
                   source=violation.source)


def check(document: Minutes | Resolution | Plan | Invitation | Meeting) -> list[Problem]:
    """Return the warnings and notes about ``document`` (an already valid model).

    >>> from chibo_docs.resources import examples_dir
    >>> from chibo_docs.loading.reader import load_data
    >>> check(load_data(examples_dir() / "bien-ban-2021-04.yaml"))
    []
    """
    return [_finding(v) for v in warnings(document)]

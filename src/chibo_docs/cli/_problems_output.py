"""Print problems the one way every command does: a line each and a count, or JSON.

``check``, ``lint`` and ``validate`` print their problems with :func:`print_findings`: one
line each (:meth:`~chibo_docs.problems.Problem.text`, in the language in force) and a count,
or with ``--json`` the one shape other programs read::

    {"file": "bb.docx", "problems": [Problem.to_dict(), …]}
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from chibo_docs.i18n import _
from chibo_docs.problems import Problem, has_errors

__all__ = ["print_findings", "problems_json"]


def problems_json(findings: Sequence[Problem], source: str) -> str:
    """Return the JSON text of ``findings`` about the file ``source``.

    >>> print(problems_json([], "a.docx"))
    {
      "file": "a.docx",
      "problems": []
    }
    """
    report = {"file": source, "problems": [f.to_dict() for f in findings]}
    return json.dumps(report, ensure_ascii=False, indent=2)


def print_findings(findings: Sequence[Problem], source: str, *, as_json: bool) -> int:
    """Print ``findings`` about ``source``; return the exit code (1 when any is an error).

    ``as_json`` prints :func:`problems_json`; otherwise one line per problem and the count,
    in the language in force.
    """
    if as_json:
        print(problems_json(findings, source))
    else:
        for finding in findings:
            print(finding.text())
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        print(_("{source}: {errors} error(s), {warnings} warning(s)", source=source,
                errors=errors, warnings=warnings))
    return 1 if has_errors(findings) else 0

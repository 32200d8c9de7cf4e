"""Print findings the one way every command does: a line each and a count, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from chibo_docs.i18n import _
from chibo_docs.problems import Problem, has_errors

__all__ = ["print_findings"]


def print_findings(findings: Sequence[Problem], source: str, *, as_json: bool) -> int:
    """Print ``findings`` about ``source``; return the exit code (1 when any is an error)."""
    if as_json:
        shown = {"file": source, "problems": [f.to_dict() for f in findings]}
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        print(_("{source}: {errors} error(s), {warnings} warning(s)", source=source,
                errors=errors, warnings=warnings))
    return 1 if has_errors(findings) else 0

"""Party rules: the rule sets (thresholds with sources), the rule registry and the checks.

- :mod:`~chibo_docs.models.rulesets`: every threshold, per rule set, with its source (plain
  data; the models read it, e.g. for the vote base).
- :mod:`~chibo_docs.rules.registry`: every rule's id, text, source and messages.
- :mod:`~chibo_docs.rules.checks`: which checks run on which model; the checks themselves are
  in modules by subject (``cell``, ``meeting``, ``votes``, ``documents``, ``signature``).
- :mod:`~chibo_docs.rules.history`: the rules that need several meetings (V10, V11, V13),
  checked over a history of a cell's meetings by :func:`check_history`.

Checks whose messages are errors refuse data while a model is validated; the others are
reported by :func:`chibo_docs.check`.
"""

from __future__ import annotations

from chibo_docs.rules.check import check
from chibo_docs.rules.history import check_history

__all__ = ["check", "check_history"]

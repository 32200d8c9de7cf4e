"""Validate data against a model and report every problem at once.

Pydantic stops a model at its first broken field: the Party rules of the model never run, so a
bad date would hide a vote that does not add up. :func:`validate_data` does it in two steps:

1. the types: the data is validated without the rules (mode ``types``); every type error of
   every field is reported. When there are some, the data is validated again in mode
   ``partial``: every field that cannot be validated holds
   :data:`~chibo_docs.models.base.BROKEN`, the rest is typed;
2. the rules: every check of every part (:mod:`chibo_docs.rules.checks`), parts first, runs on
   that model, unless it reads a broken field, or trusts a field where an earlier check found
   an error; each check skipped is reported in one note (``info``): "rule V4 was not checked:
   it needs … which has errors".

Errors, warnings and notes are :class:`~chibo_docs.problems.Problem` objects, in the chosen
language (``lang``, else ``CHIBO_DOCS_LANG``, else Vietnamese), with the English beside.

>>> from chibo_docs.loading.reader import read_data
>>> from chibo_docs.models import Minutes
>>> from chibo_docs.resources import examples_dir
>>> data = read_data(examples_dir() / "bien-ban-2021-04.yaml")
>>> data["meeting"]["start"] = "2021-04-31 14:00"
>>> data["meeting"]["votes"][0]["approve"] = 14
>>> result = validate_data(Minutes, data, lang="en")
>>> for p in result.problems:
...     print(p.severity, p.code, p.dotted or "(document)")
error datetime_from_date_parsing meeting.start
error V4 meeting.votes.0.approve
info V16 meeting
info V8 meeting
info V14 meeting
info V2 meeting
info V16 (document)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from chibo_docs.i18n import Language, resolve_language
from chibo_docs.models.base import Mode, validating
from chibo_docs.problems import Problem, has_errors
from chibo_docs.rules.checks import validate_tree
from chibo_docs.rules.reporting import skip_problem, violation_problem
from chibo_docs.rules.type_errors import type_error_problem

__all__ = ["Validation", "validate_data"]

M = TypeVar("M", bound=BaseModel)

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Validation(Generic[M]):
    """What validating data found: the document (``None`` unless valid) and every problem.

    ``problems`` hold the errors, then the warnings, then the notes (a rule not checked, a vote
    that did not pass), each group in the order of the checks.
    """

    document: M | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the data is valid (warnings and notes allowed)."""
        return self.document is not None and not has_errors(self.problems)


def _validated(model: type[M], data: Any, mode: Mode) -> M:
    with validating(mode):
        return model.model_validate(data)


def validate_data(
    model: type[M],
    data: Any,
    *,
    lang: str | None = None,
    prepare: Callable[[Any], Any] | None = None,
) -> Validation[M]:
    """Validate ``data`` with ``model``: every type error, every rule it can still check.

    ``lang`` is the language of the messages (``vi`` or ``en``). ``prepare`` is applied to the
    data before each validation (e.g. to leave out a key that is not the model's).
    """
    chosen: Language = resolve_language(lang)
    source = prepare(data) if prepare is not None else data
    errors: list[Any] = []
    document: M | None = None
    try:
        document = _validated(model, source, Mode.TYPES)
        partial: BaseModel | None = document
    except ValidationError as exc:
        errors = exc.errors()
        try:
            partial = _validated(model, source, Mode.PARTIAL)
        except ValidationError:  # the data is not even a mapping
            partial = None
        except Exception:  # noqa: BLE001 - a model's own check tripped on a broken field
            partial = None  # the type errors are reported; the rules cannot be checked
    problems = [type_error_problem(error, model, chosen) for error in errors]
    if partial is not None:
        outcome = validate_tree(partial, [tuple(error["loc"]) for error in errors])
        problems += [violation_problem(v, model, chosen) for v in outcome.violations]
        problems += [skip_problem(s, model, chosen) for s in outcome.skipped]
    problems.sort(key=lambda p: _SEVERITY_ORDER[p.severity])
    return Validation(document if not has_errors(problems) else None, problems)

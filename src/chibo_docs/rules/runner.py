"""Run checks on a model and its parts, each one only where the fields it reads are sound.

A :class:`Check` declares the fields it reads (``needs``: dotted patterns relative to its model,
``*`` for every item of a list) and those whose own rules must hold too (``trusts``). Before a
check runs, its fields are looked at: a field that is broken (it holds
:data:`~chibo_docs.models.base.BROKEN` in a partially validated model, or a type error was
reported at or below it) and, for a trusted field, a field where an earlier check found an
error, make the check skipped, and the skip is reported (:class:`Skip`) with the fields it
needed. So a bad date leaves the vote counts checked, and the vote counts are not checked on an
attendance list that is itself wrong.

>>> from chibo_docs.models import Vote
>>> needs_approve = Check(lambda vote: [], ("V4",), ("approve",))
>>> run_checks(Vote(subject="Thông qua", approve=3), (needs_approve,), broken=[("approve",)]).skipped
[Skip(rules=('V4',), path=(), needs=(('approve',),))]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from chibo_docs.models.base import is_broken
from chibo_docs.rules.registry import RULES, Violation

__all__ = ["Check", "Outcome", "Skip", "check_tree", "run_checks"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Check:
    """One check: the function, the rules it reports, the fields it reads and trusts.

    ``needs`` are dotted patterns relative to the model the check runs on
    (``attendance.*.member_id``); ``trusts`` those of them whose own rules must hold as well.
    """

    run: Callable[[Any], Iterable[Violation]]
    rules: tuple[str, ...]
    needs: tuple[str, ...]
    trusts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [r for r in self.rules if r not in RULES]
        if unknown:
            raise KeyError(f"check {self.run.__name__} names unknown rules {unknown}")
        extra = set(self.trusts) - set(self.needs)
        if extra:
            raise ValueError(f"check {self.run.__name__} trusts fields it does not need: {sorted(extra)}")

    @property
    def name(self) -> str:
        """The check function's name."""
        return getattr(self.run, "__name__", repr(self.run))


@dataclass(frozen=True)
class Skip:
    """A check that was not run: its rules, the path of its model, and the broken fields it reads.

    ``needs`` are the fields (paths from the top of the data, cut before the first ``*``) that
    hold an error.
    """

    rules: tuple[str, ...]
    path: Path
    needs: tuple[Path, ...]


@dataclass
class Outcome:
    """What checks found (paths from the top of the data) and which checks were skipped."""

    violations: list[Violation] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def _parts(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.split("."))


def _overlaps(path: Path, pattern: Sequence[str]) -> bool:
    """Whether ``path`` and ``pattern`` lie on one line: one of them leads into the other."""
    for have, want in zip(path, pattern, strict=False):
        if want == "*":
            if not isinstance(have, int):
                return False
        elif str(have) != want:
            return False
    return True


def _holds_broken(value: Any, pattern: Sequence[str]) -> bool:
    """Whether following ``pattern`` from ``value`` meets a broken field."""
    if is_broken(value):
        return True
    if not pattern:
        return False
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        return isinstance(value, list | tuple) and any(_holds_broken(item, rest) for item in value)
    if isinstance(value, BaseModel):
        return _holds_broken(getattr(value, head, None), rest)
    return False


def _shown(pattern: Sequence[str]) -> Path:
    """The field a pattern names, as a person reads it: cut before the first ``*``."""
    cut = list(pattern)
    if "*" in cut:
        cut = cut[: cut.index("*")]
    return tuple(int(part) if part.isdigit() else part for part in cut)


def run_checks(
    model: BaseModel,
    checks: Iterable[Check],
    *,
    at: Path = (),
    broken: Iterable[Path] = (),
    found: list[Violation] | None = None,
    partial: bool = False,
) -> Outcome:
    """Run ``checks`` on ``model``, which sits at ``at`` in the data (default: it is the top).

    ``broken`` are the paths (from the top) of the type errors; ``found`` the errors earlier
    checks found (paths from the top), to which the errors found here are added. ``partial``
    says that ``model`` may hold broken fields (a partially validated model): they are looked
    for only then.
    """
    outcome = Outcome()
    type_errors = list(broken)
    errors = found if found is not None else []
    prefix = tuple(str(part) for part in at)
    for check in checks:
        needs = [(*prefix, *_parts(p)) for p in check.needs]
        trusted = {(*prefix, *_parts(p)) for p in check.trusts}
        bad = [
            pattern for pattern in needs
            if (partial and _holds_broken(model, pattern[len(at):]))
            or any(_overlaps(path, pattern) for path in type_errors)
            or (pattern in trusted and any(_overlaps(v.path, pattern) for v in errors))
        ]
        if bad:
            shown = tuple(dict.fromkeys(_shown(pattern) for pattern in bad))
            skip = Skip(check.rules, at, shown)
            if skip not in outcome.skipped:  # two checks of one rule, on the same fields
                outcome.skipped.append(skip)
            continue
        for violation in check.run(model):
            placed = violation.within(*at)
            outcome.violations.append(placed)
            if placed.severity == "error":
                errors.append(placed)
    return outcome


def _models(value: Any, path: Path) -> Iterator[tuple[Path, BaseModel]]:
    """Every model in ``value`` with its path, parts before the model that holds them."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _models(getattr(value, name, None), (*path, name))
        yield path, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _models(item, (*path, i))


def check_tree(
    root: BaseModel,
    checks_for: Callable[[type[BaseModel]], Sequence[Check]],
    broken: Iterable[Path] = (),
    *,
    partial: bool = False,
) -> Outcome:
    """Run the checks of every model in ``root`` (``checks_for(type)``), parts first.

    ``root`` may be partially validated (``partial``): its broken fields hold
    :data:`~chibo_docs.models.base.BROKEN`, and ``broken`` are the paths of its type errors.
    """
    outcome = Outcome()
    type_errors = list(broken)
    errors: list[Violation] = []
    for path, model in _models(root, ()):
        checks = checks_for(type(model))
        if not checks:
            continue
        done = run_checks(model, checks, at=path, broken=type_errors, found=errors, partial=partial)
        outcome.violations += done.violations
        outcome.skipped += done.skipped
    return outcome

"""Which checks run on which model, in order: the one list of every rule check.

:data:`REFUSALS` holds the checks whose messages are errors: they run while a model is
validated (the model's validator calls :func:`refuse`), and what they find refuses the data.
:data:`WARNINGS` holds the checks :func:`chibo_docs.check` runs on valid data. Each check takes
the model and yields :class:`~chibo_docs.rules.registry.Violation` objects; the messages,
severities and sources are in :mod:`chibo_docs.rules.registry`.

>>> from chibo_docs.loading.reader import load_data
>>> from chibo_docs.resources import examples_dir
>>> warnings(load_data(examples_dir() / "bien-ban-2021-04.yaml"))
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from chibo_docs.models.documents import Minutes, Plan, Resolution
from chibo_docs.models.invitation import Invitation
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Cell
from chibo_docs.rules import cell, documents, meeting, signature, votes
from chibo_docs.rules.registry import RuleViolation, Violation

__all__ = ["REFUSALS", "WARNINGS", "Check", "refusals", "refuse", "warnings"]

Check = Callable[[Any], Iterable[Violation]]
"""A check: takes a model, yields what it breaks (paths relative to that model)."""


def _meeting_of(document: Minutes | Resolution) -> Iterator[Violation]:
    """The warnings about a document's meeting, with paths below ``meeting``."""
    return (v.within("meeting") for v in warnings(document.meeting))


REFUSALS: Mapping[type[BaseModel], tuple[tuple[Check, ...], ...]] = {
    Cell: ((cell.member_ids_of_their_own, cell.one_secretary),),
    Meeting: (
        (meeting.guest_ids, meeting.attendance, meeting.chair_and_secretary,
         meeting.speakers_and_assignees, meeting.time_and_period),
        (votes.meeting_votes,),  # only once the attendance, and so the vote base, is right
    ),
    Resolution: ((votes.adoption_vote, documents.issued_after_the_meeting,
                  documents.assignees_are_members, signature.on_behalf_fits_the_issuer),),
    Plan: ((signature.on_behalf_fits_the_issuer,),),
}
"""Checks of level E by model, in stages: a stage runs only when the ones before found nothing."""

WARNINGS: Mapping[type[BaseModel], tuple[Check, ...]] = {
    Meeting: (meeting.chair_is_a_leader, meeting.duration, meeting.attendance_rate,
              meeting.absent_without_reason, meeting.cell_size, meeting.materials_posted,
              meeting.hosted_members, votes.failed_votes),
    Minutes: (_meeting_of,),
    Resolution: (_meeting_of, signature.committee_signs_for_a_cell, signature.signer_holds_the_title),
    Plan: (),
    Invitation: (),
}
"""Checks of level W (warnings and notes) by model, in the order they are reported."""


_T = TypeVar("_T")


def _registered(table: Mapping[type[BaseModel], _T], model: BaseModel) -> _T | None:
    return next((table[c] for c in type(model).__mro__ if c in table), None)


def refusals(model: BaseModel) -> list[Violation]:
    """Return the broken rules of level E of ``model`` (its own, not its parts')."""
    found: list[Violation] = []
    for stage in _registered(REFUSALS, model) or ():
        found = [v for check in stage for v in check(model)]
        if found:
            break
    wrong = [v for v in found if v.severity != "error"]
    if wrong:
        raise TypeError(f"a refusal check reported {wrong[0].rule}/{wrong[0].key}, which is not an error")
    return found


def refuse(model: BaseModel) -> None:
    """Raise :class:`RuleViolation` when ``model`` breaks a rule of level E."""
    found = refusals(model)
    if found:
        raise RuleViolation(found)


def warnings(model: BaseModel) -> list[Violation]:
    """Return the warnings and notes about ``model``, a valid model."""
    return [v for check in _registered(WARNINGS, model) or () for v in check(model)]

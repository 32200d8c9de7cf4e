"""Which checks run on which model, in order, and what each one reads: the one list of checks.

:data:`REFUSALS` holds the checks whose messages are errors, :data:`WARNINGS` those whose
messages are warnings and notes. Each :class:`Check` declares the fields it reads (``needs``,
dotted patterns relative to its model, ``*`` for every item of a list): a check runs only when
those fields hold valid values, so one broken field (a bad date, a negative count) leaves every
rule that does not read it checked, and the rules that do read it are reported as not checked
(:mod:`chibo_docs.rules.runner`). ``trusts`` names the fields whose own rules must hold too:
the vote counts (V4) trust the attendance (V5), because the vote base is counted from it.

A model being validated normally (a Python constructor) runs its refusals in its validator
(:func:`refuse`); what they find is raised as pydantic's ``ValidationError``, one error per
broken rule.

>>> from chibo_docs.loading.reader import load_data
>>> from chibo_docs.resources import examples_dir
>>> warnings(load_data(examples_dir() / "bien-ban-2021-04.yaml"))
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from chibo_docs.i18n import Message
from chibo_docs.models.document_bases import IssuedDocument, MeetingDocument
from chibo_docs.models.documents import Plan, Resolution
from chibo_docs.models.invitation import Event, Invitation
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Cell
from chibo_docs.models.proceedings import Assignment
from chibo_docs.models.references import DocumentRef
from chibo_docs.models.scorecard import Scorecard
from chibo_docs.rules import cell, documents, meeting, signature, votes
from chibo_docs.rules.registry import Violation
from chibo_docs.rules.runner import Check, Outcome, check_tree, run_checks

__all__ = ["REFUSALS", "WARNINGS", "Check", "checks_of", "refusals", "refuse", "validate_tree", "warnings"]


def _all(*patterns: str) -> tuple[str, ...]:
    return patterns


def _under(prefix: str, patterns: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}.{p}" for p in patterns)


_IDS = _all("cell.members.*.id")
_PEOPLE = _all("cell.members.*.id", "cell.members.*.full_name", "cell.members.*.transfer",
               "cell.members.*.suspended", "cell.members.*.exempt")
"""What the attendance checks read of each member: who, and whether convened."""
_VOTERS = _all(*_PEOPLE, "cell.members.*.status", "cell.rule_set")
"""What the vote base reads of the cell (rule V1)."""
_ATTENDANCE = _all("attendance.*.member_id", "attendance.*.status")
_COUNTS = _all("approve", "disapprove", "abstain", "eligible")

_ISSUED_AFTER_THE_MEETING = Check(documents.issued_after_the_meeting, ("V16",), _all("meeting.start", "issued_on"))
"""Every document of a meeting (minutes, resolution, scorecard, report): dated on or after it."""
_ISSUED_AFTER_FOUNDING = Check(documents.issued_after_the_cell_was_founded, ("V16",),
                               _all("issued_by.founded_on", "issued_on"))
"""Every document its issuer issues: not dated before the issuing cell was founded."""

REFUSALS: Mapping[type[BaseModel], tuple[Check, ...]] = {
    Cell: (
        Check(cell.member_ids_of_their_own, ("ID",), _all("members.*.id")),
        Check(cell.one_secretary, ("ROLE",), _all("members.*.id", "members.*.full_name", "members.*.role")),
    ),
    Meeting: (
        Check(meeting.guest_ids, ("ID",), _all(*_IDS, "guests.*.id")),
        Check(meeting.attendance, ("V5",), _all(*_PEOPLE, *_ATTENDANCE, "attendance.*.reason"),
              trusts=_IDS),
        Check(meeting.chair_and_secretary, ("V6",), _all(*_PEOPLE, *_ATTENDANCE, "chair_id", "secretary_id"),
              trusts=_IDS),
        Check(meeting.speakers, ("V15",),
              _all(*_PEOPLE, *_ATTENDANCE, "guests.*.id", "agenda.*.presenter_id",
                   "opinions.*.speaker_id", "opinions.*.agenda_item"),
              trusts=_all(*_IDS, "guests.*.id")),
        Check(meeting.assignees, ("V15",), _all(*_IDS, "assignments.*.assignee_ids")),
        Check(meeting.ends_after_start, ("V16",), _all("start", "end")),
        Check(meeting.held_after_founding, ("V16",), _all("start", "cell.founded_on")),
        Check(meeting.names_its_period, ("V21",), _all("kind", "period_month", "topic", "quarter")),
        Check(meeting.period_month, ("V16",), _all("start", "period_month", "period_year")),
        Check(votes.meeting_votes, ("V4",), _all(*_VOTERS, *_ATTENDANCE, *_under("votes.*", _COUNTS)),
              trusts=_all(*_VOTERS, *_ATTENDANCE)),
        Check(votes.quality_vote_counts, ("V4",),
              _all(*_VOTERS, *_ATTENDANCE, *_under("quality.adoption_vote", _COUNTS)),
              trusts=_all(*_VOTERS, *_ATTENDANCE)),
        Check(meeting.quality_confirmer, ("V15",), _all("guests.*.id", "quality.confirmed_by")),
        Check(votes.candidate_votes, ("V3", "V15"),
              _all(*_IDS, "cell.members.*.full_name", "cell.members.*.status", "cell.rule_set",
                   "agenda.*.kind", "agenda.*.title", "candidates", "votes.*.agenda_item",
                   "votes.*.candidate", "votes.*.threshold"),
              trusts=_IDS),
    ),
    Resolution: (
        Check(votes.adoption_vote_counts, ("V4",),
              _all(*_under("meeting", (*_VOTERS, *_ATTENDANCE)), *_under("adoption_vote", _COUNTS)),
              trusts=_under("meeting", (*_VOTERS, *_ATTENDANCE))),
        Check(votes.adoption_passes, ("V2", "V3"),
              _all(*_under("meeting", (*_VOTERS, *_ATTENDANCE)), "adoption_vote"),
              trusts=_all(*_under("meeting", (*_VOTERS, *_ATTENDANCE)), "adoption_vote")),
        _ISSUED_AFTER_THE_MEETING,
        Check(documents.assignees_are_members, ("V15",),
              _all("meeting.cell.members.*.id", "assignments.*.assignee_ids")),
        Check(signature.on_behalf_fits_the_issuer, ("V22",), _all("meeting.cell.kind", "signature.on_behalf")),
    ),
    MeetingDocument: (_ISSUED_AFTER_THE_MEETING,),
    Scorecard: (
        _ISSUED_AFTER_THE_MEETING,
        Check(votes.scorecard_vote_counts, ("V4",),
              _all(*_under("meeting", (*_VOTERS, *_ATTENDANCE)),
                   *_under("quality.adoption_vote", _COUNTS)),
              trusts=_under("meeting", (*_VOTERS, *_ATTENDANCE))),
        Check(meeting.scorecard_confirmer, ("V15",), _all("meeting.guests.*.id", "quality.confirmed_by")),
    ),
    IssuedDocument: (_ISSUED_AFTER_FOUNDING,),
    Plan: (
        _ISSUED_AFTER_FOUNDING,
        Check(signature.on_behalf_fits_the_issuer, ("V22",), _all("issued_by.kind", "signature.on_behalf")),
        Check(documents.schedule_says_when, ("V25",), _all("schedule", "issued_on")),
    ),
    Invitation: (
        _ISSUED_AFTER_FOUNDING,
        Check(documents.issued_before_the_event, ("V16",), _all("issued_on", "event.start"),
              trusts=_all("event.start")),
    ),
    Event: (Check(documents.event_ends_after_start, ("V16",), _all("start", "end")),),
    Assignment: (Check(documents.someone_does_the_task, ("TASK",), _all("assignee_ids", "assignee")),),
    DocumentRef: (Check(documents.cited_type_is_known, ("CITE",), _all("code", "kind")),),
}
"""Checks of level E by model, in order: a check whose ``trusts`` hold an error found by an
earlier one is not run."""


def _warning(run: Callable[[Any], Iterable[Violation]], rules: tuple[str, ...], *needs: str) -> Check:
    """A check of level W: it reads derived values that assume its fields' own rules hold."""
    return Check(run, rules, needs, trusts=needs)


WARNINGS: Mapping[type[BaseModel], tuple[Check, ...]] = {
    Plan: (_warning(documents.schedule_runs_forwards, ("V25",), "schedule", "issued_on"),),
    Meeting: (
        Check(meeting.chair_is_a_leader, ("V7",),
              _all(*_IDS, "cell.members.*.full_name", "cell.members.*.role", "chair_id"), trusts=_IDS),
        _warning(meeting.duration, ("V8",), "start", "end", "kind", "cell.rule_set"),
        _warning(meeting.attendance_rate, ("V9",), *_VOTERS, *_ATTENDANCE),
        _warning(meeting.absent_without_reason, ("V9",), *_PEOPLE, *_ATTENDANCE),
        _warning(meeting.cell_size, ("V12",), "cell.members.*.status", "cell.members.*.transfer",
                 "cell.rule_set"),
        _warning(meeting.materials_posted, ("V14",), "start", "materials_posted_at", "cell.rule_set"),
        _warning(meeting.hosted_members, ("V24",), *_VOTERS, *_ATTENDANCE),
        _warning(votes.failed_votes, ("V2", "V3"), *_VOTERS, *_ATTENDANCE, "votes"),
    ),
    Resolution: (
        _warning(signature.committee_signs_for_a_cell, ("V12",), "signature.on_behalf",
                 "meeting.cell.members.*.status", "meeting.cell.members.*.transfer", "meeting.cell.rule_set"),
        _warning(signature.signer_holds_the_title, ("V23",), "signature.title", "signature.full_name",
                 "meeting.cell.members.*.role", "meeting.cell.members.*.full_name"),
    ),
}
"""Checks of level W (warnings and notes) by model, in the order they are reported."""

_T = TypeVar("_T")


def _registered(table: Mapping[type[BaseModel], tuple[_T, ...]], model: type[BaseModel]) -> tuple[_T, ...]:
    return next((table[c] for c in model.__mro__ if c in table), ())


def checks_of(model: type[BaseModel], *, refusals: bool = True, warnings: bool = True) -> tuple[Check, ...]:
    """Return the checks of ``model`` (its own, else its nearest base's): refusals, then warnings."""
    return ((_registered(REFUSALS, model) if refusals else ())
            + (_registered(WARNINGS, model) if warnings else ()))


def refusals(model: BaseModel) -> list[Violation]:
    """Return the broken rules of level E of ``model`` (its own, not its parts'), a valid model."""
    found = run_checks(model, checks_of(type(model), warnings=False)).violations
    wrong = [v for v in found if v.severity != "error"]
    if wrong:
        raise TypeError(f"a refusal check reported {wrong[0].rule}/{wrong[0].key}, which is not an error")
    return found


def warnings(model: BaseModel) -> list[Violation]:
    """Return the warnings and notes about ``model`` and its parts, a valid model."""
    outcome = check_tree(model, lambda kind: checks_of(kind, refusals=False))
    return [v for v in outcome.violations if v.severity != "error"]


def validate_tree(model: BaseModel, broken: Iterable[tuple[str | int, ...]] = ()) -> Outcome:
    """Run every check of ``model`` and its parts, parts first; see :func:`~chibo_docs.rules.runner.check_tree`.

    ``model`` may be partial (fields holding :data:`~chibo_docs.models.base.BROKEN`);
    ``broken`` are the paths of its type errors.
    """
    paths = list(broken)
    return check_tree(model, checks_of, paths, partial=bool(paths))


def refuse(model: BaseModel) -> None:
    """Raise pydantic's ``ValidationError`` when ``model`` breaks rules of level E.

    One error per broken rule: its type is the rule id, its location the field path (relative
    to ``model``; pydantic adds the path of ``model`` in the data), its message the rule's in
    English and its context the message key and the values, ready for ``json.dumps``.
    """
    found = refusals(model)
    if not found:
        return
    raise ValidationError.from_exception_data(
        type(model).__name__,
        [InitErrorDetails(type=_pydantic_error(v), loc=v.path, input=_json_ready(_at(model, v.path)))
         for v in found],
    )


def _pydantic_error(violation: Violation) -> PydanticCustomError:
    context = {"rule": violation.rule, "key": violation.key,
               **{k: _json_ready(v) for k, v in violation.values.items()}}
    return PydanticCustomError(violation.rule, violation.text("en"), context)


def _at(model: BaseModel, path: tuple[str | int, ...]) -> Any:
    value: Any = model
    for part in path:
        if isinstance(part, int) and isinstance(value, list | tuple) and part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, BaseModel) and part in type(value).model_fields:
            value = getattr(value, part)
        else:
            return None
    return value


def _json_ready(value: Any) -> Any:
    """``value`` as JSON holds it: models as their data, dates as ISO text, messages in English."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Message):
        return value.text("en")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value

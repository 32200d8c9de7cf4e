"""Checks of a document beyond its meeting, and of the parts a document cites or assigns.

Every document of a meeting (minutes, resolution, scorecard, monthly report) is dated on or
after the meeting (V16); a document is not dated before its cell was founded (V16); a
resolution assigns tasks to members (V15); an invitation is issued before its event, which
ends after it starts (V16); a plan's schedule periods run forwards (V25); a task names who does
it (TASK); a cited document's type is known (CITE).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from chibo_docs.i18n import Message
from chibo_docs.models.document_bases import DocumentBase, IssuedDocument, MeetingDocument
from chibo_docs.models.documents import Plan, Resolution
from chibo_docs.models.invitation import Event, Invitation
from chibo_docs.models.organisation import Cell
from chibo_docs.models.proceedings import Assignment
from chibo_docs.models.references import DocType, DocumentRef
from chibo_docs.rules.registry import Violation, phrase

__all__ = [
    "assignees_are_members",
    "cited_type_is_known",
    "event_ends_after_start",
    "issued_after_the_cell_was_founded",
    "issued_after_the_meeting",
    "issued_before_the_event",
    "schedule_runs_forwards",
    "schedule_says_when",
    "someone_does_the_task",
]


_DOCUMENT_PHRASES = {
    DocType.MINUTES: "doc_minutes",
    DocType.RESOLUTION: "doc_resolution",
    DocType.SCORECARD: "doc_scorecard",
    DocType.REPORT: "doc_report",
    DocType.PLAN: "doc_plan",
    DocType.INVITATION: "doc_invitation",
    DocType.NOTICE: "doc_notice",
}


def _document(document: DocumentBase) -> Message:
    """The document in words for messages: 'the minutes', 'the resolution', …"""
    return phrase(_DOCUMENT_PHRASES.get(document.doc_type, "doc_other"))


def issued_after_the_meeting(document: MeetingDocument) -> Iterator[Violation]:
    """V16: a document of a meeting is dated on or after the meeting day (when it gives a date)."""
    meeting_day = document.meeting.date
    if document.issued_on is not None and document.issued_on < meeting_day:
        yield Violation("V16", "issued_before_meeting", ("issued_on",),
                        {"document": _document(document), "issued_on": document.issued_on,
                         "meeting_day": meeting_day})


def issued_after_the_cell_was_founded(document: IssuedDocument) -> Iterator[Violation]:
    """V16: a cell's document is not dated before the cell was founded (when the data says when).

    A document of a meeting needs no check of its own: it is dated on or after its meeting,
    and the meeting is checked against the founding date (:mod:`chibo_docs.rules.meeting`).
    """
    cell = document.issued_by
    if isinstance(cell, Cell) and cell.founded_on is not None and document.issued_on < cell.founded_on:
        yield Violation("V16", "issued_before_founding", ("issued_on",),
                        {"document": _document(document), "issued_on": document.issued_on,
                         "founded_on": cell.founded_on, "cell": cell.name})


def assignees_are_members(resolution: Resolution) -> Iterator[Violation]:
    """V15: the resolution's tasks are assigned to members of the cell."""
    members = resolution.meeting.cell.member_by_id
    for i, task in enumerate(resolution.assignments):
        for j, person_id in enumerate(task.assignee_ids):
            if person_id not in members:
                yield Violation("V15", "assignee_not_a_member", ("assignments", i, "assignee_ids", j),
                                {"person_id": person_id})


def issued_before_the_event(invitation: Invitation) -> Iterator[Violation]:
    """V16: an invitation is issued on or before the day of its event."""
    if invitation.issued_on > invitation.event.date:
        yield Violation("V16", "invitation_after_event", ("issued_on",),
                        {"issued_on": invitation.issued_on, "event_day": invitation.event.date})


def event_ends_after_start(event: Event) -> Iterator[Violation]:
    """V16: an event ends after it starts, when its end is given."""
    if event.end is not None and event.end <= event.start:
        yield Violation("V16", "event_ends_before_start", ("end",), {"end": event.end, "start": event.start})


def schedule_says_when(plan: Plan) -> Iterator[Violation]:
    """V25: every schedule row says when, and a period in words does not run backwards."""
    for i, row in enumerate(plan.schedule):
        if row.when is None and row.period is None:
            yield Violation("V25", "no_time", ("schedule", i, "period"), {"row": i + 1})
            continue
        span = row.span(year=plan.issued_on.year)
        if span is not None and span.last_day < span.first_day:
            yield Violation("V25", "row_backwards", ("schedule", i, "when"), {"row": i + 1, "period": span.text})


def schedule_runs_forwards(plan: Plan) -> Iterator[Violation]:
    """V25: every schedule row says when; its period ends on or after it starts; rows run forwards
    (a row does not start before the row above it) and do not end before the plan is issued.

    A row given only in free words that are not a period ('Thường xuyên') is noted as not checked.
    """
    previous: tuple[int, date] | None = None
    for i, row in enumerate(plan.schedule):
        if row.when is None and row.period is None:
            continue  # refused by schedule_says_when
        span = row.span(year=plan.issued_on.year)
        if span is None:
            yield Violation("V25", "not_a_period", ("schedule", i, "when"), {"row": i + 1, "when": row.when})
            continue
        where = ("schedule", i, "period" if row.period is not None else "when")
        if span.last_day < span.first_day:
            continue  # refused by schedule_says_when
        if previous is not None and span.first_day < previous[1]:
            yield Violation("V25", "out_of_order", where, {
                "row": i + 1, "period": span.text, "previous_row": previous[0] + 1,
                "starts": span.first_day, "previous_starts": previous[1]})
        if span.last_day < plan.issued_on:
            yield Violation("V25", "before_the_plan", where, {
                "row": i + 1, "period": span.text, "issued_on": plan.issued_on})
        previous = (i, span.first_day)


def someone_does_the_task(task: Assignment) -> Iterator[Violation]:
    """TASK: a task names who does it: members, a group, or both."""
    if not task.assignee_ids and task.assignee is None:
        yield Violation("TASK", "nobody", ("assignee_ids",))


def cited_type_is_known(ref: DocumentRef) -> Iterator[Violation]:
    """CITE: a cited document's type comes from its code's abbreviation, or from ``kind``."""
    if ref.kind is None and ref.doc_type is None:
        yield Violation("CITE", "unknown_type", ("code",), {"code": ref.code})

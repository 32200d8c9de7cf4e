"""Checks of a document beyond its meeting, and of the parts a document cites or assigns.

A resolution is dated on or after the meeting (V16) and assigns tasks to members (V15); an
invitation is issued before its event, which ends after it starts (V16); a task names who does
it (TASK); a cited document's type is known (CITE).
"""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.documents import Resolution
from chibo_docs.models.invitation import Event, Invitation
from chibo_docs.models.proceedings import Assignment
from chibo_docs.models.references import DocumentRef
from chibo_docs.rules.registry import Violation

__all__ = [
    "assignees_are_members",
    "cited_type_is_known",
    "event_ends_after_start",
    "issued_after_the_meeting",
    "issued_before_the_event",
    "someone_does_the_task",
]


def issued_after_the_meeting(resolution: Resolution) -> Iterator[Violation]:
    """V16: a resolution is issued on or after the meeting day."""
    meeting_day = resolution.meeting.date
    if resolution.issued_on < meeting_day:
        yield Violation("V16", "issued_before_meeting", ("issued_on",),
                        {"issued_on": resolution.issued_on, "meeting_day": meeting_day})


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


def someone_does_the_task(task: Assignment) -> Iterator[Violation]:
    """TASK: a task names who does it: members, a group, or both."""
    if not task.assignee_ids and task.assignee is None:
        yield Violation("TASK", "nobody", ("assignee_ids",))


def cited_type_is_known(ref: DocumentRef) -> Iterator[Violation]:
    """CITE: a cited document's type comes from its code's abbreviation, or from ``kind``."""
    if ref.kind is None and ref.doc_type is None:
        yield Violation("CITE", "unknown_type", ("code",), {"code": ref.code})

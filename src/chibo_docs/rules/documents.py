"""Checks of a resolution beyond its meeting: dated on or after the meeting (V16), tasks assigned
to members (V15)."""

from __future__ import annotations

from collections.abc import Iterator

from chibo_docs.models.documents import Resolution
from chibo_docs.rules.registry import Violation

__all__ = ["assignees_are_members", "issued_after_the_meeting"]


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

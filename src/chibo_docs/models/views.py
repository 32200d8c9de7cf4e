"""What templates read of a meeting: its parts with their ids resolved, its votes counted.

The data holds ids (``member_id``, ``speaker_id``, ``assignee_ids``) and raw vote counts. A
meeting builds these read-only views from them (``meeting.absent``, ``meeting.agenda_entries``,
``meeting.speeches``, ``meeting.assigned_tasks``, ``meeting.tallies``; a resolution adds
``assigned_tasks`` and ``adoption_tally``), so a template writes ``entry.member.full_name`` or
``tally.passed`` with no lookup. Nothing is written back into the data: a view is built from
the data each time it is read, with the context it needs passed in explicitly.

>>> tally = Tally.of(Vote(subject="Thông qua nghị quyết", approve=7, disapprove=5), base=12)
>>> tally.required, tally.passed, round(tally.percent or 0, 2)
(7, True, 58.33)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, SkipValidation

from chibo_docs.models.base import View
from chibo_docs.models.organisation import Member
from chibo_docs.models.proceedings import (
    AgendaItem,
    Assignment,
    Attendance,
    AttendanceStatus,
    Candidate,
    ContentKind,
    Opinion,
    OpinionKind,
    Person,
)
from chibo_docs.models.references import DocumentRef
from chibo_docs.models.vote import Vote, VoteMethod, VoteThreshold, required_approvals

__all__ = ["Absence", "AgendaEntry", "AssignedTask", "Speech", "Tally"]


# Views are built from data already validated: the records they hold (members, documents,
# speeches) are kept as they are (SkipValidation), not copied by validating them again.


def _as_in(model: type[BaseModel], field: str) -> Any:
    """A view field described as the data field it is copied from (one description, one place)."""
    return Field(description=model.model_fields[field].description)


class Absence(View):
    """Vắng mặt — an absent member's attendance entry, with the member."""

    member_id: str = _as_in(Attendance, "member_id")
    member: SkipValidation[Member] = Field(description="Đảng viên — the member, as in the cell's list")
    status: AttendanceStatus = _as_in(Attendance, "status")
    reason: str | None = _as_in(Attendance, "reason")

    @classmethod
    def of(cls, entry: Attendance, members: Mapping[str, Member]) -> Absence:
        """Return ``entry`` with its member looked up in ``members`` (the cell's, by id)."""
        return cls(member_id=entry.member_id, member=members[entry.member_id],
                   status=entry.status, reason=entry.reason)


class Speech(View):
    """Ý kiến phát biểu — one opinion, with the member or guest who spoke."""

    speaker: SkipValidation[Person] = Field(description="Người phát biểu — the member or guest who spoke")
    content: str = _as_in(Opinion, "content")
    kind: OpinionKind = _as_in(Opinion, "kind")
    agenda_item: int | None = _as_in(Opinion, "agenda_item")

    @classmethod
    def of(cls, opinion: Opinion, people: Mapping[str, Person]) -> Speech:
        """Return ``opinion`` with its speaker looked up in ``people`` (members and guests)."""
        return cls(speaker=people[opinion.speaker_id], content=opinion.content,
                   kind=opinion.kind, agenda_item=opinion.agenda_item)


class AgendaEntry(View):
    """Nội dung sinh hoạt — an agenda item with its number, its presenter and the opinions on it."""

    number: int = Field(description="Số thứ tự — position in the agenda, from 1")
    title: str = _as_in(AgendaItem, "title")
    kind: ContentKind = _as_in(AgendaItem, "kind")
    presenter: SkipValidation[Person | None] = Field(description="Người trình bày — the presenter, if named")
    summary: str | None = _as_in(AgendaItem, "summary")
    documents: SkipValidation[list[DocumentRef]] = _as_in(AgendaItem, "documents")
    conclusion: str | None = _as_in(AgendaItem, "conclusion")
    opinions: SkipValidation[list[Speech]] = Field(description="Ý kiến tham gia — the opinions on this item, in order")

    @classmethod
    def of(
        cls, number: int, item: AgendaItem, people: Mapping[str, Person], speeches: list[Speech]
    ) -> AgendaEntry:
        """Return item ``number`` (from 1) with its presenter and its opinions out of ``speeches``."""
        presenter = None if item.presenter_id is None else people[item.presenter_id]
        return cls(number=number, title=item.title, kind=item.kind, presenter=presenter,
                   summary=item.summary, documents=item.documents, conclusion=item.conclusion,
                   opinions=[s for s in speeches if s.agenda_item == number])


class AssignedTask(View):
    """Phân công nhiệm vụ — a task with the members assigned to it."""

    task: str = _as_in(Assignment, "task")
    assignee: str | None = _as_in(Assignment, "assignee")
    assignees: SkipValidation[list[Member]] = Field(description="Người thực hiện — the members assigned, in order")
    deadline: date | None = _as_in(Assignment, "deadline")
    deadline_note: str | None = _as_in(Assignment, "deadline_note")

    @classmethod
    def of(cls, assignment: Assignment, members: Mapping[str, Member]) -> AssignedTask:
        """Return ``assignment`` with its assignees looked up in ``members`` (the cell's)."""
        return cls(task=assignment.task, assignee=assignment.assignee,
                   assignees=[members[i] for i in assignment.assignee_ids],
                   deadline=assignment.deadline, deadline_note=assignment.deadline_note)

    @property
    def who(self) -> str:
        """Everyone responsible, in words: group first, then 'đồng chí …' names."""
        names = [f"đồng chí {m.full_name}" for m in self.assignees]
        return ", ".join(([self.assignee] if self.assignee else []) + names)


class Tally(View):
    """Kết quả biểu quyết — a vote counted against its vote base: required, passed, percent."""

    subject: str = _as_in(Vote, "subject")
    method: VoteMethod = _as_in(Vote, "method")
    threshold: VoteThreshold = Field(
        description="Tỷ lệ cần đạt — what the vote needs: its own threshold, two thirds on a kết "
        "nạp or chuyển chính thức item (rule V3), else more than half"
    )
    agenda_item: int | None = _as_in(Vote, "agenda_item")
    candidate: SkipValidation[Member | Candidate | None] = Field(
        default=None, description="Người được xét — the person voted on (kết nạp, chuyển chính thức)"
    )
    approve: int = _as_in(Vote, "approve")
    disapprove: int = _as_in(Vote, "disapprove")
    abstain: int = _as_in(Vote, "abstain")
    dissent: str | None = _as_in(Vote, "dissent")
    eligible_base: int | None = Field(
        description="Số đảng viên có quyền biểu quyết — the vote base: the meeting's (rule V1), "
        "else the vote's own 'eligible'"
    )
    voters_present: int | None = Field(
        description="Số đảng viên có mặt có quyền biểu quyết — members present who may vote "
        "(known when the vote belongs to a meeting)"
    )

    @classmethod
    def of(
        cls,
        vote: Vote,
        *,
        base: int | None = None,
        voters_present: int | None = None,
        threshold: VoteThreshold | None = None,
        candidate: Member | Candidate | None = None,
    ) -> Tally:
        """Count ``vote`` against ``base`` (the meeting's vote base), else its own ``eligible``.

        ``threshold`` is what the vote needs when its meeting says (a kết nạp item needs two
        thirds), else the vote's own, else more than half; ``candidate`` the person voted on.
        """
        needs = threshold or vote.threshold or VoteThreshold.MAJORITY
        return cls(subject=vote.subject, method=vote.method, threshold=needs,
                   approve=vote.approve, disapprove=vote.disapprove, abstain=vote.abstain,
                   dissent=vote.dissent, eligible_base=vote.eligible if base is None else base,
                   voters_present=voters_present, agenda_item=vote.agenda_item, candidate=candidate)

    @property
    def cast(self) -> int:
        """Approve + disapprove + abstain."""
        return self.approve + self.disapprove + self.abstain

    @property
    def required(self) -> int | None:
        """Fewest approvals that pass: ⌊base/2⌋ + 1, or ⌈2·base/3⌉ (None when the base is unknown)."""
        base = self.eligible_base
        return None if base is None else required_approvals(self.threshold, base)

    @property
    def passed(self) -> bool | None:
        """Whether the vote passes (None when the base is unknown)."""
        required = self.required
        return None if required is None else self.approve >= required

    @property
    def percent(self) -> float | None:
        """Approvals as a percent of the vote base (None when the base is unknown or 0)."""
        base = self.eligible_base
        return None if not base else self.approve * 100 / base

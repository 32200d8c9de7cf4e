"""Kỳ sinh hoạt chi bộ: a meeting, with its attendance counts, vote base and views.

Everything derived is computed from the meeting's own data when it is read: counts, the vote
base (rule V1), and the views templates read (:mod:`chibo_docs.models.views`), which resolve
the ids of attendance entries, opinions, agenda items and assignments to people.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, NaiveDatetime, ValidationInfo, field_validator

from chibo_docs.models.base import Checked, Id, Integer, Line, Text
from chibo_docs.models.organisation import Cell, Guest, Member, Transfer
from chibo_docs.models.proceedings import (
    AgendaItem,
    Assignment,
    Attendance,
    AttendanceStatus,
    Candidate,
    ContentKind,
    MeetingKind,
    Opinion,
    Person,
)
from chibo_docs.models.quality import MeetingFacts, QualityAssessment, with_prefilled_scores
from chibo_docs.models.views import Absence, AgendaEntry, AssignedTask, Speech, Tally
from chibo_docs.models.vote import Vote, VoteThreshold

__all__ = ["Meeting"]


class Meeting(Checked):
    """Kỳ sinh hoạt chi bộ — one meeting of the cell."""

    cell: Cell = Field(description="Chi bộ — the cell, with its members")
    kind: MeetingKind = Field(default=MeetingKind.REGULAR, description="Loại kỳ sinh hoạt — kind")
    period_month: Integer | None = Field(
        default=None, ge=1, le=12, description="Tháng — the month the regular meeting is for"
    )
    period_year: Integer = Field(ge=1930, le=2200, description="Năm — the year")
    quarter: Integer | None = Field(default=None, ge=1, le=4, description="Quý — quarter (thematic meeting)")
    topic: Line | None = Field(default=None, description="Chuyên đề — topic (thematic meeting)")
    start: NaiveDatetime = Field(description="Thời gian bắt đầu — start, local time")
    end: NaiveDatetime = Field(description="Thời gian kết thúc — end, local time")
    place: Line = Field(description="Địa điểm — place, e.g. 'Hội trường Trung tâm'")
    chair_id: Id = Field(description="Chủ trì — chair of the meeting (a member)")
    secretary_id: Id = Field(description="Thư ký — secretary who writes the minutes (a member)")
    guests: list[Guest] = Field(default_factory=list, description="Đại biểu cấp trên, khách mời — guests")
    attendance: list[Attendance] = Field(
        description="Điểm danh — every convened member once, present or absent"
    )
    agenda: list[AgendaItem] = Field(min_length=1, description="Chương trình, nội dung sinh hoạt — agenda")
    opinions: list[Opinion] = Field(default_factory=list, description="Ý kiến phát biểu — speeches, in order")
    conclusion: Text = Field(description="Kết luận của chủ trì — the chair's conclusion")
    candidates: list[Candidate] = Field(
        default_factory=list,
        description="Quần chúng được xét kết nạp — people considered for admission, named by the "
        "votes on them",
    )
    votes: list[Vote] = Field(default_factory=list, description="Biểu quyết — votes taken")
    assignments: list[Assignment] = Field(default_factory=list, description="Phân công — tasks assigned")
    dues_note: Text | None = Field(default=None, description="Tình hình thu nộp đảng phí — party dues")
    materials_posted_at: NaiveDatetime | None = Field(
        default=None, description="Đăng tải tài liệu lên Sổ tay đảng viên điện tử — when materials were posted"
    )
    # The last field: its validator reads the others (the criteria pre-filled from them).
    quality: QualityAssessment | None = Field(
        default=None,
        description="Tự đánh giá chất lượng kỳ sinh hoạt — the cell's scoring of this meeting; the "
        "criteria that follow from the meeting's data are pre-filled when left out",
    )

    @field_validator("quality", mode="before")
    @classmethod
    def _prefill_quality(cls, value: Any, info: ValidationInfo) -> Any:
        """Add the scores that follow from the meeting's data (its other fields, already read)."""
        data = info.data
        needed = ("cell", "attendance", "start", "end")
        if value is None or any(key not in data for key in needed):
            return value  # a part of the meeting is invalid: its own error says so
        facts = MeetingFacts.of(data["cell"], data["attendance"], data["start"], data["end"],
                                data.get("kind", MeetingKind.REGULAR), data.get("materials_posted_at"))
        return with_prefilled_scores(value, facts)

    # -- people ---------------------------------------------------------------------------
    @property
    def people(self) -> dict[str, Person]:
        """Members and guests keyed by id."""
        return {**self.cell.member_by_id, **{g.id: g for g in self.guests}}

    def person(self, person_id: str) -> Person:
        """Return the member or guest with ``person_id``."""
        return self.people[person_id]

    @property
    def chair(self) -> Member:
        """Chủ trì."""
        return self.cell.member_by_id[self.chair_id]

    @property
    def secretary(self) -> Member:
        """Thư ký."""
        return self.cell.member_by_id[self.secretary_id]

    # -- attendance -----------------------------------------------------------------------
    @property
    def convened(self) -> list[Member]:
        """Members summoned: all but those sent away (SHT đi) and those suspended."""
        return [m for m in self.cell.members
                if m.transfer is not Transfer.SENT_AWAY and not m.suspended]

    @property
    def present(self) -> list[Member]:
        """Members present, in attendance order."""
        members = self.cell.member_by_id
        return [members[a.member_id] for a in self.attendance if a.present]

    @property
    def absent(self) -> list[Absence]:
        """Absent members' entries, in attendance order (``entry.member``, ``entry.reason``)."""
        members = self.cell.member_by_id
        return [Absence.of(a, members) for a in self.attendance if not a.present]

    @property
    def excused(self) -> list[Absence]:
        """Absent with a reason."""
        return [a for a in self.absent if a.status is not _UNEXCUSED]

    @property
    def unexcused(self) -> list[Absence]:
        """Absent without a reason."""
        return [a for a in self.absent if a.status is _UNEXCUSED]

    @property
    def convened_count(self) -> int:
        """Number of members summoned."""
        return len(self.convened)

    @property
    def present_count(self) -> int:
        """Number present."""
        return len(self.present)

    @property
    def absent_count(self) -> int:
        """Number absent."""
        return sum(1 for a in self.attendance if not a.present)

    @property
    def excused_count(self) -> int:
        """Number absent with a reason."""
        return sum(1 for a in self.attendance if not a.present and a.status is not _UNEXCUSED)

    @property
    def unexcused_count(self) -> int:
        """Number absent without a reason."""
        return sum(1 for a in self.attendance if a.status is _UNEXCUSED)

    @property
    def present_official_count(self) -> int:
        """Official members present."""
        return sum(1 for m in self.present if m.is_official)

    @property
    def present_probationary_count(self) -> int:
        """Probationary members present."""
        return sum(1 for m in self.present if not m.is_official)

    @property
    def attendance_percent(self) -> float:
        """Members present as a percent of those convened, exempt members left out (HD 12 II.3.1)."""
        counted = [m for m in self.convened if not m.exempt]
        if not counted:
            return 100.0
        present = {m.id for m in self.present}
        return sum(1 for m in counted if m.id in present) * 100 / len(counted)

    # -- voting ---------------------------------------------------------------------------
    @property
    def vote_base_members(self) -> list[Member]:
        """Members in the vote base (rule V1)."""
        rules = self.cell.rules
        present = {m.id for m in self.present}
        return [
            m for m in self.convened
            if m.is_official
            and (m.transfer is not Transfer.HOSTED or rules.hosted_members_vote)
            and (m.id in present or not m.exempt)
            and (m.id in present or not rules.excused_absentees_leave_base
                 or self._status_of(m.id) is _UNEXCUSED)
        ]

    @property
    def eligible_base(self) -> int:
        """Số đảng viên có quyền biểu quyết: the vote base (rule V1)."""
        return len(self.vote_base_members)

    @property
    def voters_present(self) -> list[Member]:
        """Members present who may vote."""
        present = {m.id for m in self.present}
        return [m for m in self.vote_base_members if m.id in present]

    @property
    def voters_present_count(self) -> int:
        """Number of members present who may vote."""
        return len(self.voters_present)

    def item_kind_of(self, vote: Vote) -> ContentKind | None:
        """The kind of the agenda item ``vote`` is on (None: no item, or no such item)."""
        n = vote.agenda_item
        return self.agenda[n - 1].kind if n is not None and 1 <= n <= len(self.agenda) else None

    def needs_two_thirds(self, vote: Vote) -> bool:
        """Whether ``vote`` is on an item that needs two thirds (kết nạp, chuyển chính thức; V3)."""
        kind = self.item_kind_of(vote)
        return kind is not None and kind.value in self.cell.rules.two_thirds_items

    def threshold_of(self, vote: Vote) -> VoteThreshold:
        """What ``vote`` needs: two thirds on a kết nạp or chuyển chính thức item, else its
        ``threshold``, else more than half."""
        if self.needs_two_thirds(vote):
            return VoteThreshold.TWO_THIRDS
        return vote.threshold or VoteThreshold.MAJORITY

    def candidate_of(self, vote: Vote) -> Member | Candidate | None:
        """The person ``vote`` is on: a member (chuyển chính thức) or a candidate (kết nạp)."""
        if vote.candidate is None:
            return None
        found: Member | Candidate | None = self.cell.member_by_id.get(vote.candidate)
        return found or next((c for c in self.candidates if c.id == vote.candidate), None)

    def tally(self, vote: Vote) -> Tally:
        """``vote`` counted against the meeting's vote base (rule V1), with its threshold and
        candidate as the meeting gives them."""
        return Tally.of(vote, base=self.eligible_base, voters_present=self.voters_present_count,
                        threshold=self.threshold_of(vote), candidate=self.candidate_of(vote))

    @property
    def tallies(self) -> list[Tally]:
        """The votes counted against the vote base (``tally.passed``, ``tally.percent``)."""
        return [self.tally(v) for v in self.votes]

    # -- time and naming ------------------------------------------------------------------
    @property
    def date(self) -> date:
        """The meeting day."""
        return self.start.date()

    @property
    def duration_minutes(self) -> int:
        """Length of the meeting in whole minutes."""
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def name(self) -> str:
        """The meeting in words, e.g. 'sinh hoạt chi bộ thường kỳ tháng 4 năm 2021'.

        The topic of a thematic meeting is a title: it is quoted as typed, so a topic written
        with a capital ('Học tập và làm theo …') reads right in the middle of a sentence.
        """
        parts = ["sinh hoạt chi bộ"]
        if self.kind is not MeetingKind.THEMATIC:
            parts.append("thường kỳ")
        if self.kind is not MeetingKind.REGULAR:
            parts.append(f"chuyên đề “{self.topic}”" if self.topic else "chuyên đề")
        if self.kind is MeetingKind.THEMATIC and self.quarter:
            parts.append(f"quý {self.quarter_name}")
        elif self.period_month:
            parts.append(f"tháng {self.period_month}")
        parts.append(f"năm {self.period_year}")
        return " ".join(parts)

    @property
    def quarter_name(self) -> str | None:
        """The quarter in Roman numerals ('II'), when the meeting names one."""
        return None if not self.quarter else ["I", "II", "III", "IV"][self.quarter - 1]

    @property
    def period_name(self) -> str:
        """The period the meeting is for: 'tháng 4 năm 2021', 'quý II năm 2021' or 'năm 2021'."""
        if self.period_month:
            return f"tháng {self.period_month} năm {self.period_year}"
        if self.quarter:
            return f"quý {self.quarter_name} năm {self.period_year}"
        return f"năm {self.period_year}"

    # -- proceedings -----------------------------------------------------------------------
    @property
    def speeches(self) -> list[Speech]:
        """Every opinion, in the order spoken, with its speaker (``speech.speaker.full_name``)."""
        people = self.people
        return [Speech.of(o, people) for o in self.opinions]

    @property
    def general_opinions(self) -> list[Speech]:
        """Opinions not tied to an agenda item, with their speakers."""
        return [s for s in self.speeches if s.agenda_item is None]

    @property
    def agenda_entries(self) -> list[AgendaEntry]:
        """The agenda items, numbered from 1, with their presenters and opinions."""
        people, speeches = self.people, self.speeches
        return [AgendaEntry.of(n, item, people, speeches)
                for n, item in enumerate(self.agenda, start=1)]

    @property
    def assigned_tasks(self) -> list[AssignedTask]:
        """The assignments with their members (``task.who``, ``task.assignees``)."""
        members = self.cell.member_by_id
        return [AssignedTask.of(a, members) for a in self.assignments]

    # -- quality ----------------------------------------------------------------------------
    @property
    def quality_tally(self) -> Tally | None:
        """The vote adopting the quality score, counted against the vote base (None: no vote)."""
        vote = self.quality.adoption_vote if self.quality is not None else None
        return None if vote is None else self.tally(vote)

    @property
    def quality_confirmer(self) -> Guest | None:
        """The upper-level committee member who confirmed the quality score, if named."""
        who = self.quality.confirmed_by if self.quality is not None else None
        return next((g for g in self.guests if g.id == who), None)

    def _status_of(self, member_id: str) -> AttendanceStatus | None:
        return next((a.status for a in self.attendance if a.member_id == member_id), None)


_UNEXCUSED = AttendanceStatus.UNEXCUSED

"""The three documents: biên bản (Minutes), nghị quyết (Resolution), kế hoạch (Plan).

Each data file holds one document; its ``document`` field says which (``minutes``,
``resolution``, ``plan``).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from chibo_docs.dates import date_line
from chibo_docs.models.base import Line, Model, PositiveInteger, Text, raise_violations
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Organisation
from chibo_docs.models.proceedings import Assignment
from chibo_docs.models.references import DocType, DocumentRef, OnBehalf, Signature, number_line
from chibo_docs.models.vote import Vote

__all__ = ["Assessment", "Minutes", "Plan", "Resolution", "ScheduleItem", "Section"]


class Section(Model):
    """Mục — a section of the body: heading, paragraphs, subsections (numbered by the template)."""

    heading: Line = Field(description="Tiêu đề mục — heading, without its number")
    paragraphs: list[Text] = Field(default_factory=list, description="Đoạn văn — paragraphs")
    subsections: list[Section] = Field(default_factory=list, description="Mục con — subsections")


class Assessment(Model):
    """Đánh giá kết quả lãnh đạo — assessment of the period: results, shortcomings, causes."""

    results: list[Section] = Field(min_length=1, description="Kết quả đạt được, ưu điểm — results")
    shortcomings: list[Text] = Field(default_factory=list, description="Hạn chế, khuyết điểm — shortcomings")
    causes: list[Text] = Field(default_factory=list, description="Nguyên nhân — causes of the shortcomings")


class ScheduleItem(Model):
    """Tiến độ thực hiện — one row of a plan's schedule: when, what, who."""

    when: Line = Field(description="Thời gian — when, e.g. 'Tháng 4/2021', 'Quý II'")
    what: Text = Field(description="Nội dung công việc — what is done")
    who: Line = Field(description="Đơn vị, người thực hiện — who does it")


def _check_recipients(items: list[str]) -> list[str]:
    for i, item in enumerate(items):
        if item[0] in "-–+•" or item[-1] in ",;.":
            raise ValueError(
                f"recipient {i} {item!r}: write it without the leading '- ' and the final "
                "',' or '.'; the template adds them"
            )
    if not items[-1].startswith("Lưu"):
        raise ValueError(f"the last recipient is the file copy, e.g. 'Lưu Chi bộ'; found {items[-1]!r}")
    return items


class _Document(Model):
    doc_type: ClassVar[DocType]

    # Every document has a ``number`` field, and either ``issued_by`` (plan, invitation) or a
    # ``meeting`` whose cell issues it (minutes, resolution); ``issued_on`` may fall back to
    # the meeting day. These three properties read them once for all document types.

    @property
    def issuer(self) -> Organisation:
        """Tổ chức ban hành — ``issued_by``, else the cell of the meeting (header block)."""
        issued_by = getattr(self, "issued_by", None)
        if isinstance(issued_by, Organisation):
            return issued_by
        meeting: Meeting = getattr(self, "meeting")  # noqa: B009 (declared by subclasses)
        return meeting.cell

    @property
    def issue_date(self) -> date:
        """Ngày ban hành — ``issued_on``, else the meeting day."""
        issued_on = getattr(self, "issued_on", None)
        if isinstance(issued_on, date):
            return issued_on
        meeting: Meeting = getattr(self, "meeting")  # noqa: B009 (declared by subclasses)
        return meeting.date

    @property
    def doc_number(self) -> int | None:
        """The document's ``number``, if it has one."""
        number: int | None = getattr(self, "number", None)
        return number

    @property
    def number_line(self) -> str | None:
        """'Số 05-NQ/CB' (numbers below 10 zero-padded), or None when unnumbered."""
        n = self.doc_number
        return None if n is None else number_line(n, self.doc_type, self.issuer.symbol)

    @property
    def date_line(self) -> str:
        """'Lai Châu, ngày 26 tháng 4 năm 2021': the issuer's place name and the issue date."""
        return date_line(self.issuer.place_name, self.issue_date)

    @property
    def code(self) -> str | None:
        """'05-NQ/CB', the number and symbol without 'Số '."""
        line = self.number_line
        return None if line is None else line.removeprefix("Số ")

    @property
    def type_name(self) -> str:
        """Tên loại: 'Biên bản', 'Nghị quyết', 'Kế hoạch'."""
        return self.doc_type.type_name


class Minutes(_Document):
    """Biên bản sinh hoạt chi bộ — minutes of a meeting, signed by the secretary and the chair."""

    doc_type: ClassVar[DocType] = DocType.MINUTES
    document: Literal["minutes"] = Field(default="minutes", description="Loại văn bản — 'minutes' (biên bản)")
    meeting: Meeting = Field(description="Kỳ sinh hoạt — the meeting recorded")
    number: PositiveInteger | None = Field(default=None, description="Số — number (minutes are often unnumbered)")
    issued_on: date | None = Field(default=None, description="Ngày — date on the date line; the meeting day when omitted")
    closing_statement: Text = Field(
        default="Biên bản đã được thông qua trước chi bộ và được các đồng chí dự họp nhất trí.",
        description="Thông qua biên bản — closing statement",
    )


class Resolution(_Document):
    """Nghị quyết chi bộ — the resolution adopted at a meeting."""

    doc_type: ClassVar[DocType] = DocType.RESOLUTION
    document: Literal["resolution"] = Field(default="resolution", description="Loại văn bản — 'resolution' (nghị quyết)")
    meeting: Meeting = Field(description="Kỳ sinh hoạt — the meeting that adopted it")
    number: PositiveInteger = Field(description="Số — number within the committee term, e.g. 5 → 'Số 05-NQ/CB'")
    issued_on: date = Field(description="Ngày ban hành — issue date (on or after the meeting)")
    title: Line = Field(description="Trích yếu — subject, e.g. 'lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021'")
    preamble: Text | None = Field(
        default=None, description="Phần mở đầu — lead-in text; the template builds it from the meeting when omitted"
    )
    assessment: Assessment = Field(description="Đánh giá kết quả — assessment of the period")
    tasks: list[Section] = Field(min_length=1, description="Phương hướng, nhiệm vụ — tasks for the next period")
    assignments: list[Assignment] = Field(default_factory=list, description="Phân công, tổ chức thực hiện — assignments")
    adoption_vote: Vote = Field(description="Biểu quyết thông qua — the vote adopting the resolution")
    recipients: list[Line] = Field(min_length=1, description="Nơi nhận — recipients; the last is 'Lưu …'")
    signature: Signature = Field(description="Chữ ký — T/M CHI BỘ (or T/M CHI ỦY), BÍ THƯ, name")

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: list[str]) -> list[str]:
        return _check_recipients(value)

    @model_validator(mode="after")
    def _check_rules(self) -> Resolution:
        from chibo_docs.rules.refusals import signature_violations, vote_violations

        meeting = self.meeting
        for task in self.assignments:
            task._people = meeting.people
        self.adoption_vote._bind(meeting.eligible_base, meeting.voters_present_count)
        out = [(r, f"adoption_vote.{w}" if w else "adoption_vote", m)
               for r, w, m in vote_violations(meeting, self.adoption_vote, adoption=True)]
        if self.issued_on < meeting.date:
            out.append(("V16", "issued_on", f"the resolution is dated {self.issued_on:%d/%m/%Y}, before the meeting of {meeting.date:%d/%m/%Y}; it is issued on or after the meeting"))
        for i, task in enumerate(self.assignments):
            for j, person_id in enumerate(task.assignee_ids):
                if person_id not in meeting.cell.member_by_id:
                    out.append(("V15", f"assignments.{i}.assignee_ids.{j}", f"{person_id!r} is not a member of the cell; tasks are assigned to members"))
        out.extend(signature_violations(meeting.cell, self.signature))
        raise_violations(out)
        return self


class Plan(_Document):
    """Kế hoạch — a plan of a chi bộ or of a đảng ủy (its Ban Thường vụ)."""

    doc_type: ClassVar[DocType] = DocType.PLAN
    document: Literal["plan"] = Field(default="plan", description="Loại văn bản — 'plan' (kế hoạch)")
    issued_by: Organisation = Field(description="Cơ quan ban hành — the issuing organisation")
    number: PositiveInteger = Field(description="Số — number, e.g. 10 → 'Số 10-KH/ĐUK'")
    issued_on: date = Field(description="Ngày ban hành — issue date")
    title: Line = Field(description="Trích yếu — subject, e.g. 'tổ chức thực hiện mô hình sinh hoạt chi bộ mẫu năm 2021'")
    bases: list[DocumentRef] = Field(default_factory=list, description="Căn cứ — documents the plan is based on")
    purposes: list[Text] = Field(min_length=1, description="Mục đích — purposes")
    requirements: list[Text] = Field(min_length=1, description="Yêu cầu — requirements")
    contents: list[Section] = Field(min_length=1, description="Nội dung, nhiệm vụ — contents and tasks")
    schedule: list[ScheduleItem] = Field(default_factory=list, description="Tiến độ, lộ trình — schedule")
    implementation: list[Section] = Field(min_length=1, description="Tổ chức thực hiện — who is responsible for what")
    recipients: list[Line] = Field(min_length=1, description="Nơi nhận — recipients; the last is 'Lưu …'")
    signature: Signature = Field(description="Chữ ký — e.g. T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ, name")

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: list[str]) -> list[str]:
        return _check_recipients(value)

    @model_validator(mode="after")
    def _check_rules(self) -> Plan:
        from chibo_docs.rules.refusals import signature_violations

        raise_violations(signature_violations(self.issued_by, self.signature))
        return self

    @property
    def citation(self) -> str:
        """How other documents cite this plan: 'Kế hoạch số 10-KH/ĐUK, ngày 28/01/2021 của …'."""
        issuer = self.issued_by.name
        if self.signature.on_behalf is OnBehalf.STANDING_COMMITTEE:
            issuer = f"Ban Thường vụ {issuer}"
        ref = DocumentRef(code=self.code or "", issued_on=self.issued_on,
                          issuer=issuer, summary=f"về {self.title}")
        return ref.citation

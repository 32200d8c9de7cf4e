"""The three documents: biên bản (Minutes), nghị quyết (Resolution), kế hoạch (Plan).

Each data file holds one document; its ``document`` field says which (``minutes``,
``resolution``, ``plan``).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from chibo_docs.models.base import Line, Model, PositiveInteger, Text
from chibo_docs.models.document_bases import IssuedDocument, MeetingDocument
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Issuer
from chibo_docs.models.periods import Period, parse_when
from chibo_docs.models.proceedings import Assignment
from chibo_docs.models.references import DocType, DocumentRef, OnBehalf, Recipients, Signature
from chibo_docs.models.views import AssignedTask, Tally
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
    """Tiến độ thực hiện — one row of a plan's schedule: when, what, who.

    When is given by ``period`` (typed: a day, a month, a quarter, a year or a range), by
    ``when`` (free text, as older data has it, e.g. 'Tháng 4/2021'), or both (``when`` is then
    what the form prints). A schedule's periods are checked (rule V25): typed ones always, free
    text when it is one of the usual forms.

    >>> ScheduleItem(period="2021-Q2", what="Sơ kết", who="Chi ủy").time_text
    'Quý II/2021'
    """

    when: Line | None = Field(
        default=None, description="Thời gian (lời) — when, in words, e.g. 'Tháng 4/2021', 'Thường xuyên'"
    )
    period: Period | None = Field(
        default=None,
        description="Thời gian — when, typed: 2021-04-26, 2021-04, 2021-Q2, 2021, or {start: 2021-03, "
        "end: 2021-05}",
    )
    what: Text = Field(description="Nội dung công việc — what is done")
    who: Line = Field(description="Đơn vị, người thực hiện — who does it")

    @property
    def time_text(self) -> str:
        """What the form prints in the 'Thời gian' column: ``when``, else the period in words."""
        if self.when is not None:
            return self.when
        return self.period.text if self.period is not None else ""

    def span(self, year: int | None = None) -> Period | None:
        """The row's period: ``period``, else ``when`` read as a period (its year, else ``year``)."""
        if self.period is not None:
            return self.period
        return None if self.when is None else parse_when(self.when, year=year)


class Minutes(MeetingDocument):
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


class Resolution(MeetingDocument):
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
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — T/M CHI BỘ (or T/M CHI ỦY), BÍ THƯ, name")

    @property
    def assigned_tasks(self) -> list[AssignedTask]:
        """The assignments with their members, from the meeting's cell (``task.who``)."""
        members = self.meeting.cell.member_by_id
        return [AssignedTask.of(a, members) for a in self.assignments]

    @property
    def adoption_tally(self) -> Tally:
        """The adoption vote counted against the meeting's vote base (rule V1)."""
        return self.meeting.tally(self.adoption_vote)


class Plan(IssuedDocument):
    """Kế hoạch — a plan of a chi bộ or of a đảng ủy (its Ban Thường vụ)."""

    doc_type: ClassVar[DocType] = DocType.PLAN
    document: Literal["plan"] = Field(default="plan", description="Loại văn bản — 'plan' (kế hoạch)")
    issued_by: Issuer = Field(description="Cơ quan ban hành — the issuing organisation")
    number: PositiveInteger = Field(description="Số — number, e.g. 10 → 'Số 10-KH/ĐUK'")
    issued_on: date = Field(description="Ngày ban hành — issue date")
    title: Line = Field(description="Trích yếu — subject, e.g. 'tổ chức thực hiện mô hình sinh hoạt chi bộ mẫu năm 2021'")
    bases: list[DocumentRef] = Field(default_factory=list, description="Căn cứ — documents the plan is based on")
    purposes: list[Text] = Field(min_length=1, description="Mục đích — purposes")
    requirements: list[Text] = Field(min_length=1, description="Yêu cầu — requirements")
    contents: list[Section] = Field(min_length=1, description="Nội dung, nhiệm vụ — contents and tasks")
    schedule: list[ScheduleItem] = Field(default_factory=list, description="Tiến độ, lộ trình — schedule")
    implementation: list[Section] = Field(min_length=1, description="Tổ chức thực hiện — who is responsible for what")
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — e.g. T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ, name")

    @property
    def citation(self) -> str:
        """How other documents cite this plan: 'Kế hoạch số 10-KH/ĐUK, ngày 28/01/2021 của …'."""
        issuer = self.issued_by.name
        if self.signature.on_behalf is OnBehalf.STANDING_COMMITTEE:
            issuer = f"Ban Thường vụ {issuer}"
        ref = DocumentRef(code=self.code or "", issued_on=self.issued_on,
                          issuer=issuer, summary=f"về {self.title}")
        return ref.citation

"""Báo cáo: a cell's monthly report to its đảng ủy, and a đảng ủy's report on its cells' meetings.

- :class:`MonthlyReport` (báo cáo tháng): the cell reports the month's meeting, the results of
  its leadership and the next month's tasks, with its quality self-assessment when it has one.
- :class:`QualityReport` (báo cáo đánh giá chất lượng sinh hoạt chi bộ): the đảng ủy lists its
  cells with their score and rating for a month (or their rolled-up year), counts the cells
  of each rating, and sets the share rated Tốt against the target.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from chibo_docs.i18n import message
from chibo_docs.models.base import Integer, Line, Model, PositiveInteger, Text, View
from chibo_docs.models.document_bases import IssuedDocument, MeetingDocument
from chibo_docs.models.documents import Assessment, Section
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Issuer
from chibo_docs.models.quality import (
    AnnualQuality,
    FrameworkRef,
    MonthResult,
    QualityAssessment,
    one_assessment,
)
from chibo_docs.models.references import DocType, DocumentRef, Recipients, Signature
from chibo_docs.models.scorecard import quality_of_the_meeting
from chibo_docs.quality import Points, Rating

__all__ = ["CellResult", "CellRow", "MonthlyReport", "QualityReport", "RatingCount"]


class MonthlyReport(MeetingDocument):
    """Báo cáo tháng của chi bộ — a cell's monthly report to its đảng ủy: results, next tasks."""

    doc_type: ClassVar[DocType] = DocType.REPORT
    document: Literal["monthly_report"] = Field(
        default="monthly_report", description="Loại văn bản — 'monthly_report' (báo cáo tháng)"
    )
    meeting: Meeting = Field(description="Kỳ sinh hoạt — the month's regular meeting")
    number: PositiveInteger = Field(description="Số — number, e.g. 4 → 'Số 04-BC/CB'")
    issued_on: date = Field(description="Ngày ban hành — issue date")
    title: Line = Field(
        description="Trích yếu — subject, e.g. 'kết quả thực hiện nhiệm vụ tháng 4, phương hướng "
        "nhiệm vụ tháng 5 năm 2021'"
    )
    quality: QualityAssessment | None = Field(
        default=None,
        description="Tự đánh giá chất lượng kỳ sinh hoạt — the meeting's scores, when the meeting "
        "does not hold them itself (meeting.quality)",
    )
    assessment: Assessment = Field(description="Kết quả lãnh đạo thực hiện nhiệm vụ — the month's results")
    tasks: list[Section] = Field(min_length=1, description="Phương hướng, nhiệm vụ — tasks for the next month")
    proposals: list[Text] = Field(default_factory=list, description="Đề xuất, kiến nghị — proposals to the đảng ủy")
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — T/M CHI BỘ (or T/M CHI ỦY), BÍ THƯ, name")

    @field_validator("quality", mode="before")
    @classmethod
    def _prefill(cls, value: Any, info: ValidationInfo) -> Any:
        return quality_of_the_meeting(value, info)

    @model_validator(mode="after")
    def _one_assessment(self) -> Self:
        one_assessment(self.quality, self.meeting.quality, required=False)
        return self

    @property
    def quality_assessment(self) -> QualityAssessment | None:
        """The meeting's quality assessment: the report's ``quality``, else the meeting's."""
        return one_assessment(self.quality, self.meeting.quality, required=False)


class CellResult(Model):
    """Kết quả của một chi bộ — one cell in a report: its score, its scorecard, or its months."""

    cell: Line = Field(description="Chi bộ — the cell, e.g. 'Chi bộ Trung tâm Kỹ thuật Tài nguyên'")
    unit: Line | None = Field(
        default=None, description="Trực thuộc — the body above the cell, e.g. 'Đảng bộ Sở Tài nguyên và Môi trường'"
    )
    points: Points | None = Field(default=None, description="Điểm — the month's score")
    assessment: QualityAssessment | None = Field(
        default=None, description="Phiếu chấm điểm — the month's scores by criterion"
    )
    months: list[MonthResult] = Field(
        default_factory=list, description="Kết quả các tháng — the year's monthly results (yearly report)"
    )
    note: Line | None = Field(default=None, description="Ghi chú — note")

    @model_validator(mode="after")
    def _one_result(self) -> Self:
        given = [self.points is not None, self.assessment is not None, bool(self.months)]
        if sum(given) != 1:
            raise ValueError(message("give the cell's result once: its points, its assessment (scores by "
                               "criterion) or, for a year, its months"))
        return self


class CellRow(View):
    """Dòng báo cáo — one cell with its score and rating, as the report's table prints it."""

    number: int = Field(description="Số thứ tự — from 1")
    cell: str = Field(description="Chi bộ — the cell")
    unit: str | None = Field(description="Trực thuộc — the body above the cell")
    score: Decimal | None = Field(description="Điểm — the score (a year: the average, when known)")
    rating: Rating = Field(description="Xếp loại — the rating")
    rating_name: str = Field(description="Tên xếp loại — 'Tốt', 'Khá', …")
    note: str | None = Field(description="Ghi chú — note")


class RatingCount(View):
    """Số chi bộ theo xếp loại — how many cells have one rating, and their share."""

    rating: Rating = Field(description="Xếp loại — the rating")
    name: str = Field(description="Tên xếp loại — 'Tốt', 'Khá', …")
    count: int = Field(description="Số chi bộ — cells with this rating")
    percent: Decimal = Field(description="Tỷ lệ — their share of the cells rated, in percent")


def _percent(part: int, whole: int) -> Decimal:
    share = Decimal(part * 100) / whole
    rounded = share.quantize(Decimal("0.01"))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


class QualityReport(IssuedDocument):
    """Báo cáo đánh giá chất lượng sinh hoạt chi bộ — a đảng ủy's report on its cells' meetings."""

    doc_type: ClassVar[DocType] = DocType.REPORT
    document: Literal["quality_report"] = Field(
        default="quality_report",
        description="Loại văn bản — 'quality_report' (báo cáo đánh giá chất lượng sinh hoạt chi bộ)",
    )
    issued_by: Issuer = Field(description="Cơ quan ban hành — the đảng ủy reporting")
    number: PositiveInteger = Field(description="Số — number, e.g. 45 → 'Số 45-BC/ĐUK'")
    issued_on: date = Field(description="Ngày ban hành — issue date")
    title: Line = Field(
        description="Trích yếu — subject, e.g. 'kết quả đánh giá chất lượng sinh hoạt chi bộ tháng 4 năm 2021'"
    )
    framework: FrameworkRef
    period_month: Integer | None = Field(
        default=None, ge=1, le=12, description="Tháng — the month reported; none for a yearly report"
    )
    period_year: Integer = Field(ge=1930, le=2200, description="Năm — the year")
    bases: list[DocumentRef] = Field(
        default_factory=list, description="Thực hiện — documents the report carries out, e.g. the plan"
    )
    preamble: Text | None = Field(
        default=None, description="Phần mở đầu — lead-in text; the template builds it when omitted"
    )
    cells: list[CellResult] = Field(min_length=1, description="Các chi bộ được đánh giá — the cells rated")
    target_percent: Points | None = Field(
        default=None, le=100,
        description="Chỉ tiêu — the share of cells to be rated Tốt, in percent; the framework's when omitted",
    )
    remarks: list[Text] = Field(default_factory=list, description="Nhận xét, đánh giá — remarks")
    tasks: list[Text] = Field(default_factory=list, description="Nhiệm vụ thời gian tới — tasks ahead")
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — e.g. T/M BAN THƯỜNG VỤ, BÍ THƯ, name")

    @model_validator(mode="after")
    def _results_fit_the_period_and_framework(self) -> Self:
        yearly = self.period_month is None
        frame = self.framework
        for i, row in enumerate(self.cells, start=1):
            if yearly != bool(row.months):
                raise ValueError(message(
                    "cell {number} ({cell}): a yearly report gives each cell its months, a monthly "
                    "report its points or assessment", number=i, cell=row.cell))
            if row.assessment is not None and row.assessment.framework.id != frame.id:
                raise ValueError(message(
                    "cell {number} ({cell}) is scored with {other}, the report with {framework}; "
                    "use one framework", number=i, cell=row.cell, other=row.assessment.framework.id,
                    framework=frame.id))
            if row.points is not None and row.points > frame.total:
                raise ValueError(message(
                    "cell {number} ({cell}) gets {points} points, more than the framework's {total}",
                    number=i, cell=row.cell, points=row.points, total=frame.total))
        return self

    def _annual(self, row: CellResult) -> AnnualQuality:
        return AnnualQuality(framework=self.framework, year=self.period_year, months=row.months)

    @property
    def rows(self) -> list[CellRow]:
        """The cells with their score and rating, numbered from 1."""
        frame = self.framework
        rows = []
        for n, row in enumerate(self.cells, start=1):
            score: Decimal | None
            if row.months:
                year = self._annual(row)
                score, rating = year.average, year.rating
            elif row.assessment is not None:
                score, rating = row.assessment.score, row.assessment.rating
            else:
                assert row.points is not None
                score, rating = row.points, frame.rating_for(row.points)
            rows.append(CellRow(number=n, cell=row.cell, unit=row.unit, score=score, rating=rating,
                                rating_name=frame.rating_name(rating), note=row.note))
        return rows

    @property
    def rating_counts(self) -> list[RatingCount]:
        """For each rating, best first: how many cells have it and their share."""
        ratings = [row.rating for row in self.rows]
        return [RatingCount(rating=r, name=self.framework.rating_name(r), count=ratings.count(r),
                            percent=_percent(ratings.count(r), len(ratings))) for r in Rating]

    @property
    def tot_percent(self) -> Decimal:
        """The share of the cells rated Tốt, in percent."""
        return self.rating_counts[0].percent

    @property
    def target(self) -> Decimal | None:
        """The target share of cells rated Tốt: the report's, else the framework's (None: no target)."""
        return self.target_percent if self.target_percent is not None else self.framework.target_tot_percent

    @property
    def target_met(self) -> bool | None:
        """Whether the share rated Tốt reaches the target (None: no target)."""
        target = self.target
        return None if target is None else self.tot_percent >= target

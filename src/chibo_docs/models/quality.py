"""Tự đánh giá chất lượng sinh hoạt: a meeting scored against a framework, and a year rolled up.

A :class:`QualityAssessment` scores every leaf criterion of a framework (khung tiêu chí,
:mod:`chibo_docs.quality`), or marks it not applicable; the total and the rating follow::

    >>> q = QualityAssessment(framework="phu-tho-dukcq",
    ...                       scores={"chuan_bi": 14, "ty_le_du": 20, "to_chuc": 41, "ket_thuc": 18})
    >>> q.total, q.score, q.rating, q.rating_name
    (Decimal('93'), Decimal('93'), <Rating.TOT: 'tot'>, 'Tốt')

A meeting's own assessment (``meeting.quality``) needs no score for the criteria that follow
from the meeting's data (the attendance rate, the duration, the materials posted on time):
they are pre-filled from the meeting, with the reason, when the data leaves them out. The
cell adopts the score by a vote (``adoption_vote``) and the upper-level committee member
present confirms it (``confirmed_by``, a guest of the meeting).

:class:`AnnualQuality` rolls twelve monthly results up by the framework's annual rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Protocol, Self

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from chibo_docs.formatting.dates import format_date, format_time
from chibo_docs.formatting.numerals import format_number
from chibo_docs.i18n import message
from chibo_docs.models.base import Id, Integer, Line, Model, View
from chibo_docs.models.organisation import Cell, Transfer
from chibo_docs.models.proceedings import Attendance, AttendanceStatus, MeetingKind
from chibo_docs.models.vote import Vote
from chibo_docs.quality import Framework, Measure, Points, Rating, get_framework
from chibo_docs.quality.framework import AnnualOutcome, Criterion

__all__ = [
    "NOT_APPLICABLE",
    "AnnualQuality",
    "FrameworkRef",
    "MeetingFacts",
    "MonthResult",
    "QualityAssessment",
    "Score",
    "ScoreRow",
    "one_assessment",
    "prefilled_scores",
    "with_prefilled_scores",
]

NOT_APPLICABLE = "khong_ap_dung"
"""What a data file writes for a criterion that does not apply to the meeting."""

_HUNDREDTH = Decimal("0.01")


def _tidy(value: Decimal) -> Decimal:
    """``value`` rounded half-up to 0.01, without trailing zeros (``100``, ``92.5``, ``89.08``)."""
    rounded = value.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


def _framework(value: Any) -> Any:
    if isinstance(value, Framework):
        return value
    if isinstance(value, str):
        return get_framework(value)  # UnknownFrameworkError is a ValueError: pydantic reports it
    raise ValueError(message("give the id of a quality framework, such as 'phu-tho-dukcq' "
                       "(see `chibo-docs frameworks`); found {value}", value=repr(value)))


FrameworkRef = Annotated[
    Framework,
    BeforeValidator(_framework, json_schema_input_type=str),
    PlainSerializer(lambda framework: framework.id, return_type=str),
    Field(description="Khung tiêu chí — the quality framework, by its id (see `chibo-docs frameworks`)"),
]
"""A quality framework named by its id in the data; the framework itself once validated."""


class Score(Model):
    """Điểm chấm một tiêu chí — the points given to one criterion, or 'not applicable'.

    A data file writes a number (``14``, ``13.5``), ``khong_ap_dung``, or the mapping with a
    reason (``{points: 14, reason: …}``).
    """

    points: Points | None = Field(default=None, description="Điểm chấm — points awarded")
    not_applicable: bool = Field(
        default=False, description="Không áp dụng — the criterion does not apply to this meeting"
    )
    reason: Line | None = Field(
        default=None,
        description="Căn cứ chấm điểm — why these points (written when a score is pre-filled from the meeting)",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if value == NOT_APPLICABLE:
            return {"not_applicable": True}
        if isinstance(value, str | bool):
            raise ValueError(message("points are a number written as a number, such as 15 or 13.5, or "
                               "'{na}' when the criterion does not apply; found {value}",
                               na=NOT_APPLICABLE, value=repr(value)))
        if isinstance(value, int | float | Decimal):
            return {"points": value}
        return value

    @model_validator(mode="after")
    def _points_or_not_applicable(self) -> Self:
        if (self.points is None) == (not self.not_applicable):
            raise ValueError(message("give the points of the criterion, or write '{na}' when it does not apply",
                               na=NOT_APPLICABLE))
        return self


class ScoreRow(View):
    """Dòng phiếu chấm điểm — one criterion of the framework with its maximum and its points."""

    number: str = Field(description="Số thứ tự — '1', '1.2', …")
    depth: int = Field(description="Cấp — 1 for a top criterion, 2 under it, …")
    criterion_id: str = Field(description="Mã tiêu chí — the criterion's id")
    name: str = Field(description="Tiêu chí — the criterion's name")
    max_points: Decimal = Field(description="Điểm tối đa — maximum points")
    points: Decimal | None = Field(description="Điểm chấm — points (a group's: the sum of its criteria); None when not applicable")
    not_applicable: bool = Field(description="Không áp dụng — the criterion does not apply")
    reason: str | None = Field(description="Căn cứ chấm điểm — the reason of a pre-filled score")
    is_group: bool = Field(description="Nhóm tiêu chí — a group, scored through its criteria")


class QualityAssessment(Model):
    """Tự đánh giá chất lượng kỳ sinh hoạt — a meeting's quality scored against a framework.

    Every leaf criterion of the framework is scored (0 to its maximum) or marked not
    applicable; the total, the score on the framework's scale and the rating are derived.
    """

    framework: FrameworkRef
    scores: dict[Id, Score] = Field(
        description="Điểm chấm — points by criterion id (the leaves of the framework): a number, "
        "'khong_ap_dung', or {points, reason}"
    )
    adoption_vote: Vote | None = Field(
        default=None, description="Biểu quyết thông qua — the cell's vote adopting the score"
    )
    confirmed_by: Id | None = Field(
        default=None,
        description="Đại diện cấp ủy cấp trên xác nhận — the upper-level committee member present "
        "who confirmed the score (the id of a guest of the meeting)",
    )

    @model_validator(mode="after")
    def _every_leaf_scored_within_its_maximum(self) -> Self:
        frame = self.framework
        leaves = {c.id: c for c in frame.leaves}
        unknown = [key for key in self.scores if key not in leaves]
        if unknown:
            groups = [key for key in unknown if frame.criterion(key) is not None]
            if groups:
                group = frame.criterion(groups[0])
                assert group is not None
                raise ValueError(message(
                    "{criterion} is a group of criteria of {framework}: score its criteria "
                    "{leaves} instead", criterion=groups[0], framework=frame.id,
                    leaves=", ".join(c.id for c in group.leaves)))
            raise ValueError(message(
                "{framework} has no criterion {criteria}; its criteria are {known}",
                framework=frame.id, criteria=", ".join(unknown), known=", ".join(leaves)))
        for key, score in self.scores.items():
            if score.points is not None and score.points > leaves[key].max_points:
                raise ValueError(message(
                    "criterion {criterion} gets {points} points, more than its maximum of "
                    "{max_points}; give at most {max_points}", criterion=key, points=score.points,
                    max_points=leaves[key].max_points))
        missing = [key for key in leaves if key not in self.scores]
        if missing:
            filled = [key for key in missing if leaves[key].prefill is not None]
            if filled:
                raise ValueError(message(
                    "criteria {criteria} of {framework} have no score; give each its points or "
                    "'{na}' ({filled} can be filled from the meeting's data when the assessment "
                    "is the meeting's own: meeting.quality)", criteria=", ".join(missing),
                    framework=frame.id, na=NOT_APPLICABLE, filled=", ".join(filled)))
            raise ValueError(message(
                "criteria {criteria} of {framework} have no score; give each its points or '{na}'",
                criteria=", ".join(missing), framework=frame.id, na=NOT_APPLICABLE))
        if all(s.not_applicable for s in self.scores.values()):
            raise ValueError(message("every criterion is marked '{na}': score at least one", na=NOT_APPLICABLE))
        return self

    # -- figures --------------------------------------------------------------------------
    @property
    def total(self) -> Decimal:
        """Tổng điểm — the points of the criteria that apply (with the framework's rule for the others)."""
        frame = self.framework
        total = sum((s.points for s in self.scores.values() if s.points is not None), Decimal(0))
        if frame.not_applicable == "full":
            total += sum((c.max_points for c in frame.leaves if self.scores[c.id].not_applicable),
                         Decimal(0))
        return total

    @property
    def max_total(self) -> Decimal:
        """Điểm tối đa — the most the criteria that apply can give (the framework's total when all do)."""
        frame = self.framework
        if frame.not_applicable == "full":
            return frame.total
        return sum((c.max_points for c in frame.leaves if not self.scores[c.id].not_applicable),
                   Decimal(0))

    @property
    def score(self) -> Decimal:
        """Điểm đánh giá — the total on the framework's scale (scaled when criteria do not apply)."""
        if self.max_total == self.framework.total:
            return self.total
        scaled = self.total * self.framework.total / self.max_total
        return _tidy(scaled)

    @property
    def scaled(self) -> bool:
        """Whether the score is scaled (some criteria do not apply)."""
        return self.max_total != self.framework.total

    @property
    def rating(self) -> Rating:
        """Xếp loại — the rating of the score, by the framework's thresholds."""
        return self.framework.rating_for(self.score)

    @property
    def rating_name(self) -> str:
        """The rating's name in the framework (``"Tốt"``, …)."""
        return self.framework.rating_name(self.rating)

    @property
    def rows(self) -> list[ScoreRow]:
        """Every criterion, groups and leaves, numbered ``1``, ``1.1``…, with its points."""
        rows: list[ScoreRow] = []

        def walk(criteria: Sequence[Criterion], prefix: str, depth: int) -> None:
            for n, criterion in enumerate(criteria, start=1):
                number = f"{prefix}{n}"
                leaves = [self.scores[c.id] for c in criterion.leaves]
                applicable = [s.points for s in leaves if s.points is not None]
                single = leaves[0] if criterion.is_leaf else None
                rows.append(ScoreRow(
                    number=number, depth=depth, criterion_id=criterion.id, name=criterion.name,
                    max_points=criterion.max_points,
                    points=sum(applicable, Decimal(0)) if applicable else None,
                    not_applicable=not applicable, reason=single.reason if single else None,
                    is_group=not criterion.is_leaf,
                ))
                walk(criterion.criteria, f"{number}.", depth + 1)

        walk(self.framework.criteria, "", 1)
        return rows

    @property
    def groups(self) -> list[ScoreRow]:
        """The top criteria (groups or leaves) with their points: the short form the minutes print."""
        return [row for row in self.rows if row.depth == 1]


class _MeetingParts(Protocol):
    """What the facts are read from: a meeting (not imported here: the meeting holds an assessment)."""

    @property
    def cell(self) -> Cell: ...
    @property
    def attendance(self) -> list[Attendance]: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def kind(self) -> MeetingKind: ...
    @property
    def materials_posted_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class MeetingFacts:
    """Số liệu của kỳ sinh hoạt — the figures of a meeting that criteria are pre-filled from.

    Read from the meeting's data as it is written (unknown ids are skipped), so that they can
    be taken while the meeting is still being validated.
    """

    present: int
    counted: int
    unexcused: int
    duration_minutes: int
    norm_minutes: int
    start: datetime
    materials_posted_at: datetime | None

    @classmethod
    def of(
        cls,
        cell: Cell,
        attendance: Sequence[Attendance],
        start: datetime,
        end: datetime,
        kind: MeetingKind,
        materials_posted_at: datetime | None,
    ) -> MeetingFacts:
        """Take the figures from a meeting's parts (as :attr:`Meeting.attendance_percent` counts)."""
        counted = {m.id for m in cell.members
                   if m.transfer is not Transfer.SENT_AWAY and not m.suspended and not m.exempt}
        convened = {m.id for m in cell.members
                    if m.transfer is not Transfer.SENT_AWAY and not m.suspended}
        seen: set[str] = set()
        present = unexcused = 0
        for entry in attendance:
            if entry.member_id in seen or entry.member_id not in convened:
                continue
            seen.add(entry.member_id)
            if entry.present and entry.member_id in counted:
                present += 1
            elif entry.status is AttendanceStatus.UNEXCUSED and entry.member_id in counted:
                unexcused += 1
        rules = cell.rules
        norm = rules.min_minutes_combined if kind is MeetingKind.COMBINED else rules.min_minutes
        minutes = max(0, int((end - start).total_seconds() // 60))
        return cls(present, len(counted), unexcused, minutes, norm, start, materials_posted_at)

    @classmethod
    def of_meeting(cls, meeting: _MeetingParts) -> MeetingFacts:
        """Take the figures from a meeting (a :class:`~chibo_docs.models.Meeting`)."""
        return cls.of(meeting.cell, meeting.attendance, meeting.start, meeting.end, meeting.kind,
                      meeting.materials_posted_at)

    @property
    def attendance_percent(self) -> Decimal:
        """Members present of those counted, in percent, rounded to 0.01 (as rule V9 reads it)."""
        if not self.counted:
            return Decimal(100)
        return _tidy(Decimal(self.present * 100) / self.counted)

    @property
    def minutes_short(self) -> int:
        """Minutes short of the rule set's minimum for the meeting's kind (0 when none)."""
        return max(0, self.norm_minutes - self.duration_minutes)

    @property
    def materials_days_before(self) -> Decimal | None:
        """Days (with fractions) the materials were posted before the start; None if not posted."""
        if self.materials_posted_at is None:
            return None
        seconds = Decimal((self.start - self.materials_posted_at).total_seconds())
        return (seconds / 86400).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)

    def figure(self, measure: Measure) -> Decimal | None:
        """The figure ``measure`` names."""
        if measure is Measure.ATTENDANCE_PERCENT:
            return self.attendance_percent
        if measure is Measure.MINUTES_SHORT:
            return Decimal(self.minutes_short)
        return self.materials_days_before

    def reason(self, measure: Measure) -> str:
        """The figure in words, as the scorecard prints it (document text, in Vietnamese)."""
        if measure is Measure.ATTENDANCE_PERCENT:
            text = (f"Có mặt {self.present}/{self.counted} đồng chí, đạt "
                    f"{format_number(self.attendance_percent)}%")
            if self.unexcused:
                text += f"; {self.unexcused} đồng chí vắng không có lý do"
            return text
        if measure is Measure.MINUTES_SHORT:
            if self.minutes_short:
                return (f"Sinh hoạt {self.duration_minutes} phút, thiếu {self.minutes_short} phút "
                        f"so với quy định {self.norm_minutes} phút")
            return f"Sinh hoạt {self.duration_minutes} phút (quy định từ {self.norm_minutes} phút)"
        posted = self.materials_posted_at
        if posted is None:
            return "Không đăng tải tài liệu lên Sổ tay đảng viên điện tử trước kỳ sinh hoạt"
        return (f"Đăng tải tài liệu lên Sổ tay đảng viên điện tử lúc {format_time(posted)}, "
                f"{format_date(posted)}")


def prefilled_scores(framework: Framework, facts: MeetingFacts) -> dict[str, Score]:
    """Return the scores of the leaves of ``framework`` that follow from the meeting's ``facts``.

    Each with its reason; a leaf whose figure is unknown and that gives no ``missing_points``
    is left out (it is scored by hand).
    """
    found: dict[str, Score] = {}
    for leaf in framework.leaves:
        rule = leaf.prefill
        if rule is None:
            continue
        points = rule.points_for(facts.figure(rule.measure), unexcused=facts.unexcused)
        if points is not None:
            found[leaf.id] = Score(points=points, reason=facts.reason(rule.measure))
    return found


def with_prefilled_scores(value: Any, facts: MeetingFacts | None) -> Any:
    """Return the data of an assessment with the scores its meeting's ``facts`` give added.

    Scores the data gives are kept as they are (the cell's vote decides). Data that is not an
    assessment's (or names no known framework) is returned unchanged, for validation to report.
    """
    if facts is None:
        return value
    if isinstance(value, QualityAssessment):
        data: dict[str, Any] = {name: getattr(value, name) for name in type(value).model_fields}
    elif isinstance(value, Mapping):
        data = dict(value)
    else:
        return value
    scores = data.get("scores", {})
    try:
        frame = _framework(data.get("framework"))
    except ValueError:
        return value
    if not isinstance(scores, Mapping):
        return value
    extra = {k: v for k, v in prefilled_scores(frame, facts).items() if k not in scores}
    return {**data, "framework": frame, "scores": {**scores, **extra}} if extra else value


def one_assessment(own: QualityAssessment | None, meeting: QualityAssessment | None,
                   *, required: bool) -> QualityAssessment | None:
    """The assessment a document of a meeting prints: its own ``quality``, else the meeting's.

    Raises ValueError when both are given (say it once), or when ``required`` and neither is.
    """
    if own is not None and meeting is not None:
        raise ValueError(message("the meeting has its own quality assessment (meeting.quality): leave out "
                           "this document's 'quality', or the meeting's"))
    if required and own is None and meeting is None:
        raise ValueError(message("there is no quality assessment to print: give 'quality' (the framework "
                           "and the scores), or the meeting's own (meeting.quality)"))
    return own if own is not None else meeting


class MonthResult(Model):
    """Kết quả một tháng — one month's result: its score, or its rating when only that is known."""

    month: Integer = Field(ge=1, le=12, description="Tháng — the month")
    points: Points | None = Field(default=None, description="Điểm — the month's score")
    rating: Rating | None = Field(
        default=None, description="Xếp loại — the month's rating, when its score is not known"
    )

    @model_validator(mode="after")
    def _points_or_rating(self) -> Self:
        if (self.points is None) == (self.rating is None):
            raise ValueError(message("give the month's points or its rating, one of the two"))
        return self


class AnnualQuality(Model):
    """Xếp loại chất lượng sinh hoạt cả năm — the monthly results of a year rolled up.

    >>> year = AnnualQuality(framework="phu-tho-dukcq", year=2021,
    ...     months=[{"month": m, "points": 92 if m <= 7 else 85} for m in range(1, 13)])
    >>> year.rating, year.average, year.outcome.counts[Rating.TOT]
    (<Rating.TOT: 'tot'>, Decimal('89.08'), 7)
    """

    framework: FrameworkRef
    year: Integer = Field(ge=1930, le=2200, description="Năm — the year")
    months: list[MonthResult] = Field(
        min_length=1, max_length=12, description="Kết quả các tháng — one result per month held"
    )

    @model_validator(mode="after")
    def _one_result_a_month(self) -> Self:
        seen = [m.month for m in self.months]
        twice = sorted({m for m in seen if seen.count(m) > 1})
        if twice:
            raise ValueError(message("months {months} are given twice; give one result a month",
                               months=", ".join(map(str, twice))))
        top = self.framework.total
        over = [m for m in self.months if m.points is not None and m.points > top]
        if over:
            raise ValueError(message("month {month} gets {points} points, more than the framework's {total}",
                               month=over[0].month, points=over[0].points, total=top))
        return self

    @property
    def monthly_ratings(self) -> list[Rating]:
        """Each month's rating, in the order of the months (from its points when given)."""
        frame = self.framework
        ratings: list[Rating] = []
        for result in sorted(self.months, key=lambda m: m.month):
            if result.points is not None:
                ratings.append(frame.rating_for(result.points))
            else:
                assert result.rating is not None  # one of the two (validated)
                ratings.append(result.rating)
        return ratings

    @property
    def average(self) -> Decimal | None:
        """The average monthly score, to 0.01 (None when a month has only its rating)."""
        points = [m.points for m in self.months if m.points is not None]
        if len(points) != len(self.months):
            return None
        return _tidy(sum(points, Decimal(0)) / len(points))

    @property
    def outcome(self) -> AnnualOutcome:
        """The roll-up: the rating, the rule that gave it, the counts per rating."""
        return self.framework.annual_outcome(self.monthly_ratings, self.average)

    @property
    def rating(self) -> Rating:
        """Xếp loại cả năm — the year's rating."""
        return self.outcome.rating

    @property
    def rating_name(self) -> str:
        """The year's rating's name in the framework."""
        return self.framework.rating_name(self.rating)

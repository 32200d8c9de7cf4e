"""A quality framework (khung tiêu chí): a tree of criteria with points, ratings and roll-ups.

Frameworks differ by province and by year, so each is data: a TOML file (``frameworks/`` in
the repository, ``chibo_docs/frameworks`` in the wheel) that says, with its source and how
sure we are of it,

- the criteria (tiêu chí), a tree: each has an ``id``, a Vietnamese ``name`` and its
  ``max_points``; a group's maximum is the sum of its criteria's; only the leaves are scored;
- how a leaf that follows from the meeting's own data is pre-filled (``prefill``: the
  attendance rate, the minutes short of the rule set's minimum, how long before the meeting
  the materials were posted), as bands of points;
- the monthly ratings (xếp loại) ``tot``, ``kha``, ``trung_binh``, ``kem``: the lowest score of
  each and its name;
- the annual roll-up of the monthly ratings: rules tried from the best rating down;
- what a criterion that does not apply does to the total (``not_applicable``).

>>> from chibo_docs.quality import get_framework
>>> frame = get_framework("phu-tho-dukcq")
>>> [(c.id, c.max_points) for c in frame.leaves]
[('chuan_bi', Decimal('15')), ('ty_le_du', Decimal('20')), ('to_chuc', Decimal('45')), ('ket_thuc', Decimal('20'))]
>>> frame.total, frame.rating_for(Decimal(93)), frame.rating_for(Decimal("69.5"))
(Decimal('100'), <Rating.TOT: 'tot'>, <Rating.TRUNG_BINH: 'trung_binh'>)
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from chibo_docs.i18n import _

__all__ = [
    "AnnualOutcome",
    "AnnualRule",
    "Band",
    "Confidence",
    "Criterion",
    "Framework",
    "Measure",
    "NotApplicable",
    "Points",
    "Prefill",
    "Rating",
    "RatingThreshold",
    "as_points",
]


def as_points(value: Any) -> Decimal:
    """Read a number of points: an int, a float (through its shortest text) or a Decimal.

    Text and booleans are refused (``"5"`` and ``true`` are not points), as in every count of
    the data model.

    >>> as_points(20), as_points(18.5), as_points(Decimal("0.25"))
    (Decimal('20'), Decimal('18.5'), Decimal('0.25'))
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(_("points are a number written as a number, such as 15 or 13.5; found {value}",
                           value=repr(value)))
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # pragma: no cover - Decimal(int) and Decimal(str(float)) succeed
        raise ValueError(_("points are a number written as a number, such as 15 or 13.5; found {value}",
                           value=repr(value))) from None
    if not number.is_finite():
        raise ValueError(_("points are a number written as a number, such as 15 or 13.5; found {value}",
                           value=repr(value)))
    return number


def _as_json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Points = Annotated[
    Decimal,
    Field(ge=0),
    BeforeValidator(as_points, json_schema_input_type=Annotated[float, Field(ge=0)]),
    PlainSerializer(_as_json_number, return_type=int | float, when_used="json"),
]
"""A number of points, from 0: whole or with decimals (``13.5``), never text (a number in JSON)."""


def _name(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if not text or any(c in text for c in "\n\r"):
        raise ValueError(_("a name is one line of text, not empty; found {value}", value=repr(value)))
    return text


Name = Annotated[str, AfterValidator(_name)]
"""One line of text in NFC (a criterion's or a rating's name, a source)."""

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=60)]
"""An id in a framework file: lower-case ASCII letters, digits, ``_.-``."""


class _Data(BaseModel):
    """Base of the framework's parts: immutable, no unknown keys (a typo is an error)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Confidence(StrEnum):
    """Độ tin cậy — how sure we are of a value: seen in its source, or not."""

    CONFIRMED = "confirmed"
    """Seen in the source cited (an official text, or an official party site's account of it)."""
    UNCONFIRMED = "unconfirmed"
    """Not seen in an official source: from third-party material, truncated, or assumed."""


class Rating(StrEnum):
    """Xếp loại chất lượng sinh hoạt — a meeting's (or a year's) rating, best first."""

    TOT = "tot"
    """Tốt."""
    KHA = "kha"
    """Khá."""
    TRUNG_BINH = "trung_binh"
    """Trung bình."""
    KEM = "kem"
    """Kém."""

    @property
    def rank(self) -> int:
        """0 for the best rating (``tot``), 3 for the worst (``kem``)."""
        return list(Rating).index(self)

    def at_least(self, other: Rating) -> bool:
        """Whether this rating is ``other`` or better.

        >>> Rating.KHA.at_least(Rating.TRUNG_BINH), Rating.KEM.at_least(Rating.KHA)
        (True, False)
        """
        return self.rank <= other.rank


class Measure(StrEnum):
    """Số liệu của kỳ sinh hoạt — a figure of the meeting a criterion may be pre-filled from."""

    ATTENDANCE_PERCENT = "attendance_percent"
    """Members present, as a percent of those convened who are not exempt (rounded to 0.01)."""
    MINUTES_SHORT = "minutes_short"
    """Minutes the meeting fell short of the rule set's minimum for its kind (0 when it did not)."""
    MATERIALS_DAYS_BEFORE = "materials_days_before"
    """Days (with fractions) between posting the materials and the start; unknown if not posted."""


class Band(_Data):
    """One band of a pre-fill: the points given when the figure is within its bound.

    ``at_least`` (the figure is that or more) or ``at_most`` (that or less), or neither: the
    band that catches every figure, last.
    """

    at_least: Decimal | None = None
    at_most: Decimal | None = None
    points: Points

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if self.at_least is not None and self.at_most is not None:
            raise ValueError(_("a band has at_least or at_most, not both"))
        return self

    def holds(self, figure: Decimal) -> bool:
        """Whether ``figure`` falls in this band."""
        if self.at_least is not None:
            return figure >= self.at_least
        if self.at_most is not None:
            return figure <= self.at_most
        return True


class Prefill(_Data):
    """Tự động chấm — how a leaf is scored from the meeting's data, and on what authority.

    The bands are tried in order; the first that holds gives the points. A meeting with a
    member absent without a reason gets ``unexcused_absence_points`` instead, when given (and
    less than the band's). A figure that is unknown (no materials posted) gets
    ``missing_points``, or is left to score by hand when that is not given.
    """

    measure: Measure
    bands: list[Band] = Field(min_length=1)
    unexcused_absence_points: Points | None = None
    missing_points: Points | None = None
    source: Name
    confidence: Confidence

    def points_for(self, figure: Decimal | None, *, unexcused: int = 0) -> Decimal | None:
        """Return the points for ``figure`` (None: unknown figure and no ``missing_points``).

        >>> p = Prefill(measure="attendance_percent", source="s", confidence="unconfirmed",
        ...             unexcused_absence_points=1,
        ...             bands=[{"at_least": 90, "points": 4}, {"at_least": 75, "points": 3},
        ...                    {"points": 1}])
        >>> p.points_for(Decimal("92.86")), p.points_for(Decimal(80)), p.points_for(Decimal(80), unexcused=1)
        (Decimal('4'), Decimal('3'), Decimal('1'))
        """
        if figure is None:
            return self.missing_points
        points = next((b.points for b in self.bands if b.holds(figure)), None)
        if points is None:
            return None
        if unexcused and self.unexcused_absence_points is not None:
            return min(points, self.unexcused_absence_points)
        return points


class Criterion(_Data):
    """Tiêu chí — one criterion: a leaf that is scored, or a group of criteria."""

    id: Key
    name: Name
    max_points: Points
    criteria: list[Criterion] = Field(default_factory=list)
    prefill: Prefill | None = None
    note: Name | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.criteria:
            if self.prefill is not None:
                raise ValueError(_("criterion {criterion} is a group: only its leaves may have a prefill",
                                   criterion=self.id))
            total = sum((c.max_points for c in self.criteria), Decimal(0))
            if total != self.max_points:
                raise ValueError(_(
                    "criterion {criterion} has max_points {max_points}, but its criteria add up to "
                    "{total}; make them agree", criterion=self.id, max_points=self.max_points, total=total))
        elif self.max_points <= 0:
            raise ValueError(_("criterion {criterion} has no points; give it max_points above 0",
                               criterion=self.id))
        if self.prefill is not None:
            over = [b.points for b in self.prefill.bands if b.points > self.max_points]
            for extra in (self.prefill.unexcused_absence_points, self.prefill.missing_points):
                if extra is not None and extra > self.max_points:
                    over.append(extra)
            if over:
                raise ValueError(_(
                    "the prefill of criterion {criterion} gives {points} points, more than its "
                    "max_points {max_points}", criterion=self.id, points=max(over),
                    max_points=self.max_points))
        return self

    @property
    def is_leaf(self) -> bool:
        """Whether the criterion is scored itself (it has no criteria under it)."""
        return not self.criteria

    @property
    def leaves(self) -> list[Criterion]:
        """The leaves under this criterion, in order (itself when it is a leaf)."""
        if self.is_leaf:
            return [self]
        return [leaf for c in self.criteria for leaf in c.leaves]


class RatingThreshold(_Data):
    """Ngưỡng xếp loại — a rating's name and the lowest score (on the framework's total) it takes."""

    name: Name
    at_least: Points


class AnnualRule(_Data):
    """Quy tắc xếp loại cả năm — what a year needs for ``rating``; every condition given must hold.

    ``every_month_at_least``: every month held is rated that or better; ``months_rated``: at
    least that many months are rated exactly that (``{tot = 7}``); ``min_average``: the
    average monthly score is at least that; ``months_held``: at least that many months were
    held and rated.
    """

    rating: Rating
    every_month_at_least: Rating | None = None
    months_rated: dict[Rating, int] = Field(default_factory=dict)
    min_average: Points | None = None
    months_held: int | None = Field(default=None, ge=1, le=12)
    source: Name
    confidence: Confidence

    def holds(self, ratings: Sequence[Rating], average: Decimal | None) -> bool:
        """Whether a year of monthly ``ratings`` (with their ``average`` score, if known) qualifies."""
        if self.months_held is not None and len(ratings) < self.months_held:
            return False
        floor = self.every_month_at_least
        if floor is not None and not all(r.at_least(floor) for r in ratings):
            return False
        counts = Counter(ratings)
        if any(counts[rating] < n for rating, n in self.months_rated.items()):
            return False
        return self.min_average is None or (average is not None and average >= self.min_average)


@dataclass(frozen=True)
class AnnualOutcome:
    """A year rolled up: its rating, the rule that gave it (None: no rule held), the figures."""

    rating: Rating
    rule: AnnualRule | None
    months: int
    counts: dict[Rating, int]
    average: Decimal | None


NotApplicable = Literal["scale", "full"]
"""What a criterion that does not apply does: ``scale`` the score to the framework's total
(points × total / applicable maximum), or count it ``full`` (its maximum)."""


class Framework(_Data):
    """Khung tiêu chí đánh giá chất lượng sinh hoạt chi bộ — a quality framework, as data."""

    model_config = ConfigDict(frozen=True, extra="forbid", revalidate_instances="never")

    id: Key
    name: Name
    issuer: Name
    source: Name
    confidence: Confidence
    note: Name | None = None
    ratings: dict[Rating, RatingThreshold]
    criteria: list[Criterion] = Field(min_length=1)
    not_applicable: NotApplicable = "scale"
    not_applicable_source: Name
    annual: list[AnnualRule] = Field(default_factory=list)
    target_tot_percent: Points | None = None
    target_source: Name | None = None
    origin: str = Field(default="built-in", exclude=True)
    """Where the framework comes from: ``built-in``, ``folder <path>`` or ``package <name>``."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        missing = [r.value for r in Rating if r not in self.ratings]
        if missing:
            raise ValueError(_("the framework gives no threshold for the ratings {ratings}; give all four",
                               ratings=", ".join(missing)))
        floors = [self.ratings[r].at_least for r in Rating]
        if any(a <= b for a, b in zip(floors, floors[1:], strict=False)) or floors[-1] != 0:
            raise ValueError(_(
                "the rating thresholds must fall from tot to kem, and kem starts at 0; found {found}",
                found=", ".join(f"{r.value} {self.ratings[r].at_least}" for r in Rating)))
        if floors[0] > self.total:
            raise ValueError(_("the threshold of tot ({points}) is above the framework's total {total}",
                               points=floors[0], total=self.total))
        seen: set[str] = set()
        for criterion in self._walk(self.criteria):
            if criterion.id in seen:
                raise ValueError(_("the criterion id {criterion} is used twice; give each criterion its own id",
                                   criterion=criterion.id))
            seen.add(criterion.id)
        rated = [rule.rating for rule in self.annual]
        if len(set(rated)) != len(rated) or Rating.KEM in rated:
            raise ValueError(_("the annual rules give each rating but kem at most once (kem is what is left)"))
        if self.target_tot_percent is not None and self.target_source is None:
            raise ValueError(_("the framework has a target_tot_percent without its target_source; cite it"))
        return self

    @staticmethod
    def _walk(criteria: Sequence[Criterion]) -> list[Criterion]:
        found: list[Criterion] = []
        for c in criteria:
            found += [c, *Framework._walk(c.criteria)]
        return found

    @property
    def total(self) -> Decimal:
        """The framework's total: the sum of its top criteria's maximums (usually 100)."""
        return sum((c.max_points for c in self.criteria), Decimal(0))

    @property
    def leaves(self) -> list[Criterion]:
        """The criteria that are scored, in order."""
        return [leaf for c in self.criteria for leaf in c.leaves]

    @property
    def all_criteria(self) -> list[Criterion]:
        """Every criterion, groups and leaves, depth first."""
        return self._walk(self.criteria)

    def criterion(self, criterion_id: str) -> Criterion | None:
        """Return the criterion (group or leaf) with ``criterion_id``, or None."""
        return next((c for c in self.all_criteria if c.id == criterion_id), None)

    def rating_for(self, score: Decimal) -> Rating:
        """Return the rating of ``score`` (on the framework's total): the best whose threshold it reaches."""
        return next(r for r in Rating if score >= self.ratings[r].at_least)

    def rating_name(self, rating: Rating) -> str:
        """Return the framework's name of ``rating`` (``"Tốt"``, …)."""
        return self.ratings[rating].name

    def annual_outcome(self, ratings: Sequence[Rating], average: Decimal | None = None) -> AnnualOutcome:
        """Roll a year of monthly ``ratings`` up by the framework's annual rules.

        The rules are tried from the best rating down; the first that holds gives the year's
        rating, and a year no rule takes is rated ``kem``. ``average`` is the average monthly
        score, when the scores are known; when it is not, a rule's ``min_average`` is read
        against the least the ratings allow (each month at the threshold of its rating), so a
        rule holds only when it surely does.

        >>> from chibo_docs.quality import get_framework
        >>> frame = get_framework("phu-tho-dukcq")
        >>> year = [Rating.TOT] * 7 + [Rating.KHA] * 5
        >>> frame.annual_outcome(year).rating, frame.annual_outcome(year[1:] + [Rating.TRUNG_BINH]).rating
        (<Rating.TOT: 'tot'>, <Rating.KHA: 'kha'>)
        """
        counts = Counter(ratings)
        least = average
        if least is None and ratings:
            least = sum((self.ratings[r].at_least for r in ratings), Decimal(0)) / len(ratings)
        for rule in sorted(self.annual, key=lambda r: r.rating.rank):
            if rule.holds(ratings, least):
                return AnnualOutcome(rule.rating, rule, len(ratings), dict(counts), average)
        return AnnualOutcome(Rating.KEM, None, len(ratings), dict(counts), average)

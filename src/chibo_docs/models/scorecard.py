"""Phiếu chấm điểm: the scorecard of a meeting's quality, signed by the cell and confirmed above.

The scorecard prints the assessment of its meeting: its own ``quality``, or the meeting's
(``meeting.quality``); either way the criteria that follow from the meeting's data (the
attendance rate, the duration, the materials posted on time) are pre-filled when left out.

The document type has no HD 36 abbreviation: a scorecard is an unnumbered form of the meeting,
``PCĐ`` by analogy when it is numbered (format-hd36.md §3, UNCONFIRMED).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from chibo_docs.models.base import PositiveInteger, partial_mode
from chibo_docs.models.document_bases import MeetingDocument
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import Guest
from chibo_docs.models.quality import (
    MeetingFacts,
    QualityAssessment,
    one_assessment,
    with_prefilled_scores,
)
from chibo_docs.models.references import DocType, Signature
from chibo_docs.models.views import Tally

__all__ = ["Scorecard", "quality_of_the_meeting"]


def quality_of_the_meeting(value: Any, info: ValidationInfo) -> Any:
    """A document's ``quality`` with the scores its meeting's data gives (the meeting is read first)."""
    meeting = info.data.get("meeting")
    if value is None or not isinstance(meeting, Meeting) or partial_mode():
        return value
    return with_prefilled_scores(value, MeetingFacts.of_meeting(meeting))


class Scorecard(MeetingDocument):
    """Phiếu chấm điểm chất lượng sinh hoạt chi bộ — a meeting's scores by criterion, total and rating."""

    doc_type: ClassVar[DocType] = DocType.SCORECARD
    document: Literal["scorecard"] = Field(
        default="scorecard", description="Loại văn bản — 'scorecard' (phiếu chấm điểm)"
    )
    meeting: Meeting = Field(description="Kỳ sinh hoạt — the meeting scored")
    number: PositiveInteger | None = Field(
        default=None, description="Số — number (a scorecard is usually unnumbered)"
    )
    issued_on: date | None = Field(
        default=None, description="Ngày — date on the date line; the meeting day when omitted"
    )
    quality: QualityAssessment | None = Field(
        default=None,
        description="Tự đánh giá chất lượng — the scores; the meeting's own (meeting.quality) when "
        "omitted",
    )
    signature: Signature = Field(description="Chữ ký — T/M CHI BỘ (or T/M CHI ỦY), BÍ THƯ, name")

    @field_validator("quality", mode="before")
    @classmethod
    def _prefill(cls, value: Any, info: ValidationInfo) -> Any:
        return quality_of_the_meeting(value, info)

    @model_validator(mode="after")
    def _one_assessment(self) -> Self:
        one_assessment(self.quality, self.meeting.quality, required=True)
        return self

    @property
    def quality_assessment(self) -> QualityAssessment:
        """The assessment printed: the scorecard's ``quality``, else the meeting's."""
        found = one_assessment(self.quality, self.meeting.quality, required=True)
        assert found is not None
        return found

    @property
    def quality_tally(self) -> Tally | None:
        """The vote adopting the score, counted against the meeting's vote base (rule V1)."""
        vote = self.quality_assessment.adoption_vote
        return None if vote is None else self.meeting.tally(vote)

    @property
    def confirmer(self) -> Guest | None:
        """The upper-level committee member who confirmed the score (a guest of the meeting)."""
        who = self.quality_assessment.confirmed_by
        return next((g for g in self.meeting.guests if g.id == who), None)

"""Typed data: the organisation and its members, meetings and votes, and the documents.

Models are immutable, refuse unknown fields, and carry their Vietnamese terms in their
descriptions: :func:`term_of` finds the term of any field by its path, :data:`CHOICES` labels
every choice, and :func:`form_schema` gives the JSON Schema a web form uses (titles in
Vietnamese, labelled choices). A field of a form's model may hold rich content
(:mod:`chibo_docs.models.rich`: formatted text, paragraphs, pictures, listings,
sub-documents), validated when it is made. Derived values the templates need (counts, the vote
base, the number line) are properties computed from the data; the views of
:mod:`chibo_docs.models.views` (a meeting's absences, agenda entries, speeches, assigned tasks
and vote tallies) resolve ids to people and count votes, without writing anything back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Discriminator, Tag

from chibo_docs.models.base import Count, Id, Integer, Line, Model, PositiveInteger, Text
from chibo_docs.models.document_bases import DocumentBase, IssuedDocument, MeetingDocument
from chibo_docs.models.documents import Assessment, Minutes, Plan, Resolution, ScheduleItem, Section
from chibo_docs.models.glossary import CHOICES, Term, term_of
from chibo_docs.models.invitation import Event, Invitation, Invitee
from chibo_docs.models.json_schema import form_schema
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.notice import LessonsNotice, ModelMeeting
from chibo_docs.models.organisation import (
    Cell,
    CellRole,
    Guest,
    Issuer,
    IssuerKind,
    Member,
    MemberStatus,
    Organisation,
    Transfer,
)
from chibo_docs.models.proceedings import (
    AgendaItem,
    Assignment,
    Attendance,
    AttendanceStatus,
    Candidate,
    ContentKind,
    MeetingKind,
    Opinion,
    OpinionKind,
)
from chibo_docs.models.quality import (
    NOT_APPLICABLE,
    AnnualQuality,
    FrameworkRef,
    MeetingFacts,
    MonthResult,
    QualityAssessment,
    Score,
    ScoreRow,
)
from chibo_docs.models.references import (
    DocType,
    DocumentRef,
    OnBehalf,
    Recipients,
    Signature,
    SignerTitle,
)
from chibo_docs.models.reports import CellResult, CellRow, MonthlyReport, QualityReport, RatingCount
from chibo_docs.models.rich import (
    Image,
    Listing,
    RichParagraph,
    RichParagraphs,
    RichText,
    Run,
    Subdoc,
)
from chibo_docs.models.scorecard import Scorecard
from chibo_docs.models.views import Absence, AgendaEntry, AssignedTask, Speech, Tally
from chibo_docs.models.vote import Vote, VoteMethod, VoteThreshold

__all__ = [
    "CHOICES",
    "DOCUMENT_MODELS",
    "NOT_APPLICABLE",
    "Absence",
    "AgendaEntry",
    "AgendaItem",
    "AnnualQuality",
    "Assessment",
    "AssignedTask",
    "Assignment",
    "Attendance",
    "AttendanceStatus",
    "Candidate",
    "Cell",
    "CellResult",
    "CellRole",
    "CellRow",
    "ContentKind",
    "Count",
    "DocType",
    "Document",
    "DocumentBase",
    "DocumentModel",
    "DocumentRef",
    "Event",
    "FrameworkRef",
    "Guest",
    "Id",
    "Image",
    "Integer",
    "Invitation",
    "Invitee",
    "IssuedDocument",
    "Issuer",
    "IssuerKind",
    "LessonsNotice",
    "Line",
    "Listing",
    "Meeting",
    "MeetingDocument",
    "MeetingFacts",
    "MeetingKind",
    "Member",
    "MemberStatus",
    "Minutes",
    "Model",
    "ModelMeeting",
    "MonthResult",
    "MonthlyReport",
    "OnBehalf",
    "Opinion",
    "OpinionKind",
    "Organisation",
    "Plan",
    "PositiveInteger",
    "QualityAssessment",
    "QualityReport",
    "RatingCount",
    "Recipients",
    "Resolution",
    "RichParagraph",
    "RichParagraphs",
    "RichText",
    "Run",
    "ScheduleItem",
    "Score",
    "ScoreRow",
    "Scorecard",
    "Section",
    "Signature",
    "SignerTitle",
    "Speech",
    "Subdoc",
    "Tally",
    "Term",
    "Text",
    "Transfer",
    "Vote",
    "VoteMethod",
    "VoteThreshold",
    "form_schema",
    "term_of",
]

DocumentModel = (
    Minutes | Resolution | Plan | Invitation | Scorecard | MonthlyReport | QualityReport | LessonsNotice
)
"""The type of any document of chibo_docs."""


def _kind_of(value: Any) -> Any:
    return value.get("document") if isinstance(value, Mapping) else getattr(value, "document", None)


Document = Annotated[
    Annotated[Minutes, Tag("minutes")] | Annotated[Resolution, Tag("resolution")]
    | Annotated[Plan, Tag("plan")] | Annotated[Invitation, Tag("invitation")]
    | Annotated[Scorecard, Tag("scorecard")] | Annotated[MonthlyReport, Tag("monthly_report")]
    | Annotated[QualityReport, Tag("quality_report")]
    | Annotated[LessonsNotice, Tag("lessons_notice")],
    Discriminator(_kind_of),
]
"""Any document; its ``document`` field (``minutes``, ``resolution``, ``plan``, ``invitation``,
``scorecard``, ``monthly_report``, ``quality_report``, ``lessons_notice``) says which. (The
discriminator reads the key itself: every field of a model has a validator of its own,
:class:`~chibo_docs.models.base.Model`, which pydantic does not allow on a discriminator
field.)"""

DOCUMENT_MODELS: dict[str, type[DocumentModel]] = {
    "minutes": Minutes,
    "resolution": Resolution,
    "plan": Plan,
    "invitation": Invitation,
    "scorecard": Scorecard,
    "monthly_report": MonthlyReport,
    "quality_report": QualityReport,
    "lessons_notice": LessonsNotice,
}
"""The document models by the value of their ``document`` field."""

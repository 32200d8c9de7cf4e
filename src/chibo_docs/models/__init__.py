"""Typed data: the organisation and its members, meetings and votes, and the documents.

Models are immutable, refuse unknown fields, and carry their Vietnamese terms in their
descriptions (and so in the JSON Schema). Derived values the templates need (counts, the vote
base, whether a vote passed, the number line) are properties.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from chibo_docs.models.base import Count, Id, Integer, Line, Model, PositiveInteger, Text
from chibo_docs.models.documents import Assessment, Minutes, Plan, Resolution, ScheduleItem, Section
from chibo_docs.models.invitation import Event, Invitation, Invitee
from chibo_docs.models.meeting import Meeting
from chibo_docs.models.organisation import (
    Cell,
    CellRole,
    Guest,
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
    ContentKind,
    MeetingKind,
    Opinion,
    OpinionKind,
)
from chibo_docs.models.references import DocType, DocumentRef, OnBehalf, Signature, SignerTitle
from chibo_docs.models.vote import Vote, VoteMethod, VoteThreshold

__all__ = [
    "DOCUMENT_MODELS",
    "AgendaItem",
    "Assessment",
    "Assignment",
    "Attendance",
    "AttendanceStatus",
    "Cell",
    "CellRole",
    "ContentKind",
    "Count",
    "DocType",
    "Document",
    "DocumentRef",
    "Event",
    "Guest",
    "Id",
    "Integer",
    "Invitation",
    "Invitee",
    "IssuerKind",
    "Line",
    "Meeting",
    "MeetingKind",
    "Member",
    "MemberStatus",
    "Minutes",
    "Model",
    "OnBehalf",
    "Opinion",
    "OpinionKind",
    "Organisation",
    "Plan",
    "PositiveInteger",
    "Resolution",
    "ScheduleItem",
    "Section",
    "Signature",
    "SignerTitle",
    "Text",
    "Transfer",
    "Vote",
    "VoteMethod",
    "VoteThreshold",
]

Document = Annotated[Minutes | Resolution | Plan | Invitation, Field(discriminator="document")]
"""Any document; its ``document`` field (``minutes``, ``resolution``, ``plan``, ``invitation``)
says which."""

DOCUMENT_MODELS: dict[str, type[Minutes | Resolution | Plan | Invitation]] = {
    "minutes": Minutes,
    "resolution": Resolution,
    "plan": Plan,
    "invitation": Invitation,
}
"""The document models by the value of their ``document`` field."""

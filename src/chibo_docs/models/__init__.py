"""Typed data: the organisation and its members, meetings and votes, and the documents.

Models are immutable, refuse unknown fields, and carry their Vietnamese terms in their
descriptions: :func:`term_of` finds the term of any field by its path, :data:`CHOICES` labels
every choice, and :func:`form_schema` gives the JSON Schema a web form uses (titles in
Vietnamese, labelled choices). Derived values the templates need (counts, the vote
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
    ContentKind,
    MeetingKind,
    Opinion,
    OpinionKind,
)
from chibo_docs.models.references import (
    DocType,
    DocumentRef,
    OnBehalf,
    Recipients,
    Signature,
    SignerTitle,
)
from chibo_docs.models.views import Absence, AgendaEntry, AssignedTask, Speech, Tally
from chibo_docs.models.vote import Vote, VoteMethod, VoteThreshold

__all__ = [
    "CHOICES",
    "DOCUMENT_MODELS",
    "Absence",
    "AgendaEntry",
    "AgendaItem",
    "Assessment",
    "AssignedTask",
    "Assignment",
    "Attendance",
    "AttendanceStatus",
    "Cell",
    "CellRole",
    "ContentKind",
    "Count",
    "DocType",
    "Document",
    "DocumentBase",
    "DocumentRef",
    "Event",
    "Guest",
    "Id",
    "Integer",
    "Invitation",
    "Invitee",
    "IssuedDocument",
    "Issuer",
    "IssuerKind",
    "Line",
    "Meeting",
    "MeetingDocument",
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
    "Recipients",
    "Resolution",
    "ScheduleItem",
    "Section",
    "Signature",
    "SignerTitle",
    "Speech",
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

def _kind_of(value: Any) -> Any:
    return value.get("document") if isinstance(value, Mapping) else getattr(value, "document", None)


Document = Annotated[
    Annotated[Minutes, Tag("minutes")] | Annotated[Resolution, Tag("resolution")]
    | Annotated[Plan, Tag("plan")] | Annotated[Invitation, Tag("invitation")],
    Discriminator(_kind_of),
]
"""Any document; its ``document`` field (``minutes``, ``resolution``, ``plan``, ``invitation``)
says which. (The discriminator reads the key itself: every field of a model has a validator of
its own, :class:`~chibo_docs.models.base.Model`, which pydantic does not allow on a
discriminator field.)"""

DOCUMENT_MODELS: dict[str, type[Minutes | Resolution | Plan | Invitation]] = {
    "minutes": Minutes,
    "resolution": Resolution,
    "plan": Plan,
    "invitation": Invitation,
}
"""The document models by the value of their ``document`` field."""

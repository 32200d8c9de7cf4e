"""Models are what they say: immutable data, views built from it, typed document bases.

- A Cell is an Organisation (docs/data-model.md), so a plan or an invitation issued by a cell
  takes the Cell itself or a cell's data, and keeps it a Cell.
- No model holds private state: validating a meeting does not write into its parts; what the
  templates need (names, numbers, vote results) is computed from the data when read.
"""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel

import chibo_docs
from chibo_docs import models
from chibo_docs.models import (
    Attendance,
    Cell,
    Invitation,
    IssuedDocument,
    Meeting,
    MeetingDocument,
    Minutes,
    Organisation,
    Plan,
    Recipients,
    Resolution,
    Tally,
    Vote,
)
from chibo_docs.ooxml import visible_text
from tests.support.data import MINUTES, PLAN, example, refusal

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages

_CHI_BO_SIGNS = {"on_behalf": "T/M CHI BỘ", "title": "BÍ THƯ", "full_name": "Nguyễn Tiến Duyệt"}


def _plan_issued_by(issuer: Any) -> dict[str, Any]:
    """The example plan, issued by ``issuer`` and signed for a chi bộ."""
    return {**example(PLAN), "issued_by": issuer, "signature": _CHI_BO_SIGNS}


def test_a_plan_takes_a_cell_as_its_issuer_and_keeps_it_a_cell() -> None:
    cell = Cell.model_validate(example(MINUTES)["meeting"]["cell"])
    plan = Plan.model_validate(_plan_issued_by(cell))
    assert type(plan.issuer) is Cell
    assert plan.issued_by == cell
    assert plan.number_line == "Số 10-KH/CB"
    assert plan.date_line == "Lai Châu, ngày 28 tháng 01 năm 2021"


def test_a_plan_takes_a_cells_data_as_its_issuer() -> None:
    data = _plan_issued_by(example(MINUTES)["meeting"]["cell"])
    plan = Plan.model_validate(data)
    assert isinstance(plan.issued_by, Cell)
    assert plan.issued_by.secretary is not None
    assert plan.issued_by.secretary.full_name == "Nguyễn Tiến Duyệt"


def test_a_cell_issues_a_plan_exactly_as_the_organisation_it_is() -> None:
    cell = example(MINUTES)["meeting"]["cell"]
    organisation = {k: v for k, v in cell.items() if k != "members"}
    by_cell = chibo_docs.render_bytes(Plan.model_validate(_plan_issued_by(cell)))
    by_organisation = chibo_docs.render_bytes(Plan.model_validate(_plan_issued_by(organisation)))
    assert by_cell == by_organisation
    assert "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN" in visible_text(by_cell)


def test_a_cell_issuing_an_invitation_is_accepted_too() -> None:
    data = example("giay-moi-2021-04.yaml")
    data["issued_by"] = example(MINUTES)["meeting"]["cell"]
    invitation = Invitation.model_validate(data)
    assert isinstance(invitation.issuer, Cell)
    assert invitation.number_line == "Số 03-GM/CB"


def test_errors_inside_a_cell_issuer_name_their_path() -> None:
    cell = example(MINUTES)["meeting"]["cell"]
    cell["members"][1]["id"] = "m01"
    text = refusal(Plan, _plan_issued_by(cell))
    assert "error ID at issued_by.members.1.id (Mã): member id 'm01' is used twice" in text
    cell = {k: v for k, v in example(MINUTES)["meeting"]["cell"].items() if k != "members"}
    cell["header_line"] = "Chi bộ"
    assert "error at issued_by.header_line (Tên cơ quan ban hành): header lines are written in capitals" in refusal(
        Plan, _plan_issued_by(cell)
    )


def test_the_json_schema_of_an_issuer_allows_a_cell_or_an_organisation() -> None:
    schema = Plan.model_json_schema()
    assert schema["properties"]["issued_by"]["anyOf"] == [
        {"$ref": "#/$defs/Cell"},
        {"$ref": "#/$defs/Organisation"},
    ]
    assert issubclass(Cell, Organisation)


def _model_classes() -> list[type[BaseModel]]:
    values = [getattr(models, name) for name in models.__all__]
    return [v for v in values if isinstance(v, type) and issubclass(v, BaseModel)]


@pytest.mark.parametrize("model", _model_classes(), ids=lambda m: m.__name__)
def test_no_model_has_private_attributes(model: type[BaseModel]) -> None:
    assert model.__private_attributes__ == {}


def test_a_meeting_does_not_write_into_its_parts() -> None:
    data = example(MINUTES)["meeting"]
    parts = [Attendance.model_validate(a) for a in data["attendance"]]
    meeting = Meeting.model_validate({**data, "attendance": parts})
    assert meeting.attendance == parts
    for part in (*meeting.attendance, *meeting.agenda, *meeting.opinions, *meeting.votes):
        assert part.__pydantic_private__ is None


def test_views_are_computed_from_the_data() -> None:
    meeting = Minutes.model_validate(example(MINUTES)).meeting
    entries = meeting.agenda_entries
    assert [e.number for e in entries] == list(range(1, len(meeting.agenda) + 1))
    for entry, item in zip(entries, meeting.agenda, strict=True):
        assert entry.title == item.title
        spoken = [o.content for o in meeting.opinions if o.agenda_item == entry.number]
        assert [s.content for s in entry.opinions] == spoken
    speakers = [s.speaker.full_name for s in meeting.speeches]
    assert speakers == [meeting.person(o.speaker_id).full_name for o in meeting.opinions]
    (absence,) = meeting.absent
    assert (absence.member.full_name, absence.reason) == ("Nguyễn Văn Long", "đi công tác tại huyện Phong Thổ")
    assert absence.member is next(m for m in meeting.cell.members if m.id == "m09")  # not a copy
    (tally,) = meeting.tallies
    assert (tally.eligible_base, tally.voters_present, tally.required, tally.passed) == (12, 11, 7, True)


def test_a_vote_alone_is_counted_against_its_own_eligible() -> None:
    vote = Vote(subject="Kết nạp", threshold="hai_phan_ba", approve=7, eligible=12)
    assert (Tally.of(vote).required, Tally.of(vote).passed) == (8, False)
    assert Tally.of(Vote(subject="Kết nạp", approve=7)).passed is None


def test_documents_have_explicit_bases_and_one_recipients_type() -> None:
    assert issubclass(Minutes, MeetingDocument)
    assert issubclass(Resolution, MeetingDocument)
    assert issubclass(Plan, IssuedDocument)
    assert issubclass(Invitation, IssuedDocument)
    for document in (Resolution, Plan, Invitation):
        hints = typing.get_type_hints(document, include_extras=True)
        assert hints["recipients"] is Recipients, document.__name__

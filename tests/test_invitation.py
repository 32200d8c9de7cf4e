"""The Invitation model (giấy mời): numbering, the event, invitees and its refusals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from chibo_docs.layout.profiles import HD36
from chibo_docs.loading.reader import load_data, read_data
from chibo_docs.models import DOCUMENT_MODELS, DocType, Invitation
from chibo_docs.resources import examples_dir

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages

EXAMPLE = examples_dir() / "giay-moi-2021-04.yaml"


def _data(**changes: Any) -> dict[str, Any]:
    data = read_data(EXAMPLE)
    data.update(changes)
    return data


def test_the_example_invites_the_35_cell_secretaries_to_the_model_meeting() -> None:
    invitation = load_data(EXAMPLE)
    assert isinstance(invitation, Invitation)
    assert invitation.number_line == "Số 03-GM/CB"
    assert invitation.code == "03-GM/CB"
    assert invitation.date_line == "Lai Châu, ngày 20 tháng 4 năm 2021"
    assert invitation.type_name == "Giấy mời"
    assert invitation.event.date == date(2021, 4, 26)
    assert invitation.invitee_count == 35
    assert "Khối Hành chính" in invitation.invitees[0].who


def test_an_unnumbered_invitation_leaves_room_for_a_number_written_by_hand() -> None:
    invitation = Invitation.model_validate(_data(number=None))
    assert invitation.number_line == "Số     -GM/CB"


def test_the_abbreviation_gm_is_one_entry_of_the_layout_data_marked_unconfirmed() -> None:
    gm = HD36.document_types["GM"]
    assert (gm.code, gm.title) == (DocType.INVITATION.value, "GIẤY MỜI")
    assert "UNCONFIRMED" in gm.note
    assert HD36.number_line_pattern.match("Số 03-GM/CB")


def test_load_data_knows_invitations() -> None:
    assert DOCUMENT_MODELS["invitation"] is Invitation


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"issued_on": "2021-04-27"}, "after the event of 26/4/2021"),
        ({"invitees": []}, "at least 1 item"),
        ({"recipients": ["Như thành phần mời", "Đảng ủy Sở"]}, "the last recipient is the file copy"),
        ({"recipients": ["Như thành phần mời,", "Lưu Chi bộ"]}, "write it without them, the template adds them"),
    ],
)
def test_bad_invitations_are_refused_with_the_reason(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Invitation.model_validate(_data(**changes))


def test_an_event_that_ends_before_it_starts_is_refused() -> None:
    event = dict(read_data(EXAMPLE)["event"], end=datetime(2021, 4, 26, 13, 0))
    with pytest.raises(ValidationError, match="not after it starts"):
        Invitation.model_validate(_data(event=event))


def test_every_field_has_a_vietnamese_and_english_description() -> None:
    from chibo_docs.models import Event, Invitee

    for model in (Invitation, Event, Invitee):
        for name, info in model.model_fields.items():
            assert " — " in (info.description or ""), (model.__name__, name)

"""Party rules of level E: bad data is refused, naming the field path and the numbers.

The example minutes: 14 members (12 official, m13 and m14 probationary), m09 absent with a
reason, so 13 present, vote base 12, 11 present who may vote.
"""

from __future__ import annotations

from datetime import date, datetime

from chibo_docs.models import Attendance, Cell, Meeting, Member, Minutes, Plan, Resolution
from tests.support.data import MINUTES, PLAN, RESOLUTION, attendance_index, example, refusal


def test_a_resolution_adopted_by_less_than_half_of_the_base_is_refused() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 5
    text = refusal(Resolution, data)
    assert "error V2 at adoption_vote.approve (Số đồng chí tán thành)" in text
    assert ("the resolution is not adopted: 5 of 12 members approve, at least 7 are needed "
            "(more than half of the official members)") in text
    assert text.endswith("— Điều lệ Đảng, Điều 9 khoản 5")


def test_exactly_half_is_not_more_than_half() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"]["approve"] = 6
    assert "6 of 12 members approve, at least 7 are needed" in refusal(Resolution, data)


def test_a_two_thirds_vote_needs_two_thirds_of_the_base() -> None:
    data = example(RESOLUTION)
    data["adoption_vote"].update(threshold="hai_phan_ba", approve=7)
    text = refusal(Resolution, data)
    assert "error V3 at adoption_vote.approve" in text
    assert "7 of 12 members approve, at least 8 are needed (at least two thirds of the official members)" in text


def test_a_failed_vote_is_valid_data_in_minutes() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = 5
    tally = Minutes.model_validate(data).meeting.tallies[0]
    assert (tally.passed, tally.required, tally.eligible_base) == (False, 7, 12)


def test_probationary_members_cannot_vote() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = 12  # 11 voters present + a probationary member
    text = refusal(Minutes, data)
    assert "error V4 at meeting.votes.0.approve" in text
    assert "12 votes are counted (12 approve + 0 disapprove + 0 abstain), but only 11 members present may vote" in text
    assert "Giàng Thị Dua (m13, probationary)" in text


def test_a_stated_vote_base_must_match_the_meeting() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["eligible"] = 14
    text = refusal(Minutes, data)
    assert "error V4 at meeting.votes.0.eligible" in text
    assert "states 14 members with the right to vote, but the meeting gives 12" in text


def test_present_plus_absent_must_equal_convened() -> None:
    data = example(MINUTES)
    del data["meeting"]["attendance"][attendance_index(data, "m14")]
    text = refusal(Minutes, data)
    assert "error V5 at meeting.attendance (Điểm danh):" in text
    assert "12 present + 1 absent = 13, but 14 members are convened; not listed: Vũ Minh Hiếu (m14)" in text
    # the vote counts are counted from the attendance: not checked, and said so
    assert "note V4 at meeting (Kỳ sinh hoạt): rule V4 was not checked: it needs Điểm danh (meeting.attendance)" in text


def test_an_excused_absence_needs_a_reason() -> None:
    data = example(MINUTES)
    i = attendance_index(data, "m09")
    del data["meeting"]["attendance"][i]["reason"]
    text = refusal(Minutes, data)
    assert f"error V5 at meeting.attendance.{i}.reason (Lý do vắng)" in text
    assert "member Nguyễn Văn Long (m09) is absent with a reason, but no reason is given" in text


def test_a_member_listed_twice_or_unknown_is_refused() -> None:
    data = example(MINUTES)
    data["meeting"]["attendance"] += [{"member_id": "m02"}, {"member_id": "m99"}]
    text = refusal(Minutes, data)
    assert "error V5 at meeting.attendance.14.member_id (Mã đảng viên): member Lò Văn Hùng (m02) is listed twice" in text
    assert "error V5 at meeting.attendance.15.member_id (Mã đảng viên): 'm99' is not a member of the cell" in text


def test_the_chair_must_be_present() -> None:
    data = example(MINUTES)
    data["meeting"]["chair_id"] = "m09"
    text = refusal(Minutes, data)
    assert "error V6 at meeting.chair_id (Chủ trì): the chair, Nguyễn Văn Long (m09), is not present" in text


def test_the_secretary_must_be_present_and_not_the_chair() -> None:
    data = example(MINUTES)
    data["meeting"]["secretary_id"] = "m01"
    text = refusal(Minutes, data)
    assert "error V6 at meeting.secretary_id (Thư ký): the chair and the secretary are the same person ('m01')" in text
    data["meeting"]["secretary_id"] = "g1"
    assert "the secretary 'g1' is not a member of the cell" in refusal(Minutes, data)


def test_speakers_must_be_present_members_or_guests() -> None:
    data = example(MINUTES)
    data["meeting"]["opinions"][0]["speaker_id"] = "m09"
    data["meeting"]["opinions"][1]["speaker_id"] = "x1"
    text = refusal(Minutes, data)
    assert ("error V15 at meeting.opinions.0.speaker_id (Người phát biểu): the speaker, Nguyễn Văn Long (m09), "
            "is not present") in text
    assert ("error V15 at meeting.opinions.1.speaker_id (Người phát biểu): the speaker 'x1' is neither a member "
            "nor a guest") in text


def test_an_opinion_points_at_an_existing_agenda_item() -> None:
    data = example(MINUTES)
    data["meeting"]["opinions"][0]["agenda_item"] = 9
    assert "agenda item 9 does not exist; the agenda has 8 items" in refusal(Minutes, data)


def test_the_meeting_ends_after_it_starts() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 13:30"
    text = refusal(Minutes, data)
    assert ("error V16 at meeting.end (Thời gian kết thúc): the meeting ends (13:30 26/4/2021) before or when it "
            "starts (14:00 26/4/2021)") in text
    assert "note V8 at meeting (Kỳ sinh hoạt): rule V8 was not checked: it needs Thời gian kết thúc (meeting.end)" in text


def test_the_period_month_is_the_meeting_month_or_the_month_before() -> None:
    data = example(MINUTES)
    data["meeting"]["period_month"] = 2
    assert "error V16 at meeting.period_month (Tháng): the meeting of 26/4/2021 cannot be for month 2/2021" in refusal(Minutes, data)
    data["meeting"]["period_month"] = 3
    assert Minutes.model_validate(data).meeting.period_month == 3


def test_a_resolution_is_issued_on_or_after_the_meeting() -> None:
    data = example(RESOLUTION)
    data["issued_on"] = "2021-04-25"
    text = refusal(Resolution, data)
    assert "error V16 at issued_on (Ngày ban hành): the resolution is dated 25/4/2021, before the meeting of 26/4/2021" in text


def test_a_thematic_meeting_names_its_quarter_and_topic() -> None:
    data = example(MINUTES)
    data["meeting"]["kind"] = "chuyen_de"
    text = refusal(Minutes, data)
    assert "error V21 at meeting.topic" in text
    assert "error V21 at meeting.quarter" in text


def test_a_committee_does_not_sign_for_a_cell() -> None:
    data = example(PLAN)
    data["signature"]["on_behalf"] = "T/M CHI BỘ"
    text = refusal(Plan, data)
    assert "error V22 at signature.on_behalf (Thay mặt): a đảng ủy signs 'T/M BAN THƯỜNG VỤ' or 'T/M ĐẢNG ỦY', not 'T/M CHI BỘ'" in text


def test_the_last_recipient_is_the_file_copy() -> None:
    data = example(RESOLUTION)
    data["recipients"] = data["recipients"][:-1]
    assert "the last recipient is the file copy" in refusal(Resolution, data)


def _cell(*members: Member) -> Cell:
    return Cell(name="Chi bộ Thôn 1", header_line="CHI BỘ THÔN 1", place_name="Tiên Phong", members=list(members))


def test_the_vote_base_follows_v1() -> None:
    cell = _cell(
        Member(id="a", full_name="A", role="bi_thu"),
        Member(id="b", full_name="B"),
        Member(id="c", full_name="C", exempt=True),  # absent and exempt: out of the base
        Member(id="d", full_name="D", exempt=True),  # present and exempt: in the base
        Member(id="e", full_name="E", transfer="di"),  # sent away: not convened
        Member(id="f", full_name="F", transfer="den"),  # hosted: present, does not vote
        Member(id="g", full_name="G", suspended=True),  # suspended: not convened
        Member(id="h", full_name="H", status="du_bi"),  # probationary: does not vote
        Member(id="i", full_name="I"),  # absent with a reason: stays in the base
        Member(id="j", full_name="J"),  # absent without a reason: stays in the base
    )
    meeting = Meeting(
        cell=cell, period_month=5, period_year=2026,
        start=datetime(2026, 5, 5, 8), end=datetime(2026, 5, 5, 10), place="Nhà văn hóa",
        chair_id="a", secretary_id="b", conclusion="Thống nhất.", agenda=[{"title": "Nhiệm vụ"}],
        attendance=[
            Attendance(member_id="a"), Attendance(member_id="b"),
            Attendance(member_id="c", status="vang_co_ly_do"), Attendance(member_id="d"),
            Attendance(member_id="f"), Attendance(member_id="h"),
            Attendance(member_id="i", status="vang_co_ly_do", reason="ốm"),
            Attendance(member_id="j", status="vang_khong_ly_do"),
        ],
    )
    assert [m.id for m in meeting.vote_base_members] == ["a", "b", "d", "i", "j"]
    assert [m.id for m in meeting.voters_present] == ["a", "b", "d"]
    assert (meeting.convened_count, meeting.present_count, meeting.absent_count) == (8, 5, 3)
    assert (meeting.excused_count, meeting.unexcused_count) == (2, 1)
    assert meeting.date == date(2026, 5, 5)

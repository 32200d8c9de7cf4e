"""Party rules of level W: reported by check() as findings (rule id, field path), never dropped."""

from __future__ import annotations

from typing import Any

import pytest

from chibo_docs.models import Minutes, Resolution
from chibo_docs.models.rulesets import RULE_SETS, RuleSet
from chibo_docs.problems import Problem
from chibo_docs.rules.check import check
from tests.support.data import MINUTES, RESOLUTION, attendance_index, example

pytestmark = pytest.mark.usefixtures("english")  # these tests read English messages


def _findings(data: dict[str, Any]) -> list[Problem]:
    model = Resolution if data["document"] == "resolution" else Minutes
    return check(model.model_validate(data))


def _only(findings: list[Problem], rule: str) -> list[Problem]:
    return [f for f in findings if f.code == rule]


def test_the_examples_raise_no_findings() -> None:
    assert _findings(example(MINUTES)) == []
    assert _findings(example(RESOLUTION)) == []


def test_a_chair_who_is_not_a_leader_is_warned() -> None:
    data = example(MINUTES)
    data["meeting"]["chair_id"] = "m04"
    (finding,) = _only(_findings(data), "V7")
    assert (finding.severity, finding.where) == ("warning", "meeting.chair_id")
    assert "the chair, Đỗ Mạnh Cường (m04), is not the bí thư" in finding.message


def test_a_short_meeting_is_warned() -> None:
    data = example(MINUTES)
    data["meeting"]["end"] = "2021-04-26 15:00"
    (finding,) = _only(_findings(data), "V8")
    assert finding.where == "meeting.end"
    assert "lasted 60 minutes; at least 90 are expected (HD12-2018)" in finding.message


def test_a_combined_meeting_needs_120_minutes_under_hd42() -> None:
    data = example(MINUTES)
    data["meeting"]["cell"]["rule_set"] = "HD42-2025"
    data["meeting"].update(kind="thuong_ky_ket_hop_chuyen_de", topic="Học tập và làm theo Bác",
                           end="2021-04-26 15:45", materials_posted_at="2021-04-24 08:00")
    (finding,) = _only(_findings(data), "V8")
    assert "lasted 105 minutes; at least 120 are expected (HD42-2025)" in finding.message


def test_low_attendance_is_warned_against_the_rule_set_threshold() -> None:
    data = example(MINUTES)
    for member_id in ("m10", "m11"):  # 11 of 14 present: 78.57 %
        i = attendance_index(data, member_id)
        data["meeting"]["attendance"][i].update(status="vang_co_ly_do", reason="ốm")
    data["meeting"]["votes"][0]["approve"] = 9
    (finding,) = _only(_findings(data), "V9")
    assert finding.where == "meeting.attendance"
    assert "attendance of the members convened (exempt members left out): 78.57%" in finding.message
    assert "expected: more than 85% (HD12-2018)" in finding.message
    assert (finding.found, finding.expected) == ("78.57%", "> 85%")


def test_an_unexcused_absence_is_warned() -> None:
    data = example(MINUTES)
    i = attendance_index(data, "m09")
    data["meeting"]["attendance"][i] = {"member_id": "m09", "status": "vang_khong_ly_do"}
    (finding,) = _only(_findings(data), "V9")
    assert finding.where == f"meeting.attendance.{i}"
    assert "member Nguyễn Văn Long (m09) is absent without a reason" in finding.message


def test_t_m_chi_uy_without_a_committee_is_warned() -> None:
    data = example(RESOLUTION)
    members = data["meeting"]["cell"]["members"]
    for member in members[5:12]:  # 5 official members left: no chi ủy
        member["status"] = "du_bi"
    data["meeting"]["votes"][0]["approve"] = 4
    data["adoption_vote"]["approve"] = 4
    data["signature"]["on_behalf"] = "T/M CHI ỦY"
    (finding,) = _only(_findings(data), "V12")
    assert finding.where == "signature.on_behalf"
    assert "a cell with 5 official members has no chi ủy (from 9)" in finding.message


def test_too_few_official_members_is_warned() -> None:
    data = example(MINUTES)
    for member in data["meeting"]["cell"]["members"][2:]:
        member["status"] = "du_bi"
    data["meeting"]["votes"][0]["approve"] = 2
    (finding,) = _only(_findings(data), "V12")
    assert "the cell has 2 official members; a chi bộ has at least 3" in finding.message


def test_late_materials_are_warned_under_hd42_and_missing_ones_noted() -> None:
    data = example(MINUTES)
    data["meeting"]["cell"]["rule_set"] = "HD42-2025"
    (note,) = _only(_findings(data), "V14")
    assert note.severity == "info"
    data["meeting"]["materials_posted_at"] = "2021-04-26 07:00"
    (late,) = _only(_findings(data), "V14")
    assert (late.severity, late.where) == ("warning", "meeting.materials_posted_at")
    assert "posted at 07:00 26/4/2021, later than 14:00 25/4/2021" in late.message


def test_hosted_members_who_attend_are_warned_about_voting() -> None:
    data = example(MINUTES)
    data["meeting"]["cell"]["members"][11]["transfer"] = "den"  # m12 Trần Đức Anh
    data["meeting"]["votes"][0]["approve"] = 10
    (finding,) = _only(_findings(data), "V24")
    assert "(Trần Đức Anh (m12))" in finding.message
    assert finding.values["member_ids"] == ["m12"]


def test_a_failed_vote_in_the_minutes_is_noted() -> None:
    data = example(MINUTES)
    data["meeting"]["votes"][0]["approve"] = 6
    (finding,) = _only(_findings(data), "V2")
    assert (finding.severity, finding.where) == ("info", "meeting.votes.0")
    assert "6 of 12 members approve, at least 7 were needed (more than half" in finding.message


def test_a_signer_who_does_not_hold_the_title_is_warned() -> None:
    data = example(RESOLUTION)
    data["signature"]["title"] = "PHÓ BÍ THƯ"
    (finding,) = _only(_findings(data), "V23")
    assert finding.where == "signature.full_name"


def test_every_threshold_cites_its_source() -> None:
    with pytest.raises(ValueError, match="cites no source for"):
        RuleSet(**{**RULE_SETS["HD42-2025"].__dict__, "sources": {}})
    for rule_set in RULE_SETS.values():
        assert all(rule_set.sources.values())

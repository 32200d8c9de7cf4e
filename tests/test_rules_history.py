"""Issue 11, item 4: the Party rules that need dates, candidates or several meetings.

Real models validated (the example minutes changed one field at a time), documents rendered and
read back, and a year of minutes checked for V10, V11 and V13.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from chibo_docs import check, render_bytes
from chibo_docs.cli import main
from chibo_docs.models import Minutes, Plan, Resolution
from chibo_docs.ooxml.text import visible_text
from chibo_docs.rules import check_history
from chibo_docs.rules.validation import validate_data
from tests.support.data import MINUTES, PLAN, RESOLUTION, attendance_index, example, refusal

# -- dates -----------------------------------------------------------------------------------


def test_minutes_dated_before_their_meeting_are_refused() -> None:
    data = example(MINUTES)
    data["issued_on"] = "2021-04-20"
    text = refusal(Minutes, data)
    assert "error V16 at issued_on" in text
    assert "the minutes is dated 20/4/2021, before the meeting of 26/4/2021" in text


def test_the_refusal_reads_in_vietnamese_by_default() -> None:
    data = example(MINUTES)
    data["issued_on"] = "2021-04-20"
    (problem,) = [p for p in validate_data(Minutes, data).problems if p.severity == "error"]
    assert problem.message == ("Biên bản ghi ngày 20/4/2021, trước ngày họp 26/4/2021; văn bản của kỳ "
                               "sinh hoạt ghi ngày từ ngày họp trở đi")


def test_a_meeting_before_the_cell_was_founded_is_refused() -> None:
    data = example(MINUTES)
    data["meeting"]["cell"]["founded_on"] = "2021-05-01"
    text = refusal(Minutes, data)
    assert "error V16 at meeting.start" in text
    assert "the meeting of 26/4/2021 is before Chi bộ Trung tâm Kỹ thuật Tài nguyên was founded (1/5/2021)" in text
    data["meeting"]["cell"]["founded_on"] = "2015-03-02"
    assert Minutes.model_validate(data).meeting.cell.founded_on == date(2015, 3, 2)


# -- votes on a person -------------------------------------------------------------------------


def _admission(data: dict[str, Any], approve: int, **vote: Any) -> dict[str, Any]:
    meeting = data["meeting"]
    meeting["agenda"].append({"title": "Xét đề nghị kết nạp quần chúng Hoàng Thị Thu vào Đảng",
                              "kind": "ket_nap"})
    meeting["candidates"] = [{"id": "q1", "full_name": "Hoàng Thị Thu"}]
    meeting["votes"].append({"subject": "Đề nghị kết nạp quần chúng Hoàng Thị Thu vào Đảng",
                             "method": "gio_the_dang_vien", "approve": approve,
                             "agenda_item": len(meeting["agenda"]), "candidate": "q1", **vote})
    return data


def test_seven_of_twelve_do_not_admit_a_member() -> None:
    data = _admission(example(MINUTES), 7)
    minutes = Minutes.model_validate(data)  # a vote that failed is still recorded in the minutes
    tally = minutes.meeting.tallies[-1]
    assert (tally.threshold, tally.required, tally.passed) == ("hai_phan_ba", 8, False)
    (warning,) = [p for p in check(minutes) if p.code == "V3"]
    assert warning.severity == "warning"
    assert warning.message == (
        "Biểu quyết về quần chúng Hoàng Thị Thu (q1) ('Đề nghị kết nạp quần chúng Hoàng Thị Thu vào Đảng') "
        "không được thông qua: 7/12 đồng chí tán thành, cần ít nhất 8 (ít nhất hai phần ba số đảng viên "
        "chính thức); biên bản ghi chi bộ không tán thành")
    assert warning.values["candidate_id"] == "q1"
    eight = Minutes.model_validate(_admission(example(MINUTES), 8))
    assert eight.meeting.tallies[-1].passed is True
    assert [p for p in check(eight) if p.code == "V3"] == []


def test_an_admission_vote_cannot_be_typed_down_to_a_majority() -> None:
    text = refusal(Minutes, _admission(example(MINUTES), 11, threshold="qua_mot_nua"))
    assert "error V3 at meeting.votes.1.threshold" in text
    assert "needs at least two thirds of the official members; the vote says more than half" in text


def test_an_admission_vote_names_its_candidate_once() -> None:
    data = _admission(example(MINUTES), 11)
    del data["meeting"]["votes"][1]["candidate"]
    assert "the chi bộ votes on each person separately: give 'candidate'" in refusal(Minutes, data)
    data = _admission(example(MINUTES), 11)
    data["meeting"]["votes"].append(dict(data["meeting"]["votes"][1]))
    text = refusal(Minutes, data)
    assert "error V3 at meeting.votes.2.candidate" in text
    assert "Hoàng Thị Thu (q1, considered for admission) is voted on twice" in text


def test_a_confirmation_names_a_probationary_member() -> None:
    data = example(MINUTES)
    data["meeting"]["agenda"].append({"title": "Xét công nhận đảng viên chính thức", "kind": "chuyen_chinh_thuc"})
    n = len(data["meeting"]["agenda"])
    data["meeting"]["votes"].append({"subject": "Công nhận đảng viên chính thức", "approve": 11,
                                     "agenda_item": n, "candidate": "m05"})
    assert "confirms Vàng A Sử (m05), who is already an official member" in refusal(Minutes, data)
    data["meeting"]["votes"][-1]["candidate"] = "m13"
    tally = Minutes.model_validate(data).meeting.tallies[-1]
    assert (tally.candidate.full_name if tally.candidate else None, tally.required) == ("Giàng Thị Dua", 8)


def test_a_resolution_adopted_on_an_admission_item_needs_two_thirds() -> None:
    data = example(RESOLUTION)
    data["meeting"]["agenda"].append({"title": "Xét kết nạp", "kind": "ket_nap"})
    data["adoption_vote"].update(agenda_item=len(data["meeting"]["agenda"]), approve=7)
    assert "7 of 12 members approve, at least 8 are needed (at least two thirds" in refusal(Resolution, data)


# -- plan schedules --------------------------------------------------------------------------


def test_a_typed_schedule_period_must_not_run_backwards() -> None:
    data = example(PLAN)
    data["schedule"][0] = {"period": {"start": "2021-05", "end": "2021-03"}, "what": "x", "who": "y"}
    text = refusal(Plan, data)
    assert "at schedule.0.period (Thời gian): the period ends (2021-03) before it starts (2021-05)" in text
    data["schedule"][0]["period"] = "2021-13"
    assert "a time is a day (2021-04-26), a month (2021-04), a quarter (2021-Q2) or a year" in refusal(Plan, data)


def test_a_schedule_that_runs_backwards_is_warned_and_typed_rows_print_in_words() -> None:
    data = example(PLAN)
    data["schedule"] = [
        {"period": "2021-Q2", "what": "Tổ chức", "who": "Các chi bộ"},
        {"period": "2021-03", "what": "Đăng ký", "who": "Các đảng bộ cơ sở"},
        {"when": "Từ tháng 6 đến tháng 7/2021", "what": "Sơ kết", "who": "Ban Tổ chức"},
    ]
    plan = Plan.model_validate(data)
    assert [row.time_text for row in plan.schedule] == ["Quý II/2021", "Tháng 3/2021", "Từ tháng 6 đến tháng 7/2021"]
    (warning,) = [p for p in check(plan, lang="en") if p.code == "V25"]
    assert warning.dotted == "schedule.1.period"
    assert warning.message == ("row 2 of the schedule (Tháng 3/2021) starts on 1/3/2021, before row 1, which "
                               "starts on 1/4/2021; put the rows in the order of time")


def test_old_free_text_schedules_stay_valid_and_are_checked() -> None:
    data = example(PLAN)
    assert [row["when"] for row in data["schedule"]] == ["Tháng 3/2021", "Tháng 4/2021", "Tháng 5/2021"]
    assert check(Plan.model_validate(data)) == []
    data["schedule"][2]["when"] = "Tháng 2/2021"
    assert [p.code for p in check(Plan.model_validate(data))] == ["V25"]
    data["schedule"][2]["when"] = "Thường xuyên"
    (note,) = check(Plan.model_validate(data), lang="en")
    assert (note.severity, note.code) == ("info", "V25")


# -- a history of meetings ------------------------------------------------------------------


def _month(n: int, *, absent: dict[str, str] | None = None, kind: str = "thuong_ky") -> Minutes:
    """The example minutes moved to month ``n`` of 2021, with some members absent."""
    data = example(MINUTES)
    meeting = data["meeting"]
    meeting["start"], meeting["end"] = f"2021-{n:02d}-20 14:00", f"2021-{n:02d}-20 16:15"
    meeting["period_month"] = n
    meeting["votes"] = []
    meeting["attendance"][attendance_index(data, "m09")] = {"member_id": "m09"}
    if kind != "thuong_ky":
        meeting.update(kind=kind, topic="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                       quarter=(n - 1) // 3 + 1)
        if kind == "chuyen_de":
            meeting["period_month"] = None
            meeting["start"], meeting["end"] = f"2021-{n:02d}-10 14:00", f"2021-{n:02d}-10 16:15"
    for member_id, status in (absent or {}).items():
        entry = meeting["attendance"][attendance_index(data, member_id)]
        entry.update(status=status, reason="ốm" if status == "vang_co_ly_do" else None)
        if entry["reason"] is None:
            del entry["reason"]
    data["quality"] = None
    del data["quality"]
    return Minutes.model_validate(data)


def _year() -> list[Minutes]:
    excused, unexcused = "vang_co_ly_do", "vang_khong_ly_do"
    absences = {1: {"m05": excused}, 2: {"m05": excused, "m10": unexcused}, 3: {"m05": excused},
                4: {"m05": excused}, 6: {"m10": unexcused}, 9: {"m10": unexcused}}
    year = [_month(n, absent=absences.get(n)) for n in range(1, 13) if n != 8]
    year += [_month(3, absent=absences[3], kind="thuong_ky_ket_hop_chuyen_de")]
    year = [m for m in year if not (m.meeting.period_month == 3 and m.meeting.kind == "thuong_ky")]
    year += [_month(6, kind="chuyen_de"), _month(9, kind="chuyen_de")]
    return year


def test_a_year_of_minutes_is_checked_for_v10_v11_and_v13() -> None:
    problems = check_history(_year())
    assert [(p.code, p.severity) for p in problems] == [
        ("V10", "warning"), ("V11", "warning"), ("V13", "warning"), ("V13", "warning")]
    v10, v11, v13_month, v13_quarter = problems
    assert v10.message == ("Đồng chí Vàng A Sử (m05) vắng sinh hoạt có lý do 4 lần liên tục (tháng 1/2021, "
                           "tháng 2/2021, tháng 3/2021, tháng 4/2021); vắng có lý do quá 3 lần liên tục trong "
                           "năm thì kỳ sinh hoạt của chi bộ không đạt loại tốt")
    assert v11.message == ("Đồng chí Bùi Thị Lan (m10) vắng sinh hoạt không có lý do trong 3 tháng của năm 2021 "
                           "(tháng 2/2021, tháng 6/2021, tháng 9/2021); từ 3 tháng trở lên, chi bộ xem xét, đề "
                           "nghị xóa tên")
    assert v11.values["month_list"] == ["2021-02", "2021-06", "2021-09"]
    assert v13_month.message == ("Không có biên bản sinh hoạt thường kỳ của chi bộ cho tháng 8/2021; chi bộ "
                                 "sinh hoạt thường kỳ mỗi tháng một lần")
    assert v13_quarter.message == ("Không có biên bản sinh hoạt chuyên đề của chi bộ trong quý IV/2021; chi bộ "
                                   "sinh hoạt chuyên đề ít nhất mỗi quý một lần")


def test_a_thematic_meeting_does_not_replace_the_regular_one() -> None:
    year = [m for m in _year() if not (m.meeting.period_month == 6 and m.meeting.kind == "thuong_ky")]
    messages = [p.message for p in check_history(year, lang="en", through=date(2021, 9, 30))]
    assert "month 6/2021 has only a thematic meeting (10/6/2021); a thematic meeting does not replace the regular one" in messages
    assert not any("quarter IV" in m for m in messages)  # not over by 30/9


def test_three_absences_in_a_row_are_not_more_than_three() -> None:
    three = [_month(n, absent={"m05": "vang_co_ly_do"}) for n in (1, 2, 3)] + [_month(4)]
    assert [p for p in check_history(three) if p.code == "V10"] == []


def test_minutes_of_two_cells_are_not_one_history() -> None:
    other = example(MINUTES)
    other["meeting"]["cell"]["name"] = "Chi bộ Phòng Đo đạc"
    problems = check_history([_month(1), Minutes.model_validate(other)], lang="en")
    assert [(p.code, p.severity) for p in problems] == [("V13", "error")]


def test_the_history_command_reads_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = []
    for minutes in _year():
        path = tmp_path / f"bb-{minutes.meeting.start:%m-%d}.yaml"
        path.write_text(yaml.safe_dump(minutes.model_dump(mode="json", exclude_none=True), allow_unicode=True),
                        encoding="utf-8")
        files.append(str(path))
    assert main(["history", *files]) == 0
    out = capsys.readouterr().out
    assert "cảnh báo V10" in out
    assert "Vàng A Sử (m05)" in out
    assert out.rstrip().endswith("đã kiểm tra 13 kỳ sinh hoạt: 0 lỗi, 4 cảnh báo")
    assert main(["history", *files, "--json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"file", "problems"}
    assert [p["code"] for p in report["problems"]] == ["V10", "V11", "V13", "V13"]
    assert report["problems"][0]["message"].startswith("member Vàng A Sử (m05) was absent with a reason")


# -- thematic wording, rendered and read back ---------------------------------------------------


def test_a_thematic_resolution_names_its_quarter_and_quotes_its_topic() -> None:
    data = example(RESOLUTION)
    data["meeting"].update(kind="chuyen_de", period_month=None, quarter=2,
                           topic="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    text = visible_text(render_bytes(Resolution.model_validate(data)))
    assert "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ QUÝ II NĂM 2021" in text
    assert ("tổ chức sinh hoạt chi bộ chuyên đề “Học tập và làm theo tư tưởng, đạo đức, phong cách "
            "Hồ Chí Minh” quý II năm 2021.") in text
    monthly = visible_text(render_bytes(Resolution.model_validate(example(RESOLUTION))))
    assert "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ THÁNG 4 NĂM 2021" in monthly

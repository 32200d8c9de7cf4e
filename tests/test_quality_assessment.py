"""QualityAssessment: a meeting scored against a framework; the year rolled up.

Issue 11 item 2: every leaf scored or marked not applicable, 0 ≤ points ≤ max, total and rating
derived; the criteria that follow from the meeting's data pre-filled with the reason; adopted by
a vote of the cell and confirmed by the upper-level committee member present (both recorded);
the annual roll-up of twelve monthly ratings by the rules of the framework, as data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from chibo_docs import Meeting, Minutes, QualityAssessment
from chibo_docs.i18n import using
from chibo_docs.loading.reader import load_data
from chibo_docs.models import AnnualQuality, MonthResult, Scorecard
from chibo_docs.quality import Rating, get_framework
from chibo_docs.resources import examples_dir

PHU_THO_SCORES = {"chuan_bi": 14, "ty_le_du": 20, "to_chuc": 41, "ket_thuc": 18}

pytestmark = pytest.mark.usefixtures("english")  # the messages asserted are the English ones


def _meeting_data(**changes: Any) -> dict[str, Any]:
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    assert isinstance(minutes, Minutes)
    return {**minutes.meeting.model_dump(), **changes}


def _frame_a_scores(**changes: Any) -> dict[str, Any]:
    return {**{c.id: c.max_points for c in get_framework("hd42-khung-a").leaves}, **changes}


def test_an_assessment_derives_its_total_and_rating() -> None:
    q = QualityAssessment(framework="phu-tho-dukcq", scores=PHU_THO_SCORES)
    assert (q.total, q.max_total, q.score, q.scaled) == (Decimal(93), Decimal(100), Decimal(93), False)
    assert (q.rating, q.rating_name) == (Rating.TOT, "Tốt")
    assert [(r.number, r.name, int(r.max_points), r.points) for r in q.rows] == [
        ("1", "Công tác chuẩn bị", 15, Decimal(14)), ("2", "Tỷ lệ đảng viên tham dự", 20, Decimal(20)),
        ("3", "Tổ chức sinh hoạt", 45, Decimal(41)), ("4", "Kết thúc hội nghị", 20, Decimal(18))]
    lower = QualityAssessment(framework="phu-tho-dukcq", scores={**PHU_THO_SCORES, "to_chuc": 37.5})
    assert (lower.total, lower.rating) == (Decimal("89.5"), Rating.KHA)


@pytest.mark.parametrize(
    ("scores", "phrase"),
    [
        ({**PHU_THO_SCORES, "chuan_bi": 16}, "more than its maximum of 15"),
        ({**PHU_THO_SCORES, "chuan_bi": -1}, "greater than or equal to 0"),
        ({**PHU_THO_SCORES, "chuan_bi": "14"}, "written as a number"),
        ({**PHU_THO_SCORES, "chuan_bi": True}, "written as a number"),
        ({k: v for k, v in PHU_THO_SCORES.items() if k != "to_chuc"}, "to_chuc of phu-tho-dukcq have no score"),
        ({**PHU_THO_SCORES, "dieu_hanh": 5}, "no criterion dieu_hanh"),
        (dict.fromkeys(PHU_THO_SCORES, "khong_ap_dung"), "score at least one"),
    ],
)
def test_a_score_out_of_range_unknown_or_missing_is_refused(scores: dict[str, Any], phrase: str) -> None:
    with pytest.raises(ValidationError, match=phrase), using("en"):
        QualityAssessment(framework="phu-tho-dukcq", scores=scores)


def test_a_leaf_that_could_be_pre_filled_says_so_when_the_assessment_stands_alone() -> None:
    with pytest.raises(ValidationError, match=r"ty_le_du can be filled from the meeting's data"), using("en"):
        QualityAssessment(framework="phu-tho-dukcq",
                          scores={k: v for k, v in PHU_THO_SCORES.items() if k != "ty_le_du"})


def test_a_group_is_scored_through_its_criteria() -> None:
    with pytest.raises(ValidationError, match="ty_le_du is a group of criteria"), using("en"):
        QualityAssessment(framework="hd42-khung-a", scores={**_frame_a_scores(), "ty_le_du": 5})
    q = QualityAssessment(framework="hd42-khung-a", scores=_frame_a_scores(ty_le_co_mat=3, phat_bieu=4))
    groups = {r.criterion_id: r.points for r in q.groups}
    assert groups["ty_le_du"] == 4
    assert groups["to_chuc"] == 29
    assert [r.number for r in q.rows][:4] == ["1", "2", "2.1", "2.2"]
    assert q.total == 98


def test_a_criterion_that_does_not_apply_scales_the_score() -> None:
    q = QualityAssessment(
        framework="hd42-khung-a",
        scores=_frame_a_scores(noi_dung_chuyen_de="khong_ap_dung", ket_qua=24),
    )
    assert (q.total, q.max_total) == (Decimal(89), Decimal(95))
    assert q.scaled
    assert q.score == Decimal("93.68")
    assert q.rating is Rating.TOT
    row = next(r for r in q.rows if r.criterion_id == "noi_dung_chuyen_de")
    assert row.not_applicable
    assert row.points is None


def test_the_criteria_that_follow_from_the_meeting_are_pre_filled_with_the_reason() -> None:
    meeting = Meeting.model_validate(_meeting_data(
        quality={"framework": "phu-tho-dukcq",
                 "scores": {"chuan_bi": 14, "to_chuc": 41, "ket_thuc": 18}}))
    assert meeting.quality is not None
    filled = meeting.quality.scores["ty_le_du"]
    assert filled.points == 20  # 13 of 14 present: 92,86% ≥ 90
    assert filled.reason == "Có mặt 13/14 đồng chí, đạt 92,86%"
    assert meeting.quality.total == 93


def test_frame_a_pre_fills_attendance_duration_and_materials() -> None:
    start = datetime(2021, 4, 26, 14, 0)
    meeting = Meeting.model_validate(_meeting_data(
        end=start + timedelta(minutes=75),  # 15 minutes short of 90
        materials_posted_at=start - timedelta(days=2),
        attendance=[{"member_id": f"m{i:02d}"} for i in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14)]
        + [{"member_id": "m10", "status": "vang_khong_ly_do"},
           {"member_id": "m11", "status": "vang_co_ly_do", "reason": "ốm"},
           {"member_id": "m12", "status": "vang_co_ly_do", "reason": "đi học"}],
        votes=[],
        quality={"framework": "hd42-khung-a",
                 "scores": {c.id: c.max_points for c in get_framework("hd42-khung-a").leaves
                            if c.prefill is None}},
    ))
    assert meeting.quality is not None
    scores = meeting.quality.scores
    assert scores["thoi_gian"].points == 3
    assert scores["thoi_gian"].reason == "Sinh hoạt 75 phút, thiếu 15 phút so với quy định 90 phút"
    # 11 of 14 present (78,57%): 3 points by the bands, but an absence without reason gives 1
    assert scores["ty_le_co_mat"].points == 1
    assert scores["ty_le_co_mat"].reason == (
        "Có mặt 11/14 đồng chí, đạt 78,57%; 1 đồng chí vắng không có lý do")
    assert scores["dang_tai_truoc"].points == 2
    assert (scores["dang_tai_truoc"].reason or "").startswith(
        "Đăng tải tài liệu lên Sổ tay đảng viên điện tử lúc 14 giờ 00 phút, ngày 24 tháng 4")


def test_materials_not_posted_get_the_frameworks_missing_points() -> None:
    meeting = Meeting.model_validate(_meeting_data(
        quality={"framework": "hd42-khung-a",
                 "scores": {c.id: 1 for c in get_framework("hd42-khung-a").leaves if c.prefill is None}}))
    assert meeting.quality is not None
    posted = meeting.quality.scores["dang_tai_truoc"]
    assert posted.points == 0
    assert posted.reason == "Không đăng tải tài liệu lên Sổ tay đảng viên điện tử trước kỳ sinh hoạt"


def test_a_score_the_data_gives_is_kept_over_the_pre_fill() -> None:
    meeting = Meeting.model_validate(_meeting_data(
        quality={"framework": "phu-tho-dukcq", "scores": {**PHU_THO_SCORES, "ty_le_du": 18}}))
    assert meeting.quality is not None
    assert meeting.quality.scores["ty_le_du"].points == 18
    assert meeting.quality.scores["ty_le_du"].reason is None


def test_the_vote_and_the_confirmation_are_recorded_and_read_against_the_meeting() -> None:
    meeting = Meeting.model_validate(_meeting_data(quality={
        "framework": "phu-tho-dukcq", "scores": PHU_THO_SCORES,
        "adoption_vote": {"subject": "Thông qua kết quả tự chấm điểm", "approve": 11},
        "confirmed_by": "g1"}))
    tally = meeting.quality_tally
    assert tally is not None
    assert (tally.approve, tally.eligible_base, tally.passed) == (11, 12, True)
    assert meeting.quality_confirmer is not None
    assert meeting.quality_confirmer.full_name == "Nguyễn Thị Hương"


def test_a_meeting_with_an_assessment_dumps_and_loads_back_unchanged() -> None:
    meeting = Meeting.model_validate(_meeting_data(
        quality={"framework": "phu-tho-dukcq", "scores": {"chuan_bi": 14, "to_chuc": 41, "ket_thuc": 18}}))
    dumped = meeting.model_dump(mode="json")
    assert dumped["quality"]["framework"] == "phu-tho-dukcq"
    assert dumped["quality"]["scores"]["ty_le_du"]["points"] == 20
    assert Meeting.model_validate(dumped) == meeting


def test_a_broken_meeting_reports_its_own_error_not_the_assessment() -> None:
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(_meeting_data(
            attendance="nobody", quality={"framework": "phu-tho-dukcq", "scores": PHU_THO_SCORES}))
    assert [e["loc"][0] for e in caught.value.errors()] == ["attendance"]


def test_the_scorecard_prints_its_own_assessment_or_the_meetings_not_both() -> None:
    card = load_data(examples_dir() / "phieu-cham-diem-2021-04.yaml")
    assert isinstance(card, Scorecard)
    assert card.quality_assessment.total == 93
    assert card.quality_assessment.scores["ty_le_du"].reason == "Có mặt 13/14 đồng chí, đạt 92,86%"
    data = card.model_dump()
    with pytest.raises(ValidationError, match="no quality assessment to print"), using("en"):
        Scorecard.model_validate({**data, "quality": None})
    both = {**data, "meeting": {**data["meeting"], "quality": data["quality"]}}
    with pytest.raises(ValidationError, match="leave out this document's 'quality'"), using("en"):
        Scorecard.model_validate(both)
    assert Scorecard.model_validate({**both, "quality": None}).quality_assessment.total == 93


def test_an_unknown_framework_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValidationError, match="hd42-khung-a, hd42-khung-b, phu-tho-dukcq"):
        QualityAssessment(framework="lai-chau-14-qdi-tu", scores={})


# -- the year -------------------------------------------------------------------------------


def _year(frame: str, *months: Any) -> AnnualQuality:
    results = [{"month": n, "points": p} if isinstance(p, int) else {"month": n, "rating": p}
               for n, p in enumerate(months, start=1)]
    return AnnualQuality(framework=frame, year=2021, months=results)


@pytest.mark.parametrize(
    ("months", "rating"),
    [
        ([92] * 7 + [85] * 5, "tot"),  # every month Khá or better, 7 Tốt
        ([92] * 6 + [85] * 6, "kha"),  # only 6 Tốt
        ([95] * 11 + [65], "kha"),  # one month Trung bình: not Tốt, still Khá
        ([60] * 12, "kha"),  # every month Trung bình or better (the annual Khá rule, truncated)
        ([60] * 11 + [40], "trung_binh"),  # a month Kém; the average ≥ 50 (assumed rule)
        ([40] * 12, "kem"),
        (["tot"] * 7 + ["kha"] * 5, "tot"),  # ratings alone, no scores
    ],
)
def test_the_phu_tho_year_rolls_up_by_its_rules(months: list[Any], rating: str) -> None:
    assert _year("phu-tho-dukcq", *months).rating == rating


def test_the_hd42_year_needs_twelve_months_ten_tot_and_an_average_of_90() -> None:
    assert _year("hd42-khung-a", *([95] * 10 + [80] * 2)).rating is Rating.TOT  # average 92,5
    assert _year("hd42-khung-a", *([95] * 9 + [88] * 3)).rating is Rating.KHA  # 9 Tốt
    assert _year("hd42-khung-a", *([95] * 11)).rating is Rating.KHA  # 11 months held
    year = _year("hd42-khung-a", *(["tot"] * 12))
    assert year.average is None
    assert year.rating is Rating.TOT
    mixed = _year("hd42-khung-a", *(["tot"] * 10 + ["kha"] * 2))
    assert mixed.rating is Rating.KHA  # at least (10 × 90 + 2 × 70) / 12 = 86,67: not surely 90


def test_the_outcome_names_the_rule_that_gave_the_rating() -> None:
    year = _year("phu-tho-dukcq", *([92] * 7 + [85] * 5))
    assert year.average == Decimal("89.08")
    assert year.outcome.rule is not None
    assert "7" in year.outcome.rule.source
    assert year.outcome.counts == {Rating.TOT: 7, Rating.KHA: 5}
    assert _year("phu-tho-dukcq", *([40] * 12)).outcome.rule is None


def test_a_month_is_given_once_with_points_or_a_rating() -> None:
    with pytest.raises(ValidationError, match="given twice"), using("en"):
        AnnualQuality(framework="phu-tho-dukcq", year=2021,
                      months=[{"month": 1, "points": 90}, {"month": 1, "points": 91}])
    with pytest.raises(ValidationError, match="one of the two"), using("en"):
        MonthResult(month=1, points=90, rating="tot")

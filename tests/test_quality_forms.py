"""The forms of the quality cycle, beyond the golden text of their examples (test_forms_golden).

Issue 11 item 3: the scorecard, the minutes' optional section "Tự đánh giá chất lượng kỳ sinh
hoạt" (only when the meeting has an assessment), the đảng ủy's report on its cells (a month or a
year), the lessons-learned notice, the cell's monthly report: conformant, and the text they print.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import chibo_docs
from chibo_docs import check_document, load_data
from chibo_docs.i18n import using
from chibo_docs.layout.builder import TemplateTag, build_docx
from chibo_docs.models import LessonsNotice, Meeting, Minutes, QualityReport, Scorecard
from chibo_docs.ooxml import visible_text
from chibo_docs.quality import get_framework
from chibo_docs.resources import examples_dir, templates_dir
from chibo_docs.templating.engine import render_template_bytes
from tests.support.builtin_forms import GOLDEN, build_script

pytestmark = pytest.mark.usefixtures("english")  # the messages asserted are the English ones


def _example(name: str) -> Any:
    return load_data(examples_dir() / name)


def _minutes_with_quality(**quality: Any) -> Minutes:
    minutes = _example("bien-ban-2021-04.yaml")
    card = _example("phieu-cham-diem-2021-04.yaml")
    assert isinstance(minutes, Minutes)
    assert isinstance(card, Scorecard)
    assert card.quality
    data = {**card.quality.model_dump(), **quality}
    return Minutes(meeting=Meeting.model_validate({**minutes.meeting.model_dump(), "quality": data}))


def _text(document: Any, tmp_path: Path, name: str) -> str:
    path = chibo_docs.render_docx(document, tmp_path / f"{name}.docx")
    assert check_document(path) == []
    return visible_text(path)


def test_the_minutes_print_the_self_assessment_when_the_meeting_has_one(
    tmp_path: Path, update_golden: bool
) -> None:
    text = _text(_minutes_with_quality(), tmp_path, "bb") + "\n"
    golden = GOLDEN / "bien-ban-tu-danh-gia.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "V- TỰ ĐÁNH GIÁ CHẤT LƯỢNG KỲ SINH HOẠT" in text
    assert "- Tỷ lệ đảng viên tham dự: 20/20 điểm;" in text


def test_the_minutes_without_an_assessment_render_as_before(tmp_path: Path) -> None:
    """The template without the new section renders the example to the very same bytes."""
    minutes = _example("bien-ban-2021-04.yaml")
    spec = build_script().minutes()
    tags = [b.tag if isinstance(b, TemplateTag) else "" for b in spec.body]
    start = tags.index("{%p if meeting.quality %}")
    depth, end = 0, start
    for end in range(start, len(tags)):  # the endif that closes it, past the nested ones
        depth += tags[end].startswith("{%p if ") - (tags[end] == "{%p endif %}")
        if depth == 0:
            break
    before = tmp_path / "bien-ban-before.docx"
    before.write_bytes(build_docx(dataclasses.replace(spec, body=spec.body[:start] + spec.body[end + 1:])))
    assert render_template_bytes(templates_dir() / "bien-ban.docx", minutes) == (
        render_template_bytes(before, minutes))
    assert "TỰ ĐÁNH GIÁ" not in visible_text(chibo_docs.render_bytes(minutes))


def test_without_votes_the_section_is_numbered_iv(tmp_path: Path) -> None:
    minutes = _minutes_with_quality(adoption_vote=None, confirmed_by=None)
    data = minutes.meeting.model_dump()
    no_votes = Minutes(meeting=Meeting.model_validate({**data, "votes": []}))
    text = _text(no_votes, tmp_path, "bb")
    assert "IV- TỰ ĐÁNH GIÁ CHẤT LƯỢNG KỲ SINH HOẠT" in text
    assert "biểu quyết thông qua kết quả tự chấm điểm" not in text
    assert "xác nhận kết quả" not in text


def test_the_scorecard_of_a_framework_with_groups_prints_every_row(tmp_path: Path) -> None:
    card = _example("phieu-cham-diem-2021-04.yaml")
    scores: dict[str, Any] = {c.id: c.max_points for c in get_framework("hd42-khung-a").leaves
                              if c.prefill is None}
    scores |= {"noi_dung_chuyen_de": "khong_ap_dung", "ket_qua": 27}
    data = card.model_dump()
    data["quality"] = {"framework": "hd42-khung-a", "scores": scores, "confirmed_by": "g1"}
    text = _text(Scorecard.model_validate(data), tmp_path, "pcd")
    lines = text.splitlines()
    assert "2 | Tỷ lệ đảng viên dự sinh hoạt | 5 | 5 | " in lines
    assert "2.1 | Tỷ lệ đảng viên có mặt | 4 | 4 | Có mặt 13/14 đồng chí, đạt 92,86%" in lines
    assert "4.3 | Nội dung sinh hoạt chuyên đề theo mục II.3.2 Hướng dẫn số 42-HD/BTCTW | 5 | - | Không áp dụng" in lines
    # HD 12-2018: 90 minutes; the meeting lasted 135
    assert "1 | Thời gian, thời lượng sinh hoạt | 5 | 5 | Sinh hoạt 135 phút (quy định từ 90 phút)" in lines
    # materials not posted: 0 of 2
    assert any(line.startswith("3.5 | Đăng tải tài liệu") and "| 2 | 0 |" in line for line in lines)
    assert "Tổng số điểm: 90/95 điểm (quy đổi: 94,74/100 điểm); xếp loại: Tốt." in lines
    assert "Kết quả tự chấm điểm được chi bộ biểu quyết" not in text


def _report(**changes: Any) -> QualityReport:
    report = _example("bao-cao-danh-gia-2021-04.yaml")
    assert isinstance(report, QualityReport)
    return QualityReport.model_validate({**report.model_dump(), **changes})


def test_the_report_counts_the_cells_of_each_rating_against_the_target() -> None:
    report = _report()
    assert [(r.cell, r.score, r.rating_name) for r in report.rows] == [
        ("Chi bộ Trung tâm Kỹ thuật Tài nguyên", Decimal(93), "Tốt"),
        ("Chi bộ Văn phòng Sở", Decimal(88), "Khá"),
        ("Chi bộ Điện lực thành phố Lai Châu", Decimal(91), "Tốt"),
        ("Chi bộ Sở Xây dựng", Decimal(82), "Khá"),
    ]
    assert [(c.name, c.count, c.percent) for c in report.rating_counts] == [
        ("Tốt", 2, Decimal(50)), ("Khá", 2, Decimal(50)), ("Trung bình", 0, Decimal(0)),
        ("Kém", 0, Decimal(0))]
    assert (report.tot_percent, report.target, report.target_met) == (Decimal(50), Decimal(90), False)


def test_the_scorecards_total_is_the_one_the_report_gives() -> None:
    card = _example("phieu-cham-diem-2021-04.yaml")
    report = _report()
    assert report.rows[0].cell == card.meeting.cell.name
    assert report.rows[0].score == card.quality_assessment.total


def test_a_yearly_report_rolls_each_cells_months_up(tmp_path: Path) -> None:
    months_tot = [{"month": m, "points": 95} for m in range(1, 13)]
    months_kha = [{"month": m, "points": 85 if m % 2 else 92} for m in range(1, 13)]
    report = _report(
        period_month=None, title="kết quả đánh giá chất lượng sinh hoạt chi bộ năm 2021",
        target_percent=None, framework="hd42-khung-a",
        cells=[{"cell": "Chi bộ A", "months": months_tot}, {"cell": "Chi bộ B", "months": months_kha}],
    )
    assert [(r.score, r.rating_name) for r in report.rows] == [(Decimal(95), "Tốt"), (Decimal("88.5"), "Khá")]
    assert report.target == 90  # the framework's target
    text = _text(report, tmp_path, "bcdg")
    assert "TT | Chi bộ | Trực thuộc | Điểm bình quân | Xếp loại" in text
    assert "sinh hoạt chi bộ năm 2021 như sau:" in text
    assert "Tỷ lệ chi bộ xếp loại Tốt: 50%; chỉ tiêu: từ 90% trở lên; chưa đạt chỉ tiêu." in text


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"period_month": None}, "a yearly report gives each cell its months"),
        ({"framework": "hd42-khung-a"}, "is scored with phu-tho-dukcq, the report with hd42-khung-a"),
        ({"cells": [{"cell": "Chi bộ A", "points": 101}]}, "more than the framework's 100"),
        ({"cells": [{"cell": "Chi bộ A", "points": 90, "months": [{"month": 1, "points": 90}]}]},
         "give the cell's result once"),
    ],
)
def test_a_report_whose_results_do_not_fit_is_refused(changes: dict[str, Any], phrase: str) -> None:
    with pytest.raises(ValidationError, match=phrase), using("en"):
        _report(**changes)


def test_a_notice_without_shortcomings_numbers_what_cells_must_apply_ii(tmp_path: Path) -> None:
    notice = _example("thong-bao-rut-kinh-nghiem-2021-04.yaml")
    assert isinstance(notice, LessonsNotice)
    text = _text(LessonsNotice.model_validate({**notice.model_dump(), "shortcomings": []}), tmp_path, "tb")
    assert "II- YÊU CẦU CÁC CHI BỘ, ĐẢNG BỘ CƠ SỞ THỰC HIỆN" in text
    assert "HẠN CHẾ" not in text


def test_each_new_form_has_a_page_in_the_docs_with_its_picture() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    for form_id in ("phieu-cham-diem", "bao-cao", "bao-cao-danh-gia", "thong-bao-rut-kinh-nghiem"):
        page = (docs / "forms" / f"{form_id}.md").read_text(encoding="utf-8")
        assert f"../img/{form_id}.png" in page
        assert (docs / "img" / f"{form_id}.png").stat().st_size > 10_000

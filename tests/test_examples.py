"""The bundled examples validate with no error and no finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from chibo_docs import Plan, Resolution
from chibo_docs.loading.reader import load_data
from chibo_docs.resources import examples_dir
from chibo_docs.rules.checks import warnings

EXAMPLES = sorted(examples_dir().glob("*.yaml"))


def test_there_are_the_examples_of_the_cycle() -> None:
    assert [p.name for p in EXAMPLES] == [
        "bao-cao-04-2021.yaml", "bao-cao-danh-gia-2021-04.yaml", "bien-ban-2021-04.yaml",
        "giay-moi-2021-04.yaml", "ke-hoach-10-2021.yaml", "nghi-quyet-05-2021.yaml",
        "phieu-cham-diem-2021-04.yaml", "thong-bao-rut-kinh-nghiem-2021-04.yaml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_example_validates_without_findings(path: Path) -> None:
    # the warnings chibo_docs.check reports (it takes the documents its rules know)
    assert warnings(load_data(path)) == []


def test_the_example_resolution_reads_as_the_article_describes() -> None:
    resolution = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    assert isinstance(resolution, Resolution)
    meeting = resolution.meeting
    assert resolution.number_line == "Số 05-NQ/CB"
    assert resolution.date_line == "Lai Châu, ngày 26 tháng 4 năm 2021"
    assert meeting.chair.full_name == "Nguyễn Tiến Duyệt"
    assert meeting.cell.upper_header_line == "ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    # 14 members, 2 probationary, 1 excused: base = 12 official, 11 of them present
    assert (meeting.convened_count, meeting.present_count, meeting.eligible_base) == (14, 13, 12)
    assert resolution.adoption_tally.passed
    assert [a.member.full_name for a in meeting.excused] == ["Nguyễn Văn Long"]
    guest_opinions = [o.content for o in meeting.opinions if o.speaker_id.startswith("g")]
    assert any("thông tin thời sự phù hợp" in text for text in guest_opinions)


def test_the_example_plan_cites_its_bases_in_full() -> None:
    plan = load_data(examples_dir() / "ke-hoach-10-2021.yaml")
    assert isinstance(plan, Plan)
    assert plan.number_line == "Số 10-KH/ĐUK"
    assert plan.citation.startswith(
        "Kế hoạch số 10-KH/ĐUK, ngày 28/01/2021 của Ban Thường vụ Đảng ủy Khối Các cơ quan và Doanh nghiệp tỉnh")

"""docs/huong-dan.md, the Vietnamese user guide: its messages are the program's, the README
links it first (issue 10, item 6)."""

from __future__ import annotations

import re

import pytest

from tests.support.paths import REPO
from tools.user_guide_doc import PARTS, generated

GUIDE = REPO / "docs" / "huong-dan.md"


@pytest.mark.parametrize("name", list(PARTS))
def test_the_generated_parts_are_up_to_date(name: str) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert generated(name, text) == PARTS[name](), "run: python -m tools.user_guide_doc docs/huong-dan.md"


def test_the_example_shows_every_mistake_with_its_field_and_line() -> None:
    example = PARTS["example"]()
    assert "bien-ban.yaml: 3 lỗi, 0 cảnh báo, 5 ghi chú" in example  # + V16: the minutes against the meeting
    for field in ("Thời gian bắt đầu (meeting.start), dòng 32",
                  "Lý do vắng (meeting.attendance.8.reason), dòng 55",
                  "Số đồng chí tán thành (meeting.votes.0.approve), dòng 139"):
        assert field in example


def test_the_readme_links_the_guide_first() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+\.md)\)", readme)
    assert links[0] == "docs/huong-dan.md"


def test_the_guide_is_written_in_vietnamese_for_a_cell_secretary() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for step in ("Ghi tệp dữ liệu", "Kiểm tra dữ liệu", "In văn bản và lập hồ sơ", "Trình ký và lưu",
                 "Các thông báo và việc cần làm"):
        assert step in text

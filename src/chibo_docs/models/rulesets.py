"""Rule sets: every threshold of the Party rules, in one place, each with its source.

A rule set is named after the guidance it follows. ``"HD42-2025"`` (Hướng dẫn 42-HD/BTCTW,
28/10/2025, implementing Chỉ thị 50-CT/TW) is the default; ``"HD12-2018"`` (Hướng dẫn
12-HD/BTCTW, 06/7/2018) applies to meetings held before it. To change a threshold, change it
here (or add a rule set); nothing else in the code holds a number.

>>> RULE_SETS["HD42-2025"].min_minutes_combined
120
>>> RULE_SETS["HD12-2018"].sources["min_attendance_percent"]
'HD 12-HD/BTCTW II.3.1: more than 85 % of members attend'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Literal

__all__ = ["DEFAULT_RULE_SET", "RULE_SETS", "RuleSet", "RuleSetId", "get_rule_set"]

RuleSetId = Literal["HD12-2018", "HD42-2025"]

DEFAULT_RULE_SET: RuleSetId = "HD42-2025"


@dataclass(frozen=True)
class RuleSet:
    """The thresholds of one guidance; ``sources`` cites the source of every value."""

    id: str
    title: str
    min_minutes: int
    """V8: shortest acceptable meeting, in minutes."""
    min_minutes_combined: int
    """V8: shortest acceptable combined (regular + thematic) meeting, in minutes."""
    min_attendance_percent: Decimal
    """V9: attendance (members not exempt) needed for a good meeting."""
    attendance_strictly_above: bool
    """V9: whether attendance must be strictly above (``>``) or at least (``≥``) the percent."""
    materials_days_before: int | None
    """V14: materials posted on Sổ tay đảng viên điện tử at least this many days before; None: no rule."""
    cell_min_official: int
    """V12: fewest official members a cell may have."""
    committee_min_official: int
    """V12: official members from which a cell elects a chi ủy."""
    hosted_members_vote: bool
    """V1/V4: whether members in temporary activity here (SHT đến) vote."""
    excused_absentees_leave_base: bool
    """V1: whether official members absent with an accepted reason leave the vote base."""
    two_thirds_items: tuple[str, ...]
    """V3: kinds of agenda item (ContentKind values) whose votes need two thirds of the base."""
    max_excused_in_a_row: int
    """V10: most meetings in a row a member may miss with a reason in a year."""
    removal_months: int
    """V11: months in a year with a meeting missed without a reason that are grounds for removal."""
    thematic_every_months: int
    """V13: a thematic meeting at least once in every this many months (a quarter)."""
    sources: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = {f.name for f in fields(self)} - {"id", "title", "sources"} - set(self.sources)
        if missing:
            raise ValueError(f"rule set {self.id!r} cites no source for {sorted(missing)}")


_CHARTER = {
    "cell_min_official": "Điều lệ Đảng Điều 24 khoản 1: a chi bộ has at least 3 official members",
    "committee_min_official": "Điều lệ Đảng Điều 24 khoản 4: 9 or more official members elect a chi ủy",
    "hosted_members_vote": "not verified (meeting-content §3.2): default 'không biểu quyết', with a warning",
    "excused_absentees_leave_base": "QĐ 24-QĐ/TW 9.3.2 allows it for congresses; for monthly meetings the base is all official members (Lâm Đồng Q&A), so False",
    "two_thirds_items": "Điều lệ Đảng Điều 4 khoản 3 (kết nạp: ít nhất hai phần ba số đảng viên chính thức tán thành, xét từng người một) and Điều 5 (công nhận chính thức, the same way)",
    "removal_months": "Điều lệ Đảng Điều 8 khoản 1: bỏ sinh hoạt chi bộ ba tháng trong năm mà không có lý do chính đáng: chi bộ xem xét, đề nghị xóa tên (the dues half of the rule is not modelled)",
    "thematic_every_months": "HD 12-HD/BTCTW: sinh hoạt chuyên đề ít nhất mỗi quý một lần (meeting-content §1.1, CONFIRMED)",
}

_TWO_THIRDS_ITEMS = ("ket_nap", "chuyen_chinh_thuc")
"""Kết nạp đảng viên, công nhận đảng viên chính thức (ContentKind values)."""

RULE_SETS: dict[str, RuleSet] = {
    "HD12-2018": RuleSet(
        id="HD12-2018",
        title="Hướng dẫn 12-HD/BTCTW, ngày 06/7/2018 (Ban Tổ chức Trung ương)",
        min_minutes=90,
        min_minutes_combined=90,
        min_attendance_percent=Decimal(85),
        attendance_strictly_above=True,
        materials_days_before=None,
        cell_min_official=3,
        committee_min_official=9,
        hosted_members_vote=False,
        excused_absentees_leave_base=False,
        two_thirds_items=_TWO_THIRDS_ITEMS,
        max_excused_in_a_row=3,
        removal_months=3,
        thematic_every_months=3,
        sources={
            "max_excused_in_a_row": "HD 12-HD/BTCTW II.3.1: no member 'vắng có lý do quá 3 lần liên tục trong năm'",
            "min_minutes": "HD 12-HD/BTCTW II.3.3: 'thời gian sinh hoạt chi bộ từ 90 phút trở lên'",
            "min_minutes_combined": "HD 12-HD/BTCTW sets no separate figure for combined meetings",
            "min_attendance_percent": "HD 12-HD/BTCTW II.3.1: more than 85 % of members attend",
            "attendance_strictly_above": "HD 12-HD/BTCTW II.3.1: 'trên 85%'",
            "materials_days_before": "HD 12-HD/BTCTW has no posting rule",
            **_CHARTER,
        },
    ),
    "HD42-2025": RuleSet(
        id="HD42-2025",
        title="Hướng dẫn 42-HD/BTCTW, ngày 28/10/2025 (thực hiện Chỉ thị 50-CT/TW)",
        min_minutes=90,
        min_minutes_combined=120,
        min_attendance_percent=Decimal(90),
        attendance_strictly_above=False,
        materials_days_before=1,
        cell_min_official=3,
        committee_min_official=9,
        hosted_members_vote=False,
        excused_absentees_leave_base=False,
        two_thirds_items=_TWO_THIRDS_ITEMS,
        max_excused_in_a_row=3,
        removal_months=3,
        thematic_every_months=3,
        sources={
            "max_excused_in_a_row": "HD 12-HD/BTCTW II.3.1, kept: HD 42's own figure is [UNCONFIRMED]",
            "min_minutes": "HD 42-HD/BTCTW: at least 90 minutes (luatvietnam summary)",
            "min_minutes_combined": "HD 42-HD/BTCTW: at least 120 minutes when thematic and regular meetings share a session",
            "min_attendance_percent": "HD 42-era scoring frames: ≥ 90 % [UNCONFIRMED]",
            "attendance_strictly_above": "HD 42-era scoring frames: 'từ 90% trở lên' [UNCONFIRMED]",
            "materials_days_before": "HD 42-HD/BTCTW: materials on Sổ tay đảng viên điện tử at least 1 day before",
            **_CHARTER,
        },
    ),
}


def get_rule_set(rule_set_id: str = DEFAULT_RULE_SET) -> RuleSet:
    """Return the rule set with ``rule_set_id`` (default: HD42-2025).

    >>> get_rule_set().min_minutes, get_rule_set("HD12-2018").min_attendance_percent
    (90, Decimal('85'))
    """
    try:
        return RULE_SETS[rule_set_id]
    except KeyError:
        raise KeyError(
            f"no rule set {rule_set_id!r}; choose one of {', '.join(RULE_SETS)}"
        ) from None

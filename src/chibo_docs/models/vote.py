"""Biểu quyết: a vote, and what it takes to pass."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import Field

from chibo_docs.models.base import Count, Id, Line, Model, PositiveInteger, Text

__all__ = ["Vote", "VoteMethod", "VoteThreshold", "required_approvals"]


class VoteMethod(StrEnum):
    """Hình thức biểu quyết — voting method."""

    HANDS = "gio_tay"
    """Giơ tay."""
    PARTY_CARD = "gio_the_dang_vien"
    """Giơ thẻ đảng viên."""
    SECRET_BALLOT = "phieu_kin"
    """Bỏ phiếu kín."""
    E_HANDBOOK = "so_tay_dang_vien_dien_tu"
    """Trên Sổ tay đảng viên điện tử."""


class VoteThreshold(StrEnum):
    """Tỷ lệ cần đạt — what a vote needs to pass."""

    MAJORITY = "qua_mot_nua"
    """Hơn một nửa (Điều lệ Đảng Điều 9 khoản 5): resolutions and conclusions."""
    TWO_THIRDS = "hai_phan_ba"
    """Ít nhất hai phần ba (Điều lệ Đảng Điều 4 khoản 3, Điều 5): admission, confirmation."""


class Vote(Model):
    """Biểu quyết — a vote: subject, method, threshold and counts.

    A vote on admitting or confirming a member names its agenda item (``agenda_item``, of kind
    ``ket_nap`` or ``chuyen_chinh_thuc``) and its one candidate (``candidate``): the chi bộ
    votes on each person separately, and needs two thirds (rule V3).

    The counts are as recorded. Whether the vote passed depends on the vote base, which the
    meeting derives (rule V1): read the vote's :class:`~chibo_docs.models.views.Tally`
    (``meeting.tallies``, ``resolution.adoption_tally``), or ``Tally.of(vote)`` for a vote
    counted against its own ``eligible``.

    >>> Vote(subject="Thông qua nghị quyết", approve=7, disapprove=5, abstain=1).cast
    13
    """

    subject: Line = Field(description="Nội dung biểu quyết — what is voted on")
    method: VoteMethod = Field(default=VoteMethod.HANDS, description="Hình thức biểu quyết — method")
    threshold: VoteThreshold | None = Field(
        default=None,
        description="Tỷ lệ cần đạt — hơn một nửa (qua_mot_nua) or ít nhất 2/3 (hai_phan_ba); when "
        "omitted, from the agenda item voted on: 2/3 for kết nạp and chuyển chính thức, else more "
        "than half",
    )
    agenda_item: PositiveInteger | None = Field(
        default=None, description="Mục chương trình — number (from 1) of the agenda item voted on"
    )
    candidate: Id | None = Field(
        default=None,
        description="Người được xét — the one person voted on, for kết nạp (an id of "
        "meeting.candidates) or chuyển chính thức (a probationary member's id)",
    )
    approve: Count = Field(description="Số đồng chí tán thành — members approving")
    disapprove: Count = Field(default=0, description="Số đồng chí không tán thành — members disapproving")
    abstain: Count = Field(
        default=0, description="Số đồng chí không biểu quyết / có ý kiến khác — members abstaining"
    )
    eligible: Count | None = Field(
        default=None,
        description="Số đảng viên có quyền biểu quyết — vote base; derived from the meeting (V1) when omitted",
    )
    dissent: Text | None = Field(default=None, description="Ý kiến bảo lưu — reserved opinions")

    @property
    def cast(self) -> int:
        """Approve + disapprove + abstain."""
        return self.approve + self.disapprove + self.abstain


def required_approvals(threshold: VoteThreshold, base: int) -> int:
    """Return the fewest approvals of ``base`` voters that pass: ⌊base/2⌋ + 1, or ⌈2·base/3⌉.

    >>> required_approvals(VoteThreshold.MAJORITY, 12), required_approvals(VoteThreshold.TWO_THIRDS, 12)
    (7, 8)
    """
    if threshold is VoteThreshold.MAJORITY:
        return base // 2 + 1
    return max(1, math.ceil(2 * base / 3))

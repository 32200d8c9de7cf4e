"""Biểu quyết: a vote, and what it takes to pass."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import Field, PrivateAttr

from chibo_docs.models.base import Count, Line, Model, Text

__all__ = ["Vote", "VoteMethod", "VoteThreshold"]


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

    The vote base (``eligible_base``) is derived from the meeting the vote belongs to (rule V1);
    a vote outside a meeting takes it from ``eligible``.

    >>> v = Vote(subject="Thông qua nghị quyết", approve=7, disapprove=5, eligible=12)
    >>> v.required, v.passed, v.percent
    (7, True, 58.333333333333336)
    >>> Vote(subject="Kết nạp", threshold="hai_phan_ba", approve=7, eligible=12).passed
    False
    """

    subject: Line = Field(description="Nội dung biểu quyết — what is voted on")
    method: VoteMethod = Field(default=VoteMethod.HANDS, description="Hình thức biểu quyết — method")
    threshold: VoteThreshold = Field(
        default=VoteThreshold.MAJORITY,
        description="Tỷ lệ cần đạt — hơn một nửa (qua_mot_nua) or ít nhất 2/3 (hai_phan_ba)",
    )
    approve: Count = Field(description="Số tán thành — approving")
    disapprove: Count = Field(default=0, description="Số không tán thành — disapproving")
    abstain: Count = Field(
        default=0, description="Số không biểu quyết / ý kiến khác — abstaining"
    )
    eligible: Count | None = Field(
        default=None,
        description="Số đảng viên có quyền biểu quyết — vote base; derived from the meeting (V1) when omitted",
    )
    dissent: Text | None = Field(default=None, description="Ý kiến bảo lưu — reserved opinions")

    _base: int | None = PrivateAttr(default=None)
    _voters_present: int | None = PrivateAttr(default=None)

    def _bind(self, base: int, voters_present: int) -> None:
        self._base = base
        self._voters_present = voters_present

    @property
    def eligible_base(self) -> int | None:
        """Số đảng viên có quyền biểu quyết: from the meeting (V1), else ``eligible``."""
        return self._base if self._base is not None else self.eligible

    @property
    def voters_present(self) -> int | None:
        """Members present who may vote (set when the vote belongs to a meeting)."""
        return self._voters_present

    @property
    def cast(self) -> int:
        """Approve + disapprove + abstain."""
        return self.approve + self.disapprove + self.abstain

    @property
    def required(self) -> int | None:
        """Fewest approvals that pass: ⌊base/2⌋ + 1, or ⌈2·base/3⌉."""
        base = self.eligible_base
        if base is None:
            return None
        if self.threshold is VoteThreshold.MAJORITY:
            return base // 2 + 1
        return max(1, math.ceil(2 * base / 3))

    @property
    def passed(self) -> bool | None:
        """Whether the vote passes (None when the base is unknown)."""
        required = self.required
        return None if required is None else self.approve >= required

    @property
    def percent(self) -> float | None:
        """Approvals as a percent of the vote base (None when the base is unknown or 0)."""
        base = self.eligible_base
        return None if not base else self.approve * 100 / base

    @property
    def threshold_text(self) -> str:
        """'more than half' or 'at least two thirds' (for messages)."""
        return "more than half" if self.threshold is VoteThreshold.MAJORITY else "at least two thirds"

    def shortfall_message(self) -> str:
        """Explain, with the numbers, why the vote does not pass."""
        return (
            f"{self.threshold_text} is needed: {self.approve} of {self.eligible_base} eligible "
            f"approve, at least {self.required} are needed"
        )

"""The parts of a meeting: attendance, agenda items, opinions, assignments.

They hold ids (``member_id``, ``speaker_id``, …), as the data does. The meeting resolves them
to people in the views it builds (:mod:`chibo_docs.models.views`), so a template writes
``speech.speaker.full_name``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from chibo_docs.models.base import Checked, Id, Line, Model, PositiveInteger, Text
from chibo_docs.models.organisation import Guest, Member
from chibo_docs.models.references import DocumentRef

__all__ = [
    "AgendaItem",
    "Assignment",
    "Attendance",
    "AttendanceStatus",
    "Candidate",
    "ContentKind",
    "MeetingKind",
    "Opinion",
    "OpinionKind",
    "Person",
]

Person = Member | Guest


class MeetingKind(StrEnum):
    """Loại kỳ sinh hoạt — kind of meeting."""

    REGULAR = "thuong_ky"
    """Sinh hoạt thường kỳ (monthly)."""
    THEMATIC = "chuyen_de"
    """Sinh hoạt chuyên đề (at least once a quarter)."""
    COMBINED = "thuong_ky_ket_hop_chuyen_de"
    """Thường kỳ kết hợp chuyên đề in one session."""


class AttendanceStatus(StrEnum):
    """Tình hình dự họp — attendance status."""

    PRESENT = "co_mat"
    """Có mặt."""
    EXCUSED = "vang_co_ly_do"
    """Vắng có lý do."""
    UNEXCUSED = "vang_khong_ly_do"
    """Vắng không có lý do."""


class Attendance(Model):
    """Điểm danh — one member's attendance."""

    member_id: Id = Field(description="Mã đảng viên — the member")
    status: AttendanceStatus = Field(
        default=AttendanceStatus.PRESENT, description="Tình hình dự họp — có mặt, vắng có lý do or vắng không lý do"
    )
    reason: Line | None = Field(default=None, description="Lý do vắng — reason for absence")

    @property
    def present(self) -> bool:
        """Whether the member is present."""
        return self.status is AttendanceStatus.PRESENT


class ContentKind(StrEnum):
    """Loại nội dung sinh hoạt — kind of agenda item."""

    OPENING = "khai_mac"
    NEWS = "thoi_su"
    DIRECTIVES = "pho_bien_van_ban"
    IDEOLOGY = "tinh_hinh_tu_tuong"
    HCM_STUDY = "hoc_tap_lam_theo_bac"
    TW4 = "nghi_quyet_tw4"
    MONTH_REVIEW = "danh_gia_thang"
    COMMITMENTS = "cam_ket_tu_duong"
    NEXT_MONTH = "nhiem_vu_thang_toi"
    PRAISE_CRITICISM = "bieu_duong_phe_binh"
    PARTY_DUES = "dang_phi"
    ADMISSION = "ket_nap"
    CONFIRMATION = "chuyen_chinh_thuc"
    THEMATIC_TOPIC = "chuyen_de"
    QUALITY_SCORING = "cham_diem"
    OTHER = "khac"


class Candidate(Model):
    """Quần chúng được xét kết nạp — a person the chi bộ votes on admitting (not yet a member)."""

    id: Id = Field(description="Mã — identifier a vote names as its candidate, e.g. 'q1'")
    full_name: Line = Field(description="Họ và tên — full name")
    position: Line | None = Field(
        default=None, description="Chức vụ, đơn vị công tác — job and workplace, e.g. 'Viên chức phòng Đo đạc'"
    )


class OpinionKind(StrEnum):
    """Loại phát biểu — kind of speech."""

    OPINION = "y_kien"
    """Ý kiến thảo luận."""
    DIRECTION = "chi_dao"
    """Phát biểu chỉ đạo (đại biểu cấp trên)."""
    RESPONSE = "giai_trinh"
    """Tiếp thu, giải trình (chair)."""


class Opinion(Model):
    """Ý kiến phát biểu — one speech, in the order spoken."""

    speaker_id: Id = Field(description="Người phát biểu — a member present or a guest")
    content: Text = Field(description="Nội dung ý kiến — what was said")
    agenda_item: PositiveInteger | None = Field(
        default=None, description="Mục chương trình — number (from 1) of the agenda item it is about"
    )
    kind: OpinionKind = Field(default=OpinionKind.OPINION, description="Loại phát biểu — kind")


class AgendaItem(Model):
    """Nội dung sinh hoạt — one item of the agenda (chương trình)."""

    title: Line = Field(description="Tên nội dung — title of the item")
    kind: ContentKind = Field(default=ContentKind.OTHER, description="Loại nội dung — kind")
    presenter_id: Id | None = Field(default=None, description="Người trình bày — presenter")
    summary: Text | None = Field(default=None, description="Tóm tắt nội dung — summary of what was presented")
    documents: list[DocumentRef] = Field(
        default_factory=list, description="Văn bản phổ biến, quán triệt — documents presented"
    )
    conclusion: Text | None = Field(
        default=None, description="Kết luận nội dung này — the chair's conclusion on this item"
    )


class Assignment(Checked):
    """Phân công nhiệm vụ — a task, who does it, by when.

    A task names who does it: members (``assignee_ids``), a group (``assignee``), or both
    (rule TASK, :mod:`chibo_docs.rules.documents`).
    """

    task: Text = Field(description="Nhiệm vụ — the task")
    assignee_ids: list[Id] = Field(default_factory=list, description="Người thực hiện — members assigned")
    assignee: Line | None = Field(
        default=None, description="Bộ phận thực hiện — a group, e.g. 'Chi ủy', 'Toàn thể đảng viên'"
    )
    deadline: date | None = Field(default=None, description="Thời hạn — deadline")
    deadline_note: Line | None = Field(
        default=None, description="Thời hạn (lời) — a deadline in words, e.g. 'Thường xuyên'"
    )

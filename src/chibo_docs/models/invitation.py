"""Giấy mời: an invitation sent by a chi bộ, e.g. to the bí thư of other cells for a model meeting.

The document type has no confirmed HD 36 abbreviation; ``GM`` is used by analogy
(format-hd36.md §3, UNCONFIRMED), so the number line reads ``Số 03-GM/CB``.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, NaiveDatetime

from chibo_docs.models.base import Checked, Line, Model, PositiveInteger, Text
from chibo_docs.models.document_bases import IssuedDocument
from chibo_docs.models.organisation import Issuer
from chibo_docs.models.references import DocType, Recipients, Signature, blank_number_line

__all__ = ["Event", "Invitation", "Invitee"]


class Invitee(Model):
    """Thành phần được mời — one group of people invited: who, and how many."""

    who: Line = Field(
        description="Đối tượng được mời — who, e.g. 'Bí thư các chi bộ trực thuộc 9 đảng bộ cơ sở Khối Hành chính'"
    )
    count: PositiveInteger | None = Field(default=None, description="Số lượng — how many people, e.g. 35")


class Event(Checked):
    """Sự kiện được mời dự — the meeting or event the invitation is for.

    It ends after it starts, when its end is given (rule V16, :mod:`chibo_docs.rules.documents`).
    """

    name: Line = Field(
        description="Tên sự kiện — what, e.g. 'sinh hoạt chi bộ mẫu tháng 4 năm 2021 của Chi bộ …'"
    )
    start: NaiveDatetime = Field(description="Thời gian bắt đầu — start, local time")
    end: NaiveDatetime | None = Field(default=None, description="Thời gian kết thúc — end, if known")
    place: Line = Field(description="Địa điểm — place, e.g. 'Hội trường Trung tâm Kỹ thuật Tài nguyên'")
    agenda: list[Line] = Field(default_factory=list, description="Nội dung, chương trình — agenda items")

    @property
    def date(self) -> date:
        """The day of the event."""
        return self.start.date()


class Invitation(IssuedDocument):
    """Giấy mời — an invitation to a meeting or event, signed for the issuing body.

    It is issued on or before the day of the event (rule V16).
    """

    doc_type: ClassVar[DocType] = DocType.INVITATION
    document: Literal["invitation"] = Field(
        default="invitation", description="Loại văn bản — 'invitation' (giấy mời)"
    )
    issued_by: Issuer = Field(description="Cơ quan ban hành — the inviting organisation")
    number: PositiveInteger | None = Field(
        default=None, description="Số — number, e.g. 3 → 'Số 03-GM/CB'; blank to write by hand when omitted"
    )
    issued_on: date = Field(description="Ngày ban hành — issue date (before the event)")
    title: Line = Field(
        description="Trích yếu — subject under GIẤY MỜI, e.g. 'dự sinh hoạt chi bộ mẫu tháng 4 năm 2021'"
    )
    event: Event = Field(description="Sự kiện — the meeting invited to: what, when, where, agenda")
    invitees: list[Invitee] = Field(min_length=1, description="Trân trọng kính mời — who is invited")
    request: Text = Field(
        default="Đề nghị các đồng chí bố trí thời gian tham dự đầy đủ, đúng giờ.",
        description="Đề nghị — closing request to the invitees",
    )
    contact: Line | None = Field(
        default=None, description="Liên hệ — contact, e.g. 'đồng chí Phạm Thị Thu Hà, ĐT 0213 3876 xxx'"
    )
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — T/M CHI BỘ, BÍ THƯ (or PHÓ BÍ THƯ), name")

    @property
    def number_line(self) -> str:
        """'Số 03-GM/CB', or 'Số     -GM/CB' with room for a number written by hand."""
        if self.number is None:
            return blank_number_line(self.doc_type.value, self.issued_by.symbol)
        line = super().number_line
        assert line is not None
        return line

    @property
    def invitee_count(self) -> int | None:
        """How many people are invited in all, when every group gives its count."""
        counts = [i.count for i in self.invitees]
        return None if any(c is None for c in counts) else sum(c for c in counts if c)

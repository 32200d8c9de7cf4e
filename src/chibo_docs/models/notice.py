"""Thông báo rút kinh nghiệm: what a đảng ủy's standing committee tells all its cells after
model meetings: what went well, what fell short, and what every cell must apply."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from chibo_docs.models.base import Line, Model, PositiveInteger, Text
from chibo_docs.models.document_bases import IssuedDocument
from chibo_docs.models.organisation import Issuer
from chibo_docs.models.references import DocType, DocumentRef, Recipients, Signature

__all__ = ["LessonsNotice", "ModelMeeting"]


class ModelMeeting(Model):
    """Buổi sinh hoạt chi bộ mẫu — a model meeting the lessons are drawn from."""

    cell: Line = Field(description="Chi bộ — the cell that held it, e.g. 'Chi bộ Trung tâm Kỹ thuật Tài nguyên'")
    unit: Line | None = Field(
        default=None, description="Trực thuộc — the body above the cell, e.g. 'Đảng bộ Sở Tài nguyên và Môi trường'"
    )
    held_on: date = Field(description="Ngày sinh hoạt — the day of the meeting")
    audience: Line | None = Field(
        default=None,
        description="Đối tượng dự, rút kinh nghiệm — who attended to learn, e.g. 'bí thư 35 chi bộ "
        "trực thuộc 9 đảng bộ cơ sở Khối Hành chính'",
    )


class LessonsNotice(IssuedDocument):
    """Thông báo rút kinh nghiệm sinh hoạt chi bộ — the lessons of model meetings, for every cell."""

    doc_type: ClassVar[DocType] = DocType.NOTICE
    document: Literal["lessons_notice"] = Field(
        default="lessons_notice", description="Loại văn bản — 'lessons_notice' (thông báo rút kinh nghiệm)"
    )
    issued_by: Issuer = Field(description="Cơ quan ban hành — the đảng ủy (its standing committee)")
    number: PositiveInteger = Field(description="Số — number, e.g. 12 → 'Số 12-TB/ĐUK'")
    issued_on: date = Field(description="Ngày ban hành — issue date")
    title: Line = Field(
        description="Trích yếu — subject, e.g. 'kết quả rút kinh nghiệm sinh hoạt chi bộ mẫu tháng 4 năm 2021'"
    )
    bases: list[DocumentRef] = Field(
        default_factory=list, description="Thực hiện — documents carried out, e.g. the plan of the model meetings"
    )
    preamble: Text | None = Field(
        default=None, description="Phần mở đầu — lead-in text; the template builds it when omitted"
    )
    meetings: list[ModelMeeting] = Field(min_length=1, description="Các buổi sinh hoạt mẫu — the model meetings")
    strengths: list[Text] = Field(min_length=1, description="Ưu điểm — what went well")
    shortcomings: list[Text] = Field(default_factory=list, description="Hạn chế — what fell short")
    requirements: list[Text] = Field(
        min_length=1, description="Yêu cầu các chi bộ thực hiện — what every cell must apply"
    )
    closing: Text | None = Field(default=None, description="Phần kết — closing sentence")
    recipients: Recipients
    signature: Signature = Field(description="Chữ ký — T/M BAN THƯỜNG VỤ, BÍ THƯ, name")

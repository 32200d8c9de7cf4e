"""Document identity: types and their abbreviations, cited documents, recipients, signature blocks."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Final

from pydantic import AfterValidator, Field

from chibo_docs.formatting.dates import short_date
from chibo_docs.models.base import Checked, Line, Model
from chibo_docs.models.value_errors import value_error

__all__ = [
    "CODE_PATTERN",
    "DocType",
    "DocumentRef",
    "OnBehalf",
    "Recipients",
    "Signature",
    "SignerTitle",
    "blank_number_line",
    "number_line",
]


class DocType(StrEnum):
    """Tên loại văn bản — document type; the value is its abbreviation (ký hiệu)."""

    RESOLUTION = "NQ"
    MINUTES = "BB"
    PLAN = "KH"
    NOTICE = "TB"
    REPORT = "BC"
    DECISION = "QĐ"
    REGULATION = "QĐi"
    DIRECTIVE = "CT"
    CONCLUSION = "KL"
    RULES = "QC"
    CIRCULAR = "TT"
    GUIDANCE = "HD"
    PROGRAMME = "CTr"
    PROJECT = "ĐA"
    SCHEME = "PA"
    SUBMISSION = "TTr"
    LETTER = "CV"
    INVITATION = "GM"
    """Giấy mời: no HD 36 abbreviation seen, GM by analogy (format-hd36 §3, UNCONFIRMED)."""
    SCORECARD = "PCĐ"
    """Phiếu chấm điểm: an unnumbered form of the meeting; PCĐ by analogy when numbered (UNCONFIRMED)."""

    @property
    def type_name(self) -> str:
        """The Vietnamese name of the type: 'Nghị quyết', 'Kế hoạch', …"""
        return _TYPE_NAMES[self]


_TYPE_NAMES = {
    DocType.RESOLUTION: "Nghị quyết",
    DocType.MINUTES: "Biên bản",
    DocType.PLAN: "Kế hoạch",
    DocType.NOTICE: "Thông báo",
    DocType.REPORT: "Báo cáo",
    DocType.DECISION: "Quyết định",
    DocType.REGULATION: "Quy định",
    DocType.DIRECTIVE: "Chỉ thị",
    DocType.CONCLUSION: "Kết luận",
    DocType.RULES: "Quy chế",
    DocType.CIRCULAR: "Thông tri",
    DocType.GUIDANCE: "Hướng dẫn",
    DocType.PROGRAMME: "Chương trình",
    DocType.PROJECT: "Đề án",
    DocType.SCHEME: "Phương án",
    DocType.SUBMISSION: "Tờ trình",
    DocType.LETTER: "Công văn",
    DocType.INVITATION: "Giấy mời",
    DocType.SCORECARD: "Phiếu chấm điểm",
}


def number_line(number: int, doc_type: DocType, symbol: str) -> str:
    """Return the number line ``Số 05-NQ/CB``; numbers below 10 get a leading zero.

    >>> number_line(5, DocType.RESOLUTION, "CB")
    'Số 05-NQ/CB'
    >>> number_line(10, DocType.PLAN, "ĐUK")
    'Số 10-KH/ĐUK'
    """
    return f"Số {number:02d}-{doc_type.value}/{symbol}"


HAND_NUMBER = " " * 4
"""The room left after ``Số `` for a number written by hand on a document printed unnumbered
(the blank of HD 16's biên bản form, ``Số …-BB/…``; format-hd36 §4)."""


def blank_number_line(code: str, symbol: str) -> str:
    """Return the số line of an unnumbered document, with room for a number written by hand.

    ``code`` is the type abbreviation; the line passes the layout check (rule HD36-7).

    >>> blank_number_line(DocType.INVITATION.value, "CB")
    'Số     -GM/CB'
    """
    return f"Số {HAND_NUMBER}-{code}/{symbol}"


CODE_PATTERN: Final = r"^(\d+)-([A-Za-zĐđ]+)/([A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ]*)*)$"
"""What a cited document's number and symbol look like: ``10-KH/ĐUK``."""

_CODE = re.compile(CODE_PATTERN)

Code = Annotated[
    str,
    Field(
        pattern=CODE_PATTERN,
        description="Số, ký hiệu — number and symbol, e.g. '10-KH/ĐUK', '05-CT/TW'",
    ),
]


class DocumentRef(Checked):
    """Văn bản được trích dẫn — a cited document (căn cứ, văn bản được phổ biến).

    Its type comes from the code's abbreviation, or from ``kind`` when the abbreviation is not
    a known type (rule CITE, :mod:`chibo_docs.rules.documents`).
    """

    code: Code
    kind: Line | None = Field(
        default=None,
        description="Tên loại — type name, e.g. 'Hướng dẫn'; derived from the code when omitted",
    )
    issued_on: date = Field(description="Ngày ban hành — issue date")
    issuer: Line = Field(
        description="Cơ quan ban hành — issuer, e.g. 'Ban Thường vụ Tỉnh ủy'"
    )
    summary: Line | None = Field(
        default=None,
        description="Trích yếu — subject, starting 'về …', e.g. 'về nội dung sinh hoạt chi bộ'",
    )

    @property
    def doc_type(self) -> DocType | None:
        """The document type read from the code, if known."""
        match = _CODE.match(self.code)
        abbreviation = match.group(2) if match else ""
        return next((t for t in DocType if t.value == abbreviation), None)

    @property
    def type_name(self) -> str:
        """Tên loại: 'Kế hoạch', 'Hướng dẫn', …"""
        if self.kind is not None:
            return self.kind
        assert self.doc_type is not None
        return self.doc_type.type_name

    @property
    def short_citation(self) -> str:
        """Later mentions: 'Kế hoạch 10-KH/ĐUK'."""
        return f"{self.type_name} {self.code}"

    @property
    def citation(self) -> str:
        """The full first-mention citation.

        >>> DocumentRef(code="10-KH/ĐUK", issued_on=date(2021, 1, 28),
        ...     issuer="Ban Thường vụ Đảng ủy Khối", summary="về sinh hoạt chi bộ mẫu").citation
        'Kế hoạch số 10-KH/ĐUK, ngày 28/01/2021 của Ban Thường vụ Đảng ủy Khối về sinh hoạt chi bộ mẫu'
        """
        text = f"{self.type_name} số {self.code}, ngày {short_date(self.issued_on)} của {self.issuer}"
        return f"{text} {self.summary}" if self.summary else text


class OnBehalf(StrEnum):
    """Thẩm quyền ký (T/M) — the collective body signed for."""

    CELL = "T/M CHI BỘ"
    CELL_COMMITTEE = "T/M CHI ỦY"
    STANDING_COMMITTEE = "T/M BAN THƯỜNG VỤ"
    PARTY_COMMITTEE = "T/M ĐẢNG ỦY"


class SignerTitle(StrEnum):
    """Chức vụ người ký — the signer's title under the T/M line."""

    SECRETARY = "BÍ THƯ"
    DEPUTY_SECRETARY = "PHÓ BÍ THƯ"


class Signature(Model):
    """Thể thức đề ký — the signature block: T/M line, title, name."""

    on_behalf: OnBehalf = Field(
        default=OnBehalf.CELL, description="Thay mặt — 'T/M CHI BỘ', 'T/M CHI ỦY', 'T/M BAN THƯỜNG VỤ'"
    )
    title: SignerTitle = Field(
        default=SignerTitle.SECRETARY, description="Chức vụ — 'BÍ THƯ' or 'PHÓ BÍ THƯ'"
    )
    full_name: Line = Field(description="Họ và tên người ký — signer's name")


def _check_recipients(items: list[str]) -> list[str]:
    for i, item in enumerate(items):
        if item[0] in "-–+•" or item[-1] in ",;.":
            raise value_error("recipient_punctuation", number=i + 1, recipient=item)
    if not items[-1].startswith("Lưu"):
        raise value_error("last_recipient", recipient=items[-1])
    return items


Recipients = Annotated[
    list[Line],
    Field(min_length=1, description="Nơi nhận — recipients; the last is 'Lưu …'"),
    AfterValidator(_check_recipients),
]
"""Nơi nhận: one line per recipient, without the leading '- ' and the final ',' or '.' (the
template adds them); the last is the file copy ('Lưu …').

>>> from pydantic import TypeAdapter
>>> TypeAdapter(Recipients).validate_python(["Đảng ủy Sở", "Lưu Chi bộ"])
['Đảng ủy Sở', 'Lưu Chi bộ']
"""
